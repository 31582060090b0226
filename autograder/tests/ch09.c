// SPDX-License-Identifier: GPL-2.0
/*
 * Chapter 09: memblock, the boot-time memory allocator.
 *
 * The exercises: memblock_add_range() with memblock_merge_regions(),
 * memblock_isolate_range() and __memblock_find_range_top_down().  Most
 * tests drive memblock by hand from its empty state (the suite boots no
 * further than the machine): regions at small addresses that are never
 * touched, and allocations from the board's RAM, which the boot map
 * already maps.  The last tests boot with memblock (ktest_boot_memblock)
 * and read what arm_memblock_init() and free_area_init() left in it.
 */
#include <stdio.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/migrate.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/seq_file.h>
#include <asm/memory.h>
#include "mm/internal.h"
#include "ktest.h"

#define MEM (&memblock.memory)
#define RSV (&memblock.reserved)

/* " hotplug", " mirror", " nomap": bit @bit of a region's flags, or "" */
static const char *flag_names(enum memblock_flags flags, int bit)
{
	static const char *const names[] = { " hotplug", " mirror", " nomap" };

	return flags & (1 << bit) ? names[bit] : "";
}

/*
 * "[0x1000, 0x2000) [0x3000, 0x4000) nomap": a type's regions, with
 * their flags, for messages
 */
static const char *show(struct memblock_type *type)
{
	static char buf[4][512];
	static int n;
	char *b = buf[n++ % 4];
	size_t len = 0;

	b[0] = 0;
	for (unsigned long i = 0; i < type->cnt && len < 480; i++)
		len += snprintf(b + len, 512 - len, "%s[%#x, %#x)%s%s%s",
				i ? " " : "", type->regions[i].base,
				type->regions[i].base + type->regions[i].size,
				flag_names(type->regions[i].flags, 0),
				flag_names(type->regions[i].flags, 1),
				flag_names(type->regions[i].flags, 2));
	return b;
}

/*
 * Expect @type to hold exactly the @n regions of @want (base, end
 * pairs), with a total_size that agrees.
 */
static void expect(struct memblock_type *type, int n, const u32 *want,
		   const char *rule)
{
	phys_addr_t total = 0;
	bool ok = (int)type->cnt == (n ? n : 1);

	for (int i = 0; ok && i < n; i++) {
		ok = type->regions[i].base == want[2 * i] &&
		     type->regions[i].base + type->regions[i].size ==
			     want[2 * i + 1];
		total += want[2 * i + 1] - want[2 * i];
	}
	if (!n)
		ok = ok && type->regions[0].size == 0;
	ck_assert_msg(ok, "memblock.%s holds %s; expected %d region(s) (%s)",
		      type->name, show(type), n, rule);
	ck_assert_msg(type->total_size == total,
		      "memblock.%s.total_size is %#x, the regions add up to "
		      "%#x: every insertion and split must keep it",
		      type->name, type->total_size, total);
}

#define EXPECT(type, rule, ...)                                             \
	do {                                                                \
		static const u32 w[] = { __VA_ARGS__ };                     \
		expect(type, (int)(sizeof(w) / sizeof(w[0]) / 2), w, rule); \
	} while (0)

START_TEST(add_keeps_order_and_merges_neighbours)
{
	ck_assert_int_eq(memblock_add(0x5000, 0x1000), 0);
	ck_assert_int_eq(memblock_add(0x1000, 0x1000), 0);
	EXPECT(MEM, "regions are sorted by address", 0x1000, 0x2000, 0x5000,
	       0x6000);
	memblock_add(0x8000, 0x1000);
	memblock_add(0x3000, 0x1000);
	EXPECT(MEM, "a region goes where its address puts it", 0x1000, 0x2000,
	       0x3000, 0x4000, 0x5000, 0x6000, 0x8000, 0x9000);
	memblock_add(0x2000, 0x1000);
	EXPECT(MEM,
	       "a region that touches both neighbours merges with both "
	       "(memblock_merge_regions)",
	       0x1000, 0x4000, 0x5000, 0x6000, 0x8000, 0x9000);
	memblock_add(0x4000, 0x1000);
	memblock_add(0x6000, 0x2000);
	EXPECT(MEM, "touching regions with the same flags are one region",
	       0x1000, 0x9000);
}
END_TEST

