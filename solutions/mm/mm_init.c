// SPDX-License-Identifier: GPL-2.0
/*
 * Describing physical memory at boot: the node, its zones, and mem_map
 * (mm/page_alloc.c in v5.10: free_area_init() and its helpers; Linux
 * 6.4 moved them to mm/mm_init.c, the name this file takes).
 *
 *   free_area_init(max_zone_pfn)
 *     zone ranges: each zone starts where the previous one ended
 *     calculate_node_totalpages: spanned and present pages per zone
 *     alloc_node_mem_map: one struct page per frame (memblock_alloc)
 *     free_area_init_core, per zone:
 *       managed_pages: an estimate, present less mem_map (lowmem)
 *       setup_usemap: the pageblock migratetype bitmap
 *       zone_init_free_lists: empty free lists
 *       memmap_init_zone: every struct page initialised, PG_reserved
 *
 * After this, build_all_zonelists() uses the estimate, and mem_init()
 * (arch/arm/mm/init.c) frees the RAM and counts managed pages exactly.
 */
#include <string.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/panic.h>
#include "internal.h"

struct pglist_data contig_page_data;
struct page *mem_map;
unsigned long max_low_pfn, max_pfn, min_low_pfn;

/* Zone ranges chosen by the architecture (zone_sizes_init). */
static unsigned long arch_zone_lowest_possible_pfn[MAX_NR_ZONES] __initdata;
static unsigned long arch_zone_highest_possible_pfn[MAX_NR_ZONES] __initdata;

//> ch03 zone_spanned
/**
 * zone_spanned_pages_in_node - how much of a node a zone spans
 * @zone_type: the zone
 * @node_start_pfn: first frame of the node
 * @node_end_pfn: one past its last frame
 * @zone_start_pfn: out: first frame of the zone within the node
 * @zone_end_pfn: out: one past its last
 *
 * The zone's possible range [arch_zone_lowest_possible_pfn,
 * arch_zone_highest_possible_pfn) is clipped to the node's.  Holes
 * count: this is "spanned", not "present".
 *
 * Return: the number of frames spanned, 0 if the ranges do not meet.
 */
unsigned long zone_spanned_pages_in_node(int zone_type,
					 unsigned long node_start_pfn,
					 unsigned long node_end_pfn,
					 unsigned long *zone_start_pfn,
					 unsigned long *zone_end_pfn)
{
	unsigned long zone_low, zone_high;

	zone_low = arch_zone_lowest_possible_pfn[zone_type];
	zone_high = arch_zone_highest_possible_pfn[zone_type];

	// BEGIN SOLUTION ch03
	*zone_start_pfn = max(node_start_pfn, zone_low);
	*zone_end_pfn = min(node_end_pfn, zone_high);
	if (*zone_start_pfn >= *zone_end_pfn) {
		*zone_start_pfn = *zone_end_pfn = 0;
		return 0;
	}
	return *zone_end_pfn - *zone_start_pfn;
	// STUB
	// /* TODO(ch03): intersect [zone_low, zone_high) with the node's
	//    range; see chapters/03-page-zone-node.md, "Sizing the zones". */
	// (void)zone_low, (void)zone_high, (void)node_start_pfn;
	// (void)node_end_pfn;
	// *zone_start_pfn = *zone_end_pfn = 0;
	// return 0;
	// END SOLUTION
}
//< ch03 zone_spanned

/*
 * Frames of [start, end) that no memory region covers: the holes
 * (__absent_pages_in_range).  A no-map region was removed from memory
 * (chapter 9), so it is a hole too.
 */
static unsigned long absent_pages_in_range(unsigned long range_start_pfn,
					   unsigned long range_end_pfn)
{
	unsigned long nr_absent = range_end_pfn - range_start_pfn;
	unsigned long start_pfn, end_pfn;
	int i;

	for_each_mem_pfn_range(i, MAX_NUMNODES, &start_pfn, &end_pfn, NULL) {
		start_pfn = clamp(start_pfn, range_start_pfn, range_end_pfn);
		end_pfn = clamp(end_pfn, range_start_pfn, range_end_pfn);
		nr_absent -= end_pfn - start_pfn;
	}
	return nr_absent;
}

/* The first and last frames of memory (get_pfn_range_for_nid). */
static void get_pfn_range_for_nid(unsigned long *start_pfn,
				  unsigned long *end_pfn)
{
	unsigned long this_start_pfn, this_end_pfn;
	int i;

	*start_pfn = -1UL;
	*end_pfn = 0;
	for_each_mem_pfn_range(i, MAX_NUMNODES, &this_start_pfn, &this_end_pfn,
			       NULL) {
		*start_pfn = min(*start_pfn, this_start_pfn);
		*end_pfn = max(*end_pfn, this_end_pfn);
	}
	if (*start_pfn == -1UL)
		*start_pfn = 0;
}

