// SPDX-License-Identifier: GPL-2.0
/*
 * Chapter 05: migratetypes, fallback and pageblock stealing.
 *
 * The exercises: find_suitable_fallback() and steal_suitable_fallback().
 * The tests drive the fallback table one type at a time, watch a
 * pageblock change hands, check the half-a-pageblock rule both ways,
 * read /proc/pagetypeinfo back with Linux's formats, and run a long
 * mixed-type random sequence against the allocator's invariants.
 */
#include <stdio.h>
#include <string.h>
#include <linux/compaction.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/seq_file.h>
#include <linux/vmstat.h>
#include "mm/internal.h"
#include "ktest.h"

static struct zone *normal(void)
{
	return &NODE_DATA(0)->node_zones[ZONE_NORMAL];
}

/* A free_area whose lists hold one fake block for each type in @mask. */
static void fake_area(struct free_area *area, struct page *pages,
		      unsigned int mask)
{
	area->nr_free = 0;
	for (int t = 0; t < MIGRATE_TYPES; t++) {
		INIT_LIST_HEAD(&area->free_list[t]);
		if (mask & (1U << t)) {
			list_add(&pages[t].lru, &area->free_list[t]);
			area->nr_free++;
		}
	}
}

#define M(t) (1U << MIGRATE_##t)

START_TEST(fallback_order_of_each_type)
{
	static const struct {
		int request;
		unsigned int present;
		int expect;
	} cases[] = {
		{ MIGRATE_UNMOVABLE, M(RECLAIMABLE) | M(MOVABLE),
		  MIGRATE_RECLAIMABLE },
		{ MIGRATE_UNMOVABLE, M(MOVABLE), MIGRATE_MOVABLE },
		{ MIGRATE_MOVABLE, M(RECLAIMABLE) | M(UNMOVABLE),
		  MIGRATE_RECLAIMABLE },
		{ MIGRATE_MOVABLE, M(UNMOVABLE), MIGRATE_UNMOVABLE },
		{ MIGRATE_RECLAIMABLE, M(UNMOVABLE) | M(MOVABLE),
		  MIGRATE_UNMOVABLE },
		{ MIGRATE_RECLAIMABLE, M(MOVABLE), MIGRATE_MOVABLE },
		{ MIGRATE_MOVABLE, M(CMA) | M(ISOLATE) | M(HIGHATOMIC), -1 },
		{ MIGRATE_UNMOVABLE, M(CMA), -1 },
	};
	struct page pages[MIGRATE_TYPES];
	struct free_area area;

	for (unsigned i = 0; i < ARRAY_SIZE(cases); i++) {
		bool steal;
		int got;

		fake_area(&area, pages, cases[i].present);
		got = find_suitable_fallback(&area, 3, cases[i].request, false,
					     &steal);
		ck_assert_msg(
			got == cases[i].expect,
			"a %s request with lists %#x non-empty must fall "
			"back to %s, got %s (%d): walk the row of "
			"fallbacks[] in order, skip a type whose list of "
			"this order is empty, stop at MIGRATE_TYPES",
			migratetype_names[cases[i].request], cases[i].present,
			cases[i].expect < 0
				? "nothing (-1)"
				: migratetype_names[cases[i].expect],
			got >= 0 && got < MIGRATE_TYPES ? migratetype_names[got]
							: "nothing",
			got);
	}
}
END_TEST

START_TEST(who_may_steal_a_pageblock)
{
	struct page pages[MIGRATE_TYPES];
	struct free_area area;
	bool steal = true; /* the callee must set it */

	fake_area(&area, pages, M(UNMOVABLE) | M(MOVABLE));
	ck_assert_int_eq(find_suitable_fallback(&area, 0, MIGRATE_MOVABLE,
						false, &steal),
			 MIGRATE_UNMOVABLE);
	ck_assert_msg(!steal, "an order-0 movable fallback may not take the "
			      "whole pageblock: *can_steal must be false (set "
			      "it false before the loop, which only ever sets "
			      "it true)");
	ck_assert_msg(find_suitable_fallback(&area, 0, MIGRATE_MOVABLE, true,
					     &steal) == -1,
		      "with only_stealable, an order-0 movable request finds "
		      "nothing");
	find_suitable_fallback(&area, 5, MIGRATE_MOVABLE, false, &steal);
	ck_assert_msg(steal, "order >= pageblock_order / 2 may steal");
	find_suitable_fallback(&area, 0, MIGRATE_UNMOVABLE, false, &steal);
	ck_assert_msg(steal, "unmovable requests may always steal");
	find_suitable_fallback(&area, 0, MIGRATE_RECLAIMABLE, false, &steal);
	ck_assert_msg(steal, "reclaimable requests may always steal");
	area.nr_free = 0;
	ck_assert_int_eq(find_suitable_fallback(&area, 0, MIGRATE_MOVABLE,
						false, &steal),
			 -1);
}
END_TEST

