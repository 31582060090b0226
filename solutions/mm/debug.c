// SPDX-License-Identifier: GPL-2.0
/*
 * dump_page(): describe a struct page in a report (mm/debug.c).
 *
 *   page:c0814020 refcount:0 mapcount:1 mapping:00000000 index:0x1 pfn:0x60a01
 *   flags: 0x0()
 *   page dumped because: nonzero mapcount
 *
 * These are the lines of Linux 5.10's __dump_page(), formatted by our
 * printk the kernel's way (%p of NULL is 00000000, %#lx of 0 is 0x0), so
 * they read the same on both machines.  The flag names are those of
 * %pGp; the zone bits at the top of page->flags are in the hex number
 * but get no name.  A page of a CMA pageblock ends its flags line with
 * " CMA".  A typed page (PageBuddy) shows its page_type as a negative
 * mapcount, as in Linux.
 *
 * SIMPLIFIED(v5.10 mm/debug.c: __dump_page): no "raw:" hex dump of the
 * struct page (its size differs between our two machines), no compound
 * or file details: our pages have neither yet.
 */
#include <stdio.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include "internal.h"

static const char *const pageflag_names[__NR_PAGEFLAGS] = {
	"locked",	"referenced", "uptodate",     "dirty",	 "lru",
	"active",	"workingset", "waiters",      "error",	 "slab",
	"owner_priv_1", "arch_1",     "reserved",     "private", "private_2",
	"writeback",	"head",	      "mappedtodisk", "reclaim", "swapbacked",
	"unevictable",	"mlocked",
};

/* "reserved|slab": the names of the PG_ bits set in @flags. */
static void format_flags(char *buf, size_t size, unsigned long flags)
{
	size_t n = 0;

	buf[0] = 0;
	for (int i = 0; i < __NR_PAGEFLAGS && n + 1 < size; i++)
		if (flags & (1UL << i))
			n += snprintf(buf + n, size - n, "%s%s", n ? "|" : "",
				      pageflag_names[i]);
}

/* Is @page in a CMA pageblock?  Only asked of a page of mem_map. */
static bool dump_page_cma(struct page *page)
{
	return page_zonenum(page) < MAX_NR_ZONES &&
	       zone_spans_pfn(page_zone(page), page_to_pfn(page)) &&
	       get_pageblock_migratetype(page) == MIGRATE_CMA;
}

void dump_page(struct page *page, const char *reason)
{
	char names[160];
	unsigned long pgflags = page->flags & ((1UL << __NR_PAGEFLAGS) - 1);
	bool page_cma = dump_page_cma(page);

	/* slab pages use the _mapcount word for their own purposes */
	pr_warn("page:%p refcount:%d mapcount:%d mapping:%p index:%#lx "
		"pfn:%#lx\n",
		(void *)page, page_ref_count(page),
		PageSlab(page) ? 0 : page_mapcount(page), (void *)page->mapping,
		page->index, page_to_pfn(page));
	format_flags(names, sizeof(names), pgflags);
	pr_warn("flags: %#lx(%s)%s\n", page->flags, names,
		page_cma ? " CMA" : "");
	if (reason)
		pr_warn("page dumped because: %s\n", reason);
}
