// SPDX-License-Identifier: GPL-2.0
/*
 * Chapter 15: virtual addresses and the MMU.
 *
 * The tests turn the real MMU off, reset the registers the way a CPU
 * comes out of reset, and run the chapter's sequence (__v7_setup,
 * __enable_mmu, __turn_mmu_on: head.c, proc-v7.c) with a first-level
 * table of their own: the image window at its own address, lowmem at
 * PAGE_OFFSET, and two probes.  PROBE_VA is mapped by the new table
 * only, so reading it proves the new table is live; STALE_VA is mapped
 * by the harness's table to one frame and by the new table to another,
 * so reading it proves the TLB was invalidated.
 *
 * Which machine shows which mistake:
 *   M before TTBR0/DACR  both (the host oopses, the board stops)
 *   no isb() before SCTLR the host (the fetch after the SCTLR write
 *                        may go through the old TTBR0 and DACR: the
 *                        host takes that prefetch abort; QEMU makes
 *                        every CP15 write take effect at once)
 *   no isb() after SCTLR the host (it commits CP15 writes at an ISB
 *                        only; QEMU makes them take effect at once)
 *   TTBCR not written    both (the test starts from N = 2)
 *   no TLBIALL           the host (its TLB survives MMU off and on;
 *                        QEMU flushes its TLB on every SCTLR write)
 *   wrong DACR           both
 */
#include <stdio.h>
#include <string.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <asm-generic/sections.h>
#include <asm/cp15.h>
#include <asm/machine.h>
#include <asm/memory.h>
#include <asm/pgtable.h>
#include <asm/proc-fns.h>
#include <asm/setup.h>
#include "ktest.h"

#define PROBE_VA 0xd0000000UL /* mapped by the test's table only */
#define SECT_RAM (PMD_TYPE_SECT | PMD_SECT_AP_WRITE | PMD_SECT_WBWA)
#define BOOT_LOADER_TTBCR 2U /* N = 2, walks enabled */

struct switch_result {
	phys_addr_t pgd_pa;
	u32 magic, probe, stale, stale_va;
	bool probe_oops, stale_oops, switch_oops;
	u32 sctlr, ttbr0, ttbr1, ttbcr, dacr, sctlr_before;
};

static void map_sect(u32 *pgd, u32 va, u32 pa)
{
	pgd[va >> SECTION_SHIFT] = (pa & PMD_SECT_BASE_MASK) | SECT_RAM;
}

/*
 * Build a table, turn the MMU off with the registers at their reset
 * values, run the chapter's sequence on it, and read the probes.
 */
