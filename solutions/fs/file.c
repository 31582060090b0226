// SPDX-License-Identifier: GPL-2.0
/*
 * A process's descriptors (fs/file.c): small numbers for its open
 * files.  open() takes the lowest free one, as POSIX asks; fork() copies
 * the table, so parent and child share each open file and its f_pos.
 *
 * SIMPLIFIED(v5.10): a fixed table of NR_OPEN_DEFAULT (32, BITS_PER_LONG
 * on ARM32) descriptors, the size 5.10's files_struct starts with before
 * expand_files() grows it; no close-on-exec.  5.10's init opens
 * /dev/console as 0, 1 and 2 and every process inherits them.  Here
 * init_files is that table, made at build time; a process without a
 * table of its own reads init_files and gets a copy of it at its first
 * open() or close(), which is what it would have inherited.
 */
#include <linux/err.h>
#include <linux/console.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/syscalls.h>
#include <uapi/asm-generic/fcntl.h>

#define NR_OPEN_DEFAULT 32

struct files_struct {
	int count; /* tasks sharing it (1: no CLONE_FILES here) */
	unsigned int next_fd; /* no free descriptor below it */
	struct file *fd_array[NR_OPEN_DEFAULT];
};

/* Every process's first table: the console on 0, 1 and 2. */
static struct files_struct init_files = {
	.count = 1,
	.next_fd = 3,
	.fd_array = { &console_file, &console_file, &console_file },
};

static struct kmem_cache *files_cachep;

/* A copy of @old, each file counted once more (5.10's dup_fd()). */
static struct files_struct *dup_fd(struct files_struct *old)
{
	struct files_struct *new;

	if (!files_cachep)
		files_cachep = kmem_cache_create("files_cache",
						 sizeof(struct files_struct), 0,
						 SLAB_HWCACHE_ALIGN, NULL);
	new = files_cachep ? kmem_cache_zalloc(files_cachep, GFP_KERNEL) : NULL;
	if (!new)
		return NULL;
	new->count = 1;
	new->next_fd = old->next_fd;
	for (int fd = 0; fd < NR_OPEN_DEFAULT; fd++) {
		struct file *f = old->fd_array[fd];

		/* a descriptor reserved by an open() in progress stays free */
		if (f && !IS_ERR(f))
			new->fd_array[fd] = get_file(f);
		else if (fd < (int)new->next_fd)
			new->next_fd = (unsigned int)fd;
	}
	return new;
}

/* current's table, to read */
static struct files_struct *current_files(void)
{
	return current->files ? current->files : &init_files;
}

/* current's own table, to change: a copy of init_files at first */
static struct files_struct *unshare_files(void)
{
	if (!current->files)
		current->files = dup_fd(&init_files);
	return current->files;
}

/* get_unused_fd_flags - the lowest free descriptor, or -EMFILE */
int get_unused_fd_flags(unsigned int flags)
{
	struct files_struct *files = unshare_files();

	(void)flags; /* O_CLOEXEC: no exec of other images here */
	if (!files)
		return -ENOMEM;
	for (unsigned int fd = files->next_fd; fd < NR_OPEN_DEFAULT; fd++)
		if (!files->fd_array[fd]) {
			files->next_fd = fd + 1;
			/* reserved until fd_install() fills it */
			files->fd_array[fd] = ERR_PTR(-EBUSY);
			return (int)fd;
		}
	return -EMFILE;
}

/* put_unused_fd - give back a descriptor that was never installed */
void put_unused_fd(unsigned int fd)
{
	current->files->fd_array[fd] = NULL;
	if (fd < current->files->next_fd)
		current->files->next_fd = fd;
}

/* fd_install - @fd, reserved by get_unused_fd_flags(), now is @file */
void fd_install(unsigned int fd, struct file *file)
{
	current->files->fd_array[fd] = file;
}

/* fget - the file of @fd, with a reference for the caller; or NULL */
struct file *fget(unsigned int fd)
{
	struct files_struct *files = current_files();
	struct file *file;

	if (!files || fd >= NR_OPEN_DEFAULT)
		return NULL;
	file = files->fd_array[fd];
	if (!file || IS_ERR(file))
		return NULL;
	return get_file(file);
}

/* __close_fd - free @fd; its file goes when nothing else holds it */
static int __close_fd(struct files_struct *files, unsigned int fd)
{
	struct file *file;

	if (!files || fd >= NR_OPEN_DEFAULT)
		return -EBADF;
	file = files->fd_array[fd];
	if (!file || IS_ERR(file))
		return -EBADF;
	files->fd_array[fd] = NULL;
	if (fd < files->next_fd)
		files->next_fd = fd;
	return filp_close(file);
}

long sys_close(unsigned int fd)
{
	return __close_fd(unshare_files(), fd);
}

/* copy_files - fork's copy of current's table for @tsk */
int copy_files(struct task_struct *tsk)
{
	tsk->files = NULL;
	if (!current->files)
		return 0; /* init_files, as the parent reads it */
	tsk->files = dup_fd(current->files);
	return tsk->files ? 0 : -ENOMEM;
}

/* exit_files - the task's descriptors close (do_exit()) */
void exit_files(struct task_struct *tsk)
{
	struct files_struct *files = tsk->files;

	if (!files)
		return;
	tsk->files = NULL;
	if (--files->count)
		return;
	for (int fd = 0; fd < NR_OPEN_DEFAULT; fd++)
		if (files->fd_array[fd] && !IS_ERR(files->fd_array[fd]))
			filp_close(files->fd_array[fd]);
	kmem_cache_free(files_cachep, files);
}
