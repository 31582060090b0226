// SPDX-License-Identifier: GPL-2.0
/*
 * A process's page tables below its VMAs (mm/memory.c).
 *
 * The VMAs say what an address space may hold; the page tables hold
 * what it holds now.  A page arrives at the first touch (a page fault,
 * handle_mm_fault()), fork() shares every page read-only between parent
 * and child (copy_page_range(): copy-on-write), the first write to a
 * shared page copies it (do_wp_page()), and munmap() and exit take the
 * pages and the PTE pages away (unmap_vmas(), free_pgtables()).
 *
 * Each anonymous page counts its references (_refcount) and its
 * mappings (_mapcount + 1): a page mapped by parent and child has both
 * at 2, and the last unmapping frees it.
 * SIMPLIFIED(v5.10): no zero page (a read fault on anonymous memory
 * gets a page of its own), no anon_vma or rmap (chapters 40 and 43), no
 * mmu_gather
 * (pages are freed as their PTEs are cleared, and the TLB is flushed
 * before the process runs again), no huge pages, no split PTE locks.
 */
#include <string.h>
#include <linux/bug.h>
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <asm/pgalloc.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include "internal.h"

/* The pgd entry (pmd) of @addr in @mm. */
static pmd_t *mm_pmd(struct mm_struct *mm, unsigned long addr)
{
	return pmd_offset(mm->pgd + pgd_index(addr), addr);
}

/**
 * pte_alloc_map - the PTE of @addr, its PTE page allocated if need be
 * Return: the Linux PTE, or NULL when no page was left for the table.
 * A user PTE page goes in DOMAIN_USER, which SW PAN closes to the
 * kernel outside uaccess (asm/pgalloc.h).
 */
pte_t *pte_alloc_map(struct mm_struct *mm, pmd_t *pmd, unsigned long addr)
{
	if (pmd_none(*pmd)) {
		pte_t *new = (pte_t *)get_zeroed_page(GFP_KERNEL);

		if (!new)
			return NULL;
		__pmd_populate(pmd, __pa(new), _PAGE_USER_TABLE);
		mm->pgtables_bytes += PAGE_SIZE;
	}
	return pte_offset_kernel(pmd, addr);
}

/* The PTE of @addr if its table exists, else NULL (no allocation). */
static pte_t *pte_lookup(struct mm_struct *mm, unsigned long addr)
{
	pmd_t *pmd = mm_pmd(mm, addr);

	return pmd_none(*pmd) ? NULL : pte_offset_kernel(pmd, addr);
}

//> ch32 copy_page_range
/*
 * One present PTE of the parent into the child (5.10's
 * copy_present_pte()): the same page, one more reference and one more
 * mapping; in a COW mapping both PTEs become read-only, so that the
 * first write of either side faults into do_wp_page().  The child's is
 * old: its first access sets the young bit again.
 */
static void copy_present_pte(struct vm_area_struct *dst_vma,
			     struct vm_area_struct *src_vma, pte_t *dst_pte,
			     pte_t *src_pte, unsigned long addr)
{
	// BEGIN SOLUTION ch32
	unsigned long vm_flags = src_vma->vm_flags;
	pte_t pte = *src_pte;
	struct page *page = pte_page(pte);

	get_page(page);
	page->_mapcount++;
	dst_vma->vm_mm->rss++;
	if (is_cow_mapping(vm_flags) && pte_write(pte)) {
		set_pte_at(src_vma->vm_mm, addr, src_pte, pte_wrprotect(pte));
		pte = pte_wrprotect(pte);
	}
	if (vm_flags & VM_SHARED)
		pte = pte_mkclean(pte);
	pte = pte_mkold(pte);
	set_pte_at(dst_vma->vm_mm, addr, dst_pte, pte);
	// STUB
	// /* TODO(ch32): the child maps the same page: a reference and a
	//    mapping more, both PTEs read-only in a COW mapping; see
	//    chapters/32-process-page-tables.md, "copy_page_range". */
	// (void)dst_vma, (void)src_vma, (void)dst_pte, (void)src_pte;
	// (void)addr;
	// END SOLUTION
}

