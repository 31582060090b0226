// SPDX-License-Identifier: GPL-2.0
/*
 * Chapter 17: descriptors.
 *
 * The exercises: hw_desc_decode() and hw_desc_encode() for the six
 * short-descriptor formats (arch/arm/mm/desc.c), and the section map of
 * create_section_mapping(), __map_init_section() in arch/arm/mm/mmu.c.
 * The section map is checked bit by bit and then through the MMU: the
 * tables are made live and ATS1C answers for reads and writes.
 */
#include <stdio.h>
#include <string.h>
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <asm/cp15.h>
#include <asm/mach/map.h>
#include <asm/pgtable.h>
#include <asm/pgwalk.h>
#include "arch/arm/mm/mm.h"
#include "pt_util.h"
#include "ktest.h"

static void expect_fields(u32 val, int level, const struct hw_desc *want,
			  const char *rule)
{
	struct hw_desc d;

	ck_assert_int_eq(hw_desc_decode(val, level, &d), 0);
	ck_assert_msg(
		d.type == want->type && d.base == want->base &&
			d.ap == want->ap && d.tex == want->tex &&
			d.domain == want->domain && d.c == want->c &&
			d.b == want->b && d.xn == want->xn &&
			d.ng == want->ng && d.s == want->s && d.ns == want->ns,
		"decode(%08x, level %d): expected %s base %#x ap %u tex "
		"%u dom %u C%d B%d XN%d nG%d S%d NS%d, got %s base %#x "
		"ap %u tex %u dom %u C%d B%d XN%d nG%d S%d NS%d (%s)",
		val, level, hw_desc_type_name(want->type), want->base, want->ap,
		want->tex, want->domain, want->c, want->b, want->xn, want->ng,
		want->s, want->ns, hw_desc_type_name(d.type), d.base, d.ap,
		d.tex, d.domain, d.c, d.b, d.xn, d.ng, d.s, d.ns, rule);
}

START_TEST(decode_each_format)
{
	struct hw_desc want;

	want = (struct hw_desc){ .type = HW_DESC_FAULT };
	expect_fields(0xfffffffc, 1, &want, "type 00: a fault, bits ignored");
	expect_fields(0x12345673, 1, &want, "type 11 is reserved: a fault");
	expect_fields(0x12345678, 2, &want, "L2 type 00: a fault");
	want = (struct hw_desc){ .type = HW_DESC_TABLE,
				 .base = 0x6abcd400,
				 .domain = 9,
				 .ns = true };
	expect_fields(0x6abcd400 | PMD_DOMAIN(9) | PMD_TABLE_NS |
			      PMD_TYPE_TABLE,
		      1, &want, "coarse table: base[31:10], domain 8:5, NS 3");
	want = (struct hw_desc){ .type = HW_DESC_SECTION,
				 .base = 0x60400000,
				 .ap = 5,
				 .tex = 5,
				 .domain = 5,
				 .c = true,
				 .xn = true,
				 .ng = true };
	expect_fields(
		0x60400000 | PMD_TYPE_SECT | PMD_SECT_AP_WRITE | PMD_SECT_APX |
			PMD_DOMAIN(5) | PMD_SECT_XN | PMD_SECT_TEX(5) |
			PMD_SECT_CACHEABLE | PMD_SECT_nG,
		1, &want, "section: APX is bit 15, AP 11:10, TEX 14:12, XN 4");
	want = (struct hw_desc){ .type = HW_DESC_SUPERSECTION,
				 .base = 0x7a000000,
				 .ap = 3,
				 .b = true,
				 .s = true,
				 .ns = true };
	expect_fields(0x7a000000 | PMD_SECT_SUPER | PMD_TYPE_SECT |
			      PMD_SECT_AP_WRITE | PMD_SECT_AP_READ |
			      PMD_SECT_BUFFERABLE | PMD_SECT_S | PMD_SECT_NS |
			      PMD_SUPERSECT_EXTBASE2_MASK,
		      1, &want,
		      "supersection: base[31:24]; bits 8:5 extend the PA, its "
		      "domain is 0");
	want = (struct hw_desc){ .type = HW_DESC_SMALL,
				 .base = 0x6abcd000,
				 .ap = 6,
				 .tex = 6,
				 .b = true,
				 .xn = true,
				 .s = true };
	expect_fields(0x6abcd000 | PTE_TYPE_SMALL | PTE_EXT_XN | PTE_EXT_AP1 |
			      PTE_EXT_APX | PTE_EXT_TEX(6) | PTE_BUFFERABLE |
			      PTE_EXT_SHARED,
		      2, &want, "small page: XN is bit 0, APX bit 9, TEX 8:6");
	want = (struct hw_desc){ .type = HW_DESC_LARGE,
				 .base = 0x5ab10000,
				 .ap = 1,
				 .tex = 3,
				 .c = true,
				 .xn = true,
				 .ng = true };
	expect_fields(0x5ab10000 | PTE_TYPE_LARGE | PTE_LARGE_XN | PTE_EXT_AP0 |
			      PTE_LARGE_TEX(3) | PTE_CACHEABLE | PTE_EXT_NG,
		      2, &want,
		      "large page: XN is bit 15, TEX 14:12 (not bit 0, 8:6)");
	want = (struct hw_desc){
		.type = HW_DESC_LARGE, .base = 0x5ab10000, .ap = 3, .tex = 0
	};
	expect_fields(0x5ab10000 | PTE_TYPE_LARGE | PTE_EXT_AP_MASK, 2, &want,
		      "large page without XN: bit 0 is the type, not XN");
}
END_TEST

