// SPDX-License-Identifier: GPL-2.0
/*
 * Figures drawn from the running kernel, for the handbook.
 *
 * A picture of a page table or a free list is only worth printing if
 * it is true, so the book does not draw such pictures by hand: a figure
 * program builds the state, prints it as Graphviz text, and asserts
 * what it prints.  Each is an ordinary test of the suite whose chapter
 * is "fig"; the book build (book/book.mk) runs
 *
 *   run.py --mach host --bin IMAGE --chapter fig --json OUT
 *
 * and cuts every block printed as
 *
 *   -----BEGIN FIGURE <name>-----
 *   digraph ... { ... }
 *   -----END FIGURE-----
 *
 * into build/book/figures/<name>.dot.  The suite runs on the board too,
 * with everything else, so the facts a figure shows are checked on both
 * machines; it is never graded (the rubric has no "fig" entries).
 */
#include <string.h>
#include <linux/kernel.h>
#include <asm/cp15.h>
#include <asm/memory.h>
#include <asm/page.h>
#include <asm/pgtable-2level-hwdef.h>
#include <asm/setup.h>
#include "arch/host/walk.h"
#include "ktest.h"

/* The addresses of chapter 00's own tests (autograder/tests/infra.c). */
#define L1_PA 0x60800000U /* 16 KiB aligned first-level table */
#define L2_PA 0x60804000U /* one coarse table */
#define DATA_PA 0x61000000U
#define PAGE_PA 0x62345000U
#define SECT_VA 0xc0000000U
#define PAGE_VA 0xc0105000U
#define WALK_VA (PAGE_VA + 8)

#define SECT_RW (PMD_TYPE_SECT | PMD_SECT_AP_WRITE | PMD_SECT_WB)
#define PTE_RW (PTE_TYPE_SMALL | PTE_EXT_AP_UNO_SRW | PTE_CACHEABLE)

#define FIG_BEGIN(name) printk(KERN_NOTICE "-----BEGIN FIGURE " name "-----\n")
#define FIG_END() printk(KERN_NOTICE "-----END FIGURE-----\n")

/* A physical address as a pointer; meaningful with the MMU off. */
static u32 *phys(u32 pa)
{
	return (u32 *)(uintptr_t)pa;
}

/* hw_read_phys_t over the device tree's RAM, read with the MMU off. */
static u32 read_ram(u32 pa, bool *ok)
{
	*ok = false;
	for (int i = 0; i < meminfo.nr_banks; i++)
		if (pa - meminfo.bank[i].start < meminfo.bank[i].size)
			*ok = true;
	return *ok ? *phys(pa & ~3U) : 0;
}

/*
 * Build the tables of infra.c's mmu_section_and_small_page test: the
 * identity map of RAM, a section at SECT_VA and, through a coarse
 * table, one small page at PAGE_VA.  Leaves the MMU off, TTBR0 set.
 */
static void build_tables(void)
{
	u32 *pgd = phys(L1_PA);

	set_cr(get_cr() & ~CR_M);
	memset(pgd, 0, SZ_16K);
	memset(phys(L2_PA), 0, SZ_1K);
	for (int i = 0; i < meminfo.nr_banks; i++)
		for (u32 a = meminfo.bank[i].start;
		     a - meminfo.bank[i].start < meminfo.bank[i].size;
		     a += SECTION_SIZE)
			pgd[a >> SECTION_SHIFT] = a | SECT_RW;
	pgd[SECT_VA >> SECTION_SHIFT] = DATA_PA | SECT_RW;
	pgd[PAGE_VA >> SECTION_SHIFT] = L2_PA | PMD_TYPE_TABLE;
	phys(L2_PA)[(PAGE_VA >> PAGE_SHIFT) & 0xff] = PAGE_PA | PTE_RW;
	cpu_set_ttbr(0, L1_PA);
	cpu_set_ttbcr(0);
	set_domain(domain_val(0, DOMAIN_CLIENT));
	tlbiall();
}

