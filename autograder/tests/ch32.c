// SPDX-License-Identifier: GPL-2.0
/*
 * Chapter 32: the page tables of a user process.
 *
 * The exercises: find_vma() and __vma_link_list() (mm/mmap.c),
 * pgd_alloc() (arch/arm/mm/pgd.c) and copy_present_pte() (mm/memory.c).
 *
 * The VMA tests build address spaces from mm_alloc() and VMAs put in
 * with insert_vm_struct(), in a random order whose seed the messages
 * print, and check them against a plain recount.  The fork tests copy a
 * process made by exec (its data page written, a shared mapping
 * written, its text present) as dup_mmap() does, and read both sides'
 * PTEs and the pages' counts; then they run programs that fork on both
 * machines, and count every page back.
 */
#include <stdio.h>
#include <string.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/proc_fs.h>
#include <linux/rbtree.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <asm/pgalloc.h>
#include <asm/pgtable.h>
#include "ktest.h"
#include "proc_util.h"

#define SEED 32u

/* The first VMA of @mm's list that ends above @addr: the recount. */
static struct vm_area_struct *scan(struct vm_area_struct **all, int n,
				   unsigned long addr)
{
	struct vm_area_struct *best = NULL;

	for (int i = 0; i < n; i++)
		if (all[i]->vm_end > addr &&
		    (!best || all[i]->vm_end < best->vm_end))
			best = all[i];
	return best;
}

static void check_find(struct mm_struct *mm, struct vm_area_struct **all, int n,
		       unsigned long addr, unsigned int seed)
{
	struct vm_area_struct *want = scan(all, n, addr), *got;

	got = find_vma(mm, addr);
	ck_assert_msg(
		got == want,
		"find_vma(0x%08lx) = [%08lx-%08lx), expected %s%08lx-%08lx)"
		" (seed %u): the answer is the lowest VMA whose vm_end "
		"is above the address, which holds it or is the first "
		"above the gap it lies in; NULL only above the last",
		addr, got ? got->vm_start : 0, got ? got->vm_end : 0,
		want ? "[" : "none [", want ? want->vm_start : 0,
		want ? want->vm_end : 0, seed);
}

/* The VMAs every test of find_vma() starts with, in a mixed order. */
static const unsigned long layout[][2] = {
	{ 0x00400000, 0x00500000 }, { 0x00010000, 0x00012000 },
	{ 0xbefdf000, 0xbf000000 }, { 0x00020000, 0x00021000 },
	{ 0xb6f00000, 0xb7000000 }, { 0x00022000, 0x00023000 },
};

START_TEST(find_vma_contract)
{
	struct mm_struct *mm = mm_alloc();
	struct vm_area_struct *all[ARRAY_SIZE(layout)];
	const int n = ARRAY_SIZE(layout);
	/* each VMA's edges, each gap, and the top of the 32-bit space */
	const unsigned long probes[] = {
		0x0,	    0x2000,	0x0000ffff, 0x00010000, 0x00011fff,
		0x00012000, 0x0001ffff, 0x00020000, 0x00021000, 0x00021fff,
		0x00022000, 0x00023000, 0x003fffff, 0x00400000, 0x004fffff,
		0x00500000, 0xb6efffff, 0xb6f00000, 0xb6ffffff, 0xb7000000,
		0xbefdefff, 0xbefdf000, 0xbeffffff, 0xbf000000, 0xbfffffff,
		0xfffff000, 0xffffffff,
	};

	ck_assert_ptr_nonnull(mm);
	for (int i = 0; i < n; i++)
		all[i] = add_vma(mm, layout[i][0], layout[i][1],
				 VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE);
	for (unsigned int i = 0; i < ARRAY_SIZE(probes); i++)
		check_find(mm, all, n, probes[i], 0);
	ck_assert_msg(find_vma(mm, 0xbf000000) == NULL,
		      "find_vma() above the last VMA must be NULL");
	mmput(mm);
}
END_TEST

/* Many VMAs in a random order; find_vma() of random addresses. */
START_TEST(find_vma_random)
{
	enum { N = 200, PROBES = 20000 };
	static struct vm_area_struct *all[N];
	struct mm_struct *mm = mm_alloc();
	unsigned long slot = 0xbe000000UL / N & PAGE_MASK;
	int order[N];

	ck_assert_ptr_nonnull(mm);
	ktest_rng = SEED;
	for (int i = 0; i < N; i++)
		order[i] = i;
	for (int i = N - 1; i > 0; i--) { /* shuffle the insertion order */
		int j = (int)(ktest_rand() % (unsigned int)(i + 1)),
		    t = order[i];

		order[i] = order[j];
		order[j] = t;
	}
	for (int k = 0; k < N; k++) {
		int i = order[k];
		unsigned long start =
			0x10000 + i * slot + (ktest_rand() % 16) * PAGE_SIZE;
		unsigned long pages =
			1 + ktest_rand() % (slot / PAGE_SIZE - 17);

		all[k] = add_vma(mm, start, start + pages * PAGE_SIZE,
				 VM_READ | VM_MAYREAD);
	}
	ck_assert_int_eq(mm->map_count, N);
	for (int k = 0; k < PROBES; k++)
		check_find(mm, all, N, (unsigned long)ktest_rand() << 8, SEED);
	mmput(mm);
}
END_TEST

