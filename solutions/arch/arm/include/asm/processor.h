/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A process's saved machine state (arch/arm/include/asm/processor.h).
 *
 * SIMPLIFIED(v5.10): Linux keeps a process's user registers at the top
 * of its kernel stack (task_pt_regs()) and its kernel registers in
 * thread_info's cpu_context, and switches kernel stacks in __switch_to.
 * Our processes switch only at system calls and exits, where nothing of
 * theirs is left on the kernel's stack, so their user registers are all
 * there is to keep: @regs.  The host port keeps, in @machine, the
 * coroutine that runs the process's code (arch/host/user.c).
 */
#ifndef __ASM_ARM_PROCESSOR_H
#define __ASM_ARM_PROCESSOR_H

#include <asm/ptrace.h>

struct thread_struct {
	struct pt_regs regs; /* its user registers while it does not run */
	struct pt_regs *uregs; /* during a system call: the saved ones */
	void *machine; /* the machine's own state of it, or NULL */
};

/* The registers the current system call will return to user mode with */
#define current_pt_regs() (current->thread.uregs)

struct task_struct;
/* process.c: the child of fork() starts as its parent returns, r0 = 0 */
void copy_thread(struct task_struct *p, const struct pt_regs *regs);

#endif /* __ASM_ARM_PROCESSOR_H */
