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
 * rb_subtree_gap augmenting the tree (unmapped_area() and
 * unmapped_area_topdown() walk the list), no anon_vma to compare when
 * merging (chapter 40), no locks (one CPU, and processes switch only at
 * system calls).
 */
#include <linux/bug.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/fs.h>
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

/*
 * A file's VMAs are on its i_mmap, where writeback (page_mkclean()) and
 * reverse mapping (chapter 43) find every process that maps a page of
 * it.  SIMPLIFIED(v5.10): a list; 5.10 keeps an interval tree of page
 * offsets (vma_interval_tree_insert()), which finds the VMAs that map
 * one index without looking at the others.
 */
static void __vma_link_file(struct vm_area_struct *vma)
{
	if (vma->vm_file)
		list_add_tail(&vma->shared,
			      &file_inode(vma->vm_file)->i_mapping->i_mmap);
}

/* unlink_file_vma - @vma off its file's i_mmap, before it goes */
void unlink_file_vma(struct vm_area_struct *vma)
{
	if (vma->vm_file)
		list_del_init(&vma->shared);
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
	__vma_link_file(vma);
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
	 */
	if (vma_is_anonymous(vma))
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

/* A VMA out of its mm goes: its owner told, its file let go. */
static void remove_vma(struct vm_area_struct *vma)
{
	if (vma->vm_ops && vma->vm_ops->close)
		vma->vm_ops->close(vma);
	unlink_file_vma(vma);
	if (vma->vm_file)
		fput(vma->vm_file);
	vm_area_free(vma);
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

//> ch35 unmapped_area
/*
 * The lowest free range of @info->length in [low_limit, high_limit)
 * (5.10's unmapped_area(), which finds it in the tree's rb_subtree_gap;
 * we walk the list from the bottom).  -ENOMEM if there is none.
 */
static unsigned long unmapped_area(struct vm_unmapped_area_info *info)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *prev = NULL, *vma = mm->mmap;

	/* TODO(ch35): the lowest gap between VMAs (stacks' guard gaps
	   kept) that holds info->length within [low_limit, high_limit);
	   see chapters/35-mmap-example.md, "Bottom-up". */
	(void)prev, (void)vma;
	return -ENOMEM;
}
//< ch35 unmapped_area

/*
 * The highest free range of @info->length in [low_limit, high_limit)
 * (5.10's unmapped_area_topdown(); we walk the list from the top).
 */
static unsigned long unmapped_area_topdown(struct vm_unmapped_area_info *info)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma = mm->mmap, *next = NULL;

	while (vma && vma->vm_next) /* from the last VMA down */
		vma = vma->vm_next;
	for (;; next = vma, vma = vma->vm_prev) {
		unsigned long gap_start = vma ? vm_end_gap(vma) : 0;
		unsigned long gap_end =
			next ? vm_start_gap(next) : mm->task_size;

		gap_start = max(gap_start, info->low_limit);
		gap_end = min(gap_end, info->high_limit);
		if (gap_end >= gap_start && gap_end - gap_start >= info->length)
			return gap_end - info->length;
		if (!vma || gap_end <= info->low_limit)
			return -ENOMEM;
	}
}

/* vm_unmapped_area - a free range as @info asks: top-down or bottom-up */
unsigned long vm_unmapped_area(struct vm_unmapped_area_info *info)
{
	if (info->flags & VM_UNMAPPED_AREA_TOPDOWN)
		return unmapped_area_topdown(info);
	return unmapped_area(info);
}

//> ch35 get_unmapped_area
/**
 * get_unmapped_area - where a new mapping of @len bytes goes
 * @file: the file mapped, or NULL
 * @addr: the caller's hint, or with MAP_FIXED the address itself
 * @len: its length, page aligned
 * @pgoff: the file offset in pages
 * @flags: MAP_*
 *
 * Return: a page-aligned address, or -ENOMEM.  The layout's own search
 * (mm->get_unmapped_area, top-down or bottom-up) decides; this checks
 * what it found.  SIMPLIFIED(v5.10): no file_operations get_unmapped_
 * area (shmem's and some drivers' own), no security_mmap_addr().
 */
