// SPDX-License-Identifier: GPL-2.0
/*
 * Names to inodes (fs/namei.c).
 *
 * SIMPLIFIED(v5.10): a flat name space.  Each name is a whole path
 * ("/dev/membuf") bound to one inode, as devtmpfs's node for a device
 * or (chapter 37) a file of the RAM file system; no directories, no
 * dentry cache, no path walk.  5.10 finds an inode by walking the path
 * a component at a time through dentries (link_path_walk()).
 */
#include <string.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>

#define MAX_NAMES 32

static struct {
	char name[32];
	struct inode *inode;
} names[MAX_NAMES];

/* lookup_inode - the inode @name is bound to, or NULL */
struct inode *lookup_inode(const char *name)
{
	for (int i = 0; i < MAX_NAMES; i++)
		if (names[i].inode && !strcmp(names[i].name, name))
			return names[i].inode;
	return NULL;
}

/*
 * The file system of /dev (drivers/base/devtmpfs.c's): an anonymous
 * device number, 0:5 on Debian 11's armmp on this board.
 */
struct super_block devtmpfs_sb = { .s_dev = MKDEV(0, 5) };

static unsigned long last_ino = 1; /* a new inode's number, as iunique() */

/*
 * link_inode - bind @name to @inode, numbering it if it has no number:
 * -EEXIST, -ENAMETOOLONG, -ENOSPC
 */
int link_inode(const char *name, struct inode *inode)
{
	if (strlen(name) >= sizeof(names[0].name))
		return -ENAMETOOLONG;
	if (lookup_inode(name))
		return -EEXIST;
	for (int i = 0; i < MAX_NAMES; i++)
		if (!names[i].inode) {
			strcpy(names[i].name, name);
			names[i].inode = inode;
			if (!inode->i_ino)
				inode->i_ino = ++last_ino;
			return 0;
		}
	return -ENOSPC;
}

/* unlink_inode - forget @name (open files keep their inode) */
void unlink_inode(const char *name)
{
	for (int i = 0; i < MAX_NAMES; i++)
		if (names[i].inode && !strcmp(names[i].name, name))
			names[i].inode = NULL;
}

/*
 * vfs_create - a new file @name, made by the file system of its
 * directory: diskfs for "/mnt/NAME".
 * SIMPLIFIED(v5.10): one mount that can make files, found by the
 * name's prefix; elsewhere -EACCES (devtmpfs would make a file too).
 */
struct inode *vfs_create(const char *name, umode_t mode)
{
	if (!strncmp(name, "/mnt/", 5) && name[5] && !strchr(name + 5, '/'))
		return diskfs_create(name, mode);
	return ERR_PTR(-EACCES);
}

/*
 * do_unlink - remove @name; its inode goes with its last reference
 * (open files and mappings keep it): 0 or -ENOENT
 */
long do_unlink(const char *name)
{
	struct inode *inode = lookup_inode(name);

	if (!inode)
		return -ENOENT;
	if (!inode->i_sb || inode->i_sb != &diskfs_sb)
		return -EPERM; /* SIMPLIFIED: only diskfs's files go */
	unlink_inode(name);
	iput(inode);
	return 0;
}

/* unlink(2) */
long sys_unlink(const char __user *pathname)
{
	char name[sizeof(names[0].name)];
	long len = strncpy_from_user(name, pathname, sizeof(name));

	if (len < 0)
		return len;
	if (len == sizeof(name))
		return -ENAMETOOLONG;
	return do_unlink(name);
}
