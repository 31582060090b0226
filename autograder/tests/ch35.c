// SPDX-License-Identifier: GPL-2.0
/*
 * Chapter 35: mmap, a programming example (mmap映射机制：编程实例).
 *
 * The exercises: simple_read_from_buffer() (fs/libfs.c), the driver's
 * mmap of /dev/membuf (drivers/char/membuf.c), do_mmap()'s rules for a
 * file's open mode, the bottom-up search unmapped_area() and
 * vma_merge() (mm/mmap.c).
 *
 * The device is checked from both sides: user programs (devtest) that
 * write through one path and read through the other on both machines,
 * and the kernel's view of the VMA and PTEs a mapping made.  do_mmap()
 * is called for a process (current set to it) with files opened in
 * each mode; vma_merge() is called in each of 5.10's eight cases on
 * VMAs laid out by hand; the searches and the merging are checked
 * against models over random sequences, with the seed printed.
 */
#include <stdio.h>
#include <string.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/rbtree.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <asm/memory.h>
#include <asm/pgtable.h>
#include <uapi/asm-generic/fcntl.h>
#include "ktest.h"
#include "proc_util.h"

#define SEED 35u
#define RW (PROT_READ | PROT_WRITE)
#define MEMBUF_PAGES 4

/* devtest @how as a process: its exit status 0 and its output whole. */
static void devtest(long how, const char *want, const char *rule)
{
	expect_output("devtest", devtest_main, how, want, rule);
}

/*
 * read() and write() on /dev/membuf at the file position: the bytes,
 * the position, the end of the buffer, and the calls that copy nothing.
 */
START_TEST(file_reads_and_writes_at_its_position)
{
	loff_t pos;
	char dummy;

	devtest(0,
		"open = 3\nwrite = 13\nlseek set = 7\nread = 6\n"
		"got: membuf\nlseek end = 16384\nwrite at end = 0\n"
		"read at end = 0\nlseek past end = -22\n",
		"read() copies from the position and moves it by what it "
		"copied");
	devtest(6,
		"open = 3\nlseek = 16380\nwrite across the end = 4\n"
		"write at the end = 0\nposition = 16384\n"
		"read across the end = 4\ngot: abcd\nread at the end = 0\n"
		"position = 16384\nread to a bad address = -14\n"
		"position = 8\nread nothing = 0\nposition = 8\n"
		"read into a buffer half mapped = 4\nposition = 104\n"
		"got: 0123\n",
		"a read is cut at the end of the buffer, gives 0 there, "
		"-EFAULT when nothing could be copied, what was copied when "
		"the user buffer ends early, and moves the position only by "
		"the bytes copied");
	/* the calls that copy nothing need no user memory */
	pos = -1;
	ck_assert_msg(simple_read_from_buffer(&dummy, 1, &pos, "x", 1) ==
				      -EINVAL &&
			      pos == -1,
		      "a negative position: -EINVAL, the position kept");
	pos = 0;
	ck_assert_msg(simple_read_from_buffer(&dummy, 0, &pos, "x", 1) == 0 &&
			      pos == 0,
		      "a read of 0 bytes: 0, the position kept");
	pos = 5;
	ck_assert_msg(simple_read_from_buffer(&dummy, 1, &pos, "abcde", 5) ==
				      0 &&
			      pos == 5,
		      "a read at the end: 0, the position kept");
	pos = 9;
	ck_assert_msg(simple_read_from_buffer(&dummy, 1, &pos, "abcde", 5) ==
				      0 &&
			      pos == 9,
		      "a read past the end: 0, the position kept");
}
END_TEST

/* A task of @mm current, /dev/membuf opened @flags; both given back. */
static struct file *open_in(struct mm_struct *mm, const char *name, int flags,
			    struct task_struct **saved)
{
	struct file *f = filp_open(name, flags, 0);

	ck_assert_msg(!IS_ERR(f), "open %s: %ld", name, PTR_ERR(f));
	*saved = enter_mm(mm);
	return f;
}

static long mmap_file(struct file *f, unsigned long pages, int prot, int flags,
		      unsigned long pgoff)
{
	return (long)do_mmap(f, 0, pages * PAGE_SIZE, (unsigned long)prot,
			     (unsigned long)flags, pgoff);
}

/*
 * The device's mapping from both sides: programs that write through
 * the mapping and read() (and the reverse), and the PTEs a mapping at
 * an offset made: the buffer's frames from vm_pgoff on, now, in a VMA
 * that remap_pfn_range() marked.  Ranges past the buffer are refused,
 * up to the last offset do_mmap() lets a device's driver see.
 */
