// SPDX-License-Identifier: GPL-2.0
/*
 * Invariant checks over the page allocator, shared by the chapter suites
 * from chapter 4 on.
 */
#include <string.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include "mm/internal.h"
#include "ktest.h"

unsigned int ktest_rng;

/*
 * Walk every free list: each entry must head a free block of its list's
 * order, aligned to it, inside the zone, and no frame may be free twice.
 * Return: the number of free pages found.
 */
unsigned long ktest_check_free_lists(struct zone *z)
{
	static unsigned char seen[(1 << 20) / 8];
	unsigned long total = 0;

	memset(seen, 0, sizeof(seen));
	for (unsigned int o = 0; o < MAX_ORDER; o++) {
		unsigned long blocks = 0;

		for (int t = 0; t < MIGRATE_TYPES; t++) {
			struct page *page;

			list_for_each_entry(page, &z->free_area[o].free_list[t],
					    lru) {
				unsigned long pfn = page_to_pfn(page);

				ck_assert_msg(
					PageBuddy(page) &&
						buddy_order(page) == o,
					"pfn %#lx on the order-%u list is "
					"not a free block of order %u",
					pfn, o, o);
				ck_assert_msg(!(pfn & ((1UL << o) - 1)),
					      "free block at pfn %#lx is not "
					      "aligned to its order %u",
					      pfn, o);
				ck_assert(zone_spans_pfn(z, pfn));
				for (unsigned long i = 0; i < (1UL << o); i++) {
					unsigned long k =
						pfn + i - z->zone_start_pfn;

					ck_assert_msg(
						!(seen[k / 8] & (1 << (k % 8))),
						"pfn %#lx is free twice",
						pfn + i);
					seen[k / 8] |= 1 << (k % 8);
				}
				blocks++;
				total += 1UL << o;
			}
		}
		ck_assert_msg(blocks == z->free_area[o].nr_free,
			      "order %u: %lu blocks on the lists, nr_free "
			      "says %lu",
			      o, blocks, z->free_area[o].nr_free);
	}
	ck_assert_msg(total == zone_page_state(z, NR_FREE_PAGES),
		      "free lists hold %lu pages, NR_FREE_PAGES says %lu",
		      total, zone_page_state(z, NR_FREE_PAGES));
	return total;
}
