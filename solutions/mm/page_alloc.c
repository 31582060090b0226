// SPDX-License-Identifier: GPL-2.0
/*
 * The page allocator: the buddy system (mm/page_alloc.c).
 *
 * Free memory is kept in blocks of 2^order contiguous, naturally aligned
 * page frames, order 0 (4 KiB) to MAX_ORDER - 1 (10: 4 MiB).  Each zone
 * has one free_area per order, and each free_area one list per
 * migratetype.  Only the first page of a free block is on a list; it
 * carries PageBuddy and its order in page->private.
 *
 *  order 2  [####|####|####|####]            one block: 4 frames
 *  order 1  [####|####] [####|####]          its two halves ("buddies")
 *  order 0  [####] [####] [####] [####]
 *
 * Allocation (__rmqueue_smallest) takes the smallest block that is big
 * enough and splits it (expand), putting the unused halves back on the
 * lower lists.  Freeing (__free_one_page) merges a block with its buddy
 * for as long as the buddy is free and of the same order, so that free
 * memory drifts back into large blocks.  A block's buddy is found by
 * arithmetic, never by search (__find_buddy_pfn, mm/internal.h).
 *
 * This file also checks every page that enters or leaves the allocator
 * (free_pages_prepare, check_new_page) and reports a page in the wrong
 * state as Linux does: "BUG: Bad page state".
 */
#include <string.h>
#include <asm-generic/sections.h>
#include <linux/bug.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/migrate.h>
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/swap.h>
#include <linux/vmstat.h>
#include "internal.h"

unsigned long totalram_pages;

/* The task's name in reports; there is one task until chapter 32. */
const char *current_comm = "swapper/0";

const char *const zone_names[MAX_NR_ZONES] = {
	"Normal",
#ifdef CONFIG_HIGHMEM
	"HighMem",
#endif
	"Movable",
};

const char *const migratetype_names[MIGRATE_TYPES] = {
	"Unmovable", "Movable", "Reclaimable", "HighAtomic", "CMA", "Isolate",
};

/* ---- pageblock flags: a migratetype per 2^pageblock_order pages ---- */

#define MIGRATETYPE_MASK 7UL

static unsigned long pageblock_index(const struct zone *zone, unsigned long pfn)
{
	return (pfn - (zone->zone_start_pfn & ~(pageblock_nr_pages - 1))) >>
	       pageblock_order;
}

int get_pfnblock_migratetype(struct page *page, unsigned long pfn)
{
	struct zone *zone = page_zone(page);
	unsigned long bit = pageblock_index(zone, pfn) * NR_PAGEBLOCK_BITS;
	unsigned long word = zone->pageblock_flags[bit / BITS_PER_LONG];

	return (int)((word >> (bit % BITS_PER_LONG)) & MIGRATETYPE_MASK);
}

void set_pageblock_migratetype(struct page *page, int migratetype)
{
	struct zone *zone = page_zone(page);
	unsigned long bit =
		pageblock_index(zone, page_to_pfn(page)) * NR_PAGEBLOCK_BITS;
	unsigned long *word = &zone->pageblock_flags[bit / BITS_PER_LONG];

	VM_BUG_ON(migratetype < 0 || migratetype >= MIGRATE_TYPES);
	*word &= ~(MIGRATETYPE_MASK << (bit % BITS_PER_LONG));
	*word |= (unsigned long)migratetype << (bit % BITS_PER_LONG);
}

/* ---- the free lists ---- */

static inline void __mod_zone_freepage_state(struct zone *zone, long nr,
					     int migratetype)
{
	__mod_zone_page_state(zone, NR_FREE_PAGES, nr);
	if (migratetype == MIGRATE_CMA)
		__mod_zone_page_state(zone, NR_FREE_CMA_PAGES, nr);
}

static inline void add_to_free_list(struct page *page, struct zone *zone,
				    unsigned int order, int migratetype)
{
	struct free_area *area = &zone->free_area[order];

	list_add(&page->lru, &area->free_list[migratetype]);
	area->nr_free++;
}

/* Used when the block is likely to merge soon: keep it for last. */
static inline void add_to_free_list_tail(struct page *page, struct zone *zone,
					 unsigned int order, int migratetype)
{
	struct free_area *area = &zone->free_area[order];

	list_add_tail(&page->lru, &area->free_list[migratetype]);
	area->nr_free++;
}

static inline void del_page_from_free_list(struct page *page, struct zone *zone,
					   unsigned int order)
{
	list_del(&page->lru);
	__ClearPageBuddy(page);
	set_page_private(page, 0);
	zone->free_area[order].nr_free--;
}

/* bad_range - is @page outside @zone?  A debug check, as in Linux. */
static inline bool bad_range(struct zone *zone, struct page *page)
{
	return !zone_spans_pfn(zone, page_to_pfn(page));
}

static inline struct page *get_page_from_free_area(struct free_area *area,
						   int migratetype)
{
	return list_first_entry_or_null(&area->free_list[migratetype],
					struct page, lru);
}

//> ch04 page_is_buddy
/**
 * page_is_buddy - may @page merge with @buddy into an order+1 block?
 * @page: the first page of a free block of order @order
 * @buddy: the first page of the block's buddy
 * @order: the order of both
 *
 * Yes when the buddy is itself a free block (PageBuddy), of the same
 * order (a free buddy of another order is part of a different block),
 * and in the same zone (zones need not be aligned to MAX_ORDER).
 */
bool page_is_buddy(struct page *page, struct page *buddy, unsigned int order)
{
	// BEGIN SOLUTION ch04
	if (!PageBuddy(buddy))
		return false;
	if (buddy_order(buddy) != order)
		return false;
	if (page_zonenum(page) != page_zonenum(buddy))
		return false;
	VM_BUG_ON_PAGE(page_count(buddy) != 0, buddy);
	return true;
	// STUB
	// /* TODO(ch04): three conditions; see chapters/04-buddy.md,
	//    "When may two blocks merge?". */
	// (void)page, (void)buddy, (void)order;
	// return false;
	// END SOLUTION
}
//< ch04 page_is_buddy

/*
 * If the buddy of the next order up is free, this block will likely
 * merge soon: put it at the tail so it is not handed out first.
 */
static bool buddy_merge_likely(unsigned long pfn, unsigned long buddy_pfn,
			       struct page *page, unsigned int order)
{
	unsigned long combined_pfn, higher_buddy_pfn;
	struct page *higher_page;

	/* no merge was tried, or the next order is the last one */
	if (buddy_pfn == pfn || order >= MAX_ORDER - 2)
		return false;
	if (!pfn_valid_within(buddy_pfn))
		return false;
	combined_pfn = buddy_pfn & pfn;
	higher_page = page + (combined_pfn - pfn);
	higher_buddy_pfn = __find_buddy_pfn(combined_pfn, order + 1);
	return pfn_valid_within(higher_buddy_pfn) &&
	       page_is_buddy(higher_page,
			     higher_page + (higher_buddy_pfn - combined_pfn),
			     order + 1);
}

//> ch04 free_one_page
/**
 * __free_one_page - give a block back to the buddy allocator
 * @page: the first page of the block
 * @pfn: its frame number
 * @zone: its zone; the caller holds zone->lock
 * @order: the block's order
 * @migratetype: the free list it goes to
 * @fpi_flags: FPI_TO_TAIL puts the result at the tail of its list
 *
 * Merge the block with its buddy as long as the buddy is free and of
 * the same order, going one order up each time, then put the result on
 * its free list.  Never merges past MAX_ORDER - 1.
 */
void __free_one_page(struct page *page, unsigned long pfn, struct zone *zone,
		     unsigned int order, int migratetype, fpi_t fpi_flags)
{
	unsigned long buddy_pfn = pfn, combined_pfn;
	struct page *buddy;
	bool to_tail;

	VM_BUG_ON(!zone->initialized);
	VM_BUG_ON_PAGE(page->flags & PAGE_FLAGS_CHECK_AT_PREP, page);
	VM_BUG_ON(migratetype < 0 || migratetype >= MIGRATE_TYPES);
	VM_BUG_ON_PAGE(pfn & ((1UL << order) - 1), page);
	VM_BUG_ON_PAGE(bad_range(zone, page), page);

	/* free pages of isolated pageblocks are not counted as free */
	if (migratetype != MIGRATE_ISOLATE)
		__mod_zone_freepage_state(zone, 1 << order, migratetype);
	// BEGIN SOLUTION ch04
	while (order < MAX_ORDER - 1) {
		buddy_pfn = __find_buddy_pfn(pfn, order);
		buddy = page + (buddy_pfn - pfn);
		if (!pfn_valid_within(buddy_pfn))
			break;
		if (!page_is_buddy(page, buddy, order))
			break;
		del_page_from_free_list(buddy, zone, order);
		combined_pfn = buddy_pfn & pfn;
		page = page + (combined_pfn - pfn);
		pfn = combined_pfn;
		order++;
	}
	// STUB
	// /* TODO(ch04): merge with free buddies, one order at a time,
	//    leaving the last buddy looked at in buddy_pfn (the code
	//    after the loop reads it); see chapters/04-buddy.md,
	//    "Freeing: merging buddies". */
	// (void)buddy, (void)combined_pfn;
	// END SOLUTION
	set_buddy_order(page, order);
	if (fpi_flags & FPI_TO_TAIL)
		to_tail = true;
	else
		to_tail = buddy_merge_likely(pfn, buddy_pfn, page, order);
	if (to_tail)
		add_to_free_list_tail(page, zone, order, migratetype);
	else
		add_to_free_list(page, zone, order, migratetype);
}
//< ch04 free_one_page

