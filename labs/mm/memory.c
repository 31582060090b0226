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
#include <linux/pagemap.h>
#include <linux/sched.h>
#include <asm/pgalloc.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include "internal.h"

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

//> ch36 vm_normal_page
/**
 * vm_normal_page - the struct page a PTE of @vma maps, if it is counted
 * @vma: the VMA of @addr
 * @addr: the address the PTE maps
 * @pte: the PTE
 *
 * Return: the page, or NULL for a frame remap_pfn_range() put there
 * (VM_PFNMAP): device memory without a struct page, or RAM a driver
 * owns, which mappings neither count nor free.  ARM32 has no spare PTE
 * bit for 5.10's pte_special(), so the VMA tells: a frame at the place
 * remap_pfn_range() would have put it (vm_pgoff + the page's index,
 * see there) is special; in a private mapping any other frame is a
 * copy-on-write copy, a normal page.
 */
struct page *vm_normal_page(struct vm_area_struct *vma, unsigned long addr,
			    pte_t pte)
{
	unsigned long pfn = pte_pfn(pte);

	if (vma->vm_flags & VM_PFNMAP) {
		unsigned long off = (addr - vma->vm_start) >> PAGE_SHIFT;

		if (pfn == vma->vm_pgoff + off)
			return NULL;
		if (!is_cow_mapping(vma->vm_flags))
			return NULL;
	}
	if (WARN_ON_ONCE(!pfn_valid(pfn)))
		return NULL; /* 5.10's print_bad_pte(): not a page we know */
	return pfn_to_page(pfn);
}
//< ch36 vm_normal_page

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
	/* TODO(ch32): the child maps the same page: a reference and a
	   mapping more, both PTEs read-only in a COW mapping; see
	   chapters/32-process-page-tables.md, "copy_page_range". */
	(void)dst_vma, (void)src_vma, (void)dst_pte, (void)src_pte;
	(void)addr;
}

/**
 * copy_page_range - the child's PTEs of @dst_vma, from @src_vma's
 * Return: 0, or -ENOMEM when a PTE page could not be had.  The parent's
 * PTEs may lose their write permission here: dup_mmap() flushes its TLB
 * when every VMA is copied.
 */
/*
 * A frame of a VM_PFNMAP mapping (remap_pfn_range()): the child gets the
 * same PTE, with nothing counted.  5.10 copies a VM_PFNMAP VMA's PTEs
 * at fork because no fault could make them again, and asks
 * vm_normal_page() inside copy_present_pte(); we ask before, so that
 * chapter 32's copy_present_pte() deals with counted pages only.
 */
static void copy_pfn_pte(struct vm_area_struct *dst_vma,
			 struct vm_area_struct *src_vma, pte_t *dst_pte,
			 pte_t *src_pte, unsigned long addr)
{
	pte_t pte = *src_pte;

	if (is_cow_mapping(src_vma->vm_flags) && pte_write(pte)) {
		pte = pte_wrprotect(pte);
		set_pte_at(src_vma->vm_mm, addr, src_pte, pte);
	}
	set_pte_at(dst_vma->vm_mm, addr, dst_pte, pte_mkold(pte));
}

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
					pmd_off(dst_vma->vm_mm, addr), addr);
		if (!dst_pte)
			return -ENOMEM;
		if (!vm_normal_page(src_vma, addr, *src_pte))
			copy_pfn_pte(dst_vma, src_vma, dst_pte, src_pte, addr);
		else
			copy_present_pte(dst_vma, src_vma, dst_pte, src_pte,
					 addr);
	}
	return 0;
}
//< ch32 copy_page_range

/*
 * One page's mapping goes: the PTE cleared, a mapping and a ref gone
 * (a remap_pfn_range() frame's PTE only: nothing counts it).
 */
static void zap_pte(struct vm_area_struct *vma, unsigned long addr, pte_t *pte)
{
	struct mm_struct *mm = vma->vm_mm;
	struct page *page = vm_normal_page(vma, addr, *pte);

	pte_t ptent = ptep_get_and_clear(mm, addr, pte);

	if (!page)
		return;
	/* a file's page written through this PTE: its bytes are new */
	if (!PageAnon(page) && pte_dirty(ptent))
		set_page_dirty(page);
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
				zap_pte(vma, addr, pte);
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
		pmd_t *pmd = pmd_off(mm, addr);

		if (!pmd_none(*pmd))
			free_pte_table(mm, pmd);
	}
}

