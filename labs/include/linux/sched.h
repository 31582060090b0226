/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The end of a task (include/linux/sched/task.h).  Our kernel has one
 * flow of control, the current task; on the course's machines that is
 * the running test.  do_exit() ends it: a test harness installs
 * task_exit_hook to turn that into a failed test, otherwise the machine
 * halts with the exit code.
 */
#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H

#include <linux/compiler.h>

/* Signal numbers used as exit codes, as on Linux/ARM. */
#define SIGILL 4
#define SIGTRAP 5
#define SIGBUS 7
#define SIGFPE 8
#define SIGKILL 9
#define SIGSEGV 11

#define SEGV_MAPERR 1
#define SEGV_ACCERR 2
#define BUS_ADRALN 1
#define BUS_OBJERR 3

extern void (*task_exit_hook)(long code);
__noreturn void do_exit(long code);

#endif /* _LINUX_SCHED_H */
