// SPDX-License-Identifier: GPL-2.0
/*
 * The ARMv7 processor's MMU set-up, arch/arm/mm/proc-v7.S's __v7_setup
 * in C (chapter 15).
 *
 * Before head.S turns the MMU on it calls the processor's set-up
 * function through the proc_info table.  For ARMv7 that is __v7_setup,
 * which leaves the caches, the branch predictor and the TLB with nothing
 * stale in them, programs TTBCR and TTBR1 (the v7_ttb_setup macro of
 * proc-v7-2level.S), and returns the SCTLR value __turn_mmu_on will
 * write.
 *
 * SIMPLIFIED(v5.10 arch/arm/mm/proc-v7.S): the returned SCTLR is the
 * current one with M set; Linux computes it from v7_crval's clear and
 * set masks, which also turn on the caches (C, I), branch prediction
 * (Z) and TEX remap (TRE, with PRRR/NMRR written here).  QEMU models
 * none of the caches; chapter 24 explains TEX remap and what leaving it
 * off changes (arch/arm/mm/proc-v7-2level.c).  The TTB_FLAGS_SMP
 * walk attributes Linux ORs into the TTBRs are left out: QEMU's walks
 * do not go through a cache either.
 * SIMPLIFIED(v5.10 arch/arm/mm/proc-v7.S: __v7_ca9mp_setup): a
 * Cortex-A9 enters through __v7_ca9mp_setup, which first invalidates the
 * L1 D-cache (v7_invalidate_l1) and, in an SMP kernel, sets ACTLR's SMP
 * bit (6) and FW bit (0) for cache and TLB broadcasting, then branches to
 * __v7_setup_cont, which applies the CPU's errata work-arounds (the
 * Cortex-A9 ones are ACTLR and diagnostic-register bits) before the
 * sequence below.  We keep only that sequence: QEMU has no caches to
 * invalidate, one CPU, and none of the errata.
 */
#include <asm/cp15.h>
#include <asm/proc-fns.h>

//> ch15 v7-setup
/**
 * __v7_setup - prepare the CPU for the MMU
 * @pgd: physical address of the first-level table, for TTBR1
 *
 * Return: the SCTLR value that turns the MMU on.
 */
u32 __head __v7_setup(phys_addr_t pgd)
{
	// BEGIN SOLUTION ch15
	write_sysreg(0, ICIALLU); /* I+BTB cache invalidate */
	write_sysreg(0, TLBIALL); /* invalidate I + D TLBs */
	write_sysreg(0, TTBCR); /* v7_ttb_setup: TTBR0 for every VA */
	write_sysreg(pgd, TTBR1_32);
	dsb(); /* complete invalidations */
	return read_sysreg(SCTLR) | CR_M;
	// STUB
	// /* TODO(ch15): invalidate the I-cache (ICIALLU) and the TLB
	//    (TLBIALL), set TTBCR and TTBR1, complete with dsb(), return
	//    SCTLR with M set; see chapters/15-virtual-address-mmu.md,
	//    "Turning it on". */
	// (void)pgd;
	// return read_sysreg(SCTLR);
	// END SOLUTION
}
//< ch15 v7-setup
