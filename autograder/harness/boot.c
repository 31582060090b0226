// SPDX-License-Identifier: GPL-2.0
/*
 * Boot stages a suite can ask for (struct ktest_suite .boot), each one
 * of Linux's start_kernel() more than the one before:
 *
 *   ktest_boot_zones  setup_arch -> arm_memblock_init, bootmem_init:
 *                     zones, mem_map (ch03)
 *   ktest_boot_buddy  ... then mem_init: RAM in the buddy (ch04 on);
 *                     per-CPU lists still in their boot state (high 0,
 *                     batch 1: every page passes straight through)
 *   ktest_boot_pcp    ... then setup_per_cpu_pageset (ch06 on)
 *   ktest_boot_alloc  the same with build_all_zonelists, where Linux
 *                     calls it (before mem_init), and the watermarks
 *                     last (init_per_zone_wmark_min, a postcore
 *                     initcall): alloc_pages() (ch07 on)
 *   ktest_boot_cma    the same with the device tree's CMA areas:
 *                     declared in setup_arch, activated before the
 *                     watermarks are set (where Linux's core initcall
 *                     cma_init_reserved_areas runs) (ch08 on), by a
 *                     stand-in of the harness (below): chapter 12
 *                     writes the kernel's own path
 *   ktest_boot_memblock       the same boot on the kernel's memblock:
 *                     mem_map and the pageblock bitmaps at the top of
 *                     lowmem (ch09)
 *   ktest_boot_memblock_free  ... and memblock_free_all() hands the
 *                     free ranges to the buddy (ch10)
 *   ktest_boot_initmem  ... then free_initmem(), as kernel_init() does
 *                     when boot is over (ch11)
 *   ktest_boot_rmem_cma  the same with the kernel's CMA path:
 *                     fdt_init_reserved_mem() -> rmem_cma_setup() where
 *                     setup_arch's early_init_fdt_scan_reserved_mem()
 *                     calls it, cma_init_reserved_areas() (ch12 on;
 *                     the init sections stay, so that chapter 12's
 *                     counts are of CMA alone)
 *   ktest_boot_slab   the same with kmem_cache_init() after mem_init(),
 *                     as mm_init() does: the slab caches and kmalloc
 *                     (ch13 on)
 *   ktest_boot_paging the same on the kernel's own page tables: head.S's
 *                     __create_page_tables and MMU switch (chapters 15,
 *                     18), paging_init() after arm_memblock_init()
 *                     (ch18 on); the harness's map is never built
 *   ktest_boot_rwx    ... with devicemaps_init() after paging_init(),
 *                     which 5.10 calls at its end, and kernel_init()'s
 *                     last steps: free_initmem() (init NX) and
 *                     mark_rodata_ro() (text read-only) (ch25 on)
 *   ktest_boot_io     ... with the resource tree: RAM and the kernel
 *                     (request_standard_resources(), in setup_arch()
 *                     after paging_init()) and each device of the
 *                     device tree (of_platform_populate()) (ch27 on)
 *   ktest_boot_highmem ... with kmap_init() after devicemaps_init(), as
 *                     paging_init() ends in 5.10: the pkmap and fixmap
 *                     page tables (ch28 on)
 *   ktest_boot_fixmap ... with the early fixmap: early_fixmap_init()
 *                     and early_ioremap_init() first in setup_arch(),
 *                     early_ioremap_reset() before paging_init(),
 *                     early_fixmap_shutdown() before devicemaps_init(),
 *                     the leak check at the end (ch30 on)
 *
 * Every stage on the kernel's tables runs early_mm_init() (its
 * build_mem_type_table() sets pgprot_kernel) where setup_arch() does,
 * after parse_early_param(); a test may run code at that place
 * (ktest_early_param) and at efi_init()'s, after it (ktest_setup_arch).
 *
 * The stages of chapters 3-8 boot on bootmem_early.c's stand-ins for
 * memblock, which chapters 9 and 10 write; chapter 9's stage on the
 * kernel's memblock with the stand-in hand-over; chapter 10's on the
 * kernel's code alone.  Until chapter 12 the CMA areas are made by the
 * stand-in below.
 */