/**
 * copy_page_range - the child's PTEs of @dst_vma, from @src_vma's
 * Return: 0, or -ENOMEM when a PTE page could not be had.  The parent's
 * PTEs may lose their write permission here: dup_mmap() flushes its TLB
 * when every VMA is copied.
 */
int copy_page_range(struct vm_area_struct *dst_vma,
		    struct vm_area_struct *src_vma)
{
	struct mm_struct *src_mm = src_vma->vm_mm;
	unsigned long addr;

	for (addr = src_vma->vm_start; addr < src_vma->vm_end;
	     addr += PAGE_SIZE) {
		pte_t *src_pte = pte_lookup(src_mm, addr), *dst_pte;

		if (!src_pte) { /* a table-less 2 MiB: skip it whole */
			addr = (addr & PGDIR_MASK) + PGDIR_SIZE - PAGE_SIZE;
			continue;
		}
		if (!pte_present(*src_pte))
			continue;
		dst_pte = pte_alloc_map(dst_vma->vm_mm,
					mm_pmd(dst_vma->vm_mm, addr), addr);
		if (!dst_pte)
			return -ENOMEM;
		copy_present_pte(dst_vma, src_vma, dst_pte, src_pte, addr);
	}
	return 0;
}
//< ch32 copy_page_range

/* One page's mapping goes: the PTE cleared, a mapping and a ref gone. */
static void zap_pte(struct mm_struct *mm, unsigned long addr, pte_t *pte)
{
	pte_t old = ptep_get_and_clear(mm, addr, pte);
	struct page *page = pte_page(old);

	VM_BUG_ON_PAGE(page_mapcount(page) <= 0, page);
	page->_mapcount--;
	mm->rss--;
	put_page(page);
}

/**
 * unmap_vmas - unmap the pages of [@start, @end) in @vma and the VMAs
 * after it (5.10's unmap_vmas() and zap_pte_range())
 * The VMAs stay; the caller frees them and flushes the TLB.
 */
void unmap_vmas(struct vm_area_struct *vma, unsigned long start,
		unsigned long end)
{
	for (; vma && vma->vm_start < end; vma = vma->vm_next) {
		unsigned long addr = max(start, vma->vm_start);
		unsigned long stop = min(end, vma->vm_end);

		for (; addr < stop; addr += PAGE_SIZE) {
			pte_t *pte = pte_lookup(vma->vm_mm, addr);

			if (!pte) {
				addr = (addr & PGDIR_MASK) + PGDIR_SIZE -
				       PAGE_SIZE;
				continue;
			}
			if (pte_present(*pte))
				zap_pte(vma->vm_mm, addr, pte);
		}
	}
}

/* A PTE page of @mm goes, and the pgd entry that pointed to it. */
static void free_pte_table(struct mm_struct *mm, pmd_t *pmd)
{
	free_page((unsigned long)pmd_page_vaddr(*pmd));
	pmd[0] = __pmd(0);
	pmd[1] = __pmd(0);
	mm->pgtables_bytes -= PAGE_SIZE;
}

/**
 * free_pgtables - free the PTE pages no VMA needs in [@floor, @ceiling)
 * @mm: the address space
 * @floor: the end of the VMA below (FIRST_USER_ADDRESS if none)
 * @ceiling: the start of the VMA above (USER_PGTABLES_CEILING if none)
 *
 * Only a table whose 2 MiB lie wholly in the range goes: a table the
 * VMA below or above reaches into stays.  As in 5.10 on ARM, the first
 * table (below FIRST_USER_ADDRESS's 2 MiB) is never freed here but in
 * pgd_free().
 */
void free_pgtables(struct mm_struct *mm, unsigned long floor,
		   unsigned long ceiling)
{
	unsigned long addr = ALIGN(floor, PGDIR_SIZE);

	for (; addr < (ceiling & PGDIR_MASK) && addr; addr += PGDIR_SIZE) {
		pmd_t *pmd = mm_pmd(mm, addr);

		if (!pmd_none(*pmd))
			free_pte_table(mm, pmd);
	}
}

/* The table of the first 2 MiB, which free_pgtables() keeps (pgd.c). */
void free_first_pte_table(struct mm_struct *mm)
{
	pmd_t *pmd = mm_pmd(mm, 0);

	if (!pmd_none(*pmd))
		free_pte_table(mm, pmd);
}