/* The table of the first 2 MiB, which free_pgtables() keeps (pgd.c). */
void free_first_pte_table(struct mm_struct *mm)
{
	pmd_t *pmd = pmd_off(mm, 0);

	if (!pmd_none(*pmd))
		free_pte_table(mm, pmd);
}

//> ch33 do_anonymous_page
/*
 * A fault where no page is, in anonymous memory (5.10's
 * do_anonymous_page()): a new zeroed page, mapped with the VMA's
 * protections, writable and dirty at once if the VMA is writable.
 * 5.10 maps the shared zero page for a read instead (chapter 40).
 */
static vm_fault_t do_anonymous_page(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct page *page;
	pte_t entry;

	vmf->pte = pte_alloc_map(vma->vm_mm, vmf->pmd, vmf->address);
	if (!vmf->pte)
		return VM_FAULT_OOM;
	page = alloc_page(GFP_HIGHUSER_MOVABLE | __GFP_ZERO);
	if (!page)
		return VM_FAULT_OOM;
	entry = mk_pte(page, vma->vm_page_prot);
	if (vma->vm_flags & VM_WRITE)
		entry = pte_mkwrite(pte_mkdirty(entry));
	vma->vm_mm->rss++; /* inc_mm_counter_fast(MM_ANONPAGES) */
	page->_mapcount++; /* page_add_new_anon_rmap() */
	set_pte_at(vma->vm_mm, vmf->address, vmf->pte, entry);
	/* no flush: the PTE was not present, so no TLB holds it */
	return 0;
}
//< ch33 do_anonymous_page

/*
 * The copy a write fault makes (5.10's cow_user_page()): of the page the
 * PTE maps or, with none counted (a frame of remap_pfn_range()), of the
 * frame.  SIMPLIFIED(v5.10): 5.10 reads a frame through the faulting
 * user address, which needs no struct page; ours reads RAM through the
 * kernel's map, and gives zeroes for anything else, as 5.10 does when
 * its copy fails.
 */
static void cow_user_page(struct page *dst, struct page *src,
			  struct vm_fault *vmf)
{
	unsigned long pfn = pte_pfn(vmf->orig_pte);

	if (!src && pfn_valid(pfn))
		src = pfn_to_page(pfn);
	if (src)
		copy_highpage(dst, src);
	else
		clear_highpage(dst);
}

/*
 * A shared writable mapping's file page, write-protected (clean since
 * writeback, or mapped by a read): the owner is told, the PTE becomes
 * writable, the page dirty (5.10's wp_page_shared()).
 */
static void wp_page_reuse(struct vm_fault *vmf);
static vm_fault_t do_page_mkwrite(struct vm_fault *vmf);
static vm_fault_t fault_dirty_shared_page(struct vm_fault *vmf);

static vm_fault_t wp_page_shared(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;

	get_page(vmf->page);
	if (vma->vm_ops->page_mkwrite) {
		vm_fault_t tmp = do_page_mkwrite(vmf);

		if (tmp & (VM_FAULT_ERROR | VM_FAULT_NOPAGE)) {
			put_page(vmf->page);
			return tmp;
		}
		wp_page_reuse(vmf);
	} else {
		wp_page_reuse(vmf);
		lock_page(vmf->page);
	}
	fault_dirty_shared_page(vmf);
	put_page(vmf->page);
	return VM_FAULT_WRITE;
}

//> ch33 do_wp_page
/*
 * The writer may keep the page: make its PTE writable, dirty and young
 * (5.10's wp_page_reuse()); the read-only entry leaves the TLB.
 */
static void wp_page_reuse(struct vm_fault *vmf)
{
	pte_t entry = pte_mkyoung(pte_mkdirty(pte_mkwrite(vmf->orig_pte)));

	set_pte_at(vmf->vma->vm_mm, vmf->address, vmf->pte, entry);
	flush_tlb_page(vmf->vma, vmf->address);
}

