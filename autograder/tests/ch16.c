// SPDX-License-Identifier: GPL-2.0
/*
 * Chapter 16: two-level tables.
 *
 * The exercises: hw_l1_index()/hw_l2_index() (the 12/8/12 split),
 * hw_walk_tables() (the walk in software) and the lecture's sums,
 * flat_table_bytes() and two_level_table_bytes() (arch/arm/mm/pgwalk.c).
 * The central test builds random tables, makes them live, and asks the
 * MMU (ATS1CPR, the PAR) and the walker the same 10^4 questions.
 */
#include <string.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <asm/cp15.h>
#include <asm/pgtable.h>
#include <asm/pgwalk.h>
#include "pt_util.h"
#include "ktest.h"

START_TEST(split_is_12_8_12)
{
	static const struct {
		u32 va, l1, l2;
	} c[] = {
		{ 0x00000000, 0x000, 0x00 }, { 0x00000fff, 0x000, 0x00 },
		{ 0x00001000, 0x000, 0x01 }, { 0x000ff000, 0x000, 0xff },
		{ 0x00100000, 0x001, 0x00 }, { 0xc0008123, 0xc00, 0x08 },
		{ 0x6ab5c000, 0x6ab, 0x5c }, { 0xffffffff, 0xfff, 0xff },
	};

	for (unsigned int i = 0; i < ARRAY_SIZE(c); i++) {
		ck_assert_msg(hw_l1_index(c[i].va) == c[i].l1,
			      "hw_l1_index(%#x): expected %#x (VA[31:20]), "
			      "got %#x",
			      c[i].va, c[i].l1, hw_l1_index(c[i].va));
		ck_assert_msg(hw_l2_index(c[i].va) == c[i].l2,
			      "hw_l2_index(%#x): expected %#x (VA[19:12]), "
			      "got %#x",
			      c[i].va, c[i].l2, hw_l2_index(c[i].va));
	}
	/* Linux's own split is not the hardware's: a pgd entry is 2 MiB */
	ck_assert_uint_eq(pgd_index(0xc0100000UL), 0x600);
	ck_assert_uint_eq(pte_index(0xc01ff000UL), 0x1ff);
}
END_TEST

START_TEST(lecture_sums)
{
	struct pt_range all = { 0, 0xfffff000U, SZ_4K };
	u64 flat = flat_table_bytes(32, 12);

	ck_assert_msg(flat == 4 * SZ_1M,
		      "a flat table of 4 KiB pages for 4 GiB: 1 Mi entries of "
		      "4 bytes = 4 MiB, got %llu",
		      (unsigned long long)flat);
	ck_assert_msg(100 * flat == 400ULL * SZ_1M,
		      "100 processes: 400 MiB of tables");
	ck_assert_msg(flat_table_bytes(32, 20) == 16 * SZ_1K,
		      "1 MiB sections: 4096 entries = 16 KiB, got %llu",
		      (unsigned long long)flat_table_bytes(32, 20));
	/* every megabyte with pages: 16 KiB + 4096 x 1 KiB */
	ck_assert_msg(two_level_table_bytes(&all, 1) == 16 * SZ_1K + 4 * SZ_1M,
		      "4 GiB of 4 KiB pages: 16 KiB + 4096 x 1 KiB, got %lu",
		      two_level_table_bytes(&all, 1));
}
END_TEST

START_TEST(table_bytes_of_mappings)
{
	struct pt_range sect = { 0xc0000000, 64 * SZ_1M, SZ_1M };
	struct pt_range pages = { 0xc0000000, 64 * SZ_1M, SZ_4K };
	struct pt_range mixed[] = {
		{ 0x00008000, 0x3000, SZ_4K }, /* one megabyte */
		{ 0x000f0000, 0x20000, 0x10000 }, /* 64K pages over 2 MiB */
		{ 0x00010000, 0x1000, SZ_4K }, /* shares megabyte 0 */
		{ 0x01000000, 16 * SZ_1M, 16 * SZ_1M }, /* a supersection */
	};
	struct pt_range top[] = {
		{ 0xffff0000, 0x10000, 0x10000 }, /* the high vectors' 64K */
		{ 0xfff00000, SZ_1M, SZ_4K },
		{ 0xffc00000, 4 * SZ_1M, SZ_4K },
	};

	ck_assert_msg(
		two_level_table_bytes(&sect, 1) == 16 * SZ_1K,
		"64 MiB of sections live in the L1 table: 16 KiB, got %lu",
		two_level_table_bytes(&sect, 1));
	ck_assert_msg(two_level_table_bytes(&pages, 1) ==
			      16 * SZ_1K + 64 * SZ_1K,
		      "64 MiB of pages: 16 KiB + 64 coarse tables of 1 KiB, "
		      "got %lu",
		      two_level_table_bytes(&pages, 1));
	ck_assert_msg(two_level_table_bytes(mixed, 4) == 16 * SZ_1K + 2 * SZ_1K,
		      "megabytes 0 and 1 need a coarse table each, once, "
		      "however many ranges touch them: expected %u, got %lu",
		      16 * SZ_1K + 2 * SZ_1K, two_level_table_bytes(mixed, 4));
	for (unsigned int i = 0; i < ARRAY_SIZE(top); i++) {
		/* one coarse table per megabyte the range touches */
		unsigned long want =
			16 * SZ_1K + ((top[i].size + SZ_1M - 1) >> 20) * SZ_1K;

		ck_assert_msg(two_level_table_bytes(&top[i], 1) == want,
			      "[%#x, +%#x) in %#x pages ends at 0xffffffff: "
			      "expected %lu bytes, got %lu; va + size wraps "
			      "to 0 in 32 bits: count to the last byte, "
			      "va + size - 1",
			      top[i].va, top[i].size, top[i].page_size, want,
			      two_level_table_bytes(&top[i], 1));
	}
}
END_TEST

