// SPDX-License-Identifier: GPL-2.0
/*
 * Chapter 12: CMA at boot, Linux's way.
 *
 * The exercises: rmem_cma_setup()'s checks (kernel/dma/contiguous.c),
 * cma_activate_area() (mm/cma.c) and init_cma_reserved_pageblock()
 * (mm/page_alloc.c).  The board is vexpress-cma: 512 MiB, an 8 MiB
 * no-map frame buffer at 0x64000000 and a 64 MiB reusable
 * shared-dma-pool at 0x68000000.  Tests that need other regions edit
 * the device tree's list (reserved_mem[]) after the machine has read
 * it, before the kernel boots: a device tree with a mistake in it.
 */
#include <stdio.h>
#include <string.h>
#include <linux/cma.h>
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/of_reserved_mem.h>
#include <linux/vmstat.h>
#include <asm/setup.h>
#include "mm/internal.h"
#include "ktest.h"

#define CMA_PFN 0x68000UL
#define CMA_PAGES 16384UL
#define CMA_NAME "linux,cma@68000000"
#define EXTRA_PA 0x70000000U /* a second pool some tests add */
#define EXTRA_PAGES 1024UL /* 4 MiB: one pageblock */

static struct zone *normal(void)
{
	return &NODE_DATA(0)->node_zones[ZONE_NORMAL];
}

static void check_no_bad_page(const char *when);

static struct cma *area(void)
{
	check_no_bad_page("at boot");
	ck_assert_msg(dma_contiguous_default_area,
		      "no default CMA area: rmem_cma_setup() must accept "
		      "vexpress-cma's pool (reusable, not no-map, aligned to "
		      "4 MiB) and make it dma_contiguous_default_area");
	return dma_contiguous_default_area;
}

/* The device tree's CMA pool in reserved_mem[]. */
static struct reserved_mem *cma_node(void)
{
	for (int i = 0; i < reserved_mem_count; i++)
		if (!strcmp(reserved_mem[i].name, CMA_NAME))
			return &reserved_mem[i];
	ck_abort_msg("vexpress-cma has no node %s", CMA_NAME);
	return NULL;
}

/* Add a good 4 MiB pool at EXTRA_PA, as if the device tree had it. */
static void add_extra_pool(void)
{
	struct reserved_mem *r = &reserved_mem[reserved_mem_count++];

	*r = (struct reserved_mem){ .base = EXTRA_PA,
				    .size = EXTRA_PAGES << PAGE_SHIFT,
				    .reusable = true };
	strcpy(r->name, "linux,cma@70000000");
	strcpy(r->compatible, "shared-dma-pool");
}

/* The area of @base_pfn, or NULL. */
static struct cma *area_at(unsigned long base_pfn)
{
	for (unsigned int i = 0; i < cma_area_count; i++)
		if (cma_areas[i].base_pfn == base_pfn && cma_areas[i].count)
			return &cma_areas[i];
	return NULL;
}

/*
 * The boot gave no page to the allocator in a bad state.  In this
 * chapter's boot the pages that reach the buddy allocator are
 * mem_init()'s (chapters 10 and 11, solved) and the CMA areas', which
 * init_cma_reserved_pageblock() frees: a bad page inside an area is its
 * rule; one outside every area reached it because cma_activate_area()
 * walked too far.
 */
static void check_no_bad_page(const char *when)
{
	const char *bug = "BUG: Bad page state";
	char line[160];
	const char *at;
	unsigned long pfn;
	const char *why;

	if (!printk_log_contains(bug))
		return;
	snprintf(line, sizeof(line), "%s", ktest_log_line(bug));
	at = strstr(line, "pfn:");
	if (!at || sscanf(at, "pfn:%lx", &pfn) != 1) {
		why = "cannot tell which page: a page reached the buddy "
		      "allocator still PG_reserved or with a reference";
	} else {
		why = "pfn outside every CMA area: a pageblock that is not "
		      "the area's reached init_cma_reserved_pageblock(); "
		      "cma_activate_area() hands over count >> "
		      "pageblock_order pageblocks from base_pfn, no more";
		for (unsigned int i = 0; i < cma_area_count; i++)
			if (pfn - cma_areas[i].base_pfn < cma_areas[i].count ||
			    !cma_areas[i].count)
				why = "a page of a CMA area reached the buddy "
				      "allocator still PG_reserved or with a "
				      "reference: "
				      "init_cma_reserved_pageblock() "
				      "clears PG_reserved and sets the count "
				      "to 0 on every page of the pageblock, "
				      "then gives the first page its one "
				      "reference and frees the block whole";
	}
	ck_abort_msg("%s, the kernel reported \"%s\" (%s): %s", when, line,
		     ktest_log_line("page dumped because"), why);
}

