/* SPDX-License-Identifier: GPL-2.0 */
/*
 * TLB maintenance (arch/arm/include/asm/tlbflush.h, arch/arm/mm/tlb-v7.S).
 *
 * The MMU caches translations in its TLB and never re-reads a
 * descriptor it has cached.  Whoever changes or removes a valid
 * descriptor must invalidate what the TLB may hold for it:
 *
 *   flush_tlb_all()             everything             TLBIALL
 *   flush_tlb_mm(mm)            mm's non-global pages  TLBIASID ASID(mm)
 *   flush_tlb_page(vma, va)     one user page          TLBIMVA va | ASID
 *   flush_tlb_range(vma, s, e)  user pages in [s, e)   TLBIMVA per page
 *   flush_tlb_kernel_page(va)   one kernel page        TLBIMVA va (global)
 *   flush_tlb_kernel_range(s,e) kernel pages           TLBIMVA per page
 *   local_flush_bp_all()        the branch predictor   BPIALL
 *
 * Linux picks the operations from a table of flags per CPU type
 * (v7wbi_tlb_flags_up and _smp); an ARMv7 uniprocessor ends in the
 * operations above, an SMP one in their inner-shareable forms
 * (TLBIALLIS, TLBIMVAIS, TLBIASIDIS, BPIALLIS: c8, c3 and c7, c1) that
 * every CPU of the cluster obeys.
 * SIMPLIFIED(v5.10 asm/tlbflush.h): we are a uniprocessor, so the
 * flags table is gone and flush_tlb_* are the local_flush_tlb_*
 * operations, as v5.10 defines them without CONFIG_SMP.  The machine's
 * tlbi*() primitives (asm/cp15.h) end in DSB and ISB; the dsb() before
 * each operation is the caller's, as in Linux: it completes the table
 * writes the flush is for, so that the walk cannot refill an entry from
 * an old descriptor after the invalidation (the host port reports a
 * missing one).  The barriers after it are Linux's, kept to show where
 * they belong.
 */
#ifndef _ASMARM_TLBFLUSH_H
#define _ASMARM_TLBFLUSH_H

#include <linux/mm_types.h>
#include <asm/cp15.h>
#include <asm/page.h>

//> ch19 local_flush_tlb_all
/* Every entry of this CPU's TLB: TLBIALL (c8, c7, 0). */
static inline void local_flush_tlb_all(void)
{
	dsb(); /* dsb(nshst): the table writes reach the walker */
	tlbiall();
	dsb(); /* dsb(nsh) */
	isb();
}

/* One kernel page, a global entry: TLBIMVA with ASID field 0. */
static inline void local_flush_tlb_kernel_page(unsigned long kaddr)
{
	kaddr &= PAGE_MASK;
	dsb();
	tlbimva(kaddr);
	dsb();
	isb();
}
//< ch19 local_flush_tlb_all

//> ch19 local_flush_tlb_mm
/* Every non-global entry tagged with mm's ASID: TLBIASID (c8, c7, 2). */
static inline void local_flush_tlb_mm(struct mm_struct *mm)
{
	// BEGIN SOLUTION ch19
	const int asid = ASID(mm);

	dsb();
	tlbiasid(asid);
	dsb();
	// STUB
	// /* TODO(ch19): invalidate the entries of mm's ASID, and only
	//    those; see chapters/19-tlb.md, "Which operation, which operand". */
	// (void)mm;
	// END SOLUTION
}
//< ch19 local_flush_tlb_mm

//> ch19 local_flush_tlb_page
/*
 * One user page of vma's address space: TLBIMVA (c8, c7, 1) with the
 * page's address in bits 31:12 and the ASID in bits 7:0.  The entry of
 * the same address under another ASID stays.
 */
static inline void local_flush_tlb_page(struct vm_area_struct *vma,
					unsigned long uaddr)
{
	// BEGIN SOLUTION ch19
	uaddr = (uaddr & PAGE_MASK) | ASID(vma->vm_mm);
	dsb();
	tlbimva(uaddr);
	dsb();
	// STUB
	// /* TODO(ch19): invalidate uaddr's page for vma's ASID only; see
	//    chapters/19-tlb.md, "Which operation, which operand". */
	// (void)vma;
	// (void)uaddr;
	// END SOLUTION
}
//< ch19 local_flush_tlb_page

/*
 * flush_pmd_entry - a first-level entry was written in place: 5.10
 * cleans its cache line to the table walk (TLB_DCLEAN) and issues a
 * DSB (TLB_WB).  SIMPLIFIED: QEMU's walks do not go through the data
 * cache, so the DSB alone.
 */
static inline void flush_pmd_entry(void *pmd)
{
	(void)pmd;
	dsb();
}

/* The branch predictor may hold targets of the old mappings: BPIALL. */
static inline void local_flush_bp_all(void)
{
	bpiall();
	isb();
}

/* arch/arm/mm/tlb-v7.c: the loops of tlb-v7.S */
void v7wbi_flush_user_tlb_range(unsigned long start, unsigned long end,
				struct vm_area_struct *vma);
void v7wbi_flush_kern_tlb_range(unsigned long start, unsigned long end);

#define local_flush_tlb_range(vma, start, end) \
	v7wbi_flush_user_tlb_range(start, end, vma)
#define local_flush_tlb_kernel_range(s, e) v7wbi_flush_kern_tlb_range(s, e)

/* A uniprocessor: every flush is local (v5.10, !CONFIG_SMP). */
#define flush_tlb_all local_flush_tlb_all
#define flush_tlb_mm local_flush_tlb_mm
#define flush_tlb_page local_flush_tlb_page
#define flush_tlb_kernel_page local_flush_tlb_kernel_page
#define flush_tlb_range local_flush_tlb_range
#define flush_tlb_kernel_range local_flush_tlb_kernel_range
#define flush_bp_all local_flush_bp_all

#endif /* _ASMARM_TLBFLUSH_H */
