// SPDX-License-Identifier: GPL-2.0
/*
 * Page permissions of the modules' and vmalloc's pages after they are
 * mapped (v5.10 arch/arm/mm/pageattr.c, chapter 31).  The module loader
 * maps a module's pages read-write-executable (module_alloc(),
 * PAGE_KERNEL_EXEC), copies and relocates it, and then takes write away
 * from its text and read-only data and execute from its data.  Only
 * pages mapped one by one can change: the linear map is made of
 * sections (chapter 25 changes those whole), so any range outside the
 * modules' and vmalloc's areas is refused.
 *
 * SIMPLIFIED(v5.10 arch/arm/mm/pageattr.c): apply_to_page_range() is a
 * walk of the kernel's existing PTE pages; the areas' PTE pages exist
 * once the pages are mapped.
 */
#include <linux/bug.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <asm/pgtable.h>
#include <asm/set_memory.h>
#include <asm/tlbflush.h>

struct page_change_data {
	pgprot_t set_mask;
	pgprot_t clear_mask;
};

static int change_page_range(pte_t *ptep, unsigned long addr, void *data)
{
	struct page_change_data *cdata = data;
	pte_t pte = *ptep;

	(void)addr;
	pte = clear_pte_bit(pte, cdata->clear_mask);
	pte = set_pte_bit(pte, cdata->set_mask);

	set_pte_ext(ptep, pte, 0);
	return 0;
}

/* mm/memory.c's, for ranges whose PTE pages exist */
static int apply_to_page_range(unsigned long addr, unsigned long size,
			       int (*fn)(pte_t *, unsigned long, void *),
			       void *data)
{
	for (unsigned long a = addr; a != addr + size; a += PAGE_SIZE) {
		pte_t *ptep = virt_to_kpte(a);
		int ret;

		if (!ptep)
			return -EINVAL;
		ret = fn(ptep, a, data);
		if (ret)
			return ret;
	}
	return 0;
}

static bool in_range(unsigned long start, unsigned long size,
		     unsigned long range_start, unsigned long range_end)
{
	return start >= range_start && start < range_end &&
	       size <= range_end - start;
}

static int change_memory_common(unsigned long addr, int numpages,
				pgprot_t set_mask, pgprot_t clear_mask)
{
	unsigned long start = addr & PAGE_MASK;
	unsigned long end = PAGE_ALIGN(addr) + numpages * PAGE_SIZE;
	unsigned long size = end - start;
	struct page_change_data data;
	int ret;

	WARN_ON_ONCE(start != addr);

	if (!size)
		return 0;

	if (!in_range(start, size, MODULES_VADDR, MODULES_END) &&
	    !in_range(start, size, VMALLOC_START, VMALLOC_END))
		return -EINVAL;

	data.set_mask = set_mask;
	data.clear_mask = clear_mask;

	ret = apply_to_page_range(start, size, change_page_range, &data);

	flush_tlb_kernel_range(start, end);
	return ret;
}

int set_memory_ro(unsigned long addr, int numpages)
{
	return change_memory_common(addr, numpages, __pgprot(L_PTE_RDONLY),
				    __pgprot(0));
}

int set_memory_rw(unsigned long addr, int numpages)
{
	return change_memory_common(addr, numpages, __pgprot(0),
				    __pgprot(L_PTE_RDONLY));
}

int set_memory_nx(unsigned long addr, int numpages)
{
	return change_memory_common(addr, numpages, __pgprot(L_PTE_XN),
				    __pgprot(0));
}

int set_memory_x(unsigned long addr, int numpages)
{
	return change_memory_common(addr, numpages, __pgprot(0),
				    __pgprot(L_PTE_XN));
}
