// SPDX-License-Identifier: GPL-2.0
/*
 * mprotect(2): new permissions for a range of an address space
 * (mm/mprotect.c).
 *
 * The VMAs of the range get the new VM_READ/VM_WRITE/VM_EXEC (a
 * neighbour with those flags takes the range when it can, vma_merge();
 * else the VMA is split where the range cuts it), their vm_page_prot follows through
 * protection_map[], and every present PTE of the range is rewritten
 * with it: the permission bits change, the page and its young and
 * dirty bits stay.  Then the TLB, which may still hold the old
 * permissions, is flushed for the range: a page made read-only must
 * fault at the next write, not on whatever the TLB remembers.
 *
 * A private writable mapping's vm_page_prot is read-only (PAGE_COPY):
 * mprotect(PROT_READ | PROT_WRITE) leaves its PTEs read-only, and the
 * next write takes a fault that reuses the page (do_wp_page()), as in
 * 5.10 (later kernels make the PTE writable at once where safe).
 * SIMPLIFIED(v5.10): no pkeys, no
 * PROT_GROWSDOWN/UP, no NUMA hinting, no dirty accounting (no file has
 * writeback here), no mmap_lock.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>

//> ch34 change_pte_range
/*
 * The present PTEs of [@addr, @end) in the PTE page of @pmd get
 * @newprot; returns how many changed.
 */
static unsigned long change_pte_range(struct vm_area_struct *vma, pmd_t *pmd,
				      unsigned long addr, unsigned long end,
				      pgprot_t newprot)
{
	pte_t *pte = pte_offset_kernel(pmd, addr);
	unsigned long pages = 0;

	do {
		/* TODO(ch34): a present PTE gets @newprot (pte_modify()),
		   keeping its page, young and dirty bits, and counts; see
		   chapters/34-table-sync.md, "mprotect". */
		(void)vma, (void)newprot;
	} while (pte++, addr += PAGE_SIZE, addr != end);
	return pages;
}

/*
 * Every PTE page of [@addr, @end) in @vma (5.10's
 * change_protection_range()), then the TLB.
 */
static unsigned long change_protection_range(struct vm_area_struct *vma,
					     unsigned long addr,
					     unsigned long end,
					     pgprot_t newprot)
{
	unsigned long start = addr, next, pages = 0;

	do {
		pmd_t *pmd = pmd_off(vma->vm_mm, addr);

		next = pgd_addr_end(addr, end);
		if (pmd_none(*pmd))
			continue;
		pages += change_pte_range(vma, pmd, addr, next, newprot);
	} while (addr = next, addr != end);
	/* TODO(ch34): the TLB may hold the old permissions of the
	   range; see chapters/34-table-sync.md, "mprotect". */
	(void)start;
	return pages;
}
//< ch34 change_pte_range

/*
 * [@start, @end) of @vma gets @newflags: the VMA is cut to the range,
 * its flags and protections change, then its PTEs (5.10's
 * mprotect_fixup()).  *@pprev becomes the VMA of the range.
 */
static int mprotect_fixup(struct vm_area_struct *vma,
			  struct vm_area_struct **pprev, unsigned long start,
			  unsigned long end, unsigned long newflags)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long oldflags = vma->vm_flags;
	long nrpages = (long)((end - start) >> PAGE_SHIFT);
	int error;

	unsigned long pgoff;

	if (newflags == oldflags) {
		*pprev = vma;
		return 0;
	}
	/* a neighbour with the new flags may take the range */
	pgoff = vma->vm_pgoff + ((start - vma->vm_start) >> PAGE_SHIFT);
	*pprev = vma_merge(mm, *pprev, start, end, newflags, vma->vm_file,
			   pgoff);
	if (*pprev) {
		vma = *pprev;
		goto success;
	}
	*pprev = vma;
	if (start != vma->vm_start) {
		error = split_vma(mm, vma, start, 1);
		if (error)
			return error;
	}
	if (end != vma->vm_end) {
		error = split_vma(mm, vma, end, 0);
		if (error)
			return error;
	}
success:
	vma->vm_flags = newflags;
	vma_set_page_prot(vma);
	change_protection_range(vma, start, end, vma->vm_page_prot);
	vm_stat_account(mm, oldflags, -nrpages);
	vm_stat_account(mm, newflags, nrpages);
	return 0;
}

//> ch34 do_mprotect_pkey
/**
 * do_mprotect_pkey - give [@start, @start + @len) of current's memory
 * @prot (@pkey: -1, no protection keys on ARM32)
 * Return: 0; -EINVAL for an unaligned @start or unknown bits in @prot;
 * -ENOMEM if a page of the range is not mapped; -EACCES if a VMA may
 * not have the permission (VM_MAYWRITE clear, say).  VMAs before the
 * failing one keep their new permissions, as in 5.10.
 */
static int do_mprotect_pkey(unsigned long start, size_t len, unsigned long prot,
			    int pkey)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma, *prev;
	unsigned long nstart, end, tmp;
	int error;

	(void)pkey;
	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (!len)
		return 0;
	len = PAGE_ALIGN(len);
	end = start + len;
	if (end <= start)
		return -ENOMEM;
	if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)) /* validate_prot */
		return -EINVAL;
	vma = find_vma(mm, start);
	if (!vma || vma->vm_start > start)
		return -ENOMEM;
	prev = start > vma->vm_start ? vma : vma->vm_prev;
	for (nstart = start;;) {
		unsigned long newflags;

		/* TODO(ch34): the VMA's flags with the r/w/x of @prot;
		   -EACCES for a permission its VM_MAY* bits refuse; see
		   chapters/34-table-sync.md, "mprotect". */
		newflags = vma->vm_flags;
		tmp = min(vma->vm_end, end);
		error = mprotect_fixup(vma, &prev, nstart, tmp, newflags);
		if (error)
			return error;
		nstart = tmp;
		if (nstart < prev->vm_end) /* merged with the VMA after */
			nstart = prev->vm_end;
		if (nstart >= end)
			return 0;
		vma = prev->vm_next;
		if (!vma || vma->vm_start != nstart)
			return -ENOMEM; /* a hole in the range */
	}
}
//< ch34 do_mprotect_pkey

long sys_mprotect(unsigned long start, size_t len, unsigned long prot)
{
	return do_mprotect_pkey(start, len, prot, -1);
}
