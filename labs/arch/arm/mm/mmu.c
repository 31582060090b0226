// SPDX-License-Identifier: GPL-2.0
/*
 * Where lowmem ends (arch/arm/mm/mmu.c: adjust_lowmem_bounds).
 *
 * The kernel maps RAM linearly from PAGE_OFFSET, but the top of the
 * address space is kept for vmalloc, ioremap, fixmap and the vectors:
 * at least 240 MiB (plus an 8 MiB guard) below VMALLOC_END.  So the
 * linear map may reach up to
 *
 *   vmalloc_min = VMALLOC_END - 240 MiB - VMALLOC_OFFSET
 *               = 0xff800000 - 0x0f000000 - 0x00800000 = 0xf0000000
 *
 * and RAM beyond PHYS_OFFSET + (vmalloc_min - PAGE_OFFSET), 768 MiB
 * with the 3G/1G split, is highmem.  (Kernels before VMALLOC_END moved
 * up to 0xff800000 stopped at 0xef800000: the "760 MB" of many boot
 * logs.)  vmalloc= moves vmalloc_min; chapter 22 works through the
 * splits and boards.  The banks are memblock.memory's regions (chapter
 * 9); memblock's allocations stay below the limit found here.
 */
#include <linux/kernel.h>
#include <linux/cmdline.h>
#include <linux/memblock.h>
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/panic.h>
#include <asm/cp15.h>
#include <asm/fixmap.h>
#include <asm/memory.h>
#include <asm/pgalloc.h>
#include <asm/pgtable.h>
#include <asm/proc-fns.h>
#include <asm/setup.h>
#include <asm/tlbflush.h>
#include <asm/traps.h>
#include <asm/mach/map.h>
#include <linux/errno.h>
#include <linux/printk.h>
#include <asm-generic/sections.h>
#include "mm.h"
#include "../../../mm/internal.h"

phys_addr_t arm_lowmem_limit;
void *high_memory;

/*
 * Where the linear map must stop at the latest: 240 MiB of vmalloc
 * space and the 8 MiB guard below VMALLOC_END, unless vmalloc= says
 * otherwise (early_vmalloc()).
 */
static void *vmalloc_min =
	(void *)(uintptr_t)(VMALLOC_END - (240UL << 20) - VMALLOC_OFFSET);

//> ch22 early_vmalloc
/**
 * early_vmalloc - the "vmalloc=size" boot argument
 * @arg: the size, with memparse()'s K, M or G
 *
 * Sets how much address space vmalloc keeps below VMALLOC_END, and so
 * where lowmem must end: vmalloc_min = VMALLOC_END - size.  At least
 * 16 MiB (smaller is raised, with "vmalloc area too small, limiting to
 * %luMB"); at most what leaves lowmem 32 MiB above PAGE_OFFSET (larger
 * is cut, with "vmalloc area is too big, limiting to %luMB").
 *
 * SIMPLIFIED(v5.10 arch/arm/mm/mmu.c: early_param("vmalloc", ...)): we
 * have no command line; the test harness calls this where
 * parse_early_param() would.
 *
 * Return: 0.
 */
int early_vmalloc(char *arg)
{
	/* TODO(ch22): parse the size, keep it between 16 MiB and what
	   leaves lowmem 32 MiB, move vmalloc_min; see
	   chapters/22-lowmem-highmem.md, "vmalloc=". */
	(void)arg;
	return 0;
}
//< ch22 early_vmalloc

//> ch28 ignore_highmem
/*
 * The end of 5.10's adjust_lowmem_bounds(): a kernel without
 * CONFIG_HIGHMEM cannot use the RAM above lowmem, so it drops it from
 * memblock, from memblock's (PMD-rounded) limit to the end of RAM, and
 * says so.  (5.10 does the same with highmem on a VIPT aliasing cache,
 * which ARMv7 does not have.)
 */
static void ignore_highmem(void)
{
	/* TODO(ch28): without CONFIG_HIGHMEM, remove the RAM from
	   memblock's limit to the end of RAM, and say so; see
	   chapters/28-highmem.md, "Without CONFIG_HIGHMEM". */
}
//< ch28 ignore_highmem

//> ch22 adjust_lowmem_bounds
/**
 * adjust_lowmem_bounds - where lowmem ends, and memblock's limit
 *
 * Lowmem is RAM whose linear address lies below vmalloc_min: every
 * memblock.memory bank that starts below vmalloc_limit (vmalloc_min's
 * physical image, computed in 64 bits: it may lie beyond 4 GiB) gives
 * lowmem up to its end or up to vmalloc_limit.  arm_lowmem_limit is
 * that end, high_memory its linear address; memblock_alloc() is kept
 * below it (memblock_set_current_limit), rounded down to a PMD so that
 * what it hands out lies in a PMD that map_lowmem() maps whole; a bank
 * that starts or ends off a PMD boundary pulls the limit down to it.
 * A first bank that does not start on a PMD is marked no-map up to its
 * first PMD boundary.
 * Without CONFIG_HIGHMEM the RAM above memblock's limit is removed
 * from memblock (chapter 28): no zone will hold it.
 */
