// SPDX-License-Identifier: GPL-2.0
/*
 * Signals (kernel/signal.c), only as far as a fault needs them.
 *
 * SIMPLIFIED: a process has no handlers, so every signal takes its
 * default action, and for the signals a fault raises (SIGSEGV, SIGBUS,
 * SIGILL) that is death.  Linux delivers the signal on the way back to
 * user mode and the process dies there; ours dies at once, with the
 * signal's number as its wait status (no core dump: RLIMIT_CORE is 0).
 * What the signal said (task_struct->fatal_info) stays with the task.
 */
#include <linux/sched.h>

void force_sig_fault(int sig, int code, unsigned long addr)
{
	/* 5.10 queues this siginfo for a handler; the parent sees it here */
	current->fatal_info = (struct kernel_siginfo){ sig, code, addr };
	do_exit(sig);
}