START_TEST(add_over_existing_regions)
{
	memblock_add(0x3000, 0x1000);
	memblock_add(0x6000, 0x1000);
	memblock_add(0x2000, 0x6000);
	EXPECT(MEM,
	       "an added range fills the gaps around what is already there",
	       0x2000, 0x8000);
	memblock_add(0x3000, 0x1000);
	memblock_add(0x2000, 0x6000);
	EXPECT(MEM, "adding what is already there changes nothing", 0x2000,
	       0x8000);
	memblock_add(0x1000, 0x8000);
	EXPECT(MEM, "a range over a whole region extends it on both sides",
	       0x1000, 0x9000);
	memblock_add(0xa000, 0);
	EXPECT(MEM, "a zero-sized range adds nothing", 0x1000, 0x9000);
}
END_TEST

START_TEST(add_fills_gaps_between_several)
{
	memblock_add(0x2000, 0x1000);
	memblock_add(0x4000, 0x1000);
	memblock_add(0x6000, 0x1000);
	memblock_add(0x9000, 0x1000);
	memblock_add(0x1800, 0x6000);
	EXPECT(MEM,
	       "[0x1800, 0x7800) covers three regions and the two gaps "
	       "between them: the lower parts are inserted one by one, "
	       "then all merge",
	       0x1800, 0x7800, 0x9000, 0xa000);
}
END_TEST

START_TEST(array_full_is_refused)
{
	int err = 0;

	for (u32 i = 0; i < INIT_MEMBLOCK_REGIONS; i++)
		ck_assert_int_eq(memblock_add(0x10000 + 0x2000 * i, 0x1000), 0);
	ck_assert_msg(memblock.memory.cnt == INIT_MEMBLOCK_REGIONS,
		      "%d disjoint regions make %lu entries",
		      INIT_MEMBLOCK_REGIONS, memblock.memory.cnt);
	err = memblock_add(0x1000, 0x1000);
	ck_assert_msg(err == -ENOMEM,
		      "a 129th region with the array full: expected -ENOMEM, "
		      "got %d (count the regions needed before inserting)",
		      err);
	ck_assert_msg(!printk_log_contains("Failed to double"),
		      "before memblock_allow_resize() a full array is refused "
		      "silently, as in 5.10");
	memblock_allow_resize();
	ck_assert_int_eq(memblock_add(0x1000, 0x1000), -ENOMEM);
	ck_assert(printk_log_contains("memblock: Failed to double memory "
				      "array from 128 to 256 entries !"));
	ck_assert_uint_eq(memblock.memory.cnt, INIT_MEMBLOCK_REGIONS);
	ck_assert_uint_eq(memblock.memory.regions[0].base, 0x10000);
	/* Linux inserts, then merges: even a gap-filler needs a free entry */
	err = memblock_add(0x11000, 0x1000);
	ck_assert_msg(
		err == -ENOMEM,
		"filling a gap with the array full: the first pass counts "
		"one new region, there is no room for it: expected "
		"-ENOMEM, got %d",
		err);
	ck_assert_uint_eq(memblock.memory.cnt, INIT_MEMBLOCK_REGIONS);
	/* what is already there needs no entry at all */
	ck_assert_int_eq(memblock_add(0x10000, 0x1000), 0);
}
END_TEST

START_TEST(remove_splits_at_the_edges)
{
	memblock_add(0x1000, 0x8000);
	ck_assert_int_eq(memblock_remove(0x3000, 0x2000), 0);
	EXPECT(MEM,
	       "removing from the middle splits the region in two "
	       "(memblock_isolate_range)",
	       0x1000, 0x3000, 0x5000, 0x9000);
	memblock_remove(0x2000, 0x4000);
	EXPECT(MEM, "a range across two regions cuts both", 0x1000, 0x2000,
	       0x6000, 0x9000);
	memblock_remove(0x6000, 0x1000);
	EXPECT(MEM, "a range at a region's start cuts only its start", 0x1000,
	       0x2000, 0x7000, 0x9000);
	memblock_remove(0x8000, 0x1000);
	EXPECT(MEM, "a range at a region's end cuts only its end", 0x1000,
	       0x2000, 0x7000, 0x8000);
	memblock_remove(0xa000, 0x1000);
	memblock_remove(0x4000, 0x1000);
	EXPECT(MEM, "a range outside every region changes nothing", 0x1000,
	       0x2000, 0x7000, 0x8000);
	memblock_remove(0x7000, 0x1000);
	EXPECT(MEM, "a range equal to a region removes it whole", 0x1000,
	       0x2000);
	memblock_remove(0, 0x10000);
	EXPECT(MEM, "removing everything leaves the empty dummy entry");
}
END_TEST