void adjust_lowmem_bounds(void)
{
	/* TODO(ch22): vmalloc_limit from vmalloc_min, lowmem_limit from
	   the banks, high_memory, memblock's limit; see
	   chapters/22-lowmem-highmem.md, "adjust_lowmem_bounds". */
	(void)vmalloc_min;
	ignore_highmem();
}
//< ch22 adjust_lowmem_bounds

/* Map [start, end) of lowmem at its linear address as @type. */
static void map_lowmem_range(phys_addr_t start, phys_addr_t end,
			     unsigned int type)
{
	struct map_desc map = {
		.pfn = __phys_to_pfn(start),
		.virtual = __phys_to_virt(start),
		.length = end - start,
		.type = type,
	};

	create_section_mapping(swapper_pg_dir, &map);
}

/*
 * map_lowmem - the linear map of lowmem in swapper_pg_dir, by sections
 * (v5.10 arch/arm/mm/mmu.c), over what head.S mapped: the megabytes of
 * the kernel's code, from _stext to __init_end, MT_MEMORY_RWX; the rest
 * of lowmem MT_MEMORY_RW (execute-never).  5.10 then takes write away
 * from the text and execute from the rest with CONFIG_STRICT_KERNEL_RWX
 * (mark_rodata_ro(), chapter 25).
 * SIMPLIFIED(v5.10 arch/arm/mm/mmu.c): create_section_mapping() in
 * place of create_mapping() (no page tables until chapter 23); the
 * kernel's code is found with virt_to_idmap(), which on the board is
 * __pa() and on the host says where in the image window the host
 * program's code would lie.
 */
static void map_lowmem(void)
{
	phys_addr_t kernel_x_start =
		round_down(virt_to_idmap(_stext), SECTION_SIZE);
	phys_addr_t kernel_x_end =
		round_up(virt_to_idmap(__init_end), SECTION_SIZE);
	phys_addr_t start, end;
	u64 i;

	/* every bank, up to the end of lowmem */
	for_each_mem_range(i, &start, &end) {
		if (end > arm_lowmem_limit)
			end = arm_lowmem_limit;
		if (start >= end)
			break;

		if (end < kernel_x_start) {
			map_lowmem_range(start, end, MT_MEMORY_RWX);
		} else if (start >= kernel_x_end) {
			map_lowmem_range(start, end, MT_MEMORY_RW);
		} else {
			/* the bank holding the kernel's code: three parts */
			if (start < kernel_x_start)
				map_lowmem_range(start, kernel_x_start,
						 MT_MEMORY_RW);
			map_lowmem_range(kernel_x_start, kernel_x_end,
					 MT_MEMORY_RWX);
			if (kernel_x_end < end)
				map_lowmem_range(kernel_x_end, end,
						 MT_MEMORY_RW);
		}
	}
	dsb(); /* the table writes before the walks that need them */
	isb();
}

/*
 * prepare_page_table - clear what head.S mapped and the kernel will not
 * keep (v5.10 arch/arm/mm/mmu.c): everything below PAGE_OFFSET (the
 * identity map of .idmap.text; the modules' area starts empty), and the
 * kernel's space above the first bank of lowmem, up to VMALLOC_START.
 * From here on, swapper_pg_dir maps nothing a process could use: user
 * space is free for the processes of Part V, and the identity map lives
 * in idmap_pgd only (idmap.c).
 */
static void prepare_page_table(void)
{
	unsigned long addr;
	phys_addr_t end;

	/* user space, then the modules' area: nothing of head.S stays */
	for (addr = 0; addr < MODULES_VADDR; addr += PMD_SIZE)
		pmd_clear(pmd_off_k(addr));
	for (; addr < PAGE_OFFSET; addr += PMD_SIZE)
		pmd_clear(pmd_off_k(addr));

	/* the first bank's end, or lowmem's if that comes first */
	end = memblock.memory.regions[0].base + memblock.memory.regions[0].size;
	if (end >= arm_lowmem_limit)
		end = arm_lowmem_limit;

	/* above the first bank, up to vmalloc: map_lowmem() writes anew */
	for (addr = __phys_to_virt(end); addr < VMALLOC_START; addr += PMD_SIZE)
		pmd_clear(pmd_off_k(addr));
}

