/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Page tables, the kernel's view (arch/arm/include/asm/pgtable.h).
 *
 * swapper_pg_dir is the kernel's first-level table: 16 KiB just below
 * the kernel's text, at PAGE_OFFSET + TEXT_OFFSET - PG_DIR_SIZE, where
 * arch/arm/kernel/head.S puts it (physical 0x60004000 on this board).
 */
#ifndef _ASM_PGTABLE_H
#define _ASM_PGTABLE_H

#include <asm/memory.h>
#include <asm/pgtable-2level-hwdef.h>
#include <asm/pgtable-2level-types.h>

#define PG_DIR_SIZE 0x4000
#define swapper_pg_dir ((pgd_t *)(PAGE_OFFSET + TEXT_OFFSET - PG_DIR_SIZE))

#endif /* _ASM_PGTABLE_H */
