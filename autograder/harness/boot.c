// SPDX-License-Identifier: GPL-2.0
/*
 * Boot stages a suite can ask for (struct ktest_suite .boot), each the
 * previous one plus one step of Linux's start_kernel():
 *
 *   ktest_boot_zones  setup_arch -> bootmem_init: zones, mem_map (ch03)
 *   ktest_boot_buddy  ... then mem_init: RAM in the buddy (ch04 on)
 */
#include <linux/mm.h>
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
