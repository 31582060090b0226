// SPDX-License-Identifier: GPL-2.0
/*
 * Chapter 04: the buddy system.
 *
 * The exercises: __find_buddy_pfn(), page_is_buddy(), the merge loop of
 * __free_one_page(), expand() and __rmqueue_smallest().  The tests split
 * and merge exactly, exhaust the zone, check alignment, round-trip the
 * whole zone, run a long random sequence against the allocator's
 * invariants, and make sure misuse is reported as Linux reports it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/seq_file.h>
#include <linux/vmstat.h>
#include "mm/internal.h"
#include "ktest.h"

#define MT MIGRATE_MOVABLE

static struct zone *normal(void)
{
	return &NODE_DATA(0)->node_zones[ZONE_NORMAL];
}

static void snapshot(struct zone *z, unsigned long nr[MAX_ORDER])
{
	for (int o = 0; o < MAX_ORDER; o++)
		nr[o] = z->free_area[o].nr_free;
}

#define check_free_lists ktest_check_free_lists

START_TEST(find_buddy_pfn_examples)
{
	static const unsigned long cases[][3] = {
		{ 0x60008, 1, 0x6000a },  { 0x6000a, 1, 0x60008 },
		{ 0x60008, 3, 0x60000 },  { 0x60000, 0, 0x60001 },
		{ 0x60400, 10, 0x60000 }, { 0x60000, 10, 0x60400 },
	};

	for (unsigned i = 0; i < ARRAY_SIZE(cases); i++)
		ck_assert_msg(
			__find_buddy_pfn(cases[i][0], cases[i][1]) ==
				cases[i][2],
			"buddy of pfn %#lx at order %lu is %#lx, got %#lx",
			cases[i][0], cases[i][1], cases[i][2],
			__find_buddy_pfn(cases[i][0], cases[i][1]));
}
END_TEST

START_TEST(boot_leaves_memory_in_big_blocks)
{
	struct zone *z = normal();
	unsigned long free = check_free_lists(z);

	ck_assert_msg(free == z->managed_pages,
		      "after boot every managed page is free: %lu of %lu", free,
		      z->managed_pages);
	ck_assert_msg(z->free_area[MAX_ORDER - 1].nr_free >= 60,
		      "256 MiB should leave at least 60 blocks of 4 MiB, "
		      "found %lu",
		      z->free_area[MAX_ORDER - 1].nr_free);
}
END_TEST

/* The smallest order with a free block of our migratetype. */
static unsigned int smallest_free_order(struct zone *z, unsigned int from)
{
	for (unsigned int o = from; o < MAX_ORDER; o++)
		if (!list_empty(&z->free_area[o].free_list[MT]))
			return o;
	return MAX_ORDER;
}

START_TEST(split_is_exact)
{
	struct zone *z = normal();
	unsigned long before[MAX_ORDER], after[MAX_ORDER];

	for (unsigned int want = 0; want < MAX_ORDER; want++) {
		unsigned int k = smallest_free_order(z, want);
		struct page *page;

		snapshot(z, before);
		page = rmqueue(z, want, MT);
		ck_assert_msg(page,
			      "rmqueue(order %u) failed, with free blocks up "
			      "to order %d: search every order from the one "
			      "asked up to and including MAX_ORDER - 1",
			      want, MAX_ORDER - 1);
		snapshot(z, after);
		for (unsigned int o = 0; o < MAX_ORDER; o++) {
			long expect = (long)before[o];

			if (o == k)
				expect--;
			else if (o >= want && o < k)
				expect++;
			ck_assert_msg(
				(long)after[o] == expect,
				"order-%u request split an order-%u "
				"block: nr_free[%u] should be %ld, is %lu",
				want, k, o, expect, after[o]);
		}
		check_free_lists(z);
	}
}
END_TEST

START_TEST(split_keeps_the_lower_half)
{
	struct zone *z = normal();
	const unsigned int k = MAX_ORDER - 1;
	struct page *head, *page;

	/* Empty the smaller orders so the next order-0 request splits a
	 * block of the largest order. */
	while (smallest_free_order(z, 0) < k)
		ck_assert_ptr_nonnull(
			rmqueue(z, smallest_free_order(z, 0), MT));
	head = list_first_entry(&z->free_area[k].free_list[MT], struct page,
				lru);
	page = rmqueue(z, 0, MT);
	ck_assert_msg(page == head, "the request must get the first page of "
				    "the block that was split");
	for (unsigned int o = 0; o < k; o++) {
		struct page *half = head + (1UL << o);

		ck_assert_msg(
			PageBuddy(half) && buddy_order(half) == o,
			"after the split, head+%lu should be a free block "
			"of order %u",
			1UL << o, o);
	}
}
END_TEST

