/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The memory manager's private helpers (mm/internal.h).  Tests may
 * include this file: the functions marked "test seam" exist so that the
 * buddy allocator can be driven and inspected piece by piece.
 */
#ifndef _MM_INTERNAL_H
#define _MM_INTERNAL_H

#include <linux/gfp.h>
#include <linux/mm.h>
#include <asm/pgtable.h>

/*
 * __find_buddy_pfn - the frame number of a block's buddy
 * @page_pfn: first frame of a block of 2^order pages, aligned to its size
 * @order: the block's order
 *
 * A block of order n and its buddy together form the aligned block of
 * order n + 1 that contains them; they differ only in bit n of the
 * frame number, so the buddy is page_pfn XOR (1 << order):
 *
 *   order 1, pfn 0x60008 (...1000b): buddy 0x6000a (...1010b)
 *   order 1, pfn 0x6000a (...1010b): buddy 0x60008
 *   order 3, pfn 0x60008 (...1000b): buddy 0x60000 (...0000b)
 *
 * The merged block starts at the lower of the two: pfn & buddy_pfn.
 */
static inline unsigned long __find_buddy_pfn(unsigned long page_pfn,
					     unsigned int order)
{
	//> ch04 find_buddy
	// BEGIN SOLUTION ch04
	return page_pfn ^ (1UL << order);
	// STUB
	// /* TODO(ch04): flip bit `order`; see chapters/04-buddy.md,
	//    "Finding the buddy". */
	// (void)order;
	// return page_pfn;
	// END SOLUTION
	//< ch04 find_buddy
}

/* The order of a free block, valid only while PageBuddy(page). */
static inline unsigned int buddy_order(const struct page *page)
{
	return (unsigned int)page_private(page);
}

static inline void set_buddy_order(struct page *page, unsigned int order)
{
	set_page_private(page, order);
	__SetPageBuddy(page);
}

/* 3 bits of migratetype and a skip bit per pageblock (pageblock-flags.h) */
#define NR_PAGEBLOCK_BITS 4

/*
 * Free Page Internal flags (in Linux, private to mm/page_alloc.c): how
 * the paths that free a block straight to the buddy, not through the
 * per-CPU lists, want it placed.  FPI_TO_TAIL puts the (possibly
 * merged) block at the tail of its free list, so that it is handed out
 * last: boot memory enters that way (__free_pages_core()).
 */
typedef int fpi_t;
#define FPI_NONE ((fpi_t)0)
#define FPI_TO_TAIL ((fpi_t)(1 << 1))

/* mm/page_alloc.c: the buddy allocator's core (test seams). */
struct page *__rmqueue_smallest(struct zone *zone, unsigned int order,
				int migratetype);
void __free_one_page(struct page *page, unsigned long pfn, struct zone *zone,
		     unsigned int order, int migratetype, fpi_t fpi_flags);
bool page_is_buddy(struct page *page, struct page *buddy, unsigned int order);
void expand(struct zone *zone, struct page *page, int low, int high,
	    int migratetype);
int get_pfnblock_migratetype(struct page *page, unsigned long pfn);
int find_suitable_fallback(struct free_area *area, unsigned int order,
			   int migratetype, bool only_stealable,
			   bool *can_steal);
void steal_suitable_fallback(struct zone *zone, struct page *page,
			     int start_type, bool whole_block);
int move_freepages_block(struct zone *zone, struct page *page, int migratetype,
			 int *num_movable);
void set_pageblock_migratetype(struct page *page, int migratetype);
bool free_pages_prepare(struct page *page, unsigned int order);
void prep_new_page(struct page *page, unsigned int order);

/* While a page is on a pcp list, page->index holds its migratetype. */
static inline int get_pcppage_migratetype(struct page *page)
{
	return (int)page->index;
}

static inline void set_pcppage_migratetype(struct page *page, int migratetype)
{
	page->index = (unsigned long)migratetype;
}

/* The allocator's internal flags (mm/internal.h, Linux 5.10 values). */
#define ALLOC_WMARK_MIN WMARK_MIN
#define ALLOC_WMARK_LOW WMARK_LOW
#define ALLOC_WMARK_HIGH WMARK_HIGH
#define ALLOC_NO_WATERMARKS 0x04 /* don't check watermarks at all */
#define ALLOC_WMARK_MASK (ALLOC_NO_WATERMARKS - 1)
#define ALLOC_OOM 0x08
#define ALLOC_HARDER 0x10 /* try to alloc harder (GFP_ATOMIC) */
#define ALLOC_HIGH 0x20 /* __GFP_HIGH set */
#define ALLOC_CPUSET 0x40
#define ALLOC_CMA 0x80 /* may use CMA pageblocks */
#define ALLOC_KSWAPD 0x800

