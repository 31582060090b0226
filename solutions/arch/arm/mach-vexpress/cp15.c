// SPDX-License-Identifier: GPL-2.0
/*
 * CP15 on the real CPU: one MRC or MCR each (ARM ARM B4.1; Linux wraps
 * the same instructions in arch/arm/include/asm/cp15.h and friends).
 * Writes that change translation are followed by an ISB so that the
 * next instruction sees them; TLB operations by DSB and ISB so that they
 * are complete when the function returns.  The DSB that must come
 * before a TLB operation, so that the table writes it is for reach the
 * table walk first, is the caller's (Linux's tlbflush.h issues it).
 */
#include <asm/cp15.h>
#include "vexpress.h"

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

void dsb(void)
{
	__asm__ volatile("dsb" : : : "memory");
}

void isb(void)
{
	__asm__ volatile("isb" : : : "memory");
}

u32 get_cr(void)
{
	return MRC(c1, 0, c0, 0);
}

void set_cr(u32 val)
{
	dsb();
	MCR(val, c1, 0, c0, 0);
	isb();
}

u32 cpu_get_ttbr(int nr)
{
	return nr ? MRC(c2, 0, c0, 1) : MRC(c2, 0, c0, 0);
}

void cpu_set_ttbr(int nr, u32 val)
{
	dsb(); /* table writes before the walker may use them */
	if (nr)
		MCR(val, c2, 0, c0, 1);
	else
		MCR(val, c2, 0, c0, 0);
	isb();
}

u32 cpu_get_ttbcr(void)
{
	return MRC(c2, 0, c0, 2);
}

void cpu_set_ttbcr(u32 val)
{
	MCR(val, c2, 0, c0, 2);
	isb();
}

u32 get_domain(void)
{
	return MRC(c3, 0, c0, 0);
}

void set_domain(u32 val)
{
	MCR(val, c3, 0, c0, 0);
	isb();
}

u32 cpu_get_contextidr(void)
{
	return MRC(c13, 0, c0, 1);
}

void cpu_set_contextidr(u32 val)
{
	MCR(val, c13, 0, c0, 1);
	isb();
}

void tlbiall(void)
{
	MCR(0, c8, 0, c7, 0);
	dsb();
	isb();
}

void tlbimva(u32 mva)
{
	MCR(mva, c8, 0, c7, 1);
	dsb();
	isb();
}

void tlbiasid(u32 asid)
{
	MCR(asid, c8, 0, c7, 2);
	dsb();
	isb();
}

void tlbimvaa(u32 va)
{
	MCR(va, c8, 0, c7, 3);
	dsb();
	isb();
}

u32 read_dfsr(void)
{
	return MRC(c5, 0, c0, 0);
}

u32 read_dfar(void)
{
	return MRC(c6, 0, c0, 0);
}

u32 read_ifsr(void)
{
	return MRC(c5, 0, c0, 1);
}

u32 read_ifar(void)
{
	return MRC(c6, 0, c0, 2);
}

/* ATS1C{P,U}{R,W}: translate @va as the MMU would, result in PAR. */
u32 ats1c(u32 va, bool user, bool write)
{
	if (!user && !write)
		MCR(va, c7, 0, c8, 0);
	else if (!user)
		MCR(va, c7, 0, c8, 1);
	else if (!write)
		MCR(va, c7, 0, c8, 2);
	else
		MCR(va, c7, 0, c8, 3);
	isb();
	return MRC(c7, 0, c4, 0);
}

/* Raw accessors (asm/cp15.h): the instruction alone, no barrier. */
u32 read_sysreg(enum cp15_sysreg reg)
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

void write_sysreg(u32 val, enum cp15_sysreg reg)
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

/* QEMU's TLB has no counters a guest can read. */
bool machine_tlb_stats(struct machine_tlb_stats *st)
{
	(void)st;
	return false;
}

int machine_tlb_entries(struct machine_tlb_entry *e, int max)
{
	(void)e;
	(void)max;
	return -1;
}
