// SPDX-License-Identifier: GPL-2.0
/*
 * The ARMv7-A short-descriptor translation table walk, in software.
 *
 * A virtual address is translated in at most two steps (ARM ARM B3.5):
 *
 *   VA[31:20] indexes the first-level table (TTBR0 or TTBR1, by TTBCR.N)
 *     fault       -> translation fault (section), FS 0b00101
 *     section     -> PA = base[31:20] : VA[19:0]              1 MiB
 *     supersect.  -> PA = base[31:24] : VA[23:0]              16 MiB
 *     coarse tbl  -> VA[19:12] indexes a 256-entry table:
 *        fault       -> translation fault (page), FS 0b00111
 *        large page  -> PA = base[31:16] : VA[15:0]           64 KiB
 *        small page  -> PA = base[31:12] : VA[11:0]           4 KiB
 *
 * Then the access is checked, in the order of the fault-checking
 * sequence (B3.12.3): the domain's DACR field first (no access: domain
 * fault; manager: allowed; client: go on), then AP[2:0] for the mode and
 * the access, then XN for instruction fetches.
 *
 * hw_walk() does the translation and fills a TLB-entry-like record;
 * hw_check_access() does the checks.  Keeping them apart is what lets
 * the host port cache a translation and check it again after the DACR
 * or the CPU mode changes, as a real TLB does.
 *
 * SIMPLIFIED(ARM ARM B3.7.1): SCTLR.AFE = 0 only (AP[0] is a permission
 * bit, as Linux on ARMv7 uses it); no TEX remap, caches or shareability
 * are modelled, since no memory-management result depends on them.
 */
#include <linux/kernel.h>
#include <asm/pgtable-2level-hwdef.h>
#include <asm/cp15.h>
#include <asm/page.h>
#include "walk.h"

/* Which first-level table translates va: TTBR1 when VA[31:32-N] != 0. */
static int l1_table(const struct hw_mmu_regs *r, u32 va, u32 *table)
{
	u32 n = r->ttbcr & TTBCR_N_MASK;

	if (n && (va >> (32 - n))) {
		if (r->ttbcr & TTBCR_PD1)
			return -1;
		*table = r->ttbr1 & ~0x3fffU;
		return 0;
	}
	if (r->ttbcr & TTBCR_PD0)
		return -1;
	/* A TTBR0 table shrinks to 16 KiB >> N and is aligned to its size. */
	*table = r->ttbr0 & ~(0x3fffU >> n);
	return 0;
}

static void fill_section(struct hw_walk *w, u32 va, u32 d)
{
	bool super = d & PMD_SECT_SUPER;

	w->shift = super ? SUPERSECTION_SHIFT : SECTION_SHIFT;
	w->va_base = va & ~((1U << w->shift) - 1);
	w->pa_base = d & (super ? PMD_SUPERSECT_BASE_MASK : PMD_SECT_BASE_MASK);
	w->ap = ((d >> 10) & 3) | ((d >> 13) & 4);
	/* In a supersection, bits 8:5 extend the PA: its domain is 0. */
	w->domain = super ? 0 : (d >> 5) & 0xf;
	w->xn = d & PMD_SECT_XN;
	w->ng = d & PMD_SECT_nG;
	w->page = false;
}

static int fill_page(struct hw_walk *w, u32 va, u32 d)
{
	switch (d & PTE_TYPE_MASK) {
	case PTE_TYPE_FAULT:
		return -1;
	case PTE_TYPE_LARGE:
		w->shift = LARGE_PAGE_SHIFT;
		w->pa_base = d & PTE_LARGE_BASE_MASK;
		w->xn = d & PTE_LARGE_XN;
		break;
	default: /* small page; bit 0 is XN */
		w->shift = PAGE_SHIFT;
		w->pa_base = d & PTE_SMALL_BASE_MASK;
		w->xn = d & PTE_EXT_XN;
		break;
	}
	w->va_base = va & ~((1U << w->shift) - 1);
	w->ap = ((d >> 4) & 3) | ((d >> 7) & 4);
	w->ng = d & PTE_EXT_NG;
	w->page = true;
	return 0;
}

