// SPDX-License-Identifier: GPL-2.0
/*
 * Chapter 38, faults on file mappings: a read fault maps the page cache's
 * page (read in first: a major fault), a private write maps a copy, a
 * shared write maps the cache's page writable and dirties it, a page
 * past the end of the file is SIGBUS; msync(), fsync() and writeback
 * write dirty pages to the disk and clean every PTE that maps them.
 */
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

/* /mnt/disk: three pages on the disk, "page N" at the start of each. */
static struct inode *disk_file(void)
{
	struct inode *inode = diskfs_create("/mnt/disk", 0644);

	ck_assert(!IS_ERR(inode));
	put_block_at(0, 0, "page 0");
	put_block_at(1, 0, "page 1");
	put_block_at(2, 0, "page 2");
	inode->i_size = 3 * PAGE_SIZE;
	brd0.reads = brd0.writes = 0;
	return inode;
}

/* A fault as the CPU would deliver it: handle_mm_fault()'s answer. */
static vm_fault_t fault(struct mm_struct *mm, unsigned long addr, bool write)
{
	struct vm_area_struct *vma = vma_at(mm, addr);

	return handle_mm_fault(vma, addr, write ? FAULT_FLAG_WRITE : 0, NULL);
}

/* The page @mm maps at @addr, which must be present. */
static struct page *mapped(struct mm_struct *mm, unsigned long addr)
{
	pte_t *pte = user_pte(mm, addr);

	ck_assert_msg(pte && pte_present(*pte), "nothing mapped at %08lx",
		      addr);
	return pfn_to_page(pte_pfn(*pte));
}

/*
 * Read faults on mappings of a file on the disk: the first brings the
 * page into the cache (a major fault: one read of the disk) and maps it
 * read-only, even in a writable shared mapping (the first write must be
 * seen); a second mapping of the same page, shared or private, maps the
 * same page (a minor fault); nothing is left locked or held twice.
 */
START_TEST(read_faults_map_the_cache_page)
{
	struct inode *inode = disk_file();
	unsigned long shared, priv, maj, min, rss;
	struct task_struct *saved;
	struct mm_struct *mm;
	struct page *page;
	vm_fault_t ret;
	struct file *f;

	mm = exec_mm();
	f = filp_open("/mnt/disk", O_RDWR, 0);
	ck_assert(!IS_ERR(f));
	saved = enter_mm(mm);
	shared = do_mmap(f, 0, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE,
			 MAP_SHARED, 1);
	priv = do_mmap(f, 0, 3 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE,
		       0);
	ck_assert(shared < TASK_SIZE && priv < TASK_SIZE);

	maj = current->maj_flt;
	min = current->min_flt;
	rss = mm->rss;
	ret = fault(mm, shared + PAGE_SIZE, false);
	ck_assert_msg(!(ret & VM_FAULT_ERROR) && current->maj_flt == maj + 1 &&
			      current->min_flt == min && brd0.reads == 1,
		      "a read fault on a page not in the cache: VM_FAULT %#x, "
		      "%lu major and %lu minor faults, %lu reads of the disk; "
		      "expected one major fault (VM_FAULT_MAJOR), one read",
		      ret, current->maj_flt - maj, current->min_flt - min,
		      brd0.reads);
	page = mapped(mm, shared + PAGE_SIZE);
	ck_assert_msg(page == cached("/mnt/disk", 2) &&
			      page_has(page, 0, "page 2", 7),
		      "page 1 of a mapping at offset 1 page must map the "
		      "file's page 2 from the cache");
	ck_assert_msg(!pte_write(*user_pte(mm, shared + PAGE_SIZE)),
		      "a read fault in a shared writable file mapping made "
		      "the PTE writable: the first write must fault to dirty "
		      "the page (writenotify)");
	ck_assert_msg(PageUptodate(page) && !PageLocked(page) &&
			      !PageDirty(page) && page_count(page) == 2 &&
			      page_mapcount(page) == 1,
		      "after a read fault: flags %#lx, count %d, mapcount %d; "
		      "expected up to date, unlocked, clean, 2 (the cache and "
		      "the PTE), 1",
		      page->flags, page_count(page), page_mapcount(page));

	ret = fault(mm, priv + 2 * PAGE_SIZE, false);
	ck_assert_msg(!(ret & VM_FAULT_ERROR) && current->maj_flt == maj + 1 &&
			      brd0.reads == 1,
		      "a read fault on a page in the cache read the disk or "
		      "counted as major (VM_FAULT %#x)",
		      ret);
	ck_assert_msg(mapped(mm, priv + 2 * PAGE_SIZE) == page &&
			      !pte_write(*user_pte(mm, priv + 2 * PAGE_SIZE)),
		      "a read fault in a private mapping maps the cache's "
		      "page, read-only (a write copies it)");
	ck_assert_msg(page_count(page) == 3 && page_mapcount(page) == 2,
		      "the page mapped twice: count %d, mapcount %d; expected "
		      "3 and 2",
		      page_count(page), page_mapcount(page));
	ck_assert_uint_eq(inode->i_mapping->nrpages, 1);
	ck_assert_msg(mm->rss == rss + 2,
		      "two pages mapped by two faults: rss grew by %lu, "
		      "expected 2 (each PTE of a page counts)",
		      mm->rss - rss);

	ck_assert_int_eq(do_munmap(mm, shared, 2 * PAGE_SIZE), 0);
	ck_assert_int_eq(do_munmap(mm, priv, 3 * PAGE_SIZE), 0);
	current = saved;
	mmput(mm);
	fput(f);
	ck_assert_msg(page_count(page) == 1 && page_mapcount(page) == 0,
		      "unmapped: count %d, mapcount %d; expected the cache's "
		      "reference alone",
		      page_count(page), page_mapcount(page));
}
END_TEST

