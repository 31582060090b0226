// SPDX-License-Identifier: GPL-2.0
/*
 * The CP15 registers of the host port's simulated Cortex-A9.
 *
 * On the board, set_cr() is an MCR instruction; here it is a store to
 * host_cpu plus whatever the hardware would do as a side effect.  The
 * side effect that matters is the TLB's: writes that change how cached
 * translations may be used (SCTLR.M, DACR, the ASID) drop the host
 * mappings, and writes that only change where the next walk starts
 * (TTBR0/1, TTBCR) do nothing, exactly as on ARM, where stale entries
 * survive a TTBR write.
 */
#include <asm/cp15.h>
#include "host.h"

struct host_cpu host_cpu;

u32 get_cr(void)
{
	return host_cpu.sctlr;
}

void set_cr(u32 val)
{
	u32 old = host_cpu.sctlr;

	/* XP is read-as-one on ARMv7; AFE is not modelled (walk.c). */
	host_cpu.sctlr = (val | CR_XP) & ~CR_AFE;
	if ((old ^ host_cpu.sctlr) & CR_M)
		host_tlb_changed_context();
}

u32 cpu_get_ttbr(int nr)
{
	return nr ? host_cpu.ttbr1 : host_cpu.ttbr0;
}

void cpu_set_ttbr(int nr, u32 val)
{
	if (nr)
		host_cpu.ttbr1 = val;
	else
		host_cpu.ttbr0 = val;
}

u32 cpu_get_ttbcr(void)
{
	return host_cpu.ttbcr;
}

void cpu_set_ttbcr(u32 val)
{
	host_cpu.ttbcr = val & (TTBCR_N_MASK | TTBCR_PD0 | TTBCR_PD1);
}

u32 get_domain(void)
{
	return host_cpu.dacr;
}

void set_domain(u32 val)
{
	host_cpu.dacr = val;
	host_tlb_changed_context();
}

u32 cpu_get_contextidr(void)
{
	return host_cpu.contextidr;
}

void cpu_set_contextidr(u32 val)
{
	host_cpu.contextidr = val;
	host_tlb_changed_context();
}

/* The host executes in program order as far as the simulation sees. */
void dsb(void)
{
}

void isb(void)
{
}
