// SPDX-License-Identifier: GPL-2.0
/*
 * Chapter 01: page arithmetic and the RAM of the machine.
 *
 * The macros of <linux/pfn.h>, <linux/mm.h> and <asm/memory.h> at their
 * edges (0, one byte short of a page, a page, the top of the 32-bit
 * physical address space), then the RAM banks read from every built-in
 * device tree and from trees built here with libfdt's sequential-write
 * interface, including the awkward cases the board files never show:
 * two banks, unaligned edges, 64-bit cells, RAM above 4 GiB.
 */
#include <errno.h>
#include <string.h>
#include <libfdt.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/of_fdt.h>
#include <linux/pfn.h>
#include <asm/machine.h>
#include <asm/memory.h>
#include <asm/setup.h>
#include "ktest.h"

/* One input and the value every macro must give for it. */
struct pfn_case {
	u32 addr;
	u32 down; /* PFN_DOWN(addr) */
	u32 up; /* PFN_UP(addr) */
	u32 align; /* PAGE_ALIGN(addr) in 32 bits */
};

static const struct pfn_case pfn_cases[] = {
	{ 0x00000000, 0x00000, 0x00000, 0x00000000 },
	{ 0x00000001, 0x00000, 0x00001, 0x00001000 },
	{ 0x00000fff, 0x00000, 0x00001, 0x00001000 },
	{ 0x00001000, 0x00001, 0x00001, 0x00001000 },
	{ 0x00001001, 0x00001, 0x00002, 0x00002000 },
	{ 0x60000000, 0x60000, 0x60000, 0x60000000 },
	{ 0x60003abc, 0x60003, 0x60004, 0x60004000 },
	{ 0xfffff000, 0xfffff, 0xfffff, 0xfffff000 },
	/* PAGE_ALIGN wraps in 32 bits; PFN_UP is given 64 bits below. */
	{ 0xffffffff, 0xfffff, 0x100000, 0x00000000 },
};

START_TEST(pfn_down_edges)
{
	for (unsigned i = 0; i < ARRAY_SIZE(pfn_cases); i++) {
		const struct pfn_case *c = &pfn_cases[i];
		unsigned long got = PFN_DOWN(c->addr);

		ck_assert_msg(got == c->down,
			      "PFN_DOWN(%#x) = %#lx, expected %#x: the frame "
			      "that contains an address is addr >> PAGE_SHIFT",
			      c->addr, got, c->down);
	}
	for (unsigned i = 0; i < ARRAY_SIZE(pfn_cases); i++) {
		u32 hi = pfn_cases[i].addr & PAGE_MASK;
		u32 lo = pfn_cases[i].addr & ~PAGE_MASK;
		unsigned long got = PFN_DOWN(hi + lo);

		ck_assert_msg(got == pfn_cases[i].down,
			      "PFN_DOWN(%#x + %#x) = %#lx, expected %#x: a "
			      "macro must parenthesise its argument, or it "
			      "shifts only the last term of a sum",
			      hi, lo, got, pfn_cases[i].down);
	}
}
END_TEST

START_TEST(pfn_up_edges)
{
	for (unsigned i = 0; i < ARRAY_SIZE(pfn_cases); i++) {
		const struct pfn_case *c = &pfn_cases[i];
		/* 64 bits, so addr + PAGE_SIZE - 1 cannot wrap. */
		u64 got = PFN_UP((u64)c->addr);

		ck_assert_msg(got == c->up,
			      "PFN_UP(%#x) = %#lx, expected %#x: the first "
			      "frame starting at or above the address",
			      c->addr, (unsigned long)got, c->up);
		/* The argument is an expression of low precedence. */
		got = PFN_UP(c->addr ? (u64)c->addr : 0);
		ck_assert_msg(got == c->up,
			      "PFN_UP(a ? a : 0) = %#lx for a = %#x, expected "
			      "%#x: a macro must parenthesise its argument",
			      (unsigned long)got, c->addr, c->up);
	}
}
END_TEST