START_TEST(nomap_isolates_and_merges_back)
{
	memblock_add(0x1000, 0x8000);
	ck_assert_int_eq(memblock_mark_nomap(0x3000, 0x2000), 0);
	EXPECT(MEM, "marking the middle isolates it: three regions", 0x1000,
	       0x3000, 0x3000, 0x5000, 0x5000, 0x9000);
	ck_assert_msg(memblock.memory.regions[1].flags == MEMBLOCK_NOMAP &&
			      !memblock.memory.regions[0].flags &&
			      !memblock.memory.regions[2].flags,
		      "only the isolated middle region is no-map: %s",
		      show(MEM));
	ck_assert(memblock_is_memory(0x3000) &&
		  !memblock_is_map_memory(0x3000));
	ck_assert(memblock_is_map_memory(0x5000));
	memblock_clear_nomap(0x3000, 0x2000);
	EXPECT(MEM,
	       "touching regions whose flags agree again merge back into one",
	       0x1000, 0x9000);
}
END_TEST

/*
 * Expect memblock.memory to hold exactly @n regions: base, end and
 * flags triples in @want.
 */
static void expect_flags(int n, const u32 *want, const char *rule)
{
	bool ok = (int)memblock.memory.cnt == n;

	for (int i = 0; ok && i < n; i++)
		ok = memblock.memory.regions[i].base == want[3 * i] &&
		     memblock.memory.regions[i].base +
				     memblock.memory.regions[i].size ==
			     want[3 * i + 1] &&
		     memblock.memory.regions[i].flags == want[3 * i + 2];
	ck_assert_msg(ok, "memblock.memory holds %s; expected %d region(s): %s",
		      show(MEM), n, rule);
}

#define EXPECT_FLAGS(rule, ...)                                             \
	do {                                                                \
		static const u32 w[] = { __VA_ARGS__ };                     \
		expect_flags((int)(sizeof(w) / sizeof(w[0]) / 3), w, rule); \
	} while (0)

#define HP MEMBLOCK_HOTPLUG
#define HP_NOMAP (MEMBLOCK_HOTPLUG | MEMBLOCK_NOMAP)

/*
 * Splitting a region that carries a flag: both pieces keep it.  The
 * region is made hotpluggable by hand, as memblock_mark_hotplug() would
 * (Linux 5.10 has it; the course does not need it), so that a piece
 * that lost its flags shows even where the range then gets NOMAP.
 */
START_TEST(isolate_keeps_the_flags_of_what_it_splits)
{
	memblock_add(0x1000, 0x8000);
	memblock.memory.regions[0].flags = MEMBLOCK_HOTPLUG;
	ck_assert_int_eq(memblock_mark_nomap(0x3000, 0x2000), 0);
	EXPECT_FLAGS("memblock_isolate_range() splits [0x1000, 0x9000) hotplug "
		     "at 0x3000 and 0x5000; every piece keeps the region's "
		     "flags (memblock_insert_region(..., rgn->flags)), and "
		     "only the middle one gets nomap besides",
		     0x1000, 0x3000, HP, 0x3000, 0x5000, HP_NOMAP, 0x5000,
		     0x9000, HP);
	ck_assert_int_eq(memblock_remove(0x6000, 0x1000), 0);
	EXPECT_FLAGS("removing [0x6000, 0x7000) from a hotplug region: the "
		     "pieces left on either side keep the region's flags",
		     0x1000, 0x3000, HP, 0x3000, 0x5000, HP_NOMAP, 0x5000,
		     0x6000, HP, 0x7000, 0x9000, HP);
	ck_assert_int_eq(memblock_remove(0x3800, 0x800), 0);
	EXPECT_FLAGS("removing [0x3800, 0x4000) from the hotplug nomap region: "
		     "the pieces on either side keep both flags",
		     0x1000, 0x3000, HP, 0x3000, 0x3800, HP_NOMAP, 0x4000,
		     0x5000, HP_NOMAP, 0x5000, 0x6000, HP, 0x7000, 0x9000, HP);
	ck_assert_int_eq(memblock_clear_nomap(0x3000, 0x3000), 0);
	EXPECT_FLAGS("clearing nomap: touching regions whose flags agree again "
		     "merge",
		     0x1000, 0x3800, HP, 0x4000, 0x6000, HP, 0x7000, 0x9000,
		     HP);
}
END_TEST

