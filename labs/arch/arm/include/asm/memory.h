/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The physical memory map of the board (arch/arm/include/asm/memory.h).
 *
 * The Versatile Express CoreTile A9 puts RAM at physical 0x60000000;
 * Linux calls this PLAT_PHYS_OFFSET.  The first 8 MiB hold the image of
 * our kernel and its test harness on the ARM machine; the host port
 * keeps the same window reserved, so that the early allocations start
 * at the same frame on both.  They do not end at the same frame: the
 * host's struct page is larger, so its mem_map takes more frames and
 * fewer pages reach the allocators (chapter 3).
 *
 *   0x60000000  +------------------------------+
 *               | 0x60000000 bm_pte            |  the early fixmap's
 *               |                              |  PTE page (chapter 30)
 *               | 0x60004000 swapper_pg_dir    |  16 KiB, Linux's place
 *               | 0x60008000 boot page table   |  16 KiB, built by the
 *               |                              |  machine before tests
 *               | 0x6000c000 device tree blob  |  for ch18's boots
 *   0x60010000  | kernel + harness image       |  linked at PAGE_OFFSET
 *               | heap, stacks                 |  + 0x10000 on the board

 *   0x60800000  +------------------------------+  KERNEL_IMAGE_END
 *               | RAM managed by the kernel    |
 */
#ifndef _ASM_ARM_MEMORY_H
#define _ASM_ARM_MEMORY_H

#include <linux/const.h>
#ifndef __ASSEMBLY__
#include <linux/types.h>
#endif
#include <asm/page.h>

#define PLAT_PHYS_OFFSET UL(0x60000000)
#define PHYS_OFFSET PLAT_PHYS_OFFSET

#define KERNEL_IMAGE_START PHYS_OFFSET
#define KERNEL_IMAGE_END (PHYS_OFFSET + UL(0x00800000))

/*
 * The early fixmap's PTE page (chapter 30).  5.10's bm_pte is __initdata
 * in the image; the host's image is not in the simulated RAM, so ours is
 * RAM's first page, free below swapper_pg_dir on both machines.
 */
#define BM_PTE_PHYS PHYS_OFFSET

/* Where the machine builds its identity map before a test runs. */
#define BOOT_PGD_PHYS (PHYS_OFFSET + UL(0x8000))

/*
 * The kernel's virtual layout (chapter 20): user space below
 * PAGE_OFFSET, the linear map of lowmem from PAGE_OFFSET.  Where the
 * split lies is chosen when the kernel is built, as Linux's Kconfig
 * does (arch/arm/Kconfig: VMSPLIT_3G, the default, 0xC0000000;
 * VMSPLIT_2G 0x80000000; VMSPLIT_1G 0x40000000): `make VMSPLIT=2G`.
 * Chapter 21 explains __va/__pa; the memory chapters use them from
 * chapter 3 on, and the boot map (autograder/harness/bootmap.c)
 * provides the linear mapping until chapter 18 builds it.
 */
#ifndef CONFIG_PAGE_OFFSET
#define CONFIG_PAGE_OFFSET 0xC0000000
#endif
#define PAGE_OFFSET UL(CONFIG_PAGE_OFFSET)
/* Where Linux's image starts in RAM; swapper_pg_dir lies just below. */
#define TEXT_OFFSET UL(0x00008000)
#define VMALLOC_OFFSET (8 * 1024 * 1024)
#define VMALLOC_END UL(0xff800000)
/* The top of user space: 16 MiB below PAGE_OFFSET keep the modules. */
#define TASK_SIZE (PAGE_OFFSET - UL(0x01000000))
/* Where exec puts the user image (samples/user/user.h has it too). */
#define USER_TEXT_ADDR UL(0x00010000)
/* and its data page (bss), the page after the text's 64 KiB */
#define USER_DATA_ADDR UL(0x00020000)
/* Where mmap() looks first when a process lays out bottom-up (Part V). */
#define TASK_UNMAPPED_BASE ALIGN(TASK_SIZE / 3, UL(0x01000000))
/* The high vectors page (SCTLR.V set), as every ARMv7 MMU kernel has. */
#define VECTORS_BASE UL(0xffff0000)
/*
 * The modules' area, between TASK_SIZE and PAGE_OFFSET: within 32 MiB
 * of the kernel's text, the reach of a BL (chapter 31).  Without
 * CONFIG_HIGHMEM it ends at PAGE_OFFSET; with it, one PMD below, where
 * the pkmap area lies (v5.10 asm/memory.h).
 */
#define MODULES_VADDR (PAGE_OFFSET - UL(0x01000000))
#ifdef CONFIG_HIGHMEM
#define MODULES_END (PAGE_OFFSET - UL(0x00200000))
#else
#define MODULES_END (PAGE_OFFSET)
#endif