unsigned long get_unmapped_area(struct file *file, unsigned long addr,
				unsigned long len, unsigned long pgoff,
				unsigned long flags)
{
	struct mm_struct *mm = current->mm;

	if (len > mm->task_size)
		return -ENOMEM;
	if (!file && (flags & MAP_SHARED))
		pgoff = 0; /* shmem's: an anonymous shared mapping's offset */
	addr = mm->get_unmapped_area(file, addr, len, pgoff, flags);
	if (IS_ERR_VALUE(addr))
		return addr;
	if (addr > mm->task_size - len)
		return -ENOMEM;
	if (offset_in_page(addr))
		return -EINVAL;
	return addr;
}
//< ch35 get_unmapped_area

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
	if (new->vm_file)
		get_file(new->vm_file);
	if (new->vm_ops &&new->vm_ops->open)
		new->vm_ops->open(new);
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
		remove_vma(vma);
		vma = next;
	}
	return 0;
}

/*
 * May a VMA with these flags and file take in a neighbour's range?  Not
 * if the flags differ, the file differs, or its owner wants to hear of
 * each VMA that goes (close).  5.10 compares the anon_vma and the NUMA
 * policy too.
 */
static bool is_mergeable_vma(struct vm_area_struct *vma, unsigned long vm_flags,
			     struct file *file)
{
	if (vma->vm_flags != vm_flags)
		return false;
	if (vma->vm_file != file)
		return false;
	if (vma->vm_ops && vma->vm_ops->close)
		return false;
	return true;
}

/*
 * @vma may grow down over the range before it, which would have
 * @vm_pgoff as its offset: the pages must continue the file without a
 * jump (for an anonymous VMA, the addresses in pages do).
 */
static bool can_vma_merge_before(struct vm_area_struct *vma,
				 unsigned long vm_flags, struct file *file,
				 unsigned long vm_pgoff)
{
	return is_mergeable_vma(vma, vm_flags, file) &&
	       vma->vm_pgoff == vm_pgoff;
}

/* @vma may grow up over the range after it, at offset @vm_pgoff. */
static bool can_vma_merge_after(struct vm_area_struct *vma,
				unsigned long vm_flags, struct file *file,
				unsigned long vm_pgoff)
{
	return is_mergeable_vma(vma, vm_flags, file) &&
	       vma->vm_pgoff + vma_pages(vma) == vm_pgoff;
}

/* @vma is gone from @mm: merged into a neighbour (5.10's remove_next). */
static void vma_merged_away(struct mm_struct *mm, struct vm_area_struct *vma)
{
	vma_unlink(mm, vma);
	unlink_file_vma(vma);
	if (vma->vm_file)
		fput(vma->vm_file);
	vm_area_free(vma);
}

//> ch35 vma_merge
/**
 * vma_merge - give [@addr, @end) to a neighbour instead of a VMA of its own
 * @mm: the address space
 * @prev: the VMA before @addr, or NULL
 * @addr: the range's start
 * @end: its end
 * @vm_flags: the flags the range is to have
 * @file: its file, or NULL
 * @pgoff: the offset of @addr in the file, in pages
 *
 * The range is free (mmap) or lies in VMAs that are to change (mprotect).
 * In 5.10's pictures, PPPP is @prev, NNNN the VMA after the range, and
 * xxxx a VMA the range covers (which mprotect changes):
 *
 *     AAAA             AAAA                   AAAA
 *    PPPPPPNNNNNN    PPPPPPNNNNNN       PPPPPPNNNNNN
 *    cannot merge    might become       might become
 *                    PPNNNNNNNNNN       PPPPPPPPPPNN
 *    mmap, brk or    case 4 below       case 5 below
 *    mremap move:
 *                        AAAA               AAAA
 *                    PPPP    NNNN       PPPPxxxxNNNN
 *                    might become       might become
 *                    PPPPPPPPPPPP 1 or  PPPPPPPPPPPP 6 or
 *                    PPPPPPPPNNNN 2 or  PPPPPPPPxxxx 7 or
 *                    PPPPNNNNNNNN 3     PPPPNNNNNNNN 8
 *
 * Return: the VMA that now holds the range, or NULL (no merge: the
 * caller makes a VMA, or splits one).  VM_SPECIAL mappings never merge:
 * their driver mapped them whole.
 */