//> ch00 hw_walk
/**
 * hw_walk - translate one virtual address as the MMU's table walk does
 * @regs: TTBR0, TTBR1 and TTBCR
 * @va: the virtual address
 * @rd: reads descriptors from physical memory
 * @w: the translation, or in w->fsr the fault (with its domain)
 *
 * Return: 0 when a translation was found, -1 on a fault.
 */
int hw_walk(const struct hw_mmu_regs *regs, u32 va, hw_read_phys_t rd,
	    struct hw_walk *w)
{
	u32 table, d;
	bool ok = true;

	*w = (struct hw_walk){ .va_base = va };
	if (l1_table(regs, va, &table))
		goto trans_sect;
	w->desc_pa[0] = table | ((va >> 18) & 0x3ffc);
	d = rd(w->desc_pa[0], &ok);
	w->desc[0] = d;
	if (!ok) {
		w->fsr = FSR_FS_EXT_WALK_L1;
		return -1;
	}
	switch (d & PMD_TYPE_MASK) {
	case PMD_TYPE_SECT:
		fill_section(w, va, d);
		return 0;
	case PMD_TYPE_TABLE:
		break;
	default: /* 0b00 fault; 0b11 is reserved on CPUs without PXN */
		goto trans_sect;
	}
	w->domain = (d >> 5) & 0xf;
	table = d & PMD_TABLE_BASE_MASK;
	w->desc_pa[1] = table | ((va >> 10) & 0x3fc);
	d = rd(w->desc_pa[1], &ok);
	w->desc[1] = d;
	if (!ok) {
		w->fsr = FSR_FS_EXT_WALK_L2 | FSR_DOMAIN(w->domain);
		return -1;
	}
	if (fill_page(w, va, d)) {
		w->fsr = FSR_FS_TRANS_PAGE | FSR_DOMAIN(w->domain);
		return -1;
	}
	return 0;
trans_sect:
	w->fsr = FSR_FS_TRANS_SECT;
	return -1;
}
//< ch00 hw_walk

/**
 * hw_ap_perms - what AP[2:0] allows (ARM ARM table B3-8, AFE = 0)
 * @ap: APX:AP[1:0]
 * @user: true for an unprivileged (PL0) access
 *
 *   APX AP   privileged  user
 *    0  00   none        none
 *    0  01   RW          none
 *    0  10   RW          RO
 *    0  11   RW          RW
 *    1  00   reserved: treated as no access
 *    1  01   RO          none
 *    1  10   RO          RO     (deprecated encoding)
 *    1  11   RO          RO
 *
 * Return: HW_PERM_R and/or HW_PERM_W.
 */
int hw_ap_perms(u32 ap, bool user)
{
	static const u8 priv[8] = { 0, 3, 3, 3, 0, 1, 1, 1 };
	static const u8 usr[8] = { 0, 0, 1, 3, 0, 0, 1, 1 };

	return user ? usr[ap & 7] : priv[ap & 7];
}

/**
 * hw_check_access - may this access use this translation?
 * @w: a successful walk (or a cached entry)
 * @dacr: the Domain Access Control Register
 * @user: the access is made in user mode
 * @acc: read, write or instruction fetch
 *
 * Return: 0 if allowed, else the fault status (domain or permission,
 * section or page, with the domain and the WnR bit set).
 */
u32 hw_check_access(const struct hw_walk *w, u32 dacr, bool user,
		    enum hw_access acc)
{
	u32 dom = (dacr >> (2 * w->domain)) & 3;
	u32 wnr = acc == HW_WRITE ? FSR_WRITE : 0;
	u32 where = FSR_DOMAIN(w->domain) | wnr;
	int perms;

	/* 0b10 is reserved in the DACR and behaves as no access. */
	if (dom == DOMAIN_NOACCESS || dom == 2)
		return (w->page ? FSR_FS_DOMAIN_PAGE : FSR_FS_DOMAIN_SECT) |
		       where;
	if (dom == DOMAIN_MANAGER)
		return 0;
	perms = hw_ap_perms(w->ap, user);
	if (acc == HW_WRITE ? !(perms & HW_PERM_W) : !(perms & HW_PERM_R))
		goto perm;
	/* ARMv7 never executes from a region it cannot read. */
	if (acc == HW_EXEC && w->xn)
		goto perm;
	return 0;
perm:
	return (w->page ? FSR_FS_PERM_PAGE : FSR_FS_PERM_SECT) | where;
}
