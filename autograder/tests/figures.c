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
#include <linux/mm.h>
#include "arch/host/walk.h"
#include "mm/internal.h"
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

/* At most this many blocks of each free list are drawn. */
#define FIG_BLOCKS 3

/* The free list of @order that the figure draws: MIGRATE_MOVABLE's. */
static struct list_head *fig_list(struct zone *z, int order)
{
	return &z->free_area[order].free_list[MIGRATE_MOVABLE];
}

/* One row of the free_area record: "order: n blocks of size". */
static void print_order_row(struct zone *z, int o)
{
	unsigned long nr = z->free_area[o].nr_free;

	printk(KERN_NOTICE "|{%d|%lu|<o%d> %lu KiB}", o, nr, o,
	       (PAGE_SIZE << o) >> 10);
}

/* The first FIG_BLOCKS blocks of one free list, as a chain of boxes. */
static void print_order_blocks(struct zone *z, int o)
{
	struct page *page;
	int n = 0;

	list_for_each_entry(page, fig_list(z, o), lru) {
		if (n == FIG_BLOCKS) {
			printk(KERN_NOTICE " b%d_%d [label=\"... %lu more\", "
					   "shape=plaintext];\n"
					   " b%d_%d -> b%d_%d;\n",
			       o, n, z->free_area[o].nr_free - n, o, n - 1, o,
			       n);
			return;
		}
		printk(KERN_NOTICE " b%d_%d [label=\"pfn %#lx\"];\n", o, n,
		       page_to_pfn(page));
		if (n)
			printk(KERN_NOTICE " b%d_%d -> b%d_%d;\n", o, n - 1, o,
			       n);
		else
			printk(KERN_NOTICE " fa:o%d:e -> b%d_0;\n", o, o);
		n++;
	}
}

/* Print @z's free_area as Graphviz: one row per order, its blocks. */
static void print_free_area(struct zone *z)
{
	FIG_BEGIN("ch04-free-area");
	printk(KERN_NOTICE "digraph free_area {\n"
			   " rankdir=LR; nodesep=0.06; ranksep=0.25;\n"
			   " node [shape=box, fontsize=10, height=0.22];\n"
			   " edge [arrowsize=0.5];\n"
			   " fa [shape=record, label=\"{order|nr_free|"
			   "block size}");
	for (int o = 0; o < MAX_ORDER; o++)
		print_order_row(z, o);
	printk(KERN_NOTICE "\"];\n");
	for (int o = 0; o < MAX_ORDER; o++)
		print_order_blocks(z, o);
	printk(KERN_NOTICE "}\n");
	FIG_END();
}

/* The smallest order below @limit with a free movable block, or @limit. */
static int fig_smallest_order(struct zone *z, int limit)
{
	for (int o = 0; o < limit; o++)
		if (!list_empty(fig_list(z, o)))
			return o;
	return limit;
}

/*
 * The figure of chapter 04: the Normal zone of vexpress-256m after a
 * small, fixed sequence.  The blocks left at the start of RAM by boot
 * depend on the size of mem_map (32-byte struct pages on the board,
 * 56-byte ones on the host), so they are taken first; what remains is
 * 61 blocks of order 10 on both machines.  Then four single pages and
 * one order-3 block are allocated from the first of them, 0x6fc00, and
 * the pages at 0x6fc00 and 0x6fc02 are freed: they cannot merge,
 * because their buddies 0x6fc01 and 0x6fc03 are still in use.
 */
START_TEST(fig_free_area)
{
	static const unsigned long want[MAX_ORDER] = { 2, 0, 1, 0, 1, 1,
						       1, 1, 1, 1, 60 };
	struct page *p[4], *q;
	struct zone *z;
	int o;

	ktest_reboot("vexpress-256m", ktest_boot_buddy);
	z = &NODE_DATA(0)->node_zones[ZONE_NORMAL];
	while ((o = fig_smallest_order(z, MAX_ORDER - 1)) < MAX_ORDER - 1)
		ck_assert_ptr_nonnull(rmqueue(z, o, MIGRATE_MOVABLE));
	ck_assert_uint_eq(z->free_area[MAX_ORDER - 1].nr_free, 61);
	for (int i = 0; i < 4; i++) {
		p[i] = rmqueue(z, 0, MIGRATE_MOVABLE);
		ck_assert_msg(p[i] && page_to_pfn(p[i]) == 0x6fc00UL + i,
			      "page %d should be pfn %#lx", i, 0x6fc00UL + i);
	}
	q = rmqueue(z, 3, MIGRATE_MOVABLE);
	ck_assert_msg(q && page_to_pfn(q) == 0x6fc08,
		      "the order-3 block should be the one at pfn 0x6fc08");
	__free_pages(p[0], 0);
	__free_pages(p[2], 0);
	for (o = 0; o < MAX_ORDER; o++)
		ck_assert_msg(z->free_area[o].nr_free == want[o],
			      "nr_free[%d] is %lu, expected %lu", o,
			      z->free_area[o].nr_free, want[o]);
	ck_assert(PageBuddy(p[0]) && buddy_order(p[0]) == 0);
	ck_assert(PageBuddy(p[2]) && buddy_order(p[2]) == 0);
	ck_assert_uint_eq(zone_page_state(z, NR_FREE_PAGES), 60 * 1024 + 1014);
	ck_assert_uint_eq(ktest_check_free_lists(z), 60 * 1024 + 1014);
	print_free_area(z);
}
END_TEST

KTEST_SUITE(figures) = {
	.chapter = "fig",
	.title = "Figures for the handbook",
	.tests = KTESTS(fig_pgtable_walk, fig_free_area),
};
