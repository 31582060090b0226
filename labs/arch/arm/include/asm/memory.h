/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The physical memory map of the board (arch/arm/include/asm/memory.h).
 *
 * The Versatile Express CoreTile A9 puts RAM at physical 0x60000000;
 * Linux calls this PLAT_PHYS_OFFSET.  The first 8 MiB hold the image of
 * our kernel and its test harness on the ARM machine; the host port
 * keeps the same window reserved so that both machines hand the same
 * pages to the allocators.
 *
 *   0x60000000  +------------------------------+
 *               | 0x60004000 swapper_pg_dir    |  16 KiB, Linux's place
 *               | 0x60008000 boot page table   |  16 KiB, built by the
 *               |                              |  machine before tests
 *   0x60010000  | kernel + harness image       |
 *               | heap, stacks                 |
 *   0x60800000  +------------------------------+  KERNEL_IMAGE_END
 *               | RAM managed by the kernel    |
 */
#ifndef _ASM_ARM_MEMORY_H
#define _ASM_ARM_MEMORY_H

#include <linux/const.h>

#define PLAT_PHYS_OFFSET UL(0x60000000)
#define PHYS_OFFSET PLAT_PHYS_OFFSET

#define KERNEL_IMAGE_START PHYS_OFFSET
#define KERNEL_IMAGE_END (PHYS_OFFSET + UL(0x00800000))

/* Where the machine builds its identity map before a test runs. */
#define BOOT_PGD_PHYS (PHYS_OFFSET + UL(0x8000))

#endif /* _ASM_ARM_MEMORY_H */
