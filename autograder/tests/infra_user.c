// SPDX-License-Identifier: GPL-2.0
/*
 * Chapter 00: user mode on both machines (Part V's ground).
 *
 * The first tests build a process by hand, on the harness's tables: the
 * identity map of RAM and the image (kernel only, domain 0), and in the
 * first megabyte, in DOMAIN_USER, the user image at USER_TEXT_ADDR
 * (read-only), a data page and a stack, so that they prove the MMU, not
 * the kernel's good will, keeps a process out of the kernel.  The later
 * ones make processes as the kernel does (mm_alloc(), exec's VMAs,
 * fork's copy-on-write, faults that bring the pages) and prove that
 * every page comes back.  The programs are samples/user's.  Not graded:
 * the same program prints the same on both machines, a segfault kills
 * only the process, and the kernel reaches user memory only through
 * uaccess (SW PAN).
 */
#include <stdio.h>
#include <string.h>
#include <linux/binfmts.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/mman.h>
#include <linux/printk.h>
#include <linux/proc_fs.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <linux/vmstat.h>
#include <asm/cp15.h>
#include <asm/machine.h>
#include <asm/memory.h>
#include <asm/page.h>
#include <asm/mmu_context.h>
#include <asm/pgalloc.h>
#include <asm/pgtable.h>
#include <asm/pgtable-2level-hwdef.h>
#include <asm/setup.h>
#include <asm/tlbflush.h>
#include <asm/ptrace.h>
#include "mm/internal.h"
#include "ktest.h"
#include "proc_util.h"

#define L1_PA 0x60800000U
#define L2_PA 0x60804000U
#define TEXT_PA 0x61000000U /* the user image's copy: 16 pages at most */
#define DATA_PA 0x61010000U
#define STACK_PA 0x61020000U /* 16 pages below USER_STACK_TOP */
#define DATA_VA 0x00020000U
#define USER_STACK_TOP 0x00100000U
#define UNMAPPED_VA 0x00900000U

#define SECT_KERNEL (PMD_TYPE_SECT | PMD_SECT_AP_WRITE | PMD_SECT_WB)
/* as set_pte_ext() makes a user read-only page: APX with AP1 */
#define PTE_USER_RO (PTE_TYPE_SMALL | PTE_CACHEABLE | PTE_EXT_APX | PTE_EXT_AP1)
#define PTE_USER_RW (PTE_TYPE_SMALL | PTE_CACHEABLE | PTE_EXT_AP1 | PTE_EXT_AP0)

static u32 *phys(u32 pa)
{
	return (u32 *)(uintptr_t)pa;
}

static void map_user(u32 va, u32 pa, u32 pte)
{
	phys(L2_PA)[(va >> PAGE_SHIFT) & 0xff] = pa | pte;
}

/* The process's table, live, with the kernel's DACR. */
static void user_space(void)
{
	u32 *pgd = phys(L1_PA);
	unsigned long size;
	const void *image = machine_user_image(&size);

	ktest_mmu_off();
	memset(pgd, 0, SZ_16K);
	memset(phys(L2_PA), 0, SZ_1K);
	ktest_map_ram(pgd, SECT_KERNEL);
	ktest_map_image(pgd);
	pgd[0] = L2_PA | PMD_TYPE_TABLE | PMD_DOMAIN(DOMAIN_USER);
	ck_assert_uint_le(size, 16 * PAGE_SIZE);
	memcpy(phys(TEXT_PA), image, size);
	for (u32 off = 0; off < size; off += PAGE_SIZE)
		map_user(USER_TEXT_ADDR + off, TEXT_PA + off, PTE_USER_RO);
	memset(phys(DATA_PA), 0, PAGE_SIZE);
	map_user(DATA_VA, DATA_PA, PTE_USER_RW);
	for (u32 i = 1; i <= 16; i++)
		map_user(USER_STACK_TOP - i * PAGE_SIZE,
			 STACK_PA + 16 * PAGE_SIZE - i * PAGE_SIZE,
			 PTE_USER_RW);
	ktest_mmu_switch(L1_PA, L1_PA, 0, DACR_UACCESS_DISABLE);
}

