/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Test helpers of chapter 00's user-mode suite and of Part V: the
 * programs of samples/user, and processes made as the kernel makes
 * them (mm_alloc(), exec of the user image).
 */
#ifndef _PROC_UTIL_H
#define _PROC_UTIL_H

#include <stdio.h>
#include <string.h>
#include <linux/binfmts.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/vmstat.h>
#include <asm/machine.h>
#include <asm/memory.h>
#include <asm/pgtable.h>
#include <asm/ptrace.h>
#include <asm/traps.h>
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
int jump_main(long addr);
int protecttest_main(long how);
int asidtest_main(long n);
int devtest_main(long how);
int cmatest_main(long how);
int filetest_main(long how);
int brktest_main(long arg);
#define RANDOM_MAP 100000 /* filetest from here: random_map() (user.h) */
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
static inline int run_proc(const char *comm, int (*main)(long), long arg);

/* Free pages, every per-CPU list drained: what a leak would change. */
static inline unsigned long free_pages_now(void)
{
	struct zone *zone;
	unsigned long n = 0;

	drain_all_pages(NULL);
	for_each_zone(zone) n += zone_page_state(zone, NR_FREE_PAGES);
	return n;
}

/* Run @main(@arg) in a process made by exec, @setup applied first. */
static inline int run_in(const char *comm, int (*main)(long), long arg,
			 void (*setup)(struct mm_struct *),
			 struct task_struct *task)
{
	struct pt_regs regs;

	last_pid = 0;
	exec_proc(task, 1, comm, main, arg, &regs);
	if (setup)
		setup(task->mm);
	user_console_len = 0;
	user_console[0] = 0;
	return run_user_task(task, &regs);
}

static inline int run_proc(const char *comm, int (*main)(long), long arg)
{
	static struct task_struct task;

	return run_in(comm, main, arg, NULL, &task);
}

/*
 * Run @main(@arg) as @comm: it must exit with status 0 and print @want
 * exactly; @rule is what a difference breaks.
 */
static inline void expect_output(const char *comm, int (*main)(long), long arg,
				 const char *want, const char *rule)
{
	int status = run_proc(comm, main, arg);

	ck_assert_msg(status == 0 && !strcmp(user_console, want),
		      "%s %ld: exit status %d, output:\n%s\nexpected:\n%s(%s)",
		      comm, arg, status, user_console, want, rule);
}

/* A process's bad access: SIGSEGV, the code, the address, the report. */
static inline void expect_segv(const char *comm, int (*main)(long),
			       unsigned long addr,
			       void (*setup)(struct mm_struct *), int code,
			       const char *why)
{
	static struct task_struct task;
	unsigned long before = free_pages_now();
	int status = run_in(comm, main, (long)addr, setup, &task);
	char line[96];

	ck_assert_msg(status == SIGSEGV,
		      "%s %08lx: wait status %d, expected %d (SIGSEGV): %s. "
		      "Console: %s",
		      comm, addr, status, SIGSEGV, why, user_console);
	ck_assert_msg(
		task.fatal_info.si_code == code &&
			task.fatal_info.si_addr == addr,
		"%s %08lx: killed with si_code %d at %08lx, expected %s "
		"at %08lx: %s",
		comm, addr, task.fatal_info.si_code, task.fatal_info.si_addr,
		code == SEGV_ACCERR ? "SEGV_ACCERR (2)" : "SEGV_MAPERR (1)",
		addr, why);
	snprintf(line, sizeof(line), "%s: unhandled page fault (11) at 0x%08lx",
		 comm, addr);
	ck_assert_msg(printk_log_contains(line), "no report \"%s\" in the log",
		      line);
	ck_assert_msg(free_pages_now() == before,
		      "%s: %lu free pages after the process died, %lu before",
		      comm, free_pages_now(), before);
}

/* The PTE of @addr in @mm, or NULL without a PTE page. */
static inline pte_t *user_pte(struct mm_struct *mm, unsigned long addr)
{
	pmd_t *pmd = pmd_off(mm, addr);

	return pmd_none(*pmd) ? NULL : pte_offset_kernel(pmd, addr);
}

/* The PTE of @addr in @mm, whose PTE page must exist. */
static inline pte_t *pte_of(struct mm_struct *mm, unsigned long addr)
{
	pte_t *pte = user_pte(mm, addr);

	ck_assert_msg(pte, "no PTE page for %08lx", addr);
	return pte;
}

/* A VMA [start, end) with @flags, put into @mm as exec and mmap do. */
static inline struct vm_area_struct *add_vma(struct mm_struct *mm,
					     unsigned long start,
					     unsigned long end,
					     unsigned long flags)
{
	struct vm_area_struct *vma = vm_area_alloc(mm);

	ck_assert_ptr_nonnull(vma);
	vma->vm_start = start;
	vma->vm_end = end;
	vma->vm_flags = flags;
	vma->vm_page_prot = vm_get_page_prot(flags);
	ck_assert_int_eq(insert_vm_struct(mm, vma), 0);
	return vma;
}