/*
 * paging_init - setup_arch's call between arm_memblock_init() and
 * bootmem_init() (v5.10 arch/arm/mm/mmu.c).  Of Linux's steps,
 * prepare_page_table and map_lowmem are here; the harness calls the
 * rest (early_fixmap_shutdown, devicemaps_init, kmap_init) after it,
 * in the boots of chapters 25 to 30 that have them.
 * Nothing after the switch reaches a device: the board's console is
 * semihosting.  The TLB is flushed at the end, as devicemaps_init()
 * does, with the machine's TLBIALL rather than chapter 19's
 * local_flush_tlb_all(): the identity entries just cleared must not
 * survive in it.
 */
void paging_init(void)
{
	prepare_page_table();
	map_lowmem();
	/* lowmem is mapped whole now: memblock may use all of it */
	memblock_set_current_limit(arm_lowmem_limit);
	tlbiall();
}

/*
 * The memory types (chapter 17).  Linux starts mem_types[] from
 * CPU-neutral values and build_mem_type_table() adjusts them for the
 * CPU at boot.  SIMPLIFIED(arch/arm/mm/mmu.c): we state the values it
 * ends with on a uniprocessor ARMv7 (Cortex-A9) with SCTLR.XP set, TEX
 * remap off, no ECC and the write-back cache policy (cp->pmd =
 * PMD_SECT_WB, cp->pte = L_PTE_MT_WRITEBACK, so kern_pgprot and
 * vecs_pgprot are L_PTE_MT_WRITEBACK), rather than computing them.
 * The types are v5.10.0's: MT_MEMORY_RO came with ARM 9210/1 in 5.19
 * (backported to 5.10.132, where it shifts every later MT_* by one).
 */
#define PROT_PTE_DEVICE (L_PTE_PRESENT | L_PTE_YOUNG | L_PTE_DIRTY | L_PTE_XN)
#define PROT_SECT_DEVICE (PMD_TYPE_SECT | PMD_SECT_AP_WRITE)