/* Run @main(@arg) as process @pid, @comm; its wait status. */
static int run(const char *comm, int (*main)(long), long arg)
{
	static struct task_struct task;
	struct pt_regs regs;

	task = (struct task_struct){ .pid = 1 };
	strncpy(task.comm, comm, TASK_COMM_LEN - 1);
	user_console_len = 0;
	user_console[0] = 0;
	start_thread(&regs, user_va(user_start), USER_STACK_TOP);
	regs.ARM_r0 = (u32)user_va(main);
	regs.uregs[1] = (u32)arg;
	return run_user_task(&task, &regs);
}

START_TEST(user_program_runs)
{
	user_space();
	ck_assert_int_eq(run("hello", hello_main, 0), 7 << 8);
	ck_assert_str_eq(user_console, "hello from user mode, pid 1\n");
	ck_assert_ptr_eq(current, &init_task);
	ck_assert_uint_eq(get_domain(), DACR_UACCESS_DISABLE);
}
END_TEST

START_TEST(user_cannot_read_kernel_memory)
{
	char line[96];

	user_space();
	/* RAM's identity map: the kernel reads it, the process may not */
	ck_assert_int_eq(run("peek", peek_main, L1_PA), SIGSEGV);
	ck_assert_str_eq(user_console, "peek 0x60800000: ");
	snprintf(line, sizeof(line),
		 "peek: unhandled page fault (%d) at 0x%08x, code 0x00d",
		 SIGSEGV, L1_PA);
	ck_assert_msg(printk_log_contains(line), "no \"%s\" in the log", line);
	ck_assert_msg(printk_log_contains("Mode USER_32"),
		      "the report shows the process's registers");
	/* the kernel's own megabytes and its linear map */
	ck_assert_int_eq(run("peek", peek_main, PAGE_OFFSET + 0x100000),
			 SIGSEGV);
	ck_assert_int_eq(run("peek", peek_main, PAGE_OFFSET), SIGSEGV);
	/* and the kernel goes on: the next process runs */
	ck_assert_int_eq(run("hello", hello_main, 0), 7 << 8);
	ck_assert_str_eq(user_console, "hello from user mode, pid 1\n");
}
END_TEST

START_TEST(user_cannot_write_its_text)
{
	user_space();
	ck_assert_int_eq(run("poke", poke_main, USER_TEXT_ADDR), SIGSEGV);
	ck_assert(printk_log_contains("poke: unhandled page fault (11) at "
				      "0x00010000, code 0x81f"));
	ck_assert_int_eq(run("poke", poke_main, DATA_VA), 0);
	ck_assert_str_eq(user_console, "poke 0x00020000\n0x600dc0de\n");
	ck_assert_uint_eq(*phys(DATA_PA), 0x600dc0de);
}
END_TEST

START_TEST(syscalls_refuse_bad_pointers)
{
	user_space();
	ck_assert_int_eq(run("badcall", badcall_main, PAGE_OFFSET), 0);
	ck_assert_str_eq(user_console, "syscall(9999) = -38\n"
				       "write(1, kernel address, 4) = -14\n"
				       "write(1, unmapped, 4) = -14\n"
				       "write(9, \"x\", 1) = -9\n");
}
END_TEST

START_TEST(undefined_instruction_kills_only_the_process)
{
	user_space();
	ck_assert_int_eq(run("undef", undef_main, 0), SIGILL);
	ck_assert_str_eq(user_console,
			 "undef: about to execute an undefined instruction\n");
	ck_assert(printk_log_contains("undef (1): undefined instruction: pc="));
	ck_assert_int_eq(run("hello", hello_main, 0), 7 << 8);
}
END_TEST

/* SW PAN: the kernel reaches user memory only through uaccess. */
START_TEST(kernel_reaches_user_memory_only_through_uaccess)
{
	u32 __user *p = (u32 __user *)(uintptr_t)DATA_VA;
	u32 v = 0;

	user_space();
	*phys(DATA_PA) = 0x12345678;
	ck_assert_int_eq(get_user(v, p), 0);
	ck_assert_uint_eq(v, 0x12345678);
	ck_assert_int_eq(put_user(0xcafef00dU, p + 1), 0);
	ck_assert_uint_eq(phys(DATA_PA)[1], 0xcafef00d);
	ck_assert_uint_eq(get_domain(), DACR_UACCESS_DISABLE);
	/* a fault inside copy_from_user() is fixed up, not an oops */
	ck_assert_int_eq(get_user(v, (u32 __user *)(uintptr_t)UNMAPPED_VA),
			 -EFAULT);
	ck_assert_uint_eq(v, 0);
	ck_assert_int_eq(put_user(1U, (u32 __user *)(uintptr_t)USER_TEXT_ADDR),
			 -EFAULT);
	ck_assert_int_eq(get_user(v, (u32 __user *)(uintptr_t)PAGE_OFFSET),
			 -EFAULT);
	/* outside uaccess the user domain is closed: a domain fault */
	ck_assert(KTEST_EXPECT_OOPS(v = *(volatile u32 *)(uintptr_t)DATA_VA));
	ck_assert(printk_log_contains("Unhandled fault: page domain fault "
				      "(0x01b) at 0x00020000"));
}
END_TEST

