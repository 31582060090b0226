// SPDX-License-Identifier: GPL-2.0
/*
 * Chapter 00: user mode on both machines (Part V's ground).
 *
 * A process here is built by hand, before the chapters give the kernel
 * address spaces: a first-level table with the identity map of RAM and
 * the image (kernel only, domain 0), and in the first megabyte, in
 * DOMAIN_USER, the user image at USER_TEXT_ADDR (read-only), a data
 * page and a stack.  The programs are samples/user's.  Not graded:
 * these tests prove that the MMU, not the kernel's good will, keeps a
 * process out of the kernel, that the same program prints the same on
 * both machines, that a segfault kills only the process, and that the
 * kernel reaches user memory only through uaccess (SW PAN).
 */
#include <stdio.h>
#include <string.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <asm/cp15.h>
#include <asm/machine.h>
#include <asm/memory.h>
#include <asm/page.h>
#include <asm/mmu_context.h>
#include <asm/pgalloc.h>
#include <asm/pgtable.h>
#include <asm/pgtable-2level-hwdef.h>
#include <asm/setup.h>
#include <asm/ptrace.h>
#include "ktest.h"

/* samples/user: the programs, and where each starts (lib.c) */
int hello_main(long arg);
int peek_main(long addr);
int poke_main(long addr);
int badcall_main(long arg);
int undef_main(long arg);
int pingpong_main(long letter);
int forktest_main(long arg);
int waittest_main(long arg);
void user_start(unsigned long main_va, long arg);

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

