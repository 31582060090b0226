// SPDX-License-Identifier: GPL-2.0
/*
 * The /proc views of zones and free lists (mm/vmstat.c), in Linux 5.10's
 * exact formats, so that ours can be read beside a real machine's:
 *
 *   /proc/buddyinfo   free blocks per order, per zone
 *   /proc/zoneinfo    one zone's counters (the fields of chapters 3-4;
 *                     per-CPU pagesets join in chapter 6)
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/seq_file.h>
#include <linux/vmstat.h>

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
	seq_printf(m, "\n  start_pfn:           %lu", zone->zone_start_pfn);
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