/* Two processes, two address spaces, two ASIDs, switched at syscalls. */
START_TEST(processes_switch_address_spaces)
{
	static struct task_struct a, b;
	struct mm_struct *ma, *mb;
	struct pt_regs ra, rb;
	unsigned long before;

	ktest_reboot("vexpress-256m", ktest_boot_paging);
	ck_assert_int_eq(run_proc("hello", hello_main, 0), 7 << 8);
	before = free_pages_now(); /* the caches of tasks, mms, VMAs made */
	exec_proc(&a, 1, "ping", pingpong_main, 'a', &ra);
	exec_proc(&b, 2, "pong", pingpong_main, 'b', &rb);
	ma = a.mm;
	mb = b.mm;
	mmgrab(ma); /* kept, to look at their ASIDs after they exit */
	mmgrab(mb);
	user_console_len = 0;
	start_user_task(&b, &rb);
	ck_assert_int_eq(run_user_task(&a, &ra), 0);
	ck_assert_int_eq(b.exit_code, 0);
	/* each counted in its own page at the same address */
	ck_assert_str_eq(user_console, "b 1\na 1\nb 2\na 2\nb 3\na 3\n");
	ck_assert_ptr_null(a.mm); /* exit_mm() */
	ck_assert_ptr_null(ma->mmap); /* exit_mmap(): no VMA left */
	/* the first 2 MiB's PTE page goes with the table, in pgd_free() */
	ck_assert_uint_eq(ma->pgtables_bytes, PAGE_SIZE);
	ck_assert_uint_ne(ASID(ma), 0);
	ck_assert_uint_ne(ASID(mb), 0);
	ck_assert_uint_ne(ASID(ma), ASID(mb));
	mmdrop(ma);
	mmdrop(mb);
	/* every page back: data, stacks, text, PTE pages, tables */
	ck_assert_uint_eq(free_pages_now(), before);
	/* the kernel is back on its own tables */
	ck_assert_uint_eq(cpu_get_ttbr(0) & ~0x3fffU, __pa(swapper_pg_dir));
	ck_assert_ptr_eq(current, &init_task);
}
END_TEST

/*
 * fork(): the child returns 0 with a copy of everything, the parent its
 * pid; the pages are shared copy-on-write until one side writes.
 */
START_TEST(fork_copies_the_process)
{
	unsigned long before;

	ktest_reboot("vexpress-256m", ktest_boot_paging);
	/* once to make the caches of tasks, mms and VMAs, once to count */
	ck_assert_int_eq(run_proc("forktest", forktest_main, 5), 0);
	before = free_pages_now();
	ck_assert_int_eq(run_proc("forktest", forktest_main, 5), 0);
	ck_assert_str_eq(user_console, "child: pid 2, count 11, local 105\n"
				       "parent: child 2, count 10, local 5\n");
	ck_assert_int_eq(last_pid, 2);
	ck_assert(list_empty(&task_list));
	ck_assert_uint_eq(free_pages_now(), before);
}
END_TEST

/* wait4(): the parent sleeps until a child has ended, then reaps it */
START_TEST(wait_reaps_children)
{
	unsigned long before;

	ktest_reboot("vexpress-256m", ktest_boot_paging);
	ck_assert_int_eq(run_proc("waittest", waittest_main, 0), 0);
	before = free_pages_now();
	ck_assert_int_eq(run_proc("waittest", waittest_main, 0), 0);
	ck_assert_str_eq(user_console, "waited for 2: exit 1\n"
				       "waited for 3: exit 2\n"
				       "waited for 4: exit 3\n"
				       "then wait4 = -10\n");
	ck_assert(list_empty(&task_list));
	ck_assert_uint_eq(free_pages_now(), before);
}
END_TEST