/* The user address of a program of the image: where exec put it. */
static unsigned long user_va(const void *fn)
{
	return USER_TEXT_ADDR +
	       (unsigned long)((const char *)fn - __user_text_start);
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

/*
 * A process's address space on the kernel's own tables, by hand (the
 * chapters bring pgd_alloc() and the rest): the kernel half of
 * swapper_pg_dir, and in the first megabyte, in DOMAIN_USER, the shared
 * user image, a data page and a stack of its own, all not global (nG),
 * so that their TLB entries carry the process's ASID.
 */
struct hand_process {
	struct task_struct task;
	struct mm_struct mm;
	pte_t *ptes; /* the Linux PTEs of the first two megabytes */
	u32 data_pa;
};

/* set_pte_at()'s protections: 5.10's for private text and data */
#define PROT_USER_RX                                                     \
	(L_PTE_PRESENT | L_PTE_YOUNG | L_PTE_MT_WRITEBACK | L_PTE_USER | \
	 L_PTE_RDONLY)
#define PROT_USER_RW                                                     \
	(L_PTE_PRESENT | L_PTE_YOUNG | L_PTE_MT_WRITEBACK | L_PTE_USER | \
	 L_PTE_DIRTY | L_PTE_XN)

static void hand_map(struct hand_process *p, u32 va, u32 pa, u32 prot)
{
	set_pte_at(&p->mm, va, p->ptes + pte_index(va),
		   pfn_pte(pa >> PAGE_SHIFT, __pgprot(prot)));
}

static void hand_process(struct hand_process *p, int pid, const char *comm,
			 u32 text_pa, unsigned long text_size)
{
	pgd_t *pgd = (pgd_t *)__get_free_pages(GFP_KERNEL, 2);
	unsigned long ptes = get_zeroed_page(GFP_KERNEL);
	unsigned long stack = __get_free_pages(GFP_KERNEL, 4);
	unsigned long data = get_zeroed_page(GFP_KERNEL);
	unsigned int kernel = pgd_index(TASK_SIZE);

	ck_assert(pgd && ptes && stack && data);
	memset(pgd, 0, kernel * sizeof(pgd_t));
	memcpy(pgd + kernel, swapper_pg_dir + kernel,
	       (PTRS_PER_PGD - kernel) * sizeof(pgd_t));
	__pmd_populate((pmd_t *)pgd, __pa(ptes), _PAGE_USER_TABLE);
	p->mm = (struct mm_struct){ .pgd = pgd };
	p->task = (struct task_struct){ .pid = pid, .mm = &p->mm };
	strncpy(p->task.comm, comm, TASK_COMM_LEN - 1);
	init_new_context(&p->task, &p->mm);
	p->ptes = (pte_t *)ptes;
	for (u32 off = 0; off < text_size; off += PAGE_SIZE)
		hand_map(p, USER_TEXT_ADDR + off, text_pa + off, PROT_USER_RX);
	p->data_pa = __pa(data);
	hand_map(p, DATA_VA, p->data_pa, PROT_USER_RW);
	for (u32 i = 0; i < 16; i++)
		hand_map(p, USER_STACK_TOP - (i + 1) * PAGE_SIZE,
			 __pa(stack) + (15 - i) * PAGE_SIZE, PROT_USER_RW);
}

/* The user image, copied once into pages the processes share. */
static u32 user_image_pages(unsigned long *size)
{
	const void *image = machine_user_image(size);
	u32 pa = __pa(__get_free_pages(GFP_KERNEL, 4));

	ck_assert_uint_le(*size, 16 * PAGE_SIZE);
	memcpy(__va(pa), image, *size);
	return pa;
}

/* Two processes, two address spaces, two ASIDs, switched at syscalls. */
START_TEST(processes_switch_address_spaces)
{
	static struct hand_process a, b;
	struct pt_regs ra, rb;
	unsigned long size;
	u32 text_pa;

	ktest_reboot("vexpress-256m", ktest_boot_paging);
	text_pa = user_image_pages(&size);
	hand_process(&a, 1, "ping", text_pa, size);
	hand_process(&b, 2, "pong", text_pa, size);
	start_thread(&ra, user_va(user_start), USER_STACK_TOP);
	ra.ARM_r0 = (u32)user_va(pingpong_main);
	rb = ra;
	ra.uregs[1] = 'a';
	rb.uregs[1] = 'b';
	user_console_len = 0;
	start_user_task(&b.task, &rb);
	ck_assert_int_eq(run_user_task(&a.task, &ra), 0);
	ck_assert_int_eq(b.task.exit_code, 0);
	ck_assert_str_eq(user_console, "b 1\na 1\nb 2\na 2\nb 3\na 3\n");
	/* each counted in its own page at the same address */
	ck_assert_uint_eq(*(u32 *)__va(a.data_pa), 3);
	ck_assert_uint_eq(*(u32 *)__va(b.data_pa), 3);
	ck_assert_uint_ne(a.mm.context.id & 0xff, 0);
	ck_assert_uint_ne(b.mm.context.id & 0xff, 0);
	ck_assert_uint_ne(a.mm.context.id & 0xff, b.mm.context.id & 0xff);
	/* the kernel is back on its own tables */
	ck_assert_uint_eq(cpu_get_ttbr(0) & ~0x3fffU, __pa(swapper_pg_dir));
	ck_assert_ptr_eq(current, &init_task);
}
END_TEST

/* fork(): the child returns 0 with a copy of everything, the parent its pid */
START_TEST(fork_copies_the_process)
{
	static struct hand_process a;
	struct pt_regs regs;
	unsigned long size;
	u32 text_pa;

	ktest_reboot("vexpress-256m", ktest_boot_paging);
	text_pa = user_image_pages(&size);
	hand_process(&a, 1, "forktest", text_pa, size);
	start_thread(&regs, user_va(user_start), USER_STACK_TOP);
	regs.ARM_r0 = (u32)user_va(forktest_main);
	regs.uregs[1] = 5;
	user_console_len = 0;
	ck_assert_int_eq(run_user_task(&a.task, &regs), 0);
	ck_assert_str_eq(user_console, "child: pid 2, count 11, local 105\n"
				       "parent: child 2, count 10, local 5\n");
	ck_assert_uint_eq(*(u32 *)__va(a.data_pa), 10);
	ck_assert_int_eq(last_pid, 2);
}
END_TEST

/* wait4(): the parent sleeps until a child has ended, then reaps it */
START_TEST(wait_reaps_children)
{
	static struct hand_process a;
	struct pt_regs regs;
	unsigned long size;
	u32 text_pa;

	ktest_reboot("vexpress-256m", ktest_boot_paging);
	text_pa = user_image_pages(&size);
	hand_process(&a, 1, "waittest", text_pa, size);
	start_thread(&regs, user_va(user_start), USER_STACK_TOP);
	regs.ARM_r0 = (u32)user_va(waittest_main);
	user_console_len = 0;
	ck_assert_int_eq(run_user_task(&a.task, &regs), 0);
	ck_assert_str_eq(user_console, "waited for 2: exit 1\n"
				       "waited for 3: exit 2\n"
				       "waited for 4: exit 3\n"
				       "then wait4 = -10\n");
	ck_assert(list_empty(&task_list));
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
			kernel_reaches_user_memory_only_through_uaccess),
};
