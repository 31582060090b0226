// SPDX-License-Identifier: GPL-2.0
/*
 * Chapter 37, file mappings: the page cache.  Files of diskfs (/mnt) are
 * written and read by the user program filetest, and the kernel then
 * looks at the cache: each page at its index, up to date, unlocked, with
 * the cache's reference alone; the disk read once per page.
 * add_to_page_cache_lru() and pagecache_get_page() are called directly
 * for their rules; mmap() of a file must allocate nothing, and
 * linear_page_index() must turn an address into the file's page.
 *
 * Nothing here faults a file mapping in: that is chapter 38.
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

/* @name's cache page @index holds @text at @offset. */
static void page_holds(const char *name, pgoff_t index, unsigned long offset,
		       const char *text)
{
	ck_assert_msg(page_has(cached(name, index), offset, text, strlen(text)),
		      "%s: page %lu does not hold \"%s\" at %lu", name, index,
		      text, offset);
}

/* Every page of @name's cache up to date, unlocked, held by the cache. */
static void cache_settled(const char *name, unsigned long nrpages)
{
	struct inode *inode = lookup_inode(name);
	unsigned long index, n = 0;
	struct page *page;

	ck_assert_msg(inode->i_mapping->nrpages == nrpages,
		      "%s: nrpages %lu, expected %lu (add_to_page_cache_lru() "
		      "counts each page it adds)",
		      name, inode->i_mapping->nrpages, nrpages);
	xa_for_each(&inode->i_mapping->i_pages, index, page) {
		n++;
		ck_assert_msg(page->mapping == inode->i_mapping &&
				      page->index == index,
			      "%s: the page at %lu has mapping %p index %lu",
			      name, index, (void *)page->mapping, page->index);
		ck_assert_msg(PageUptodate(page) && !PageLocked(page),
			      "%s: page %lu: flags %#lx; expected up to date "
			      "and unlocked once read() or write() is done",
			      name, index, page->flags);
		ck_assert_msg(page_count(page) == 1,
			      "%s: page %lu: count %d; expected 1, the cache's "
			      "(every lookup's reference is put again)",
			      name, index, page_count(page));
	}
	ck_assert_msg(n == nrpages, "%s: %lu pages in i_pages, nrpages %lu",
		      name, n, nrpages);
}

/*
 * Files written and read through the cache: each page at its index,
 * holding what was written; a page is shared by every read and write of
 * it (the write across a page boundary, read back); nothing went to or
 * came from the disk, since a new file's pages are zeroed.
 */
START_TEST(cache_holds_each_page_at_its_index)
{
	filetest_new_file();
	cache_settled("/mnt/hello", 2);
	page_holds("/mnt/hello", 0, 0, "hello, page cache");
	page_holds("/mnt/hello", 1, 5000 - PAGE_SIZE, "x");
	filetest(2, "write = 8\nread = 8\nfile: 01234567\nsize = 4100\n");
	cache_settled("/mnt/across", 2);
	page_holds("/mnt/across", 0, PAGE_SIZE - 4, "0123");
	page_holds("/mnt/across", 1, 0, "4567");
	ck_assert_msg(brd0.reads == 0,
		      "the disk saw %lu reads: a page past the end of a file "
		      "is zeroed, not read",
		      brd0.reads);
}
END_TEST

/*
 * /mnt/odd has its bytes on the disk (2 pages and 10 bytes): reads at
 * odd places bring each page in once, stop at the end of the file, move
 * the position by what they copied, and copy what they can into a
 * buffer that ends in the middle.
 */
START_TEST(read_brings_each_page_in_once)
{
	struct inode *inode = diskfs_create("/mnt/odd", 0644);

	ck_assert(!IS_ERR(inode));
	put_block_at(0, PAGE_SIZE - 5, "ABCDE");
	put_block_at(1, 0, "FGHIJ");
	put_block_at(2, 0, "0123456789");
	inode->i_size = 2 * PAGE_SIZE + 10;
	brd0.reads = 0;
	filetest(8, "read = 10\nfile: ABCDEFGHIJ\nposition = 4101\n"
		    "read = 10\nfile: 0123456789\nposition = 8202\n"
		    "read at the end = 0\n"
		    "read = 3\nfile: 234\nposition = 8197\n"
		    "read past the end = 0\n"
		    "read into a bad address = -14\nposition = 0\n"
		    "read into a buffer that ends = 6\nbuffer: ABCDEF\n"
		    "position = 4097\nread of nothing = 0\n");
	ck_assert_msg(brd0.reads == 3,
		      "%lu pages read from the disk; expected 3, each page "
		      "once (a page in the cache and up to date is not read "
		      "again)",
		      brd0.reads);
	cache_settled("/mnt/odd", 3);
	for (pgoff_t i = 0; i < 3; i++)
		ck_assert_msg(!PageDirty(cached("/mnt/odd", i)),
			      "page %lu of /mnt/odd is dirty: read() only "
			      "reads",
			      i);
}
END_TEST