//> ch04 expand
/**
 * expand - split a block of order @high down to order @low
 * @zone: the zone; the caller holds zone->lock
 * @page: the first page of the block, already off its free list
 * @low: the order the caller wants
 * @high: the order of the block it took
 * @migratetype: the free list for the leftover halves
 *
 * Keep the lower half each time and free the upper half at the next
 * lower order: a block of order 3 split for an order-0 request leaves
 * free blocks of order 2 (at +4), 1 (at +2) and 0 (at +1).
 */
void expand(struct zone *zone, struct page *page, int low, int high,
	    int migratetype)
{
	// BEGIN SOLUTION ch04
	unsigned long size = 1UL << high;

	while (high > low) {
		struct page *half;

		high--;
		size >>= 1;
		half = &page[size]; /* the upper half goes back */
		VM_BUG_ON_PAGE(bad_range(zone, half), half);
		add_to_free_list(half, zone, high, migratetype);
		set_buddy_order(half, high);
	}
	// STUB
	// /* TODO(ch04): free the upper half, order by order; see
	//    chapters/04-buddy.md, "Allocating: splitting blocks". */
	// (void)zone, (void)page, (void)low, (void)high, (void)migratetype;
	// END SOLUTION
}
//< ch04 expand

//> ch04 rmqueue_smallest
/**
 * __rmqueue_smallest - take a free block of @order from @zone
 * @zone: the zone; the caller holds zone->lock
 * @order: the order wanted
 * @migratetype: the free lists to search
 *
 * Return: the first page of the block, or NULL when no list of order
 * @order or above has a block of this migratetype.
 */
struct page *__rmqueue_smallest(struct zone *zone, unsigned int order,
				int migratetype)
{
	// BEGIN SOLUTION ch04
	unsigned int current_order;
	struct free_area *area;
	struct page *page;

	for (current_order = order; current_order < MAX_ORDER;
	     ++current_order) {
		area = &zone->free_area[current_order];
		page = get_page_from_free_area(area, migratetype);
		if (!page)
			continue;
		del_page_from_free_list(page, zone, current_order);
		expand(zone, page, order, current_order, migratetype);
		set_pcppage_migratetype(page, migratetype);
		return page;
	}
	return NULL;
	// STUB
	// /* TODO(ch04): search upwards from @order, split, and record
	//    the migratetype in the page (set_pcppage_migratetype()); see
	//    chapters/04-buddy.md, "Allocating: splitting blocks". */
	// (void)zone, (void)order, (void)migratetype;
	// (void)get_page_from_free_area;
	// return NULL;
	// END SOLUTION
}
//< ch04 rmqueue_smallest

/* ---- chapter 5: migratetypes and fallback ---- */

static inline void move_to_free_list(struct page *page, struct zone *zone,
				     unsigned int order, int migratetype)
{
	struct free_area *area = &zone->free_area[order];

	list_move_tail(&page->lru, &area->free_list[migratetype]);
}

static inline bool free_area_empty(const struct free_area *area,
				   int migratetype)
{
	return list_empty(&area->free_list[migratetype]);
}

//> ch05 fallbacks
/*
 * Where a request looks when its own free lists are empty, in order.
 * CMA and isolated pageblocks are never fallbacks: CMA memory is lent
 * only to movable requests (chapter 8), isolated memory to nobody.
 * As in Linux 5.10 there is no row for MIGRATE_HIGHATOMIC: no request
 * has that type, so its row (all zeroes) is never read.
 */
static const int fallbacks[MIGRATE_TYPES][3] = {
	[MIGRATE_UNMOVABLE] = { MIGRATE_RECLAIMABLE, MIGRATE_MOVABLE,
				MIGRATE_TYPES },
	[MIGRATE_MOVABLE] = { MIGRATE_RECLAIMABLE, MIGRATE_UNMOVABLE,
			      MIGRATE_TYPES },
	[MIGRATE_RECLAIMABLE] = { MIGRATE_UNMOVABLE, MIGRATE_MOVABLE,
				  MIGRATE_TYPES },
	[MIGRATE_CMA] = { MIGRATE_TYPES }, /* never used */
	[MIGRATE_ISOLATE] = { MIGRATE_TYPES }, /* never used */
};
//< ch05 fallbacks

/*
 * May a fallback of this order take the whole pageblock?  Always for a
 * whole pageblock; for half of one or more; and for unmovable and
 * reclaimable requests, which would otherwise scatter unmovable pages
 * over many movable pageblocks.
 */
static bool can_steal_fallback(unsigned int order, int start_mt)
{
	if (order >= pageblock_order)
		return true;
	return order >= pageblock_order / 2 ||
	       start_mt == MIGRATE_RECLAIMABLE || start_mt == MIGRATE_UNMOVABLE;
}

//> ch05 find_suitable_fallback
/**
 * find_suitable_fallback - the first fallback type with a block of @order
 * @area: the free_area of @order
 * @order: the order looked at
 * @migratetype: the type of the request
 * @only_stealable: accept only a type whose pageblock could be stolen
 * @can_steal: out: whether the pageblock may be taken whole
 *
 * Return: the migratetype to take from, or -1 if none fits.
 */
int find_suitable_fallback(struct free_area *area, unsigned int order,
			   int migratetype, bool only_stealable,
			   bool *can_steal)
{
	// BEGIN SOLUTION ch05
	if (area->nr_free == 0)
		return -1;
	*can_steal = false;
	for (int i = 0;; i++) {
		int fallback_mt = fallbacks[migratetype][i];

		if (fallback_mt == MIGRATE_TYPES)
			break;
		if (free_area_empty(area, fallback_mt))
			continue;
		if (can_steal_fallback(order, migratetype))
			*can_steal = true;
		if (!only_stealable || *can_steal)
			return fallback_mt;
	}
	return -1;
	// STUB
	// /* TODO(ch05): walk fallbacks[migratetype]; see
	//    chapters/05-migratetype.md, "Falling back". */
	// (void)area, (void)order, (void)migratetype, (void)only_stealable;
	// (void)fallbacks, (void)can_steal_fallback, (void)free_area_empty;
	// *can_steal = false;
	// return -1;
	// END SOLUTION
}
//< ch05 find_suitable_fallback

/*
 * Move the free blocks of [start, end] to @migratetype's lists; count
 * the in-use pages that could move (on an LRU: none before chapter 40).
 */
static int move_freepages(struct zone *zone, struct page *start,
			  struct page *end, int migratetype, int *num_movable)
{
	int pages_moved = 0;

	for (struct page *page = start; page <= end;) {
		if (!PageBuddy(page)) {
			if (num_movable && PageLRU(page))
				(*num_movable)++;
			page++;
			continue;
		}
		VM_BUG_ON_PAGE(page_zone(page) != zone, page);
		move_to_free_list(page, zone, buddy_order(page), migratetype);
		pages_moved += 1 << buddy_order(page);
		page += 1UL << buddy_order(page);
	}
	return pages_moved;
}

/* move_freepages over the pageblock of @page, if it lies in the zone. */
int move_freepages_block(struct zone *zone, struct page *page, int migratetype,
			 int *num_movable)
{
	unsigned long start_pfn = page_to_pfn(page) & ~(pageblock_nr_pages - 1);
	unsigned long end_pfn = start_pfn + pageblock_nr_pages - 1;

	if (num_movable)
		*num_movable = 0;
	if (!zone_spans_pfn(zone, start_pfn) || !zone_spans_pfn(zone, end_pfn))
		return 0;
	return move_freepages(zone, pfn_to_page(start_pfn),
			      pfn_to_page(end_pfn), migratetype, num_movable);
}

/* A block of pageblock_order or more: every pageblock it covers changes. */
static void change_pageblock_range(struct page *page, int start_order,
				   int migratetype)
{
	int nr_pageblocks = 1 << (start_order - pageblock_order);

	while (nr_pageblocks--) {
		set_pageblock_migratetype(page, migratetype);
		page += pageblock_nr_pages;
	}
}

//> ch05 steal_suitable_fallback
/**
 * steal_suitable_fallback - take a fallback block for @start_type
 * @zone: the zone; the caller holds zone->lock
 * @page: the first page of the free block chosen
 * @start_type: the migratetype of the request
 * @whole_block: find_suitable_fallback() allowed taking the pageblock
 *
 * A whole pageblock or more changes type outright.  Otherwise, if
 * allowed, every free page of the block moves to @start_type's lists,
 * and the pageblock changes type when at least half of it is free or
 * already used alike.  Failing all that, only this block moves.
 */