/* Is @page on the free list of @order and @mt? */
static bool on_free_list(struct page *page, unsigned int order, int mt)
{
	struct free_area *area = &page_zone(page)->free_area[order];
	struct page *p;

	list_for_each_entry(p, &area->free_list[mt], lru)
		if (p == page)
			return true;
	return false;
}

/*
 * Every pageblock of [pfn, pfn + n) is MIGRATE_CMA, free in the buddy
 * as one block of pageblock_order on the CMA list, and none of its
 * pages is reserved.  A pageblock left as it was (every page reserved,
 * not CMA) was never handed over: cma_activate_area() skipped it; one
 * handed over but wrong is init_cma_reserved_pageblock()'s.
 */
static void check_active_by(unsigned long pfn, unsigned long n, bool alone)
{
	check_no_bad_page("while the CMA areas were activated");
	for (unsigned long b = pfn; b < pfn + n; b += pageblock_nr_pages) {
		struct page *page = pfn_to_page(b);
		int mt = get_pageblock_migratetype(page);
		unsigned long reserved = 0;

		for (unsigned long p = b; p < b + pageblock_nr_pages; p++)
			reserved += PageReserved(pfn_to_page(p));
		ck_assert_msg(reserved < pageblock_nr_pages ||
				      mt == MIGRATE_CMA,
			      "the pageblock at pfn %#lx, in [%#lx, %#lx), was "
			      "never handed over (every page reserved, %s): %s",
			      b, pfn, pfn + n, migratetype_names[mt],
			      alone ? "init_cma_reserved_pageblock() clears "
				      "PG_reserved on every page, makes the "
				      "pageblock MIGRATE_CMA and frees it"
				    : "cma_activate_area() calls "
				      "init_cma_reserved_pageblock() once for "
				      "every pageblock of the area");
		for (unsigned long p = b; p < b + pageblock_nr_pages; p++)
			ck_assert_msg(
				!PageReserved(pfn_to_page(p)),
				"pfn %#lx of the area is still "
				"PG_reserved (%lu of its pageblock's %lu "
				"pages are): init_cma_reserved_pageblock() "
				"clears it on every page of the "
				"pageblock",
				p, reserved, pageblock_nr_pages);
		ck_assert_msg(mt == MIGRATE_CMA,
			      "the pageblock at pfn %#lx is %s, expected CMA: "
			      "init_cma_reserved_pageblock() makes it "
			      "MIGRATE_CMA",
			      b, migratetype_names[mt]);
		ck_assert_msg(PageBuddy(page) &&
				      buddy_order(page) == pageblock_order,
			      "the pageblock at pfn %#lx must be free in the "
			      "buddy as one block of order %d: "
			      "init_cma_reserved_pageblock() frees it whole, "
			      "with one reference on its first page",
			      b, pageblock_order);
		ck_assert_msg(on_free_list(page, pageblock_order, MIGRATE_CMA),
			      "the pageblock at pfn %#lx is free, but not on "
			      "the CMA free list of order %d: the free path "
			      "files a block by its pageblock's migratetype, "
			      "so init_cma_reserved_pageblock() makes it "
			      "MIGRATE_CMA before freeing it",
			      b, pageblock_order);
	}
}

static void check_active(unsigned long pfn, unsigned long n)
{
	check_active_by(pfn, n, false);
}

