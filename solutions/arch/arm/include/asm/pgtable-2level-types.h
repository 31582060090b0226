/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The C types of page-table entries
 * (arch/arm/include/asm/pgtable-2level-types.h).
 *
 * A hardware descriptor is 32 bits on both machines; the host is a
 * 64-bit process, so the values are u32, never unsigned long.  Linux's
 * default is the plain-integer form below (STRICT_MM_TYPECHECKS off):
 * a pgd_t is a pair of first-level entries, 2 MiB of VA, for reasons
 * chapter 24 explains.
 */
#ifndef _ASM_PGTABLE_2LEVEL_TYPES_H
#define _ASM_PGTABLE_2LEVEL_TYPES_H

#include <linux/types.h>

typedef u32 pteval_t;
typedef u32 pmdval_t;

typedef pteval_t pte_t;
typedef pmdval_t pmd_t;
typedef pmdval_t pgd_t[2];
typedef pteval_t pgprot_t;

#define pte_val(x) (x)
#define pmd_val(x) (x)
#define pgd_val(x) ((x)[0])
#define pgprot_val(x) (x)

#define __pte(x) (x)
#define __pmd(x) (x)
#define __pgprot(x) (x)

#endif /* _ASM_PGTABLE_2LEVEL_TYPES_H */