void steal_suitable_fallback(struct zone *zone, struct page *page,
			     int start_type, bool whole_block)
{
	unsigned int current_order = buddy_order(page);
	int old_block_type = get_pageblock_migratetype(page);
	int free_pages, movable_pages, alike_pages;

	// BEGIN SOLUTION ch05
	if (old_block_type == MIGRATE_HIGHATOMIC)
		goto single_page;
	if (current_order >= pageblock_order) {
		change_pageblock_range(page, current_order, start_type);
		goto single_page;
	}
	if (!whole_block)
		goto single_page;
	free_pages =
		move_freepages_block(zone, page, start_type, &movable_pages);
	if (start_type == MIGRATE_MOVABLE)
		alike_pages = movable_pages;
	else if (old_block_type == MIGRATE_MOVABLE)
		alike_pages = pageblock_nr_pages - (free_pages + movable_pages);
	else
		alike_pages = 0;
	if (!free_pages)
		goto single_page;
	if (free_pages + alike_pages >= (1 << (pageblock_order - 1)))
		set_pageblock_migratetype(page, start_type);
	return;
	// STUB
	// /* TODO(ch05): decide between the block and its pageblock; see
	//    chapters/05-migratetype.md, "Stealing a pageblock". */
	// (void)old_block_type, (void)whole_block, (void)free_pages;
	// (void)movable_pages, (void)alike_pages;
	// (void)change_pageblock_range;
	// goto single_page;
	// END SOLUTION
single_page:
	move_to_free_list(page, zone, current_order, start_type);
}
//< ch05 steal_suitable_fallback

//> ch05 rmqueue_fallback
/*
 * __rmqueue_fallback - move a block from another type's lists to ours
 *
 * Look at the largest blocks first: taking a big block (and maybe its
 * whole pageblock) keeps the types apart.  A movable request that may
 * not take the whole pageblock takes the smallest block instead, which
 * fragments less.  Return: true when a block was moved.
 */
static bool __rmqueue_fallback(struct zone *zone, int order,
			       int start_migratetype)
{
	struct free_area *area;
	int current_order, fallback_mt = -1;
	bool can_steal = false;

	for (current_order = MAX_ORDER - 1; current_order >= order;
	     --current_order) {
		area = &zone->free_area[current_order];
		fallback_mt = find_suitable_fallback(area, current_order,
						     start_migratetype, false,
						     &can_steal);
		if (fallback_mt == -1)
			continue;
		if (!can_steal && start_migratetype == MIGRATE_MOVABLE &&
		    current_order > order)
			goto find_smallest;
		goto do_steal;
	}
	return false;
find_smallest:
	for (current_order = order; current_order < MAX_ORDER;
	     current_order++) {
		area = &zone->free_area[current_order];
		fallback_mt = find_suitable_fallback(area, current_order,
						     start_migratetype, false,
						     &can_steal);
		if (fallback_mt != -1)
			break;
	}
	VM_BUG_ON(current_order == MAX_ORDER);
do_steal:
	steal_suitable_fallback(zone,
				get_page_from_free_area(area, fallback_mt),
				start_migratetype, can_steal);
	return true;
}
//< ch05 rmqueue_fallback

//> ch08 rmqueue_cma
/*
 * __rmqueue - our type's lists first, then CMA for movable requests,
 * then a fallback type, and retry.  Movable requests also take from CMA
 * first while more than half the zone's free memory is CMA, so that CMA
 * areas are used rather than left idle.
 *
 * SIMPLIFIED(v5.10 mm/page_alloc.c: __rmqueue): ALLOC_CMA follows from
 * the migratetype, as current_alloc_flags() grants it to every movable
 * request of an ordinary task.
 */
static struct page *__rmqueue(struct zone *zone, unsigned int order,
			      int migratetype)
{
	bool alloc_cma = migratetype == MIGRATE_MOVABLE;
	struct page *page;

	if (alloc_cma && zone_page_state(zone, NR_FREE_CMA_PAGES) >
				 zone_page_state(zone, NR_FREE_PAGES) / 2) {
		page = __rmqueue_smallest(zone, order, MIGRATE_CMA);
		if (page)
			return page;
	}
	do {
		page = __rmqueue_smallest(zone, order, migratetype);
		if (!page && alloc_cma)
			page = __rmqueue_smallest(zone, order, MIGRATE_CMA);
	} while (!page && __rmqueue_fallback(zone, order, migratetype));
	return page;
}
//< ch08 rmqueue_cma

/* ---- checking pages in and out ---- */

static const char *page_bad_reason(struct page *page, unsigned long flags)
{
	const char *bad_reason = NULL;

	if (unlikely(page->_mapcount != -1))
		bad_reason = "nonzero mapcount";
	if (unlikely(page->mapping != NULL))
		bad_reason = "non-NULL mapping";
	if (unlikely(page_ref_count(page) != 0))
		bad_reason = "nonzero _refcount";
	if (unlikely(page->flags & flags))
		bad_reason = flags == PAGE_FLAGS_CHECK_AT_PREP
				     ? "PAGE_FLAGS_CHECK_AT_PREP flag(s) set"
				     : "PAGE_FLAGS_CHECK_AT_FREE flag(s) set";
	return bad_reason;
}

/*
 * bad_page - report a page found in a state it must not be in
 *
 * Linux prints, dumps the page, taints the kernel and goes on without
 * the page: it is leaked rather than handed out in a broken state.
 */
static void bad_page(struct page *page, const char *reason)
{
	pr_alert("BUG: Bad page state in process %s  pfn:%05lx\n", current_comm,
		 page_to_pfn(page));
	dump_page(page, reason);
	bug_counts.warnings++;
	/* Leave the other fields for debugging; PageBuddy would mislead. */
	page_mapcount_reset(page);
}

/* One combined test first; the reason is worked out only on failure. */
static inline bool page_expected_state(struct page *page,
				       unsigned long check_flags)
{
	if (unlikely(page->_mapcount != -1))
		return false;
	if (unlikely((unsigned long)page->mapping |
		     (unsigned long)page_ref_count(page) |
		     (page->flags & check_flags)))
		return false;
	return true;
}

static bool check_page(struct page *page, unsigned long flags)
{
	if (likely(page_expected_state(page, flags)))
		return false;
	bad_page(page, page_bad_reason(page, flags));
	return true;
}

/*
 * __free_pages_prepare - ready a block about to be freed, checking every
 * page of it when @check_free
 * Return: true if the block may be freed.
 */
static bool __free_pages_prepare(struct page *page, unsigned int order,
				 bool check_free)
{
	int bad = 0;

	/* A movable page's owner let go: the mapping keeps only the flag. */
	if ((unsigned long)page->mapping == 0x2 /* PAGE_MAPPING_MOVABLE */)
		page->mapping = NULL;
	/* A compound page: its tails point to the head; they stop now. */
	if (order && PageHead(page)) {
		VM_BUG_ON(compound_order(page) != order);
		for (unsigned long i = 1; i < (1UL << order); i++)
			clear_compound_head(page + i);
	}
	if (check_free)
		for (unsigned long i = 0; i < (1UL << order); i++)
			bad += check_page(page + i, PAGE_FLAGS_CHECK_AT_FREE);
	if (bad)
		return false;
	for (unsigned long i = 0; i < (1UL << order); i++)
		page[i].flags &= ~PAGE_FLAGS_CHECK_AT_PREP;
	kernel_poison_pages(page, 1 << order, 0);
	return true;
}

/* free_pages_prepare - check every page of a block about to be freed */
bool free_pages_prepare(struct page *page, unsigned int order)
{
	return __free_pages_prepare(page, order, true);
}

/*
 * Where the per-CPU lists check their pages (v5.10 mm/page_alloc.c).
 * With CONFIG_DEBUG_VM (the course's teaching build) every order-0 page
 * is checked as it is freed to a list and as it is allocated from one.
 * Without it (the build a distribution ships) those two checks go, and
 * a page is checked when a batch moves it from the buddy onto a list
 * (check_pcp_refill): the fast path is a list operation and nothing
 * more.  SIMPLIFIED: 5.10 also checks each page a drain moves back to
 * the buddy (bulkfree_pcp_prepare); we leave that out, so a page
 * spoiled on a list is reported when it leaves the buddy again.
 */
#ifdef CONFIG_DEBUG_VM
static bool free_pcp_prepare(struct page *page)
{
	return __free_pages_prepare(page, 0, true);
}

static bool check_pcp_refill(struct page *page)
{
	(void)page;
	return false;
}
#else
static bool free_pcp_prepare(struct page *page)
{
	return __free_pages_prepare(page, 0, false);
}

static bool check_pcp_refill(struct page *page)
{
	return check_page(page, PAGE_FLAGS_CHECK_AT_PREP);
}
#endif

/**
 * prep_compound_page - make a block of 2^@order pages one compound page
 * @page: its first page, PG_head from now on
 * @order: the block's order (at least 1)
 *
 * Every tail points to the head (compound_head, bit 0 set) and the first
 * tail records the order, so that a pointer anywhere inside the block
 * finds the block (virt_to_head_page) and its size (compound_order):
 * what kfree() needs for a large kmalloc and SLUB for a multi-page slab.
 * Linux calls it from prep_new_page() when the request has __GFP_COMP.
 * SIMPLIFIED(v5.10 mm/page_alloc.c: prep_compound_page): no compound
 * destructor, compound_mapcount or TAIL_MAPPING (no mapped compound
 * pages before chapter 37).
 */
