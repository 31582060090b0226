// SPDX-License-Identifier: GPL-2.0
/*
 * Identity maps (arch/arm/mm/idmap.c): VA == PA for the code that runs
 * while the MMU is turned on or off (chapter 15).
 *
 * SIMPLIFIED(v5.10 arch/arm/mm/idmap.c): Linux walks its own 2048-entry
 * pgd, pud and pmd, each pgd_t a pair of hardware entries
 * (idmap_add_pmd writes pmd[0] and pmd[1]); we index the 4096-entry
 * hardware table directly, one 1 MiB section per entry.  The
 * pre-ARMv6 PMD_BIT4 case is gone, and so is flush_pmd_entry(): the
 * callers write the table while the MMU is off or before using it.
 */
#include <string.h>
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <asm-generic/sections.h>
#include <asm/memory.h>
#include <asm/pgtable.h>
#include <asm/proc-fns.h>

//> ch15 identity-mapping-add
/**
 * identity_mapping_add - map [@text_start, @text_end) at its own address
 * @pgd: first-level table, 4096 entries, writable at this address
 * @text_start: first byte of the code
 * @text_end: one past its last byte
 * @prot: extra section bits (Linux passes 0)
 */
void identity_mapping_add(u32 *pgd, const char *text_start,
			  const char *text_end, u32 prot)
{
	unsigned long addr, end;

	addr = virt_to_idmap(text_start);
	end = virt_to_idmap(text_end);
	pr_info("Setting up static identity map for 0x%lx - 0x%lx\n", addr,
		end);
	/* TODO(ch15): one section per megabyte that [addr, end) touches,
	   VA == PA; see chapters/15-virtual-address-mmu.md,
	   "The identity map". */
	(void)pgd, (void)prot;
}
//< ch15 identity-mapping-add

pgd_t *idmap_pgd;

/**
 * init_static_idmap - the identity map in a table of its own
 *
 * After paging_init() swapper_pg_dir maps nothing below PAGE_OFFSET:
 * code that must turn the MMU off or on again (soft restart, resume)
 * switches to idmap_pgd, which holds the kernel's half of swapper_pg_dir
 * and .idmap.text at its own address.  Linux runs this as an
 * early_initcall.
 * SIMPLIFIED(v5.10 arch/arm/mm/idmap.c): pgd_alloc() is chapter 32's;
 * we take the four pages from the buddy allocator and copy the kernel's
 * entries, from TASK_SIZE up, as pgd_alloc() does; no cache flush.
 *
 * Return: 0, or -ENOMEM.
 */
int init_static_idmap(void)
{
	const unsigned int user = TASK_SIZE >> SECTION_SHIFT;
	struct page *page = alloc_pages(GFP_KERNEL | __GFP_ZERO, 2);
	u32 *pgd;

	if (!page)
		return -ENOMEM;
	pgd = page_address(page);
	memcpy(pgd + user, (u32 *)swapper_pg_dir + user,
	       (HW_L1_ENTRIES - user) * sizeof(u32));
	identity_mapping_add(pgd, __idmap_text_start, __idmap_text_end, 0);
	idmap_pgd = (pgd_t *)pgd;
	return 0;
}