#include <string.h>
#include <libfdt.h>
#include <linux/cma.h>
#include <linux/init.h>
#include <linux/ioport.h>
#include <linux/of_reserved_mem.h>
#include <linux/panic.h>
#include <asm/setup.h>
#include <asm/cp15.h>
#include <asm/machine.h>
#include <asm/pgtable.h>
#include <asm/proc-fns.h>
#include <asm-generic/early_ioremap.h>
#include <asm-generic/sections.h>
#include <asm/fixmap.h>
#include <linux/mm.h>
#include <linux/vmalloc.h>
#include <linux/slab.h>
#include "mm/internal.h"
#include "ktest.h"

void ktest_boot_zones(void)
{
	bootmem_early_stand_in(BOOTMEM_EARLY);
	arm_memblock_init();
	adjust_lowmem_bounds(); /* setup_arch: where lowmem ends */
	bootmem_init();
}

void ktest_boot_buddy(void)
{
	ktest_boot_zones();
	mem_init();
}

void ktest_boot_pcp(void)
{
	ktest_boot_buddy();
	setup_per_cpu_pageset();
}

void ktest_boot_alloc(void)
{
	ktest_boot_zones();
	build_all_zonelists();
	mem_init();
	setup_per_cpu_pageset();
	init_per_zone_wmark_min();
}

/*
 * The CMA stand-in, for the chapters before 12.  Chapter 8 uses CMA
 * areas, but the boot path that makes them (rmem_cma_setup(),
 * cma_activate_area(), init_cma_reserved_pageblock()) is chapter 12's
 * exercise, and chapter 8's tests must pass while it is a stub.  So the
 * harness declares the areas with the given cma_init_reserved_mem() and
 * hands their pageblocks to the buddy allocator the way mem_init()
 * hands boot memory (__free_pages_core(), chapter 4), after making them
 * MIGRATE_CMA.  The result is the same state as the kernel's path;
 * ch12.c checks that path on its own.
 */
void ktest_cma_reserve_from_dt(void)
{
	for (int i = 0; i < reserved_mem_count; i++) {
		struct reserved_mem *r = &reserved_mem[i];
		struct cma *cma;

		if (strcmp(r->compatible, "shared-dma-pool") || !r->reusable ||
		    r->nomap)
			continue;
		if (cma_init_reserved_mem(r->base, r->size, 0, r->name, &cma))
			panic("%s: cannot declare %s", __func__, r->name);
		if (r->is_default)
			dma_contiguous_default_area = cma;
	}
}

void ktest_cma_activate_areas(void)
{
	for (unsigned int i = 0; i < cma_area_count; i++) {
		struct cma *cma = &cma_areas[i];
		unsigned int order = 0;

		while ((PAGE_SIZE << order) * 8 <
		       (cma->count >> cma->order_per_bit))
			order++;
		cma->bitmap = (unsigned long *)__get_free_pages(
			GFP_KERNEL | __GFP_ZERO, order);
		for (unsigned long pfn = cma->base_pfn;
		     pfn < cma->base_pfn + cma->count;
		     pfn += pageblock_nr_pages) {
			set_pageblock_migratetype(pfn_to_page(pfn),
						  MIGRATE_CMA);
			__free_pages_core(pfn_to_page(pfn), pageblock_order);
			totalram_pages += pageblock_nr_pages;
		}
	}
}

/*
 * setup_arch's memory part to the end of the boot, on @mode's memblock,
 * with the kernel's CMA path (@rmem) or the stand-in's, and with the
 * slab allocator (@slab) or without.
 */
void (*ktest_after_paging_init)(void);

void (*ktest_early_param)(void);
void (*ktest_setup_arch)(void);

/*
 * How far a boot on the kernel's tables goes (boot_paging()): each level
 * adds one chapter's steps to those of the level before.
 */
enum paging_level {
	PAGING, /* chapter 18: paging_init() */
	PAGING_RWX, /* 25: devicemaps_init(); the boot ends as kernel_init() */
	PAGING_IO, /* 27: the resource tree */
	PAGING_KMAP, /* 28: kmap_init() */
	PAGING_FIXMAP, /* 30: the early fixmap, early_ioremap() */
};
static enum paging_level paging_level; /* PAGING outside boot_paging() */