void prep_compound_page(struct page *page, unsigned int order)
{
	unsigned long nr_pages = 1UL << order;

	__SetPageHead(page);
	for (unsigned long i = 1; i < nr_pages; i++)
		set_compound_head(page + i, page);
	page[1].compound_dtor = 0;
	page[1].compound_order = order;
}

/* post_alloc - a block leaves the allocator: one reference */
static void post_alloc(struct page *page, unsigned int order)
{
	set_page_private(page, 0);
	set_page_count(page, 1);
	/* post_alloc_hook(): was the page left alone while it was free? */
	kernel_poison_pages(page, 1 << order, 1);
}

/* prep_new_page - a block leaves the allocator: check it, count one ref */
void prep_new_page(struct page *page, unsigned int order)
{
	for (unsigned long i = 0; i < (1UL << order); i++)
		check_page(page + i, PAGE_FLAGS_CHECK_AT_PREP);
	post_alloc(page, order);
}

/* ---- freeing ---- */

void free_unref_page(struct page *page);

static void free_one_page(struct zone *zone, struct page *page,
			  unsigned long pfn, unsigned int order,
			  int migratetype, fpi_t fpi_flags)
{
	/* spin_lock(&zone->lock): one CPU at a time here (see mmzone.h) */
	__free_one_page(page, pfn, zone, order, migratetype, fpi_flags);
}

/* A block of any order straight to the buddy, past the per-CPU lists. */
static void __free_pages_ok(struct page *page, unsigned int order,
			    fpi_t fpi_flags)
{
	unsigned long pfn = page_to_pfn(page);

	if (!free_pages_prepare(page, order))
		return;
	free_one_page(page_zone(page), page, pfn, order,
		      get_pfnblock_migratetype(page, pfn), fpi_flags);
}

/**
 * __free_pages - drop a reference to a block; free it on the last one
 * @page: the first page of a block from the page allocator
 * @order: the order it was allocated with
 */
void __free_pages(struct page *page, unsigned int order)
{
	if (!put_page_testzero(page))
		return;
	if (order == 0)
		free_unref_page(page); /* to this CPU's list (chapter 6) */
	else
		__free_pages_ok(page, order, FPI_NONE);
}

/* free_pages - the same, by the block's kernel virtual address */
void free_pages(unsigned long addr, unsigned int order)
{
	if (addr != 0) {
		VM_BUG_ON(!IS_ALIGNED(addr, PAGE_SIZE));
		__free_pages(virt_to_page((void *)addr), order);
	}
}

//> ch04 free_pages_core
/**
 * __free_pages_core - hand a block of boot memory to the allocator
 * @page: first page; its pages are PG_reserved from memmap init
 * @order: the block's order
 *
 * Called once per block of lowmem at boot (mem_init()); it is what
 * turns RAM into managed pages.  The block bypasses the per-CPU lists
 * and goes to the tail of its free list (FPI_TO_TAIL), so that boot
 * memory, freed in ascending order, is handed out lowest frame first.
 */
void __free_pages_core(struct page *page, unsigned int order)
{
	unsigned long nr_pages = 1UL << order;

	for (unsigned long i = 0; i < nr_pages; i++) {
		__ClearPageReserved(page + i);
		set_page_count(page + i, 0);
	}
	page_zone(page)->managed_pages += nr_pages;
	__free_pages_ok(page, order, FPI_TO_TAIL);
}
//< ch04 free_pages_core

//> ch10 reserve_bootmem
/**
 * memblock_free_pages - a block of boot memory, from memblock, to the buddy
 * @page: its first page
 * @pfn: its first frame
 * @order: its order
 *
 * memblock_free_all() calls this for every block it cuts from a free
 * range (Linux skips the frames whose struct pages are initialised
 * later, with DEFERRED_STRUCT_PAGE_INIT; we have none).
 */
void memblock_free_pages(struct page *page, unsigned long pfn,
			 unsigned int order)
{
	(void)pfn;
	__free_pages_core(page, order);
}

/**
 * reserve_bootmem_region - mark the struct pages of a reserved range
 * @start: its first byte
 * @end: one past its last byte
 *
 * Every frame the range touches that pfn_valid() knows is made
 * PG_reserved: the allocator will never see it, and whoever looks at it
 * (a dump, /proc/kpageflags) sees why.
 */
void reserve_bootmem_region(phys_addr_t start, phys_addr_t end)
{
	unsigned long start_pfn = PFN_DOWN(start);
	unsigned long end_pfn = PFN_UP(end);

	for (; start_pfn < end_pfn; start_pfn++) {
		if (pfn_valid(start_pfn)) {
			struct page *page = pfn_to_page(start_pfn);

			/* Avoid false-positive PageTail() */
			INIT_LIST_HEAD(&page->lru);
			__SetPageReserved(page);
		}
	}
}
//< ch10 reserve_bootmem

/* The frames of RAM: present pages of every zone (get_num_physpages). */
static unsigned long get_num_physpages(void)
{
	return NODE_DATA(0)->node_present_pages;
}

/* Free pages in every zone (nr_free_pages() of include/linux/swap.h). */
static unsigned long nr_free_pages(void)
{
	unsigned long pages = 0;
	struct zone *zone;

	for_each_zone(zone) pages += zone_page_state(zone, NR_FREE_PAGES);
	return pages;
}

//> ch10 print_info
/**
 * mem_init_print_info - the boot log's summary of memory
 * @str: appended after the figures, or NULL
 *
 * "Memory: 233216K/262144K available (...)": free now / RAM, then the
 * kernel's sections, and what is neither free nor the kernel's: the
 * reserved memory (RAM less the pages the allocator manages, less the
 * CMA areas, which it manages too but lends only to movable pages).
 *
 * "init" is the init sections (chapter 11), code and data.
 *
 * SIMPLIFIED(v5.10 mm/page_alloc.c: mem_init_print_info): of Linux's
 * adj_init_size() corrections only the one our scripts need: the init
 * text lies inside [__init_begin, __init_end), so it is not counted
 * twice.
 */
void mem_init_print_info(const char *str)
{
	unsigned long physpages, codesize, datasize, rosize, bss_size;
	unsigned long init_code_size, init_data_size;

	physpages = get_num_physpages();
	codesize = _etext - _stext;
	datasize = _edata - _sdata;
	rosize = __end_rodata - __start_rodata;
	bss_size = __bss_stop - __bss_start;
	init_data_size = __init_end - __init_begin;
	init_code_size = _einittext - _sinittext;
	if ((unsigned long)_sinittext - (unsigned long)__init_begin <
		    (unsigned long)init_data_size &&
	    init_data_size > init_code_size)
		init_data_size -= init_code_size;

	pr_info("Memory: %luK/%luK available (%luK kernel code, %luK rwdata, "
		"%luK rodata, %luK init, %luK bss, %luK reserved, "
		"%luK cma-reserved"
#ifdef CONFIG_HIGHMEM
		", %luK highmem"
#endif
		"%s%s)\n",
		nr_free_pages() << (PAGE_SHIFT - 10),
		physpages << (PAGE_SHIFT - 10), codesize >> 10, datasize >> 10,
		rosize >> 10, (init_data_size + init_code_size) >> 10,
		bss_size >> 10,
		(physpages - totalram_pages - totalcma_pages)
			<< (PAGE_SHIFT - 10),
		totalcma_pages << (PAGE_SHIFT - 10),
#ifdef CONFIG_HIGHMEM
		totalhigh_pages() << (PAGE_SHIFT - 10),
#endif
		str ? ", " : "", str ? str : "");
}
//< ch10 print_info

/**
 * free_highmem_page - hand one page of highmem to the allocator at boot
 * @page: a PG_reserved page of ZONE_HIGHMEM
 *
 * ARM's mem_init() frees highmem one page at a time, through the same
 * door as any freed page: __free_page(), the per-CPU lists and, while
 * the boot pagesets (high 0) are in place, straight on to the buddy.
 */
#ifdef CONFIG_HIGHMEM
void free_highmem_page(struct page *page)
{
	__free_reserved_page(page);
	totalram_pages++;
	page_zone(page)->managed_pages++;
	totalhigh_pages_inc();
}
#endif

//> ch11 adjust_managed_page_count
/**
 * adjust_managed_page_count - a page joins (+1) or leaves (-1) the pages
 * the allocator manages
 * @page: the page, for its zone
 * @count: pages gained, or lost when negative
 *
 * Both counts move together: the zone's managed_pages (watermarks,
 * /proc/zoneinfo "managed") and totalram_pages (MemTotal).
 */