START_TEST(for_each_range_walks_memory_minus_reserved)
{
	static const u32 want[] = { 0x1000,  0x2000,  0x3000,  0x8000,
				    0x11000, 0x20000, 0x21000, 0x22000 };
	phys_addr_t start, end;
	int n = 0;
	u64 i;

	memblock_add(0x1000, 0x8000);
	memblock_add(0x10000, 0x10000);
	memblock_add(0x21000, 0x1000);
	memblock_reserve(0x2000, 0x1000);
	memblock_reserve(0x8000, 0x9000);
	for_each_mem_range(i, &start, &end)
		n++;
	ck_assert_msg(n == 3, "for_each_mem_range saw %d regions of %s", n,
		      show(MEM));
	n = 0;
	for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, &start, &end,
				NULL) {
		ck_assert_msg(n < 4 && start == want[2 * n] &&
				      end == want[2 * n + 1],
			      "free range %d is [%#x, %#x); memory %s less "
			      "reserved %s",
			      n, start, end, show(MEM), show(RSV));
		n++;
	}
	ck_assert_int_eq(n, 4);
	for_each_free_mem_range_reverse(i, NUMA_NO_NODE, MEMBLOCK_NONE, &start,
					&end, NULL) {
		n--;
		ck_assert_msg(start == want[2 * n] && end == want[2 * n + 1],
			      "reverse: free range %d is [%#x, %#x)", n, start,
			      end);
	}
	ck_assert_int_eq(n, 0);
}
END_TEST

/* The board's first 256 MiB as memory, the image reserved. */
static void board_memory(phys_addr_t limit)
{
	memblock_add(0x60000000, SZ_256M);
	memblock_reserve(0x60000000, 0x800000);
	memblock_set_current_limit(limit);
}

static phys_addr_t alloc(phys_addr_t size, phys_addr_t align)
{
	void *p = memblock_alloc(size, align);

	return p ? __pa(p) : 0;
}

START_TEST(alloc_from_the_top)
{
	phys_addr_t a, b;

	board_memory(0x70000000);
	a = alloc(0x1000, 0x1000);
	ck_assert_msg(a == 0x6ffff000,
		      "the first page from memblock: expected 0x6ffff000, the "
		      "top of memory below the limit, got %#x",
		      a);
	b = alloc(0x2000, 0x1000);
	ck_assert_msg(b == 0x6fffd000,
		      "the next 8 KiB: expected 0x6fffd000, just below the "
		      "first, got %#x",
		      b);
	EXPECT(RSV, "allocations are reserved, and merge as they touch",
	       0x60000000, 0x60800000, 0x6fffd000, 0x70000000);
	for (u32 *p = __va(b); p < (u32 *)__va(0x70000000); p++)
		ck_assert_msg(*p == 0, "memblock_alloc() memory is zeroed");
}
END_TEST

START_TEST(alloc_aligns_down)
{
	phys_addr_t a, b, c;

	board_memory(0x70000000);
	a = alloc(100, 64);
	ck_assert_msg(a == 0x6fffff80,
		      "100 bytes aligned to 64: the highest aligned start with "
		      "100 bytes below 0x70000000 is 0x6fffff80, got %#x",
		      a);
	b = alloc(0x1000, SZ_1M);
	ck_assert_msg(b == 0x6ff00000,
		      "4 KiB aligned to 1 MiB below 0x6fffff80: expected "
		      "0x6ff00000 (round the candidate down), got %#x",
		      b);
	EXPECT(RSV, "the gap left by alignment stays free", 0x60000000,
	       0x60800000, 0x6ff00000, 0x6ff01000, 0x6fffff80, 0x6fffffe4);
	c = alloc(0x1000, 0);
	ck_assert_msg(c && IS_ALIGNED(c, SMP_CACHE_BYTES),
		      "alignment 0 becomes SMP_CACHE_BYTES, got %#x", c);
	ck_assert(printk_log_contains("alignment 0"));
}
END_TEST

