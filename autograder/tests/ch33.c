// SPDX-License-Identifier: GPL-2.0
/*
 * Chapter 33: page faults (缺页异常机制).
 *
 * The exercises: access_error() and the stack branch of
 * __do_page_fault() (arch/arm/mm/fault.c), acct_stack_growth() and the
 * checks of expand_downwards() (mm/mmap.c), and the reuse rule of
 * do_wp_page() (mm/memory.c).
 *
 * Most tests take a fault as the CPU would deliver it: do_DataAbort()
 * or do_PrefetchAbort() with a fault status, in kernel mode, on an
 * address space of the test's making.  A fault the VMAs allow is
 * handled and returns; one they refuse ends in the kernel's oops,
 * which the test catches.  The end-to-end tests run programs in user
 * mode on both machines and read how they died (fatal_info).
 */
#include <stdio.h>
#include <string.h>
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <asm/pgtable.h>
#include <asm/ptrace.h>
#include <asm/tlbflush.h>
#include <asm/traps.h>
#include "ktest.h"
#include "proc_util.h"

#define SEED 33u

static const char *flags_name(unsigned long flags)
{
	static char buf[8];

	snprintf(buf, sizeof(buf), "%s%s%s", flags & VM_READ ? "R" : "",
		 flags & VM_WRITE ? "W" : "", flags & VM_EXEC ? "X" : "");
	return buf[0] ? buf : "none";
}

/* 5.10's rule: a write needs VM_WRITE, a fetch VM_EXEC, the rest any. */
static bool allowed(unsigned long flags, enum access how)
{
	switch (how) {
	case WRITE:
		return flags & VM_WRITE;
	case FETCH:
		return flags & VM_EXEC;
	default:
		return flags & (VM_READ | VM_WRITE | VM_EXEC);
	}
}

static const char *rule(enum access how)
{
	switch (how) {
	case WRITE:
		return "a write needs VM_WRITE";
	case FETCH:
		return "an instruction fetch (FSR_LNX_PF) needs VM_EXEC";
	case CM:
		return "a cache maintenance operation (FSR_CM, reported "
		       "with the write bit) is a read: it needs any of "
		       "VM_READ, VM_WRITE, VM_EXEC";
	default:
		return "a read needs any of VM_READ, VM_WRITE, VM_EXEC: an "
		       "ARM PTE that allows writing or executing allows "
		       "reading";
	}
}

#define PROT_VMAS 8
static const unsigned long prot_flags[PROT_VMAS] = {
	VM_NONE,
	VM_READ,
	VM_WRITE,
	VM_EXEC,
	VM_READ | VM_WRITE,
	VM_READ | VM_EXEC,
	VM_WRITE | VM_EXEC,
	VM_READ | VM_WRITE | VM_EXEC,
};
#define PROT_BASE 0x00400000UL
#define MAYS (VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC)

/*
 * Every protection against every kind of access, each on a page of its
 * own that no fault has touched: handled exactly when 5.10's
 * access_error() allows it, and then the page is mapped.
 */
