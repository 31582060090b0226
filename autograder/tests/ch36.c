// SPDX-License-Identifier: GPL-2.0
/*
 * Chapter 36: remap_pfn_range (mmap映射机制：remap_pfn_range).
 *
 * The exercises: vm_iomap_memory() (mm/memory.c), and /dev/cmabuf's
 * open, mmap and release (drivers/char/cmabuf.c): an 8 MiB buffer of
 * contiguous frames from the CMA area for each open, mapped
 * write-combined, given back when neither a descriptor nor a mapping
 * holds the file any more.
 *
 * The suite boots vexpress-cma (a 64 MiB CMA area at 0x68000000).  The
 * buffer is found from the CMA area's bitmap, so the allocation is
 * checked without the mapping; the mappings are checked from their VMA
 * and PTEs, and from user programs (cmatest) on both machines.
 * vm_iomap_memory() is called on VMAs laid out by hand, over RAM and
 * over the UART's registers, which have no struct page at all.
 */
#include <stdio.h>
#include <string.h>
#include <linux/cma.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <asm/memory.h>
#include <asm/pgtable.h>
#include <uapi/asm-generic/fcntl.h>
#include "ktest.h"
#include "proc_util.h"

#define BUF_PAGES 2048UL /* /dev/cmabuf's 8 MiB */
#define ALIGN_PAGES 256UL /* CONFIG_CMA_ALIGNMENT: order 8, 1 MiB */
#define UART_PFN 0x10009UL /* the PL011's registers: no struct page */
#define RW (PROT_READ | PROT_WRITE)

static struct cma *area(void)
{
	ck_assert_msg(dma_contiguous_default_area,
		      "the board has no default CMA area (vexpress-cma)");
	return dma_contiguous_default_area;
}

static bool cma_bit_set(const struct cma *cma, unsigned long b)
{
	return (cma->bitmap[b / BITS_PER_LONG] >> (b % BITS_PER_LONG)) & 1;
}

/* The first frame of the first taken range at or above @from, or 0. */
static unsigned long taken_from(unsigned long from)
{
	const struct cma *cma = area();
	unsigned long b = (from - cma->base_pfn) >> cma->order_per_bit;

	for (; b < cma->count >> cma->order_per_bit; b++)
		if (cma_bit_set(cma, b))
			return cma->base_pfn + (b << cma->order_per_bit);
	return 0;
}

static struct file *open_cmabuf(void)
{
	struct file *f = filp_open("/dev/cmabuf", O_RDWR, 0);

	ck_assert_msg(!IS_ERR(f),
		      "open of /dev/cmabuf: %ld, expected a file: "
		      "cmabuf_open() takes the buffer from the CMA area",
		      PTR_ERR(f));
	return f;
}

/* Is every byte of frames [@pfn, @pfn + @n) zero? */
static bool frames_zero(unsigned long pfn, unsigned long n)
{
	for (unsigned long i = 0; i < n; i++) {
		const unsigned long *w = page_address(pfn_to_page(pfn + i));

		for (unsigned int j = 0; j < PAGE_SIZE / sizeof(*w); j++)
			if (w[j])
				return false;
	}
	return true;
}

/* cmatest @how as a process: its exit status 0 and its output whole. */
static void cmatest(long how, const char *want, const char *rule)
{
	expect_output("cmatest", cmatest_main, how, want, rule);
}

/*
 * Each open() takes its own 8 MiB from the CMA area: contiguous, at a
 * 1 MiB boundary (dma_alloc_from_contiguous() caps the order of the
 * size at CONFIG_CMA_ALIGNMENT), zeroed though the frames held data;
 * the last fput() gives it back; an open that finds no room fails with
 * -ENOMEM and keeps nothing.
 */
