// SPDX-License-Identifier: GPL-2.0
/*
 * Chapter 06: the per-CPU page lists.
 *
 * The exercises: zone_batchsize(), __rmqueue_pcplist() (refill a batch),
 * free_unref_page_commit() (cache, drain at high) and
 * free_pcppages_bulk().  The tests watch one CPU's list fill and drain,
 * keep four simulated CPUs apart, and prove with a random sequence over
 * all of them that no page is lost or counted twice.
 */
#include <stdio.h>
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

static struct per_cpu_pages *pcp_of(int cpu)
{
	return &normal()->pageset[cpu].pcp;
}

static unsigned long nr_free(void)
{
	return zone_page_state(normal(), NR_FREE_PAGES);
}

/* Pages on every CPU's lists of the Normal zone. */
static unsigned long pcp_total(void)
{
	unsigned long n = 0;

	for (int cpu = 0; cpu < NR_CPUS; cpu++)
		n += pcp_of(cpu)->count;
	return n;
}

START_TEST(batch_follows_zone_size)
{
	struct zone *z = normal();

	/* 256 MiB: ~62,000 managed pages -> 60/4 = 15 -> 2^4 - 1 = 15 */
	ck_assert_msg(zone_batchsize(z) == 15,
		      "a zone of %lu managed pages: batch 15, got %d",
		      z->managed_pages, zone_batchsize(z));
	ck_assert_int_eq(pcp_of(0)->batch, 15);
	ck_assert_int_eq(pcp_of(3)->high, 6 * 15);
	ktest_reboot("vexpress-1g", ktest_boot_pcp);
	/* 768 MiB of Normal: ~192,000/1024 = 188 -> 47 -> 70 -> 63 */
	ck_assert_msg(zone_batchsize(normal()) == 63,
		      "a zone of %lu managed pages: 188/4 = 47, and "
		      "47 + 23 = 70 rounds down to 2^6 - 1 = 63; got %d",
		      normal()->managed_pages, zone_batchsize(normal()));
	ck_assert_int_eq(
		NODE_DATA(0)->node_zones[ZONE_HIGHMEM].pageset[0].pcp.batch,
		zone_batchsize(&NODE_DATA(0)->node_zones[ZONE_HIGHMEM]));
}
END_TEST

/* Zones no board has: the 1 MiB cap, and the floor of 1. */
START_TEST(batch_of_a_huge_and_a_tiny_zone)
{
	static struct zone fake;

	fake.managed_pages = 1UL << 20; /* 4 GiB */
	ck_assert_msg(zone_batchsize(&fake) == 63,
		      "a zone of 4 GiB: 1024 pages, capped at 1 MiB of pages "
		      "(256) before the / 4: 64 -> 96 -> 63; got %d",
		      zone_batchsize(&fake));
	fake.managed_pages = 3000; /* 2 -> 0 -> at least 1 -> 0 */
	ck_assert_msg(zone_batchsize(&fake) == 0,
		      "a zone of 3000 pages: 2 / 4 = 0, raised to 1, and 1 + "
		      "0 rounds to 2^0 - 1 = 0; got %d",
		      zone_batchsize(&fake));
	fake.managed_pages = 20000; /* 19 -> 4 -> 6 -> 3 */
	ck_assert_msg(zone_batchsize(&fake) == 3,
		      "a zone of 20000 pages: 19 / 4 = 4, 4 + 2 = 6 rounds "
		      "down to 2^2 - 1 = 3; got %d",
		      zone_batchsize(&fake));
}
END_TEST

START_TEST(first_allocation_takes_a_batch)
{
	unsigned long free = nr_free();
	struct page *page = rmqueue(normal(), 0, MT);

	ck_assert_int_eq(pcp_of(0)->batch, 15);
	ck_assert_ptr_nonnull(page);
	ck_assert_msg(pcp_of(0)->count == pcp_of(0)->batch - 1,
		      "the empty list is refilled with a batch of %d pages and "
		      "one is handed out: count %d, expected %d",
		      pcp_of(0)->batch, pcp_of(0)->count, pcp_of(0)->batch - 1);
	ck_assert_msg(nr_free() == free - pcp_of(0)->batch,
		      "NR_FREE_PAGES counts pages in the buddy only: it drops "
		      "by the batch (%d), dropped by %ld",
		      pcp_of(0)->batch, (long)(free - nr_free()));
	ck_assert_int_eq(page_count(page), 1);
}
END_TEST

