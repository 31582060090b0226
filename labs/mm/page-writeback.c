// SPDX-License-Identifier: GPL-2.0
/*
 * Dirty pages (mm/page-writeback.c): a page cache page whose bytes are
 * newer than its backing store's is PG_dirty, and tagged
 * PAGECACHE_TAG_DIRTY in its file's XArray so that writeback finds it
 * without looking at every page.
 *
 * Writeback (write_cache_pages()) writes a file's dirty pages through
 * its file system's writepage: each page is cleaned first, in the page
 * and in every PTE that maps it (page_mkclean()), so that a write
 * through a mapping after that faults and dirties the page again.
 *
 * SIMPLIFIED(v5.10): no dirty accounting or throttling
 * (balance_dirty_pages()), no inode dirty lists, no flusher threads; a
 * writepage is done when it returns (no I/O in flight to wait for).
 */
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/pagemap.h>
#include <linux/rmap.h>
#include <linux/writeback.h>

//> ch38 set_page_dirty
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

/*
 * clear_page_dirty_for_io - locked @page is about to be written: clean
 * it, and every PTE that maps it (read-only again, so that the next
 * write through a mapping faults and dirties the page anew)
 * Return: 1 if the page was dirty (write it), 0 if not.
 */
int clear_page_dirty_for_io(struct page *page)
{
	VM_BUG_ON_PAGE(!PageLocked(page), page);
	if (page->mapping && mapping_can_writeback(page->mapping)) {
		/* a dirty PTE is a dirty page: carry it over before cleaning */
		if (page_mkclean(page))
			set_page_dirty(page);
	}
	return TestClearPageDirty(page);
}
//< ch38 set_page_dirty

/*
 * set_page_writeback - @page is being written: PG_writeback and the
 * writeback tag on, the dirty tag off if it is clean, the towrite tag
 * off (5.10's __test_set_page_writeback())
 */
void set_page_writeback(struct page *page)
{
	struct address_space *mapping = page->mapping;

	VM_BUG_ON_PAGE(TestSetPageWriteback(page), page);
	xa_set_mark(&mapping->i_pages, page->index, PAGECACHE_TAG_WRITEBACK);
	if (!PageDirty(page))
		xa_clear_mark(&mapping->i_pages, page->index,
			      PAGECACHE_TAG_DIRTY);
	xa_clear_mark(&mapping->i_pages, page->index, PAGECACHE_TAG_TOWRITE);
}

/* end_page_writeback - the write of @page is done */
void end_page_writeback(struct page *page)
{
	if (!TestClearPageWriteback(page))
		BUG();
	xa_clear_mark(&page->mapping->i_pages, page->index,
		      PAGECACHE_TAG_WRITEBACK);
}

/*
 * tag_pages_for_writeback - tag the dirty pages of [@start, @end] to
 * write, so that a page dirtied while the others are written waits for
 * the next writeback, and a sync ends (5.10's)
 */
void tag_pages_for_writeback(struct address_space *mapping, pgoff_t start,
			     pgoff_t end)
{
	unsigned long index = start;
	struct page *page;

	for (page = xa_find(&mapping->i_pages, &index, end,
			    PAGECACHE_TAG_DIRTY);
	     page; page = xa_find_after(&mapping->i_pages, &index, end,
					PAGECACHE_TAG_DIRTY))
		xa_set_mark(&mapping->i_pages, index, PAGECACHE_TAG_TOWRITE);
}

//> ch38 write_cache_pages
/**
 * write_cache_pages - write @mapping's dirty pages in @wbc's range
 * @mapping: the file's pages
 * @wbc: the range, how many pages, and whether to write every one
 *       (WB_SYNC_ALL: fsync, msync) or what is convenient
 * @writepage: writes one locked, cleaned page, and unlocks it
 * @data: for @writepage
 *
 * Each page found by its tag (towrite when syncing, else dirty) is
 * locked and looked at again: a page truncated or cleaned meanwhile is
 * skipped; the others are cleaned (clear_page_dirty_for_io()) and
 * written.
 * Return: 0, or the first error of @writepage.
 */
int write_cache_pages(struct address_space *mapping,
		      struct writeback_control *wbc, writepage_t writepage,
		      void *data)
{
	unsigned long index = (unsigned long)(wbc->range_start >> PAGE_SHIFT);
	unsigned long end = (unsigned long)(wbc->range_end >> PAGE_SHIFT);
	xa_mark_t tag = PAGECACHE_TAG_DIRTY;
	struct page *page;
	int ret = 0;

	/* TODO(ch38): each page tagged in [index, end] (tag the dirty
	   ones to write first when syncing), locked, still the file's and
	   dirty, cleaned and written; see chapters/38-file-faults.md,
	   "Writeback". */
	(void)mapping, (void)writepage, (void)data, (void)page;
	(void)index, (void)end, (void)tag;
	return ret;
}
//< ch38 write_cache_pages

/* The file system's writepage, as write_cache_pages() calls one. */
static int __writepage(struct page *page, struct writeback_control *wbc,
		       void *data)
{
	struct address_space *mapping = data;

	return mapping->a_ops->writepage(page, wbc);
}

/* generic_writepages - every dirty page through ->writepage */
int generic_writepages(struct address_space *mapping,
		       struct writeback_control *wbc)
{
	if (!mapping->a_ops->writepage)
		return 0;
	return write_cache_pages(mapping, wbc, __writepage, mapping);
}

/* do_writepages - write @mapping's dirty pages as @wbc asks */
int do_writepages(struct address_space *mapping, struct writeback_control *wbc)
{
	if (wbc->nr_to_write <= 0)
		return 0;
	return generic_writepages(mapping, wbc);
}