/*
 * Known encodings, one field at a time, written from the ARM ARM's
 * figures (B3.5.1, B3-4 and B3-5), not from the kernel's constants: a
 * field kept in another field's bit (S and NS, S and nG swapped the same
 * way both ways) survives every round trip, but not these.
 */
static const struct known_desc {
	u32 val;
	int level;
	struct hw_desc d;
	const char *what;
} known[] = {
#define SECT(v, what, ...)                         \
	{                                          \
		v, 1,                              \
			{ .type = HW_DESC_SECTION, \
			  .base = 0x60400000,      \
			  __VA_ARGS__ },           \
			"section " what            \
	}
	SECT(0x60400002, "alone: type 10"),
	SECT(0x60400006, "B is bit 2", .b = true),
	SECT(0x6040000a, "C is bit 3", .c = true),
	SECT(0x60400012, "XN is bit 4", .xn = true),
	SECT(0x60400122, "domain 9 in bits 8:5", .domain = 9),
	SECT(0x60400402, "AP[0] is bit 10", .ap = 1),
	SECT(0x60400802, "AP[1] is bit 11", .ap = 2),
	SECT(0x60401002, "TEX[0] is bit 12", .tex = 1),
	SECT(0x60404002, "TEX[2] is bit 14", .tex = 4),
	SECT(0x60408002, "APX is bit 15", .ap = 4),
	SECT(0x60410002, "S is bit 16", .s = true),
	SECT(0x60420002, "nG is bit 17", .ng = true),
	SECT(0x60480002, "NS is bit 19", .ns = true),
	SECT(0x60490002, "S (16) and NS (19)", .s = true, .ns = true),
#undef SECT
#define SUPER(v, what, ...)                             \
	{                                               \
		v, 1,                                   \
			{ .type = HW_DESC_SUPERSECTION, \
			  .base = 0x7a000000,           \
			  __VA_ARGS__ },                \
			"supersection " what            \
	}
	SUPER(0x7a040002, "alone: type 10 and bit 18"),
	SUPER(0x7a050002, "S is bit 16", .s = true),
	SUPER(0x7a060002, "nG is bit 17", .ng = true),
	SUPER(0x7a0c0002, "NS is bit 19", .ns = true),
	SUPER(0x7a040012, "XN is bit 4", .xn = true),
	SUPER(0x7a048002, "APX is bit 15", .ap = 4),
	SUPER(0x7a042002, "TEX[1] is bit 13", .tex = 2),
#undef SUPER
	{ 0x6abcd409,
	  1,
	  { .type = HW_DESC_TABLE, .base = 0x6abcd400, .ns = true },
	  "table: NS is bit 3" },
	{ 0x6abcd4a1,
	  1,
	  { .type = HW_DESC_TABLE, .base = 0x6abcd400, .domain = 5 },
	  "table: domain 5 in bits 8:5" },
#define SMALL(v, what, ...)                      \
	{                                        \
		v, 2,                            \
			{ .type = HW_DESC_SMALL, \
			  .base = 0x6abcd000,    \
			  __VA_ARGS__ },         \
			"small page " what       \
	}
	SMALL(0x6abcd002, "alone: type 1x"),
	SMALL(0x6abcd003, "XN is bit 0", .xn = true),
	SMALL(0x6abcd006, "B is bit 2", .b = true),
	SMALL(0x6abcd00a, "C is bit 3", .c = true),
	SMALL(0x6abcd012, "AP[0] is bit 4", .ap = 1),
	SMALL(0x6abcd022, "AP[1] is bit 5", .ap = 2),
	SMALL(0x6abcd042, "TEX[0] is bit 6", .tex = 1),
	SMALL(0x6abcd102, "TEX[2] is bit 8", .tex = 4),
	SMALL(0x6abcd202, "APX is bit 9", .ap = 4),
	SMALL(0x6abcd402, "S is bit 10", .s = true),
	SMALL(0x6abcd802, "nG is bit 11", .ng = true),
#undef SMALL
#define LARGE(v, what, ...)                      \
	{                                        \
		v, 2,                            \
			{ .type = HW_DESC_LARGE, \
			  .base = 0x5ab10000,    \
			  __VA_ARGS__ },         \
			"large page " what       \
	}
	LARGE(0x5ab10001, "alone: type 01"),
	LARGE(0x5ab18001, "XN is bit 15", .xn = true),
	LARGE(0x5ab11001, "TEX[0] is bit 12", .tex = 1),
	LARGE(0x5ab14001, "TEX[2] is bit 14", .tex = 4),
	LARGE(0x5ab10005, "B is bit 2", .b = true),
	LARGE(0x5ab10009, "C is bit 3", .c = true),
	LARGE(0x5ab10021, "AP[1] is bit 5", .ap = 2),
	LARGE(0x5ab10201, "APX is bit 9", .ap = 4),
	LARGE(0x5ab10401, "S is bit 10", .s = true),
	LARGE(0x5ab10801, "nG is bit 11", .ng = true),
#undef LARGE
};

