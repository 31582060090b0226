// SPDX-License-Identifier: GPL-2.0
/*
 * Chapter 07: alloc_pages() - gfp flags, zonelists, watermarks.
 *
 * The exercises: gfp_zone(), __zone_watermark_ok() and
 * get_page_from_freelist().  The tests choose zones by flag, recompute
 * Linux 5.10's watermarks and lowmem reserves from min_free_kbytes,
 * exhaust memory to see ordinary requests stop at the low watermark
 * while atomic ones dig into the reserve, and read /proc/meminfo back.
 */
#include <stdio.h>
#include <string.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/seq_file.h>
#include <linux/vmstat.h>
#include "mm/internal.h"
#include "ktest.h"

static struct zone *zone_of(enum zone_type t)
{
	return &NODE_DATA(0)->node_zones[t];
}

START_TEST(gfp_zone_of_each_flag)
{
	static const struct {
		gfp_t gfp;
		enum zone_type zone;
		const char *name;
	} cases[] = {
		{ GFP_KERNEL, ZONE_NORMAL, "GFP_KERNEL" },
		{ GFP_ATOMIC, ZONE_NORMAL, "GFP_ATOMIC" },
		{ GFP_DMA, ZONE_NORMAL, "GFP_DMA (no ZONE_DMA here)" },
		{ GFP_KERNEL | __GFP_MOVABLE, ZONE_NORMAL, "__GFP_MOVABLE" },
		{ GFP_HIGHUSER, ZONE_HIGHMEM, "GFP_HIGHUSER" },
		{ GFP_HIGHUSER_MOVABLE, ZONE_MOVABLE, "GFP_HIGHUSER_MOVABLE" },
	};

	for (unsigned i = 0; i < ARRAY_SIZE(cases); i++)
		ck_assert_msg(gfp_zone(cases[i].gfp) == cases[i].zone,
			      "gfp_zone(%s) should be %s, got %d (look the "
			      "zone bits up in GFP_ZONE_TABLE, whose entries "
			      "are GFP_ZONES_SHIFT bits wide)",
			      cases[i].name, zone_names[cases[i].zone],
			      gfp_zone(cases[i].gfp));
	ck_assert_msg(KTEST_EXPECT_OOPS(gfp_zone(__GFP_DMA | __GFP_HIGHMEM)),
		      "__GFP_DMA|__GFP_HIGHMEM names two zones: a bug to "
		      "report (GFP_ZONE_BAD)");
}
END_TEST

START_TEST(zonelist_highest_first)
{
	struct zoneref *z;

	ktest_reboot("vexpress-1g", ktest_boot_alloc);
	z = NODE_DATA(0)->node_zonelists[0]._zonerefs;
	ck_assert_ptr_eq(z[0].zone, zone_of(ZONE_HIGHMEM));
	ck_assert_ptr_eq(z[1].zone, zone_of(ZONE_NORMAL));
	ck_assert_ptr_null(z[2].zone);
}
END_TEST

static unsigned long isqrt(unsigned long x)
{
	unsigned long r = 0;

	while ((r + 1) * (r + 1) <= x)
		r++;
	return r;
}

/* The watermarks Linux 5.10 gives a lowmem zone that is all of lowmem. */
static void expect_marks(struct zone *z, unsigned long lowmem_pages)
{
	unsigned long mfk = isqrt(lowmem_pages * 4 * 16);
	unsigned long min = (mfk / 4) * z->managed_pages / lowmem_pages;
	unsigned long tmp = max(min / 4, z->managed_pages * 10 / 10000);

	ck_assert_msg(min_free_kbytes == (int)mfk,
		      "min_free_kbytes = sqrt(16 x %lu KiB) = %lu, got %d",
		      lowmem_pages * 4, mfk, min_free_kbytes);
	ck_assert_msg(
		min_wmark_pages(z) == min && low_wmark_pages(z) == min + tmp &&
			high_wmark_pages(z) == min + 2 * tmp,
		"zone %s: min/low/high should be %lu/%lu/%lu, are "
		"%lu/%lu/%lu",
		z->name, min, min + tmp, min + 2 * tmp, min_wmark_pages(z),
		low_wmark_pages(z), high_wmark_pages(z));
}