static const struct mem_type mem_types[] = {
	[MT_DEVICE] = { /* Strongly ordered / ARMv6 shared device */
		.prot_pte = PROT_PTE_DEVICE | L_PTE_MT_DEV_SHARED | L_PTE_SHARED,
		.prot_l1 = PMD_TYPE_TABLE | PMD_DOMAIN(DOMAIN_IO),
		.prot_sect = PROT_SECT_DEVICE | PMD_SECT_S | PMD_SECT_XN |
			     PMD_SECT_BUFFERED | PMD_DOMAIN(DOMAIN_IO),
		.domain = DOMAIN_IO,
	},
	[MT_DEVICE_NONSHARED] = { /* ARMv6 non-shared device */
		.prot_pte = PROT_PTE_DEVICE | L_PTE_MT_DEV_NONSHARED,
		.prot_l1 = PMD_TYPE_TABLE | PMD_DOMAIN(DOMAIN_IO),
		.prot_sect = PROT_SECT_DEVICE | PMD_SECT_XN | PMD_SECT_TEX(2) |
			     PMD_DOMAIN(DOMAIN_IO),
		.domain = DOMAIN_IO,
	},
	[MT_DEVICE_CACHED] = { /* ioremap_cache */
		.prot_pte = PROT_PTE_DEVICE | L_PTE_MT_DEV_CACHED,
		.prot_l1 = PMD_TYPE_TABLE | PMD_DOMAIN(DOMAIN_IO),
		.prot_sect = PROT_SECT_DEVICE | PMD_SECT_WB | PMD_SECT_XN |
			     PMD_DOMAIN(DOMAIN_IO),
		.domain = DOMAIN_IO,
	},
	[MT_DEVICE_WC] = { /* ioremap_wc */
		.prot_pte = PROT_PTE_DEVICE | L_PTE_MT_DEV_WC,
		.prot_l1 = PMD_TYPE_TABLE | PMD_DOMAIN(DOMAIN_IO),
		.prot_sect = PROT_SECT_DEVICE | PMD_SECT_XN | PMD_SECT_TEX(1) |
			     PMD_DOMAIN(DOMAIN_IO),
		.domain = DOMAIN_IO,
	},
	[MT_UNCACHED] = {
		.prot_pte = PROT_PTE_DEVICE,
		.prot_l1 = PMD_TYPE_TABLE | PMD_DOMAIN(DOMAIN_IO),
		.prot_sect = PMD_TYPE_SECT | PMD_SECT_XN | PMD_DOMAIN(DOMAIN_IO),
		.domain = DOMAIN_IO,
	},
	[MT_CACHECLEAN] = {
		.prot_sect = PMD_TYPE_SECT | PMD_SECT_XN | PMD_SECT_APX |
			     PMD_SECT_AP_WRITE | PMD_SECT_WB |
			     PMD_DOMAIN(DOMAIN_KERNEL),
		.domain = DOMAIN_KERNEL,
	},
	[MT_MINICLEAN] = {
		.prot_sect = PMD_TYPE_SECT | PMD_SECT_XN | PMD_SECT_MINICACHE |
			     PMD_SECT_APX | PMD_SECT_AP_WRITE |
			     PMD_DOMAIN(DOMAIN_KERNEL),
		.domain = DOMAIN_KERNEL,
	},
	[MT_LOW_VECTORS] = {
		.prot_pte = L_PTE_PRESENT | L_PTE_YOUNG | L_PTE_DIRTY |
			    L_PTE_RDONLY | L_PTE_MT_WRITEBACK,
		.prot_l1 = PMD_TYPE_TABLE | PMD_DOMAIN(DOMAIN_VECTORS),
		.domain = DOMAIN_VECTORS,
	},
	[MT_HIGH_VECTORS] = {
		.prot_pte = L_PTE_PRESENT | L_PTE_YOUNG | L_PTE_DIRTY |
			    L_PTE_USER | L_PTE_RDONLY | L_PTE_MT_WRITEBACK,
		.prot_l1 = PMD_TYPE_TABLE | PMD_DOMAIN(DOMAIN_VECTORS),
		.domain = DOMAIN_VECTORS,
	},
//> ch17 mem_types
	[MT_MEMORY_RWX] = {
		.prot_pte = L_PTE_PRESENT | L_PTE_YOUNG | L_PTE_DIRTY |
			    L_PTE_MT_WRITEBACK,
		.prot_l1 = PMD_TYPE_TABLE | PMD_DOMAIN(DOMAIN_KERNEL),
		.prot_sect = PMD_TYPE_SECT | PMD_SECT_AP_WRITE | PMD_SECT_WB |
			     PMD_DOMAIN(DOMAIN_KERNEL),
		.domain = DOMAIN_KERNEL,
	},
	[MT_MEMORY_RW] = {
		.prot_pte = L_PTE_PRESENT | L_PTE_YOUNG | L_PTE_DIRTY |
			    L_PTE_XN | L_PTE_MT_WRITEBACK,
		.prot_l1 = PMD_TYPE_TABLE | PMD_DOMAIN(DOMAIN_KERNEL),
		.prot_sect = PMD_TYPE_SECT | PMD_SECT_AP_WRITE | PMD_SECT_XN |
			     PMD_SECT_WB | PMD_DOMAIN(DOMAIN_KERNEL),
		.domain = DOMAIN_KERNEL,
	},
	[MT_ROM] = {
		.prot_sect = PMD_TYPE_SECT | PMD_SECT_APX | PMD_SECT_AP_WRITE |
			     PMD_SECT_WB | PMD_DOMAIN(DOMAIN_KERNEL),
		.domain = DOMAIN_KERNEL,
	},
//< ch17 mem_types
	[MT_MEMORY_RWX_NONCACHED] = {
		.prot_pte = L_PTE_PRESENT | L_PTE_YOUNG | L_PTE_DIRTY |
			    L_PTE_MT_BUFFERABLE,
		.prot_l1 = PMD_TYPE_TABLE | PMD_DOMAIN(DOMAIN_KERNEL),
		.prot_sect = PMD_TYPE_SECT | PMD_SECT_AP_WRITE |
			     PMD_SECT_TEX(1) | PMD_DOMAIN(DOMAIN_KERNEL),
		.domain = DOMAIN_KERNEL,
	},
	[MT_MEMORY_RW_DTCM] = {
		.prot_pte = L_PTE_PRESENT | L_PTE_YOUNG | L_PTE_DIRTY |
			    L_PTE_XN,
		.prot_l1 = PMD_TYPE_TABLE | PMD_DOMAIN(DOMAIN_KERNEL),
		.prot_sect = PMD_TYPE_SECT | PMD_SECT_XN |
			     PMD_DOMAIN(DOMAIN_KERNEL),
		.domain = DOMAIN_KERNEL,
	},
	[MT_MEMORY_RWX_ITCM] = {
		.prot_pte = L_PTE_PRESENT | L_PTE_YOUNG | L_PTE_DIRTY,
		.prot_l1 = PMD_TYPE_TABLE | PMD_DOMAIN(DOMAIN_KERNEL),
		.domain = DOMAIN_KERNEL,
	},
	[MT_MEMORY_RW_SO] = {
		.prot_pte = L_PTE_PRESENT | L_PTE_YOUNG | L_PTE_DIRTY |
			    L_PTE_MT_UNCACHED | L_PTE_XN,
		.prot_l1 = PMD_TYPE_TABLE | PMD_DOMAIN(DOMAIN_KERNEL),
		.prot_sect = PMD_TYPE_SECT | PMD_SECT_AP_WRITE | PMD_SECT_S |
			     PMD_SECT_UNCACHED | PMD_SECT_XN |
			     PMD_DOMAIN(DOMAIN_KERNEL),
		.domain = DOMAIN_KERNEL,
	},
	[MT_MEMORY_DMA_READY] = {
		.prot_pte = L_PTE_PRESENT | L_PTE_YOUNG | L_PTE_DIRTY |
			    L_PTE_XN | L_PTE_MT_WRITEBACK,
		.prot_l1 = PMD_TYPE_TABLE | PMD_DOMAIN(DOMAIN_KERNEL),
		.domain = DOMAIN_KERNEL,
	},
};