static void boot_mm(enum bootmem_early mode, bool rmem, bool slab, bool paging)
{
	bootmem_early_stand_in(mode);
	if (paging) {
		/* setup_arch() from its first step on memory */
		if (paging_level >= PAGING_FIXMAP) {
			early_fixmap_init();
			early_ioremap_init();
		}
		if (ktest_early_param) /* parse_early_param(): earlycon */
			ktest_early_param();
		early_mm_init();
		if (ktest_setup_arch) /* efi_init()'s place */
			ktest_setup_arch();
	}
	arm_memblock_init();
	/* setup_arch: where lowmem ends, then paging_init() */
	adjust_lowmem_bounds();
	if (paging) {
		if (paging_level >= PAGING_FIXMAP)
			early_ioremap_reset();
		paging_init();
		if (ktest_after_paging_init)
			ktest_after_paging_init();
		if (paging_level >= PAGING_FIXMAP)
			early_fixmap_shutdown();
		if (paging_level >= PAGING_RWX)
			devicemaps_init();
		if (paging_level >= PAGING_KMAP)
			kmap_init();
		/* setup_arch(), right after paging_init() */
		if (paging_level >= PAGING_IO)
			request_standard_resources();
	}
	if (rmem)
		fdt_init_reserved_mem();
	bootmem_init();
	if (!rmem)
		ktest_cma_reserve_from_dt();
	build_all_zonelists();
	mem_init();
	if (slab)
		kmem_cache_init();
	/* mm_init(): vmalloc's addresses live in the kernel's own tables */
	if (slab && paging)
		vmalloc_init();
	/* of_platform_populate(), an arch_initcall */
	if (paging_level >= PAGING_IO)
		of_iomem_populate();
	setup_per_cpu_pageset();
	if (rmem)
		cma_init_reserved_areas();
	else
		ktest_cma_activate_areas();
	init_per_zone_wmark_min();
	if (paging && init_static_idmap())
		panic("init_static_idmap: no memory");
	/* late_initcall(check_early_ioremap_leak) */
	if (paging_level >= PAGING_FIXMAP)
		check_early_ioremap_leak();
}

void ktest_boot_cma(void)
{
	boot_mm(BOOTMEM_EARLY, false, false, false);
}

void ktest_boot_memblock(void)
{
	boot_mm(BOOTMEM_MEMBLOCK, false, false, false);
}

void ktest_boot_memblock_free(void)
{
	boot_mm(BOOTMEM_REAL, false, false, false);
}

void ktest_boot_initmem(void)
{
	ktest_boot_memblock_free();
	free_initmem();
}

void ktest_boot_rmem_cma(void)
{
	boot_mm(BOOTMEM_REAL, true, false, false);
}

void ktest_boot_slab(void)
{
	boot_mm(BOOTMEM_REAL, true, true, false);
}

const void *ktest_boot_fdt;
u32 ktest_head_pgd[HW_L1_ENTRIES];
#define SWAPPER_GARBAGE 0xa6a6a6a6U /* a section descriptor */

/* Is @va mapped by a section of @pgd to @pa? */
static bool maps_to(const u32 *pgd, unsigned long va, unsigned long pa)
{
	u32 d = pgd[va >> SECTION_SHIFT];

	return (d & PMD_TYPE_MASK) == PMD_TYPE_SECT &&
	       (d & PMD_SECT_BASE_MASK) == (pa & PMD_SECT_BASE_MASK);
}

/*
 * Before the switch, what a wrong table would hang on: the code that
 * turns the MMU on, and on the board the code and stack running now,
 * at PAGE_OFFSET.  A missing one fails the fixture here, with the rule,
 * instead of a machine that stops answering.
 */
