// SPDX-License-Identifier: GPL-2.0
/*
 * How much RAM is there, and where?  Read it from the device tree.
 *
 * A boot loader tells the kernel about RAM with /memory nodes:
 *
 *   / { #address-cells = <1>; #size-cells = <1>;
 *       memory@60000000 { device_type = "memory";
 *                         reg = <0x60000000 0x10000000>; }; };
 *
 * "reg" is a list of (base, size) pairs.  Each number is #address-cells
 * (or #size-cells) big-endian 32-bit cells of the root node, so a board
 * with 64-bit cells writes <0 0x60000000 0 0x10000000>.  Any node whose
 * device_type is "memory" counts, whatever its name.
 *
 * The kernel manages RAM in whole page frames, so each bank is clipped:
 *
 *   DT bank     |...0x60000800 ...................... 0x60003fff|
 *   frames      |  0x60000 |  0x60001 |  0x60002 |  0x60003 |
 *   kept              ^ base rounded up    size rounded down ^
 *                     [0x60001000,                 0x60004000)
 *
 * and, because ARM32 without LPAE has 32-bit physical addresses, memory
 * above 4 GiB is dropped and memory below PHYS_OFFSET (the start of the
 * kernel's linear map) too.  These are the rules of Linux's
 * early_init_dt_scan_memory() and early_init_dt_add_memory_arch() in
 * drivers/of/fdt.c, with their warnings.
 *
 * SIMPLIFIED(v5.10 drivers/of/fdt.c: early_init_dt_scan_memory): banks go
 * into an array, not memblock; no "linux,usable-memory" and no
 * "hotpluggable"; only memory nodes directly below the root.
 */
#include <linux/errno.h>
#include <string.h>
#include <libfdt.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/of_fdt.h>
#include <linux/pfn.h>
#include <asm/memory.h>

/* The highest address a 32-bit phys_addr_t names (MAX_MEMBLOCK_ADDR). */
#define MAX_PHYS_ADDR ((u64)(phys_addr_t)~0)

/* Say which part of a bank is dropped, in Linux's words. */
static void dt_warn_ignored(const char *what, u64 start, u64 end)
{
	pr_warn("Ignoring memory %s 0x%llx - 0x%llx\n", what, start, end);
}

//> ch01 clip-bank
/**
 * dt_clip_memory_bank - keep the whole pages of one RAM range
 * @base: first byte of the range, as the device tree gives it
 * @size: its length in bytes
 * @bank: where the clipped bank goes
 *
 * Rounds @base up and the end down to page boundaries, drops what lies
 * above 4 GiB or below PHYS_OFFSET, and warns ("Ignoring memory block
 * ..." / "Ignoring memory range ...") as Linux does.
 *
 * Return: true if at least one whole page is left in @bank.
 */
bool dt_clip_memory_bank(u64 base, u64 size, struct membank *bank)
{
	// BEGIN SOLUTION ch01
	u64 head = (PAGE_SIZE - (base & ~PAGE_MASK)) & ~PAGE_MASK;
	u64 end;

	if (size < head + PAGE_SIZE) {
		dt_warn_ignored("block", base, base + size);
		return false;
	}
	/* Whole frames only: start up, end down. */
	base += head;
	end = (base + size - head) & PAGE_MASK;
	if (base > MAX_PHYS_ADDR || end <= PHYS_OFFSET) {
		dt_warn_ignored("block", base, end);
		return false;
	}
	if (end - 1 > MAX_PHYS_ADDR) {
		dt_warn_ignored("range", MAX_PHYS_ADDR + 1, end);
		end = MAX_PHYS_ADDR + 1;
	}
	if (base < PHYS_OFFSET) {
		dt_warn_ignored("range", base, PHYS_OFFSET);
		base = PHYS_OFFSET;
	}
	bank->start = (phys_addr_t)base;
	bank->size = (phys_addr_t)(end - base);
	return true;
	// STUB
	// /* TODO(ch01): round base up and base + size down to
	//    pages, drop what is above 4 GiB or below PHYS_OFFSET;
	//    see chapters/01-memory-management.md,
	//    "Clipping a bank". */
	// (void)dt_warn_ignored;
	// return false;
	// END SOLUTION
}
//< ch01 clip-bank

/* Read one number of @cells big-endian cells and step past it. */
static u64 dt_next_cell(int cells, const fdt32_t **p)
{
	u64 v = 0;

	while (cells--)
		v = (v << 32) | fdt32_to_cpu(*(*p)++);
	return v;
}

/* Is @node a RAM node (device_type = "memory")? */
static bool dt_is_memory(const void *fdt, int node)
{
	const char *type = fdt_getprop(fdt, node, "device_type", NULL);

	return type && !strcmp(type, "memory");
}

//> ch01 read-banks
/**
 * dt_read_memory_banks - the RAM banks a device tree describes
 * @fdt: a flattened device tree blob
 * @out: array of banks to fill, in the order the tree lists them
 * @max: its length
 *
 * Every (base, size) pair of every memory node below the root, clipped
 * by dt_clip_memory_bank(); pairs of size 0 and pairs with no whole
 * page are left out.
 *
 * Return: the number of banks, -EINVAL if @fdt is not a device tree,
 * or -ENOSPC if it has more than @max banks.
 */
int dt_read_memory_banks(const void *fdt, struct membank *out, int max)
{
	// BEGIN SOLUTION ch01
	int ac, sc, node, len, n = 0;

	if (fdt_check_header(fdt))
		return -EINVAL;
	ac = fdt_address_cells(fdt, 0);
	sc = fdt_size_cells(fdt, 0);
	fdt_for_each_subnode(node, fdt, 0)
	{
		const fdt32_t *reg, *end;

		if (!dt_is_memory(fdt, node))
			continue;
		reg = fdt_getprop(fdt, node, "reg", &len);
		if (!reg)
			continue;
		end = reg + len / 4;
		while (end - reg >= ac + sc) {
			u64 base = dt_next_cell(ac, &reg);
			u64 size = dt_next_cell(sc, &reg);

			if (!size)
				continue;
			if (n == max)
				return -ENOSPC;
			if (dt_clip_memory_bank(base, size, &out[n]))
				n++;
		}
	}
	return n;
	// STUB
	// /* TODO(ch01): walk the root's subnodes with libfdt, read
	//    each memory node's "reg" with dt_next_cell(); see
	//    chapters/01-memory-management.md, "Reading the banks". */
	// (void)dt_next_cell;
	// (void)dt_is_memory;
	// return 0;
	// END SOLUTION
}
//< ch01 read-banks

/**
 * dt_total_ram_pages - how many page frames of RAM the tree describes
 * @fdt: a flattened device tree blob
 *
 * Return: the number of whole frames in all banks, 0 if the tree is
 * not readable.
 */
unsigned long dt_total_ram_pages(const void *fdt)
{
	// BEGIN SOLUTION ch01
	struct membank banks[NR_BANKS];
	int n = dt_read_memory_banks(fdt, banks, NR_BANKS);
	unsigned long pages = 0;

	for (int i = 0; i < n; i++)
		pages += PFN_DOWN(banks[i].start + (u64)banks[i].size) -
			 PFN_UP((u64)banks[i].start);
	return pages;
	// STUB
	// /* TODO(ch01): sum, over the banks, the frames from PFN_UP(start)
	//    to PFN_DOWN(end); see chapters/01-memory-management.md,
	//    "Counting frames". */
	// return 0;
	// END SOLUTION
}
