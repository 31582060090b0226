// SPDX-License-Identifier: GPL-2.0
/*
 * Chapter 18: the kernel's first page tables.
 *
 * This suite boots with ktest_boot_paging: the harness never builds its
 * identity map, it fills that table's region with fault descriptors,
 * and the kernel's __create_page_tables() and chapter 15's sequence put
 * swapper_pg_dir in TTBR0 before any of the memory manager runs.  So
 * every test here, and every test of a later chapter on this stage,
 * runs on the kernel's own tables; the first two tests prove it.
 */
#include <stdio.h>
#include <string.h>
#include <libfdt.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <asm-generic/sections.h>
#include <asm/cp15.h>
#include <asm/machine.h>
#include <asm/memory.h>
#include <asm/pgtable.h>
#include <asm/proc-fns.h>
#include <asm/mach/map.h>
#include <asm/ptdump.h>
#include "arch/arm/mm/mm.h"
#include "mm/internal.h"
#include "ktest.h"

static const u32 *swapper(void)
{
	return (const u32 *)swapper_pg_dir;
}

START_TEST(swapper_pg_dir_is_live)
{
	ck_assert_msg(read_sysreg(SCTLR) & CR_M, "the MMU is off after boot");
	ck_assert_msg(read_sysreg(TTBR0_32) == __pa(swapper_pg_dir),
		      "TTBR0 is %08x, expected __pa(swapper_pg_dir) = %08lx: "
		      "the boot must switch to the kernel's table",
		      read_sysreg(TTBR0_32),
		      (unsigned long)__pa(swapper_pg_dir));
	ck_assert_msg(__pa(swapper_pg_dir) == PHYS_OFFSET + 0x4000 &&
			      (unsigned long)swapper_pg_dir ==
				      PAGE_OFFSET + 0x4000,
		      "swapper_pg_dir must lie 16 KiB below the kernel at "
		      "PAGE_OFFSET + TEXT_OFFSET - 0x4000");
	ck_assert_msg(read_sysreg(DACR) == DACR_INIT && !read_sysreg(TTBCR),
		      "DACR %08x (expected %08x), TTBCR %08x (expected 0)",
		      read_sysreg(DACR), (u32)DACR_INIT, read_sysreg(TTBCR));
}
END_TEST

START_TEST(harness_table_never_built)
{
	const u32 *boot = __va(BOOT_PGD_PHYS);

	ck_assert_msg(read_sysreg(TTBR0_32) != BOOT_PGD_PHYS,
		      "TTBR0 points at the harness's table");
	for (int i = 0; i < HW_L1_ENTRIES; i++)
		ck_assert_msg(boot[i] == KTEST_PGD_POISON,
			      "the harness's table region (%08lx) entry %d is "
			      "%08x, not the poison %08x: something built or "
			      "wrote the harness's map",
			      (unsigned long)BOOT_PGD_PHYS, i, boot[i],
			      KTEST_PGD_POISON);
}
END_TEST

enum why { NONE, IDMAP, IMAGE, DTB, IMAGE_DTB, LOWMEM, BELOW };

static const char *const rule[] = {
	[NONE] = "nothing else is mapped: the table is cleared first (RAM "
		 "holds whatever was there before)",
	[IDMAP] = "the sections of .idmap.text at their own address",
	[IMAGE] = "the kernel image at PAGE_OFFSET, PHYS_OFFSET .. "
		  "KERNEL_IMAGE_END",
	[DTB] = "the DTB's two sections at their linear address, written "
		"only when there is a device tree (fdt_pa != 0)",
	[IMAGE_DTB] = "the kernel image at PAGE_OFFSET, and the DTB's two "
		      "sections at their linear address: the DTB lies in the "
		      "image, both steps write this entry (the DTB's last); "
		      "dtb_mapped_where_it_lies tells them apart",
	[LOWMEM] = "paging_init(): map_lowmem() maps lowmem at PAGE_OFFSET, "
		   "MT_MEMORY_RWX from _stext to __init_end, MT_MEMORY_RW "
		   "elsewhere, over what head.S mapped",
	[BELOW] = "paging_init(): prepare_page_table() clears everything "
		  "below PAGE_OFFSET, the identity map too (it lives on in "
		  "idmap_pgd)",
};

