// SPDX-License-Identifier: GPL-2.0
/*
 * The contiguous memory allocator (mm/cma.c).
 *
 *   cma_init_reserved_mem()   record a reserved range as a CMA area
 *                             (rmem_cma_setup(), at boot)
 *   cma_init_reserved_areas() give its pageblocks to the buddy as
 *                             MIGRATE_CMA (only movable pages go there):
 *                             cma_activate_area() (chapter 12)
 *   cma_alloc(cma, count)     find `count` clear bits in the bitmap,
 *                             alloc_contig_range() the frames: movable
 *                             pages in the way are migrated out
 *   cma_release()             free the frames, clear the bits
 *
 *   base_pfn                                      base_pfn + count
 *   |  bitmap: 0 0 1 1 1 0 0 0 ...  (1 bit = 2^order_per_bit pages) |
 *
 * The debugfs files of Linux (/sys/kernel/debug/cma/<name>/used,
 * maxchunk, ...) are cma_used_pages() and cma_maxchunk_pages() here.
 */
#define pr_fmt(fmt) "cma: " fmt

#include <stdio.h>
#include <string.h>
#include <linux/bug.h>
#include <linux/cma.h>
#include <linux/gfp.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/migrate.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include "internal.h"

struct cma cma_areas[MAX_CMA_AREAS];
unsigned int cma_area_count;
unsigned long totalcma_pages; /* pages in all CMA areas */

static unsigned long cma_bitmap_maxno(const struct cma *cma)
{
	return cma->count >> cma->order_per_bit;
}

static bool cma_bit(const struct cma *cma, unsigned long bit)
{
	return cma->bitmap[bit / BITS_PER_LONG] &
	       (1UL << (bit % BITS_PER_LONG));
}

static void cma_set_bits(struct cma *cma, unsigned long bit, unsigned long n,
			 bool set)
{
	for (; n--; bit++) {
		unsigned long mask = 1UL << (bit % BITS_PER_LONG);

		if (set)
			cma->bitmap[bit / BITS_PER_LONG] |= mask;
		else
			cma->bitmap[bit / BITS_PER_LONG] &= ~mask;
	}
}

/*
 * The first run of @nr clear bits at or after @start whose position is
 * a multiple of @mask + 1 (lib/bitmap.c: bitmap_find_next_zero_area).
 * Return: its first bit, or a value >= @size when there is none.
 */
static unsigned long find_zero_area(const struct cma *cma, unsigned long size,
				    unsigned long start, unsigned long nr,
				    unsigned long mask)
{
	for (unsigned long i = (start + mask) & ~mask; i + nr <= size;
	     i = (i + 1 + mask) & ~mask) {
		unsigned long j = 0;

		while (j < nr && !cma_bit(cma, i + j))
			j++;
		if (j == nr)
			return i;
	}
	return size;
}

/**
 * cma_init_reserved_mem - make a CMA area of a reserved range
 * @base: its start, aligned to max(MAX_ORDER - 1, pageblock_order)
 *        pages (4 MiB)
 * @size: its size, a multiple of the same
 * @order_per_bit: pages per bitmap bit, as a power of two
 * @name: the area's name
 * @res_cma: out: the area
 *
 * Records the area only: its pages stay reserved until
 * cma_init_reserved_areas() activates it.
 * Return: 0; -ENOSPC when every slot is taken; -EINVAL for an empty or
 * misaligned range.
 */
int __init cma_init_reserved_mem(phys_addr_t base, phys_addr_t size,
				 unsigned int order_per_bit, const char *name,
				 struct cma **res_cma)
{
	phys_addr_t alignment;
	struct cma *cma;

	if (cma_area_count == MAX_CMA_AREAS) {
		pr_err("Not enough slots for CMA reserved regions!\n");
		return -ENOSPC;
	}
	/* the range must be memblock's already (reserved by the DT scan) */
	if (!size || !memblock_is_region_reserved(base, size))
		return -EINVAL;
	alignment = PAGE_SIZE
		    << max_t(unsigned long, MAX_ORDER - 1, pageblock_order);
	if (!IS_ALIGNED(alignment >> PAGE_SHIFT, 1UL << order_per_bit))
		return -EINVAL;
	if (ALIGN(base, alignment) != base || ALIGN(size, alignment) != size)
		return -EINVAL;
	cma = &cma_areas[cma_area_count];
	snprintf(cma->name, sizeof(cma->name), "%s", name);
	cma->base_pfn = PFN_DOWN(base);
	cma->count = size >> PAGE_SHIFT;
	cma->order_per_bit = order_per_bit;
	cma->bitmap = NULL;
	*res_cma = cma;
	cma_area_count++;
	totalcma_pages += size / PAGE_SIZE;
	return 0;
}

/* The order of the pages that hold the bitmap (get_order()). */
static unsigned int cma_bitmap_order(const struct cma *cma)
{
	unsigned long bytes =
		DIV_ROUND_UP(cma_bitmap_maxno(cma), BITS_PER_LONG) *
		sizeof(long);
	unsigned int order = 0;

	while ((PAGE_SIZE << order) < bytes)
		order++;
	return order;
}

