// SPDX-License-Identifier: GPL-2.0
/*
 * Chapter 34: keeping a process's tables and TLB in step (用户页表的刷新).
 *
 * The exercises: the kernel-half copy of do_translation_fault()
 * (arch/arm/mm/fault.c), the TLB flush of munmap() (unmap_region() in
 * mm/mmap.c), and mprotect() (mm/mprotect.c): the new flags of a VMA,
 * its PTEs rewritten, and the flush.
 *
 * The kernel half is checked by running the kernel on a process's
 * table (cpu_switch_mm()) while it touches vmalloc memory made after the
 * table was copied.  The flushes are checked by programs on both
 * machines that touch a page the TLB has cached after munmap() or
 * mprotect() took it away.  mprotect()'s VMAs and PTEs are read after
 * calls made for a process (current set to it), and a random sequence
 * of mmap, mprotect, munmap and touches is checked against a model.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/vmalloc.h>
#include <asm/mmu_context.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include <asm/uaccess.h>
#include "ktest.h"
#include "proc_util.h"

#define SEED 34u

/* The hardware first-level entry of @addr in @pgd. */
static u32 l1_entry(pgd_t *pgd, unsigned long addr)
{
	return pmd_val(pmd_offset(pgd + pgd_index(addr),
				  addr)[(addr >> SECTION_SHIFT) & 1]);
}

/* A kernel write at @addr, on the table the CPU walks: 0 if it oopsed. */
static int kernel_touch(unsigned long addr)
{
	return !KTEST_EXPECT_OOPS(*(volatile u32 *)addr = (u32)addr);
}

/*
 * vmalloc memory made after a process's table was copied: the kernel,
 * running on that table, reaches it through translation faults that
 * copy swapper_pg_dir's entries, one 2 MiB pair at a time.
 */
START_TEST(kernel_half_synced_on_fault)
{
	struct mm_struct *mm = mm_alloc();
	unsigned long p, a;
	int fresh = 0, bad = 0;

	ck_assert_ptr_nonnull(mm);
	p = (unsigned long)vmalloc(SZ_4M);
	ck_assert(p);
	for (a = p; a < p + SZ_4M; a += SECTION_SIZE)
		fresh += !l1_entry(mm->pgd, a) && l1_entry(init_mm.pgd, a);
	ck_assert_msg(fresh,
		      "setup: vmalloc(4 MiB) at %08lx made no "
		      "first-level entry the new table lacks",
		      p);
	cpu_switch_mm(mm->pgd, mm);
	for (a = p; a < p + SZ_4M && !bad; a += PAGE_SIZE)
		bad = !kernel_touch(a) ? 1 : 0;
	cpu_switch_mm(init_mm.pgd, &init_mm);
	ck_assert_msg(!bad,
		      "the kernel, on a process's table, oopsed at %08lx: a "
		      "vmalloc address whose entry swapper_pg_dir got after "
		      "the table was copied; do_translation_fault() copies "
		      "init_mm's entry (copy_pmd()) and the access is retried",
		      a - PAGE_SIZE);
	for (a = p; a < p + SZ_4M; a += SECTION_SIZE)
		ck_assert_msg(l1_entry(mm->pgd, a) == l1_entry(init_mm.pgd, a),
			      "after the faults, the process's entry of %08lx "
			      "is %08x, swapper_pg_dir's %08x",
			      a, l1_entry(mm->pgd, a),
			      l1_entry(init_mm.pgd, a));
	for (a = p; a < p + SZ_4M; a += PAGE_SIZE)
		ck_assert_uint_eq(*(u32 *)a, (u32)a);
	/* from user mode the same kind of fault is a bad area at once */
	{
		static struct task_struct task;
		unsigned long q = 0, p2;
		struct pt_regs regs;
		char line[96];

		last_pid = 0;
		exec_proc(&task, 1, "peek", peek_main, 0, &regs);
		p2 = (unsigned long)vmalloc(SZ_4M);
		ck_assert(p2);
		for (a = p2; a < p2 + SZ_4M && !q; a += SECTION_SIZE)
			if (!l1_entry(task.mm->pgd, a) &&
			    l1_entry(init_mm.pgd, a))
				q = a;
		ck_assert(q);
		regs.uregs[1] = (u32)q; /* peek's address */
		user_console_len = 0;
		user_console[0] = 0;
		ck_assert_int_eq(run_user_task(&task, &regs), SIGSEGV);
		snprintf(line, sizeof(line),
			 "peek: unhandled page fault (11) at 0x%08lx, code "
			 "0x005",
			 q);
		ck_assert_msg(
			printk_log_contains(line),
			"a process's read of %08lx, a kernel address its "
			"table lacks, was not refused at the section "
			"translation fault (no \"%s\" in the log): from "
			"user mode do_translation_fault() copies nothing, "
			"the fault is a bad area at once",
			q, line);
		vfree((void *)p2);
	}
	vfree((void *)p);
	mmdrop(mm);
}
END_TEST