/*
 * The writer gets a copy (5.10's wp_page_copy()): a new page with the
 * old one's bytes, mapped writable in its place; the old page loses a
 * mapping and a reference, and is freed if that was its last.  With no
 * old page (vmf->page NULL: a frame nothing counts), the frame's bytes.
 */
static vm_fault_t wp_page_copy(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct page *old_page = vmf->page, *new_page;
	pte_t entry;

	new_page = alloc_page(GFP_HIGHUSER_MOVABLE);
	if (!new_page)
		return VM_FAULT_OOM;
	cow_user_page(new_page, old_page, vmf);
	entry = mk_pte(new_page, vma->vm_page_prot);
	entry = pte_mkwrite(pte_mkdirty(entry));
	/* the old mapping leaves the TLB before the new one is made */
	ptep_get_and_clear(vma->vm_mm, vmf->address, vmf->pte);
	flush_tlb_page(vma, vmf->address);
	new_page->_mapcount++; /* page_add_new_anon_rmap() */
	set_pte_at(vma->vm_mm, vmf->address, vmf->pte, entry);
	if (old_page) {
		old_page->_mapcount--; /* page_remove_rmap() */
		put_page(old_page);
	} else {
		vma->vm_mm->rss++; /* a page where a frame was: one more */
	}
	return VM_FAULT_WRITE;
}

/**
 * do_wp_page - a write to a present, write-protected PTE
 * @vmf: the fault; vmf->pte and vmf->orig_pte are the PTE
 *
 * The VMA allows the write (do_page_fault() checked), so the PTE is
 * read-only for copy-on-write: fork() shared the page.  A page that
 * only this PTE maps and only it holds is the writer's alone, and is
 * reused in place; any other page is copied (5.10's do_wp_page()).
 * Return: VM_FAULT_WRITE, or VM_FAULT_OOM when no copy could be had.
 */
static vm_fault_t do_wp_page(struct vm_fault *vmf)
{
	vmf->page = vm_normal_page(vmf->vma, vmf->address, vmf->orig_pte);
	if (!vmf->page) {
		/*
		 * A frame of remap_pfn_range() (chapter 36): shared and
		 * writable, it becomes writable (5.10's wp_pfn_shared());
		 * private, the writer gets a copy.
		 */
		if ((vmf->vma->vm_flags & (VM_WRITE | VM_SHARED)) ==
		    (VM_WRITE | VM_SHARED)) {
			wp_page_reuse(vmf);
			return VM_FAULT_WRITE;
		}
		return wp_page_copy(vmf);
	}
	/* a file's page in a shared writable mapping: it becomes writable */
	if (!PageAnon(vmf->page) &&
	    (vmf->vma->vm_flags & (VM_WRITE | VM_SHARED)) ==
		    (VM_WRITE | VM_SHARED))
		return wp_page_shared(vmf);
	/* TODO(ch33): reuse the page when only this PTE maps it and
	   nobody else holds it; see chapters/33-page-faults.md,
	   "Copy-on-write". */
	(void)wp_page_reuse;
	return wp_page_copy(vmf);
}
//< ch33 do_wp_page

//> ch38 __do_fault
/*
 * The page of the fault from the VMA's owner (5.10's __do_fault()):
 * ->fault returns it with a reference, locked (VM_FAULT_LOCKED) or to
 * be locked here.
 */
static vm_fault_t __do_fault(struct vm_fault *vmf)
{
	vm_fault_t ret = vmf->vma->vm_ops->fault(vmf);

	if (ret & (VM_FAULT_ERROR | VM_FAULT_NOPAGE))
		return ret;
	if (!(ret & VM_FAULT_LOCKED))
		lock_page(vmf->page);
	else
		VM_BUG_ON_PAGE(!PageLocked(vmf->page), vmf->page);
	return ret;
}
//< ch38 __do_fault

//> ch38 alloc_set_pte
/**
 * alloc_set_pte - map @page at the fault's address
 * @vmf: the fault; vmf->pte NULL when the PTE page may not exist
 * @page: the file's page (a read, a shared write) or the fault's copy
 *        (a private write)
 *
 * The PTE takes the reference the caller holds.  Writable and dirty
 * for a write, young; a private write's copy counts as the process's
 * own page.
 * Return: 0, VM_FAULT_OOM without a PTE page, or VM_FAULT_NOPAGE when
 * the PTE is no longer empty.
 */
