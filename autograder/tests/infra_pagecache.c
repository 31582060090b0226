// SPDX-License-Identifier: GPL-2.0
/*
 * Files of diskfs through the page cache (the code of chapters 37 and
 * 38, checked here on both machines): user programs (filetest) create,
 * write and read files under /mnt; the kernel then looks at the cache
 * (the pages at their index, their flags and tags, their counts) and at
 * the RAM disk (what was read from it and written to it), and checks
 * that a file's last reference frees its pages and its blocks.
 */
#include <stdio.h>
#include <string.h>
#include <linux/brd.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/highmem.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/pagemap.h>
#include <linux/sched.h>
#include <uapi/asm-generic/fcntl.h>
#include "ktest.h"
#include "file_util.h"
#include "proc_util.h"

/*
 * A new file written and read: its pages in the cache at their index,
 * up to date, dirty and tagged dirty, held by the cache alone; a hole
 * reads as zeroes; nothing went to or came from the disk.
 */
START_TEST(files_go_through_the_page_cache)
{
	struct inode *inode;

	filetest_new_file();
	inode = lookup_inode("/mnt/hello");
	ck_assert_int_eq(inode->i_size, 5001);
	ck_assert_uint_eq(inode->i_mapping->nrpages, 2);
	for (pgoff_t i = 0; i < 2; i++) {
		struct page *page = cached("/mnt/hello", i);

		ck_assert_msg(PageUptodate(page) && PageDirty(page) &&
				      !PageLocked(page) &&
				      xa_get_mark(&inode->i_mapping->i_pages, i,
						  PAGECACHE_TAG_DIRTY),
			      "page %lu: flags %#lx; expected up to date, "
			      "dirty (and tagged), unlocked",
			      i, page->flags);
		ck_assert_int_eq(page_count(page), 1);
	}
	ck_assert_msg(brd0.reads == 0 && brd0.writes == 0,
		      "the disk saw %lu reads and %lu writes: a new file's "
		      "pages are zeroed, and nothing is written back yet",
		      brd0.reads, brd0.writes);
	filetest(2, "write = 8\nread = 8\nfile: 01234567\nsize = 4100\n");
	filetest(3, "open missing = -2\ncreate outside /mnt = -13\n"
		    "read of a write-only file = -9\n"
		    "write from a bad address = -14\n"
		    "write at the largest size = 2\nwrite past it = -27\n");
}
END_TEST

/*
 * A file whose bytes are on the disk: read() brings each page in once
 * (readpage), clean; the second read of a page finds it in the cache.
 */
START_TEST(read_brings_pages_in_from_the_disk)
{
	struct inode *inode = diskfs_create("/mnt/disk", 0644);

	ck_assert(!IS_ERR(inode));
	put_block_at(0, 0, "from block");
	put_block_at(2, 0, "two: pages");
	inode->i_size = 3 * PAGE_SIZE;
	brd0.reads = brd0.writes = 0;
	filetest(1, "open = 3\nread = 11\nfile: from block\nread = 11\n"
		    "file: two: pages\nread = 5\nfile: pages\n");
	ck_assert_msg(brd0.reads == 2 && inode->i_mapping->nrpages == 2,
		      "%lu pages read from the disk, %lu cached; expected 2 "
		      "and 2 (pages 0 and 2, each read once)",
		      brd0.reads, inode->i_mapping->nrpages);
	for (pgoff_t i = 0; i <= 2; i += 2) {
		struct page *page = cached("/mnt/disk", i);

		ck_assert_msg(PageUptodate(page) && !PageDirty(page) &&
				      !PageLocked(page),
			      "page %lu: flags %#lx; expected up to date, "
			      "clean, unlocked",
			      i, page->flags);
	}
}
END_TEST

/*
 * A name and each open file hold the inode: unlinked while open, the
 * file reads on; its last close frees its pages and its blocks, and
 * every page the program used comes back.
 */