const struct mem_type *get_mem_type(unsigned int type)
{
	return type < ARRAY_SIZE(mem_types) ? &mem_types[type] : NULL;
}

//> ch17 map_init_section
/*
 * Write the section entries of [addr, end), which lies inside one pgd
 * entry (2 MiB, two hardware entries: pmd[0] and pmd[1]).
 * SIMPLIFIED(arch/arm/mm/mmu.c): no flush_pmd_entry(); QEMU's walks do
 * not go through the data cache.  A live table's caller issues the DSB
 * and the TLB maintenance (map_lowmem(), paging_init(); chapter 19).
 */
static void __map_init_section(pmd_t *pmd, unsigned long addr,
			       unsigned long end, phys_addr_t phys,
			       const struct mem_type *type, bool ng)
{
	/* TODO(ch17): one section entry per megabyte of [addr, end),
	   starting with pmd[1] for an odd megabyte; see
	   chapters/17-descriptors.md, "Mapping with sections". */
	(void)pmd; (void)addr; (void)end; (void)phys; (void)type; (void)ng;
}

//< ch17 map_init_section

/*
 * The allocators of PTE pages: memblock's during paging_init(), the
 * page allocator's once the buddy allocator runs (create_mapping_late()).
 * Both give zeroed memory: every entry of a new table is a fault.
 */
static void *early_alloc(unsigned long sz)
{
	void *ptr = memblock_alloc(sz, sz);

	if (!ptr)
		panic("%s: Failed to allocate %lu bytes align=0x%lx\n",
		      __func__, sz, sz);
	return ptr;
}

/*
 * SIMPLIFIED(v5.10 arch/arm/mm/mmu.c): no pgtable_pte_page_ctor(); our
 * struct page has no page-table lock, and nothing reads PG_table.
 */
static void *late_alloc(unsigned long sz)
{
	void *ptr = (void *)__get_free_pages(GFP_KERNEL | __GFP_ZERO,
					     get_order(sz));

	if (!ptr)
		BUG();
	return ptr;
}

//> ch23 arm-pte-alloc
/*
 * arm_pte_alloc - the Linux PTE of @addr, in the PTE page of @pmd, which
 * is allocated and hooked in (prot_l1 @prot) if the pgd entry is empty.
 * A pgd entry that holds sections cannot take a table: Linux stops there.
 */
static pte_t *arm_pte_alloc(pmd_t *pmd, unsigned long addr, unsigned long prot,
			    void *(*alloc)(unsigned long sz))
{
	/* TODO(ch23): a PTE page from alloc() when the entry is empty,
	   hooked in with __pmd_populate(); BUG_ON() a section; the Linux
	   PTE of addr; see chapters/23-pte-tables.md, "early_pte_alloc". */
	(void)pmd; (void)addr; (void)prot; (void)alloc;
	return NULL;
}
//< ch23 arm-pte-alloc

/* The kernel's own PTE pages at boot come from memblock. */
pte_t *early_pte_alloc(pmd_t *pmd, unsigned long addr, unsigned long prot)
{
	return arm_pte_alloc(pmd, addr, prot, early_alloc);
}

//> ch23 alloc-init-pte
/*
 * alloc_init_pte - map [addr, end), inside one pgd entry, page by page
 * to the frames from @pfn on, with the Linux bits of @type.
 */
static void alloc_init_pte(pmd_t *pmd, unsigned long addr, unsigned long end,
			   unsigned long pfn, const struct mem_type *type,
			   void *(*alloc)(unsigned long sz), bool ng)
{
	/* TODO(ch23): one set_pte_ext() per page of [addr, end), from the
	   PTE that arm_pte_alloc() gives; see chapters/23-pte-tables.md,
	   "alloc_init_pte". */
	(void)pmd; (void)addr; (void)end; (void)pfn; (void)type;
	(void)alloc; (void)ng;
}
//< ch23 alloc-init-pte