/* __pa()'s arithmetic for any address (__pa() warns off the linear map) */
static u32 lin_pa(u32 va)
{
	return __virt_to_phys_nodebug(va);
}

/*
 * What entry @i of swapper_pg_dir must hold, and which rule says so, as
 * __create_page_tables(@fdt_pa) leaves it (@fdt_pa 0: no device tree).
 */
static u32 expected_entry(u32 i, u32 fdt_pa, enum why *why)
{
	const u32 flags = MM_MMUFLAGS;
	u32 va = i << SECTION_SHIFT;
	u32 idmap_s = virt_to_idmap(__idmap_text_start) >> SECTION_SHIFT;
	u32 idmap_e = virt_to_idmap(__idmap_text_end) >> SECTION_SHIFT;
	u32 fdt = fdt_pa & PMD_SECT_BASE_MASK;
	bool in_dtb = fdt_pa && va - __phys_to_virt(fdt) < 2 * SECTION_SIZE;

	if (va - PAGE_OFFSET < KERNEL_IMAGE_END - KERNEL_IMAGE_START) {
		*why = in_dtb ? IMAGE_DTB : IMAGE;
		return lin_pa(va) | flags;
	}
	if (i >= idmap_s && i <= idmap_e) {
		*why = IDMAP;
		return va | flags;
	}
	if (in_dtb) {
		*why = DTB;
		return lin_pa(va) | flags;
	}
	*why = NONE;
	return 0;
}

/* Entry @i of the final table, after paging_init(). */
static u32 expected_final(u32 i, enum why *why)
{
	u32 va = i << SECTION_SHIFT;
	u32 x_start = virt_to_idmap(_stext) & PMD_SECT_BASE_MASK;
	u32 x_end = ALIGN(virt_to_idmap(__init_end), SECTION_SIZE);

	if (va < PAGE_OFFSET) {
		*why = BELOW;
		return 0;
	}
	if (lin_pa(va) < arm_lowmem_limit && memblock_is_memory(lin_pa(va))) {
		bool x = lin_pa(va) >= x_start && lin_pa(va) < x_end;

		*why = LOWMEM;
		return lin_pa(va) |
		       get_mem_type(x ? MT_MEMORY_RWX : MT_MEMORY_RW)
			       ->prot_sect;
	}
	*why = NONE;
	return 0;
}

static const char *differs(u32 got, u32 want)
{
	u32 d = got ^ want;

	if (!(want & PMD_TYPE_MASK))
		return "the entry should be a fault";
	if ((got & PMD_TYPE_MASK) != PMD_TYPE_SECT)
		return "not a section";
	if (d & PMD_SECT_BASE_MASK)
		return "wrong base address";
	if (d & (PMD_SECT_AP_WRITE | PMD_SECT_AP_READ | PMD_SECT_APX))
		return "wrong AP bits (mm_mmuflags: AP_WRITE | AP_READ)";
	if (d & (PMD_SECT_TEX(7) | PMD_SECT_CACHEABLE | PMD_SECT_BUFFERABLE |
		 PMD_SECT_S))
		return "wrong memory type (PMD_FLAGS_UP: write-back, not "
		       "shared: our board has one CPU, so ALT_UP applies)";
	if (d & PMD_DOMAIN_MASK)
		return "wrong domain (the kernel's is 0)";
	return "wrong bits";
}

/* The table the boot switched to, as __create_page_tables() left it. */
START_TEST(every_swapper_entry)
{
	const u32 *pgd = ktest_head_pgd;

	for (u32 i = 0; i < HW_L1_ENTRIES; i++) {
		enum why why;
		u32 want = expected_entry(i, KTEST_FDT_PHYS, &why);

		ck_assert_msg(pgd[i] == want,
			      "swapper_pg_dir[%u] (VA 0x%08x) was %08x when "
			      "the MMU went on, expected %08x: %s; rule: %s",
			      i, i << SECTION_SHIFT, pgd[i], want,
			      differs(pgd[i], want), rule[why]);
	}
}
END_TEST