START_TEST(device_maps_its_buffer)
{
	struct mm_struct *mm;
	struct task_struct *saved;
	struct file *f;
	unsigned long base_pfn, a;
	long r;
	int n;

	devtest(1,
		"open = 3\nread = 20\nfile: through the mapping\n"
		"write = 16\nmapping: through write()\nmunmap = 0\n",
		"a shared mapping of the device and its read() and write() "
		"reach the same pages");
	devtest(2, "open = 3\nmapping at offset 3 pages: page three\n",
		"mmap's offset, vm_pgoff, picks the buffer's page");

	mm = exec_mm();
	f = open_in(mm, "/dev/membuf", O_RDWR, &saved);
	r = mmap_file(f, 1, RW, MAP_SHARED, 0);
	ck_assert_msg(!IS_ERR_VALUE(r), "mmap of page 0: %ld", r);
	base_pfn = pte_pfn(*pte_of(mm, (unsigned long)r));
	for (unsigned long off = 1; off < MEMBUF_PAGES; off++) {
		a = (unsigned long)mmap_file(f, MEMBUF_PAGES - off, RW,
					     MAP_SHARED, off);
		ck_assert_msg(a < TASK_SIZE, "mmap at page %lu: %ld", off,
			      (long)a);
		ck_assert_msg((vma_at(mm, a)->vm_flags & (VM_IO | VM_PFNMAP)) ==
				      (VM_IO | VM_PFNMAP),
			      "the device's VMA is not VM_IO | VM_PFNMAP: the "
			      "frames must be mapped with remap_pfn_range()");
		for (unsigned long i = 0; off + i < MEMBUF_PAGES; i++) {
			pte_t *pte = user_pte(mm, a + i * PAGE_SIZE);

			ck_assert_msg(
				pte && pte_present(*pte) &&
					pte_pfn(*pte) == base_pfn + off + i,
				"a mapping at offset %lu pages: page %lu has "
				"%s frame %#lx, expected the buffer's frame "
				"%#lx (vm_pgoff on, mapped at mmap time)",
				off, i, pte && pte_present(*pte) ? "" : "no ",
				pte ? (unsigned long)pte_pfn(*pte) : 0UL,
				base_pfn + off + i);
		}
	}
	n = mm->map_count;
	{
		static const unsigned long bad[][2] = {
			{ 0, MEMBUF_PAGES + 1 },
			{ 3, 2 },
			{ 4, 1 },
			{ 5, 1 },
			{ 8, 2 },
			{ 0xffffe, 1 }, /* the last offset do_mmap() lets by */
		};

		for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++) {
			r = mmap_file(f, bad[i][1], PROT_READ, MAP_SHARED,
				      bad[i][0]);
			ck_assert_msg(
				r == -EINVAL,
				"mmap of %lu pages at page %#lx of a "
				"16 KiB device: %ld, expected -EINVAL "
				"(check vm_pgoff first: MEMBUF_SIZE - off "
				"wraps when off is past the buffer)",
				bad[i][1], bad[i][0], r);
		}
	}
	/* beyond ULONG_MAX bytes: do_mmap() refuses, the driver is not asked */
	r = mmap_file(f, 1, PROT_READ, MAP_SHARED, 1UL << 20);
	ck_assert_msg(r == -EOVERFLOW,
		      "mmap at page 0x100000 (byte 2^32) of a device: %ld, "
		      "expected -EOVERFLOW from file_mmap_ok()",
		      r);
	ck_assert_msg(mm->map_count == n, "a refused mmap left a VMA");
	r = mmap_file(f, 1, PROT_READ, MAP_SHARED, 3);
	ck_assert_msg(!IS_ERR_VALUE(r), "the last page of the buffer: %ld", r);
	current = saved;
	fput(f);
	mmput(mm);
}
END_TEST

/* One do_mmap() of a file opened @flags, and what it must give. */
struct mode_case {
	const char *file;
	int flags, prot, type;
	long want; /* 0: a mapping */
	unsigned long set, clear; /* vm_flags it must have, and not have */
	const char *rule;
};

#define MAY (VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC)

static const struct mode_case mode_cases[] = {
	{ "/dev/membuf", O_RDONLY, RW, MAP_SHARED, -EACCES, 0, 0,
	  "a shared writable mapping of a file not open for writing" },
	{ "/dev/membuf", O_RDONLY, RW, MAP_SHARED_VALIDATE, -EACCES, 0, 0,
	  "MAP_SHARED_VALIDATE is MAP_SHARED with its flags checked" },
	{ "/dev/membuf", O_RDONLY, PROT_READ, MAP_SHARED, 0,
	  VM_READ | VM_MAYSHARE | VM_MAYREAD,
	  VM_SHARED | VM_MAYWRITE | VM_WRITE,
	  "a shared mapping of a file not open for writing may never be "
	  "written: VM_MAYWRITE and VM_SHARED cleared, VM_MAYSHARE kept" },
	{ "/dev/membuf", O_RDONLY, RW, MAP_PRIVATE, 0, VM_READ | VM_WRITE | MAY,
	  VM_SHARED | VM_MAYSHARE,
	  "a private mapping needs the file open for reading only: writes "
	  "go to copies" },
	{ "/dev/membuf", O_WRONLY, PROT_READ, MAP_PRIVATE, -EACCES, 0, 0,
	  "every mapping reads the file: it must be open for reading" },
	{ "/dev/membuf", O_WRONLY, PROT_WRITE, MAP_SHARED, -EACCES, 0, 0,
	  "a shared mapping reads the file too: FMODE_READ is needed" },
	{ "/dev/membuf", O_RDWR, RW, MAP_SHARED, 0,
	  VM_READ | VM_WRITE | VM_SHARED | VM_MAYSHARE | MAY, 0,
	  "a shared mapping of a file open for both: VM_SHARED | "
	  "VM_MAYSHARE, VM_MAYWRITE kept" },
	{ "/dev/membuf", O_RDWR, PROT_READ, MAP_SHARED, 0,
	  VM_READ | VM_SHARED | VM_MAYSHARE | MAY, VM_WRITE,
	  "a read-only shared mapping of a file open for both may be made "
	  "writable later" },
	{ "/dev/membuf", O_RDWR, PROT_READ, 0, -EINVAL, 0, 0,
	  "a map type that is neither shared nor private" },
	{ "/dev/membuf", O_RDWR, PROT_READ, 0x4, -EINVAL, 0, 0,
	  "a map type that is neither shared nor private" },
	{ "/dev/membuf", O_RDWR, PROT_READ, MAP_PRIVATE | MAP_GROWSDOWN,
	  -EINVAL, 0, 0, "a file mapping does not grow down" },
	{ "/dev/console", O_RDWR, PROT_READ, MAP_SHARED, -ENODEV, 0, 0,
	  "a file without an mmap method cannot be mapped" },
	{ "/dev/console", O_RDWR, PROT_READ, MAP_PRIVATE, -ENODEV, 0, 0,
	  "a file without an mmap method cannot be mapped" },
	{ "/dev/console", O_RDONLY, RW, MAP_SHARED, -EACCES, 0, 0,
	  "the open mode is checked before the method: -EACCES" },
	{ "/dev/console", O_WRONLY, PROT_READ, MAP_PRIVATE, -EACCES, 0, 0,
	  "the open mode is checked before the method: -EACCES" },
};

