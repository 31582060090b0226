// SPDX-License-Identifier: GPL-2.0
/*
 * ioremap_page_range - the PTEs of a device mapping (v5.10
 * lib/ioremap.c): consecutive frames from @phys_addr, one PTE each,
 * with the device memory type's prot.  Unlike vmalloc's pages these
 * frames have no struct page: the PTE is made from the pfn
 * (pfn_pte()).  The PTE pages come from pte_alloc_kernel(), as
 * vmalloc's do (chapter 26).
 *
 * SIMPLIFIED(v5.10 lib/ioremap.c): no huge mappings
 * (CONFIG_HAVE_ARCH_HUGE_VMAP, not on 32-bit ARM); the p4d/pud/pmd
 * levels are the pgd entry, as everywhere in our tree.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <asm/io.h>
#include <asm/pgalloc.h>
#include <asm/pgtable.h>

//> ch27 ioremap_pte_range
static int ioremap_pte_range(pmd_t *pmd, unsigned long addr, unsigned long end,
			     phys_addr_t phys_addr, pgprot_t prot)
{
	// BEGIN SOLUTION ch27
	pte_t *pte;
	u64 pfn;

	pfn = phys_addr >> PAGE_SHIFT;
	pte = pte_alloc_kernel(pmd, addr);
	if (!pte)
		return -ENOMEM;
	do {
		BUG_ON(!pte_none(*pte));
		set_pte_at(&init_mm, addr, pte, pfn_pte(pfn, prot));
		pfn++;
	} while (pte++, addr += PAGE_SIZE, addr != end);
	return 0;
	// STUB
	// /* TODO(ch27): the PTE page of @addr, then one PTE per page from
	//    @phys_addr's frame on; see chapters/27-ioremap.md,
	//    "ioremap_page_range". */
	// (void)pmd, (void)addr, (void)end, (void)phys_addr, (void)prot;
	// return -ENOMEM;
	// END SOLUTION
}
//< ch27 ioremap_pte_range

int ioremap_page_range(unsigned long addr, unsigned long end,
		       phys_addr_t phys_addr, pgprot_t prot)
{
	pgd_t *pgd;
	unsigned long next;
	int err;

	BUG_ON(addr >= end);

	pgd = pgd_offset_k(addr);
	do {
		next = pgd_addr_end(addr, end);
		err = ioremap_pte_range(pmd_offset(pgd, addr), addr, next,
					phys_addr, prot);
		if (err)
			break;
	} while (pgd++, phys_addr += (next - addr), addr = next, addr != end);

	return err; /* 5.10 then flushes the cache over the range: none */
}
