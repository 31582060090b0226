// SPDX-License-Identifier: GPL-2.0
/*
 * The VMAs of an address space (mm/mmap.c).
 *
 * A process's address space is a set of disjoint regions, each a
 * struct vm_area_struct [vm_start, vm_end) with one set of permissions.
 * 5.10 keeps them twice: in a list sorted by address (mm->mmap, vm_next
 * and vm_prev), which walks and fork() follow, and in a red-black tree
 * keyed by vm_end (mm->mm_rb), in which find_vma() finds the region of
 * an address in O(log n) on every page fault.
 *
 * SIMPLIFIED(v5.10): no vmacache in front of find_vma(), no
 * rb_subtree_gap augmenting the tree (get_unmapped_area() walks the
 * list), no vma_merge() yet (chapter 35), no locks (one CPU, and
 * processes switch only at system calls).
 */
#include <linux/bug.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/rbtree.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>

/* Indexed by VM_SHARED|VM_EXEC|VM_WRITE|VM_READ (asm/pgtable.h). */
pgprot_t protection_map[16] = { __P000, __P001, __P010, __P011, __P100, __P101,
				__P110, __P111, __S000, __S001, __S010, __S011,
				__S100, __S101, __S110, __S111 };

pgprot_t vm_get_page_prot(unsigned long vm_flags)
{
	return protection_map[vm_flags &
			      (VM_READ | VM_WRITE | VM_EXEC | VM_SHARED)];
}

/* The gap kept below a stack, so that it never grows into a mapping. */
unsigned long stack_guard_gap = 256UL << PAGE_SHIFT;
/*
 * The lowest address a stack reaches (security/min_addr.c):
 * CONFIG_DEFAULT_MMAP_MIN_ADDR, 4096 as in Debian 11's armmp, whose
 * CONFIG_LSM_MMAP_MIN_ADDR (32768) raises the value 5.10 compares with.
 */
unsigned long mmap_min_addr = PAGE_SIZE;

//> ch32 find_vma
/**
 * find_vma - the first VMA that ends above @addr
 * @mm: the address space
 * @addr: the address
 *
 * Return: the VMA that holds @addr or, if none does, the first one
 * above it (the caller checks vm_start <= addr); NULL when none ends
 * above @addr.  The tree is keyed by vm_end: go left while the node
 * ends above @addr (it may be the answer; a lower one may be too).
 */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	/* TODO(ch32): walk mm->mm_rb, keyed by vm_end, for the lowest
	   VMA that ends above addr; see chapters/32-process-page-tables.md,
	   "find_vma". */
	(void)mm, (void)addr;
	return NULL;
}
//< ch32 find_vma

/* find_vma(), and the VMA before it in *@pprev (the last one if none) */
struct vm_area_struct *find_vma_prev(struct mm_struct *mm, unsigned long addr,
				     struct vm_area_struct **pprev)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	if (vma) {
		*pprev = vma->vm_prev;
	} else {
		struct rb_node *rb_node = rb_last(&mm->mm_rb);

		*pprev = rb_node ? rb_entry(rb_node, struct vm_area_struct,
					    vm_rb)
				 : NULL;
	}
	return vma;
}

/*
 * Where [addr, end) goes: its neighbour before (*pprev), and the link
 * and parent in the tree.  -ENOMEM if a VMA overlaps it.
 */
static int find_vma_links(struct mm_struct *mm, unsigned long addr,
			  unsigned long end, struct vm_area_struct **pprev,
			  struct rb_node ***rb_link, struct rb_node **rb_parent)
{
	struct rb_node **__rb_link = &mm->mm_rb.rb_node;
	struct rb_node *__rb_parent = NULL, *rb_prev = NULL;