START_TEST(pfn_phys_edges)
{
	static const u32 pfns[] = { 0, 1, 0x60000, 0x60003, 0xfffff };

	for (unsigned i = 0; i < ARRAY_SIZE(pfns); i++) {
		phys_addr_t got = PFN_PHYS(pfns[i]);

		ck_assert_msg(got == pfns[i] * PAGE_SIZE,
			      "PFN_PHYS(%#x) = %#x, expected %#lx", pfns[i],
			      got, pfns[i] * PAGE_SIZE);
		ck_assert_msg(PHYS_PFN(got) == pfns[i],
			      "PHYS_PFN(PFN_PHYS(%#x)) = %#lx: not a round "
			      "trip",
			      pfns[i], PHYS_PFN(got));
	}
	ck_assert_msg(sizeof(PFN_PHYS(1UL)) == sizeof(phys_addr_t),
		      "PFN_PHYS must give a phys_addr_t (%u bytes), not %u",
		      (unsigned)sizeof(phys_addr_t),
		      (unsigned)sizeof(PFN_PHYS(1UL)));
	/* Frame 0x100000 would start at 4 GiB: not in 32 bits. */
	ck_assert_msg(PFN_PHYS(0x100000UL) == 0,
		      "PFN_PHYS(0x100000) = %#x: a 32-bit phys_addr_t "
		      "wraps at 4 GiB, so it must be 0",
		      PFN_PHYS(0x100000UL));
}
END_TEST

START_TEST(phys_pfn_round_trip)
{
	for (unsigned i = 0; i < ARRAY_SIZE(pfn_cases); i++) {
		u32 a = pfn_cases[i].addr;
		unsigned long pfn = __phys_to_pfn((phys_addr_t)a);
		phys_addr_t back = __pfn_to_phys(pfn);

		ck_assert_msg(pfn == pfn_cases[i].down,
			      "__phys_to_pfn(%#x) = %#lx, expected %#x", a, pfn,
			      pfn_cases[i].down);
		ck_assert_msg(back == (a & PAGE_MASK),
			      "__pfn_to_phys(%#lx) = %#x, expected %#x: the "
			      "frame's first byte",
			      pfn, back, a & PAGE_MASK);
	}
}
END_TEST

START_TEST(page_align_edges)
{
	for (unsigned i = 0; i < ARRAY_SIZE(pfn_cases); i++) {
		const struct pfn_case *c = &pfn_cases[i];
		u32 got = PAGE_ALIGN(c->addr);

		ck_assert_msg(got == c->align,
			      "PAGE_ALIGN((u32)%#x) = %#x, expected %#x%s",
			      c->addr, got, c->align,
			      c->addr > 0xfffff000
				      ? " (the sum wraps in 32 bits)"
				      : "");
		ck_assert_msg(PAGE_ALIGNED(got),
			      "PAGE_ALIGN(%#x) = %#x is not page aligned",
			      c->addr, got);
	}
	/* The result keeps the argument's type. */
	ck_assert_uint_eq(sizeof(PAGE_ALIGN((u64)1)), 8);
	ck_assert_msg(PAGE_ALIGN((u64)0xffffffffULL) == 0x100000000ULL,
		      "PAGE_ALIGN((u64)0xffffffff) = %#lx:%08lx (high:low), "
		      "expected 0x1:00000000: a u64 keeps its top half (a "
		      "mask made from an unsigned long is 32 bits on the "
		      "board)",
		      (unsigned long)(PAGE_ALIGN((u64)0xffffffffULL) >> 32),
		      (unsigned long)PAGE_ALIGN((u64)0xffffffffULL));
}
END_TEST

/* The one bank each board file declares. */
static const struct {
	const char *dtb;
	u32 size;
} boards[] = {
	{ "vexpress-256m", 0x10000000 },
	{ "vexpress-512m", 0x20000000 },
	{ "vexpress-1g", 0x40000000 },
	/* Reserved regions are still RAM: the bank is whole. */
	{ "vexpress-cma", 0x20000000 },
};

START_TEST(dt_banks_every_board)
{
	for (unsigned i = 0; i < ARRAY_SIZE(boards); i++) {
		struct membank b[NR_BANKS];
		const void *fdt = find_builtin_dtb(boards[i].dtb);
		int n = dt_read_memory_banks(fdt, b, NR_BANKS);

		ck_assert_msg(n == 1, "%s: %d banks, expected 1", boards[i].dtb,
			      n);
		ck_assert_msg(
			b[0].start == 0x60000000 && b[0].size == boards[i].size,
			"%s: bank [%#x, +%#x), expected "
			"[0x60000000, +%#x)",
			boards[i].dtb, b[0].start, b[0].size, boards[i].size);
	}
}
END_TEST

START_TEST(dt_total_pages_every_board)
{
	for (unsigned i = 0; i < ARRAY_SIZE(boards); i++) {
		const void *fdt = find_builtin_dtb(boards[i].dtb);
		unsigned long pages = dt_total_ram_pages(fdt);

		ck_assert_msg(pages == boards[i].size / PAGE_SIZE,
			      "%s: %lu pages, expected %lu (%u MiB of 4 KiB "
			      "pages)",
			      boards[i].dtb, pages,
			      (unsigned long)(boards[i].size / PAGE_SIZE),
			      boards[i].size >> 20);
	}
}
END_TEST