/* The pool's range went back to the buddy as ordinary memory. */
static void check_given_back(unsigned long pfn, unsigned long n)
{
	for (unsigned long p = pfn; p < pfn + n; p += pageblock_nr_pages)
		ck_assert_msg(!PageReserved(pfn_to_page(p)) &&
				      get_pageblock_migratetype(pfn_to_page(
					      p)) == MIGRATE_MOVABLE,
			      "pfn %#lx of a refused pool must be ordinary "
			      "memory again (not reserved, MOVABLE): Linux "
			      "gives a refused region back",
			      p);
}

START_TEST(area_from_rmem_cma_setup)
{
	check_no_bad_page("at boot");
	ck_assert_msg(area()->base_pfn == CMA_PFN && area()->count == CMA_PAGES,
		      "vexpress-cma's pool must become the default area: "
		      "base_pfn %#lx, %lu pages",
		      CMA_PFN, CMA_PAGES);
	ck_assert_str_eq(area()->name, CMA_NAME);
	ck_assert_uint_eq(cma_area_count, 1);
	ck_assert_uint_eq(totalcma_pages, CMA_PAGES);
	ck_assert_msg(printk_log_contains("Reserved memory: created CMA "
					  "memory pool at 0x68000000, size "
					  "64 MiB\n"),
		      "rmem_cma_setup() announces the pool");
	ck_assert(printk_log_contains(
		"OF: reserved mem: initialized node " CMA_NAME
		", compatible id "
		"shared-dma-pool\n"));
	ck_assert_msg(!printk_log_contains("matching fail"),
		      "the frame buffer (no compatible) is nobody's: it "
		      "stays reserved without a message");
}
END_TEST

START_TEST(pageblocks_are_cma_and_free)
{
	(void)area();
	check_active(CMA_PFN, CMA_PAGES);
	ck_assert_msg(zone_page_state(normal(), NR_FREE_CMA_PAGES) == CMA_PAGES,
		      "NR_FREE_CMA_PAGES is %lu, expected the area's %lu: a "
		      "block is counted by its pageblock's migratetype when it "
		      "is freed (MIGRATE_CMA first, then free)",
		      zone_page_state(normal(), NR_FREE_CMA_PAGES), CMA_PAGES);
	ck_assert_uint_eq(ktest_check_free_lists(normal()),
			  zone_page_state(normal(), NR_FREE_PAGES));
	ck_assert_msg(area()->bitmap && cma_used_pages(area()) == 0 &&
			      cma_maxchunk_pages(area()) == CMA_PAGES,
		      "the bitmap is allocated and clear");
}
END_TEST

/* ktest_boot_rmem_cma without its core initcall. */
static void boot_before_activation(void)
{
	bootmem_early_stand_in(BOOTMEM_REAL);
	arm_memblock_init();
	fdt_init_reserved_mem();
	bootmem_init();
	build_all_zonelists();
	mem_init();
	setup_per_cpu_pageset();
}

START_TEST(activation_adds_managed_pages)
{
	unsigned long managed, total, free;

	ktest_reboot("vexpress-cma", boot_before_activation);
	(void)area();
	ck_assert_msg(PageReserved(pfn_to_page(CMA_PFN)) &&
			      zone_page_state(normal(), NR_FREE_CMA_PAGES) == 0,
		      "before cma_init_reserved_areas() the pool is reserved "
		      "memory: mem_init() leaves it alone");
	managed = normal()->managed_pages;
	total = totalram_pages;
	drain_all_pages(NULL);
	free = zone_page_state(normal(), NR_FREE_PAGES);
	cma_init_reserved_areas();
	drain_all_pages(NULL);
	check_active(CMA_PFN, CMA_PAGES);
	/* check_active() passed: every pageblock was handed over once */
	ck_assert_msg(normal()->managed_pages == managed + CMA_PAGES &&
			      totalram_pages == total + CMA_PAGES,
		      "every pageblock of the area was handed over, and "
		      "managed went %lu -> %lu, totalram %lu -> %lu, expected "
		      "+ %lu: init_cma_reserved_pageblock() counts the "
		      "pageblock it frees as managed "
		      "(adjust_managed_page_count(page, pageblock_nr_pages))",
		      managed, normal()->managed_pages, total, totalram_pages,
		      CMA_PAGES);
	/* one page less: the bitmap (2 KiB) */
	ck_assert_msg(zone_page_state(normal(), NR_FREE_PAGES) ==
			      free + CMA_PAGES - 1,
		      "free pages %lu -> %lu, expected + %lu (the area) - 1 "
		      "(its bitmap)",
		      free, zone_page_state(normal(), NR_FREE_PAGES),
		      CMA_PAGES);
	ck_assert_uint_eq(zone_page_state(normal(), NR_FREE_CMA_PAGES),
			  CMA_PAGES);
}
END_TEST