START_TEST(alloc_then_free_restores_every_list)
{
	struct zone *z = normal();
	unsigned long before[MAX_ORDER], after[MAX_ORDER];

	snapshot(z, before);
	for (unsigned int order = 0; order < MAX_ORDER; order++) {
		struct page *page = rmqueue(z, order, MT);

		ck_assert_msg(page,
			      "rmqueue(order %u) found nothing on a fresh "
			      "board with free blocks of order %d: search "
			      "every order from the one asked up to and "
			      "including MAX_ORDER - 1",
			      order, MAX_ORDER - 1);
		ck_assert_int_eq(page_count(page), 1);
		__free_pages(page, order);
		snapshot(z, after);
		ck_assert_msg(!memcmp(before, after, sizeof(before)),
			      "allocating and freeing one order-%u block must "
			      "leave the free lists as they were",
			      order);
	}
	check_free_lists(z);
}
END_TEST

START_TEST(buddies_merge_only_when_both_free)
{
	struct zone *z = normal();
	struct page *a, *b;
	unsigned long before = z->free_area[0].nr_free;

	/* Two order-0 pages from one split are buddies. */
	while (smallest_free_order(z, 0) == 0)
		ck_assert_msg(
			rmqueue(z, 0, MT),
			"rmqueue(order 0) failed with order-0 pages free");
	a = rmqueue(z, 0, MT);
	b = rmqueue(z, 0, MT);
	before = z->free_area[0].nr_free;
	ck_assert_uint_eq(__find_buddy_pfn(page_to_pfn(a), 0), page_to_pfn(b));
	__free_pages(a, 0);
	ck_assert_msg(PageBuddy(a) && z->free_area[0].nr_free == before + 1,
		      "a freed page whose buddy is in use stays at order 0");
	__free_pages(b, 0);
	ck_assert_msg(!PageBuddy(b),
		      "when its buddy is freed too, the pair merges and only "
		      "the lower page heads the merged block");
	ck_assert_msg(PageBuddy(a) && buddy_order(a) >= 1,
		      "the merged block starts at the lower buddy, order >= 1 "
		      "(got PageBuddy=%d order=%u)",
		      PageBuddy(a), buddy_order(a));
	ck_assert_uint_eq(z->free_area[0].nr_free, before);
}
END_TEST

/*
 * A free block of another order is part of a different block: b+2,
 * freed alone at order 0, is the order-1 buddy of [b, b+1] by address,
 * but [b, b+1] must not merge with it (b+3 is still in use).
 */
START_TEST(buddy_of_another_order_does_not_merge)
{
	struct zone *z = normal();
	struct page *b = rmqueue(z, 2, MT);
	unsigned long pfn;

	ck_assert_ptr_nonnull(b);
	pfn = page_to_pfn(b);
	set_page_count(b + 2, 1);
	set_page_count(b + 3, 1);
	__free_pages(b + 2, 0); /* its buddy b+3 is in use */
	ck_assert_msg(PageBuddy(b + 2) && buddy_order(b + 2) == 0,
		      "pfn %#lx, freed while its buddy is in use, must be a "
		      "free block of order 0",
		      pfn + 2);
	ck_assert_msg(page_is_buddy(b + 3, b + 2, 0),
		      "pfn %#lx is a free block of order 0 in the same zone: "
		      "page_is_buddy(pfn %#lx, pfn %#lx, 0) must say yes",
		      pfn + 2, pfn + 3, pfn + 2);
	ck_assert_msg(!page_is_buddy(b, b + 2, 1),
		      "page_is_buddy(pfn %#lx, pfn %#lx, order 1) said yes, "
		      "but pfn %#lx is free at order 0, not 1: a free buddy "
		      "of another order is part of a different block",
		      pfn, pfn + 2, pfn + 2);
	__free_pages(b, 1);
	ck_assert_msg(PageBuddy(b) && buddy_order(b) == 1 && PageBuddy(b + 2) &&
			      buddy_order(b + 2) == 0,
		      "freeing [%#lx, +2) next to a free order-0 block must "
		      "leave an order-1 and an order-0 block: a buddy of "
		      "another order does not merge",
		      pfn);
	check_free_lists(z);
}
END_TEST