//> ch23 alloc-init-pmd
static void alloc_init_pmd(pgd_t *pgd, unsigned long addr, unsigned long end,
			   phys_addr_t phys, const struct mem_type *type,
			   void *(*alloc)(unsigned long sz), bool ng)
{
	pmd_t *pmd = pmd_offset(pgd, addr);
	unsigned long next;

	do {
		next = pmd_addr_end(addr, end);

		/* TODO(ch23): sections when addr, next and phys allow it,
		   else pages (alloc_init_pte()); see
		   chapters/23-pte-tables.md, "Sections or pages". */
		(void)alloc_init_pte;
		__map_init_section(pmd, addr, next, phys, type, ng);
		phys += next - addr;
	} while (pmd++, addr = next, addr != end);
}
//< ch23 alloc-init-pmd

/*
 * __create_mapping - map @md into the first-level table @pgdir, by
 * sections where it can and by pages elsewhere (arch/arm/mm/mmu.c).
 * @alloc: where PTE pages come from; NULL for section mappings only
 * @ng: not global: each entry tagged with the ASID in the TLB
 *
 * The checks and messages are create_mapping()'s and
 * __create_mapping()'s.  SIMPLIFIED(arch/arm/mm/mmu.c): it takes the
 * table rather than the mm, and returns -EINVAL where Linux returns
 * after its warning; no supersections, no 36-bit addresses.
 */
static int __create_mapping(pgd_t *pgdir, const struct map_desc *md,
			    void *(*alloc)(unsigned long sz), bool ng)
{
	const struct mem_type *type = get_mem_type(md->type);
	unsigned long addr, length, end;
	phys_addr_t phys;
	pgd_t *pgd;

	addr = md->virtual & PAGE_MASK;
	phys = __pfn_to_phys(md->pfn);
	length = PAGE_ALIGN(md->length + (md->virtual & ~PAGE_MASK));
	/* without PTE pages, sections only: aligned, of a type that has them */
	if (!type ||
	    ((!alloc || !type->prot_l1) &&
	     (((addr | phys | length) & ~SECTION_MASK) || !type->prot_sect))) {
		pr_warn("BUG: map for 0x%08llx at 0x%08lx can not be mapped "
			"using pages, ignoring.\n",
			(long long)__pfn_to_phys(md->pfn), addr);
		return -EINVAL;
	}
	if ((u64)addr + length > (1ULL << 32) || !length)
		return -EINVAL;

	pgd = pgd_offset_pgd(pgdir, addr);
	end = addr + length;
	do {
		unsigned long next = pgd_addr_end(addr, end);

		alloc_init_pmd(pgd, addr, next, phys, type, alloc, ng);
		phys += next - addr;
		addr = next;
	} while (pgd++, addr != end);
	return 0;
}

/* A kernel mapping below TASK_SIZE would be a process's: refused. */
static bool in_user_region(const struct map_desc *md)
{
	if (md->virtual != VECTORS_BASE && md->virtual < TASK_SIZE) {
		pr_warn("BUG: not creating mapping for 0x%08llx at 0x%08lx in "
			"user region\n",
			(long long)__pfn_to_phys((u64)md->pfn), md->virtual);
		return true;
	}
	return false;
}

/*
 * create_mapping - map @md into swapper_pg_dir at boot, PTE pages from
 * memblock: the kernel's global mappings (map_lowmem(), the vectors,
 * the board's static device maps).
 */
int create_mapping(const struct map_desc *md)
{
	if (in_user_region(md))
		return -EINVAL;
	if ((md->type == MT_DEVICE || md->type == MT_ROM) &&
	    md->virtual >= PAGE_OFFSET && md->virtual < FIXADDR_START &&
	    (md->virtual < VMALLOC_START || md->virtual >= VMALLOC_END))
		pr_warn("BUG: mapping for 0x%08llx at 0x%08lx out of vmalloc "
			"space\n",
			(long long)__pfn_to_phys((u64)md->pfn), md->virtual);
	return __create_mapping(swapper_pg_dir, md, early_alloc, false);
}

/*
 * create_mapping_late - map @md into any table once the page allocator
 * runs (Linux's, for EFI's runtime services in a process's table).
 */
int create_mapping_late(pgd_t *pgdir, const struct map_desc *md, bool ng)
{
	return __create_mapping(pgdir, md, late_alloc, ng);
}

