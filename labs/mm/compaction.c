// SPDX-License-Identifier: GPL-2.0
/*
 * Memory compaction (mm/compaction.c): make a high-order block out of
 * a zone whose free memory is scattered.
 *
 *   zone start                                             zone end
 *   [##.#.##.#.|.#..##.#.|  ...  |.#.#..#.#.|#.#.##..#.]
 *    migrate scanner -->                 <-- free scanner
 *
 * The migrate scanner walks up from the start of the zone, one
 * pageblock at a time, and isolates movable pages in use (#).  The free
 * scanner walks down from the end and isolates free pages (.) to be
 * their new homes.  The pages move up; the free space they leave at the
 * bottom merges in the buddy allocator into large blocks.  Compaction
 * stops as soon as a free block of the wanted order exists
 * (COMPACT_SUCCESS) or when the scanners meet (COMPACT_COMPLETE).
 *
 * SIMPLIFIED(v5.10 mm/compaction.c): no kcompactd or direct compaction
 * from the allocator's slow path, no deferral or skip bits, no fast
 * free-page search; every priority scans the whole zone, ASYNC and
 * SYNC_LIGHT differ only in the migrate_mode passed on; only non-LRU
 * movable pages move (mm/migrate.c).
 */
#include <linux/compaction.h>
#include <linux/kernel.h>
#include <linux/migrate.h>
#include <linux/mm.h>
#include "internal.h"

#define COMPACT_CLUSTER_MAX 32 /* pages isolated per round */

struct compact_control {
	struct list_head freepages; /* targets, order-0 pages */
	struct list_head migratepages; /* pages to move */
	unsigned long nr_freepages, nr_migratepages;
	unsigned long free_pfn; /* the free scanner's pageblock */
	unsigned long migrate_pfn; /* where the migrate scanner is */
	struct zone *zone;
	int order; /* the order wanted */
	enum migrate_mode mode;
};

/* Only pageblocks that hold movable pages are worth scanning. */
static bool suitable_pageblock(struct page *page)
{
	int mt = get_pageblock_migratetype(page);

	return mt == MIGRATE_MOVABLE || mt == MIGRATE_CMA;
}

//> ch05 compact_finished
/* Done when the scanners meet, or a block of cc->order is free. */
static enum compact_result compact_finished(struct compact_control *cc)
{
	if (cc->free_pfn <= cc->migrate_pfn)
		return COMPACT_COMPLETE;
	for (int order = cc->order; order < MAX_ORDER; order++)
		for (int mt = 0; mt < MIGRATE_PCPTYPES; mt++)
			if (!list_empty(
				    &cc->zone->free_area[order].free_list[mt]))
				return COMPACT_SUCCESS;
	return COMPACT_CONTINUE;
}
//< ch05 compact_finished

/* Isolate up to COMPACT_CLUSTER_MAX movable pages of [low, high). */
static unsigned long isolate_migratepages_block(struct compact_control *cc,
						unsigned long low,
						unsigned long high)
{
	unsigned long pfn;

	for (pfn = low; pfn < high; pfn++) {
		struct page *page = pfn_to_page(pfn);

		if (cc->nr_migratepages == COMPACT_CLUSTER_MAX)
			break;
		if (PageBuddy(page)) {
			pfn += (1UL << buddy_order(page)) - 1;
			continue;
		}
		if (!page_count(page) || !__PageMovable(page) ||
		    isolate_movable_page(page, 0))
			continue;
		list_add_tail(&page->lru, &cc->migratepages);
		cc->nr_migratepages++;
	}
	return pfn;
}

/* Take the free blocks of one pageblock, as order-0 target pages. */
static void isolate_freepages_block(struct compact_control *cc,
				    unsigned long start)
{
	struct zone *zone = cc->zone;

	for (unsigned long pfn = start; pfn < start + pageblock_nr_pages;) {
		struct page *page = pfn_to_page(pfn);
		unsigned int order;

		if (!PageBuddy(page)) {
			pfn++;
			continue;
		}
		order = buddy_order(page);
		/* SIMPLIFIED: Linux also keeps the zone above its min mark */
		__isolate_free_page(page, order);
		for (unsigned long i = 0; i < (1UL << order); i++)
			list_add_tail(&page[i].lru, &cc->freepages);
		cc->nr_freepages += 1UL << order;
		pfn += 1UL << order;
		(void)zone;
	}
}