/*
 * mmap() and munmap(): anonymous pages at the top of the mmap area,
 * zero on first touch; a hole munmap() made is a SIGSEGV, MAPERR.
 */
START_TEST(mmap_and_munmap)
{
	char line[80];
	unsigned long top = PAGE_ALIGN(TASK_SIZE - SZ_128M);

	ktest_reboot("vexpress-256m", ktest_boot_paging);
	ck_assert_int_eq(run_proc("mmaptest", mmaptest_main, 0), 0);
	snprintf(line, sizeof(line),
		 "mmap = 0x%08lx\nmunmap middle = 0\nouter pages: ac\n",
		 top - 3 * PAGE_SIZE);
	ck_assert_str_eq(user_console, line);
	ck_assert_int_eq(run_proc("mmaptest", mmaptest_main, 1), SIGSEGV);
	snprintf(line, sizeof(line),
		 "mmaptest: unhandled page fault (11) at 0x%08lx, code 0x817",
		 top - 2 * PAGE_SIZE);
	ck_assert_msg(printk_log_contains(line), "no \"%s\" in the log", line);
}
END_TEST

/*
 * A kernel mapping made after a process's table was copied (vmalloc's
 * new PTE page) reaches it through do_translation_fault().
 */
START_TEST(kernel_half_synced_on_fault)
{
	struct mm_struct *mm;
	unsigned int index;
	u32 *p;

	ktest_reboot("vexpress-256m", ktest_boot_paging);
	mm = mm_alloc();
	ck_assert_ptr_nonnull(mm);
	p = vmalloc(SZ_1M); /* most likely a new first-level entry */
	ck_assert_ptr_nonnull(p);
	index = pgd_index((unsigned long)p);
	/* find a megabyte of it that mm's table does not have yet */
	if (!pmd_none(pmd_offset(mm->pgd + index, (unsigned long)p)[0])) {
		vfree(p);
		mmdrop(mm);
		return; /* vmalloc reused a table already copied */
	}
	cpu_switch_mm(mm->pgd, mm);
	p[0] = 0x5eed; /* a section translation fault, fixed */
	ck_assert_uint_eq(p[0], 0x5eed);
	ck_assert(!pmd_none(pmd_offset(mm->pgd + index, (unsigned long)p)[0]));
	cpu_switch_mm(init_mm.pgd, &init_mm);
	vfree(p);
	mmdrop(mm);
}
END_TEST

/*
 * /proc/PID/maps, in 5.10's columns: text, data, an anonymous mmap at
 * the top of the mmap area, the stack (132 KiB below TASK_SIZE, as
 * setup_arg_pages() leaves it), and the vectors page every process sees.
 */
START_TEST(maps_shows_the_address_space)
{
	static struct task_struct t;
	static char buf[1024], want[1024];
	struct pt_regs regs;
	struct seq_file m;
	unsigned long size, text_end, top = PAGE_ALIGN(TASK_SIZE - SZ_128M);

	ktest_reboot("vexpress-256m", ktest_boot_paging);
	machine_user_image(&size);
	text_end = USER_TEXT_ADDR + PAGE_ALIGN(size);
	exec_proc(&t, 1, "maps", hello_main, 0, &regs);
	current = &t; /* do_mmap() maps into current->mm */
	ck_assert_uint_eq(do_mmap(NULL, 0, 3 * PAGE_SIZE,
				  PROT_READ | PROT_WRITE,
				  MAP_PRIVATE | MAP_ANONYMOUS, 0),
			  top - 3 * PAGE_SIZE);
	current = &init_task;
	seq_init(&m, buf, sizeof(buf));
	proc_pid_maps_show(&m, &t);
	snprintf(want, sizeof(want),
		 "00010000-%08lx r-xp 00000000 00:00 0 \n"
		 "00020000-00021000 rw-p 00000000 00:00 0          [heap]\n"
		 "%08lx-%08lx rw-p 00000000 00:00 0 \n"
		 "%08lx-%08lx rw-p 00000000 00:00 0          [stack]\n"
		 "ffff0000-ffff1000 r-xp 00000000 00:00 0          [vectors]\n",
		 text_end, top - 3 * PAGE_SIZE, top,
		 (unsigned long)TASK_SIZE - 0x21000, (unsigned long)TASK_SIZE);
	ck_assert_str_eq(buf, want);
	ck_assert_int_eq(t.mm->map_count, 4);
	ck_assert_uint_eq(t.mm->total_vm,
			  PAGE_ALIGN(size) / PAGE_SIZE + 1 + 3 + 33);
	mmput(t.mm);
}
END_TEST

