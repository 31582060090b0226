// SPDX-License-Identifier: GPL-2.0
/*
 * Opening and closing a file (fs/open.c), and open(2): a name becomes an
 * open file with the inode's operations, which the file's open() may
 * replace (a character device's does: chrdev_open(), misc_open()).
 */
#include <string.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <uapi/asm-generic/fcntl.h>

//> ch35 filp_open
/**
 * filp_open - open @filename
 * @flags: O_RDONLY, O_WRONLY or O_RDWR (O_CREAT: chapter 37); 3, as in
 *         5.10, opens for neither (a driver's ioctl() only)
 * @mode: the new file's mode, with O_CREAT
 * Return: the file, or ERR_PTR(-ENOENT), -ENOMEM, or the driver's
 * open()'s error.
 */
struct file *filp_open(const char *filename, int flags, umode_t mode)
{
	struct inode *inode = lookup_inode(filename);
	struct file *f;
	int error;

	if (!inode && (flags & O_CREAT)) {
		inode = vfs_create(filename, mode);
		if (IS_ERR(inode))
			return ERR_CAST(inode);
	}
	if (!inode)
		return ERR_PTR(-ENOENT);
	f = alloc_file(inode, (unsigned int)flags, inode->i_fop);
	if (!f)
		return ERR_PTR(-ENOMEM);
	strncpy(f->f_path, filename, sizeof(f->f_path) - 1);
	if (f->f_op && f->f_op->open) {
		error = f->f_op->open(inode, f);
		if (error) {
			f->f_op = NULL; /* nothing to release */
			fput(f);
			return ERR_PTR(error);
		}
	}
	return f;
}
//< ch35 filp_open

/* filp_close - a descriptor lets go of @filp (close(), exit) */
int filp_close(struct file *filp)
{
	fput(filp);
	return 0;
}

/* do_sys_open - open @filename for current: the new descriptor */
static long do_sys_open(const char __user *filename, int flags, umode_t mode)
{
	char name[64];
	long len = strncpy_from_user(name, filename, sizeof(name));
	struct file *f;
	int fd;

	if (len < 0)
		return len;
	if (len == sizeof(name))
		return -ENAMETOOLONG;
	fd = get_unused_fd_flags((unsigned int)flags);
	if (fd < 0)
		return fd;
	f = filp_open(name, flags, mode);
	if (IS_ERR(f)) {
		put_unused_fd((unsigned int)fd);
		return PTR_ERR(f);
	}
	fd_install((unsigned int)fd, f);
	return fd;
}

long sys_open(const char __user *filename, int flags, umode_t mode)
{
	return do_sys_open(filename, flags, mode);
}
