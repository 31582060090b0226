// SPDX-License-Identifier: GPL-2.0
/*
 * diskfs: a small file system on the RAM disk, mounted at /mnt (the
 * file system of lectures 37 and 38, 文件映射).  Its files' bytes live
 * in blocks of /dev/ram0 (drivers/block/brd.c); read(), write() and
 * (chapter 38) mappings reach them through the page cache, which reads
 * a block in when a page is first needed (readpage) and writes a dirty
 * page back (writepage).
 *
 * The layout is the simplest there is: file n of the 16 a disk holds
 * owns blocks [n * 1024, (n + 1) * 1024), so a file's page i is block
 * n * 1024 + i (diskfs_block(), ext2_get_block()'s job in ext2) and a
 * file holds at most 4 MiB.
 *
 * SIMPLIFIED(v5.10): the inodes and the names live in memory only, as
 * ramfs's do (no on-disk inode, directory or bitmap); only the data
 * has a backing store.  No directories: a file is "/mnt/NAME".
 */
#include <linux/brd.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/highmem.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/pagemap.h>
#include <linux/slab.h>
#include <string.h>

#define DISKFS_MAX_FILES 16
#define DISKFS_FILE_BLOCKS 1024 /* 4 MiB a file */

/* A diskfs inode: the VFS's, and which slot of the disk it owns. */
struct diskfs_inode_info {
	unsigned int slot;
	struct inode vfs_inode;
};

static struct diskfs_inode_info *DISKFS_I(struct inode *inode)
{
	return container_of(inode, struct diskfs_inode_info, vfs_inode);
}

static bool slot_used[DISKFS_MAX_FILES];

/* Its inodes' cache (ext2's ext2_inode_cachep), made at the first file. */
static struct kmem_cache *diskfs_inode_cachep;

//> ch37 diskfs_aops
/* The disk block that holds page @index of @inode. */
static unsigned long diskfs_block(struct inode *inode, pgoff_t index)
{
	return DISKFS_I(inode)->slot * DISKFS_FILE_BLOCKS + index;
}

/* Fill a locked page from the disk, mark it up to date, unlock it. */
static int diskfs_readpage(struct file *file, struct page *page)
{
	struct inode *inode = page->mapping->host;
	int err = brd_read_page(&brd0, diskfs_block(inode, page->index), page);

	(void)file;
	if (!err)
		SetPageUptodate(page);
	unlock_page(page);
	return err;
}

/*
 * Before a write of @len bytes at @pos: the page, locked, and up to
 * date where the write will not cover it (read from the disk, or zeroes
 * past the end of the file), as block_write_begin() does.
 */
static int diskfs_write_begin(struct file *file, struct address_space *mapping,
			      loff_t pos, unsigned int len, unsigned int flags,
			      struct page **pagep, void **fsdata)
{
	pgoff_t index = (pgoff_t)(pos >> PAGE_SHIFT);
	struct page *page;

	(void)file, (void)fsdata;
	page = grab_cache_page_write_begin(mapping, index, flags);
	if (!page)
		return -ENOMEM;
	*pagep = page;
	if (!PageUptodate(page) && len != PAGE_SIZE) {
		if ((loff_t)index << PAGE_SHIFT >= mapping->host->i_size) {
			memset(kmap(page), 0, PAGE_SIZE);
			kunmap(page);
		} else {
			brd_read_page(&brd0, diskfs_block(mapping->host, index),
				      page);
		}
		SetPageUptodate(page);
	}
	return 0;
}

/*
 * After the copy: the file grows to what was written, the page is
 * dirty; a short copy into a page that was not up to date writes
 * nothing (the page holds part old, part garbage), as
 * block_write_end() says.
 */
static int diskfs_write_end(struct file *file, struct address_space *mapping,
			    loff_t pos, unsigned int len, unsigned int copied,
			    struct page *page, void *fsdata)
{
	struct inode *inode = mapping->host;

	(void)file, (void)fsdata;
	if (!PageUptodate(page)) {
		if (copied < len)
			copied = 0;
		else
			SetPageUptodate(page);
	}
	if (copied) {
		if (pos + copied > inode->i_size)
			inode->i_size = pos + copied;
		set_page_dirty(page);
	}
	unlock_page(page);
	put_page(page);
	return (int)copied;
}