/*
 * A block whose merge stopped, but whose buddy one order up is free,
 * goes to the tail of its list (buddy_merge_likely()): it will likely
 * merge soon, so it should be handed out last.  That reads the buddy at
 * which the loop stopped, so the loop must leave it in buddy_pfn.
 */
START_TEST(stopped_merge_goes_to_the_tail)
{
	struct zone *z = normal();
	struct page *b = rmqueue(z, 2, MT);
	struct list_head *list = &z->free_area[0].free_list[MT];
	unsigned long pfn;

	ck_assert_ptr_nonnull(b);
	pfn = page_to_pfn(b);
	set_page_count(b + 1, 1);
	set_page_count(b + 2, 1);
	__free_pages(b + 2, 1); /* [b+2, b+4): free, order 1 */
	__free_pages(b + 1, 0); /* its buddy b is still in use */
	ck_assert_msg(PageBuddy(b + 1) && buddy_order(b + 1) == 0,
		      "pfn %#lx, freed while its buddy %#lx is in use, must "
		      "be a free block of order 0",
		      pfn + 1, pfn);
	ck_assert_msg(list_last_entry(list, struct page, lru) == b + 1,
		      "pfn %#lx stopped merging at buddy %#lx, and the block "
		      "one order up, [%#lx, %#lx), is free: it belongs at the "
		      "tail of the order-0 list (buddy_merge_likely() reads "
		      "buddy_pfn after the loop: the loop must leave the last "
		      "buddy it looked at there, not in a variable of its own)",
		      pfn + 1, pfn, pfn + 2, pfn + 4);
	__free_pages(b, 0);
	ck_assert_msg(PageBuddy(b) && buddy_order(b) == 2,
		      "freeing pfn %#lx must merge all four pages again", pfn);
	check_free_lists(z);
}
END_TEST

/*
 * Zones need not be aligned to MAX_ORDER: on a machine whose zone
 * boundary falls inside a 4 MiB block, two buddies by address can lie
 * in different zones.  No board of ours has one, so move the boundary:
 * give the free half of a pair the HighMem zone for a moment.
 */
START_TEST(buddy_in_another_zone_does_not_merge)
{
	struct zone *z = normal();
	struct page *b = rmqueue(z, 1, MT);
	unsigned long pfn;
	bool merge;

	ck_assert_ptr_nonnull(b);
	pfn = page_to_pfn(b);
	set_page_count(b + 1, 1);
	__free_pages(b + 1, 0); /* its buddy b is in use */
	ck_assert_msg(page_is_buddy(b, b + 1, 0),
		      "pfn %#lx is a free block of order 0 in the same zone "
		      "as pfn %#lx: page_is_buddy() must say yes",
		      pfn + 1, pfn);
	set_page_zone(b + 1, ZONE_HIGHMEM);
	merge = page_is_buddy(b, b + 1, 0);
	set_page_zone(b + 1, ZONE_NORMAL);
	ck_assert_msg(!merge,
		      "page_is_buddy() said yes for a free buddy (pfn %#lx) "
		      "in zone HighMem of a page (pfn %#lx) in zone Normal: "
		      "blocks of different zones never merge",
		      pfn + 1, pfn);
	check_free_lists(z);
}
END_TEST

START_TEST(blocks_are_aligned_to_their_order)
{
	struct zone *z = normal();

	for (int round = 0; round < 3; round++)
		for (unsigned int order = 0; order < MAX_ORDER; order++) {
			struct page *page = rmqueue(z, order, MT);
			unsigned long pfn;

			ck_assert_msg(page,
				      "rmqueue(order %u) found no block "
				      "in a zone with %lu free pages",
				      order, zone_page_state(z, NR_FREE_PAGES));
			pfn = page_to_pfn(page);
			ck_assert_msg(!(pfn & ((1UL << order) - 1)),
				      "an order-%u block must start at a "
				      "multiple of %lu frames, got pfn %#lx",
				      order, 1UL << order, pfn);
		}
}
END_TEST

