// SPDX-License-Identifier: GPL-2.0
/*
 * Chapter 23: second-level tables, from sections to pages.
 *
 * The exercises: __pmd_populate() (asm/pgalloc.h), arm_pte_alloc(),
 * alloc_init_pte() and the sections-or-pages choice of alloc_init_pmd()
 * (arch/arm/mm/mmu.c).  The tests read the tables back: the pgd entry's
 * two hardware entries, the Linux PTEs in the first half of the PTE
 * page, where the page came from.  The hardware PTEs are chapter 24's
 * (set_pte_ext()); nothing here depends on them.
 */
#include <stdio.h>
#include <string.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <asm/mach/map.h>
#include <asm/pgalloc.h>
#include <asm/pgtable.h>
#include "arch/arm/mm/mm.h"
#include "pt_util.h"
#include "ktest.h"

static u32 prot_l1(unsigned int type)
{
	return get_mem_type(type)->prot_l1;
}

static u32 prot_pte(unsigned int type)
{
	return get_mem_type(type)->prot_pte;
}

/* The table copy is never live here: free it without a switch. */
static void pt_free(struct pt_switch *s)
{
	__free_pages(s->page, 2);
}

/*
 * The pgd entry of @va in @l1 is a pair of table entries into one PTE
 * page, each at its hardware table: the page's address, or 0 with the
 * rule broken in the failure message.
 */
static u32 *expect_pair(const u32 *l1, unsigned long va, u32 prot,
			const char *call)
{
	unsigned long mb = (va >> SECTION_SHIFT) & ~1UL;
	u32 e0 = l1[mb], e1 = l1[mb + 1];
	u32 page = e0 & PAGE_MASK;
	u32 want = (page + (u32)PTE_HWTABLE_OFF) | prot;

	ck_assert_msg((e0 & PMD_TYPE_MASK) == PMD_TYPE_TABLE,
		      "%s: first-level entry %#lx is %08x, not a table "
		      "descriptor: an unaligned range is mapped by pages, "
		      "through a PTE page",
		      call, mb, e0);
	ck_assert_msg(e0 == want,
		      "%s: first-level entry %#lx is %08x, expected %08x: it "
		      "points at h/w pt 0, PTE_HWTABLE_OFF (2048) bytes into "
		      "the PTE page (the Linux tables come first), with the "
		      "type's prot_l1 (%#x)",
		      call, mb, e0, want, prot);
	ck_assert_msg(e1 == e0 + 256 * sizeof(u32),
		      "%s: first-level entries %#lx/%#lx are %08x/%08x: the "
		      "second of the pair points at h/w pt 1, 1 KiB after h/w "
		      "pt 0 (%08x); __pmd_populate() writes both",
		      call, mb, mb + 1, e0, e1, e0 + 256 * (u32)sizeof(u32));
	return __va(page);
}

/*
 * Pages [va, va + n pages) of @l1 have Linux PTEs pfn_pte(pa...,
 * prot_pte), and the PTEs just before and after them (in the same PTE
 * page) are @before and @after.
 */
static void expect_ptes(u32 *l1, unsigned long va, unsigned int n,
			unsigned long pa, u32 prot, const char *call)
{
	for (unsigned int i = 0; i < n; i++) {
		unsigned long a = va + i * PAGE_SIZE;
		pte_t *pte = pt_linux_pte(l1, a);
		u32 want = (pa + i * PAGE_SIZE) | prot;

		ck_assert_msg(*pte == want,
			      "%s: the Linux PTE of %#lx (entry %lu of the "
			      "PTE page) is %08x, expected %08x (page %u of "
			      "%u: pfn_pte(pfn + %u, prot_pte))",
			      call, a, pte_index(a), *pte, want, i + 1, n, i);
	}
}

/* What create_mapping() did at boot, right after paging_init(). */
static struct {
	int rc;
	phys_addr_t reserved_before, reserved_after;
	unsigned long regions_before;
} boot_map;

#define BOOT_VA 0xe0103000UL /* an odd megabyte: Linux pt 1 */
#define BOOT_PA (PHYS_OFFSET + 0x01234000UL)

