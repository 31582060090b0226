// SPDX-License-Identifier: GPL-2.0
/*
 * Dropping a file's pages (mm/truncate.c): when a file shrinks or goes,
 * its page cache pages past the new end leave the cache.
 *
 * SIMPLIFIED(v5.10): no unmap_mapping_range() first (our callers
 * truncate only a file nobody maps: the last iput() of an inode whose
 * VMAs are gone), and a partial last page is not zeroed (nothing here
 * truncates to a size inside a page).
 */
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/pagemap.h>

/**
 * truncate_inode_pages - drop @mapping's pages from the byte @lstart on
 * (5.10's truncate_inode_pages_range() to the end of the file)
 * @mapping: the file's pages
 * @lstart: the first byte to go, page aligned here
 *
 * Dirty pages are dropped, not written: what they held is cut off.
 */
void truncate_inode_pages(struct address_space *mapping, loff_t lstart)
{
	unsigned long index;
	struct page *page;

	xa_for_each_start(&mapping->i_pages, index, page,
			  (unsigned long)(lstart >> PAGE_SHIFT)) {
		get_page(page); /* ours until unlocked (5.10: the lookup's) */
		lock_page(page);
		delete_from_page_cache(page);
		unlock_page(page);
		put_page(page);
	}
}