struct vm_area_struct *vma_merge(struct mm_struct *mm,
				 struct vm_area_struct *prev,
				 unsigned long addr, unsigned long end,
				 unsigned long vm_flags, struct file *file,
				 unsigned long pgoff)
{
	unsigned long pglen = (end - addr) >> PAGE_SHIFT;
	struct vm_area_struct *area, *next;

	if (vm_flags & VM_SPECIAL)
		return NULL;
	next = prev ? prev->vm_next : mm->mmap;
	area = next;
	if (area && area->vm_end == end) /* cases 6, 7, 8 */
		next = next->vm_next;
	/* TODO(ch35): give the range to prev (cases 1, 2, 5, 6, 7), to
	   next (cases 3, 4, 8) or to nobody; see
	   chapters/35-mmap-example.md, "vma_merge". */
	(void)pglen, (void)can_vma_merge_after, (void)can_vma_merge_before;
	(void)vma_merged_away;
	return NULL;
}
//< ch35 vma_merge

/* The hooks of a file's VMA whose file gives none (mm/init-mm.c's). */
static const struct vm_operations_struct dummy_vm_ops;

/*
 * Must the first write to a page of @vma be seen (5.10's
 * vma_wants_writenotify())?  In a shared writable mapping of a file
 * whose owner wants to know (->page_mkwrite): its PTEs start read-only,
 * so that a write faults and dirties the page, which writeback then
 * finds.  A driver's VM_PFNMAP frames have no pages to dirty.
 */
static bool vma_wants_writenotify(struct vm_area_struct *vma)
{
	if ((vma->vm_flags & (VM_WRITE | VM_SHARED)) != (VM_WRITE | VM_SHARED))
		return false;
	if (!vma->vm_ops || !vma->vm_ops->page_mkwrite)
		return false;
	return !(vma->vm_flags & VM_PFNMAP);
}

/**
 * vma_set_page_prot - @vma's vm_page_prot from its flags
 * @vma: a VMA whose flags changed, or a new one (mmap_region())
 *
 * protection_map[]'s entry, with the memory type a driver gave it
 * (vm_pgprot_modify()); read-only where a write must be seen.
 */
void vma_set_page_prot(struct vm_area_struct *vma)
{
	unsigned long vm_flags = vma->vm_flags;
	pgprot_t prot =
		pgprot_modify(vma->vm_page_prot, vm_get_page_prot(vm_flags));

	if (vma_wants_writenotify(vma))
		prot = pgprot_modify(prot,
				     vm_get_page_prot(vm_flags & ~VM_SHARED));
	vma->vm_page_prot = prot;
}

//> ch35 mmap_region
/*
 * mmap_region - make [@addr, @addr + @len) a mapping of @file (or of
 * anonymous memory) with @vm_flags: what was there is unmapped first,
 * a neighbour takes the range if it can (vma_merge()), else a new VMA,
 * which a file's mmap() may fill at once (remap_pfn_range()) or leave
 * to faults.
 */