void adjust_managed_page_count(struct page *page, long count)
{
	// BEGIN SOLUTION ch11
	page_zone(page)->managed_pages += count;
	totalram_pages += count;
	// STUB
	// /* TODO(ch11): the zone's managed pages and totalram_pages
	//    both move by count; see chapters/11-free-initmem.md,
	//    "Managed pages". */
	// (void)page, (void)count;
	// END SOLUTION
#ifdef CONFIG_HIGHMEM
	if (PageHighMem(page))
		totalhigh_pages_add(count);
#endif
}
//< ch11 adjust_managed_page_count

//> ch11 free_reserved_area
/**
 * free_reserved_area - give a range of reserved pages to the allocator
 * @start: first byte, a lowmem (linear map) address
 * @end: the byte after the last
 * @poison: a byte to fill each page with first, or above 0xff for none
 * @s: what the range was, for the log line; NULL for no line
 *
 * Only whole pages inside [@start, @end) are freed: @start is rounded
 * up to a page, @end down, because a partial page may share its frame
 * with something still in use.  Each page leaves PG_reserved, gets one
 * reference and is freed (free_reserved_page()), then counts as
 * managed.  Prints "Freeing @s memory: NK" when pages were freed.
 * Return: the number of pages freed.
 */
unsigned long free_reserved_area(void *start, void *end, int poison,
				 const char *s)
{
	unsigned long pages = 0;
	// BEGIN SOLUTION ch11
	char *pos;

	start = (void *)PAGE_ALIGN((unsigned long)start);
	end = (void *)((unsigned long)end & PAGE_MASK);
	for (pos = start; pos < (char *)end; pos += PAGE_SIZE, pages++) {
		struct page *page = virt_to_page(pos);
		void *direct_map_addr = page_address(page);

		if ((unsigned int)poison <= 0xFF)
			memset(direct_map_addr, poison, PAGE_SIZE);
		free_reserved_page(page);
	}
	// STUB
	// /* TODO(ch11): round start up and end down to pages; poison
	//    and free_reserved_page() each page between, counting them;
	//    see chapters/11-free-initmem.md, "free_reserved_area". */
	// (void)start, (void)end, (void)poison;
	// END SOLUTION
	if (pages && s)
		pr_info("Freeing %s memory: %ldK\n", s,
			pages << (PAGE_SHIFT - 10));
	return pages;
}
//< ch11 free_reserved_area

//> ch12 init_cma_reserved_pageblock
/**
 * init_cma_reserved_pageblock - one pageblock of a CMA area to the buddy
 * @page: the pageblock's first page; all its pages are PG_reserved
 *
 * Every page leaves PG_reserved with no reference; the pageblock
 * becomes MIGRATE_CMA before it is freed, so that it lands on the CMA
 * free lists as one block of pageblock_order; then its pages count as
 * managed.
 */
void __init init_cma_reserved_pageblock(struct page *page)
{
	// BEGIN SOLUTION ch12
	unsigned int i = pageblock_nr_pages;
	struct page *p = page;

	do {
		__ClearPageReserved(p);
		set_page_count(p, 0);
	} while (++p, --i);
	set_pageblock_migratetype(page, MIGRATE_CMA);
	set_page_refcounted(page);
	__free_pages(page, pageblock_order);
	adjust_managed_page_count(page, pageblock_nr_pages);
	// STUB
	// /* TODO(ch12): clear PG_reserved and the count of every page,
	//    make the block MIGRATE_CMA, free it whole, count it managed;
	//    see chapters/12-cma-boot.md, "init_cma_reserved_pageblock". */
	// (void)page;
	// END SOLUTION
}
//< ch12 init_cma_reserved_pageblock

/* ---- allocating, for this chapter's callers (ch07 adds gfp flags) ---- */

//> ch04 rmqueue
/**
 * rmqueue_buddy - take a block from a zone's buddy lists
 * @zone: the zone
 * @order: the order
 * @migratetype: the free lists to use (falling back as chapter 5 says)
 *
 * Return: the block with one reference, or NULL when the zone has none
 * of that order or larger.
 */
struct page *rmqueue_buddy(struct zone *zone, unsigned int order,
			   int migratetype)
{
	struct page *page;

	/* spin_lock(&zone->lock) */
	page = __rmqueue(zone, order, migratetype);
	if (!page)
		return NULL;
	/* count against the list the block really came from (CMA?) */
	__mod_zone_freepage_state(zone, -(1L << order),
				  get_pcppage_migratetype(page));
	prep_new_page(page, order);
	return page;
}
//< ch04 rmqueue

/* ---- chapter 6: the per-CPU page lists ---- */

int __smp_processor_id;

/* Boot pagesets: high 0, batch 1, so every page goes straight through. */
static void pageset_update(struct per_cpu_pages *pcp, int high, int batch)
{
	pcp->high = high;
	pcp->batch = batch;
}

static void pageset_init(struct per_cpu_pageset *p)
{
	memset(p, 0, sizeof(*p));
	for (int mt = 0; mt < MIGRATE_PCPTYPES; mt++)
		INIT_LIST_HEAD(&p->pcp.lists[mt]);
	pageset_update(&p->pcp, 0, 1);
}

/* Called by free_area_init_core(): every CPU gets a boot pageset. */
void zone_pcp_init(struct zone *zone)
{
	int cpu;

	for_each_possible_cpu(cpu) pageset_init(&zone->pageset[cpu]);
	if (populated_zone(zone))
		printk(KERN_DEBUG "  %s zone: %lu pages, LIFO batch:%u\n",
		       zone->name, zone->present_pages, zone_batchsize(zone));
}

//> ch06 zone_batchsize
/**
 * zone_batchsize - how many pages a CPU moves to or from the buddy at once
 * @zone: the zone
 *
 * About a thousandth of the zone, at most 1 MiB worth, divided by 4,
 * then (x + x/2) rounded down to 2^n - 1: 256 MiB gives 61/4 = 15 ->
 * 22 -> 15; the 768 MiB Normal zone of 1 GiB gives 188/4 = 47 -> 70 -> 63.
 * A 2^n - 1 batch avoids the cache aliasing of power-of-two batches.
 */
int zone_batchsize(struct zone *zone)
{
	// BEGIN SOLUTION ch06
	int batch = (int)(zone_managed_pages(zone) / 1024);

	if (batch * PAGE_SIZE > 1024 * 1024)
		batch = (1024 * 1024) / PAGE_SIZE;
	batch /= 4;
	if (batch < 1)
		batch = 1;
	batch = (1 << (31 - __builtin_clz(batch + batch / 2))) - 1;
	return batch;
	// STUB
	// /* TODO(ch06): see chapters/06-percpu-pages.md, "Sizing the
	//    batch". */
	// (void)zone;
	// return 1;
	// END SOLUTION
}
//< ch06 zone_batchsize

/* setup_per_cpu_pageset - real batch and high (6 x batch) for every CPU */
void setup_per_cpu_pageset(void)
{
	struct zone *zone;
	int cpu;

	for_each_populated_zone(zone)
	{
		int batch = zone_batchsize(zone);

		for_each_possible_cpu(cpu) pageset_update(
			&zone->pageset[cpu].pcp, 6 * batch, max(1, batch));
	}
}

/* rmqueue_bulk - @count order-@order blocks from the buddy onto @list */
static int rmqueue_bulk(struct zone *zone, unsigned int order, int count,
			struct list_head *list, int migratetype)
{
	int i, alloced = 0;

	/* spin_lock(&zone->lock) */
	for (i = 0; i < count; ++i) {
		struct page *page = __rmqueue(zone, order, migratetype);

		if (!page)
			break;
		if (unlikely(check_pcp_refill(page)))
			continue; /* reported; the bad page is left out */
		list_add_tail(&page->lru, list);
		alloced++;
		if (get_pcppage_migratetype(page) == MIGRATE_CMA)
			__mod_zone_page_state(zone, NR_FREE_CMA_PAGES,
					      -(1L << order));
	}
	__mod_zone_page_state(zone, NR_FREE_PAGES, -((long)i << order));
	return alloced;
}

//> ch06 rmqueue_pcplist
/**
 * __rmqueue_pcplist - one page from a CPU's list, refilled if empty
 * @zone: the zone
 * @migratetype: which of the CPU's lists
 * @pcp: the CPU's per_cpu_pages
 * @list: &pcp->lists[migratetype]
 *
 * Return: a page (not yet prepared), or NULL if the buddy is empty too.
 */
static struct page *__rmqueue_pcplist(struct zone *zone, int migratetype,
				      struct per_cpu_pages *pcp,
				      struct list_head *list)
{
	// BEGIN SOLUTION ch06
	struct page *page;

	if (list_empty(list)) {
		pcp->count +=
			rmqueue_bulk(zone, 0, pcp->batch, list, migratetype);
		if (list_empty(list))
			return NULL;
	}
	page = list_first_entry(list, struct page, lru);
	list_del(&page->lru);
	pcp->count--;
	return page;
	// STUB
	// /* TODO(ch06): refill an empty list with a batch, then take its
	//    first page; see chapters/06-percpu-pages.md, "Allocating". */
	// struct page *page = __rmqueue(zone, 0, migratetype);
	//
	// (void)pcp, (void)list, (void)rmqueue_bulk;
	// if (page)
	//	__mod_zone_freepage_state(zone, -1,
	//				  get_pcppage_migratetype(page));
	// return page;
	// END SOLUTION
}