START_TEST(sums_refuse_bad_ranges)
{
	struct pt_range bad[] = {
		{ 0xc0000800, SZ_4K, SZ_4K },
		{ 0xc0000000, SZ_4K, 0x2000 },
		{ 0xfff00000, 2 * SZ_1M, SZ_1M },
	};
	struct pt_range good = { 0xc0000000, SZ_4K, SZ_4K };

	ck_assert_uint_eq(two_level_table_bytes(&good, 1), 16 * SZ_1K + SZ_1K);
	for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++) {
		printk_log_clear();
		ck_assert_msg(two_level_table_bytes(&bad[i], 1) == 0,
			      "range %u is malformed: expected 0", i);
		ck_assert(
			printk_log_contains("two_level_table_bytes: range 0"));
	}
	ck_assert(flat_table_bytes(12, 20) == 0);
}
END_TEST

/* A table page from the allocator: 4 coarse tables, or 1/4 of an L1. */
static u32 *table_page(void)
{
	struct page *p = alloc_page(GFP_KERNEL | __GFP_ZERO);

	ck_assert_ptr_nonnull(p);
	return page_address(p);
}

static void expect_walk(const u32 *l1, u32 va, int ret, u32 pa, u32 fs,
			u32 size, const char *rule)
{
	struct hw_translation t;
	int r = hw_walk_tables(l1, va, &t);

	ck_assert_msg(r == ret &&
			      (ret ? t.fs == fs : t.pa == pa && t.size == size),
		      "walk of %08x (L1 %08x, L2 %08x): expected %s %#x size "
		      "%#x, got %s %#x size %#x (%s)",
		      va, t.l1, t.l2, ret ? "fault" : "PA", ret ? fs : pa, size,
		      r ? "fault" : "PA", r ? t.fs : t.pa, t.size, rule);
}

#define DOMAIN_RULE                                                       \
	"the domain is a first-level field (bits 8:5 of a section or of " \
	"the table entry a page hangs from); a second-level descriptor "  \
	"has no domain, and a supersection is in domain 0"

static void expect_domain(const u32 *l1, u32 va, u32 domain)
{
	struct hw_translation t;

	ck_assert_int_eq(hw_walk_tables(l1, va, &t), 0);
	ck_assert_msg(t.domain == domain,
		      "walk of %08x (L1 %08x, L2 %08x): domain %u, expected "
		      "%u: " DOMAIN_RULE,
		      va, t.l1, t.l2, t.domain, domain);
}

