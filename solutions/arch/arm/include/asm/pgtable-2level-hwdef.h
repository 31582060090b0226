/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ARMv7-A short-descriptor translation table formats: the bits the
 * hardware reads (ARM ARM B3.5).  Linux keeps these apart from its own
 * software PTE bits (L_PTE_*, chapter 24); so do we.  Names follow
 * Linux's arch/arm/include/asm/pgtable-2level-hwdef.h where Linux has
 * the bit; the large-page and supersection fields, which Linux never
 * uses, are named after the ARM ARM.  SIMPLIFIED(v5.10 arch/arm/include/
 * asm/pgtable-2level-hwdef.h): of its names we leave out the pre-ARMv6
 * ones (PMD_BIT4, PTE_TYPE_EXT, PTE_EXT_COHERENT, the PTE_SMALL_AP_*
 * subpage permissions and PMD_PROTECTION), PMD_SECT_CACHE_MASK, PHYS_MASK,
 * and the PXN bits of LPAE-capable cores (PMD_SECT_PXN, bit 0 of a
 * section, and PMD_PXNTABLE, bit 2 of a table entry): the Cortex-A9 has
 * no PXN.  The NS bits, the base masks and the sizes are ours.
 *
 * First level (one 32-bit entry per 1 MiB of VA, 4096 entries, 16 KiB):
 *
 *  31                   20 19 18 17 16 15 14 12 11 10 9 8    5 4  3 2 1 0
 * +-----------------------+--+--+--+--+---+-----+-----+-+------+--+-+-+---+
 * | section base PA[31:20]|NS| 0|nG| S|APX| TEX | AP  | |domain|XN|C|B|1 0|
 * +-----------------------+--+--+--+--+---+-----+-----+-+------+--+-+-+---+
 * | coarse table base PA[31:10]                 |     |domain|  |NS|0|0 1|
 * +---------------------------------------------+-----+------+--+--+-+---+
 * supersection: bit 18 = 1, base PA[31:24] in bits 31:24, covers 16 MiB,
 * must be repeated in 16 consecutive entries; domain is always 0.
 *
 * Second level (256 entries per coarse table, 1 KiB, one per 4 KiB):
 *
 *  31               12 11 10  9  8   6 5  4 3 2  1  0
 * +-------------------+--+--+---+-----+----+-+-+--+--+
 * | small page PA     |nG| S|APX| TEX | AP |C|B| 1|XN|
 * +-------------------+--+--+---+-----+----+-+-+--+--+
 * large page (64 KiB): bits 1:0 = 01, PA[31:16], XN in bit 15, TEX in
 * 14:12; repeated in 16 consecutive entries.
 */
#ifndef _ASM_ARM_PGTABLE_2LEVEL_HWDEF_H
#define _ASM_ARM_PGTABLE_2LEVEL_HWDEF_H

#include <linux/const.h>

/* First-level descriptor: common */
#define PMD_TYPE_MASK (_AT(u32, 3) << 0)
#define PMD_TYPE_FAULT (_AT(u32, 0) << 0)
#define PMD_TYPE_TABLE (_AT(u32, 1) << 0)
#define PMD_TYPE_SECT (_AT(u32, 2) << 0)
#define PMD_DOMAIN(x) (_AT(u32, (x)) << 5)
#define PMD_DOMAIN_MASK PMD_DOMAIN(0x0f)
#define PMD_TABLE_NS (_AT(u32, 1) << 3)
#define PMD_TABLE_BASE_MASK (~_AT(u32, 0x3ff))

/* First-level descriptor: section and supersection */
#define PMD_SECT_BUFFERABLE (_AT(u32, 1) << 2)
#define PMD_SECT_CACHEABLE (_AT(u32, 1) << 3)
#define PMD_SECT_XN (_AT(u32, 1) << 4)
#define PMD_SECT_AP_WRITE (_AT(u32, 1) << 10) /* AP[0] */
#define PMD_SECT_AP_READ (_AT(u32, 1) << 11) /* AP[1] */
#define PMD_SECT_TEX(x) (_AT(u32, (x)) << 12)
#define PMD_SECT_APX (_AT(u32, 1) << 15)
#define PMD_SECT_S (_AT(u32, 1) << 16)
#define PMD_SECT_nG (_AT(u32, 1) << 17)
#define PMD_SECT_SUPER (_AT(u32, 1) << 18)
#define PMD_SECT_NS (_AT(u32, 1) << 19)
#define PMD_SECT_BASE_MASK (~_AT(u32, 0xfffff))
#define PMD_SUPERSECT_BASE_MASK (~_AT(u32, 0xffffff))