START_TEST(encode_each_field)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(known); i++) {
		const struct known_desc *k = &known[i];
		u32 got = hw_desc_encode(&k->d);

		ck_assert_msg(got == k->val,
			      "encode(%s): expected %08x, got %08x (differs "
			      "in %08x): each field has its own bits, the "
			      "ARM ARM's (B3.5.1)",
			      k->what, k->val, got, got ^ k->val);
		expect_fields(k->val, k->level, &k->d, k->what);
	}
}
END_TEST

#define SEED 0x17d35c00

static u32 rnd(void)
{
	return ktest_rand() ^ (ktest_rand() << 16);
}

/* A random descriptor of one format, with the bits it does not use clear. */
static u32 random_desc(enum hw_desc_type type, int *level)
{
	u32 r = rnd();

	*level = type >= HW_DESC_LARGE ? 2 : 1;
	switch (type) {
	case HW_DESC_TABLE:
		return (r & ~0x3ffU) | (r & 0x1e8) | PMD_TYPE_TABLE;
	case HW_DESC_SECTION:
		return (r & ~(0x3ffffU | PMD_SECT_SUPER | 0x200)) |
		       (r & 0xbfdfc & ~PMD_SECT_SUPER) | PMD_TYPE_SECT;
	case HW_DESC_SUPERSECTION:
		return (r & 0xff000000U) | (r & 0xbfc1c & ~PMD_SECT_SUPER) |
		       PMD_SECT_SUPER | PMD_TYPE_SECT;
	case HW_DESC_LARGE:
		return (r & ~0xffffU) | (r & 0xfe3c) | PTE_TYPE_LARGE;
	case HW_DESC_SMALL:
		return r | PTE_TYPE_SMALL; /* bit 0 is XN */
	default:
		return 0;
	}
}