/* Print the walk of @va as a top-down Graphviz chain. */
static void print_walk(u32 va, const struct hw_walk *w)
{
	u32 l1i = va >> 20, l2i = (va >> 12) & 0xff;
	u32 l2 = w->desc[0] & PMD_TABLE_BASE_MASK;

	FIG_BEGIN("pgtable-walk");
	printk(KERN_NOTICE "digraph walk {\n"
			   " node [shape=record, fontsize=10];\n"
			   " edge [fontsize=9];\n");
	printk(KERN_NOTICE " va [label=\"VA %#010x|[31:20] %#05x|"
			   "[19:12] %#04x|[11:0] %#05x\"];\n",
	       va, l1i, l2i, va & 0xfff);
	printk(KERN_NOTICE " ttbr0 [label=\"TTBR0 %#010x\"];\n",
	       cpu_get_ttbr(0));
	printk(KERN_NOTICE " l1 [label=\"first-level table|entry %#05x "
			   "@ %#010x|%#010x: coarse table, domain %u\"];\n",
	       l1i, (cpu_get_ttbr(0) & ~0x3fffU) | (l1i << 2), w->desc[0],
	       (w->desc[0] >> 5) & 0xf);
	printk(KERN_NOTICE " l2 [label=\"coarse table|entry %#04x "
			   "@ %#010x|%#010x: small page, AP %u\"];\n",
	       l2i, l2 | (l2i << 2), w->desc[1], w->ap);
	printk(KERN_NOTICE " pa [label=\"PA %#010x\", shape=box,"
			   " style=bold];\n",
	       w->pa_base + (va - w->va_base));
	printk(KERN_NOTICE " va -> ttbr0 [label=\" TTBCR.N = 0\"];\n"
			   " ttbr0 -> l1 [label=\" + 4 x VA[31:20]\"];\n"
			   " l1 -> l2 [label=\" %#010x + 4 x VA[19:12]\"];\n"
			   " l2 -> pa [label=\" %#010x + VA[11:0]\"];\n}\n",
	       l2, w->pa_base);
	FIG_END();
}

/*
 * The figure of chapter 00: the two-level walk of VA 0xc0105008, done
 * by the host port's walker over tables in simulated RAM, checked
 * against what we wrote and against the MMU itself.
 */
START_TEST(fig_pgtable_walk)
{
	struct hw_walk w;
	struct hw_mmu_regs regs;
	u32 l1i = WALK_VA >> 20, l2i = (WALK_VA >> 12) & 0xff;

	build_tables();
	regs = (struct hw_mmu_regs){ cpu_get_ttbr(0), cpu_get_ttbr(1),
				     cpu_get_ttbcr() };
	ck_assert_int_eq(hw_walk(&regs, WALK_VA, read_ram, &w), 0);
	ck_assert_uint_eq(l1i, 0xc01);
	ck_assert_uint_eq(l2i, 0x05);
	ck_assert_uint_eq(w.desc[0], phys(L1_PA)[l1i]);
	ck_assert_uint_eq(w.desc[0], L2_PA | PMD_TYPE_TABLE);
	ck_assert_uint_eq(w.desc[1], PAGE_PA | PTE_RW);
	ck_assert(w.page && w.shift == PAGE_SHIFT && w.domain == 0);
	ck_assert_uint_eq(w.pa_base + (WALK_VA - w.va_base), PAGE_PA + 8);
	print_walk(WALK_VA, &w);

	/* The MMU agrees: a store through the VA lands at the PA drawn. */
	phys(PAGE_PA)[2] = 0;
	set_cr(get_cr() | CR_M);
	*(volatile u32 *)(uintptr_t)WALK_VA = 0xf16f16;
	set_cr(get_cr() & ~CR_M);
	ck_assert_msg(phys(PAGE_PA)[2] == 0xf16f16,
		      "a store to VA %#x should land at PA %#x", WALK_VA,
		      PAGE_PA + 8);
}
END_TEST

KTEST_SUITE(figures) = {
	.chapter = "fig",
	.title = "Figures for the handbook",
	.tests = KTESTS(fig_pgtable_walk),
};