START_TEST(watermarks_of_256m)
{
	expect_marks(zone_of(ZONE_NORMAL), zone_of(ZONE_NORMAL)->managed_pages);
}
END_TEST

START_TEST(watermarks_and_protection_of_1g)
{
	struct zone *n, *h;

	ktest_reboot("vexpress-1g", ktest_boot_alloc);
	n = zone_of(ZONE_NORMAL);
	h = zone_of(ZONE_HIGHMEM);
	expect_marks(n, n->managed_pages);
	/* HighMem's min is small and fixed: managed/1024 within [32, 128]. */
	ck_assert_uint_eq(min_wmark_pages(h),
			  clamp(h->managed_pages / 1024, 32UL, 128UL));
	{
		/* HighMem's step from min comes from its share of min. */
		unsigned long share = (unsigned long)(min_free_kbytes / 4) *
				      h->managed_pages / n->managed_pages;
		unsigned long step = max(share / 4, h->managed_pages / 1000);

		ck_assert_msg(
			low_wmark_pages(h) == min_wmark_pages(h) + step &&
				high_wmark_pages(h) ==
					min_wmark_pages(h) + 2 * step,
			"zone HighMem: low/high should be %lu/%lu (min "
			"+ step, min + 2 step, with step = max(share / "
			"4, managed / 1000) from the zone's share of min, "
			"%lu, not its clamped min), are %lu/%lu",
			min_wmark_pages(h) + step,
			min_wmark_pages(h) + 2 * step, share,
			low_wmark_pages(h), high_wmark_pages(h));
	}
	ck_assert_msg(n->lowmem_reserve[ZONE_HIGHMEM] ==
			      (long)(h->managed_pages / 32),
		      "Normal keeps 1/32 of HighMem's size back from "
		      "HighMem requests: %lu, got %ld",
		      h->managed_pages / 32, n->lowmem_reserve[ZONE_HIGHMEM]);
	ck_assert_int_eq(n->lowmem_reserve[ZONE_NORMAL], 0);
}
END_TEST

START_TEST(zones_by_flag_on_1g)
{
	struct page *p;

	ktest_reboot("vexpress-1g", ktest_boot_alloc);
	p = alloc_pages(GFP_HIGHUSER, 0);
	ck_assert_msg(p && page_zonenum(p) == ZONE_HIGHMEM,
		      "GFP_HIGHUSER should come from HighMem first");
	p = alloc_pages(GFP_KERNEL, 3);
	ck_assert_msg(p && page_zonenum(p) == ZONE_NORMAL,
		      "GFP_KERNEL must never get a HighMem page: skip the "
		      "zones above the request's highest zone "
		      "(ac->highest_zoneidx)");
	p = alloc_pages(GFP_HIGHUSER_MOVABLE, 0);
	ck_assert_msg(p && page_zonenum(p) == ZONE_HIGHMEM,
		      "GFP_HIGHUSER_MOVABLE: Movable is empty, so HighMem");
}
END_TEST

START_TEST(highmem_request_falls_back_to_normal)
{
	struct zone *h;
	struct page *p;
	long n = 0;

	ktest_reboot("vexpress-1g", ktest_boot_alloc);
	h = zone_of(ZONE_HIGHMEM);
	while ((p = alloc_pages(GFP_HIGHUSER | __GFP_NOWARN, 0)) &&
	       page_zonenum(p) == ZONE_HIGHMEM)
		n++;
	ck_assert_msg(p && page_zonenum(p) == ZONE_NORMAL,
		      "when HighMem reaches its low watermark the request "
		      "falls back to Normal (after %ld HighMem pages)",
		      n);
	ck_assert_msg(
		zone_page_state(h, NR_FREE_PAGES) <= low_wmark_pages(h) &&
			zone_page_state(h, NR_FREE_PAGES) >= min_wmark_pages(h),
		"HighMem stopped at %lu free: between min %lu and low %lu",
		zone_page_state(h, NR_FREE_PAGES), min_wmark_pages(h),
		low_wmark_pages(h));
}
END_TEST