/* A fault at @addr, as do_page_fault() makes one for a process. */
static inline void fault_in(struct mm_struct *mm, unsigned long addr,
			    bool write)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	vm_fault_t ret;

	ck_assert_msg(vma && vma->vm_start <= addr, "no VMA at %08lx", addr);
	ret = handle_mm_fault(vma, addr, write ? FAULT_FLAG_WRITE : 0, NULL);
	ck_assert_msg(!(ret & VM_FAULT_ERROR),
		      "handle_mm_fault(%08lx, %s) failed: VM_FAULT %#x", addr,
		      write ? "write" : "read", ret);
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
	child->start_brk = parent->start_brk;
	child->brk = parent->brk;
	for (struct vm_area_struct *v = parent->mmap; v; v = v->vm_next) {
		struct vm_area_struct *c = vm_area_dup(v);

		ck_assert_ptr_nonnull(c);
		c->vm_mm = child;
		if (c->vm_file) /* the child's VMA holds the file too */
			get_file(c->vm_file);
		if (c->vm_ops && c->vm_ops->open)
			c->vm_ops->open(c);
		ck_assert_int_eq(insert_vm_struct(child, c), 0);
		ck_assert_int_eq(copy_page_range(c, v), 0);
	}
	return child;
}

/* Faults as the CPU delivers them, in kernel mode (chapters 33, 34). */
/* Fault status codes (FS) of ARMv7's short-descriptor format */
#define FS_TRANS_SECT 0x005
#define FS_TRANS_PAGE 0x007
#define FS_PERM_PAGE 0x00f

#define STACK_TOP TASK_SIZE
#define STACK_START (STACK_TOP - SZ_128K - PAGE_SIZE) /* exec's 132 KiB */

/* The fault status the CPU would give for @addr in @mm, and @extra. */
static inline unsigned int fsr_for(struct mm_struct *mm, unsigned long addr,
				   unsigned int extra)
{
	pte_t *pte = user_pte(mm, addr);

	if (!pte)
		return FS_TRANS_SECT | extra;
	/* the hardware PTE of an old page is empty: a translation fault */
	return (pte_present(*pte) && pte_young(*pte) ? FS_PERM_PAGE
						     : FS_TRANS_PAGE) |
	       extra;
}

enum access { READ, WRITE, CM, FETCH };
static const char *const access_name[] __maybe_unused = { "read", "write",
							  "cache maintenance",
							  "fetch" };

/*
 * Make a task of @mm's current, for a call that reads current->mm as a
 * process's system call or fault would; returns the task to put back
 * (current = enter_mm(mm); ... current = saved).
 */
static inline struct task_struct *enter_mm(struct mm_struct *mm)
{
	static struct task_struct tsk;
	struct task_struct *saved = current;

	tsk = (struct task_struct){ .pid = 99, .comm = "test", .mm = mm };
	current = &tsk;
	return saved;
}

/*
 * A fault of the kernel at @addr in @mm's memory, as the CPU reports
 * @how: 1 if it was handled (the access may be retried), 0 if it was
 * refused (an oops: no exception-table entry covers a test's access).
 */
static inline int kfault(struct mm_struct *mm, unsigned long addr,
			 enum access how)
{
	struct task_struct *saved;
	struct pt_regs regs = { 0 };
	unsigned int extra = how == WRITE ? FSR_WRITE
			     : how == CM  ? FSR_WRITE | FSR_CM
					  : 0;
	unsigned int fsr = fsr_for(mm, addr, extra);
	int oopsed;

	regs.ARM_cpsr = SVC_MODE;
	saved = enter_mm(mm);
	if (how == FETCH)
		oopsed = KTEST_EXPECT_OOPS(do_PrefetchAbort(addr, fsr, &regs));
	else
		oopsed = KTEST_EXPECT_OOPS(do_DataAbort(addr, fsr, &regs));
	current = saved;
	return !oopsed;
}

/* An address space made by exec: text, data page, 132 KiB stack. */
static inline struct mm_struct *exec_mm(void)
{
	struct mm_struct *mm = mm_alloc();
	unsigned long sp;

	ck_assert_ptr_nonnull(mm);
	ck_assert_int_eq(exec_user_image(mm, &sp), 0);
	return mm;
}

static inline struct vm_area_struct *vma_at(struct mm_struct *mm,
					    unsigned long addr)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	ck_assert_msg(vma && vma->vm_start <= addr, "no VMA at %08lx", addr);
	return vma;
}

#endif /* _PROC_UTIL_H */