/*
 * The list: sorted by address, vm_prev the mirror of vm_next, the head
 * in mm->mmap, as many as map_count, the same VMAs as the tree in order.
 */
static void check_list(struct mm_struct *mm, unsigned int seed)
{
	struct vm_area_struct *vma, *prev = NULL;
	struct rb_node *rb = rb_first(&mm->mm_rb);
	int n = 0;

	for (vma = mm->mmap; vma; prev = vma, vma = vma->vm_next, n++) {
		ck_assert_msg(vma->vm_prev == prev,
			      "the VMA [%08lx-%08lx) has vm_prev %p, expected "
			      "%p, the one before it in the list (seed %u): "
			      "__vma_link_list() must set both directions, the "
			      "next VMA's vm_prev too",
			      vma->vm_start, vma->vm_end, (void *)vma->vm_prev,
			      (void *)prev, seed);
		ck_assert_msg(!prev || prev->vm_end <= vma->vm_start,
			      "the list is out of order at [%08lx-%08lx) after "
			      "[%08lx-%08lx) (seed %u): a VMA goes after prev, "
			      "the last VMA below it",
			      vma->vm_start, vma->vm_end,
			      prev ? prev->vm_start : 0,
			      prev ? prev->vm_end : 0, seed);
		ck_assert_msg(
			rb && rb_entry(rb, struct vm_area_struct, vm_rb) == vma,
			"the list's VMA number %d, [%08lx-%08lx), is not "
			"the tree's (seed %u): both must hold the same "
			"VMAs in the same order",
			n, vma->vm_start, vma->vm_end, seed);
		rb = rb_next(rb);
	}
	ck_assert_msg(n == mm->map_count,
		      "the list from mm->mmap has %d VMAs, map_count says %d "
		      "(seed %u): a VMA put first must become mm->mmap",
		      n, mm->map_count, seed);
}

START_TEST(vma_list_sorted_both_ways)
{
	struct mm_struct *mm = mm_alloc();
	unsigned int seed;

	ck_assert_ptr_nonnull(mm);
	/* first into an empty list, then before the head, after the tail
	 * and between two */
	add_vma(mm, 0x00400000, 0x00500000, VM_READ);
	check_list(mm, 0);
	add_vma(mm, 0x00010000, 0x00012000, VM_READ);
	check_list(mm, 0);
	add_vma(mm, 0xbefdf000, 0xbf000000, VM_READ);
	check_list(mm, 0);
	add_vma(mm, 0x00020000, 0x00021000, VM_READ);
	check_list(mm, 0);
	ck_assert_uint_eq(mm->mmap->vm_start, 0x00010000);
	mmput(mm);
	/* and a hundred at random places, checked after each */
	for (seed = 1; seed <= 3; seed++) {
		static bool used[0xbe00];

		memset(used, 0, sizeof(used));
		mm = mm_alloc();
		ktest_rng = seed;
		for (int i = 0; i < 100; i++) {
			unsigned int slot = ktest_rand() % 0xbe00;
			unsigned long start = (unsigned long)slot << 16;

			if (used[slot] || start < FIRST_USER_ADDRESS)
				continue;
			used[slot] = true;
			add_vma(mm, start, start + 0x8000, VM_READ);
			check_list(mm, seed);
		}
		mmput(mm);
	}
}
END_TEST

/*
 * pgd_alloc(): a user half of empty entries however dirty the page it
 * got, and the kernel half as swapper_pg_dir has it, from TASK_SIZE:
 * the modules area, the linear map, vmalloc, the vectors.
 */