/* What the DTB step writes at entry @i for @fdt_pa, or 0. */
static u32 dtb_entry(u32 fdt_pa, u32 i)
{
	u32 base = fdt_pa & PMD_SECT_BASE_MASK;
	u32 first = (u32)__phys_to_virt(base) >> SECTION_SHIFT;

	return i - first < 2 ? (base + ((i - first) << SECTION_SHIFT)) |
				       (u32)MM_MMUFLAGS
			     : 0;
}

/*
 * Run __create_page_tables(@fdt_pa) again on swapper_pg_dir, with the
 * MMU on a copy of it (@copy, four pages) to which the first megabyte
 * of RAM is added at its own address: the function writes the table
 * through its physical address, as with the MMU off.  @fn looks at the
 * result; then swapper_pg_dir and TTBR0 are put back.
 */
static void with_tables_rebuilt(u32 *copy, u32 fdt_pa,
				void (*fn)(const u32 *pgd, u32 fdt_pa, void *),
				void *arg)
{
	u32 *pgd = (u32 *)swapper_pg_dir, old_ttbr = cpu_get_ttbr(0);
	const u32 ram0 = PHYS_OFFSET >> SECTION_SHIFT, old = pgd[ram0];
	const u32 head = PAGE_OFFSET >> SECTION_SHIFT, old_head = pgd[head];

	memcpy(copy, pgd, PG_DIR_SIZE);
	copy[ram0] = (u32)PHYS_OFFSET | PMD_TYPE_SECT | PMD_SECT_AP_WRITE;
	/* the head code runs only physically: map_lowmem() maps its
	   megabyte execute-never, and the test calls it where it is linked */
	copy[head] &= ~PMD_SECT_XN;
	dsb();
	cpu_set_ttbr(0, (u32)__pa(copy) | (old_ttbr & 0x7f));
	tlbiall();
	ck_assert_msg(__create_page_tables(fdt_pa) == __pa(swapper_pg_dir),
		      "__create_page_tables() returns __pa(swapper_pg_dir)");
	fn(pgd, fdt_pa, arg);
	copy[ram0] = old;
	copy[head] = old_head;
	memcpy(pgd, copy, PG_DIR_SIZE); /* the boot's table, lowmem too */
	dsb();
	cpu_set_ttbr(0, old_ttbr);
	tlbiall();
}

struct first_difference {
	u32 got, want, at, fdt;
	enum why why;
	bool found;
};

static void find_difference(const u32 *pgd, u32 fdt_pa, void *arg)
{
	struct first_difference *d = arg;

	for (u32 i = 0; i < HW_L1_ENTRIES && !d->found; i++) {
		d->want = expected_entry(i, fdt_pa, &d->why);
		d->found = pgd[i] != d->want;
		d->got = pgd[i], d->at = i, d->fdt = fdt_pa;
	}
}

/*
 * __create_page_tables() again, for a device tree elsewhere in RAM (its
 * sections apart from the image's) and for none.
 */
START_TEST(dtb_mapped_where_it_lies)
{
	static const u32 fdts[] = {
		PHYS_OFFSET + 0x00a12345, /* two sections past the image */
		PHYS_OFFSET + 0x07ffff00, /* its second section one further */
		0, /* no device tree: the boot loader passed none */
	};
	struct page *copy = alloc_pages(GFP_KERNEL, 2);
	struct first_difference d = { 0 };

	ck_assert_ptr_nonnull(copy);
	for (unsigned int f = 0; f < ARRAY_SIZE(fdts) && !d.found; f++)
		with_tables_rebuilt(page_address(copy), fdts[f],
				    find_difference, &d);
	__free_pages(copy, 2);
	ck_assert_msg(!d.found,
		      "__create_page_tables(fdt_pa 0x%08x): entry %u (VA "
		      "0x%08x) is %08x, expected %08x: %s; rule: %s",
		      d.fdt, d.at, d.at << SECTION_SHIFT, d.got, d.want,
		      differs(d.got, d.want),
		      !d.fdt && d.got == dtb_entry(0, d.at)
			      ? "there is no device tree (fdt_pa 0): the DTB "
				"step maps nothing (this is what it would "
				"write for a DTB at physical address 0)"
			      : rule[d.why]);
}
END_TEST