START_TEST(next_allocations_leave_the_buddy_alone)
{
	unsigned long before[MAX_ORDER], free;
	struct zone *z = normal();

	ck_assert_int_eq(pcp_of(0)->batch, 15);
	rmqueue(z, 0, MT);
	free = nr_free();
	for (int o = 0; o < MAX_ORDER; o++)
		before[o] = z->free_area[o].nr_free;
	for (int i = 0; i < pcp_of(0)->batch - 1; i++)
		ck_assert_ptr_nonnull(rmqueue(z, 0, MT));
	ck_assert_int_eq(pcp_of(0)->count, 0);
	ck_assert_uint_eq(nr_free(), free);
	for (int o = 0; o < MAX_ORDER; o++)
		ck_assert_msg(z->free_area[o].nr_free == before[o],
			      "allocations served from the CPU's list must not "
			      "touch the buddy lists (order %d changed)",
			      o);
}
END_TEST

START_TEST(free_is_hot_and_reused_first)
{
	struct page *a = rmqueue(normal(), 0, MT), *b;

	ck_assert_int_eq(pcp_of(0)->batch, 15);
	__free_pages(a, 0);
	b = rmqueue(normal(), 0, MT);
	ck_assert_msg(a == b, "a page freed on a CPU is the next one it hands "
			      "out (its cache lines are still hot)");
	ck_assert_msg(pcp_of(0)->count == pcp_of(0)->batch - 1,
		      "the page went through the CPU's list, not the buddy");
}
END_TEST

START_TEST(list_drains_a_batch_at_high)
{
	static struct page *pages[256];
	struct per_cpu_pages *pcp = pcp_of(0);
	int n = pcp->high + 10;

	for (int i = 0; i < n; i++)
		pages[i] = rmqueue(normal(), 0, MT);
	while (pcp->count)
		rmqueue(normal(), 0, MT); /* empty the list first */
	for (int i = 0; i < pcp->high - 1; i++)
		__free_pages(pages[i], 0);
	ck_assert_int_eq(pcp->count, pcp->high - 1);
	__free_pages(pages[pcp->high - 1], 0);
	ck_assert_msg(
		pcp->count == pcp->high - pcp->batch,
		"reaching high (%d) gives a batch (%d) back to the buddy: "
		"count %d, expected %d (compare count >= high, and take "
		"every page that leaves a list off pcp->count)",
		pcp->high, pcp->batch, pcp->count, pcp->high - pcp->batch);
}
END_TEST

START_TEST(drain_gives_the_coldest_pages_back)
{
	struct per_cpu_pages *pcp = pcp_of(0);
	struct page *first, *last;

	rmqueue(normal(), 0, MT);
	first = list_first_entry(&pcp->lists[MT], struct page, lru);
	last = list_last_entry(&pcp->lists[MT], struct page, lru);
	free_pcppages_bulk(normal(), 1, pcp);
	ck_assert_msg(PageBuddy(last) || !PageBuddy(first),
		      "free_pcppages_bulk takes pages from the tail (coldest)");
	ck_assert_msg(pcp->count == pcp->batch - 2,
		      "free_pcppages_bulk(1) gives one page back: count %d, "
		      "expected %d (decrement pcp->count for every page that "
		      "leaves a list)",
		      pcp->count, pcp->batch - 2);
	rmqueue(normal(), 0, MIGRATE_UNMOVABLE);
	ktest_doing("free_pcppages_bulk(count %d) on lists holding %d pages: "
		    "clamp count to pcp->count first, or the loop searches "
		    "empty lists for ever",
		    pcp->count + 5, pcp->count);
	free_pcppages_bulk(normal(), pcp->count + 5, pcp);
	ck_assert_msg(pcp->count == 0,
		      "asked for more pages than the lists hold, "
		      "free_pcppages_bulk() gives back what there is: count "
		      "%d, expected 0",
		      pcp->count);
	drain_all_pages(NULL);
	ck_assert_int_eq(pcp->count, 0);
	ck_assert_uint_eq(ktest_check_free_lists(normal()),
			  normal()->managed_pages - 2);
}
END_TEST

