// SPDX-License-Identifier: GPL-2.0
/*
 * read(2), write(2) and lseek(2) (fs/read_write.c): a descriptor's file,
 * checked for the access it was opened with, then the file's own
 * operation at its position f_pos, which the call moves on.
 *
 * SIMPLIFIED(v5.10): no locking of f_pos (one CPU, no threads), no
 * rw_verify_area() beyond the checks below, no readv/pread.
 */
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>

//> ch35 vfs_read
/* vfs_read - read through @file's ->read at *@pos */
ssize_t vfs_read(struct file *file, char __user *buf, size_t count, loff_t *pos)
{
	if (!(file->f_mode & FMODE_READ))
		return -EBADF;
	if (!file->f_op->read)
		return -EINVAL;
	if (!access_ok(buf, count))
		return -EFAULT;
	return file->f_op->read(file, buf, count, pos);
}
//< ch35 vfs_read

/* vfs_write - write through @file's ->write at *@pos */
ssize_t vfs_write(struct file *file, const char __user *buf, size_t count,
		  loff_t *pos)
{
	if (!(file->f_mode & FMODE_WRITE))
		return -EBADF;
	if (!file->f_op->write)
		return -EINVAL;
	if (!access_ok(buf, count))
		return -EFAULT;
	return file->f_op->write(file, buf, count, pos);
}

long sys_read(unsigned int fd, char __user *buf, size_t count)
{
	struct file *f = fget(fd);
	ssize_t ret;

	if (!f)
		return -EBADF;
	ret = vfs_read(f, buf, count, &f->f_pos);
	fput(f);
	return ret;
}

long sys_write(unsigned int fd, const char __user *buf, size_t count)
{
	struct file *f = fget(fd);
	ssize_t ret;

	if (!f)
		return -EBADF;
	ret = vfs_write(f, buf, count, &f->f_pos);
	fput(f);
	return ret;
}

/* vfs_llseek - move f_pos with the file's ->llseek: -ESPIPE without */
loff_t vfs_llseek(struct file *file, loff_t offset, int whence)
{
	if (!(file->f_mode & FMODE_LSEEK) || !file->f_op->llseek)
		return -ESPIPE;
	return file->f_op->llseek(file, offset, whence);
}

/**
 * generic_file_llseek_size - llseek for a file of @eof bytes that may
 * grow to @maxsize
 * Return: the new position, or -EINVAL before 0, after @maxsize, or for
 * an unknown @whence.
 */
loff_t generic_file_llseek_size(struct file *file, loff_t offset, int whence,
				loff_t maxsize, loff_t eof)
{
	switch (whence) {
	case SEEK_SET:
		break;
	case SEEK_CUR:
		offset += file->f_pos;
		break;
	case SEEK_END:
		offset += eof;
		break;
	default:
		return -EINVAL;
	}
	if (offset < 0 || offset > maxsize)
		return -EINVAL;
	file->f_pos = offset;
	return offset;
}

/* fixed_size_llseek - llseek for a file of @size bytes that never grows */
loff_t fixed_size_llseek(struct file *file, loff_t offset, int whence,
			 loff_t size)
{
	return generic_file_llseek_size(file, offset, whence, size, size);
}

/* generic_file_llseek - llseek for a file of the page cache: to its size */
loff_t generic_file_llseek(struct file *file, loff_t offset, int whence)
{
	struct inode *inode = file_inode(file);

	return generic_file_llseek_size(file, offset, whence,
					inode->i_sb->s_maxbytes, inode->i_size);
}

long sys_lseek(unsigned int fd, long offset, unsigned int whence)
{
	struct file *f = fget(fd);
	loff_t ret;

	if (!f)
		return -EBADF;
	ret = vfs_llseek(f, offset, (int)whence);
	fput(f);
	return (long)ret;
}