#define PMD_SECT_AF (_AT(u32, 0)) /* no access flag in this format */

#define PMD_SECT_UNCACHED (_AT(u32, 0))
#define PMD_SECT_BUFFERED (PMD_SECT_BUFFERABLE)
#define PMD_SECT_WT (PMD_SECT_CACHEABLE)
#define PMD_SECT_WB (PMD_SECT_CACHEABLE | PMD_SECT_BUFFERABLE)
#define PMD_SECT_MINICACHE (PMD_SECT_TEX(1) | PMD_SECT_CACHEABLE)
#define PMD_SECT_WBWA \
	(PMD_SECT_TEX(1) | PMD_SECT_CACHEABLE | PMD_SECT_BUFFERABLE)
#define PMD_SECT_NONSHARED_DEV (PMD_SECT_TEX(2))

/* Second-level descriptor: common */
#define PTE_TYPE_MASK (_AT(u32, 3) << 0)
#define PTE_TYPE_FAULT (_AT(u32, 0) << 0)
#define PTE_TYPE_LARGE (_AT(u32, 1) << 0)
#define PTE_TYPE_SMALL (_AT(u32, 2) << 0)
#define PTE_BUFFERABLE (_AT(u32, 1) << 2)
#define PTE_CACHEABLE (_AT(u32, 1) << 3)

/* Second-level descriptor: extended small page */
#define PTE_EXT_XN (_AT(u32, 1) << 0)
#define PTE_EXT_AP_MASK (_AT(u32, 3) << 4)
#define PTE_EXT_AP0 (_AT(u32, 1) << 4)
#define PTE_EXT_AP1 (_AT(u32, 2) << 4)
#define PTE_EXT_AP_UNO_SRO (_AT(u32, 0) << 4)
#define PTE_EXT_AP_UNO_SRW (PTE_EXT_AP0)
#define PTE_EXT_AP_URO_SRW (PTE_EXT_AP1)
#define PTE_EXT_AP_URW_SRW (PTE_EXT_AP1 | PTE_EXT_AP0)
#define PTE_EXT_TEX(x) (_AT(u32, (x)) << 6)
#define PTE_EXT_APX (_AT(u32, 1) << 9)
#define PTE_EXT_SHARED (_AT(u32, 1) << 10)
#define PTE_EXT_NG (_AT(u32, 1) << 11)
/* Section and supersection fields Linux never names (ARM ARM B3.5.1) */
#define PMD_SUPERSECT_EXTBASE_MASK (_AT(u32, 0xf) << 20) /* PA[35:32] */
#define PMD_SUPERSECT_EXTBASE2_MASK (_AT(u32, 0xf) << 5) /* PA[39:36] */
#define PTE_SMALL_BASE_MASK (~_AT(u32, 0xfff))

/* Second-level descriptor: large page (not used by Linux) */
#define PTE_LARGE_XN (_AT(u32, 1) << 15)
#define PTE_LARGE_TEX(x) (_AT(u32, (x)) << 12)
#define PTE_LARGE_BASE_MASK (~_AT(u32, 0xffff))

/* Geometry of the two levels. */
#define SECTION_SHIFT 20
#define SECTION_SIZE (_AC(1, UL) << SECTION_SHIFT)
#define SUPERSECTION_SHIFT 24
#define SUPERSECTION_SIZE (_AC(1, UL) << SUPERSECTION_SHIFT)
#define LARGE_PAGE_SHIFT 16
#define LARGE_PAGE_SIZE (_AC(1, UL) << LARGE_PAGE_SHIFT)
#define HW_L1_ENTRIES 4096 /* 16 KiB first-level table */
#define HW_L2_ENTRIES 256 /* 1 KiB coarse table */

#endif /* _ASM_ARM_PGTABLE_2LEVEL_HWDEF_H */
