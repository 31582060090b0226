/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The board's CP15 accessors: one MRC or MCR each (ARM ARM B4.1), the
 * barriers, and the TLB operations, as Linux has them in asm/cp15.h,
 * asm/barrier.h and asm/tlbflush.h.  They are inlined where they are
 * used, as Linux's are, for a reason of layout: with
 * CONFIG_STRICT_KERNEL_RWX the head code (__head, the image's first
 * megabyte) runs only at its physical address, and the megabyte is
 * execute-never once the kernel runs (chapter 25), while .text lies a
 * megabyte further on.  An accessor that was a function would have to
 * live in one of the two and would be unreachable from the other.
 *
 * Writes that change translation are followed by an ISB in set_cr(),
 * cpu_set_ttbr() ... so that the next instruction sees them; TLB
 * operations by DSB and ISB so that they are complete when they return.
 * The DSB before a TLB operation, so that the table writes it is for
 * reach the table walk first, is the caller's (Linux's tlbflush.h
 * issues it).  Included by asm/cp15.h on the board only.
 */
#ifndef _ASM_ARM_CP15_V7_H
#define _ASM_ARM_CP15_V7_H

#include <linux/compiler.h>

#define MRC(crn, op1, crm, op2)                                           \
	({                                                                \
		u32 __v;                                                  \
		__asm__ volatile("mrc p15, " #op1 ", %0, " #crn ", " #crm \
				 ", " #op2                                \
				 : "=r"(__v));                            \
		__v;                                                      \
	})
#define MCR(v, crn, op1, crm, op2)                                          \
	__asm__ volatile("mcr p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 \
			 :                                                  \
			 : "r"(v)                                           \
			 : "memory")

static __always_inline void dsb(void)
{
	__asm__ volatile("dsb" : : : "memory");
}

static __always_inline void isb(void)
{
	__asm__ volatile("isb" : : : "memory");
}

/* Raw accessors: the instruction alone, no barrier. */
static __always_inline u32 read_sysreg(enum cp15_sysreg reg)
{
	switch (reg) {
	case SCTLR:
		return MRC(c1, 0, c0, 0);
	case TTBR0_32:
		return MRC(c2, 0, c0, 0);
	case TTBR1_32:
		return MRC(c2, 0, c0, 1);
	case TTBCR:
		return MRC(c2, 0, c0, 2);
	case DACR:
		return MRC(c3, 0, c0, 0);
	case CONTEXTIDR:
		return MRC(c13, 0, c0, 1);
	default:
		return 0; /* the operations are write-only */
	}
}

static __always_inline void write_sysreg(u32 val, enum cp15_sysreg reg)
{
	switch (reg) {
	case SCTLR:
		MCR(val, c1, 0, c0, 0);
		break;
	case TTBR0_32:
		MCR(val, c2, 0, c0, 0);
		break;
	case TTBR1_32:
		MCR(val, c2, 0, c0, 1);
		break;
	case TTBCR:
		MCR(val, c2, 0, c0, 2);
		break;
	case DACR:
		MCR(val, c3, 0, c0, 0);
		break;
	case CONTEXTIDR:
		MCR(val, c13, 0, c0, 1);
		break;
	case ICIALLU:
		MCR(val, c7, 0, c5, 0);
		break;
	case BPIALL:
		MCR(val, c7, 0, c5, 6);
		break;
	case TLBIALL:
		MCR(val, c8, 0, c7, 0);
		break;
	}
}

static __always_inline u32 get_cr(void)
{
	return read_sysreg(SCTLR);
}

static __always_inline void set_cr(u32 val)
{
	dsb();
	write_sysreg(val, SCTLR);
	isb();
}

static __always_inline u32 cpu_get_ttbr(int nr)
{
	return read_sysreg(nr ? TTBR1_32 : TTBR0_32);
}

static __always_inline void cpu_set_ttbr(int nr, u32 val)
{
	dsb(); /* table writes before the walker may use them */
	write_sysreg(val, nr ? TTBR1_32 : TTBR0_32);
	isb();
}

static __always_inline u32 cpu_get_ttbcr(void)
{
	return read_sysreg(TTBCR);
}

static __always_inline void cpu_set_ttbcr(u32 val)
{
	write_sysreg(val, TTBCR);
	isb();
}

static __always_inline u32 get_domain(void)
{
	return read_sysreg(DACR);
}

static __always_inline void set_domain(u32 val)
{
	write_sysreg(val, DACR);
	isb();
}

static __always_inline u32 cpu_get_contextidr(void)
{
	return read_sysreg(CONTEXTIDR);
}

static __always_inline void cpu_set_contextidr(u32 val)
{
	write_sysreg(val, CONTEXTIDR);
	isb();
}

static __always_inline void tlbiall(void)
{
	MCR(0, c8, 0, c7, 0);
	dsb();
	isb();
}

static __always_inline void tlbimva(u32 mva)
{
	MCR(mva, c8, 0, c7, 1);
	dsb();
	isb();
}

static __always_inline void tlbiasid(u32 asid)
{
	MCR(asid, c8, 0, c7, 2);
	dsb();
	isb();
}

static __always_inline void tlbimvaa(u32 va)
{
	MCR(va, c8, 0, c7, 3);
	dsb();
	isb();
}

#endif /* _ASM_ARM_CP15_V7_H */