START_TEST(open_takes_a_zeroed_cma_buffer)
{
	struct cma *cma = area();
	unsigned long base = cma->base_pfn, used = cma_used_pages(cma);
	struct page *dirty, *one;
	struct file *f[8];
	unsigned long first, free_before;
	int n;

	/* what the frames held before: a driver must not show it */
	dirty = cma_alloc(cma, cma->count, 0, false);
	ck_assert_ptr_nonnull(dirty);
	memset(page_address(dirty), 0xa5, cma->count * PAGE_SIZE);
	ck_assert(cma_release(cma, dirty, (unsigned int)cma->count));
	/* one page taken at the start: the buffer must skip to 1 MiB */
	one = cma_alloc(cma, 1, 0, false);
	ck_assert_ptr_eq(one, pfn_to_page(base));

	f[0] = open_cmabuf();
	ck_assert_msg(cma_used_pages(cma) == used + 1 + BUF_PAGES,
		      "open took %lu pages of the CMA area, expected %lu "
		      "(8 MiB)",
		      cma_used_pages(cma) - used - 1, BUF_PAGES);
	first = taken_from(base + 1);
	ck_assert_msg(first == base + ALIGN_PAGES,
		      "the buffer starts at pfn %#lx, expected %#lx: "
		      "dma_alloc_from_contiguous() aligns to the order of "
		      "the size, get_order(8 MiB) = 11, capped at "
		      "CONFIG_CMA_ALIGNMENT (8: 1 MiB)",
		      first, base + ALIGN_PAGES);
	ck_assert_msg(frames_zero(first, BUF_PAGES),
		      "the buffer holds what its frames held before: "
		      "cmabuf_open() must zero it (as dma_alloc_coherent() "
		      "does)");
	ck_assert_msg(f[0]->private_data, "file->private_data is NULL: the "
					  "buffer belongs to the open file");
	f[1] = open_cmabuf();
	ck_assert_msg(cma_used_pages(cma) == used + 1 + 2 * BUF_PAGES &&
			      taken_from(first + BUF_PAGES) ==
				      first + BUF_PAGES,
		      "a second open: %lu pages taken in all, the next "
		      "buffer at %#lx; expected its own 8 MiB at %#lx",
		      cma_used_pages(cma) - used - 1,
		      taken_from(first + BUF_PAGES), first + BUF_PAGES);
	fput(f[0]);
	ck_assert_msg(cma_used_pages(cma) == used + 1 + BUF_PAGES &&
			      taken_from(base + 1) == first + BUF_PAGES,
		      "after the first file's last fput(): %lu pages taken, "
		      "expected %lu: cmabuf_release() gives its buffer back",
		      cma_used_pages(cma) - used - 1, BUF_PAGES);
	fput(f[1]);
	ck_assert_uint_eq(cma_used_pages(cma), used + 1);

	/* 64 MiB less the first megabyte: seven buffers fit, not eight */
	for (n = 0; n < 8; n++) {
		f[n] = filp_open("/dev/cmabuf", O_RDWR, 0);
		if (IS_ERR(f[n]))
			break;
	}
	ck_assert_msg(n == 7 && PTR_ERR(f[7]) == -ENOMEM,
		      "%d opens succeeded, expected 7, then -ENOMEM (got "
		      "%ld)",
		      n, n < 8 ? PTR_ERR(f[n]) : 0L);
	free_before = free_pages_now();
	for (int i = 0; i < 200; i++) {
		struct file *e = filp_open("/dev/cmabuf", O_RDWR, 0);

		ck_assert_msg(e == ERR_PTR(-ENOMEM),
			      "an open with the area full: %ld, expected "
			      "-ENOMEM",
			      PTR_ERR(e));
	}
	ck_assert_msg(free_pages_now() >= free_before,
		      "200 opens that failed kept %lu pages: a failed "
		      "cmabuf_open() frees what it took",
		      free_before - free_pages_now());
	while (n--)
		fput(f[n]);
	ck_assert_uint_eq(cma_used_pages(cma), used + 1);
	ck_assert(cma_release(cma, one, 1));
}
END_TEST

/* A task of @mm current, /dev/cmabuf open; do_mmap() of it. */
static long mmap_buf(struct file *f, unsigned long pages, int prot, int flags,
		     unsigned long pgoff)
{
	return (long)do_mmap(f, 0, pages * PAGE_SIZE, (unsigned long)prot,
			     (unsigned long)flags, pgoff);
}