/*
 * A write to a private mapping where nothing is mapped: a new page with
 * the file's bytes, the process's own, writable and dirty; the cache's
 * page is neither mapped nor dirtied nor kept by the fault.
 */
START_TEST(private_write_copies_the_page)
{
	struct task_struct *saved;
	struct page *page, *copy;
	struct mm_struct *mm;
	unsigned long a, before;
	vm_fault_t ret;
	struct file *f;
	pte_t *pte;

	disk_file();
	mm = exec_mm();
	f = filp_open("/mnt/disk", O_RDWR, 0);
	ck_assert(!IS_ERR(f));
	saved = enter_mm(mm);
	a = do_mmap(f, 0, 3 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE,
		    0);
	ck_assert_uint_lt(a, TASK_SIZE);
	before = free_pages_now();
	ret = fault(mm, a + PAGE_SIZE, true);
	ck_assert_msg(!(ret & VM_FAULT_ERROR), "a private write fault: %#x",
		      ret);
	page = cached("/mnt/disk", 1);
	copy = mapped(mm, a + PAGE_SIZE);
	pte = user_pte(mm, a + PAGE_SIZE);
	ck_assert_msg(copy != page && page_has(copy, 0, "page 1", 7),
		      "a private write must map a copy of the file's page, "
		      "with its bytes");
	ck_assert_msg(pte_write(*pte) && pte_dirty(*pte),
		      "the copy's PTE: writable %d, dirty %d; expected both",
		      !!pte_write(*pte), !!pte_dirty(*pte));
	ck_assert_msg(page_count(copy) == 1 && page_mapcount(copy) == 1 &&
			      !PageLocked(copy),
		      "the copy: count %d, mapcount %d, locked %d; expected "
		      "1, 1, unlocked (the process's own page)",
		      page_count(copy), page_mapcount(copy), PageLocked(copy));
	ck_assert_msg(page_count(page) == 1 && !page_mapped(page) &&
			      !PageDirty(page) && !PageLocked(page),
		      "the file's page after a private write: count %d, "
		      "mapped %d, dirty %d, locked %d; expected the cache's "
		      "reference alone, unmapped, clean, unlocked",
		      page_count(page), page_mapped(page), PageDirty(page),
		      PageLocked(page));
	ck_assert_msg(before - free_pages_now() >= 2,
		      "one private write fault took %ld pages; expected the "
		      "cache's page and the copy",
		      (long)(before - free_pages_now()));
	current = saved;
	mmput(mm);
	fput(f);
	filetest(6, "private mapping: mine\nread = 10\nfile: page zero\n"
		    "its second page: page one\n");
}
END_TEST

