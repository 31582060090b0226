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
#include <asm/kmap_types.h>
#include <linux/mmzone.h>

#define FIXADDR_START 0xffc00000UL
#define FIXADDR_END 0xfff00000UL
#define FIXADDR_TOP (FIXADDR_END - PAGE_SIZE)

/*
 * The slots, counted down from FIXADDR_TOP: slot 0 is the page at
 * FIXADDR_TOP.  kmap_atomic() owns KM_TYPE_NR slots per CPU (chapter
 * 29); early_ioremap() borrows the same pages before paging_init(),
 * when no kmap_atomic() can happen.
 */
enum fixed_addresses {
	FIX_EARLYCON_MEM_BASE,
	__end_of_permanent_fixed_addresses,

	FIX_KMAP_BEGIN = __end_of_permanent_fixed_addresses,
	FIX_KMAP_END = FIX_KMAP_BEGIN + (KM_TYPE_NR * NR_CPUS) - 1,

	/* Support writing RO kernel text via kprobes, jump labels, etc. */
	FIX_TEXT_POKE0,
	FIX_TEXT_POKE1,

	__end_of_fixmap_region,

/*
	 * Share the kmap() region with early_ioremap(): this is guaranteed
	 * not to clash since early_ioremap() is only available before
	 * paging_init(), and kmap() only after.
	 */
#define NR_FIX_BTMAPS 32
#define FIX_BTMAPS_SLOTS 7
#define TOTAL_FIX_BTMAPS (NR_FIX_BTMAPS * FIX_BTMAPS_SLOTS)

	FIX_BTMAP_END = __end_of_permanent_fixed_addresses,
	FIX_BTMAP_BEGIN = FIX_BTMAP_END + TOTAL_FIX_BTMAPS - 1,
	__end_of_early_ioremap_region
};

#define __end_of_fixed_addresses                                \
	(__end_of_fixmap_region > __end_of_early_ioremap_region \
		 ? __end_of_fixmap_region                       \
		 : __end_of_early_ioremap_region)

/* include/asm-generic/fixmap.h: slot <-> address */
#define __fix_to_virt(x) (FIXADDR_TOP - ((unsigned long)(x) << PAGE_SHIFT))
#define __virt_to_fix(x) ((FIXADDR_TOP - ((x)&PAGE_MASK)) >> PAGE_SHIFT)

static inline unsigned long fix_to_virt(const unsigned int idx)
{
	return __fix_to_virt(idx);
}

#endif
