// SPDX-License-Identifier: GPL-2.0
/*
 * Open files (fs/file_table.c): made by open(), counted by every
 * descriptor and every VMA that holds one, released with the last.
 *
 * SIMPLIFIED(v5.10): fput() releases at once; 5.10 defers __fput() to
 * task_work, run on the way back to user mode, so that a release never
 * runs under a lock the caller holds.
 */
#include <linux/bug.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <uapi/asm-generic/fcntl.h>

static struct kmem_cache *filp_cachep;

/* OPEN_FMODE(): O_RDONLY, O_WRONLY, O_RDWR as FMODE_READ/WRITE */
static fmode_t open_fmode(unsigned int flags)
{
	unsigned int acc = flags & O_ACCMODE;

	return (acc == O_RDONLY || acc == O_RDWR ? FMODE_READ : 0) |
	       (acc == O_WRONLY || acc == O_RDWR ? FMODE_WRITE : 0);
}

/**
 * alloc_file - a new open file of @inode, counted once
 * @inode: what it opens
 * @flags: open()'s O_* flags, which give f_mode
 * @fop: its operations (the driver's open may replace them)
 * Return: the file, or NULL when memory is short.
 */
struct file *alloc_file(struct inode *inode, unsigned int flags,
			const struct file_operations *fop)
{
	struct file *f;

	if (!filp_cachep)
		filp_cachep = kmem_cache_create("filp", sizeof(struct file), 0,
						SLAB_HWCACHE_ALIGN, NULL);
	f = filp_cachep ? kmem_cache_zalloc(filp_cachep, GFP_KERNEL) : NULL;
	if (!f)
		return NULL;
	f->f_op = fop;
	f->f_inode = inode;
	ihold(inode); /* 5.10: the file holds a dentry, the dentry the inode */
	f->f_flags = flags;
	f->f_mode = open_fmode(flags) | FMODE_LSEEK;
	f->f_count = 1;
	return f;
}

/* fput - drop a reference; the last one releases the file */
void fput(struct file *file)
{
	if (WARN_ON(file->f_count <= 0))
		return;
	if (--file->f_count)
		return;
	if (file->f_op && file->f_op->release)
		file->f_op->release(file->f_inode, file);
	iput(file->f_inode);
	kmem_cache_free(filp_cachep, file);
}