/*
 * add_to_page_cache_lru() on a file's empty cache: the page comes back
 * locked, with the cache's reference, at its index; a second page at
 * the same index is refused with -EEXIST and left as it was; the file's
 * last reference frees them all.
 */
static void add_rules_once(void)
{
	pgoff_t where[] = { 5, 0, 1023, 64 };
	struct page *pages[4], *other;
	struct address_space *mapping;
	struct inode *inode;

	inode = diskfs_create("/mnt/cache", 0644);
	ck_assert(!IS_ERR(inode));
	mapping = inode->i_mapping;
	for (int i = 0; i < 4; i++) {
		struct page *page = alloc_page(GFP_KERNEL);
		int err;

		ck_assert_ptr_nonnull(page);
		err = add_to_page_cache_lru(page, mapping, where[i],
					    GFP_KERNEL);
		ck_assert_msg(err == 0, "add_to_page_cache_lru(index %lu) = %d",
			      where[i], err);
		ck_assert_msg(PageLocked(page),
			      "add_to_page_cache_lru(): the page comes back "
			      "locked, for its file system to fill");
		ck_assert_msg(page_count(page) == 2,
			      "add_to_page_cache_lru(): count %d; expected 2, "
			      "the caller's and the cache's",
			      page_count(page));
		ck_assert_msg(page->mapping == mapping &&
				      page->index == where[i],
			      "add_to_page_cache_lru(): page->mapping %p "
			      "index %lu; expected the file's, %lu",
			      (void *)page->mapping, page->index, where[i]);
		ck_assert_msg(xa_load(&mapping->i_pages, where[i]) == page,
			      "add_to_page_cache_lru(): i_pages has no page "
			      "at %lu",
			      where[i]);
		ck_assert_msg(mapping->nrpages == (unsigned long)i + 1,
			      "add_to_page_cache_lru(): nrpages %lu after %d "
			      "pages",
			      mapping->nrpages, i + 1);
		pages[i] = page;
	}
	ck_assert_msg(!xa_load(&mapping->i_pages, 4) &&
			      !xa_load(&mapping->i_pages, 6),
		      "add_to_page_cache_lru(): pages where none was added");

	other = alloc_page(GFP_KERNEL);
	ck_assert_ptr_nonnull(other);
	ck_assert_int_eq(add_to_page_cache_lru(other, mapping, 5, GFP_KERNEL),
			 -EEXIST);
	ck_assert_msg(xa_load(&mapping->i_pages, 5) == pages[0] &&
			      mapping->nrpages == 4,
		      "add_to_page_cache_lru() at a taken index replaced the "
		      "page or counted it");
	ck_assert_msg(
		!other->mapping && page_count(other) == 1 && !PageLocked(other),
		"a page refused with -EEXIST: mapping %p, count %d, "
		"locked %d; expected everything undone (NULL, 1, no)",
		(void *)other->mapping, page_count(other), PageLocked(other));
	__free_page(other);

	for (int i = 0; i < 4; i++) {
		unlock_page(pages[i]);
		put_page(pages[i]);
	}
	ck_assert_int_eq(do_unlink("/mnt/cache"), 0);
}

START_TEST(add_to_page_cache_lru_rules)
{
	unsigned long before;

	add_rules_once(); /* the first grows the caches (inodes, nodes) */
	before = free_pages_now();
	add_rules_once();
	ck_assert_msg(free_pages_now() == before,
		      "%ld pages fewer free after the file went: the cache's "
		      "references are its pages' last",
		      (long)(before - free_pages_now()));
}
END_TEST

/*
 * pagecache_get_page(): a lookup takes a reference and creates nothing
 * unless asked; FGP_CREAT adds a new page (not up to date, unlocked
 * unless FGP_LOCK), FGP_LOCK locks what it returns, FGP_ACCESSED marks
 * it referenced.
 */
