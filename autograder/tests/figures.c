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
#include <linux/cma.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <asm-generic/sections.h>
#include <asm/cp15.h>
#include <asm/machine.h>
#include <asm/fixmap.h>
#include <asm-generic/early_ioremap.h>
#include <linux/elf.h>
#include <asm/elf.h>
#include <linux/err.h>
#include <linux/module.h>
#include <asm/highmem.h>
#include <asm/proc-fns.h>
#include <asm/memory.h>
#include <asm/page.h>
#include <asm/pgtable-2level-hwdef.h>
#include <asm/setup.h>
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/vmalloc.h>
#include <asm/mach/map.h>
#include <asm/pgtable.h>
#include <linux/slab.h>
#include <linux/slub_def.h>
#include "mm/slab.h"
#include "arch/host/walk.h"
#include "mm/internal.h"
#include <asm/mmu_context.h>
#include <asm/tlbflush.h>
#include "ktest.h"
#include "pt_util.h"

/* The addresses of chapter 00's own tests (autograder/tests/infra.c). */
#define L1_PA 0x60800000U /* 16 KiB aligned first-level table */
#define L2_PA 0x60804000U /* one coarse table */
#define DATA_PA 0x61000000U
#define PAGE_PA 0x62345000U
#define SECT_VA 0xd0000000U
#define PAGE_VA 0xd0105000U
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
 * table, one small page at PAGE_VA (and the board's image at
 * PAGE_OFFSET).  Leaves the harness's MMU off (ktest.h), the table not
 * yet live.
 */
