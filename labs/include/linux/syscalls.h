/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The system calls (include/linux/syscalls.h) of the table in
 * arch/arm/kernel/entry-common.c.  5.10 defines them with
 * SYSCALL_DEFINEn(), which also makes the sys_*() wrappers that take
 * the registers; ours take their arguments as plain C.
 */
#ifndef _LINUX_SYSCALLS_H
#define _LINUX_SYSCALLS_H

#include <linux/compiler.h>
#include <linux/types.h>

__noreturn long sys_exit(long error_code);
long sys_read(unsigned int fd, char __user *buf, size_t count);
long sys_write(unsigned int fd, const char __user *buf, size_t count);
long sys_open(const char __user *filename, int flags, umode_t mode);
long sys_close(unsigned int fd);
long sys_unlink(const char __user *pathname);
long sys_lseek(unsigned int fd, long offset, unsigned int whence);
long sys_getpid(void);
long sys_fork(void);
long sys_wait4(int pid, int __user *stat_addr, int options, void __user *ru);
long sys_sched_yield(void);
long sys_ni_syscall(void);
long sys_mmap2(unsigned long addr, unsigned long len, unsigned long prot,
	       unsigned long flags, unsigned long fd, unsigned long pgoff);
long sys_munmap(unsigned long addr, size_t len);
long sys_mprotect(unsigned long start, size_t len, unsigned long prot);
long sys_fsync(unsigned int fd);
long sys_msync(unsigned long start, size_t len, int flags);
long sys_brk(unsigned long brk);

struct pt_regs;
void invoke_syscall(struct pt_regs *regs); /* arch/arm/kernel/entry-common.c */

/* drivers/char/console.c: what processes wrote to /dev/console, for tests */
extern char user_console[4096];
extern size_t user_console_len;

#endif /* _LINUX_SYSCALLS_H */