vm_fault_t alloc_set_pte(struct vm_fault *vmf, struct page *page)
{
	struct vm_area_struct *vma = vmf->vma;
	bool write = vmf->flags & FAULT_FLAG_WRITE;
	pte_t entry;

	/* TODO(ch38): the PTE page if there is none; refuse a PTE that is
	   no longer empty; the PTE from the VMA's protections, writable
	   and dirty for a write; the page mapped once more; see
	   chapters/38-file-faults.md, "finish_fault". */
	(void)vma, (void)write, (void)entry, (void)page;
	return VM_FAULT_SIGBUS;
}

/*
 * finish_fault - map the page the fault brought: the copy for a
 * private write, else the file's page (5.10's finish_fault())
 */
vm_fault_t finish_fault(struct vm_fault *vmf)
{
	struct page *page;

	if ((vmf->flags & FAULT_FLAG_WRITE) &&
	    !(vmf->vma->vm_flags & VM_SHARED))
		page = vmf->cow_page;
	else
		page = vmf->page;
	return alloc_set_pte(vmf, page);
}
//< ch38 alloc_set_pte

//> ch38 do_read_fault

/* A read of a file's page: the page cache's page, mapped read-only. */
static vm_fault_t do_read_fault(struct vm_fault *vmf)
{
	vm_fault_t ret = __do_fault(vmf);

	if (ret & (VM_FAULT_ERROR | VM_FAULT_NOPAGE))
		return ret;
	ret |= finish_fault(vmf);
	unlock_page(vmf->page);
	if (ret & (VM_FAULT_ERROR | VM_FAULT_NOPAGE))
		put_page(vmf->page);
	return ret;
}

/*
 * A write to a private mapping of a file, where no page is mapped yet:
 * a copy of the file's page, the process's own from the start.
 */
static vm_fault_t do_cow_fault(struct vm_fault *vmf)
{
	vm_fault_t ret;

	/* TODO(ch38): a new page, the file's page from ->fault copied into
	   it, the copy mapped; nothing kept on failure; see
	   chapters/38-file-faults.md, "A private write". */
	(void)ret;
	return VM_FAULT_SIGBUS;
}
//< ch38 do_read_fault

//> ch38 do_shared_fault
/*
 * ->page_mkwrite: the owner is told that @vmf->page becomes writable,
 * and returns it locked (5.10's do_page_mkwrite())
 */
static vm_fault_t do_page_mkwrite(struct vm_fault *vmf)
{
	vm_fault_t ret = vmf->vma->vm_ops->page_mkwrite(vmf);

	if (ret & (VM_FAULT_ERROR | VM_FAULT_NOPAGE))
		return ret;
	if (!(ret & VM_FAULT_LOCKED))
		lock_page(vmf->page);
	return ret | VM_FAULT_LOCKED;
}

/*
 * A shared file page was written: it is dirty, and writeback will
 * write it (5.10's fault_dirty_shared_page()); unlocks it.
 */
static vm_fault_t fault_dirty_shared_page(struct vm_fault *vmf)
{
	set_page_dirty(vmf->page);
	unlock_page(vmf->page);
	return 0;
}

/* A write to a shared mapping of a file: its page, writable and dirty. */
static vm_fault_t do_shared_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	vm_fault_t ret, tmp;

	ret = __do_fault(vmf);
	if (ret & (VM_FAULT_ERROR | VM_FAULT_NOPAGE))
		return ret;
	if (vma->vm_ops->page_mkwrite) {
		unlock_page(vmf->page);
		tmp = do_page_mkwrite(vmf);
		if (tmp & (VM_FAULT_ERROR | VM_FAULT_NOPAGE)) {
			put_page(vmf->page);
			return tmp;
		}
	}
	ret |= finish_fault(vmf);
	if (ret & (VM_FAULT_ERROR | VM_FAULT_NOPAGE)) {
		unlock_page(vmf->page);
		put_page(vmf->page);
		return ret;
	}
	return ret | fault_dirty_shared_page(vmf);
}

