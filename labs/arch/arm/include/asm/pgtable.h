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
#include <asm/pgtable-2level.h>
#include <asm/page.h>
#include <asm/proc-fns.h>

#define PG_DIR_SIZE 0x4000
#define swapper_pg_dir ((pgd_t *)(PAGE_OFFSET + TEXT_OFFSET - PG_DIR_SIZE))

/*
 * The walk, as Linux names it (include/linux/pgtable.h in v5.10, with
 * the arm parts from arch/arm/include/asm/pgtable.h).  Linux's
 * pgd_offset_k(a) is pgd_offset(&init_mm, a), init_mm.pgd being
 * swapper_pg_dir.  SIMPLIFIED(include/linux/pgtable.h): there is no
 * init_mm until chapter 19, so pgd_offset_k() starts from
 * swapper_pg_dir directly; pgd_offset_pgd() walks any table.
 */
#define pgd_index(addr) (((addr) >> PGDIR_SHIFT) & (PTRS_PER_PGD - 1))

static inline pgd_t *pgd_offset_pgd(pgd_t *pgd, unsigned long address)
{
	return pgd + pgd_index(address);
}

#define pgd_offset_k(address) pgd_offset_pgd(swapper_pg_dir, (address))
/* A process's entry: its own first-level table (chapter 32). */
#define pgd_offset(mm, address) pgd_offset_pgd((mm)->pgd, (address))

/* The kernel's pmd of @va (include/linux/pgtable.h, new in 5.8). */
static inline pmd_t *pmd_off_k(unsigned long va)
{
	return pmd_offset(pgd_offset_k(va), va);
}

/* The pmd of @va in @mm's tables (include/linux/pgtable.h's pmd_off()). */
#define pmd_off(mm, va) pmd_offset(pgd_offset((mm), (va)), (va))

/*
 * vmalloc's area starts at the first 8 MiB boundary above the end of
 * lowmem (high_memory + VMALLOC_OFFSET, rounded down): the gap catches
 * stray accesses off its end.  It ends at VMALLOC_END (asm/memory.h).
 */
#define VMALLOC_START \
	(((unsigned long)high_memory + VMALLOC_OFFSET) & ~(VMALLOC_OFFSET - 1))

/* The next pgd boundary after addr, or end if it comes first. */
#define pgd_addr_end(addr, end)                                                \
	({                                                                     \
		unsigned long __boundary = ((addr) + PGDIR_SIZE) & PGDIR_MASK; \
		(__boundary - 1 < (end)-1) ? __boundary : (end);               \
	})

#define pmd_none(pmd) (!pmd_val(pmd))

/* The PTE page a table entry points to: Linux pt 0, PAGE_MASK-aligned. */
static inline pte_t *pmd_page_vaddr(pmd_t pmd)
{
	return __va(pmd_val(pmd) & (s32)PAGE_MASK);
}

static inline unsigned long pte_index(unsigned long address)
{
	return (address >> PAGE_SHIFT) & (PTRS_PER_PTE - 1);
}

/*
 * The *Linux* PTE of address: its hardware twin is PTE_HWTABLE_PTRS
 * entries further on (chapter 24).
 */
static inline pte_t *pte_offset_kernel(pmd_t *pmd, unsigned long address)
{
	return pmd_page_vaddr(*pmd) + pte_index(address);
}

/* The kernel's PTE of @vaddr, NULL without a PTE page (5.10 linux/pgtable.h) */
static inline pte_t *virt_to_kpte(unsigned long vaddr)
{
	pmd_t *pmd = pmd_off_k(vaddr);

	return pmd_none(*pmd) ? NULL : pte_offset_kernel(pmd, vaddr);
}

/*
 * PTE values (v5.10 arch/arm/include/asm/pgtable.h).  A PTE is the
 * page's physical address with the L_PTE_* bits of its protection.
 */
#define pfn_pte(pfn, prot) __pte(__pfn_to_phys(pfn) | pgprot_val(prot))
#define pte_pfn(pte) ((pte_val(pte) & (s32)PAGE_MASK) >> PAGE_SHIFT)
#define pte_none(pte) (!pte_val(pte))
#define pte_same(a, b) (pte_val(a) == pte_val(b))
#define pte_present(pte) (pte_val(pte) & L_PTE_PRESENT)
#define pte_valid(pte) (pte_val(pte) & L_PTE_VALID)
#define pte_young(pte) (pte_val(pte) & L_PTE_YOUNG)
#define pte_dirty(pte) (pte_val(pte) & L_PTE_DIRTY)
#define pte_write(pte) (!(pte_val(pte) & L_PTE_RDONLY))
#define pte_exec(pte) (!(pte_val(pte) & L_PTE_XN))

