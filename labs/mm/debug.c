// SPDX-License-Identifier: GPL-2.0
/*
 * dump_page(): describe a struct page in a report (mm/debug.c).
 *
 *   page:c0a01234 refcount:0 mapcount:0 mapping:00000000 index:0x0 pfn:0x60801
 *   flags: 0x1000(reserved)
 *   page dumped because: nonzero mapcount
 *
 * The flag names are those of Linux's %pGp format.
 */
#include <stdio.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/mm.h>

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

void dump_page(struct page *page, const char *reason)
{
	char names[160];
	unsigned long pgflags = page->flags & ((1UL << __NR_PAGEFLAGS) - 1);

	pr_warn("page:%p refcount:%d mapcount:%d mapping:%p index:%#lx "
		"pfn:%#lx\n",
		(void *)page, page_ref_count(page),
		page_has_type(page) ? 0 : page_mapcount(page),
		(void *)page->mapping, page->index, page_to_pfn(page));
	if (page_has_type(page))
		pr_warn("page_type: %#x\n", page->page_type);
	format_flags(names, sizeof(names), pgflags);
	pr_warn("flags: %#lx(%s)\n", page->flags, names);
	if (reason)
		pr_warn("page dumped because: %s\n", reason);
}