START_TEST(exhaustion_and_recovery)
{
	struct zone *z = normal();
	unsigned long free = zone_page_state(z, NR_FREE_PAGES), got = 0;
	unsigned long before[MAX_ORDER], after[MAX_ORDER];
	static struct page *pages[1 << 16];
	int n = 0;

	snapshot(z, before);
	for (int order = MAX_ORDER - 1; order >= 0; order--) {
		struct page *page;

		while ((page = rmqueue(z, order, MT))) {
			pages[n++] = page;
			set_page_private(page, order);
			got += 1UL << order;
		}
	}
	ck_assert_msg(got == free, "allocated %lu of %lu free pages", got,
		      free);
	ck_assert_uint_eq(zone_page_state(z, NR_FREE_PAGES), 0);
	ck_assert_ptr_null(rmqueue(z, 0, MT));
	while (n--) {
		unsigned int order = page_private(pages[n]);

		set_page_private(pages[n], 0);
		__free_pages(pages[n], order);
	}
	snapshot(z, after);
	ck_assert_msg(!memcmp(before, after, sizeof(before)),
		      "freeing everything must merge back to the boot state");
	check_free_lists(z);
}
END_TEST

START_TEST(whole_zone_in_pages_then_back)
{
	struct zone *z = normal();
	unsigned long before[MAX_ORDER], after[MAX_ORDER];
	static struct page *pages[1 << 16];
	int n = 0;

	snapshot(z, before);
	while ((pages[n] = rmqueue(z, 0, MT)))
		n++;
	ck_assert_msg(n > 60000 && (unsigned long)n == z->managed_pages,
		      "the 256 MiB board gives its %lu managed pages one by "
		      "one (more than 60,000): got %d",
		      z->managed_pages, n);
	ktest_rng = 42;
	for (int i = n - 1; i > 0; i--) { /* free in a random order */
		int j = ktest_rand() % (i + 1);
		struct page *t = pages[i];

		pages[i] = pages[j];
		pages[j] = t;
	}
	for (int i = 0; i < n; i++)
		__free_pages(pages[i], 0);
	snapshot(z, after);
	ck_assert_msg(!memcmp(before, after, sizeof(before)),
		      "%d single pages freed in random order (seed 42) must "
		      "merge back into the boot-time blocks",
		      n);
}
END_TEST

/* 100,000 random allocations and frees of every order. */
START_TEST(random_sequence_keeps_invariants)
{
	enum { SLOTS = 4096, OPS = 100000, SEED = 20251122 };
	static struct page *slot[SLOTS];
	static unsigned char slot_order[SLOTS];
	struct zone *z = normal();
	unsigned long in_use = 0, before[MAX_ORDER], after[MAX_ORDER];
	long allocs = 0;

	snapshot(z, before);
	ktest_rng = SEED;
	memset(slot, 0, sizeof(slot));
	for (int op = 0; op < OPS; op++) {
		int i = ktest_rand() % SLOTS;

		if (slot[i]) {
			__free_pages(slot[i], slot_order[i]);
			in_use -= 1UL << slot_order[i];
			slot[i] = NULL;
		} else {
			/* small orders are the common case, as in a kernel */
			unsigned int order = ktest_rand() % 100 < 80
						     ? ktest_rand() % 3
						     : ktest_rand() % MAX_ORDER;

			slot[i] = rmqueue(z, order, MT);
			if (slot[i]) {
				slot_order[i] = order;
				in_use += 1UL << order;
				allocs++;
			}
		}
		if (op % 20000 == 19999) {
			unsigned long free = check_free_lists(z);

			ck_assert_msg(free + in_use == z->managed_pages,
				      "after %d operations (seed %d): %lu free "
				      "+ %lu in use != %lu managed",
				      op + 1, SEED, free, in_use,
				      z->managed_pages);
		}
	}
	ck_assert_msg(allocs > OPS / 4,
		      "only %ld of about %d allocations succeeded (seed %d)",
		      allocs, OPS / 2, SEED);
	for (int i = 0; i < SLOTS; i++)
		if (slot[i])
			__free_pages(slot[i], slot_order[i]);
	snapshot(z, after);
	ck_assert_msg(!memcmp(before, after, sizeof(before)),
		      "after freeing everything (seed %d) the free lists must "
		      "be as at boot",
		      SEED);
}
END_TEST

START_TEST(double_free_is_caught)
{
	struct page *page = rmqueue(normal(), 0, MT);

	__free_pages(page, 0);
	ck_assert_msg(KTEST_EXPECT_OOPS(__free_pages(page, 0)),
		      "freeing a free page must oops (VM_BUG_ON_PAGE)");
	ck_assert(printk_log_contains(
		"page dumped because: "
		"VM_BUG_ON_PAGE(page_ref_count(page) == 0)"));
}
END_TEST