//> ch25 devicemaps_init
/**
 * devicemaps_init - the vectors page, and nothing else above vmalloc
 *
 * paging_init()'s last step on the kernel's own tables (v5.10
 * arch/arm/mm/mmu.c).  The vectors page and the page after it come
 * from memblock; early_trap_init() copies the vector table into the
 * first.  Everything from VMALLOC_START up to the fixmap's megabytes is
 * cleared (head.S may have left the device tree there), then the two
 * pages are mapped at the top of the address space: 0xffff0000, the
 * high vectors, readable by user space too (MT_HIGH_VECTORS: the kuser
 * helpers live there, CONFIG_KUSER_HELPERS), and 0xffff1000, the stubs
 * page, for the kernel alone (MT_LOW_VECTORS).  Both read-only.
 *
 * SIMPLIFIED(v5.10 arch/arm/mm/mmu.c): no device tree mapping at
 * FDT_FIXED_BASE (our blob is in the image), no map_io() of static
 * devices (chapter 27 ioremaps them), no low vectors at 0: 5.10's
 * __v7_setup sets SCTLR.V, so vectors_high() holds, and we map as it
 * does.  Our CPU keeps taking its exceptions through VBAR at
 * __vectors_start: the harness's handlers must work before this runs
 * and between tests, on tables without this page.  The harness calls
 * devicemaps_init() after paging_init() in the boot of chapter 25 on,
 * so that chapters 18 to 24 boot without chapter 23's PTE pages.
 */
void devicemaps_init(void)
{
	struct map_desc map;
	unsigned long addr;
	void *vectors;

	/* Allocate the vector page early. */
	vectors = early_alloc(PAGE_SIZE * 2);

	early_trap_init(vectors);

	/* Clear page table except top pmd used by early fixmaps */
	for (addr = VMALLOC_START; addr < (FIXADDR_TOP & PMD_MASK);
	     addr += PMD_SIZE)
		pmd_clear(pmd_off_k(addr));

	/* TODO(ch25): map the vectors page at 0xffff0000 and the page
	   after it at 0xffff1000, each with its memory type; see
	   chapters/25-strict-rwx.md, "The vectors page". */
	(void)map;

	/*
	 * Finally flush the caches and tlb to ensure that we're in a
	 * consistent state wrt the writebuffer.
	 */
	local_flush_tlb_all();
}
//< ch25 devicemaps_init

//> ch28 kmap_init
/**
 * kmap_init - the page tables of kmap() and kmap_atomic()
 *
 * paging_init()'s step after devicemaps_init() (v5.10
 * arch/arm/mm/mmu.c): with CONFIG_HIGHMEM, a PTE page for the pkmap
 * area's PMD, whose Linux table is pkmap_page_table; in every kernel,
 * one for the fixmap's first PMD (FIXADDR_START).  kmap_atomic()'s
 * slots, at the top of the fixmap, share the vectors' PTE page.
 * SIMPLIFIED: the harness calls it after devicemaps_init(), in the
 * boot of chapter 28 on, as it calls devicemaps_init().
 */
void kmap_init(void)
{
	/* TODO(ch28): with CONFIG_HIGHMEM, pkmap_page_table: a PTE page
	   for PKMAP_BASE's PMD; then one for FIXADDR_START's; see
	   chapters/28-highmem.md, "kmap_init". */
}
//< ch28 kmap_init

//> ch17 create_section_mapping
/*
 * create_section_mapping - chapter 17's create_mapping(), sections only:
 * what may not be mapped by sections is refused, as Linux refuses it
 * for a type without PTEs.
 */
int create_section_mapping(pgd_t *pgdir, const struct map_desc *md)
{
	if (in_user_region(md))
		return -EINVAL;
	return __create_mapping(pgdir, md, NULL, false);
}

/* ... and its create_mapping_late(): anywhere, nG when @ng. */
int create_section_mapping_late(pgd_t *pgdir, const struct map_desc *md,
				bool ng)
{
	return __create_mapping(pgdir, md, NULL, ng);
}
//< ch17 create_section_mapping

/*
 * build_mem_type_table - the memory types for this CPU, and the page
 * protections made from them (setup_arch's early_mm_init(), after
 * parse_early_param()).  SIMPLIFIED(v5.10 arch/arm/mm/mmu.c): chapter
 * 17 states mem_types[] as 5.10 leaves them on our board instead of
 * computing them, so what is left here is the line 5.10 prints and
 * pgprot_kernel, which the fixmap waits for (chapter 30), and the
 * user protections (pgprot_user, protection_map[], chapter 32).  Chapter 29's
 * PAGE_KERNEL is the same value, stated.
 */
pgprot_t pgprot_kernel, pgprot_user;