static unsigned long blocks_of(struct zone *z, int mt)
{
	unsigned long n = 0;

	for (unsigned long pfn = z->zone_start_pfn; pfn < zone_end_pfn(z);
	     pfn += pageblock_nr_pages)
		n += get_pageblock_migratetype(pfn_to_page(pfn)) == mt;
	return n;
}

START_TEST(unmovable_request_claims_a_pageblock)
{
	struct zone *z = normal();
	unsigned long movable = blocks_of(z, MIGRATE_MOVABLE);
	struct page *page = rmqueue(z, 0, MIGRATE_UNMOVABLE);

	ck_assert_msg(page, "with only movable memory free, an unmovable "
			    "request must fall back, not fail");
	ck_assert_msg(
		get_pageblock_migratetype(page) == MIGRATE_UNMOVABLE,
		"the fallback took a whole free pageblock: it must now be "
		"unmovable (is %s)",
		migratetype_names[get_pageblock_migratetype(page)]);
	ck_assert_msg(blocks_of(z, MIGRATE_UNMOVABLE) == 1 &&
			      blocks_of(z, MIGRATE_MOVABLE) == movable - 1,
		      "exactly one pageblock changes from movable to "
		      "unmovable: %lu unmovable, %lu movable (was %lu)",
		      blocks_of(z, MIGRATE_UNMOVABLE),
		      blocks_of(z, MIGRATE_MOVABLE), movable);
	ck_assert_msg(
		!list_empty(&z->free_area[9].free_list[MIGRATE_UNMOVABLE]),
		"the rest of the pageblock is split onto the unmovable "
		"lists");
	/* The next unmovable request is served from that pageblock. */
	page = rmqueue(z, 0, MIGRATE_UNMOVABLE);
	ck_assert_msg(
		page && get_pageblock_migratetype(page) == MIGRATE_UNMOVABLE &&
			blocks_of(z, MIGRATE_UNMOVABLE) == 1,
		"the next unmovable request is served from the "
		"claimed pageblock, without claiming another");
	ktest_check_free_lists(z);
}
END_TEST

/* Take every block of @mt's lists with no fallback. */
static void drain_type(struct zone *z, int mt)
{
	for (int o = MAX_ORDER - 1; o >= 0; o--)
		while (__rmqueue_smallest(z, o, mt))
			__mod_zone_page_state(z, NR_FREE_PAGES, -(1L << o));
}

START_TEST(movable_fallback_takes_the_smallest_block)
{
	struct zone *z = normal();
	struct page *unmovable = rmqueue(z, 0, MIGRATE_UNMOVABLE);
	unsigned long pb = page_to_pfn(unmovable) & ~(pageblock_nr_pages - 1);
	struct page *page, *smallest;

	/* Leave the unmovable pageblock only blocks below order 5, which a
	 * movable request may not claim the pageblock with. */
	for (unsigned int o = pageblock_order - 1; o >= pageblock_order / 2;
	     o--)
		ck_assert_ptr_nonnull(rmqueue(z, o, MIGRATE_UNMOVABLE));
	drain_type(z, MIGRATE_MOVABLE);
	smallest =
		list_first_entry(&z->free_area[0].free_list[MIGRATE_UNMOVABLE],
				 struct page, lru);
	page = rmqueue(z, 0, MIGRATE_MOVABLE);
	ck_assert_msg(page == smallest,
		      "a movable order-0 request that may not claim the "
		      "pageblock takes the smallest unmovable block");
	ck_assert_msg(get_pageblock_migratetype(pfn_to_page(pb)) ==
			      MIGRATE_UNMOVABLE,
		      "and leaves the pageblock unmovable");
	ck_assert_msg(
		!list_empty(&z->free_area[4].free_list[MIGRATE_UNMOVABLE]),
		"the pageblock's other free blocks must stay on the unmovable "
		"lists: a fallback that may not take the whole pageblock "
		"(whole_block false) moves only the block it takes");
}
END_TEST