/* Every PTE of [@a, @a + @n pages): present, frames @pfn on, @type. */
static void expect_frames(struct mm_struct *mm, unsigned long a,
			  unsigned long n, unsigned long pfn, bool writable,
			  const char *what)
{
	for (unsigned long i = 0; i < n; i++) {
		pte_t *pte = user_pte(mm, a + i * PAGE_SIZE);

		ck_assert_msg(
			pte && pte_present(*pte) && pte_pfn(*pte) == pfn + i,
			"%s: page %lu has %s frame %#lx, expected the "
			"buffer's %#lx, mapped at mmap time",
			what, i, pte && pte_present(*pte) ? "" : "no",
			pte ? (unsigned long)pte_pfn(*pte) : 0UL, pfn + i);
		ck_assert_msg(
			(pte_val(*pte) & L_PTE_MT_MASK) == L_PTE_MT_BUFFERABLE,
			"%s: page %lu's memory type is %#lx, expected "
			"L_PTE_MT_BUFFERABLE (%#lx): a buffer a device "
			"reads is mapped write-combined "
			"(pgprot_writecombine())",
			what, i, (unsigned long)(pte_val(*pte) & L_PTE_MT_MASK),
			(unsigned long)L_PTE_MT_BUFFERABLE);
		ck_assert_msg(!!(pte_val(*pte) & L_PTE_USER) &&
				      !(pte_val(*pte) & L_PTE_RDONLY) ==
					      writable,
			      "%s: page %lu's PTE %08lx: the permissions of "
			      "the VMA's protection (%s) must stay",
			      what, i, (unsigned long)pte_val(*pte),
			      writable ? "user, writable" : "user, read-only");
	}
}

/*
 * mmap() maps the buffer's frames from vm_pgoff on, now, across page
 * tables (8 MiB spans several), write-combined and with the VMA's
 * permissions; a VM_IO | VM_PFNMAP VMA; what lies past the buffer is
 * refused.  cmatest writes each megabyte through its mapping and read()
 * finds the bytes.
 */
START_TEST(mmap_maps_the_buffer_write_combined)
{
	struct mm_struct *mm;
	struct task_struct *saved;
	struct vm_area_struct *vma;
	struct file *f;
	unsigned long first, want;
	long a;

	cmatest(0,
		"open = 3\nread = 6\nfile: MiB 5\nread = 4\nfile: (zeroes)\n"
		"munmap = 0\n",
		"the mapping and read() reach the same 8 MiB");
	cmatest(4,
		"open = 3\none page past the end = -22\n"
		"more than the buffer = -22\ntwo pages from the last = -22\n"
		"the last page ok = 1\n",
		"vm_iomap_memory() refuses what lies past the buffer: "
		"-EINVAL");

	mm = exec_mm();
	f = open_cmabuf();
	saved = enter_mm(mm);
	first = taken_from(area()->base_pfn);
	a = mmap_buf(f, BUF_PAGES, RW, MAP_SHARED, 0);
	ck_assert_msg(!IS_ERR_VALUE(a), "mmap of the whole buffer: %ld", a);
	vma = vma_at(mm, (unsigned long)a);
	want = VM_IO | VM_PFNMAP | VM_DONTEXPAND | VM_DONTDUMP;
	ck_assert_msg((vma->vm_flags & want) == want,
		      "the VMA's flags %#lx lack %#lx: its frames must be "
		      "mapped by remap_pfn_range()",
		      vma->vm_flags, want & ~vma->vm_flags);
	ck_assert_msg(
		(pgprot_val(vma->vm_page_prot) & L_PTE_MT_MASK) ==
			L_PTE_MT_BUFFERABLE,
		"vm_page_prot's memory type is %#lx, expected "
		"write-combined: the driver sets it before mapping",
		(unsigned long)(pgprot_val(vma->vm_page_prot) & L_PTE_MT_MASK));
	expect_frames(mm, (unsigned long)a, BUF_PAGES, first, true,
		      "the whole buffer");
	a = mmap_buf(f, 10, PROT_READ, MAP_SHARED, 100);
	ck_assert_msg(!IS_ERR_VALUE(a), "mmap of 10 pages at page 100: %ld", a);
	expect_frames(mm, (unsigned long)a, 10, first + 100, false,
		      "10 pages at page 100, read-only");
	ck_assert_int_eq(sys_mprotect((unsigned long)a, 10 * PAGE_SIZE, RW), 0);
	vma = vma_at(mm, (unsigned long)a);
	ck_assert_msg(
		(pgprot_val(vma->vm_page_prot) & L_PTE_MT_MASK) ==
			L_PTE_MT_BUFFERABLE,
		"after mprotect(rw), vm_page_prot's memory type is %#lx: "
		"mprotect keeps the driver's type (pgprot_modify())",
		(unsigned long)(pgprot_val(vma->vm_page_prot) & L_PTE_MT_MASK));
	expect_frames(mm, (unsigned long)a, 10, first + 100, true,
		      "the same after mprotect(rw)");
	a = mmap_buf(f, 1, RW, MAP_SHARED, BUF_PAGES - 1);
	ck_assert_msg(!IS_ERR_VALUE(a), "mmap of the last page: %ld", a);
	expect_frames(mm, (unsigned long)a, 1, first + BUF_PAGES - 1, true,
		      "the last page");
	current = saved;
	fput(f);
	mmput(mm);
	ck_assert_msg(taken_from(area()->base_pfn) == 0,
		      "the buffer is still taken when its file and every "
		      "mapping of it are gone");
}
END_TEST