START_TEST(access_error_by_fault_status)
{
	struct mm_struct *mm = exec_mm();

	for (int i = 0; i < PROT_VMAS; i++)
		add_vma(mm, PROT_BASE + i * SZ_1M,
			PROT_BASE + i * SZ_1M + SZ_64K, prot_flags[i] | MAYS);
	for (int i = 0; i < PROT_VMAS; i++) {
		for (enum access how = READ; how <= FETCH; how++) {
			unsigned long addr =
				PROT_BASE + i * SZ_1M + how * PAGE_SIZE + 0x10;
			bool want = allowed(prot_flags[i], how);
			int got = kfault(mm, addr, how);
			pte_t *pte = user_pte(mm, addr);

			ck_assert_msg(
				got == want,
				"a %s fault at %08lx in a VMA with %s was %s: "
				"%s (access_error())",
				access_name[how], addr,
				flags_name(prot_flags[i]),
				got ? "handled" : "refused", rule(how));
			ck_assert_msg(
				!want || (pte && pte_present(*pte)),
				"a %s fault at %08lx in a VMA with %s was "
				"allowed, but no page is mapped there",
				access_name[how], addr,
				flags_name(prot_flags[i]));
		}
	}
	/*
	 * IFSR bit 11 is reserved, UNKNOWN (ARM ARM B4.1.96): a fetch is a
	 * fetch whatever it reads as, so FSR_LNX_PF must decide last.
	 */
	{
		struct vm_area_struct *x = vma_at(mm, PROT_BASE + 3 * SZ_1M);
		unsigned long addr = x->vm_start + 5 * PAGE_SIZE;
		struct pt_regs regs = { .ARM_cpsr = SVC_MODE };
		struct task_struct *saved = enter_mm(mm);
		int oopsed;

		oopsed = KTEST_EXPECT_OOPS(do_PrefetchAbort(
			addr, FS_TRANS_PAGE | FSR_WRITE, &regs));
		current = saved;
		ck_assert_msg(
			!oopsed,
			"a fetch at %08lx in an execute-only VMA whose "
			"IFSR has bit 11 (WnR in a DFSR) set was refused: "
			"that bit is reserved and UNKNOWN in an IFSR, so "
			"a prefetch abort (FSR_LNX_PF) needs VM_EXEC "
			"whatever it reads as: test FSR_LNX_PF last",
			addr);
	}
	mmput(mm);
}
END_TEST

static void add_none(struct mm_struct *mm)
{
	add_vma(mm, PROT_BASE, PROT_BASE + PAGE_SIZE, VM_NONE | MAYS);
}

/*
 * Programs in user mode, on both machines: each bad access kills the
 * process with SIGSEGV and the code that says why, and the kernel goes
 * on with every page back.
 */
START_TEST(bad_access_kills_with_the_right_code)
{
	/* the caches of tasks, mms and VMAs have their slabs first */
	ck_assert_int_eq(run_proc("hello", hello_main, 0), 7 << 8);
	expect_segv("poke", poke_main, USER_TEXT_ADDR + 0x40, NULL, SEGV_ACCERR,
		    "a write to the text: its VMA has no VM_WRITE");
	expect_segv("jump", jump_main, USER_DATA_ADDR, NULL, SEGV_ACCERR,
		    "a jump into the data page: a prefetch abort in a VMA "
		    "without VM_EXEC");
	expect_segv("peek", peek_main, PROT_BASE + 0x20, add_none, SEGV_ACCERR,
		    "a read of a PROT_NONE mapping: a VMA is there, but it "
		    "allows nothing");
	expect_segv("peek", peek_main, PROT_BASE + SZ_1M, NULL, SEGV_MAPERR,
		    "a read where no VMA is");
	/* and the kernel goes on: a program that does no wrong runs */
	ck_assert_int_eq(run_proc("hello", hello_main, 0), 7 << 8);
}
END_TEST

static void check_stack(struct vm_area_struct *vma, unsigned long start,
			unsigned long stack_vm, const char *what)
{
	ck_assert_msg(vma->vm_start == start,
		      "%s: the stack starts at %08lx, expected %08lx", what,
		      vma->vm_start, start);
	ck_assert_msg(vma->vm_pgoff == start >> PAGE_SHIFT,
		      "%s: the stack's vm_pgoff is %#lx, expected %#lx: it "
		      "goes down by the pages the stack grew",
		      what, vma->vm_pgoff, start >> PAGE_SHIFT);
	ck_assert_msg(vma->vm_mm->stack_vm == stack_vm &&
			      vma->vm_mm->stack_vm == vma_pages(vma),
		      "%s: stack_vm is %lu pages, expected %lu: "
		      "vm_stat_account() counts the growth",
		      what, vma->vm_mm->stack_vm, stack_vm);
}

/*
 * A fault below the stack grows it, page by page or in one jump, up to
 * RLIMIT_STACK (8 MiB) and no further; below a VMA that is not a stack,
 * or under FIRST_USER_ADDRESS, nothing grows.
 */
