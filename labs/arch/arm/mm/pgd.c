// SPDX-License-Identifier: GPL-2.0
/*
 * A process's first-level table (arch/arm/mm/pgd.c).
 *
 * 16 KiB, 4096 entries, from the page allocator (order 2, so aligned as
 * TTBR0 needs).  Its user part, below TASK_SIZE, starts empty; its
 * kernel part is a copy of swapper_pg_dir's entries, which point at the
 * kernel's own PTE pages: every process shares the kernel's second-level
 * tables, and the copy is only of the first-level entries.  A kernel
 * mapping whose first-level entry is made later (vmalloc, ioremap) is
 * not in the copy; a translation fault brings it (chapter 34).
 * SIMPLIFIED(v5.10): no low vectors page to copy (ours are high, as
 * vectors_high() is on ARMv7), no clean_dcache_area(): QEMU's walks do
 * not go through the data cache.
 */
#include <string.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <asm/pgalloc.h>
#include <asm/pgtable.h>

#define __pgd_alloc() ((pgd_t *)__get_free_pages(GFP_KERNEL, 2))
#define __pgd_free(pgd) free_pages((unsigned long)(pgd), 2)

//> ch32 pgd_alloc
pgd_t *pgd_alloc(struct mm_struct *mm)
{
	pgd_t *new_pgd = __pgd_alloc(), *init_pgd = pgd_offset_k(0);

	(void)mm;
	if (!new_pgd)
		return NULL;
	/* TODO(ch32): an empty user half, and the kernel half copied from
	   init_pgd; see chapters/32-process-page-tables.md, "pgd_alloc". */
	(void)init_pgd;
	return new_pgd;
}
//< ch32 pgd_alloc

/*
 * The table goes, with the PTE page of its first 2 MiB, which
 * free_pgtables() keeps (5.10 keeps it for the low vectors); the other
 * user PTE pages are already gone, the kernel's belong to the kernel.
 */
void pgd_free(struct mm_struct *mm, pgd_t *pgd)
{
	free_first_pte_table(mm);
	for (unsigned int i = 0; i < USER_PTRS_PER_PGD; i++)
		WARN_ONCE(!pmd_none(pgd[i][0]),
			  "pgd_free: user entry %u still maps a table\n", i);
	__pgd_free(pgd);
}
