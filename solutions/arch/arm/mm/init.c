// SPDX-License-Identifier: GPL-2.0
/*
 * Boot-time memory set-up of ARM (arch/arm/mm/init.c).
 *
 *   bootmem_init()  find the limits of RAM and lowmem (find_limits) and
 *                   size the zones (zone_sizes_init -> free_area_init)
 *   mem_init()      hand every free page to the buddy allocator:
 *                   lowmem in large blocks, at the tail of the free
 *                   lists (memblock_free_all), highmem page by page
 *                   (free_highpages)
 *   pfn_valid()     is a frame RAM the kernel may look at?
 *   free_initmem()  when boot is over, poison the image's init
 *                   sections and give their pages to the buddy
 *                   (chapter 11)
 *
 * Until memblock arrives in chapter 9, boot-time memory is simple: the
 * device tree's RAM banks, minus the 8 MiB image window at the start of
 * RAM, minus the /reserved-memory regions, minus what early_alloc() has
 * handed out (mem_map, the pageblock bitmaps) right after the image.
 * mem_init() is the one place where RAM changes hands; chapter 10
 * replaces its lowmem half with memblock_free_all().
 *
 * SIMPLIFIED(v5.10 mm/memblock.c): a bump allocator stands in for
 * memblock_alloc() until chapter 9.
 */
#include <string.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/panic.h>
#include <asm/machine.h>
#include <asm/memory.h>
#include <asm-generic/sections.h>
#include <asm/setup.h>
#include "../../../mm/internal.h"

phys_addr_t early_alloc_end; /* first byte after the early allocations */

/* Is the frame RAM that the kernel may map (not a no-map region)? */
bool early_pfn_present(unsigned long pfn)
{
	phys_addr_t pa = PFN_PHYS(pfn);
	bool ram = false;

	for (int i = 0; i < meminfo.nr_banks; i++)
		if (pa - meminfo.bank[i].start < meminfo.bank[i].size)
			ram = true;
	for (int i = 0; i < reserved_mem_count; i++)
		if (reserved_mem[i].nomap &&
		    pa - reserved_mem[i].base < reserved_mem[i].size)
			ram = false;
	return ram;
}

/**
 * pfn_valid - may the kernel look at this frame's memory?
 * @pfn: a frame number
 *
 * ARM's answer (memblock_is_map_memory() in Linux): the frame is RAM of
 * a bank and not in a no-map region.  A no-map hole has struct pages in
 * mem_map (FLATMEM covers it) but no frames behind them.
 */
int pfn_valid(unsigned long pfn)
{
	return early_pfn_present(pfn);
}

unsigned long early_start_pfn(void)
{
	return PFN_UP(meminfo.bank[0].start);
}

unsigned long early_end_pfn(void)
{
	const struct membank *last = &meminfo.bank[meminfo.nr_banks - 1];

	return PFN_DOWN(last->start + last->size);
}

/**
 * early_alloc - boot-time memory, zeroed, from just after the image
 * @size: bytes
 * @align: a power of two
 *
 * Return: its kernel virtual address; panics when lowmem is exhausted.
 */
void *__init early_alloc(unsigned long size, unsigned long align)
{
	phys_addr_t pa;

	if (!early_alloc_end)
		early_alloc_end = KERNEL_IMAGE_END;
	pa = ALIGN(early_alloc_end, (phys_addr_t)align);
	if (pa + size > arm_lowmem_limit)
		panic("%s: %lu bytes do not fit in lowmem", __func__, size);
	early_alloc_end = pa + size;
	memset(__va(pa), 0, size);
	return __va(pa);
}

static void find_limits(unsigned long *min, unsigned long *max_low,
			unsigned long *max_high)
{
	*max_low = PFN_DOWN(arm_lowmem_limit);
	*min = early_start_pfn();
	*max_high = early_end_pfn();
}

static void zone_sizes_init(unsigned long min, unsigned long max_low,
			    unsigned long max_high)
{
	unsigned long max_zone_pfn[MAX_NR_ZONES] = { 0 };

	(void)min;
	max_zone_pfn[ZONE_NORMAL] = max_low;
	max_zone_pfn[ZONE_HIGHMEM] = max_high;
	free_area_init(max_zone_pfn);
}

/* bootmem_init - zones and mem_map, from the device tree's RAM */
void __init bootmem_init(void)
{
	adjust_lowmem_bounds();
	find_limits(&min_low_pfn, &max_low_pfn, &max_pfn);
	zone_sizes_init(min_low_pfn, max_low_pfn, max_pfn);
}