static void switch_to_test_table(struct switch_result *r)
{
	/*
	 * MMU off, TTBR0 and DACR as after reset, TTBCR as a boot loader
	 * may leave it (N = 2: TTBR1 for VAs from 1 GiB up; the kernel
	 * cannot assume the reset value); the TLB is left as it is.
	 */
	const struct machine_boot_regs loader = {
		.sctlr = (get_cr() & ~CR_M) | CR_Z,
		.ttbcr = BOOT_LOADER_TTBCR,
	};
	struct page *tbl = alloc_pages(GFP_KERNEL, 2);
	struct page *mp = alloc_page(GFP_KERNEL);
	u32 *pgd, off, magic_pa, stale_pa;

	ck_assert_msg(tbl && mp, "no memory for the test's table");
	pgd = page_address(tbl);
	memset(pgd, 0, PG_DIR_SIZE);
	magic_pa = PFN_PHYS(page_to_pfn(mp));
	off = magic_pa & ~PMD_SECT_BASE_MASK;
	r->magic = 0x15c0ffeeU ^ magic_pa;
	*(u32 *)page_address(mp) = r->magic;
	/* the image window at its own address: the sequence runs there */
	for (u32 pa = KERNEL_IMAGE_START; pa < KERNEL_IMAGE_END;
	     pa += SECTION_SIZE)
		map_sect(pgd, pa, pa);
	/* lowmem at PAGE_OFFSET: the kernel's data, the board's image */
	for (int i = 0; i < meminfo.nr_banks; i++)
		for (u32 pa = meminfo.bank[i].start;
		     pa - meminfo.bank[i].start < meminfo.bank[i].size &&
		     pa < PHYS_OFFSET + 0x30000000U;
		     pa += SECTION_SIZE)
			map_sect(pgd, __phys_to_virt(pa), pa);
	map_sect(pgd, PROBE_VA, magic_pa);
	/* a RAM section the harness maps at its own address */
	stale_pa = PHYS_OFFSET + 0x0f000000U;
	if ((stale_pa ^ magic_pa) < SECTION_SIZE)
		stale_pa -= SECTION_SIZE;
	map_sect(pgd, stale_pa, magic_pa);
	r->stale_va = stale_pa + off;
	r->pgd_pa = PFN_PHYS(page_to_pfn(tbl));
	/* a translation of STALE_VA in the TLB, from the harness's table */
	r->stale = *(volatile u32 *)(uintptr_t)r->stale_va;
	ck_assert_msg(r->stale != r->magic, "test set-up: pick another magic");

	r->sctlr_before = loader.sctlr;
	ktest_doing("turning the MMU on with stext_enable_mmu(): a machine "
		    "that stops here turned M on before DACR and TTBR0 held "
		    "their values (order: __v7_setup, DACR, TTBR0, isb, "
		    "SCTLR, isb: a CP15 write is in effect only after the "
		    "next context synchronisation), or loaded a DACR that "
		    "denies domain 0");
	printk_log_clear();
	r->switch_oops = KTEST_EXPECT_OOPS(
		machine_run_mmu_off(ktest_enable_mmu_phys, r->pgd_pa, &loader));
	ck_assert_msg(!r->switch_oops, "stext_enable_mmu() oopsed (above): %s",
		      printk_log_contains("not yet synchronised")
			      ? "the SCTLR write that turned M on came before "
				"the DACR and TTBR0 writes were synchronised; "
				"a CP15 write is in effect for later "
				"instructions only after a context "
				"synchronisation, so __turn_mmu_on() issues "
				"isb() before the SCTLR write (and after it)"
			      : "the sequence must not touch memory the new "
				"table does not map");
	/* the first access after the switch: no ISB in between */
	r->probe_oops =
		KTEST_EXPECT_OOPS(r->probe = *(volatile u32 *)(PROBE_VA + off));
	r->stale_oops = KTEST_EXPECT_OOPS(
		r->stale = *(volatile u32 *)(uintptr_t)r->stale_va);
	r->sctlr = read_sysreg(SCTLR);
	r->ttbr0 = read_sysreg(TTBR0_32);
	r->ttbr1 = read_sysreg(TTBR1_32);
	r->ttbcr = read_sysreg(TTBCR);
	r->dacr = read_sysreg(DACR);
	ktest_doing("checking the switch");
}

START_TEST(mmu_on_with_new_table)
{
	struct switch_result r;

	switch_to_test_table(&r);
	ck_assert_msg(r.sctlr & CR_M,
		      "SCTLR is %08x after the sequence: M (bit 0) is clear; "
		      "__v7_setup() returns the SCTLR value with M set and "
		      "__turn_mmu_on() writes it",
		      r.sctlr);
	ck_assert_msg(r.sctlr == (r.sctlr_before | CR_M),
		      "SCTLR is %08x after the sequence, expected %08x, its "
		      "value before with M set (differs in %08x): "
		      "__v7_setup() returns the current SCTLR with M set; "
		      "every other bit (alignment, caches, branch "
		      "prediction, vectors) stays as it was",
		      r.sctlr, r.sctlr_before | CR_M,
		      r.sctlr ^ (r.sctlr_before | CR_M));
	ck_assert_msg(r.ttbr0 == r.pgd_pa,
		      "TTBR0 is %08x, expected the table at %08x: "
		      "__enable_mmu() loads TTBR0 with the pgd",
		      r.ttbr0, (u32)r.pgd_pa);
	ck_assert_msg(r.ttbcr == 0,
		      "TTBCR is %08x, expected 0 (it was %08x before the "
		      "sequence): __v7_setup() writes TTBCR = 0 "
		      "(v7_ttb_setup), so that TTBR0 translates every "
		      "address whatever the boot loader left in it",
		      r.ttbcr, BOOT_LOADER_TTBCR);
	ck_assert_msg(r.ttbr1 == r.pgd_pa,
		      "TTBR1 is %08x, expected %08x: v7_ttb_setup loads TTBR1 "
		      "with the same table",
		      r.ttbr1, (u32)r.pgd_pa);
	ck_assert_msg(
		r.dacr == DACR_INIT,
		"DACR is %08x, expected DACR_INIT %08x: the kernel's, IO "
		"and vectors domains clients, so that the descriptors' AP "
		"bits are checked, and the user domain no access while "
		"the kernel runs (CONFIG_CPU_SW_DOMAIN_PAN)",
		r.dacr, (u32)DACR_INIT);
	ck_assert_msg(!r.probe_oops && r.probe == r.magic,
		      "reading 0x%08lx, mapped only by the new table, %s "
		      "(expected %08x): the MMU was not translating with the "
		      "new table at the first access after the sequence",
		      PROBE_VA, r.probe_oops ? "oopsed" : "gave another word",
		      r.magic);
}
END_TEST

