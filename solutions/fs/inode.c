// SPDX-License-Identifier: GPL-2.0
/*
 * Inodes' lives (fs/inode.c): a count of what holds one (its name, each
 * open file), and its end at the last iput(), when its file system
 * frees it with every page it has in the page cache.
 *
 * SIMPLIFIED(v5.10): no inode cache (an inode unused is freed at once,
 * where 5.10 keeps it on the LRU of the superblock until memory runs
 * short), no i_nlink (a name is a reference), no locks.
 */
#include <string.h>
#include <linux/bug.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/kernel.h>

/* inode_init_once - an inode of @sb with an empty page cache */
void inode_init_once(struct inode *inode, struct super_block *sb)
{
	memset(inode, 0, sizeof(*inode));
	inode->i_sb = sb;
	inode->i_data.host = inode;
	xa_init(&inode->i_data.i_pages);
	INIT_LIST_HEAD(&inode->i_data.i_mmap);
	inode->i_data.gfp_mask = GFP_HIGHUSER_MOVABLE;
	inode->i_mapping = &inode->i_data;
}

/* ihold - one more reference to an inode its caller already holds */
void ihold(struct inode *inode)
{
	inode->i_count++;
}

/* iput - drop a reference; the last one evicts the inode */
void iput(struct inode *inode)
{
	if (WARN_ON(inode->i_count <= 0))
		return;
	if (--inode->i_count)
		return;
	if (inode->i_sb && inode->i_sb->s_op && inode->i_sb->s_op->evict_inode)
		inode->i_sb->s_op->evict_inode(inode);
}
