/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The data cache line of the board (arch/arm/include/asm/cache.h).
 *
 * The Cortex-A9 of vexpress has 32-byte lines, but a multi-platform
 * ARMv7 kernel is built with CONFIG_ARM_L1_CACHE_SHIFT=6 (64 bytes, the
 * largest line of the CPUs it may run on).  DMA buffers must not share
 * a cache line with anything else, and kmalloc() hands out DMA-able
 * memory, so ARCH_DMA_MINALIGN = 64 becomes the smallest kmalloc size.
 */
#ifndef __ASMARM_CACHE_H
#define __ASMARM_CACHE_H

#define L1_CACHE_SHIFT 6 /* CONFIG_ARM_L1_CACHE_SHIFT */
#define L1_CACHE_BYTES (1 << L1_CACHE_SHIFT)

#define ARCH_DMA_MINALIGN L1_CACHE_BYTES

/* AEABI: 64-bit types are 8-byte aligned. */
#define ARCH_SLAB_MINALIGN 8

#define cache_line_size() L1_CACHE_BYTES

#endif /* __ASMARM_CACHE_H */
