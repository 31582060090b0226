// SPDX-License-Identifier: GPL-2.0
/*
 * Chapter 19: the TLB and the table walk unit.
 *
 * The exercises: local_flush_tlb_mm(), local_flush_tlb_page() (asm/
 * tlbflush.h), v7wbi_flush_user_tlb_range() (arch/arm/mm/tlb-v7.c) and
 * new_context() (arch/arm/mm/context.c).
 *
 * Each test maps small pages through a second-level table it installs
 * in the live first-level table (whichever TTBR0 points at), changes a
 * PTE and reads through the address: right after an access the TLB
 * still holds the old translation on both machines, so a read without
 * maintenance must see the old page; after the right flush it must see
 * the new one.  What the architecture only permits (another ASID's entry
 * surviving a flush_tlb_page, a global entry surviving TLBIASID) is
 * asserted on the host's TLB model alone: QEMU's TLB is untagged and
 * empties itself at every CONTEXTIDR write and TLBIASID, which the
 * architecture allows.  Every test puts the live table and CONTEXTIDR
 * back as it found them.
 */
#include <string.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <asm/cp15.h>
#include <asm/mmu_context.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include "ktest.h"

#define KERNEL_VA_BASE 0xf0000000U /* the vmalloc range */
#define USER_VA_BASE 0x00400000U
#define PTE_KERNEL                                              \
	(PTE_TYPE_SMALL | PTE_EXT_AP_UNO_SRW | PTE_BUFFERABLE | \
	 PTE_CACHEABLE | PTE_EXT_TEX(1))
#define PTE_USER (PTE_KERNEL | PTE_EXT_NG)
#define NPAGES 6

static bool on_host(void)
{
	return !strcmp(machine_name, "host");
}

/* The first-level table the MMU walks now. */
static u32 *live_pgd(void)
{
	return (u32 *)__va(cpu_get_ttbr(0) & ~0x3fffU);
}

/* One experiment's mapping: a megabyte slot with its own L2 table. */
struct slot {
	u32 *pgd; /* the first-level table it is installed in */
	u32 va; /* the slot's first address */
	u32 *l2; /* its hardware second-level table */
	struct page *l2_page;
};

static struct page *data[NPAGES]; /* page i holds the word 0x1000 + i */
static u32 saved_ttbr0, saved_contextidr;

static void save_context(void)
{
	saved_ttbr0 = cpu_get_ttbr(0);
	saved_contextidr = cpu_get_contextidr();
	for (int i = 0; i < NPAGES; i++) {
		data[i] = alloc_page(GFP_KERNEL);
		ck_assert_ptr_nonnull(data[i]);
		*(u32 *)page_address(data[i]) = 0x1000 + i;
	}
}

static void restore_context(void)
{
	cpu_set_contextidr(saved_contextidr);
	cpu_set_ttbr(0, saved_ttbr0);
	local_flush_tlb_all();
	for (int i = 0; i < NPAGES; i++)
		__free_page(data[i]);
}

static u32 pa_of(int i)
{
	return (u32)page_to_pfn(data[i]) << PAGE_SHIFT;
}

/* Install an empty L2 table in the first free megabyte at or above @from. */
static void slot_install(struct slot *s, u32 *pgd, u32 from)
{
	u32 idx = from >> SECTION_SHIFT;

	while (pgd[idx] != 0 && idx < HW_L1_ENTRIES - 16)
		idx++;
	ck_assert_msg(pgd[idx] == 0,
		      "no free megabyte at or above %#x in the live table",
		      from);
	s->pgd = pgd;
	s->va = idx << SECTION_SHIFT;
	s->l2_page = alloc_page(GFP_KERNEL);
	ck_assert_ptr_nonnull(s->l2_page);
	s->l2 = page_address(s->l2_page);
	memset(s->l2, 0, PAGE_SIZE);
	pgd[idx] = (u32)__pa((unsigned long)s->l2) | PMD_TYPE_TABLE |
		   PMD_DOMAIN(0);
}

static void slot_remove(struct slot *s)
{
	s->pgd[s->va >> SECTION_SHIFT] = 0;
	local_flush_tlb_all();
	__free_page(s->l2_page);
}

/*
 * Point page @n of the slot at data page @i: a table write, no flush
 * and no barrier, as Linux's set_pte_ext(): the flush that follows
 * issues the dsb() that makes the write visible to the table walk, and
 * the host reports a flush without one.
 */
