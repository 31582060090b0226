// SPDX-License-Identifier: GPL-2.0
/*
 * fork(2) (kernel/fork.c): a new process, a copy of the current one.
 *
 * copy_process() gives the child a task, the next pid, a copy of its
 * parent's address space with an ASID of its own, and its parent's
 * registers with r0 = 0 (copy_thread()), so that fork() returns 0 in the
 * child and the child's pid in the parent.
 *
 * The address space is copied as 5.10 copies it: dup_mm() copies the
 * mm_struct and dup_mmap() every VMA, and copy_page_range() (mm/memory.c)
 * shares every present page read-only for copy-on-write, which the
 * first write breaks (do_wp_page()).  No page is copied at fork.
 */
#include <string.h>
#include <linux/errno.h>
#include <linux/fs.h>
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
#include <asm/tlbflush.h>

/*
 * The caches of tasks, address spaces and VMAs (5.10's fork_init() and
 * proc_caches_init() make them at boot; ours at the first use).
 */
static struct kmem_cache *task_struct_cachep, *mm_cachep, *vm_area_cachep;

static bool proc_caches_init(void)
{
	if (!task_struct_cachep)
		task_struct_cachep = kmem_cache_create(
			"task_struct", sizeof(struct task_struct), 0,
			SLAB_HWCACHE_ALIGN, NULL);
	if (!mm_cachep)
		mm_cachep =
			kmem_cache_create("mm_struct", sizeof(struct mm_struct),
					  0, SLAB_HWCACHE_ALIGN, NULL);
	if (!vm_area_cachep)
		vm_area_cachep = kmem_cache_create(
			"vm_area_struct", sizeof(struct vm_area_struct), 0, 0,
			NULL);
	return task_struct_cachep && mm_cachep && vm_area_cachep;
}

struct vm_area_struct *vm_area_alloc(struct mm_struct *mm)
{
	struct vm_area_struct *vma;

	if (!proc_caches_init())
		return NULL;
	vma = kmem_cache_zalloc(vm_area_cachep, GFP_KERNEL);
	if (vma) {
		vma->vm_mm = mm;
		INIT_LIST_HEAD(&vma->shared);
	}
	return vma;
}

/* A copy of @orig, in no list and no tree yet. */
struct vm_area_struct *vm_area_dup(struct vm_area_struct *orig)
{
	struct vm_area_struct *new = vm_area_alloc(orig->vm_mm);

	if (new) {
		*new = *orig;
		new->vm_next = new->vm_prev = NULL;
		RB_CLEAR_NODE(&new->vm_rb);
		INIT_LIST_HEAD(&new->shared);
	}
	return new;
}

void vm_area_free(struct vm_area_struct *vma)
{
	kmem_cache_free(vm_area_cachep, vma);
}

/* A fresh address space's counters, its table and no ASID (mm_init()) */
static struct mm_struct *mm_init(struct mm_struct *mm)
{
	mm->mmap = NULL;
	mm->mm_rb = RB_ROOT;
	mm->map_count = 0;
	mm->mm_users = 1;
	mm->mm_count = 1;
	mm->pgtables_bytes = 0;
	mm->rss = 0;
	mm->pgd = pgd_alloc(mm);
	if (!mm->pgd) {
		kmem_cache_free(mm_cachep, mm);
		return NULL;
	}
	init_new_context(NULL, mm);
	return mm;
}

/**
 * mm_alloc - an empty address space: the kernel half of swapper_pg_dir,
 * no VMA, the layout arch_pick_mmap_layout() gives (top-down, mmap_base
 * TASK_SIZE less 128 MiB, unless the legacy layout is asked for).
 * Return: the mm, or NULL when no memory was left.
 */
struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm;

	if (!proc_caches_init())
		return NULL;
	mm = kmem_cache_zalloc(mm_cachep, GFP_KERNEL);
	if (!mm)
		return NULL;
	mm->task_size = TASK_SIZE;
	arch_pick_mmap_layout(mm); /* exec chooses again (fs/exec.c) */
	return mm_init(mm);
}

/* The last reference to the struct: its table and the struct go. */
void mmdrop(struct mm_struct *mm)
{
	if (--mm->mm_count)
		return;
	pgd_free(mm, mm->pgd);
	kmem_cache_free(mm_cachep, mm);
}

/*
 * The last user of an address space: its VMAs, pages and PTE pages go
 * (exit_mmap()); the struct and its first-level table stay until the
 * last reference (the CPU's active_mm may still run on it).
 */
void mmput(struct mm_struct *mm)
{
	if (--mm->mm_users)
		return;
	exit_mmap(mm);
	mmdrop(mm);
}

//> ch32 dup_mmap
/*
 * dup_mmap - every VMA of @oldmm into @mm, in the same order (the
 * list is built at its tail and the tree at its rightmost leaf, since
 * each VMA comes after the last), and their pages shared copy-on-write.
 */
static int dup_mmap(struct mm_struct *mm, struct mm_struct *oldmm)
{
	struct vm_area_struct *mpnt, *tmp, *prev = NULL, **pprev = &mm->mmap;
	struct rb_node **rb_link = &mm->mm_rb.rb_node, *rb_parent = NULL;

	for (mpnt = oldmm->mmap; mpnt; mpnt = mpnt->vm_next) {
		tmp = vm_area_dup(mpnt);
		if (!tmp)
			break;
		tmp->vm_mm = mm;
		*pprev = tmp;
		pprev = &tmp->vm_next;
		tmp->vm_prev = prev;
		prev = tmp;
		if (tmp->vm_file) {
			get_file(tmp->vm_file);
			/* beside its parent in the file's i_mmap */
			list_add(&tmp->shared, &mpnt->shared);
		}
		if (tmp->vm_ops && tmp->vm_ops->open)
			tmp->vm_ops->open(tmp);
		__vma_link_rb(mm, tmp, rb_link, rb_parent);
		rb_link = &tmp->vm_rb.rb_right;
		rb_parent = &tmp->vm_rb;
		mm->map_count++;
		if (copy_page_range(tmp, mpnt))
			break;
	}
	/* the parent's writable PTEs are read-only now: no stale TLB entry */
	flush_tlb_mm(oldmm);
	return mpnt ? -ENOMEM : 0;
}

/* dup_mm(): the child's address space, a copy of @oldmm's. */
static struct mm_struct *dup_mm(struct mm_struct *oldmm)
{
	struct mm_struct *mm = kmem_cache_alloc(mm_cachep, GFP_KERNEL);

	if (!mm)
		return NULL;
	*mm = *oldmm; /* the layout and the counters */
	if (!mm_init(mm))
		return NULL;
	if (dup_mmap(mm, oldmm)) {
		mmput(mm); /* what was copied goes back */
		return NULL;
	}
	return mm;
}
//< ch32 dup_mmap

long sys_fork(void)
{
	struct task_struct *p;

	if (!current->mm)
		return -EINVAL; /* a process in the kernel's own tables */
	if (!proc_caches_init())
		return -ENOMEM;
	p = kmem_cache_zalloc(task_struct_cachep, GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	p->pid = last_pid + 1;
	p->parent = current;
	p->freeable = true;
	memcpy(p->comm, current->comm, TASK_COMM_LEN);
	if (copy_files(p)) {
		kmem_cache_free(task_struct_cachep, p);
		return -ENOMEM;
	}
	p->mm = dup_mm(current->mm);
	if (!p->mm) {
		exit_files(p);
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