/*
 * Writes to a shared mapping: a write where nothing is mapped maps the
 * cache's page writable and dirty, and dirties the page (tagged); a
 * write after a read fault does the same through page_mkwrite; what
 * one side writes the other reads.
 */
START_TEST(shared_write_dirties_the_page)
{
	struct inode *inode = disk_file();
	struct task_struct *saved;
	struct mm_struct *mm;
	struct page *page;
	unsigned long a;
	vm_fault_t ret;
	struct file *f;
	pte_t *pte;

	mm = exec_mm();
	f = filp_open("/mnt/disk", O_RDWR, 0);
	ck_assert(!IS_ERR(f));
	saved = enter_mm(mm);
	a = do_mmap(f, 0, 3 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, 0);
	ck_assert_uint_lt(a, TASK_SIZE);
	ret = fault(mm, a, true);
	ck_assert_msg(!(ret & VM_FAULT_ERROR), "a shared write fault: %#x",
		      ret);
	page = cached("/mnt/disk", 0);
	pte = user_pte(mm, a);
	ck_assert_msg(mapped(mm, a) == page && pte_write(*pte) &&
			      pte_dirty(*pte),
		      "a shared write maps the cache's page writable and "
		      "dirty");
	ck_assert_msg(
		PageDirty(page) &&
			xa_get_mark(&inode->i_mapping->i_pages, 0,
				    PAGECACHE_TAG_DIRTY) &&
			!PageLocked(page) && page_count(page) == 2 &&
			page_mapcount(page) == 1,
		"after a shared write fault: flags %#lx, count %d, "
		"mapcount %d; expected dirty (and tagged), unlocked, 2, 1",
		page->flags, page_count(page), page_mapcount(page));

	ret = fault(mm, a + PAGE_SIZE, false);
	page = cached("/mnt/disk", 1);
	ck_assert_msg(!(ret & VM_FAULT_ERROR) && !PageDirty(page),
		      "a read fault dirtied the page");
	ret = fault(mm, a + PAGE_SIZE, true);
	pte = user_pte(mm, a + PAGE_SIZE);
	ck_assert_msg(!(ret & VM_FAULT_ERROR) && pte_write(*pte) &&
			      pte_dirty(*pte) && PageDirty(page) &&
			      mapped(mm, a + PAGE_SIZE) == page &&
			      page_count(page) == 2,
		      "a write after a read fault: the same page, writable, "
		      "dirty, count 2 (VM_FAULT %#x, count %d)",
		      ret, page_count(page));
	current = saved;
	mmput(mm);
	fput(f);
	ck_assert_int_eq(page_count(page), 1);
	filetest(5, "mapping: page zero\nmapping + 4096: page one\nread = 20\n"
		    "file: through the mapping\nmapping: through write()\n"
		    "munmap = 0\n");
}
END_TEST

/*
 * Past the end of the file there is no page: a fault there is SIGBUS
 * and adds nothing to the cache; a program that touches it is killed
 * with SIGBUS.
 */
START_TEST(faults_past_the_end_are_sigbus)
{
	struct inode *inode = disk_file();
	struct task_struct *saved;
	struct mm_struct *mm;
	unsigned long a;
	vm_fault_t ret;
	struct file *f;

	inode->i_size = 2 * PAGE_SIZE; /* exactly pages 0 and 1 */
	mm = exec_mm();
	f = filp_open("/mnt/disk", O_RDWR, 0);
	ck_assert(!IS_ERR(f));
	saved = enter_mm(mm);
	a = do_mmap(f, 0, 3 * PAGE_SIZE, PROT_READ, MAP_SHARED, 0);
	ck_assert_uint_lt(a, TASK_SIZE);
	ret = fault(mm, a + 2 * PAGE_SIZE, false);
	ck_assert_msg(
		ret & VM_FAULT_SIGBUS,
		"a fault at index 2 of a file of exactly 2 pages returned "
		"%#x, expected VM_FAULT_SIGBUS: its pages are 0 and 1",
		ret);
	inode->i_size = PAGE_SIZE + 1; /* pages 0 and 1, one byte of 1 */
	ret = fault(mm, a + PAGE_SIZE, false);
	ck_assert_msg(!(ret & VM_FAULT_ERROR),
		      "a fault on the file's last page, one byte long: %#x",
		      ret);
	ret = fault(mm, a + 2 * PAGE_SIZE, false);
	ck_assert_msg(ret & VM_FAULT_SIGBUS,
		      "a fault past the end of the file returned %#x, "
		      "expected VM_FAULT_SIGBUS",
		      ret);
	ck_assert_msg(inode->i_mapping->nrpages == 1 && brd0.reads == 1,
		      "a fault past the end added pages to the cache (%lu) or "
		      "read the disk (%lu reads)",
		      inode->i_mapping->nrpages, brd0.reads);
	current = saved;
	mmput(mm);
	fput(f);
	filetest_sigbus_past_the_end();
}
END_TEST