static void map_after_paging_init(void)
{
	struct map_desc m = md(BOOT_VA, BOOT_PA, 4 * PAGE_SIZE, MT_MEMORY_RW);

	boot_map.reserved_before = memblock.reserved.total_size;
	boot_map.regions_before = memblock.reserved.cnt;
	boot_map.rc = create_mapping(&m);
	boot_map.reserved_after = memblock.reserved.total_size;
}

static void boot_ch23(void)
{
	ktest_after_paging_init = map_after_paging_init;
	ktest_boot_paging();
	ktest_after_paging_init = NULL;
}

START_TEST(boot_pte_page_from_memblock)
{
	u32 *l1 = (u32 *)swapper_pg_dir;
	const char *call = "create_mapping(e0103000, 4 pages) at boot";
	unsigned long mb = BOOT_VA >> SECTION_SHIFT;
	u32 *page;
	phys_addr_t pa;
	bool found = false;

	ck_assert_int_eq(boot_map.rc, 0);
	ck_assert_msg(boot_map.reserved_after - boot_map.reserved_before ==
			      PAGE_SIZE,
		      "%s: memblock's reserved memory grew by %llu bytes, "
		      "expected 4096: one PTE page (PTE_HWTABLE_OFF + "
		      "PTE_HWTABLE_SIZE) from memblock, the only allocator "
		      "while paging_init() runs",
		      call,
		      (unsigned long long)(boot_map.reserved_after -
					   boot_map.reserved_before));
	page = expect_pair(l1, BOOT_VA, prot_l1(MT_MEMORY_RW), call);
	pa = __pa(page);
	for (unsigned long i = 0; i < memblock.reserved.cnt; i++) {
		struct memblock_region *r = &memblock.reserved.regions[i];

		if (pa >= r->base && pa + PAGE_SIZE <= r->base + r->size)
			found = true;
	}
	ck_assert_msg(found,
		      "%s: the PTE page at %#llx is not in memblock.reserved: "
		      "it must come from memblock (early_alloc())",
		      call, (unsigned long long)pa);
	ck_assert_msg(PageReserved(virt_to_page(page)),
		      "%s: the PTE page at %#llx was handed to the buddy "
		      "allocator by memblock_free_all(): memory the kernel "
		      "took from memblock stays reserved",
		      call, (unsigned long long)pa);
	expect_ptes(l1, BOOT_VA, 4, BOOT_PA, prot_pte(MT_MEMORY_RW), call);
	ck_assert_msg(pte_index(BOOT_VA) >= 256,
		      "pte_index(%#lx) is %lu: the odd megabyte's pages are "
		      "entries 256-511 (Linux pt 1)",
		      BOOT_VA, pte_index(BOOT_VA));
	/* the rest of the page: zero, as memblock_alloc() gives it */
	for (unsigned int i = 0; i < 2 * PTRS_PER_PTE; i++) {
		unsigned int first = pte_index(BOOT_VA);

		if (i >= first && i < first + 4)
			continue;
		if (i >= 512 && i - 512 >= first && i - 512 < first + 4)
			continue; /* their hardware twins: chapter 24 */
		ck_assert_msg(
			page[i] == 0,
			"%s: word %u of the PTE page is %08x, expected 0: "
			"only the four pages' Linux PTEs (and their "
			"hardware twins) are written; the rest of a new "
			"table is faults",
			call, i, page[i]);
	}
	ck_assert_msg(l1[mb - 1] == l1[mb] - 1024,
		      "%s: the even megabyte's entry is %08x: both entries of "
		      "the pair are written when the page is hooked in",
		      call, l1[mb - 1]);
}
END_TEST

