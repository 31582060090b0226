/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Writeback (include/linux/writeback.h): what a caller asks of a write
 * of a file's dirty pages to its backing store.
 *
 * SIMPLIFIED(v5.10): no flusher threads, no bdi, no inode writeback
 * lists; the fields below are those our writeback reads.
 */
#ifndef _LINUX_WRITEBACK_H
#define _LINUX_WRITEBACK_H

#include <linux/fs.h>

enum writeback_sync_modes {
	WB_SYNC_NONE, /* don't wait on anything */
	WB_SYNC_ALL, /* wait on every page (fsync, msync(MS_SYNC)) */
};

struct writeback_control {
	long nr_to_write; /* pages left to write; decremented per page */
	loff_t range_start; /* the bytes to write: [start, end] */
	loff_t range_end;
	enum writeback_sync_modes sync_mode;
};

typedef int (*writepage_t)(struct page *page, struct writeback_control *wbc,
			   void *data);

int write_cache_pages(struct address_space *mapping,
		      struct writeback_control *wbc, writepage_t writepage,
		      void *data);
int generic_writepages(struct address_space *mapping,
		       struct writeback_control *wbc);
int do_writepages(struct address_space *mapping, struct writeback_control *wbc);

#endif /* _LINUX_WRITEBACK_H */