START_TEST(stack_grows_on_a_fault_below)
{
	struct mm_struct *mm = exec_mm();
	struct vm_area_struct *stack = vma_at(mm, STACK_TOP - 4);
	const unsigned long limit = STACK_TOP - _STK_LIM;
	struct vm_area_struct *low;

	check_stack(stack, STACK_START, 33, "after exec");
	ck_assert_msg(kfault(mm, STACK_START - 4, WRITE),
		      "a write fault one word below the stack (%08lx) was "
		      "refused: a VM_GROWSDOWN VMA grows down to it",
		      STACK_START - 4);
	check_stack(stack, STACK_START - PAGE_SIZE, 34, "one page down");
	ck_assert_msg(kfault(mm, limit + 8, READ),
		      "a fault at %08lx, where the stack would be 8 MiB, was "
		      "refused: RLIMIT_STACK is 8 MiB, and the size may "
		      "reach it",
		      limit + 8);
	check_stack(stack, limit, _STK_LIM >> PAGE_SHIFT, "8 MiB");
	ck_assert_msg(!kfault(mm, limit - 4, READ),
		      "a fault at %08lx was handled: the stack would be 8 "
		      "MiB and a page, over RLIMIT_STACK (acct_stack_growth())",
		      limit - 4);
	check_stack(stack, limit, _STK_LIM >> PAGE_SHIFT, "a refused fault");
	/* below the data page (not a stack): no growth */
	ck_assert_msg(!kfault(mm, USER_DATA_ADDR - 4, WRITE),
		      "a fault just below the data VMA was handled: only a "
		      "VM_GROWSDOWN VMA grows");
	ck_assert_uint_eq(vma_at(mm, USER_DATA_ADDR)->vm_start, USER_DATA_ADDR);
	/* a stack low down: never below FIRST_USER_ADDRESS */
	low = add_vma(mm, 0x4000, 0x5000, VM_STACK_FLAGS);
	ck_assert_msg(!kfault(mm, FIRST_USER_ADDRESS - 4, READ),
		      "a fault at %08lx below a stack was handled: a stack "
		      "never grows below FIRST_USER_ADDRESS (%08lx)",
		      FIRST_USER_ADDRESS - 4,
		      (unsigned long)FIRST_USER_ADDRESS);
	ck_assert_uint_eq(low->vm_start, 0x4000);
	ck_assert_msg(kfault(mm, FIRST_USER_ADDRESS, READ),
		      "a fault at FIRST_USER_ADDRESS (%08lx) below a stack "
		      "was refused: the stack may grow down to it",
		      (unsigned long)FIRST_USER_ADDRESS);
	ck_assert_uint_eq(low->vm_start, FIRST_USER_ADDRESS);
	ck_assert_msg(expand_downwards(low, mmap_min_addr) == 0 &&
			      low->vm_start == mmap_min_addr,
		      "expand_downwards() to mmap_min_addr (%08lx) itself "
		      "was refused: only an address below it is",
		      mmap_min_addr);
	ck_assert_msg(expand_downwards(low, mmap_min_addr - 1) == -EPERM,
		      "expand_downwards() to %08lx returned %d, expected "
		      "-EPERM: nothing goes below mmap_min_addr (%08lx)",
		      mmap_min_addr - 1,
		      expand_downwards(low, mmap_min_addr - 1), mmap_min_addr);
	mmput(mm);
}
END_TEST

/* A stack at the top, and below it a VMA of @flags ending at @end. */
static struct vm_area_struct *gap_mm(unsigned long end, unsigned long flags,
				     struct mm_struct **mmp)
{
	struct mm_struct *mm = mm_alloc();

	ck_assert_ptr_nonnull(mm);
	add_vma(mm, end - SZ_64K, end, flags);
	*mmp = mm;
	return add_vma(mm, STACK_START, STACK_TOP, VM_STACK_FLAGS);
}

/*
 * The guard gap: a stack keeps stack_guard_gap (256 pages, 1 MiB)
 * from a VMA below that a program may touch, unless that VMA is itself
 * a stack; measured from the VMA's end to the new page.
 */
