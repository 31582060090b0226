// SPDX-License-Identifier: GPL-2.0
/*
 * The system call entry (arch/arm/kernel/entry-common.S, calls.S).
 *
 * A process asks for a call with "svc #0": the number in r7, up to six
 * arguments in r0-r5, the result back in r0 (the ARM EABI's convention;
 * a negative result between -4095 and -1 is an errno).  5.10 does this
 * in assembly, vector_swi, indexing sys_call_table with r7; the board's
 * vector (mach-vexpress/entry-armv.S) saves the registers and calls
 * invoke_syscall(), the host port's svc (arch/host/user.c) calls it too.
 * Numbers without a call get sys_ni_syscall(): -ENOSYS.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <asm/ptrace.h>
#include <uapi/asm/unistd.h>

typedef long (*syscall_fn_t)(long, long, long, long, long, long);

#define __NR_syscalls 400 /* 5.10 arch/arm/tools/syscall.tbl: < 400 */

#define CALL(nr, fn) [nr] = (syscall_fn_t)(void (*)(void))(fn)

static const syscall_fn_t sys_call_table[__NR_syscalls] = {
	CALL(__NR_exit, sys_exit),
	CALL(__NR_fork, sys_fork),
	CALL(__NR_read, sys_read),
	CALL(__NR_write, sys_write),
	CALL(__NR_open, sys_open),
	CALL(__NR_close, sys_close),
	CALL(__NR_unlink, sys_unlink),
	CALL(__NR_lseek, sys_lseek),
	CALL(__NR_getpid, sys_getpid),
	CALL(__NR_wait4, sys_wait4),
	CALL(__NR_sched_yield, sys_sched_yield),
	CALL(__NR_munmap, sys_munmap),
	CALL(__NR_mmap2, sys_mmap2),
	CALL(__NR_mprotect, sys_mprotect),
	CALL(__NR_fsync, sys_fsync),
	CALL(__NR_msync, sys_msync),
	CALL(__NR_brk, sys_brk),
};

/* invoke_syscall - run the call @regs asks for, its result in r0 */
void invoke_syscall(struct pt_regs *regs)
{
	unsigned int nr = regs->uregs[7];
	syscall_fn_t fn = nr < __NR_syscalls ? sys_call_table[nr] : NULL;
	u32 *r = regs->uregs;

	regs->ARM_ORIG_r0 = r[0];
	current->thread.uregs = regs;
	if (!fn)
		fn = (syscall_fn_t)(void (*)(void))sys_ni_syscall;
	r[0] = (u32)fn((long)r[0], (long)r[1], (long)r[2], (long)r[3],
		       (long)r[4], (long)r[5]);
	syscall_exit_work(regs);
}