/*
 * brk(2): brktest moves its break on both machines; in the kernel, the
 * heap grows the data page's VMA (one VMA, [heap], 4 pages more and
 * counted), faults in like any anonymous memory, and gives its pages
 * back when it shrinks.
 */
START_TEST(brk_moves_the_heap)
{
	static struct task_struct t;
	static char buf[1024], want[1024];
	unsigned long size, text_end, before, vm;
	struct pt_regs regs;
	struct seq_file m;

	ktest_reboot("vexpress-256m", ktest_boot_paging);
	expect_output("brktest", brktest_main, 0,
		      "start 0x00021000\ngrown to 0x00024064\nshrunk to "
		      "0x00022000\nbelow the start: 0x00022000\nup to a "
		      "mapping: 0x00022000\na page below it: 0x00024000\n",
		      "brk(2): the break after each call");

	machine_user_image(&size);
	text_end = USER_TEXT_ADDR + PAGE_ALIGN(size);
	exec_proc(&t, 1, "brk", hello_main, 0, &regs);
	current = &t;
	vm = t.mm->data_vm;
	before = free_pages_now();
	ck_assert_int_eq(sys_brk(0), 0x21000);
	ck_assert_int_eq(sys_brk(0x21000 + 3 * PAGE_SIZE + 100), 0x24064);
	ck_assert_msg(t.mm->map_count == 3 && t.mm->data_vm == vm + 4,
		      "the heap grown by 4 pages: %d VMAs, data_vm +%lu; "
		      "expected the data page's VMA grown (3 VMAs), +4",
		      t.mm->map_count, t.mm->data_vm - vm);
	for (unsigned long a = 0x21000; a < 0x25000; a += PAGE_SIZE)
		fault_in(t.mm, a, true);
	seq_init(&m, buf, sizeof(buf));
	proc_pid_maps_show(&m, &t);
	snprintf(want, sizeof(want),
		 "00010000-%08lx r-xp 00000000 00:00 0 \n"
		 "00020000-00025000 rw-p 00000000 00:00 0          [heap]\n"
		 "%08lx-%08lx rw-p 00000000 00:00 0          [stack]\n"
		 "ffff0000-ffff1000 r-xp 00000000 00:00 0          [vectors]\n",
		 text_end, (unsigned long)TASK_SIZE - 0x21000,
		 (unsigned long)TASK_SIZE);
	ck_assert_str_eq(buf, want);
	ck_assert_int_eq(sys_brk(0x21000), 0x21000);
	ck_assert_msg(free_pages_now() >= before && t.mm->data_vm == vm,
		      "the heap shrunk to nothing: %ld pages kept, data_vm "
		      "+%lu",
		      (long)(before - free_pages_now()), t.mm->data_vm - vm);
	current = &init_task;
	mmput(t.mm);
}
END_TEST

/*
 * 300 processes alive at once, more than the 255 ASIDs of a
 * generation: each keeps seeing its own data page while the allocator
 * rolls over (chapter 19's new_context() and its flush; chapter 34).
 */
START_TEST(asid_rollover_keeps_processes_apart)
{
	u64 gen;
	unsigned long before = 0;

	ktest_reboot("vexpress-256m", ktest_boot_paging);
	gen = asid_generation;

	for (int round = 0; round < 2; round++) {
		ck_assert_msg(run_proc("asidtest", asidtest_main, 300) == 0,
			      "asidtest 300: %s", user_console);
		ck_assert_str_eq(user_console, "asidtest: 300 children, 0 saw "
					       "another's memory\n");
		ck_assert_msg(asid_generation > gen,
			      "300 processes did not roll the ASIDs over");
		/* the first round grows the slab caches to 300 tasks */
		if (!round)
			before = free_pages_now();
	}
	ck_assert_uint_eq(free_pages_now(), before);
}
END_TEST

