// SPDX-License-Identifier: GPL-2.0
/*
 * The host port's TLB.
 *
 * A real MMU caches translations in its TLB and never looks at the
 * tables again until the entry is invalidated; a kernel that changes a
 * descriptor and forgets the TLB maintenance keeps using the old
 * translation.  We reproduce that with two layers:
 *
 *   tlb[]           the entries, as the walker produced them: VA range,
 *                   PA, AP, domain, XN, nG and the ASID they were
 *                   filled under.  Only TLBI operations remove them.
 *   host mappings   the entries usable right now, mmap()ed at their VA
 *                   with the permissions of the current mode and DACR.
 *
 * An access to an address with no host mapping raises SIGSEGV; the
 * handler calls host_mmu_access(), which finds a matching entry (global,
 * or tagged with the current ASID) or walks the tables and fills one,
 * checks the access, and maps the whole entry (4 KiB to 16 MiB) so the
 * instruction can be retried.  A change of mode, DACR, ASID or SCTLR.M
 * drops every host mapping, never an entry, just as such changes leave
 * a real TLB intact.  The capacity is large; when it is exceeded the
 * oldest entries are evicted, as hardware may evict at any time.
 *
 * The counters (machine_tlb_stats()) count what the model sees.  An
 * access through a host mapping that is already in place costs the
 * host nothing and is counted nowhere: a "hit" here is a lookup, after
 * a SIGSEGV, that found a cached entry (the first access after a mode,
 * DACR or ASID change, or to another page of a section's entry); a
 * "walk" is a miss that read the tables and filled an entry; a "fault"
 * a walk that found no valid descriptor.  Real hardware counts every
 * access; the host's numbers are a lower bound on its hits.
 */
#include <string.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <asm/cp15.h>
#include <asm/machine.h>
#include <asm/pgtable-2level-hwdef.h>
#include <asm/ptrace.h>
#include <asm/traps.h>
#include "host.h"

#define TLB_SIZE 4096

struct tlb_entry {
	struct hw_walk w;
	u32 asid;
	u32 synced[2]; /* its descriptors as the last DSB left them */
};

static struct tlb_entry tlb[TLB_SIZE];
static int tlb_count;
static struct machine_tlb_stats stats;

static u32 entry_size(const struct tlb_entry *e)
{
	return 1U << e->w.shift;
}

static bool entry_covers(const struct tlb_entry *e, u32 va)
{
	return va - e->w.va_base < entry_size(e);
}

static u32 current_asid(void)
{
	return host_cpu.contextidr & 0xff;
}

/* The newest entry usable for @va under the current ASID, or NULL. */
static struct tlb_entry *tlb_lookup(u32 va)
{
	for (int i = tlb_count - 1; i >= 0; i--) {
		struct tlb_entry *e = &tlb[i];

		if (entry_covers(e, va) &&
		    (!e->w.ng || e->asid == current_asid()))
			return e;
	}
	return NULL;
}

static void tlb_remove(int i)
{
	host_unmap(tlb[i].w.va_base, entry_size(&tlb[i]));
	memmove(&tlb[i], &tlb[i + 1], (tlb_count - i - 1) * sizeof(tlb[0]));
	tlb_count--;
}

static struct tlb_entry *tlb_insert(const struct hw_walk *w)
{
	if (tlb_count == TLB_SIZE) {
		tlb_remove(0);
		stats.evictions++;
	}
	tlb[tlb_count] =
		(struct tlb_entry){ .w = *w,
				    .asid = current_asid(),
				    .synced = { w->desc[0], w->desc[1] } };
	return &tlb[tlb_count++];
}

/*
 * Translation table writes and TLB maintenance (ARM ARM B3.10.1, "TLB
 * maintenance operations and the memory order model"): a write to a
 * descriptor is guaranteed visible to the table walk only once a DSB
 * has completed it.  Until then a walk may still read the old value,
 * and a walk may happen at any time, so a TLB invalidation issued
 * before the DSB can be undone at once by a refill from the old
 * descriptor.  Linux's flush functions therefore start with dsb().
 *
 * The host cannot see stores, but it can see their effect: each entry
 * keeps its descriptors as the last dsb() found them.  An invalidation
 * of an entry whose descriptor has changed since then is that race
 * lost: the entry stays, refilled from the old descriptor, and the
 * kernel is told which rule it broke.
 */
static u32 desc_now(const struct tlb_entry *e, int k, bool *ok)
{
	return host_read_phys(e->w.desc_pa[k], ok);
}

void host_tlb_dsb(void)
{
	bool ok;

	for (int i = 0; i < tlb_count; i++)
		for (int k = 0; k < (tlb[i].w.page ? 2 : 1); k++) {
			u32 v = desc_now(&tlb[i], k, &ok);

			if (ok)
				tlb[i].synced[k] = v;
		}
}

