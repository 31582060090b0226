// SPDX-License-Identifier: GPL-2.0
/*
 * Chapter 02: memory hardware from gates, and a leak detector.
 *
 * The gate-level model is checked layer by layer: truth tables (and the
 * number of NAND gates each gate costs, so a C operator will not do),
 * a latch that is transparent while enabled and holds otherwise, a
 * flip-flop that changes only at the rising clock edge, a register that
 * loads and holds, a one-hot decoder, and a RAM written and read back at
 * every address and against a reference model.  The leak detector must
 * find a planted leak with its call site, stay quiet about freed and
 * reachable blocks, and WARN about a double free.
 */
#include <stdio.h>
#include <string.h>
#include <linux/bug.h>
#include <linux/kernel.h>
#include <linux/kmemleak.h>
#include <linux/logic.h>
#include "ktest.h"

/* A reproducible pseudo-random sequence (xorshift32). */
static u32 rnd_state;

static u32 rnd(void)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 17;
	rnd_state ^= rnd_state << 5;
	return rnd_state;
}

/* Check one two-input gate against its truth table and NAND cost. */
static void check_gate(const char *name, bool (*gate)(bool, bool),
		       const bool table[4], unsigned long nands)
{
	for (int i = 0; i < 4; i++) {
		bool a = i >> 1, b = i & 1;
		unsigned long before = nand_count;
		bool out = gate(a, b);

		ck_assert_msg(out == table[i], "%s(%d, %d) = %d, expected %d",
			      name, a, b, out, table[i]);
		ck_assert_msg(nand_count - before == nands,
			      "%s used %lu NAND gates, expected %lu: build it "
			      "from gate_nand() and the gates before it",
			      name, nand_count - before, nands);
	}
}

START_TEST(gate_not_from_nand)
{
	for (int a = 0; a < 2; a++) {
		unsigned long before = nand_count;
		bool out = gate_not(a);

		ck_assert_msg(out == !a, "gate_not(%d) = %d, expected %d", a,
			      out, !a);
		ck_assert_msg(nand_count - before == 1,
			      "gate_not used %lu NAND gates, expected 1: build "
			      "it from gate_nand(), not a C operator",
			      nand_count - before);
	}
}
END_TEST

START_TEST(gate_and_from_nand)
{
	static const bool and_table[4] = { 0, 0, 0, 1 };

	check_gate("gate_and", gate_and, and_table, 2);
}
END_TEST

START_TEST(gate_or_from_nand)
{
	static const bool or_table[4] = { 0, 1, 1, 1 };

	check_gate("gate_or", gate_or, or_table, 3);
}
END_TEST

static void check_latch(const struct d_latch *l, bool q, const char *when)
{
	ck_assert_msg(l->q == q && l->nq == !q,
		      "%s: latch shows q=%d nq=%d, expected q=%d nq=%d", when,
		      l->q, l->nq, q, !q);
}

START_TEST(d_latch_transparent_then_holds)
{
	struct d_latch l;

	d_latch_init(&l);
	d_latch_eval(&l, 1, 1);
	check_latch(&l, 1, "en=1 d=1 (transparent)");
	d_latch_eval(&l, 0, 1);
	check_latch(&l, 0, "en=1 d=0 (transparent)");
	d_latch_eval(&l, 1, 1);
	d_latch_eval(&l, 1, 0);
	check_latch(&l, 1, "en falls with d=1");
	d_latch_eval(&l, 0, 0);
	check_latch(&l, 1, "en=0 d=0 (must hold 1)");
	d_latch_eval(&l, 1, 0);
	d_latch_eval(&l, 0, 0);
	check_latch(&l, 1, "en=0 while d toggles (must hold 1)");
	d_latch_eval(&l, 0, 1);
	check_latch(&l, 0, "en=1 again d=0");
}
END_TEST