/*
 * The smallest free_pages for which __zone_watermark_ok() passes, as
 * Linux 5.10 computes it: free - (2^order - 1), less the high-atomic
 * reserve without ALLOC_HARDER and free CMA pages without ALLOC_CMA,
 * must exceed the mark (halved by ALLOC_HIGH, then less a quarter by
 * ALLOC_HARDER or a half by ALLOC_OOM) plus lowmem_reserve[idx].
 */
static long wmark_edge(struct zone *z, unsigned int order, long mark, int idx,
		       unsigned int flags)
{
	bool harder = flags & (ALLOC_HARDER | ALLOC_OOM);
	long min = mark, need;

	if (flags & ALLOC_HIGH)
		min -= min / 2;
	if (harder)
		min -= (flags & ALLOC_OOM) ? min / 2 : min / 4;
	need = min + z->lowmem_reserve[idx] + 1 + (1L << order) - 1;
	if (!harder)
		need += (long)z->nr_reserved_highatomic;
	if (!(flags & ALLOC_CMA))
		need += (long)zone_page_state(z, NR_FREE_CMA_PAGES);
	return need;
}

/* The check passes at the edge and fails one page below; @rule says why. */
static void check_edge(struct zone *z, unsigned int order, long mark, int idx,
		       unsigned int flags, const char *rule)
{
	long need = wmark_edge(z, order, mark, idx, flags);
	bool at = __zone_watermark_ok(z, order, mark, idx, flags, need);
	bool below = __zone_watermark_ok(z, order, mark, idx, flags, need - 1);

	ck_assert_msg(at,
		      "zone %s, order %u, mark %ld, flags %#x, highest zone "
		      "%s: the check must pass with %ld free pages and says "
		      "no: it takes too much off (an order-%u request takes "
		      "2^order - 1 = %ld pages off the free count, not "
		      "2^order) or keeps too much back; %s",
		      z->name, order, mark, flags, zone_names[idx], need, order,
		      (1L << order) - 1, rule);
	ck_assert_msg(!below,
		      "zone %s, order %u, mark %ld, flags %#x, highest zone "
		      "%s: the check must fail with %ld free pages (it passes "
		      "from %ld) and says yes: %s",
		      z->name, order, mark, flags, zone_names[idx], need - 1,
		      need, rule);
}

/* __zone_watermark_ok() page for page, one rule at a time. */
START_TEST(watermark_check_exact_edges)
{
	static const long marks[] = { 13, 100, 501, 1000 };
	struct zone *n;

	ktest_reboot("vexpress-1g", ktest_boot_alloc);
	n = zone_of(ZONE_NORMAL);
	ck_assert_int_ne(n->lowmem_reserve[ZONE_HIGHMEM], 0);
	for (unsigned i = 0; i < ARRAY_SIZE(marks); i++) {
		long m = marks[i];

		check_edge(n, 0, m, ZONE_NORMAL, 0,
			   "the zone must keep more than the mark: compare "
			   "free <= mark and fail");
		check_edge(n, 3, m, ZONE_NORMAL, 0,
			   "an order-3 request counts its own pages but one: "
			   "free - (2^order - 1)");
		check_edge(
			n, 0, m, ZONE_NORMAL, ALLOC_HIGH,
			"ALLOC_HIGH lowers the mark by half: min -= min / 2");
		check_edge(n, 0, m, ZONE_NORMAL, ALLOC_HARDER,
			   "ALLOC_HARDER lowers the mark by a quarter");
		check_edge(n, 0, m, ZONE_NORMAL, ALLOC_HIGH | ALLOC_HARDER,
			   "ALLOC_HIGH halves the mark first, then "
			   "ALLOC_HARDER takes a quarter of the rest");
		check_edge(n, 0, m, ZONE_NORMAL, ALLOC_OOM,
			   "ALLOC_OOM lowers the mark by half");
		check_edge(n, 0, m, ZONE_HIGHMEM, 0,
			   "a request that may use HighMem leaves Normal's "
			   "lowmem_reserve[ZONE_HIGHMEM] alone: it counts "
			   "on top of the mark");
		check_edge(n, 2, m, ZONE_HIGHMEM, ALLOC_HIGH | ALLOC_HARDER,
			   "the reserve, the order and the flags all count");
	}
	n->nr_reserved_highatomic = 1024;
	check_edge(n, 0, 100, ZONE_NORMAL, 0,
		   "without ALLOC_HARDER, the high-atomic reserve "
		   "(nr_reserved_highatomic) is not free memory");
	check_edge(n, 0, 100, ZONE_NORMAL, ALLOC_HARDER,
		   "with ALLOC_HARDER the high-atomic reserve counts");
	n->nr_reserved_highatomic = 0;
	/* 64 MiB of free CMA pages on vexpress-cma */
	ktest_reboot("vexpress-cma", ktest_boot_cma);
	n = zone_of(ZONE_NORMAL);
	ck_assert_uint_ne(zone_page_state(n, NR_FREE_CMA_PAGES), 0);
	check_edge(n, 0, 100, ZONE_NORMAL, 0,
		   "without ALLOC_CMA, free CMA pages are not free memory");
	check_edge(n, 0, 100, ZONE_NORMAL, ALLOC_CMA,
		   "with ALLOC_CMA, free CMA pages count");
}
END_TEST

