// SPDX-License-Identifier: GPL-2.0
/*
 * Reverse mapping (mm/rmap.c): from a page to the PTEs that map it.
 * A file's page is found through its file's i_mmap: every VMA of the
 * file that covers the page's index maps it at one address,
 *
 *     address = vm_start + ((page->index - vm_pgoff) << PAGE_SHIFT)
 *
 * linear_page_index() read backwards.  Chapter 43 is about the rest
 * (anonymous pages, rmap_walk(), try_to_unmap()).
 *
 * SIMPLIFIED(v5.10): i_mmap is a list, not an interval tree; no locks.
 */
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/pagemap.h>
#include <linux/rmap.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include "internal.h"

/*
 * The address of @page in @vma, or -EFAULT when @vma does not cover its
 * index (5.10's vma_address()).
 */
static unsigned long vma_address(struct page *page, struct vm_area_struct *vma)
{
	if (page->index < vma->vm_pgoff ||
	    page->index - vma->vm_pgoff >= vma_pages(vma))
		return -EFAULT;
	return vma->vm_start + ((page->index - vma->vm_pgoff) << PAGE_SHIFT);
}

//> ch38 page_mkclean
/*
 * Write-protect and clean @page's PTE in @vma, if it maps it writable or
 * dirty (5.10's page_mkclean_one()).  Return: whether it did.
 */
static bool page_mkclean_one(struct page *page, struct vm_area_struct *vma)
{
	unsigned long address = vma_address(page, vma);
	pte_t *pte, entry;

	if (address == (unsigned long)-EFAULT)
		return false;
	pte = pte_lookup(vma->vm_mm, address);
	if (!pte || !pte_present(*pte) || pte_pfn(*pte) != page_to_pfn(page))
		return false; /* not mapped here, or a private copy */
	if (!pte_dirty(*pte) && !pte_write(*pte))
		return false;
	entry = pte_mkclean(pte_wrprotect(*pte));
	set_pte_at(vma->vm_mm, address, pte, entry);
	flush_tlb_page(vma, address); /* no TLB may keep it writable */
	return true;
}

/**
 * page_mkclean - write-protect and clean every PTE that maps @page
 * @page: a locked page cache page about to be written back
 *
 * Only shared mappings can have written it: a private one copies a page
 * before its first write.
 * Return: how many PTEs were cleaned (a dirty one means a dirty page).
 */
int page_mkclean(struct page *page)
{
	struct address_space *mapping = page->mapping;
	struct vm_area_struct *vma;
	int cleaned = 0;

	BUG_ON(!PageLocked(page));
	if (!page_mapped(page) || !mapping)
		return 0;
	list_for_each_entry(vma, &mapping->i_mmap, shared)
		if ((vma->vm_flags & VM_SHARED) && page_mkclean_one(page, vma))
			cleaned++;
	return cleaned;
}
//< ch38 page_mkclean