START_TEST(dff_changes_only_on_rising_edge)
{
	struct d_flip_flop ff;

	dff_init(&ff);
	dff_eval(&ff, 1, 0);
	ck_assert_msg(!dff_q(&ff), "q changed to d=1 while clk was low: "
				   "only the master may follow d then");
	dff_eval(&ff, 1, 1);
	ck_assert_msg(dff_q(&ff), "clk rose with d=1 but q stayed 0");
	dff_eval(&ff, 0, 1);
	ck_assert_msg(dff_q(&ff), "d fell while clk was high and q "
				  "followed: a flip-flop is not a latch");
	dff_eval(&ff, 0, 0);
	ck_assert_msg(dff_q(&ff), "q changed at the falling edge");
	dff_eval(&ff, 1, 0);
	dff_eval(&ff, 0, 0);
	dff_eval(&ff, 0, 1);
	ck_assert_msg(!dff_q(&ff), "clk rose with d=0 but q stayed 1");
	/* Many edges: q is always the d of the last rising edge. */
	for (int i = 0; i < 32; i++) {
		bool d = (0x5a3c96e1u >> i) & 1;

		dff_eval(&ff, d, 0);
		dff_eval(&ff, d, 1);
		dff_eval(&ff, !d, 1);
		ck_assert_msg(dff_q(&ff) == d, "edge %d: q=%d, expected %d", i,
			      dff_q(&ff), d);
	}
}
END_TEST

/* One full clock cycle of a register: low, then the rising edge. */
static void reg_cycle(struct logic_reg *r, u32 in, bool load)
{
	reg_eval(r, in, load, 0);
	reg_eval(r, in, load, 1);
}

START_TEST(register_load_and_hold)
{
	struct logic_reg r;

	reg_init(&r, 8);
	reg_cycle(&r, 0xa5, 1);
	ck_assert_msg(reg_value(&r) == 0xa5, "load 0xa5: register shows %#x",
		      reg_value(&r));
	reg_cycle(&r, 0x3c, 0);
	ck_assert_msg(reg_value(&r) == 0xa5,
		      "load=0 must hold 0xa5, register shows %#x",
		      reg_value(&r));
	reg_eval(&r, 0xff, 1, 0);
	ck_assert_msg(reg_value(&r) == 0xa5,
		      "load=1 without a clock edge changed it to %#x",
		      reg_value(&r));
	reg_eval(&r, 0xff, 1, 1);
	ck_assert_uint_eq(reg_value(&r), 0xff);
	/* load rises while clk stays high: no clock edge, no load. */
	reg_eval(&r, 0x00, 0, 1);
	reg_eval(&r, 0x00, 1, 1);
	ck_assert_msg(reg_value(&r) == 0xff,
		      "load rose while clk stayed high and the register took "
		      "%#x: only a rising clock edge may load (load selects "
		      "the data; it must not gate the clock)",
		      reg_value(&r));
	reg_cycle(&r, 0x1ff, 1);
	ck_assert_msg(reg_value(&r) == 0xff,
		      "an 8-bit register keeps 8 bits, shows %#x",
		      reg_value(&r));
	reg_init(&r, 32);
	reg_cycle(&r, 0xdeadbeef, 1);
	ck_assert_msg(reg_value(&r) == 0xdeadbeef,
		      "32-bit load: register shows %#x", reg_value(&r));
}
END_TEST

START_TEST(decoder_one_hot)
{
	bool lines[1 << 5];

	for (unsigned int n = 1; n <= 5; n++) {
		for (u32 a = 0; a < (1U << n); a++) {
			unsigned long before = nand_count;
			int set = 0;

			memset(lines, 0x55, sizeof(lines));
			decoder_eval(n, a, lines);
			for (u32 i = 0; i < (1U << n); i++) {
				ck_assert_msg(lines[i] == (i == a),
					      "%u-bit decoder, address %u: "
					      "line %u is %d",
					      n, a, i, lines[i]);
				set += lines[i];
			}
			ck_assert_int_eq(set, 1);
			ck_assert_msg(nand_count > before,
				      "the decoder must be built from gates");
		}
	}
}
END_TEST

START_TEST(sram_read_after_write_every_address)
{
	static struct sram m;

	sram_init(&m);
	for (u32 a = 0; a < SRAM_WORDS; a++)
		sram_write(&m, a, (a * 37 + 11) & 0xff);
	for (u32 a = 0; a < SRAM_WORDS; a++) {
		u32 got = sram_read(&m, a);

		ck_assert_msg(got == ((a * 37 + 11) & 0xff),
			      "address %u reads %#x, expected %#x (written "
			      "first; later writes went elsewhere)",
			      a, got, (a * 37 + 11) & 0xff);
	}
	/* Overwrite one word: only that word changes. */
	sram_write(&m, 7, 0x00);
	for (u32 a = 0; a < SRAM_WORDS; a++) {
		u32 want = a == 7 ? 0 : (a * 37 + 11) & 0xff;

		ck_assert_msg(sram_read(&m, a) == want,
			      "after writing 0 at 7, address %u reads %#x, "
			      "expected %#x",
			      a, sram_read(&m, a), want);
	}
}
END_TEST

