// SPDX-License-Identifier: GPL-2.0
/*
 * do_exit(): end the current task (kernel/exit.c).
 *
 * Linux frees the task's resources and schedules another task.  We have
 * a single task, so ending it is the harness's business: a test runner
 * sets task_exit_hook and fails the running test; without a hook the
 * machine halts, with the code as its exit status.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <asm/machine.h>

void (*task_exit_hook)(long code);

void do_exit(long code)
{
	if (task_exit_hook)
		task_exit_hook(code);
	machine_halt((int)code);
}
