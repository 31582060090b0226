/* SPDX-License-Identifier: GPL-2.0 */
/*
 * From page frame number to struct page and back
 * (include/asm-generic/memory_model.h).
 *
 * With FLATMEM, the model of a board with one contiguous RAM, every page
 * frame has its struct page in one array, mem_map.  Frame numbers start
 * at the first page of RAM, not at 0: on the versatile express RAM starts
 * at physical 0x60000000, so pfn 0x60000 is mem_map[0].
 *
 *   pfn      0x60000     0x60001     ...    0x6ffff      (256 MiB)
 *   mem_map  [0]         [1]         ...    [0xffff]
 *
 * ARCH_PFN_OFFSET (asm/memory.h) is that first frame number.
 */
#ifndef _ASM_GENERIC_MEMORY_MODEL_H
#define _ASM_GENERIC_MEMORY_MODEL_H

#include <linux/mm_types.h>
#include <asm/memory.h>

extern struct page *mem_map;

//> ch03 pfn_to_page
/**
 * __pfn_to_page - the struct page of a page frame
 * @pfn: a frame number of RAM, ARCH_PFN_OFFSET or above
 */
static inline struct page *__pfn_to_page(unsigned long pfn)
{
	// BEGIN SOLUTION ch03
	return mem_map + (pfn - ARCH_PFN_OFFSET);
	// STUB
	// /* TODO(ch03): index mem_map; see chapters/03-page-zone-node.md,
	//    "From frame number to struct page". */
	// (void)pfn;
	// return mem_map;
	// END SOLUTION
}

/**
 * __page_to_pfn - the frame number a struct page describes
 * @page: an element of mem_map
 */
static inline unsigned long __page_to_pfn(const struct page *page)
{
	// BEGIN SOLUTION ch03
	return (unsigned long)(page - mem_map) + ARCH_PFN_OFFSET;
	// STUB
	// /* TODO(ch03): the inverse of __pfn_to_page(). */
	// (void)page;
	// return 0;
	// END SOLUTION
}
//< ch03 pfn_to_page

#define pfn_to_page __pfn_to_page
#define page_to_pfn __page_to_pfn

#endif /* _ASM_GENERIC_MEMORY_MODEL_H */