/* Allocate order-0 pages with @gfp until it fails; return how many. */
static long exhaust(gfp_t gfp)
{
	long n = 0;

	while (alloc_pages(gfp | __GFP_NOWARN, 0))
		n++;
	return n;
}

/*
 * Order-0 requests pass the check and then take a per-CPU batch, so a
 * zone can end up to one batch on either side of the mark.
 */
START_TEST(reserves_for_atomic_requests)
{
	struct zone *z = zone_of(ZONE_NORMAL);
	long min = min_wmark_pages(z), batch = z->pageset[0].pcp.batch;
	long atomic_min = min - min / 2 - (min - min / 2) / 4, free;

	exhaust(GFP_KERNEL);
	free = zone_page_state(z, NR_FREE_PAGES);
	ck_assert_msg(free <= min && free + batch >= min,
		      "GFP_KERNEL stops at the min watermark (%ld): %ld free "
		      "(the slow path asks for the min mark, ALLOC_WMARK_MIN "
		      "in alloc_flags)",
		      min, free);
	ck_assert_msg(exhaust(GFP_ATOMIC) > batch,
		      "GFP_ATOMIC may go well below the min watermark");
	free = zone_page_state(z, NR_FREE_PAGES);
	/* ALLOC_HIGH halves min, ALLOC_HARDER takes a quarter of the rest */
	ck_assert_msg(free <= atomic_min && free + batch >= atomic_min,
		      "GFP_ATOMIC stops at 3/8 of min (%ld): %ld free",
		      atomic_min, free);
}
END_TEST

/*
 * Take every block of order 1 and up, then give back every other page:
 * half of memory is free, all of it in single pages.
 */
START_TEST(high_order_needs_a_block)
{
	static struct page *blocks[1024];
	static int orders[1024];
	struct zone *z = zone_of(ZONE_NORMAL);
	int n = 0;

	for (int o = MAX_ORDER - 1; o >= 1; o--)
		while (n < 1024 &&
		       (blocks[n] = rmqueue_buddy(z, o, MIGRATE_MOVABLE)))
			orders[n++] = o;
	for (int i = 0; i < n; i++)
		for (int j = 2; j < (1 << orders[i]); j += 2) {
			set_page_count(blocks[i] + j, 1);
			__free_pages(blocks[i] + j, 0);
		}
	drain_all_pages(NULL);
	ck_assert_msg(zone_page_state(z, NR_FREE_PAGES) >
			      4 * min_wmark_pages(z),
		      "the setup should leave many free pages");
	ck_assert_msg(!__zone_watermark_ok(z, 3, min_wmark_pages(z),
					   ZONE_NORMAL, ALLOC_WMARK_MIN,
					   zone_page_state(z, NR_FREE_PAGES)),
		      "%lu free pages but no block of order 3 or more: an "
		      "order-3 request must not pass the watermark check",
		      zone_page_state(z, NR_FREE_PAGES));
	ck_assert_msg(__zone_watermark_ok(z, 0, min_wmark_pages(z), ZONE_NORMAL,
					  ALLOC_WMARK_MIN,
					  zone_page_state(z, NR_FREE_PAGES)),
		      "an order-0 request passes");
}
END_TEST

