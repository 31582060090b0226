/* SPDX-License-Identifier: GPL-2.0 */
/* Memory types of the kernel's mappings (arch/arm/mm/mm.h). */
#ifndef _ARCH_ARM_MM_MM_H
#define _ARCH_ARM_MM_MM_H

#include <asm/pgtable-2level-types.h>

/*
 * The domains Linux gives its mappings (arch/arm/include/asm/domain.h,
 * without CONFIG_IO_36).
 */
#ifndef DOMAIN_KERNEL
#define DOMAIN_KERNEL 0
#define DOMAIN_USER 1
#define DOMAIN_IO 2
#define DOMAIN_VECTORS 3
#endif

/*
 * prot_pte holds Linux PTE bits (L_PTE_*), prot_l1 the first-level
 * entry of a page-mapped megabyte, prot_sect a section entry; the domain
 * is already or'ed into prot_l1 and prot_sect.  prot_pte_s2 (KVM's
 * stage-2 tables, LPAE only) stays 0.
 */
struct mem_type {
	pteval_t prot_pte;
	pteval_t prot_pte_s2;
	pmdval_t prot_l1;
	pmdval_t prot_sect;
	unsigned int domain;
};

const struct mem_type *get_mem_type(unsigned int type);

/*
 * init.c, CONFIG_STRICT_KERNEL_RWX (chapter 25): a range of the image,
 * whole sections, and what to do to their entries: (entry & mask) |
 * prot to apply, | clear to undo.
 */
struct section_perm {
	const char *name;
	unsigned long start;
	unsigned long end;
	pmdval_t mask;
	pmdval_t prot;
	pmdval_t clear;
};
extern struct section_perm nx_perms[3], ro_perms[1];
void section_update(unsigned long addr, pmdval_t mask, pmdval_t prot,
		    pgd_t *pgdir);
void set_section_perms(struct section_perm *perms, int n, bool set,
		       pgd_t *pgdir);
void fix_kernmem_perms(void);

#endif /* _ARCH_ARM_MM_MM_H */
