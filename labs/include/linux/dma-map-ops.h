/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What DMA drivers and the DMA mapping code share
 * (include/linux/dma-map-ops.h): here, the contiguous (CMA) allocator
 * of kernel/dma/contiguous.c.
 */
#ifndef _LINUX_DMA_MAP_OPS_H
#define _LINUX_DMA_MAP_OPS_H

#include <linux/cma.h>
#include <linux/types.h>

struct device;
struct page;

/*
 * The CMA area of @dev.  SIMPLIFIED(v5.10): there are no struct devices
 * (and so no per-device areas, dev->cma_area): every driver gets the
 * default area, the one the device tree marks "linux,cma-default".
 */
static inline struct cma *dev_get_cma_area(struct device *dev)
{
	(void)dev;
	return dma_contiguous_default_area;
}

/* CONFIG_CMA_ALIGNMENT: the largest alignment asked of CMA, an order */
#define CONFIG_CMA_ALIGNMENT 8

struct page *dma_alloc_from_contiguous(struct device *dev, size_t count,
				       unsigned int align, bool no_warn);
bool dma_release_from_contiguous(struct device *dev, struct page *pages,
				 int count);

#endif /* _LINUX_DMA_MAP_OPS_H */
