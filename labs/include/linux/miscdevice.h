/* SPDX-License-Identifier: GPL-2.0 */
/* Miscellaneous character devices (include/linux/miscdevice.h). */
#ifndef _LINUX_MISCDEVICE_H
#define _LINUX_MISCDEVICE_H

#include <linux/fs.h>
#include <linux/list.h>

#define MISC_MAJOR 10
#define MISC_DYNAMIC_MINOR 255

struct miscdevice {
	int minor; /* MISC_DYNAMIC_MINOR: misc_register() picks one */
	const char *name; /* the node is /dev/name */
	const struct file_operations *fops;
	struct list_head list;
	struct inode inode; /* the node's inode (5.10: devtmpfs's) */
};

int misc_register(struct miscdevice *misc);
void misc_deregister(struct miscdevice *misc);

#endif /* _LINUX_MISCDEVICE_H */
