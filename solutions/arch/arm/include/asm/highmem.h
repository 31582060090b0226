/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The pkmap area (arch/arm/include/asm/highmem.h): the last PMD below
 * PAGE_OFFSET, one page table of permanent kernel mappings of highmem
 * pages (kmap(), chapter 29).  With the 3G/1G split it is
 * 0xbfe00000..0xc0000000, between the modules' area and lowmem.
 */
#ifndef _ASM_HIGHMEM_H
#define _ASM_HIGHMEM_H

#include <asm/memory.h>
#include <asm/pgtable.h>
#include <asm/kmap_types.h>

#define PKMAP_BASE (PAGE_OFFSET - PMD_SIZE)
#define LAST_PKMAP PTRS_PER_PTE
#define LAST_PKMAP_MASK (LAST_PKMAP - 1)
#define PKMAP_NR(virt) (((virt)-PKMAP_BASE) >> PAGE_SHIFT)
#define PKMAP_ADDR(nr) (PKMAP_BASE + ((nr) << PAGE_SHIFT))

/* kmap()'s PTEs: the linear map's, execute-never */
#define kmap_prot __pgprot(PAGE_KERNEL)

/* No VIVT cache on ARMv7: nothing to flush before reusing a slot. */
#define flush_cache_kmaps() \
	do {                \
	} while (0)

extern pte_t *pkmap_page_table;

/*
 * kmap_high_get() lets kmap_atomic() reuse a page's pkmap slot.  ARM
 * needs it for VIVT caches; with ARM_ERRATA_798181, as in Debian's
 * armmp kernel, and with our VIPT-like caches, it is not built
 * (ARCH_NEEDS_KMAP_HIGH_GET undefined) and kmap_atomic() always takes
 * a fixmap slot of its own.
 */
static inline void *kmap_high_get(struct page *page)
{
	(void)page;
	return NULL;
}

void *kmap_atomic_pfn(unsigned long pfn);

#endif /* _ASM_HIGHMEM_H */
