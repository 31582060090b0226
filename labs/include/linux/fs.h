/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The owner of a page (include/linux/fs.h, reduced): an address_space
 * and its operations.  Chapter 8 needs only the three operations a
 * driver gives its movable pages (balloon and zsmalloc pages in Linux):
 * how to take one aside, move it, and put it back.  Files join in
 * chapter 37.
 */
#ifndef _LINUX_FS_H
#define _LINUX_FS_H

#include <linux/types.h>

struct page;
struct address_space;

typedef unsigned int isolate_mode_t;
enum migrate_mode { MIGRATE_ASYNC, MIGRATE_SYNC_LIGHT, MIGRATE_SYNC };

struct address_space_operations {
	bool (*isolate_page)(struct page *page, isolate_mode_t mode);
	int (*migratepage)(struct address_space *mapping, struct page *newpage,
			   struct page *page, enum migrate_mode mode);
	void (*putback_page)(struct page *page);
};

struct address_space {
	const struct address_space_operations *a_ops;
	void *private_data;
};

#endif /* _LINUX_FS_H */