/*
 * A missing page of a file's mapping (5.10's do_fault()): its owner's
 * ->fault brings it, for a read, a private write (a copy) or a shared
 * write.  A driver that mapped everything at mmap time has no ->fault:
 * the process touched what was never there, SIGBUS.
 */
static vm_fault_t do_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;

	if (!vma->vm_ops->fault)
		return VM_FAULT_SIGBUS;
	if (!(vmf->flags & FAULT_FLAG_WRITE))
		return do_read_fault(vmf);
	if (!(vma->vm_flags & VM_SHARED))
		return do_cow_fault(vmf);
	return do_shared_fault(vmf);
}
//< ch38 do_shared_fault

//> ch33 handle_pte_fault
/*
 * handle_pte_fault - what the PTE of the fault says to do (5.10's
 * handle_pte_fault()): no page yet, a new one; a write to a read-only
 * page, copy-on-write; otherwise the page is there and only the young
 * bit (ARM's software access flag: the hardware PTE of an old page is
 * empty) or the dirty bit is missing, and the PTE gets them.
 */
static vm_fault_t handle_pte_fault(struct vm_fault *vmf)
{
	pte_t entry;

	if (pmd_none(*vmf->pmd)) {
		vmf->pte =
			NULL; /* no PTE page: do_anonymous_page() makes one */
	} else {
		vmf->pte = pte_offset_kernel(vmf->pmd, vmf->address);
		vmf->orig_pte = *vmf->pte;
		if (pte_none(vmf->orig_pte))
			vmf->pte = NULL;
	}
	if (!vmf->pte)
		return vma_is_anonymous(vmf->vma) ? do_anonymous_page(vmf)
						  : do_fault(vmf);
	entry = vmf->orig_pte;
	if (vmf->flags & FAULT_FLAG_WRITE) {
		if (!pte_write(entry))
			return do_wp_page(vmf);
		entry = pte_mkdirty(entry);
	}
	entry = pte_mkyoung(entry);
	/* ptep_set_access_flags(): only a change is written and flushed */
	if (!pte_same(*vmf->pte, entry)) {
		set_pte_at(vmf->vma->vm_mm, vmf->address, vmf->pte, entry);
		flush_tlb_page(vmf->vma, vmf->address);
	}
	return 0;
}

/* The fault's description, and its pmd (5.10's __handle_mm_fault()). */
static vm_fault_t __handle_mm_fault(struct vm_area_struct *vma,
				    unsigned long address, unsigned int flags)
{
	struct vm_fault vmf = {
		.vma = vma,
		.address = address & PAGE_MASK,
		.flags = flags,
		.pgoff = linear_page_index(vma, address),
		.gfp_mask = GFP_HIGHUSER_MOVABLE,
	};

	/* ARM's two levels: the pgd entry is the pmd, always there */
	vmf.pmd = pmd_off(vma->vm_mm, address);
	return handle_pte_fault(&vmf);
}
//< ch33 handle_pte_fault

/**
 * handle_mm_fault - bring the page of @address in @vma into the tables
 * @vma: the VMA that holds @address, whose permissions allow the access
 * @address: the faulting address
 * @flags: FAULT_FLAG_WRITE for a write, FAULT_FLAG_USER from user mode
 * @regs: the registers of the fault (for perf, which we do not have)
 *
 * Return: 0 or VM_FAULT_WRITE when the access can be retried;
 * VM_FAULT_OOM when no page was left.
 * A fault handled counts in current->maj_flt if its page had to be read
 * in from a file's backing store (VM_FAULT_MAJOR), else in min_flt
 * (5.10's mm_account_fault()).
 * SIMPLIFIED(v5.10): no hugetlb, no memcg, no retry.
 */
vm_fault_t handle_mm_fault(struct vm_area_struct *vma, unsigned long address,
			   unsigned int flags, struct pt_regs *regs)
{
	vm_fault_t ret = __handle_mm_fault(vma, address, flags);

	(void)regs; /* 5.10 gives them to perf's fault events */
	if (ret & VM_FAULT_ERROR)
		return ret;
	if (ret & VM_FAULT_MAJOR)
		current->maj_flt++;
	else
		current->min_flt++;
	return ret;
}