/* The free scanner: move down pageblock by pageblock until it has some. */
static void isolate_freepages(struct compact_control *cc)
{
	while (!cc->nr_freepages && cc->free_pfn > cc->migrate_pfn) {
		unsigned long block = cc->free_pfn;

		cc->free_pfn -= pageblock_nr_pages;
		if (block < cc->zone->zone_start_pfn ||
		    !suitable_pageblock(pfn_to_page(block)))
			continue;
		/* never take from the block the migrate scanner works in */
		if (block < ALIGN(cc->migrate_pfn, pageblock_nr_pages))
			break;
		isolate_freepages_block(cc, block);
	}
}

/* new_page_t for migrate_pages(): the next target page. */
static struct page *compaction_alloc(struct page *migratepage,
				     unsigned long data)
{
	struct compact_control *cc = (struct compact_control *)data;
	struct page *page;

	(void)migratepage;
	if (list_empty(&cc->freepages))
		isolate_freepages(cc);
	if (list_empty(&cc->freepages))
		return NULL;
	page = list_first_entry(&cc->freepages, struct page, lru);
	list_del(&page->lru);
	cc->nr_freepages--;
	return page;
}

/* Unused targets go back to the buddy allocator. */
static void release_freepages(struct list_head *freelist)
{
	struct page *page, *next;

	list_for_each_entry_safe(page, next, freelist, lru) {
		list_del(&page->lru);
		__free_page(page);
	}
}

//> ch05 compact_zone
static enum compact_result compact_zone(struct compact_control *cc)
{
	struct zone *zone = cc->zone;
	unsigned long end = zone_end_pfn(zone);
	enum compact_result ret;

	cc->migrate_pfn = zone->zone_start_pfn;
	cc->free_pfn = (end - 1) & ~(pageblock_nr_pages - 1);
	while ((ret = compact_finished(cc)) == COMPACT_CONTINUE) {
		unsigned long block_end = min(
			ALIGN(cc->migrate_pfn + 1, pageblock_nr_pages), end);

		if (suitable_pageblock(pfn_to_page(cc->migrate_pfn)))
			cc->migrate_pfn = isolate_migratepages_block(
				cc, cc->migrate_pfn, block_end);
		else
			cc->migrate_pfn = block_end;
		if (!cc->nr_migratepages)
			continue;
		if (migrate_pages(&cc->migratepages, compaction_alloc,
				  (unsigned long)cc, cc->mode) < 0)
			ret = COMPACT_COMPLETE; /* no targets left */
		cc->nr_migratepages = 0;
		INIT_LIST_HEAD(&cc->migratepages);
		if (ret == COMPACT_COMPLETE)
			break;
	}
	release_freepages(&cc->freepages);
	drain_all_pages(zone);
	return compact_finished(cc) == COMPACT_SUCCESS ? COMPACT_SUCCESS : ret;
}
//< ch05 compact_zone

/**
 * compact_zone_order - compact @zone until a block of @order is free
 * @zone: the zone
 * @order: the order wanted
 * @prio: COMPACT_PRIO_ASYNC migrates without waiting; the SYNC
 *        priorities may wait (here they differ only in the mode)
 *
 * Return: COMPACT_SUCCESS if a free block of @order (or larger) now
 * exists, COMPACT_COMPLETE if the whole zone was scanned without one.
 */
enum compact_result compact_zone_order(struct zone *zone, int order,
				       enum compact_priority prio)
{
	struct compact_control cc = {
		.zone = zone,
		.order = order,
		.mode = prio == COMPACT_PRIO_ASYNC ? MIGRATE_ASYNC
						   : MIGRATE_SYNC_LIGHT,
	};

	INIT_LIST_HEAD(&cc.freepages);
	INIT_LIST_HEAD(&cc.migratepages);
	drain_all_pages(zone);
	return compact_zone(&cc);
}