static inline pte_t set_pte_bit(pte_t pte, pgprot_t prot)
{
	return __pte(pte_val(pte) | pgprot_val(prot));
}

static inline pte_t clear_pte_bit(pte_t pte, pgprot_t prot)
{
	return __pte(pte_val(pte) & ~pgprot_val(prot));
}

/*
 * @pte with the protection of @newprot: the permission bits change, the
 * page, young and dirty stay (mprotect(), chapter 34).
 */
static inline pte_t pte_modify(pte_t pte, pgprot_t newprot)
{
	const pteval_t mask =
		L_PTE_XN | L_PTE_RDONLY | L_PTE_USER | L_PTE_NONE | L_PTE_VALID;

	return __pte((pte_val(pte) & ~mask) | (pgprot_val(newprot) & mask));
}

static inline pte_t pte_wrprotect(pte_t pte)
{
	return set_pte_bit(pte, __pgprot(L_PTE_RDONLY));
}

static inline pte_t pte_mkwrite(pte_t pte)
{
	return clear_pte_bit(pte, __pgprot(L_PTE_RDONLY));
}

static inline pte_t pte_mkclean(pte_t pte)
{
	return clear_pte_bit(pte, __pgprot(L_PTE_DIRTY));
}

static inline pte_t pte_mkdirty(pte_t pte)
{
	return set_pte_bit(pte, __pgprot(L_PTE_DIRTY));
}

static inline pte_t pte_mkold(pte_t pte)
{
	return clear_pte_bit(pte, __pgprot(L_PTE_YOUNG));
}

static inline pte_t pte_mkyoung(pte_t pte)
{
	return set_pte_bit(pte, __pgprot(L_PTE_YOUNG));
}

/*
 * The kernel's page protection (v5.10 arch/arm/include/asm/pgtable.h:
 * PAGE_KERNEL is pgprot_kernel with XN, PAGE_KERNEL_EXEC without,
 * pgprot_kernel being what build_mem_type_table() computes: present,
 * young, dirty and the cache policy's memory type, write-back on our
 * board).
 */
extern pgprot_t pgprot_kernel; /* build_mem_type_table()'s (chapter 30) */

#define PAGE_KERNEL                                                       \
	(L_PTE_PRESENT | L_PTE_YOUNG | L_PTE_DIRTY | L_PTE_MT_WRITEBACK | \
	 L_PTE_XN)

#define PAGE_KERNEL_EXEC \
	(L_PTE_PRESENT | L_PTE_YOUNG | L_PTE_DIRTY | L_PTE_MT_WRITEBACK)

/*
 * Another memory type for a PTE's protection (5.10's, ARMv7 without
 * LPAE): a driver asks for one in its mmap before remap_pfn_range().
 * Write-combining (BUFFERABLE) is normal memory that no cache holds,
 * whose writes the CPU may merge: a framebuffer's, a DMA buffer's
 * (CONFIG_ARM_DMA_MEM_BUFFERABLE, forced on for ARMv7, makes
 * dma-coherent memory the same type, not executable).
 */
#define __pgprot_modify(prot, mask, bits) \
	__pgprot((pgprot_val(prot) & ~(mask)) | (bits))
#define pgprot_noncached(prot) \
	__pgprot_modify(prot, L_PTE_MT_MASK, L_PTE_MT_UNCACHED)
#define pgprot_writecombine(prot) \
	__pgprot_modify(prot, L_PTE_MT_MASK, L_PTE_MT_BUFFERABLE)
#define pgprot_dmacoherent(prot) \
	__pgprot_modify(prot, L_PTE_MT_MASK, L_PTE_MT_BUFFERABLE | L_PTE_XN)
#define pgprot_device(prot)                                                \
	__pgprot_modify(prot, L_PTE_MT_MASK,                               \
			L_PTE_MT_DEV_SHARED | L_PTE_SHARED | L_PTE_DIRTY | \
				L_PTE_XN)

/*
 * @newprot with @oldprot's memory type, when that is one of the helpers'
 * (5.10's generic pgprot_modify(), include/linux/pgtable.h): mprotect()
 * recomputes a VMA's protection from its flags and must not lose the
 * type its driver chose.
 */
static inline pgprot_t pgprot_modify(pgprot_t oldprot, pgprot_t newprot)
{
	if (pgprot_val(oldprot) == pgprot_val(pgprot_noncached(oldprot)))
		newprot = pgprot_noncached(newprot);
	if (pgprot_val(oldprot) == pgprot_val(pgprot_writecombine(oldprot)))
		newprot = pgprot_writecombine(newprot);
	if (pgprot_val(oldprot) == pgprot_val(pgprot_device(oldprot)))
		newprot = pgprot_device(newprot);
	return newprot;
}