/*
 * do_mmap() of files opened read-only, write-only and read-write,
 * shared and private: refused where the open mode forbids, and the
 * VMA's flags where it is made; a mapping that may never be written
 * refuses mprotect(PROT_WRITE) later.
 */
START_TEST(mmap_checks_the_file_mode)
{
	struct mm_struct *mm = exec_mm();

	for (unsigned int i = 0; i < ARRAY_SIZE(mode_cases); i++) {
		const struct mode_case *c = &mode_cases[i];
		struct task_struct *saved;
		struct file *f = open_in(mm, c->file, c->flags, &saved);
		int n = mm->map_count;
		long r = mmap_file(f, 1, c->prot, c->type, 0);
		static const char *const modes[] = { "O_RDONLY", "O_WRONLY",
						     "O_RDWR" };

		if (c->want) {
			ck_assert_msg(r == c->want && mm->map_count == n,
				      "case %u: mmap(prot %d, type %#x) of %s "
				      "opened %s: %ld, expected %ld: %s",
				      i, c->prot, c->type, c->file,
				      modes[c->flags], r, c->want, c->rule);
		} else {
			struct vm_area_struct *vma;

			ck_assert_msg(!IS_ERR_VALUE(r),
				      "case %u: mmap(prot %d, type %#x) of %s "
				      "opened %s: %ld, expected a mapping: %s",
				      i, c->prot, c->type, c->file,
				      modes[c->flags], r, c->rule);
			vma = vma_at(mm, (unsigned long)r);
			ck_assert_msg(
				(vma->vm_flags & c->set) == c->set &&
					!(vma->vm_flags & c->clear),
				"case %u: mmap(prot %d, type %#x) of %s opened "
				"%s: vm_flags %#lx, expected %#lx set and %#lx "
				"clear: %s",
				i, c->prot, c->type, c->file, modes[c->flags],
				vma->vm_flags, c->set, c->clear, c->rule);
			if (!(c->set & VM_MAYWRITE)) {
				long m = sys_mprotect((unsigned long)r,
						      PAGE_SIZE, RW);

				ck_assert_msg(
					m == -EACCES,
					"case %u: mprotect(PROT_WRITE) "
					"of a mapping without VM_MAYWRITE: "
					"%ld, expected -EACCES",
					i, m);
			}
			ck_assert_int_eq(
				do_munmap(mm, (unsigned long)r, PAGE_SIZE), 0);
		}
		current = saved;
		fput(f);
	}
	mmput(mm);
}
END_TEST

/* An anonymous private mapping of @pages at @addr (MAP_FIXED) or not. */
static unsigned long map_anon(unsigned long addr, unsigned long pages, int prot)
{
	return do_mmap(NULL, addr, pages * PAGE_SIZE, (unsigned long)prot,
		       MAP_PRIVATE | MAP_ANONYMOUS | (addr ? MAP_FIXED : 0), 0);
}

/* An address space with the legacy (bottom-up) layout, made current. */
static struct mm_struct *legacy_mm(struct task_struct **saved)
{
	struct mm_struct *mm;

	sysctl_legacy_va_layout = 1;
	mm = exec_mm();
	sysctl_legacy_va_layout = 0;
	ck_assert_uint_eq(mm->mmap_base, TASK_UNMAPPED_BASE);
	*saved = enter_mm(mm);
	return mm;
}

#define UPAGES 1024 /* the random test's window above mmap_base */
#define GUARD_PAGES 256 /* stack_guard_gap */

/*
 * The lowest free run of @len pages at or above page 0 of the window,
 * a stack's guard gap kept: the model of the bottom-up search.
 */
static long model_lowest(const signed char *busy, int len)
{
	for (int i = 0; i + len <= 2 * UPAGES; i++) {
		int j = 0;

		while (j < len && !busy[i + j])
			j++;
		if (j == len)
			return i;
		i += j;
	}
	return -1;
}

