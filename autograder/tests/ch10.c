// SPDX-License-Identifier: GPL-2.0
/*
 * Chapter 10: memblock_free_all(), the hand-over to the buddy allocator.
 *
 * The exercise: __free_pages_memory(), which cuts each free range of
 * memblock into the largest naturally aligned blocks.  The tests boot
 * with memblock throughout (ktest_boot_memblock_free) and compare the
 * buddy allocator with memblock's own account of what is free: every
 * free frame in the buddy once, every reserved frame PG_reserved, the
 * counters, and the boot log's "Memory:" line on every board.
 */
#include <stdio.h>
#include <string.h>
#include <asm-generic/sections.h>
#include <linux/cma.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/vmstat.h>
#include "mm/internal.h"
#include "ktest.h"

static struct zone *zone_of(int z)
{
	return &NODE_DATA(0)->node_zones[z];
}

/* Frames memblock counts as free: below @limit_pfn, or all if 0. */
static unsigned long memblock_free_frames(unsigned long lo_pfn,
					  unsigned long hi_pfn)
{
	unsigned long frames = 0;
	phys_addr_t start, end;
	u64 i;

	for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, &start, &end,
				NULL) {
		unsigned long s = max(PFN_UP(start), lo_pfn);
		unsigned long e = min(PFN_DOWN(end), hi_pfn);

		if (s < e)
			frames += e - s;
	}
	return frames;
}

/* The boot of chapter 10 up to memblock_free_all(), by hand. */
static unsigned long boot_and_free_all(const char *dtb, phys_addr_t hole)
{
	ktest_reboot(dtb, NULL);
	bootmem_early_stand_in(BOOTMEM_REAL);
	arm_memblock_init();
	if (hole)
		memblock_reserve(0x60800000, hole);
	bootmem_init();
	build_all_zonelists();
	memset(ktest_free_blocks, 0, MAX_ORDER * sizeof(ktest_free_blocks[0]));
	return memblock_free_all();
}

/*
 * The blocks of the largest aligned cut of memblock's free lowmem
 * ranges, by order: each block as large as its start's alignment
 * allows (at most MAX_ORDER - 1), smaller only as the range's end
 * nears.
 */
static void largest_aligned_cut(unsigned long *blocks)
{
	phys_addr_t start, end;
	u64 i;

	memset(blocks, 0, MAX_ORDER * sizeof(blocks[0]));
	for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, &start, &end,
				NULL) {
		unsigned long s = PFN_UP(start);
		unsigned long e =
			min_t(unsigned long, PFN_DOWN(end), max_low_pfn);

		while (s < e) {
			unsigned int o = MAX_ORDER - 1;

			while ((s & ((1UL << o) - 1)) || s + (1UL << o) > e)
				o--;
			blocks[o]++;
			s += 1UL << o;
		}
	}
}

/* "o0 3, o2 1, o10 60": the nonzero counts, for messages */
static const char *show_blocks(const unsigned long *blocks)
{
	static char buf[2][160];
	static int n;
	char *b = buf[n++ % 2];
	size_t len = 0;

	b[0] = 0;
	for (int o = 0; o < MAX_ORDER; o++)
		if (blocks[o])
			len += snprintf(b + len, sizeof(buf[0]) - len,
					"%sorder %d: %lu", len ? ", " : "", o,
					blocks[o]);
	return b;
}

START_TEST(blocks_are_largest_aligned)
{
	static const struct {
		unsigned long pfn;
		unsigned int order;
	} want[] = { { 0x60803, 0 },  { 0x60804, 2 }, { 0x60808, 3 },
		     { 0x60810, 4 },  { 0x60820, 5 }, { 0x60840, 6 },
		     { 0x60880, 7 },  { 0x60900, 8 }, { 0x60a00, 9 },
		     { 0x60c00, 10 }, { 0x61000, 10 } };
	unsigned long pages = boot_and_free_all("vexpress-256m", 0x3000);

	for (unsigned int i = 0; i < ARRAY_SIZE(want); i++) {
		struct page *page = pfn_to_page(want[i].pfn);

		ck_assert_msg(PageBuddy(page) &&
				      buddy_order(page) == want[i].order,
			      "the free range starts at pfn 0x60803: pfn %#lx "
			      "should head a free block of order %u, the "
			      "largest its alignment allows (%s%u)",
			      want[i].pfn, want[i].order,
			      PageBuddy(page) ? "it has order "
					      : "it is not free, order ",
			      PageBuddy(page) ? buddy_order(page) : 0);
	}
	ck_assert_msg(!PageBuddy(pfn_to_page(0x60802)) &&
			      !PageBuddy(pfn_to_page(0x60800)),
		      "pfns 0x60800-0x60802 are reserved, not free");
	ck_assert_msg(pages == memblock_free_frames(0, max_low_pfn),
		      "memblock_free_all() returned %lu; memblock's free "
		      "lowmem frames are %lu",
		      pages, memblock_free_frames(0, max_low_pfn));
	ck_assert_msg(ktest_check_free_lists(zone_of(ZONE_NORMAL)) == pages,
		      "the free lists hold %lu pages, %lu were freed",
		      ktest_check_free_lists(zone_of(ZONE_NORMAL)), pages);
}
END_TEST

