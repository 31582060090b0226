// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel page-table dump: /sys/kernel/debug/kernel_page_tables
 * (v5.10 arch/arm/mm/dump.c, CONFIG_ARM_PTDUMP_DEBUGFS; the copy read is
 * zq9278/rk3566-kernel5.10, an unmodified 5.10.y file).
 *
 * It walks init_mm's first-level table, swapper_pg_dir, from address 0
 * to the top and prints one line per run of consecutive entries that
 * look alike, under the name of the region of the virtual layout the
 * run starts in:
 *
 *   ---[ Kernel Mapping ]---
 *   0xc0800000-0xd0000000         248M KERNEL      RW NX SHD
 *   |          |                  |    |           |  |  shareable (S)
 *   |          |                  |    |           |  execute never (XN)
 *   |          |                  |    |           APX:AP, privileged RW
 *   |          |                  |    the domain of the first-level entry
 *   |          |                  the size, in the largest unit that
 *   |          |                  divides it (K, M, G)
 *   start      end (exclusive)
 *
 * "Look alike" means: the same level (a section, or a page of a
 * second-level table), the same domain and the same bits of the
 * attribute table of that level.  The physical addresses play no part:
 * a run may cover sections that map scattered frames.  Two attribute
 * tables, two vocabularies:
 *
 *   - a section (section_bits[]) shows who may access it (its APX:AP
 *     bits: "    RW", "    ro", "USR RW", "USR ro"), NX or x, SHD.  It
 *     shows no memory type: 5.10 prints none for a section, so TEX, C
 *     and B of a section never appear here, whatever they are;
 *   - a page (pte_bits[]) shows Linux's own PTE bits (L_PTE_*), not the
 *     hardware's: USR, ro or RW, NX or x, SHD, and the memory type as
 *     Linux's L_PTE_MT_* index names it (MEM/CACHED/WBWA for
 *     L_PTE_MT_WRITEALLOC ...).  That index is the same with TEX remap or
 *     without: set_pte_ext() turns it into TEX/C/B, or into a TEX remap
 *     index, when it writes the hardware's twin of the entry.
 *
 * The walk is Linux's: 2048 pgd entries of 2 MiB, each a pair of
 * hardware entries.  walk_pmd() looks at the first of the pair: a fault
 * or a section is noted as one entry; a table is walked page by page
 * through its 512 Linux PTEs, which cover both megabytes.  The second
 * of the pair is noted only when it is a section.  So a section in the
 * first megabyte followed by a fault in the second prints as 2 MiB: a
 * quirk of 5.10's walker kept here, as it is what 5.10 prints.
 *
 * A run of entries whose attribute bits are all 0 (faults, mostly) is
 * not printed: only the gaps between the lines show it.  A region
 * name is printed when the first entry at or above its start is noted,
 * so a name whose start no entry reaches is never printed (5.10's
 * "Vectors" needs the page table of the vectors page to be walked).
 *
 * Linux prints this file to check what its mappings became: that
 * the kernel's text is read-only and executable, its data NX, that
 * nothing is writable and executable at once.  The course uses it to
 * show each map as it is added.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/seq_file.h>
#include <asm/fixmap.h>
#include <asm/memory.h>
#include <asm/pgtable.h>
#include <asm/ptdump.h>
#include "mm.h"

/* Element 2's start is VMALLOC_START, known once lowmem's end is. */
static struct addr_marker address_markers[] = {
	{ MODULES_VADDR, "Modules" },
	{ PAGE_OFFSET, "Kernel Mapping" },
	{ 0, "vmalloc() Area" },
	{ VMALLOC_END, "vmalloc() End" },
	{ FIXADDR_START, "Fixmap Area" },
	{ VECTORS_BASE, "Vectors" },
	{ VECTORS_BASE + PAGE_SIZE * 2, "Vectors End" },
	{ -1, NULL },
};

/*
 * The walk's state: the run being gathered (from start_address, at
 * level, with current_prot and current_domain) and the region it is in.
 * With check_wx (chapter 25) there is no seq: nothing is printed, and
 * wx_pages counts the pages of the runs both writable and executable.
 */