START_TEST(walk_each_format)
{
	struct page *p = alloc_pages(GFP_KERNEL | __GFP_ZERO, 2);
	u32 *l1 = page_address(p), *l2 = table_page();
	u32 l2pa = (u32)__pa(l2);

	l1[0x100] = 0x12300000 | PMD_TYPE_SECT | PMD_DOMAIN(3);
	l1[0x101] = 0x45600000 | PMD_TYPE_SECT | 3; /* 0b11: reserved */
	for (int i = 0; i < 16; i++) /* supersection at 0x20000000 */
		l1[0x200 + i] = 0x7a000000 | PMD_SECT_SUPER | PMD_TYPE_SECT |
				PMD_SUPERSECT_EXTBASE_MASK |
				PMD_SUPERSECT_EXTBASE2_MASK;
	l1[0x300] = l2pa | PMD_TYPE_TABLE | PMD_DOMAIN(7);
	l2[0x04] = 0x6abcc000 | PTE_TYPE_SMALL | PTE_EXT_AP_MASK |
		   PTE_EXT_TEX(5); /* bits 8:5 read 0b1011 */
	l2[0x05] = 0x6abcd000 | PTE_TYPE_SMALL | PTE_EXT_XN;
	l2[0x06] = 0x6abce000 | PTE_TYPE_SMALL;
	for (int i = 0x10; i < 0x20; i++)
		l2[i] = 0x5ab10000 | PTE_TYPE_LARGE;

	expect_walk(l1, 0x00012345, -1, 0, HW_FS_TRANS_SECT, 0,
		    "fault entry: section translation fault 0x05");
	expect_walk(l1, 0x100abcde, 0, 0x123abcde, 0, SZ_1M,
		    "section: base[31:20] : VA[19:0]");
	expect_walk(l1, 0x10100000, -1, 0, HW_FS_TRANS_SECT, 0,
		    "type 0b11 is reserved: a fault, not a section");
	expect_walk(l1, 0x20312345, 0, 0x7a312345, 0, 16 * SZ_1M,
		    "supersection: base[31:24] : VA[23:0]; bits 23:20 are "
		    "PA[35:32], beyond a 32-bit PA");
	expect_walk(l1, 0x30005abc, 0, 0x6abcdabc, 0, SZ_4K,
		    "small page with XN (bit 0 set): base[31:12] : VA[11:0]");
	expect_walk(l1, 0x30006001, 0, 0x6abce001, 0, SZ_4K,
		    "small page: base[31:12] : VA[11:0]");
	expect_walk(l1, 0x3001f123, 0, 0x5ab1f123, 0, SZ_64K,
		    "large page, 16 entries: base[31:16] : VA[15:0]");
	expect_walk(l1, 0x30007000, -1, 0, HW_FS_TRANS_PAGE, 0,
		    "second-level fault: page translation fault 0x07");
	expect_domain(l1, 0x100abcde, 3);
	expect_domain(l1, 0x20312345, 0);
	expect_domain(l1, 0x30004abc, 7);
	expect_domain(l1, 0x30005abc, 7);
	expect_domain(l1, 0x3001f123, 7);
	__free_pages(p, 2);
	free_page((unsigned long)l2);
}
END_TEST

#define SEED 0x16c0ffee
#define N_L2_PAGES 16 /* 64 coarse tables */
#define N_TRANSLATIONS 10000

static u32 rnd(void)
{
	return ktest_rand() ^ (ktest_rand() << 16);
}

static void fill_l2(u32 *t)
{
	for (int i = 0; i < HW_L2_ENTRIES;) {
		u32 r = rnd();
		u32 d;

		switch (r % 4) {
		case 0:
			d = rnd() & ~3U; /* fault, other bits anything */
			t[i++] = d;
			break;
		case 1: /* large page: 16 aligned identical entries */
			d = (rnd() & ~0xffffU) | (rnd() & 0xfffc) |
			    PTE_TYPE_LARGE;
			i &= ~15;
			for (int j = 0; j < 16; j++)
				t[i++] = d;
			break;
		default:
			t[i++] = (rnd() & ~3U) | PTE_TYPE_SMALL;
		}
	}
}

#define FS_DOMAIN_SECT 0x09
#define FS_DOMAIN_PAGE 0x0b

/* The domain the MMU checks for a first-level entry (B3.5.1). */
static u32 l1_domain(u32 d)
{
	if ((d & PMD_TYPE_MASK) == PMD_TYPE_SECT && (d & PMD_SECT_SUPER))
		return 0;
	return (d & PMD_DOMAIN_MASK) >> 5;
}