/* vm_iomap_memory() into a VMA of @pages at @addr, @pgoff. */
static int iomap(struct mm_struct *mm, unsigned long addr, unsigned long pages,
		 unsigned long pgoff, phys_addr_t start, unsigned long len,
		 struct vm_area_struct **vmap)
{
	struct vm_area_struct *vma =
		add_vma(mm, addr, addr + pages * PAGE_SIZE,
			VM_READ | VM_WRITE | VM_SHARED | VM_MAYREAD |
				VM_MAYWRITE | VM_MAYSHARE);

	vma->vm_pgoff = pgoff;
	*vmap = vma;
	return vm_iomap_memory(vma, start, len);
}

/* vm_iomap_memory() of the case must give @want and map @pfn.. or none. */
struct iomap_case {
	unsigned long pages, pgoff;
	phys_addr_t start;
	unsigned long len;
	int want;
	unsigned long pfn; /* the first frame mapped, when want is 0 */
	const char *rule;
};

#define P(n) ((phys_addr_t)(n) << PAGE_SHIFT)
#define RAM0 0x6c000UL /* a frame of RAM, above the CMA area */

static const struct iomap_case iomap_cases[] = {
	{ 3, 0, P(RAM0), 3 * PAGE_SIZE, 0, RAM0,
	  "three pages of three, from the first" },
	{ 1, 2, P(RAM0), 3 * PAGE_SIZE, 0, RAM0 + 2,
	  "vm_pgoff counts pages into the range" },
	{ 2, 2, P(RAM0), 3 * PAGE_SIZE, -EINVAL, 0,
	  "from page 2 of 3 only one page is left" },
	{ 1, 3, P(RAM0), 3 * PAGE_SIZE, -EINVAL, 0,
	  "vm_pgoff at the end of the range leaves nothing to map" },
	{ 1, 4, P(RAM0), 3 * PAGE_SIZE, -EINVAL, 0, "vm_pgoff past the range" },
	{ 4, 0, P(RAM0), 3 * PAGE_SIZE, -EINVAL, 0,
	  "a VMA larger than the range" },
	{ 3, 0, P(RAM0) + 0x10, 2 * PAGE_SIZE, 0, RAM0,
	  "a start inside a page: the range is the pages that hold it, "
	  "three here" },
	{ 4, 0, P(RAM0) + 0x10, 2 * PAGE_SIZE, -EINVAL, 0,
	  "a start inside a page: the range is three pages, not four" },
	{ 2, 0, P(RAM0) + PAGE_SIZE - 1, 2, 0, RAM0,
	  "two bytes across a page boundary are two pages" },
	{ 1, 1, P(RAM0) + 0x800, 0x800, -EINVAL, 0,
	  "half a page from the middle of a page is one page" },
	{ 1, 0, P(RAM0), 1, 0, RAM0, "one byte is one page" },
	{ 1, 0, 0xfffff000, 0x2000, -EINVAL, 0,
	  "a range that wraps past 4 GiB (start + len in phys_addr_t, 32 "
	  "bits on both machines)" },
	{ 1, 0, 0xffffff00, 0x100, -EINVAL, 0,
	  "a range ending at 4 GiB wraps to 0 in 32 bits" },
	{ 1, 0, 0xffffff00, 0xff, 0, 0xfffff,
	  "the last bytes below 4 GiB: the last page" },
	{ 2, 0, P(UART_PFN), PAGE_SIZE, -EINVAL, 0,
	  "device registers: one page, a VMA of two" },
	{ 1, 0, P(UART_PFN), PAGE_SIZE, 0, UART_PFN,
	  "device registers: frames without a struct page map as well" },
};

