// SPDX-License-Identifier: GPL-2.0
/*
 * Sleeping and waking (kernel/sched/core.c, kernel/sched/wait.c), for a
 * kernel with one flow of control.
 *
 * SIMPLIFIED: there are no threads.  A task that must wait (kmap() with
 * every pkmap slot taken, chapter 29) calls schedule() as Linux's does;
 * ours runs, in its place, the simulated tasks queued with
 * sim_task_queue() (what other threads of a real kernel would do while
 * it sleeps), one at a time, until a wake_up() has made the current
 * task runnable again.  When none is left, nothing can wake it: a real
 * kernel would hang there, and the hung-task detector would name it;
 * ours says so and BUG()s.
 */
#include <linux/bug.h>
#include <linux/kernel.h>
#include <linux/preempt.h>
#include <linux/printk.h>
#include <linux/wait.h>

long current_state = TASK_RUNNING;
unsigned long nr_context_switches;
int __preempt_count[NR_CPUS];
static LIST_HEAD(sim_tasks);

void add_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *wait)
{
	list_add_tail(&wait->entry, &wq->head);
}

void remove_wait_queue(struct wait_queue_head *wq,
		       struct wait_queue_entry *wait)
{
	(void)wq;
	list_del(&wait->entry);
}

/* Every waiter of @wq becomes runnable; ours is the current task. */
void wake_up(struct wait_queue_head *wq)
{
	if (waitqueue_active(wq))
		current_state = TASK_RUNNING;
}

void sim_task_queue(struct sim_task *t)
{
	list_add_tail(&t->list, &sim_tasks);
}

void schedule(void)
{
	if (in_atomic()) {
		pr_err("BUG: scheduling while atomic: %s/0x%08x\n",
		       current_comm, preempt_count());
		BUG();
	}
	while (current_state != TASK_RUNNING) {
		struct sim_task *t = list_first_entry_or_null(
			&sim_tasks, struct sim_task, list);

		if (!t) {
			pr_err("INFO: task %s blocked in state D, and no "
			       "other task is left to wake it\n",
			       current_comm);
			BUG();
		}
		list_del(&t->list);
		nr_context_switches++;
		t->fn(t->arg);
	}
}

/* CONFIG_DEBUG_ATOMIC_SLEEP's check (kernel/sched/core.c). */
void ___might_sleep(const char *file, int line)
{
	if (!in_atomic())
		return;
	pr_err("BUG: sleeping function called from invalid context at "
	       "%s:%d\n",
	       file, line);
	pr_err("in_atomic(): %d, irqs_disabled(): 0, non_block: 0, pid: 0, "
	       "name: %s\n",
	       in_atomic(), current_comm);
}
