// SPDX-License-Identifier: GPL-2.0
/*
 * The /proc views of zones and free lists (mm/vmstat.c), in Linux 5.10's
 * exact formats, so that ours can be read beside a real machine's:
 *
 *   /proc/buddyinfo   free blocks per order, per zone
 *   /proc/zoneinfo    every zone's counters and per-CPU pagesets
 *   /proc/pagetypeinfo free blocks per migratetype, pageblocks per type
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/seq_file.h>
#include <linux/vmstat.h>
#include "internal.h"

static const char *const zone_stat_names[NR_VM_ZONE_STAT_ITEMS] = {
	"nr_free_pages",	 "nr_zone_inactive_anon",
	"nr_zone_active_anon",	 "nr_zone_inactive_file",
	"nr_zone_active_file",	 "nr_zone_unevictable",
	"nr_zone_write_pending", "nr_mlock",
	"nr_page_table_pages",	 "nr_bounce",
	"nr_free_cma",
};

//> ch04 buddyinfo
/* /proc/buddyinfo: "Node 0, zone   Normal      3      1 ..." */
static void frag_show_print(struct seq_file *m, pg_data_t *pgdat,
			    struct zone *zone)
{
	seq_printf(m, "Node %d, zone %8s ", pgdat->node_id, zone->name);
	for (int order = 0; order < MAX_ORDER; ++order)
		seq_printf(m, "%6lu ", zone->free_area[order].nr_free);
	seq_putc(m, '\n');
}

void buddyinfo_show(struct seq_file *m)
{
	struct zone *zone;

	for_each_populated_zone(zone)
		frag_show_print(m, zone->zone_pgdat, zone);
}
//< ch04 buddyinfo

static void zoneinfo_show_print(struct seq_file *m, pg_data_t *pgdat,
				struct zone *zone)
{
	seq_printf(m, "Node %d, zone %8s", pgdat->node_id, zone->name);
	seq_printf(m,
		   "\n  pages free     %lu"
		   "\n        min      %lu"
		   "\n        low      %lu"
		   "\n        high     %lu"
		   "\n        spanned  %lu"
		   "\n        present  %lu"
		   "\n        managed  %lu",
		   zone_page_state(zone, NR_FREE_PAGES),
		   zone->_watermark[WMARK_MIN], zone->_watermark[WMARK_LOW],
		   zone->_watermark[WMARK_HIGH], zone->spanned_pages,
		   zone->present_pages, zone_managed_pages(zone));
	seq_printf(m, "\n        protection: (%ld", zone->lowmem_reserve[0]);
	for (int i = 1; i < MAX_NR_ZONES; i++)
		seq_printf(m, ", %ld", zone->lowmem_reserve[i]);
	seq_putc(m, ')');
	if (!populated_zone(zone)) {
		seq_putc(m, '\n');
		return;
	}
	for (int i = 0; i < NR_VM_ZONE_STAT_ITEMS; i++)
		seq_printf(m, "\n      %-12s %lu", zone_stat_names[i],
			   zone_page_state(zone, i));
	seq_printf(m, "\n  pagesets");
	for (int i = 0; i < NR_CPUS; i++) {
		const struct per_cpu_pageset *p = &zone->pageset[i];

		seq_printf(m,
			   "\n    cpu: %i"
			   "\n              count: %i"
			   "\n              high:  %i"
			   "\n              batch: %i",
			   i, p->pcp.count, p->pcp.high, p->pcp.batch);
		seq_printf(m, "\n  vm stats threshold: %d", p->stat_threshold);
	}
	seq_printf(m,
		   "\n  node_unreclaimable:  %u"
		   "\n  start_pfn:           %lu",
		   0U, zone->zone_start_pfn);
	seq_putc(m, '\n');
}

//> ch03 zoneinfo
/* /proc/zoneinfo: every zone of the node, populated or not */
void zoneinfo_show(struct seq_file *m)
{
	struct zone *zone;

	for_each_zone(zone) zoneinfo_show_print(m, zone->zone_pgdat, zone);
}
//< ch03 zoneinfo

/* /proc/pagetypeinfo, part 1: free blocks per order and migratetype */
static void pagetypeinfo_showfree_print(struct seq_file *m, pg_data_t *pgdat,
					struct zone *zone)
{
	for (int mtype = 0; mtype < MIGRATE_TYPES; mtype++) {
		seq_printf(m, "Node %4d, zone %8s, type %12s ", pgdat->node_id,
			   zone->name, migratetype_names[mtype]);
		for (int order = 0; order < MAX_ORDER; ++order) {
			struct list_head *curr;
			unsigned long freecount = 0;
			bool overflow = false;

			list_for_each(curr,
				      &zone->free_area[order].free_list[mtype])
			{
				/* a debugging view: a hint of "many" is enough */
				if (++freecount >= 100000) {
					overflow = true;
					break;
				}
			}
			seq_printf(m, "%s%6lu ", overflow ? ">" : "",
				   freecount);
		}
		seq_putc(m, '\n');
	}
}

/* Part 2: how many pageblocks each migratetype owns */
static void pagetypeinfo_showblockcount_print(struct seq_file *m,
					      pg_data_t *pgdat,
					      struct zone *zone)
{
	unsigned long count[MIGRATE_TYPES] = { 0 };

	for (unsigned long pfn = zone->zone_start_pfn; pfn < zone_end_pfn(zone);
	     pfn += pageblock_nr_pages) {
		struct page *page;
		int mtype;

		if (!pfn_valid(pfn)) /* a hole: no memory, no pageblock */
			continue;
		page = pfn_to_page(pfn);
		mtype = get_pageblock_migratetype(page);
		if (mtype < MIGRATE_TYPES)
			count[mtype]++;
	}
	seq_printf(m, "Node %d, zone %8s ", pgdat->node_id, zone->name);
	for (int mtype = 0; mtype < MIGRATE_TYPES; mtype++)
		seq_printf(m, "%12lu ", count[mtype]);
	seq_putc(m, '\n');
}

//> ch05 pagetypeinfo
void pagetypeinfo_show(struct seq_file *m)
{
	pg_data_t *pgdat = NODE_DATA(0);
	struct zone *zone;

	seq_printf(m, "Page block order: %d\n", pageblock_order);
	seq_printf(m, "Pages per block:  %lu\n", pageblock_nr_pages);
	seq_putc(m, '\n');
	seq_printf(m, "%-43s ", "Free pages count per migrate type at order");
	for (int order = 0; order < MAX_ORDER; ++order)
		seq_printf(m, "%6d ", order);
	seq_putc(m, '\n');
	for_each_populated_zone(zone)
		pagetypeinfo_showfree_print(m, pgdat, zone);
	seq_printf(m, "\n%-23s", "Number of blocks type ");
	for (int mtype = 0; mtype < MIGRATE_TYPES; mtype++)
		seq_printf(m, "%12s ", migratetype_names[mtype]);
	seq_putc(m, '\n');
	for_each_populated_zone(zone)
		pagetypeinfo_showblockcount_print(m, pgdat, zone);
}
//< ch05 pagetypeinfo