/*
 * init_cma_reserved_pageblock() alone, on the pool's first pageblock
 * before cma_init_reserved_areas() runs: its rules graded apart from
 * cma_activate_area()'s loop.
 */
START_TEST(init_cma_reserved_pageblock_alone)
{
	unsigned long managed, total, free, free_cma;

	ktest_reboot("vexpress-cma", boot_before_activation);
	check_no_bad_page("at boot");
	ck_assert(PageReserved(pfn_to_page(CMA_PFN)));
	managed = normal()->managed_pages;
	total = totalram_pages;
	drain_all_pages(NULL);
	free = zone_page_state(normal(), NR_FREE_PAGES);
	free_cma = zone_page_state(normal(), NR_FREE_CMA_PAGES);
	init_cma_reserved_pageblock(pfn_to_page(CMA_PFN));
	drain_all_pages(NULL);
	check_no_bad_page("when init_cma_reserved_pageblock() freed the "
			  "pool's first pageblock");
	check_active_by(CMA_PFN, pageblock_nr_pages, true);
	for (unsigned long p = CMA_PFN; p < CMA_PFN + pageblock_nr_pages; p++)
		ck_assert_msg(page_count(pfn_to_page(p)) == 0,
			      "pfn %#lx: count %d, a free page has none", p,
			      page_count(pfn_to_page(p)));
	ck_assert_msg(zone_page_state(normal(), NR_FREE_PAGES) ==
				      free + pageblock_nr_pages &&
			      zone_page_state(normal(), NR_FREE_CMA_PAGES) ==
				      free_cma + pageblock_nr_pages,
		      "init_cma_reserved_pageblock() of one pageblock: free "
		      "pages %lu -> %lu, free CMA pages %lu -> %lu, expected "
		      "+ %lu each",
		      free, zone_page_state(normal(), NR_FREE_PAGES), free_cma,
		      zone_page_state(normal(), NR_FREE_CMA_PAGES),
		      pageblock_nr_pages);
	ck_assert_msg(normal()->managed_pages == managed + pageblock_nr_pages &&
			      totalram_pages == total + pageblock_nr_pages,
		      "init_cma_reserved_pageblock() counts the pageblock it "
		      "frees as managed (adjust_managed_page_count(page, "
		      "pageblock_nr_pages)): managed %lu -> %lu, totalram %lu "
		      "-> %lu, expected + %lu",
		      managed, normal()->managed_pages, total, totalram_pages,
		      pageblock_nr_pages);
	ck_assert_msg(PageReserved(pfn_to_page(CMA_PFN + pageblock_nr_pages)) &&
			      get_pageblock_migratetype(pfn_to_page(
				      CMA_PFN + pageblock_nr_pages)) !=
				      MIGRATE_CMA,
		      "init_cma_reserved_pageblock() hands over its own "
		      "pageblock, not the next one");
}
END_TEST

static void boot_not_reusable(void)
{
	cma_node()->reusable = false;
	add_extra_pool();
	ktest_boot_rmem_cma();
}

/*
 * The default pool was refused: reported, given back to memblock, and
 * the good pool beside it (add_extra_pool) became an active area.
 */
static void check_refused_beside_the_good_pool(void)
{
	check_no_bad_page("at boot");
	ck_assert(printk_log_contains("OF: reserved mem: node " CMA_NAME
				      " compatible matching fail\n"));
	check_given_back(CMA_PFN, CMA_PAGES);
	ck_assert_msg(area_at(EXTRA_PA >> PAGE_SHIFT),
		      "the good pool at %#x must still become an area",
		      EXTRA_PA);
	check_active(EXTRA_PA >> PAGE_SHIFT, EXTRA_PAGES);
}

