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
#include <linux/bug.h>
#include <linux/mmzone.h>
#include <asm/pgtable.h>

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

/* 5.10's is a static const enum; a macro is a constant for BUILD_BUG_ON */
#define __end_of_fixed_addresses                                \
	(__end_of_fixmap_region > __end_of_early_ioremap_region \
		 ? __end_of_fixmap_region                       \
		 : __end_of_early_ioremap_region)

/*
 * The protections a fixmap slot is mapped with.  FIXMAP_PAGE_NORMAL is
 * RAM: pgprot_kernel, which build_mem_type_table() computes, so it is
 * usable only after early_mm_init().  FIXMAP_PAGE_IO is a device, a
 * constant: earlycon may map its UART before that.
 */
#define FIXMAP_PAGE_COMMON \
	(L_PTE_YOUNG | L_PTE_PRESENT | L_PTE_XN | L_PTE_DIRTY)
#define FIXMAP_PAGE_NORMAL (pgprot_kernel | L_PTE_XN)
#define FIXMAP_PAGE_RO (FIXMAP_PAGE_NORMAL | L_PTE_RDONLY)
#define FIXMAP_PAGE_IO (FIXMAP_PAGE_COMMON | L_PTE_MT_DEV_SHARED | L_PTE_SHARED)
#define FIXMAP_PAGE_NOCACHE FIXMAP_PAGE_IO
#define FIXMAP_PAGE_CLEAR __pgprot(0)

#define __early_set_fixmap __set_fixmap

/* arch/arm/mm/mmu.c (chapter 30) */
void __set_fixmap(enum fixed_addresses idx, phys_addr_t phys, pgprot_t prot);
void early_fixmap_init(void);
void early_fixmap_shutdown(void);

/* include/asm-generic/fixmap.h: slot <-> address */
#define __fix_to_virt(x) (FIXADDR_TOP - ((unsigned long)(x) << PAGE_SHIFT))
#define __virt_to_fix(x) ((FIXADDR_TOP - ((x)&PAGE_MASK)) >> PAGE_SHIFT)

static inline unsigned long fix_to_virt(const unsigned int idx)
{
	return __fix_to_virt(idx);
}

static inline unsigned long virt_to_fix(const unsigned long vaddr)
{
	BUG_ON(vaddr >= FIXADDR_TOP || vaddr < FIXADDR_START);
	return __virt_to_fix(vaddr);
}

#define set_fixmap(idx, phys) __set_fixmap(idx, phys, FIXMAP_PAGE_NORMAL)
#define clear_fixmap(idx) __set_fixmap(idx, 0, FIXMAP_PAGE_CLEAR)
#define set_fixmap_io(idx, phys) __set_fixmap(idx, phys, FIXMAP_PAGE_IO)

/* the slot's address, with @phys's offset in its page */
#define __set_fixmap_offset(idx, phys, flags)                                 \
	({                                                                    \
		unsigned long ________addr;                                   \
		__set_fixmap(idx, phys, flags);                               \
		________addr = fix_to_virt(idx) + ((phys) & (PAGE_SIZE - 1)); \
		________addr;                                                 \
	})
#define set_fixmap_offset_io(idx, phys) \
	__set_fixmap_offset(idx, phys, FIXMAP_PAGE_IO)

#endif