static void set_pte(struct slot *s, int n, int i, u32 prot)
{
	s->l2[n] = pa_of(i) | prot;
}

#define DSB_REPORT "came before a DSB"

/*
 * Why a flush left an entry: @why, unless the host saw the flush's
 * barrier missing (then that is the rule broken).
 */
static const char *flush_rule(const char *why)
{
	return printk_log_contains(DSB_REPORT)
		       ? "the TLB maintenance came before a dsb() completed "
			 "the table write (the report above), so the walk "
			 "refilled the entry from the old descriptor: each "
			 "flush starts with dsb()"
		       : why;
}

static u32 rd(struct slot *s, int n)
{
	return *(volatile u32 *)(uintptr_t)(s->va + n * PAGE_SIZE);
}

/* A process's address space on the live table, with no ASID yet. */
static void mm_on_live_table(struct mm_struct *mm, struct vm_area_struct *vma,
			     struct slot *s)
{
	mm->pgd = (pgd_t *)live_pgd();
	init_new_context(NULL, mm);
	*vma = (struct vm_area_struct){ .vm_start = s->va,
					.vm_end = s->va + SECTION_SIZE,
					.vm_mm = mm };
}

static void switch_to(struct mm_struct *mm)
{
	check_and_switch_context(mm, NULL);
	ck_assert_msg(ASID(mm) != 0 &&
			      cpu_get_contextidr() == (u32)mm->context.id,
		      "after switching to an mm: expected a nonzero ASID, and "
		      "CONTEXTIDR equal to the low word of context.id "
		      "(generation in bits 31:8, ASID in 7:0), got ASID(mm) "
		      "%u, CONTEXTIDR %#x (new_context() hands out 1..255)",
		      ASID(mm), cpu_get_contextidr());
}

#define EXPECT_WORD(s, n, want, why)                                         \
	do {                                                                 \
		u32 __got = rd(s, n);                                        \
		ck_assert_msg(__got == 0x1000 + (want),                      \
			      "%#x: expected the word of page %c, got %#x: " \
			      "%s",                                          \
			      (s)->va + (n) * (u32)PAGE_SIZE, 'A' + (want),  \
			      __got, flush_rule(why));                       \
	} while (0)

START_TEST(kernel_page_stale_until_flushed)
{
	struct slot s;

	save_context();
	printk_log_clear();
	slot_install(&s, live_pgd(), KERNEL_VA_BASE);
	set_pte(&s, 0, 0, PTE_KERNEL);
	set_pte(&s, 1, 0, PTE_KERNEL);
	EXPECT_WORD(&s, 0, 0, "a fresh mapping reads its page");
	set_pte(&s, 0, 1, PTE_KERNEL);
	EXPECT_WORD(&s, 0, 0,
		    "the TLB keeps the old translation until it is flushed");
	local_flush_tlb_kernel_page(s.va);
	EXPECT_WORD(&s, 0, 1, "flush_tlb_kernel_page() drops the old entry");

	EXPECT_WORD(&s, 1, 0, "a fresh mapping reads its page");
	set_pte(&s, 1, 1, PTE_KERNEL);
	EXPECT_WORD(&s, 1, 0, "no flush, no new translation");
	flush_tlb_all();
	EXPECT_WORD(&s, 1, 1, "flush_tlb_all() drops every entry");

	/* A user-range flush reaches global (kernel) entries too. */
	set_pte(&s, 1, 0, PTE_KERNEL);
	EXPECT_WORD(&s, 1, 1, "no flush, no new translation");
	{
		struct mm_struct mm = { .pgd = (pgd_t *)live_pgd() };
		struct vm_area_struct vma = { .vm_start = s.va,
					      .vm_end = s.va + SECTION_SIZE,
					      .vm_mm = &mm };

		flush_tlb_range(&vma, s.va + PAGE_SIZE, s.va + 2 * PAGE_SIZE);
	}
	EXPECT_WORD(&s, 1, 0,
		    "flush_tlb_range() of one page is one TLBIMVA, which "
		    "removes a global entry whatever the ASID field");
	slot_remove(&s);
	restore_context();
}
END_TEST