/* A free block of the pageblock at @pfn on a list other than isolate. */
static struct page *free_block_not_isolated(unsigned long pfn, int *type)
{
	struct zone *z = normal();
	struct page *p;

	for (int o = 0; o < MAX_ORDER; o++)
		for (*type = 0; *type < MIGRATE_TYPES; (*type)++) {
			if (*type == MIGRATE_ISOLATE)
				continue;
			list_for_each_entry(
				p, &z->free_area[o].free_list[*type], lru)
				if (page_to_pfn(p) - pfn < pageblock_nr_pages)
					return p;
		}
	return NULL;
}

/*
 * Pages waiting on a CPU's list when their pageblock is isolated (as
 * alloc_contig_range() does) must go to the isolate lists when the list
 * is drained, not back to the type they were allocated as.
 */
START_TEST(drain_respects_an_isolated_pageblock)
{
	struct per_cpu_pages *pcp = pcp_of(0);
	struct page *page = rmqueue(normal(), 0, MT), *bad;
	unsigned long pb = page_to_pfn(page) & ~(pageblock_nr_pages - 1);
	int type;

	__free_pages(page, 0);
	ck_assert_msg(pcp->count == pcp->batch,
		      "a batch came out of the buddy and the page went back "
		      "to the CPU's list: count %d, expected %d",
		      pcp->count, pcp->batch);
	/* Isolating drains every CPU's lists (drain_all_pages). */
	ck_assert_int_eq(start_isolate_page_range(pb, pb + pageblock_nr_pages,
						  MIGRATE_MOVABLE),
			 0);
	ck_assert_int_eq(pcp->count, 0);
	bad = free_block_not_isolated(pb, &type);
	ck_assert_msg(!bad,
		      "pfn %#lx, drained from a CPU's list into an isolated "
		      "pageblock, is on a %s free list: when "
		      "zone->nr_isolate_pageblock is set, take the type from "
		      "the pageblock (get_pageblock_migratetype)",
		      bad ? page_to_pfn(bad) : 0,
		      bad ? migratetype_names[type] : "");
	undo_isolate_page_range(pb, pb + pageblock_nr_pages, MIGRATE_MOVABLE);
	ck_assert_uint_eq(ktest_check_free_lists(normal()),
			  normal()->managed_pages);
}
END_TEST

START_TEST(lists_per_migratetype)
{
	struct per_cpu_pages *pcp = pcp_of(0);

	rmqueue(normal(), 0, MIGRATE_MOVABLE);
	rmqueue(normal(), 0, MIGRATE_UNMOVABLE);
	ck_assert_msg(!list_empty(&pcp->lists[MIGRATE_MOVABLE]) &&
			      !list_empty(&pcp->lists[MIGRATE_UNMOVABLE]),
		      "each migratetype has its own list on the CPU");
	ck_assert_int_eq(pcp->count, 2 * (pcp->batch - 1));
}
END_TEST

START_TEST(cpus_keep_their_own_lists)
{
	struct page *a, *b;

	a = rmqueue(normal(), 0, MT);
	__smp_processor_id = 2;
	ck_assert_msg(pcp_of(2)->count == 0,
		      "CPU 2 has not allocated yet: its list is empty");
	b = rmqueue(normal(), 0, MT);
	ck_assert_msg(pcp_of(2)->count == pcp_of(2)->batch - 1 &&
			      pcp_of(0)->count == pcp_of(0)->batch - 1,
		      "after one allocation on each CPU, each list holds a "
		      "batch less the page handed out: CPU 0 has %d, CPU 2 "
		      "%d, expected %d (pcp->count counts every page that "
		      "joins or leaves a list)",
		      pcp_of(0)->count, pcp_of(2)->count, pcp_of(2)->batch - 1);
	ck_assert_ptr_ne(a, b);
	__free_pages(a, 0); /* freed on CPU 2: goes to CPU 2's list */
	ck_assert_msg(pcp_of(2)->count == pcp_of(2)->batch &&
			      pcp_of(0)->count == pcp_of(0)->batch - 1,
		      "a page freed on CPU 2 goes to CPU 2's list, whichever "
		      "CPU allocated it: CPU 0 has %d (expected %d), CPU 2 "
		      "%d (expected %d)",
		      pcp_of(0)->count, pcp_of(0)->batch - 1, pcp_of(2)->count,
		      pcp_of(2)->batch);
	__smp_processor_id = 0;
	(void)b;
}
END_TEST