/*
 * The legacy layout's search, unmapped_area(): the first mapping at
 * TASK_UNMAPPED_BASE, holes filled lowest first, an exact fit taken, a
 * stack's guard gap kept, nothing below mmap_base; then a random layout
 * of mappings and stacks against a model.
 */
START_TEST(bottom_up_finds_the_lowest_gap)
{
	struct task_struct *saved;
	struct mm_struct *mm = legacy_mm(&saved);
	const unsigned long B = TASK_UNMAPPED_BASE;
	static signed char busy[2 * UPAGES];
	unsigned long a;
	unsigned int counts[3] = { 0 }, fits = 0;

	a = map_anon(0, 1, RW);
	ck_assert_msg(a == B,
		      "the first mapping of the legacy layout at %08lx, "
		      "expected mmap_base %08lx (the range below it is free "
		      "but the search starts at low_limit)",
		      a, B);
	ck_assert_uint_eq(map_anon(B + 4 * PAGE_SIZE, 1, PROT_READ),
			  B + 4 * PAGE_SIZE);
	ck_assert_uint_eq(map_anon(B + 7 * PAGE_SIZE, 1, PROT_READ),
			  B + 7 * PAGE_SIZE);
	/* holes: 3 pages at B+1, 2 pages at B+5, then free from B+8 */
	a = map_anon(0, 2, PROT_EXEC);
	ck_assert_msg(a == B + PAGE_SIZE,
		      "2 pages went to %08lx, expected the lowest hole that "
		      "holds them, %08lx",
		      a, B + PAGE_SIZE);
	a = map_anon(0, 2, PROT_EXEC);
	ck_assert_msg(a == B + 5 * PAGE_SIZE,
		      "2 pages went to %08lx, expected the 2-page hole at "
		      "%08lx: an exact fit is taken",
		      a, B + 5 * PAGE_SIZE);
	a = map_anon(0, 2, PROT_EXEC);
	ck_assert_msg(a == B + 8 * PAGE_SIZE,
		      "2 pages went to %08lx, expected %08lx: the 1-page hole "
		      "at %08lx is too small",
		      a, B + 8 * PAGE_SIZE, B + 3 * PAGE_SIZE);
	/* a stack 300 pages up: its guard gap takes the 256 below it */
	add_vma(mm, B + 300 * PAGE_SIZE, B + 301 * PAGE_SIZE, VM_STACK_FLAGS);
	ck_assert_uint_eq(map_anon(B + 20 * PAGE_SIZE, 1, RW),
			  B + 20 * PAGE_SIZE);
	a = map_anon(0, 30, RW);
	ck_assert_msg(a == B + 301 * PAGE_SIZE,
		      "30 pages went to %08lx, expected %08lx above the stack: "
		      "the 23 pages from %08lx reach into the stack's guard "
		      "gap (vm_start_gap())",
		      a, B + 301 * PAGE_SIZE, B + 21 * PAGE_SIZE);
	a = map_anon(0, 23, RW);
	ck_assert_msg(a == B + 21 * PAGE_SIZE,
		      "23 pages went to %08lx, expected %08lx: they end at the "
		      "guard gap's start, 256 pages below the stack",
		      a, B + 21 * PAGE_SIZE);
	a = get_unmapped_area(NULL, 0, TASK_SIZE - B, 0, MAP_PRIVATE);
	ck_assert_msg(a == (unsigned long)-ENOMEM,
		      "a search for %08lx bytes above %08lx: %08lx, expected "
		      "-ENOMEM (no gap holds it)",
		      TASK_SIZE - B, B, a);
	/* the range must end by high_limit: the hole [B+10, B+20) cut at B+12 */
	{
		struct vm_unmapped_area_info info = {
			.length = 4 * PAGE_SIZE,
			.low_limit = B + 10 * PAGE_SIZE,
			.high_limit = B + 12 * PAGE_SIZE,
		};

		a = vm_unmapped_area(&info);
		ck_assert_msg(a == (unsigned long)-ENOMEM,
			      "4 pages in [%08lx, %08lx), which has 2 free: "
			      "%08lx, expected -ENOMEM (the gap is cut at "
			      "high_limit)",
			      info.low_limit, info.high_limit, a);
		info.high_limit = TASK_SIZE;
		info.length = PAGE_SIZE;
		ck_assert_uint_eq(vm_unmapped_area(&info), B + 10 * PAGE_SIZE);
	}
	current = saved;
	mmput(mm);

	/* no VMA at all, then one: the gap above the last VMA counts */
	sysctl_legacy_va_layout = 1;
	mm = mm_alloc();
	sysctl_legacy_va_layout = 0;
	ck_assert_ptr_nonnull(mm);
	saved = enter_mm(mm);
	a = get_unmapped_area(NULL, 0, PAGE_SIZE, 0, MAP_PRIVATE);
	ck_assert_msg(a == B,
		      "an address space without a VMA: %08lx, expected %08lx "
		      "(the gap above the last VMA, here the only one)",
		      a, B);
	add_vma(mm, B, B + PAGE_SIZE, VM_READ | VM_MAYREAD);
	a = get_unmapped_area(NULL, 0, PAGE_SIZE, 0, MAP_PRIVATE);
	ck_assert_msg(a == B + PAGE_SIZE,
		      "one VMA at %08lx: %08lx, expected %08lx above it", B, a,
		      B + PAGE_SIZE);
	current = saved;
	mmput(mm);

	/* random layouts: mappings and stacks in the window, then searches */
	ktest_rng = SEED;
	for (int round = 0; round < 40; round++) {
		mm = legacy_mm(&saved);
		memset(busy, 0, sizeof(busy));
		for (int k = 0; k < 12; k++) {
			int i = (int)(ktest_rand() % (UPAGES - 8));
			int n = 1 + (int)(ktest_rand() % 8);
			unsigned long at = B + (unsigned long)i * PAGE_SIZE;
			bool clash = false;

			for (int j = i - (k % 4 == 0 ? GUARD_PAGES : 0);
			     j < i + n; j++)
				clash |= j >= 0 && busy[j];
			if (clash)
				continue;
			if (k % 4 == 0) { /* a stack: its guard gap is busy */
				add_vma(mm, at, at + PAGE_SIZE, VM_STACK_FLAGS);
				for (int j = max(i - GUARD_PAGES, 0); j <= i;
				     j++)
					busy[j] = 1;
				counts[0]++;
			} else {
				ck_assert_uint_eq(
					map_anon(at, (unsigned long)n,
						 k % 2 ? RW : PROT_READ),
					at);
				memset(busy + i, 1, (size_t)n);
				counts[1]++;
			}
		}
		for (int k = 0; k < 20; k++) {
			int len = 1 + (int)(ktest_rand() % 64);
			long want = model_lowest(busy, len);
			unsigned long got = get_unmapped_area(
				NULL, 0, (unsigned long)len * PAGE_SIZE, 0,
				MAP_PRIVATE | MAP_ANONYMOUS);

			ck_assert_msg(want >= 0, "the model found no room");
			ck_assert_msg(got == B + (unsigned long)want *
							      PAGE_SIZE,
				      "round %d (seed %u): a search for %d "
				      "pages gave %08lx, expected the lowest "
				      "fit %08lx (stacks' guard gaps kept)",
				      round, SEED, len, got,
				      B + (unsigned long)want * PAGE_SIZE);
			fits += want > 0;
			counts[2]++;
		}
		current = saved;
		mmput(mm);
	}
	printf("bottom-up (seed %u): %u stacks, %u mappings, %u searches, "
	       "%u of them above page 0\n",
	       SEED, counts[0], counts[1], counts[2], fits);
}
END_TEST

