// SPDX-License-Identifier: GPL-2.0
/*
 * Boot stages a suite can ask for (struct ktest_suite .boot), each the
 * previous one plus one step of Linux's start_kernel():
 *
 *   ktest_boot_zones  setup_arch -> bootmem_init: zones, mem_map (ch03)
 *   ktest_boot_buddy  ... then mem_init: RAM in the buddy (ch04 on);
 *                     per-CPU lists still in their boot state (high 0,
 *                     batch 1: every page passes straight through)
 *   ktest_boot_pcp    ... then setup_per_cpu_pageset (ch06 on)
 *   ktest_boot_alloc  ... then build_all_zonelists and the watermarks
 *                     (init_per_zone_wmark_min): alloc_pages() (ch07 on)
 *   ktest_boot_cma    ... with the device tree's CMA areas activated
 *                     before the watermarks are set (ch08 on)
 */
#include <linux/cma.h>
#include <linux/mm.h>
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
	ktest_boot_pcp();
	build_all_zonelists();
	init_per_zone_wmark_min();
}

void ktest_boot_cma(void)
{
	ktest_boot_pcp();
	build_all_zonelists();
	dma_contiguous_reserve_from_dt();
	cma_init_reserved_areas();
	init_per_zone_wmark_min();
}