START_TEST(sram_write_needs_edge_and_we)
{
	static struct sram m;

	sram_init(&m);
	sram_write(&m, 3, 0x5a);
	/* Data and address offered with we=0 over a full clock cycle. */
	sram_eval(&m, 3, 0xff, false, false);
	sram_eval(&m, 3, 0xff, false, true);
	sram_eval(&m, 3, 0xff, false, false);
	ck_assert_msg(sram_read(&m, 3) == 0x5a,
		      "a cycle with we=0 changed address 3 to %#x",
		      sram_read(&m, 3));
	/* we=1 but the clock never rises. */
	sram_eval(&m, 3, 0x11, true, false);
	sram_eval(&m, 3, 0x11, false, false);
	ck_assert_msg(sram_read(&m, 3) == 0x5a,
		      "we=1 without a rising edge changed address 3 to %#x",
		      sram_read(&m, 3));
	ck_assert_uint_eq(sram_read(&m, 4), 0);
	/* A write at 3, then the address moves to 4 while clk is high. */
	sram_eval(&m, 3, 0x77, true, false);
	sram_eval(&m, 3, 0x77, true, true);
	sram_eval(&m, 4, 0x66, true, true);
	sram_eval(&m, 4, 0x66, false, false);
	ck_assert_msg(sram_read(&m, 3) == 0x77,
		      "a write cycle at address 3 left %#x there",
		      sram_read(&m, 3));
	ck_assert_msg(sram_read(&m, 4) == 0,
		      "the address moved to 4 while clk was high and 4 now "
		      "holds %#x: there was no rising edge (every register "
		      "sees the same clock; only the load lines differ)",
		      sram_read(&m, 4));
}
END_TEST

START_TEST(sram_random_against_model)
{
	static struct sram m;
	const u32 seed = 0x02c0ffee;
	u32 model[SRAM_WORDS] = { 0 };

	rnd_state = seed;
	sram_init(&m);
	for (int step = 0; step < 600; step++) {
		u32 r = rnd(), a = r % SRAM_WORDS, v = (r >> 8) & 0xff;

		if (r & 0x10000) {
			sram_write(&m, a, v);
			model[a] = v;
			continue;
		}
		ck_assert_msg(sram_read(&m, a) == model[a],
			      "seed %#x, step %d: address %u reads %#x, the "
			      "last write there was %#x",
			      seed, step, a, sram_read(&m, a), model[a]);
	}
}
END_TEST

/* Blocks for the leak tests: RAM above the image, 256 bytes apart. */
#define LEAK_AREA 0x60900000UL
#define BLOCK(i) ((void *)(LEAK_AREA + (i)*256UL))

static void *roots[16];

/* A clean ledger test: zeroed blocks, an empty root, no old logs. */
static void leak_setup(int nblocks)
{
	memset(BLOCK(0), 0, nblocks * 256UL);
	memset(roots, 0, sizeof(roots));
	kmemleak_add_root(roots, sizeof(roots));
	printk_log_clear();
}

START_TEST(kmemleak_planted_leak_found)
{
	char site[160], head[80];
	int line;

	leak_setup(2);
	memset(BLOCK(0), 'A', 64);
	kmemleak_alloc(BLOCK(0), 64, 1, 0), line = __LINE__;
	kmemleak_alloc(BLOCK(1), 32, 1, 0);
	roots[3] = BLOCK(1);
	ck_assert_msg(kmemleak_scan() == 1,
		      "one block is unreferenced, one is in the root: "
		      "expected 1 leak");
	snprintf(head, sizeof(head),
		 "unreferenced object 0x%08lx (size 64):", LEAK_AREA);
	snprintf(site, sizeof(site), "%s:%d", __FILE__, line);
	ck_assert_msg(printk_log_contains(head), "no report \"%s\"", head);
	ck_assert_msg(printk_log_contains(site),
		      "the report must name the call site %s", site);
	ck_assert_msg(printk_log_contains("41 41 41 41"),
		      "the hex dump must show the block's bytes");
	ck_assert_msg(!printk_log_contains("(size 32)"),
		      "the block the root points to was reported");
	ck_assert_msg(kmemleak_scan() == 0,
		      "a leak is reported once, not at every scan");
}
END_TEST