/*
 * Build a device tree in @buf: root cells @ac/@sc, one memory node
 * whose "reg" is @reg (@ncells cells, host order), a UART node with a
 * "reg" that is not RAM, and optionally a second memory node.
 */
static void *make_fdt(void *buf, int ac, int sc, const u32 *reg, int ncells,
		      const u32 *reg2, int ncells2)
{
	fdt32_t cells[16];

	ck_assert(ncells <= 16 && ncells2 <= 16);
	ck_assert_int_eq(fdt_create(buf, 4096), 0);
	ck_assert_int_eq(fdt_finish_reservemap(buf), 0);
	ck_assert_int_eq(fdt_begin_node(buf, ""), 0);
	fdt_property_u32(buf, "#address-cells", ac);
	fdt_property_u32(buf, "#size-cells", sc);
	fdt_begin_node(buf, "uart@10009000");
	cells[0] = cpu_to_fdt32(0x10009000);
	cells[1] = cpu_to_fdt32(0x1000);
	cells[2] = cells[3] = 0;
	fdt_property(buf, "reg", cells, (ac + sc) * 4);
	fdt_end_node(buf);
	for (int k = 0; k < 2; k++) {
		const u32 *r = k ? reg2 : reg;
		int nr = k ? ncells2 : ncells;

		if (!r)
			continue;
		fdt_begin_node(buf, k ? "memory@80000000" : "memory");
		fdt_property_string(buf, "device_type", "memory");
		for (int i = 0; i < nr; i++)
			cells[i] = cpu_to_fdt32(r[i]);
		fdt_property(buf, "reg", cells, nr * 4);
		fdt_end_node(buf);
	}
	fdt_end_node(buf);
	ck_assert_int_eq(fdt_finish(buf), 0);
	return buf;
}

static u64 fdt_buf[4096 / 8];

static void check_bank(const struct membank *b, int i, u32 start, u32 size)
{
	ck_assert_msg(b[i].start == start && b[i].size == size,
		      "bank %d is [%#x, +%#x), expected [%#x, +%#x)", i,
		      b[i].start, b[i].size, start, size);
}

START_TEST(dt_banks_unaligned_edges)
{
	/* Starts 0x800 into a frame, ends 0xfff into one. */
	static const u32 reg[] = { 0x60000800, 0x3800, 0x70000000, 0x10000fff };
	struct membank b[NR_BANKS];
	int n = dt_read_memory_banks(make_fdt(fdt_buf, 1, 1, reg, 4, NULL, 0),
				     b, NR_BANKS);

	ck_assert_msg(n == 2, "%d banks, expected 2", n);
	check_bank(b, 0, 0x60001000, 0x3000);
	check_bank(b, 1, 0x70000000, 0x10000000);
	ck_assert_uint_eq(dt_total_ram_pages(fdt_buf), 3 + 0x10000);
}
END_TEST

START_TEST(dt_banks_two_nodes_and_empty_pairs)
{
	/* A size-0 pair and a sub-page pair contribute nothing. */
	static const u32 reg[] = { 0x60000000, 0x08000000, 0x68000000,
				   0,	       0x69000000, 0xfff };
	static const u32 reg2[] = { 0x80000000, 0x00100000 };
	struct membank b[NR_BANKS];
	int n;

	make_fdt(fdt_buf, 1, 1, reg, 6, reg2, 2);
	printk_log_clear();
	n = dt_read_memory_banks(fdt_buf, b, NR_BANKS);
	ck_assert_msg(n == 2,
		      "%d banks, expected 2 (a size-0 pair and a "
		      "pair smaller than a page add none)",
		      n);
	check_bank(b, 0, 0x60000000, 0x08000000);
	check_bank(b, 1, 0x80000000, 0x00100000);
	ck_assert_msg(printk_log_contains("Ignoring memory block 0x69000000 "
					  "- 0x69000fff"),
		      "a bank without a whole page must be reported as "
		      "\"Ignoring memory block 0x69000000 - 0x69000fff\"");
	/* Only one bank fits: the caller's array is full. */
	ck_assert_int_eq(dt_read_memory_banks(fdt_buf, b, 1), -ENOSPC);
	/* A size-0 pair after the last bank that fits is no bank. */
	make_fdt(fdt_buf, 1, 1, reg, 4, NULL, 0);
	n = dt_read_memory_banks(fdt_buf, b, 1);
	ck_assert_msg(n == 1,
		      "one bank and then a size-0 pair fill an array of 1 "
		      "exactly: got %d, expected 1 (skip a size-0 pair "
		      "before counting it against max)",
		      n);
}
END_TEST

