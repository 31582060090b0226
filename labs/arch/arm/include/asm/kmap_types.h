/* SPDX-License-Identifier: GPL-2.0 */
/*
 * How many kmap_atomic() mappings a CPU may hold at once, nested
 * (arch/arm/include/asm/kmap_types.h): each CPU has that many fixmap
 * slots (chapter 29).
 */
#ifndef __ARM_KMAP_TYPES_H
#define __ARM_KMAP_TYPES_H

#define KM_TYPE_NR 16

#endif
