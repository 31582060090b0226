// SPDX-License-Identifier: GPL-2.0
/*
 * write(2) (fs/read_write.c), to the console only.
 *
 * SIMPLIFIED: there are no files yet (chapter 37 brings a file system),
 * so descriptors 1 and 2 are the console, as a process started from a
 * shell on ttyAMA0 finds them, and any other is -EBADF.  The bytes are
 * copied from the process with copy_from_user() a chunk at a time, as
 * tty_write() does, and kept for tests in user_console[].
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <asm/machine.h>

char user_console[4096];
size_t user_console_len;

static void console_put(const char *buf, size_t n)
{
	size_t room = sizeof(user_console) - 1 - user_console_len;

	memcpy(user_console + user_console_len, buf, min(n, room));
	user_console_len += min(n, room);
	user_console[user_console_len] = 0;
	machine_console_write(buf, n);
}

long sys_write(unsigned int fd, const char __user *buf, size_t count)
{
	char chunk[256];
	size_t done = 0;

	if (fd != 1 && fd != 2)
		return -EBADF;
	if (!access_ok(buf, count))
		return -EFAULT;
	while (done < count) {
		size_t n = min(count - done, sizeof(chunk));

		if (copy_from_user(chunk, buf + done, n))
			return done ? (long)done : -EFAULT;
		console_put(chunk, n);
		done += n;
	}
	return (long)done;
}