/*
 * msync() and fsync() write the dirty pages of a shared mapping to the
 * disk, and clean them and their PTEs, so that the next write faults
 * and dirties the page again; a clean page is not written twice; the
 * part of the last page past the end of the file is zeroed, not
 * written; msync() refuses what 5.10 refuses.
 */
START_TEST(msync_writes_dirty_pages_back)
{
	static const char block0[] = "page zero\0written\0\0\0again\0\0\0\0\0"
				     "hole\0\0\0\0\0\0async";
	static const char zeroes[64];
	struct inode *inode;
	struct page *page;

	brd0.writes = 0;
	filetest(9, "msync = 0\nfsync = 0\npast the end after fsync: "
		    "(zeroes)\nmsync, nothing dirty = 0\nmsync unaligned = "
		    "-22\nmsync async and sync = -22\nmsync bad flag = -22\n"
		    "msync async = 0\nmsync of nothing = 0\nmsync at an offset "
		    "= 0\nmsync over a hole = -12\nfsync of the console = "
		    "-22\n");
	ck_assert_msg(brd0.writes == 5,
		      "%lu pages written to the disk; expected 5: page 0 at "
		      "the first msync (its range ends there, page 1 stays "
		      "dirty), both at fsync, none at MS_ASYNC, page 1 through "
		      "the mapping at offset 1 page, page 0 over the hole, and "
		      "no clean page",
		      brd0.writes);
	ck_assert_msg(block_holds(0, 0, block0, sizeof(block0)),
		      "block 0 does not hold page 0 as the mapping wrote it");
	ck_assert_msg(block_holds(1, 0, "page ONE", 9) &&
			      block_holds(1, 9, zeroes, sizeof(zeroes)) &&
			      block_holds(1, 100, zeroes, sizeof(zeroes)),
		      "block 1 must hold \"page ONE\" (msync() of a mapping "
		      "at offset 1 page writes the file's page 1) and zeroes "
		      "after the end of the file (4105 bytes)");
	inode = lookup_inode("/mnt/sync");
	for (pgoff_t i = 0; i < 2; i++) {
		page = cached("/mnt/sync", i);
		ck_assert_msg(!PageDirty(page) && !PageWriteback(page) &&
				      !PageLocked(page) &&
				      !xa_get_mark(&inode->i_mapping->i_pages,
						   i, PAGECACHE_TAG_DIRTY) &&
				      !xa_get_mark(&inode->i_mapping->i_pages,
						   i, PAGECACHE_TAG_TOWRITE),
			      "page %lu after the last sync: flags %#lx; "
			      "expected clean, not under writeback, unlocked, "
			      "without the dirty and towrite tags",
			      i, page->flags);
	}
}
END_TEST

/*
 * Writeback cleans every PTE of a page, in every process that maps it
 * (through the file's i_mmap), not only the page: both processes' next
 * writes fault and dirty it again.
 */
