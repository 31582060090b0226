// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/console (drivers/tty/tty_io.c's console_fops, much reduced): what
 * processes write goes to the machine's console, a chunk at a time, as
 * tty_write() copies it, and is kept in user_console[] for tests.
 * Reading it gives end of file: there is no keyboard.
 *
 * SIMPLIFIED(v5.10): no tty layer, no line discipline; the node is
 * char 5:1 as in 5.10 and is made at boot (console_init()), and the
 * open file every process starts with is made at build time, so that
 * a process may write before any allocator exists.
 */
#include <string.h>
#include <linux/console.h>
#include <linux/fs.h>
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

static ssize_t console_write(struct file *file, const char __user *buf,
			     size_t count, loff_t *ppos)
{
	char chunk[256];
	size_t done = 0;

	(void)file, (void)ppos;
	while (done < count) {
		size_t n = min(count - done, sizeof(chunk));

		if (copy_from_user(chunk, buf + done, n))
			return done ? (ssize_t)done : -EFAULT;
		console_put(chunk, n);
		done += n;
	}
	return (ssize_t)done;
}

static ssize_t console_read(struct file *file, char __user *buf, size_t count,
			    loff_t *ppos)
{
	(void)file, (void)buf, (void)count, (void)ppos;
	return 0;
}

static const struct file_operations console_fops = {
	.read = console_read,
	.write = console_write,
};

static struct inode console_inode = {
	.i_mode = S_IFCHR | 0600,
	.i_sb = &devtmpfs_sb,
	.i_rdev = MKDEV(5, 1),
	.i_count = 2, /* its name, and console_file */
	.i_fop = &console_fops,
};

/*
 * The console open for reading and writing, as init opens it: fs/file.c's
 * init_files holds it three times (0, 1, 2), so it is never released.
 */
struct file console_file = {
	.f_op = &console_fops,
	.f_inode = &console_inode,
	.f_mode = FMODE_READ | FMODE_WRITE,
	.f_flags = 02, /* O_RDWR */
	.f_path = "/dev/console",
	.f_count = 3,
};

/* console_init - the node /dev/console (an initcall) */
int console_init(void)
{
	return link_inode("/dev/console", &console_inode);
}