/*
 * Free [start, end) in the largest naturally aligned blocks
 * (mm/memblock.c: __free_pages_memory): a range starting at frame
 * 0x60803 goes out as orders 0, 2, 3, ... until alignment allows 10.
 */
static void __free_pages_memory(unsigned long start, unsigned long end)
{
	while (start < end) {
		unsigned int order = min(MAX_ORDER - 1, __builtin_ctzl(start));

		while (start + (1UL << order) > end)
			order--;
		__free_pages_core(pfn_to_page(start), order);
		start += 1UL << order;
	}
}

/*
 * Free the lowmem frames of [start, end) minus every /reserved-memory
 * region (mm/memblock.c: __free_memory_core, over the free ranges).
 * Return: the number of frames freed.
 */
static unsigned long __free_memory_core(unsigned long start, unsigned long end)
{
	unsigned long freed = 0;

	end = min(end, max_low_pfn); /* highmem: free_highpages() */
	for (int i = 0; i < reserved_mem_count && start < end; i++) {
		unsigned long rs = PFN_DOWN(reserved_mem[i].base);
		unsigned long re =
			PFN_UP(reserved_mem[i].base + reserved_mem[i].size);

		if (re <= start || rs >= end)
			continue;
		if (rs > start)
			freed += __free_memory_core(start, rs);
		start = re;
	}
	if (start < end) {
		__free_pages_memory(start, end);
		freed += end - start;
	}
	return freed;
}

/* Is the frame inside a /reserved-memory region? */
static bool pfn_in_reserved_mem(unsigned long pfn)
{
	for (int i = 0; i < reserved_mem_count; i++)
		if (PFN_PHYS(pfn) - reserved_mem[i].base < reserved_mem[i].size)
			return true;
	return false;
}

/*
 * Highmem goes to the allocator one page at a time, as ARM's
 * free_highpages() does it: free_highmem_page() sends each page through
 * __free_page() and the (boot) per-CPU lists to the buddy.
 */
static void free_highpages(void)
{
	for (int i = 0; i < meminfo.nr_banks; i++) {
		unsigned long start = PFN_UP(meminfo.bank[i].start);
		unsigned long end =
			PFN_DOWN(meminfo.bank[i].start + meminfo.bank[i].size);

		for (start = max(start, max_low_pfn); start < end; start++)
			if (!pfn_in_reserved_mem(start))
				free_highmem_page(pfn_to_page(start));
	}
}

/*
 * Managed pages are counted again from zero as memory is freed; until
 * now they held free_area_init()'s estimate (mm/memblock.c).
 */
static void reset_all_zones_managed_pages(void)
{
	struct zone *zone;

	for_each_zone(zone) zone->managed_pages = 0;
}

/**
 * mem_init - hand the free RAM to the buddy allocator
 *
 * Lowmem first, in large blocks (Linux: memblock_free_all()): every
 * bank except the image window and the early allocations at its start
 * and the reserved regions.  Then highmem, page by page.
 */
void __init mem_init(void)
{
	reset_all_zones_managed_pages();
	for (int i = 0; i < meminfo.nr_banks; i++) {
		unsigned long start = PFN_UP(meminfo.bank[i].start);
		unsigned long end =
			PFN_DOWN(meminfo.bank[i].start + meminfo.bank[i].size);

		start = max(start, PFN_UP(early_alloc_end));
		totalram_pages += __free_memory_core(start, end);
	}
	free_highpages();
}

//> ch11 free_initmem
/*
 * Fill the init sections with an undefined instruction, a word at a
 * time: whoever calls an __init function from now on takes an undefined
 * instruction exception instead of running stale code.
 */
static void poison_init_mem(void *s, size_t count)
{
	u32 *p = (u32 *)s;
	size_t n = count;

	machine_text_writable(s, n, true);
	for (; count != 0; count -= 4)
		*p++ = machine_undef_insn;
	machine_text_writable(s, n, false);
}

/**
 * free_initmem - boot is over: the init sections go back to the buddy
 *
 * Poisoned first (poison_init_mem), then freed without a second poison
 * (-1): free_initmem_default() hands [__init_begin, __init_end) to
 * free_reserved_area().  ARM skips that step on the Integrator boards;
 * we skip it on the host, whose image is not in the board's RAM.
 */
void free_initmem(void)
{
	poison_init_mem(__init_begin, __init_end - __init_begin);
	if (machine_image_in_ram())
		free_initmem_default(-1);
}
//< ch11 free_initmem