/* rmqueue_pcplist - an order-0 page from the current CPU's list */
static struct page *rmqueue_pcplist(struct zone *zone, int migratetype)
{
	struct per_cpu_pages *pcp = &zone->pageset[smp_processor_id()].pcp;
	struct page *page;

	/* local_irq_save(): the list is this CPU's alone */
	page = __rmqueue_pcplist(zone, migratetype, pcp,
				 &pcp->lists[migratetype]);
#ifdef CONFIG_DEBUG_VM
	if (page)
		prep_new_page(page, 0);
#else
	if (page)
		post_alloc(page, 0); /* checked when its batch came */
#endif
	return page;
}
//< ch06 rmqueue_pcplist

/**
 * rmqueue - take a block for an allocation: order 0 from the CPU's
 * list, larger orders from the buddy (chapter 7 calls this)
 *
 * SIMPLIFIED(v5.10 mm/page_alloc.c: rmqueue): the block comes back
 * prepared (prep_new_page() has run: checked, one reference), because
 * chapters 4 to 6 use rmqueue() as the allocation itself.  Linux's
 * get_page_from_freelist() calls prep_new_page() after rmqueue(); ours
 * must not do it a second time.
 * Return: the block, or NULL.
 */
struct page *rmqueue(struct zone *zone, unsigned int order, int migratetype)
{
	if (order == 0)
		return rmqueue_pcplist(zone, migratetype);
	return rmqueue_buddy(zone, order, migratetype);
}

//> ch06 free_pcppages_bulk
/**
 * free_pcppages_bulk - give @count pages of a CPU's lists to the buddy
 * @zone: the zone
 * @count: how many; at most pcp->count
 * @pcp: the CPU's lists
 *
 * Pages are taken from the tails (the coldest) of the lists in turn;
 * an empty list raises the share of the next one, so full lists empty
 * faster than spinning round empty ones.
 */
void free_pcppages_bulk(struct zone *zone, int count, struct per_cpu_pages *pcp)
{
	// BEGIN SOLUTION ch06
	int migratetype = 0, batch_free = 0;

	count = min(pcp->count, count);
	while (count) {
		struct list_head *list;

		do {
			batch_free++;
			if (++migratetype == MIGRATE_PCPTYPES)
				migratetype = 0;
			list = &pcp->lists[migratetype];
		} while (list_empty(list));
		/* The only non-empty list: free from it alone. */
		if (batch_free == MIGRATE_PCPTYPES)
			batch_free = count;
		do {
			struct page *page =
				list_last_entry(list, struct page, lru);

			int mt = get_pcppage_migratetype(page);

			list_del(&page->lru);
			pcp->count--;
			/* its pageblock may have been isolated meanwhile */
			if (zone->nr_isolate_pageblock)
				mt = get_pageblock_migratetype(page);
			__free_one_page(page, page_to_pfn(page), zone, 0, mt,
					FPI_NONE);
		} while (--count && --batch_free && !list_empty(list));
	}
	// STUB
	// /* TODO(ch06): round-robin over the lists, coldest page first;
	//    see chapters/06-percpu-pages.md, "Draining". */
	// (void)zone, (void)count, (void)pcp;
	// END SOLUTION
}
//< ch06 free_pcppages_bulk

//> ch06 free_unref_page
/* free_unref_page_commit - onto the CPU's list; drain a batch at high */
static void free_unref_page_commit(struct page *page, unsigned long pfn)
{
	struct zone *zone = page_zone(page);
	int migratetype = get_pcppage_migratetype(page);
	struct per_cpu_pages *pcp;

	/* Isolated pages never enter a list; CMA and HIGHATOMIC ride on the
	 * movable list but remember their own type for the buddy. */
	if (migratetype >= MIGRATE_PCPTYPES) {
		if (migratetype == MIGRATE_ISOLATE) {
			free_one_page(zone, page, pfn, 0, migratetype,
				      FPI_NONE);
			return;
		}
		migratetype = MIGRATE_MOVABLE;
	}
	pcp = &zone->pageset[smp_processor_id()].pcp;
	// BEGIN SOLUTION ch06
	list_add(&page->lru, &pcp->lists[migratetype]);
	pcp->count++;
	if (pcp->count >= pcp->high)
		free_pcppages_bulk(zone, READ_ONCE(pcp->batch), pcp);
	// STUB
	// /* TODO(ch06): add the page (hot: at the head), drain a batch
	//    when the list reaches high; see chapters/06-percpu-pages.md,
	//    "Freeing". */
	// (void)pcp;
	// free_one_page(zone, page, pfn, 0, get_pcppage_migratetype(page),
	//	      FPI_NONE);
	// END SOLUTION
}

/* free_unref_page - free an order-0 page to the current CPU's list */
void free_unref_page(struct page *page)
{
	unsigned long pfn = page_to_pfn(page);

	if (!free_pcp_prepare(page))
		return;
	set_pcppage_migratetype(page, get_pfnblock_migratetype(page, pfn));
	free_unref_page_commit(page, pfn);
}
//< ch06 free_unref_page

/* drain_pages_zone - empty one CPU's lists of one zone */
void drain_pages_zone(int cpu, struct zone *zone)
{
	struct per_cpu_pages *pcp = &zone->pageset[cpu].pcp;

	if (pcp->count)
		free_pcppages_bulk(zone, pcp->count, pcp);
}

/* drain_all_pages - every CPU's lists of @zone (all zones if NULL) */
void drain_all_pages(struct zone *zone)
{
	struct zone *z;
	int cpu;

	for_each_possible_cpu(cpu)
		for_each_populated_zone(z) if (!zone || zone == z)
			drain_pages_zone(cpu, z);
}

/* ---- chapter 7: the allocation interface ---- */

int min_free_kbytes = 1024;
unsigned long totalreserve_pages;
static const int watermark_scale_factor = 10;
/* 1/ratio of the zones above is kept from lower zones (zoneinfo's
 * "protection"); HighMem and Movable keep nothing from others. */
static const int sysctl_lowmem_reserve_ratio[MAX_NR_ZONES] = {
	[ZONE_NORMAL] = 32,
#ifdef CONFIG_HIGHMEM
	[ZONE_HIGHMEM] = 0,
#endif
	[ZONE_MOVABLE] = 0,
};

//> ch07 gfp_zone
enum zone_type gfp_zone(gfp_t flags)
{
	// BEGIN SOLUTION ch07
	int bit = (int)(flags & GFP_ZONEMASK);
	enum zone_type z = (GFP_ZONE_TABLE >> (bit * GFP_ZONES_SHIFT)) &
			   ((1 << GFP_ZONES_SHIFT) - 1);

	VM_BUG_ON((GFP_ZONE_BAD >> bit) & 1);
	return z;
	// STUB
	// /* TODO(ch07): look the zone modifiers up in GFP_ZONE_TABLE; see
	//    chapters/07-alloc-pages.md, "Which zone?". */
	// (void)flags;
	// return ZONE_MOVABLE;
	// END SOLUTION
}
//< ch07 gfp_zone

/*
 * nr_free_zone_pages - managed pages above the high watermark in the
 * zones a request whose highest zone is @offset may use
 */
static unsigned long nr_free_zone_pages(int offset)
{
	struct zoneref *z = NODE_DATA(0)->node_zonelists[0]._zonerefs;
	unsigned long sum = 0;

	for (; z->zone; z++) {
		unsigned long size = zone_managed_pages(z->zone);
		unsigned long high = high_wmark_pages(z->zone);

		if (z->zone_idx <= offset && size > high)
			sum += size - high;
	}
	return sum;
}

/*
 * build_all_zonelists - the node's zonelist: the zones with managed
 * pages, from the highest down
 *
 * It runs before mem_init(), so "managed" is still free_area_init()'s
 * estimate, and so is the total it prints, as in Linux.
 */
void build_all_zonelists(void)
{
	pg_data_t *pgdat = NODE_DATA(0);
	struct zoneref *zr = pgdat->node_zonelists[0]._zonerefs;

	for (int t = MAX_NR_ZONES - 1; t >= 0; t--) {
		struct zone *zone = &pgdat->node_zones[t];

		if (zone_managed_pages(zone)) {
			zr->zone = zone;
			zr->zone_idx = t;
			zr++;
		}
	}
	zr->zone = NULL;
	zr->zone_idx = 0;
	pr_info("Built 1 zonelists, mobility grouping on.  Total pages: %lu\n",
		nr_free_zone_pages(gfp_zone(GFP_HIGHUSER_MOVABLE)));
}

/* Reserved pages: the high watermark plus the largest lowmem reserve. */
static void calculate_totalreserve_pages(void)
{
	struct zone *zone;

	totalreserve_pages = 0;
	for_each_zone(zone)
	{
		long max = 0;

		for (int j = zone_idx(zone); j < MAX_NR_ZONES; j++)
			max = max(max, zone->lowmem_reserve[j]);
		max += high_wmark_pages(zone);
		if (max > (long)zone_managed_pages(zone))
			max = zone_managed_pages(zone);
		totalreserve_pages += max;
	}
}

