// SPDX-License-Identifier: GPL-2.0
/*
 * Miscellaneous character devices (drivers/char/misc.c): char major 10,
 * one minor per device, each with a node /dev/NAME.  Opening the node
 * runs misc_open(), which finds the device by its minor and hands the
 * file to the driver's own file_operations.
 *
 * SIMPLIFIED(v5.10): dynamic minors from a counter (5.10 keeps a bitmap
 * and reuses a minor misc_deregister() gave back), no class or sysfs
 * device; the node is made here where 5.10's devtmpfs makes it.
 */
#include <string.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/miscdevice.h>

static LIST_HEAD(misc_list);
/* 5.10 hands out DYNAMIC_MINORS (64) minors from 63 down */
#define DYNAMIC_MINORS 64
static int next_minor = DYNAMIC_MINORS - 1;

//> ch35 misc_open
/* misc_open - the device of the node's minor takes over the file */
static int misc_open(struct inode *inode, struct file *file)
{
	struct miscdevice *c;

	list_for_each_entry(c, &misc_list, list) {
		if (c->minor != (int)MINOR(inode->i_rdev))
			continue;
		file->f_op = c->fops; /* replace_fops() */
		file->private_data = c;
		return c->fops->open ? c->fops->open(inode, file) : 0;
	}
	return -ENODEV;
}
//< ch35 misc_open

static const struct file_operations misc_fops = {
	.open = misc_open,
};

/**
 * misc_register - register a miscellaneous device
 * @misc: the device, with a name, fops and a minor (or
 *        MISC_DYNAMIC_MINOR for one chosen here)
 * Return: 0, -EBUSY if the minor is taken, or link_inode()'s error for
 * the node /dev/NAME.
 */
int misc_register(struct miscdevice *misc)
{
	struct miscdevice *c;
	char path[32];

	if (misc->minor == MISC_DYNAMIC_MINOR) {
		if (next_minor < 0)
			return -EBUSY;
		misc->minor = next_minor--;
	}
	list_for_each_entry(c, &misc_list, list)
		if (c->minor == misc->minor)
			return -EBUSY;
	inode_init_once(&misc->inode, &devtmpfs_sb);
	misc->inode.i_mode = S_IFCHR | 0666;
	misc->inode.i_rdev = MKDEV(MISC_MAJOR, misc->minor);
	misc->inode.i_fop = &misc_fops;
	scnprintf(path, sizeof(path), "/dev/%s", misc->name);
	if (link_inode(path, &misc->inode) < 0)
		return -EEXIST;
	list_add(&misc->list, &misc_list);
	return 0;
}

/* misc_deregister - the device and its node go (open files keep it) */
void misc_deregister(struct miscdevice *misc)
{
	char path[32];

	scnprintf(path, sizeof(path), "/dev/%s", misc->name);
	unlink_inode(path);
	list_del(&misc->list);
}