START_TEST(flush_tlb_page_takes_the_asid)
{
	struct mm_struct mm1, mm2;
	struct vm_area_struct vma1, vma2;
	struct slot s;

	save_context();
	slot_install(&s, live_pgd(), USER_VA_BASE);
	mm_on_live_table(&mm1, &vma1, &s);
	mm_on_live_table(&mm2, &vma2, &s);
	set_pte(&s, 0, 0, PTE_USER);
	switch_to(&mm1);
	EXPECT_WORD(&s, 0, 0, "a fresh mapping reads its page");
	switch_to(&mm2);
	ck_assert_msg(ASID(&mm1) != ASID(&mm2),
		      "two live mms got the same ASID %u", ASID(&mm1));
	EXPECT_WORD(&s, 0, 0, "a fresh mapping reads its page");
	printk_log_clear();
	set_pte(&s, 0, 1, PTE_USER);
	EXPECT_WORD(&s, 0, 0, "no flush, no new translation");

	flush_tlb_page(&vma2, s.va + 0x123);
	EXPECT_WORD(&s, 0, 1,
		    "flush_tlb_page() drops the page's entry of vma's ASID: "
		    "TLBIMVA's operand is (uaddr & PAGE_MASK) | ASID(mm), "
		    "an ASID field of 0 misses a non-global entry");
	switch_to(&mm1);
	if (on_host())
		EXPECT_WORD(&s, 0, 0,
			    "flush_tlb_page(vma of another mm) must leave "
			    "this ASID's entry: TLBIMVA with vma's ASID in "
			    "bits 7:0, not TLBIMVAA (any ASID)");
	set_pte(&s, 0, 2, PTE_USER);
	flush_tlb_page(&vma1, s.va);
	EXPECT_WORD(&s, 0, 2, "flush_tlb_page(vma1) drops mm1's entry");
	slot_remove(&s);
	restore_context();
}
END_TEST

START_TEST(flush_tlb_mm_takes_only_its_asid)
{
	struct mm_struct mm1, mm2;
	struct vm_area_struct vma1, vma2;
	struct slot u, k;

	save_context();
	slot_install(&u, live_pgd(), USER_VA_BASE);
	slot_install(&k, live_pgd(), KERNEL_VA_BASE);
	mm_on_live_table(&mm1, &vma1, &u);
	mm_on_live_table(&mm2, &vma2, &u);
	set_pte(&u, 0, 0, PTE_USER);
	set_pte(&u, 1, 0, PTE_USER);
	set_pte(&k, 0, 0, PTE_KERNEL);
	switch_to(&mm1);
	switch_to(&mm2);
	EXPECT_WORD(&u, 0, 0, "a fresh mapping reads its page");
	EXPECT_WORD(&u, 1, 0, "a fresh mapping reads its page");
	EXPECT_WORD(&k, 0, 0, "a fresh mapping reads its page");
	set_pte(&u, 0, 1, PTE_USER);
	set_pte(&u, 1, 1, PTE_USER);
	set_pte(&k, 0, 1, PTE_KERNEL);

	flush_tlb_mm(&mm1);
	if (on_host())
		EXPECT_WORD(&u, 0, 0,
			    "flush_tlb_mm(mm1) must leave mm2's entries: "
			    "TLBIASID with mm1's ASID");
	/* a fresh write: the flush under test must complete it itself */
	printk_log_clear();
	set_pte(&u, 0, 2, PTE_USER);
	set_pte(&u, 1, 2, PTE_USER);
	flush_tlb_mm(&mm2);
	EXPECT_WORD(&u, 0, 2,
		    "flush_tlb_mm(mm) drops every non-global entry of "
		    "ASID(mm): TLBIASID");
	EXPECT_WORD(&u, 1, 2,
		    "flush_tlb_mm(mm) drops every non-global entry of "
		    "ASID(mm): TLBIASID");
	if (on_host())
		EXPECT_WORD(&k, 0, 0,
			    "flush_tlb_mm() must leave global (kernel) "
			    "entries: TLBIASID, not TLBIALL");
	slot_remove(&k);
	slot_remove(&u);
	restore_context();
}
END_TEST