//> ch07 lowmem_reserve
/*
 * setup_per_zone_lowmem_reserve - what each zone keeps back from
 * requests that could have used a higher zone (zoneinfo's protection)
 *
 * For each zone j, walk down the zones below it, adding up managed
 * pages from j down: lower_zone->lowmem_reserve[j] is that sum over
 * the lower zone's ratio.  This is v5.10's loop: a zone whose ratio is
 * 0 (HighMem) is skipped without adding its pages, so on vexpress-1g
 * Normal keeps 2048 pages back from HighMem requests and none from
 * Movable ones: protection (0, 2048, 0).  Linux 5.11 rewrote the loop
 * to add up every zone above; it gives (0, 2048, 2048).
 */
static void setup_per_zone_lowmem_reserve(void)
{
	pg_data_t *pgdat = NODE_DATA(0);

	for (int j = 0; j < MAX_NR_ZONES; j++) {
		struct zone *zone = pgdat->node_zones + j;
		unsigned long managed_pages = zone_managed_pages(zone);

		zone->lowmem_reserve[j] = 0;
		for (int idx = j - 1; idx >= 0; idx--) {
			struct zone *lower_zone = pgdat->node_zones + idx;
			int ratio = sysctl_lowmem_reserve_ratio[idx];

			if (!ratio || !zone_managed_pages(lower_zone)) {
				lower_zone->lowmem_reserve[j] = 0;
				continue;
			}
			lower_zone->lowmem_reserve[j] =
				(long)(managed_pages / ratio);
			managed_pages += zone_managed_pages(lower_zone);
		}
	}
	calculate_totalreserve_pages();
}
//< ch07 lowmem_reserve

//> ch07 setup_per_zone_wmarks
/*
 * The watermarks of every zone.  min_free_kbytes is shared out among
 * the lowmem zones by size (HighMem gets a small fixed min); low and
 * high sit a quarter of min (or 0.1% of the zone) above min, and twice.
 */
static void __setup_per_zone_wmarks(void)
{
	unsigned long pages_min = min_free_kbytes >> (PAGE_SHIFT - 10);
	unsigned long lowmem_pages = 0;
	struct zone *zone;

	// BEGIN SOLUTION ch07
	for_each_zone(zone) if (!is_highmem(zone)) lowmem_pages +=
		zone_managed_pages(zone);
	for_each_zone(zone)
	{
		u64 tmp = (u64)pages_min * zone_managed_pages(zone) /
			  max(lowmem_pages, 1UL);
		u64 scaled = (u64)zone_managed_pages(zone) *
			     watermark_scale_factor / 10000;

		if (is_highmem(zone)) {
			unsigned long min_pages =
				zone_managed_pages(zone) / 1024;

			zone->_watermark[WMARK_MIN] =
				clamp(min_pages, SWAP_CLUSTER_MAX, 128UL);
		} else {
			zone->_watermark[WMARK_MIN] = (unsigned long)tmp;
		}
		tmp = max(tmp >> 2, scaled);
		zone->_watermark[WMARK_LOW] = min_wmark_pages(zone) + tmp;
		zone->_watermark[WMARK_HIGH] = min_wmark_pages(zone) + tmp * 2;
	}
	// STUB
	// /* TODO(ch07): share pages_min out; see chapters/07-alloc-pages.md,
	//    "Watermarks". */
	// (void)pages_min, (void)lowmem_pages, (void)zone;
	// (void)watermark_scale_factor;
	// END SOLUTION
	calculate_totalreserve_pages();
}
//< ch07 setup_per_zone_wmarks

static unsigned long int_sqrt(unsigned long x)
{
	unsigned long r = 0;

	while ((r + 1) * (r + 1) <= x)
		r++;
	return r;
}

/**
 * init_per_zone_wmark_min - min_free_kbytes = sqrt(16 x lowmem in KiB)
 *
 * 128 KiB at least, 256 MiB at most; then the watermarks and the lowmem
 * reserves follow from it.  256 MiB of RAM gives about 2 MiB.
 */
int init_per_zone_wmark_min(void)
{
	unsigned long lowmem_kbytes = 0;
	struct zone *zone;

	for_each_zone(zone) if (!is_highmem(zone)) lowmem_kbytes +=
		zone_managed_pages(zone) * (PAGE_SIZE >> 10);
	min_free_kbytes = (int)int_sqrt(lowmem_kbytes * 16);
	min_free_kbytes = clamp(min_free_kbytes, 128, 262144);
	__setup_per_zone_wmarks();
	setup_per_zone_lowmem_reserve();
	return 0;
}

//> ch07 zone_watermark_ok
/**
 * __zone_watermark_ok - may @z give a block of @order and stay above @mark?
 * @z: the zone
 * @order: the request's order
 * @mark: the watermark, in pages
 * @highest_zoneidx: the highest zone the request may use; a lower zone
 *                   also keeps lowmem_reserve[highest_zoneidx] back
 * @alloc_flags: ALLOC_HIGH lowers the mark by half, ALLOC_HARDER by a
 *               quarter; without ALLOC_CMA free CMA pages do not count
 * @free_pages: the zone's free pages
 *
 * Return: true if the allocation may go ahead.
 */
bool __zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark,
			 int highest_zoneidx, unsigned int alloc_flags,
			 long free_pages)
{
	long min = (long)mark;
	const bool alloc_harder = alloc_flags & (ALLOC_HARDER | ALLOC_OOM);

	// BEGIN SOLUTION ch07
	free_pages -= (1L << order) - 1;
	if (!alloc_harder)
		free_pages -= z->nr_reserved_highatomic;
	if (!(alloc_flags & ALLOC_CMA))
		free_pages -= zone_page_state(z, NR_FREE_CMA_PAGES);
	if (alloc_flags & ALLOC_HIGH)
		min -= min / 2;
	if (alloc_harder)
		min -= (alloc_flags & ALLOC_OOM) ? min / 2 : min / 4;
	if (free_pages <= min + z->lowmem_reserve[highest_zoneidx])
		return false;
	if (!order)
		return true;
	for (unsigned int o = order; o < MAX_ORDER; o++) {
		struct free_area *area = &z->free_area[o];

		if (!area->nr_free)
			continue;
		for (int mt = 0; mt < MIGRATE_PCPTYPES; mt++)
			if (!free_area_empty(area, mt))
				return true;
		if ((alloc_flags & ALLOC_CMA) &&
		    !free_area_empty(area, MIGRATE_CMA))
			return true;
		if (alloc_harder && !free_area_empty(area, MIGRATE_HIGHATOMIC))
			return true;
	}
	return false;
	// STUB
	// /* TODO(ch07): the reserve arithmetic, then a block of order or
	//    more; see chapters/07-alloc-pages.md, "Watermarks". */
	// (void)z, (void)order, (void)highest_zoneidx, (void)free_pages;
	// (void)min, (void)alloc_harder;
	// return true;
	// END SOLUTION
}
//< ch07 zone_watermark_ok

/* __GFP_ZERO: clear every page of a new block. */
static void prep_zero(struct page *page, unsigned int order)
{
	for (unsigned long i = 0; i < (1UL << order); i++) {
		/* SIMPLIFIED(v5.10 mm/page_alloc.c: clear_highpage() always):
		 * before kmap_init() (chapter 28) has made kmap_atomic()'s
		 * tables, a highmem page is cleared through the boot
		 * identity map. */
		if (PageHighMem(page + i) && !kmap_atomic_ready())
			memset((void *)(uintptr_t)PFN_PHYS(
				       page_to_pfn(page + i)),
			       0, PAGE_SIZE);
		else
			clear_highpage(page + i);
	}
}

//> ch07 get_page_from_freelist
/**
 * get_page_from_freelist - try the zonelist's zones in order
 * @gfp_mask: the request's flags
 * @order: its order
 * @alloc_flags: which watermark (ALLOC_WMARK_*), reserves, CMA
 * @ac: zonelist, migratetype and highest usable zone
 *
 * Skip zones above ac->highest_zoneidx and zones whose watermark the
 * request would break; take the block from the first zone that passes.
 * Return: the block, or NULL when no zone can give it.
 */
struct page *get_page_from_freelist(gfp_t gfp_mask, unsigned int order,
				    int alloc_flags,
				    const struct alloc_context *ac)
{
	// BEGIN SOLUTION ch07
	for (struct zoneref *z = ac->zonelist->_zonerefs; z->zone; z++) {
		struct zone *zone = z->zone;
		struct page *page;

		if (z->zone_idx > (int)ac->highest_zoneidx)
			continue;
		if (!(alloc_flags & ALLOC_NO_WATERMARKS) &&
		    !__zone_watermark_ok(
			    zone, order,
			    zone->_watermark[alloc_flags & ALLOC_WMARK_MASK],
			    ac->highest_zoneidx, alloc_flags,
			    (long)zone_page_state(zone, NR_FREE_PAGES)))
			continue;
		page = rmqueue(zone, order, ac->migratetype);
		if (page) {
			if (gfp_mask & __GFP_ZERO)
				prep_zero(page, order);
			return page;
		}
	}
	return NULL;
	// STUB
	// /* TODO(ch07): walk ac->zonelist; rmqueue() returns a prepared
	//    block (no prep_new_page() here); see
	//    chapters/07-alloc-pages.md, "The fast path". */
	// (void)gfp_mask, (void)order, (void)alloc_flags, (void)ac;
	// (void)prep_zero;
	// return NULL;
	// END SOLUTION
}
//< ch07 get_page_from_freelist

