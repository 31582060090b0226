// SPDX-License-Identifier: GPL-2.0
/*
 * Giving each /reserved-memory region to the code that knows it
 * (drivers/of/of_reserved_mem.c).
 *
 * At boot (setup_arch -> arm_memblock_init ->
 * early_init_fdt_scan_reserved_mem) every child of /reserved-memory is
 * reserved, and fdt_init_reserved_mem() then looks up an init function
 * for it by its compatible string:
 *
 *   reserved_mem[i]  "shared-dma-pool"  --> __reservedmem_of_table
 *                                           { "shared-dma-pool",
 *                                             rmem_cma_setup }  ...
 *
 * A region no init function claims (-ENOENT) simply stays reserved,
 * like the board's no-map frame buffer.  A region whose init function
 * refuses it is a mistake in the device tree: Linux says so and gives
 * the range back as ordinary RAM.
 *
 * SIMPLIFIED(v5.10 drivers/of/of_reserved_mem.c): reserved_mem[] is
 * filled by arch/arm/kernel/devtree.c; a range given back also leaves
 * it (Linux keeps the entry).  No overlap check, no dynamically placed
 * (size-only) regions, no phandles.
 */
#define pr_fmt(fmt) "OF: reserved mem: " fmt

#include <string.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/of_reserved_mem.h>

/* The linker's bounds of the section (RESERVEDMEM_OF_DECLARE). */
extern const struct of_device_id __start___reservedmem_of_table[];
extern const struct of_device_id __stop___reservedmem_of_table[];

/* Call the init function of @rmem's compatible; -ENOENT if none. */
static int __init __reserved_mem_init_node(struct reserved_mem *rmem)
{
	const struct of_device_id *i;
	int ret = -ENOENT;

	for (i = __start___reservedmem_of_table;
	     i < __stop___reservedmem_of_table; i++) {
		reservedmem_of_init_fn initfn = (reservedmem_of_init_fn)i->data;
		const char *compat = i->compatible;

		if (strcmp(rmem->compatible, compat))
			continue;
		ret = initfn(rmem);
		if (ret == 0) {
			pr_info("initialized node %s, compatible id %s\n",
				rmem->name, compat);
			break;
		}
	}
	return ret;
}

/*
 * The range is RAM again: memblock forgets the reservation, and a no-map
 * range, removed from memory by the scan, is added back.  It leaves the
 * list of regions too, so that nothing later takes it for reserved.
 */
static void __init reserved_mem_give_back(int i)
{
	struct reserved_mem *rmem = &reserved_mem[i];

	memblock_free(rmem->base, rmem->size);
	if (rmem->nomap)
		memblock_add(rmem->base, rmem->size);
	memmove(&reserved_mem[i], &reserved_mem[i + 1],
		(reserved_mem_count - i - 1) * sizeof(reserved_mem[0]));
	reserved_mem_count--;
}

/**
 * fdt_init_reserved_mem - run the init function of every reserved region
 *
 * A region refused by its init function is reported ("node NAME
 * compatible matching fail") and given back to the RAM the buddy
 * allocator will manage.
 */
void __init fdt_init_reserved_mem(void)
{
	for (int i = 0; i < reserved_mem_count; i++) {
		struct reserved_mem *rmem = &reserved_mem[i];
		int err = __reserved_mem_init_node(rmem);

		if (err != 0 && err != -ENOENT) {
			pr_info("node %s compatible matching fail\n",
				rmem->name);
			reserved_mem_give_back(i--);
		}
	}
}
