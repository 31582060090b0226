// SPDX-License-Identifier: GPL-2.0
/*
 * CMA areas from the device tree (kernel/dma/contiguous.c).
 *
 * A /reserved-memory node with compatible = "shared-dma-pool" and the
 * property "reusable" becomes a CMA area; "linux,cma-default" makes it
 * the area drivers get when they name none:
 *
 *   linux,cma@68000000 {
 *           compatible = "shared-dma-pool";
 *           reusable;
 *           reg = <0x68000000 0x04000000>;
 *           linux,cma-default;
 *   };
 *
 * RESERVEDMEM_OF_DECLARE registers rmem_cma_setup() for that compatible
 * string; fdt_init_reserved_mem() (drivers/of/of_reserved_mem.c) calls
 * it at boot, long before the area's pages can go to the buddy
 * allocator: cma_init_reserved_areas() does that later (mm/cma.c).
 *
 * Linux's other way to an area, the "cma=64M" command line or
 * CONFIG_CMA_SIZE_MBYTES (dma_contiguous_reserve() ->
 * cma_declare_contiguous(), which prints "cma: Reserved 64 MiB at
 * ..."), needs memblock to find the place; we have only this one.
 */
#include <string.h>
#include <linux/cma.h>
#include <linux/dma-map-ops.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/of_reserved_mem.h>

struct cma *dma_contiguous_default_area;

//> ch12 rmem_cma_setup
/**
 * rmem_cma_setup - make a CMA area of a "shared-dma-pool" region
 * @rmem: the region, as the device tree describes it
 *
 * Only a reusable region may become CMA (the kernel lends its pages to
 * movable allocations), and so a no-map region never can.  The region
 * must be aligned, base and size, to the larger of a MAX_ORDER - 1
 * block and a pageblock: 4 MiB.
 * Return: 0, or -EINVAL for a region that cannot be an area.
 */
static int __init rmem_cma_setup(struct reserved_mem *rmem)
{
	phys_addr_t align = PAGE_SIZE << max(MAX_ORDER - 1, pageblock_order);
	phys_addr_t mask = align - 1;
	struct cma *cma;
	int err;

	/* TODO(ch12): refuse a region that is not reusable, or no-map,
	   or not aligned to align (with its message); see
	   chapters/12-cma-boot.md, "rmem_cma_setup". */
	(void)mask;
	return -EINVAL;
	err = cma_init_reserved_mem(rmem->base, rmem->size, 0, rmem->name,
				    &cma);
	if (err) {
		pr_err("Reserved memory: unable to setup CMA region\n");
		return err;
	}
	if (rmem->is_default)
		dma_contiguous_default_area = cma;
	pr_info("Reserved memory: created CMA memory pool at %#010x, size "
		"%ld MiB\n",
		rmem->base, (unsigned long)rmem->size / (1024 * 1024));
	return 0;
}
RESERVEDMEM_OF_DECLARE(cma, "shared-dma-pool", rmem_cma_setup);
//< ch12 rmem_cma_setup

//> ch36 dma_alloc_from_contiguous
/**
 * dma_alloc_from_contiguous - @count contiguous pages for @dev's DMA
 * @dev: the device (NULL here: the default area)
 * @count: how many pages
 * @align: the order the first page's frame number is aligned to,
 *         at most CONFIG_CMA_ALIGNMENT (1 MiB)
 * @no_warn: no message when it fails
 *
 * Return: the first page, or NULL.  What dma_alloc_coherent() and
 * dma_alloc_wc() use for a buffer too big, or needed too surely, for
 * the buddy allocator.
 */
struct page *dma_alloc_from_contiguous(struct device *dev, size_t count,
				       unsigned int align, bool no_warn)
{
	if (align > CONFIG_CMA_ALIGNMENT)
		align = CONFIG_CMA_ALIGNMENT;
	return cma_alloc(dev_get_cma_area(dev), count, align, no_warn);
}

/**
 * dma_release_from_contiguous - give back dma_alloc_from_contiguous()'s
 * Return: false when @pages is not from @dev's area.
 */
bool dma_release_from_contiguous(struct device *dev, struct page *pages,
				 int count)
{
	return cma_release(dev_get_cma_area(dev), pages, (unsigned int)count);
}
//< ch36 dma_alloc_from_contiguous