static void calculate_node_totalpages(pg_data_t *pgdat,
				      unsigned long node_start_pfn,
				      unsigned long node_end_pfn)
{
	unsigned long spanned_total = 0, present_total = 0;

	for (int i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *zone = pgdat->node_zones + i;
		unsigned long start, end, spanned;

		spanned = zone_spanned_pages_in_node(
			i, node_start_pfn, node_end_pfn, &start, &end);
		zone->zone_start_pfn = spanned ? start : 0;
		zone->spanned_pages = spanned;
		zone->present_pages =
			spanned - absent_pages_in_range(start, end);
		spanned_total += spanned;
		present_total += zone->present_pages;
	}
	pgdat->node_spanned_pages = node_end_pfn - node_start_pfn;
	pgdat->node_present_pages = present_total;
	(void)spanned_total;
	printk(KERN_DEBUG "On node %d totalpages: %lu\n", pgdat->node_id,
	       present_total);
}

/*
 * mem_map: one struct page per frame of the node, holes included, from
 * and to MAX_ORDER_NR_PAGES boundaries even where the node's RAM is not
 * aligned: a buddy's struct page then always exists, and the buddy
 * allocator need not ask pfn_valid() (pfn_valid_within()).  The frames
 * outside the node keep zeroed struct pages, never PageBuddy.
 */
static void alloc_node_mem_map(pg_data_t *pgdat)
{
	unsigned long start = pgdat->node_start_pfn &
			      ~(unsigned long)(MAX_ORDER_NR_PAGES - 1);
	unsigned long offset = pgdat->node_start_pfn - start;
	unsigned long end = ALIGN(pgdat_end_pfn(pgdat), MAX_ORDER_NR_PAGES);
	unsigned long size = (end - start) * sizeof(struct page);
	struct page *map = memblock_alloc_node(size, SMP_CACHE_BYTES, 0);

	if (!map)
		panic("Failed to allocate %lu bytes for node %d memory map\n",
		      size, pgdat->node_id);
	pgdat->node_mem_map = map + offset;
	/* FLATMEM: mem_map[0] is the frame ARCH_PFN_OFFSET */
	mem_map = pgdat->node_mem_map;
	if (page_to_pfn(mem_map) != pgdat->node_start_pfn)
		mem_map -= offset;
	pr_debug("%s: node %d, pgdat %08lx, node_mem_map %08lx\n", __func__,
		 pgdat->node_id, (unsigned long)pgdat,
		 (unsigned long)pgdat->node_mem_map);
}

/* __init_single_page - a struct page as the page allocator expects it */
static void __init_single_page(struct page *page, unsigned long pfn,
			       enum zone_type zone)
{
	memset(page, 0, sizeof(*page));
	set_page_zone(page, zone);
	init_page_count(page);
	page_mapcount_reset(page);
	INIT_LIST_HEAD(&page->lru);
	(void)pfn;
}

/*
 * Every page starts PG_reserved; mem_init() frees what is free.  Every
 * pageblock starts MOVABLE, so that most memory can later be compacted.
 *
 * SIMPLIFIED(v5.10 mm/page_alloc.c: memmap_init_zone): Linux does not
 * set PG_reserved here at boot (only for hot-added memory); memblock
 * marks the reserved ranges later, in reserve_bootmem_region(), which
 * chapter 10 builds.  We keep every page reserved from the start, so
 * that chapters 3-8, which run before memblock's hand-over, see the
 * same pages reserved as after it.
 */
static void memmap_init_zone(unsigned long size, enum zone_type zone,
			     unsigned long start_pfn)
{
	for (unsigned long pfn = start_pfn; pfn < start_pfn + size; pfn++) {
		struct page *page = pfn_to_page(pfn);

		__init_single_page(page, pfn, zone);
		__SetPageReserved(page);
		if (IS_ALIGNED(pfn, pageblock_nr_pages))
			set_pageblock_migratetype(page, MIGRATE_MOVABLE);
	}
}

static void zone_init_free_lists(struct zone *zone)
{
	for (int order = 0; order < MAX_ORDER; order++) {
		for (int t = 0; t < MIGRATE_TYPES; t++)
			INIT_LIST_HEAD(&zone->free_area[order].free_list[t]);
		zone->free_area[order].nr_free = 0;
	}
}

/* The pageblock bitmap: NR_PAGEBLOCK_BITS per pageblock of the zone. */
static void setup_usemap(struct zone *zone)
{
	unsigned long start = zone->zone_start_pfn & ~(pageblock_nr_pages - 1);
	unsigned long blocks =
		DIV_ROUND_UP(zone_end_pfn(zone) - start, pageblock_nr_pages);
	unsigned long bytes =
		DIV_ROUND_UP(blocks * NR_PAGEBLOCK_BITS, BITS_PER_LONG) *
		sizeof(long);

	zone->pageblock_flags = memblock_alloc_node(bytes, SMP_CACHE_BYTES, 0);
	if (!zone->pageblock_flags)
		panic("Failed to allocate %lu bytes for zone %s pageblock "
		      "flags "
		      "on node %d\n",
		      bytes, zone->name, zone->zone_pgdat->node_id);
}