START_TEST(flush_tlb_range_covers_every_page)
{
	struct machine_tlb_stats before = { 0 }, after = { 0 };
	struct mm_struct mm;
	struct vm_area_struct vma;
	bool have_stats;
	struct slot s;

	save_context();
	slot_install(&s, live_pgd(), USER_VA_BASE);
	mm_on_live_table(&mm, &vma, &s);
	switch_to(&mm);
	for (int n = 0; n < 6; n++)
		set_pte(&s, n, 0, PTE_USER);
	for (int n = 0; n < 6; n++)
		EXPECT_WORD(&s, n, 0, "a fresh mapping reads its page");
	printk_log_clear();
	for (int n = 0; n < 6; n++)
		set_pte(&s, n, 1, PTE_USER);

	/* [va + 0x800, va + 3 pages + 1): pages 0..3, not page 4 */
	have_stats = machine_tlb_stats(&before);
	flush_tlb_range(&vma, s.va + 0x800, s.va + 3 * PAGE_SIZE + 1);
	machine_tlb_stats(&after);
	for (int n = 0; n < 4; n++) {
		u32 got = rd(&s, n);
		u64 ops = after.tlbimva - before.tlbimva;

		ck_assert_msg(
			got == 0x1001,
			"flush_tlb_range(va + 0x800, va + 3 pages + 1) "
			"left page %d's entry (ASID %u, not global): "
			"expected the word of page B, got %#x: %s",
			n, ASID(&mm), got,
			flush_rule(
				have_stats && ops >= 4
					? "it issued a TLBIMVA for each of the "
					  "4 "
					  "pages, so their ASID field was not "
					  "ASID(vma->vm_mm): each operand is "
					  "the page's address | the ASID in "
					  "bits 7:0"
				: have_stats
					? "it issued fewer TLBIMVAs than the 4 "
					  "pages the range touches: every "
					  "page, "
					  "the first and the last partial ones "
					  "included"
					: "every page the range touches, the "
					  "first and the last partial ones "
					  "included, each with "
					  "ASID(vma->vm_mm) "
					  "in bits 7:0"));
	}
	if (on_host())
		EXPECT_WORD(&s, 4, 0,
			    "flush_tlb_range() must stop at the range's end");

	/* [va + 4 pages, va + 5 pages): page 4 alone, the end aligned */
	flush_tlb_range(&vma, s.va + 4 * PAGE_SIZE, s.va + 5 * PAGE_SIZE);
	EXPECT_WORD(&s, 4, 1,
		    "flush_tlb_range(va + 4 pages, va + 5 pages) drops "
		    "page 4");
	if (on_host())
		EXPECT_WORD(&s, 5, 0,
			    "flush_tlb_range(va + 4 pages, va + 5 pages) must "
			    "leave page 5: [start, end) is half-open, so a "
			    "page-aligned end is the first page not flushed");
	slot_remove(&s);
	restore_context();
}
END_TEST

/* mm's generation, the bits above the ASID */
static u64 gen(const struct mm_struct *mm)
{
	return mm->context.id >> ASID_BITS;
}

START_TEST(asids_roll_over_with_a_flush)
{
	static struct mm_struct mms[256];
	struct vm_area_struct vma;
	struct mm_struct first;
	u64 g0 = asid_generation >> ASID_BITS;
	bool seen[256] = { false };
	struct slot s;

	save_context();
	slot_install(&s, live_pgd(), USER_VA_BASE);
	mm_on_live_table(&first, &vma, &s);
	set_pte(&s, 0, 0, PTE_USER);
	switch_to(&first);
	EXPECT_WORD(&s, 0, 0, "a fresh mapping reads its page");
	set_pte(&s, 0, 1, PTE_USER); /* first's entry is now stale */
	seen[ASID(&first)] = true;

	/* 254 more new mms use up ASIDs 1..255 of this generation. */
	for (int i = 0; i < 254; i++) {
		mm_on_live_table(&mms[i], &vma, &s);
		switch_to(&mms[i]);
		ck_assert_msg(gen(&mms[i]) == g0,
			      "new mm %d of 255: expected generation %llu, "
			      "got %llu (no roll-over while an ASID is free)",
			      i + 2, (unsigned long long)g0,
			      (unsigned long long)gen(&mms[i]));
		ck_assert_msg(!seen[ASID(&mms[i])],
			      "new mm %d got ASID %u, already in use in this "
			      "generation",
			      i + 2, ASID(&mms[i]));
		seen[ASID(&mms[i])] = true;
	}
	/* The 256th needs a new generation, and may reuse first's ASID. */
	mm_on_live_table(&mms[254], &vma, &s);
	switch_to(&mms[254]);
	ck_assert_msg(gen(&mms[254]) == g0 + 1,
		      "the 256th mm: expected a roll-over to generation "
		      "%llu, got %llu",
		      (unsigned long long)g0 + 1,
		      (unsigned long long)gen(&mms[254]));
	ck_assert_msg((asid_generation >> ASID_BITS) == g0 + 1,
		      "asid_generation: expected %llu after one roll-over, "
		      "got %llu",
		      (unsigned long long)g0 + 1,
		      (unsigned long long)(asid_generation >> ASID_BITS));
	EXPECT_WORD(&s, 0, 1,
		    "after a roll-over an ASID may be recycled, so "
		    "the TLB must be flushed (flush_context() marks it, "
		    "check_and_switch_context() flushes)");
	/* An mm of the old generation gets a current ASID at its switch. */
	switch_to(&first);
	ck_assert_msg(gen(&first) == g0 + 1 && ASID(&first) != ASID(&mms[254]),
		      "an mm of an old generation switched in: expected "
		      "generation %llu and an ASID other than %u, got "
		      "generation %llu, ASID %u",
		      (unsigned long long)g0 + 1, ASID(&mms[254]),
		      (unsigned long long)gen(&first), ASID(&first));
	slot_remove(&s);
	restore_context();
}
END_TEST