	while (*__rb_link) {
		struct vm_area_struct *vma_tmp;

		__rb_parent = *__rb_link;
		vma_tmp = rb_entry(__rb_parent, struct vm_area_struct, vm_rb);
		if (vma_tmp->vm_end > addr) {
			if (vma_tmp->vm_start < end) /* they overlap */
				return -ENOMEM;
			__rb_link = &__rb_parent->rb_left;
		} else {
			rb_prev = __rb_parent;
			__rb_link = &__rb_parent->rb_right;
		}
	}
	*pprev = rb_prev ? rb_entry(rb_prev, struct vm_area_struct, vm_rb)
			 : NULL;
	*rb_link = __rb_link;
	*rb_parent = __rb_parent;
	return 0;
}

//> ch32 vma_link
/* @vma into the sorted list, after @prev (first if @prev is NULL). */
static void __vma_link_list(struct mm_struct *mm, struct vm_area_struct *vma,
			    struct vm_area_struct *prev)
{
	/* TODO(ch32): link vma between prev (or the head, mm->mmap) and
	   the VMA after it, both directions; see
	   chapters/32-process-page-tables.md, "Two indexes of one set". */
	(void)mm, (void)vma, (void)prev;
}

/* @vma out of the list (5.10's __vma_unlink_list). */
static void __vma_unlink_list(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *prev = vma->vm_prev, *next = vma->vm_next;

	if (prev)
		prev->vm_next = next;
	else
		mm->mmap = next;
	if (next)
		next->vm_prev = prev;
}

/* @vma into the tree, at the place find_vma_links() found. */
void __vma_link_rb(struct mm_struct *mm, struct vm_area_struct *vma,
		   struct rb_node **rb_link, struct rb_node *rb_parent)
{
	rb_link_node(&vma->vm_rb, rb_parent, rb_link);
	rb_insert_color(&vma->vm_rb, &mm->mm_rb);
	if (!vma->vm_next)
		mm->highest_vm_end = vma->vm_end;
}

static void vma_link(struct mm_struct *mm, struct vm_area_struct *vma,
		     struct vm_area_struct *prev, struct rb_node **rb_link,
		     struct rb_node *rb_parent)
{
	__vma_link_list(mm, vma, prev);
	__vma_link_rb(mm, vma, rb_link, rb_parent);
	mm->map_count++;
}
//< ch32 vma_link

/* Unlink @vma from both, as __vma_unlink() and vma_rb_erase() do. */
static void vma_unlink(struct mm_struct *mm, struct vm_area_struct *vma)
{
	rb_erase(&vma->vm_rb, &mm->mm_rb);
	__vma_unlink_list(mm, vma);
	if (!vma->vm_next)
		mm->highest_vm_end = vma->vm_prev ? vma->vm_prev->vm_end : 0;
	mm->map_count--;
}

/* @vma into @mm's list and tree, or -ENOMEM if it overlaps a VMA. */
static int __insert_vm_struct(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *prev;
	struct rb_node **rb_link, *rb_parent;

	if (find_vma_links(mm, vma->vm_start, vma->vm_end, &prev, &rb_link,
			   &rb_parent))
		return -ENOMEM;
	vma_link(mm, vma, prev, rb_link, rb_parent);
	return 0;
}

/**
 * insert_vm_struct - put a VMA made by hand into @mm (exec's stack)
 * Return: 0, or -ENOMEM if it overlaps one already there.
 */
int insert_vm_struct(struct mm_struct *mm, struct vm_area_struct *vma)
{
	/*
	 * An anonymous VMA's offset is its address in pages, as mmap gives
	 * it: expand_downwards() lowers it as a stack grows.
	 * SIMPLIFIED(v5.10): only anonymous VMAs (vma_is_anonymous()) are
	 * renumbered there; every VMA is anonymous here until chapter 35.
	 */
	vma->vm_pgoff = vma->vm_start >> PAGE_SHIFT;
	return __insert_vm_struct(mm, vma);
}

/* The counters /proc/PID/status shows: VmData, VmExe, VmStk. */
void vm_stat_account(struct mm_struct *mm, unsigned long flags, long npages)
{
	mm->total_vm += npages;
	if ((flags & (VM_EXEC | VM_WRITE)) == VM_EXEC)
		mm->exec_vm += npages;
	else if (flags & VM_STACK)
		mm->stack_vm += npages;
	else if ((flags & (VM_WRITE | VM_SHARED | VM_STACK)) == VM_WRITE)
		mm->data_vm += npages;
}