/* @mm's VMAs in order: the list, the tree and the counters agree. */
static void check_vmas(struct mm_struct *mm, const char *what)
{
	struct vm_area_struct *v, *prev = NULL;
	struct rb_node *rb = rb_first(&mm->mm_rb);
	int n = 0;

	for (v = mm->mmap; v; prev = v, v = v->vm_next, n++) {
		ck_assert_msg(v->vm_prev == prev && v->vm_start < v->vm_end &&
				      (!prev || prev->vm_end <= v->vm_start),
			      "%s: the list is broken at [%08lx-%08lx)", what,
			      v->vm_start, v->vm_end);
		ck_assert_msg(
			rb && rb_entry(rb, struct vm_area_struct, vm_rb) == v,
			"%s: the tree's order differs from the list at "
			"[%08lx-%08lx): a merged-away VMA left in it?",
			what, v->vm_start, v->vm_end);
		ck_assert_msg(find_vma(mm, v->vm_start) == v &&
				      find_vma(mm, v->vm_end - 1) == v,
			      "%s: find_vma() misses [%08lx-%08lx)", what,
			      v->vm_start, v->vm_end);
		rb = rb_next(rb);
	}
	ck_assert_msg(!rb, "%s: the tree has a VMA the list has not", what);
	ck_assert_msg(mm->map_count == n,
		      "%s: map_count %d, the list has %d VMAs", what,
		      mm->map_count, n);
	ck_assert_msg(mm->highest_vm_end == (prev ? prev->vm_end : 0),
		      "%s: highest_vm_end %08lx, the last VMA ends at %08lx",
		      what, mm->highest_vm_end, prev ? prev->vm_end : 0);
}

#define F1 (VM_READ | VM_WRITE | MAY)
#define F2 (VM_READ | MAY)
#define F3 (VM_READ | VM_EXEC | MAY)

/* A VMA [@s, @e) pages above @base with @flags and its anon offset. */
static struct vm_area_struct *page_vma(struct mm_struct *mm, unsigned long base,
				       int s, int e, unsigned long flags)
{
	return add_vma(mm, base + (unsigned long)s * PAGE_SIZE,
		       base + (unsigned long)e * PAGE_SIZE, flags);
}

/* The VMA at page @p above @base must be [@s, @e) with its offset. */
static void expect_vma(struct mm_struct *mm, unsigned long base, int p, int s,
		       int e, unsigned long pgoff, const char *what)
{
	struct vm_area_struct *v =
		vma_at(mm, base + (unsigned long)p * PAGE_SIZE);

	ck_assert_msg(v->vm_start == base + (unsigned long)s * PAGE_SIZE &&
			      v->vm_end ==
				      base + (unsigned long)e * PAGE_SIZE &&
			      v->vm_pgoff == pgoff,
		      "%s: page %d is in [%08lx-%08lx) offset %#lx, expected "
		      "[%08lx-%08lx) offset %#lx",
		      what, p, v->vm_start, v->vm_end, v->vm_pgoff,
		      base + (unsigned long)s * PAGE_SIZE,
		      base + (unsigned long)e * PAGE_SIZE, pgoff);
}

