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
#include <linux/printk.h>
#include <asm/cp15.h>
#include <asm/memory.h>
#include <asm/ptrace.h>
#include <asm/traps.h>
#include "host.h"

struct host_cpu host_cpu;

u32 get_cr(void)
{
	return host_cpu.sctlr;
}

static void __set_cr(u32 val)
{
	host_cpu.pending_mask &= ~(1U << SCTLR);
	u32 old = host_cpu.sctlr;

	/* XP is read-as-one on ARMv7; AFE is not modelled (walk.c). */
	host_cpu.sctlr = (val | CR_XP) & ~CR_AFE;
	if ((old ^ host_cpu.sctlr) & CR_M)
		host_tlb_changed_context();
}

static void check_mmu_on(u32 val, unsigned long host_pc);

void set_cr(u32 val)
{
	dsb(); /* as the board's set_cr() */
	check_mmu_on(val, (unsigned long)__builtin_return_address(0));
	__set_cr(val);
}

u32 cpu_get_ttbr(int nr)
{
	return nr ? host_cpu.ttbr1 : host_cpu.ttbr0;
}

static void __set_ttbr(int nr, u32 val)
{
	host_cpu.pending_mask &= ~(1U << (nr ? TTBR1_32 : TTBR0_32));
	if (nr)
		host_cpu.ttbr1 = val;
	else
		host_cpu.ttbr0 = val;
}

void cpu_set_ttbr(int nr, u32 val)
{
	dsb(); /* table writes before the walker may use them */
	__set_ttbr(nr, val);
}

u32 cpu_get_ttbcr(void)
{
	return host_cpu.ttbcr;
}

void cpu_set_ttbcr(u32 val)
{
	host_cpu.pending_mask &= ~(1U << TTBCR);
	host_cpu.ttbcr = val & (TTBCR_N_MASK | TTBCR_PD0 | TTBCR_PD1);
}

u32 get_domain(void)
{
	return host_cpu.dacr;
}

void set_domain(u32 val)
{
	host_cpu.pending_mask &= ~(1U << DACR);
	host_cpu.dacr = val;
	host_tlb_changed_context();
}

u32 cpu_get_contextidr(void)
{
	return host_cpu.contextidr;
}

void cpu_set_contextidr(u32 val)
{
	host_cpu.pending_mask &= ~(1U << CONTEXTIDR);
	host_cpu.contextidr = val;
	host_tlb_changed_context();
}

/*
 * The host executes in program order as far as the simulation sees,
 * but for the table walk: a descriptor write reaches it at a DSB
 * (tlb.c).
 */
void dsb(void)
{
	if (host_cpu.tlbiall_requested) {
		host_cpu.tlbiall_requested = false;
		host_tlbiall();
	}
	host_tlb_dsb();
}

/* A context synchronisation event: pending raw writes take effect. */
void isb(void)
{
	host_context_sync();
}

/*
 * Raw accessors (asm/cp15.h) and context synchronisation.
 *
 * The architecture guarantees that a write to SCTLR, TTBR0/1, TTBCR,
 * DACR or CONTEXTIDR is seen by later instructions only after a context
 * synchronisation event: an ISB, or taking or returning from an
 * exception (ARM ARM B3.15.5, B5.6).  Until then the CPU may go on
 * translating with the old values.  The host takes that permitted
 * behaviour at its word: a raw write stays pending, visible to a read
 * of the same register (which the architecture orders after the write)
 * but not to translation, until isb() or an abort commits it.  So a
 * sequence that forgets the ISB after turning SCTLR.M on really runs
 * its next access with the MMU off, here.  (QEMU, on the board, makes
 * every CP15 write take effect at once: the same mistake passes there.)
 */
static void commit(enum cp15_sysreg reg, u32 val)
{
	switch (reg) {
	case SCTLR:
		__set_cr(val);
		break;
	case TTBR0_32:
		__set_ttbr(0, val);
		break;
	case TTBR1_32:
		__set_ttbr(1, val);
		break;
	case TTBCR:
		cpu_set_ttbcr(val);
		break;
	case DACR:
		set_domain(val);
		break;
	case CONTEXTIDR:
		cpu_set_contextidr(val);
		break;
	default:
		break;
	}
}

