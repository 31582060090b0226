// SPDX-License-Identifier: GPL-2.0
/*
 * Library routines for simple file systems and drivers (fs/libfs.c):
 * read() and write() of a buffer in kernel memory at a file position,
 * and fsync for a file system whose inodes are not on its disk.
 */
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/pagemap.h>
#include <linux/uaccess.h>

//> ch35 simple_read_from_buffer
/**
 * simple_read_from_buffer - copy data from the buffer to user space
 * @to: the user space buffer to read to
 * @count: the maximum number of bytes to read
 * @ppos: the current position in the buffer
 * @from: the buffer to read from
 * @available: the size of the buffer
 *
 * Return: the bytes copied (0 at or past the end), and *@ppos moved by
 * as many; -EINVAL for a negative position; -EFAULT if nothing could be
 * copied.
 */
ssize_t simple_read_from_buffer(void __user *to, size_t count, loff_t *ppos,
				const void *from, size_t available)
{
	loff_t pos = *ppos;
	size_t ret;

	// BEGIN SOLUTION ch35
	if (pos < 0)
		return -EINVAL;
	if (pos >= (loff_t)available || !count)
		return 0;
	if (count > available - (size_t)pos)
		count = available - (size_t)pos;
	ret = copy_to_user(to, (const char *)from + pos, count);
	if (ret == count)
		return -EFAULT;
	count -= ret;
	*ppos = pos + (loff_t)count;
	return (ssize_t)count;
	// STUB
	// /* TODO(ch35): copy what lies between *ppos and @available, at
	//    most @count, and move *ppos; see
	//    chapters/35-mmap-example.md, "read() and write()". */
	// (void)to, (void)count, (void)ppos, (void)from, (void)available;
	// (void)pos, (void)ret;
	// return 0;
	// END SOLUTION
}
//< ch35 simple_read_from_buffer

/**
 * simple_write_to_buffer - copy data from user space to the buffer
 * @to: the buffer to write to
 * @available: the size of the buffer
 * @ppos: the current position in the buffer
 * @from: the user space buffer to read from
 * @count: the maximum number of bytes to write
 *
 * Return: the bytes copied (0 at or past the end: the buffer does not
 * grow), and *@ppos moved by as many; -EINVAL, -EFAULT as above.
 */
ssize_t simple_write_to_buffer(void *to, size_t available, loff_t *ppos,
			       const void __user *from, size_t count)
{
	loff_t pos = *ppos;
	size_t res;

	if (pos < 0)
		return -EINVAL;
	if (pos >= (loff_t)available || !count)
		return 0;
	if (count > available - (size_t)pos)
		count = available - (size_t)pos;
	res = copy_from_user((char *)to + pos, from, count);
	if (res == count)
		return -EFAULT;
	count -= res;
	*ppos = pos + (loff_t)count;
	return (ssize_t)count;
}

/**
 * generic_file_fsync - fsync of a file system's file: its dirty pages
 * of [@start, @end] written and waited for
 *
 * SIMPLIFIED(v5.10): 5.10 also writes the inode (sync_inode_metadata())
 * and flushes the disk's cache; diskfs keeps its inodes in memory, and
 * the RAM disk has no cache.
 */
int generic_file_fsync(struct file *file, loff_t start, loff_t end,
		       int datasync)
{
	(void)datasync;
	return file_write_and_wait_range(file, start, end);
}