START_TEST(zeroed_pages_are_zero)
{
	struct page *p = alloc_pages(GFP_KERNEL, 0);
	unsigned char *a = page_address(p), *b;

	memset(a, 0xaa, PAGE_SIZE);
	__free_pages(p, 0);
	b = (unsigned char *)get_zeroed_page(GFP_KERNEL);
	ck_assert_msg(b == a, "the freed page is the hot one handed out again");
	for (int i = 0; i < (int)PAGE_SIZE; i++)
		ck_assert_msg(!b[i],
			      "byte %d of a zeroed page is %#x: __GFP_ZERO "
			      "clears the block (prep_zero()) before it is "
			      "handed out",
			      i, b[i]);
}
END_TEST

START_TEST(free_pages_by_address)
{
	unsigned long addr = __get_free_pages(GFP_KERNEL, 2);
	struct zone *z = zone_of(ZONE_NORMAL);
	unsigned long free;

	ck_assert_msg(addr >= PAGE_OFFSET && IS_ALIGNED(addr, 4 * PAGE_SIZE),
		      "an order-2 block is a lowmem address aligned to 16 KiB, "
		      "got %#lx",
		      addr);
	ck_assert_ptr_eq(page_address(virt_to_page((void *)addr)),
			 (void *)addr);
	free = zone_page_state(z, NR_FREE_PAGES);
	free_pages(addr, 2);
	ck_assert_uint_eq(zone_page_state(z, NR_FREE_PAGES), free + 4);
}
END_TEST

START_TEST(failures_warn_unless_nowarn)
{
	ck_assert_ptr_null(alloc_pages(GFP_KERNEL | __GFP_NOWARN, MAX_ORDER));
	ck_assert_msg(exhaust(GFP_KERNEL) > 10000,
		      "256 MiB should give more than 10,000 pages");
	ck_assert(!printk_log_contains("page allocation failure"));
	ck_assert_ptr_null(alloc_pages(GFP_KERNEL, 0));
	ck_assert_msg(printk_log_contains("page allocation failure: order:0"),
		      "a failed allocation without __GFP_NOWARN must say so");
}
END_TEST

START_TEST(meminfo_format)
{
	static char buf[2048];
	struct seq_file m;
	unsigned long total, free, avail, htotal;

	ktest_reboot("vexpress-1g", ktest_boot_alloc);
	seq_init(&m, buf, sizeof(buf));
	meminfo_show(&m);
	ck_assert_msg(sscanf(buf,
			     "MemTotal:       %8lu kB\n"
			     "MemFree:        %8lu kB\n"
			     "MemAvailable:   %8lu kB\n"
			     "HighTotal:      %8lu kB\n",
			     &total, &free, &avail, &htotal) == 4,
		      "cannot parse:\n%s", buf);
	ck_assert_uint_eq(total, totalram_pages * 4);
	ck_assert_uint_eq(htotal, 256 * 1024);
	ck_assert_uint_eq(avail, free - totalreserve_pages * 4);
}
END_TEST

/*
 * The chapter's example driver (mm/pagebuf_sample.c), loaded and
 * unloaded on the 1 GiB board: its buffers are what it asked for, and
 * every page comes back.
 */
