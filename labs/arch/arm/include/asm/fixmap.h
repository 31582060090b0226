/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The fixmap area (arch/arm/include/asm/fixmap.h): 3 MiB below the
 * vectors' megabyte, addresses fixed when the kernel is built, mapped
 * one page at a time (chapter 30).  These are v5.10.0's values: 5.10.38
 * and later start it at 0xffc80000, below which ARM 9012/1 (upstream
 * 5.11, backported) maps the device tree (FDT_FIXED_BASE).
 */
#ifndef _ASM_FIXMAP_H
#define _ASM_FIXMAP_H

#include <asm/page.h>

#define FIXADDR_START 0xffc00000UL
#define FIXADDR_END 0xfff00000UL
#define FIXADDR_TOP (FIXADDR_END - PAGE_SIZE)

#endif /* _ASM_FIXMAP_H */
