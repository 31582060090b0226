/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the device tree tells the kernel about the machine
 * (arch/arm/kernel/devtree.c, drivers/of/fdt.c, of_reserved_mem.c).
 *
 * meminfo lists the RAM banks, as ARM Linux did before memblock took the
 * job (v3.15); chapters 1-8 feed the page allocator from it, chapter 9
 * hands it to memblock.  reserved_mem lists the /reserved-memory nodes
 * (Linux's struct reserved_mem); iomem lists the devices' register
 * windows.
 */
#ifndef _ASM_ARM_SETUP_H
#define _ASM_ARM_SETUP_H

#include <linux/types.h>

#define NR_BANKS 8
#define MAX_RESERVED_REGIONS 16
#define MAX_IOMEM 16
#define COMMAND_LINE_SIZE 256

struct membank {
	phys_addr_t start;
	phys_addr_t size;
};

struct meminfo {
	int nr_banks;
	struct membank bank[NR_BANKS];
};

struct reserved_mem {
	char name[32]; /* node name, e.g. "linux,cma@68000000" */
	char compatible[32]; /* e.g. "shared-dma-pool"; may be empty */
	phys_addr_t base;
	phys_addr_t size;
	bool nomap; /* "no-map": not even in the linear map */
	bool reusable; /* "reusable": the kernel may borrow it (CMA) */
	bool is_default; /* "linux,cma-default" */
};

struct iomem_desc {
	char name[32]; /* node name, e.g. "uart@10009000" */
	char compatible[32]; /* first string, e.g. "arm,pl011" */
	phys_addr_t base;
	phys_addr_t size;
};

extern struct meminfo meminfo;
extern struct reserved_mem reserved_mem[MAX_RESERVED_REGIONS];
extern int reserved_mem_count;
extern struct iomem_desc iomem[MAX_IOMEM];
extern int iomem_count;
extern char boot_command_line[COMMAND_LINE_SIZE];

int setup_machine_fdt(const void *fdt);
const struct iomem_desc *find_iomem(const char *compatible);

#endif /* _ASM_ARM_SETUP_H */
