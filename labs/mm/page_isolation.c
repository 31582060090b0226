// SPDX-License-Identifier: GPL-2.0
/*
 * Taking pageblocks out of the allocator (mm/page_isolation.c).
 *
 * A pageblock of type MIGRATE_ISOLATE hands out nothing: its free pages
 * sit on the isolate lists, uncounted in NR_FREE_PAGES, and pages freed
 * into it stay there.  alloc_contig_range() isolates the blocks of a
 * range, migrates their in-use pages away, and then finds the whole
 * range free.
 */
#include <linux/kernel.h>
#include <linux/migrate.h>
#include <linux/mm.h>
#include "internal.h"

static int set_migratetype_isolate(struct page *page, int migratetype)
{
	struct zone *zone = page_zone(page);
	int nr_pages;

	if (get_pageblock_migratetype(page) == MIGRATE_ISOLATE)
		return -EBUSY;
	/* spin_lock(&zone->lock) */
	set_pageblock_migratetype(page, MIGRATE_ISOLATE);
	zone->nr_isolate_pageblock++;
	nr_pages = move_freepages_block(zone, page, MIGRATE_ISOLATE, NULL);
	__mod_zone_page_state(zone, NR_FREE_PAGES, -nr_pages);
	if (migratetype == MIGRATE_CMA)
		__mod_zone_page_state(zone, NR_FREE_CMA_PAGES, -nr_pages);
	drain_all_pages(zone);
	return 0;
}

static void unset_migratetype_isolate(struct page *page, int migratetype)
{
	struct zone *zone = page_zone(page);
	int nr_pages;

	if (get_pageblock_migratetype(page) != MIGRATE_ISOLATE)
		return;
	nr_pages = move_freepages_block(zone, page, migratetype, NULL);
	__mod_zone_page_state(zone, NR_FREE_PAGES, nr_pages);
	if (migratetype == MIGRATE_CMA)
		__mod_zone_page_state(zone, NR_FREE_CMA_PAGES, nr_pages);
	set_pageblock_migratetype(page, migratetype);
	zone->nr_isolate_pageblock--;
}

/* Isolate every pageblock of [start, end), both pageblock-aligned. */
int start_isolate_page_range(unsigned long start_pfn, unsigned long end_pfn,
			     int migratetype)
{
	for (unsigned long pfn = start_pfn; pfn < end_pfn;
	     pfn += pageblock_nr_pages)
		if (set_migratetype_isolate(pfn_to_page(pfn), migratetype)) {
			undo_isolate_page_range(start_pfn, pfn, migratetype);
			return -EBUSY;
		}
	return 0;
}

void undo_isolate_page_range(unsigned long start_pfn, unsigned long end_pfn,
			     int migratetype)
{
	for (unsigned long pfn = start_pfn; pfn < end_pfn;
	     pfn += pageblock_nr_pages)
		unset_migratetype_isolate(pfn_to_page(pfn), migratetype);
}

/* Return: 0 when every page of [start, end) is free in isolated blocks. */
int test_pages_isolated(unsigned long start_pfn, unsigned long end_pfn)
{
	unsigned long pfn = start_pfn;

	while (pfn < end_pfn) {
		struct page *page = pfn_to_page(pfn);

		if (get_pageblock_migratetype(page) != MIGRATE_ISOLATE ||
		    !PageBuddy(page))
			return -EBUSY;
		pfn += 1UL << buddy_order(page);
	}
	return 0;
}
