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
#include <asm/cp15.h>
#include <asm/memory.h>
#include <asm/pgtable.h>
#include <asm/proc-fns.h>
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

/*
 * map_lowmem - the linear map of lowmem in swapper_pg_dir, by sections
 *
 * head.S's table maps the kernel image; the rest of lowmem (where
 * memblock puts mem_map, at its top) is mapped here, before
 * bootmem_init() touches it.  Sections head.S already wrote stay.
 * SIMPLIFIED(v5.10 arch/arm/mm/mmu.c: map_lowmem): every section is
 * MT_MEMORY_RW (privileged RW, XN, write-back write-allocate, shared)
 * through a loop of our own; chapter 25 replaces this with
 * create_mapping() and the memory types of build_mem_type_table().
 */
static void map_lowmem(void)
{
	u32 *pgd = (u32 *)swapper_pg_dir;
	const u32 prot = PMD_TYPE_SECT | PMD_SECT_AP_WRITE | PMD_SECT_XN |
			 PMD_SECT_WBWA | PMD_SECT_S | PMD_DOMAIN(DOMAIN_KERNEL);
	phys_addr_t start, end;
	u64 i;

	for_each_mem_range(i, &start, &end) {
		end = min(end, arm_lowmem_limit);
		for (phys_addr_t pa = start & PMD_SECT_BASE_MASK; pa < end;
		     pa += SECTION_SIZE) {
			u32 *entry = &pgd[__phys_to_virt(pa) >> SECTION_SHIFT];

			if (!*entry)
				*entry = pa | prot;
		}
	}
	dsb(); /* the table writes before the walks that need them */
	isb();
}

/*
 * paging_init - setup_arch's call between arm_memblock_init() and
 * bootmem_init() (v5.10 arch/arm/mm/mmu.c).  Of Linux's steps only
 * map_lowmem is here; the rest (prepare_page_table, devicemaps_init,
 * kmap_init ...) comes with chapters 25 and 26.  Nothing after the
 * switch reaches a device: the board's console is semihosting.
 */
void paging_init(void)
{
	map_lowmem();
}
