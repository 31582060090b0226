/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The architecture's part of an mm_struct (arch/arm/include/asm/mmu.h).
 *
 * With CONFIG_CPU_HAS_ASID (every ARMv7), context.id holds the address
 * space's ASID in its low ASID_BITS bits and, above them, the
 * generation it was allocated in (arch/arm/mm/context.c, chapter 19).
 * SIMPLIFIED(v5.10 asm/mmu.h): id is a plain u64, not an atomic64_t,
 * because the kernel runs on one CPU and never switches mm from an
 * interrupt; vmalloc_seq and sigpage come with the chapters that use them.
 */
#ifndef __ARM_MMU_H
#define __ARM_MMU_H

#include <linux/types.h>

typedef struct {
	u64 id; /* generation << ASID_BITS | ASID */
} mm_context_t;

#define ASID_BITS 8
#define ASID_MASK ((~0ULL) << ASID_BITS)
#define ASID(mm) ((unsigned int)((mm)->context.id & ~ASID_MASK))

#endif /* __ARM_MMU_H */