START_TEST(round_trip_random)
{
	ktest_rng = SEED;
	for (int n = 0; n < 20000; n++) {
		enum hw_desc_type type = rnd() % (HW_DESC_SMALL + 1);
		int level;
		u32 v = random_desc(type, &level);
		struct hw_desc d;
		u32 back;

		ck_assert_int_eq(hw_desc_decode(v, level, &d), 0);
		back = hw_desc_encode(&d);
		ck_assert_msg(d.type == type && back == v,
			      "%s %08x decodes to %s, encodes back to %08x "
			      "(differs in %08x): every field must go back "
			      "where it came from (seed %#x, round %d)",
			      hw_desc_type_name(type), v,
			      hw_desc_type_name(d.type), back, back ^ v, SEED,
			      n);
	}
}
END_TEST

START_TEST(encode_refuses_bad_fields)
{
	static const struct hw_desc bad[] = {
		{ .type = HW_DESC_SECTION, .base = 0x60080000 },
		{ .type = HW_DESC_SUPERSECTION,
		  .base = 0x61000000,
		  .domain = 2 },
		{ .type = HW_DESC_SMALL, .base = 0x60000800 },
		{ .type = HW_DESC_LARGE, .base = 0x60008000 },
		{ .type = HW_DESC_SMALL, .base = 0x60000000, .domain = 1 },
		{ .type = HW_DESC_SECTION, .base = 0x60000000, .ap = 8 },
	};
	struct hw_desc good = { .type = HW_DESC_SECTION,
				.base = 0x60000000,
				.ap = 1,
				.domain = 15 };

	ck_assert_msg(
		hw_desc_encode(&good) == (0x60000000 | PMD_TYPE_SECT |
					  PMD_SECT_AP_WRITE | PMD_DOMAIN(15)),
		"section 0x60000000 AP 01 domain 15: expected %08x, "
		"got %08x",
		0x60000000 | PMD_TYPE_SECT | PMD_SECT_AP_WRITE | PMD_DOMAIN(15),
		hw_desc_encode(&good));
	for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++) {
		printk_log_clear();
		ck_assert_msg(hw_desc_encode(&bad[i]) == 0,
			      "bad %s %u must encode to a fault (0)",
			      hw_desc_type_name(bad[i].type), i);
		ck_assert(printk_log_contains("hw_desc_encode: bad"));
	}
}
END_TEST

START_TEST(mem_types_final_values)
{
	const struct mem_type *rw = get_mem_type(MT_MEMORY_RW);
	const struct mem_type *dev = get_mem_type(MT_DEVICE);

	ck_assert_ptr_null(get_mem_type(MT_MEMORY_DMA_READY + 1));
	ck_assert_uint_eq(rw->prot_sect, 0x41e);
	ck_assert_uint_eq(get_mem_type(MT_MEMORY_RWX)->prot_sect, 0x40e);
	ck_assert_uint_eq(get_mem_type(MT_ROM)->prot_sect, 0x840e);
	ck_assert_uint_eq(dev->prot_sect, 0x10456);
	ck_assert_uint_eq(dev->prot_l1, 0x41);
}
END_TEST

/*
 * Entries @first..@last (megabytes, wrapping at the top) of @l1 map
 * @pa on with @prot, and the two entries each side of them are empty.
 */
static void expect_sections(const u32 *l1, u32 first, u32 last, u32 pa,
			    u32 prot, const char *call, const char *rule)
{
	for (u32 i = first - 2; i != ((last + 3) & 0xfff);
	     i = (i + 1) & 0xfff) {
		bool in = ((i - first) & 0xfff) <= last - first;
		u32 want = in ? (pa + (((i - first) & 0xfff) << 20)) | prot : 0;

		ck_assert_msg(l1[i] == want,
			      "entry %#x (VA %08x) after %s: expected %08x, "
			      "got %08x (%s)",
			      i, i << 20, call, want, l1[i], rule);
	}
}