/*
 * A first-level pair of which swapper_pg_dir has only the second
 * entry (create_mapping() may make one alone): a fault in that second
 * megabyte copies it, and one where swapper_pg_dir has nothing is an
 * oops, with nothing copied.
 */
START_TEST(kernel_half_copies_only_what_swapper_has)
{
	struct mm_struct *mm = mm_alloc();
	unsigned long pair = 0, a;
	pmd_t *pmd_k;
	volatile int ok, oopsed;
	volatile u32 got = 0;

	ck_assert_ptr_nonnull(mm);
	/* an unused 2 MiB of the vmalloc area */
	for (a = VMALLOC_START; a < VMALLOC_END && !pair; a += PGDIR_SIZE)
		if (!l1_entry(init_mm.pgd, a) &&
		    !l1_entry(init_mm.pgd, a + SECTION_SIZE))
			pair = a;
	ck_assert(pair);
	/* its second megabyte: a section of RAM, read-only, no execute */
	pmd_k = pmd_offset(init_mm.pgd + pgd_index(pair), pair);
	pmd_k[1] = __pmd((PHYS_OFFSET & SECTION_MASK) | PMD_TYPE_SECT |
			 PMD_SECT_XN | PMD_SECT_AP_WRITE |
			 PMD_DOMAIN(DOMAIN_KERNEL));
	flush_pmd_entry(&pmd_k[1]);
	cpu_switch_mm(mm->pgd, mm);
	ok = !KTEST_EXPECT_OOPS(
		got = *(volatile u32 *)(pair + SECTION_SIZE + 0x40));
	oopsed = KTEST_EXPECT_OOPS((void)*(volatile u32 *)(pair + 0x40));
	cpu_switch_mm(init_mm.pgd, &init_mm);
	ck_assert_msg(l1_entry(mm->pgd, pair + SECTION_SIZE) ==
			      l1_entry(init_mm.pgd, pair + SECTION_SIZE),
		      "a read of %08lx, whose megabyte swapper_pg_dir maps "
		      "alone (the first of its pair is empty), was not "
		      "synced: test the hardware entry of the faulting "
		      "megabyte, pmd_k[(addr >> SECTION_SHIFT) & 1], not the "
		      "first of the pair",
		      pair + SECTION_SIZE);
	ck_assert(ok);
	ck_assert_uint_eq(got, *(u32 *)(PAGE_OFFSET + 0x40));
	ck_assert_msg(oopsed,
		      "a kernel read of %08lx, which swapper_pg_dir does not "
		      "map either, did not oops: there is nothing to copy, "
		      "the fault is a bad area",
		      pair + 0x40);
	pmd_k[1] = __pmd(0);
	flush_pmd_entry(&pmd_k[1]);
	flush_tlb_all();
	mmdrop(mm);
}
END_TEST