START_TEST(alloc_respects_limits_and_reservations)
{
	phys_addr_t a;

	board_memory(0x70000000);
	a = memblock_phys_alloc_range(0x1000, 0x1000, 0x60800000, 0x61000000);
	ck_assert_msg(a == 0x60fff000,
		      "in [0x60800000, 0x61000000): expected 0x60fff000, the "
		      "top of the window, got %#x",
		      a);
	memblock_reserve(0x6fe00000, 0x200000);
	a = alloc(0x200000, 0x1000);
	ck_assert_msg(a == 0x6fc00000,
		      "2 MiB below a reserved 2 MiB at the top: expected "
		      "0x6fc00000 (skip what is reserved), got %#x",
		      a);
	memblock_set_current_limit(0x64000000);
	a = alloc(0x1000, 0x1000);
	ck_assert_msg(a == 0x63fff000,
		      "with current_limit 0x64000000: expected 0x63fff000, got "
		      "%#x",
		      a);
	a = __pa(memblock_alloc_try_nid(0x1000, 0x1000, 0x63fff000,
					MEMBLOCK_ALLOC_ACCESSIBLE,
					NUMA_NO_NODE));
	ck_assert_msg(a == 0x63ffe000,
		      "min_addr 0x63fff000 cannot be met (that page is taken): "
		      "the allocation retries without it, expected 0x63ffe000, "
		      "got %#x",
		      a);
}
END_TEST

START_TEST(alloc_fails_when_nothing_fits)
{
	phys_addr_t before;

	board_memory(0x70000000);
	memblock_reserve(0x60800000, 0x6fff0000 - 0x60800000);
	before = memblock.reserved.total_size;
	ck_assert_msg(memblock_alloc(0x20000, 0x1000) == NULL,
		      "128 KiB when 64 KiB is free: expected NULL");
	ck_assert_msg(memblock.reserved.total_size == before,
		      "a failed allocation must reserve nothing");
	ck_assert_uint_eq(alloc(0x10000, 0x1000), 0x6fff0000);
	ck_assert_msg(memblock_alloc(0x1000, 0x1000) == NULL,
		      "memory exhausted: expected NULL");
	ck_assert_msg(memblock_phys_alloc_range(0x1000, 0x1000, 0x60000000,
						0x60800000) == 0,
		      "nothing is free under the image's reservation");
}
END_TEST

/*
 * The window [start, end) bounds the block at both ends, and address
 * arithmetic near 0 and near 4 GiB must not wrap: phys_addr_t is 32
 * bits on both machines.  memblock_phys_alloc_range() returns the
 * physical address and touches no memory, so that a wrong address is
 * reported here rather than by a fault when it is zeroed.
 */
START_TEST(alloc_stays_inside_the_window)
{
	phys_addr_t a, before;

	board_memory(0x70000000);
	before = memblock.reserved.total_size;
	a = memblock_phys_alloc_range(0x1000, 0x1000, 0x61000800, 0x61001800);
	ck_assert_msg(a == 0,
		      "4 KiB aligned to 4 KiB in [0x61000800, 0x61001800), a "
		      "window with no aligned page in it: expected 0, got "
		      "%#x%s: clamp each free range to the window at both "
		      "ends, its start to start as well as its end to end",
		      a,
		      a && a < 0x61000800 ? ", below the window's start" : "");
	ck_assert_msg(memblock.reserved.total_size == before,
		      "a failed allocation reserves nothing: %s", show(RSV));
	a = memblock_phys_alloc_range(0x1000, 0x1000, 0x61000000, 0x61001800);
	ck_assert_msg(a == 0x61000000,
		      "4 KiB in [0x61000000, 0x61001800): the only aligned "
		      "fit is the window's first page, 0x61000000; got %#x",
		      a);
	a = memblock_phys_alloc_range(0x1000, 0x1000, 0x5f000000, 0x60900000);
	ck_assert_msg(
		a == 0x608ff000,
		"4 KiB in [0x5f000000, 0x60900000), which ends inside the "
		"free range [0x60800000, 0x70000000): expected "
		"0x608ff000, the top of the window, got %#x",
		a);
	a = memblock_phys_alloc_range(0x1000, 0x1000, 0x70000000, 0x80000000);
	ck_assert_msg(a == 0, "a window above all memory: expected 0, got %#x",
		      a);
	before = memblock.reserved.total_size;
	a = memblock_phys_alloc_range(0x80000000, 0x1000, 0, 0x70000000);
	ck_assert_msg(a == 0,
		      "2 GiB below 0x70000000, where memory is 256 MiB: "
		      "expected 0, got %#x: when a range ends below size, "
		      "this_end - size wraps around (32-bit phys_addr_t) to "
		      "a huge candidate; skip the range (this_end < size)",
		      a);
	ck_assert_msg(memblock.reserved.total_size == before,
		      "a failed allocation reserves nothing: %s", show(RSV));
}
END_TEST

