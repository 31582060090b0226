/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hooking a PTE page into a first-level table
 * (v5.10 arch/arm/include/asm/pgalloc.h).
 */
#ifndef _ASM_PGALLOC_H
#define _ASM_PGALLOC_H

#include <asm/pgtable.h>
#include <asm/cp15.h>

//> ch23 pmd-populate
/**
 * __pmd_populate - point a pgd entry's two hardware entries at a PTE page
 * @pmdp: the pgd entry (its pmd): pmdp[0] maps the even megabyte,
 *        pmdp[1] the odd one
 * @pte: physical address of the PTE page (Linux pt 0 at offset 0)
 * @prot: the rest of the table descriptor (type, domain: prot_l1)
 *
 * The page holds the two Linux tables in its first half and the two
 * hardware tables (256 entries of 4 bytes each) in its second: the
 * hardware entries point there, 1 KiB apart.
 * SIMPLIFIED(v5.10 arch/arm/include/asm/pgalloc.h): no flush_pmd_entry();
 * QEMU's walks do not go through the data cache.
 */
static inline void __pmd_populate(pmd_t *pmdp, phys_addr_t pte, pmdval_t prot)
{
	/* TODO(ch23): both hardware entries of the pair, each pointing at
	   its hardware table in the second half of the page; see
	   chapters/23-pte-tables.md, "Two tables in one page". */
	(void)pmdp; (void)pte; (void)prot;
}
//< ch23 pmd-populate

/*
 * A PTE page of the kernel's after boot (vmalloc, chapter 26): from the
 * page allocator, zeroed, hooked into the kernel's domain.  Linux 5.10
 * sets bit 4 of such a table descriptor (PMD_BIT4, which ARMv5 required
 * and ARMv7's short-descriptor format marks should-be-zero); so do we.
 */
#define PMD_BIT4 (_AT(pmdval_t, 1) << 4)
#define _PAGE_KERNEL_TABLE \
	(PMD_TYPE_TABLE | PMD_BIT4 | PMD_DOMAIN(DOMAIN_KERNEL))

/* A process's PTE page: in DOMAIN_USER, which SW PAN closes to the kernel */
#define _PAGE_USER_TABLE (PMD_TYPE_TABLE | PMD_BIT4 | PMD_DOMAIN(DOMAIN_USER))

struct mm_struct;
pte_t *pte_alloc_one_kernel(struct mm_struct *mm);
void pte_free_kernel(struct mm_struct *mm, pte_t *pte);
/* mm/vmalloc.c: the PTE of @addr, its PTE page allocated if need be */
pte_t *pte_alloc_kernel(pmd_t *pmd, unsigned long addr);

static inline void pmd_populate_kernel(struct mm_struct *mm, pmd_t *pmdp,
				       pte_t *ptep)
{
	(void)mm;
	__pmd_populate(pmdp, __pa(ptep), _PAGE_KERNEL_TABLE);
}

/* arch/arm/mm/pgd.c: a process's first-level table */
pgd_t *pgd_alloc(struct mm_struct *mm);
void pgd_free(struct mm_struct *mm, pgd_t *pgd);

/* mmu.c: the PTE of @addr, its PTE page from memblock if need be */
pte_t *early_pte_alloc(pmd_t *pmd, unsigned long addr, unsigned long prot);

#endif /* _ASM_PGALLOC_H */