START_TEST(writeback_cleans_every_mapping)
{
	struct mm_struct *parent, *child;
	struct task_struct *saved;
	struct inode *inode = disk_file();
	struct page *page;
	unsigned long a;
	struct file *f;

	parent = exec_mm();
	f = filp_open("/mnt/disk", O_RDWR, 0);
	ck_assert(!IS_ERR(f));
	saved = enter_mm(parent);
	a = do_mmap(f, 0, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, 0);
	ck_assert_uint_lt(a, TASK_SIZE);
	child = copy_mm(parent);
	ck_assert(!(fault(parent, a, true) & VM_FAULT_ERROR));
	current = saved;
	saved = enter_mm(child);
	ck_assert(!(fault(child, a, true) & VM_FAULT_ERROR));
	current = saved;
	page = cached("/mnt/disk", 0);
	ck_assert_msg(page_mapcount(page) == 2 && PageDirty(page),
		      "page 0 written by two processes: mapcount %d, dirty %d",
		      page_mapcount(page), PageDirty(page));

	ck_assert_int_eq(filemap_fdatawrite(inode->i_mapping), 0);
	ck_assert_msg(brd0.writes == 1 && !PageDirty(page),
		      "writeback of one dirty page: %lu writes, dirty %d; "
		      "expected 1 write and a clean page",
		      brd0.writes, PageDirty(page));
	for (int i = 0; i < 2; i++) {
		struct mm_struct *mm = i ? child : parent;
		pte_t *pte = user_pte(mm, a);

		ck_assert_msg(pte && pte_present(*pte) && !pte_write(*pte) &&
				      !pte_dirty(*pte),
			      "after writeback the %s's PTE is writable %d, "
			      "dirty %d: every PTE of the page must be "
			      "cleaned (page_mkclean())",
			      i ? "child" : "parent", !!pte_write(*pte),
			      !!pte_dirty(*pte));
	}
	ck_assert_int_eq(filemap_fdatawrite(inode->i_mapping), 0);
	ck_assert_msg(brd0.writes == 1,
		      "a clean page was written again (%lu writes)",
		      brd0.writes);
	saved = enter_mm(child);
	ck_assert(!(fault(child, a, true) & VM_FAULT_ERROR));
	current = saved;
	ck_assert_msg(PageDirty(page) && pte_write(*user_pte(child, a)),
		      "a write after writeback must fault and dirty the page");
	ck_assert_int_eq(filemap_fdatawrite(inode->i_mapping), 0);
	ck_assert_uint_eq(brd0.writes, 2);
	mmput(child);
	mmput(parent);
	fput(f);
	ck_assert_int_eq(page_count(page), 1);
}
END_TEST

/* After the last fsync, the disk holds what the cache holds. */
static void disk_matches_cache(const char *name)
{
	struct inode *inode = lookup_inode(name);

	ck_assert_msg(inode, "no file %s", name);
	for (pgoff_t i = 0; i < DIV_ROUND_UP(inode->i_size, PAGE_SIZE); i++) {
		struct page *page = cached(name, i);
		bool same;

		ck_assert_msg(!PageDirty(page),
			      "%s: page %lu dirty after fsync()", name, i);
		same = block_holds(i, 0, kmap(page), PAGE_SIZE);
		kunmap(page);
		ck_assert_msg(same,
			      "%s: block %lu of the disk differs from the "
			      "cache's page after fsync()",
			      name, i);
	}
}

/*
 * 2000 random accesses to one file through two shared mappings, a
 * private one, read() and write(), with msync() and fsync() between,
 * against a model (filetest compares every byte), for two seeds; then
 * the disk holds what the cache holds.
 */
START_TEST(random_mappings_match_a_model)
{
	static const long seeds[] = { 38, 1038 };

	for (int i = 0; i < 2; i++) {
		char want[96];

		snprintf(want, sizeof(want),
			 "random mappings: seed %ld, 2000 accesses, as the "
			 "model\n",
			 seeds[i]);
		filetest(RANDOM_MAP + seeds[i], want);
		disk_matches_cache("/mnt/random");
		ck_assert_int_eq(do_unlink("/mnt/random"), 0);
	}
}
END_TEST

KTEST_SUITE(ch38) = {
	.chapter = "38",
	.title = "Faults on file mappings",
	.boot = ktest_boot_paging,
	.tests = KTESTS(
		read_faults_map_the_cache_page, private_write_copies_the_page,
		shared_write_dirties_the_page, faults_past_the_end_are_sigbus,
		msync_writes_dirty_pages_back, writeback_cleans_every_mapping,
		random_mappings_match_a_model),
};
