/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The contiguous memory allocator (include/linux/cma.h, mm/cma.h).
 *
 * A CMA area is a range of RAM reserved at boot for large physically
 * contiguous buffers (camera frames, DMA rings).  Until a driver needs
 * it, its pageblocks are MIGRATE_CMA and serve movable allocations; a
 * bitmap (one bit per 2^order_per_bit pages) records what cma_alloc()
 * has handed out.
 */
#ifndef _LINUX_CMA_H
#define _LINUX_CMA_H

#include <linux/errno.h>
#include <linux/types.h>

#define MAX_CMA_AREAS 8 /* 1 + CONFIG_CMA_AREAS (7) */
#define CMA_MAX_NAME 64

struct page;

//> ch08 struct_cma
struct cma {
	unsigned long base_pfn;
	unsigned long count; /* pages in the area */
	unsigned long *bitmap; /* 1 bit per 2^order_per_bit pages */
	unsigned int order_per_bit; /* log2 of the pages per bit */
	char name[CMA_MAX_NAME];
};

extern struct cma cma_areas[MAX_CMA_AREAS];
extern unsigned int cma_area_count; /* cma_areas[] in use */
//< ch08 struct_cma
extern unsigned long totalcma_pages;

int cma_init_reserved_mem(phys_addr_t base, phys_addr_t size,
			  unsigned int order_per_bit, const char *name,
			  struct cma **res_cma);
int cma_init_reserved_areas(void);
struct page *cma_alloc(struct cma *cma, size_t count, unsigned int align,
		       bool no_warn);
bool cma_release(struct cma *cma, const struct page *pages, unsigned int count);
unsigned long cma_used_pages(const struct cma *cma);
unsigned long cma_maxchunk_pages(const struct cma *cma);

/* kernel/dma/contiguous.c: the default area of the device tree */
extern struct cma *dma_contiguous_default_area;

#endif /* _LINUX_CMA_H */