START_TEST(refuses_pools_that_are_not_reusable)
{
	ktest_reboot("vexpress-cma", boot_not_reusable);
	ck_assert_msg(!area_at(CMA_PFN),
		      "a shared-dma-pool without \"reusable\" cannot be CMA: "
		      "its owner may need it at any time");
	check_refused_beside_the_good_pool();
	ck_assert_uint_eq(totalcma_pages, EXTRA_PAGES);
	ck_assert_ptr_null(dma_contiguous_default_area);
}
END_TEST

static void boot_no_map(void)
{
	cma_node()->nomap = true;
	add_extra_pool();
	ktest_boot_rmem_cma();
}

/* The init function registered for "shared-dma-pool": rmem_cma_setup(). */
static int shared_dma_pool_init(struct reserved_mem *r)
{
	extern const struct of_device_id __start___reservedmem_of_table[];
	extern const struct of_device_id __stop___reservedmem_of_table[];

	for (const struct of_device_id *i = __start___reservedmem_of_table;
	     i < __stop___reservedmem_of_table; i++)
		if (!strcmp(i->compatible, "shared-dma-pool"))
			return ((reservedmem_of_init_fn)i->data)(r);
	return -ENOENT;
}

START_TEST(refuses_no_map_pools)
{
	struct reserved_mem r = { .name = "nomap@78000000",
				  .compatible = "shared-dma-pool",
				  .base = 0x78000000,
				  .size = 4 << 20,
				  .nomap = true,
				  .reusable = true };
	unsigned int areas;
	int err;

	ktest_reboot("vexpress-cma", boot_no_map);
	ck_assert_msg(!area_at(CMA_PFN),
		      "a no-map pool is not even in the linear map: the "
		      "buddy cannot borrow it, it cannot be CMA");
	check_refused_beside_the_good_pool();
	/* The rule is rmem_cma_setup()'s own, whatever memblock holds. */
	memblock_reserve(r.base, r.size);
	areas = cma_area_count;
	err = shared_dma_pool_init(&r);
	ck_assert_msg(err == -EINVAL && cma_area_count == areas,
		      "rmem_cma_setup() of a reusable no-map pool (reserved "
		      "in memblock) returned %d and made %u area(s): it must "
		      "refuse no-map itself with -EINVAL",
		      err, cma_area_count - areas);
}
END_TEST

static phys_addr_t bad_base, bad_size;

static void boot_misaligned(void)
{
	cma_node()->base = bad_base;
	cma_node()->size = bad_size;
	add_extra_pool();
	ktest_boot_rmem_cma();
}

START_TEST(refuses_misaligned_pools)
{
	static const phys_addr_t cases[][2] = {
		{ 0x68100000, 0x03f00000 }, /* base 1 MiB off */
		{ 0x68000000, 0x03f00000 }, /* size 1 MiB short */
		{ 0x68000000, 0x00200000 }, /* half a pageblock */
	};

	for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++) {
		bad_base = cases[i][0];
		bad_size = cases[i][1];
		ktest_reboot("vexpress-cma", boot_misaligned);
		check_no_bad_page("at boot");
		ck_assert_msg(!area_at(bad_base >> PAGE_SHIFT),
			      "a pool at %#x of %#x bytes is not aligned to "
			      "4 MiB (max(MAX_ORDER - 1, pageblock_order)) "
			      "and must be refused",
			      bad_base, bad_size);
		ck_assert_msg(printk_log_contains("Reserved memory: incorrect "
						  "alignment of CMA region\n"),
			      "a misaligned pool is reported: \"Reserved "
			      "memory: incorrect alignment of CMA region\"");
		ck_assert_msg(!printk_log_contains("Reserved memory: unable to "
						   "setup CMA region"),
			      "a pool at %#x of %#x bytes: after \"incorrect "
			      "alignment\" the kernel also said \"%s\": "
			      "rmem_cma_setup() returns -EINVAL right after "
			      "its one message; a refused region goes no "
			      "further (cma_init_reserved_mem())",
			      bad_base, bad_size,
			      ktest_log_line("unable to setup CMA region"));
		check_given_back(
			ALIGN(bad_base >> PAGE_SHIFT, pageblock_nr_pages),
			(bad_size >> PAGE_SHIFT) & ~(pageblock_nr_pages - 1));
		ck_assert_msg(area_at(EXTRA_PA >> PAGE_SHIFT),
			      "the good pool at %#x must still become an area",
			      EXTRA_PA);
	}
}
END_TEST

