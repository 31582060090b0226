// SPDX-License-Identifier: GPL-2.0
/*
 * Boot stages a suite can ask for (struct ktest_suite .boot), each one
 * of Linux's start_kernel() more than the one before:
 *
 *   ktest_boot_zones  setup_arch -> arm_memblock_init, bootmem_init:
 *                     zones, mem_map (ch03)
 *   ktest_boot_buddy  ... then mem_init: RAM in the buddy (ch04 on);
 *                     per-CPU lists still in their boot state (high 0,
 *                     batch 1: every page passes straight through)
 *   ktest_boot_pcp    ... then setup_per_cpu_pageset (ch06 on)
 *   ktest_boot_alloc  the same with build_all_zonelists, where Linux
 *                     calls it (before mem_init), and the watermarks
 *                     last (init_per_zone_wmark_min, a postcore
 *                     initcall): alloc_pages() (ch07 on)
 *   ktest_boot_cma    the same with the device tree's CMA areas:
 *                     declared in setup_arch, activated before the
 *                     watermarks are set (cma_init_reserved_areas, a
 *                     core initcall) (ch08 on)
 *   ktest_boot_memblock       the same boot on the kernel's memblock:
 *                     mem_map and the pageblock bitmaps at the top of
 *                     lowmem (ch09)
 *   ktest_boot_memblock_free  ... and memblock_free_all() hands the
 *                     free ranges to the buddy (ch10 on)
 *
 * The stages of chapters 3-8 boot on bootmem_early.c's stand-ins for
 * memblock, which chapters 9 and 10 write; chapter 9's stage on the
 * kernel's memblock with the stand-in hand-over; chapter 10's on the
 * kernel's code alone.
 */
#include <linux/cma.h>
#include <linux/mm.h>
#include "mm/internal.h"
#include "ktest.h"

void ktest_boot_zones(void)
{
	bootmem_early_stand_in(BOOTMEM_EARLY);
	arm_memblock_init();
	bootmem_init();
}

void ktest_boot_buddy(void)
{
	ktest_boot_zones();
	mem_init();
}

void ktest_boot_pcp(void)
{
	ktest_boot_buddy();
	setup_per_cpu_pageset();
}

void ktest_boot_alloc(void)
{
	ktest_boot_zones();
	build_all_zonelists();
	mem_init();
	setup_per_cpu_pageset();
	init_per_zone_wmark_min();
}

/* setup_arch's memory part to the end of the boot, on @mode's memblock */
static void boot_cma(enum bootmem_early mode)
{
	bootmem_early_stand_in(mode);
	arm_memblock_init();
	bootmem_init();
	dma_contiguous_reserve_from_dt();
	build_all_zonelists();
	mem_init();
	setup_per_cpu_pageset();
	cma_init_reserved_areas();
	init_per_zone_wmark_min();
}

void ktest_boot_cma(void)
{
	boot_cma(BOOTMEM_EARLY);
}

void ktest_boot_memblock(void)
{
	boot_cma(BOOTMEM_MEMBLOCK);
}

void ktest_boot_memblock_free(void)
{
	boot_cma(BOOTMEM_REAL);
}
