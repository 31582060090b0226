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
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/kernel.h>

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

/* link_inode - bind @name to @inode: -EEXIST, -ENAMETOOLONG, -ENOSPC */
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