/*
 * vm_iomap_memory() on VMAs laid out by hand: the range is cut into the
 * pages that hold it, vm_pgoff of them skipped, the VMA must fit the
 * rest; a refused call maps nothing; a mapped VMA is VM_IO | VM_PFNMAP
 * and the frames are the range's, at once.
 */
START_TEST(vm_iomap_memory_rules)
{
	struct mm_struct *mm = exec_mm();
	unsigned long addr = 0x40000000;

	for (unsigned int i = 0; i < ARRAY_SIZE(iomap_cases); i++) {
		const struct iomap_case *c = &iomap_cases[i];
		struct vm_area_struct *vma;
		int r = iomap(mm, addr, c->pages, c->pgoff, c->start, c->len,
			      &vma);

		ck_assert_msg(r == c->want,
			      "case %u: vm_iomap_memory(%08llx, %#lx) into %lu "
			      "pages at vm_pgoff %lu: %d, expected %d: %s",
			      i, (unsigned long long)c->start, c->len, c->pages,
			      c->pgoff, r, c->want, c->rule);
		for (unsigned long p = 0; p < c->pages; p++) {
			pte_t *pte = user_pte(mm, addr + p * PAGE_SIZE);
			bool mapped = pte && pte_present(*pte);

			if (c->want) {
				ck_assert_msg(!mapped,
					      "case %u: refused (%d), yet page "
					      "%lu is mapped: check before "
					      "mapping anything",
					      i, r, p);
				continue;
			}
			ck_assert_msg(mapped && pte_pfn(*pte) == c->pfn + p,
				      "case %u: page %lu maps %s%#lx, expected "
				      "frame %#lx: %s",
				      i, p, mapped ? "frame " : "nothing, not ",
				      mapped ? (unsigned long)pte_pfn(*pte) : 0,
				      c->pfn + p, c->rule);
		}
		if (!c->want)
			ck_assert_msg((vma->vm_flags & (VM_IO | VM_PFNMAP)) ==
					      (VM_IO | VM_PFNMAP),
				      "case %u: the VMA is not VM_IO | "
				      "VM_PFNMAP: remap_pfn_range() maps it",
				      i);
		addr += 16 * PAGE_SIZE;
	}
	mmput(mm);
}
END_TEST

/*
 * The buffer lives while anything can reach it: a mapping holds the
 * file after close(), and a child's mapping after the parent's is gone;
 * munmap() frees no frame of it (nothing counts them); the last
 * reference gives the 8 MiB back to CMA, and a process that used it
 * leaves every page where it was.
 */