START_TEST(kmemleak_no_false_report_after_free)
{
	leak_setup(3);
	kmemleak_alloc(BLOCK(0), 128, 1, 0);
	kmemleak_alloc(BLOCK(1), 128, 1, 0);
	roots[0] = BLOCK(0);
	kmemleak_free(BLOCK(1)); /* allocated, freed: not a leak */
	kmemleak_alloc(BLOCK(2), 16, 1, 0);
	ck_assert_msg(kmemleak_scan() == 1,
		      "expected exactly 1 leak (block 2): a freed block or "
		      "a referenced one is not a leak");
	ck_assert_msg(!printk_log_contains("(size 128)"),
		      "a freed or referenced block was reported");
	ck_assert_uint_eq(bug_counts.warnings, 0);
	/* The freed block's address can be recorded again. */
	kmemleak_alloc(BLOCK(1), 64, 1, 0);
	roots[1] = (char *)BLOCK(1) + 40; /* a pointer inside counts */
	ck_assert_int_eq(kmemleak_scan(), 0);
	ck_assert_uint_eq(bug_counts.warnings, 0);
}
END_TEST

START_TEST(kmemleak_double_free_warns)
{
	leak_setup(1);
	kmemleak_alloc(BLOCK(0), 64, 1, 0);
	kmemleak_free(BLOCK(0));
	ck_assert_uint_eq(bug_counts.warnings, 0);
	kmemleak_free(BLOCK(0));
	ck_assert_msg(bug_counts.warnings == 1,
		      "a second free of the same block must WARN once, "
		      "warnings = %u",
		      bug_counts.warnings);
	ck_assert_msg(printk_log_contains("Freeing unknown object at "
					  "0x60900000"),
		      "the warning must say \"Freeing unknown object at "
		      "0x60900000\"");
	ck_assert_int_eq(kmemleak_scan(), 0);
}
END_TEST

START_TEST(kmemleak_follows_references)
{
	void **a = BLOCK(0), **b = BLOCK(1), **e = BLOCK(4);

	leak_setup(8);
	for (int i = 0; i < 7; i++)
		kmemleak_alloc(BLOCK(i), 64, 1, 0);
	roots[0] = a; /* root -> A */
	a[2] = b; /* A -> B */
	b[5] = (char *)BLOCK(2) + 8; /* B -> inside C */
	e[0] = BLOCK(3); /* E -> D, but nothing -> E */
	kmemleak_not_leak(BLOCK(5)); /* F: never reported ... */
	((void **)BLOCK(5))[1] = BLOCK(6); /* ... and F -> G */
	ck_assert_msg(kmemleak_scan() == 2,
		      "only D and E are unreachable; A, B, C hang from the "
		      "root and G from a not-leak block");
	ck_assert(printk_log_contains("object 0x60900300 (size 64)"));
	ck_assert(printk_log_contains("object 0x60900400 (size 64)"));
	/* Ignored (black) blocks are neither reported nor scanned. */
	kmemleak_alloc(BLOCK(7), 64, KMEMLEAK_BLACK, 0);
	((void **)BLOCK(7))[0] = BLOCK(7);
	ck_assert_int_eq(kmemleak_scan(), 0);
}
END_TEST