static void read_idmap_entry(const u32 *pgd, u32 fdt_pa, void *arg)
{
	(void)fdt_pa;
	*(u32 *)arg = pgd[virt_to_idmap(__turn_mmu_on) >> SECTION_SHIFT];
}

/*
 * The identity map of .idmap.text, as __create_page_tables() writes it
 * (paging_init() has cleared it from the live table since; it lives in
 * idmap_pgd, made from the live table with identity_mapping_add()).
 */
START_TEST(idmap_text_mapped_at_its_address)
{
	struct page *copy = alloc_pages(GFP_KERNEL, 2);
	u32 pa = virt_to_idmap(__turn_mmu_on);
	u32 d = 0;

	ck_assert_ptr_nonnull(copy);
	with_tables_rebuilt(page_address(copy), KTEST_FDT_PHYS,
			    read_idmap_entry, &d);
	__free_pages(copy, 2);
	ck_assert_msg(d == ((pa & PMD_SECT_BASE_MASK) | MM_MMUFLAGS),
		      "__turn_mmu_on at 0x%08x: its entry is %08x, expected "
		      "%08x: %s",
		      pa, d, (pa & PMD_SECT_BASE_MASK) | (u32)MM_MMUFLAGS,
		      (d & PMD_TYPE_MASK) != PMD_TYPE_SECT ||
				      (d & PMD_SECT_BASE_MASK) !=
					      (pa & PMD_SECT_BASE_MASK)
			      ? "not a section at its own address"
			      : "the identity-map step writes .idmap.text's "
				"sections with mm_mmuflags (AP_READ too)");
	ck_assert_msg(virt_to_idmap(__idmap_text_start) <= pa &&
			      pa < virt_to_idmap(__idmap_text_end),
		      "__turn_mmu_on is not in .idmap.text");
}
END_TEST

START_TEST(dtb_at_its_linear_address)
{
	const void *fdt = __va(KTEST_FDT_PHYS);

	ck_assert_msg(ktest_boot_fdt, "no device tree");
	ck_assert_msg(fdt_magic(fdt) == FDT_MAGIC &&
			      fdt_totalsize(fdt) ==
				      fdt_totalsize(ktest_boot_fdt) &&
			      !memcmp(fdt, ktest_boot_fdt, fdt_totalsize(fdt)),
		      "the DTB copied to %08lx does not read back at its "
		      "linear address %p",
		      (unsigned long)KTEST_FDT_PHYS, fdt);
}
END_TEST

/*
 * The kernel lives where Linux's does, on both machines: after
 * paging_init() swapper_pg_dir maps nothing below PAGE_OFFSET (user
 * space is free for processes), idmap_pgd holds the identity map
 * instead, and what the kernel hands out (pages, slab objects) is at
 * linear-map addresses.  On the board the image itself runs there: this
 * code, its stack and its data.
 */