//> ch33 expand_downwards
/*
 * May the stack of @vma grow by @grow pages to @size bytes?  (5.10's
 * acct_stack_growth().)  Not beyond RLIMIT_STACK: 8 MiB, `ulimit -s`.
 * SIMPLIFIED(v5.10): no RLIMIT_AS, mlock or overcommit checks, which
 * the defaults would pass.
 */
static int acct_stack_growth(struct vm_area_struct *vma, unsigned long size,
			     unsigned long grow)
{
	/* TODO(ch33): refuse a stack of @size bytes above
	   rlimit(RLIMIT_STACK); see chapters/33-page-faults.md,
	   "Growing the stack". */
	(void)vma, (void)size, (void)grow;
	return 0;
}

/**
 * expand_downwards - grow a VM_GROWSDOWN VMA down to @address's page
 * @vma: the stack
 * @address: the address below vma->vm_start that faulted (or exec's
 *           first stack, setup_arg_pages())
 *
 * Return: 0; -EPERM below mmap_min_addr; -ENOMEM if the stack would
 * come within stack_guard_gap of a VMA below it, or grow past its limit.
 * The gap is the Stack Clash fix of 2017 (4.12): a stack that may grow
 * right up to the heap lets one large frame jump into it.
 */
int expand_downwards(struct vm_area_struct *vma, unsigned long address)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long size, grow;
	int error;

	address &= PAGE_MASK;
	/* TODO(ch33): -EPERM below mmap_min_addr; -ENOMEM within
	   stack_guard_gap of an accessible VMA below that is not a
	   stack; see chapters/33-page-faults.md, "The guard gap". */
	if (address >= vma->vm_start)
		return 0;
	size = vma->vm_end - address;
	grow = (vma->vm_start - address) >> PAGE_SHIFT;
	if (grow > vma->vm_pgoff) /* the offset cannot go below 0 */
		return -ENOMEM;
	error = acct_stack_growth(vma, size, grow);
	if (error)
		return error;
	vm_stat_account(mm, vma->vm_flags, (long)grow);
	/* vm_end is the key: the tree needs no change when vm_start moves */
	vma->vm_start = address;
	vma->vm_pgoff -= grow;
	return 0;
}
//< ch33 expand_downwards

/* ARM's stacks grow down (no CONFIG_STACK_GROWSUP). */
int expand_stack(struct vm_area_struct *vma, unsigned long address)
{
	return expand_downwards(vma, address);
}

/*
 * The highest free range of @len below mm->mmap_base (5.10's
 * arch_get_unmapped_area_topdown() and unmapped_area_topdown(), which
 * finds it in the tree's rb_subtree_gap; we walk the list from the top).
 * A gap below a stack keeps stack_guard_gap free.
 */
static unsigned long unmapped_area_topdown(struct mm_struct *mm,
					   unsigned long len)
{
	struct vm_area_struct *vma = mm->mmap, *next = NULL;

	while (vma && vma->vm_next) /* from the last VMA down */
		vma = vma->vm_next;
	for (;;) {
		unsigned long gap_start =
			vma ? vma->vm_end : FIRST_USER_ADDRESS;
		unsigned long gap_end = next ? next->vm_start : mm->task_size;

		if (next && (next->vm_flags & VM_GROWSDOWN))
			gap_end = gap_end > stack_guard_gap
					  ? gap_end - stack_guard_gap
					  : 0;
		gap_end = min(gap_end, mm->mmap_base);
		if (gap_end >= gap_start && gap_end - gap_start >= len)
			return gap_end - len;
		if (!vma)
			return -ENOMEM;
		next = vma;
		vma = vma->vm_prev;
	}
}

/**
 * get_unmapped_area - where a new mapping of @len bytes goes
 * @file: the file mapped (unused until chapter 37)
 * @addr: the caller's hint, or with MAP_FIXED the address itself
 * @len: its length, page aligned
 * @pgoff: the file offset in pages
 * @flags: MAP_*
 *
 * Return: a page-aligned address, or -ENOMEM.  The hint is taken when
 * the range is free; otherwise the highest free range below mmap_base
 * (the top-down layout, ARM's default).
 */
