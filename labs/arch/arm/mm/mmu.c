// SPDX-License-Identifier: GPL-2.0
/*
 * Where lowmem ends (arch/arm/mm/mmu.c: adjust_lowmem_bounds).
 *
 * The kernel maps RAM linearly from PAGE_OFFSET, but the top of the
 * address space is kept for vmalloc, ioremap, fixmap and the vectors:
 * at least 240 MiB (plus an 8 MiB guard) below VMALLOC_END.  So the
 * linear map may reach up to
 *
 *   vmalloc_min = VMALLOC_END - 240 MiB - VMALLOC_OFFSET
 *               = 0xff800000 - 0x0f000000 - 0x00800000 = 0xf0000000
 *
 * and RAM beyond PHYS_OFFSET + (vmalloc_min - PAGE_OFFSET), 768 MiB
 * with the 3G/1G split, is highmem.  (Kernels before VMALLOC_END moved
 * up to 0xff800000 stopped at 0xef800000: the "760 MB" of many boot
 * logs.)  Chapter 22 works through the other splits.  The banks are
 * memblock.memory's regions (chapter 9); memblock's allocations stay
 * below the limit found here.
 */
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <asm/memory.h>
#include <asm/setup.h>
#include "../../../mm/internal.h"

phys_addr_t arm_lowmem_limit;
void *high_memory;

#define VMALLOC_MIN (VMALLOC_END - (240UL << 20) - VMALLOC_OFFSET)

/* arm_lowmem_limit - the end of the RAM the linear map can hold */
void adjust_lowmem_bounds(void)
{
	phys_addr_t vmalloc_limit = __pa(VMALLOC_MIN - 1) + 1;
	phys_addr_t lowmem_limit = 0, start, end;
	u64 i;

	for_each_mem_range(i, &start, &end) {
		if (start >= vmalloc_limit)
			continue;
		lowmem_limit = max(lowmem_limit, min(end, vmalloc_limit));
	}
	arm_lowmem_limit = lowmem_limit;
	high_memory = (char *)__va(arm_lowmem_limit - 1) + 1;
	/* memblock_alloc() hands out lowmem only: __va() must work */
	memblock_set_current_limit(arm_lowmem_limit);
}
