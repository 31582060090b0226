// SPDX-License-Identifier: GPL-2.0
/*
 * Invariant checks over the page allocator, shared by the chapter suites
 * from chapter 4 on, and over a slab cache (chapter 13 on).
 */
#include <string.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/slub_def.h>
#include "mm/internal.h"
#include "mm/slab.h"
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

/*
 * Accounting of one cache: every slab found once, on exactly one list
 * (a CPU's slab, a CPU's partial list, the node's partial list) or
 * full; counters equal to a recount.  Return: free objects found.
 */
unsigned long ktest_check_slab_cache(struct kmem_cache *s, unsigned long live,
				     unsigned int seed)
{
	struct kmem_cache_node *n = s->node[0];
	unsigned long slabs = 0, objects = 0, free = 0, inuse = 0;
	struct page *page;

	for (int cpu = 0; cpu < NR_CPUS; cpu++) {
		struct kmem_cache_cpu *c = &s->cpu_slab[cpu];

		if (c->page) {
			ck_assert_msg(c->page->frozen && PageSlab(c->page) &&
					      c->page->slab_cache == s,
				      "seed %u: CPU %d's slab not frozen or "
				      "not of %s",
				      seed, cpu, s->name);
			slabs++, objects += c->page->objects;
			unsigned long f = 0;

			for (void *o = c->freelist; o;
			     o = get_freepointer(s, o))
				ck_assert(++f <= c->page->objects);
			for (void *o = c->page->freelist; o;
			     o = get_freepointer(s, o))
				ck_assert(++f <= c->page->objects);
			free += f;
			inuse += c->page->objects - f;
		}
		for (page = c->partial; page; page = page->next) {
			unsigned long f = 0;

			ck_assert_msg(page->frozen,
				      "seed %u: a CPU partial slab of %s is "
				      "not frozen",
				      seed, s->name);
			for (void *o = page->freelist; o;
			     o = get_freepointer(s, o))
				ck_assert(++f <= page->objects);
			ck_assert_msg(f == (unsigned long)(page->objects -
							   page->inuse),
				      "seed %u: %s: inuse %u but %lu of %u "
				      "free",
				      seed, s->name, page->inuse, f,
				      page->objects);
			slabs++, objects += page->objects, free += f;
			inuse += page->inuse;
		}
	}
	unsigned long partial = 0;

	list_for_each_entry(page, &n->partial, slab_list) {
		unsigned long f = 0;

		for (void *o = page->freelist; o; o = get_freepointer(s, o))
			ck_assert(++f <= page->objects);
		ck_assert_msg(!page->frozen && f &&
				      f == (unsigned long)(page->objects -
							   page->inuse),
			      "seed %u: %s: a node partial slab with inuse "
			      "%u has %lu free of %u",
			      seed, s->name, page->inuse, f, page->objects);
		slabs++, partial++, objects += page->objects, free += f;
		inuse += page->inuse;
	}
	ck_assert_msg(partial == n->nr_partial,
		      "seed %u: %s: nr_partial %lu, list has %lu", seed,
		      s->name, n->nr_partial, partial);
	/* the full slabs are on no list: what is left of the counters */
	ck_assert_msg(n->total_objects >= objects && n->nr_slabs >= slabs,
		      "seed %u: %s: more slabs found than counted", seed,
		      s->name);
	ck_assert_msg(inuse + (n->total_objects - objects) == live,
		      "seed %u: %s: %lu objects live, the slabs say %lu in "
		      "use",
		      seed, s->name, live,
		      inuse + (n->total_objects - objects));
	return free;
}