static unsigned long mmap_region(struct file *file, unsigned long addr,
				 unsigned long len, unsigned long vm_flags,
				 unsigned long pgoff)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma, *prev;
	struct rb_node **rb_link, *rb_parent;
	int error;

	while (find_vma_links(mm, addr, addr + len, &prev, &rb_link,
			      &rb_parent))
		if (do_munmap(mm, addr, len))
			return -ENOMEM;
	vma = vma_merge(mm, prev, addr, addr + len, vm_flags, file, pgoff);
	if (vma)
		goto out;
	vma = vm_area_alloc(mm);
	if (!vma)
		return -ENOMEM;
	vma->vm_start = addr;
	vma->vm_end = addr + len;
	vma->vm_flags = vm_flags;
	vma->vm_page_prot = vm_get_page_prot(vm_flags);
	vma->vm_pgoff = pgoff;
	if (file) {
		vma->vm_ops = &dummy_vm_ops; /* vma_init(): not anonymous */
		vma->vm_file = get_file(file);
		error = file->f_op->mmap(file, vma); /* call_mmap() */
		if (error) {
			/* unmap_and_free_vma: what the driver mapped goes */
			unmap_vmas(vma, vma->vm_start, vma->vm_end);
			fput(file);
			vm_area_free(vma);
			return (unsigned long)error;
		}
		/* the driver may have changed the flags (VM_PFNMAP...) */
		vm_flags = vma->vm_flags;
		addr = vma->vm_start;
	}
	vma_link(mm, vma, prev, rb_link, rb_parent);
out:
	vm_stat_account(mm, vm_flags, (long)(len >> PAGE_SHIFT));
	vma_set_page_prot(vma);
	return addr;
}
//< ch35 mmap_region

/*
 * May @len bytes of @file at page @pgoff be mapped?  (5.10's
 * file_mmap_ok().)  A regular file's offsets go to MAX_LFS_FILESIZE;
 * a device's to ULONG_MAX bytes, "Yes, random drivers might want more.
 * But I'm tired of buggy drivers" (file_mmap_size_max()): ULONG_MAX
 * of a 32-bit kernel, on the host too.
 */
static bool file_mmap_ok(struct file *file, unsigned long pgoff,
			 unsigned long len)
{
	u64 maxsize = S_ISREG(file_inode(file)->i_mode) ? MAX_LFS_FILESIZE
							: 0xffffffffULL;

	if (len > maxsize)
		return false;
	maxsize -= len;
	return pgoff <= maxsize >> PAGE_SHIFT;
}

//> ch35 do_mmap
/**
 * do_mmap - map @len bytes of @file (or anonymous memory) at or near @addr
 * Return: the address, or a negative errno: -EINVAL, -ENOMEM, -ENODEV
 * (the file cannot be mapped), -EACCES (the file was not opened for what
 * the mapping asks), -EOVERFLOW (the offset wraps).  Nothing is
 * allocated for an anonymous mapping: the pages come at the first touch
 * (handle_mm_fault(), chapter 33).
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
	/* offset overflow? */
	if ((pgoff + (len >> PAGE_SHIFT)) < pgoff)
		return -EOVERFLOW;
	addr = get_unmapped_area(file, addr, len, pgoff, flags);
	if (IS_ERR_VALUE(addr))
		return addr;
	if (file && !file_mmap_ok(file, pgoff, len))
		return -EOVERFLOW;
	if (offset_in_page(addr) || addr < FIRST_USER_ADDRESS ||
	    addr + len > mm->task_size)
		return -EINVAL;
	vm_flags = calc_vm_prot_bits(prot) | calc_vm_flag_bits(flags) |
		   VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
	if (file) {
		/* TODO(ch35): the file's open mode against the mapping's
		   type and protection; VM_SHARED | VM_MAYSHARE for a shared
		   mapping; see chapters/35-mmap-example.md, "do_mmap". */
	} else {
		switch (flags & MAP_TYPE) {
		case MAP_SHARED:
			if (vm_flags & VM_GROWSDOWN)
				return -EINVAL;
			pgoff = 0; /* ignored, as 5.10 does */
			vm_flags |= VM_SHARED | VM_MAYSHARE;
			break;
		case MAP_PRIVATE:
			/* for the anon_vma (chapter 40), and vma_merge() */
			pgoff = addr >> PAGE_SHIFT;
			break;
		default:
			return -EINVAL;
		}
	}
	return mmap_region(file, addr, len, vm_flags, pgoff);
}
//< ch35 do_mmap