/* mprotect() for @mm, as its process would call it. */
static long mprotect_in(struct mm_struct *mm, unsigned long start,
			unsigned long len, unsigned long prot)
{
	struct task_struct *saved = enter_mm(mm);
	long ret;

	ret = sys_mprotect(start, len, prot);
	current = saved;
	return ret;
}

static unsigned long mmap_in(struct mm_struct *mm, unsigned long len,
			     unsigned long prot, unsigned long flags)
{
	struct task_struct *saved = enter_mm(mm);
	unsigned long addr;

	addr = do_mmap(NULL, 0, len, prot, flags | MAP_ANONYMOUS, 0);
	current = saved;
	ck_assert_msg(addr < TASK_SIZE, "mmap failed: %ld", (long)addr);
	return addr;
}

#define RW (PROT_READ | PROT_WRITE)

/*
 * The kernel fills the TLB with two user pages at @addr (writes under
 * uaccess_enable(), on @mm's table with its own ASID), @op takes both
 * away or makes them read-only, and the next write to the second must
 * fault: an oops here, as no exception-table entry covers it.  Between
 * the writes nothing else touches the TLB: only @op's own flush can
 * remove the entries.  Returns 1 if the write after @op faulted.
 */
static int faults_after(struct mm_struct *mm, unsigned long addr,
			void (*op)(struct mm_struct *, unsigned long))
{
	volatile int faulted;
	unsigned int flags;

	check_and_switch_context(mm, NULL); /* an ASID of its own */
	flags = uaccess_save_and_enable();
	*(volatile u32 *)addr = 0x34;
	*(volatile u32 *)(addr + PAGE_SIZE) = 0x34;
	op(mm, addr);
	faulted = KTEST_EXPECT_OOPS(*(volatile u32 *)(addr + PAGE_SIZE) = 0x35);
	uaccess_restore(flags);
	cpu_switch_mm(init_mm.pgd, &init_mm);
	return faulted;
}

static void unmap_pages(struct mm_struct *mm, unsigned long addr)
{
	ck_assert_int_eq(do_munmap(mm, addr, 2 * PAGE_SIZE), 0);
}

/*
 * A page written and unmapped: its TLB entry goes with it.  Without the
 * flush, the old translation still reaches the page munmap() has just
 * freed.
 */
START_TEST(munmap_flushes_the_tlb)
{
	struct mm_struct *mm = exec_mm();
	unsigned long a = mmap_in(mm, 3 * PAGE_SIZE, RW, MAP_PRIVATE);

	for (int i = 0; i < 3; i++)
		fault_in(mm, a + i * PAGE_SIZE, true);
	ck_assert_msg(faults_after(mm, a, unmap_pages),
		      "a write to %08lx right after munmap() of it and the "
		      "page below did not fault: the TLB still held the "
		      "translation the write before had used, to a page now "
		      "free; unmap_region() flushes the whole range, with the "
		      "process's ASID (flush_tlb_range())",
		      a + PAGE_SIZE);
	ck_assert(!pte_present(*pte_of(mm, a + PAGE_SIZE)));
	mmput(mm);
}
END_TEST

static void make_read_only(struct mm_struct *mm, unsigned long addr)
{
	ck_assert_int_eq(mprotect_in(mm, addr, 2 * PAGE_SIZE, PROT_READ), 0);
}

static void make_none(struct mm_struct *mm, unsigned long addr)
{
	ck_assert_int_eq(mprotect_in(mm, addr, 2 * PAGE_SIZE, PROT_NONE), 0);
}

/*
 * mprotect(PROT_READ) and mprotect(PROT_NONE) of a page the TLB holds
 * writable: the next write faults.  And from user mode, on both
 * machines: a program's write after PROT_READ, its read after
 * PROT_NONE, are SIGSEGV, SEGV_ACCERR.
 */
