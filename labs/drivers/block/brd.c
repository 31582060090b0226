// SPDX-License-Identifier: GPL-2.0
/*
 * A RAM disk (drivers/block/brd.c): a disk whose blocks are pages of
 * RAM, allocated when a block is first written and kept in an XArray
 * by block number, as 5.10's brd keeps them in a radix tree.  A block
 * never written reads as zeroes.  It is the backing store of diskfs
 * (fs/diskfs/): what a file's page cache page is read from and written
 * back to.
 *
 * SIMPLIFIED(v5.10): no block layer.  5.10's file systems reach a disk
 * through bios (submit_bio(), the request queue, brd_submit_bio());
 * ours calls brd_read_page() and brd_write_page() directly, a page
 * (one 4 KiB block) at a time, and they complete at once.  The counts
 * of pages read and written are 5.10's "reads completed" and "writes
 * completed" of /sys/block/ram0/stat.
 */
#include <string.h>
#include <linux/brd.h>
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/kernel.h>
#include <linux/mm.h>

struct brd_device brd0 = { .brd_number = 0 };

/* The page that holds @block, or NULL if it was never written. */
static struct page *brd_lookup_page(struct brd_device *brd, unsigned long block)
{
	return xa_load(&brd->brd_pages, block);
}

/* The page of @block, allocated (zeroed) at the first write. */
static struct page *brd_insert_page(struct brd_device *brd, unsigned long block)
{
	struct page *page = brd_lookup_page(brd, block);

	if (page)
		return page;
	page = alloc_page(GFP_NOIO | __GFP_ZERO | __GFP_HIGHMEM);
	if (!page)
		return NULL;
	if (xa_is_err(xa_store(&brd->brd_pages, block, page, GFP_NOIO))) {
		__free_page(page);
		return NULL;
	}
	brd->brd_nr_pages++;
	return page;
}

/* brd_read_page - @block's bytes into @page (zeroes if never written) */
int brd_read_page(struct brd_device *brd, unsigned long block,
		  struct page *page)
{
	struct page *src = brd_lookup_page(brd, block);
	void *dst = kmap(page);

	if (src) {
		memcpy(dst, kmap(src), PAGE_SIZE);
		kunmap(src);
	} else {
		memset(dst, 0, PAGE_SIZE);
	}
	kunmap(page);
	brd->reads++;
	return 0;
}

/* brd_write_page - @page's bytes to @block: 0, or -ENOMEM (an I/O error) */
int brd_write_page(struct brd_device *brd, unsigned long block,
		   struct page *page)
{
	struct page *dst = brd_insert_page(brd, block);

	if (!dst)
		return -ENOMEM;
	memcpy(kmap(dst), kmap(page), PAGE_SIZE);
	kunmap(page);
	kunmap(dst);
	brd->writes++;
	return 0;
}

/*
 * brd_discard - forget @block: it reads as zeroes again (ours, for a
 * deleted file's blocks; 5.10's brd frees its pages only when the
 * device goes, brd_free_pages())
 */
void brd_discard(struct brd_device *brd, unsigned long block)
{
	struct page *page = xa_erase(&brd->brd_pages, block);

	if (page) {
		__free_page(page);
		brd->brd_nr_pages--;
	}
}
