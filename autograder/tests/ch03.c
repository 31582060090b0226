// SPDX-License-Identifier: GPL-2.0
/*
 * Chapter 03: struct page, mem_map, zones and the node.
 *
 * The exercises: __pfn_to_page/__page_to_pfn (FLATMEM), the zone field
 * of page->flags, and zone_spanned_pages_in_node().  The tests boot
 * every board and check each zone against what the lecture computes by
 * hand: 256 MiB all Normal; 1 GiB = 768 MiB Normal + 256 MiB HighMem
 * (Linux 5.10's numbers; older kernels, with VMALLOC_END at 0xff000000,
 * stopped lowmem at 760 MiB).
 */
#include <stdio.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/seq_file.h>
#include <linux/vmstat.h>
#include <asm/memory.h>
#include <asm/setup.h>
#include "mm/internal.h"
#include "ktest.h"

#define MB_PAGES(mb) ((unsigned long)(mb) << (20 - PAGE_SHIFT))
#define RAM_PFN 0x60000UL

static struct zone *zone_of(enum zone_type t)
{
	return &NODE_DATA(0)->node_zones[t];
}

START_TEST(pfn_to_page_first_and_last)
{
	unsigned long last = RAM_PFN + MB_PAGES(256) - 1;

	ck_assert_msg(pfn_to_page(RAM_PFN) == mem_map,
		      "pfn 0x60000 is the first frame of RAM: its struct page "
		      "is mem_map[0], got mem_map[%ld]",
		      (long)(pfn_to_page(RAM_PFN) - mem_map));
	ck_assert_msg(pfn_to_page(last) == mem_map + MB_PAGES(256) - 1,
		      "pfn %#lx should be mem_map[%lu]", last,
		      MB_PAGES(256) - 1);
	ck_assert_msg(page_to_pfn(mem_map) == RAM_PFN &&
			      page_to_pfn(mem_map + 0x1234) == RAM_PFN + 0x1234,
		      "page_to_pfn(mem_map + 0x1234) = %#lx, expected %#lx: "
		      "page - mem_map already counts struct pages",
		      page_to_pfn(mem_map + 0x1234), RAM_PFN + 0x1234);
}
END_TEST

START_TEST(pfn_page_round_trip)
{
	for (unsigned long pfn = RAM_PFN; pfn < RAM_PFN + MB_PAGES(256);
	     pfn += 97) {
		struct page *page = pfn_to_page(pfn);

		ck_assert_msg(page_to_pfn(page) == pfn,
			      "page_to_pfn(pfn_to_page(%#lx)) = %#lx", pfn,
			      page_to_pfn(page));
		ck_assert_ptr_eq(pfn_to_page(pfn + 1), page + 1);
	}
}
END_TEST

/* mem_map sits right after the image, and its last entry inside it. */
START_TEST(mem_map_lives_after_the_image)
{
	unsigned long last = RAM_PFN + MB_PAGES(256) - 1;
	phys_addr_t first = __pa(pfn_to_page(RAM_PFN));
	phys_addr_t end = __pa(pfn_to_page(last) + 1);

	ck_assert_msg(first >= KERNEL_IMAGE_END,
		      "mem_map at PA %#x overlaps the kernel image window",
		      first);
	ck_assert_msg(end - first == MB_PAGES(256) * sizeof(struct page),
		      "the struct pages of 256 MiB span %u bytes of mem_map, "
		      "expected %lu (%lu pages of %lu bytes)",
		      end - first, MB_PAGES(256) * sizeof(struct page),
		      MB_PAGES(256), (unsigned long)sizeof(struct page));
	ck_assert_msg(end <= early_alloc_end,
		      "mem_map must lie inside the early allocations");
	ck_assert_uint_eq(NODE_DATA(0)->node_spanned_pages, MB_PAGES(256));
}
END_TEST