START_TEST(mprotect_flushes_the_tlb)
{
	static const char *const what[] = {
		"a write after mprotect(PROT_READ)",
		"a read after mprotect(PROT_NONE)",
	};
	void (*const ops[])(struct mm_struct *,
			    unsigned long) = { make_read_only, make_none };

	for (int how = 0; how < 2; how++) {
		static struct task_struct task;
		struct mm_struct *mm = exec_mm();
		unsigned long a = mmap_in(mm, 2 * PAGE_SIZE, RW, MAP_PRIVATE);
		int status;

		fault_in(mm, a, true);
		fault_in(mm, a + PAGE_SIZE, true);
		ck_assert_msg(faults_after(mm, a, ops[how]),
			      "a write to %08lx right after %s of it and the "
			      "page below did not fault: the PTEs must change "
			      "(pte_modify()) and the TLB entries of the old "
			      "permission must go, all of the range, with the "
			      "process's ASID (flush_tlb_range())",
			      a + PAGE_SIZE,
			      how ? "mprotect(PROT_NONE)"
				  : "mprotect(PROT_READ)");
		mmput(mm);
		status = run_in("protecttest", protecttest_main, how, NULL,
				&task);
		ck_assert_msg(status == SIGSEGV,
			      "%s did not fault in user mode (status %d, "
			      "console: %s)",
			      what[how], status, user_console);
		ck_assert_msg(task.fatal_info.si_code == SEGV_ACCERR,
			      "%s: si_code %d, expected SEGV_ACCERR (%d): the "
			      "VMA is there, its flags forbid the access",
			      what[how], task.fatal_info.si_code, SEGV_ACCERR);
	}
}
END_TEST

/*
 * mprotect() of the middle of a mapping: three VMAs, each with its own
 * flags and offset; the PTEs of the range rewritten with the page,
 * young and dirty kept; counters moved; and a private mapping made
 * writable again keeps read-only PTEs until a write fault reuses them.
 */
START_TEST(mprotect_rewrites_vmas_and_ptes)
{
	struct mm_struct *mm = exec_mm();
	unsigned long a = mmap_in(mm, 4 * PAGE_SIZE, RW, MAP_PRIVATE);
	unsigned long total = mm->total_vm, data = mm->data_vm;
	int maps = mm->map_count;
	struct vm_area_struct *mid;
	unsigned long pfn[4];

	for (int i = 0; i < 4; i++) {
		fault_in(mm, a + i * PAGE_SIZE, i != 2);
		pfn[i] = pte_pfn(*pte_of(mm, a + i * PAGE_SIZE));
	}
	ck_assert_int_eq(
		mprotect_in(mm, a + PAGE_SIZE, 2 * PAGE_SIZE, PROT_READ), 0);
	mid = vma_at(mm, a + PAGE_SIZE);
	ck_assert_msg(mm->map_count == maps + 2 &&
			      mid->vm_start == a + PAGE_SIZE &&
			      mid->vm_end == a + 3 * PAGE_SIZE,
		      "mprotect() of the middle two pages of [%08lx-%08lx): "
		      "%d VMAs (expected %d), the middle one [%08lx-%08lx)",
		      a, a + 4 * PAGE_SIZE, mm->map_count, maps + 2,
		      mid->vm_start, mid->vm_end);
	ck_assert_msg((mid->vm_flags & (VM_READ | VM_WRITE | VM_EXEC)) ==
				      VM_READ &&
			      (mid->vm_flags & VM_MAYWRITE),
		      "the middle VMA's flags are %#lx: VM_READ alone of "
		      "r/w/x, the VM_MAY* bits and the rest kept",
		      mid->vm_flags);
	ck_assert_uint_eq(vma_at(mm, a)->vm_flags & VM_WRITE, VM_WRITE);
	ck_assert_uint_eq(vma_at(mm, a + 3 * PAGE_SIZE)->vm_flags & VM_WRITE,
			  VM_WRITE);
	for (int i = 0; i < 4; i++) {
		pte_t pte = *pte_of(mm, a + i * PAGE_SIZE);
		bool in = i == 1 || i == 2;

		ck_assert_msg(pte_present(pte) && pte_pfn(pte) == pfn[i] &&
				      pte_young(pte) && pte_dirty(pte),
			      "page %d of the mapping: PTE %08x; mprotect() "
			      "keeps the page, young and dirty (pte_modify())",
			      i, pte_val(pte));
		ck_assert_msg(
			pte_write(pte) == !in,
			"page %d's PTE is %s after mprotect(PROT_READ) of "
			"pages 1 and 2",
			i, pte_write(pte) ? "writable" : "read-only");
	}
	ck_assert_uint_eq(mm->total_vm, total);
	ck_assert_msg(mm->data_vm == data - 2,
		      "data_vm is %lu, expected %lu: two private writable "
		      "pages became read-only (vm_stat_account())",
		      mm->data_vm, data - 2);
	/* writable again: still read-only PTEs, and a write reuses */
	ck_assert_int_eq(mprotect_in(mm, a + PAGE_SIZE, PAGE_SIZE, RW), 0);
	ck_assert_msg(!pte_write(*pte_of(mm, a + PAGE_SIZE)),
		      "a private page made writable by mprotect() has a "
		      "writable PTE at once: its vm_page_prot is PAGE_COPY, "
		      "read-only; the next write fault decides");
	ck_assert(kfault(mm, a + PAGE_SIZE, WRITE));
	ck_assert_uint_eq(pte_pfn(*pte_of(mm, a + PAGE_SIZE)), pfn[1]);
	ck_assert(pte_write(*pte_of(mm, a + PAGE_SIZE)));
	mmput(mm);
}
END_TEST

