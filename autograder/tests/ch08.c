// SPDX-License-Identifier: GPL-2.0
/*
 * Chapter 08: the contiguous memory allocator.
 *
 * The exercises: cma_alloc() and cma_release().  The board is
 * vexpress-cma: 512 MiB with a 64 MiB CMA pool at 0x68000000.  A toy
 * driver in this file owns movable pages (as a balloon driver does) and
 * moves them when asked; the central test fills the CMA area with its
 * pages and still gets a contiguous megabyte-sized buffer out of it.
 */
#include <stdio.h>
#include <string.h>
#include <linux/cma.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/migrate.h>
#include <linux/mm.h>
#include <linux/seq_file.h>
#include <linux/vmstat.h>
#include "mm/internal.h"
#include "ktest.h"

#define CMA_PFN 0x68000UL
#define CMA_PAGES 16384UL

static struct zone *normal(void)
{
	return &NODE_DATA(0)->node_zones[ZONE_NORMAL];
}

static struct cma *area(void)
{
	return dma_contiguous_default_area;
}

static bool in_cma(struct page *page)
{
	return page_to_pfn(page) - CMA_PFN < CMA_PAGES;
}

/* Fill the CMA area with driver pages; free the driver's other pages. */
static void fill_cma_with_movable_pages(void)
{
	ktest_movable_reset();
	while (zone_page_state(normal(), NR_FREE_CMA_PAGES) &&
	       ktest_nr_movable < KTEST_MAX_MOVABLE)
		ck_assert_msg(ktest_movable_alloc(),
			      "movable allocation failed with "
			      "%lu CMA pages free",
			      zone_page_state(normal(), NR_FREE_CMA_PAGES));
	drain_all_pages(NULL);
	for (int i = 0; i < ktest_nr_movable; i++)
		if (!in_cma(ktest_movable[i]))
			ktest_movable_free(i);
}

START_TEST(area_from_the_device_tree)
{
	ck_assert_ptr_nonnull(area());
	ck_assert_uint_eq(area()->base_pfn, CMA_PFN);
	ck_assert_uint_eq(area()->count, CMA_PAGES);
	ck_assert_uint_eq(totalcma_pages, CMA_PAGES);
	for (unsigned long pfn = CMA_PFN; pfn < CMA_PFN + CMA_PAGES;
	     pfn += pageblock_nr_pages)
		ck_assert(get_pageblock_migratetype(pfn_to_page(pfn)) ==
			  MIGRATE_CMA);
	ck_assert_uint_eq(zone_page_state(normal(), NR_FREE_CMA_PAGES),
			  CMA_PAGES);
}
END_TEST

/* Every pageblock of the area is still MIGRATE_CMA. */
static void check_area_is_cma(const char *when)
{
	for (unsigned long pfn = CMA_PFN; pfn < CMA_PFN + CMA_PAGES;
	     pfn += pageblock_nr_pages) {
		int mt = get_pageblock_migratetype(pfn_to_page(pfn));

		ck_assert_msg(mt == MIGRATE_CMA,
			      "%s, the pageblock at pfn %#lx is %s: "
			      "alloc_contig_range() gives the pageblocks back "
			      "the type it is passed, MIGRATE_CMA for an area",
			      when, pfn, migratetype_names[mt]);
	}
}

START_TEST(alloc_and_release)
{
	unsigned long free_cma = zone_page_state(normal(), NR_FREE_CMA_PAGES);
	struct page *page = cma_alloc(area(), 100, 0, false);

	ck_assert_msg(page && in_cma(page),
		      "cma_alloc(100) must return pages of the area");
	ck_assert_uint_eq(cma_used_pages(area()), 100);
	for (int i = 0; i < 100; i++)
		ck_assert_msg(page_count(page + i) == 1 && !PageBuddy(page + i),
			      "page %d of the buffer is not allocated", i);
	check_area_is_cma("after cma_alloc(100)");
	ck_assert_uint_eq(zone_page_state(normal(), NR_FREE_CMA_PAGES),
			  free_cma - 100);
	ck_assert_msg(cma_release(area(), page, 100), "cma_release failed");
	ck_assert_uint_eq(cma_used_pages(area()), 0);
	drain_all_pages(NULL); /* freed single pages wait on the CPU lists */
	ck_assert_uint_eq(zone_page_state(normal(), NR_FREE_CMA_PAGES),
			  free_cma);
	ck_assert_uint_eq(ktest_check_free_lists(normal()),
			  zone_page_state(normal(), NR_FREE_PAGES));
}
END_TEST

