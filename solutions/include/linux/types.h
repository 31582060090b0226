/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fixed-width types with the kernel's names.
 *
 * The same source is built for two machines: the ARM32 board, where
 * `unsigned long` and pointers are 32 bits, and the x86-64 host port,
 * where they are 64 bits but every simulated address still fits in 32.
 * Hardware-visible values (descriptors, physical addresses, CP15
 * registers) therefore use the explicit u32 types, never `long`.
 */
#ifndef _LINUX_TYPES_H
#define _LINUX_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * As Linux's asm-generic/int-ll64.h: u32 is unsigned int on both
 * machines (newlib's uint32_t is unsigned long on ARM, which would make
 * printk formats differ between the two).
 */
typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef signed char s8;
typedef short s16;
typedef int s32;
typedef long long s64;

/* ARMv7 without LPAE: physical addresses are 32 bits wide. */
typedef u32 phys_addr_t;
typedef phys_addr_t resource_size_t; /* ioport.h: a physical address */
typedef u32 dma_addr_t;

/* Allocation flags (include/linux/gfp.h gives them meaning). */
typedef unsigned int gfp_t;

/*
 * Files (include/linux/fs.h): a count or an error, a position, modes.
 * ssize_t and loff_t are spelt so as to be the very types of the host's
 * C library, which defines them too.
 */
typedef ptrdiff_t ssize_t;
typedef __INT64_TYPE__ loff_t;
typedef unsigned int fmode_t;
typedef unsigned short umode_t;
typedef unsigned long pgoff_t; /* a page's index in a file */

#endif /* _LINUX_TYPES_H */