static void close_hook(struct vm_area_struct *vma)
{
	(void)vma;
}

static const struct vm_operations_struct closing_ops = { .close = close_hook };

/*
 * vma_merge() on VMAs laid out by hand, in each of 5.10's eight cases
 * (the comment above vma_merge() draws them), and where it must refuse.
 * Offsets are anonymous ones (the address in pages) unless said.
 */
START_TEST(neighbours_merge)
{
	const unsigned long B = 0x50000000, P = B >> PAGE_SHIFT;
	struct mm_struct *mm;
	struct vm_area_struct *prev, *r;
	int n;

#define SETUP()                    \
	do {                       \
		mm = exec_mm();    \
		n = mm->map_count; \
	} while (0)
#define MERGE(pv, s, e, fl, off)                              \
	vma_merge(mm, (pv), B + (unsigned long)(s)*PAGE_SIZE, \
		  B + (unsigned long)(e)*PAGE_SIZE, (fl), NULL, (off))

	/* case 1: PPPP....NNNN, the hole filled: one VMA */
	SETUP();
	prev = page_vma(mm, B, 0, 2, F1);
	page_vma(mm, B, 3, 5, F1);
	r = MERGE(prev, 2, 3, F1, P + 2);
	ck_assert_msg(r == prev, "case 1: returned %p, expected prev", r);
	expect_vma(mm, B, 4, 0, 5, P, "case 1 (prev, range and next one)");
	ck_assert_int_eq(mm->map_count, n + 1);
	check_vmas(mm, "case 1");
	mmput(mm);

	/* case 2: PPPP....NNNN, next of other flags: prev grows */
	SETUP();
	prev = page_vma(mm, B, 0, 2, F1);
	page_vma(mm, B, 3, 5, F2);
	r = MERGE(prev, 2, 3, F1, P + 2);
	ck_assert_msg(r == prev, "case 2: returned %p, expected prev", r);
	expect_vma(mm, B, 0, 0, 3, P, "case 2 (prev grows)");
	expect_vma(mm, B, 3, 3, 5, P + 3, "case 2 (next kept)");
	ck_assert_int_eq(mm->map_count, n + 2);
	check_vmas(mm, "case 2");
	/* prev grows again, into free space */
	r = MERGE(vma_at(mm, B + 3 * PAGE_SIZE), 5, 7, F2, P + 5);
	expect_vma(mm, B, 6, 3, 7, P + 3, "case 2 at the top");
	check_vmas(mm, "case 2 at the top");
	mmput(mm);

	/* case 3: PPPP....NNNN, prev of other flags: next grows down */
	SETUP();
	prev = page_vma(mm, B, 0, 2, F2);
	page_vma(mm, B, 3, 5, F1);
	r = MERGE(prev, 2, 3, F1, P + 2);
	ck_assert_msg(r == vma_at(mm, B + 3 * PAGE_SIZE),
		      "case 3: returned %p, expected next", r);
	expect_vma(mm, B, 2, 2, 5, P + 2,
		   "case 3 (next starts at the range, offset of the range)");
	expect_vma(mm, B, 0, 0, 2, P, "case 3 (prev kept)");
	check_vmas(mm, "case 3");
	mmput(mm);

	/* case 4: PPPPPPNNNN, the tail of prev changed to next's flags */
	SETUP();
	prev = page_vma(mm, B, 0, 4, F2);
	page_vma(mm, B, 4, 6, F1);
	r = MERGE(prev, 2, 4, F1, P + 2);
	ck_assert_msg(r == vma_at(mm, B + 4 * PAGE_SIZE),
		      "case 4: returned %p, expected next", r);
	expect_vma(mm, B, 0, 0, 2, P, "case 4 (prev shrinks to the range)");
	expect_vma(mm, B, 2, 2, 6, P + 2, "case 4 (next grows down)");
	ck_assert_int_eq(mm->map_count, n + 2);
	check_vmas(mm, "case 4");
	mmput(mm);

	/* case 5: PPPPxxxxxx, the head of the VMA after prev changed */
	SETUP();
	prev = page_vma(mm, B, 0, 2, F1);
	page_vma(mm, B, 2, 6, F2);
	r = MERGE(prev, 2, 4, F1, P + 2);
	ck_assert_msg(r == prev, "case 5: returned %p, expected prev", r);
	expect_vma(mm, B, 0, 0, 4, P, "case 5 (prev grows)");
	expect_vma(mm, B, 4, 4, 6, P + 4,
		   "case 5 (the rest starts later, its offset with it)");
	ck_assert_int_eq(mm->map_count, n + 2);
	check_vmas(mm, "case 5");
	mmput(mm);

	/* case 6: PPPPxxxxNNNN, the middle changed: one VMA */
	SETUP();
	prev = page_vma(mm, B, 0, 2, F1);
	page_vma(mm, B, 2, 4, F2);
	page_vma(mm, B, 4, 6, F1);
	r = MERGE(prev, 2, 4, F1, P + 2);
	ck_assert_msg(r == prev, "case 6: returned %p, expected prev", r);
	expect_vma(mm, B, 5, 0, 6, P, "case 6 (all three one)");
	ck_assert_int_eq(mm->map_count, n + 1);
	check_vmas(mm, "case 6");
	mmput(mm);

	/* case 7: PPPPxxxxNNNN, next of other flags: prev takes x */
	SETUP();
	prev = page_vma(mm, B, 0, 2, F1);
	page_vma(mm, B, 2, 4, F2);
	page_vma(mm, B, 4, 6, F3);
	r = MERGE(prev, 2, 4, F1, P + 2);
	ck_assert_msg(r == prev, "case 7: returned %p, expected prev", r);
	expect_vma(mm, B, 3, 0, 4, P, "case 7 (prev takes the middle)");
	expect_vma(mm, B, 4, 4, 6, P + 4, "case 7 (next kept)");
	ck_assert_int_eq(mm->map_count, n + 2);
	check_vmas(mm, "case 7");
	mmput(mm);

	/* case 8: PPPPxxxxNNNN, prev of other flags: next takes x */
	SETUP();
	prev = page_vma(mm, B, 0, 2, F3);
	page_vma(mm, B, 2, 4, F2);
	page_vma(mm, B, 4, 6, F1);
	r = MERGE(prev, 2, 4, F1, P + 2);
	ck_assert_msg(r == vma_at(mm, B + 2 * PAGE_SIZE) &&
			      r->vm_end == B + 6 * PAGE_SIZE,
		      "case 8: returned %p, expected next grown down", r);
	expect_vma(mm, B, 2, 2, 6, P + 2, "case 8 (next takes the middle)");
	expect_vma(mm, B, 0, 0, 2, P, "case 8 (prev kept)");
	ck_assert_int_eq(mm->map_count, n + 2);
	check_vmas(mm, "case 8");
	mmput(mm);

	/* prev the highest VMA: highest_vm_end follows it (cases 2, 1) */
	mm = mm_alloc();
	ck_assert_ptr_nonnull(mm);
	n = mm->map_count;
	prev = page_vma(mm, B, 0, 2, F1);
	r = MERGE(prev, 2, 4, F1, P + 2);
	ck_assert_msg(r == prev && mm->highest_vm_end == B + 4 * PAGE_SIZE,
		      "prev, the last VMA, grew to %08lx: highest_vm_end %08lx",
		      B + 4 * PAGE_SIZE, mm->highest_vm_end);
	page_vma(mm, B, 5, 6, F1);
	r = MERGE(prev, 4, 5, F1, P + 4);
	ck_assert_msg(r == prev && mm->highest_vm_end == B + 6 * PAGE_SIZE,
		      "case 1 with next the last VMA: highest_vm_end %08lx, "
		      "expected %08lx",
		      mm->highest_vm_end, B + 6 * PAGE_SIZE);
	check_vmas(mm, "merging at the top");
	mmput(mm);

	/* no merge: offsets that jump, other flags, VM_SPECIAL, close */
	SETUP();
	prev = page_vma(mm, B, 0, 2, F1);
	page_vma(mm, B, 3, 5, F1);
	ck_assert_msg(!MERGE(prev, 2, 3, F1, P + 7) && mm->map_count == n + 2,
		      "a range whose offset does not continue prev's or "
		      "next's merged");
	ck_assert_msg(!MERGE(prev, 2, 3, F3, P + 2) && mm->map_count == n + 2,
		      "a range of other flags merged");
	ck_assert_msg(!MERGE(prev, 2, 3, F1 | VM_IO | VM_PFNMAP, P + 2),
		      "a VM_SPECIAL range merged: a driver maps it whole");
	expect_vma(mm, B, 0, 0, 2, P, "after the refusals (prev)");
	expect_vma(mm, B, 3, 3, 5, P + 3, "after the refusals (next)");
	/* next has a close hook: prev may still grow, next stays */
	vma_at(mm, B + 3 * PAGE_SIZE)->vm_ops = &closing_ops;
	r = MERGE(prev, 2, 3, F1, P + 2);
	ck_assert_msg(r == prev && mm->map_count == n + 2,
		      "next has vm_ops->close: only prev may take the range");
	expect_vma(mm, B, 2, 0, 3, P, "prev beside a closing next");
	expect_vma(mm, B, 3, 3, 5, P + 3, "a closing next kept whole");
	vma_at(mm, B + 3 * PAGE_SIZE)->vm_ops = NULL;
	check_vmas(mm, "the refusals");
	mmput(mm);

	/* files: the same file with its offsets continuing merges */
	SETUP();
	{
		struct file *f = filp_open("/dev/membuf", O_RDWR, 0);
		struct vm_area_struct *a, *b;

		ck_assert(!IS_ERR(f));
		a = page_vma(mm, B, 0, 1, F2);
		b = page_vma(mm, B, 2, 3, F2);
		a->vm_file = get_file(f);
		b->vm_file = get_file(f);
		a->vm_pgoff = 10;
		b->vm_pgoff = 12;
		ck_assert_msg(!MERGE(a, 1, 2, F2, 11),
			      "an anonymous range merged into a file's VMA");
		r = vma_merge(mm, a, B + PAGE_SIZE, B + 2 * PAGE_SIZE, F2, f,
			      11);
		ck_assert_msg(r == a && mm->map_count == n + 1 &&
				      a->vm_end == B + 3 * PAGE_SIZE,
			      "file pages 10, 11, 12 of one file: one VMA");
		ck_assert_msg(f->f_count == 2,
			      "the merged-away VMA's file reference was not "
			      "dropped: f_count %ld, expected 2",
			      f->f_count);
		check_vmas(mm, "a file's VMAs");
		mmput(mm);
		ck_assert_int_eq(f->f_count, 1);
		fput(f);
	}
#undef MERGE
#undef SETUP
}
END_TEST

