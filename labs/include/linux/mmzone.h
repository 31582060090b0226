/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Nodes, zones and free areas (include/linux/mmzone.h).
 *
 * Physical memory is described in three layers:
 *
 *   pglist_data (node)   one per memory node; ARM32 boards are UMA, so
 *     |                  there is exactly one: contig_page_data
 *     +-- zone[]         ranges of page frames with the same constraints
 *          |             Normal: permanently mapped (lowmem)
 *          |             HighMem: above the lowmem limit, mapped on demand
 *          |             Movable: empty here (no movablecore= option)
 *          +-- free_area[MAX_ORDER]   the buddy allocator's free lists:
 *                free_list[migratetype] of blocks of 2^order pages
 *
 * The versatile express configuration of Linux 5.10 has no ZONE_DMA
 * (the board can DMA to all of RAM), so neither do we.
 *
 * Page counts of a zone (the comment above struct zone in Linux):
 *   spanned_pages = zone_end_pfn - zone_start_pfn, holes included
 *   present_pages = spanned_pages - pages in holes
 *   managed_pages = present_pages - pages reserved at boot; what the
 *                   buddy allocator manages
 *
 * Locking rules: zone->lock protects free_area; this kernel runs one CPU
 * at a time (the per-CPU chapter simulates several), so the locks are
 * documentation and debug checks only.
 */
#ifndef _LINUX_MMZONE_H
#define _LINUX_MMZONE_H

#include <linux/list.h>
#include <linux/mm_types.h>
#include <linux/types.h>

#define MAX_ORDER 11
#define MAX_ORDER_NR_PAGES (1 << (MAX_ORDER - 1))
#define pageblock_order (MAX_ORDER - 1)
#define pageblock_nr_pages (1UL << pageblock_order)

/*
 * Has a frame of a MAX_ORDER block whose other frames have struct pages
 * got one too?  Always: mem_map runs from and to MAX_ORDER_NR_PAGES
 * boundaries (alloc_node_mem_map()), so the buddy allocator need not
 * ask pfn_valid(), unless an architecture has holes inside its zones'
 * blocks (CONFIG_HOLES_IN_ZONE, never on ARM).
 */
#ifdef CONFIG_HOLES_IN_ZONE
#define pfn_valid_within(pfn) pfn_valid(pfn)
#else
#define pfn_valid_within(pfn) (1)
#endif

//> ch05 migratetype
enum migratetype {
	MIGRATE_UNMOVABLE,
	MIGRATE_MOVABLE,
	MIGRATE_RECLAIMABLE,
	MIGRATE_PCPTYPES, /* the number of types on the pcp lists */
	MIGRATE_HIGHATOMIC = MIGRATE_PCPTYPES,
	MIGRATE_CMA,
	MIGRATE_ISOLATE, /* can't allocate from here */
	MIGRATE_TYPES
};
//< ch05 migratetype

extern const char *const migratetype_names[MIGRATE_TYPES];

//> ch03 zone_type
/* No ZONE_DMA or ZONE_DMA32 on this board; ZONE_HIGHMEM with
 * CONFIG_HIGHMEM (chapter 28). */
enum zone_type {
	ZONE_NORMAL, /* permanently mapped: lowmem */
#ifdef CONFIG_HIGHMEM
	ZONE_HIGHMEM, /* above the lowmem limit: mapped on demand */
#endif
	ZONE_MOVABLE, /* movable pages only; empty here */
	__MAX_NR_ZONES
};
#define MAX_NR_ZONES __MAX_NR_ZONES
#define ZONES_SHIFT 2 /* bits for a zone number in page->flags */
//< ch03 zone_type

extern const char *const zone_names[MAX_NR_ZONES];

enum zone_stat_item {
	NR_FREE_PAGES,
	NR_ZONE_INACTIVE_ANON,
	NR_ZONE_ACTIVE_ANON,
	NR_ZONE_INACTIVE_FILE,
	NR_ZONE_ACTIVE_FILE,
	NR_ZONE_UNEVICTABLE,
	NR_ZONE_WRITE_PENDING,
	NR_MLOCK,
	NR_PAGETABLE,
	NR_BOUNCE,
	NR_FREE_CMA_PAGES,
	NR_VM_ZONE_STAT_ITEMS
};

enum zone_watermarks { WMARK_MIN, WMARK_LOW, WMARK_HIGH, NR_WMARK };

//> ch04 free_area
struct free_area {
	struct list_head free_list[MIGRATE_TYPES];
	unsigned long nr_free; /* blocks of this order, all types */
};
//< ch04 free_area

/*
 * The per-CPU page cache (chapter 6): order-0 pages a CPU keeps for
 * itself, so that most allocations and frees touch neither the buddy
 * lists nor zone->lock.
 */
//> ch06 per_cpu_pages
struct per_cpu_pages {
	int count; /* number of pages in the lists */
	int high; /* high watermark, emptying needed */
	int batch; /* chunk size for buddy add/remove */
	struct list_head lists[MIGRATE_PCPTYPES];
};

