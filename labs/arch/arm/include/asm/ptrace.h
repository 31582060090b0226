/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Registers saved on an exception (arch/arm/include/asm/ptrace.h).
 * On the host port, pc and sp are those of the host instruction that
 * faulted (truncated to 32 bits); the ARM fields mean what they say on
 * the ARM machine.
 */
#ifndef _ASM_ARM_PTRACE_H
#define _ASM_ARM_PTRACE_H

#include <linux/types.h>

struct pt_regs {
	u32 uregs[18];
};

#define ARM_cpsr uregs[16]
#define ARM_pc uregs[15]
#define ARM_lr uregs[14]
#define ARM_sp uregs[13]
#define ARM_ip uregs[12]
#define ARM_fp uregs[11]
#define ARM_r0 uregs[0]
#define ARM_ORIG_r0 uregs[17]

/* CPSR mode field */
#define MODE_MASK 0x1fU
#define USR_MODE 0x10U
#define FIQ_MODE 0x11U
#define IRQ_MODE 0x12U
#define SVC_MODE 0x13U
#define ABT_MODE 0x17U
#define UND_MODE 0x1bU
#define SYSTEM_MODE 0x1fU
#define PSR_F_BIT 0x40U
#define PSR_I_BIT 0x80U

#define processor_mode(regs) ((regs)->ARM_cpsr & MODE_MASK)
#define user_mode(regs) (processor_mode(regs) == USR_MODE)

/* arch/arm/kernel/process.c: a process's first registers */
void start_thread(struct pt_regs *regs, unsigned long pc, unsigned long sp);

#endif /* _ASM_ARM_PTRACE_H */