START_TEST(buffers_are_aligned_and_disjoint)
{
	struct page *a = cma_alloc(area(), 3, 0, false);
	struct page *b = cma_alloc(area(), 16, 4, false);

	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	ck_assert_msg(IS_ALIGNED(page_to_pfn(b), 16),
		      "align 4 means a multiple of 16 pages, got pfn %#lx",
		      page_to_pfn(b));
	ck_assert_msg(b >= a + 3 || b + 16 <= a, "the buffers overlap");
	ck_assert_uint_eq(cma_used_pages(area()), 19);
	ck_assert_uint_eq(cma_maxchunk_pages(area()) + 19 +
				  (unsigned long)(b - a - 3),
			  CMA_PAGES);
}
END_TEST

START_TEST(whole_area_then_nothing)
{
	struct page *all = cma_alloc(area(), CMA_PAGES, 0, false);

	ck_assert_msg(all && page_to_pfn(all) == CMA_PFN,
		      "the whole 64 MiB area can be allocated at once");
	ck_assert_ptr_null(cma_alloc(area(), 1, 0, true));
	ck_assert(!printk_log_contains("alloc failed"));
	ck_assert_ptr_null(cma_alloc(area(), 1, 0, false));
	ck_assert_msg(printk_log_contains("cma_alloc: linux,cma@68000000: "
					  "alloc failed, req-size: 1 pages"),
		      "a failed cma_alloc without no_warn must say so");
	ck_assert(cma_release(area(), all, CMA_PAGES));
	ck_assert_uint_eq(cma_maxchunk_pages(area()), CMA_PAGES);
}
END_TEST

/* The page at @pfn, taken out of the buddy (it must be free). */
static struct page *take_page(unsigned long pfn)
{
	ck_assert_int_eq(
		alloc_contig_range(pfn, pfn + 1, MIGRATE_MOVABLE, GFP_KERNEL),
		0);
	return pfn_to_page(pfn);
}

/* The area is [base_pfn, base_pfn + count): its neighbours are not its. */
START_TEST(release_refuses_foreign_pages)
{
	struct page *buf = cma_alloc(area(), 8, 0, false);
	struct page *page = alloc_pages(GFP_KERNEL, 0);
	struct page *below = take_page(CMA_PFN - 1);
	struct page *above = take_page(CMA_PFN + CMA_PAGES);
	volatile bool refused = false;

	ck_assert_msg(buf, "cma_alloc(8) must succeed");
	ck_assert_msg(!cma_release(area(), page, 1) && page_count(page) == 1,
		      "a page outside the area is not the area's to free");
	ck_assert_msg(
		!KTEST_EXPECT_OOPS(refused = !cma_release(area(), below, 1)) &&
			refused && page_count(below) == 1,
		"pfn %#lx, just below the area, is not the area's to "
		"free: refuse it (return false) and leave it alone",
		CMA_PFN - 1);
	refused = false;
	ck_assert_msg(
		!KTEST_EXPECT_OOPS(refused = !cma_release(area(), above, 1)) &&
			refused && page_count(above) == 1,
		"pfn %#lx = base_pfn + count, the first page after the "
		"area, is not the area's to free: refuse it (return "
		"false) before anything else; the area is [base_pfn, "
		"base_pfn + count)",
		CMA_PFN + CMA_PAGES);
	ck_assert_msg(cma_used_pages(area()) == 8,
		      "refused releases must leave the bitmap alone: %lu "
		      "used, expected 8",
		      cma_used_pages(area()));
	ck_assert_msg(cma_release(area(), buf, 8),
		      "the area's own buffer is released");
	ck_assert_uint_eq(cma_used_pages(area()), 0);
}
END_TEST

/*
 * cma_release() frees the pages, then clears the bits: the bitmap never
 * says a range is free while pages of it are still in use.  A driver
 * that freed one page of its buffer behind CMA's back makes the release
 * oops half-way; the bits must still be set then.
 */
START_TEST(release_frees_before_clearing_bits)
{
	struct page *buf = cma_alloc(area(), 8, 0, false);

	ck_assert_msg(buf, "cma_alloc(8) must succeed");
	__free_page(buf + 3); /* the driver's bug */
	ck_assert_msg(KTEST_EXPECT_OOPS(cma_release(area(), buf, 8)),
		      "releasing a buffer with a page already free must "
		      "oops when that page is freed again");
	ck_assert_msg(cma_used_pages(area()) == 8,
		      "cma_release() oopsed while freeing the pages, yet the "
		      "bitmap says %lu pages used, expected 8: free the pages "
		      "first and clear the bits after, so that the bitmap "
		      "never offers pages that are still in use",
		      cma_used_pages(area()));
}
END_TEST

/*
 * An area with 4 pages per bitmap bit (order_per_bit 2), as
 * cma_init_reserved_mem() allows: vexpress-cma's pool declared by hand.
 */