struct per_cpu_pageset {
	struct per_cpu_pages pcp;
	s8 stat_threshold;
};
//< ch06 per_cpu_pages

/* Simulated CPUs: smp_processor_id() is a variable tests may switch. */
#define NR_CPUS 4

struct pglist_data;

struct zone {
	unsigned long _watermark[NR_WMARK]; /* chapter 7 */
	unsigned long nr_reserved_highatomic;
	unsigned long nr_isolate_pageblock; /* chapter 8 */
	long lowmem_reserve[MAX_NR_ZONES]; /* chapter 7 */
	struct pglist_data *zone_pgdat;
	struct per_cpu_pageset pageset[NR_CPUS]; /* chapter 6 */
	unsigned long *pageblock_flags; /* chapter 5 */
	unsigned long zone_start_pfn;
	unsigned long managed_pages;
	unsigned long spanned_pages;
	unsigned long present_pages;
	const char *name;
	bool initialized;
	struct free_area free_area[MAX_ORDER];
	long vm_stat[NR_VM_ZONE_STAT_ITEMS];
};

/*
 * The zonelist: the zones an allocation may try, best first.  On a UMA
 * machine it is the node's populated zones from the highest down:
 * HighMem, Normal.  A request limited to Normal starts further along.
 */
struct zoneref {
	struct zone *zone; /* NULL ends the list */
	int zone_idx;
};

struct zonelist {
	struct zoneref _zonerefs[MAX_NR_ZONES + 1];
};

typedef struct pglist_data {
	struct zone node_zones[MAX_NR_ZONES];
	struct zonelist node_zonelists[1]; /* ZONELIST_FALLBACK */
	int nr_zones; /* highest populated zone index + 1 */
	struct page *node_mem_map;
	unsigned long node_start_pfn;
	unsigned long node_present_pages; /* total physical pages */
	unsigned long node_spanned_pages; /* including holes */
	int node_id;
} pg_data_t;

extern struct pglist_data contig_page_data;
#define NODE_DATA(nid) (&contig_page_data)

static inline unsigned long zone_end_pfn(const struct zone *zone)
{
	return zone->zone_start_pfn + zone->spanned_pages;
}

static inline unsigned long pgdat_end_pfn(const pg_data_t *pgdat)
{
	return pgdat->node_start_pfn + pgdat->node_spanned_pages;
}

static inline bool zone_spans_pfn(const struct zone *zone, unsigned long pfn)
{
	return zone->zone_start_pfn <= pfn && pfn < zone_end_pfn(zone);
}

static inline bool populated_zone(const struct zone *zone)
{
	return zone->present_pages != 0;
}

static inline unsigned long zone_managed_pages(const struct zone *zone)
{
	return zone->managed_pages;
}

static inline int zone_idx(const struct zone *zone)
{
	return (int)(zone - zone->zone_pgdat->node_zones);
}

static inline unsigned long min_wmark_pages(const struct zone *z)
{
	return z->_watermark[WMARK_MIN];
}

static inline unsigned long low_wmark_pages(const struct zone *z)
{
	return z->_watermark[WMARK_LOW];
}

static inline unsigned long high_wmark_pages(const struct zone *z)
{
	return z->_watermark[WMARK_HIGH];
}

/*
 * Is a zone of this index highmem?  ZONE_MOVABLE counts when it takes
 * its pages from highmem, which on one node means when it follows
 * ZONE_HIGHMEM (Linux: zone_movable_is_highmem()), as here.
 */
static inline bool is_highmem_idx(int idx)
{
#ifdef CONFIG_HIGHMEM
	return idx == ZONE_HIGHMEM ||
	       (idx == ZONE_MOVABLE && ZONE_MOVABLE - 1 == ZONE_HIGHMEM);
#else
	return false;
#endif
}

static inline bool is_highmem(const struct zone *zone)
{
	return is_highmem_idx(zone_idx(zone));
}

static inline unsigned long zone_page_state(const struct zone *zone,
					    enum zone_stat_item item)
{
	long x = zone->vm_stat[item];

	return x < 0 ? 0 : (unsigned long)x;
}

static inline void __mod_zone_page_state(struct zone *zone,
					 enum zone_stat_item item, long delta)
{
	zone->vm_stat[item] += delta;
}

/* The CPU we run on; the host and the board simulate NR_CPUS of them. */
extern int __smp_processor_id;
static inline int smp_processor_id(void)
{
	return __smp_processor_id;
}
#define for_each_possible_cpu(cpu) for (cpu = 0; cpu < NR_CPUS; cpu++)

#define for_each_zone(zone)                      \
	for (zone = contig_page_data.node_zones; \
	     zone < contig_page_data.node_zones + MAX_NR_ZONES; zone++)

#define for_each_populated_zone(zone)                  \
	for_each_zone(zone) if (!populated_zone(zone)) \
	{                                              \
	}                                              \
	else

#endif /* _LINUX_MMZONE_H */
