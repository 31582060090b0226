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
#include <linux/bug.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include "internal.h"

unsigned long totalram_pages;

/* The task's name in reports; there is one task until chapter 32. */
const char *current_comm = "swapper/0";

const char *const zone_names[MAX_NR_ZONES] = { "Normal", "HighMem", "Movable" };

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

static inline bool pfn_valid(unsigned long pfn)
{
	const pg_data_t *pgdat = NODE_DATA(0);

	return pfn >= pgdat->node_start_pfn &&
	       pfn < pgdat->node_start_pfn + pgdat->node_spanned_pages;
}

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
	/* TODO(ch04): three conditions; see chapters/04-buddy.md,
	   "When may two blocks merge?". */
	(void)page, (void)buddy, (void)order;
	return false;
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

	if (order >= MAX_ORDER - 2)
		return false;
	combined_pfn = buddy_pfn & pfn;
	higher_page = page + (combined_pfn - pfn);
	higher_buddy_pfn = __find_buddy_pfn(combined_pfn, order + 1);
	return pfn_valid(higher_buddy_pfn) &&
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
 *
 * Merge the block with its buddy as long as the buddy is free and of the
 * same order, going one order up each time, then put the result on its
 * free list.  Never merges past MAX_ORDER - 1.
 */
void __free_one_page(struct page *page, unsigned long pfn, struct zone *zone,
		     unsigned int order, int migratetype)
{
	unsigned long buddy_pfn = pfn, combined_pfn;
	struct page *buddy;

	VM_BUG_ON(!zone->initialized);
	VM_BUG_ON_PAGE(page->flags & PAGE_FLAGS_CHECK_AT_PREP, page);
	VM_BUG_ON(migratetype < 0 || migratetype >= MIGRATE_TYPES);
	VM_BUG_ON_PAGE(pfn & ((1UL << order) - 1), page);
	VM_BUG_ON_PAGE(!zone_spans_pfn(zone, pfn), page);

	__mod_zone_freepage_state(zone, 1L << order, migratetype);
	/* TODO(ch04): merge with free buddies, one order at a time;
	   see chapters/04-buddy.md, "Freeing: merging buddies". */
	(void)buddy, (void)combined_pfn;
	set_buddy_order(page, order);
	if (buddy_pfn != pfn && buddy_merge_likely(pfn, buddy_pfn, page, order))
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
	/* TODO(ch04): free the upper half, order by order; see
	   chapters/04-buddy.md, "Allocating: splitting blocks". */
	(void)zone, (void)page, (void)low, (void)high, (void)migratetype;
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
	/* TODO(ch04): search upwards from @order, then split; see
	   chapters/04-buddy.md, "Allocating: splitting blocks". */
	(void)zone, (void)order, (void)migratetype;
	(void)get_page_from_free_area;
	return NULL;
}
//< ch04 rmqueue_smallest

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
 * free_pages_prepare - check every page of a block about to be freed
 * Return: true if the block may be freed.
 */
bool free_pages_prepare(struct page *page, unsigned int order)
{
	int bad = 0;

	for (unsigned long i = 0; i < (1UL << order); i++)
		bad += check_page(page + i, PAGE_FLAGS_CHECK_AT_FREE);
	if (bad)
		return false;
	for (unsigned long i = 0; i < (1UL << order); i++)
		page[i].flags &= ~PAGE_FLAGS_CHECK_AT_PREP;
	return true;
}

/* prep_new_page - a block leaves the allocator: check it, count one ref */
void prep_new_page(struct page *page, unsigned int order)
{
	for (unsigned long i = 0; i < (1UL << order); i++)
		check_page(page + i, PAGE_FLAGS_CHECK_AT_PREP);
	set_page_private(page, 0);
	set_page_count(page, 1);
}

/* ---- freeing ---- */

static void free_one_page(struct zone *zone, struct page *page,
			  unsigned long pfn, unsigned int order,
			  int migratetype)
{
	/* spin_lock(&zone->lock): one CPU at a time here (see mmzone.h) */
	__free_one_page(page, pfn, zone, order, migratetype);
}

static void __free_pages_ok(struct page *page, unsigned int order)
{
	unsigned long pfn = page_to_pfn(page);

	if (!free_pages_prepare(page, order))
		return;
	free_one_page(page_zone(page), page, pfn, order,
		      get_pfnblock_migratetype(page, pfn));
}

/**
 * __free_pages - drop a reference to a block; free it on the last one
 * @page: the first page of a block from the page allocator
 * @order: the order it was allocated with
 */
void __free_pages(struct page *page, unsigned int order)
{
	if (put_page_testzero(page))
		__free_pages_ok(page, order);
}

/* free_pages - the same, by the block's kernel virtual address */
void free_pages(unsigned long addr, unsigned int order)
{
	if (addr != 0) {
		VM_BUG_ON(!IS_ALIGNED(addr, PAGE_SIZE));
		__free_pages(virt_to_page((void *)addr), order);
	}
}

/**
 * __free_pages_core - hand a block of boot memory to the allocator
 * @page: first page; its pages are PG_reserved from memmap init
 * @order: the block's order
 *
 * Called once per block at boot (mem_init()); it is what turns RAM into
 * managed pages.
 */
void __free_pages_core(struct page *page, unsigned int order)
{
	unsigned long nr_pages = 1UL << order;

	for (unsigned long i = 0; i < nr_pages; i++) {
		__ClearPageReserved(page + i);
		set_page_count(page + i, 0);
	}
	page_zone(page)->managed_pages += nr_pages;
	totalram_pages += nr_pages;
	set_page_count(page, 1);
	__free_pages(page, order);
}

/* ---- allocating, for this chapter's callers (ch07 adds gfp flags) ---- */

//> ch04 rmqueue
/**
 * rmqueue - take a block from a zone for an allocation
 * @zone: the zone
 * @order: the order
 * @migratetype: the free lists to use
 *
 * Return: the block with one reference, or NULL when the zone has none
 * of that order or larger.
 */
struct page *rmqueue(struct zone *zone, unsigned int order, int migratetype)
{
	struct page *page;

	/* spin_lock(&zone->lock) */
	page = __rmqueue_smallest(zone, order, migratetype);
	if (!page)
		return NULL;
	__mod_zone_freepage_state(zone, -(1L << order), migratetype);
	prep_new_page(page, order);
	return page;
}
//< ch04 rmqueue