START_TEST(guard_gap_keeps_stacks_apart)
{
	const unsigned long end = STACK_START - SZ_4M;
	static const struct {
		unsigned long flags, addr;
		int want;
		const char *why;
	} cases[] = {
		{ VM_READ | VM_WRITE, end + SZ_1M, 0,
		  "exactly stack_guard_gap above a RW VMA: allowed" },
		{ VM_READ | VM_WRITE, end + SZ_1M - 1, -ENOMEM,
		  "one byte (its page) within the gap above a RW VMA" },
		{ VM_READ, end + SZ_1M - PAGE_SIZE, -ENOMEM,
		  "a page within the gap above a read-only VMA" },
		{ VM_EXEC, end + SZ_64K, -ENOMEM,
		  "within the gap above an execute-only VMA: it is "
		  "accessible" },
		{ VM_NONE, end + PAGE_SIZE, 0,
		  "above a PROT_NONE VMA: no access, so no gap (it is often "
		  "a guard itself)" },
		{ VM_STACK_FLAGS, end + PAGE_SIZE, 0,
		  "above another VM_GROWSDOWN stack: no gap between stacks" },
		{ VM_READ | VM_WRITE, STACK_START - PAGE_SIZE, 0,
		  "a page below the stack, 4 MiB above a RW VMA: far from "
		  "the gap" },
	};

	for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++) {
		struct mm_struct *mm;
		unsigned long flags = cases[i].flags | MAYS;
		struct vm_area_struct *stack = gap_mm(end, flags, &mm);
		unsigned long want_start =
			cases[i].want ? STACK_START : cases[i].addr & PAGE_MASK;
		int got;

		got = expand_stack(stack, cases[i].addr);
		ck_assert_msg(
			got == cases[i].want,
			"expand_stack(%08lx) returned %d, expected %d: %s "
			"(the VMA below ends at %08lx; the gap is "
			"measured from its end, %#lx bytes)",
			cases[i].addr, got, cases[i].want, cases[i].why, end,
			stack_guard_gap);
		ck_assert_msg(stack->vm_start == want_start,
			      "after expand_stack(%08lx): the stack starts at "
			      "%08lx, expected %08lx (%s)",
			      cases[i].addr, stack->vm_start, want_start,
			      cases[i].why);
		mmput(mm);
	}
	/* the same rule on the fault path */
	{
		struct mm_struct *mm;
		struct vm_area_struct *stack =
			gap_mm(end, VM_READ | VM_WRITE | MAYS, &mm);

		ck_assert_msg(!kfault(mm, end + SZ_1M - 4, READ),
			      "a fault within the guard gap was handled: the "
			      "stack may not grow within stack_guard_gap of "
			      "the VMA below");
		ck_assert_uint_eq(stack->vm_start, STACK_START);
		ck_assert(kfault(mm, end + SZ_1M, READ));
		ck_assert_uint_eq(stack->vm_start, end + SZ_1M);
		mmput(mm);
	}
}
END_TEST

/* The stack's size may reach RLIMIT_STACK, not pass it; a refusal
 * changes nothing. */
START_TEST(stack_stops_at_rlimit_stack)
{
	struct mm_struct *mm = exec_mm();
	struct vm_area_struct *stack = vma_at(mm, STACK_TOP - 4);
	unsigned long total = mm->total_vm, got;

	got = (unsigned long)expand_stack(stack,
					  STACK_TOP - _STK_LIM - PAGE_SIZE);
	ck_assert_msg((long)got == -ENOMEM,
		      "expand_stack() to 8 MiB and a page returned %ld, "
		      "expected -ENOMEM: the size (vm_end - address, in "
		      "bytes) may not pass rlimit(RLIMIT_STACK)",
		      (long)got);
	check_stack(stack, STACK_START, 33, "a refused growth");
	ck_assert_uint_eq(mm->total_vm, total);
	got = (unsigned long)expand_stack(stack, STACK_TOP - _STK_LIM);
	ck_assert_msg(got == 0,
		      "expand_stack() to exactly 8 MiB returned %ld, expected "
		      "0: a size equal to the limit is allowed",
		      (long)got);
	check_stack(stack, STACK_TOP - _STK_LIM, _STK_LIM >> PAGE_SHIFT,
		    "8 MiB");
	ck_assert_uint_eq(mm->total_vm, total + (_STK_LIM >> PAGE_SHIFT) - 33);
	mmput(mm);
}
END_TEST