START_TEST(isb_after_sctlr_write)
{
	struct switch_result r;

	switch_to_test_table(&r);
	ck_assert_msg(r.sctlr & CR_M, "SCTLR.M is clear after the sequence");
	ck_assert_msg(!r.probe_oops && r.probe == r.magic,
		      "SCTLR reads %08x (M set), but the first access after "
		      "the sequence, to 0x%08lx, %s: a CP15 write takes effect "
		      "at the next context synchronisation only; "
		      "__turn_mmu_on() needs isb() before the SCTLR write "
		      "(for DACR and TTBR0) and after it (for M)",
		      r.sctlr, PROBE_VA,
		      r.probe_oops ? "faulted (the oops above)"
				   : "did not read the new table's frame");
}
END_TEST

START_TEST(tlb_invalidated_before_mmu_on)
{
	struct switch_result r;

	switch_to_test_table(&r);
	ck_assert_msg(!r.stale_oops,
		      "reading 0x%08x after the switch oopsed (above)",
		      r.stale_va);
	ck_assert_msg(r.stale == r.magic,
		      "0x%08x read %08x, the word of the harness's mapping, "
		      "not %08x of the new table's: a stale TLB entry from "
		      "before the MMU was turned off; __v7_setup() must "
		      "invalidate the TLB (TLBIALL) and complete the "
		      "invalidation (a dsb() after it) before the MMU goes "
		      "on",
		      r.stale_va, r.stale, r.magic);
}
END_TEST

START_TEST(dacr_init_loaded)
{
	struct switch_result r;

	switch_to_test_table(&r);
	ck_assert_msg(r.dacr == DACR_INIT,
		      "DACR is %08x, expected DACR_INIT %08x (head.S loads it "
		      "before TTBR0; domain 0, the kernel's, must be a client, "
		      "and domain 1, the user's, no access: PAN)",
		      r.dacr, (u32)DACR_INIT);
	ck_assert_msg(!r.probe_oops, "the probe read oopsed (above)");
}
END_TEST

#define IDMAP_PROT (PMD_TYPE_SECT | PMD_SECT_AP_WRITE | PMD_SECT_AF)

/* Check @pgd holds exactly the sections covering [start, end). */
static void check_idmap(const u32 *pgd, u32 start, u32 end, u32 prot,
			unsigned int seed)
{
	for (u32 i = 0; i < HW_L1_ENTRIES; i++) {
		u32 base = i << SECTION_SHIFT;
		bool in = (u64)base + SECTION_SIZE > start && base < end;
		u32 want = in ? base | IDMAP_PROT | prot : 0;

		ck_assert_msg(pgd[i] == want,
			      "identity_mapping_add(0x%08x - 0x%08x, prot "
			      "%08x): entry %u (VA 0x%08x) is %08x, expected "
			      "%08x: %s (seed %u)",
			      start, end, prot, i, base, pgd[i], want,
			      !in ? "only the megabytes the range touches are "
				    "mapped"
			      : !pgd[i] ? "every megabyte the range touches, "
					  "first and last too, gets a section"
			      : (pgd[i] & PMD_SECT_BASE_MASK) != base
				      ? "an identity map has base == VA"
				      : "the bits are prot | PMD_TYPE_SECT | "
					"PMD_SECT_AP_WRITE | PMD_SECT_AF",
			      seed);
	}
}

START_TEST(identity_map_of_idmap_text)
{
	struct page *tbl = alloc_pages(GFP_KERNEL, 2);
	u32 *pgd = page_address(tbl);
	u32 start = virt_to_idmap(__idmap_text_start);
	u32 end = virt_to_idmap(__idmap_text_end);
	char line[96];

	memset(pgd, 0, PG_DIR_SIZE);
	printk_log_clear();
	identity_mapping_add(pgd, __idmap_text_start, __idmap_text_end, 0);
	snprintf(line, sizeof(line),
		 "Setting up static identity map for 0x%x - 0x%x", start, end);
	ck_assert_msg(printk_log_contains(line), "the log lacks \"%s\"", line);
	check_idmap(pgd, start, end, 0, 0);
	__free_pages(tbl, 2);
}
END_TEST

/*
 * The test's table seen through a window of the live table that maps,
 * of its four pages, only those holding entries @first..@last: a write
 * to any other entry faults, and the oops says where, instead of
 * scribbling on the table.  A loop that steps past 0xffffffff wraps to
 * 0 on the board (32-bit unsigned long) and would spin for ever; here
 * its first stray write, entry 0, stops it.
 */
struct guarded_table {
	u32 *live, idx;
	struct page *l2_page;
};

