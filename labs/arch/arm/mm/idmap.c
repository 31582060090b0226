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
#include <linux/printk.h>
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