static struct cma *coarse;

static void boot_coarse_cma(void)
{
	ktest_boot_zones();
	ck_assert_int_eq(cma_init_reserved_mem(CMA_PFN << PAGE_SHIFT,
					       CMA_PAGES << PAGE_SHIFT, 2,
					       "coarse", &coarse),
			 0);
	build_all_zonelists();
	mem_init();
	setup_per_cpu_pageset();
	ktest_cma_activate_areas(); /* cma_init_reserved_areas() */
	init_per_zone_wmark_min();
}

START_TEST(area_with_four_pages_per_bit)
{
	struct page *a, *b, *c;
	unsigned long base;

	ktest_reboot("vexpress-cma", boot_coarse_cma);
	ck_assert_ptr_nonnull(coarse);
	base = coarse->base_pfn;
	a = cma_alloc(coarse, 10, 0, false);
	ck_assert_msg(a && page_to_pfn(a) == base,
		      "the first buffer starts at the area's base");
	ck_assert_msg(cma_used_pages(coarse) == 12,
		      "10 pages take 3 bits of 4 pages: the bitmap says %lu "
		      "pages used, expected 12",
		      cma_used_pages(coarse));
	for (int i = 0; i < 10; i++)
		ck_assert_msg(page_count(a + i) == 1 && !PageBuddy(a + i),
			      "page %d of a 10-page buffer is not allocated: "
			      "alloc_contig_range() takes [pfn, pfn + count), "
			      "count pages, not bitmap_count",
			      i);
	b = cma_alloc(coarse, 5, 0, false);
	ck_assert_msg(b && page_to_pfn(b) == base + 12,
		      "the second buffer starts at bit 3, frame base_pfn + (3 "
		      "<< order_per_bit) = base + 12; got base + %ld",
		      b ? (long)(page_to_pfn(b) - base) : -1L);
	c = cma_alloc(coarse, 16, 3, false);
	ck_assert_msg(c && page_to_pfn(c) == base + 24,
		      "16 pages aligned to 8 pages (align 3): the first free "
		      "even bit is 6, frame base + 24; got base + %ld",
		      c ? (long)(page_to_pfn(c) - base) : -1L);
	ck_assert(cma_release(coarse, b, 5));
	ck_assert_msg(cma_used_pages(coarse) == 12 + 16,
		      "releasing 5 pages clears the 2 bits cma_alloc() set (8 "
		      "pages): round count up to whole bits; %lu used, "
		      "expected 28",
		      cma_used_pages(coarse));
	ck_assert(cma_release(coarse, a, 10));
	ck_assert(cma_release(coarse, c, 16));
	ck_assert_uint_eq(cma_used_pages(coarse), 0);
	a = cma_alloc(coarse, coarse->count, 0, false);
	ck_assert_msg(a && page_to_pfn(a) == base,
		      "the whole area can be allocated at once");
	ck_assert_msg(!cma_alloc(coarse, 1, 0, true),
		      "a full area has nothing left: its bitmap has count >> "
		      "order_per_bit bits (%lu), not count",
		      coarse->count >> 2);
	ck_assert(cma_release(coarse, a, coarse->count));
	ck_assert_uint_eq(cma_maxchunk_pages(coarse), coarse->count);
	drain_all_pages(NULL);
	ck_assert_uint_eq(zone_page_state(normal(), NR_FREE_CMA_PAGES),
			  CMA_PAGES);
	ck_assert_uint_eq(ktest_check_free_lists(normal()),
			  zone_page_state(normal(), NR_FREE_PAGES));
}
END_TEST

/* The point of CMA: movable pages fill the area, yet a buffer comes out. */
START_TEST(contiguous_buffer_from_a_full_area)
{
	struct page *buf;
	unsigned long in_area = 0;

	fill_cma_with_movable_pages();
	for (int i = 0; i < ktest_nr_movable; i++)
		in_area += ktest_movable[i] != NULL;
	ck_assert_msg(in_area > CMA_PAGES / 2,
		      "the setup should put movable pages in the area (%lu)",
		      in_area);
	buf = cma_alloc(area(), 1024, 0, false);
	ck_assert_msg(buf, "cma_alloc must migrate the movable pages away");
	ck_assert_msg(ktest_nr_migrated > 0, "no page was migrated");
	for (int i = 0; i < ktest_nr_movable; i++)
		if (ktest_movable[i])
			ck_assert_msg(
				page_to_pfn(ktest_movable[i]) -
						page_to_pfn(buf) >=
					1024,
				"driver page %d is still inside the buffer", i);
	ktest_movable_check_data();
	for (int i = 0; i < 1024; i++)
		ck_assert_int_eq(page_count(buf + i), 1);
}
END_TEST

