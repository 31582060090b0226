// SPDX-License-Identifier: GPL-2.0
/*
 * fsync (fs/sync.c): a file's data written to its backing store before
 * the call returns.
 */
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/syscalls.h>

/**
 * vfs_fsync_range - write @file's data of bytes [@start, @end] back
 * @datasync: only the data, not what only describes it (times)
 *
 * Return: 0, -EINVAL for a file that cannot be synced (a device
 * without ->fsync), or the file system's error.
 */
int vfs_fsync_range(struct file *file, loff_t start, loff_t end, int datasync)
{
	if (!file->f_op->fsync)
		return -EINVAL;
	return file->f_op->fsync(file, start, end, datasync);
}

/* vfs_fsync - all of @file's data */
int vfs_fsync(struct file *file, int datasync)
{
	return vfs_fsync_range(file, 0, LLONG_MAX, datasync);
}

/* fsync(2) */
long sys_fsync(unsigned int fd)
{
	struct file *f = fget(fd);
	int ret;

	if (!f)
		return -EBADF;
	ret = vfs_fsync(f, 0);
	fput(f);
	return ret;
}
