/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Switching address spaces (arch/arm/include/asm/mmu_context.h).
 */
#ifndef __ASM_ARM_MMU_CONTEXT_H
#define __ASM_ARM_MMU_CONTEXT_H

#include <linux/mm_types.h>

struct task_struct;

/* The current generation, in bits 63:8 (arch/arm/mm/context.c). */
extern u64 asid_generation;

void check_and_switch_context(struct mm_struct *mm, struct task_struct *tsk);
void cpu_switch_mm(pgd_t *pgd, struct mm_struct *mm);

/* A new mm has no ASID yet: its first switch allocates one. */
static inline int init_new_context(struct task_struct *tsk,
				   struct mm_struct *mm)
{
	(void)tsk;
	mm->context.id = 0;
	return 0;
}

/* switch_mm - run @next's address space from now on */
static inline void switch_mm(struct mm_struct *prev, struct mm_struct *next,
			     struct task_struct *tsk)
{
	if (prev != next)
		check_and_switch_context(next, tsk);
}

#endif /* __ASM_ARM_MMU_CONTEXT_H */
