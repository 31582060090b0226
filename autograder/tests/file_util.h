/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Test helpers for files of diskfs (/mnt) on the RAM disk: the user
 * program filetest, a page cache page looked at directly, and bytes put
 * on the disk behind a file system's back.
 */
#ifndef _FILE_UTIL_H
#define _FILE_UTIL_H

#include <string.h>
#include <linux/brd.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/pagemap.h>
#include "ktest.h"
#include "proc_util.h"

/* filetest @how as a process: its exit status 0 and its output whole. */
static inline void filetest(long how, const char *want)
{
	expect_output("filetest", filetest_main, how, want,
		      "the file's bytes, through the page cache");
}

/* The page cache page at @index of @name's file, which must be there. */
static inline struct page *cached(const char *name, pgoff_t index)
{
	struct inode *inode = lookup_inode(name);
	struct page *page;

	ck_assert_msg(inode, "no file %s", name);
	page = xa_load(&inode->i_mapping->i_pages, index);
	ck_assert_msg(page, "%s: no page %lu in the cache", name, index);
	ck_assert_msg(page->mapping == inode->i_mapping && page->index == index,
		      "%s: page %lu's mapping and index are not the file's",
		      name, index);
	return page;
}

/* @text at byte @offset of block @block of the disk (the rest zeroes). */
static inline void put_block_at(unsigned long block, unsigned long offset,
				const char *text)
{
	struct page *page = alloc_page(GFP_KERNEL | __GFP_ZERO);

	ck_assert_ptr_nonnull(page);
	memcpy((char *)page_address(page) + offset, text, strlen(text));
	ck_assert_int_eq(brd_write_page(&brd0, block, page), 0);
	__free_page(page);
}

#endif /* _FILE_UTIL_H */