/* The random test's address spaces, and its operations' counts. */
#define RMMS 6
#define RBASE 0x01000000UL
#define RPAGES 128
static struct mm_struct *rmm[RMMS];
/* mappings per pfn: vmalloc()ed, as 128 KiB of .bss would crowd the image */
#define RMAPS_BYTES ((SZ_256M >> PAGE_SHIFT) * sizeof(unsigned short))
static unsigned short *rmaps;

/* mmap() (@op 0) or mprotect() (@op 1) for @mm, as its process would. */
static long as_task(struct mm_struct *mm, unsigned long a, unsigned long len,
		    unsigned long arg, int op)
{
	struct task_struct *saved = enter_mm(mm);
	long ret;

	if (op == 0)
		ret = (long)do_mmap(NULL, a, len, arg,
				    (arg & PROT_WRITE && ktest_rand() % 4 == 0
					     ? MAP_SHARED
					     : MAP_PRIVATE) |
					    MAP_ANONYMOUS,
				    0);
	else
		ret = sys_mprotect(a, len, arg);
	current = saved;
	return ret;
}

/*
 * Every present PTE of every live address space, counted per page: the
 * page's mapcount and _refcount equal the count (an anonymous page's
 * references are its mappings); a PTE is writable only in a writable
 * VMA, and a private page only while one PTE maps it.
 */
static void recount(unsigned int seed, unsigned long op)
{
	unsigned long pages = 0;

	memset(rmaps, 0, RMAPS_BYTES);
	for (int pass = 0; pass < 2; pass++) {
		for (int i = 0; i < RMMS; i++) {
			if (!rmm[i])
				continue;
			for (struct vm_area_struct *v = rmm[i]->mmap; v;
			     v = v->vm_next) {
				for (unsigned long a = v->vm_start;
				     a < v->vm_end; a += PAGE_SIZE) {
					pte_t *pte = user_pte(rmm[i], a);
					struct page *page;
					unsigned long n;

					if (!pte || !pte_present(*pte))
						continue;
					page = pte_page(*pte);
					n = pte_pfn(*pte) - ARCH_PFN_OFFSET;
					ck_assert_uint_lt(n, RMAPS_BYTES / 2);
					if (pass == 0) {
						rmaps[n]++;
						pages++;
						continue;
					}
					ck_assert_msg(
						page_mapcount(page) ==
								rmaps[n] &&
							page_count(page) ==
								rmaps[n],
						"op %lu (seed %u): the page at "
						"%08lx of mm %d is mapped %u "
						"times, its mapcount is %d and "
						"its _refcount %d",
						op, seed, a, i, rmaps[n],
						page_mapcount(page),
						page_count(page));
					ck_assert_msg(
						!pte_write(*pte) ||
							(v->vm_flags &
							 VM_WRITE),
						"op %lu (seed %u): a writable "
						"PTE at %08lx of mm %d, in a "
						"VMA "
						"without VM_WRITE",
						op, seed, a, i);
					ck_assert_msg(
						!pte_write(*pte) ||
							(v->vm_flags &
							 VM_SHARED) ||
							rmaps[n] == 1,
						"op %lu (seed %u): the private "
						"page at %08lx of mm %d is "
						"writable and mapped %u times: "
						"a write would reach the "
						"others",
						op, seed, a, i, rmaps[n]);
				}
			}
		}
	}
	(void)pages;
}

