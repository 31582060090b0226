// SPDX-License-Identifier: GPL-2.0
/*
 * init_mm: the kernel's address space (mm/init-mm.c).
 *
 * Its first-level table is swapper_pg_dir, the table every other
 * address space copies its kernel half from.  Its context.id stays 0:
 * the kernel's mappings are global (nG clear), so they need no ASID,
 * and ASID 0 is never handed to a process (arch/arm/mm/context.c).
 */
#include <linux/mm_types.h>
#include <asm/pgtable.h>

struct mm_struct init_mm = {
	.pgd = swapper_pg_dir,
};
