// SPDX-License-Identifier: GPL-2.0
/*
 * The board's CP15 operations that are functions: the fault registers,
 * address translation, and the TLB counters QEMU does not have.  The
 * accessors the kernel uses everywhere (get_cr(), cpu_set_ttbr(),
 * tlbiall() ...) are inlined from asm/cp15-v7.h.
 */
#include <asm/cp15.h>
#include "vexpress.h"

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