static void check_before_switch(const u32 *pgd)
{
	char here;
	unsigned long idmap = virt_to_idmap(__idmap_text_start);

	for (int i = 0; i < HW_L1_ENTRIES; i++)
		ck_assert_msg(pgd[i] != SWAPPER_GARBAGE,
			      "__create_page_tables: swapper_pg_dir entry %d "
			      "still holds %08x, what RAM held before the "
			      "boot: clear the table first",
			      i, pgd[i]);
	ck_assert_msg(maps_to(pgd, idmap, idmap),
		      "__create_page_tables: swapper_pg_dir entry %lu is %08x, "
		      "not a section at 0x%08lx: .idmap.text (__turn_mmu_on) "
		      "must be mapped at its own physical address, or the "
		      "instruction after the SCTLR write cannot be fetched",
		      idmap >> SECTION_SHIFT, pgd[idmap >> SECTION_SHIFT],
		      idmap & PMD_SECT_BASE_MASK);
	if (machine_image_in_ram()) {
		unsigned long code =
			(unsigned long)(uintptr_t)check_before_switch;
		unsigned long sp = (unsigned long)(uintptr_t)&here;

		ck_assert_msg(maps_to(pgd, code, __pa(code)) &&
				      maps_to(pgd, sp, __pa(sp)),
			      "__create_page_tables: the code (0x%08lx) and "
			      "stack (0x%08lx) we run on are not both mapped "
			      "at their linear address: the image window "
			      "must be mapped at PAGE_OFFSET (entries %08x, "
			      "%08x)",
			      code, sp, pgd[code >> SECTION_SHIFT],
			      pgd[sp >> SECTION_SHIFT]);
	}
}

/*
 * head.S's steps, run as it runs them: at their physical address with
 * the MMU off (machine_run_mmu_off()), from the registers a boot loader
 * leaves.  Between the two, the harness reads the table.
 */
static unsigned long __head create_page_tables_phys(unsigned long fdt_pa)
{
	return __create_page_tables(fdt_pa);
}

unsigned long __head ktest_enable_mmu_phys(unsigned long pgd_pa)
{
	stext_enable_mmu(pgd_pa);
	return 0;
}

static void boot_paging(enum paging_level level)
{
	const struct machine_boot_regs loader = { .sctlr = get_cr() & ~CR_M };
	phys_addr_t fdt_pa = 0, pgd_pa;

	/* the boot loader's part: the blob in RAM, its address for r2 */
	if (ktest_boot_fdt && fdt_totalsize(ktest_boot_fdt) <= KTEST_FDT_MAX) {
		memcpy((void *)(uintptr_t)KTEST_FDT_PHYS, ktest_boot_fdt,
		       fdt_totalsize(ktest_boot_fdt));
		fdt_pa = KTEST_FDT_PHYS;
	}
	/* RAM holds what it held: the table must be cleared, not assumed */
	memset((void *)(uintptr_t)__pa(swapper_pg_dir), SWAPPER_GARBAGE & 0xff,
	       PG_DIR_SIZE);
	/* bm_pte is the image's, zero as loaded (asm/memory.h) */
	memset((void *)(uintptr_t)BM_PTE_PHYS, 0, PAGE_SIZE);
	pgd_pa = machine_run_mmu_off(create_page_tables_phys, fdt_pa, &loader);
	check_before_switch((const u32 *)(uintptr_t)pgd_pa);
	ktest_doing("turning the MMU on with swapper_pg_dir (head.S's "
		    "__v7_setup, __enable_mmu, __turn_mmu_on)");
	machine_run_mmu_off(ktest_enable_mmu_phys, pgd_pa, &loader);
	/* the table the boot switched to, before paging_init() rewrites it */
	memcpy(ktest_head_pgd, swapper_pg_dir, PG_DIR_SIZE);
	paging_level = level;
	boot_mm(BOOTMEM_REAL, true, true, true);
	paging_level = PAGING;
	do_initcalls(); /* kernel_init(): the devices */
	if (level >= PAGING_RWX) {
		/* kernel_init(): boot is over */
		free_initmem();
		mark_rodata_ro();
	}
}

void ktest_boot_paging(void)
{
	boot_paging(PAGING);
}

void ktest_boot_rwx(void)
{
	boot_paging(PAGING_RWX);
}

void ktest_boot_io(void)
{
	boot_paging(PAGING_IO);
}

void ktest_boot_highmem(void)
{
	boot_paging(PAGING_KMAP);
}

void ktest_boot_fixmap(void)
{
	boot_paging(PAGING_FIXMAP);
}

/* Does @stage boot on the kernel's own page tables (chapter 18 on)? */
bool ktest_stage_pages(void (*stage)(void))
{
	return stage == ktest_boot_paging || stage == ktest_boot_rwx ||
	       stage == ktest_boot_io || stage == ktest_boot_highmem ||
	       stage == ktest_boot_fixmap;
}