START_TEST(zone_field_round_trip)
{
	struct page p = { 0 };

	for (int z = 0; z < MAX_NR_ZONES; z++) {
		p.flags = (1UL << PG_reserved) | (1UL << PG_dirty);
		set_page_zone(&p, z);
		ck_assert_msg(page_zonenum(&p) == (enum zone_type)z,
			      "set_page_zone(%d) then page_zonenum() gave %d",
			      z, page_zonenum(&p));
		ck_assert_msg(PageReserved(&p) && PageDirty(&p),
			      "set_page_zone must keep the PG_ flags "
			      "(flags now %#lx)",
			      p.flags);
		ck_assert_msg(p.flags >> ZONES_PGSHIFT == (unsigned long)z,
			      "the zone lives in the top %d bits of flags",
			      ZONES_WIDTH);
	}
	set_page_zone(&p, ZONE_HIGHMEM);
	set_page_zone(&p, ZONE_NORMAL);
	ck_assert_msg(page_zonenum(&p) == ZONE_NORMAL,
		      "set_page_zone must clear the old zone first");
}
END_TEST

static void check_zone(enum zone_type t, unsigned long start,
		       unsigned long spanned, unsigned long present)
{
	struct zone *z = zone_of(t);

	ck_assert_msg(z->spanned_pages == spanned,
		      "zone %s: spanned_pages %lu, expected %lu (a zone spans "
		      "the intersection of its possible range with the "
		      "node's: the later start, the earlier end, 0 when they "
		      "do not meet)",
		      zone_names[t], z->spanned_pages, spanned);
	if (spanned)
		ck_assert_msg(z->zone_start_pfn == start,
			      "zone %s: zone_start_pfn %#lx, expected %#lx",
			      zone_names[t], z->zone_start_pfn, start);
	ck_assert_msg(z->present_pages == present,
		      "zone %s: present_pages %lu, expected %lu", zone_names[t],
		      z->present_pages, present);
}

START_TEST(zones_of_256m)
{
	check_zone(ZONE_NORMAL, RAM_PFN, MB_PAGES(256), MB_PAGES(256));
	check_zone(ZONE_HIGHMEM, 0, 0, 0);
	check_zone(ZONE_MOVABLE, 0, 0, 0);
	ck_assert_int_eq(NODE_DATA(0)->nr_zones, 1);
}
END_TEST

START_TEST(zones_of_1g)
{
	ktest_reboot("vexpress-1g", ktest_boot_zones);
	/* 3G/1G split: lowmem ends 768 MiB into RAM (chapter 22). */
	check_zone(ZONE_NORMAL, RAM_PFN, MB_PAGES(768), MB_PAGES(768));
	check_zone(ZONE_HIGHMEM, RAM_PFN + MB_PAGES(768), MB_PAGES(256),
		   MB_PAGES(256));
	check_zone(ZONE_MOVABLE, 0, 0, 0);
	ck_assert_int_eq(NODE_DATA(0)->nr_zones, 2);
	ck_assert_uint_eq(NODE_DATA(0)->node_present_pages, MB_PAGES(1024));
}
END_TEST

START_TEST(zones_of_512m)
{
	ktest_reboot("vexpress-512m", ktest_boot_zones);
	check_zone(ZONE_NORMAL, RAM_PFN, MB_PAGES(512), MB_PAGES(512));
	check_zone(ZONE_HIGHMEM, 0, 0, 0);
}
END_TEST

/* A no-map region is a hole: spanned, but not present. */
START_TEST(nomap_region_is_absent)
{
	ktest_reboot("vexpress-cma", ktest_boot_zones);
	check_zone(ZONE_NORMAL, RAM_PFN, MB_PAGES(512),
		   MB_PAGES(512) - MB_PAGES(8));
}
END_TEST