/*
 * Four processes, each with its own copy of the live first-level table
 * and its own page at the same user address; a random sequence of
 * switches and exits (a new mm in the slot) crosses several roll-overs.
 * Invariants after every switch: a nonzero ASID of the current
 * generation, different from every other mm of the generation, and the
 * address reads the running mm's own page.
 */
START_TEST(random_switches_keep_asids_apart)
{
	enum { NR = 4 };
	struct mm_struct mm[NR];
	struct vm_area_struct vma;
	struct page *pgd_page[NR];
	struct slot s[NR];
	unsigned int seed = 19190119;
	u64 g_start = asid_generation;

	save_context();
	ktest_rng = seed;
	for (int i = 0; i < NR; i++) {
		pgd_page[i] = alloc_pages(GFP_KERNEL, 2); /* 16 KiB aligned */
		ck_assert_ptr_nonnull(pgd_page[i]);
		memcpy(page_address(pgd_page[i]), live_pgd(), 0x4000);
		slot_install(&s[i], page_address(pgd_page[i]), USER_VA_BASE);
		mm_on_live_table(&mm[i], &vma, &s[i]);
		mm[i].pgd = page_address(pgd_page[i]);
		set_pte(&s[i], 0, i, PTE_USER);
	}
	for (int step = 0; step < 1500; step++) {
		int i = ktest_rand() % NR;

		if (ktest_rand() % 3 == 0)
			init_new_context(NULL, &mm[i]); /* exit, exec */
		switch_to(&mm[i]);
		for (int j = 0; j < NR; j++)
			ck_assert_msg(j == i || !mm[j].context.id ||
					      gen(&mm[j]) != gen(&mm[i]) ||
					      ASID(&mm[j]) != ASID(&mm[i]),
				      "seed %u step %d: mm %d and mm %d share "
				      "ASID %u in generation %llu",
				      seed, step, i, j, ASID(&mm[i]),
				      (unsigned long long)gen(&mm[i]));
		ck_assert_msg(
			(mm[i].context.id ^ asid_generation) >> ASID_BITS == 0,
			"seed %u step %d: the running mm's id %#llx is "
			"not of generation %#llx",
			seed, step, (unsigned long long)mm[i].context.id,
			(unsigned long long)asid_generation);
		{
			u32 got = rd(&s[i], 0);

			ck_assert_msg(got == 0x1000 + (u32)i,
				      "seed %u step %d: mm %d (ASID %u) read "
				      "%#x, expected %#x: another mm's entry "
				      "under the same ASID",
				      seed, step, i, ASID(&mm[i]), got,
				      0x1000 + i);
		}
	}
	ck_assert_msg(asid_generation > g_start + (1ULL << ASID_BITS),
		      "seed %u: expected at least two roll-overs in 1500 "
		      "switches, the generation went from %#llx to %#llx",
		      seed, (unsigned long long)g_start,
		      (unsigned long long)asid_generation);
	cpu_set_ttbr(0, saved_ttbr0);
	for (int i = 0; i < NR; i++) {
		__free_page(s[i].l2_page);
		__free_pages(pgd_page[i], 2);
	}
	restore_context();
}
END_TEST

KTEST_SUITE(ch19) = {
	.chapter = "19",
	.title = "The TLB and the table walk unit",
	.boot = ktest_boot_paging,
	.timeout = 20,
	.tests = KTESTS(kernel_page_stale_until_flushed,
			flush_tlb_page_takes_the_asid,
			flush_tlb_mm_takes_only_its_asid,
			flush_tlb_range_covers_every_page,
			asids_roll_over_with_a_flush,
			random_switches_keep_asids_apart),
};