START_TEST(pair_points_at_hardware_tables)
{
	struct pt_switch s = { 0 };
	u32 *l1 = pt_copy_live(&s);
	struct map_desc even =
		md(0xe0005000, 0x61000000, 3 * PAGE_SIZE, MT_MEMORY_RW);
	struct map_desc odd =
		md(0xe01fe000, 0x62345000, 2 * PAGE_SIZE, MT_MEMORY_RWX);
	struct map_desc dev = md(0xe0401000, 0x10009000, PAGE_SIZE, MT_DEVICE);
	u32 *page, *page2;

	ck_assert_ptr_nonnull(l1);
	for (u32 mb = 0xe00; mb < 0xe08; mb++)
		l1[mb] = 0;
	ktest_set_pte = (struct ktest_set_pte){ .ext_and = ~0U };
	ck_assert_int_eq(create_mapping_late((pgd_t *)l1, &even, false), 0);
	ck_assert_msg(ktest_set_pte.calls == 3 && ktest_set_pte.ext_or == 0,
		      "create_mapping_late(e0005000, 3 pages, ng = false): "
		      "%lu set_pte_ext() calls with ext %#x, expected 3 with "
		      "ext 0 (global kernel pages)",
		      ktest_set_pte.calls, ktest_set_pte.ext_or);
	page = expect_pair(l1, even.virtual, prot_l1(MT_MEMORY_RW),
			   "create_mapping_late(e0005000, 3 pages)");
	expect_ptes(l1, even.virtual, 3, 0x61000000, prot_pte(MT_MEMORY_RW),
		    "create_mapping_late(e0005000, 3 pages)");
	ck_assert_msg(page[5] != 0 && page[4] == 0 && page[8] == 0,
		      "the Linux PTEs of e0005000..e0007fff are words 5-7 of "
		      "the PTE page (Linux pt 0), found %08x %08x .. %08x",
		      page[4], page[5], page[8]);
	ck_assert_int_eq(create_mapping_late((pgd_t *)l1, &odd, false), 0);
	expect_ptes(l1, odd.virtual, 2, 0x62345000, prot_pte(MT_MEMORY_RWX),
		    "create_mapping_late(e01fe000, 2 pages)");
	ck_assert_msg(page[510] == (0x62345000 | prot_pte(MT_MEMORY_RWX)) &&
			      page[511] ==
				      (0x62346000 | prot_pte(MT_MEMORY_RWX)),
		      "the last two pages of the odd megabyte e01xxxxx are "
		      "words 510 and 511 of the PTE page (Linux pt 1, at "
		      "+1024 bytes), found %08x %08x: PTRS_PER_PTE is 512",
		      page[510], page[511]);
	ktest_set_pte = (struct ktest_set_pte){ .ext_and = ~0U };
	ck_assert_int_eq(create_mapping_late((pgd_t *)l1, &dev, true), 0);
	ck_assert_msg(ktest_set_pte.calls == 1,
		      "create_mapping_late(e0401000, 1 page) called "
		      "set_pte_ext() %lu times, expected once: one PTE per "
		      "page",
		      ktest_set_pte.calls);
	ck_assert_msg(ktest_set_pte.ext_and == PTE_EXT_NG,
		      "create_mapping_late(e0401000, ng = true) passed "
		      "set_pte_ext() the ext %#x, expected PTE_EXT_NG (%#x): "
		      "a process's pages carry nG, so that the TLB tags them "
		      "with the ASID (chapter 19)",
		      ktest_set_pte.ext_or, PTE_EXT_NG);
	page2 = expect_pair(l1, dev.virtual, prot_l1(MT_DEVICE),
			    "create_mapping_late(e0401000, MT_DEVICE)");
	ck_assert_ptr_ne(page, page2);
	expect_ptes(l1, dev.virtual, 1, 0x10009000, prot_pte(MT_DEVICE),
		    "create_mapping_late(e0401000, MT_DEVICE)");
	pt_free(&s);
}
END_TEST