#ifndef __ASSEMBLY__
/*
 * The linear map (chapter 21): lowmem at PAGE_OFFSET, one offset from
 * its physical address.  The _nodebug forms are the arithmetic alone.
 */
#define __virt_to_phys_nodebug(x) ((unsigned long)(x)-PAGE_OFFSET + PHYS_OFFSET)
#define __phys_to_virt(x) ((unsigned long)(x)-PHYS_OFFSET + PAGE_OFFSET)

/*
 * CONFIG_DEBUG_VIRTUAL: __pa() checks that it is given a linear-map
 * address and warns if not (arch/arm/mm/physaddr.c).  The course
 * builds with it on, with CONFIG_DEBUG_VM (kernel.mk, DEBUG_VM=y).
 */
#ifdef CONFIG_DEBUG_VIRTUAL
phys_addr_t __virt_to_phys(unsigned long x);
#else
#define __virt_to_phys(x) __virt_to_phys_nodebug(x)
#endif

#define __pa(x) ((phys_addr_t)__virt_to_phys((unsigned long)(x)))
#define __va(x) ((void *)(uintptr_t)__phys_to_virt((phys_addr_t)(x)))
#define pfn_to_kaddr(pfn) __va((phys_addr_t)(pfn) << PAGE_SHIFT)

static inline phys_addr_t virt_to_phys(const volatile void *x)
{
	return __virt_to_phys((unsigned long)(x));
}

static inline void *phys_to_virt(phys_addr_t x)
{
	return (void *)(uintptr_t)__phys_to_virt(x);
}

/* The end of lowmem's linear map (arch/arm/mm/mmu.c). */
extern void *high_memory;

#define virt_to_pfn(kaddr)                                      \
	((((unsigned long)(kaddr)-PAGE_OFFSET) >> PAGE_SHIFT) + \
	 (PHYS_OFFSET >> PAGE_SHIFT))

/*
 * The physical address of a symbol of the image.  As Linux's, the
 * board's image is linked at PAGE_OFFSET + TEXT_OFFSET... in the linear
 * map (ours at PAGE_OFFSET + 0x10000, mach-vexpress/kernel.lds.S), so
 * this is __pa()'s arithmetic (5.10's __pa_symbol_nodebug(); with
 * CONFIG_DEBUG_VIRTUAL, 5.10 checks the symbol lies in the image).
 * Only meaningful where the image is in the board's RAM
 * (machine_image_in_ram()): the host's image is the host program.
 */
#define __pa_symbol(x) ((phys_addr_t)__virt_to_phys_nodebug(x))

/*
 * virt_to_idmap - the physical address at which the code at @x can run
 * with the MMU off, and so the address its identity map must use
 * (Linux: __virt_to_idmap() and its arch_virt_to_idmap hook).  On the
 * board, __pa() of the image's linear address.  The host's code is the
 * host program's; it answers where that code lies in the image window.
 */
unsigned long machine_virt_to_idmap(unsigned long x);
#define virt_to_idmap(x) machine_virt_to_idmap((unsigned long)(x))

/* FLATMEM: mem_map[0] describes the first page frame of RAM. */
#define ARCH_PFN_OFFSET (PHYS_OFFSET >> 12)

//> ch21 virt-addr-valid
/*
 * virt_addr_valid - may @kaddr be given to virt_to_page()?  True for an
 * address of the linear map, below high_memory, whose frame is RAM the
 * kernel may look at (pfn_valid()): not a vmalloc or fixmap address,
 * not the __va() of highmem, not a no-map hole.
 */
/* TODO(ch21): in the linear map, below high_memory, and RAM; see
   chapters/21-linear-map.md, "Valid addresses". */
#define virt_addr_valid(kaddr) ((void)(kaddr), false)
//< ch21 virt-addr-valid
#endif

//> ch01 phys-pfn
/*
 * Physical address <-> page frame number, ARM's own names for
 * PHYS_PFN and PFN_PHYS: __phys_to_pfn(0x60003abc) == 0x60003,
 * __pfn_to_phys(0x60003) == 0x60003000.  The frame number is an
 * unsigned long; the address a phys_addr_t, 32 bits without LPAE.
 */
/* TODO(ch01): a frame number is the address without its offset
   bits; see chapters/01-memory-management.md, "Page arithmetic". */
#define __phys_to_pfn(paddr) ((unsigned long)(paddr) & 0)
#define __pfn_to_phys(pfn) ((phys_addr_t)(pfn) & 0)
//< ch01 phys-pfn

/* A page's physical address: its frame's (page_to_pfn(), chapter 3) */
#define page_to_phys(page) (__pfn_to_phys(page_to_pfn(page)))

#endif /* _ASM_ARM_MEMORY_H */
