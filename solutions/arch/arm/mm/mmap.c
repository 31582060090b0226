// SPDX-License-Identifier: GPL-2.0
/*
 * Where a new mapping goes (arch/arm/mm/mmap.c): the two searches
 * arch_pick_mmap_layout() (mm/util.c) chooses between.  Top-down, the
 * default since 2.6.9, fills downwards from mmap_base below the stack,
 * leaving the most room for the heap growing up; bottom-up, the legacy
 * layout, fills upwards from TASK_UNMAPPED_BASE (1 GiB with a 3G/1G
 * split).
 *
 * SIMPLIFIED(v5.10): no colour alignment (COLOUR_ALIGN(), SHMLBA): 5.10
 * aligns shared mappings only when cache_is_vipt_aliasing(), and the
 * Cortex-A9's data cache is PIPT.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/sched.h>
#include <asm/pgtable.h>

/*
 * The hint, page aligned, if [addr, addr + len) is free up to the next
 * VMA's guard gap; 0 if not.  find_vma() returns a VMA that holds addr,
 * so the one test covers an overlap below too.
 */
static unsigned long hint_if_free(struct mm_struct *mm, unsigned long addr,
				  unsigned long len)
{
	struct vm_area_struct *vma;

	if (!addr)
		return 0;
	addr = PAGE_ALIGN(addr);
	vma = find_vma(mm, addr);
	if (TASK_SIZE - len >= addr &&
	    (!vma || addr + len <= vm_start_gap(vma)))
		return addr;
	return 0;
}

/**
 * arch_get_unmapped_area - the legacy, bottom-up search
 * Return: MAP_FIXED's address as it is, the hint if it is free, else
 * the lowest free range at or above mm->mmap_base; -ENOMEM.
 */
unsigned long arch_get_unmapped_area(struct file *filp, unsigned long addr,
				     unsigned long len, unsigned long pgoff,
				     unsigned long flags)
{
	struct mm_struct *mm = current->mm;
	struct vm_unmapped_area_info info;
	unsigned long hint;

	(void)filp, (void)pgoff;
	if (flags & MAP_FIXED)
		return addr;
	if (len > TASK_SIZE)
		return -ENOMEM;
	hint = hint_if_free(mm, addr, len);
	if (hint)
		return hint;
	info.flags = 0;
	info.length = len;
	info.low_limit = mm->mmap_base;
	info.high_limit = TASK_SIZE;
	return vm_unmapped_area(&info);
}

//> ch35 arch_get_unmapped_area_topdown
/**
 * arch_get_unmapped_area_topdown - the default search, downwards
 * Return: as above, else the highest free range below mm->mmap_base;
 * when there is none, the bottom-up search above it (a failed mmap()
 * likely kills the program: 5.10 falls back rather than fail).
 */
unsigned long arch_get_unmapped_area_topdown(struct file *filp,
					     unsigned long addr,
					     unsigned long len,
					     unsigned long pgoff,
					     unsigned long flags)
{
	struct mm_struct *mm = current->mm;
	struct vm_unmapped_area_info info;
	unsigned long hint;

	(void)filp, (void)pgoff;
	if (len > TASK_SIZE)
		return -ENOMEM;
	if (flags & MAP_FIXED)
		return addr;
	hint = hint_if_free(mm, addr, len);
	if (hint)
		return hint;
	info.flags = VM_UNMAPPED_AREA_TOPDOWN;
	info.length = len;
	info.low_limit = FIRST_USER_ADDRESS;
	info.high_limit = mm->mmap_base;
	addr = vm_unmapped_area(&info);
	if (offset_in_page(addr)) {
		VM_BUG_ON(addr != (unsigned long)-ENOMEM);
		info.flags = 0;
		info.low_limit = mm->mmap_base;
		info.high_limit = TASK_SIZE;
		addr = vm_unmapped_area(&info);
	}
	return addr;
}
//< ch35 arch_get_unmapped_area_topdown
