// SPDX-License-Identifier: GPL-2.0
/*
 * Boot stages a suite can ask for (struct ktest_suite .boot), each one
 * of Linux's start_kernel() more than the one before:
 *
 *   ktest_boot_zones  setup_arch -> bootmem_init: zones, mem_map (ch03)
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
 *   ktest_boot_slab   the same, then kmem_cache_init(), as mm_init()
 *                     does after mem_init: the slab caches and
 *                     kmalloc (ch13 on)
 */
#include <linux/cma.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include "mm/internal.h"
#include "ktest.h"

void ktest_boot_zones(void)
{
	bootmem_init();
}

void ktest_boot_buddy(void)
{
	bootmem_init();
	mem_init();
}

void ktest_boot_pcp(void)
{
	ktest_boot_buddy();
	setup_per_cpu_pageset();
}

void ktest_boot_alloc(void)
{
	bootmem_init();
	build_all_zonelists();
	mem_init();
	setup_per_cpu_pageset();
	init_per_zone_wmark_min();
}

void ktest_boot_cma(void)
{
	bootmem_init();
	dma_contiguous_reserve_from_dt();
	build_all_zonelists();
	mem_init();
	setup_per_cpu_pageset();
	cma_init_reserved_areas();
	init_per_zone_wmark_min();
}

void ktest_boot_slab(void)
{
	ktest_boot_cma();
	kmem_cache_init();
}