START_TEST(freeing_a_mapped_page_is_a_bad_page)
{
	struct zone *z = normal();
	struct page *page = rmqueue(z, 0, MT);
	unsigned long free = zone_page_state(z, NR_FREE_PAGES);

	page->_mapcount = 0; /* still mapped once */
	__free_pages(page, 0);
	ck_assert_msg(printk_log_contains("BUG: Bad page state in process"),
		      "freeing a mapped page must report a bad page state");
	ck_assert(printk_log_contains("page dumped because: nonzero mapcount"));
	ck_assert_msg(zone_page_state(z, NR_FREE_PAGES) == free,
		      "a bad page must not go back to the free lists");
	check_free_lists(z);
}
END_TEST

START_TEST(freeing_a_slab_page_is_a_bad_page)
{
	struct page *page = rmqueue(normal(), 1, MT);

	SetPageSlab(page + 1);
	__free_pages(page, 1);
	ck_assert(printk_log_contains(
		"page dumped because: PAGE_FLAGS_CHECK_AT_FREE flag(s) set"));
	ck_assert(printk_log_contains("(slab)"));
}
END_TEST

/*
 * The report of a bad page, line for line as Linux 5.10 prints it
 * (bad_page() and __dump_page()): %p of NULL is 00000000 and %#lx of 0
 * is 0x0 on both machines, as in the kernel.
 */
START_TEST(bad_page_report_reads_as_linux)
{
	struct page *page = rmqueue(normal(), 0, MT);
	char want[320];

	ck_assert_ptr_nonnull(page);
	page->_mapcount = 0; /* still mapped once */
	__free_pages(page, 0);
	snprintf(want, sizeof(want),
		 "BUG: Bad page state in process swapper/0  pfn:%05lx\n"
		 "page:%08lx refcount:0 mapcount:1 mapping:00000000 "
		 "index:%#lx pfn:%#lx\n"
		 "flags: 0x0()\n"
		 "page dumped because: nonzero mapcount\n",
		 page_to_pfn(page), (unsigned long)(uintptr_t)page,
		 (unsigned long)MT, page_to_pfn(page));
	ck_assert_msg(printk_log_contains(want),
		      "the report must read, line for line:\n%s", want);
}
END_TEST

/* /proc/buddyinfo, read back with the format of mm/vmstat.c. */
START_TEST(buddyinfo_format)
{
	static char buf[1024];
	struct seq_file m;
	unsigned long nr[MAX_ORDER];
	char name[16];
	int node, off = 0;

	rmqueue(normal(), 0, MT);
	seq_init(&m, buf, sizeof(buf));
	buddyinfo_show(&m);
	ck_assert_msg(sscanf(buf, "Node %d, zone %8s %n", &node, name, &off) ==
			      2,
		      "bad line: %s", buf);
	ck_assert_str_eq(name, "Normal");
	for (int o = 0; o < MAX_ORDER; o++) {
		int used;

		ck_assert(sscanf(buf + off, "%6lu %n", &nr[o], &used) == 1);
		off += used;
		ck_assert_uint_eq(nr[o], normal()->free_area[o].nr_free);
	}
	ck_assert_msg(!strncmp(buf, "Node 0, zone   Normal ", 22),
		      "the zone name is right-aligned in 8 columns: %s", buf);
}
END_TEST

KTEST_SUITE(ch04) = {
	.chapter = "04",
	.title = "The buddy system",
	.boot = ktest_boot_buddy,
	.timeout = 5,
	.tests = KTESTS(find_buddy_pfn_examples,
			boot_leaves_memory_in_big_blocks, split_is_exact,
			split_keeps_the_lower_half,
			alloc_then_free_restores_every_list,
			buddies_merge_only_when_both_free,
			buddy_of_another_order_does_not_merge,
			stopped_merge_goes_to_the_tail,
			buddy_in_another_zone_does_not_merge,
			blocks_are_aligned_to_their_order,
			exhaustion_and_recovery, whole_zone_in_pages_then_back,
			random_sequence_keeps_invariants, double_free_is_caught,
			freeing_a_mapped_page_is_a_bad_page,
			freeing_a_slab_page_is_a_bad_page,
			bad_page_report_reads_as_linux, buddyinfo_format),
};