START_TEST(pgd_alloc_copies_the_kernel_half)
{
	struct page *dirty[16];
	pte_t *modules_pte;
	pmdval_t saved;
	pgd_t *pgd;

	/* a PTE page in the modules area, as a loaded module has one */
	modules_pte = pte_alloc_kernel(pmd_off_k(MODULES_VADDR), MODULES_VADDR);
	ck_assert_ptr_nonnull(modules_pte);
	/*
	 * Order-2 blocks full of 0xa5, every other one freed so that none
	 * merges with its buddy: pgd_alloc() gets the last one freed.
	 */
	for (int i = 0; i < 16; i++) {
		dirty[i] = alloc_pages(GFP_KERNEL, 2);
		ck_assert_ptr_nonnull(dirty[i]);
		memset(page_address(dirty[i]), 0xa5, 4 * PAGE_SIZE);
	}
	for (int i = 0; i < 16; i += 2)
		__free_pages(dirty[i], 2);
	/* a user-half entry in swapper_pg_dir, as early boot's identity map
	 * had: not the process's */
	saved = swapper_pg_dir[USER_PTRS_PER_PGD - 1][1];
	swapper_pg_dir[USER_PTRS_PER_PGD - 1][1] =
		(TASK_SIZE - SECTION_SIZE) | PMD_TYPE_SECT;
	pgd = pgd_alloc(&init_mm);
	swapper_pg_dir[USER_PTRS_PER_PGD - 1][1] = saved;
	ck_assert_ptr_nonnull(pgd);
	ck_assert_msg(
		((unsigned long)__pa(pgd) & (SZ_16K - 1)) == 0,
		"the table at %08lx is not 16 KiB aligned, as TTBR0 needs",
		(unsigned long)__pa(pgd));
	for (unsigned int i = 0; i < USER_PTRS_PER_PGD; i++)
		ck_assert_msg(
			pgd[i][0] == 0 && pgd[i][1] == 0,
			"user entry %u (%08x) of a new table is %08x %08x: "
			"pgd_alloc() must clear the user half, which the page "
			"allocator does not, and copy nothing of "
			"swapper_pg_dir's below TASK_SIZE",
			i, i << PGDIR_SHIFT, pgd[i][0], pgd[i][1]);
	for (unsigned int i = USER_PTRS_PER_PGD; i < PTRS_PER_PGD; i++)
		ck_assert_msg(
			pgd[i][0] == swapper_pg_dir[i][0] &&
				pgd[i][1] == swapper_pg_dir[i][1],
			"kernel entry %u (%08x) is %08x %08x, "
			"swapper_pg_dir's is %08x %08x: the kernel half is "
			"copied from USER_PTRS_PER_PGD (TASK_SIZE), "
			"modules area included, not from PAGE_OFFSET",
			i, i << PGDIR_SHIFT, pgd[i][0], pgd[i][1],
			swapper_pg_dir[i][0], swapper_pg_dir[i][1]);
	pgd_free(&init_mm, pgd);
	for (int i = 1; i < 16; i += 2)
		__free_pages(dirty[i], 2);
}
END_TEST

/* The PTE of @addr in @mm, which must exist. */
#define SHARED_VA 0x00400000UL

/*
 * fork's copy of the tables: every present page mapped by both, with a
 * reference and a mapping more; a private writable page read-only on
 * both sides, a shared one writable on both, the text as it was; the
 * child's PTEs old.
 */
START_TEST(fork_shares_pages_read_only)
{
	struct mm_struct *parent = mm_alloc(), *child;
	const unsigned long data = 0x00020000, text = USER_TEXT_ADDR;
	const unsigned long addrs[] = { text, data, SHARED_VA };
	unsigned long sp, before;

	ck_assert_ptr_nonnull(parent);
	ck_assert_int_eq(exec_user_image(parent, &sp), 0);
	add_vma(parent, SHARED_VA, SHARED_VA + PAGE_SIZE,
		VM_READ | VM_WRITE | VM_SHARED | VM_MAYREAD | VM_MAYWRITE |
			VM_MAYSHARE);
	fault_in(parent, data, true);
	fault_in(parent, SHARED_VA, true);
	ck_assert(pte_write(*pte_of(parent, data)));
	before = parent->rss;
	child = copy_mm(parent);
	for (unsigned int i = 0; i < ARRAY_SIZE(addrs); i++) {
		unsigned long a = addrs[i];
		pte_t p = *pte_of(parent, a), c = *pte_of(child, a);
		struct page *page = pte_page(p);

		ck_assert_msg(pte_present(c) && pte_pfn(c) == pte_pfn(p),
			      "the child's PTE of %08lx is %08x, the parent's "
			      "%08x: the child maps the same page, no copy",
			      a, pte_val(c), pte_val(p));
		ck_assert_msg(
			page_count(page) == 2 && page_mapcount(page) == 2,
			"the page at %08lx has count %d, mapcount %d after "
			"fork, expected 2 and 2: one reference and one "
			"mapping more for the child (get_page(), "
			"_mapcount)",
			a, page_count(page), page_mapcount(page));
		ck_assert_msg(
			!pte_young(c),
			"the child's PTE of %08lx is young: it is made old, "
			"as 5.10 does, until the child touches it",
			a);
		ck_assert_msg(pte_young(p),
			      "the parent's PTE of %08lx lost its "
			      "young bit",
			      a);
	}
	ck_assert_msg(!pte_write(*pte_of(parent, data)),
		      "the parent's PTE of its private data page is still "
		      "writable after fork: its next write would change the "
		      "child's copy too; copy-on-write makes both sides "
		      "read-only");
	ck_assert_msg(!pte_write(*pte_of(child, data)),
		      "the child's PTE of a private data page is writable: a "
		      "write must fault and copy (copy-on-write)");
	ck_assert_msg(pte_write(*pte_of(parent, SHARED_VA)) &&
			      pte_write(*pte_of(child, SHARED_VA)),
		      "a MAP_SHARED page must stay writable on both sides "
		      "after fork: both write the same page, nothing to copy");
	ck_assert_msg(pte_dirty(*pte_of(parent, SHARED_VA)) &&
			      !pte_dirty(*pte_of(child, SHARED_VA)),
		      "a MAP_SHARED page is dirty in the parent's PTE and must "
		      "be clean in the child's (pte_mkclean()): one dirty bit "
		      "is enough for the page to be written back once");
	ck_assert_msg(!pte_write(*pte_of(child, text)),
		      "the child's text became writable");
	ck_assert_uint_eq(child->rss, before);
	/* the first write of each side copies: two private pages now */
	fault_in(child, data, true);
	ck_assert_uint_ne(pte_pfn(*pte_of(child, data)),
			  pte_pfn(*pte_of(parent, data)));
	ck_assert_int_eq(page_mapcount(pte_page(*pte_of(parent, data))), 1);
	mmput(child);
	mmput(parent);
}
END_TEST

