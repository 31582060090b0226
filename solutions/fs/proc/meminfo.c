// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/meminfo, the lines this kernel can fill (fs/proc/meminfo.c):
 *
 *   MemTotal:         249684 kB     pages the buddy manages
 *   MemFree:          241392 kB     free in the buddy (not per-CPU)
 *   MemAvailable:     238840 kB     free minus what is kept in reserve
 *   HighTotal/HighFree/LowTotal/LowFree (CONFIG_HIGHMEM), CmaTotal/CmaFree
 *
 * The format is Linux's: the name padded to 16 columns, the value in
 * kB right-aligned in 8.  Page cache, slab and swap join the view as the
 * chapters that own them arrive.
 */
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/seq_file.h>
#include <linux/vmstat.h>

static void show_val_kb(struct seq_file *m, const char *s, unsigned long num)
{
	seq_printf(m, "%s%8lu kB\n", s, num << (PAGE_SHIFT - 10));
}

static unsigned long global_zone_page_state(enum zone_stat_item item)
{
	struct zone *zone;
	unsigned long n = 0;

	for_each_zone(zone) n += zone_page_state(zone, item);
	return n;
}

/* si_mem_available - free pages a user could get without reclaim */
unsigned long si_mem_available(void)
{
	long available = (long)global_zone_page_state(NR_FREE_PAGES) -
			 (long)totalreserve_pages;

	return available < 0 ? 0 : (unsigned long)available;
}

//> ch07 meminfo
void meminfo_show(struct seq_file *m)
{
	/* si_meminfo(): the highmem counters of mm/highmem.c */
	unsigned long __maybe_unused totalhigh = totalhigh_pages();
	unsigned long __maybe_unused freehigh = nr_free_highpages();

	show_val_kb(m, "MemTotal:       ", totalram_pages);
	show_val_kb(m,
		    "MemFree:        ", global_zone_page_state(NR_FREE_PAGES));
	show_val_kb(m, "MemAvailable:   ", si_mem_available());
#ifdef CONFIG_HIGHMEM
	show_val_kb(m, "HighTotal:      ", totalhigh);
	show_val_kb(m, "HighFree:       ", freehigh);
	show_val_kb(m, "LowTotal:       ", totalram_pages - totalhigh);
	show_val_kb(m, "LowFree:        ",
		    global_zone_page_state(NR_FREE_PAGES) - freehigh);
#endif
	show_val_kb(m, "CmaTotal:       ", totalcma_pages);
	show_val_kb(m, "CmaFree:        ",
		    global_zone_page_state(NR_FREE_CMA_PAGES));
}
//< ch07 meminfo