/*
 * mprotect()'s refusals: a permission the VMA may not have (VM_MAY*),
 * a hole in the range, an unaligned start; the stack keeps
 * VM_GROWSDOWN and a shared mapping VM_SHARED.
 */
START_TEST(mprotect_keeps_the_rules)
{
	struct mm_struct *mm = exec_mm();
	unsigned long a = mmap_in(mm, 2 * PAGE_SIZE, RW, MAP_SHARED);
	struct vm_area_struct *nowrite, *stack;
	unsigned long flags;

	nowrite = add_vma(mm, 0x00400000, 0x00402000,
			  VM_READ | VM_MAYREAD | VM_MAYEXEC);
	flags = nowrite->vm_flags;
	ck_assert_msg(mprotect_in(mm, 0x00400000, PAGE_SIZE, RW) == -EACCES,
		      "mprotect(PROT_WRITE) of a VMA without VM_MAYWRITE did "
		      "not return -EACCES: newflags & ~(newflags >> 4) keeps "
		      "each VM_* its VM_MAY* does not allow");
	ck_assert_msg(mprotect_in(mm, 0x00400000, PAGE_SIZE,
				  PROT_READ | PROT_EXEC) == 0,
		      "mprotect(PROT_READ | PROT_EXEC) of a VMA with "
		      "VM_MAYEXEC was refused");
	ck_assert_uint_eq(vma_at(mm, 0x00400000)->vm_flags,
			  (flags & ~(VM_READ | VM_WRITE | VM_EXEC)) | VM_READ |
				  VM_EXEC);
	add_vma(mm, 0x00500000, 0x00501000,
		VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE);
	ck_assert_msg(mprotect_in(mm, 0x00500000, PAGE_SIZE,
				  PROT_READ | PROT_EXEC) == -EACCES,
		      "mprotect(PROT_EXEC) of a VMA without VM_MAYEXEC did not "
		      "return -EACCES: VM_EXEC is checked against VM_MAYEXEC "
		      "too");
	ck_assert_int_eq(mprotect_in(mm, 0x00400000 + 1, PAGE_SIZE, PROT_READ),
			 -EINVAL);
	ck_assert_msg(mprotect_in(mm, 0x00400000, 3 * PAGE_SIZE, PROT_READ) ==
			      -ENOMEM,
		      "mprotect() of a range that runs past its VMAs did not "
		      "return -ENOMEM");
	stack = vma_at(mm, STACK_START);
	ck_assert_int_eq(mprotect_in(mm, STACK_START, PAGE_SIZE, PROT_READ), 0);
	ck_assert_msg(vma_at(mm, STACK_START)->vm_flags & VM_GROWSDOWN,
		      "mprotect() lost VM_GROWSDOWN: only r/w/x change");
	ck_assert(stack);
	fault_in(mm, a + PAGE_SIZE, true);
	ck_assert_int_eq(mprotect_in(mm, a, 2 * PAGE_SIZE, PROT_READ), 0);
	ck_assert_msg((vma_at(mm, a)->vm_flags & (VM_SHARED | VM_MAYSHARE)) ==
			      (VM_SHARED | VM_MAYSHARE),
		      "mprotect() lost VM_SHARED of a shared mapping");
	ck_assert(!pte_write(*pte_of(mm, a + PAGE_SIZE)));
	ck_assert_int_eq(mprotect_in(mm, a, 2 * PAGE_SIZE, RW), 0);
	ck_assert_msg(pte_write(*pte_of(mm, a + PAGE_SIZE)),
		      "a shared page made writable again has a read-only PTE: "
		      "PAGE_SHARED is writable, there is nothing to copy");
	mmput(mm);
}
END_TEST