unsigned long get_unmapped_area(struct file *file, unsigned long addr,
				unsigned long len, unsigned long pgoff,
				unsigned long flags)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma, *prev;

	(void)file, (void)pgoff;
	if (len > mm->task_size - FIRST_USER_ADDRESS)
		return -ENOMEM;
	if (flags & MAP_FIXED)
		return addr;
	if (addr) {
		addr = PAGE_ALIGN(addr);
		vma = find_vma_prev(mm, addr, &prev);
		if (mm->task_size - len >= addr && addr >= FIRST_USER_ADDRESS &&
		    (!vma || addr + len <= vma->vm_start) &&
		    (!prev || addr >= prev->vm_end))
			return addr;
	}
	return unmapped_area_topdown(mm, len);
}

/*
 * split_vma - cut @vma in two at @addr; @new_below says which half is
 * the new VMA (5.10's __split_vma()).  @vma keeps its place in the
 * tree even when its key, vm_end, drops to @addr: no other VMA ends
 * between the two.
 */
int split_vma(struct mm_struct *mm, struct vm_area_struct *vma,
	      unsigned long addr, int new_below)
{
	struct vm_area_struct *new = vm_area_dup(vma);

	if (!new)
		return -ENOMEM;
	if (new_below) {
		new->vm_end = addr;
		vma->vm_start = addr;
		vma->vm_pgoff += (addr - new->vm_start) >> PAGE_SHIFT;
	} else {
		new->vm_start = addr;
		new->vm_pgoff += (addr - vma->vm_start) >> PAGE_SHIFT;
		vma->vm_end = addr;
	}
	return __insert_vm_struct(mm, new);
}

/* The pages of [start, end) in @vma's range go, then the VMA if empty. */
static void unmap_region(struct mm_struct *mm, struct vm_area_struct *vma,
			 struct vm_area_struct *prev, unsigned long start,
			 unsigned long end)
{
	struct vm_area_struct *next = vma->vm_next;

	unmap_vmas(vma, start, end);
	free_pgtables(mm, prev ? prev->vm_end : FIRST_USER_ADDRESS,
		      next ? next->vm_start : USER_PGTABLES_CEILING);
	/* TODO(ch34): the TLB still maps what was unmapped; see
	   chapters/34-table-sync.md, "munmap". */
}

/**
 * do_munmap - unmap [@start, @start + @len) of @mm
 * Return: 0 (also when nothing was mapped there), or -EINVAL for a bad
 * range, -ENOMEM if a VMA could not be split.  The VMAs the range cuts
 * are split first, so that every VMA left is wholly in or out of it.
 */
int do_munmap(struct mm_struct *mm, unsigned long start, unsigned long len)
{
	unsigned long end;
	struct vm_area_struct *vma, *prev, *next;

	if (offset_in_page(start) || start > TASK_SIZE ||
	    len > TASK_SIZE - start)
		return -EINVAL;
	len = PAGE_ALIGN(len);
	end = start + len;
	if (len == 0)
		return -EINVAL;
	vma = find_vma(mm, start);
	if (!vma || vma->vm_start >= end)
		return 0;
	prev = vma->vm_prev;
	if (start > vma->vm_start) {
		if (split_vma(mm, vma, start, 0))
			return -ENOMEM;
		prev = vma;
	}
	next = find_vma(mm, end);
	if (next && next->vm_start < end && split_vma(mm, next, end, 1))
		return -ENOMEM;
	/* the first VMA inside the range, after the splits */
	vma = prev ? prev->vm_next : mm->mmap;
	while (vma && vma->vm_start < end) {
		next = vma->vm_next;
		vma_unlink(mm, vma);
		unmap_region(mm, vma, prev, vma->vm_start, vma->vm_end);
		vm_stat_account(mm, vma->vm_flags, -(long)vma_pages(vma));
		vm_area_free(vma);
		vma = next;
	}
	return 0;
}