START_TEST(a_pinned_page_sends_cma_elsewhere)
{
	struct page *buf;

	fill_cma_with_movable_pages();
	for (int i = 0; i < ktest_nr_movable && !ktest_pinned_page; i++)
		if (ktest_movable[i] &&
		    page_to_pfn(ktest_movable[i]) < CMA_PFN + 64)
			ktest_pinned_page = ktest_movable[i];
	ck_assert_ptr_nonnull(ktest_pinned_page);
	buf = cma_alloc(area(), 64, 0, false);
	ck_assert_msg(buf, "a busy range must not stop cma_alloc: it tries "
			   "the next one");
	ck_assert_msg(page_to_pfn(ktest_pinned_page) - page_to_pfn(buf) >= 64,
		      "the range with the ktest_pinned_page page (pfn %#lx) "
		      "cannot be "
		      "used, got [%#lx, +64)",
		      page_to_pfn(ktest_pinned_page), page_to_pfn(buf));
	ck_assert_ptr_null(cma_alloc(area(), CMA_PAGES, 0, true));
	ck_assert_msg(cma_used_pages(area()) == 64,
		      "the bitmap says %lu pages used, 64 outstanding: clear "
		      "the bits of a busy range before trying further on",
		      cma_used_pages(area()));
	ktest_movable_check_data();
}
END_TEST

/* A pinned page in the area: ranges over it are busy and retried. */
START_TEST(random_buffers_keep_invariants)
{
	enum { SLOTS = 32, OPS = 400, SEED = 8, PINNED = 300 };
	static struct page *buf[SLOTS];
	static unsigned int len[SLOTS];
	unsigned long used = 0;
	long allocs = 0;

	ktest_movable_reset();
	ck_assert_int_eq(alloc_contig_range(CMA_PFN + PINNED,
					    CMA_PFN + PINNED + 1, MIGRATE_CMA,
					    GFP_KERNEL),
			 0);
	ktest_pinned_page = ktest_movable_adopt(pfn_to_page(CMA_PFN + PINNED));
	ktest_rng = SEED;
	memset(buf, 0, sizeof(buf));
	for (int op = 0; op < OPS; op++) {
		int i = ktest_rand() % SLOTS;

		if (buf[i]) {
			ck_assert(cma_release(area(), buf[i], len[i]));
			used -= len[i];
			buf[i] = NULL;
		} else {
			len[i] = 1 + ktest_rand() % 700;
			buf[i] = cma_alloc(area(), len[i], ktest_rand() % 4,
					   true);
			if (buf[i]) {
				used += len[i];
				allocs++;
			}
		}
		ck_assert_msg(cma_used_pages(area()) == used,
			      "after %d operations (seed %d): bitmap says %lu "
			      "used, %lu outstanding",
			      op + 1, SEED, cma_used_pages(area()), used);
	}
	ck_assert_msg(allocs > OPS / 4,
		      "only %ld buffers were allocated (seed %d)", allocs,
		      SEED);
	for (int i = 0; i < SLOTS; i++)
		if (buf[i])
			cma_release(area(), buf[i], len[i]);
	ktest_pinned_page = NULL;
	ktest_movable_free(0);
	drain_all_pages(NULL);
	ck_assert_uint_eq(zone_page_state(normal(), NR_FREE_CMA_PAGES),
			  CMA_PAGES);
	ck_assert_uint_eq(ktest_check_free_lists(normal()),
			  zone_page_state(normal(), NR_FREE_PAGES));
}
END_TEST

START_TEST(meminfo_shows_cma)
{
	static char buf[2048];
	struct seq_file m;

	seq_init(&m, buf, sizeof(buf));
	meminfo_show(&m);
	ck_assert_ptr_nonnull(strstr(buf, "CmaTotal:          65536 kB\n"));
	ck_assert_ptr_nonnull(strstr(buf, "CmaFree:           65536 kB\n"));
}
END_TEST

KTEST_SUITE(ch08) = {
	.chapter = "08",
	.title = "The contiguous memory allocator",
	.dtb = "vexpress-cma",
	.boot = ktest_boot_cma,
	.timeout = 20,
	.tests = KTESTS(area_from_the_device_tree, alloc_and_release,
			buffers_are_aligned_and_disjoint,
			whole_area_then_nothing, release_refuses_foreign_pages,
			release_frees_before_clearing_bits,
			area_with_four_pages_per_bit,
			contiguous_buffer_from_a_full_area,
			a_pinned_page_sends_cma_elsewhere,
			random_buffers_keep_invariants, meminfo_shows_cma),
};