/* Free the block of @order at @page, a part of an allocated pageblock. */
static void free_piece(struct page *page, unsigned int order)
{
	set_page_count(page, 1);
	__free_pages(page, order);
}

/*
 * Give the pageblock @pb (allocated whole) type @mt, then free
 * @free_chunks of its four quarters: a pageblock with that much free.
 */
static void free_quarters(struct page *pb, int mt, int free_chunks)
{
	const unsigned int q = pageblock_order - 2;

	set_pageblock_migratetype(pb, mt);
	for (int i = 0; i < free_chunks; i++)
		free_piece(pb + (i << q), q);
}

static struct page *quarter_free_pageblock(struct zone *z, int mt,
					   int free_chunks)
{
	struct page *pb = rmqueue(z, pageblock_order, MIGRATE_MOVABLE);

	ck_assert_ptr_nonnull(pb);
	free_quarters(pb, mt, free_chunks);
	return pb;
}

/* Is @page on the free list of @order and @mt? */
static bool on_list(struct zone *z, struct page *page, unsigned int order,
		    int mt)
{
	struct page *p;

	list_for_each_entry(p, &z->free_area[order].free_list[mt], lru)
		if (p == page)
			return true;
	return false;
}

START_TEST(half_free_pageblock_changes_type)
{
	struct zone *z = normal();
	struct page *pb = quarter_free_pageblock(z, MIGRATE_UNMOVABLE, 3);

	/* 768 of 1024 pages free: a movable request claims the block. */
	steal_suitable_fallback(z, pb, MIGRATE_MOVABLE, true);
	ck_assert_msg(get_pageblock_migratetype(pb) == MIGRATE_MOVABLE,
		      "768 free pages of 1024 (>= half): the pageblock must "
		      "become movable");
	ck_assert_msg(!list_empty(&z->free_area[8].free_list[MIGRATE_MOVABLE]),
		      "and every free block of it moves to the movable lists");
	/* Exactly half free: half is enough. */
	pb = quarter_free_pageblock(z, MIGRATE_UNMOVABLE, 2);
	steal_suitable_fallback(z, pb, MIGRATE_MOVABLE, true);
	ck_assert_msg(get_pageblock_migratetype(pb) == MIGRATE_MOVABLE,
		      "512 free pages of 1024 is half: free + alike >= half "
		      "claims the pageblock (>=, not >)");
	ktest_check_free_lists(z);
}
END_TEST

START_TEST(mostly_used_pageblock_keeps_its_type)
{
	struct zone *z = normal();
	struct page *pb = quarter_free_pageblock(z, MIGRATE_UNMOVABLE, 1);

	/* 256 + 128 = 384 free in two blocks; 640 in use, none movable. */
	free_piece(pb + 512, pageblock_order - 3);
	steal_suitable_fallback(z, pb, MIGRATE_MOVABLE, true);
	ck_assert_msg(on_list(z, pb, 8, MIGRATE_MOVABLE) &&
			      on_list(z, pb + 512, 7, MIGRATE_MOVABLE),
		      "with whole_block, every free block of the pageblock "
		      "moves to the movable lists (move_freepages_block), "
		      "whether or not the pageblock changes type");
	ck_assert_msg(get_pageblock_migratetype(pb) == MIGRATE_UNMOVABLE,
		      "384 free pages of 1024, and the 640 in use are not "
		      "movable (alike for a movable request: movable_pages, "
		      "0 here): free + alike < half, the pageblock must stay "
		      "unmovable");
	ktest_check_free_lists(z);
}
END_TEST

