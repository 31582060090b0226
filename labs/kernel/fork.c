// SPDX-License-Identifier: GPL-2.0
/*
 * fork(2) (kernel/fork.c): a new process, a copy of the current one.
 *
 * copy_process() gives the child a task, the next pid, a copy of its
 * parent's address space with an ASID of its own, and its parent's
 * registers with r0 = 0 (copy_thread()), so that fork() returns 0 in the
 * child and the child's pid in the parent.
 *
 * SIMPLIFIED, until chapter 32: the copy of the address space is eager,
 * as xv6's uvmcopy(): every present user page is copied at once into a
 * page of the child's, in a first-level table whose kernel half is
 * swapper_pg_dir's.  Linux's dup_mm() copies the VMAs instead, and
 * copy_page_range() shares the pages read-only for copy-on-write, which
 * chapter 32 builds and chapter 33's fault breaks.  No exit_mm() either:
 * a process's pages outlive it.
 */
#include <string.h>
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/syscalls.h>
#include <asm/mmu_context.h>
#include <asm/pgalloc.h>
#include <asm/pgtable.h>

/*
 * The caches of task and mm structs (5.10's fork_init() and
 * proc_caches_init() make them at boot; ours at the first fork()).
 */
static struct kmem_cache *task_struct_cachep, *mm_cachep;

static bool fork_init(void)
{
	if (!task_struct_cachep)
		task_struct_cachep = kmem_cache_create(
			"task_struct", sizeof(struct task_struct), 0,
			SLAB_HWCACHE_ALIGN, NULL);
	if (!mm_cachep)
		mm_cachep =
			kmem_cache_create("mm_struct", sizeof(struct mm_struct),
					  0, SLAB_HWCACHE_ALIGN, NULL);
	return task_struct_cachep && mm_cachep;
}

/* Every present page of @src's user half, copied into @mm's tables. */
static int copy_user_pages(struct mm_struct *mm, struct mm_struct *src)
{
	for (unsigned int i = 0; i < pgd_index(TASK_SIZE); i++) {
		unsigned long addr = (unsigned long)i << PGDIR_SHIFT;
		pmd_t *spmd = pmd_offset(src->pgd + i, addr);
		pte_t *ptes;

		if (pmd_none(*spmd))
			continue;
		ptes = (pte_t *)get_zeroed_page(GFP_KERNEL);
		if (!ptes)
			return -ENOMEM;
		__pmd_populate(pmd_offset(mm->pgd + i, addr), __pa(ptes),
			       _PAGE_USER_TABLE);
		for (unsigned int j = 0; j < PTRS_PER_PTE; j++) {
			pte_t pte = pmd_page_vaddr(*spmd)[j];
			struct page *page;

			if (!pte_present(pte))
				continue;
			page = alloc_page(GFP_KERNEL);
			if (!page)
				return -ENOMEM;
			copy_highpage(page, pte_page(pte));
			set_pte_at(
				mm, addr + j * PAGE_SIZE, ptes + j,
				pfn_pte(page_to_pfn(page),
					__pgprot(pte_val(pte) & ~PAGE_MASK)));
		}
	}
	return 0;
}

/* dup_mm(): the child's address space, a copy of @oldmm's. */
static struct mm_struct *dup_mm(struct task_struct *tsk,
				struct mm_struct *oldmm)
{
	unsigned int kernel = pgd_index(TASK_SIZE);
	struct mm_struct *mm = kmem_cache_zalloc(mm_cachep, GFP_KERNEL);

	if (!mm)
		return NULL;
	mm->pgd = (pgd_t *)__get_free_pages(GFP_KERNEL, 2);
	if (!mm->pgd) {
		kmem_cache_free(mm_cachep, mm);
		return NULL;
	}
	memset(mm->pgd, 0, kernel * sizeof(pgd_t));
	memcpy(mm->pgd + kernel, swapper_pg_dir + kernel,
	       (PTRS_PER_PGD - kernel) * sizeof(pgd_t));
	init_new_context(tsk, mm);
	if (copy_user_pages(mm, oldmm))
		return NULL; /* SIMPLIFIED: what was copied is not given back */
	return mm;
}

long sys_fork(void)
{
	struct task_struct *p;

	if (!current->mm)
		return -EINVAL; /* a process in the kernel's own tables */
	if (!fork_init())
		return -ENOMEM;
	p = kmem_cache_zalloc(task_struct_cachep, GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	p->pid = last_pid + 1;
	p->parent = current;
	p->freeable = true;
	memcpy(p->comm, current->comm, TASK_COMM_LEN);
	p->mm = dup_mm(p, current->mm);
	if (!p->mm) {
		kmem_cache_free(task_struct_cachep, p);
		return -ENOMEM;
	}
	copy_thread(p, current_pt_regs());
	wake_up_new_task(p);
	return p->pid;
}

/* A reaped child's task struct goes back to its cache. */
void free_task(struct task_struct *tsk)
{
	kmem_cache_free(task_struct_cachep, tsk);
}