START_TEST(kernel_above_page_offset)
{
	const u32 *pgd = swapper(), *idmap = (const u32 *)idmap_pgd;
	u32 pa = virt_to_idmap(__turn_mmu_on);
	struct page *page = alloc_page(GFP_KERNEL);
	void *obj = kmalloc(40, GFP_KERNEL);
	unsigned long pv, ov;
	static int data;
	char here;

	for (u32 i = 0; i < HW_L1_ENTRIES; i++) {
		enum why why;
		u32 want = expected_final(i, &why);

		ck_assert_msg(pgd[i] == want,
			      "swapper_pg_dir[%u] (VA 0x%08x) is %08x after "
			      "paging_init(), expected %08x: %s; rule: %s",
			      i, i << SECTION_SHIFT, pgd[i], want,
			      differs(pgd[i], want), rule[why]);
	}
	ck_assert_msg(
		idmap && (idmap[pa >> SECTION_SHIFT] & PMD_SECT_BASE_MASK) ==
				 (pa & PMD_SECT_BASE_MASK),
		"idmap_pgd does not map .idmap.text (0x%08x) at its own "
		"address: init_static_idmap() runs identity_mapping_add()",
		pa);
	ck_assert_msg(idmap[PAGE_OFFSET >> SECTION_SHIFT] ==
			      pgd[PAGE_OFFSET >> SECTION_SHIFT],
		      "idmap_pgd holds the kernel's half of swapper_pg_dir");
	ck_assert_ptr_nonnull(page);
	ck_assert_ptr_nonnull(obj);
	pv = (unsigned long)page_address(page);
	ov = (unsigned long)obj;
	ck_assert_msg(pv >= PAGE_OFFSET && pv < (unsigned long)high_memory &&
			      ov >= PAGE_OFFSET &&
			      ov < (unsigned long)high_memory,
		      "page_address() %#lx and kmalloc() %#lx must be "
		      "linear-map addresses, in [PAGE_OFFSET, high_memory)",
		      pv, ov);
	if (machine_image_in_ram()) {
		const unsigned long a[] = {
			(unsigned long)kernel_above_page_offset_fn,
			(unsigned long)&here,
			(unsigned long)&data,
			(unsigned long)swapper_pg_dir,
		};

		for (unsigned int i = 0; i < ARRAY_SIZE(a); i++)
			ck_assert_msg(a[i] - PAGE_OFFSET <
					      KERNEL_IMAGE_END -
						      KERNEL_IMAGE_START,
				      "%#lx (code, stack, data, table) is not "
				      "in the image's window at PAGE_OFFSET",
				      a[i]);
	}
	kfree(obj);
	__free_page(page);
}
END_TEST

/*
 * The columns of one section as 5.10's dump.c prints them, from the
 * descriptor's bits (ARM ARM B3.5.1), not from dump.c's tables: the
 * domain, APX:AP as access, XN, S.  No memory type: 5.10 prints none
 * for a section.
 */
static void section_columns(u32 e, char *out, size_t n)
{
	static const char *const domain[] = { "KERNEL ", "USER   ", "IO     ",
					      "VECTORS" };
	static const char *const access[8] = {
		[1] = "    RW", [2] = "USR ro", [3] = "USR RW", [5] = "    ro"
	};
	u32 d = (e >> 5) & 15;
	u32 ap = ((e >> 15) & 1) << 2 | ((e >> 10) & 3);

	snprintf(out, n, " %s%s%s %s %s", d < 4 ? domain[d] : "unknown",
		 access[ap] ? " " : "", access[ap] ? access[ap] : "",
		 e & PMD_SECT_XN ? "NX" : "x ", e & PMD_SECT_S ? "SHD" : "   ");
}

/*
 * /sys/kernel/debug/kernel_page_tables (given code, arch/arm/mm/dump.c)
 * against swapper_pg_dir: every line is a region name, in 5.10's order,
 * or a range in 5.10's columns whose size is its length in the largest
 * unit that divides it, and whose attributes are those of every section
 * it covers (or, in the megabyte after a section, an empty entry: 5.10's
 * walker notes the second of a pair only when it is a section); every
 * section of the table is in a line, and no two lines could be one.
 */
