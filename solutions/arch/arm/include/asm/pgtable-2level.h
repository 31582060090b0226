/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Linux's view of the two-level tables (arch/arm/include/asm/pgtable-2level.h).
 *
 * The hardware has 4096 first-level entries of 1 MiB and 256-entry
 * second-level tables (the 12/8/12 split, asm/pgwalk.h names it).
 * Linux wants one page of PTEs per table and room for its own
 * "young" and "dirty" bits, so it tells the core kernel that there are
 * 2048 first-level entries of 8 bytes (a pgd_t is a *pair* of hardware
 * entries, 2 MiB of VA) and that a PTE table has 512 entries: one 4 KiB
 * page holds two Linux tables followed by the two hardware tables,
 *
 *   +0     Linux pt 0      +2048  h/w pt 0  (pointed to by pgd[0])
 *   +1024  Linux pt 1      +3072  h/w pt 1  (pointed to by pgd[1])
 *
 * Chapter 23 builds that page (early_pte_alloc(), __pmd_populate());
 * chapter 24 fills both halves (set_pte_ext()).
 */
#ifndef _ASM_PGTABLE_2LEVEL_H
#define _ASM_PGTABLE_2LEVEL_H

#include <asm/pgtable-2level-hwdef.h>
#include <asm/pgtable-2level-types.h>

#define PTRS_PER_PTE 512
#define PTRS_PER_PMD 1
#define PTRS_PER_PGD 2048

#define PTE_HWTABLE_PTRS (PTRS_PER_PTE)
#define PTE_HWTABLE_OFF (PTE_HWTABLE_PTRS * sizeof(pte_t))
#define PTE_HWTABLE_SIZE (PTRS_PER_PTE * sizeof(u32))

/*
 * PMD_SHIFT determines the size of the area a second-level page table can map
 * PGDIR_SHIFT determines what a third-level page table entry can map
 */
#define PMD_SHIFT 21
#define PGDIR_SHIFT 21

#define PMD_SIZE (1UL << PMD_SHIFT)
#define PMD_MASK (~(PMD_SIZE - 1))
#define PGDIR_SIZE (1UL << PGDIR_SHIFT)
#define PGDIR_MASK (~(PGDIR_SIZE - 1))

/* section and supersection masks (SECTION_SHIFT/SIZE are in hwdef) */
#define SECTION_MASK (~(SECTION_SIZE - 1))
#define SUPERSECTION_MASK (~(SUPERSECTION_SIZE - 1))

/*
 * The pud and pmd levels are folded into the pgd: pmd_offset() gives the
 * pgd entry itself, that is the first of its two hardware entries.
 */
static inline pmd_t *pmd_offset(pgd_t *pgd, unsigned long addr)
{
	(void)addr;
	return (pmd_t *)pgd;
}

/*
 * Both hardware entries of a pgd entry.  SIMPLIFIED(v5.10
 * arch/arm/include/asm/pgtable-2level.h): no clean_pmd_entry(); QEMU's
 * walks do not go through the data cache.
 */
#define pmd_clear(pmdp)               \
	do {                          \
		(pmdp)[0] = __pmd(0); \
		(pmdp)[1] = __pmd(0); \
	} while (0)

/*
 * The "Linux" PTE bits (v5.10 arch/arm/include/asm/pgtable-2level.h).
 * Linux keeps two copies of every PTE: this one, which the core kernel
 * reads and writes, and the hardware's, which set_pte_ext() (chapter
 * 24) derives from it.  The Linux copy has room for what ARMv7's small
 * page has no bit for: YOUNG (accessed) and DIRTY (written).
 */
#define L_PTE_VALID (_AT(pteval_t, 1) << 0) /* Valid */
#define L_PTE_PRESENT (_AT(pteval_t, 1) << 0)
#define L_PTE_YOUNG (_AT(pteval_t, 1) << 1)
#define L_PTE_DIRTY (_AT(pteval_t, 1) << 6)
#define L_PTE_RDONLY (_AT(pteval_t, 1) << 7)
#define L_PTE_USER (_AT(pteval_t, 1) << 8)
#define L_PTE_XN (_AT(pteval_t, 1) << 9)
#define L_PTE_SHARED (_AT(pteval_t, 1) << 10) /* shared(v6), coherent(xsc3) */
#define L_PTE_NONE (_AT(pteval_t, 1) << 11)

/*
 * The memory type, bits 5:2: with TEX remap on ARMv7, an index n =
 * TEX[0]:C:B into PRRR/NMRR (proc-v7-2level.c says what each means).
 */
#define L_PTE_MT_UNCACHED (_AT(pteval_t, 0x00) << 2) /* 0000 */
#define L_PTE_MT_BUFFERABLE (_AT(pteval_t, 0x01) << 2) /* 0001 */
#define L_PTE_MT_WRITETHROUGH (_AT(pteval_t, 0x02) << 2) /* 0010 */
#define L_PTE_MT_WRITEBACK (_AT(pteval_t, 0x03) << 2) /* 0011 */
#define L_PTE_MT_MINICACHE \
	(_AT(pteval_t, 0x06) << 2) /* 0110 (sa1100, xscale) */
#define L_PTE_MT_WRITEALLOC (_AT(pteval_t, 0x07) << 2) /* 0111 */
#define L_PTE_MT_DEV_SHARED (_AT(pteval_t, 0x04) << 2) /* 0100 */
#define L_PTE_MT_DEV_NONSHARED (_AT(pteval_t, 0x0c) << 2) /* 1100 */
#define L_PTE_MT_DEV_WC (_AT(pteval_t, 0x09) << 2) /* 1001 */
#define L_PTE_MT_DEV_CACHED (_AT(pteval_t, 0x0b) << 2) /* 1011 */
#define L_PTE_MT_VECTORS (_AT(pteval_t, 0x0f) << 2) /* 1111 */
#define L_PTE_MT_MASK (_AT(pteval_t, 0x0f) << 2)

#define pmd_large(pmd) (pmd_val(pmd) & 2)
#define pmd_bad(pmd) (pmd_val(pmd) & 2)
#define pmd_present(pmd) (pmd_val(pmd))

/* Both hardware entries of a pgd entry, from another table's (fault.c) */
#define copy_pmd(pmdpd, pmdps)          \
	do {                            \
		pmdpd[0] = pmdps[0];    \
		pmdpd[1] = pmdps[1];    \
		flush_pmd_entry(pmdpd); \
	} while (0)

/* we don't need complex calculations here as the pmd is folded into the pgd */
#define pmd_addr_end(addr, end) (end)

#endif /* _ASM_PGTABLE_2LEVEL_H */