/* A new VMA [addr, addr + len) (5.10's mmap_region(), no merging yet). */
static unsigned long mmap_region(struct file *file, unsigned long addr,
				 unsigned long len, unsigned long vm_flags,
				 unsigned long pgoff)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma, *prev;
	struct rb_node **rb_link, *rb_parent;

	(void)file;
	while (find_vma_links(mm, addr, addr + len, &prev, &rb_link,
			      &rb_parent))
		if (do_munmap(mm, addr, len))
			return -ENOMEM;
	vma = vm_area_alloc(mm);
	if (!vma)
		return -ENOMEM;
	vma->vm_start = addr;
	vma->vm_end = addr + len;
	vma->vm_flags = vm_flags;
	vma->vm_page_prot = vm_get_page_prot(vm_flags);
	vma->vm_pgoff = pgoff;
	vma_link(mm, vma, prev, rb_link, rb_parent);
	vm_stat_account(mm, vm_flags, (long)(len >> PAGE_SHIFT));
	return addr;
}

/**
 * do_mmap - map @len bytes at or near @addr
 * Return: the address, or a negative errno.  Nothing is allocated: the
 * pages come at the first touch (handle_mm_fault(), chapter 33).
 * SIMPLIFIED(v5.10): anonymous mappings only until chapter 35.
 */
unsigned long do_mmap(struct file *file, unsigned long addr, unsigned long len,
		      unsigned long prot, unsigned long flags,
		      unsigned long pgoff)
{
	struct mm_struct *mm = current->mm;
	unsigned long vm_flags;

	if (!len)
		return -EINVAL;
	len = PAGE_ALIGN(len);
	if (!len || len > TASK_SIZE)
		return -ENOMEM;
	if (file || !(flags & MAP_ANONYMOUS))
		return -ENODEV; /* no files yet */
	addr = get_unmapped_area(file, addr, len, pgoff, flags);
	if (IS_ERR_VALUE(addr))
		return addr;
	if (offset_in_page(addr) || addr < FIRST_USER_ADDRESS ||
	    addr + len > mm->task_size)
		return -EINVAL;
	vm_flags = calc_vm_prot_bits(prot) | calc_vm_flag_bits(flags) |
		   VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
	switch (flags & MAP_TYPE) {
	case MAP_SHARED:
		pgoff = 0; /* ignored, as 5.10 does */
		vm_flags |= VM_SHARED | VM_MAYSHARE;
		break;
	case MAP_PRIVATE:
		pgoff = addr >> PAGE_SHIFT; /* for the anon_vma (chapter 40) */
		break;
	default:
		return -EINVAL;
	}
	return mmap_region(file, addr, len, vm_flags, pgoff);
}

/* mmap2(2): ARM's mmap, the offset in 4 KiB units. */
long sys_mmap2(unsigned long addr, unsigned long len, unsigned long prot,
	       unsigned long flags, unsigned long fd, unsigned long pgoff)
{
	(void)fd; /* anonymous only: the fd is ignored, as Linux does */
	return (long)do_mmap(NULL, addr, len, prot, flags,
			     flags & MAP_ANONYMOUS ? 0 : pgoff);
}

long sys_munmap(unsigned long addr, size_t len)
{
	return do_munmap(current->mm, addr, len);
}

/* The end of an address space: every VMA, its pages and tables go. */
void exit_mmap(struct mm_struct *mm)
{
	struct vm_area_struct *vma = mm->mmap;

	if (!vma)
		return;
	unmap_vmas(vma, 0, TASK_SIZE);
	free_pgtables(mm, FIRST_USER_ADDRESS, USER_PGTABLES_CEILING);
	flush_tlb_mm(mm);
	while (vma) {
		struct vm_area_struct *next = vma->vm_next;

		vm_stat_account(mm, vma->vm_flags, -(long)vma_pages(vma));
		vm_area_free(vma);
		vma = next;
	}
	mm->mmap = NULL;
	mm->mm_rb = RB_ROOT;
	mm->map_count = 0;
}