START_TEST(kernel_page_tables_view)
{
	static const char *const regions[] = {
		"Modules",	 "Kernel Mapping", "vmalloc() Area",
		"vmalloc() End", "Fixmap Area",	   "Vectors",
		"Vectors End",
	};
	static char buf[32 * 1024];
	static bool covered[HW_L1_ENTRIES];
	const u32 *pgd = swapper();
	unsigned int region = 0, lines = 0;
	u32 last_end = 0;
	char last_cols[64] = "";
	bool marker_since = true;
	struct seq_file m;

	memset(covered, 0, sizeof(covered));
	seq_init(&m, buf, sizeof(buf));
	kernel_page_tables_show(&m);
	ck_assert_msg(!m.overflow, "kernel_page_tables: more than %zu bytes",
		      sizeof(buf));
	for (char *line = buf, *next; *line; line = next) {
		char want[128], cols[64] = "", unit;
		unsigned int start, end;
		unsigned long size;
		int n = 0, shift;

		next = strchr(line, '\n');
		ck_assert_msg(next,
			      "kernel_page_tables: last line unterminated");
		*next++ = 0;
		lines++;
		if (!strncmp(line, "---[ ", 5)) {
			size_t len = strlen(line);
			unsigned int r = region;

			ck_assert_msg(len > 10 &&
					      !strcmp(line + len - 5, " ]---"),
				      "kernel_page_tables: \"%s\" is not a "
				      "region's line",
				      line);
			line[len - 5] = 0;
			while (r < ARRAY_SIZE(regions) &&
			       strcmp(line + 5, regions[r]))
				r++;
			ck_assert_msg(
				r < ARRAY_SIZE(regions) &&
					(lines > 1 || r == 0),
				"kernel_page_tables: region \"%s\" is not "
				"5.10's next (\"%s\"; the dump starts with "
				"\"Modules\")",
				line + 5,
				region < ARRAY_SIZE(regions) ? regions[region]
							     : "none");
			region = r + 1;
			marker_since = true;
			continue;
		}
		ck_assert_msg(sscanf(line, "0x%8x-0x%8x %lu%c%n", &start, &end,
				     &size, &unit, &n) == 4 &&
				      n > 0,
			      "kernel_page_tables: \"%s\" is neither a region "
			      "nor a range",
			      line);
		snprintf(want, sizeof(want), "0x%08x-0x%08x   %9lu%c", start,
			 end, size, unit);
		ck_assert_msg(!strncmp(line, want, strlen(want)),
			      "kernel_page_tables: \"%s\" is not in 5.10's "
			      "columns (\"%s\")",
			      line, want);
		shift = unit == 'K'   ? 10
			: unit == 'M' ? 20
			: unit == 'G' ? 30
				      : 0;
		ck_assert_msg(
			shift && (u32)(end - start) == (u32)(size << shift) &&
				((size & 1023) || unit == 'G'),
			"kernel_page_tables: \"%s\": the size is not the "
			"range's length in its largest unit",
			line);
		ck_assert_msg(!(start & ~SECTION_MASK) &&
				      !(end & ~SECTION_MASK) &&
				      start >= last_end,
			      "kernel_page_tables: \"%s\": a section range "
			      "must be whole megabytes, after the line before",
			      line);
		for (u32 k = 0; k < (u32)(end - start) >> SECTION_SHIFT; k++) {
			u32 i = (start >> SECTION_SHIFT) + k;
			u32 e = pgd[i];

			if (!e && (i & 1) &&
			    (pgd[i - 1] & PMD_TYPE_MASK) == PMD_TYPE_SECT)
				continue;
			ck_assert_msg(
				(e & PMD_TYPE_MASK) == PMD_TYPE_SECT,
				"kernel_page_tables: \"%s\" covers "
				"swapper_pg_dir[%u] = %08x, not a section",
				line, i, e);
			section_columns(e, cols, sizeof(cols));
			ck_assert_msg(
				!strcmp(line + strlen(want), cols),
				"kernel_page_tables: \"%s\" covers "
				"swapper_pg_dir[%u] = %08x, whose columns "
				"are \"%s\"",
				line, i, e, cols);
			covered[i] = true;
		}
		ck_assert_msg(marker_since || start != last_end ||
				      strcmp(cols, last_cols),
			      "kernel_page_tables: \"%s\" continues the line "
			      "before with the same attributes: one line",
			      line);
		last_end = end;
		strcpy(last_cols, cols);
		marker_since = false;
	}
	for (u32 i = 0; i < HW_L1_ENTRIES; i++)
		ck_assert_msg((pgd[i] & PMD_TYPE_MASK) != PMD_TYPE_SECT ||
				      covered[i],
			      "swapper_pg_dir[%u] = %08x (VA 0x%08x) is a "
			      "section in no line of kernel_page_tables",
			      i, pgd[i], i << SECTION_SHIFT);
}
END_TEST

