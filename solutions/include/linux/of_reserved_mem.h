/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reserved memory regions of the device tree and their drivers
 * (include/linux/of_reserved_mem.h).
 *
 * A child of /reserved-memory is a struct reserved_mem (asm/setup.h).
 * Code that knows what to do with a kind of region declares an init
 * function for its compatible string:
 *
 *   RESERVEDMEM_OF_DECLARE(cma, "shared-dma-pool", rmem_cma_setup);
 *
 * The declaration is a struct of_device_id placed in the section
 * __reservedmem_of_table; the linker gathers every file's entries into
 * one table, and fdt_init_reserved_mem() (drivers/of/of_reserved_mem.c)
 * calls the init function of each region's compatible string at boot.
 *
 * SIMPLIFIED(v5.10 include/linux/of_reserved_mem.h): of_device_id has
 * only compatible and data; the table ends where the linker says
 * (__stop___reservedmem_of_table), not at a sentinel entry; no
 * reserved_mem_ops (no struct device to attach a region to).
 */
#ifndef _LINUX_OF_RESERVED_MEM_H
#define _LINUX_OF_RESERVED_MEM_H

#include <linux/compiler.h>
#include <linux/errno.h>
#include <asm/setup.h>

struct of_device_id {
	char compatible[32]; /* the "compatible" string matched */
	const void *data; /* here: the reservedmem_of_init_fn */
};

typedef int (*reservedmem_of_init_fn)(struct reserved_mem *rmem);

#define RESERVEDMEM_OF_DECLARE(name, compat, init)                           \
	static const struct of_device_id __reservedmem_of_##name __used      \
		__section("__reservedmem_of_table") __aligned(               \
			sizeof(void *)) = {                                  \
			.compatible = compat,                                \
			.data = (const void *)(reservedmem_of_init_fn)(init) \
		}

void fdt_init_reserved_mem(void);

#endif /* _LINUX_OF_RESERVED_MEM_H */