/* The misuse kmemleak reports, and the calls that are no misuse. */
START_TEST(kmemleak_misuse_is_reported)
{
	leak_setup(2);
	kmemleak_alloc(BLOCK(0), 64, 1, 0);
	roots[0] = BLOCK(0);
	kmemleak_free(NULL);
	ck_assert_msg(bug_counts.warnings == 0,
		      "kmemleak_free(NULL) warned: freeing NULL is not an "
		      "error, it is ignored");
	kmemleak_alloc(NULL, 64, 1, 0);
	kmemleak_not_leak(NULL); /* WARNs when NULL is not recorded */
	ck_assert_msg(bug_counts.warnings == 1,
		      "kmemleak_alloc(NULL) recorded an object: a NULL "
		      "pointer (a failed allocation) is ignored");
	kmemleak_free((char *)BLOCK(0) + 8);
	ck_assert_msg(bug_counts.warnings == 2 &&
			      printk_log_contains("Freeing unknown object at "
						  "0x60900008"),
		      "freeing a pointer into the middle of a block must "
		      "WARN \"Freeing unknown object at 0x60900008\": only "
		      "the block's own start frees it");
	kmemleak_alloc((char *)BLOCK(0) + 32, 64, 1, 0);
	ck_assert_msg(bug_counts.warnings == 3 &&
			      printk_log_contains("Cannot insert 0x60900020 "
						  "into the object search "
						  "tree (overlaps existing)"),
		      "a block that overlaps one already recorded must WARN "
		      "\"Cannot insert 0x60900020 into the object search "
		      "tree (overlaps existing)\" and not be recorded");
	roots[0] = NULL;
	ck_assert_msg(kmemleak_scan() == 1 &&
			      printk_log_contains("object 0x60900000 "
						  "(size 64)"),
		      "only block 0 is recorded, still allocated: the scan "
		      "must report it, and it alone");
}
END_TEST

/* References in the last word of a root and of a block count. */
START_TEST(kmemleak_scans_the_last_word)
{
	const unsigned long w = sizeof(unsigned long);
	void **a = BLOCK(0);

	leak_setup(3);
	kmemleak_alloc(BLOCK(0), 4 * w, 1, 0);
	kmemleak_alloc(BLOCK(1), 64, 1, 0);
	kmemleak_alloc(BLOCK(2), 64, 1, 0);
	roots[ARRAY_SIZE(roots) - 1] = BLOCK(0); /* the root's last word */
	a[3] = BLOCK(1); /* block 0's last word */
	kmemleak_scan();
	ck_assert_msg(!printk_log_contains("object 0x60900000 "),
		      "block 0 was reported, but the last word of the root "
		      "area points to it: scan every aligned word that fits "
		      "whole before end (p + sizeof(long) <= end)");
	ck_assert_msg(!printk_log_contains("object 0x60900100 "),
		      "block 1 was reported, but the last word of block 0 "
		      "(%lu bytes) points to it: scan every aligned word "
		      "that fits whole before the end of the block",
		      4 * w);
	ck_assert_msg(printk_log_contains("object 0x60900200 (size 64)"),
		      "block 2 is referenced by nothing: it must be "
		      "reported");
}
END_TEST

START_TEST(kmemleak_random_against_model)
{
	const u32 seed = 0x1ea4c0de;
	bool live[16] = { 0 }, reported[16] = { 0 };

	leak_setup(16);
	rnd_state = seed;
	for (int step = 0; step < 400; step++) {
		u32 r = rnd();
		int i = r % 16, want = 0, got;

		if (!live[i]) {
			kmemleak_alloc(BLOCK(i), 16 + (r >> 8) % 200, 1, 0);
			live[i] = true;
			reported[i] = false;
		} else if (r & 0x100) {
			kmemleak_free(BLOCK(i));
			live[i] = false;
		}
		roots[i] = (r & 0x600) && live[i] ? BLOCK(i) : NULL;
		if (step % 8)
			continue;
		for (int k = 0; k < 16; k++)
			if (live[k] && !roots[k] && !reported[k])
				reported[k] = true, want++;
		got = kmemleak_scan();
		ck_assert_msg(got == want,
			      "seed %#x, step %d: the scan reported %d new "
			      "leaks, the model expects %d",
			      seed, step, got, want);
	}
	ck_assert_uint_eq(bug_counts.warnings, 0);
}
END_TEST

KTEST_SUITE(ch02) = {
	.chapter = "02",
	.title = "Memory hardware: gates to RAM, and leaks",
	.tests = KTESTS(gate_not_from_nand, gate_and_from_nand,
			gate_or_from_nand, d_latch_transparent_then_holds,
			dff_changes_only_on_rising_edge, register_load_and_hold,
			decoder_one_hot, sram_read_after_write_every_address,
			sram_write_needs_edge_and_we, sram_random_against_model,
			kmemleak_planted_leak_found,
			kmemleak_no_false_report_after_free,
			kmemleak_double_free_warns, kmemleak_follows_references,
			kmemleak_misuse_is_reported,
			kmemleak_scans_the_last_word,
			kmemleak_random_against_model),
};