/* What an allocation asks for, worked out once (struct alloc_context). */
struct alloc_context {
	struct zonelist *zonelist;
	int migratetype;
	enum zone_type highest_zoneidx;
};

bool __zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark,
			 int highest_zoneidx, unsigned int alloc_flags,
			 long free_pages);
struct page *get_page_from_freelist(gfp_t gfp_mask, unsigned int order,
				    int alloc_flags,
				    const struct alloc_context *ac);
unsigned int gfp_to_alloc_flags(gfp_t gfp_mask);

/* chapter 8: isolation and contiguous ranges */
int start_isolate_page_range(unsigned long start_pfn, unsigned long end_pfn,
			     int migratetype);
void undo_isolate_page_range(unsigned long start_pfn, unsigned long end_pfn,
			     int migratetype);
int test_pages_isolated(unsigned long start_pfn, unsigned long end_pfn);
int alloc_contig_range(unsigned long start, unsigned long end,
		       unsigned int migratetype, gfp_t gfp_mask);
void free_contig_range(unsigned long pfn, unsigned long nr_pages);
void __isolate_free_page(struct page *page, unsigned int order);

/* mm/page_alloc.c, chapter 6 */
struct page *rmqueue_buddy(struct zone *zone, unsigned int order,
			   int migratetype);
int zone_batchsize(struct zone *zone);
void zone_pcp_init(struct zone *zone);
void setup_per_cpu_pageset(void);
void free_pcppages_bulk(struct zone *zone, int count,
			struct per_cpu_pages *pcp);
void drain_pages_zone(int cpu, struct zone *zone);
void drain_all_pages(struct zone *zone);

static inline int get_pageblock_migratetype(struct page *page)
{
	return get_pfnblock_migratetype(page, page_to_pfn(page));
}

/* mm/pagebuf_sample.c: chapter 7's example driver (test seams). */
struct pagebuf {
	unsigned long buf; /* 16 KiB, order 2, written by the driver */
	unsigned long table; /* one page, zeroed */
	struct page *user; /* one page for user data, maybe HighMem */
};
extern struct pagebuf pagebuf;
int pagebuf_init(void);
void pagebuf_exit(void);

unsigned long zone_spanned_pages_in_node(int zone_type,
					 unsigned long node_start_pfn,
					 unsigned long node_end_pfn,
					 unsigned long *zone_start_pfn,
					 unsigned long *zone_end_pfn);
struct page *rmqueue(struct zone *zone, unsigned int order, int migratetype);

/* mm/debug.c: a mask and its name, for %pGg (tracepoint-defs.h) */
struct trace_print_flags {
	unsigned long mask;
	const char *name;
};
extern const struct trace_print_flags gfpflag_names[];
extern const struct trace_print_flags pageflag_names[];

/* arch/arm/mm/mmu.c */
extern phys_addr_t arm_lowmem_limit;
void adjust_lowmem_bounds(void);
int early_vmalloc(char *arg); /* the "vmalloc=" boot argument */

/* A free page, count 0, takes its first reference (mm/internal.h). */
static inline void set_page_refcounted(struct page *page)
{
	VM_BUG_ON_PAGE(page_ref_count(page), page);
	set_page_count(page, 1);
}

/* Private and may become writable: what fork() shares copy-on-write. */
static inline bool is_cow_mapping(unsigned long flags)
{
	return (flags & (VM_SHARED | VM_MAYWRITE)) == VM_MAYWRITE;
}

/*
 * The PTE of @addr in @mm if its table exists, else NULL (no
 * allocation): for walks over what is mapped (fork's copy, munmap's
 * zap, rmap's page_mkclean()).
 */
static inline pte_t *pte_lookup(struct mm_struct *mm, unsigned long addr)
{
	pmd_t *pmd = pmd_off(mm, addr);

	return pmd_none(*pmd) ? NULL : pte_offset_kernel(pmd, addr);
}

#endif /* _MM_INTERNAL_H */