/* Every page a forked pair had comes back when both have gone. */
START_TEST(fork_and_exit_lose_no_page)
{
	unsigned long before;

	ck_assert_int_eq(run_proc("forktest", forktest_main, 5), 0);
	before = free_pages_now();
	for (int i = 0; i < 3; i++) {
		ck_assert_int_eq(run_proc("forktest", forktest_main, 5), 0);
		ck_assert_str_eq(user_console,
				 "child: pid 2, count 11, local 105\n"
				 "parent: child 2, count 10, local 5\n");
		ck_assert_msg(free_pages_now() == before,
			      "fork and exit, round %d: %lu free pages, %lu "
			      "before: each page the child shares takes one "
			      "reference (get_page()) that its unmapping gives "
			      "back, no more, no less",
			      i, free_pages_now(), before);
	}
}
END_TEST

/*
 * The parent writes right after fork(), before the child has run: the
 * child must see the value of the moment of the fork.
 */
START_TEST(parent_write_after_fork_is_private)
{
	ck_assert_int_eq(run_proc("cowtest", cowtest_main, 0), 0);
	ck_assert_msg(strstr(user_console, "child sees 1, writes 3\n"),
		      "the child saw the parent's write made after fork: the "
		      "parent's PTE must lose write permission at fork, and "
		      "its TLB entry with it.  Console: %s",
		      user_console);
	ck_assert_str_eq(user_console,
			 "child sees 1, writes 3\nparent sees 2\n");
}
END_TEST

/* The child's /proc/PID/maps is its parent's, line for line. */
START_TEST(child_maps_equal_parent_maps)
{
	static char pbuf[1024], cbuf[1024];
	static struct task_struct pt, ct;
	struct mm_struct *parent = mm_alloc(), *child;
	struct seq_file m;
	unsigned long sp;

	ck_assert_ptr_nonnull(parent);
	ck_assert_int_eq(exec_user_image(parent, &sp), 0);
	add_vma(parent, SHARED_VA, SHARED_VA + 3 * PAGE_SIZE,
		VM_READ | VM_WRITE | VM_SHARED | VM_MAYREAD | VM_MAYWRITE |
			VM_MAYSHARE);
	child = copy_mm(parent);
	pt = (struct task_struct){ .pid = 1, .mm = parent };
	ct = (struct task_struct){ .pid = 2, .mm = child };
	seq_init(&m, pbuf, sizeof(pbuf));
	proc_pid_maps_show(&m, &pt);
	seq_init(&m, cbuf, sizeof(cbuf));
	proc_pid_maps_show(&m, &ct);
	ck_assert_msg(
		strstr(pbuf, "00400000-00403000 rw-s 00000000 00:00 0 \n"),
		"no shared mapping in the parent's maps:\n%s", pbuf);
	ck_assert_str_eq(cbuf, pbuf);
	ck_assert_int_eq(child->map_count, parent->map_count);
	mmput(child);
	mmput(parent);
}
END_TEST

KTEST_SUITE(ch32) = {
	.chapter = "32",
	.title = "The page tables of a user process",
	.boot = ktest_boot_fixmap,
	.tests = KTESTS(find_vma_contract, find_vma_random,
			vma_list_sorted_both_ways,
			pgd_alloc_copies_the_kernel_half,
			fork_shares_pages_read_only, fork_and_exit_lose_no_page,
			parent_write_after_fork_is_private,
			child_maps_equal_parent_maps),
};
