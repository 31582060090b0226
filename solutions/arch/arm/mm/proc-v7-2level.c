// SPDX-License-Identifier: GPL-2.0
/*
 * The ARMv7 processor's PTE writer, cpu_v7_set_pte_ext() of
 * arch/arm/mm/proc-v7-2level.S in C (chapter 24).
 *
 * Every PTE the kernel writes goes through set_pte_ext(): it stores the
 * Linux PTE where the core kernel reads it and, 2048 bytes further on in
 * the same page, the hardware PTE that the table walk reads.  The two
 * differ because the ARMv7 small-page descriptor has no bit for "young"
 * and none for "dirty": Linux emulates both with permissions.  A page
 * that is not young gets no hardware entry at all, so the first access
 * faults and the fault handler marks it young; a page that is writable
 * but not dirty gets a read-only entry, so the first write faults and
 * the handler marks it dirty (chapter 33).
 *
 * The memory type, L_PTE_MT_* in bits 5:2 of the Linux PTE, is an index
 * n = TEX[0]:C:B that the hardware looks up in PRRR and NMRR when TEX
 * remap is on (SCTLR.TRE), which 5.10's __v7_setup turns on.
 * SIMPLIFIED(v5.10 arch/arm/mm/proc-v7.S): our __v7_setup (chapter 15)
 * leaves TRE off, so the walk reads TEX[0], C and B as themselves.  For
 * the types of normal memory the kernel maps with pages (write-back 011,
 * write-alloc 111, uncached 000) that is the meaning PRRR/NMRR give
 * them; for the device types (ioremap, chapter 27) it is not.  QEMU
 * models neither caches nor the difference.  No clean of the entry to
 * the point of unification (flush_pte): QEMU's walks do not go through
 * the data cache.
 */
#include <asm/pgtable.h>
#include <asm/proc-fns.h>

//> ch24 set-pte-ext
/**
 * cpu_v7_set_pte_ext - write a Linux PTE and its hardware twin
 * @ptep: the Linux PTE (the hardware one is PTE_HWTABLE_OFF further on)
 * @pte: the Linux PTE's value (L_PTE_* bits and the page's address)
 * @ext: hardware bits to add as they are (PTE_EXT_NG for a process's page)
 */
void cpu_v7_set_pte_ext(pte_t *ptep, pte_t pte, unsigned int ext)
{
	u32 *hw = (u32 *)((char *)ptep + PTE_HWTABLE_OFF);
	u32 hwpte;

	*ptep = pte; /* the Linux version */

	// BEGIN SOLUTION ch24
	/* keep the address, C and B, shared; drop the Linux-only bits */
	hwpte = pte & ~0x3f0U & ~PTE_TYPE_MASK;
	hwpte |= ext | PTE_EXT_AP0 | PTE_TYPE_SMALL;

	if (pte & (1 << 4)) /* the memory type's TEX[0] */
		hwpte |= PTE_EXT_TEX(1);
	/* read-only, or writable but clean: the first write must fault */
	if ((pte & L_PTE_RDONLY) || !(pte & L_PTE_DIRTY))
		hwpte |= PTE_EXT_APX;
	if (pte & L_PTE_USER)
		hwpte |= PTE_EXT_AP1;
	if (pte & L_PTE_XN)
		hwpte |= PTE_EXT_XN;
	/* old, not present, or PROT_NONE: no hardware entry at all */
	if (!(pte & L_PTE_YOUNG) || !(pte & L_PTE_VALID) || (pte & L_PTE_NONE))
		hwpte = 0;
	// STUB
	// /* TODO(ch24): translate the Linux PTE into the hardware small-page
	//    descriptor: AP, APX, XN, TEX[0], and no entry at all for an old,
	//    absent or PROT_NONE page; see chapters/24-linux-pte.md,
	//    "set_pte_ext". */
	// hwpte = 0;
	// (void)ext;
	// END SOLUTION
	*hw = hwpte;
}
//< ch24 set-pte-ext