START_TEST(every_page_in_its_zone)
{
	ktest_reboot("vexpress-1g", ktest_boot_zones);
	for (unsigned long pfn = RAM_PFN; pfn < RAM_PFN + MB_PAGES(1024);
	     pfn++) {
		struct page *page = pfn_to_page(pfn);
		struct zone *z = page_zone(page);

		if (!zone_spans_pfn(z, pfn))
			ck_abort_msg("pfn %#lx is in zone %s, which spans "
				     "[%#lx, %#lx)",
				     pfn, z->name, z->zone_start_pfn,
				     zone_end_pfn(z));
	}
	ck_assert_msg(!PageHighMem(pfn_to_page(RAM_PFN + MB_PAGES(768) - 1)) &&
			      PageHighMem(pfn_to_page(RAM_PFN + MB_PAGES(768))),
		      "Normal ends and HighMem starts at pfn %#lx (768 MiB "
		      "into RAM): each zone is the intersection of its "
		      "possible range with the node's (the later start, the "
		      "earlier end)",
		      RAM_PFN + MB_PAGES(768));
}
END_TEST

START_TEST(managed_pages_after_mem_init)
{
	struct zone *z = zone_of(ZONE_NORMAL);
	unsigned long reserved;

	ktest_reboot("vexpress-256m", ktest_boot_buddy);
	reserved = PFN_UP(early_alloc_end) - RAM_PFN;
	ck_assert_msg(z->managed_pages == z->present_pages - reserved,
		      "managed = present - reserved: %lu != %lu - %lu",
		      z->managed_pages, z->present_pages, reserved);
	ck_assert_uint_eq(totalram_pages, z->managed_pages);
	ck_assert(PageReserved(pfn_to_page(RAM_PFN)));
	ck_assert(!PageReserved(pfn_to_page(PFN_UP(early_alloc_end))));
}
END_TEST

/* /proc/zoneinfo, read back with the format strings of mm/vmstat.c. */
START_TEST(zoneinfo_format)
{
	static char buf[8192];
	struct seq_file m;
	unsigned long free, min, low, high, spanned, present, managed;
	char name[16];
	int node, n;

	ktest_reboot("vexpress-1g", ktest_boot_buddy);
	seq_init(&m, buf, sizeof(buf));
	zoneinfo_show(&m);
	ck_assert(!m.overflow);
	n = sscanf(buf,
		   "Node %d, zone %8s"
		   "\n  pages free     %lu"
		   "\n        min      %lu"
		   "\n        low      %lu"
		   "\n        high     %lu"
		   "\n        spanned  %lu"
		   "\n        present  %lu"
		   "\n        managed  %lu",
		   &node, name, &free, &min, &low, &high, &spanned, &present,
		   &managed);
	ck_assert_msg(n == 9, "only %d fields parsed from:\n%s", n, buf);
	ck_assert_str_eq(name, "Normal");
	ck_assert_uint_eq(spanned, MB_PAGES(768));
	ck_assert_uint_eq(managed, zone_of(ZONE_NORMAL)->managed_pages);
	ck_assert_uint_eq(free,
			  zone_page_state(zone_of(ZONE_NORMAL), NR_FREE_PAGES));
	ck_assert_ptr_nonnull(strstr(buf, "Node 0, zone  HighMem"));
	ck_assert_ptr_nonnull(strstr(buf, "Node 0, zone  Movable"));
	ck_assert_ptr_nonnull(strstr(buf, "        protection: (0, 0, 0)"));
}
END_TEST

KTEST_SUITE(ch03) = {
	.chapter = "03",
	.title = "page, zone and node",
	.boot = ktest_boot_zones,
	.timeout = 5,
	.tests = KTESTS(pfn_to_page_first_and_last, pfn_page_round_trip,
			mem_map_lives_after_the_image, zone_field_round_trip,
			zones_of_256m, zones_of_1g, zones_of_512m,
			nomap_region_is_absent, every_page_in_its_zone,
			managed_pages_after_mem_init, zoneinfo_format),
};
