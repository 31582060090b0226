/* SPDX-License-Identifier: GPL-2.0 */
/*
 * early_ioremap(): mappings for setup_arch() before paging_init(), in
 * the fixmap's FIX_BTMAP slots (include/asm-generic/early_ioremap.h,
 * mm/early_ioremap.c; chapter 30).  Each of FIX_BTMAPS_SLOTS mappings
 * may be up to NR_FIX_BTMAPS pages; every one must be given back with
 * early_iounmap()/early_memunmap() and the same size before boot ends.
 */
#ifndef _ASM_GENERIC_EARLY_IOREMAP_H_
#define _ASM_GENERIC_EARLY_IOREMAP_H_

#include <linux/types.h>
#include <asm/io.h>

void __iomem *early_ioremap(resource_size_t phys_addr, unsigned long size);
void *early_memremap(resource_size_t phys_addr, unsigned long size);
void *early_memremap_ro(resource_size_t phys_addr, unsigned long size);
void early_iounmap(void __iomem *addr, unsigned long size);
void early_memunmap(void *addr, unsigned long size);

/* Arch-specific initialization (arch/arm/mm/ioremap.c) */
void early_ioremap_init(void);

/* Generic initialization called by architecture code */
void early_ioremap_setup(void);

/*
 * Called as last step in paging_init() so library can act
 * accordingly for subsequent map/unmap requests.
 */
void early_ioremap_reset(void);

/* Copy of a physical range of memory before paging_init() (e.g. a blob). */
void copy_from_early_mem(void *dest, phys_addr_t src, unsigned long size);

/* late_initcall: the mappings nobody gave back (reported with a WARN) */
int check_early_ioremap_leak(void);
/* "early_ioremap_debug" on the command line: every map and unmap WARNs */
extern int early_ioremap_debug;

#endif /* _ASM_GENERIC_EARLY_IOREMAP_H_ */
