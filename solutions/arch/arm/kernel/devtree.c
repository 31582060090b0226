// SPDX-License-Identifier: GPL-2.0
/*
 * Reading the machine's description from its flattened device tree
 * (arch/arm/kernel/devtree.c, drivers/of/fdt.c, of_reserved_mem.c).
 *
 * A .dts source such as arch/arm/boot/dts/vexpress-256m.dts is compiled
 * by dtc into a .dtb blob; libfdt walks the blob.  We read:
 *
 *   /memory@60000000   device_type = "memory", reg = <base size>...
 *   /reserved-memory/NODE reg, no-map, reusable, compatible
 *   /chosen            bootargs
 *   /<device>@<addr>   compatible + reg: device register windows
 *
 * Cells are big-endian 32-bit words; #address-cells and #size-cells of
 * the parent say how many make one address and one size.  ARM32 without
 * LPAE has 32-bit physical addresses, so a 64-bit value must fit in 32.
 *
 * SIMPLIFIED(v5.10 drivers/of/fdt.c: early_init_dt_scan_memory): no
 * "ranges" translation; device nodes sit at the root or below a
 * simple-bus with an identity mapping.
 */
#include <string.h>
#include <libfdt.h>
#include <linux/kernel.h>
#include <asm/machine.h>
#include <asm/setup.h>

struct meminfo meminfo;
struct reserved_mem reserved_mem[MAX_RESERVED_REGIONS];
int reserved_mem_count;
struct iomem_desc iomem[MAX_IOMEM];
int iomem_count;
char boot_command_line[COMMAND_LINE_SIZE];

/* Read one value of @cells big-endian cells; -1 if it needs 33+ bits. */
static int read_cells(const fdt32_t **p, int cells, phys_addr_t *val)
{
	u64 v = 0;

	while (cells--)
		v = (v << 32) | fdt32_to_cpu(*(*p)++);
	if (v >> 32)
		return -1;
	*val = (phys_addr_t)v;
	return 0;
}

/*
 * The first (base, size) pair of a node's "reg".
 * Return: 0, or -1 when there is none or it does not fit 32 bits.
 */
static int node_reg(const void *fdt, int node, int ac, int sc,
		    phys_addr_t *base, phys_addr_t *size)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, "reg", &len);

	if (!p || len < (ac + sc) * 4)
		return -1;
	if (read_cells(&p, ac, base) || read_cells(&p, sc, size))
		return -1;
	return 0;
}

static void copy_str(char *dst, size_t n, const char *src)
{
	strncpy(dst, src ? src : "", n - 1);
	dst[n - 1] = 0;
}

/* Every (base, size) of a memory node becomes a bank. */
static int scan_memory(const void *fdt, int node, int ac, int sc)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, "reg", &len);
	const fdt32_t *end = p + len / 4;

	while (p && end - p >= ac + sc) {
		struct membank *b = &meminfo.bank[meminfo.nr_banks];

		if (meminfo.nr_banks == NR_BANKS) {
			pr_err("devtree: more than %d RAM banks\n", NR_BANKS);
			return -1;
		}
		if (read_cells(&p, ac, &b->start) ||
		    read_cells(&p, sc, &b->size))
			return -1;
		if (b->size)
			meminfo.nr_banks++;
	}
	return 0;
}

static int scan_reserved(const void *fdt, int parent)
{
	int ac = fdt_address_cells(fdt, parent),
	    sc = fdt_size_cells(fdt, parent);
	int node;

	fdt_for_each_subnode(node, fdt, parent)
	{
		struct reserved_mem *r = &reserved_mem[reserved_mem_count];

		if (reserved_mem_count == MAX_RESERVED_REGIONS)
			return -1;
		if (node_reg(fdt, node, ac, sc, &r->base, &r->size))
			continue; /* dynamic placement is not supported */
		copy_str(r->name, sizeof(r->name),
			 fdt_get_name(fdt, node, NULL));
		copy_str(r->compatible, sizeof(r->compatible),
			 fdt_getprop(fdt, node, "compatible", NULL));
		r->nomap = fdt_getprop(fdt, node, "no-map", NULL) != NULL;
		r->reusable = fdt_getprop(fdt, node, "reusable", NULL) != NULL;
		r->is_default = fdt_getprop(fdt, node, "linux,cma-default",
					    NULL) != NULL;
		reserved_mem_count++;
	}
	return 0;
}

static void scan_device(const void *fdt, int node, int ac, int sc)
{
	struct iomem_desc *d = &iomem[iomem_count];
	const char *compat = fdt_getprop(fdt, node, "compatible", NULL);

	if (!compat || iomem_count == MAX_IOMEM)
		return;
	if (node_reg(fdt, node, ac, sc, &d->base, &d->size))
		return;
	copy_str(d->name, sizeof(d->name), fdt_get_name(fdt, node, NULL));
	copy_str(d->compatible, sizeof(d->compatible), compat);
	iomem_count++;
}

static int scan_root(const void *fdt)
{
	int ac = fdt_address_cells(fdt, 0), sc = fdt_size_cells(fdt, 0);
	int node;

	fdt_for_each_subnode(node, fdt, 0)
	{
		const char *name = fdt_get_name(fdt, node, NULL);
		const char *type = fdt_getprop(fdt, node, "device_type", NULL);

		if (type && !strcmp(type, "memory")) {
			if (scan_memory(fdt, node, ac, sc))
				return -1;
		} else if (!strcmp(name, "reserved-memory")) {
			if (scan_reserved(fdt, node))
				return -1;
		} else if (!strcmp(name, "chosen")) {
			copy_str(boot_command_line, COMMAND_LINE_SIZE,
				 fdt_getprop(fdt, node, "bootargs", NULL));
		} else {
			scan_device(fdt, node, ac, sc);
		}
	}
	return 0;
}

/**
 * setup_machine_fdt - read RAM banks, reserved regions and devices
 * @fdt: a flattened device tree blob
 *
 * Return: 0, or -1 when the blob is not a usable device tree (the reason
 * is printed).
 */
int setup_machine_fdt(const void *fdt)
{
	int err = fdt_check_header(fdt);

	memset(&meminfo, 0, sizeof(meminfo));
	reserved_mem_count = iomem_count = 0;
	boot_command_line[0] = 0;
	if (err) {
		pr_err("devtree: bad blob: %s\n", fdt_strerror(err));
		return -1;
	}
	if (scan_root(fdt)) {
		pr_err("devtree: malformed memory or reserved-memory node\n");
		return -1;
	}
	if (!meminfo.nr_banks) {
		pr_err("devtree: no memory node\n");
		return -1;
	}
	return 0;
}

/* The first device whose compatible string is @compatible, or NULL. */
const struct iomem_desc *find_iomem(const char *compatible)
{
	for (int i = 0; i < iomem_count; i++)
		if (!strcmp(iomem[i].compatible, compatible))
			return &iomem[i];
	return NULL;
}

/* A device tree built into the image, by file name ("vexpress-256m"). */
const void *find_builtin_dtb(const char *name)
{
	for (const struct builtin_dtb *d = builtin_dtbs; d->name; d++)
		if (!strcmp(d->name, name))
			return d->blob;
	return NULL;
}