START_TEST(one_pte_page_per_pgd_entry)
{
	struct pt_switch s = { 0 };
	u32 *l1 = pt_copy_live(&s);
	struct map_desc a =
		md(0xe0005000, 0x61000000, 2 * PAGE_SIZE, MT_MEMORY_RW);
	struct map_desc b = md(0xe01ff000, 0x61800000, PAGE_SIZE, MT_MEMORY_RW);
	struct map_desc c = md(0xe0107000, 0x61900000, PAGE_SIZE, MT_MEMORY_RW);
	struct map_desc d = md(0xe0200000, 0x61a00000, PAGE_SIZE, MT_MEMORY_RW);
	u32 e0, e1;

	ck_assert_ptr_nonnull(l1);
	for (u32 mb = 0xe00; mb < 0xe08; mb++)
		l1[mb] = 0;
	ck_assert_int_eq(create_mapping_late((pgd_t *)l1, &a, false), 0);
	e0 = l1[0xe00];
	e1 = l1[0xe01];
	ck_assert_int_eq(create_mapping_late((pgd_t *)l1, &b, false), 0);
	ck_assert_int_eq(create_mapping_late((pgd_t *)l1, &c, false), 0);
	ck_assert_msg(l1[0xe00] == e0 && l1[0xe01] == e1,
		      "a second and third mapping in the same 2 MiB changed "
		      "its first-level entries from %08x/%08x to %08x/%08x: "
		      "a populated pgd entry keeps its PTE page "
		      "(arm_pte_alloc() allocates only when pmd_none())",
		      e0, e1, l1[0xe00], l1[0xe01]);
	expect_ptes(l1, a.virtual, 2, 0x61000000, prot_pte(MT_MEMORY_RW),
		    "e0005000 after two more mappings beside it");
	expect_ptes(l1, b.virtual, 1, 0x61800000, prot_pte(MT_MEMORY_RW),
		    "create_mapping_late(e01ff000, 1 page)");
	expect_ptes(l1, c.virtual, 1, 0x61900000, prot_pte(MT_MEMORY_RW),
		    "create_mapping_late(e0107000, 1 page)");
	ck_assert_int_eq(create_mapping_late((pgd_t *)l1, &d, false), 0);
	expect_pair(l1, d.virtual, prot_l1(MT_MEMORY_RW),
		    "create_mapping_late(e0200000, 1 page)");
	ck_assert_msg(
		(l1[0xe02] & PAGE_MASK) != (e0 & PAGE_MASK),
		"e0200000 lies in the next pgd entry: it needs a PTE page "
		"of its own, found the same page %08x",
		l1[0xe02] & PAGE_MASK);
	pt_free(&s);
}
END_TEST

START_TEST(sections_or_pages)
{
	struct pt_switch s = { 0 };
	u32 *l1 = pt_copy_live(&s);
	const struct mem_type *rw = get_mem_type(MT_MEMORY_RW);
	struct map_desc sect =
		md(0xe0200000, 0x61000000, (2 * SZ_1M), MT_MEMORY_RW);
	struct map_desc phys =
		md(0xe0400000, 0x61080000, (2 * SZ_1M), MT_MEMORY_RW);
	struct map_desc tail =
		md(0xe0600000, 0x61100000, SZ_1M + PAGE_SIZE, MT_MEMORY_RW);
	struct map_desc half = md(0xe0900000, 0x61200000, SZ_1M, MT_MEMORY_RW);
	struct map_desc vec = md(0xe0a00000, 0x61300000, SZ_1M, MT_LOW_VECTORS);

	ck_assert_ptr_nonnull(l1);
	for (u32 mb = 0xe00; mb < 0xe0c; mb++)
		l1[mb] = 0;
	ck_assert_int_eq(create_mapping_late((pgd_t *)l1, &sect, false), 0);
	ck_assert_msg(l1[0xe02] == (0x61000000 | rw->prot_sect) &&
			      l1[0xe03] == (0x61100000 | rw->prot_sect),
		      "2 MiB at e0200000 -> 61000000, all aligned: expected "
		      "two sections %08x %08x, found %08x %08x",
		      0x61000000 | rw->prot_sect, 0x61100000 | rw->prot_sect,
		      l1[0xe02], l1[0xe03]);

	ck_assert_int_eq(create_mapping_late((pgd_t *)l1, &phys, false), 0);
	expect_pair(l1, phys.virtual, rw->prot_l1,
		    "create_mapping_late(e0400000 -> 61080000, 2 MiB): the "
		    "physical address is not section-aligned");
	expect_ptes(l1, phys.virtual, 512, 0x61080000, rw->prot_pte,
		    "create_mapping_late(e0400000 -> 61080000, 2 MiB)");

	ck_assert_int_eq(create_mapping_late((pgd_t *)l1, &tail, false), 0);
	expect_pair(l1, tail.virtual, rw->prot_l1,
		    "create_mapping_late(e0600000, 1 MiB + 4 KiB): the end is "
		    "not section-aligned, so the whole pgd entry is pages");
	expect_ptes(l1, tail.virtual, 257, 0x61100000, rw->prot_pte,
		    "create_mapping_late(e0600000, 1 MiB + 4 KiB)");

	ck_assert_int_eq(create_mapping_late((pgd_t *)l1, &half, false), 0);
	ck_assert_msg(l1[0xe09] == (0x61200000 | rw->prot_sect) &&
			      l1[0xe08] == 0,
		      "1 MiB at e0900000 (the odd megabyte) -> 61200000: "
		      "expected one section in entry e09 (%08x) and e08 left "
		      "empty, found e08 %08x e09 %08x",
		      0x61200000 | rw->prot_sect, l1[0xe08], l1[0xe09]);

	ck_assert_int_eq(create_mapping_late((pgd_t *)l1, &vec, false), 0);
	expect_pair(l1, vec.virtual, prot_l1(MT_LOW_VECTORS),
		    "create_mapping_late(e0a00000, 1 MiB, MT_LOW_VECTORS): a "
		    "type without prot_sect is mapped by pages even when "
		    "aligned");
	expect_ptes(l1, vec.virtual, 256, 0x61300000, prot_pte(MT_LOW_VECTORS),
		    "create_mapping_late(e0a00000, MT_LOW_VECTORS)");
	pt_free(&s);
}
END_TEST

