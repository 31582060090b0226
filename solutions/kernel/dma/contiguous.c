// SPDX-License-Identifier: GPL-2.0
/*
 * CMA areas from the device tree (kernel/dma/contiguous.c,
 * drivers/of/of_reserved_mem.c).
 *
 * A /reserved-memory node with compatible = "shared-dma-pool" and the
 * property "reusable" becomes a CMA area; "linux,cma-default" makes it
 * the area drivers get when they name none.  A "no-map" pool could not
 * be lent to the buddy and is refused, as rmem_cma_setup() does.
 */
#include <string.h>
#include <linux/cma.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <asm/setup.h>

struct cma *dma_contiguous_default_area;

static int __init rmem_cma_setup(struct reserved_mem *rmem)
{
	struct cma *cma;
	int err;

	if (!rmem->reusable || rmem->nomap)
		return -22; /* -EINVAL */
	err = cma_init_reserved_mem(rmem->base, rmem->size, 0, rmem->name,
				    &cma);
	if (err) {
		pr_err("Reserved memory: unable to setup CMA region\n");
		return err;
	}
	if (rmem->is_default)
		dma_contiguous_default_area = cma;
	pr_info("Reserved memory: created CMA memory pool at %#010x, size "
		"%u MiB\n",
		rmem->base, rmem->size / (1024 * 1024));
	return 0;
}

void __init dma_contiguous_reserve_from_dt(void)
{
	for (int i = 0; i < reserved_mem_count; i++)
		if (!strcmp(reserved_mem[i].compatible, "shared-dma-pool"))
			rmem_cma_setup(&reserved_mem[i]);
}