START_TEST(section_map_pairs)
{
	struct page *p = alloc_pages(GFP_KERNEL | __GFP_ZERO, 2);
	u32 *l1 = page_address(p);
	struct map_desc m = md(0xe0100000, 0x68300000, 3 * SZ_1M, MT_MEMORY_RW);
	u32 prot = get_mem_type(MT_MEMORY_RW)->prot_sect;
	static const struct {
		u32 va, pa, len;
	} top[] = {
		{ 0xffe00000, 0x68000000, 2 * SZ_1M }, /* the last pgd pair */
		{ 0xfff00000, 0x68300000, SZ_1M }, /* its odd megabyte */
		{ 0xffd00000, 0x68500000, 3 * SZ_1M },
	};

	ck_assert_int_eq(create_section_mapping((pgd_t *)l1, &m), 0);
	for (u32 mb = 0xdff; mb <= 0xe05; mb++) {
		u32 want = mb >= 0xe01 && mb <= 0xe03
				   ? (0x68300000 + ((mb - 0xe01) << 20)) | prot
				   : 0;

		ck_assert_msg(l1[mb] == want,
			      "entry %#x (VA %08x) after mapping [e0100000, "
			      "e0400000) to 68300000: expected %08x, got %08x "
			      "(an odd megabyte is pmd[1] of its pgd pair)",
			      mb, mb << 20, want, l1[mb]);
	}

	/* a process's mapping (create_mapping_late()): nG in every entry */
	for (int ng = 0; ng < 2; ng++) {
		memset(l1, 0, PG_DIR_SIZE);
		m = md(0x00500000, 0x68300000, 3 * SZ_1M, MT_MEMORY_RW);
		ck_assert_int_eq(
			create_section_mapping_late((pgd_t *)l1, &m, ng), 0);
		expect_sections(l1, 0x005, 0x007, 0x68300000,
				prot | (ng ? PMD_SECT_nG : 0),
				ng ? "create_section_mapping_late(00500000, "
				     "3 MiB, ng = true)"
				   : "create_section_mapping_late(00500000, "
				     "3 MiB, ng = false)",
				"__map_init_section() ORs PMD_SECT_nG (bit 17) "
				"into every entry when ng is true, and only "
				"then: a process's entries are tagged with its "
				"ASID, the kernel's are global");
	}

	/* the top of the address space: addr + length is 0 in 32 bits */
	for (unsigned int i = 0; i < ARRAY_SIZE(top); i++) {
		char call[80];

		memset(l1, 0, PG_DIR_SIZE);
		m = md(top[i].va, top[i].pa, top[i].len, MT_MEMORY_RW);
		snprintf(call, sizeof(call), "mapping [%08x, +%u MiB) to %08x",
			 top[i].va, top[i].len >> 20, top[i].pa);
		ck_assert_int_eq(create_section_mapping((pgd_t *)l1, &m), 0);
		expect_sections(
			l1, top[i].va >> 20,
			(top[i].va + (top[i].len - 1)) >> 20, top[i].pa, prot,
			call,
			"the range ends at 0xffffffff, where end = addr "
			"+ length wraps to 0 in a 32-bit unsigned "
			"long: the loops stop at addr == end, as "
			"Linux's do, never at addr >= end");
	}
	__free_pages(p, 2);
}
END_TEST