void host_context_sync(void)
{
	u32 mask = host_cpu.pending_mask;

	host_cpu.pending_mask = 0;
	/* in program order would be the same: each commit is independent */
	for (int r = 0; r <= CONTEXTIDR; r++)
		if (mask & (1U << r))
			commit(r, host_cpu.pending[r]);
}

u32 read_sysreg(enum cp15_sysreg reg)
{
	if (reg <= CONTEXTIDR && (host_cpu.pending_mask & (1U << reg)))
		return host_cpu.pending[reg];
	switch (reg) {
	case SCTLR:
		return get_cr();
	case TTBR0_32:
		return cpu_get_ttbr(0);
	case TTBR1_32:
		return cpu_get_ttbr(1);
	case TTBCR:
		return cpu_get_ttbcr();
	case DACR:
		return get_domain();
	case CONTEXTIDR:
		return cpu_get_contextidr();
	default:
		return 0;
	}
}

/* The writes that change how an address is translated. */
#define TRANSLATION_REGS                                              \
	(1U << TTBR0_32 | 1U << TTBR1_32 | 1U << TTBCR | 1U << DACR | \
	 1U << CONTEXTIDR)

/*
 * An SCTLR write that turns M on while TTBR0/1, TTBCR, DACR or
 * CONTEXTIDR writes wait for their context synchronisation: nothing
 * orders the writes among themselves, so the core may translate the
 * next instruction's fetch with M on and the old registers (after reset,
 * a table at address 0 and every domain "no access").  The host runs
 * that fetch, of the instruction after the write at its idmap address,
 * through the registers in effect; if they would not map it to itself,
 * the core takes the prefetch abort the board may take.  (QEMU commits
 * every CP15 write at once: on the board the same code runs on.)
 */
static void fetch_after_sctlr(unsigned long host_pc)
{
	struct hw_mmu_regs regs = { host_cpu.ttbr0, host_cpu.ttbr1,
				    host_cpu.ttbcr };
	u32 pc = (u32)machine_virt_to_idmap(host_pc);
	struct pt_regs pt = { 0 };
	struct hw_walk w;
	u32 fsr;

	fsr = hw_walk(&regs, pc, host_read_phys, &w)
		      ? w.fsr
		      : hw_check_access(&w, host_cpu.dacr, false, HW_EXEC);
	if (!fsr && w.pa_base + (pc - w.va_base) == pc)
		return; /* the old table maps it to itself: no harm */
	pr_alert("8<--- cut here ---\n");
	pr_alert("SCTLR.M written with the TTBR0/TTBR1/TTBCR/DACR writes "
		 "before it not yet synchronised: a CP15 write is in effect "
		 "for later instructions only after a context "
		 "synchronisation (ISB, ARM ARM B3.15.5), and nothing orders "
		 "those writes among themselves; without an isb() between "
		 "them and the SCTLR write, the next instruction (at "
		 "0x%08x) may be fetched with the MMU on through the old "
		 "table and domains (TTBR0 %08x, DACR %08x)\n",
		 pc, host_cpu.ttbr0, host_cpu.dacr);
	host_cpu.ifsr = fsr ? fsr : FSR_FS_TRANS_SECT;
	host_cpu.ifar = pc;
	host_cpu.host_pc = host_pc;
	pt.ARM_pc = pc;
	pt.ARM_cpsr = SVC_MODE;
	do_PrefetchAbort(pc, host_cpu.ifsr, &pt);
}

/* An SCTLR write of @val, from @host_pc: does it turn M on too early? */
static void check_mmu_on(u32 val, unsigned long host_pc)
{
	if ((val & CR_M) && !(host_cpu.sctlr & CR_M) &&
	    (host_cpu.pending_mask & TRANSLATION_REGS))
		fetch_after_sctlr(host_pc);
}

void write_sysreg(u32 val, enum cp15_sysreg reg)
{
	if (reg == SCTLR)
		check_mmu_on(val, (unsigned long)__builtin_return_address(0));
	switch (reg) {
	case ICIALLU:
	case BPIALL:
		break; /* no caches or predictors are simulated */
	case TLBIALL:
		/*
		 * A maintenance operation is only requested by its MCR and
		 * is guaranteed complete only after a DSB (ARM ARM
		 * B3.10.1): until then the TLB may go on translating with
		 * every entry it held, and here it does.
		 */
		host_cpu.tlbiall_requested = true;
		break;
	default:
		host_cpu.pending[reg] = val;
		host_cpu.pending_mask |= 1U << reg;
		break;
	}
}
