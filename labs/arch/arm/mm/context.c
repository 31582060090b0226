// SPDX-License-Identifier: GPL-2.0
/*
 * ASID allocation (arch/arm/mm/context.c).
 *
 * The TLB tags every non-global entry with the ASID that was in
 * CONTEXTIDR when the entry was filled, so address spaces with
 * different ASIDs can share the TLB and a switch of mm needs no flush.
 * ARMv7's short descriptors give 8 bits: 255 usable ASIDs (0 is never
 * handed out).  mm->context.id keeps the ASID in its low 8 bits and,
 * above them, the generation in which it was allocated:
 *
 *   asid_generation   0x100, 0x200, 0x300, ...: bumped at each roll-over
 *   asid_map          the ASIDs taken in the current generation
 *
 * An mm whose id carries an older generation may have had its ASID
 * given to another mm since: it must get a new one before it runs.
 * When all 255 are taken, the allocator rolls over: a new generation,
 * an empty map (except the ASIDs in use right now), and, before the
 * next mm runs, a flush of the whole TLB and of the branch predictor,
 * so that no entry of a recycled ASID survives.
 *
 * SIMPLIFIED(v5.10 context.c): one CPU, so active_asids and
 * reserved_asids are single variables for CPU 0, tlb_flush_pending a
 * bool instead of a cpumask, and no cpu_asid_lock: nothing runs
 * concurrently; new_context() and flush_context() lose their cpu
 * argument, and there is no mm_cpumask().  No PID in CONTEXTIDR
 * (CONFIG_PID_IN_CONTEXTIDR off) and no vmalloc_seq check (chapter 26's
 * vmalloc keeps swapper's entries).
 */
#include <string.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <asm/cp15.h>
#include <asm/mmu_context.h>
#include <asm/tlbflush.h>

#define ASID_FIRST_VERSION (1ULL << ASID_BITS)
#define NUM_USER_ASIDS ASID_FIRST_VERSION

u64 asid_generation = ASID_FIRST_VERSION;
static bool asid_map[NUM_USER_ASIDS]; /* DECLARE_BITMAP in Linux */
static u64 active_asids; /* per CPU in Linux */
static u64 reserved_asids; /* per CPU in Linux */
static bool tlb_flush_pending; /* a cpumask in Linux */

/* The bitmap helpers context.c uses, over an array of bools. */
static unsigned int find_next_zero_bit(const bool *map, unsigned int size,
				       unsigned int offset)
{
	while (offset < size && map[offset])
		offset++;
	return offset;
}

static bool __test_and_set_bit(unsigned int nr, bool *map)
{
	bool old = map[nr];

	map[nr] = true;
	return old;
}

/*
 * flush_context - start a generation: only the ASIDs live on a CPU
 * stay taken, and every CPU must flush its TLB before it runs an mm.
 */
static void flush_context(void)
{
	u64 asid;

	memset(asid_map, 0, sizeof(asid_map));
	asid = active_asids;
	active_asids = 0;
	/*
	 * If this CPU has already been through a rollover but has not run
	 * another task since, its reserved ASID is the only trace of the
	 * mm it is still running: keep it.
	 */
	if (asid == 0)
		asid = reserved_asids;
	asid_map[asid & ~ASID_MASK] = true;
	reserved_asids = asid;
	tlb_flush_pending = true;
}

/* Is @asid the one this CPU kept through the roll-over?  Then renew it. */
static bool check_update_reserved_asid(u64 asid, u64 newasid)
{
	if (reserved_asids == asid) {
		reserved_asids = newasid;
		return true;
	}
	return false;
}

//> ch19 new_context
/*
 * new_context - an ASID of the current generation for @mm
 *
 * Keep mm's old ASID if it was live through the roll-over or is still
 * free; otherwise take the next free one after the last handed out.
 * If none is free, roll over: bump asid_generation by
 * ASID_FIRST_VERSION, flush_context(), and search again from 1.
 * Return: the new context.id, generation | ASID.
 */
static u64 new_context(struct mm_struct *mm)
{
	/* TODO(ch19): keep mm's ASID if still valid, else take a free one,
	   rolling over to a new generation when none is left; see
	   chapters/19-tlb.md, "ASIDs and generations". */
	(void)mm;
	(void)check_update_reserved_asid;
	(void)find_next_zero_bit;
	(void)__test_and_set_bit;
	(void)flush_context;
	return 0;
}
//< ch19 new_context

//> ch19 check_and_switch_context
/*
 * check_and_switch_context - make @mm the current address space
 *
 * Fast path: mm's ASID is of the current generation.  Otherwise give it
 * a new one; after a roll-over, flush the TLB and the branch predictor
 * before the first mm of the new generation runs.
 */
void check_and_switch_context(struct mm_struct *mm, struct task_struct *tsk)
{
	u64 asid = mm->context.id;

	(void)tsk;
	if (!((asid ^ asid_generation) >> ASID_BITS) && active_asids) {
		active_asids = asid;
		goto switch_mm_fastpath;
	}

	/* Check that our ASID belongs to the current generation. */
	if ((asid ^ asid_generation) >> ASID_BITS) {
		asid = new_context(mm);
		mm->context.id = asid;
	}

	if (tlb_flush_pending) {
		tlb_flush_pending = false;
		local_flush_bp_all();
		local_flush_tlb_all();
	}

	active_asids = asid;

switch_mm_fastpath:
	cpu_switch_mm(mm->pgd, mm);
}
//< ch19 check_and_switch_context

/*
 * cpu_switch_mm - CONTEXTIDR, then TTBR0 (proc-v7-2level.S:
 * cpu_v7_switch_mm).  With the ASID written first, no walk through the
 * new table is ever tagged with the old ASID.  Like Linux, we write the
 * low word of context.id whole: the ASID in bits 7:0, and the generation
 * in PROCID, bits 31:8, which the TLB ignores and a debugger or trace
 * unit can read.
 * SIMPLIFIED(v5.10 proc-v7-2level.S): TTBR0's walk attributes are kept
 * from the live value instead of TTB_FLAGS_UP, and there is no
 * cpu_set_reserved_ttbr0() step (the kernel is linked at its load
 * address and runs from global identity and linear-map entries).
 */
void cpu_switch_mm(pgd_t *pgd, struct mm_struct *mm)
{
	u32 flags = cpu_get_ttbr(0) & 0x3fffU;

	cpu_set_contextidr((u32)mm->context.id);
	isb();
	cpu_set_ttbr(0, (u32)__pa((unsigned long)pgd) | flags);
	isb();
}
