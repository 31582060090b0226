// SPDX-License-Identifier: GPL-2.0
/*
 * The range flushes of ARMv7 (arch/arm/mm/tlb-v7.S).
 *
 * SIMPLIFIED(v5.10 tlb-v7.S): written in C over the machine's tlbimva(),
 * for a uniprocessor (the ALT_UP instructions).  The assembly shifts
 * @end down to a page boundary because its callers always pass
 * page-aligned ends (vm_end, or a range the mmu_gather rounded); we
 * round a partial last page up, so that no caller can leave one stale.
 */
#include <linux/mm.h>
#include <asm/tlbflush.h>

//> ch19 flush_user_tlb_range
/*
 * v7wbi_flush_user_tlb_range - invalidate [start, end) of vma's mm
 *
 * One TLBIMVA per page, each with the page's address and the ASID of
 * vma->vm_mm, so other address spaces' entries stay.
 */
void v7wbi_flush_user_tlb_range(unsigned long start, unsigned long end,
				struct vm_area_struct *vma)
{
	/* TODO(ch19): one TLBIMVA per page of [start, end), tagged with
	   vma's ASID; see chapters/19-tlb.md, "Ranges". */
	(void)start;
	(void)end;
	(void)vma;
}
//< ch19 flush_user_tlb_range

/* v7wbi_flush_kern_tlb_range - invalidate the kernel pages of [start, end) */
void v7wbi_flush_kern_tlb_range(unsigned long start, unsigned long end)
{
	dsb();
	for (start &= PAGE_MASK; start < end; start += PAGE_SIZE)
		tlbimva(start);
	dsb();
	isb();
}