START_TEST(the_last_reference_frees_a_file)
{
	unsigned long before = 0;
	struct inode *inode;

	for (int run = 0; run < 2; run++) { /* the first grows the caches */
		before = free_pages_now();
		filetest(4, "write = 11\nunlink = 0\nopen again = -2\n"
			    "read = 11\nfile: still here\nclose = 0\n"
			    "unlink again = -2\n");
	}
	ck_assert_msg(free_pages_now() == before,
		      "after the file's last close, %ld pages fewer free: "
		      "eviction frees its page cache pages",
		      (long)(before - free_pages_now()));
	/* a file with blocks on the disk: unlink gives them back */
	inode = diskfs_create("/mnt/blocks", 0644);
	ck_assert(!IS_ERR(inode));
	put_block_at(0, 0, "x"); /* its slot is 0: blocks 0 to 1023 */
	put_block_at(1023, 0, "y");
	ck_assert_uint_eq(brd0.brd_nr_pages, 2);
	ck_assert_int_eq(do_unlink("/mnt/blocks"), 0);
	ck_assert_msg(brd0.brd_nr_pages == 0 && !lookup_inode("/mnt/blocks"),
		      "unlinked, %lu blocks of the file kept on the disk",
		      brd0.brd_nr_pages);
	ck_assert_int_eq(do_unlink("/mnt/blocks"), -ENOENT);
}
END_TEST

/*
 * Mappings of a file: mmap() allocates nothing and maps nothing; each
 * page comes at its first fault from the page cache (vm_pgoff + its
 * index in the VMA), read-only until a write dirties it (writenotify);
 * a shared mapping and read()/write() see each other, a private one's
 * writes stay in a copy; past the end of the file, SIGBUS.
 */
START_TEST(files_are_mapped_through_the_page_cache)
{
	struct task_struct *saved;
	struct mm_struct *mm;
	struct inode *inode;
	struct file *f;
	struct page *page;
	unsigned long a, nr;
	pte_t *pte;

	filetest(5, "mapping: page zero\nmapping + 4096: page one\nread = 20\n"
		    "file: through the mapping\nmapping: through write()\n"
		    "munmap = 0\n");
	page = cached("/mnt/shared", 0);
	ck_assert_msg(PageDirty(page) && !page_mapped(page) &&
			      page_count(page) == 1,
		      "after munmap: page 0 dirty %d, mapped %d, count %d; "
		      "expected dirty, unmapped, held by the cache alone",
		      PageDirty(page), page_mapped(page), page_count(page));
	filetest(6, "private mapping: mine\nread = 10\nfile: page zero\n"
		    "its second page: page one\n");
	filetest_sigbus_past_the_end();

	/* the kernel's view: nothing at mmap time, one page per fault */
	mm = exec_mm();
	f = filp_open("/mnt/shared", O_RDWR, 0);
	ck_assert(!IS_ERR(f));
	inode = file_inode(f);
	nr = inode->i_mapping->nrpages;
	saved = enter_mm(mm);
	a = do_mmap(f, 0, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, 1);
	ck_assert_uint_lt(a, TASK_SIZE);
	pte = user_pte(mm, a);
	ck_assert_msg(!pte || pte_none(*pte),
		      "mmap() of a file mapped a page: pages come at faults");
	ck_assert_uint_eq(inode->i_mapping->nrpages, nr);
	fault_in(mm, a, false);
	pte = user_pte(mm, a);
	page = cached("/mnt/shared", 1);
	ck_assert_msg(pte && pte_present(*pte) &&
			      pte_pfn(*pte) == page_to_pfn(page),
		      "page 0 of a mapping at offset 1 page maps pfn %#lx, "
		      "expected the cache's page 1, pfn %#lx",
		      pte ? (unsigned long)pte_pfn(*pte) : 0UL,
		      (unsigned long)page_to_pfn(page));
	ck_assert_msg(!pte_write(*pte) && page_mapcount(page) == 1 &&
			      page_count(page) == 2,
		      "after a read fault: writable %d, mapcount %d, count %d; "
		      "expected read-only (a write must be seen), 1, 2",
		      pte_write(*pte), page_mapcount(page), page_count(page));
	ClearPageDirty(page); /* as writeback would leave it */
	fault_in(mm, a, true);
	ck_assert_msg(pte_write(*pte) && pte_dirty(*pte) && PageDirty(page),
		      "a write to a shared file page: the PTE writable and "
		      "dirty, the page dirty (page_mkwrite)");
	current = saved;
	mmput(mm);
	fput(f);
	ck_assert_int_eq(page_count(page), 1);
}
END_TEST

KTEST_SUITE(infra_pagecache) = {
	.chapter = "00",
	.title = "Files through the page cache",
	.boot = ktest_boot_paging,
	.tests = KTESTS(files_go_through_the_page_cache,
			read_brings_pages_in_from_the_disk,
			the_last_reference_frees_a_file,
			files_are_mapped_through_the_page_cache),
};
