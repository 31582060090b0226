/* SPDX-License-Identifier: GPL-2.0 */
/*
 * struct page: one per physical page frame (include/linux/mm_types.h).
 *
 * The kernel keeps one of these for every 4 KiB of RAM, in the array
 * mem_map, so it must be small: 32 bytes on ARM32, as in Linux (56 on
 * the host port, whose pointers are 64 bits).  Its fields mean different
 * things at different times, hence the unions:
 *
 *   flags      PG_* bits (page-flags.h) and, in the top bits, the zone
 *   lru        a free page: its link in a buddy free list
 *   private    a free page: its order, valid while PageBuddy()
 *   mapping,
 *   index      owner and offset of a page-cache or anonymous page (ch37+)
 *   _mapcount  page-table mappings minus one; while the page is free it
 *              is page_type instead, which marks PageBuddy()
 *   _refcount  references; 0 means free
 */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H

#include <linux/list.h>
#include <linux/types.h>

struct address_space;

//> ch03 struct_page
struct page {
	unsigned long flags;
	struct list_head lru;
	struct address_space *mapping;
	unsigned long index;
	unsigned long private;
	union {
		int _mapcount;
		unsigned int page_type;
	};
	int _refcount;
};
//< ch03 struct_page

#endif /* _LINUX_MM_TYPES_H */
