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
 * they read the same on both machines.  The flag names are %pGp's
 * (lib/vsprintf.c, from pageflag_names[] below); the zone bits at the top of page->flags are in the hex number
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

/* The names %pGp prints, one per PG_ bit, in bit order. */
const struct trace_print_flags pageflag_names[] = {
	{ 1UL << PG_locked, "locked" },
	{ 1UL << PG_referenced, "referenced" },
	{ 1UL << PG_uptodate, "uptodate" },
	{ 1UL << PG_dirty, "dirty" },
	{ 1UL << PG_lru, "lru" },
	{ 1UL << PG_active, "active" },
	{ 1UL << PG_workingset, "workingset" },
	{ 1UL << PG_waiters, "waiters" },
	{ 1UL << PG_error, "error" },
	{ 1UL << PG_slab, "slab" },
	{ 1UL << PG_owner_priv_1, "owner_priv_1" },
	{ 1UL << PG_arch_1, "arch_1" },
	{ 1UL << PG_reserved, "reserved" },
	{ 1UL << PG_private, "private" },
	{ 1UL << PG_private_2, "private_2" },
	{ 1UL << PG_writeback, "writeback" },
	{ 1UL << PG_head, "head" },
	{ 1UL << PG_mappedtodisk, "mappedtodisk" },
	{ 1UL << PG_reclaim, "reclaim" },
	{ 1UL << PG_swapbacked, "swapbacked" },
	{ 1UL << PG_unevictable, "unevictable" },
	{ 1UL << PG_mlocked, "mlocked" },
	{ 0, NULL }
};

/*
 * The names %pGg prints, in the order of 5.10's __def_gfpflag_names
 * (include/trace/events/mmflags.h): composite masks before single bits,
 * so GFP_KERNEL|__GFP_ZERO prints as such, not as its five bits.
 */
const struct trace_print_flags gfpflag_names[] = {
	{ GFP_TRANSHUGE, "GFP_TRANSHUGE" },
	{ GFP_TRANSHUGE_LIGHT, "GFP_TRANSHUGE_LIGHT" },
	{ GFP_HIGHUSER_MOVABLE, "GFP_HIGHUSER_MOVABLE" },
	{ GFP_HIGHUSER, "GFP_HIGHUSER" },
	{ GFP_USER, "GFP_USER" },
	{ GFP_KERNEL_ACCOUNT, "GFP_KERNEL_ACCOUNT" },
	{ GFP_KERNEL, "GFP_KERNEL" },
	{ GFP_NOFS, "GFP_NOFS" },
	{ GFP_ATOMIC, "GFP_ATOMIC" },
	{ GFP_NOIO, "GFP_NOIO" },
	{ GFP_NOWAIT, "GFP_NOWAIT" },
	{ GFP_DMA, "GFP_DMA" },
	{ __GFP_HIGHMEM, "__GFP_HIGHMEM" },
	{ GFP_DMA32, "GFP_DMA32" },
	{ __GFP_HIGH, "__GFP_HIGH" },
	{ __GFP_ATOMIC, "__GFP_ATOMIC" },
	{ __GFP_IO, "__GFP_IO" },
	{ __GFP_FS, "__GFP_FS" },
	{ __GFP_NOWARN, "__GFP_NOWARN" },
	{ __GFP_RETRY_MAYFAIL, "__GFP_RETRY_MAYFAIL" },
	{ __GFP_NOFAIL, "__GFP_NOFAIL" },
	{ __GFP_NORETRY, "__GFP_NORETRY" },
	{ __GFP_COMP, "__GFP_COMP" },
	{ __GFP_ZERO, "__GFP_ZERO" },
	{ __GFP_NOMEMALLOC, "__GFP_NOMEMALLOC" },
	{ __GFP_MEMALLOC, "__GFP_MEMALLOC" },
	{ __GFP_HARDWALL, "__GFP_HARDWALL" },
	{ __GFP_THISNODE, "__GFP_THISNODE" },
	{ __GFP_RECLAIMABLE, "__GFP_RECLAIMABLE" },
	{ __GFP_MOVABLE, "__GFP_MOVABLE" },
	{ __GFP_ACCOUNT, "__GFP_ACCOUNT" },
	{ __GFP_WRITE, "__GFP_WRITE" },
	{ __GFP_RECLAIM, "__GFP_RECLAIM" },
	{ __GFP_DIRECT_RECLAIM, "__GFP_DIRECT_RECLAIM" },
	{ __GFP_KSWAPD_RECLAIM, "__GFP_KSWAPD_RECLAIM" },
	{ 0, NULL }
};

/* Is @page in a CMA pageblock?  Only asked of a page of mem_map. */
static bool dump_page_cma(struct page *page)
{
	return page_zonenum(page) < MAX_NR_ZONES &&
	       zone_spans_pfn(page_zone(page), page_to_pfn(page)) &&
	       get_pageblock_migratetype(page) == MIGRATE_CMA;
}

void dump_page(struct page *page, const char *reason)
{
	bool page_cma = dump_page_cma(page);

	/* slab pages use the _mapcount word for their own purposes */
	pr_warn("page:%p refcount:%d mapcount:%d mapping:%p index:%#lx "
		"pfn:%#lx\n",
		(void *)page, page_ref_count(page),
		PageSlab(page) ? 0 : page_mapcount(page), (void *)page->mapping,
		page->index, page_to_pfn(page));
	pr_warn("flags: %#lx(%pGp)%s\n", page->flags, &page->flags,
		page_cma ? " CMA" : "");
	if (reason)
		pr_warn("page dumped because: %s\n", reason);
}