/* 100,000 operations over four CPUs: nothing lost, nothing twice. */
START_TEST(no_page_lost_across_cpus)
{
	enum { SLOTS = 4096, OPS = 100000, SEED = 66 };
	static struct page *slot[SLOTS];
	static unsigned char slot_order[SLOTS];
	struct zone *z = normal();
	unsigned long in_use = 0;

	ktest_rng = SEED;
	memset(slot, 0, sizeof(slot));
	for (int op = 0; op < OPS; op++) {
		int i = ktest_rand() % SLOTS;

		__smp_processor_id = ktest_rand() % NR_CPUS;
		if (slot[i]) {
			__free_pages(slot[i], slot_order[i]);
			in_use -= 1UL << slot_order[i];
			slot[i] = NULL;
			continue;
		}
		slot_order[i] = ktest_rand() % 100 < 90 ? 0 : ktest_rand() % 4;
		slot[i] = rmqueue(z, slot_order[i], ktest_rand() % 3);
		if (slot[i])
			in_use += 1UL << slot_order[i];
		if (op % 25000 == 24999)
			ck_assert_msg(ktest_check_free_lists(z) + pcp_total() +
						      in_use ==
					      z->managed_pages,
				      "after %d operations (seed %d): buddy + "
				      "per-CPU lists + in use != managed",
				      op + 1, SEED);
	}
	ck_assert_msg(pcp_total() > 0, "the CPUs' lists were never used");
	for (int i = 0; i < SLOTS; i++)
		if (slot[i])
			__free_pages(slot[i], slot_order[i]);
	drain_all_pages(NULL);
	__smp_processor_id = 0;
	ck_assert_uint_eq(pcp_total(), 0);
	ck_assert_uint_eq(ktest_check_free_lists(z), z->managed_pages);
}
END_TEST

/* /proc/zoneinfo's pagesets, in Linux 5.10's format */
START_TEST(zoneinfo_shows_pagesets)
{
	static char buf[16384];
	struct seq_file m;
	const char *p;
	int cpu, count, high, batch;

	rmqueue(normal(), 0, MT);
	seq_init(&m, buf, sizeof(buf));
	zoneinfo_show(&m);
	p = strstr(buf, "\n  pagesets\n    cpu: 0");
	ck_assert_msg(p, "no pagesets section in:\n%s", buf);
	ck_assert_int_eq(sscanf(p,
				"\n  pagesets\n    cpu: %i\n"
				"              count: %i\n"
				"              high:  %i\n"
				"              batch: %i",
				&cpu, &count, &high, &batch),
			 4);
	ck_assert_int_eq(count, pcp_of(0)->count);
	ck_assert_int_eq(high, 90);
	ck_assert_int_eq(batch, 15);
}
END_TEST

KTEST_SUITE(ch06) = {
	.chapter = "06",
	.title = "Per-CPU page lists",
	.boot = ktest_boot_pcp,
	.timeout = 5,
	.tests = KTESTS(batch_follows_zone_size,
			batch_of_a_huge_and_a_tiny_zone,
			first_allocation_takes_a_batch,
			next_allocations_leave_the_buddy_alone,
			free_is_hot_and_reused_first,
			list_drains_a_batch_at_high,
			drain_gives_the_coldest_pages_back,
			drain_respects_an_isolated_pageblock,
			lists_per_migratetype, cpus_keep_their_own_lists,
			no_page_lost_across_cpus, zoneinfo_shows_pagesets),
};