//> ch32 protection_map
/*
 * A process's pages (5.10 arch/arm/include/asm/pgtable.h).  The
 * protection_map[] entries __P (private) and __S (shared), indexed by
 * VM_SHARED|VM_EXEC|VM_WRITE|VM_READ: a private writable mapping is
 * COPY, read-only in the PTE until its first write copies the page
 * (copy-on-write); a shared one is writable at once.  There is no
 * execute-only: ARM's short descriptors cannot give exec without read.
 * build_mem_type_table() adds the memory type (L_PTE_MT_WRITEBACK).
 */
extern pgprot_t pgprot_user; /* present, young, the memory type */
#define _L_PTE_DEFAULT (L_PTE_PRESENT | L_PTE_YOUNG)
#define __PAGE_NONE \
	__pgprot(_L_PTE_DEFAULT | L_PTE_RDONLY | L_PTE_XN | L_PTE_NONE)
#define __PAGE_SHARED __pgprot(_L_PTE_DEFAULT | L_PTE_USER | L_PTE_XN)
#define __PAGE_SHARED_EXEC __pgprot(_L_PTE_DEFAULT | L_PTE_USER)
#define __PAGE_COPY \
	__pgprot(_L_PTE_DEFAULT | L_PTE_USER | L_PTE_RDONLY | L_PTE_XN)
#define __PAGE_COPY_EXEC __pgprot(_L_PTE_DEFAULT | L_PTE_USER | L_PTE_RDONLY)
#define __PAGE_READONLY \
	__pgprot(_L_PTE_DEFAULT | L_PTE_USER | L_PTE_RDONLY | L_PTE_XN)
#define __PAGE_READONLY_EXEC \
	__pgprot(_L_PTE_DEFAULT | L_PTE_USER | L_PTE_RDONLY)

#define __P000 __PAGE_NONE
#define __P001 __PAGE_READONLY
#define __P010 __PAGE_COPY
#define __P011 __PAGE_COPY
#define __P100 __PAGE_READONLY_EXEC
#define __P101 __PAGE_READONLY_EXEC
#define __P110 __PAGE_COPY_EXEC
#define __P111 __PAGE_COPY_EXEC

#define __S000 __PAGE_NONE
#define __S001 __PAGE_READONLY
#define __S010 __PAGE_SHARED
#define __S011 __PAGE_SHARED
#define __S100 __PAGE_READONLY_EXEC
#define __S101 __PAGE_READONLY_EXEC
#define __S110 __PAGE_SHARED_EXEC
#define __S111 __PAGE_SHARED_EXEC
//< ch32 protection_map

/* The first address a process may map (5.10: the vectors' page and one) */
#define FIRST_USER_ADDRESS (PAGE_SIZE * 2)
/* The first-level entries of user space: the rest is the kernel's */
#define USER_PTRS_PER_PGD (TASK_SIZE / PGDIR_SIZE)
/* free_pgtables() frees nothing above: the modules' tables are shared */
#define USER_PGTABLES_CEILING TASK_SIZE

#define mk_pte(page, prot) pfn_pte(page_to_pfn(page), prot)
#define pte_page(pte) pfn_to_page(pte_pfn(pte))

/*
 * set_pte_ext - the only way a PTE is written: the Linux PTE at @ptep,
 * the hardware one PTE_HWTABLE_OFF bytes on (proc-v7-2level.c).
 */
#define set_pte_ext(ptep, pte, ext) cpu_set_pte_ext(ptep, pte, ext)
#define pte_clear(mm, addr, ptep) set_pte_ext(ptep, __pte(0), 0)

/*
 * set_pte_at - a PTE of @mm at @addr: a process's pages (below
 * TASK_SIZE, user) are not global, so their TLB entries carry the ASID.
 * SIMPLIFIED(v5.10 arch/arm/mm/mmu.c, where it is out of line): inline
 * here, and no __sync_icache_dcache(); QEMU has no caches to keep
 * coherent.
 */
struct mm_struct;
static inline void set_pte_at(struct mm_struct *mm, unsigned long addr,
			      pte_t *ptep, pte_t pteval)
{
	unsigned int ext = 0;

	(void)mm;
	if (addr < TASK_SIZE && (pte_val(pteval) & L_PTE_VALID) &&
	    (pte_val(pteval) & L_PTE_USER))
		ext |= PTE_EXT_NG;
	set_pte_ext(ptep, pteval, ext);
}

/* include/linux/pgtable.h's generic version */
static inline pte_t ptep_get_and_clear(struct mm_struct *mm, unsigned long addr,
				       pte_t *ptep)
{
	pte_t pte = *ptep;

	(void)mm, (void)addr;
	pte_clear(mm, addr, ptep);
	return pte;
}

#endif /* _ASM_PGTABLE_H */
