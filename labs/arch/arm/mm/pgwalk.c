// SPDX-License-Identifier: GPL-2.0
/*
 * The table walk in software, and the lecture's sums (chapter 16).
 *
 * hw_walk_tables() reads a first-level table and the second-level
 * tables it points to exactly as the MMU's table-walk unit does, and
 * gives the same physical address or the same translation fault.
 * Linux has no such function: it never needs the PA the MMU would
 * compute, only the entries (show_pte() in arch/arm/mm/fault.c prints
 * them after a fault; arch/arm/mm/dump.c prints whole tables).  Here
 * it is the proof that we read the formats right: chapter 16's tests
 * compare it with the MMU's own answer (ATS1CPR and the PAR).
 */
#include <linux/kernel.h>
#include <linux/printk.h>
#include <asm/memory.h>
#include <asm/page.h>
#include <asm/pgwalk.h>

//> ch16 hw index
/* hw_l1_index - which of the 4096 first-level entries translates va */
unsigned int hw_l1_index(u32 va)
{
	/* TODO(ch16): VA[31:20]; see chapters/16-two-level-tables.md,
	   "Twelve, eight, twelve". */
	return 0;
}

/* hw_l2_index - which of the 256 entries of a coarse table */
unsigned int hw_l2_index(u32 va)
{
	/* TODO(ch16): VA[19:12]; see chapters/16-two-level-tables.md,
	   "Twelve, eight, twelve". */
	return 0;
}
//< ch16 hw index

/**
 * hw_walk_tables - translate va through a first-level table, as the MMU
 * @l1_table: the 16 KiB first-level table (a kernel virtual address)
 * @va: the virtual address
 * @t: the result: PA and entry size, or the fault status
 *
 * Second-level tables are read through __va() of the physical address
 * their first-level entry holds.  No permission is checked: a walk only
 * finds the translation (the MMU checks domain and AP afterwards).
 *
 * Return: 0 with t->pa set, or -1 with t->fs set.
 */
//> ch16 hw_walk_tables
int hw_walk_tables(const u32 *l1_table, u32 va, struct hw_translation *t)
{
	/* TODO(ch16): read the first-level entry; fault, section,
	   supersection or table; then the second-level entry; see
	   chapters/16-two-level-tables.md, "The walk". */
	*t = (struct hw_translation){ .l1 = l1_table[0] };
	t->fs = HW_FS_TRANS_SECT;
	(void)va;
	return -1;
}
//< ch16 hw_walk_tables

/**
 * flat_table_bytes - a one-level table for the whole VA space
 * @va_bits: 32 on ARM32
 * @page_shift: 12 for 4 KiB pages
 *
 * One 4-byte entry per page: 2^(va_bits - page_shift) * 4 bytes.
 */
//> ch16 flat
u64 flat_table_bytes(unsigned int va_bits, unsigned int page_shift)
{
	if (page_shift > va_bits || va_bits > 40) {
		pr_err("flat_table_bytes: %u-bit VA with %u-bit pages\n",
		       va_bits, page_shift);
		return 0;
	}
	/* TODO(ch16): one 4-byte entry per page of the VA space; see
	   chapters/16-two-level-tables.md, "One level is too big". */
	return 0;
}
//< ch16 flat

static bool range_ok(const struct pt_range *r, int i)
{
	u32 ps = r->page_size;

	if (ps != PAGE_SIZE && ps != LARGE_PAGE_SIZE && ps != SECTION_SIZE &&
	    ps != SUPERSECTION_SIZE) {
		pr_err("two_level_table_bytes: range %d: page size %#x is not "
		       "4K, 64K, 1M or 16M\n",
		       i, ps);
		return false;
	}
	if ((r->va | r->size) & (ps - 1) || !r->size ||
	    (u64)r->va + r->size > (1ULL << 32)) {
		pr_err("two_level_table_bytes: range %d: [%#x, +%#x) is not "
		       "aligned to its page size %#x or leaves the 4 GiB\n",
		       i, r->va, r->size, ps);
		return false;
	}
	return true;
}

//> ch16 two_level
/**
 * two_level_table_bytes - table memory for a set of mappings
 * @r: the ranges; they may overlap
 * @n: how many
 *
 * The first-level table always costs 16 KiB; each megabyte of VA that
 * holds a 4 KiB or 64 KiB page needs one 1 KiB coarse table, however
 * many ranges share it.  Sections and supersections live in the
 * first-level table itself.
 *
 * Return: bytes, or 0 after a report if a range is malformed.
 */
unsigned long two_level_table_bytes(const struct pt_range *r, int n)
{
	u32 coarse[HW_L1_ENTRIES / 32] = { 0 }; /* one bit per megabyte */
	unsigned long tables = 0;

	for (int i = 0; i < n; i++)
		if (!range_ok(&r[i], i))
			return 0;
	/* TODO(ch16): count the megabytes that need a coarse table,
	   each once; see chapters/16-two-level-tables.md,
	   "What the tables cost". */
	(void)coarse;
	return HW_L1_TABLE_BYTES + tables * HW_L2_TABLE_BYTES;
}
//< ch16 two_level