/*
 * Write a locked, cleaned page to its block (as block_write_full_page()
 * does for a file system on a disk): under PG_writeback, unlocked while
 * it is written.  The part of the last page past the end of the file is
 * zeroed first: a write through a mapping there never reaches the file.
 */
static int diskfs_writepage(struct page *page, struct writeback_control *wbc)
{
	struct inode *inode = page->mapping->host;
	pgoff_t end_index = (pgoff_t)(inode->i_size >> PAGE_SHIFT);
	unsigned int offset = inode->i_size & ~PAGE_MASK;
	int err;

	(void)wbc;
	if (page->index > end_index || (page->index == end_index && !offset)) {
		unlock_page(page); /* wholly past the end: nothing to write */
		return 0;
	}
	if (page->index == end_index)
		zero_user_segment(page, offset, PAGE_SIZE);
	set_page_writeback(page);
	unlock_page(page);
	err = brd_write_page(&brd0, diskfs_block(inode, page->index), page);
	end_page_writeback(page);
	return err;
}

static const struct address_space_operations diskfs_aops = {
	.readpage = diskfs_readpage,
	.writepage = diskfs_writepage,
	.write_begin = diskfs_write_begin,
	.write_end = diskfs_write_end,
};

static const struct file_operations diskfs_file_operations = {
	.llseek = generic_file_llseek,
	.read = generic_file_read,
	.write = generic_file_write,
	.mmap = generic_file_mmap,
	.fsync = generic_file_fsync,
};
//< ch37 diskfs_aops

/*
 * The last reference is gone (no name, no open file, no mapping): its
 * pages leave the cache, its blocks are freed, its slot is free again.
 */
static void diskfs_evict_inode(struct inode *inode)
{
	struct diskfs_inode_info *di = DISKFS_I(inode);

	truncate_inode_pages(&inode->i_data, 0);
	for (unsigned long b = 0; b < DISKFS_FILE_BLOCKS; b++)
		brd_discard(&brd0, diskfs_block(inode, b));
	slot_used[di->slot] = false;
	kmem_cache_free(diskfs_inode_cachep, di);
}

static const struct super_operations diskfs_sops = {
	.evict_inode = diskfs_evict_inode,
};

/* The mounted file system: /dev/ram0's device number. */
struct super_block diskfs_sb = {
	.s_dev = MKDEV(RAMDISK_MAJOR, 0),
	.s_maxbytes = (loff_t)DISKFS_FILE_BLOCKS << PAGE_SHIFT,
	.s_op = &diskfs_sops,
};

/**
 * diskfs_create - a new empty file @name ("/mnt/NAME")
 * Return: its inode, held by its name; ERR_PTR(-ENOSPC) when the disk
 * has 16 files, -ENOMEM, or link_inode()'s error.
 */
struct inode *diskfs_create(const char *name, umode_t mode)
{
	struct diskfs_inode_info *di;
	struct inode *inode;
	unsigned int slot;
	int err;

	for (slot = 0; slot < DISKFS_MAX_FILES && slot_used[slot]; slot++)
		;
	if (slot == DISKFS_MAX_FILES)
		return ERR_PTR(-ENOSPC);
	if (!diskfs_inode_cachep)
		diskfs_inode_cachep = kmem_cache_create(
			"diskfs_inode_cache", sizeof(struct diskfs_inode_info),
			0, 0, NULL);
	di = diskfs_inode_cachep
		     ? kmem_cache_alloc(diskfs_inode_cachep, GFP_KERNEL)
		     : NULL;
	if (!di)
		return ERR_PTR(-ENOMEM);
	inode = &di->vfs_inode;
	inode_init_once(inode, &diskfs_sb);
	di->slot = slot;
	inode->i_mode = S_IFREG | (mode & 0777);
	inode->i_fop = &diskfs_file_operations;
	inode->i_mapping->a_ops = &diskfs_aops;
	err = link_inode(name, inode);
	if (err) {
		kmem_cache_free(diskfs_inode_cachep, di);
		return ERR_PTR(err);
	}
	slot_used[slot] = true;
	inode->i_count = 1; /* the name's */
	return inode;
}
