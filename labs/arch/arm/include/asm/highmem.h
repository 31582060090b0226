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
#include <asm/pgtable-2level.h>

#define PKMAP_BASE (PAGE_OFFSET - PMD_SIZE)
#define LAST_PKMAP PTRS_PER_PTE
#define LAST_PKMAP_MASK (LAST_PKMAP - 1)
#define PKMAP_NR(virt) (((virt)-PKMAP_BASE) >> PAGE_SHIFT)
#define PKMAP_ADDR(nr) (PKMAP_BASE + ((nr) << PAGE_SHIFT))

#endif /* _ASM_HIGHMEM_H */