START_TEST(unmovable_claims_a_busy_movable_pageblock)
{
	struct zone *z = normal();
	struct page *pb = quarter_free_pageblock(z, MIGRATE_MOVABLE, 1);

	/* The 768 busy pages are not movable (no LRU): alike an unmovable. */
	steal_suitable_fallback(z, pb, MIGRATE_UNMOVABLE, true);
	ck_assert_msg(get_pageblock_migratetype(pb) == MIGRATE_UNMOVABLE,
		      "free + alike pages (256 + 768) >= half: claimed");
}
END_TEST

START_TEST(no_whole_block_moves_one_block)
{
	struct zone *z = normal();
	struct list_head *top =
		&z->free_area[MAX_ORDER - 1].free_list[MIGRATE_MOVABLE];
	struct page *big, *pb;

	/* A whole free pageblock changes type whatever whole_block says. */
	ck_assert_msg(!list_empty(top),
		      "the board starts with free movable "
		      "blocks of order %d",
		      MAX_ORDER - 1);
	big = list_first_entry(top, struct page, lru);
	steal_suitable_fallback(z, big, MIGRATE_UNMOVABLE, false);
	ck_assert_msg(get_pageblock_migratetype(big) == MIGRATE_UNMOVABLE &&
			      on_list(z, big, MAX_ORDER - 1, MIGRATE_UNMOVABLE),
		      "a free block of a whole pageblock (order %d) takes its "
		      "pageblock even when whole_block is false: that case "
		      "comes before the whole_block test",
		      MAX_ORDER - 1);
	pb = quarter_free_pageblock(z, MIGRATE_UNMOVABLE, 3);
	steal_suitable_fallback(z, pb, MIGRATE_MOVABLE, false);
	ck_assert_msg(get_pageblock_migratetype(pb) == MIGRATE_UNMOVABLE,
		      "without whole_block the pageblock keeps its type, "
		      "even with 768 of its 1024 pages free");
	ck_assert_msg(
		PageBuddy(pb) && buddy_order(pb) == 9 &&
			!list_empty(
				&z->free_area[9].free_list[MIGRATE_MOVABLE]),
		"only the chosen order-9 block moves");
	ck_assert_msg(
		!list_empty(&z->free_area[8].free_list[MIGRATE_UNMOVABLE]),
		"the pageblock's other free block stays unmovable");
}
END_TEST

/*
 * A pageblock reserved for high-order atomic requests (its type is
 * MIGRATE_HIGHATOMIC) is never claimed by a fallback, however free.
 */
START_TEST(highatomic_pageblock_is_never_claimed)
{
	struct zone *z = normal();
	struct page *pb = quarter_free_pageblock(z, MIGRATE_MOVABLE, 3);

	steal_suitable_fallback(z, pb, MIGRATE_UNMOVABLE, true);
	ck_assert_msg(get_pageblock_migratetype(pb) == MIGRATE_UNMOVABLE,
		      "a movable pageblock with 768 of 1024 pages free is "
		      "claimed by an unmovable fallback");
	pb = quarter_free_pageblock(z, MIGRATE_HIGHATOMIC, 3);
	steal_suitable_fallback(z, pb, MIGRATE_UNMOVABLE, true);
	ck_assert_msg(get_pageblock_migratetype(pb) == MIGRATE_HIGHATOMIC,
		      "a MIGRATE_HIGHATOMIC pageblock became %s: it is never "
		      "claimed; test MIGRATE_HIGHATOMIC before anything else "
		      "and move only the block taken",
		      migratetype_names[get_pageblock_migratetype(pb)]);
	ck_assert_msg(on_list(z, pb, 9, MIGRATE_UNMOVABLE) &&
			      on_list(z, pb + 512, 8, MIGRATE_HIGHATOMIC),
		      "only the block taken moves to the unmovable list; the "
		      "high-atomic pageblock's other free block stays");
}
END_TEST

/*
 * A pageblock that the zone does not wholly span (RAM that ends inside
 * a pageblock does that): move_freepages_block() moves nothing and
 * returns 0, and the block taken must still move.  Our zones end on a
 * pageblock boundary, so the test shortens the zone by one page.
 */