/* One run of the random test, from @seed; its counts into @counts. */
static void random_run(unsigned int seed, unsigned long counts[7])
{
	static const unsigned long prots[] = { PROT_NONE, PROT_READ,
					       PROT_READ | PROT_WRITE };
	unsigned long done = 0;

	ktest_rng = seed;
	/* 100,000 operations done; a skipped one does not count */
	for (unsigned long op = 0; done < 100000; op++) {
		int i = (int)(ktest_rand() % RMMS);
		int kind = (int)(ktest_rand() % 12);
		unsigned long a = RBASE + (ktest_rand() % RPAGES) * PAGE_SIZE;
		unsigned long len = (1 + ktest_rand() % 8) * PAGE_SIZE;
		struct mm_struct *mm = rmm[i];

		if (!mm) { /* an exec, or the slot kept for a fork */
			if (kind < 3) {
				rmm[i] = exec_mm();
				counts[6]++;
			}
			continue;
		}
		if (a + len > RBASE + RPAGES * PAGE_SIZE)
			len = RBASE + RPAGES * PAGE_SIZE - a;
		switch (kind) {
		case 0:
		case 1: /* mmap where the range is free */
			if (find_vma_intersection(mm, a, a + len))
				break;
			ck_assert_uint_eq(
				as_task(mm, a, len, prots[ktest_rand() % 3], 0),
				a);
			counts[0]++;
			break;
		case 2:
			ck_assert_int_eq(do_munmap(mm, a, len), 0);
			counts[1]++;
			break;
		case 3: {
			long ret =
				as_task(mm, a, len, prots[ktest_rand() % 3], 1);

			ck_assert_msg(ret == 0 || ret == -ENOMEM,
				      "op %lu (seed %u): mprotect = %ld", op,
				      seed, ret);
			counts[2]++;
			break;
		}
		case 4:
		case 5:
		case 6:
		case 7:
		case 8: { /* a touch the VMA allows */
			struct vm_area_struct *v = find_vma(mm, a);
			bool write = kind >= 6;

			if (!v || v->vm_start > a ||
			    !(v->vm_flags & (write ? VM_WRITE : VM_READ)))
				break;
			ck_assert(!(handle_mm_fault(
					    v, a, write ? FAULT_FLAG_WRITE : 0,
					    NULL) &
				    VM_FAULT_ERROR));
			counts[3]++;
			break;
		}
		case 9: { /* fork into a free slot */
			int j = (int)(ktest_rand() % RMMS);

			if (rmm[j])
				break;
			rmm[j] = copy_mm(mm);
			flush_tlb_all(); /* dup_mmap() flushes the parent */
			counts[4]++;
			break;
		}
		default: /* exit, now and then */
			if (ktest_rand() % 16)
				break;
			mmput(mm);
			rmm[i] = NULL;
			counts[5]++;
			break;
		}
		if (op % 2000 == 1999)
			recount(seed, op);
		done = counts[0] + counts[1] + counts[2] + counts[3] +
		       counts[4] + counts[5] + counts[6];
	}
	recount(seed, done);
	for (int i = 0; i < RMMS; i++) {
		if (rmm[i])
			mmput(rmm[i]);
		rmm[i] = NULL;
	}
}

/*
 * The randomised test of Part V: 100,000 operations on up to six
 * address spaces (mmap, munmap, mprotect, a touch, fork as dup_mmap()
 * copies, exit), every page recounted every 2,000 operations and at the
 * end, and every page back when all have gone.  The same run twice:
 * the first grows the slab caches to what the run needs.
 */
START_TEST(random_address_spaces_account_every_page)
{
	const unsigned int seed = 1000;
	unsigned long counts[7] = { 0 }, before;

	ktest_reboot("vexpress-256m", ktest_boot_fixmap);
	rmaps = vmalloc(RMAPS_BYTES);
	ck_assert_ptr_nonnull(rmaps);
	random_run(seed, counts);
	before = free_pages_now();
	memset(counts, 0, sizeof(counts));
	random_run(seed, counts);
	printf("infra: random address spaces (seed %u): mmap %lu, munmap "
	       "%lu, mprotect %lu, touches %lu, forks %lu, exits %lu, "
	       "execs %lu\n",
	       seed, counts[0], counts[1], counts[2], counts[3], counts[4],
	       counts[5], counts[6]);
	ck_assert_msg(free_pages_now() == before,
		      "after 100,000 operations (seed %u) and every address "
		      "space gone: %lu free pages, %lu before",
		      seed, free_pages_now(), before);
	for (int k = 0; k < 7; k++)
		ck_assert(counts[k]);
	vfree(rmaps);
}
END_TEST

KTEST_SUITE(infra_user) = {
	.chapter = "00",
	.title = "User mode on both machines",
	.tests = KTESTS(user_program_runs, user_cannot_read_kernel_memory,
			user_cannot_write_its_text,
			syscalls_refuse_bad_pointers,
			undefined_instruction_kills_only_the_process,
			processes_switch_address_spaces,
			fork_copies_the_process, wait_reaps_children,
			mmap_and_munmap, kernel_half_synced_on_fault,
			asid_rollover_keeps_processes_apart,
			random_address_spaces_account_every_page,
			maps_shows_the_address_space, brk_moves_the_heap,
			kernel_reaches_user_memory_only_through_uaccess),
};