//> ch35 sys_mmap2
/* mmap2(2): ARM's mmap, the offset in 4 KiB units (ksys_mmap_pgoff()). */
long sys_mmap2(unsigned long addr, unsigned long len, unsigned long prot,
	       unsigned long flags, unsigned long fd, unsigned long pgoff)
{
	struct file *file = NULL;
	long ret;

	if (!(flags & MAP_ANONYMOUS)) {
		file = fget((unsigned int)fd);
		if (!file)
			return -EBADF;
	}
	/* an anonymous mapping ignores its fd and offset, as 5.10 does */
	ret = (long)do_mmap(file, addr, len, prot, flags, file ? pgoff : 0);
	if (file)
		fput(file);
	return ret;
}
//< ch35 sys_mmap2

long sys_munmap(unsigned long addr, size_t len)
{
	return do_munmap(current->mm, addr, len);
}

/*
 * The heap grows by [@addr, @addr + @len), free and page aligned
 * (5.10's do_brk_flags(), which writes out the anonymous case of
 * mmap_region()): the VMA below grows when vma_merge() lets it (the data
 * page's, or the heap's so far), else a new anonymous VMA is made.
 */
static int do_brk_flags(unsigned long addr, unsigned long len)
{
	unsigned long ret =
		mmap_region(NULL, addr, len, VM_DATA_DEFAULT_FLAGS | VM_ACCOUNT,
			    addr >> PAGE_SHIFT);

	return IS_ERR_VALUE(ret) ? (int)ret : 0;
}

/**
 * sys_brk - move the end of the heap (the program break) to @brk
 * @brk: the new end, or anything below start_brk (0) to ask where it is
 *
 * The heap is [start_brk, brk), starting where exec left the data; its
 * VMA ends at PAGE_ALIGN(brk).  Shrinking always succeeds (the pages
 * above go, as munmap() takes them); growing needs the pages up to the
 * new end free, and one more below the next mapping (its guard gap).
 * Return: the break after the call: @brk, or the old one if @brk is
 * refused.  SIMPLIFIED(v5.10): no RLIMIT_DATA (5.10's default is
 * unlimited), no VM_LOCKED populate, no CONFIG_COMPAT_BRK (Debian's
 * 5.10 has none either: min_brk is start_brk).
 */
long sys_brk(unsigned long brk)
{
	struct mm_struct *mm = current->mm;
	unsigned long newbrk, oldbrk, origbrk = mm->brk;
	struct vm_area_struct *next;

	if (brk < mm->start_brk)
		return (long)origbrk;
	newbrk = PAGE_ALIGN(brk);
	oldbrk = PAGE_ALIGN(mm->brk);
	if (oldbrk == newbrk) {
		mm->brk = brk;
		return (long)brk;
	}
	/* Always allow shrinking brk. */
	if (brk <= mm->brk) {
		mm->brk = brk;
		if (do_munmap(mm, newbrk, oldbrk - newbrk) < 0) {
			mm->brk = origbrk;
			return (long)origbrk;
		}
		return (long)brk;
	}
	/* Check against existing mmap mappings. */
	next = find_vma(mm, oldbrk);
	if (next && newbrk + PAGE_SIZE > vm_start_gap(next))
		return (long)origbrk;
	if (newbrk > TASK_SIZE || do_brk_flags(oldbrk, newbrk - oldbrk) < 0)
		return (long)origbrk;
	mm->brk = brk;
	return (long)brk;
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
		remove_vma(vma);
		vma = next;
	}
	mm->mmap = NULL;
	mm->mm_rb = RB_ROOT;
	mm->map_count = 0;
}
