// SPDX-License-Identifier: GPL-2.0
/*
 * Dirty pages (mm/page-writeback.c): a page cache page whose bytes are
 * newer than its backing store's is PG_dirty, and tagged
 * PAGECACHE_TAG_DIRTY in its file's XArray so that writeback finds it
 * without looking at every page.
 *
 * SIMPLIFIED(v5.10): no dirty accounting or throttling
 * (balance_dirty_pages()), no inode dirty lists, no flusher threads.
 */
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/pagemap.h>

/*
 * __set_page_dirty_nobuffers - dirty @page and tag it in its mapping
 * Return: 1 if it was clean, 0 if it was dirty already.
 */
int __set_page_dirty_nobuffers(struct page *page)
{
	struct address_space *mapping = page->mapping;

	if (TestSetPageDirty(page))
		return 0;
	if (mapping)
		xa_set_mark(&mapping->i_pages, page->index,
			    PAGECACHE_TAG_DIRTY);
	return 1;
}

/**
 * set_page_dirty - @page's bytes are newer than the backing store's
 * Return: 1 if it was clean, 0 if it was dirty already.  The file
 * system may do more (its ->set_page_dirty); most take this default.
 */
int set_page_dirty(struct page *page)
{
	struct address_space *mapping = page->mapping;

	if (mapping && mapping->a_ops->set_page_dirty)
		return mapping->a_ops->set_page_dirty(page);
	return __set_page_dirty_nobuffers(page);
}