/*
 * The buddy allocator merges whatever it is given, so the free lists
 * look the same however a range is cut: what shows the cut is the
 * blocks handed to memblock_free_pages(), counted by the harness.  On
 * three boards, whose free ranges end at every kind of alignment.
 */
START_TEST(free_all_hands_over_the_largest_blocks)
{
	static const char *const boards[] = { "vexpress-256m", "vexpress-64m",
					      "vexpress-cma" };
	unsigned long want[MAX_ORDER];

	for (unsigned int b = 0; b < ARRAY_SIZE(boards); b++) {
		boot_and_free_all(boards[b], b == 0 ? 0x3000 : 0);
		largest_aligned_cut(want);
		for (int o = 0; o < MAX_ORDER; o++)
			ck_assert_msg(
				ktest_free_blocks[o] == want[o],
				"%s: memblock_free_all() handed the buddy "
				"allocator blocks of %s; the largest "
				"aligned cut of memblock's free ranges is "
				"%s: a block's order comes from its "
				"start's alignment (capped at %d), and "
				"shrinks only where the range's end is "
				"nearer",
				boards[b], show_blocks(ktest_free_blocks),
				show_blocks(want), MAX_ORDER - 1);
	}
}
END_TEST

/* The last free frames before mem_map: the blocks shrink to the end. */
START_TEST(blocks_shrink_to_the_range_end)
{
	unsigned long end = 0, pfn, o;
	phys_addr_t s, e;
	u64 i;

	boot_and_free_all("vexpress-64m", 0);
	for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, &s, &e, NULL)
		if (PFN_UP(s) < PFN_DOWN(e)) /* a whole frame at least */
			end = max(end, PFN_DOWN(e));
	/* from the last order-10 boundary, orders fall as the end nears */
	for (pfn = ALIGN_DOWN(end, 1024); pfn < end; pfn += 1UL << o) {
		struct page *page = pfn_to_page(pfn);

		for (o = 10;
		     pfn + (1UL << o) > end || (pfn & ((1UL << o) - 1));)
			o--;
		ck_assert_msg(PageBuddy(page) && buddy_order(page) == o,
			      "free range ends at pfn %#lx: pfn %#lx should "
			      "head a free block of order %lu (the largest "
			      "that is aligned and ends by then), found %s%u",
			      end, pfn, o,
			      PageBuddy(page) ? "order " : "no free block, ",
			      PageBuddy(page) ? buddy_order(page) : 0);
	}
	ck_assert_msg(!PageBuddy(pfn_to_page(end)) &&
			      PageReserved(pfn_to_page(end)),
		      "pfn %#lx, the first frame after the last free range "
		      "(partly or wholly memblock_alloc()ed), must stay "
		      "reserved",
		      end);
}
END_TEST

START_TEST(every_free_frame_in_the_buddy_once)
{
	struct zone *z = zone_of(ZONE_NORMAL);
	unsigned long freed = boot_and_free_all("vexpress-cma", 0);
	unsigned long in_lists = ktest_check_free_lists(z);
	unsigned long want = memblock_free_frames(0, max_low_pfn);

	ck_assert_msg(in_lists == want && freed == want,
		      "vexpress-cma: memblock_free_all() freed %lu pages and "
		      "the buddy holds %lu; memblock's free ranges hold %lu "
		      "whole frames",
		      freed, in_lists, want);
	ck_assert_uint_eq(zone_page_state(z, NR_FREE_PAGES), in_lists);
	ck_assert_uint_eq(zone_managed_pages(z), want);
	ck_assert_uint_eq(totalram_pages, want);
}
END_TEST

START_TEST(reserved_frames_are_pg_reserved)
{
	phys_addr_t start, end;
	u64 i;

	for_each_reserved_mem_range(i, &start, &end) {
		for (unsigned long pfn = PFN_DOWN(start); pfn < PFN_UP(end);
		     pfn++) {
			struct page *page = pfn_to_page(pfn);

			if (pfn - 0x68000 < 0x4000) /* CMA: lent out */
				continue;
			ck_assert_msg(
				PageReserved(page) && !PageBuddy(page),
				"pfn %#lx lies in reserved [%#x, %#x): it "
				"must be PG_reserved and never free",
				pfn, start, end);
		}
	}
	for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, &start, &end,
				NULL) {
		for (unsigned long pfn = PFN_UP(start); pfn < PFN_DOWN(end);
		     pfn++)
			ck_assert_msg(!PageReserved(pfn_to_page(pfn)),
				      "pfn %#lx is free in memblock but still "
				      "PG_reserved: it never reached the "
				      "buddy allocator",
				      pfn);
	}
	for (unsigned long pfn = 0x64000; pfn < 0x64800; pfn++)
		ck_assert_msg(PageReserved(pfn_to_page(pfn)) &&
				      !PageBuddy(pfn_to_page(pfn)),
			      "pfn %#lx is in the no-map hole: reserved, "
			      "never free",
			      pfn);
}
END_TEST

