// SPDX-License-Identifier: GPL-2.0
/*
 * do_exit(): end the current task (kernel/exit.c).
 *
 * Linux frees the task's resources and schedules another task.  So do
 * we for a process: it leaves the run queue and the machine stops
 * running it; run_user_task() (kernel/sched.c) runs the next.  An oops
 * in the kernel (die() sets oops_in_progress) ends the test that was
 * running, as a test runner's task_exit_hook says, or halts the machine
 * with the code as its exit status.
 */
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <asm/machine.h>

void (*task_exit_hook)(long code);
int oops_in_progress;

struct task_struct init_task = { .pid = 0, .comm = "swapper/0" };
struct task_struct *current = &init_task;

/* Children go to init (NULL: the test); the parent may reap the task. */
static void exit_notify(struct task_struct *tsk, int code)
{
	struct task_struct *p, *n;

	tsk->exit_code = code;
	list_del(&tsk->run_list);
	list_for_each_entry_safe(p, n, &task_list, tasks)
		if (p->parent == tsk) {
			p->parent = NULL;
			if (p->state == EXIT_ZOMBIE)
				release_task(p);
		}
	if (tsk->parent) {
		tsk->state = EXIT_ZOMBIE;
		wake_up_process(tsk->parent);
	} else {
		tsk->state = EXIT_DEAD;
		list_del(&tsk->tasks);
	}
}

/* A reaped task goes (5.10 kernel/exit.c; the task struct with it). */
void release_task(struct task_struct *p)
{
	p->state = EXIT_DEAD;
	list_del(&p->tasks);
	if (p->freeable) {
		if (p == current)
			return; /* SIMPLIFIED: never the running one */
		free_task(p);
	}
}

/*
 * wait4(2): a child's status once it has ended, reaped; with none ended
 * yet, sleep until one ends and run the call again; -ECHILD with no
 * child to wait for.  @pid -1 is any child.  SIMPLIFIED: no rusage, no
 * process groups, WNOHANG the only option.
 */
long sys_wait4(int pid, int __user *stat_addr, int options, void __user *ru)
{
	struct task_struct *p, *n;
	bool children = false;

	(void)ru;
	list_for_each_entry_safe(p, n, &task_list, tasks) {
		if (p->parent != current || (pid > 0 && p->pid != pid))
			continue;
		children = true;
		if (p->state == EXIT_ZOMBIE) {
			long ret = p->pid;

			if (stat_addr && put_user(p->exit_code, stat_addr))
				return -EFAULT;
			release_task(p);
			return ret;
		}
	}
	if (!children)
		return -ECHILD;
	if (options & WNOHANG)
		return 0;
	sleep_in_syscall();
	return -ERESTARTNOINTR;
}

/* The process lets go of its address space (5.10's exit_mm()). */
static void exit_mm(struct task_struct *tsk)
{
	struct mm_struct *mm = tsk->mm;

	if (!mm)
		return;
	tsk->mm = NULL;
	mmput(mm);
}

void do_exit(long code)
{
	if (current != &init_task && !oops_in_progress) {
		exit_mm(current);
		exit_files(current);
		exit_notify(current, (int)code);
		machine_user_stop(current);
	}
	/* An oops: the test that was running, not only a process, ends. */
	oops_in_progress = 0;
	current = &init_task;
	current_comm = init_task.comm;
	if (task_exit_hook)
		task_exit_hook(code);
	machine_halt((int)code);
}

/* exit(2): the status's low byte, in the wait status's second byte. */
long sys_exit(long error_code)
{
	do_exit((error_code & 0xff) << 8);
}