static void get_flags_once(void)
{
	struct address_space *mapping;
	struct page *page, *again;
	struct inode *inode;

	inode = diskfs_create("/mnt/flags", 0644);
	ck_assert(!IS_ERR(inode));
	mapping = inode->i_mapping;
	ck_assert_msg(!pagecache_get_page(mapping, 3, 0, 0) &&
			      !pagecache_get_page(mapping, 3, FGP_LOCK, 0) &&
			      mapping->nrpages == 0,
		      "pagecache_get_page() without FGP_CREAT made a page");

	page = pagecache_get_page(mapping, 3, FGP_CREAT, GFP_KERNEL);
	ck_assert_msg(page, "pagecache_get_page(FGP_CREAT) found no page");
	ck_assert_msg(page->mapping == mapping && page->index == 3 &&
			      xa_load(&mapping->i_pages, 3) == page &&
			      mapping->nrpages == 1,
		      "pagecache_get_page(FGP_CREAT): the new page is not in "
		      "the cache at 3");
	ck_assert_msg(!PageLocked(page) && !PageUptodate(page) &&
			      !PageReferenced(page),
		      "pagecache_get_page(FGP_CREAT): flags %#lx; expected a "
		      "new page unlocked (no FGP_LOCK), not up to date, not "
		      "referenced (no FGP_ACCESSED)",
		      page->flags);
	ck_assert_msg(page_count(page) == 2,
		      "pagecache_get_page(FGP_CREAT): count %d; expected 2, "
		      "the cache's and the caller's",
		      page_count(page));

	again = pagecache_get_page(mapping, 3, 0, 0);
	ck_assert_msg(again == page && page_count(page) == 3 &&
			      !PageLocked(page),
		      "a second lookup: page %p (expected %p), count %d "
		      "(expected 3: each lookup takes a reference), locked %d",
		      (void *)again, (void *)page, page_count(page),
		      PageLocked(page));
	put_page(again);
	again = pagecache_get_page(mapping, 3, FGP_LOCK | FGP_CREAT,
				   GFP_KERNEL);
	ck_assert_msg(again == page && PageLocked(page) &&
			      page_count(page) == 3 && mapping->nrpages == 1,
		      "pagecache_get_page(FGP_LOCK | FGP_CREAT) of a cached "
		      "page: the same page locked, with one more reference, "
		      "and no new page");
	unlock_page(page);
	put_page(again);
	again = find_get_page(mapping, 3);
	ck_assert_msg(again == page && !PageReferenced(page),
		      "a lookup without FGP_ACCESSED marked the page");
	put_page(again);
	again = pagecache_get_page(mapping, 3, FGP_ACCESSED, 0);
	ck_assert_msg(again == page && PageReferenced(page),
		      "pagecache_get_page(FGP_ACCESSED) did not mark the page "
		      "referenced");
	put_page(again);

	again = pagecache_get_page(
		mapping, 9, FGP_CREAT | FGP_LOCK | FGP_ACCESSED, GFP_KERNEL);
	ck_assert_msg(again && PageLocked(again) && PageReferenced(again) &&
			      page_count(again) == 2 && mapping->nrpages == 2,
		      "pagecache_get_page(FGP_CREAT | FGP_LOCK | "
		      "FGP_ACCESSED): a new page locked, referenced, count 2");
	unlock_page(again);
	put_page(again);
	ck_assert_int_eq(page_count(page), 2);
	put_page(page);
	ck_assert_int_eq(do_unlink("/mnt/flags"), 0);
}

START_TEST(pagecache_get_page_flags)
{
	unsigned long before;

	get_flags_once(); /* the first grows the caches (inodes, nodes) */
	before = free_pages_now();
	get_flags_once();
	ck_assert_msg(free_pages_now() == before,
		      "%ld pages fewer free after the file went: each lookup's "
		      "reference must be put, and the cache's is the last",
		      (long)(before - free_pages_now()));
}
END_TEST

/* linear_page_index() of @vma at @addr must be @want. */
static void index_is(struct vm_area_struct *vma, unsigned long addr,
		     pgoff_t want)
{
	pgoff_t got = linear_page_index(vma, addr);

	ck_assert_msg(got == want,
		      "linear_page_index(VMA %08lx-%08lx, vm_pgoff %lu, "
		      "address %08lx) = %lu; expected %lu",
		      vma->vm_start, vma->vm_end, vma->vm_pgoff, addr, got,
		      want);
}