struct pg_state {
	struct seq_file *seq;
	const struct addr_marker *marker;
	unsigned long start_address;
	unsigned int level;
	u64 current_prot;
	bool check_wx;
	unsigned long wx_pages;
	const char *current_domain;
};

#define pt_dump_seq_printf(m, fmt, ...)                    \
	do {                                               \
		if (m)                                     \
			seq_printf(m, fmt, ##__VA_ARGS__); \
	} while (0)

/*
 * Print @set when (prot & mask) == val, else @clear (if any).  The W+X
 * check reads the row marked ro_bit (read-only when it matches) and the
 * row marked nx_bit (execute-never when it matches).
 */
struct prot_bits {
	u64 mask;
	u64 val;
	const char *set;
	const char *clear;
	bool ro_bit;
	bool nx_bit;
};

static const struct prot_bits pte_bits[] = {
	{
		.mask = L_PTE_USER,
		.val = L_PTE_USER,
		.set = "USR",
		.clear = "   ",
	},
	{
		.mask = L_PTE_RDONLY,
		.val = L_PTE_RDONLY,
		.set = "ro",
		.clear = "RW",
		.ro_bit = true,
	},
	{
		.mask = L_PTE_XN,
		.val = L_PTE_XN,
		.set = "NX",
		.clear = "x ",
		.nx_bit = true,
	},
	{
		.mask = L_PTE_SHARED,
		.val = L_PTE_SHARED,
		.set = "SHD",
		.clear = "   ",
	},
	{
		.mask = L_PTE_MT_MASK,
		.val = L_PTE_MT_UNCACHED,
		.set = "SO/UNCACHED",
	},
	{
		.mask = L_PTE_MT_MASK,
		.val = L_PTE_MT_BUFFERABLE,
		.set = "MEM/BUFFERABLE/WC",
	},
	{
		.mask = L_PTE_MT_MASK,
		.val = L_PTE_MT_WRITETHROUGH,
		.set = "MEM/CACHED/WT",
	},
	{
		.mask = L_PTE_MT_MASK,
		.val = L_PTE_MT_WRITEBACK,
		.set = "MEM/CACHED/WBRA",
	},
	{
		.mask = L_PTE_MT_MASK,
		.val = L_PTE_MT_MINICACHE,
		.set = "MEM/MINICACHE",
	},
	{
		.mask = L_PTE_MT_MASK,
		.val = L_PTE_MT_WRITEALLOC,
		.set = "MEM/CACHED/WBWA",
	},
	{
		.mask = L_PTE_MT_MASK,
		.val = L_PTE_MT_DEV_SHARED,
		.set = "DEV/SHARED",
	},
	{
		.mask = L_PTE_MT_MASK,
		.val = L_PTE_MT_DEV_NONSHARED,
		.set = "DEV/NONSHARED",
	},
	{
		.mask = L_PTE_MT_MASK,
		.val = L_PTE_MT_DEV_WC,
		.set = "DEV/WC",
	},
	{
		.mask = L_PTE_MT_MASK,
		.val = L_PTE_MT_DEV_CACHED,
		.set = "DEV/CACHED",
	},
};

/* ARMv6 and later, without LPAE: APX:AP, then XN and S. */
static const struct prot_bits section_bits[] = {
	{
		.mask = PMD_SECT_APX | PMD_SECT_AP_READ | PMD_SECT_AP_WRITE,
		.val = PMD_SECT_APX | PMD_SECT_AP_WRITE,
		.set = "    ro",
		.ro_bit = true,
	},
	{
		.mask = PMD_SECT_APX | PMD_SECT_AP_READ | PMD_SECT_AP_WRITE,
		.val = PMD_SECT_AP_WRITE,
		.set = "    RW",
	},
	{
		.mask = PMD_SECT_APX | PMD_SECT_AP_READ | PMD_SECT_AP_WRITE,
		.val = PMD_SECT_AP_READ,
		.set = "USR ro",
	},
	{
		.mask = PMD_SECT_APX | PMD_SECT_AP_READ | PMD_SECT_AP_WRITE,
		.val = PMD_SECT_AP_READ | PMD_SECT_AP_WRITE,
		.set = "USR RW",
	},
	{
		.mask = PMD_SECT_XN,
		.val = PMD_SECT_XN,
		.set = "NX",
		.clear = "x ",
		.nx_bit = true,
	},
	{
		.mask = PMD_SECT_S,
		.val = PMD_SECT_S,
		.set = "SHD",
		.clear = "   ",
	},
};

/*
 * The attribute table of each level, and the bits of an entry that
 * decide whether two entries look alike (the union of the table's
 * masks), and the rows the W+X check reads.  Levels 1-3 (pgd, p4d,
 * pud) are folded on this machine.
 */
struct pg_level {
	const struct prot_bits *bits;
	size_t num;
	u64 mask;
	const struct prot_bits *ro_bit;
	const struct prot_bits *nx_bit;
};

static struct pg_level pg_level[] = {
	{},
	{
		/* pgd */
	},
	{
		/* p4d */
	},
	{
		/* pud */
	},
	{
		/* pmd */
		.bits = section_bits,
		.num = ARRAY_SIZE(section_bits),
	},
	{
		/* pte */
		.bits = pte_bits,
		.num = ARRAY_SIZE(pte_bits),
	},
};

/**
 * dump_prot - the attribute columns of the run being printed
 * @st: the walk's state; its current_prot is the run's bits
 * @bits: the attribute table of the run's level
 * @num: its number of rows
 *
 * Each row prints a space and its @set text if the bits match, else
 * its @clear text if it has one.
 */
static void dump_prot(struct pg_state *st, const struct prot_bits *bits,
		      size_t num)
{
	unsigned int i;

	for (i = 0; i < num; i++, bits++) {
		const char *s;

		if ((st->current_prot & bits->mask) == bits->val)
			s = bits->set;
		else
			s = bits->clear;

		if (s)
			pt_dump_seq_printf(st->seq, " %s", s);
	}
}

//> ch25 note_prot_wx
/**
 * note_prot_wx - the run that ends at @addr: writable and executable?
 * @st: the walk's state; current_prot is the run's bits, level its level
 * @addr: the first address after the run
 *
 * Only when the walk checks (check_wx).  A run whose level's ro_bit row
 * matches is read-only, one whose nx_bit row matches is execute-never:
 * either is safe.  Any other run is reported once, by its first address,
 * and its pages are added to wx_pages.  The difference is taken in 32
 * bits: the last run ends at @addr 0, the wrap of 4 GiB.
 */
static void note_prot_wx(struct pg_state *st, unsigned long addr)
{
	/* TODO(ch25): skip unless checking, or when the run is read-only
	   or execute-never (the level's ro_bit and nx_bit rows); else
	   warn once and count its pages; see
	   chapters/25-strict-rwx.md, "Checked W+X mappings". */
	(void)st, (void)addr;
}
//< ch25 note_prot_wx

/**
 * note_page - one entry of the walk: extend the run or print it
 * @st: the walk's state
 * @addr: the first address the entry maps
 * @level: 4 for a first-level entry, 5 for a Linux PTE, 0 to end
 * @val: the entry
 * @domain: the domain's name column of its first-level entry, or NULL
 *
 * An entry that differs from the run (bits, level, domain), or that
 * starts a new region of the layout, ends the run: the run is printed
 * if its bits are not all zero, then the region's name if one starts.
 *
 * The sizes are 32-bit sums: the host port's unsigned long is 64 bits,
 * and the last call (@addr 0) must wrap at 4 GiB as it does on ARM.
 */
static void note_page(struct pg_state *st, unsigned long addr,
		      unsigned int level, u64 val, const char *domain)
{
	static const char units[] = "KMGTPE";
	u64 prot = val & pg_level[level].mask;

	if (!st->level) {
		st->level = level;
		st->current_prot = prot;
		st->current_domain = domain;
		pt_dump_seq_printf(st->seq, "---[ %s ]---\n", st->marker->name);
	} else if (prot != st->current_prot || level != st->level ||
		   domain != st->current_domain ||
		   addr >= st->marker[1].start_address) {
		const char *unit = units;
		unsigned long delta;

		if (st->current_prot) {
			note_prot_wx(st, addr);
			pt_dump_seq_printf(st->seq, "0x%08lx-0x%08lx   ",
					   st->start_address, addr);

			delta = (u32)(addr - st->start_address) >> 10;
			while (!(delta & 1023) && unit[1]) {
				delta >>= 10;
				unit++;
			}
			pt_dump_seq_printf(st->seq, "%9lu%c", delta, *unit);
			if (st->current_domain)
				pt_dump_seq_printf(st->seq, " %s",
						   st->current_domain);
			if (pg_level[st->level].bits)
				dump_prot(st, pg_level[st->level].bits,
					  pg_level[st->level].num);
			pt_dump_seq_printf(st->seq, "\n");
		}

		if (addr >= st->marker[1].start_address) {
			st->marker++;
			pt_dump_seq_printf(st->seq, "---[ %s ]---\n",
					   st->marker->name);
		}
		st->start_address = addr;
		st->current_prot = prot;
		st->current_domain = domain;
		st->level = level;
	}
}

/**
 * walk_pte - note each Linux PTE of a second-level table
 * @st: the walk's state
 * @pmd: the first-level entry (the first of its pair) pointing to it
 * @start: the address its first PTE maps
 * @domain: the domain's name of the entry
 *
 * The 512 Linux PTEs of the page cover both megabytes of the pair.
 */
static void walk_pte(struct pg_state *st, pmd_t *pmd, unsigned long start,
		     const char *domain)
{
	pte_t *pte = pte_offset_kernel(pmd, 0);
	unsigned long addr;
	unsigned int i;

	for (i = 0; i < PTRS_PER_PTE; i++, pte++) {
		addr = start + i * PAGE_SIZE;
		note_page(st, addr, 5, pte_val(*pte), domain);
	}
}

/**
 * get_domain_name - the domain column of a first-level entry
 * @pmd: the entry
 *
 * Printed for every 2-level (non-LPAE) kernel, whether or not it uses
 * domains (CONFIG_CPU_USE_DOMAINS), padded to seven characters.
 *
 * Return: the domain's name.
 */
static const char *get_domain_name(pmd_t *pmd)
{
	switch (pmd_val(*pmd) & PMD_DOMAIN_MASK) {
	case PMD_DOMAIN(DOMAIN_KERNEL):
		return "KERNEL ";
	case PMD_DOMAIN(DOMAIN_USER):
		return "USER   ";
	case PMD_DOMAIN(DOMAIN_IO):
		return "IO     ";
	case PMD_DOMAIN(DOMAIN_VECTORS):
		return "VECTORS";
	default:
		return "unknown";
	}
}

/**
 * walk_pmd - note the pair of first-level entries of one pgd entry
 * @st: the walk's state
 * @pgd: the pgd entry (2 MiB)
 * @start: the address it maps
 *
 * The first entry is noted, or its table walked; the second is noted
 * only if it is a section (see the quirk above).
 */
static void walk_pmd(struct pg_state *st, pgd_t *pgd, unsigned long start)
{
	pmd_t *pmd = pmd_offset(pgd, 0);
	unsigned long addr;
	unsigned int i;
	const char *domain;

	for (i = 0; i < PTRS_PER_PMD; i++, pmd++) {
		addr = start + i * PMD_SIZE;
		domain = get_domain_name(pmd);
		if (pmd_none(*pmd) || pmd_large(*pmd) || !pmd_present(*pmd))
			note_page(st, addr, 4, pmd_val(*pmd), domain);
		else
			walk_pte(st, pmd, addr, domain);

		if (SECTION_SIZE < PMD_SIZE && pmd_large(pmd[1])) {
			addr += SECTION_SIZE;
			pmd++;
			domain = get_domain_name(pmd);
			note_page(st, addr, 4, pmd_val(*pmd), domain);
		}
	}
}

/**
 * walk_pgd - walk every pgd entry of an address space's table
 * @st: the walk's state
 * @mm: the address space
 * @start: the address of its first entry
 *
 * SIMPLIFIED(v5.10 arch/arm/mm/dump.c): walk_p4d() and walk_pud() are
 * left out.  Both levels are folded into the pgd on a 2-level kernel:
 * pgd_none() and p4d_none() are always false there, so 5.10 reaches
 * walk_pmd() for every pgd entry and never notes levels 1-3, as here.
 */
static void walk_pgd(struct pg_state *st, struct mm_struct *mm,
		     unsigned long start)
{
	pgd_t *pgd = pgd_offset_pgd(mm->pgd, 0UL);
	unsigned int i;
	unsigned long addr;

	for (i = 0; i < PTRS_PER_PGD; i++, pgd++) {
		addr = start + i * PGDIR_SIZE;
		walk_pmd(st, pgd, addr);
	}
}

/**
 * ptdump_walk_pgd - print an address space's table, run by run
 * @m: where to print
 * @info: the table, its landmarks, the address of its first entry
 *
 * The last note_page() (level 0) prints the last run.
 */
void ptdump_walk_pgd(struct seq_file *m, struct ptdump_info *info)
{
	struct pg_state st = {
		.seq = m,
		.marker = info->markers,
	};

	walk_pgd(&st, info->mm, info->base_addr);
	note_page(&st, 0, 0, 0, NULL);
}

/**
 * ptdump_initialize - each level's mask, and where vmalloc starts
 *
 * Idempotent: run before each dump, as the machine may have been
 * booted again (with another amount of lowmem) since the last one.
 */
static void ptdump_initialize(void)
{
	unsigned int i, j;

	for (i = 0; i < ARRAY_SIZE(pg_level); i++)
		if (pg_level[i].bits)
			for (j = 0; j < pg_level[i].num; j++) {
				pg_level[i].mask |= pg_level[i].bits[j].mask;
				if (pg_level[i].bits[j].ro_bit)
					pg_level[i].ro_bit =
						&pg_level[i].bits[j];
				if (pg_level[i].bits[j].nx_bit)
					pg_level[i].nx_bit =
						&pg_level[i].bits[j];
			}

	address_markers[2].start_address = VMALLOC_START;
}

static struct ptdump_info kernel_ptdump_info = {
	.mm = &init_mm,
	.markers = address_markers,
	.base_addr = 0,
};

/**
 * kernel_page_tables_show - /sys/kernel/debug/kernel_page_tables
 * @m: where to print
 *
 * SIMPLIFIED(v5.10 arch/arm/mm/ptdump_debugfs.c): no debugfs file and
 * no initcall (ptdump_init() runs ptdump_initialize() once and
 * registers the file); this is ptdump_show() with kernel_ptdump_info
 * as the file's private data, and it initializes before each dump.
 */
void kernel_page_tables_show(struct seq_file *m)
{
	ptdump_initialize();
	ptdump_walk_pgd(m, &kernel_ptdump_info);
}

//> ch25 ptdump_check_wx
/**
 * ptdump_check_wx - CONFIG_DEBUG_WX: any kernel page writable and executable?
 *
 * The same walk as the dump, printing nothing, over one region that
 * covers the 4 GiB; note_prot_wx() counts.  5.10 prints the verdict at
 * pr_warn or pr_info; Debian's 5.10 prints "passed" on this board.
 */
void ptdump_check_wx(void)
{
	const struct addr_marker markers[] = { { 0, NULL }, { -1, NULL } };
	struct pg_state st = {
		.seq = NULL,
		.marker = markers,
		.check_wx = true,
	};

	ptdump_initialize();
	walk_pgd(&st, &init_mm, 0);
	note_page(&st, 0, 0, 0, NULL);
	if (st.wx_pages)
		pr_warn("Checked W+X mappings: FAILED, %lu W+X pages found\n",
			st.wx_pages);
	else
		pr_info("Checked W+X mappings: passed, no W+X pages found\n");
}
//< ch25 ptdump_check_wx
