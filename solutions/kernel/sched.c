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
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/preempt.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/wait.h>
#include <asm/machine.h>
#include <asm/mmu_context.h>

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

/*
 * Processes (Part V).  SIMPLIFIED(v5.10 kernel/sched/core.c): one run
 * queue, round robin, and a process is switched only where it enters
 * the kernel anyway: at the end of a system call that asked for it
 * (sched_yield) and at its exit.  The kernel's own flow, the test,
 * plays init: run_user_task() runs the queue until it is empty.
 */
static LIST_HEAD(runqueue);
LIST_HEAD(task_list); /* every process (init_task.tasks in 5.10) */

int last_pid; /* the pid fork() gave last (kernel/pid.c) */

/* A new process, its registers set: it runs at its turn. */
void wake_up_new_task(struct task_struct *tsk)
{
	tsk->state = TASK_RUNNING;
	tsk->need_resched = false;
	last_pid = max(last_pid, tsk->pid);
	list_add_tail(&tsk->run_list, &runqueue);
	list_add_tail(&tsk->tasks, &task_list);
}

/* A sleeping process runs again at its turn (kernel/sched/core.c). */
void wake_up_process(struct task_struct *tsk)
{
	if (tsk->state != TASK_INTERRUPTIBLE)
		return;
	tsk->state = TASK_RUNNING;
	list_add_tail(&tsk->run_list, &runqueue);
}

/* The current process sleeps when its system call ends. */
void sleep_in_syscall(void)
{
	current->state = TASK_INTERRUPTIBLE;
	list_del(&current->run_list);
	current->need_resched = true;
}

/* A process a test builds: it starts at @regs (start_thread()). */
void start_user_task(struct task_struct *tsk, const struct pt_regs *regs)
{
	tsk->thread.regs = *regs;
	tsk->thread.machine = NULL;
	wake_up_new_task(tsk);
}

/**
 * run_user_task - run @tsk, and every process on the run queue, until
 * none is left
 * @tsk: the first process; with a NULL mm it runs in the current tables
 * @regs: its first registers (start_thread())
 *
 * Each turn switches to the next process's address space (switch_mm:
 * TTBR0 and its ASID) and lets the machine run it until it yields or
 * ends.  Return: @tsk's wait status.
 */
int run_user_task(struct task_struct *tsk, const struct pt_regs *regs)
{
	struct mm_struct *active_mm = NULL;

	start_user_task(tsk, regs);
	while (!list_empty(&runqueue)) {
		struct task_struct *next = list_first_entry(
			&runqueue, struct task_struct, run_list);

		if (next->mm && next->mm != active_mm) {
			/* the CPU holds the mm it runs on (5.10's active_mm) */
			switch_mm(active_mm, next->mm, next);
			mmgrab(next->mm);
			if (active_mm)
				mmdrop(active_mm);
			active_mm = next->mm;
		}
		current = next;
		current_comm = next->comm;
		nr_context_switches++;
		machine_user_run(next);
		if (next->state ==
		    TASK_RUNNING) /* it yielded: the queue's end */
			list_move_tail(&next->run_list, &runqueue);
	}
	/*
	 * SIMPLIFIED(v5.10): Linux's idle task keeps borrowing the last
	 * process's mm (lazy TLB) until the next switch; ours goes back to
	 * swapper_pg_dir, so that the processes' tables may be freed.
	 */
	if (active_mm) {
		cpu_switch_mm(init_mm.pgd, &init_mm);
		mmdrop(active_mm);
	}
	current = &init_task;
	current_comm = init_task.comm;
	return tsk->exit_code;
}

/* sched_yield(2): the next process runs when this call returns. */
long sys_sched_yield(void)
{
	current->need_resched = true;
	return 0;
}

/*
 * The end of every system call: run it again if it asked to (5.10's
 * do_signal() for -ERESTARTNOINTR: r0 back to its first argument, the
 * pc back to the svc), and switch if a switch is due.
 */
void syscall_exit_work(struct pt_regs *regs)
{
	if ((s32)regs->ARM_r0 == -ERESTARTNOINTR) {
		regs->ARM_r0 = regs->ARM_ORIG_r0;
		regs->ARM_pc -= 4; /* the svc, an ARM instruction */
	}
	if (!current->need_resched)
		return;
	current->need_resched = false;
	current->thread.regs = *regs;
	machine_user_stop(current);
}