START_TEST(counters_after_the_hand_over)
{
	unsigned long low, high;

	ktest_reboot("vexpress-1g", ktest_boot_memblock_free);
	low = memblock_free_frames(0, max_low_pfn);
	high = memblock_free_frames(max_low_pfn, max_pfn);
	ck_assert_msg(zone_managed_pages(zone_of(ZONE_NORMAL)) == low,
		      "Normal manages %lu pages; memblock's free lowmem is %lu",
		      zone_managed_pages(zone_of(ZONE_NORMAL)), low);
	ck_assert_msg(zone_managed_pages(zone_of(ZONE_HIGHMEM)) == high,
		      "HighMem manages %lu pages; memblock's free highmem is "
		      "%lu",
		      zone_managed_pages(zone_of(ZONE_HIGHMEM)), high);
	ck_assert_msg(totalram_pages == low + high,
		      "totalram_pages %lu != %lu + %lu", totalram_pages, low,
		      high);
	ck_assert_uint_eq(ktest_check_free_lists(zone_of(ZONE_NORMAL)), low);
	ck_assert_uint_eq(ktest_check_free_lists(zone_of(ZONE_HIGHMEM)), high);
}
END_TEST

/* The last "Memory: " line of the log, parsed. */
struct memory_line {
	unsigned long avail, total, code, rwdata, rodata, init, bss, reserved,
		cma, highmem;
};

static bool read_memory_line(struct memory_line *l)
{
	static char log[1 << 16];
	size_t n = syslog_read_all(log, sizeof(log) - 1);
	char *p, *last = NULL;

	log[n] = 0;
	for (p = strstr(log, "Memory: "); p; p = strstr(p + 1, "Memory: "))
		last = p;
	return last &&
	       sscanf(last,
		      "Memory: %luK/%luK available (%luK kernel code, %luK "
		      "rwdata, %luK rodata, %luK init, %luK bss, %luK "
		      "reserved, %luK cma-reserved, %luK highmem)",
		      &l->avail, &l->total, &l->code, &l->rwdata, &l->rodata,
		      &l->init, &l->bss, &l->reserved, &l->cma,
		      &l->highmem) == 10;
}

START_TEST(memory_line_every_board)
{
	static const char *const boards[] = { "vexpress-64m", "vexpress-256m",
					      "vexpress-512m", "vexpress-1g",
					      "vexpress-cma" };

	for (unsigned int b = 0; b < ARRAY_SIZE(boards); b++) {
		struct memory_line l;
		unsigned long phys, freed, high, cma;

		ktest_reboot(boards[b], ktest_boot_memblock_free);
		ck_assert_msg(
			read_memory_line(&l),
			"%s: no \"Memory: ...K/...K available (...)\" line "
			"in the boot log",
			boards[b]);
		phys = NODE_DATA(0)->node_present_pages;
		freed = memblock_free_frames(0, max_pfn);
		high = memblock_free_frames(max_low_pfn, max_pfn);
		cma = totalcma_pages;
		ck_assert_msg(l.total == phys * 4 && l.avail == freed * 4,
			      "%s: Memory: %luK/%luK; expected %luK/%luK (free "
			      "frames of memblock / present frames, 4K each)",
			      boards[b], l.avail, l.total, freed * 4, phys * 4);
		ck_assert_msg(l.reserved == (phys - freed - cma) * 4 &&
				      l.cma == cma * 4 && l.highmem == high * 4,
			      "%s: %luK reserved, %luK cma-reserved, %luK "
			      "highmem; expected %luK, %luK, %luK (reserved is "
			      "what is neither managed nor CMA)",
			      boards[b], l.reserved, l.cma, l.highmem,
			      (phys - freed - cma) * 4, cma * 4, high * 4);
		ck_assert_msg(
			l.code == (unsigned long)(_etext - _stext) >> 10 &&
				l.rwdata == (unsigned long)(_edata - _sdata) >>
						    10 &&
				l.rodata == (unsigned long)(__end_rodata -
							    __start_rodata) >>
						    10 &&
				l.bss == (unsigned long)(__bss_stop -
							 __bss_start) >>
						 10 &&
				l.init == (unsigned long)(__init_end -
							  __init_begin) >>
						  10,
			"%s: the section sizes do not match the image's",
			boards[b]);
	}
}
END_TEST

KTEST_SUITE(ch10) = {
	.chapter = "10",
	.title = "memblock_free_all",
	.dtb = "vexpress-cma",
	.boot = ktest_boot_memblock_free,
	.timeout = 30,
	.tests = KTESTS(blocks_are_largest_aligned,
			blocks_shrink_to_the_range_end,
			free_all_hands_over_the_largest_blocks,
			every_free_frame_in_the_buddy_once,
			reserved_frames_are_pg_reserved,
			counters_after_the_hand_over, memory_line_every_board),
};