/*
 * The page level of the dump.  A second-level table at 0xffe00000 in
 * Linux's layout (its 512 Linux PTEs at the start of the page, the
 * hardware's tables 2 KiB on, domain 3), holding the two pages 5.10's
 * devicemaps_init() maps there: the vectors page (MT_HIGH_VECTORS) and
 * the kernel's read-only page after it (MT_LOW_VECTORS), with the
 * write-back, unshared memory type a uniprocessor Cortex-A9 gets.  The dump
 * must print them as 5.10's does, under the two regions that no
 * section reaches, and nothing after.  The values are written here
 * bit by bit (Linux's L_PTE_*), not from dump.c's tables.
 */
START_TEST(kernel_page_tables_pages)
{
	static const char want[] =
		"---[ Fixmap Area ]---\n"
		"---[ Vectors ]---\n"
		"0xffff0000-0xffff1000           4K VECTORS USR ro x      "
		"MEM/CACHED/WBRA\n"
		"0xffff1000-0xffff2000           4K VECTORS     ro x      "
		"MEM/CACHED/WBRA\n"
		"---[ Vectors End ]---\n";
	const u32 present_young_dirty = 1 << 0 | 1 << 1 | 1 << 6;
	const u32 rdonly = 1 << 7, user = 1 << 8;
	const u32 mt_writeback = 0x03 << 2;
	const unsigned int vectors = (0xffff0000U - 0xffe00000U) >> PAGE_SHIFT;
	pmd_t *pmd = pmd_offset(pgd_offset_k(0xffe00000UL), 0);
	struct page *pt = alloc_page(GFP_KERNEL | __GFP_ZERO);
	static char buf[32 * 1024];
	struct seq_file m;
	size_t len;
	u32 *ptes;
	u32 pa;

	ck_assert_msg(pt, "no page for the second-level table");
	ck_assert_msg(!pmd[0] && !pmd[1],
		      "swapper_pg_dir maps 0xffe00000 already: %08x %08x",
		      pmd[0], pmd[1]);
	ptes = page_address(pt);
	pa = (u32)page_to_pfn(pt) << PAGE_SHIFT;
	ptes[vectors] = pa | present_young_dirty | user | rdonly | mt_writeback;
	ptes[vectors + 1] = pa | present_young_dirty | rdonly | mt_writeback;
	/* Linux's __pmd_populate(): both hardware tables, domain 3 */
	pmd[0] = (pa + 2048) | PMD_DOMAIN(3) | PMD_TYPE_TABLE;
	pmd[1] = pmd[0] + 1024;

	seq_init(&m, buf, sizeof(buf));
	kernel_page_tables_show(&m);
	pmd[0] = pmd[1] = 0;
	__free_page(pt);

	len = strlen(buf);
	ck_assert_msg(len >= sizeof(want) - 1 &&
			      !strcmp(buf + len - (sizeof(want) - 1), want),
		      "kernel_page_tables ends with\n%s\nexpected 5.10's\n%s",
		      buf + (len > 400 ? len - 400 : 0), want);
}
END_TEST

KTEST_SUITE(ch18) = {
	.chapter = "18",
	.title = "The kernel's first page tables",
	.boot = ktest_boot_paging,
	.timeout = 10,
	.tests = KTESTS(swapper_pg_dir_is_live, harness_table_never_built,
			every_swapper_entry, dtb_mapped_where_it_lies,
			idmap_text_mapped_at_its_address,
			dtb_at_its_linear_address, kernel_above_page_offset,
			kernel_page_tables_view, kernel_page_tables_pages),
};
