/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Test helpers of chapters 16, 17, 23 and 24: a fresh first-level table that
 * keeps every entry of the live one (image, devices, lowmem: the code
 * and its stack keep running), and switching TTBR0 to it and back.
 */
#ifndef _PT_UTIL_H
#define _PT_UTIL_H

#include <stdio.h>
#include <string.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <asm/cp15.h>
#include <asm/memory.h>
#include <asm/pgtable.h>
#include <asm/pgwalk.h>
#include <asm/mach/map.h>

struct pt_switch {
	struct page *page;
	u32 *table;
	u32 old_ttbr, old_dacr;
};

/* A map_desc of [va, va + len) -> pa, as create_mapping() takes it. */
static inline struct map_desc md(unsigned long va, unsigned long pa,
				 unsigned long len, unsigned int type)
{
	return (struct map_desc){ va, pa >> PAGE_SHIFT, len, type };
}

/* The Linux PTE of @va in table @l1, whose pgd entry must be a table. */
static inline pte_t *pt_linux_pte(u32 *l1, unsigned long va)
{
	return pte_offset_kernel((pmd_t *)&l1[(va >> SECTION_SHIFT) & ~1UL],
				 va);
}

/* The Linux PTE that maps @va in swapper_pg_dir, or 0 if no table does. */
static inline u32 kpte(unsigned long va)
{
	u32 *l1 = (u32 *)swapper_pg_dir;

	if ((l1[va >> SECTION_SHIFT] & 3) != PMD_TYPE_TABLE)
		return 0;
	return (u32)pte_val(*pt_linux_pte(l1, va));
}

/* The first-level table the MMU uses now, whichever it is. */
static inline u32 *live_l1_table(void)
{
	return __va(cpu_get_ttbr(0) & ~0x3fffU);
}

/* A 16 KiB table (an order-2 block is 16 KiB-aligned) copying the live one. */
static inline u32 *pt_copy_live(struct pt_switch *s)
{
	s->page = alloc_pages(GFP_KERNEL, 2);
	if (!s->page)
		return NULL;
	s->table = page_address(s->page);
	memcpy(s->table, live_l1_table(), HW_L1_TABLE_BYTES);
	return s->table;
}

static inline void pt_switch_to(struct pt_switch *s, u32 dacr)
{
	s->old_ttbr = cpu_get_ttbr(0);
	s->old_dacr = get_domain();
	cpu_set_ttbr(0, (u32)__pa(s->table) | (s->old_ttbr & 0x7f));
	set_domain(dacr);
	tlbiall();
}

static inline void pt_switch_back(struct pt_switch *s)
{
	cpu_set_ttbr(0, s->old_ttbr);
	set_domain(s->old_dacr);
	tlbiall();
	__free_pages(s->page, 2);
}

/*
 * A PAR in words, for a failure message: "PA 61112000", or "fault, FS
 * 0x05 section translation" (the short-descriptor fault statuses, ARM
 * ARM B3.13.3).  Returns @buf.
 */
static inline const char *par_str(u32 par, char *buf, size_t size)
{
	static const char *const fs_name[32] = {
		[0x01] = "alignment",
		[0x03] = "section access flag",
		[0x05] = "section translation",
		[0x06] = "page access flag",
		[0x07] = "page translation",
		[0x08] = "synchronous external abort",
		[0x09] = "section domain",
		[0x0b] = "page domain",
		[0x0c] = "external abort on the first-level walk",
		[0x0d] = "section permission",
		[0x0e] = "external abort on the second-level walk",
		[0x0f] = "page permission",
	};
	u32 fs = PAR_FS(par);

	if (!(par & PAR_F))
		snprintf(buf, size, "PA %08x (PAR %08x)", par & PAGE_MASK, par);
	else
		snprintf(buf, size, "fault, FS 0x%02x %s (PAR %08x)", fs,
			 fs_name[fs] ? fs_name[fs] : "(reserved)", par);
	return buf;
}

#endif /* _PT_UTIL_H */