static u32 *guard_table(struct guarded_table *g, u32 *pgd, u32 first, u32 last)
{
	u32 *l2;

	g->live = __va(cpu_get_ttbr(0) & ~0x3fffU);
	g->idx = 0xe00;
	while (g->live[g->idx] && g->idx < 0xff0)
		g->idx++;
	ck_assert_msg(!g->live[g->idx], "no free megabyte in the live table");
	g->l2_page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	ck_assert_ptr_nonnull(g->l2_page);
	l2 = page_address(g->l2_page);
	for (u32 p = first / 1024; p <= last / 1024; p++)
		l2[p] = ((u32)__pa(pgd) + p * PAGE_SIZE) | PTE_TYPE_SMALL |
			PTE_EXT_AP_UNO_SRW | PTE_EXT_XN;
	g->live[g->idx] =
		(u32)__pa(l2) | PMD_TYPE_TABLE | PMD_DOMAIN(DOMAIN_KERNEL);
	dsb(); /* the new entries before the walker looks (it never has) */
	return (u32 *)(uintptr_t)(g->idx << SECTION_SHIFT);
}

static void unguard_table(struct guarded_table *g)
{
	g->live[g->idx] = 0;
	dsb();
	tlbiall();
	__free_page(g->l2_page);
}

START_TEST(identity_map_edges)
{
	static const struct {
		u32 start, end;
	} cases[] = {
		{ 0x60000000, 0x60100000 }, /* exactly one section */
		{ 0x600fff00, 0x60100100 }, /* straddles a boundary */
		{ 0x60012345, 0x60312346 }, /* four sections */
		{ 0xfff00000, 0xffffffff }, /* the last megabyte */
	};
	struct page *tbl = alloc_pages(GFP_KERNEL, 2);
	u32 *pgd = page_address(tbl);

	for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++) {
		u32 start = cases[i].start, end = cases[i].end;
		bool top = end - 1 >= 0xfff00000U;
		struct guarded_table g;
		u32 *volatile alias;
		int oops;

		memset(pgd, 0, PG_DIR_SIZE);
		alias = guard_table(&g, pgd, start >> SECTION_SHIFT,
				    (end - 1) >> SECTION_SHIFT);
		ktest_doing("identity_mapping_add(0x%08x - 0x%08x)%s", start,
			    end,
			    top ? ": a machine that stops here loops past "
				  "the last megabyte of the address space, "
				  "where addr + SECTION_SIZE wraps to 0 in "
				  "32 bits"
				: "");
		oops = KTEST_EXPECT_OOPS(identity_mapping_add(
			alias, ktest_idmap_to_virt(start),
			ktest_idmap_to_virt(end), PMD_SECT_XN));
		unguard_table(&g);
		ck_assert_msg(!oops,
			      "identity_mapping_add(0x%08x - 0x%08x) wrote "
			      "an entry outside the megabytes the range "
			      "touches (the oops above: only their part of "
			      "the table was writable)%s",
			      start, end,
			      top ? "; at the top of the address space "
				    "addr + SECTION_SIZE wraps to 0 in a "
				    "32-bit unsigned long: the loop must stop "
				    "after the last megabyte"
				  : "");
		check_idmap(pgd, start, end, PMD_SECT_XN, 0);
	}
	ktest_doing("checking the identity maps");
	__free_pages(tbl, 2);
}
END_TEST

START_TEST(identity_map_random_ranges)
{
	struct page *tbl = alloc_pages(GFP_KERNEL, 2);
	u32 *pgd = page_address(tbl);
	const unsigned int seed = 1515;

	ktest_rng = seed;
	memset(pgd, 0, PG_DIR_SIZE);
	for (int n = 0; n < 300; n++) {
		u32 start = (ktest_rand() << 4) & 0x7fffffffU;
		u32 end = start + 1 + ktest_rand() % (6U << 20);
		u32 prot = (ktest_rand() & 1) ? PMD_SECT_XN : 0;

		identity_mapping_add(pgd, ktest_idmap_to_virt(start),
				     ktest_idmap_to_virt(end), prot);
		check_idmap(pgd, start, end, prot, seed);
		for (u32 s = start >> SECTION_SHIFT;
		     s <= (end - 1) >> SECTION_SHIFT; s++)
			pgd[s] = 0;
	}
	__free_pages(tbl, 2);
}
END_TEST

KTEST_SUITE(ch15) = {
	.chapter = "15",
	.title = "Virtual addresses and the MMU",
	.boot = ktest_boot_slab,
	.timeout = 10,
	.tests = KTESTS(mmu_on_with_new_table, isb_after_sctlr_write,
			tlb_invalidated_before_mmu_on, dacr_init_loaded,
			identity_map_of_idmap_text, identity_map_edges,
			identity_map_random_ranges),
};
