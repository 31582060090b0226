// SPDX-License-Identifier: GPL-2.0
/*
 * The physical address space in the resource tree, at boot (v5.10
 * arch/arm/kernel/setup.c: request_standard_resources()): each memblock
 * range of RAM as "System RAM", with "Kernel code" and "Kernel data"
 * inside the one that holds the image.  Then a resource for each device
 * of the device tree, named by its node, as the platform bus makes them
 * (of_platform_populate() -> of_device_alloc()), not busy: its driver
 * claims the registers inside it with request_mem_region() (chapter 27).
 *
 * SIMPLIFIED(v5.10): one function for the devices instead of the
 * platform and AMBA buses; "Kernel data" ends at the kernel's own bss
 * (__bss_stop), where 5.10's ends at _end, because our image's end
 * holds the test harness too.
 */
#include <linux/ioport.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/panic.h>
#include <linux/slab.h>
#include <asm/memory.h>
#include <asm/setup.h>
#include <asm-generic/sections.h>

static struct resource kernel_code = {
	.name = "Kernel code",
	.flags = IORESOURCE_BUSY | IORESOURCE_SYSTEM_RAM,
};

static struct resource kernel_data = {
	.name = "Kernel data",
	.flags = IORESOURCE_BUSY | IORESOURCE_SYSTEM_RAM,
};

//> ch27 request_standard_resources
void request_standard_resources(void)
{
	phys_addr_t start, end, res_end;
	struct resource *res;
	u64 i;

	kernel_code.start = virt_to_idmap(_text);
	kernel_code.end = virt_to_idmap(__init_begin) - 1;
	kernel_data.start = virt_to_idmap(_sdata);
	kernel_data.end = virt_to_idmap(__bss_stop) - 1;

	for_each_mem_range(i, &start, &end) {
		/*
		 * In memblock, end points to the first byte after the
		 * range while in resourses, end points to the last byte in
		 * the range.
		 */
		res_end = end - 1;

		res = memblock_alloc(sizeof(*res), SMP_CACHE_BYTES);
		if (!res)
			panic("%s: Failed to allocate %zu bytes\n", __func__,
			      sizeof(*res));

		res->name = "System RAM";
		res->start = start;
		res->end = res_end;
		res->flags = IORESOURCE_SYSTEM_RAM | IORESOURCE_BUSY;

		request_resource(&iomem_resource, res);

		if (kernel_code.start >= res->start &&
		    kernel_code.end <= res->end)
			request_resource(res, &kernel_code);
		if (kernel_data.start >= res->start &&
		    kernel_data.end <= res->end)
			request_resource(res, &kernel_data);
	}
}
//< ch27 request_standard_resources

/* Each device node's registers, as a resource nobody has claimed yet. */
void of_iomem_populate(void)
{
	for (int i = 0; i < iomem_count; i++) {
		struct resource *res = kzalloc(sizeof(*res), GFP_KERNEL);

		/* ZERO_OR_NULL_PTR: a tree whose kmalloc is a stub compiles */
		if (ZERO_OR_NULL_PTR(res))
			panic("of_iomem_populate: no memory");
		res->name = iomem[i].name;
		res->start = iomem[i].base;
		res->end = iomem[i].base + iomem[i].size - 1;
		res->flags = IORESOURCE_MEM;
		if (request_resource(&iomem_resource, res))
			pr_warn("%s: cannot claim %pa\n", iomem[i].name,
				&iomem[i].base);
	}
}