/* Memory near address 0 and at the very top of the 32-bit space. */
START_TEST(alloc_at_both_ends_of_the_address_space)
{
	phys_addr_t a;

	memblock_add(0x1000, 0x3000);
	a = memblock_phys_alloc_range(0x8000, 0x1000, 0, 0x10000);
	ck_assert_msg(a == 0,
		      "32 KiB from memory [0x1000, 0x4000): expected 0, got "
		      "%#x: 0x4000 - 0x8000 wraps around to 0xffffc000 in a "
		      "32-bit phys_addr_t; a range that ends below size holds "
		      "no candidate (this_end < size)",
		      a);
	a = memblock_phys_alloc_range(0x3000, 0x1000, 0, 0x10000);
	ck_assert_msg(a == 0x1000,
		      "12 KiB from memory [0x1000, 0x4000): all of it, "
		      "expected 0x1000, got %#x",
		      a);
	/* [0xffff0000, 4 GiB) is capped one byte short: base + size wraps */
	memblock_add(0xffff0000, 0x10000);
	ck_assert_msg(memblock.memory.regions[1].base +
				      memblock.memory.regions[1].size ==
			      PHYS_ADDR_MAX,
		      "memblock_add(0xffff0000, 0x10000) is capped to end at "
		      "PHYS_ADDR_MAX (memblock_cap_size): %s",
		      show(MEM));
	a = memblock_phys_alloc_range(0x1000, 0x1000, 0,
				      MEMBLOCK_ALLOC_ANYWHERE);
	ck_assert_msg(a == 0xffffe000,
		      "4 KiB below 0xffffffff: expected 0xffffe000 (the page "
		      "at 0xfffff000 would end at 4 GiB, past the range), got "
		      "%#x",
		      a);
	a = memblock_phys_alloc_range(0x10000, 0x1000, 0,
				      MEMBLOCK_ALLOC_ANYWHERE);
	ck_assert_msg(a == 0,
		      "64 KiB at the top when [0xffff0000, 0xffffe000) is "
		      "free: nothing fits, expected 0, got %#x",
		      a);
}
END_TEST

START_TEST(free_of_unreserved_memory_is_silent)
{
	board_memory(0x70000000);
	memblock_reserve(0x61000000, 0x3000);
	ck_assert_int_eq(memblock_free(0x62000000, 0x1000), 0);
	EXPECT(RSV,
	       "memblock_free() of memory never reserved changes nothing "
	       "(Linux 5.10 neither warns nor fails)",
	       0x60000000, 0x60800000, 0x61000000, 0x61003000);
	ck_assert_int_eq(memblock_free(0x61001000, 0x1000), 0);
	EXPECT(RSV, "freeing the middle of a reservation splits it", 0x60000000,
	       0x60800000, 0x61000000, 0x61001000, 0x61002000, 0x61003000);
	ck_assert_int_eq(memblock_free(0x60fff000, 0x2000), 0);
	EXPECT(RSV, "a range half outside frees the half inside", 0x60000000,
	       0x60800000, 0x61002000, 0x61003000);
}
END_TEST

