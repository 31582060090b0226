// SPDX-License-Identifier: GPL-2.0
/*
 * The page cache (mm/filemap.c): a file's pages, kept in its
 * address_space at their index in the file, so that every read(),
 * write() and mapping of the file reaches the same page, and the
 * backing store is read once and written when the page is dirty.
 *
 * add_to_page_cache_lru() puts a new page in (locked: nobody may use it
 * before its file system filled it), find_get_page() and its
 * relatives look one up, delete_from_page_cache() takes one out.
 * read() copies from the cache, reading a page in through the file
 * system's readpage when it is missing; write() copies into it between
 * the file system's write_begin and write_end, which dirty it.
 *
 * SIMPLIFIED(v5.10): no LRU lists (add_to_page_cache_lru() adds to the
 * cache only: nothing reclaims clean pages), no readahead, no
 * iov_iter (read and write take one user buffer), no NR_FILE_PAGES
 * counters, no locks (one CPU; I/O does not sleep).
 */
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/highmem.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/pagemap.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/uaccess.h>
#include <linux/writeback.h>
#include <uapi/asm-generic/fcntl.h>

/**
 * add_to_page_cache_lru - make @page the page at @index of @mapping
 * @page: a new page, nobody's
 * @mapping: the file's
 * @index: the page's index in the file
 * @gfp: for the XArray's nodes
 *
 * The cache takes a reference; the page comes back locked, for its file
 * system to fill and unlock.
 * Return: 0, -EEXIST when another page is there, or -ENOMEM.
 */
//> ch37 add_to_page_cache_lru
int add_to_page_cache_lru(struct page *page, struct address_space *mapping,
			  pgoff_t index, gfp_t gfp)
{
	void *old;
	int error;

	/* TODO(ch37): the page locked, with the cache's reference, its
	   mapping and index, stored at @index unless a page is there;
	   undo all of it on failure; see chapters/37-file-mapping.md,
	   "add_to_page_cache_lru". */
	(void)page, (void)mapping, (void)index, (void)gfp, (void)old;
	(void)error;
	return -ENOMEM;
}
//< ch37 add_to_page_cache_lru

/*
 * delete_from_page_cache - take locked @page out of its file's cache,
 * and drop the cache's reference.  A page still mapped by a process is
 * a bug of the caller (5.10: "BUG: Bad page cache"): the mapping would
 * keep a page its file no longer knows.
 */
void delete_from_page_cache(struct page *page)
{
	struct address_space *mapping = page->mapping;

	BUG_ON(!PageLocked(page));
	if (page_mapped(page)) {
		pr_alert("BUG: Bad page cache in process %s pfn:%05lx\n",
			 current->comm, page_to_pfn(page));
		dump_page(page, "still mapped when freed");
	}
	xa_erase(&mapping->i_pages, page->index);
	page->mapping = NULL;
	mapping->nrpages--;
	ClearPageDirty(page); /* what it held is gone with the file */
	ClearPageUptodate(page);
	put_page(page);
}

/**
 * pagecache_get_page - the page at @index of @mapping, with a reference
 * @fgp_flags: FGP_LOCK to get it locked; FGP_ACCESSED to mark it used;
 *             FGP_CREAT to add a new page when there is none
 * @gfp: for a new page
 *
 * Return: the page, or NULL (none there and no FGP_CREAT, or no memory).
 * A new page is not up to date: its file system must fill it.
 */
//> ch37 pagecache_get_page
struct page *pagecache_get_page(struct address_space *mapping, pgoff_t index,
				int fgp_flags, gfp_t gfp)
{
	struct page *page;
	int err;

	/* TODO(ch37): the page at @index with a reference for the
	   caller, locked and marked as @fgp_flags ask; with FGP_CREAT a
	   new page when there is none; see chapters/37-file-mapping.md,
	   "pagecache_get_page". */
	(void)mapping, (void)index, (void)fgp_flags, (void)gfp;
	(void)page, (void)err;
	return NULL;
}
//< ch37 pagecache_get_page

/*
 * grab_cache_page_write_begin - the page at @index, locked, for a
 * write (a file system's write_begin starts here)
 */
struct page *grab_cache_page_write_begin(struct address_space *mapping,
					 pgoff_t index, unsigned int flags)
{
	(void)flags; /* 5.10: AOP_FLAG_NOFS */
	return pagecache_get_page(mapping, index, FGP_LOCK | FGP_CREAT,
				  mapping_gfp_mask(mapping));
}

/*
 * Have the file system fill locked, not up to date @page from the
 * backing store; readpage unlocks it.  (5.10 writes this out in both
 * read() and filemap_fault(); 5.11 made it filemap_read_page().)
 */
static int filemap_read_page(struct file *file, struct address_space *mapping,
			     struct page *page)
{
	int error = mapping->a_ops->readpage(file, page);

	if (error)
		return error;
	return PageUptodate(page) ? 0 : -EIO;
}