/*
 * vexpress-1g: lowmem ends at 0x90000000 (chapter 7).  A pool across
 * that line has pages in two zones; alloc_contig_range() works in one
 * zone, so cma_activate_area() gives up at the first pageblock of the
 * other zone.  In 5.10 the pageblocks it checked before that are
 * already in the buddy as MIGRATE_CMA (they stay there, serving
 * movable pages); the rest stay reserved; the area is empty (count 0).
 */
static void boot_across_zones(void)
{
	struct reserved_mem *r = &reserved_mem[reserved_mem_count++];

	*r = (struct reserved_mem){ .base = 0x8f800000,
				    .size = 0x01000000,
				    .reusable = true };
	strcpy(r->name, "linux,cma@8f800000");
	strcpy(r->compatible, "shared-dma-pool");
	add_extra_pool();
	ktest_boot_rmem_cma();
}

START_TEST(area_across_zones_is_not_activated)
{
	unsigned long pfn = 0x8f800000 >> PAGE_SHIFT;
	struct cma *bad = NULL;

	ktest_reboot("vexpress-1g", boot_across_zones);
	check_no_bad_page("at boot");
	for (unsigned int i = 0; i < cma_area_count; i++)
		if (cma_areas[i].base_pfn == pfn)
			bad = &cma_areas[i];
	ck_assert_msg(bad, "rmem_cma_setup() accepts the pool (aligned, "
			   "reusable): the zones are checked later");
	ck_assert_msg(bad->count == 0,
		      "the pool spans ZONE_NORMAL and ZONE_HIGHMEM: "
		      "cma_activate_area() must refuse it (count 0)");
	ck_assert(printk_log_contains(
		"cma: CMA area linux,cma@8f800000 could not be activated\n"));
	check_active(pfn, 0x90000 - pfn);
	for (unsigned long p = 0x90000; p < pfn + 4096; p += pageblock_nr_pages)
		ck_assert_msg(
			PageReserved(pfn_to_page(p)) &&
				get_pageblock_migratetype(pfn_to_page(p)) !=
					MIGRATE_CMA,
			"pfn %#lx is in ZONE_HIGHMEM: cma_activate_area() "
			"stops at the first page of another zone and "
			"leaves the rest reserved",
			p);
	check_active(EXTRA_PA >> PAGE_SHIFT, EXTRA_PAGES);
}
END_TEST

/* The area lends its pages to movable allocations until cma_alloc(). */
START_TEST(area_serves_movable_pages_until_cma_alloc)
{
	unsigned long in_area = 0;
	struct page *buf;

	ktest_movable_reset();
	while (zone_page_state(normal(), NR_FREE_CMA_PAGES) &&
	       ktest_nr_movable < KTEST_MAX_MOVABLE)
		ck_assert_msg(ktest_movable_alloc(),
			      "a movable allocation failed with %lu CMA "
			      "pages free",
			      zone_page_state(normal(), NR_FREE_CMA_PAGES));
	for (int i = 0; i < ktest_nr_movable; i++) {
		if (page_to_pfn(ktest_movable[i]) - CMA_PFN < CMA_PAGES)
			in_area++;
		else /* room for the pages cma_alloc() moves */
			ktest_movable_free(i);
	}
	ck_assert_msg(in_area > CMA_PAGES - 100,
		      "movable pages fill the area (%lu of %lu pages; a few "
		      "may wait on the per-CPU lists)",
		      in_area, CMA_PAGES);
	buf = cma_alloc(area(), 1024, 4, false);
	ck_assert_msg(buf && page_to_pfn(buf) - CMA_PFN < CMA_PAGES,
		      "cma_alloc() must still get 1024 pages of the full "
		      "area");
	ktest_movable_check_data();
}
END_TEST