/* May TLB maintenance @op remove entry @i?  Not if it races a write. */
static bool may_invalidate(int i, const char *op, bool *reported)
{
	const struct tlb_entry *e = &tlb[i];
	bool ok;

	for (int k = 0; k < (e->w.page ? 2 : 1); k++) {
		u32 v = desc_now(e, k, &ok);

		if (!ok || v == e->synced[k])
			continue;
		if (!*reported)
			pr_warn("tlb: %s of VA 0x%08x came before a DSB "
				"completed the write to its %s descriptor at "
				"0x%08x (%08x, now %08x): the table walk may "
				"refill the entry from the old descriptor, so "
				"the translation survives; a dsb() goes "
				"between a translation table write and the "
				"TLB maintenance for it (ARM ARM B3.10.1)\n",
				op, e->w.va_base,
				k ? "second-level" : "first-level",
				e->w.desc_pa[k], e->synced[k], v);
		*reported = true;
		return false;
	}
	return true;
}

/* With the MMU off, VA = PA; map the RAM megabyte around @pa. */
static u32 flat_access(u32 pa, enum hw_access acc)
{
	if (!host_is_ram(pa, 1))
		return FSR_FS_EXT_ABORT | (acc == HW_WRITE ? FSR_WRITE : 0);
	host_map(pa & ~(SECTION_SIZE - 1), pa & ~(SECTION_SIZE - 1),
		 SECTION_SIZE, true);
	return 0;
}

//> ch00 host_mmu_access
/*
 * The TLB entry for @va, from a walk on a miss, and the check of @acc
 * against it: 0 and *@ep, or the fault status the MMU would report.
 */
static u32 tlb_translate(unsigned long va, enum hw_access acc,
			 struct tlb_entry **ep)
{
	struct hw_mmu_regs regs = { host_cpu.ttbr0, host_cpu.ttbr1,
				    host_cpu.ttbcr };
	struct tlb_entry *e;
	struct hw_walk w;

	e = tlb_lookup(va);
	if (e) {
		stats.hits++;
	} else {
		if (hw_walk(&regs, va, host_read_phys, &w)) {
			stats.faults++;
			return w.fsr | (acc == HW_WRITE ? FSR_WRITE : 0);
		}
		stats.walks++;
		e = tlb_insert(&w);
	}
	*ep = e;
	return hw_check_access(&e->w, host_cpu.dacr, host_cpu.user, acc);
}

/**
 * host_mmu_access - make an access to @va possible, as the MMU would
 * @va: the faulting address, below 4 GiB
 * @acc: read, write or fetch
 *
 * Return: 0 when @va is now mapped and the access may be retried, else
 * the fault status the MMU would report.
 */
u32 host_mmu_access(unsigned long va, enum hw_access acc)
{
	struct tlb_entry *e;
	u32 fsr, pa;
	bool writable;

	if (!(host_cpu.sctlr & CR_M))
		return flat_access(va, acc);
	fsr = tlb_translate(va, acc, &e);
	if (fsr)
		return fsr;
	pa = e->w.pa_base + (va - e->w.va_base);
	if (!host_is_ram(pa, 1) || va < 0x10000)
		return FSR_FS_EXT_ABORT | (acc == HW_WRITE ? FSR_WRITE : 0);
	writable =
		!hw_check_access(&e->w, host_cpu.dacr, host_cpu.user, HW_WRITE);
	host_map(e->w.va_base, e->w.pa_base, entry_size(e), writable);
	return 0;
}
//< ch00 host_mmu_access

/**
 * host_mmu_translate - where an access to @va goes, as the MMU decides
 * @va: the address, below 4 GiB
 * @acc: read, write or fetch
 * @pa: the physical address, when the access is allowed
 *
 * The TLB and the walk as host_mmu_access() uses them, without mapping
 * anything into the host: for accesses the port makes itself (a device
 * register, arch/host/mmio.c).
 *
 * Return: 0, or the fault status the MMU would report.
 */
u32 host_mmu_translate(unsigned long va, enum hw_access acc, u32 *pa)
{
	struct tlb_entry *e;
	u32 fsr;

	if (!(host_cpu.sctlr & CR_M)) {
		*pa = (u32)va;
		return 0;
	}
	fsr = tlb_translate(va, acc, &e);
	if (!fsr)
		*pa = e->w.pa_base + (u32)(va - e->w.va_base);
	return fsr;
}

/* The mode, DACR, ASID or MMU enable changed: re-check every entry. */
void host_tlb_changed_context(void)
{
	host_unmap_all();
}

