/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Test helpers of chapter 00's user-mode suite and of Part V: the
 * programs of samples/user, and processes made as the kernel makes
 * them (mm_alloc(), exec of the user image).
 */
#ifndef _PROC_UTIL_H
#define _PROC_UTIL_H

#include <string.h>
#include <linux/binfmts.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/vmstat.h>
#include <asm/machine.h>
#include <asm/memory.h>
#include <asm/pgtable.h>
#include <asm/ptrace.h>
#include "mm/internal.h"
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
int mmaptest_main(long arg);
int cowtest_main(long arg);
void user_start(unsigned long main_va, long arg);

/* The user address of a program of the image: where exec put it. */
static inline unsigned long user_va(const void *fn)
{
	return USER_TEXT_ADDR +
	       (unsigned long)((const char *)fn - __user_text_start);
}

/*
 * A process made as exec makes one (fs/exec.c): its own address space
 * from mm_alloc() (the kernel half of swapper_pg_dir, a table of its
 * own below TASK_SIZE), the user image's text, a data page and a stack,
 * each a VMA; the pages of data and stack come at the first touch.
 */
static inline void exec_proc(struct task_struct *tsk, int pid, const char *comm,
			     int (*main)(long), long arg, struct pt_regs *regs)
{
	unsigned long sp;

	*tsk = (struct task_struct){ .pid = pid };
	strncpy(tsk->comm, comm, TASK_COMM_LEN - 1);
	tsk->mm = mm_alloc();
	ck_assert_ptr_nonnull(tsk->mm);
	ck_assert_int_eq(exec_user_image(tsk->mm, &sp), 0);
	start_thread(regs, user_va(user_start), sp);
	regs->ARM_r0 = (u32)user_va(main);
	regs->uregs[1] = (u32)arg;
}

/* Run @main(@arg) as pid 1 in an address space of its own. */
static inline int run_proc(const char *comm, int (*main)(long), long arg)
{
	static struct task_struct task;
	struct pt_regs regs;

	last_pid = 0; /* pids count from init's, as after a boot */
	exec_proc(&task, 1, comm, main, arg, &regs);
	user_console_len = 0;
	user_console[0] = 0;
	return run_user_task(&task, &regs);
}

/* Free pages, every per-CPU list drained: what a leak would change. */
static inline unsigned long free_pages_now(void)
{
	struct zone *zone;
	unsigned long n = 0;

	drain_all_pages(NULL);
	for_each_zone(zone) n += zone_page_state(zone, NR_FREE_PAGES);
	return n;
}

/* The PTE of @addr in @mm, or NULL without a PTE page. */
static inline pte_t *user_pte(struct mm_struct *mm, unsigned long addr)
{
	pmd_t *pmd = pmd_offset(mm->pgd + pgd_index(addr), addr);

	return pmd_none(*pmd) ? NULL : pte_offset_kernel(pmd, addr);
}

/* A fault at @addr, as do_page_fault() makes one for a process. */
static inline void fault_in(struct mm_struct *mm, unsigned long addr,
			    bool write)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	ck_assert_msg(vma && vma->vm_start <= addr, "no VMA at %08lx", addr);
	ck_assert_uint_eq(
		handle_mm_fault(vma, addr, write ? FAULT_FLAG_WRITE : 0, NULL),
		0);
}

/* A child of @parent, copied as dup_mmap() copies, without a task. */
static inline struct mm_struct *copy_mm(struct mm_struct *parent)
{
	struct mm_struct *child = mm_alloc();

	ck_assert_ptr_nonnull(child);
	/* the layout, as dup_mm()'s copy of the whole struct has it */
	child->start_code = parent->start_code;
	child->end_code = parent->end_code;
	child->start_data = parent->start_data;
	child->end_data = parent->end_data;
	child->start_stack = parent->start_stack;
	for (struct vm_area_struct *v = parent->mmap; v; v = v->vm_next) {
		struct vm_area_struct *c = vm_area_dup(v);

		ck_assert_ptr_nonnull(c);
		c->vm_mm = child;
		ck_assert_int_eq(insert_vm_struct(child, c), 0);
		ck_assert_int_eq(copy_page_range(c, v), 0);
	}
	return child;
}

#endif /* _PROC_UTIL_H */