/*
 * mmap() of a file allocates nothing and maps nothing: the VMA records
 * the file, the page offset (vm_pgoff) and the page cache's vm_ops.
 * linear_page_index() turns an address of the VMA into the file's page,
 * in a VMA split by munmap() too.
 */
START_TEST(mmap_records_only_the_offset)
{
	struct vm_area_struct *vma, hand = { 0 };
	struct task_struct *saved;
	unsigned long a, nr;
	struct mm_struct *mm;
	struct inode *inode;
	struct file *f;
	pte_t *pte;

	filetest_new_file();
	mm = exec_mm();
	f = filp_open("/mnt/hello", O_RDWR, 0);
	ck_assert(!IS_ERR(f));
	inode = file_inode(f);
	nr = inode->i_mapping->nrpages;
	saved = enter_mm(mm);
	a = do_mmap(f, 0, 4 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, 3);
	ck_assert_uint_lt(a, TASK_SIZE);
	for (int i = 0; i < 4; i++) {
		pte = user_pte(mm, a + i * PAGE_SIZE);
		ck_assert_msg(!pte || pte_none(*pte),
			      "mmap() of a file mapped page %d: pages come at "
			      "faults (chapter 38)",
			      i);
	}
	ck_assert_msg(inode->i_mapping->nrpages == nr,
		      "mmap() of a file added pages to its cache");
	vma = vma_at(mm, a);
	ck_assert_msg(vma->vm_file == f && vma->vm_pgoff == 3 && vma->vm_ops &&
			      vma->vm_ops->fault == filemap_fault,
		      "the VMA of a file mapping at offset 3 pages: vm_file %p "
		      "(expected %p), vm_pgoff %lu (expected 3), and the page "
		      "cache's fault handler",
		      (void *)vma->vm_file, (void *)f, vma->vm_pgoff);
	for (int i = 0; i < 4; i++)
		index_is(vma, a + i * PAGE_SIZE + 123 * i, 3 + i);
	index_is(vma, a + 4 * PAGE_SIZE - 1, 6);
	/* munmap() of page 1 leaves [a, a + 1) at 3 and [a + 2, a + 4) */
	ck_assert_int_eq(do_munmap(mm, a + PAGE_SIZE, PAGE_SIZE), 0);
	vma = vma_at(mm, a + 2 * PAGE_SIZE);
	ck_assert_uint_eq(vma->vm_pgoff, 5);
	index_is(vma, a + 3 * PAGE_SIZE + 5, 6);
	index_is(vma_at(mm, a), a, 3);
	current = saved;
	mmput(mm);
	fput(f);

	hand.vm_start = 0x40000000;
	hand.vm_end = 0x40800000;
	hand.vm_pgoff = 0x12345;
	index_is(&hand, 0x40000000, 0x12345);
	index_is(&hand, 0x40003fff, 0x12348);
	index_is(&hand, 0x407ff000, 0x12345 + 2047);
	hand.vm_start = 0xb6f00000;
	hand.vm_end = 0xb6f04000;
	hand.vm_pgoff = 1020;
	index_is(&hand, 0xb6f03abc, 1023);
}
END_TEST

/*
 * 3000 random reads and writes of one file, within pages and across
 * them, past its end and into holes, against a model in user memory
 * (filetest compares every byte, count and position), for two seeds;
 * then the cache holds only the file's pages, each settled.
 */
START_TEST(random_reads_and_writes_match_a_model)
{
	static const long seeds[] = { 37, 1037 };

	for (int i = 0; i < 2; i++) {
		char want[96];
		struct inode *inode;

		snprintf(want, sizeof(want),
			 "random: seed %ld, 3000 reads and writes, size "
			 "16384, as the model\n",
			 seeds[i]);
		filetest(seeds[i], want);
		inode = lookup_inode("/mnt/random");
		ck_assert_msg(inode && inode->i_size == 4 * PAGE_SIZE,
			      "/mnt/random: size %lld, expected 16384",
			      inode ? (long long)inode->i_size : -1LL);
		cache_settled("/mnt/random", 4);
		ck_assert_int_eq(do_unlink("/mnt/random"), 0);
	}
}
END_TEST

KTEST_SUITE(ch37) = {
	.chapter = "37",
	.title = "File mappings: the page cache",
	.boot = ktest_boot_paging,
	.tests = KTESTS(cache_holds_each_page_at_its_index,
			read_brings_each_page_in_once,
			add_to_page_cache_lru_rules, pagecache_get_page_flags,
			mmap_records_only_the_offset,
			random_reads_and_writes_match_a_model),
};