START_TEST(dt_banks_64bit_cells)
{
	static const u32 reg[] = {
		0, 0x60000000, 0, 0x10000000, /* ordinary */
		1, 0x00000000, 0, 0x10000000, /* all above 4 GiB */
		0, 0xfff00000, 0, 0x00200000, /* crosses 4 GiB */
		0, 0x5ff00000, 0, 0x00200000, /* starts below RAM */
	};
	struct membank b[NR_BANKS];
	int n;

	make_fdt(fdt_buf, 2, 2, reg, 16, NULL, 0);
	printk_log_clear();
	n = dt_read_memory_banks(fdt_buf, b, NR_BANKS);
	ck_assert_msg(n == 3,
		      "%d banks, expected 3: RAM above 4 GiB cannot be "
		      "named by a 32-bit phys_addr_t, but a bank that "
		      "crosses 4 GiB keeps its part below (do the clipping "
		      "arithmetic in u64)",
		      n);
	check_bank(b, 0, 0x60000000, 0x10000000);
	check_bank(b, 1, 0xfff00000, 0x00100000);
	check_bank(b, 2, 0x60000000, 0x00100000);
	ck_assert_msg(printk_log_contains("Ignoring memory block "
					  "0x100000000 - 0x110000000"),
		      "the bank above 4 GiB, dropped whole, must be reported "
		      "as \"Ignoring memory block 0x100000000 - "
		      "0x110000000\"");
	ck_assert_msg(printk_log_contains("Ignoring memory range "
					  "0x100000000 - 0x100100000"),
		      "the part above 4 GiB of a bank that is cut must be "
		      "reported as \"Ignoring memory range 0x100000000 - "
		      "0x100100000\"");
	ck_assert_msg(printk_log_contains("Ignoring memory range "
					  "0x5ff00000 - 0x60000000"),
		      "the part below PHYS_OFFSET of a bank that is cut must "
		      "be reported as \"Ignoring memory range 0x5ff00000 - "
		      "0x60000000\"");
}
END_TEST

START_TEST(dt_banks_bad_blob)
{
	static const u32 junk[16] = { 0xdeadbeef };
	struct membank b[NR_BANKS];

	int n = dt_read_memory_banks(junk, b, NR_BANKS);

	ck_assert_msg(n == -EINVAL,
		      "a blob without the FDT magic gave %d, expected "
		      "-EINVAL (%d): check the header first",
		      n, -EINVAL);
	ck_assert_uint_eq(dt_total_ram_pages(junk), 0);
	/* A tree without a memory node has no RAM. */
	make_fdt(fdt_buf, 1, 1, NULL, 0, NULL, 0);
	n = dt_read_memory_banks(fdt_buf, b, NR_BANKS);
	ck_assert_msg(n == 0, "a tree without memory nodes gave %d banks", n);
}
END_TEST

START_TEST(dt_clip_single_banks)
{
	struct membank b = { 0, 0 };

	ck_assert_msg(dt_clip_memory_bank(0x60000000, 0x1000, &b),
		      "one aligned page must be kept");
	check_bank(&b, 0, 0x60000000, 0x1000);
	ck_assert_msg(!dt_clip_memory_bank(0x60000001, 0x1ffe, &b),
		      "[0x60000001, 0x60001fff) is two partial pages: none "
		      "whole, nothing kept");
	ck_assert_msg(dt_clip_memory_bank(0x60000001, 0x2fff, &b),
		      "[0x60000001, 0x60003000) holds one whole page");
	check_bank(&b, 0, 0x60001000, 0x2000);
	ck_assert_msg(dt_clip_memory_bank(0xfffff000, 0x1000, &b),
		      "the last page below 4 GiB is addressable");
	check_bank(&b, 0, 0xfffff000, 0x1000);
	ck_assert(!dt_clip_memory_bank(0x100000000ULL, 0x1000, &b));
}
END_TEST

KTEST_SUITE(ch01) = {
	.chapter = "01",
	.title = "What memory management is: pages and RAM banks",
	.tests = KTESTS(pfn_down_edges, pfn_up_edges, pfn_phys_edges,
			phys_pfn_round_trip, page_align_edges,
			dt_banks_every_board, dt_total_pages_every_board,
			dt_banks_unaligned_edges,
			dt_banks_two_nodes_and_empty_pairs,
			dt_banks_64bit_cells, dt_banks_bad_blob,
			dt_clip_single_banks),
};