/* The MMU must see the types: PA, write permission, domain. */
START_TEST(section_map_through_mmu)
{
	struct pt_switch s = { 0 };
	u32 *l1 = pt_copy_live(&s);
	struct map_desc rw =
		md(0xe0200000, 0x61000000, 2 * SZ_1M, MT_MEMORY_RW);
	struct map_desc ro = md(0xe0500000, 0x62000000, SZ_1M, MT_ROM);
	struct map_desc dv = md(0xe0700000, 0x10000000, SZ_1M, MT_DEVICE);
	u32 par[6];
	char why[96];

	ck_assert_ptr_nonnull(l1);
	for (u32 mb = 0xe02; mb < 0xe08; mb++)
		l1[mb] = 0; /* whatever the live table had there */
	ck_assert_int_eq(create_section_mapping((pgd_t *)l1, &rw), 0);
	ck_assert_int_eq(create_section_mapping((pgd_t *)l1, &ro), 0);
	ck_assert_int_eq(create_section_mapping((pgd_t *)l1, &dv), 0);
	pt_switch_to(&s, domain_val(DOMAIN_KERNEL, DOMAIN_CLIENT) |
				 domain_val(DOMAIN_IO, DOMAIN_CLIENT));
	par[0] = ats1c(0xe0312345, false, true);
	par[1] = ats1c(0xe0512345, false, false);
	par[2] = ats1c(0xe0512345, false, true);
	par[3] = ats1c(0xe0200000, true, false);
	par[4] = ats1c(0xe0700123, false, true);
	par[5] = ats1c(0xe0400000, false, false);
	pt_switch_back(&s);
	ck_assert_msg(par[0] == 0x61112000,
		      "write to MT_MEMORY_RW at e0312345: expected PA "
		      "61112000, got %s",
		      par_str(par[0], why, sizeof(why)));
	ck_assert_msg(par[1] == 0x62012000,
		      "read of MT_ROM at e0512345: expected PA 62012000, "
		      "got %s",
		      par_str(par[1], why, sizeof(why)));
	ck_assert_msg((par[2] & PAR_F) && PAR_FS(par[2]) == 0x0d,
		      "write to MT_ROM: expected a section permission "
		      "fault (0x0d: APX=1 AP=01), got %s",
		      par_str(par[2], why, sizeof(why)));
	ck_assert_msg((par[3] & PAR_F) && PAR_FS(par[3]) == 0x0d,
		      "user read of kernel memory: expected a section "
		      "permission fault (AP=01), got %s",
		      par_str(par[3], why, sizeof(why)));
	ck_assert_msg(par[4] == 0x10000000,
		      "write to MT_DEVICE (domain 2, client): expected PA "
		      "10000000, got %s",
		      par_str(par[4], why, sizeof(why)));
	ck_assert_msg((par[5] & PAR_F) && PAR_FS(par[5]) == 0x05,
		      "e0400000 was not mapped: expected a section "
		      "translation fault, got %s",
		      par_str(par[5], why, sizeof(why)));
}
END_TEST

START_TEST(section_map_refuses_misuse)
{
	struct page *p = alloc_pages(GFP_KERNEL | __GFP_ZERO, 2);
	u32 *l1 = page_address(p);
	struct map_desc good = md(0xe0000000, 0x60000000, SZ_1M, MT_ROM);
	struct map_desc user = md(0x00100000, 0x60000000, SZ_1M, MT_ROM);
	struct map_desc odd = md(0xe0000000, 0x60080000, SZ_1M, MT_ROM);
	struct map_desc vec = md(0xe0000000, 0x60000000, SZ_1M, MT_LOW_VECTORS);

	ck_assert_int_eq(create_section_mapping((pgd_t *)l1, &good), 0);
	ck_assert_uint_eq(l1[0xe00], 0x60000000 | 0x840e);
	printk_log_clear();
	ck_assert_int_eq(create_section_mapping((pgd_t *)l1, &user), -EINVAL);
	ck_assert(printk_log_contains(
		"BUG: not creating mapping for 0x60000000 at 0x00100000 in "
		"user region"));
	printk_log_clear();
	ck_assert_int_eq(create_section_mapping((pgd_t *)l1, &odd), -EINVAL);
	ck_assert(printk_log_contains(
		"BUG: map for 0x60080000 at 0xe0000000 can not be mapped "
		"using pages, ignoring."));
	printk_log_clear();
	ck_assert_int_eq(create_section_mapping((pgd_t *)l1, &vec), -EINVAL);
	ck_assert(printk_log_contains("BUG: map for 0x60000000 at 0xe0000000"));
	ck_assert_uint_eq(l1[0xe00], 0x60000000 | 0x840e);
	ck_assert_uint_eq(l1[0x001], 0);
	__free_pages(p, 2);
}
END_TEST

KTEST_SUITE(ch17) = {
	.chapter = "17",
	.title = "Descriptors",
	.boot = ktest_boot_slab,
	.timeout = 60,
	.tests = KTESTS(decode_each_format, encode_each_field,
			round_trip_random, encode_refuses_bad_fields,
			mem_types_final_values, section_map_pairs,
			section_map_through_mmu, section_map_refuses_misuse),
};