/*
 * mmap(MAP_FIXED), munmap() and mprotect() at random in 64 pages, as a
 * process calls them: every page's protection as a model says, and no
 * two neighbouring VMAs left that one VMA could hold.
 */
START_TEST(random_mappings_stay_merged)
{
	static const int prots[] = { PROT_READ, RW, PROT_READ | PROT_EXEC };
	const unsigned long base = 0x50000000;
	struct mm_struct *mm = exec_mm();
	struct task_struct *saved = enter_mm(mm);
	int m[64];
	unsigned int ops[3] = { 0 }, merged_max = 0;

	ktest_rng = SEED;
	for (int i = 0; i < 64; i++)
		m[i] = -1;
	for (int op = 0; op < 2000; op++) {
		int kind = (int)(ktest_rand() % 3),
		    i = (int)(ktest_rand() % 64);
		int n = 1 + (int)(ktest_rand() % 8);
		int prot = prots[ktest_rand() % ARRAY_SIZE(prots)];
		unsigned long a = base + (unsigned long)i * PAGE_SIZE;
		struct vm_area_struct *v;
		int vmas = 0;

		if (i + n > 64)
			n = 64 - i;
		ops[kind]++;
		if (kind == 0) {
			ck_assert_uint_eq(map_anon(a, (unsigned long)n, prot),
					  a);
			for (int j = i; j < i + n; j++)
				m[j] = prot;
		} else if (kind == 1) {
			ck_assert_int_eq(
				do_munmap(mm, a, (unsigned long)n * PAGE_SIZE),
				0);
			for (int j = i; j < i + n; j++)
				m[j] = -1;
		} else {
			long r = sys_mprotect(a, (unsigned long)n * PAGE_SIZE,
					      (unsigned long)prot);
			bool hole = false;

			for (int j = i; j < i + n; j++)
				hole |= m[j] < 0;
			ck_assert_msg(r == (hole ? -ENOMEM : 0),
				      "op %d (seed %u): mprotect(%08lx, %d "
				      "pages) = %ld",
				      op, SEED, a, n, r);
			for (int j = i; j < i + n && m[j] >= 0; j++)
				m[j] = prot;
		}
		for (int j = 0; j < 64; j++) {
			unsigned long p = base + (unsigned long)j * PAGE_SIZE;
			struct vm_area_struct *w = find_vma(mm, p);
			bool in = w && w->vm_start <= p;

			ck_assert_msg(
				in == (m[j] >= 0) &&
					(!in ||
					 (w->vm_flags &
					  (VM_READ | VM_WRITE | VM_EXEC)) ==
						 calc_vm_prot_bits(
							 (unsigned long)m[j])),
				"op %d (seed %u): page %d (%08lx) is %s, the "
				"model says protection %d",
				op, SEED, j, p, in ? "mapped" : "not mapped",
				m[j]);
		}
		for (v = find_vma(mm, base);
		     v && v->vm_start < base + 64 * PAGE_SIZE; v = v->vm_next) {
			struct vm_area_struct *w = v->vm_next;

			vmas++;
			ck_assert_msg(v->vm_pgoff == v->vm_start >> PAGE_SHIFT,
				      "op %d (seed %u): the anonymous VMA "
				      "[%08lx-%08lx) has offset %#lx, not its "
				      "address in pages",
				      op, SEED, v->vm_start, v->vm_end,
				      v->vm_pgoff);
			ck_assert_msg(!w || w->vm_start != v->vm_end ||
					      w->vm_flags != v->vm_flags,
				      "op %d (seed %u): [%08lx-%08lx) and "
				      "[%08lx-%08lx) have the same flags and "
				      "touch: vma_merge() should have made "
				      "them one",
				      op, SEED, v->vm_start, v->vm_end,
				      w ? w->vm_start : 0, w ? w->vm_end : 0);
		}
		merged_max = max(merged_max, (unsigned int)vmas);
	}
	check_vmas(mm, "after the random run");
	printf("random merging (seed %u): %u mmap, %u munmap, %u mprotect; "
	       "at most %u VMAs in the window\n",
	       SEED, ops[0], ops[1], ops[2], merged_max);
	current = saved;
	mmput(mm);
}
END_TEST

KTEST_SUITE(ch35) = {
	.chapter = "35",
	.title = "mmap: a programming example",
	.boot = ktest_boot_paging,
	.tests = KTESTS(file_reads_and_writes_at_its_position,
			device_maps_its_buffer, mmap_checks_the_file_mode,
			bottom_up_finds_the_lowest_gap, neighbours_merge,
			random_mappings_stay_merged),
};
