/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The hardware's own view of the short-descriptor tables, in software
 * (chapters 16 and 17).  Linux has no such file: it reads its tables
 * through the pgd/pmd/pte helpers of asm/pgtable.h, whose split is 11/9/12
 * (2 MiB pgd entries, 512-entry PTE tables).  The MMU splits a VA 12/8/12:
 *
 *   31            20 19        12 11          0
 *  +----------------+------------+-------------+
 *  | first level    | second lvl | offset      |
 *  | 4096 x 1 MiB   | 256 x 4KiB | in the page |
 *  +----------------+------------+-------------+
 *
 * The helpers here carry hw_ in their names so that no one mistakes
 * them for Linux's pgd_index()/pte_index().  Linux's nearest cousins of
 * the walker are show_pte() in arch/arm/mm/fault.c and the ptdump walker
 * in arch/arm/mm/dump.c.
 */
#ifndef _ASM_PGWALK_H
#define _ASM_PGWALK_H

#include <linux/types.h>
#include <asm/pgtable-2level-hwdef.h>

/* Chapter 16: the walk */
unsigned int hw_l1_index(u32 va); /* VA[31:20] */
unsigned int hw_l2_index(u32 va); /* VA[19:12] */

/* Fault status codes of a failed walk (ARM ARM table B3-23). */
#define HW_FS_TRANS_SECT 0x05 /* first-level entry is a fault */
#define HW_FS_TRANS_PAGE 0x07 /* second-level entry is a fault */

/* The result of one software walk. */
struct hw_translation {
	u32 pa; /* the physical address of va, when fs == 0 */
	u32 fs; /* 0, HW_FS_TRANS_SECT or HW_FS_TRANS_PAGE */
	u32 size; /* bytes the final entry maps: 4K, 64K, 1M or 16M */
	u32 l1; /* the first-level descriptor read */
	u32 l2; /* the second-level descriptor read, 0 if none */
	u32 domain; /* the domain of the entry (0 for a supersection) */
};

int hw_walk_tables(const u32 *l1_table, u32 va, struct hw_translation *t);

/* The lecture's sums */
u64 flat_table_bytes(unsigned int va_bits, unsigned int page_shift);

/* A range of VA mapped with one page size (4K, 64K, 1M or 16M). */
struct pt_range {
	u32 va;
	u32 size;
	u32 page_size;
};

#define HW_L1_TABLE_BYTES (HW_L1_ENTRIES * 4) /* 16 KiB */
#define HW_L2_TABLE_BYTES (HW_L2_ENTRIES * 4) /* 1 KiB */

unsigned long two_level_table_bytes(const struct pt_range *r, int n);

/* Chapter 17: descriptors */
enum hw_desc_type {
	HW_DESC_FAULT,
	HW_DESC_TABLE, /* first level: a coarse second-level table */
	HW_DESC_SECTION, /* first level: 1 MiB */
	HW_DESC_SUPERSECTION, /* first level: 16 MiB, in 16 entries */
	HW_DESC_LARGE, /* second level: 64 KiB, in 16 entries */
	HW_DESC_SMALL, /* second level: 4 KiB */
};

/* Every field of a short descriptor, decoded. */
struct hw_desc {
	enum hw_desc_type type;
	u32 base; /* PA of the section, page or second-level table */
	u32 ap; /* APX:AP[1:0], three bits */
	u32 tex; /* TEX[2:0] */
	u32 domain; /* 0..15 (first level only; supersection: 0) */
	bool c, b; /* cacheable, bufferable */
	bool xn; /* execute never */
	bool ng; /* not global */
	bool s; /* shareable */
	bool ns; /* non-secure (first level only) */
};

int hw_desc_decode(u32 val, int level, struct hw_desc *d);
u32 hw_desc_encode(const struct hw_desc *d);
const char *hw_desc_type_name(enum hw_desc_type type);

#endif /* _ASM_PGWALK_H */