START_TEST(debugfs_format)
{
	static char buf[1024];
	struct seq_file m;

	board_memory(0x70000000);
	memblock_reserve(0x6ffff000, 0x1000);
	seq_init(&m, buf, sizeof(buf));
	memblock_debug_show(&m, &memblock.memory);
	ck_assert_str_eq(buf, "   0: 0x60000000..0x6fffffff\n");
	seq_init(&m, buf, sizeof(buf));
	memblock_debug_show(&m, &memblock.reserved);
	ck_assert_msg(!strcmp(buf, "   0: 0x60000000..0x607fffff\n"
				   "   1: 0x6ffff000..0x6fffffff\n"),
		      "/sys/kernel/debug/memblock/reserved reads\n%s"
		      "expected one line per region, \"%%4d: %%pa..%%pa\" "
		      "with the last byte, not the end",
		      buf);
}
END_TEST

/*
 * A random sequence of add, remove, reserve and free over 64 pages,
 * checked after each step against a bitmap of what each type covers.
 */
#define SEED 909
#define PAGES 64
#define OPS 3000

static void check_against(struct memblock_type *type, const bool *model, int op)
{
	bool seen[PAGES] = { false };
	phys_addr_t total = 0;

	for (unsigned long i = 0; i < type->cnt; i++) {
		struct memblock_region *r = &type->regions[i];

		if (type->cnt == 1 && !r->size)
			break;
		ck_assert_msg(r->size, "op %d (seed %d): empty region in %s",
			      op, SEED, show(type));
		if (i) {
			struct memblock_region *p = r - 1;

			ck_assert_msg(p->base + p->size < r->base,
				      "op %d (seed %d): memblock.%s %s is not "
				      "sorted, disjoint and merged (regions "
				      "%lu and %lu %s)",
				      op, SEED, type->name, show(type), i - 1,
				      i,
				      p->base + p->size == r->base
					      ? "touch"
					      : "overlap or are out of order");
		}
		for (phys_addr_t a = r->base; a < r->base + r->size;
		     a += PAGE_SIZE)
			seen[a / PAGE_SIZE - 1] = true;
		total += r->size;
	}
	for (int p = 0; p < PAGES; p++)
		ck_assert_msg(seen[p] == model[p],
			      "op %d (seed %d): page %#x is %sin memblock.%s, "
			      "the model says it is %s: %s",
			      op, SEED, (unsigned int)((p + 1) * PAGE_SIZE),
			      seen[p] ? "" : "not ", type->name,
			      model[p] ? "in" : "out", show(type));
	ck_assert_msg(total == type->total_size,
		      "op %d (seed %d): total_size %#x, regions add up to %#x",
		      op, SEED, type->total_size, total);
}

START_TEST(random_sequence_against_a_bitmap)
{
	bool mem[PAGES] = { false }, rsv[PAGES] = { false };

	ktest_rng = SEED;
	for (int op = 0; op < OPS; op++) {
		int first = ktest_rand() % PAGES;
		int n = 1 + ktest_rand() % 12;
		int what = ktest_rand() % 4;
		bool *model = what < 2 ? mem : rsv;

		n = min(n, PAGES - first);
		switch (what) {
		case 0:
			memblock_add((first + 1) * PAGE_SIZE, n * PAGE_SIZE);
			break;
		case 1:
			memblock_remove((first + 1) * PAGE_SIZE, n * PAGE_SIZE);
			break;
		case 2:
			memblock_reserve((first + 1) * PAGE_SIZE,
					 n * PAGE_SIZE);
			break;
		default:
			memblock_free((first + 1) * PAGE_SIZE, n * PAGE_SIZE);
		}
		for (int p = first; p < first + n; p++)
			model[p] = !(what & 1);
		check_against(MEM, mem, op);
		check_against(RSV, rsv, op);
	}
}
END_TEST

/*
 * Before a whole boot on memblock: arm_memblock_init() alone, and one
 * allocation (given back), so that a broken exercise is named here
 * rather than by free_area_init()'s panic.
 */
