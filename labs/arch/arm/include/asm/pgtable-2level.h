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
 * Chapter 24 builds that page; chapters 16-17 only walk and write the
 * hardware's own entries.
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

#define pmd_large(pmd) (pmd_val(pmd) & 2)
#define pmd_bad(pmd) (pmd_val(pmd) & 2)
#define pmd_present(pmd) (pmd_val(pmd))

/* we don't need complex calculations here as the pmd is folded into the pgd */
#define pmd_addr_end(addr, end) (end)

#endif /* _ASM_PGTABLE_2LEVEL_H */