/* The flags of the slow path: the min watermark and what gfp allows. */
unsigned int gfp_to_alloc_flags(gfp_t gfp_mask)
{
	unsigned int alloc_flags = ALLOC_WMARK_MIN | ALLOC_CPUSET;

	alloc_flags |= gfp_mask & __GFP_HIGH; /* == ALLOC_HIGH */
	alloc_flags |= gfp_mask & __GFP_KSWAPD_RECLAIM; /* == ALLOC_KSWAPD */
	if (gfp_mask & __GFP_ATOMIC) {
		if (!(gfp_mask & __GFP_NOMEMALLOC))
			alloc_flags |= ALLOC_HARDER;
		alloc_flags &= ~ALLOC_CPUSET;
	}
	if (gfp_migratetype(gfp_mask) == MIGRATE_MOVABLE)
		alloc_flags |= ALLOC_CMA;
	return alloc_flags;
}

static void warn_alloc(gfp_t gfp_mask, unsigned int order)
{
	if (gfp_mask & __GFP_NOWARN)
		return;
	pr_warn("%s: page allocation failure: order:%u, mode:%#x, "
		"nodemask=(null)\n",
		current_comm, order, gfp_mask);
	bug_counts.warnings++;
}

//> ch07 alloc_pages
/**
 * alloc_pages - allocate 2^@order contiguous pages
 * @gfp_mask: GFP_* flags: zone, mobility, reserves, __GFP_ZERO
 * @order: 0 to MAX_ORDER - 1
 *
 * The fast path tries every zone at the low watermark.  The slow path
 * would wake kswapd, reclaim and compact; we have none of those yet,
 * so it retries once at the min watermark with the reserves the flags
 * allow (__GFP_HIGH, GFP_ATOMIC), then fails with a warning.
 *
 * Return: the first page, with one reference; NULL on failure.
 */
struct page *alloc_pages(gfp_t gfp_mask, unsigned int order)
{
	struct alloc_context ac = {
		.zonelist = &NODE_DATA(0)->node_zonelists[0],
		.migratetype = gfp_migratetype(gfp_mask),
		.highest_zoneidx = gfp_zone(gfp_mask),
	};
	int alloc_flags = ALLOC_WMARK_LOW;
	struct page *page;

	if (order >= MAX_ORDER) {
		WARN_ON_ONCE(!(gfp_mask & __GFP_NOWARN));
		return NULL;
	}
	if (ac.migratetype == MIGRATE_MOVABLE)
		alloc_flags |= ALLOC_CMA;
	page = get_page_from_freelist(gfp_mask, order, alloc_flags, &ac);
	/* SIMPLIFIED(v5.10 mm/page_alloc.c: __alloc_pages_slowpath): no
	 * kswapd, reclaim, compaction or OOM killer. */
	if (!page)
		page = get_page_from_freelist(
			gfp_mask, order, gfp_to_alloc_flags(gfp_mask), &ac);
	if (!page) {
		warn_alloc(gfp_mask, order);
		return NULL;
	}
	/* Linux does this in prep_new_page(); ours has no gfp_mask. */
	if (order && (gfp_mask & __GFP_COMP))
		prep_compound_page(page, order);
	return page;
}
//< ch07 alloc_pages

/* __get_free_pages - the same, as a kernel virtual address (lowmem) */
unsigned long __get_free_pages(gfp_t gfp_mask, unsigned int order)
{
	struct page *page;

	VM_BUG_ON(gfp_mask & __GFP_HIGHMEM);
	page = alloc_pages(gfp_mask & ~__GFP_HIGHMEM, order);
	return page ? (unsigned long)page_address(page) : 0;
}

unsigned long get_zeroed_page(gfp_t gfp_mask)
{
	return __get_free_pages(gfp_mask | __GFP_ZERO, 0);
}

/* ---- chapter 8: allocating a contiguous range ---- */

/*
 * __isolate_free_page - take a free block out of the buddy and hand it
 * out as 2^order single pages, each with one reference.  Free pages of
 * an isolated pageblock were never counted free; others are.
 */
void __isolate_free_page(struct page *page, unsigned int order)
{
	int mt = get_pageblock_migratetype(page);

	del_page_from_free_list(page, page_zone(page), order);
	if (mt != MIGRATE_ISOLATE)
		__mod_zone_freepage_state(page_zone(page), -(1L << order), mt);
	for (unsigned long i = 0; i < (1UL << order); i++) {
		set_page_private(page + i, 0);
		set_page_count(page + i, 1);
	}
}

/* Take every free block of [start, end); return the end of the last. */
static unsigned long isolate_freepages_range(unsigned long start,
					     unsigned long end)
{
	unsigned long pfn = start;

	while (pfn < end) {
		struct page *page = pfn_to_page(pfn);
		unsigned int order;

		if (!PageBuddy(page))
			return 0;
		order = buddy_order(page);
		__isolate_free_page(page, order);
		pfn += 1UL << order;
	}
	return pfn;
}

/*
 * A new home for a page of the range (mm/migrate.c in Linux): movable,
 * may reclaim and retry but fails rather than call the OOM killer;
 * highmem will do for a page that was in highmem.
 */
static struct page *alloc_migration_target(struct page *page,
					   unsigned long private)
{
	gfp_t gfp_mask = (gfp_t) private;

	if (is_highmem_idx(page_zonenum(page)))
		gfp_mask |= __GFP_HIGHMEM;
	return alloc_pages(gfp_mask, 0);
}

/* Move every movable in-use page of [start, end) elsewhere. */
static int __alloc_contig_migrate_range(unsigned long start, unsigned long end)
{
	LIST_HEAD(pages);
	int busy = 0, ret;

	for (unsigned long pfn = start; pfn < end; pfn++) {
		struct page *page = pfn_to_page(pfn);

		if (PageBuddy(page)) {
			pfn += (1UL << buddy_order(page)) - 1;
			continue;
		}
		if (!page_count(page))
			continue; /* on its way back to the free lists */
		if (isolate_movable_page(page, 0)) {
			busy++;
			continue;
		}
		list_add_tail(&page->lru, &pages);
	}
	ret = migrate_pages(&pages, alloc_migration_target,
			    GFP_USER | __GFP_MOVABLE | __GFP_RETRY_MAYFAIL,
			    MIGRATE_SYNC);
	return ret < 0 ? ret : (busy || ret) ? -EBUSY : 0;
}

//> ch08 alloc_contig_range
/**
 * alloc_contig_range - allocate the page frames [start, end)
 * @start: first frame
 * @end: one past the last
 * @migratetype: the type the pageblocks return to (MIGRATE_CMA)
 * @gfp_mask: flags for the migration targets
 *
 * Isolate the range's pageblocks, migrate their movable pages away,
 * check that every page is now free, and take them.
 * Return: 0, or -EBUSY if a page could not be moved.
 */
int alloc_contig_range(unsigned long start, unsigned long end,
		       unsigned int migratetype, gfp_t gfp_mask)
{
	unsigned long blk_start = start & ~(pageblock_nr_pages - 1);
	unsigned long blk_end = ALIGN(end, pageblock_nr_pages);
	unsigned long outer_start = start, outer_end;
	int ret;

	(void)gfp_mask;
	ret = start_isolate_page_range(blk_start, blk_end, migratetype);
	if (ret)
		return ret;
	ret = __alloc_contig_migrate_range(start, end);
	if (ret)
		goto done;
	drain_all_pages(page_zone(pfn_to_page(start)));
	/* The range may start inside a larger free block: find its head. */
	for (unsigned int order = 0; !PageBuddy(pfn_to_page(outer_start));) {
		if (++order >= MAX_ORDER) {
			outer_start = start;
			break;
		}
		outer_start &= ~0UL << order;
	}
	if (outer_start != start &&
	    outer_start + (1UL << buddy_order(pfn_to_page(outer_start))) <=
		    start)
		outer_start = start;
	ret = -EBUSY;
	if (test_pages_isolated(outer_start, end))
		goto done;
	outer_end = isolate_freepages_range(outer_start, end);
	if (!outer_end)
		goto done;
	if (start != outer_start)
		free_contig_range(outer_start, start - outer_start);
	if (end != outer_end)
		free_contig_range(end, outer_end - end);
	ret = 0;
done:
	undo_isolate_page_range(blk_start, blk_end, migratetype);
	return ret;
}
//< ch08 alloc_contig_range

/* free_contig_range - put back @nr_pages single pages from @pfn */
void free_contig_range(unsigned long pfn, unsigned long nr_pages)
{
	for (; nr_pages--; pfn++)
		__free_page(pfn_to_page(pfn));
}