static void build_tables(void)
{
	u32 *pgd = phys(L1_PA);

	ktest_mmu_off();
	memset(pgd, 0, SZ_16K);
	memset(phys(L2_PA), 0, SZ_1K);
	ktest_map_ram(pgd, SECT_RW);
	pgd[SECT_VA >> SECTION_SHIFT] = DATA_PA | SECT_RW;
	pgd[PAGE_VA >> SECTION_SHIFT] = L2_PA | PMD_TYPE_TABLE;
	phys(L2_PA)[(PAGE_VA >> PAGE_SHIFT) & 0xff] = PAGE_PA | PTE_RW;
	ktest_map_image(pgd);
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
	printk(KERN_NOTICE " ttbr0 [label=\"TTBR0 %#010x\"];\n", L1_PA);
	printk(KERN_NOTICE " l1 [label=\"first-level table|entry %#05x "
			   "@ %#010x|%#010x: coarse table, domain %u\"];\n",
	       l1i, L1_PA | (l1i << 2), w->desc[0], (w->desc[0] >> 5) & 0xf);
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
 * The figure of chapter 00: the two-level walk of VA 0xd0105008, done
 * by the host port's walker over tables in simulated RAM, checked
 * against what we wrote and against the MMU itself.
 */
START_TEST(fig_pgtable_walk)
{
	struct hw_walk w;
	struct hw_mmu_regs regs;
	u32 l1i = WALK_VA >> 20, l2i = (WALK_VA >> 12) & 0xff;

	build_tables();
	regs = (struct hw_mmu_regs){ L1_PA, L1_PA, 0 };
	ck_assert_int_eq(hw_walk(&regs, WALK_VA, read_ram, &w), 0);
	ck_assert_uint_eq(l1i, 0xd01);
	ck_assert_uint_eq(l2i, 0x05);
	ck_assert_uint_eq(w.desc[0], phys(L1_PA)[l1i]);
	ck_assert_uint_eq(w.desc[0], L2_PA | PMD_TYPE_TABLE);
	ck_assert_uint_eq(w.desc[1], PAGE_PA | PTE_RW);
	ck_assert(w.page && w.shift == PAGE_SHIFT && w.domain == 0);
	ck_assert_uint_eq(w.pa_base + (WALK_VA - w.va_base), PAGE_PA + 8);
	print_walk(WALK_VA, &w);

	/* The MMU agrees: a store through the VA lands at the PA drawn. */
	phys(PAGE_PA)[2] = 0;
	ktest_mmu_switch(L1_PA, L1_PA, 0, domain_val(0, DOMAIN_CLIENT));
	*(volatile u32 *)(uintptr_t)WALK_VA = 0xf16f16;
	ktest_mmu_off();
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
 * 61 blocks of order 10 on both machines.  Boot freed them in ascending
 * order, each at the tail of its list (FPI_TO_TAIL), so the first of
 * them is the lowest, 0x60c00.  Four single pages and one order-3 block
 * are allocated from it, and the pages at 0x60c00 and 0x60c02 are
 * freed: they cannot merge, because their buddies 0x60c01 and 0x60c03
 * are still in use.
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
		ck_assert_msg(p[i] && page_to_pfn(p[i]) == 0x60c00UL + i,
			      "page %d should be pfn %#lx", i, 0x60c00UL + i);
	}
	q = rmqueue(z, 3, MIGRATE_MOVABLE);
	ck_assert_msg(q && page_to_pfn(q) == 0x60c08,
		      "the order-3 block should be the one at pfn 0x60c08");
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

/* The colour of a pageblock type in the ch05 figure. */
static const char *fig_mt_colour(int mt)
{
	switch (mt) {
	case MIGRATE_UNMOVABLE:
		return "#f4a6a6";
	case MIGRATE_RECLAIMABLE:
		return "#a6c8f4";
	case MIGRATE_MOVABLE:
		return "#c8ecc0";
	default:
		return "#dddddd";
	}
}

/* Print the type of every pageblock of @z, eight to a row. */
static void print_pageblocks(struct zone *z)
{
	unsigned long pfn;
	int col = 0;

	FIG_BEGIN("ch05-pageblocks");
	printk(KERN_NOTICE "digraph pageblocks {\n"
			   " node [shape=plaintext, fontsize=9];\n"
			   " pb [label=<<table border=\"0\" cellborder=\"1\""
			   " cellspacing=\"0\" cellpadding=\"3\">\n");
	for (pfn = z->zone_start_pfn; pfn < zone_end_pfn(z);
	     pfn += pageblock_nr_pages) {
		int mt = get_pageblock_migratetype(pfn_to_page(pfn));

		if (col == 0)
			printk(KERN_NOTICE "<tr>");
		printk(KERN_NOTICE "<td bgcolor=\"%s\">%#lx<br/>%s</td>",
		       fig_mt_colour(mt), pfn, migratetype_names[mt]);
		if (++col == 8) {
			printk(KERN_NOTICE "</tr>\n");
			col = 0;
		}
	}
	printk(KERN_NOTICE "</table>>];\n}\n");
	FIG_END();
}

/* The number of pageblocks of @z whose type is @mt. */
static unsigned long fig_blocks_of(struct zone *z, int mt)
{
	unsigned long n = 0;

	for (unsigned long pfn = z->zone_start_pfn; pfn < zone_end_pfn(z);
	     pfn += pageblock_nr_pages)
		n += get_pageblock_migratetype(pfn_to_page(pfn)) == mt;
	return n;
}

/*
 * The figure of chapter 05: the 64 pageblocks of vexpress-256m after
 * three requests that find no free block of their own type at first.
 * Every pageblock starts MOVABLE.  An unmovable order-0 request falls
 * back to the largest movable block at the head of its list, the
 * order-10 block at 0x60c00 (boot memory is in ascending order), and
 * takes its whole pageblock; a reclaimable one does the same with the
 * next order-10 block, 0x61000 (it looks at the largest blocks first,
 * so it takes a movable pageblock rather than the unmovable
 * pageblock's crumbs).  An unmovable order-9 request then finds the
 * free half of the unmovable pageblock, 0x60e00, and steals nothing.
 */
START_TEST(fig_pageblocks)
{
	struct page *u, *r, *u9;
	struct zone *z;

	ktest_reboot("vexpress-256m", ktest_boot_buddy);
	z = &NODE_DATA(0)->node_zones[ZONE_NORMAL];
	ck_assert_uint_eq(fig_blocks_of(z, MIGRATE_MOVABLE), 64);
	u = rmqueue(z, 0, MIGRATE_UNMOVABLE);
	ck_assert_msg(u && page_to_pfn(u) == 0x60c00,
		      "the unmovable page should be pfn 0x60c00");
	r = rmqueue(z, 0, MIGRATE_RECLAIMABLE);
	ck_assert_msg(r && page_to_pfn(r) == 0x61000,
		      "the reclaimable page should be pfn 0x61000");
	u9 = rmqueue(z, 9, MIGRATE_UNMOVABLE);
	ck_assert_msg(u9 && page_to_pfn(u9) == 0x60e00,
		      "the order-9 unmovable block should be pfn 0x60e00");
	ck_assert_int_eq(get_pageblock_migratetype(u), MIGRATE_UNMOVABLE);
	ck_assert_int_eq(get_pageblock_migratetype(r), MIGRATE_RECLAIMABLE);
	ck_assert_uint_eq(fig_blocks_of(z, MIGRATE_UNMOVABLE), 1);
	ck_assert_uint_eq(fig_blocks_of(z, MIGRATE_RECLAIMABLE), 1);
	ck_assert_uint_eq(fig_blocks_of(z, MIGRATE_MOVABLE), 62);
	ck_assert_uint_eq(ktest_check_free_lists(z),
			  zone_page_state(z, NR_FREE_PAGES));
	print_pageblocks(z);
}
END_TEST

/* At most this many pages of each per-CPU list are drawn. */
#define FIG_PCP_PAGES 3

/* One CPU's lists of @z: a record, then a chain of pages per list. */
static void print_pcp_cpu(struct zone *z, int cpu)
{
	struct per_cpu_pages *pcp = &z->pageset[cpu].pcp;

	printk(KERN_NOTICE " c%d [shape=record, label=\"{CPU %d|count %d"
			   "\\nhigh %d\\nbatch %d}",
	       cpu, cpu, pcp->count, pcp->high, pcp->batch);
	for (int mt = 0; mt < MIGRATE_PCPTYPES; mt++)
		printk(KERN_NOTICE "|<l%d> lists[%s]", mt,
		       migratetype_names[mt]);
	printk(KERN_NOTICE "\"];\n");
	for (int mt = 0; mt < MIGRATE_PCPTYPES; mt++) {
		struct page *page;
		int n = 0, len = 0;

		list_for_each_entry(page, &pcp->lists[mt], lru)
			len++;
		list_for_each_entry(page, &pcp->lists[mt], lru) {
			if (n == FIG_PCP_PAGES) {
				printk(KERN_NOTICE " p%d_%d_%d [label=\"... %d "
						   "more\", shape=plaintext];\n"
						   " p%d_%d_%d -> p%d_%d_%d;\n",
				       cpu, mt, n, len - n, cpu, mt, n - 1, cpu,
				       mt, n);
				break;
			}
			printk(KERN_NOTICE " p%d_%d_%d [label=\"pfn %#lx\"];\n",
			       cpu, mt, n, page_to_pfn(page));
			if (n)
				printk(KERN_NOTICE " p%d_%d_%d -> p%d_%d_%d;\n",
				       cpu, mt, n - 1, cpu, mt, n);
			else
				printk(KERN_NOTICE " c%d:l%d:e -> p%d_%d_0;\n",
				       cpu, mt, cpu, mt);
			n++;
		}
	}
}

/* Print the per-CPU lists of @z for CPUs 0 to @ncpus - 1. */
static void print_pcp(struct zone *z, int ncpus)
{
	FIG_BEGIN("ch06-pcp-lists");
	printk(KERN_NOTICE "digraph pcp {\n"
			   " rankdir=LR; nodesep=0.08; ranksep=0.25;\n"
			   " node [shape=box, fontsize=10, height=0.22];\n"
			   " edge [arrowsize=0.5];\n");
	for (int cpu = 0; cpu < ncpus; cpu++)
		print_pcp_cpu(z, cpu);
	printk(KERN_NOTICE "}\n");
	FIG_END();
}

/* The pfn at the head (the hottest page) of a CPU's list. */
static unsigned long fig_pcp_head(struct zone *z, int cpu, int mt)
{
	struct list_head *list = &z->pageset[cpu].pcp.lists[mt];

	if (list_empty(list))
		return 0;
	return page_to_pfn(list_first_entry(list, struct page, lru));
}

/*
 * The figure of chapter 06: the lists of CPUs 0 and 1 of vexpress-256m
 * (batch 15, high 90).  The small blocks boot leaves at the start of
 * RAM are taken first, as in fig_free_area, so that both machines start
 * from the order-10 block at 0x60c00.  CPU 0 allocates three movable
 * pages: its empty list is refilled with 15 pages, 0x60c00-0x60c0e in
 * order, and the first three are handed out.  CPU 1 allocates one
 * unmovable page: its unmovable list is refilled from the pageblock at
 * 0x61000, which the fallback claims.  CPU 1 then frees 0x60c01, which
 * CPU 0 allocated: it goes to the head of CPU 1's movable list.
 */
START_TEST(fig_pcp_lists)
{
	struct page *p[3], *u;
	struct zone *z;
	int o;

	ktest_reboot("vexpress-256m", ktest_boot_pcp);
	z = &NODE_DATA(0)->node_zones[ZONE_NORMAL];
	while ((o = fig_smallest_order(z, MAX_ORDER - 1)) < MAX_ORDER - 1)
		ck_assert_ptr_nonnull(rmqueue_buddy(z, o, MIGRATE_MOVABLE));
	ck_assert_uint_eq(z->free_area[MAX_ORDER - 1].nr_free, 61);
	ck_assert_int_eq(z->pageset[0].pcp.batch, 15);
	__smp_processor_id = 0;
	for (int i = 0; i < 3; i++) {
		p[i] = rmqueue(z, 0, MIGRATE_MOVABLE);
		ck_assert_msg(p[i] && page_to_pfn(p[i]) == 0x60c00UL + i,
			      "CPU 0's page %d should be pfn %#lx", i,
			      0x60c00UL + i);
	}
	__smp_processor_id = 1;
	u = rmqueue(z, 0, MIGRATE_UNMOVABLE);
	ck_assert_msg(u && page_to_pfn(u) == 0x61000,
		      "CPU 1's unmovable page should be pfn 0x61000");
	__free_pages(p[1], 0);
	__smp_processor_id = 0;
	ck_assert_int_eq(z->pageset[0].pcp.count, 12);
	ck_assert_int_eq(z->pageset[1].pcp.count, 15);
	ck_assert_int_eq(z->pageset[2].pcp.count, 0);
	ck_assert_uint_eq(fig_pcp_head(z, 0, MIGRATE_MOVABLE), 0x60c03);
	ck_assert_uint_eq(fig_pcp_head(z, 1, MIGRATE_MOVABLE), 0x60c01);
	ck_assert_uint_eq(fig_pcp_head(z, 1, MIGRATE_UNMOVABLE), 0x61001);
	ck_assert_uint_eq(zone_page_state(z, NR_FREE_PAGES), 61 * 1024 - 30);
	ck_assert_uint_eq(ktest_check_free_lists(z), 61 * 1024 - 30);
	print_pcp(z, 2);
}
END_TEST

/* ---- chapter 07: the zonelist and watermarks of vexpress-1g ---- */

/* One zone as an HTML-like Graphviz table: range, marks, protection. */
static void print_zone_table(struct zone *z, const char *id)
{
	printk(KERN_NOTICE " %s [label=<<TABLE BORDER=\"0\" CELLBORDER=\"1\" "
			   "CELLSPACING=\"0\" CELLPADDING=\"3\">\n"
			   "  <TR><TD COLSPAN=\"2\" PORT=\"h\"><B>ZONE_%s"
			   "</B> pfn %#lx-%#lx</TD></TR>\n",
	       id, z->name, z->zone_start_pfn, zone_end_pfn(z) - 1);
	printk(KERN_NOTICE "  <TR><TD ALIGN=\"LEFT\">managed</TD>"
			   "<TD ALIGN=\"RIGHT\">%lu</TD></TR>\n"
			   "  <TR><TD ALIGN=\"LEFT\">free</TD>"
			   "<TD ALIGN=\"RIGHT\">%lu</TD></TR>\n",
	       zone_managed_pages(z), zone_page_state(z, NR_FREE_PAGES));
	printk(KERN_NOTICE "  <TR><TD ALIGN=\"LEFT\">high</TD>"
			   "<TD ALIGN=\"RIGHT\">%lu</TD></TR>\n"
			   "  <TR><TD ALIGN=\"LEFT\">low</TD>"
			   "<TD ALIGN=\"RIGHT\">%lu</TD></TR>\n"
			   "  <TR><TD ALIGN=\"LEFT\">min</TD>"
			   "<TD ALIGN=\"RIGHT\">%lu</TD></TR>\n",
	       high_wmark_pages(z), low_wmark_pages(z), min_wmark_pages(z));
	printk(KERN_NOTICE "  <TR><TD ALIGN=\"LEFT\">protection</TD>"
			   "<TD ALIGN=\"RIGHT\">(%ld, %ld, %ld)</TD></TR>\n"
			   " </TABLE>>];\n",
	       z->lowmem_reserve[0], z->lowmem_reserve[1],
	       z->lowmem_reserve[2]);
}

/* A request: its flags and its highest zone. */
static void print_request(const char *id, const char *gfp, enum zone_type hz)
{
	printk(KERN_NOTICE " %s [shape=box, style=rounded, label=\"%s\\n"
			   "highest_zoneidx = %s\"];\n",
	       id, gfp, zone_names[hz]);
}

/* The edge from request @id to a zone, with the fast path's test. */
static void print_try(const char *id, const char *zone_id, const char *nth,
		      struct zone *z, int highest_zoneidx)
{
	long reserve = z->lowmem_reserve[highest_zoneidx];

	if (reserve)
		printk(KERN_NOTICE " %s -> %s:h [style=dashed, label=\" %s: "
				   "free > %lu + %ld\"];\n",
		       id, zone_id, nth, low_wmark_pages(z), reserve);
	else
		printk(KERN_NOTICE " %s -> %s:h [label=\" %s: free > %lu\"];\n",
		       id, zone_id, nth, low_wmark_pages(z));
}

/*
 * The figure of chapter 07: the 1 GiB board after one page of each of
 * GFP_HIGHUSER_MOVABLE, GFP_HIGHUSER and GFP_KERNEL.  Its zonelist is
 * HighMem, Normal; each request starts at the first zone its
 * highest_zoneidx allows and may fall back only to lower ones.  The
 * thresholds drawn are the free counts above which the fast path
 * (ALLOC_WMARK_LOW) takes a page from the zone, protection included.
 */
START_TEST(fig_zonelist)
{
	pg_data_t *pgdat;
	struct zoneref *zr;
	struct zone *n, *h;
	struct page *p[3];
	static const gfp_t gfp[3] = { GFP_HIGHUSER_MOVABLE, GFP_HIGHUSER,
				      GFP_KERNEL };
	static const enum zone_type want[3] = { ZONE_HIGHMEM, ZONE_HIGHMEM,
						ZONE_NORMAL };

	ktest_reboot("vexpress-1g", ktest_boot_alloc);
	pgdat = NODE_DATA(0);
	zr = pgdat->node_zonelists[0]._zonerefs;
	n = &pgdat->node_zones[ZONE_NORMAL];
	h = &pgdat->node_zones[ZONE_HIGHMEM];
	ck_assert(zr[0].zone == h && zr[1].zone == n && !zr[2].zone);
	ck_assert_uint_eq(n->spanned_pages, 768UL << (20 - PAGE_SHIFT));
	ck_assert_uint_eq(h->managed_pages, 256UL << (20 - PAGE_SHIFT));
	ck_assert(min_wmark_pages(h) == 64 &&
		  low_wmark_pages(n) - min_wmark_pages(n) ==
			  min_wmark_pages(n) / 4);
	ck_assert_int_eq(n->lowmem_reserve[ZONE_HIGHMEM], 65536 / 32);
	/* v5.10's loop: nothing kept back from Movable requests */
	ck_assert_int_eq(n->lowmem_reserve[ZONE_MOVABLE], 0);
	for (int i = 0; i < 3; i++) {
		p[i] = alloc_pages(gfp[i], 0);
		ck_assert_msg(p[i] && page_zonenum(p[i]) == want[i],
			      "request %d should get a page of %s", i,
			      zone_names[want[i]]);
	}
	ck_assert(gfp_zone(GFP_HIGHUSER_MOVABLE) == ZONE_MOVABLE);
	ck_assert(gfp_zone(GFP_HIGHUSER) == ZONE_HIGHMEM);
	ck_assert(gfp_zone(GFP_KERNEL) == ZONE_NORMAL);

	FIG_BEGIN("ch07-zonelist");
	printk(KERN_NOTICE "digraph zonelist {\n"
			   " nodesep=0.4; ranksep=0.9;\n"
			   " node [fontsize=10, shape=plaintext];\n"
			   " edge [fontsize=9, arrowsize=0.6];\n");
	print_request("movable", "GFP_HIGHUSER_MOVABLE", ZONE_MOVABLE);
	print_request("highuser", "GFP_HIGHUSER", ZONE_HIGHMEM);
	print_request("kernel", "GFP_KERNEL", ZONE_NORMAL);
	print_zone_table(h, "highmem");
	print_zone_table(n, "normal");
	printk(KERN_NOTICE " { rank=same; highmem; normal; }\n"
			   " zl [shape=record, label=\"node_zonelists[0]"
			   "|<z0> _zonerefs[0]: HighMem|<z1> _zonerefs[1]: "
			   "Normal|_zonerefs[2]: NULL\"];\n"
			   " highmem -> zl:z0 [dir=back, style=dotted];\n"
			   " normal -> zl:z1 [dir=back, style=dotted];\n");
	print_try("movable", "highmem", "1st", h, ZONE_MOVABLE);
	print_try("movable", "normal", "2nd", n, ZONE_MOVABLE);
	print_try("highuser", "highmem", "1st", h, ZONE_HIGHMEM);
	print_try("highuser", "normal", "2nd", n, ZONE_HIGHMEM);
	print_try("kernel", "normal", "only", n, ZONE_NORMAL);
	printk(KERN_NOTICE "}\n");
	FIG_END();
	for (int i = 0; i < 3; i++)
		__free_pages(p[i], 0);
}
END_TEST

/* ---- chapter 08: the bitmap of a CMA area ---- */

/* Bits drawn: the first FIG_CMA_ROWS x 16 of the area's bitmap. */
#define FIG_CMA_ROWS 3
#define FIG_CMA_BUFS 3

/* The buffers of fig_cma_bitmap that are still allocated. */
struct fig_cma_buf {
	const char *name;
	struct page *page;
	int len;
	const char *color;
};

/* Bit @b of @cma's bitmap, read directly. */
static int fig_cma_bit(const struct cma *cma, unsigned long b)
{
	return (cma->bitmap[b / BITS_PER_LONG] >> (b % BITS_PER_LONG)) & 1;
}

/* The buffer that holds bit @b, or NULL. */
static const struct fig_cma_buf *fig_cma_owner(const struct cma *cma,
					       const struct fig_cma_buf *bufs,
					       unsigned long b)
{
	for (int i = 0; i < FIG_CMA_BUFS; i++)
		if (cma->base_pfn + b - page_to_pfn(bufs[i].page) <
		    (unsigned long)bufs[i].len)
			return &bufs[i];
	return NULL;
}

/* One row of 16 bits, each cell filled with its buffer's colour. */
static void print_cma_row(const struct cma *cma, const struct fig_cma_buf *bufs,
			  int r)
{
	printk(KERN_NOTICE "  <TR><TD ALIGN=\"RIGHT\">pfn %#lx</TD>",
	       cma->base_pfn + r * 16);
	for (int c = 0; c < 16; c++) {
		const struct fig_cma_buf *o =
			fig_cma_owner(cma, bufs, r * 16 + c);

		printk(KERN_NOTICE "<TD BGCOLOR=\"%s\">%d</TD>",
		       o ? o->color : "white", fig_cma_bit(cma, r * 16 + c));
	}
	printk(KERN_NOTICE "</TR>\n");
}

/* The first bits of @cma as a table, and a legend of the buffers. */
static void print_cma_bitmap(const struct cma *cma,
			     const struct fig_cma_buf *bufs,
			     const struct page *released, int released_len)
{
	printk(KERN_NOTICE "digraph cma {\n"
			   " node [shape=plaintext, fontsize=10];\n"
			   " bitmap [label=<<TABLE BORDER=\"0\" "
			   "CELLBORDER=\"1\" CELLSPACING=\"0\" "
			   "CELLPADDING=\"4\">\n"
			   "  <TR><TD COLSPAN=\"17\"><B>%s</B>: base_pfn "
			   "%#lx, count %lu, order_per_bit %u</TD></TR>\n",
	       cma->name, cma->base_pfn, cma->count, cma->order_per_bit);
	for (int r = 0; r < FIG_CMA_ROWS; r++)
		print_cma_row(cma, bufs, r);
	printk(KERN_NOTICE "  <TR><TD COLSPAN=\"17\">... %lu more bits, all "
			   "clear: used %lu pages, maxchunk %lu pages"
			   "</TD></TR>\n </TABLE>>];\n",
	       cma->count - FIG_CMA_ROWS * 16, cma_used_pages(cma),
	       cma_maxchunk_pages(cma));
	printk(KERN_NOTICE " legend [label=<<TABLE BORDER=\"0\" "
			   "CELLBORDER=\"1\" CELLSPACING=\"0\" "
			   "CELLPADDING=\"4\">\n");
	for (int i = 0; i < FIG_CMA_BUFS; i++)
		printk(KERN_NOTICE "  <TR><TD BGCOLOR=\"%s\">%s</TD>"
				   "<TD ALIGN=\"LEFT\">pfn %#lx, %d pages</TD>"
				   "</TR>\n",
		       bufs[i].color, bufs[i].name, page_to_pfn(bufs[i].page),
		       bufs[i].len);
	printk(KERN_NOTICE "  <TR><TD>cma_alloc(%d, 0)</TD><TD ALIGN=\"LEFT\">"
			   "pfn %#lx, %d pages: released</TD></TR>\n"
			   " </TABLE>>];\n bitmap -> legend [style=invis];"
			   "\n}\n",
	       released_len, page_to_pfn(released), released_len);
}

/*
 * The figure of chapter 08: the default CMA area of vexpress-cma after
 * cma_alloc(3), cma_alloc(16, align 4), cma_alloc(8, align 3),
 * cma_alloc(5) and the release of the first buffer.  First fit with
 * alignment: the 16 pages skip to bit 16, the 8 pages to bit 8, and the
 * 5 pages fill the gap at bit 3; bits 0-2 are clear again.
 */
START_TEST(fig_cma_bitmap)
{
	struct fig_cma_buf bufs[FIG_CMA_BUFS] = {
		{ "cma_alloc(16, 4)", NULL, 16, "#a1d99b" },
		{ "cma_alloc(8, 3)", NULL, 8, "#fdae6b" },
		{ "cma_alloc(5, 0)", NULL, 5, "#9ecae1" },
	};
	struct zone *z;
	struct cma *cma;
	struct page *a;

	ktest_reboot("vexpress-cma", ktest_boot_cma);
	cma = dma_contiguous_default_area;
	ck_assert(cma && cma->order_per_bit == 0);
	z = page_zone(pfn_to_page(cma->base_pfn));
	a = cma_alloc(cma, 3, 0, false);
	bufs[0].page = cma_alloc(cma, 16, 4, false);
	bufs[1].page = cma_alloc(cma, 8, 3, false);
	bufs[2].page = cma_alloc(cma, 5, 0, false);
	ck_assert(a && page_to_pfn(a) == cma->base_pfn);
	ck_assert(bufs[0].page &&
		  page_to_pfn(bufs[0].page) == cma->base_pfn + 16);
	ck_assert(bufs[1].page &&
		  page_to_pfn(bufs[1].page) == cma->base_pfn + 8);
	ck_assert(bufs[2].page &&
		  page_to_pfn(bufs[2].page) == cma->base_pfn + 3);
	ck_assert(cma_release(cma, a, 3));
	drain_all_pages(NULL);
	for (int i = 0; i < FIG_CMA_BUFS; i++)
		for (int j = 0; j < bufs[i].len; j++)
			ck_assert(page_count(bufs[i].page + j) == 1 &&
				  !PageBuddy(bufs[i].page + j));
	for (unsigned long b = 0; b < FIG_CMA_ROWS * 16; b++)
		ck_assert_msg(fig_cma_bit(cma, b) ==
				      !!fig_cma_owner(cma, bufs, b),
			      "bit %lu is %d", b, fig_cma_bit(cma, b));
	ck_assert_uint_eq(cma_used_pages(cma), 29);
	ck_assert_uint_eq(cma_maxchunk_pages(cma), cma->count - 32);
	ck_assert_uint_eq(zone_page_state(z, NR_FREE_CMA_PAGES),
			  cma->count - 29);
	ck_assert(get_pageblock_migratetype(a) == MIGRATE_CMA);
	FIG_BEGIN("ch08-cma-bitmap");
	print_cma_bitmap(cma, bufs, a, 3);
	FIG_END();
}
END_TEST

/* One record cell per region of @type: "[base, end)\l" lines. */
static void print_memblock_type(const char *port, struct memblock_type *type)
{
	printk(KERN_NOTICE "{<%s> memblock.%s (%lu)|", port, type->name,
	       type->cnt);
	for (unsigned long i = 0; i < type->cnt; i++)
		printk(KERN_NOTICE "%lu: [%#010x, %#010x)\\l", i,
		       type->regions[i].base,
		       type->regions[i].base + type->regions[i].size);
	printk(KERN_NOTICE "}");
}

static void print_memblock(const char *node, const char *title,
			   struct memblock_type *memory,
			   struct memblock_type *reserved)
{
	printk(KERN_NOTICE " %s [label=\"{%s|{", node, title);
	print_memblock_type("m", memory);
	printk(KERN_NOTICE "|");
	print_memblock_type("r", reserved);
	printk(KERN_NOTICE "}}\"];\n");
}

/* A copy of @type (at most 8 regions), to print later. */
static void copy_type(struct memblock_type *to, struct memblock_region *r,
		      const struct memblock_type *from)
{
	ck_assert(from->cnt <= 8);
	*to = *from;
	to->regions = r;
	memcpy(r, from->regions, from->cnt * sizeof(*r));
}

/*
 * The figure of chapter 09: memblock on vexpress-cma after
 * arm_memblock_init() (the device tree's RAM less the no-map
 * framebuffer; the image and the CMA pool reserved), and after
 * bootmem_init(), whose free_area_init() took mem_map and the pageblock
 * bitmap from the top of lowmem.
 */
START_TEST(fig_memblock)
{
	static struct memblock_region mem_r[8], rsv_r[8];
	struct memblock_type mem, rsv;
	struct memblock_region *last;

	ktest_reboot("vexpress-cma", NULL);
	bootmem_early_stand_in(BOOTMEM_REAL);
	arm_memblock_init();
	ck_assert_uint_eq(memblock.memory.cnt, 2);
	ck_assert_uint_eq(memblock.reserved.cnt, 2);
	copy_type(&mem, mem_r, &memblock.memory);
	copy_type(&rsv, rsv_r, &memblock.reserved);
	bootmem_init();
	last = &memblock.reserved.regions[memblock.reserved.cnt - 1];
	ck_assert(memblock_is_reserved(__pa(mem_map)));
	ck_assert_uint_eq(last->base + last->size, 0x80000000);
	printk(KERN_NOTICE "\n");
	FIG_BEGIN("ch09-memblock");
	printk(KERN_NOTICE "digraph ch09_memblock {\n graph [rankdir=TB, "
			   "ranksep=0.3, fontsize=11];\n node [shape=record, "
			   "fontname=\"Courier\", fontsize=9, style=filled, "
			   "fillcolor=\"#f4f4f0\"];\n edge [arrowsize=0.6, "
			   "fontsize=9];\n");
	print_memblock("before", "after arm_memblock_init()", &mem, &rsv);
	print_memblock("after",
		       "after bootmem_init(): mem_map and the pageblock "
		       "bitmap, top-down",
		       &memblock.memory, &memblock.reserved);
	printk(KERN_NOTICE " before -> after [label=\" memblock_alloc() "
			   "in free_area_init()\"];\n}\n");
	FIG_END();
}
END_TEST

/*
 * The figure of chapter 13: one slab of a cache of 256-byte objects (16
 * to a page), all allocated by CPU 0, then objects 5, 9 and 2 freed on
 * CPU 0.  They are pushed on the CPU's freelist, each free object
 * holding the address of the next one at s->offset: 2 -> 9 -> 5.
 */
START_TEST(fig_slab_freelist)
{
	static const int freed[] = { 5, 9, 2 };
	struct kmem_cache *s;
	struct kmem_cache_cpu *c;
	char *objs[16], *base;
	int order[16], n = 0;

	ktest_reboot("vexpress-256m", ktest_boot_slab);
	s = kmem_cache_create("fig", 256, 0, 0, NULL);
	ck_assert(s && oo_objects(s->oo) == 16 && oo_order(s->oo) == 0);
	for (int i = 0; i < 16; i++)
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
	base = page_address(virt_to_head_page(objs[0]));
	for (int i = 0; i < 16; i++)
		ck_assert(objs[i] == base + i * 256);
	for (unsigned int i = 0; i < ARRAY_SIZE(freed); i++)
		kmem_cache_free(s, objs[freed[i]]);
	c = &s->cpu_slab[0];
	for (char *o = (char *)c->freelist; o; o = get_freepointer(s, o))
		order[n++] = (int)((o - base) / 256);
	ck_assert_int_eq(n, 3);
	ck_assert(order[0] == 2 && order[1] == 9 && order[2] == 5);
	FIG_BEGIN("ch13-slab-freelist");
	printk(KERN_NOTICE "digraph slab {\n"
			   " graph [nodesep=0.06, ranksep=0.45];\n"
			   " node [shape=box, fontsize=9, width=0.25, "
			   "height=0.3, margin=0.02, style=filled];\n"
			   " edge [arrowsize=0.5];\n"
			   " head [shape=plaintext, style=\"\", label=\"CPU 0: "
			   "c->freelist\"];\n"
			   " info [shape=plaintext, style=\"\", label=\"slab "
			   "at pfn %#lx: objects %u, inuse %u, frozen %u\\n"
			   "the free pointer at offset %u\"];\n",
	       page_to_pfn(virt_to_head_page(base)), c->page->objects,
	       c->page->inuse, c->page->frozen, s->offset);
	printk(KERN_NOTICE " { rank=same;");
	for (int i = 0; i < 16; i++)
		printk(KERN_CONT " o%d", i);
	printk(KERN_CONT " }\n");
	for (int i = 0; i < 16; i++) {
		bool f = i == 2 || i == 5 || i == 9;

		printk(KERN_NOTICE " o%d [label=\"%d\", fillcolor=\"%s\"];\n",
		       i, i, f ? "#dcefdc" : "#dddddd");
	}
	for (int i = 0; i < 15; i++)
		printk(KERN_NOTICE " o%d -> o%d [style=invis];\n", i, i + 1);
	printk(KERN_NOTICE " o7 -> info [style=invis];\n head -> o%d;\n",
	       order[0]);
	for (int i = 0; i + 1 < n; i++)
		printk(KERN_NOTICE " o%d -> o%d [constraint=false, "
				   "color=\"#2c7a2c\"];\n",
		       order[i], order[i + 1]);
	printk(KERN_NOTICE " null [shape=plaintext, style=\"\", "
			   "label=\"NULL\"];\n o%d -> null [color=\"#2c7a2c\"];"
			   "\n}\n",
	       order[n - 1]);
	FIG_END();
}
END_TEST

/* The TLB entries in the megabytes at @u and @k, as table rows. */
static int fig_tlb_rows(u32 u, u32 k, const char *title)
{
	struct machine_tlb_entry e[64];
	int n = machine_tlb_entries(e, ARRAY_SIZE(e)), shown = 0;

	printk(KERN_NOTICE "<tr><td colspan=\"4\" bgcolor=\"#eeeeee\">"
			   "%s</td></tr>\n",
	       title);
	printk(KERN_NOTICE "<tr><td>VA</td><td>PA</td><td>nG</td>"
			   "<td>ASID</td></tr>\n");
	for (int i = 0; i < n; i++) {
		u32 mb = e[i].va >> SECTION_SHIFT;

		if (mb != u >> SECTION_SHIFT && mb != k >> SECTION_SHIFT)
			continue;
		if (e[i].ng)
			printk(KERN_NOTICE "<tr><td>%#010x</td><td>%#010x</td>"
					   "<td>1</td><td>%u</td></tr>\n",
			       e[i].va, e[i].pa, e[i].asid);
		else
			printk(KERN_NOTICE "<tr><td>%#010x</td><td>%#010x</td>"
					   "<td>0</td><td>any</td></tr>\n",
			       e[i].va, e[i].pa);
		shown++;
	}
	printk(KERN_NOTICE "<tr><td colspan=\"4\">other entries: %d "
			   "(sections the kernel used)</td></tr>\n",
	       n - shown);
	return shown;
}

/*
 * Chapter 19: the TLB before and after flush_tlb_page(vma1, U): a
 * global kernel page, and the user page U cached under two ASIDs; the
 * flush takes mm1's entry only.  The host's TLB model lists its
 * entries; on the board (QEMU shows none) only the reads are checked.
 */
START_TEST(fig_tlb_flush_page)
{
	u32 *pgd, *l2u, *l2k, u = 0, k = 0, pa[2];
	struct page *p[4];
	struct mm_struct mm1, mm2;
	struct vm_area_struct vma1;
	u32 ttbr0, cidr;
	int before = 0, after = 0;

	ktest_reboot("vexpress-256m", ktest_boot_slab);
	ttbr0 = cpu_get_ttbr(0);
	cidr = cpu_get_contextidr();
	pgd = (u32 *)__va(ttbr0 & ~0x3fffU);
	for (u32 i = 0x004; !u; i++)
		u = pgd[i] ? 0 : i << SECTION_SHIFT;
	for (u32 i = 0xf00; !k; i++)
		k = pgd[i] ? 0 : i << SECTION_SHIFT;
	for (int i = 0; i < 4; i++) {
		p[i] = alloc_page(GFP_KERNEL | __GFP_ZERO);
		ck_assert_ptr_nonnull(p[i]);
	}
	l2u = page_address(p[0]);
	l2k = page_address(p[1]);
	pa[0] = (u32)page_to_pfn(p[2]) << PAGE_SHIFT;
	pa[1] = (u32)page_to_pfn(p[3]) << PAGE_SHIFT;
	*(u32 *)page_address(p[2]) = 0xa;
	*(u32 *)page_address(p[3]) = 0xb;
	pgd[u >> SECTION_SHIFT] =
		(u32)__pa((unsigned long)l2u) | PMD_TYPE_TABLE;
	pgd[k >> SECTION_SHIFT] =
		(u32)__pa((unsigned long)l2k) | PMD_TYPE_TABLE;
	l2u[0] = pa[0] | PTE_RW | PTE_EXT_NG;
	l2k[0] = pa[0] | PTE_RW;
	mm1 = (struct mm_struct){ .pgd = (pgd_t *)pgd };
	mm2 = mm1;
	vma1 = (struct vm_area_struct){ .vm_start = u,
					.vm_end = u + SECTION_SIZE,
					.vm_mm = &mm1 };
	flush_tlb_all();
	ck_assert_uint_eq(*(volatile u32 *)(uintptr_t)k, 0xa);
	check_and_switch_context(&mm1, NULL);
	ck_assert_uint_eq(*(volatile u32 *)(uintptr_t)u, 0xa);
	check_and_switch_context(&mm2, NULL);
	ck_assert_uint_eq(*(volatile u32 *)(uintptr_t)u, 0xa);
	l2u[0] = pa[1] | PTE_RW | PTE_EXT_NG;
	if (machine_tlb_entries(NULL, 0) >= 0) {
		FIG_BEGIN("ch19-tlb-flush-page");
		printk(KERN_NOTICE "digraph tlb {\n"
				   " node [shape=plaintext, fontsize=9];\n"
				   " t [label=<<table border=\"0\" "
				   "cellborder=\"1\" cellspacing=\"0\">\n");
		before = fig_tlb_rows(u, k, "before flush_tlb_page(vma1, U)");
	}
	flush_tlb_page(&vma1, u);
	if (machine_tlb_entries(NULL, 0) >= 0) {
		after = fig_tlb_rows(u, k, "after: mm1's entry of U is gone");
		printk(KERN_NOTICE "</table>>];\n}\n");
		FIG_END();
		ck_assert_int_eq(before, 3);
		ck_assert_int_eq(after, 2);
		/* mm2's entry is stale: the host keeps it until flushed */
		ck_assert_uint_eq(*(volatile u32 *)(uintptr_t)u, 0xa);
	}
	check_and_switch_context(&mm1, NULL);
	ck_assert_uint_eq(*(volatile u32 *)(uintptr_t)u, 0xb);
	pgd[u >> SECTION_SHIFT] = 0;
	pgd[k >> SECTION_SHIFT] = 0;
	cpu_set_contextidr(cidr);
	cpu_set_ttbr(0, ttbr0);
	flush_tlb_all();
}
END_TEST

/*
 * Chapter 16: the walk of VA 0x3001f123 through the tables of the test
 * walk_each_format (a coarse table at L1 entry 0x300 whose entries
 * 0x10..0x1f are one large page), drawn from the descriptors as they
 * lie in RAM, with the software walker's answer and the MMU's own
 * (ATS1CPR), which must agree.
 */
START_TEST(fig_two_level_walk)
{
	const u32 va = 0x3001f123, l1i = va >> 20, l2i = (va >> 12) & 0xff;
	struct pt_switch s = { 0 };
	struct hw_translation t;
	u32 *l1, *l2, l1pa, l2pa, par;

	ktest_reboot("vexpress-256m", ktest_boot_paging);
	l1 = pt_copy_live(&s);
	l2 = page_address(alloc_page(GFP_KERNEL | __GFP_ZERO));
	ck_assert(l1 && l2 && !l1[l1i]);
	l1pa = (u32)__pa(l1);
	l2pa = (u32)__pa(l2);
	l1[l1i] = l2pa | PMD_TYPE_TABLE | PMD_DOMAIN(7);
	for (int i = 0x10; i < 0x20; i++)
		l2[i] = 0x5ab10000 | PTE_TYPE_LARGE;
	ck_assert_int_eq(hw_walk_tables(l1, va, &t), 0);
	pt_switch_to(&s, 0xffffffffU);
	par = ats1c(va, false, false);
	pt_switch_back(&s);
	ck_assert_uint_eq(t.pa, 0x5ab1f123);
	ck_assert_uint_eq(t.size, SZ_64K);
	ck_assert_uint_eq(t.l1, l1[l1i]);
	ck_assert_uint_eq(t.l2, l2[l2i]);
	ck_assert_msg(!(par & PAR_F) && (par & PAGE_MASK) == (t.pa & PAGE_MASK),
		      "the MMU translates %#x to PAR %#x, the walker to %#x",
		      va, par, t.pa);
	FIG_BEGIN("ch16-walk");
	printk(KERN_NOTICE "digraph ch16_walk {\n"
			   " graph [nodesep=0.3, ranksep=0.3];\n"
			   " node [shape=record, style=filled, "
			   "fillcolor=\"#f4f4f0\", fontsize=10];\n"
			   " edge [arrowsize=0.6, fontsize=9];\n");
	printk(KERN_NOTICE " va [label=\"{VA %#010x|{<l1>31:20\\n%#05x|"
			   "<l2>19:12\\n%#04x|<off>11:0\\n%#05x}}\", "
			   "fillcolor=\"#e3ecf7\"];\n",
	       va, l1i, l2i, va & 0xfff);
	printk(KERN_NOTICE " ttbr [label=\"TTBR0\\n%#010x\", "
			   "fillcolor=\"#fdf3dc\"];\n",
	       l1pa);
	printk(KERN_NOTICE " l1 [label=\"{first-level table, 16 KiB|<e>"
			   "[%#05x] @ %#010x: %#010x\\ncoarse table at "
			   "%#010x, domain %u}\"];\n",
	       l1i, l1pa + 4 * l1i, t.l1, l2pa, (t.l1 >> 5) & 0xf);
	printk(KERN_NOTICE " l2 [label=\"{coarse table, 1 KiB|<e>[%#04x] @ "
			   "%#010x: %#010x\\nlarge page (one of 16 copies, "
			   "[0x10..0x1f])}\"];\n",
	       l2i, l2pa + 4 * l2i, t.l2);
	printk(KERN_NOTICE " pa [label=\"PA %#010x\\nbase[31:16] : VA[15:0]"
			   "\\nATS1CPR: PAR %#010x\", fillcolor=\"#e8f3e3\"];"
			   "\n",
	       t.pa, par);
	printk(KERN_NOTICE " ttbr -> l1;\n va:l1 -> l1:e [label=\" x4\"];\n"
			   " l1:e -> l2 [label=\" base[31:10]\"];\n"
			   " va:l2 -> l2:e [label=\" x4\"];\n l2:e -> pa;\n"
			   " va:off -> pa [style=dashed];\n}\n");
	FIG_END();
	free_page((unsigned long)l2);
}
END_TEST

/* One row of the ch18 table: entries [@first..@last] alike. */
static void print_swapper_run(u32 first, u32 last, u32 d)
{
	u32 va = first << SECTION_SHIFT, pa = d & PMD_SECT_BASE_MASK;
	bool wbwa = (d & (PMD_SECT_TEX(7) | PMD_SECT_CACHEABLE |
			  PMD_SECT_BUFFERABLE)) == PMD_SECT_WBWA;

	if (first == last)
		printk(KERN_NOTICE "<tr><td>%#05x</td>", first);
	else
		printk(KERN_NOTICE "<tr><td>%#05x..%#05x</td>", first, last);
	printk(KERN_CONT "<td>%#010x</td>", va);
	if (!(d & PMD_TYPE_MASK)) {
		printk(KERN_CONT "<td>-</td><td>fault</td><td>-</td></tr>\n");
		return;
	}
	printk(KERN_CONT "<td>%#010x</td><td>section%s</td>"
			 "<td>AP %s%s%s%s</td></tr>\n",
	       pa,
	       pa == va					 ? ", VA == PA"
	       : __phys_to_virt(pa) == (unsigned long)va ? ", linear map"
							 : "",
	       d & PMD_SECT_AP_READ ? "11 (user RW too)" : "01 (kernel RW)",
	       d & PMD_SECT_XN ? ", XN" : "", wbwa ? ", WBWA" : ", other type",
	       d & PMD_SECT_S ? ", S" : "");
}

/*
 * Chapter 18: swapper_pg_dir on vexpress-256m after the boot of
 * chapter 18 (__create_page_tables, the switch, paging_init), read
 * entry by entry from the live table and folded into runs of entries
 * that continue each other (the same bits, the base 1 MiB on).
 */
START_TEST(fig_swapper)
{
	const u32 *pgd;
	u32 first = 0, rows = 0, sections = 0, idmap;

	ktest_reboot("vexpress-256m", ktest_boot_paging);
	pgd = (const u32 *)swapper_pg_dir;
	ck_assert_uint_eq(read_sysreg(TTBR0_32) & ~0x3fffU,
			  (u32)__pa(swapper_pg_dir));
	idmap = virt_to_idmap(__turn_mmu_on) >> SECTION_SHIFT;
	ck_assert_uint_eq(pgd[idmap], 0); /* prepare_page_table() */
	ck_assert_uint_eq(pgd[PAGE_OFFSET >> SECTION_SHIFT] &
				  PMD_SECT_BASE_MASK,
			  (u32)PHYS_OFFSET);
	FIG_BEGIN("ch18-swapper");
	printk(KERN_NOTICE "digraph ch18_swapper {\n"
			   " node [shape=plaintext, fontsize=9];\n"
			   " t [label=<<table border=\"0\" cellborder=\"1\" "
			   "cellspacing=\"0\">\n"
			   "<tr><td colspan=\"5\" bgcolor=\"#eeeeee\">"
			   "swapper_pg_dir: VA %#010lx, PA %#010lx (TTBR0)"
			   "</td></tr>\n<tr><td>entries</td><td>VA</td>"
			   "<td>PA</td><td>kind</td><td>bits</td></tr>\n",
	       (unsigned long)swapper_pg_dir,
	       (unsigned long)__pa(swapper_pg_dir));
	for (u32 i = 1; i <= HW_L1_ENTRIES; i++) {
		u32 d = pgd[first];
		u32 next =
			d & PMD_TYPE_MASK ? d + (i - first) * SECTION_SIZE : 0;

		if (i < HW_L1_ENTRIES && pgd[i] == next)
			continue;
		print_swapper_run(first, i - 1, d);
		if (d & PMD_TYPE_MASK)
			sections += i - first;
		rows++;
		first = i;
	}
	printk(KERN_NOTICE "</table>>];\n}\n");
	FIG_END();
	/* lowmem at PAGE_OFFSET, and nothing else */
	ck_assert_uint_eq(sections,
			  (arm_lowmem_limit - PHYS_OFFSET) >> SECTION_SHIFT);
	/* faults; the head's megabyte, NX; text to init, executable; the
	   rest of lowmem, NX; faults */
	ck_assert_uint_eq(rows, 5);
}
END_TEST

/* One row of the layout figure: a region or a hole, top down. */
static void layout_row(const char *name, unsigned long start, unsigned long end,
		       const char *colour)
{
	unsigned long size = end - start;

	printk(KERN_NOTICE "<tr><td bgcolor=\"%s\" align=\"left\">%s</td>"
			   "<td align=\"left\">%#010lx</td>"
			   "<td align=\"left\">%#010lx</td>"
			   "<td align=\"right\">%lu %s</td></tr>\n",
	       colour, name, start, end ? end - 1 : 0xffffffffUL,
	       size >= (1UL << 20) ? size >> 20 : size >> 10,
	       size >= (1UL << 20) ? "MiB" : "KiB");
}

/*
 * Chapter 20: the 4 GiB address space of the split this kernel was
 * built for, on vexpress-256m, every region from the kernel's own
 * definitions and high_memory.  The book draws it from the 3G/1G build
 * and from the 2G/2G build (book/book.mk).
 */
START_TEST(fig_vm_layout)
{
	unsigned long low_end;

	ktest_reboot("vexpress-256m", ktest_boot_paging);
	low_end = (unsigned long)high_memory;
	ck_assert_uint_eq(VMALLOC_START > low_end, 1);
	ck_assert_uint_eq(MODULES_END, PKMAP_BASE);
	ck_assert_uint_eq(PKMAP_BASE + LAST_PKMAP * PAGE_SIZE, PAGE_OFFSET);
#ifdef CONFIG_VMSPLIT_2G
	FIG_BEGIN("ch20-layout-2g");
#else
	FIG_BEGIN("ch20-layout-3g");
#endif
	printk(KERN_NOTICE "digraph ch20_layout {\n"
			   " node [shape=plaintext, fontsize=9];\n"
			   " t [label=<<table border=\"0\" cellborder=\"1\" "
			   "cellspacing=\"0\" cellpadding=\"3\">\n"
			   "<tr><td colspan=\"4\" bgcolor=\"#eeeeee\">"
			   "PAGE_OFFSET %#010lx, vexpress-256m</td></tr>\n"
			   "<tr><td>region</td><td>from</td><td>to</td>"
			   "<td>size</td></tr>\n",
	       PAGE_OFFSET);
	layout_row("vectors", VECTORS_BASE, VECTORS_BASE + PAGE_SIZE,
		   "#fdd0a2");
	layout_row("(unused)", FIXADDR_END, VECTORS_BASE, "#ffffff");
	layout_row("fixmap", FIXADDR_START, FIXADDR_END, "#fdae6b");
	layout_row("(unused)", VMALLOC_END, FIXADDR_START, "#ffffff");
	layout_row("vmalloc", VMALLOC_START, VMALLOC_END, "#c6dbef");
	layout_row("(hole)", low_end, VMALLOC_START, "#ffffff");
	layout_row("lowmem (linear map)", PAGE_OFFSET, low_end, "#a1d99b");
	layout_row("pkmap", PKMAP_BASE, PAGE_OFFSET, "#dadaeb");
	layout_row("modules", MODULES_VADDR, MODULES_END, "#bcbddc");
	layout_row("user space", 0, TASK_SIZE, "#f0f0f0");
	printk(KERN_NOTICE "</table>>];\n}\n");
	FIG_END();
}
END_TEST

/* One row of the PTE page figure: a used entry and its hardware twin. */
static void pte_page_row(const u32 *page, unsigned int i, unsigned long va,
			 const char *what)
{
	printk(KERN_NOTICE "<tr><td align=\"right\">%u</td>"
			   "<td align=\"left\">%#010lx</td>"
			   "<td>+%u</td><td>%08x</td>"
			   "<td>+%u</td><td>%08x</td>"
			   "<td align=\"left\">%s</td></tr>\n",
	       i, va, i * 4, page[i], (i + PTRS_PER_PTE) * 4,
	       page[i + PTRS_PER_PTE], what);
}

/*
 * Chapter 24: one PTE page of the running kernel, after mapping pages
 * in both megabytes of a pgd entry: its Linux PTEs and, 2048 bytes on,
 * the hardware PTEs that set_pte_ext() derived from them.
 */
START_TEST(fig_pte_page)
{
	struct page *t;
	pgd_t *pgd;
	const u32 kern = L_PTE_PRESENT | L_PTE_MT_WRITEBACK | L_PTE_XN;
	struct map_desc rw = { 0xe0103000, 0x61234, 2 * PAGE_SIZE,
			       MT_MEMORY_RW };
	struct map_desc rwx = { 0xe0001000, 0x60008, PAGE_SIZE, MT_MEMORY_RWX };
	struct map_desc vec = { 0xe0002000, 0x6ffff, PAGE_SIZE,
				MT_HIGH_VECTORS };
	u32 *l1, *page;
	pte_t *ptep;

	ktest_reboot("vexpress-256m", ktest_boot_paging);
	t = alloc_pages(GFP_KERNEL | __GFP_ZERO, 2);
	pgd = page_address(t);
	l1 = (u32 *)pgd;
	ck_assert_int_eq(create_mapping_late(pgd, &rw, false), 0);
	ck_assert_int_eq(create_mapping_late(pgd, &rwx, false), 0);
	ck_assert_int_eq(create_mapping_late(pgd, &vec, false), 0);
	ptep = pte_offset_kernel((pmd_t *)&l1[0xe00], 0xe0105000);
	set_pte_ext(ptep, __pte(0x61300000 | kern | L_PTE_YOUNG), 0);
	set_pte_ext(ptep + 1, __pte(0x61301000 | kern | L_PTE_DIRTY), 0);
	page = __va(l1[0xe00] & PAGE_MASK);
	FIG_BEGIN("ch24-pte-page");
	printk(KERN_NOTICE
	       "digraph ch24_pte_page {\n"
	       " node [shape=plaintext, fontsize=9];\n"
	       " t [label=<<table border=\"0\" cellborder=\"1\" "
	       "cellspacing=\"0\" cellpadding=\"3\">\n"
	       "<tr><td colspan=\"7\" bgcolor=\"#eeeeee\">PTE page "
	       "at PA %#010lx; pgd entry of 0xe0000000: "
	       "pmd[0] %08x, pmd[1] %08x</td></tr>\n"
	       "<tr><td>index</td><td>VA</td>"
	       "<td colspan=\"2\" bgcolor=\"#c6dbef\">Linux PTE</td>"
	       "<td colspan=\"2\" bgcolor=\"#fdd0a2\">hardware PTE"
	       "</td><td>what</td></tr>\n",
	       (unsigned long)__pa(page), l1[0xe00], l1[0xe01]);
	pte_page_row(page, 1, 0xe0001000, "MT_MEMORY_RWX: kernel code");
	pte_page_row(page, 2, 0xe0002000, "MT_HIGH_VECTORS: user, read-only");
	pte_page_row(page, 259, 0xe0103000, "MT_MEMORY_RW");
	pte_page_row(page, 260, 0xe0104000, "MT_MEMORY_RW");
	pte_page_row(page, 261, 0xe0105000, "young, clean: APX");
	pte_page_row(page, 262, 0xe0106000, "old: no hardware entry");
	printk(KERN_NOTICE "<tr><td colspan=\"7\">every other entry of the "
			   "four tables is 0 (a fault)</td></tr>\n"
			   "</table>>];\n}\n");
	FIG_END();
	for (unsigned int i = 0; i < 2 * PTRS_PER_PTE; i++) {
		unsigned int e = i % PTRS_PER_PTE;

		if (e == 1 || e == 2 || (e >= 259 && e <= 262))
			continue;
		ck_assert_uint_eq(page[i], 0);
	}
}
END_TEST

static unsigned long vaddr(const void *p)
{
	return (unsigned long)(uintptr_t)p;
}

/* One row of the vmalloc figure. */
static void vmalloc_row(unsigned long start, unsigned long end,
			const char *colour, const char *what)
{
	printk(KERN_NOTICE "<tr><td bgcolor=\"%s\" align=\"left\">%#010lx"
			   "</td><td align=\"left\">%#010lx</td>"
			   "<td align=\"right\">%lu KiB</td>"
			   "<td align=\"left\">%s</td></tr>\n",
	       colour, start, end - 1, (end - start) >> 10, what);
}

/*
 * Chapter 26: the start of the vmalloc area after four vmalloc() calls
 * and one vfree(), from the kernel's own lists: each busy area with its
 * pages and guard page, the area waiting for a purge, the free rest.
 */
START_TEST(fig_vmalloc_areas)
{
	static const unsigned long sizes[] = { 3, 1, 5, 2 };
	void *p[4];
	struct vmap_area *va;
	char what[160];
	unsigned long lazy_start = 0, lazy_end = 0;

	ktest_reboot("vexpress-256m", ktest_boot_paging);
	for (int i = 0; i < 4; i++)
		p[i] = vmalloc(sizes[i] * PAGE_SIZE);
	vfree(p[1]);
	FIG_BEGIN("ch26-vmalloc-areas");
	printk(KERN_NOTICE "digraph ch26_vmalloc {\n"
			   " node [shape=plaintext, fontsize=9];\n"
			   " t [label=<<table border=\"0\" cellborder=\"1\" "
			   "cellspacing=\"0\" cellpadding=\"3\">\n"
			   "<tr><td colspan=\"4\" bgcolor=\"#eeeeee\">"
			   "VMALLOC_START %#010lx (vexpress-256m)</td></tr>\n"
			   "<tr><td>from</td><td>to</td><td>size</td>"
			   "<td>what</td></tr>\n",
	       (unsigned long)VMALLOC_START);
	list_for_each_entry(va, &vmap_area_list, list) {
		struct vm_struct *vm = va->vm;
		unsigned long guard = va->va_end - PAGE_SIZE;
		int n;

		if (lazy_end == 0 && p[1] && va->va_start > vaddr(p[1])) {
			lazy_start = vaddr(p[1]);
			lazy_end = lazy_start + 2 * PAGE_SIZE;
			vmalloc_row(lazy_start, lazy_end, "#fdd0a2",
				    "freed, unmapped: waits for a purge");
		}
		n = snprintf(what, sizeof(what), "vmalloc, pfn");
		for (unsigned int i = 0; i < vm->nr_pages; i++)
			n += snprintf(what + n, sizeof(what) - (size_t)n,
				      " %lu", page_to_pfn(vm->pages[i]));
		vmalloc_row(va->va_start, guard, "#c6dbef", what);
		vmalloc_row(guard, va->va_end, "#ffffff", "guard page");
	}
	list_for_each_entry(va, &free_vmap_area_list, list) {
		if (va->va_end <= VMALLOC_START)
			continue;
		printk(KERN_NOTICE "<tr><td bgcolor=\"#e5f5e0\" align=\"left\">"
				   "%#010lx</td><td align=\"left\">%#010lx"
				   "</td><td align=\"right\">%lu MiB</td>"
				   "<td align=\"left\">free, to VMALLOC_END "
				   "(the free area goes on to the top of the "
				   "4 GiB)</td></tr>\n",
		       va->va_start, (unsigned long)VMALLOC_END - 1,
		       (VMALLOC_END - va->va_start) >> 20);
	}
	printk(KERN_NOTICE "</table>>];\n}\n");
	FIG_END();
	ck_assert_uint_eq(vmap_lazy_nr, 2);
	ck_assert_uint_eq(lazy_end - lazy_start, 2 * PAGE_SIZE);
}
END_TEST

/* Where the image window holds a kernel symbol (init.c's image_va()). */
static unsigned long image_at(const void *sym)
{
	return __phys_to_virt(virt_to_idmap(sym));
}

/*
 * Chapter 25: the image's megabytes in swapper_pg_dir once boot is
 * over (free_initmem(), mark_rodata_ro()), each entry read back from
 * the live table, with the sections that lie in it.
 */
START_TEST(fig_image_perms)
{
	const u32 *l1 = (const u32 *)swapper_pg_dir;
	struct {
		unsigned long va;
		const char *name;
	} marks[] = {
		{ (unsigned long)swapper_pg_dir, "swapper_pg_dir" },
		{ image_at(__idmap_text_start),
		  ".idmap.text (after the head code)" },
		{ image_at(_stext), "_stext: the kernel's text" },
		{ image_at(__start_rodata), "__start_rodata" },
		{ image_at(__init_begin), "__init_begin: init (freed)" },
		{ image_at(_sdata), "_sdata: data, then bss" },
	};

	ktest_reboot("vexpress-256m", ktest_boot_rwx);
	FIG_BEGIN("ch25-image-perms");
	printk(KERN_NOTICE "digraph ch25_image {\n"
			   " node [shape=plaintext, fontsize=9];\n"
			   " t [label=<<table border=\"0\" cellborder=\"1\" "
			   "cellspacing=\"0\" cellpadding=\"3\">\n"
			   "<tr><td>megabyte</td><td>entry</td>"
			   "<td>permissions</td><td>what lies there</td>"
			   "</tr>\n");
	for (unsigned long va = PAGE_OFFSET; va < PAGE_OFFSET + 0x500000;
	     va += SECTION_SIZE) {
		u32 e = l1[va >> SECTION_SHIFT];
		bool ro = (e & (PMD_SECT_APX | PMD_SECT_AP_WRITE |
				PMD_SECT_AP_READ)) ==
			  (PMD_SECT_APX | PMD_SECT_AP_WRITE);
		bool nx = e & PMD_SECT_XN;
		char what[160] = "";
		int n = 0;

		for (size_t i = 0; i < ARRAY_SIZE(marks); i++)
			if (marks[i].va >> SECTION_SHIFT == va >> SECTION_SHIFT)
				n += snprintf(what + n,
					      sizeof(what) - (size_t)n,
					      "%s%s %#lx", n ? "<br/>" : "",
					      marks[i].name, marks[i].va);
		printk(KERN_NOTICE "<tr><td align=\"left\">%#010lx</td>"
				   "<td>%08x</td><td bgcolor=\"%s\">%s %s</td>"
				   "<td align=\"left\" balign=\"left\">%s</td>"
				   "</tr>\n",
		       va, e,
		       ro   ? "#c6dbef"
		       : nx ? "#e5f5e0"
			    : "#fdd0a2",
		       ro ? "read-only" : "read/write",
		       nx ? "NX" : "executable", n ? what : "data, heap");
	}
	printk(KERN_NOTICE "<tr><td align=\"left\">%#010lx</td><td>%08x</td>"
			   "<td bgcolor=\"#e5f5e0\">read/write NX</td>"
			   "<td align=\"left\">the rest of lowmem, to %#lx"
			   "</td></tr>\n</table>>];\n}\n",
	       PAGE_OFFSET + 0x500000UL, l1[(PAGE_OFFSET + 0x500000) >> 20],
	       (unsigned long)high_memory);
	FIG_END();
	ck_assert(l1[image_at(_stext) >> SECTION_SHIFT] & PMD_SECT_APX);
}
END_TEST

/* One row of fig_pkmap_slots: a slot, its PTE and what it holds. */
static void pkmap_row(const char *slot, unsigned long va, int count, pte_t pte,
		      const char *meaning)
{
	char page[32] = "-";

	if (!pte_none(pte))
		snprintf(page, sizeof(page), "pfn %#lx",
			 (unsigned long)pte_pfn(pte));
	printk(KERN_NOTICE "<tr><td>%s</td><td>%#010lx</td><td>%s</td>"
			   "<td>%08x</td><td>%s</td>"
			   "<td align=\"left\">%s</td></tr>\n",
	       slot, va, count < 0 ? "-" : (char[]){ (char)('0' + count), 0 },
	       (u32)pte_val(pte), page, meaning);
}

/*
 * Chapter 29: the pkmap area's first slots and CPU 0's kmap_atomic()
 * slots on vexpress-1g after kmap() of three pages (one twice), a
 * kunmap() and two nested kmap_atomic()s, read from the running kernel.
 */
START_TEST(fig_pkmap_slots)
{
	struct page *p[5];
	void *a, *b;

	ktest_reboot("vexpress-1g", ktest_boot_highmem);
	for (int i = 0; i < 5; i++)
		p[i] = alloc_page(GFP_HIGHUSER);
	kmap(p[0]);
	kmap(p[1]);
	kmap(p[2]);
	kmap(p[1]);
	kunmap(p[2]);
	a = kmap_atomic(p[3]);
	b = kmap_atomic(p[4]);
	FIG_BEGIN("ch29-pkmap-slots");
	printk(KERN_NOTICE "digraph ch29_pkmap {\n"
			   " node [shape=plaintext, fontsize=9];\n"
			   " t [label=<<table border=\"0\" cellborder=\"1\" "
			   "cellspacing=\"0\" cellpadding=\"3\">\n"
			   "<tr><td>slot</td><td>address</td><td>count</td>"
			   "<td>Linux PTE</td><td>page</td><td>meaning</td>"
			   "</tr>\n");
	for (int i = 0; i < 5; i++) {
		int c = pkmap_slot_count(i);
		char name[16], what[48];

		snprintf(name, sizeof(name), "pkmap %d", i);
		if (c == 0)
			snprintf(what, sizeof(what), "free");
		else if (c == 1)
			snprintf(what, sizeof(what),
				 "no user: mapped until the flush");
		else
			snprintf(what, sizeof(what), "%d user%s", c - 1,
				 c > 2 ? "s" : "");
		pkmap_row(name, PKMAP_ADDR(i), c, pkmap_page_table[i], what);
	}
	printk(KERN_NOTICE
	       "<tr><td>...</td><td></td><td></td><td></td>"
	       "<td></td><td align=\"left\">to slot 511 at %#lx</td>"
	       "</tr>\n",
	       PKMAP_ADDR(LAST_PKMAP - 1));
	for (int t = 0; t < 3; t++) {
		unsigned long va = __fix_to_virt(FIX_KMAP_BEGIN + t);
		char name[24];

		snprintf(name, sizeof(name), "CPU 0 atomic %d", t);
		pkmap_row(name, va, -1, *virt_to_kpte(va),
			  t == 0   ? "kmap_atomic(), outer"
			  : t == 1 ? "kmap_atomic(), nested"
				   : "free");
	}
	printk(KERN_NOTICE "</table>>];\n}\n");
	FIG_END();
	ck_assert(pkmap_slot_count(2) == 3 && pkmap_slot_count(3) == 1);
	kunmap_atomic(b);
	kunmap_atomic(a);
}
END_TEST

/* Chapter 30: what the fixmap held before paging_init, and after. */
static u32 fix_before[3];

static void fig_fixmap_earlycon(void)
{
	set_fixmap_io(FIX_EARLYCON_MEM_BASE, find_iomem("arm,pl011")->base);
}

/* efi_init()'s place: two early mappings, read from bm_pte, given back */
static void fig_fixmap_early(void)
{
	pte_t *bm = (pte_t *)__va(BM_PTE_PHYS);
	void *dtb = early_memremap(KTEST_FDT_PHYS, 64);
	void __iomem *uart = early_ioremap(find_iomem("arm,pl011")->base, 4096);

	fix_before[0] = pte_val(bm[pte_index(__fix_to_virt(0))]);
	fix_before[1] = pte_val(bm[pte_index((unsigned long)(uintptr_t)dtb)]);
	fix_before[2] = pte_val(bm[pte_index((unsigned long)(uintptr_t)uart)]);
	early_iounmap(uart, 4096);
	early_memunmap(dtb, 64);
}

static void fixmap_row(int first, int last, const char *before,
		       const char *after)
{
	char idx[16];

	if (first == last)
		snprintf(idx, sizeof(idx), "%d", first);
	else
		snprintf(idx, sizeof(idx), "%d-%d", first, last);
	printk(KERN_NOTICE "<tr><td>%s</td><td>%#010lx-%#010lx</td>"
			   "<td align=\"left\">%s</td>"
			   "<td align=\"left\">%s</td></tr>\n",
	       idx, __fix_to_virt(last), __fix_to_virt(first) + PAGE_SIZE - 1,
	       before, after);
}

/*
 * The fixmap's slots by index on vexpress-256m: early_ioremap()'s seven
 * slots over kmap_atomic()'s pages, with the PTEs of an earlycon slot,
 * an early_memremap() of the device tree and an early_ioremap() of the
 * UART read from bm_pte before paging_init, and the kernel's table
 * after it.
 */
START_TEST(fig_fixmap)
{
	char b[96], a[96];
	u32 top_l1, after0;

	ktest_early_param = fig_fixmap_earlycon;
	ktest_setup_arch = fig_fixmap_early;
	ktest_reboot("vexpress-256m", ktest_boot_fixmap);
	ktest_early_param = ktest_setup_arch = NULL;
	top_l1 = ((u32 *)swapper_pg_dir)[FIXADDR_TOP >> SECTION_SHIFT];
	after0 = pte_val(*virt_to_kpte(FIXADDR_TOP));
	FIG_BEGIN("ch30-fixmap");
	printk(KERN_NOTICE "digraph ch30_fixmap {\n"
			   " node [shape=plaintext, fontsize=9];\n"
			   " t [label=<<table border=\"0\" cellborder=\"1\" "
			   "cellspacing=\"0\" cellpadding=\"3\">\n"
			   "<tr><td>index</td><td>addresses</td>"
			   "<td>before paging_init (bm_pte)</td>"
			   "<td>after paging_init</td></tr>\n");
	snprintf(b, sizeof(b), "FIX_EARLYCON_MEM_BASE: UART, PTE %08x",
		 fix_before[0]);
	snprintf(a, sizeof(a), "made again (MT_DEVICE), PTE %08x", after0);
	fixmap_row(0, 0, b, a);
	fixmap_row(FIX_KMAP_BEGIN, FIX_KMAP_END, "early_ioremap slots 6 and 5",
		   "kmap_atomic: 16 per CPU, CPUs 0-3");
	fixmap_row(FIX_TEXT_POKE0, FIX_TEXT_POKE1, "slot 4",
		   "FIX_TEXT_POKE0, FIX_TEXT_POKE1");
	fixmap_row(__end_of_fixmap_region, FIX_BTMAP_BEGIN - 2 * NR_FIX_BTMAPS,
		   "slots 4 (rest), 3, 2", "unused");
	snprintf(b, sizeof(b), "slot 1: early_ioremap(UART), PTE %08x",
		 fix_before[2]);
	fixmap_row(FIX_BTMAP_BEGIN - 2 * NR_FIX_BTMAPS + 1,
		   FIX_BTMAP_BEGIN - NR_FIX_BTMAPS, b, "unused");
	snprintf(b, sizeof(b), "slot 0: early_memremap(DTB), PTE %08x",
		 fix_before[1]);
	fixmap_row(FIX_BTMAP_BEGIN - NR_FIX_BTMAPS + 1, FIX_BTMAP_BEGIN, b,
		   "unused");
	fixmap_row(__end_of_fixed_addresses,
		   (FIXADDR_TOP - FIXADDR_START) >> PAGE_SHIFT, "no slot",
		   "no slot");
	printk(KERN_NOTICE
	       "<tr><td colspan=\"2\">PMD %#010lx (to the vectors)</td>"
	       "<td align=\"left\">bm_pte, physical %#010lx</td>"
	       "<td align=\"left\">a memblock page, physical %#010x</td>"
	       "</tr>\n",
	       FIXADDR_TOP & PMD_MASK, (unsigned long)BM_PTE_PHYS,
	       top_l1 & PAGE_MASK);
	printk(KERN_NOTICE "</table>>];\n}\n");
	FIG_END();
	ck_assert_msg(fix_before[0] && fix_before[1] && fix_before[2] &&
			      after0 && (top_l1 & PAGE_MASK) != BM_PTE_PHYS,
		      "the figure's slots are mapped: %08x %08x %08x %08x",
		      fix_before[0], fix_before[1], fix_before[2], after0);
}
END_TEST

/*
 * The rows of fig_module: the first relocation of each type in @ko, its
 * word in the object and in the loaded module.
 */
static void module_reloc_rows(struct module *mod, const unsigned char *ko)
{
	static const struct {
		unsigned int type;
		const char *name;
	} types[] = { { R_ARM_CALL, "CALL" },
		      { R_ARM_JUMP24, "JUMP24" },
		      { R_ARM_MOVW_ABS_NC, "MOVW_ABS_NC" },
		      { R_ARM_MOVT_ABS, "MOVT_ABS" },
		      { R_ARM_ABS32, "ABS32" } };
	const Elf32_Ehdr *eh = (const void *)ko;
	const Elf32_Shdr *sh = (const void *)(ko + eh->e_shoff);
	const char *names = (const char *)ko + sh[eh->e_shstrndx].sh_offset;

	for (size_t t = 0; t < ARRAY_SIZE(types); t++) {
		for (int r = 1; r < eh->e_shnum; r++) {
			const Elf32_Shdr *symsec = &sh[sh[r].sh_link];
			const Elf32_Sym *syms =
				(const void *)(ko + symsec->sh_offset);
			const char *str = (const char *)ko +
					  sh[symsec->sh_link].sh_offset;
			const Elf32_Rel *rel =
				(const void *)(ko + sh[r].sh_offset);
			const char *sec = names + sh[sh[r].sh_info].sh_name;
			unsigned int i, n = sh[r].sh_size / sizeof(*rel);

			if (sh[r].sh_type != SHT_REL)
				continue;
			for (i = 0; i < n; i++)
				if (ELF32_R_TYPE(rel[i].r_info) ==
				    types[t].type)
					break;
			if (i == n)
				continue;
			const Elf32_Sym *sym =
				&syms[ELF32_R_SYM(rel[i].r_info)];
			unsigned long at = module_section_address(mod, sec) +
					   rel[i].r_offset;

			printk(KERN_NOTICE
			       "<tr><td>%s+%#x</td><td>%#010lx</td>"
			       "<td>%08x</td><td>%08x</td>"
			       "<td align=\"left\">R_ARM_%s %s</td></tr>\n",
			       sec, rel[i].r_offset, at,
			       *(const u32 *)(ko + sh[sh[r].sh_info].sh_offset +
					      rel[i].r_offset),
			       *(const u32 *)(uintptr_t)at, types[t].name,
			       sym->st_name
				       ? str + sym->st_name
				       : names + sh[sym->st_shndx].sh_name);
			break;
		}
	}
}

/*
 * Chapter 31: hello.ko in the modules area on vexpress-256m: its pages,
 * their permissions, where its sections landed, and relocated words.
 */
START_TEST(fig_module)
{
	const struct builtin_module *m = find_builtin_module("hello");
	struct module *mod;
	unsigned long base;

	ktest_reboot("vexpress-256m", ktest_boot_fixmap);
	ck_assert_ptr_nonnull(m);
	mod = load_module(m->data, m->size, "hello");
	ck_assert_msg(!IS_ERR(mod), "load_module: %ld", PTR_ERR(mod));
	base = (unsigned long)(uintptr_t)mod->core_layout.base;
	FIG_BEGIN("ch31-module");
	printk(KERN_NOTICE "digraph ch31_module {\n"
			   " node [shape=plaintext, fontsize=9];\n"
			   " t [label=<<table border=\"0\" cellborder=\"1\" "
			   "cellspacing=\"0\" cellpadding=\"3\">\n"
			   "<tr><td>page</td><td>PTE</td><td colspan=\"3\">"
			   "sections</td></tr>\n");
	for (unsigned long off = 0; off < mod->core_layout.size;
	     off += PAGE_SIZE) {
		char secs[96] = "";
		size_t n = 0;

		for (unsigned int i = 0; i < mod->nsections; i++) {
			unsigned long a = mod->sect_attrs[i].address;

			if (a >= base + off && a < base + off + PAGE_SIZE)
				n += snprintf(secs + n, sizeof(secs) - n,
					      "%s%s %#lx", n ? ", " : "",
					      mod->sect_attrs[i].name, a);
		}
		printk(KERN_NOTICE "<tr><td>%#010lx</td><td>%08x</td>"
				   "<td colspan=\"3\" align=\"left\">%s"
				   "</td></tr>\n",
		       base + off, (u32)pte_val(*virt_to_kpte(base + off)),
		       secs);
	}
	printk(KERN_NOTICE "<tr><td>word</td><td>address</td><td>in .ko</td>"
			   "<td>loaded</td><td>relocation</td></tr>\n");
	module_reloc_rows(mod, m->data);
	printk(KERN_NOTICE "</table>>];\n}\n");
	FIG_END();
	free_module(mod);
}
END_TEST

KTEST_SUITE(figures) = {
	.chapter = "fig",
	.title = "Figures for the handbook",
	.tests = KTESTS(fig_pgtable_walk, fig_free_area, fig_pageblocks,
			fig_pcp_lists, fig_zonelist, fig_cma_bitmap,
			fig_memblock, fig_slab_freelist, fig_tlb_flush_page,
			fig_two_level_walk, fig_swapper, fig_vm_layout,
			fig_pte_page, fig_image_perms, fig_vmalloc_areas,
			fig_pkmap_slots, fig_fixmap, fig_module),
};
