/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Turning the MMU on (arch/arm/mm/proc-v7.S, arch/arm/kernel/head.S),
 * in C: chapters 15 and 18.
 */
#ifndef _ASM_ARM_PROC_FNS_H
#define _ASM_ARM_PROC_FNS_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <asm/pgtable-2level-types.h>

/*
 * __head - code that runs at its physical address with the MMU off
 * (Linux's __HEAD, the .head.text of head.S).  The board's image is
 * linked at PAGE_OFFSET, so this code may not use the address of
 * anything it was linked with: it may compute with such addresses, but
 * must not load, store or jump through them (no variables, no jump
 * tables, no calls through pointers), and it may call only functions
 * that keep the same rule.  On the board these functions lie in the
 * image's first megabyte, beside .idmap.text (kernel.lds.S).
 */
#define __head __section(".head.text")

/* proc-v7.c (proc-v7.S): invalidate, TTBCR/TTBR1; the SCTLR to write */
u32 __v7_setup(phys_addr_t pgd);

/* head.c (head.S) */
void __enable_mmu(u32 sctlr, phys_addr_t pgd);
void __turn_mmu_on(u32 sctlr);
void stext_enable_mmu(phys_addr_t pgd);
phys_addr_t __create_page_tables(phys_addr_t fdt_pa);

/* idmap.c */
void identity_mapping_add(u32 *pgd, const char *text_start,
			  const char *text_end, u32 prot);
extern pgd_t *idmap_pgd;
int init_static_idmap(void);

/*
 * proc-v7-2level.c (proc-v7-2level.S): write a Linux PTE and its
 * hardware twin.  Linux calls it through the processor's function table
 * (MULTI_CPU) or by the one CPU's name, as here.
 */
void cpu_v7_set_pte_ext(pte_t *ptep, pte_t pte, unsigned int ext);
#define cpu_set_pte_ext cpu_v7_set_pte_ext

/* mmu.c: the rest of lowmem into swapper_pg_dir (chapter 25 replaces) */
void paging_init(void);
/* mmu.c: the vectors page; the harness runs it after paging_init() (ch25) */
void devicemaps_init(void);
void kmap_init(void);
/* mmu.c: setup_arch's build_mem_type_table() (chapter 30) */
void early_mm_init(void);

/*
 * v7's mm_mmuflags (the __v7_proc macro of proc-v7.S; PMD_FLAGS_* from
 * proc-v7-2level.S): the section descriptor bits __create_page_tables
 * uses.  An SMP kernel chooses between ALT_SMP and ALT_UP at boot
 * (head.S: __fixup_smp): a Cortex-A9 whose MPIDR says multiprocessor and
 * whose SCU counts more than one CPU runs the SMP variants, any other
 * the UP ones.  QEMU's vexpress-a9 has one CPU, so a real 5.10 kernel
 * on our board runs ALT_UP: PMD_FLAGS_UP, write-back and not shared
 * ("Memory policy: Data cache writeback").  We model the board as QEMU
 * runs it; the four CPUs of chapter 6 are simulated in software.
 */
#define PMD_FLAGS_UP PMD_SECT_WB
#define PMD_FLAGS_SMP (PMD_SECT_WBWA | PMD_SECT_S)
#define MM_MMUFLAGS                                                           \
	(PMD_TYPE_SECT | PMD_SECT_AP_WRITE | PMD_SECT_AP_READ | PMD_SECT_AF | \
	 PMD_FLAGS_UP)

#endif /* _ASM_ARM_PROC_FNS_H */