/*
 * The page at @index up to date, with a reference: from the cache, or
 * read in by the file system; an ERR_PTR() when that fails.
 */
static struct page *read_cache_page_for(struct file *file,
					struct address_space *mapping,
					pgoff_t index)
{
	struct page *page;
	int error;

	page = pagecache_get_page(mapping, index, FGP_CREAT,
				  mapping_gfp_mask(mapping));
	if (!page)
		return ERR_PTR(-ENOMEM);
	if (PageUptodate(page))
		return page;
	lock_page(page);
	if (PageUptodate(page)) { /* filled since we looked */
		unlock_page(page);
		return page;
	}
	error = filemap_read_page(file, mapping, page);
	if (error) {
		put_page(page);
		return ERR_PTR(error);
	}
	return page;
}

/**
 * generic_file_read - read() of a file through its page cache
 * @file: the file
 * @buf: the user's buffer
 * @count: how many bytes
 * @ppos: the position, moved by what was copied
 *
 * Each page from the cache, or read in (5.10's
 * generic_file_buffered_read()); never past the file's size.
 * Return: the bytes copied, 0 at the end, or -EFAULT, -ENOMEM, -EIO
 * when nothing could be.
 */
//> ch37 generic_file_read
ssize_t generic_file_read(struct file *file, char __user *buf, size_t count,
			  loff_t *ppos)
{
	struct address_space *mapping = file_inode(file)->i_mapping;
	struct inode *inode = mapping->host;
	loff_t pos = *ppos;
	ssize_t copied = 0;
	int error = 0;

	/* TODO(ch37): page by page from the cache (read_cache_page_for()),
	   never past i_size, copied to @buf; *ppos moved by what was
	   copied; see chapters/37-file-mapping.md, "read() through the
	   cache". */
	(void)inode, (void)buf, (void)count, (void)pos, (void)copied;
	(void)error, (void)read_cache_page_for;
	return -EINVAL;
}
//< ch37 generic_file_read

/*
 * Touch the user bytes a write will copy, so that the copy, made while
 * the page cache page is locked, does not fault into that same page (a
 * buffer mapped from the file being written) and lock it twice.
 */
static int fault_in_pages_readable(const char __user *buf, size_t size)
{
	char c;

	if (!size)
		return 0;
	if (copy_from_user(&c, buf, 1) || copy_from_user(&c, buf + size - 1, 1))
		return -EFAULT;
	return 0;
}

//> ch37 generic_perform_write
/*
 * Copy @count bytes from @buf into the file at @pos, a page at a time
 * between the file system's write_begin and write_end (which dirty the
 * page and grow the file).
 * Return: the bytes written, or an error when none were.
 */
static ssize_t generic_perform_write(struct file *file, const char __user *buf,
				     size_t count, loff_t pos)
{
	struct address_space *mapping = file_inode(file)->i_mapping;
	const struct address_space_operations *a_ops = mapping->a_ops;
	ssize_t written = 0;
	long status = 0;

	do {
		unsigned long offset = pos & (PAGE_SIZE - 1);
		unsigned long bytes =
			min_t(unsigned long, PAGE_SIZE - offset, count);
		unsigned long copied;
		struct page *page;
		void *fsdata, *kaddr;

		if (fault_in_pages_readable(buf, bytes)) {
			status = -EFAULT;
			break;
		}
		status = a_ops->write_begin(file, mapping, pos,
					    (unsigned int)bytes, 0, &page,
					    &fsdata);
		if (status < 0)
			break;
		kaddr = kmap(page);
		copied = bytes - copy_from_user(kaddr + offset, buf, bytes);
		kunmap(page);
		status = a_ops->write_end(file, mapping, pos,
					  (unsigned int)bytes,
					  (unsigned int)copied, page, fsdata);
		if (status < 0)
			break;
		if (!status) {
			status = -EFAULT;
			break;
		}
		pos += status;
		buf += status;
		count -= (size_t)status;
		written += status;
	} while (count);
	return written ? written : status;
}

/**
 * generic_file_write - write() of a file through its page cache
 * @file: the file
 * @buf: the user's bytes
 * @count: how many
 * @ppos: the position (the end of the file with O_APPEND), moved by
 *        what was written
 *
 * Return: the bytes written, -EFBIG at the file system's largest file,
 * or -EFAULT.
 */
ssize_t generic_file_write(struct file *file, const char __user *buf,
			   size_t count, loff_t *ppos)
{
	struct inode *inode = file_inode(file);
	loff_t pos = *ppos, max = inode->i_sb->s_maxbytes;
	ssize_t written;

	if (file->f_flags & O_APPEND)
		pos = inode->i_size;
	if (pos < 0)
		return -EINVAL;
	if (!count)
		return 0;
	if (pos >= max)
		return -EFBIG;
	count = (size_t)min_t(loff_t, (loff_t)count, max - pos);
	written = generic_perform_write(file, buf, count, pos);
	if (written > 0)
		*ppos = pos + written;
	return written;
}
//< ch37 generic_perform_write

