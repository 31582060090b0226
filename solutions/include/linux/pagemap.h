/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The page cache (include/linux/pagemap.h): a file's pages in its
 * address_space, each at its index in the file (page->mapping,
 * page->index), found through the XArray mapping->i_pages.
 *
 * A page cache page holds one reference for the cache, one more for
 * each user who looked it up (find_get_page()) until put_page(), and
 * one for each mapping of it.  PG_locked says someone is filling it or
 * writing it back; PG_uptodate that its bytes are the file's;
 * PG_dirty that they are newer than the backing store's.
 */
#ifndef _LINUX_PAGEMAP_H
#define _LINUX_PAGEMAP_H

#include <linux/bug.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/xarray.h>

/* The marks of mapping->i_pages */
#define PAGECACHE_TAG_DIRTY XA_MARK_0
#define PAGECACHE_TAG_WRITEBACK XA_MARK_1
#define PAGECACHE_TAG_TOWRITE XA_MARK_2

static inline gfp_t mapping_gfp_mask(struct address_space *mapping)
{
	return mapping->gfp_mask;
}

/* A page for @x's cache (5.10's __page_cache_alloc()). */
static inline struct page *page_cache_alloc(struct address_space *x)
{
	return alloc_pages(mapping_gfp_mask(x), 0);
}

//> ch37 linear_page_index
/*
 * linear_page_index - the index in @vma's file of the page at @address
 * (what a fault on a file mapping looks up in the page cache): the
 * mapping's first page is page vm_pgoff of the file, set by mmap()'s
 * offset
 */
static inline pgoff_t linear_page_index(struct vm_area_struct *vma,
					unsigned long address)
{
	// BEGIN SOLUTION ch37
	return ((address - vma->vm_start) >> PAGE_SHIFT) + vma->vm_pgoff;
	// STUB
	// /* TODO(ch37): the page's index in the file; see
	//    chapters/37-file-mapping.md, "vm_pgoff and the offset". */
	// (void)vma, (void)address;
	// return 0;
	// END SOLUTION
}
//< ch37 linear_page_index

/* What pagecache_get_page() does besides finding (5.10's values) */
#define FGP_ACCESSED 0x00000001 /* mark it referenced */
#define FGP_LOCK 0x00000002 /* return it locked */
#define FGP_CREAT 0x00000004 /* none there: add a new one */

struct page *pagecache_get_page(struct address_space *mapping, pgoff_t index,
				int fgp_flags, gfp_t gfp);

/* find_get_page - the page at @index with a reference, or NULL */
static inline struct page *find_get_page(struct address_space *mapping,
					 pgoff_t index)
{
	return pagecache_get_page(mapping, index, 0, 0);
}

/* find_lock_page - the same, locked */
static inline struct page *find_lock_page(struct address_space *mapping,
					  pgoff_t index)
{
	return pagecache_get_page(mapping, index, FGP_LOCK, 0);
}

/* find_or_create_page - the page at @index, a new one if none; locked */
static inline struct page *find_or_create_page(struct address_space *mapping,
					       pgoff_t index, gfp_t gfp)
{
	return pagecache_get_page(mapping, index,
				  FGP_LOCK | FGP_ACCESSED | FGP_CREAT, gfp);
}

struct page *grab_cache_page_write_begin(struct address_space *mapping,
					 pgoff_t index, unsigned int flags);

int add_to_page_cache_lru(struct page *page, struct address_space *mapping,
			  pgoff_t index, gfp_t gfp);
void delete_from_page_cache(struct page *page);

/*
 * PG_locked: one owner at a time.  SIMPLIFIED(v5.10): one CPU and no
 * I/O that sleeps, so nobody ever waits for a page: locking a locked
 * page is a bug here, where 5.10's lock_page() sleeps until
 * unlock_page() wakes it.
 */
static inline bool trylock_page(struct page *page)
{
	return !TestSetPageLocked(page);
}

static inline void lock_page(struct page *page)
{
	bool was_locked = TestSetPageLocked(page);

	VM_BUG_ON_PAGE(was_locked, page); /* 5.10 would wait: a deadlock */
	(void)was_locked;
}

static inline void unlock_page(struct page *page)
{
	VM_BUG_ON_PAGE(!PageLocked(page), page);
	ClearPageLocked(page);
}

/* mm/filemap.c: read() and write() of a file through its page cache */
ssize_t generic_file_read(struct file *file, char __user *buf, size_t count,
			  loff_t *ppos);
ssize_t generic_file_write(struct file *file, const char __user *buf,
			   size_t count, loff_t *ppos);

/* mm/filemap.c: mappings of a file of the page cache */
int generic_file_mmap(struct file *file, struct vm_area_struct *vma);
vm_fault_t filemap_fault(struct vm_fault *vmf);

/*
 * May @mapping's dirty pages be written back?  (5.10 asks its backing
 * device, BDI_CAP_WRITEBACK; here, whether its file system can write a
 * page.)
 */
static inline bool mapping_can_writeback(struct address_space *mapping)
{
	return mapping->a_ops && mapping->a_ops->writepage;
}

/* Has any page of @mapping the mark @tag? */
static inline bool mapping_tagged(struct address_space *mapping, xa_mark_t tag)
{
	unsigned long index = 0;

	return xa_find(&mapping->i_pages, &index, ~0UL, tag) != NULL;
}

/* mm/filemap.c and mm/page-writeback.c: writing dirty pages back */
int filemap_fdatawrite(struct address_space *mapping);
int filemap_write_and_wait_range(struct address_space *mapping, loff_t lstart,
				 loff_t lend);
int file_write_and_wait_range(struct file *file, loff_t lstart, loff_t lend);
int clear_page_dirty_for_io(struct page *page);
void set_page_writeback(struct page *page);
void end_page_writeback(struct page *page);
void tag_pages_for_writeback(struct address_space *mapping, pgoff_t start,
			     pgoff_t end);
vm_fault_t filemap_page_mkwrite(struct vm_fault *vmf);

/* mm/memory.c */
vm_fault_t alloc_set_pte(struct vm_fault *vmf, struct page *page);
vm_fault_t finish_fault(struct vm_fault *vmf);

/* mm/truncate.c */
void truncate_inode_pages(struct address_space *mapping, loff_t lstart);

#endif /* _LINUX_PAGEMAP_H */
