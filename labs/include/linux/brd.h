/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The RAM disk, /dev/ram0 (drivers/block/brd.c): the backing store of
 * diskfs.  Its device number is 1:0 (RAMDISK_MAJOR, minor 0), which
 * /proc/PID/maps shows for a mapped file of diskfs.
 */
#ifndef _LINUX_BRD_H
#define _LINUX_BRD_H

#include <linux/fs.h>
#include <linux/xarray.h>

#define RAMDISK_MAJOR 1

struct page;

struct brd_device {
	int brd_number;
	struct xarray brd_pages; /* its blocks' pages, by block number */
	unsigned long brd_nr_pages; /* blocks written, and kept */
	unsigned long reads, writes; /* pages read and written */
};

extern struct brd_device brd0;

int brd_read_page(struct brd_device *brd, unsigned long block,
		  struct page *page);
int brd_write_page(struct brd_device *brd, unsigned long block,
		   struct page *page);
void brd_discard(struct brd_device *brd, unsigned long block);

#endif /* _LINUX_BRD_H */