static void check_memblock_boots(const char *dtb)
{
	phys_addr_t probe;

	ktest_reboot(dtb, NULL);
	bootmem_early_stand_in(BOOTMEM_MEMBLOCK);
	arm_memblock_init();
	ck_assert_msg(memblock.memory.regions[0].size,
		      "%s: after arm_memblock_init(), memblock.memory is "
		      "empty: memblock_add() must record the device tree's "
		      "banks (memblock_add_range)",
		      dtb);
	probe = memblock_phys_alloc_range(PAGE_SIZE, PAGE_SIZE, 0,
					  MEMBLOCK_ALLOC_ACCESSIBLE);
	ck_assert_msg(probe,
		      "%s: memblock cannot allocate one page after "
		      "arm_memblock_init() (memory %s, reserved %s): "
		      "__memblock_find_range_top_down() finds nothing, and "
		      "free_area_init() would panic",
		      dtb, show(MEM), show(RSV));
	memblock_free(probe, PAGE_SIZE);
}

/* The boot: the device tree's RAM and reservations in memblock. */
START_TEST(boot_fills_memblock_from_the_device_tree)
{
	check_memblock_boots("vexpress-cma");
	ktest_reboot("vexpress-cma", ktest_boot_memblock);
	ck_assert_msg(memblock.memory.cnt == 2 &&
			      memblock.memory.regions[0].base == 0x60000000 &&
			      memblock.memory.regions[0].size == 0x04000000 &&
			      memblock.memory.regions[1].base == 0x64800000 &&
			      memblock.memory.regions[1].size == 0x1b800000,
		      "vexpress-cma: 512 MiB less the no-map framebuffer "
		      "[0x64000000, 0x64800000): expected two memory regions, "
		      "got %s",
		      show(MEM));
	ck_assert(!pfn_valid(0x64000) && pfn_valid(0x64800));
	ck_assert_msg(memblock.reserved.regions[0].base == 0x60000000 &&
			      memblock.reserved.regions[0].size == 0x800000,
		      "the image window is reserved first: %s", show(RSV));
	ck_assert_msg(memblock_is_reserved(0x68000000) &&
			      memblock_is_reserved(0x6bffffff) &&
			      !memblock_is_reserved(0x67ffffff) &&
			      !memblock_is_reserved(0x6c000000),
		      "the CMA pool [0x68000000, 0x6c000000) is reserved "
		      "exactly: %s",
		      show(RSV));
}
END_TEST

START_TEST(boot_puts_mem_map_at_the_top_of_lowmem)
{
	phys_addr_t first, end, top;

	check_memblock_boots("vexpress-1g");
	ktest_reboot("vexpress-1g", ktest_boot_memblock);
	first = __pa(mem_map);
	end = first + NODE_DATA(0)->node_spanned_pages * sizeof(struct page);
	top = memblock.reserved.regions[memblock.reserved.cnt - 1].base +
	      memblock.reserved.regions[memblock.reserved.cnt - 1].size;
	ck_assert_msg(top == 0x90000000,
		      "memblock allocates top-down below the current limit "
		      "(lowmem ends at 0x90000000): the highest reservation "
		      "ends at %#x",
		      top);
	ck_assert_msg(end <= 0x90000000 && end > 0x90000000 - SZ_1M,
		      "mem_map [%#x, %#x) should end just below 0x90000000",
		      first, end);
	ck_assert_msg(memblock_is_reserved(first) &&
			      memblock_is_reserved(end - 1),
		      "mem_map must be reserved: %s", show(RSV));
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &NODE_DATA(0)->node_zones[z];

		if (zone->spanned_pages)
			ck_assert(memblock_is_reserved(
				__pa(zone->pageblock_flags)));
	}
}
END_TEST

KTEST_SUITE(ch09) = {
	.chapter = "09",
	.title = "memblock",
	.timeout = 20,
	.tests = KTESTS(
		add_keeps_order_and_merges_neighbours,
		add_over_existing_regions, add_fills_gaps_between_several,
		array_full_is_refused, remove_splits_at_the_edges,
		nomap_isolates_and_merges_back,
		isolate_keeps_the_flags_of_what_it_splits,
		for_each_range_walks_memory_minus_reserved, alloc_from_the_top,
		alloc_aligns_down, alloc_respects_limits_and_reservations,
		alloc_fails_when_nothing_fits, alloc_stays_inside_the_window,
		alloc_at_both_ends_of_the_address_space,
		free_of_unreserved_memory_is_silent, debugfs_format,
		random_sequence_against_a_bitmap,
		boot_fills_memblock_from_the_device_tree,
		boot_puts_mem_map_at_the_top_of_lowmem),
};