START_TEST(pagebuf_sample_loads_and_unloads)
{
	const unsigned long size = 4 * PAGE_SIZE;

	ktest_reboot("vexpress-1g", ktest_boot_alloc);
	drain_all_pages(NULL);
	ck_assert_int_eq(pagebuf_init(), 0);
	ck_assert_msg(IS_ALIGNED(pagebuf.buf, size) &&
			      page_zonenum(virt_to_page(pagebuf.buf)) ==
				      ZONE_NORMAL,
		      "the 16 KiB buffer is an order-2 block of lowmem");
	for (unsigned long i = 0; i < size; i++)
		ck_assert(((unsigned char *)pagebuf.buf)[i] == 0x5a);
	for (unsigned long i = 0; i < PAGE_SIZE; i++)
		ck_assert(((unsigned char *)pagebuf.table)[i] == 0);
	ck_assert_msg(pagebuf.user && PageHighMem(pagebuf.user) &&
			      !page_address(pagebuf.user),
		      "GFP_HIGHUSER_MOVABLE takes HighMem first: a page "
		      "without a kernel address");
	ck_assert(printk_log_contains("pagebuf: buf "));
	pagebuf_exit();
	ck_assert(!pagebuf.buf && !pagebuf.user);
	drain_all_pages(NULL);
	for (int t = ZONE_NORMAL; t <= ZONE_HIGHMEM; t++)
		ck_assert_msg(ktest_check_free_lists(zone_of(t)) ==
				      zone_of(t)->managed_pages,
			      "zone %s: pagebuf_exit() must give every page "
			      "back",
			      zone_names[t]);
}
END_TEST

/* Mixed flags on the 1 GiB board: every page of every zone accounted. */
START_TEST(random_gfp_sequence)
{
	enum { SLOTS = 2048, OPS = 60000, SEED = 77 };
	static const gfp_t flags[] = { GFP_KERNEL, GFP_ATOMIC, GFP_HIGHUSER,
				       GFP_HIGHUSER_MOVABLE,
				       GFP_KERNEL | __GFP_RECLAIMABLE };
	static struct page *slot[SLOTS];
	static unsigned char slot_order[SLOTS];
	unsigned long in_use[MAX_NR_ZONES] = { 0 };
	long allocs = 0;

	ktest_reboot("vexpress-1g", ktest_boot_alloc);
	ktest_rng = SEED;
	memset(slot, 0, sizeof(slot));
	for (int op = 0; op < OPS; op++) {
		int i = ktest_rand() % SLOTS;

		if (slot[i]) {
			in_use[page_zonenum(slot[i])] -= 1UL << slot_order[i];
			__free_pages(slot[i], slot_order[i]);
			slot[i] = NULL;
			continue;
		}
		slot_order[i] = ktest_rand() % 100 < 80 ? 0 : ktest_rand() % 6;
		slot[i] = alloc_pages(flags[ktest_rand() % ARRAY_SIZE(flags)] |
					      __GFP_NOWARN,
				      slot_order[i]);
		if (slot[i]) {
			in_use[page_zonenum(slot[i])] += 1UL << slot_order[i];
			allocs++;
		}
	}
	ck_assert_msg(allocs > OPS / 4, "only %ld allocations succeeded",
		      allocs);
	for (int i = 0; i < SLOTS; i++)
		if (slot[i])
			__free_pages(slot[i], slot_order[i]);
	drain_all_pages(NULL);
	for (int t = ZONE_NORMAL; t <= ZONE_HIGHMEM; t++)
		ck_assert_msg(ktest_check_free_lists(zone_of(t)) ==
				      zone_of(t)->managed_pages,
			      "zone %s: pages lost (seed %d)", zone_names[t],
			      SEED);
}
END_TEST

KTEST_SUITE(ch07) = {
	.chapter = "07",
	.title = "alloc_pages",
	.boot = ktest_boot_alloc,
	.timeout = 5,
	.tests = KTESTS(gfp_zone_of_each_flag, zonelist_highest_first,
			watermarks_of_256m, watermarks_and_protection_of_1g,
			zones_by_flag_on_1g,
			highmem_request_falls_back_to_normal,
			reserves_for_atomic_requests,
			watermark_check_exact_edges, high_order_needs_a_block,
			zeroed_pages_are_zero, free_pages_by_address,
			failures_warn_unless_nowarn, meminfo_format,
			pagebuf_sample_loads_and_unloads, random_gfp_sequence),
};