void host_tlb_reset(void)
{
	tlb_count = 0;
	host_unmap_all();
}

/* A fresh machine: an empty TLB and counters from zero. */
void host_tlb_boot(void)
{
	host_tlb_reset();
	memset(&stats, 0, sizeof(stats));
}

bool machine_tlb_stats(struct machine_tlb_stats *st)
{
	*st = stats;
	st->entries = tlb_count;
	return true;
}

int machine_tlb_entries(struct machine_tlb_entry *out, int max)
{
	int n = min(max, tlb_count);

	for (int i = 0; i < n; i++) {
		const struct tlb_entry *e = &tlb[tlb_count - n + i];

		out[i] = (struct machine_tlb_entry){
			.va = e->w.va_base,
			.pa = e->w.pa_base,
			.size = entry_size(e),
			.asid = e->asid,
			.ng = e->w.ng,
		};
	}
	return n;
}

//> ch00 tlbimva
/* Remove the entries covering @va that @match selects. */
static void tlb_invalidate(u32 va, bool any_asid, u32 asid, const char *op)
{
	bool reported = false;

	for (int i = tlb_count - 1; i >= 0; i--) {
		struct tlb_entry *e = &tlb[i];

		if (entry_covers(e, va) &&
		    (any_asid || !e->w.ng || e->asid == asid) &&
		    may_invalidate(i, op, &reported))
			tlb_remove(i);
	}
}

/* The TLBIALL operation alone (a raw write_sysreg(0, TLBIALL)). */
void host_tlbiall(void)
{
	bool reported = false;
	int kept = 0;

	stats.tlbiall++;
	for (int i = 0; i < tlb_count; i++)
		if (!may_invalidate(i, "TLBIALL", &reported))
			tlb[kept++] = tlb[i];
	tlb_count = kept;
	host_unmap_all();
}

/* tlbiall(), like every operation below, is completed by DSB and ISB. */
void tlbiall(void)
{
	host_tlbiall();
	host_tlb_dsb();
}

/* TLBIMVA: entries for VA[31:12] that are global or of ASID mva[7:0]. */
void tlbimva(u32 mva)
{
	stats.tlbimva++;
	tlb_invalidate(mva & 0xfffff000U, false, mva & 0xff, "TLBIMVA");
	host_tlb_dsb();
}
//< ch00 tlbimva

/* TLBIMVAA: entries for the VA, whatever their ASID. */
void tlbimvaa(u32 va)
{
	stats.tlbimvaa++;
	tlb_invalidate(va & 0xfffff000U, true, 0, "TLBIMVAA");
	host_tlb_dsb();
}

/* TLBIASID: every non-global entry of the ASID. */
void tlbiasid(u32 asid)
{
	bool reported = false;

	stats.tlbiasid++;
	for (int i = tlb_count - 1; i >= 0; i--)
		if (tlb[i].w.ng && tlb[i].asid == (asid & 0xff) &&
		    may_invalidate(i, "TLBIASID", &reported))
			tlb_remove(i);
	host_tlb_dsb();
}

/*
 * ATS1C{P,U}{R,W}: a fresh walk and access check, the result in the
 * PAR's format (FS[3:0] in bits 4:1, FS[4] in bit 6).
 */
u32 ats1c(u32 va, bool user, bool write)
{
	struct hw_mmu_regs regs = { host_cpu.ttbr0, host_cpu.ttbr1,
				    host_cpu.ttbcr };
	struct hw_walk w;
	u32 fsr;

	if (!(host_cpu.sctlr & CR_M))
		return va & 0xfffff000U;
	fsr = hw_walk(&regs, va, host_read_phys, &w)
		      ? w.fsr
		      : hw_check_access(&w, host_cpu.dacr, user,
					write ? HW_WRITE : HW_READ);
	if (fsr)
		return PAR_F | ((fsr & 0xf) << 1) |
		       (fsr & FSR_FS4 ? 1U << 6 : 0);
	if (w.shift == SUPERSECTION_SHIFT)
		return (w.pa_base & 0xff000000U) | PAR_SS;
	return (w.pa_base + (va - w.va_base)) & 0xfffff000U;
}

/* asm/machine.h: the fetch alone, a prefetch abort if it is refused. */
void machine_call(unsigned long va)
{
	struct pt_regs regs = { 0 };
	u32 fsr = host_mmu_access(va, HW_EXEC);

	if (!fsr)
		return;
	host_cpu.ifsr = fsr;
	host_cpu.ifar = (u32)va;
	host_cpu.host_pc = (unsigned long)__builtin_return_address(0);
	regs.ARM_pc = (u32)va;
	regs.ARM_cpsr = SVC_MODE;
	do_PrefetchAbort(va, fsr, &regs);
}
