// SPDX-License-Identifier: GPL-2.0
/*
 * kmap_atomic() on ARM (arch/arm/mm/highmem.c, chapter 29): a highmem
 * page is mapped at one of this CPU's KM_TYPE_NR fixmap slots, the next
 * one up the CPU's stack of atomic mappings.  No lock, no sleeping, no
 * search: the slot is a function of the CPU and the nesting depth, so
 * the mappings must be undone in reverse order.
 *
 * With CONFIG_DEBUG_HIGHMEM (our teaching build; Debian's kernel has it
 * off), kunmap_atomic() clears the slot's PTE and checks the order; a
 * kmap_atomic() that finds its slot still mapped is a BUG.  Without it
 * the PTE stays until the slot is next used, and the TLB flush of
 * set_fixmap_pte() removes the stale entry then.
 */
#include <linux/bug.h>
#include <linux/highmem.h>
#include <asm/fixmap.h>
#include <asm/tlbflush.h>

#ifdef CONFIG_HIGHMEM

static inline void set_fixmap_pte(int idx, pte_t pte)
{
	unsigned long vaddr = __fix_to_virt(idx);
	pte_t *ptep = virt_to_kpte(vaddr);

	set_pte_ext(ptep, pte, 0);
	local_flush_tlb_kernel_page(vaddr);
}

static inline pte_t get_fixmap_pte(unsigned long vaddr)
{
	return *virt_to_kpte(vaddr);
}

//> ch29 kmap_atomic_high_prot
void *kmap_atomic_high_prot(struct page *page, pgprot_t prot)
{
	/* TODO(ch29): the next slot of this CPU's stack
	   (kmap_atomic_idx_push()), its fixmap address, the page mapped
	   there with set_fixmap_pte(); see chapters/29-pkmap.md,
	   "kmap_atomic". */
	(void)page; (void)prot;
	return NULL;
}
//< ch29 kmap_atomic_high_prot

//> ch29 kunmap_atomic_high
void kunmap_atomic_high(void *kvaddr)
{
	/* TODO(ch29): for a fixmap address, the top slot of this CPU's
	   stack: check it is this one, clear its PTE, pop; see
	   chapters/29-pkmap.md, "kmap_atomic". */
	(void)kvaddr;
}
//< ch29 kunmap_atomic_high

/* kmap_atomic() of a frame without a struct page's help */
void *kmap_atomic_pfn(unsigned long pfn)
{
	unsigned long vaddr;
	int idx, type;
	struct page *page = pfn_to_page(pfn);

	preempt_disable();
	pagefault_disable();
	if (!PageHighMem(page))
		return page_address(page);

	type = kmap_atomic_idx_push();
	idx = FIX_KMAP_BEGIN + type + KM_TYPE_NR * smp_processor_id();
	vaddr = __fix_to_virt(idx);
#ifdef CONFIG_DEBUG_HIGHMEM
	BUG_ON(!pte_none(get_fixmap_pte(vaddr)));
#endif
	set_fixmap_pte(idx, pfn_pte(pfn, kmap_prot));

	return (void *)(uintptr_t)vaddr;
}

#endif /* CONFIG_HIGHMEM */