/**
 * filemap_fault - the page of a file's mapping that a fault needs
 * @vmf: the fault; vmf->pgoff is the page's index in the file
 *
 * From the page cache, or read in first (a major fault); past the end
 * of the file, SIGBUS.  Nothing else was allocated for the mapping:
 * its pages come here, one fault at a time.
 * Return: VM_FAULT_LOCKED with vmf->page locked and held (and
 * VM_FAULT_MAJOR if it was read in), VM_FAULT_SIGBUS, or VM_FAULT_OOM.
 */
//> ch38 filemap_fault
vm_fault_t filemap_fault(struct vm_fault *vmf)
{
	struct file *file = vmf->vma->vm_file;
	struct address_space *mapping = file_inode(file)->i_mapping;
	struct inode *inode = mapping->host;
	pgoff_t offset = vmf->pgoff;
	vm_fault_t ret = 0;
	struct page *page;

	/* TODO(ch38): SIGBUS past the end of the file; the page from the
	   cache, or a new one read in (a major fault); returned locked and
	   up to date in vmf->page; see chapters/38-file-faults.md,
	   "filemap_fault". */
	(void)file, (void)mapping, (void)inode, (void)offset, (void)ret;
	(void)page, (void)filemap_read_page;
	return VM_FAULT_SIGBUS;
}
//< ch38 filemap_fault

/*
 * filemap_page_mkwrite - a page of a shared mapping becomes writable:
 * dirty it now, so that writeback finds it (returned locked)
 */
vm_fault_t filemap_page_mkwrite(struct vm_fault *vmf)
{
	struct page *page = vmf->page;

	lock_page(page);
	set_page_dirty(page);
	return VM_FAULT_LOCKED;
}

static const struct vm_operations_struct generic_file_vm_ops = {
	.fault = filemap_fault,
	.page_mkwrite = filemap_page_mkwrite,
};

/*
 * generic_file_mmap - mmap of a file of the page cache: nothing is
 * allocated or mapped now; the VMA gets the page cache's vm_ops, and
 * each page comes at its first fault (filemap_fault()).
 */
//> ch37 generic_file_mmap
int generic_file_mmap(struct file *file, struct vm_area_struct *vma)
{
	if (!file_inode(file)->i_mapping->a_ops->readpage)
		return -ENOEXEC;
	vma->vm_ops = &generic_file_vm_ops;
	return 0;
}
//< ch37 generic_file_mmap

/*
 * __filemap_fdatawrite_range - write @mapping's dirty pages of bytes
 * [@start, @end] through its file system (WB_SYNC_ALL: every one)
 */
static int __filemap_fdatawrite_range(struct address_space *mapping,
				      loff_t start, loff_t end, int sync_mode)
{
	struct writeback_control wbc = {
		.sync_mode = sync_mode,
		.nr_to_write = LONG_MAX,
		.range_start = start,
		.range_end = end,
	};

	if (!mapping_can_writeback(mapping) ||
	    !mapping_tagged(mapping, PAGECACHE_TAG_DIRTY))
		return 0;
	return do_writepages(mapping, &wbc);
}

/* filemap_fdatawrite - write every dirty page of @mapping */
int filemap_fdatawrite(struct address_space *mapping)
{
	return __filemap_fdatawrite_range(mapping, 0, LLONG_MAX, WB_SYNC_ALL);
}

/*
 * Wait for the writeback of [@start, @end] to end: ours ends before
 * ->writepage returns, so a page still under writeback is a bug.
 */
static int filemap_fdatawait_range(struct address_space *mapping, loff_t start,
				   loff_t end)
{
	unsigned long index = (unsigned long)(start >> PAGE_SHIFT);
	struct page *page = xa_find(&mapping->i_pages, &index,
				    (unsigned long)(end >> PAGE_SHIFT),
				    PAGECACHE_TAG_WRITEBACK);

	return WARN_ON(page) ? -EIO : 0;
}

/**
 * filemap_write_and_wait_range - write the dirty pages of bytes
 * [@lstart, @lend] of @mapping, and wait until they are written
 * Return: 0, or the file system's error.
 */
int filemap_write_and_wait_range(struct address_space *mapping, loff_t lstart,
				 loff_t lend)
{
	int err = 0, err2;

	if (mapping->nrpages) {
		err = __filemap_fdatawrite_range(mapping, lstart, lend,
						 WB_SYNC_ALL);
		err2 = filemap_fdatawait_range(mapping, lstart, lend);
		if (!err)
			err = err2;
	}
	return err;
}

/* file_write_and_wait_range - the same, of an open file (fsync) */
int file_write_and_wait_range(struct file *file, loff_t lstart, loff_t lend)
{
	return filemap_write_and_wait_range(file_inode(file)->i_mapping, lstart,
					    lend);
}
