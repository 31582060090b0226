/* SPDX-License-Identifier: GPL-2.0 */
/* Magic byte values of freed or guarded memory (include/linux/poison.h). */
#ifndef _LINUX_POISON_H
#define _LINUX_POISON_H

/* SLUB's red zones: 0xbb around a free object, 0xcc around a live one. */
#define SLUB_RED_INACTIVE 0xbb
#define SLUB_RED_ACTIVE 0xcc

/* SLAB_POISON: a free object is 0x6b ... 0x6b 0xa5; slab pages 0x5a. */
#define POISON_INUSE 0x5a /* for use-uninitialised poisoning */
#define POISON_FREE 0x6b /* for use-after-free poisoning */
#define POISON_END 0xa5 /* end-byte of poisoning */

/* mm/page_poison.c: every byte of a free page, with page_poison=on */
#define PAGE_POISON 0xaa

#endif /* _LINUX_POISON_H */