/*
 * Random device trees: up to four extra pools at random 4 MiB-aligned
 * places between 0x70000000 and 0x7fc00000, each with a random defect
 * or none.  Exactly the good ones become areas, fully active.
 */
static unsigned int rnd_seed;
static struct {
	phys_addr_t base, size;
	int defect; /* 0 none, 1 not reusable, 2 no-map, 3 misaligned */
} rnd_pool[4];
static int rnd_count;

static void boot_random_pools(void)
{
	for (int i = 0; i < rnd_count; i++) {
		struct reserved_mem *r = &reserved_mem[reserved_mem_count++];

		*r = (struct reserved_mem){ .base = rnd_pool[i].base,
					    .size = rnd_pool[i].size,
					    .reusable = rnd_pool[i].defect != 1,
					    .nomap = rnd_pool[i].defect == 2 };
		if (rnd_pool[i].defect == 3)
			r->base += 0x100000;
		snprintf(r->name, sizeof(r->name), "linux,cma@%08x", r->base);
		strcpy(r->compatible, "shared-dma-pool");
	}
	ktest_boot_rmem_cma();
}

START_TEST(random_device_trees_keep_invariants)
{
	rnd_seed = 1212;
	ktest_rng = rnd_seed;
	for (int round = 0; round < 6; round++) {
		unsigned long want_total = CMA_PAGES;
		int slot[16] = { 0 };

		rnd_count = 1 + ktest_rand() % 4;
		for (int i = 0; i < rnd_count; i++) {
			int s, n = 1 + ktest_rand() % 3;

			do
				s = ktest_rand() % (16 - n);
			while (slot[s] || slot[s + n - 1] ||
			       (n == 3 && slot[s + 1]));
			for (int k = 0; k < n; k++)
				slot[s + k] = 1;
			rnd_pool[i].base = 0x70000000 + s * 0x400000;
			rnd_pool[i].size = n * 0x400000;
			rnd_pool[i].defect = ktest_rand() % 4;
			if (!rnd_pool[i].defect)
				want_total += rnd_pool[i].size >> PAGE_SHIFT;
		}
		ktest_reboot("vexpress-cma", boot_random_pools);
		for (int i = 0; i < rnd_count; i++) {
			unsigned long pfn = rnd_pool[i].base >> PAGE_SHIFT;
			unsigned long n = rnd_pool[i].size >> PAGE_SHIFT;
			bool good = !rnd_pool[i].defect;

			ck_assert_msg(!!area_at(pfn) == good,
				      "seed %u round %d: pool %d at %#x, %#x "
				      "bytes, defect %d: %s",
				      rnd_seed, round, i, rnd_pool[i].base,
				      rnd_pool[i].size, rnd_pool[i].defect,
				      good ? "must become an area"
					   : "must be refused");
			if (good)
				check_active(pfn, n);
		}
		check_active(CMA_PFN, CMA_PAGES);
		ck_assert_msg(totalcma_pages == want_total,
			      "seed %u round %d: totalcma_pages %lu, "
			      "expected %lu",
			      rnd_seed, round, totalcma_pages, want_total);
		ck_assert_uint_eq(zone_page_state(normal(), NR_FREE_CMA_PAGES),
				  want_total);
		ck_assert_uint_eq(ktest_check_free_lists(normal()),
				  zone_page_state(normal(), NR_FREE_PAGES));
	}
}
END_TEST

KTEST_SUITE(ch12) = {
	.chapter = "12",
	.title = "CMA at boot",
	.dtb = "vexpress-cma",
	.boot = ktest_boot_rmem_cma,
	.timeout = 30,
	.tests = KTESTS(area_from_rmem_cma_setup, pageblocks_are_cma_and_free,
			activation_adds_managed_pages,
			init_cma_reserved_pageblock_alone,
			refuses_pools_that_are_not_reusable,
			refuses_no_map_pools, refuses_misaligned_pools,
			area_across_zones_is_not_activated,
			area_serves_movable_pages_until_cma_alloc,
			random_device_trees_keep_invariants),
};