/*
 * A fault where no page is: a new zeroed page, mapped with the VMA's
 * protections, writable and dirty at once if the VMA is writable (5.10's
 * do_anonymous_page(), whose read fault would map the zero page).
 */
static unsigned int do_anonymous_page(struct vm_area_struct *vma,
				      unsigned long address, pte_t *pte,
				      unsigned int flags)
{
	struct page *page = alloc_page(GFP_HIGHUSER_MOVABLE | __GFP_ZERO);
	pte_t entry;

	if (!page)
		return VM_FAULT_OOM;
	entry = mk_pte(page, vma->vm_page_prot);
	if (vma->vm_flags & VM_WRITE)
		entry = pte_mkwrite(pte_mkdirty(entry));
	page->_mapcount++; /* page_add_new_anon_rmap() */
	vma->vm_mm->rss++;
	set_pte_at(vma->vm_mm, address, pte, entry);
	(void)flags;
	return 0;
}

/*
 * A write to a present read-only PTE of a writable VMA: copy-on-write
 * (5.10's do_wp_page() and wp_page_copy()).  A page nobody else maps or
 * holds is reused in place (wp_page_reuse()); otherwise the writer gets
 * a copy, and the old page loses a mapping and a reference.
 */
static unsigned int do_wp_page(struct vm_area_struct *vma,
			       unsigned long address, pte_t *pte)
{
	struct page *old_page = pte_page(*pte), *new_page;
	pte_t entry;

	if (page_count(old_page) == 1 && page_mapcount(old_page) == 1) {
		entry = pte_mkyoung(pte_mkdirty(pte_mkwrite(*pte)));
		set_pte_at(vma->vm_mm, address, pte, entry);
		flush_tlb_page(vma, address);
		return 0;
	}
	new_page = alloc_page(GFP_HIGHUSER_MOVABLE);
	if (!new_page)
		return VM_FAULT_OOM;
	copy_highpage(new_page, old_page);
	entry = pte_mkwrite(pte_mkdirty(mk_pte(new_page, vma->vm_page_prot)));
	new_page->_mapcount++;
	/* the old mapping must leave the TLB before the new one is used */
	ptep_get_and_clear(vma->vm_mm, address, pte);
	flush_tlb_page(vma, address);
	set_pte_at(vma->vm_mm, address, pte, entry);
	old_page->_mapcount--; /* page_remove_rmap() */
	put_page(old_page);
	return 0;
}

/**
 * handle_mm_fault - bring the page of @address in @vma into the tables
 * @vma: the VMA that holds @address, whose permissions allow the access
 * @address: the faulting address
 * @flags: FAULT_FLAG_WRITE for a write, FAULT_FLAG_USER from user mode
 * @regs: the registers of the fault (unused here)
 *
 * Return: 0 when the access can be retried, or VM_FAULT_OOM.  One of
 * three things (5.10's handle_pte_fault()): no page yet, a new one; a
 * write to a read-only page, copy-on-write; otherwise the page is
 * there and only the young bit (ARM's software access flag: the
 * hardware PTE of an old page is empty) or the dirty bit is missing.
 */
unsigned int handle_mm_fault(struct vm_area_struct *vma, unsigned long address,
			     unsigned int flags, struct pt_regs *regs)
{
	struct mm_struct *mm = vma->vm_mm;
	pte_t *pte, entry;

	(void)regs;
	address &= PAGE_MASK;
	pte = pte_alloc_map(mm, mm_pmd(mm, address), address);
	if (!pte)
		return VM_FAULT_OOM;
	if (!pte_present(*pte))
		return do_anonymous_page(vma, address, pte, flags);
	entry = *pte;
	if (flags & FAULT_FLAG_WRITE) {
		if (!pte_write(entry))
			return do_wp_page(vma, address, pte);
		entry = pte_mkdirty(entry);
	}
	entry = pte_mkyoung(entry);
	if (pte_val(entry) != pte_val(*pte)) {
		set_pte_at(mm, address, pte, entry);
		flush_tlb_page(vma, address);
	}
	return 0;
}
