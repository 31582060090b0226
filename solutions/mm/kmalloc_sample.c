// SPDX-License-Identifier: GPL-2.0
/*
 * The three questions of lecture 14 (思考), answered by functions of the
 * running kernel, so that the answers can be checked rather than
 * recited:
 *
 *   kmalloc_max_size()       kmalloc能申请的最大内存是多少?
 *   kmalloc_alignment(size)  kmalloc返回的地址对齐方式?
 *   kmalloc_to_phys(p)       kmalloc返回的是虚拟地址, 还是物理地址?
 *
 * Linux has no such functions; like mm/pagebuf_sample.c, this file is
 * the course's, and the tests of chapter 14 grade it.
 */
#include <linux/kernel.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/slub_def.h>
#include "slab.h"

//> ch14 questions
/* The largest request kmalloc() can satisfy, in bytes. */
size_t kmalloc_max_size(void)
{
	// BEGIN SOLUTION ch14
	return KMALLOC_MAX_SIZE; /* 2^(MAX_ORDER - 1) pages: 4 MiB */
	// STUB
	// /* TODO(ch14): see chapters/14-kmalloc.md, "Three questions". */
	// return 0;
	// END SOLUTION
}

/*
 * The alignment every result of kmalloc(@size) is guaranteed to have:
 * that of its cache's objects (the cache's align), or, for a large
 * request, that of its whole block, PAGE_SIZE << get_order(size): a
 * buddy block of 2^order pages is aligned to its own size.  0 for 0.
 */
size_t kmalloc_alignment(size_t size)
{
	// BEGIN SOLUTION ch14
	if (size > KMALLOC_MAX_CACHE_SIZE)
		return PAGE_SIZE << get_order(size);
	if (!size)
		return 0;
	return kmalloc_slab(size, GFP_KERNEL)->align;
	// STUB
	// /* TODO(ch14): see chapters/14-kmalloc.md, "Three questions". */
	// (void)size;
	// return 0;
	// END SOLUTION
}

/* The physical address of the byte kmalloc() returned as @p. */
phys_addr_t kmalloc_to_phys(const void *p)
{
	// BEGIN SOLUTION ch14
	return __pa(p); /* a lowmem address: the linear map */
	// STUB
	// /* TODO(ch14): see chapters/14-kmalloc.md, "Three questions". */
	// (void)p;
	// return 0;
	// END SOLUTION
}
//< ch14 questions