START_TEST(buffer_lives_while_mapped)
{
	struct cma *cma = area();
	unsigned long used = cma_used_pages(cma), free_before, first;
	struct task_struct *saved;
	struct mm_struct *mm, *child;
	struct file *f;
	struct page *page;
	int count, mapcount;
	long a;

	for (int run = 0; run < 2; run++) { /* the first grows the caches */
		free_before = free_pages_now();
		cmatest(1,
			"open = 3\nclose = 0\nmapping: after close\n"
			"munmap = 0\n",
			"close() leaves the mapping, and the buffer, in place");
		cmatest(2,
			"open = 3\nchild status = 0\nparent's mapping: from "
			"the child\n",
			"a child's mapping from fork reaches the same frames");
	}
	ck_assert_msg(cma_used_pages(cma) == used &&
			      free_pages_now() == free_before,
		      "after the programs: %lu CMA pages taken (expected "
		      "%lu), %lu free pages (expected %lu)",
		      cma_used_pages(cma), used, free_pages_now(), free_before);

	mm = exec_mm();
	f = open_cmabuf();
	first = taken_from(cma->base_pfn);
	page = pfn_to_page(first + 1);
	count = page_count(page);
	mapcount = page_mapcount(page);
	saved = enter_mm(mm);
	a = mmap_buf(f, 4, RW, MAP_SHARED, 0);
	ck_assert_msg(!IS_ERR_VALUE(a), "mmap: %ld", a);
	current = saved;
	fput(f); /* close(): the VMA's reference is left */
	ck_assert_msg(cma_used_pages(cma) == used + BUF_PAGES,
		      "close() with a mapping left gave the buffer back: "
		      "the VMA holds the file, release waits for it");
	child = copy_mm(mm);
	ck_assert_msg(page_count(page) == count &&
			      page_mapcount(page) == mapcount,
		      "a buffer page's counts %d/%d became %d/%d with two "
		      "mappings: nothing counts a VM_PFNMAP frame",
		      count, mapcount, page_count(page), page_mapcount(page));
	mmput(mm);
	ck_assert_msg(cma_used_pages(cma) == used + BUF_PAGES,
		      "the parent's mapping went with the child's left: the "
		      "buffer must stay");
	expect_frames(child, (unsigned long)a, 4, first, true,
		      "the child's mapping");
	mmput(child);
	ck_assert_msg(cma_used_pages(cma) == used,
		      "every mapping and file gone, %lu CMA pages are taken: "
		      "release gives the buffer back",
		      cma_used_pages(cma) - used);

	/* 130 structs of 64 bytes (kmalloc-64) fill two pages */
	fput(open_cmabuf());
	free_before = free_pages_now();
	ktest_doing("130 opens and closes of /dev/cmabuf");
	for (int i = 0; i < 130; i++)
		fput(open_cmabuf());
	ck_assert_msg(free_pages_now() == free_before &&
			      cma_used_pages(cma) == used,
		      "130 opens and closes: %ld pages fewer free, %lu CMA "
		      "pages taken: cmabuf_release() gives back the buffer "
		      "and the struct that held it",
		      (long)(free_before - free_pages_now()),
		      cma_used_pages(cma) - used);
}
END_TEST

/*
 * A private mapping of the buffer: written, the page becomes a copy in
 * the process; the buffer keeps its bytes, and the copy goes at exit.
 */
START_TEST(private_mapping_copies)
{
	unsigned long free_before = 0;
	struct cma *cma = area();

	for (int run = 0; run < 2; run++) { /* the first grows the caches */
		free_before = free_pages_now();
		cmatest(3,
			"open = 3\nprivate mapping: mine\nread = 5\n"
			"file: (zeroes)\n",
			"a private mapping's write copies the frame");
	}
	ck_assert_msg(cma_used_pages(cma) == 0 &&
			      free_pages_now() == free_before,
		      "after the program: %lu CMA pages taken, %lu free pages "
		      "(expected 0 and %lu): the copy is freed at exit, the "
		      "buffer at release",
		      cma_used_pages(cma), free_pages_now(), free_before);
}
END_TEST

KTEST_SUITE(ch36) = {
	.chapter = "36",
	.title = "remap_pfn_range",
	.dtb = "vexpress-cma",
	.boot = ktest_boot_paging,
	.tests = KTESTS(open_takes_a_zeroed_cma_buffer,
			mmap_maps_the_buffer_write_combined,
			vm_iomap_memory_rules, buffer_lives_while_mapped,
			private_mapping_copies),
};
