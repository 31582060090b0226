/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Page table mapping constructs (arch/arm/include/asm/mach/map.h).
 */
#ifndef __ASM_MACH_MAP_H
#define __ASM_MACH_MAP_H

#include <linux/types.h>
#include <asm/pgtable-2level-types.h>

struct map_desc {
	unsigned long virtual;
	unsigned long pfn;
	unsigned long length;
	unsigned int type;
};

/* types 0-3 are defined in asm/io.h (here, for want of an asm/io.h) */
enum {
	MT_DEVICE = 0,
	MT_DEVICE_NONSHARED,
	MT_DEVICE_CACHED,
	MT_DEVICE_WC,
	MT_UNCACHED = 4,
	MT_CACHECLEAN,
	MT_MINICLEAN,
	MT_LOW_VECTORS,
	MT_HIGH_VECTORS,
	MT_MEMORY_RWX,
	MT_MEMORY_RW,
	MT_ROM,
	MT_MEMORY_RWX_NONCACHED,
	MT_MEMORY_RW_DTCM,
	MT_MEMORY_RWX_ITCM,
	MT_MEMORY_RW_SO,
	MT_MEMORY_DMA_READY,
};

struct mem_type;
extern const struct mem_type *get_mem_type(unsigned int type);

/*
 * create_mapping - map md into swapper_pg_dir at boot, by sections where
 * they fit and by pages elsewhere, PTE pages from memblock (chapter 23).
 * create_mapping_late - the same into any table pgdir, PTE pages from
 * the page allocator, nG when @ng.  Linux keeps both static to mmu.c.
 * Return: 0, or -EINVAL after a "BUG: ..." report.
 */
int create_mapping(const struct map_desc *md);
int create_mapping_late(pgd_t *pgdir, const struct map_desc *md, bool ng);

/*
 * create_section_mapping - map md into the first-level table pgdir
 * with sections only (chapter 17; create_mapping() without PTE pages).
 * Return: 0, or -EINVAL after a "BUG: ..." report.
 */
int create_section_mapping(pgd_t *pgdir, const struct map_desc *md);

/*
 * create_section_mapping_late - the same without the user-region check,
 * each entry not global (nG) when @ng (Linux's create_mapping_late()).
 */
int create_section_mapping_late(pgd_t *pgdir, const struct map_desc *md,
				bool ng);

#endif /* __ASM_MACH_MAP_H */