START_TEST(section_cannot_take_a_table)
{
	struct pt_switch s = { 0 };
	u32 *l1 = pt_copy_live(&s);
	struct map_desc sect = md(0xe0a00000, 0x61000000, SZ_1M, MT_MEMORY_RW);
	struct map_desc pages =
		md(0xe0b01000, 0x61400000, PAGE_SIZE, MT_MEMORY_RW);
	u32 before;

	ck_assert_ptr_nonnull(l1);
	for (u32 mb = 0xe0a; mb < 0xe0c; mb++)
		l1[mb] = 0;
	ck_assert_int_eq(create_mapping_late((pgd_t *)l1, &sect, false), 0);
	before = l1[0xe0a];
	printk_log_clear();
	ck_assert_msg(
		KTEST_EXPECT_OOPS(
			create_mapping_late((pgd_t *)l1, &pages, false)),
		"a page at e0b01000, in the pgd entry whose other megabyte "
		"e0a00000 is a section (%08x): expected BUG (Linux's "
		"BUG_ON(pmd_bad(*pmd)) in arm_pte_alloc()), the call returned",
		before);
	ck_assert(printk_log_contains("kernel BUG at"));
	ck_assert_msg(l1[0xe0a] == before,
		      "the section entry e0a was changed to %08x (was %08x) "
		      "before the BUG: a pgd entry holding sections is never "
		      "overwritten with a table",
		      l1[0xe0a], before);
	pt_free(&s);
}
END_TEST

/*
 * The last pages of the 4 GiB space: on the board end is 0 there (it
 * wraps), so a loop must stop at addr == end, never test addr < end.
 */
START_TEST(top_of_the_address_space)
{
	struct pt_switch s = { 0 };
	u32 *l1 = pt_copy_live(&s);
	struct map_desc m =
		md(0xffffc000, 0x61000000, 4 * PAGE_SIZE, MT_MEMORY_RW);

	ck_assert_ptr_nonnull(l1);
	l1[0xffe] = l1[0xfff] = 0;
	ktest_set_pte = (struct ktest_set_pte){ .ext_and = ~0U };
	ck_assert_int_eq(create_mapping_late((pgd_t *)l1, &m, false), 0);
	expect_pair(l1, m.virtual, prot_l1(MT_MEMORY_RW),
		    "create_mapping_late(ffffc000, 4 pages)");
	expect_ptes(l1, m.virtual, 4, 0x61000000, prot_pte(MT_MEMORY_RW),
		    "create_mapping_late(ffffc000, 4 pages): the range ends "
		    "at 4 GiB, where a 32-bit end is 0; alloc_init_pte() "
		    "loops until addr == end");
	ck_assert_msg(ktest_set_pte.calls == 4,
		      "create_mapping_late(ffffc000, 4 pages): %lu "
		      "set_pte_ext() calls, expected 4",
		      ktest_set_pte.calls);
	pt_free(&s);
}
END_TEST