//> ch36 remap_pfn_range
/*
 * The PTEs of [@addr, @end), within one pgd entry's 2 MiB, map frames
 * from @pfn on.  Each must be empty: a driver maps a fresh VMA.
 */
static int remap_pte_range(struct mm_struct *mm, pmd_t *pmd, unsigned long addr,
			   unsigned long end, unsigned long pfn, pgprot_t prot)
{
	pte_t *pte = pte_alloc_map(mm, pmd, addr);

	if (!pte)
		return -ENOMEM;
	do {
		BUG_ON(!pte_none(*pte));
		set_pte_at(mm, addr, pte, pfn_pte(pfn, prot));
		pfn++;
	} while (pte++, addr += PAGE_SIZE, addr != end);
	return 0;
}

/**
 * remap_pfn_range - map frames @pfn.. into @vma at @addr, now
 * @vma: the VMA a driver's mmap() was given
 * @addr: the first address, in @vma
 * @pfn: the first frame
 * @size: how many bytes
 * @prot: the PTEs' protection, usually vma->vm_page_prot
 *
 * Return: 0, -EINVAL for part of a private (copy-on-write) VMA, or
 * -ENOMEM for a page table.  Nothing faults these pages in later, and
 * nothing counts them: the VMA becomes VM_IO | VM_PFNMAP, which
 * vm_normal_page(), fork and munmap read.  A private VMA must be mapped
 * whole, and vm_pgoff becomes @pfn, so that vm_normal_page() can tell
 * the driver's frames (vm_pgoff + index) from copies made by a write.
 * SIMPLIFIED(v5.10): no track_pfn_remap() (x86's PAT only) and no
 * flush_cache_range() (the Cortex-A9's data cache does not alias).
 */
int remap_pfn_range(struct vm_area_struct *vma, unsigned long addr,
		    unsigned long pfn, unsigned long size, pgprot_t prot)
{
	unsigned long next, end = addr + PAGE_ALIGN(size);
	struct mm_struct *mm = vma->vm_mm;
	int err;

	if (is_cow_mapping(vma->vm_flags)) {
		if (addr != vma->vm_start || end != vma->vm_end)
			return -EINVAL;
		vma->vm_pgoff = pfn;
	}
	vma->vm_flags |= VM_IO | VM_PFNMAP | VM_DONTEXPAND | VM_DONTDUMP;
	BUG_ON(addr >= end);
	pfn -= addr >> PAGE_SHIFT;
	do {
		next = pgd_addr_end(addr, end);
		err = remap_pte_range(mm, pmd_off(mm, addr), addr, next,
				      pfn + (addr >> PAGE_SHIFT), prot);
		if (err)
			return err;
	} while (addr = next, addr != end);
	return 0;
}
//< ch36 remap_pfn_range

//> ch36 vm_iomap_memory
/**
 * vm_iomap_memory - map the physical range [@start, @start + @len) into
 * @vma, from the page vm_pgoff on (a driver's mmap in one call)
 * @vma: the VMA the driver's mmap was given
 * @start: the range's first byte (device memory, or RAM the driver
 *         owns); need not be page aligned
 * @len: its length in bytes
 *
 * The range is cut into the pages that hold it: page vm_pgoff of those
 * is the first the VMA maps, and the whole VMA must fit in the rest.
 * Return: 0, -EINVAL for a range that wraps, an offset past the range
 * or a VMA larger than what is left of it, or remap_pfn_range()'s
 * error.
 */
int vm_iomap_memory(struct vm_area_struct *vma, phys_addr_t start,
		    unsigned long len)
{
	unsigned long vm_len, pfn, pages;

	/* TODO(ch36): the pages that hold [start, start + len), from
	   page vm_pgoff on, must hold the whole VMA; refuse what wraps;
	   see chapters/36-remap-pfn-range.md, "vm_iomap_memory". */
	(void)vm_len, (void)pfn, (void)pages, (void)start, (void)len;
	return -ENODEV;
}
//< ch36 vm_iomap_memory
