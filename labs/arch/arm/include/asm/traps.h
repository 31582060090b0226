/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Exception entry points (arch/arm/kernel/traps.c, arch/arm/mm/fault.c).
 * Both machines call these: the ARM board from its exception vectors,
 * the host port from its signal handlers.
 */
#ifndef _ASM_ARM_TRAPS_H
#define _ASM_ARM_TRAPS_H

#include <asm/ptrace.h>

void do_DataAbort(unsigned long addr, unsigned int fsr, struct pt_regs *regs);
void do_PrefetchAbort(unsigned long addr, unsigned int ifsr,
		      struct pt_regs *regs);
void do_undefinstr(struct pt_regs *regs);
void do_div0(struct pt_regs *regs);

/* Replace the handler of one fault status (arch/arm/mm/fault.c). */
void hook_fault_code(int nr,
		     int (*fn)(unsigned long, unsigned int, struct pt_regs *),
		     int sig, int code, const char *name);
void hook_ifault_code(int nr,
		      int (*fn)(unsigned long, unsigned int, struct pt_regs *),
		      int sig, int code, const char *name);

/* One line saying why the last task died (die(), panic()): the grader's. */
extern char oops_summary[256];

/*
 * The registers of the last oops (die()), for the grader to name where
 * the kernel was; the harness clears them once read.
 */
extern struct pt_regs oops_regs;

/*
 * The vector table (the board's entry-armv.S; the host's trap.c), and
 * the page devicemaps_init() maps at 0xffff0000 holding its copy.
 */
extern const char __vectors_start[], __vectors_end[];
extern void *vectors_page;
void early_trap_init(void *vectors_base);

/* Print an oops and end the current task (does not return). */
__attribute__((__noreturn__)) void die(const char *str, struct pt_regs *regs,
				       int err);

/* A fault nobody handles: SIGSEGV and co. for a process, else die(). */
void arm_notify_die(const char *str, struct pt_regs *regs, int sig, int code,
		    unsigned long addr, unsigned long err);

/* FSR decoding, as Linux/ARM's fault.h. */
#define FSR_LNX_PF (1U << 31)
#define FSR_CM (1U << 13) /* a cache maintenance operation */
#define FSR_WRITE (1U << 11)
#define FSR_FS4 (1U << 10)
#define FSR_FS3_0 (15U)
static inline int fsr_fs(unsigned int fsr)
{
	return (fsr & FSR_FS3_0) | (fsr & FSR_FS4) >> 6;
}

#endif /* _ASM_ARM_TRAPS_H */
