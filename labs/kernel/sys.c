// SPDX-License-Identifier: GPL-2.0
/* getpid(2) (kernel/sys.c) and the entry of numbers no call has. */
#include <linux/errno.h>
#include <linux/sched.h>
#include <linux/syscalls.h>

long sys_getpid(void)
{
	return current->pid;
}

/* kernel/sys_ni.c: a number the table has no call for. */
long sys_ni_syscall(void)
{
	return -ENOSYS;
}