static void build_mem_type_table(void)
{
	pteval_t user_pgprot = L_PTE_MT_WRITEBACK; /* cp->pte, UP: no SHARED */

	pr_info("Memory policy: Data cache writeback\n");
	pgprot_kernel = __pgprot(L_PTE_PRESENT | L_PTE_YOUNG | L_PTE_DIRTY |
				 L_PTE_MT_WRITEBACK);
	/* a process's pages: the same memory type, from protection_map */
	pgprot_user = __pgprot(L_PTE_PRESENT | L_PTE_YOUNG | user_pgprot);
	for (int i = 0; i < 16; i++)
		protection_map[i] =
			__pgprot(pgprot_val(protection_map[i]) | user_pgprot);
}

void early_mm_init(void)
{
	build_mem_type_table();
}

/*
 * The fixmap before paging_init() (chapter 30).  setup_arch() calls
 * early_fixmap_init() long before memblock can allocate a PTE page, so
 * the top PMD of the fixmap, FIXADDR_TOP's two megabytes, gets a page
 * the image brings along: bm_pte.  __set_fixmap() finds a slot's PTE
 * through pte_offset_fixmap: in bm_pte until early_fixmap_shutdown(),
 * in the kernel's table after.
 */
static pte_t *(*pte_offset_fixmap)(pmd_t *dir,
				   unsigned long addr)__maybe_unused;

/* SIMPLIFIED: a fixed page, not an array of the image (asm/memory.h) */
#define bm_pte ((pte_t *)__va(BM_PTE_PHYS))

static __maybe_unused pte_t *pte_offset_early_fixmap(pmd_t *dir,
						     unsigned long addr)
{
	(void)dir;
	return &bm_pte[pte_index(addr)];
}

static __maybe_unused pte_t *pte_offset_late_fixmap(pmd_t *dir,
						    unsigned long addr)
{
	return pte_offset_kernel(dir, addr);
}

static inline pmd_t *fixmap_pmd(unsigned long addr)
{
	return pmd_off_k(addr);
}

//> ch30 early_fixmap_init
/**
 * early_fixmap_init - the fixmap's top PMD, before anything else maps
 *
 * setup_arch()'s first step on memory (v5.10 arch/arm/mm/mmu.c), right
 * after head.S: bm_pte becomes the PTE page of FIXADDR_TOP's PMD, and
 * __set_fixmap() looks slots up in it.  Every early slot (earlycon's,
 * early_ioremap()'s seven) lies in that one PMD.
 */
void early_fixmap_init(void)
{
	/* TODO(ch30): hook bm_pte into FIXADDR_TOP's PMD and make
	   __set_fixmap() look slots up in it; see
	   chapters/30-fixmap.md, "early_fixmap_init". */
}
//< ch30 early_fixmap_init

//> ch30 set_fixmap
/**
 * __set_fixmap - map slot @idx to @phys with @prot, or clear it
 * @idx: a slot of enum fixed_addresses
 * @phys: the physical address (its page)
 * @prot: FIXMAP_PAGE_IO, FIXMAP_PAGE_NORMAL ...; FIXMAP_PAGE_CLEAR (0)
 *        unmaps
 *
 * The slot's old translation is flushed from this CPU's TLB only
 * (5.10 calls it with preemption off, or under stop_machine()).  Until
 * build_mem_type_table() has set pgprot_kernel, only device mappings
 * can be right, and anything else is refused with a WARN.  The copy we
 * read (5.10.209) lets clearing (prot 0) through too; we follow it.
 */
void __set_fixmap(enum fixed_addresses idx, phys_addr_t phys, pgprot_t prot)
{
	/* TODO(ch30): find the slot's PTE, refuse what cannot be mapped
	   yet, write or clear it, flush its translation; see
	   chapters/30-fixmap.md, "__set_fixmap". */
	(void)idx, (void)phys, (void)prot;
}
//< ch30 set_fixmap

//> ch30 early_fixmap_shutdown
/**
 * early_fixmap_shutdown - from bm_pte to the kernel's own tables
 *
 * paging_init()'s step before devicemaps_init() (v5.10
 * arch/arm/mm/mmu.c): bm_pte is __initdata and will be freed, so the
 * top PMD lets go of it, __set_fixmap() looks slots up in the kernel's
 * table from now on, and the permanent slots that map a device
 * (earlycon's UART) are made again there with create_mapping(), which
 * allocates the PMD's new PTE page.  SIMPLIFIED: the harness calls it
 * after paging_init() in the boot of chapter 30 on.
 */
void early_fixmap_shutdown(void)
{
	/* TODO(ch30): switch __set_fixmap() to the kernel's table, let
	   go of bm_pte, and make the permanent device slots again; see
	   chapters/30-fixmap.md, "early_fixmap_shutdown". */
}
//< ch30 early_fixmap_shutdown