START_TEST(pageblock_cut_by_the_zone_end_moves_one_block)
{
	struct zone *z = normal();
	unsigned long last = zone_end_pfn(z) - pageblock_nr_pages;
	struct page *pb = NULL, *other = NULL, *got;

	while (!pb && (got = rmqueue(z, pageblock_order, MIGRATE_MOVABLE)))
		if (page_to_pfn(got) == last)
			pb = got;
		else
			other = got;
	if (!other)
		other = rmqueue(z, pageblock_order, MIGRATE_MOVABLE);
	ck_assert_msg(pb && other,
		      "the zone's last pageblock (pfn %#lx) "
		      "and another one should be free at boot",
		      last);
	free_quarters(other, MIGRATE_MOVABLE, 3);
	steal_suitable_fallback(z, other, MIGRATE_UNMOVABLE, true);
	ck_assert_msg(get_pageblock_migratetype(other) == MIGRATE_UNMOVABLE,
		      "a movable pageblock with 768 of 1024 pages free is "
		      "claimed by an unmovable fallback");
	free_quarters(pb, MIGRATE_MOVABLE, 3);
	z->spanned_pages--; /* the zone ends one page short of pb's end */
	steal_suitable_fallback(z, pb, MIGRATE_UNMOVABLE, true);
	z->spanned_pages++;
	ck_assert_msg(on_list(z, pb, 9, MIGRATE_UNMOVABLE),
		      "move_freepages_block() moved nothing (the pageblock "
		      "is not wholly in the zone), so the block taken must "
		      "still move to the unmovable list: if (!free_pages), "
		      "move the single block");
	ck_assert_msg(get_pageblock_migratetype(pb) == MIGRATE_MOVABLE,
		      "and a pageblock nothing was moved from keeps its type");
	ktest_check_free_lists(z);
}
END_TEST

START_TEST(gfp_flags_choose_the_lists)
{
	ck_assert_int_eq(gfp_migratetype(GFP_KERNEL), MIGRATE_UNMOVABLE);
	ck_assert_int_eq(gfp_migratetype(GFP_HIGHUSER_MOVABLE),
			 MIGRATE_MOVABLE);
	ck_assert_int_eq(gfp_migratetype(GFP_KERNEL | __GFP_RECLAIMABLE),
			 MIGRATE_RECLAIMABLE);
}
END_TEST

/* /proc/pagetypeinfo, read back with the formats of mm/vmstat.c */
START_TEST(pagetypeinfo_format)
{
	static char buf[4096];
	struct seq_file m;
	char *line;
	int order, perblock, node, n;
	char zone[16], type[16];
	unsigned long cnt[MIGRATE_TYPES];

	rmqueue(normal(), 0, MIGRATE_UNMOVABLE);
	seq_init(&m, buf, sizeof(buf));
	pagetypeinfo_show(&m);
	ck_assert(!m.overflow);
	ck_assert_int_eq(sscanf(buf,
				"Page block order: %d\nPages per block:  %d",
				&order, &perblock),
			 2);
	ck_assert_int_eq(order, 10);
	ck_assert_int_eq(perblock, 1024);
	line = strstr(buf, "Node    0, zone   Normal, type    Unmovable ");
	ck_assert_msg(line, "no free-count line for Unmovable in:\n%s", buf);
	n = sscanf(line, "Node %4d, zone %8s type %12s", &node, zone, type);
	ck_assert_int_eq(n, 3);
	line = strstr(buf, "Number of blocks type     Unmovable      Movable");
	ck_assert_ptr_nonnull(line);
	line = strstr(line, "Node 0, zone   Normal ");
	ck_assert_ptr_nonnull(line);
	n = sscanf(line,
		   "Node %d, zone %8s %12lu %12lu %12lu %12lu %12lu %12lu",
		   &node, zone, &cnt[0], &cnt[1], &cnt[2], &cnt[3], &cnt[4],
		   &cnt[5]);
	ck_assert_int_eq(n, 8);
	ck_assert_uint_eq(cnt[MIGRATE_UNMOVABLE], 1);
	ck_assert_uint_eq(cnt[MIGRATE_MOVABLE], 63);
}
END_TEST

