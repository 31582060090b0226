/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Wait queues (include/linux/wait.h), for a kernel with one flow of
 * control: the task that waits is always the current one, and what
 * would run while it sleeps is the simulated tasks of kernel/sched.c.
 */
#ifndef _LINUX_WAIT_H
#define _LINUX_WAIT_H

#include <linux/list.h>
#include <linux/types.h>

#define TASK_RUNNING 0x0000
#define TASK_UNINTERRUPTIBLE 0x0002

struct wait_queue_entry {
	struct list_head entry;
	const char *comm; /* the sleeper, for reports */
};

struct wait_queue_head {
	struct list_head head;
};
typedef struct wait_queue_head wait_queue_head_t;

#define DECLARE_WAIT_QUEUE_HEAD(name) \
	struct wait_queue_head name = { LIST_HEAD_INIT(name.head) }
#define DECLARE_WAITQUEUE(name, tsk) \
	struct wait_queue_entry name = { .comm = (tsk)->comm }

void add_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *wait);
void remove_wait_queue(struct wait_queue_head *wq,
		       struct wait_queue_entry *wait);
void wake_up(struct wait_queue_head *wq);

static inline bool waitqueue_active(struct wait_queue_head *wq)
{
	return !list_empty(&wq->head);
}

/* The current task's state, and the scheduler (kernel/sched.c). */
extern long current_state;
#define __set_current_state(s) (current_state = (s))
void schedule(void);

/*
 * A task that runs when the current one sleeps (SIMPLIFIED: in place of
 * the other threads of a real kernel): @fn(@arg), once.
 */
struct sim_task {
	struct list_head list;
	const char *comm;
	void (*fn)(void *arg);
	void *arg;
};
void sim_task_queue(struct sim_task *t);
extern unsigned long nr_context_switches;

#endif /* _LINUX_WAIT_H */
