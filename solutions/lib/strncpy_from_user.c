// SPDX-License-Identifier: GPL-2.0
/*
 * A string from user memory (lib/strncpy_from_user.c), for the names
 * open() is given.
 *
 * SIMPLIFIED(v5.10): a byte at a time with copy_from_user(); 5.10 reads a
 * word at a time and finds the zero byte with has_zero().
 */
#include <linux/errno.h>
#include <linux/uaccess.h>

/**
 * strncpy_from_user - copy a NUL-terminated string from the process
 * Return: its length without the NUL; @count if no NUL came within
 * @count bytes (the copy is then not terminated); -EFAULT if a byte
 * could not be read.
 */
long strncpy_from_user(char *dst, const char __user *src, long count)
{
	for (long i = 0; i < count; i++) {
		char c;

		if (copy_from_user(&c, src + i, 1))
			return -EFAULT;
		dst[i] = c;
		if (!c)
			return i;
	}
	return count;
}