START_TEST(random_mixed_types_keep_invariants)
{
	enum { SLOTS = 4096, OPS = 100000, SEED = 5 };
	static struct page *slot[SLOTS];
	static unsigned char slot_order[SLOTS];
	struct zone *z = normal();
	unsigned long in_use = 0, stolen;
	long allocs = 0;

	ktest_rng = SEED;
	memset(slot, 0, sizeof(slot));
	for (int op = 0; op < OPS; op++) {
		int i = ktest_rand() % SLOTS;

		if (slot[i]) {
			__free_pages(slot[i], slot_order[i]);
			in_use -= 1UL << slot_order[i];
			slot[i] = NULL;
			continue;
		}
		slot_order[i] = ktest_rand() % 100 < 85
					? ktest_rand() % 3
					: ktest_rand() % MAX_ORDER;
		slot[i] = rmqueue(z, slot_order[i], ktest_rand() % 3);
		if (slot[i]) {
			in_use += 1UL << slot_order[i];
			allocs++;
		}
		if (op % 25000 == 24999)
			ck_assert_msg(ktest_check_free_lists(z) + in_use ==
					      z->managed_pages,
				      "after %d operations (seed %d) pages are "
				      "lost or counted twice",
				      op + 1, SEED);
	}
	stolen = blocks_of(z, MIGRATE_UNMOVABLE) +
		 blocks_of(z, MIGRATE_RECLAIMABLE);
	ck_assert_msg(stolen > 0 && allocs > OPS / 4,
		      "unmovable and reclaimable requests must have claimed "
		      "pageblocks (seed %d)",
		      SEED);
	for (int i = 0; i < SLOTS; i++)
		if (slot[i])
			__free_pages(slot[i], slot_order[i]);
	ck_assert_uint_eq(ktest_check_free_lists(z), z->managed_pages);
}
END_TEST

static bool has_free_block(struct zone *z, unsigned int min_order)
{
	for (unsigned int o = min_order; o < MAX_ORDER; o++)
		if (z->free_area[o].nr_free)
			return true;
	return false;
}

/*
 * Fill the zone with a driver's movable pages (straight from the buddy:
 * this chapter may not rely on alloc_pages()), free every other one:
 * half the zone is free, in single pages.  Compaction must gather a
 * block of order 10 (a whole 4 MiB pageblock) without losing any page
 * or its contents.
 */
START_TEST(compaction_makes_a_high_order_block)
{
	struct zone *z = normal();
	unsigned long in_use = 0;

	ktest_movable_reset();
	while (ktest_movable_adopt(rmqueue(z, 0, MIGRATE_MOVABLE)))
		;
	for (int i = 0; i < ktest_nr_movable; i += 2)
		ktest_movable_free(i);
	drain_all_pages(NULL);
	ck_assert_msg(zone_page_state(z, NR_FREE_PAGES) > z->managed_pages / 3,
		      "the setup frees half of the zone");
	ck_assert_msg(!has_free_block(z, 10),
		      "the setup leaves no free block of order 10");
	ck_assert_int_eq(compact_zone_order(z, 10, COMPACT_PRIO_SYNC_LIGHT),
			 COMPACT_SUCCESS);
	ck_assert_msg(has_free_block(z, 10),
		      "compaction reported success: a free block of order 10 "
		      "must exist");
	ck_assert_msg(ktest_nr_migrated > 0, "nothing was migrated");
	ktest_movable_check_data();
	for (int i = 0; i < ktest_nr_movable; i++)
		in_use += ktest_movable[i] != NULL;
	ck_assert_msg(ktest_check_free_lists(z) + in_use == z->managed_pages,
		      "after compaction, free + the driver's pages must be "
		      "every managed page");
}
END_TEST

KTEST_SUITE(ch05) = {
	.chapter = "05",
	.title = "Migrate types",
	.boot = ktest_boot_buddy,
	.timeout = 15,
	.tests = KTESTS(fallback_order_of_each_type, who_may_steal_a_pageblock,
			unmovable_request_claims_a_pageblock,
			movable_fallback_takes_the_smallest_block,
			half_free_pageblock_changes_type,
			mostly_used_pageblock_keeps_its_type,
			unmovable_claims_a_busy_movable_pageblock,
			no_whole_block_moves_one_block,
			highatomic_pageblock_is_never_claimed,
			pageblock_cut_by_the_zone_end_moves_one_block,
			gfp_flags_choose_the_lists, pagetypeinfo_format,
			random_mixed_types_keep_invariants,
			compaction_makes_a_high_order_block),
};