/* Make @addr's PTE read-only again, as fork would. */
static void wrprotect(struct mm_struct *mm, unsigned long addr)
{
	pte_t *pte = pte_of(mm, addr);

	set_pte_at(mm, addr, pte, pte_wrprotect(*pte));
	flush_tlb_all();
}

/*
 * do_wp_page() reuses a page only its writer maps and holds: after the
 * child of a fork has gone, the parent's write keeps its page and
 * allocates nothing; a page someone else maps, or holds (a pin), is
 * copied.
 */
START_TEST(cow_reuses_a_page_only_its_writer_holds)
{
	struct mm_struct *mm = exec_mm(), *child;
	const unsigned long data = USER_DATA_ADDR;
	struct page *page, *now;
	unsigned long before;
	vm_fault_t ret;

	fault_in(mm, data, true);
	page = pte_page(*pte_of(mm, data));
	/* mapped twice: the writer gets a copy */
	child = copy_mm(mm);
	ck_assert(kfault(mm, data, WRITE));
	now = pte_page(*pte_of(mm, data));
	ck_assert_msg(now != page,
		      "a write to a page the child still maps reused it: "
		      "page_mapcount() is 2, so the writer must get a copy");
	ck_assert_int_eq(page_mapcount(page), 1);
	ck_assert_int_eq(page_count(page), 1);
	/* the child, the last mapper, writes in place */
	before = free_pages_now();
	ret = handle_mm_fault(vma_at(child, data), data, FAULT_FLAG_WRITE,
			      NULL);
	ck_assert_msg(ret == VM_FAULT_WRITE,
		      "handle_mm_fault() of a write that reused the page "
		      "returned %#x, expected VM_FAULT_WRITE (%#x): "
		      "do_wp_page() says it made the PTE writable, as "
		      "get_user_pages() needs to know",
		      ret, VM_FAULT_WRITE);
	ck_assert_msg(pte_page(*pte_of(child, data)) == page,
		      "the child's write copied a page only it maps and "
		      "holds (count 1, mapcount 1): wp_page_reuse() keeps it");
	ck_assert_msg(free_pages_now() == before,
		      "the child's write to a page only it holds allocated "
		      "%ld page(s)",
		      (long)(before - free_pages_now()));
	ck_assert(pte_write(*pte_of(child, data)) &&
		  pte_dirty(*pte_of(child, data)));
	mmput(child);
	/* alone again, but pinned: copied all the same */
	page = now;
	wrprotect(mm, data);
	get_page(page);
	ck_assert(kfault(mm, data, WRITE));
	ck_assert_msg(pte_page(*pte_of(mm, data)) != page,
		      "a write to a page with one mapping but another "
		      "reference (get_page(), as a pin or a pipe holds it) "
		      "reused it: page_count() is 2, and the holder must "
		      "keep the page as it was; the writer gets a copy");
	ck_assert_int_eq(page_count(page), 1);
	ck_assert_int_eq(page_mapcount(page), 0);
	put_page(page);
	mmput(mm);
}
END_TEST

/* The model of the random test: what the VMAs say of a fault. */
struct model_vma {
	unsigned long start, end, flags;
};

/*
 * Random layouts and faults: each fault handled or refused as 5.10's
 * rules say (access_error(), the stack, the guard gap, the limit), and
 * each stack where they leave it.
 */