START_TEST(walker_agrees_with_mmu)
{
	struct page *l2p[N_L2_PAGES];
	u32 *l2[N_L2_PAGES * 4];
	static u16 randomised[HW_L1_ENTRIES];
	int nr = 0, nl2 = 0;
	long faults = 0, domain_faults = 0, pages = 0, sections = 0;
	u32 used = 0, dacr = 0;
	struct pt_switch s = { 0 };
	u32 *l1;

	ktest_rng = SEED;
	for (int i = 0; i < N_L2_PAGES; i++) {
		l2p[i] = alloc_page(GFP_KERNEL);
		ck_assert_ptr_nonnull(l2p[i]);
		for (int j = 0; j < 4; j++) {
			l2[i * 4 + j] = (u32 *)page_address(l2p[i]) + j * 256;
			fill_l2(l2[i * 4 + j]);
		}
	}
	l1 = pt_copy_live(&s);
	ck_assert_ptr_nonnull(l1);
	/* keep what is mapped; randomise every megabyte that is not */
	for (int i = 0; i < HW_L1_ENTRIES; i++) {
		u32 k = rnd() % 8;
		bool free16 = !(i & 15);

		if (l1[i]) {
			used |= 1U << l1_domain(l1[i]);
			continue;
		}
		for (int j = 0; free16 && j < 16; j++)
			free16 = !l1[i + j];
		if (k == 0 && free16) {
			u32 d = (rnd() & PMD_SUPERSECT_BASE_MASK) |
				(rnd() & 0x0000fc1c) | PMD_SECT_SUPER |
				PMD_TYPE_SECT;
			for (int j = 0; j < 16; j++) {
				l1[i + j] = d;
				randomised[nr++] = i + j;
			}
			i += 15;
			continue;
		}
		if (k < 3)
			l1[i] = rnd() & ~3U; /* fault: other bits anything */
		else if (k < 5)
			l1[i] = (rnd() & ~PMD_SECT_SUPER & ~3U) | PMD_TYPE_SECT;
		else
			l1[i] = (u32)__pa(l2[nl2++ % (N_L2_PAGES * 4)]) |
				(rnd() & 0x1e0) | PMD_TYPE_TABLE;
		if (k == 1)
			l1[i] |= 3; /* the reserved type */
		randomised[nr++] = i;
	}
	ck_assert_int_gt(nr, 100);
	/*
	 * Managers (no permission checks) for the live mappings' domains;
	 * each other domain a manager or "no access" at random, so that the
	 * MMU's domain faults tell which domain it took each entry from.
	 */
	for (int d = 0; d < 16; d++)
		if (used & (1U << d) || rnd() % 2)
			dacr |= domain_val(d, DOMAIN_MANAGER);
	ck_assert_msg(dacr != 0xffffffffU, "test set-up: no domain left out");
	pt_switch_to(&s, dacr);
	for (int n = 0; n < N_TRANSLATIONS; n++) {
		u32 va = ((u32)randomised[rnd() % nr] << SECTION_SHIFT) |
			 (rnd() & (SECTION_SIZE - 1));
		u32 par = ats1c(va, false, false);
		u32 fs = PAR_FS(par), d1 = l1[va >> SECTION_SHIFT];
		u32 dom = l1_domain(d1);
		bool denied = !((dacr >> (2 * dom)) & 3);
		struct hw_translation t;
		int r = hw_walk_tables(l1, va, &t);
		bool ok;

		if (!(par & PAR_F))
			ok = !r && t.domain == dom &&
			     (par & PAR_SS ? (t.pa & 0xff000000U) ==
						     (par & 0xff000000U)
					   : (t.pa & PAGE_MASK) ==
						     (par & PAGE_MASK));
		else if (fs == FS_DOMAIN_SECT || fs == FS_DOMAIN_PAGE)
			/*
			 * QEMU checks a table entry's domain before it reads
			 * the second-level entry; the ARM ARM's order
			 * (B3.12.3) gives the page translation fault first.
			 */
			ok = denied && ((!r && t.domain == dom &&
					 (fs == FS_DOMAIN_SECT) ==
						 (t.size >= SECTION_SIZE)) ||
					(r && t.fs == HW_FS_TRANS_PAGE &&
					 fs == FS_DOMAIN_PAGE));
		else
			ok = r && t.fs == fs;
		if (!ok) {
			pt_switch_back(&s);
			ck_assert_msg(
				0,
				"VA %08x: the MMU says %s %08x, the walker "
				"%s %08x in domain %u (L1 %08x: domain %u, "
				"%s in DACR %08x; L2 %08x; seed %#x, "
				"translation %d)%s",
				va, par & PAR_F ? "fault" : "PA",
				par & PAR_F ? fs : par, r ? "fault" : "PA",
				r ? t.fs : t.pa, t.domain, d1, dom,
				denied ? "no access" : "manager", dacr, t.l2,
				SEED, n,
				!r && t.domain != dom ? ": " DOMAIN_RULE : "");
		}
		if (r)
			faults++;
		else if (denied)
			domain_faults++;
		else if (t.size < SECTION_SIZE)
			pages++;
		else
			sections++;
	}
	pt_switch_back(&s);
	for (int i = 0; i < N_L2_PAGES; i++)
		__free_pages(l2p[i], 0);
	ck_assert_msg(faults > 100 && pages > 100 && sections > 100 &&
			      domain_faults > 100,
		      "the random tables must exercise every kind: %ld faults, "
		      "%ld domain faults, %ld pages, %ld sections (seed %#x)",
		      faults, domain_faults, pages, sections, SEED);
	pr_info("walker_agrees_with_mmu: %d translations, the walker and "
		"the MMU agree (seed %#x, DACR %08x): %ld faults, %ld domain "
		"faults, %ld pages, %ld sections\n",
		N_TRANSLATIONS, SEED, dacr, faults, domain_faults, pages,
		sections);
}
END_TEST

KTEST_SUITE(ch16) = {
	.chapter = "16",
	.title = "Two-level tables",
	.boot = ktest_boot_slab,
	.timeout = 60,
	.tests = KTESTS(split_is_12_8_12, lecture_sums, table_bytes_of_mappings,
			sums_refuse_bad_ranges, walk_each_format,
			walker_agrees_with_mmu),
};