/*
 * The frames mem_map takes for a zone: spanned pages of struct page
 * (FLATMEM covers the holes too), rounded up to whole pages.
 */
static unsigned long calc_memmap_size(unsigned long spanned_pages)
{
	return PAGE_ALIGN(spanned_pages * sizeof(struct page)) >> PAGE_SHIFT;
}

/*
 * What the buddy allocator will manage, before it manages anything:
 * present pages less mem_map's share for a lowmem zone (mem_map lives
 * in lowmem), all present pages for a highmem one.  mem_init() resets
 * it and counts exactly.
 */
static unsigned long zone_managed_estimate(struct zone *zone, int j)
{
	unsigned long freesize = zone->present_pages;
	unsigned long memmap_pages = calc_memmap_size(zone->spanned_pages);

	if (!is_highmem_idx(j) && freesize >= memmap_pages) {
		freesize -= memmap_pages;
		if (memmap_pages)
			printk(KERN_DEBUG
			       "  %s zone: %lu pages used for memmap\n",
			       zone_names[j], memmap_pages);
	}
	/* dma_reserve is 0 on ARM: 5.10 still says so for the first zone. */
	if (j == 0 && freesize > 0)
		printk(KERN_DEBUG "  %s zone: %lu pages reserved\n",
		       zone_names[0], 0UL);
	return freesize;
}

static void free_area_init_core(pg_data_t *pgdat)
{
	for (int j = 0; j < MAX_NR_ZONES; j++) {
		struct zone *zone = pgdat->node_zones + j;

		zone->name = zone_names[j];
		zone->zone_pgdat = pgdat;
		zone->managed_pages = zone_managed_estimate(zone, j);
		zone_pcp_init(zone);
		if (!zone->spanned_pages)
			continue;
		pgdat->nr_zones = j + 1;
		setup_usemap(zone);
		zone_init_free_lists(zone);
		zone->initialized = true;
		memmap_init_zone(zone->spanned_pages, j, zone->zone_start_pfn);
	}
}

/* The lines 5.10's free_area_init() prints before it sets up the node. */
static void print_zone_ranges(void)
{
	unsigned long start_pfn, end_pfn;
	int i;

	pr_info("Zone ranges:\n");
	for (i = 0; i < MAX_NR_ZONES; i++) {
		if (i == ZONE_MOVABLE)
			continue;
		pr_info("  %-8s ", zone_names[i]);
		if (arch_zone_lowest_possible_pfn[i] ==
		    arch_zone_highest_possible_pfn[i])
			pr_cont("empty\n");
		else
			pr_cont("[mem %#018llx-%#018llx]\n",
				(u64)arch_zone_lowest_possible_pfn[i]
					<< PAGE_SHIFT,
				((u64)arch_zone_highest_possible_pfn[i]
				 << PAGE_SHIFT) -
					1);
	}
	/* No ZONE_MOVABLE (no kernelcore= or movablecore=): no node lines. */
	pr_info("Movable zone start for each node\n");
	pr_info("Early memory node ranges\n");
	for_each_mem_pfn_range(i, MAX_NUMNODES, &start_pfn, &end_pfn, NULL)
		pr_info("  node %3d: [mem %#018llx-%#018llx]\n", 0,
			(u64)start_pfn << PAGE_SHIFT,
			((u64)end_pfn << PAGE_SHIFT) - 1);
}

/**
 * free_area_init - set up the node, its zones and mem_map
 * @max_zone_pfn: for each zone, one past its highest possible frame
 *
 * Zones follow one another: each starts where the previous one ended.
 * After this, every page frame has its struct page, PG_reserved, and
 * every zone has empty free lists; mem_init() then frees the RAM.
 */
void __init free_area_init(unsigned long *max_zone_pfn)
{
	pg_data_t *pgdat = NODE_DATA(0);
	unsigned long start_pfn, end_pfn, lo, hi;

	get_pfn_range_for_nid(&start_pfn, &end_pfn);
	lo = start_pfn;
	memset(pgdat, 0, sizeof(*pgdat));
	for (int i = 0; i < MAX_NR_ZONES; i++) {
		if (i == ZONE_MOVABLE)
			continue;
		hi = max(max_zone_pfn[i], lo);
		arch_zone_lowest_possible_pfn[i] = lo;
		arch_zone_highest_possible_pfn[i] = hi;
		lo = hi;
	}
	print_zone_ranges();
	pr_info("Initmem setup node 0 [mem %#018llx-%#018llx]\n",
		(u64)start_pfn << PAGE_SHIFT, ((u64)end_pfn << PAGE_SHIFT) - 1);
	pgdat->node_id = 0;
	pgdat->node_start_pfn = start_pfn;
	calculate_node_totalpages(pgdat, start_pfn, end_pfn);
	alloc_node_mem_map(pgdat);
	free_area_init_core(pgdat);
}
