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