/* The model of the random test: each page's protection, and its PTE. */
#define RPAGES 64
struct rpage {
	int prot; /* -1: not mapped */
	bool present;
};

static bool model_allows(int prot, enum access how)
{
	return how == WRITE ? prot & PROT_WRITE
			    : prot & (PROT_READ | PROT_WRITE | PROT_EXEC);
}

/*
 * mmap, mprotect, munmap and touches at random in a window of 64
 * pages: each touch handled exactly when the page's protection allows
 * it, every PTE within its VMA's permission, and every page back at
 * the end.
 */
START_TEST(random_protections_follow_a_model)
{
	static const int prots[] = { PROT_NONE, PROT_READ, RW,
				     PROT_READ | PROT_EXEC };
	struct mm_struct *mm = exec_mm();
	const unsigned long base = 0x01000000;
	struct rpage m[RPAGES];
	unsigned int ops[4] = { 0 }, touched = 0, refused = 0;
	unsigned long before;

	ktest_rng = SEED;
	for (int i = 0; i < RPAGES; i++)
		m[i] = (struct rpage){ -1, false };
	fault_in(mm, USER_DATA_ADDR, true); /* the caches warm */
	before = free_pages_now();
	for (int op = 0; op < 3000; op++) {
		int kind = (int)(ktest_rand() % 4),
		    i = (int)(ktest_rand() % RPAGES);
		int n = 1 + (int)(ktest_rand() % 6);
		unsigned long a = base + (unsigned long)i * PAGE_SIZE;
		long ret;

		if (i + n > RPAGES)
			n = RPAGES - i;
		ops[kind]++;
		switch (kind) {
		case 0: { /* mmap at a fixed place: unmaps what was there */
			int prot = prots[ktest_rand() % ARRAY_SIZE(prots)];
			struct task_struct *saved = enter_mm(mm);

			ret = (long)do_munmap(mm, a,
					      (unsigned long)n * PAGE_SIZE);
			if (!ret)
				ret = (long)do_mmap(
					NULL, a, (unsigned long)n * PAGE_SIZE,
					(unsigned long)prot,
					MAP_PRIVATE | MAP_ANONYMOUS, 0);
			current = saved;
			ck_assert_msg(ret == (long)a,
				      "op %d (seed %u): mmap at %08lx: %ld", op,
				      SEED, a, ret);
			for (int j = i; j < i + n; j++)
				m[j] = (struct rpage){ prot, false };
			break;
		}
		case 1: { /* mprotect, refused over a hole */
			int prot = prots[ktest_rand() % ARRAY_SIZE(prots)];
			bool hole = false;

			for (int j = i; j < i + n; j++)
				hole |= m[j].prot < 0;
			ret = mprotect_in(mm, a, (unsigned long)n * PAGE_SIZE,
					  (unsigned long)prot);
			if (!hole) {
				ck_assert_msg(
					ret == 0,
					"op %d (seed %u): mprotect(%08lx, "
					"%d pages, %d) = %ld",
					op, SEED, a, n, prot, ret);
				for (int j = i; j < i + n; j++)
					m[j].prot = prot;
			} else {
				/* the VMAs before the hole changed */
				ck_assert_int_eq(ret, -ENOMEM);
				for (int j = i; j < i + n && m[j].prot >= 0;
				     j++)
					m[j].prot = prot;
			}
			break;
		}
		case 2: /* munmap */
			ck_assert_int_eq(
				do_munmap(mm, a, (unsigned long)n * PAGE_SIZE),
				0);
			for (int j = i; j < i + n; j++)
				m[j] = (struct rpage){ -1, false };
			break;
		default: { /* a touch */
			enum access how = ktest_rand() % 2 ? WRITE : READ;
			bool want =
				m[i].prot >= 0 && model_allows(m[i].prot, how);
			int got;

			if (!want && ktest_rand() % 8)
				break; /* a refusal is an oops: a few suffice */
			got = kfault(mm, a, how);
			ck_assert_msg(got == want,
				      "op %d (seed %u): a %s of %08lx, "
				      "protection %d, was %s",
				      op, SEED, access_name[how], a, m[i].prot,
				      got ? "handled" : "refused");
			touched += got;
			refused += !got;
			m[i].present |= got;
			break;
		}
		}
		/* every PTE of the window within its VMA's permission */
		for (int j = 0; j < RPAGES; j++) {
			unsigned long va = base + (unsigned long)j * PAGE_SIZE;
			pte_t *pte = user_pte(mm, va);
			bool present = pte && pte_present(*pte);

			ck_assert_msg(
				present == m[j].present,
				"op %d (seed %u): the PTE of %08lx is %s, "
				"expected %s",
				op, SEED, va,
				present ? "present" : "not present",
				m[j].present ? "present" : "none");
			if (!present)
				continue;
			ck_assert_msg(!pte_write(*pte) ||
					      (m[j].prot & PROT_WRITE),
				      "op %d (seed %u): the PTE of %08lx is "
				      "writable, its protection %d",
				      op, SEED, va, m[j].prot);
			ck_assert_msg(
				!!(pte_val(*pte) & L_PTE_NONE) ==
					(m[j].prot == PROT_NONE),
				"op %d (seed %u): the PTE of %08lx is %08x "
				"under protection %d: PROT_NONE, and only "
				"it, sets L_PTE_NONE",
				op, SEED, va, pte_val(*pte), m[j].prot);
		}
	}
	ck_assert_int_eq(do_munmap(mm, base, RPAGES * PAGE_SIZE), 0);
	ck_assert_msg(free_pages_now() == before,
		      "after the random sequence (seed %u) and munmap() of "
		      "the window: %lu free pages, %lu before",
		      SEED, free_pages_now(), before);
	printf("ch34: random protections (seed %u): mmap %u, mprotect %u, "
	       "munmap %u, touches %u handled, %u refused\n",
	       SEED, ops[0], ops[1], ops[2], touched, refused);
	ck_assert(touched && refused);
	mmput(mm);
}
END_TEST

KTEST_SUITE(ch34) = {
	.chapter = "34",
	.title = "Keeping a process's tables and TLB in step",
	.boot = ktest_boot_fixmap,
	.tests = KTESTS(kernel_half_synced_on_fault,
			kernel_half_copies_only_what_swapper_has,
			munmap_flushes_the_tlb, mprotect_flushes_the_tlb,
			mprotect_rewrites_vmas_and_ptes,
			mprotect_keeps_the_rules,
			random_protections_follow_a_model),
};
