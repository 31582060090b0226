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
#include <linux/highmem.h>
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

/* filetest 0: /mnt/hello made, written, read, grown with a hole. */
static inline void filetest_new_file(void)
{
	filetest(0, "open = 3\nwrite = 17\nread = 17\nfile: hello, page "
		    "cache\nsize = 17\nwrite past the end = 1\nsize = "
		    "5001\nread = 4\nfile: (zeroes)\nread at the end = 0\n"
		    "close = 0\n");
}

/* @page holds the @n bytes of @bytes at @offset. */
static inline bool page_has(struct page *page, unsigned long offset,
			    const void *bytes, size_t n)
{
	bool same = !memcmp((char *)kmap(page) + offset, bytes, n);

	kunmap(page);
	return same;
}

/*
 * filetest 7: a mapping at an offset shows its first page, and a load
 * past the end of the file kills the program with SIGBUS.
 */
static inline void filetest_sigbus_past_the_end(void)
{
	int status = run_proc("filetest", filetest_main, 7);

	ck_assert_msg(
		status == SIGBUS && !strcmp(user_console,
					    "mapping at offset 4096: page one\n"
					    "now past the end of the file:\n"),
		"filetest 7: status %d (expected %d, SIGBUS), output:\n%s",
		status, SIGBUS, user_console);
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

/* Block @block of the disk holds @n bytes of @bytes at @offset. */
static inline bool block_holds(unsigned long block, unsigned long offset,
			       const void *bytes, size_t n)
{
	struct page *page = xa_load(&brd0.brd_pages, block);
	static const char zeroes[PAGE_SIZE];

	if (!page) /* never written: zeroes */
		return !memcmp(zeroes, bytes, n);
	return page_has(page, offset, bytes, n);
}

#endif /* _FILE_UTIL_H */