/*
 * The bitmap: one bit per 2^order_per_bit pages, all clear.
 * SIMPLIFIED(v5.10 mm/cma.c: bitmap_zalloc): whole pages from the buddy
 * allocator until kmalloc (chapter 14).
 */
static unsigned long *cma_bitmap_zalloc(const struct cma *cma)
{
	return (unsigned long *)__get_free_pages(GFP_KERNEL | __GFP_ZERO,
						 cma_bitmap_order(cma));
}

//> ch12 cma_activate_area
/*
 * Hand the area's pages to the buddy allocator as MIGRATE_CMA
 * pageblocks, after checking that every page is valid and in the zone
 * of the first: alloc_contig_range() works within one zone.  An area
 * that fails is reported and left empty (count 0), its pages reserved.
 */
static void __init cma_activate_area(struct cma *cma)
{
	unsigned long base_pfn = cma->base_pfn, pfn = base_pfn;
	unsigned long i = cma->count >> pageblock_order;
	struct zone *zone;

	cma->bitmap = cma_bitmap_zalloc(cma);
	if (!cma->bitmap)
		goto out_error;
	WARN_ON_ONCE(!pfn_valid(pfn));
	zone = page_zone(pfn_to_page(pfn));
	/* TODO(ch12): check each pageblock's pages (valid, one zone),
	   then init_cma_reserved_pageblock() it; see
	   chapters/12-cma-boot.md, "cma_activate_area". */
	(void)i, (void)base_pfn;
	if (zone != page_zone(pfn_to_page(pfn)))
		goto not_in_zone;
	return;

not_in_zone:
	free_pages((unsigned long)cma->bitmap, cma_bitmap_order(cma));
	cma->bitmap = NULL;
out_error:
	cma->count = 0;
	pr_err("CMA area %s could not be activated\n", cma->name);
}
//< ch12 cma_activate_area

/**
 * cma_init_reserved_areas - activate every area (a core_initcall)
 *
 * Runs after mem_init(): the areas' pages were kept out of the buddy
 * then, and join it now, pageblock by pageblock, as MIGRATE_CMA.
 * Return: 0.
 */
int __init cma_init_reserved_areas(void)
{
	for (unsigned int i = 0; i < cma_area_count; i++)
		cma_activate_area(&cma_areas[i]);
	return 0;
}

//> ch08 cma_alloc
/**
 * cma_alloc - allocate @count contiguous pages from a CMA area
 * @cma: the area
 * @count: pages wanted
 * @align: the block's alignment, as an order of pages
 * @no_warn: fail silently
 *
 * Try each free run of the bitmap in turn: mark it taken, then ask
 * alloc_contig_range() for its frames; if a page there cannot be moved
 * (-EBUSY), clear the bits and try a little further on.
 * Return: the first page, or NULL.
 */
struct page *cma_alloc(struct cma *cma, size_t count, unsigned int align,
		       bool no_warn)
{
	unsigned long mask = 0, bitmap_count, start = 0;
	struct page *page = NULL;
	int ret = -ENOMEM;

	if (!cma || !cma->count || !count)
		return NULL;
	if (align > cma->order_per_bit)
		mask = (1UL << (align - cma->order_per_bit)) - 1;
	bitmap_count =
		ALIGN(count, 1UL << cma->order_per_bit) >> cma->order_per_bit;
	/* TODO(ch08): search the bitmap, take the range, retry on busy;
	   see chapters/08-cma.md, "cma_alloc". */
	(void)start, (void)bitmap_count, (void)find_zero_area, (void)mask;
	(void)cma_set_bits;
	if (!page && !no_warn)
		pr_err("%s: %s: alloc failed, req-size: %lu pages, ret: %d\n",
		       __func__, cma->name, (unsigned long)count, ret);
	return page;
}
//< ch08 cma_alloc

//> ch08 cma_release
/**
 * cma_release - give back pages from cma_alloc()
 * Return: false if @pages is not from @cma.
 */
bool cma_release(struct cma *cma, const struct page *pages, unsigned int count)
{
	/* TODO(ch08): check the range, free the pages, clear the bits;
	   see chapters/08-cma.md, "cma_release". */
	(void)cma, (void)pages, (void)count;
	return false;
}
//< ch08 cma_release

/* debugfs "used": pages handed out */
unsigned long cma_used_pages(const struct cma *cma)
{
	unsigned long used = 0;

	for (unsigned long b = 0; b < cma_bitmap_maxno(cma); b++)
		used += cma_bit(cma, b);
	return used << cma->order_per_bit;
}

/* debugfs "maxchunk": the longest free run, in pages */
unsigned long cma_maxchunk_pages(const struct cma *cma)
{
	unsigned long best = 0, run = 0;

	for (unsigned long b = 0; b < cma_bitmap_maxno(cma); b++) {
		run = cma_bit(cma, b) ? 0 : run + 1;
		best = max(best, run);
	}
	return best << cma->order_per_bit;
}