/*
 * Random page mappings in 8 MiB (four pgd entries), each of 1..48
 * pages at any page, to any frame, of three types; a model of every
 * Linux PTE says what the table must hold after each.
 */
START_TEST(random_mappings_against_a_model)
{
	enum { BASE = 0xe0000000UL, PAGES = 2048, STEPS = 400 };
	static const unsigned int types[] = { MT_MEMORY_RW, MT_MEMORY_RWX,
					      MT_DEVICE };
	static u32 model[PAGES];
	const unsigned int seed = 2323;
	struct pt_switch s = { 0 };
	u32 *l1 = pt_copy_live(&s);
	unsigned int longest = 0, odd = 0;

	ck_assert_ptr_nonnull(l1);
	for (u32 mb = 0xe00; mb < 0xe08; mb++)
		l1[mb] = 0;
	memset(model, 0, sizeof(model));
	ktest_rng = seed;
	for (int step = 0; step < STEPS; step++) {
		unsigned int first = ktest_rand() % PAGES;
		unsigned int n = 1 + ktest_rand() % 48;
		unsigned int type = types[ktest_rand() % 3];
		unsigned long pa =
			0x60000000UL + (ktest_rand() % 0x8000) * PAGE_SIZE;
		struct map_desc m;

		if (first + n > PAGES)
			n = PAGES - first;
		/* no range that would be mapped by sections */
		if (!((first | n) & 255) && !(pa & ~SECTION_MASK))
			pa += PAGE_SIZE;
		m = md(BASE + first * PAGE_SIZE, pa, n * PAGE_SIZE, type);
		ck_assert_int_eq(create_mapping_late((pgd_t *)l1, &m, false),
				 0);
		for (unsigned int i = 0; i < n; i++)
			model[first + i] = (pa + i * PAGE_SIZE) |
					   get_mem_type(type)->prot_pte;
		longest = max(longest, n);
		odd += (first >> 8) & 1;
	}
	for (unsigned int p = 0; p < PAGES; p += 512) {
		unsigned long va = BASE + p * PAGE_SIZE;
		u32 e0 = l1[va >> SECTION_SHIFT];

		if (!e0)
			continue;
		ck_assert_msg(
			l1[(va >> SECTION_SHIFT) + 1] == e0 + 1024 &&
				(e0 & ~PAGE_MASK & ~PMD_DOMAIN_MASK) ==
					(PTE_HWTABLE_OFF | PMD_TYPE_TABLE),
			"pgd entry of %#lx: %08x %08x, not a pair into "
			"one PTE page's hardware tables (seed %u)",
			va, e0, l1[(va >> SECTION_SHIFT) + 1], seed);
	}
	for (unsigned int p = 0; p < PAGES; p++) {
		unsigned long va = BASE + p * PAGE_SIZE;
		u32 e0 = l1[(va >> SECTION_SHIFT) & ~1UL];
		u32 got = e0 ? *pt_linux_pte(l1, va) : 0;

		ck_assert_msg(got == model[p],
			      "after %d random mappings the Linux PTE of "
			      "%#lx is %08x, expected %08x (seed %u)",
			      STEPS, va, got, model[p], seed);
	}
	printk("random: %d mappings of up to %u pages, %u in odd megabytes "
	       "(seed %u)\n",
	       STEPS, longest, odd, seed);
	pt_free(&s);
}
END_TEST

KTEST_SUITE(ch23) = {
	.chapter = "23",
	.title = "Second-level tables",
	.boot = boot_ch23,
	.tests = KTESTS(boot_pte_page_from_memblock,
			pair_points_at_hardware_tables,
			one_pte_page_per_pgd_entry, sections_or_pages,
			section_cannot_take_a_table, top_of_the_address_space,
			random_mappings_against_a_model),
};