START_TEST(random_faults_follow_the_rules)
{
	static const unsigned long kinds[] = {
		VM_NONE,  VM_READ, VM_READ | VM_WRITE, VM_READ | VM_EXEC,
		VM_WRITE, VM_EXEC, VM_STACK_FLAGS,
	};
	unsigned int counts[2][4] = { { 0 } }, grew = 0;

	ktest_rng = SEED;
	for (int round = 0; round < 12; round++) {
		struct mm_struct *mm = mm_alloc();
		struct model_vma m[8];
		int n = 0;

		ck_assert_ptr_nonnull(mm);
		/* up to 8 VMAs between 4 MiB and 0xbf000000, gaps random */
		for (unsigned long at = SZ_4M + (ktest_rand() % 64) * SZ_64K;
		     n < 8 && at < STACK_TOP - SZ_4M; n++) {
			unsigned long len = (1 + ktest_rand() % 16) * PAGE_SIZE;

			m[n].start = at;
			m[n].end = at + len;
			m[n].flags = kinds[ktest_rand() % ARRAY_SIZE(kinds)];
			add_vma(mm, m[n].start, m[n].end, m[n].flags | MAYS);
			at = m[n].end + (ktest_rand() % 48) * SZ_64K;
		}
		for (int f = 0; f < 40; f++) {
			int i = (int)(ktest_rand() % (unsigned int)n);
			enum access how = ktest_rand() % 4;
			/* in a VMA, or up to 2 MiB below one */
			unsigned long addr =
				ktest_rand() % 2
					? m[i].start +
						  ktest_rand() % (m[i].end -
								  m[i].start)
					: m[i].start - 1 - ktest_rand() % SZ_2M;
			struct model_vma *v = NULL;
			bool want = false, grows = false;
			int got;

			for (int j = 0; j < n && !v; j++)
				if (m[j].end > addr)
					v = &m[j];
			if (v && v->start <= addr) {
				want = allowed(v->flags, how);
			} else if (v && (v->flags & VM_GROWSDOWN) &&
				   addr >= FIRST_USER_ADDRESS) {
				struct model_vma *p = v == m ? NULL : v - 1;
				unsigned long a = addr & PAGE_MASK;

				grows = !(p && !(p->flags & VM_GROWSDOWN) &&
					  (p->flags &
					   (VM_READ | VM_WRITE | VM_EXEC)) &&
					  a - p->end < stack_guard_gap) &&
					v->end - a <= _STK_LIM;
				want = grows && allowed(v->flags, how);
			}
			got = kfault(mm, addr, how);
			ck_assert_msg(
				got == want,
				"round %d, fault %d (seed %u): a %s fault at "
				"%08lx was %s, expected %s (%s VMA %s, "
				"[%08lx-%08lx))",
				round, f, SEED, access_name[how], addr,
				got ? "handled" : "refused",
				want ? "handled" : "refused",
				v && v->start > addr ? "below the" : "in the",
				v ? flags_name(v->flags) : "none",
				v ? v->start : 0, v ? v->end : 0);
			if (grows) {
				v->start = addr & PAGE_MASK;
				grew++;
			}
			if (v) {
				ck_assert_msg(
					vma_at(mm, v->end - 1)->vm_start ==
						v->start,
					"round %d, fault %d (seed %u): the VMA "
					"ending at %08lx starts at %08lx, "
					"expected %08lx",
					round, f, SEED, v->end,
					vma_at(mm, v->end - 1)->vm_start,
					v->start);
			}
			counts[want][how]++;
		}
		mmput(mm);
	}
	printf("ch33: random faults (seed %u): handled r/w/cm/x %u/%u/%u/%u, "
	       "refused %u/%u/%u/%u, stack growths %u\n",
	       SEED, counts[1][0], counts[1][1], counts[1][2], counts[1][3],
	       counts[0][0], counts[0][1], counts[0][2], counts[0][3], grew);
	for (int w = 0; w < 2; w++)
		for (int h = 0; h < 4; h++)
			ck_assert_msg(counts[w][h],
				      "the generator made no %s %s fault",
				      w ? "handled" : "refused",
				      access_name[h]);
	ck_assert(grew);
}
END_TEST

KTEST_SUITE(ch33) = {
	.chapter = "33",
	.title = "Page faults",
	.boot = ktest_boot_fixmap,
	.tests = KTESTS(access_error_by_fault_status,
			bad_access_kills_with_the_right_code,
			stack_grows_on_a_fault_below,
			guard_gap_keeps_stacks_apart,
			stack_stops_at_rlimit_stack,
			cow_reuses_a_page_only_its_writer_holds,
			random_faults_follow_the_rules),
};
