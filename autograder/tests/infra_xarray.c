// SPDX-License-Identifier: GPL-2.0
/*
 * The XArray (lib/xarray.c), the page cache's index (chapter 37): given
 * code, checked here on both machines.
 *
 * Loads, stores and erases against a model over random operations in
 * a dense range and over sparse indices up to 2^32 - 1, with the seed
 * printed; after each batch the tree is walked and every invariant
 * checked (counts, parents, offsets, shifts, marks carried up, no empty
 * node, no top node that could shrink); marks and searches; errors.
 * Every node goes back when the array empties.
 */
#include <stdio.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/xarray.h>
#include "ktest.h"
#include "proc_util.h"

#define SEED 37u

/* Walk @node and check it; returns the entries below it, counts nodes. */
static unsigned long check_node(struct xarray *xa, struct xa_node *node,
				struct xa_node *parent, unsigned int offset,
				unsigned long *nodes, unsigned int marks[3])
{
	unsigned int count = 0, values = 0;
	unsigned long entries = 0;

	(*nodes)++;
	ck_assert_msg(node->parent == parent && node->array == xa &&
			      (!parent ||
			       (node->offset == offset &&
				node->shift + XA_CHUNK_SHIFT == parent->shift)),
		      "a node's parent, offset or shift is wrong (shift %u, "
		      "offset %u)",
		      node->shift, node->offset);
	for (unsigned int i = 0; i < XA_CHUNK_SIZE; i++) {
		void *e = node->slots[i];
		unsigned int below[3] = { 0 };

		for (xa_mark_t m = 0; m < 3; m++) {
			bool set = node->marks[m][i / BITS_PER_LONG] >>
					   (i % BITS_PER_LONG) &
				   1;

			ck_assert_msg(!set || e, "a mark on an empty slot");
			if (!e || !node->shift)
				marks[m] += set;
		}
		if (!e)
			continue;
		count++;
		if (!node->shift) {
			entries++;
			values += xa_is_value(e);
			continue;
		}
		ck_assert_msg(xa_is_node(e), "an entry above the leaves");
		entries += check_node(xa, xa_to_node(e), node, i, nodes, below);
		for (xa_mark_t m = 0; m < 3; m++) {
			bool set = node->marks[m][i / BITS_PER_LONG] >>
					   (i % BITS_PER_LONG) &
				   1;

			ck_assert_msg(
				set == (below[m] > 0),
				"mark %u of a slot at shift %u is %d, and "
				"%u entries below have it",
				m, node->shift, set, below[m]);
			marks[m] += below[m];
		}
	}
	ck_assert_msg(count == node->count && count > 0,
		      "a node at shift %u counts %u slots, holds %u",
		      node->shift, node->count, count);
	ck_assert_uint_eq(values, node->nr_values);
	return entries;
}

/* The whole array: its entries, and the nodes it holds in *@nodes. */
static unsigned long check_xa(struct xarray *xa, unsigned long *nodes)
{
	unsigned int marks[3] = { 0 };
	struct xa_node *top;
	unsigned long n;

	*nodes = 0;
	if (!xa_is_node(xa->xa_head))
		return xa->xa_head ? 1 : 0;
	top = xa_to_node(xa->xa_head);
	n = check_node(xa, top, NULL, 0, nodes, marks);
	ck_assert_msg(!(top->count == 1 && top->slots[0] &&
			(top->shift == 0 || xa_is_node(top->slots[0]))),
		      "the top node holds only slot 0: it should have shrunk");
	for (xa_mark_t m = 0; m < 3; m++)
		ck_assert_msg(xa_marked(xa, m) == (marks[m] > 0),
			      "xa_marked(%u) is %d with %u entries marked", m,
			      xa_marked(xa, m), marks[m]);
	return n;
}

static void *entry_of(unsigned long index)
{
	return xa_mk_value(index & 0x3fffffff);
}

START_TEST(xarray_small_and_shrinking)
{
	DEFINE_XARRAY(xa);
	static int a, b;
	unsigned long nodes, index;

	ck_assert(xa_empty(&xa) && !xa_load(&xa, 0) && !xa_load(&xa, 7));
	ck_assert_ptr_null(xa_store(&xa, 0, &a, GFP_KERNEL));
	ck_assert_msg(xa.xa_head == &a,
		      "index 0 alone lives in the head, without a node");
	ck_assert_ptr_eq(xa_store(&xa, 1, &b, GFP_KERNEL), NULL);
	ck_assert(check_xa(&xa, &nodes) == 2 && nodes == 1);
	ck_assert(xa_load(&xa, 0) == &a && xa_load(&xa, 1) == &b &&
		  !xa_load(&xa, 2) && !xa_load(&xa, 64));
	ck_assert_ptr_eq(xa_store(&xa, 64, &b, GFP_KERNEL), NULL);
	ck_assert(check_xa(&xa, &nodes) == 3 && nodes == 3);
	ck_assert_ptr_eq(xa_erase(&xa, 64), &b);
	ck_assert_msg(check_xa(&xa, &nodes) == 2 && nodes == 1,
		      "after erasing index 64: %lu nodes, expected the one "
		      "leaf (the tree shrinks)",
		      nodes);
	xa_set_mark(&xa, 1, XA_MARK_0);
	ck_assert(xa_get_mark(&xa, 1, XA_MARK_0) && xa_marked(&xa, XA_MARK_0));
	ck_assert_ptr_eq(xa_erase(&xa, 1), &b);
	ck_assert_msg(xa.xa_head == &a && !xa_marked(&xa, XA_MARK_0),
		      "index 0 alone again: back in the head, no mark left");
	index = 0;
	ck_assert_ptr_eq(xa_find(&xa, &index, ~0UL, XA_PRESENT), &a);
	ck_assert_ptr_null(xa_find_after(&xa, &index, ~0UL, XA_PRESENT));
	ck_assert_ptr_eq(xa_erase(&xa, 0), &a);
	ck_assert(xa_empty(&xa));
	/* the largest index of 32 bits: six levels, gone with it */
	ck_assert_ptr_null(xa_store(&xa, 0xffffffffUL, &a, GFP_KERNEL));
	ck_assert(check_xa(&xa, &nodes) == 1 && nodes == 6);
	ck_assert_ptr_eq(xa_load(&xa, 0xffffffffUL), &a);
	ck_assert_ptr_null(xa_load(&xa, 0x7fffffffUL));
	index = 5;
	ck_assert(xa_find(&xa, &index, ~0UL, XA_PRESENT) == &a &&
		  index == 0xffffffffUL);
	ck_assert_ptr_eq(xa_erase(&xa, 0xffffffffUL), &a);
	ck_assert(xa_empty(&xa));
	/* an entry the XArray keeps for itself is refused */
	ck_assert_int_eq(
		xa_err(xa_store(&xa, 3, xa_mk_internal(5), GFP_KERNEL)),
		-EINVAL);
	ck_assert(printk_log_contains("WARNING"));
	ck_assert(xa_empty(&xa));
}
END_TEST

#define DENSE 300
#define SPARSE 200

/* The model: what each of the test's indices holds, and its marks. */
struct slot {
	unsigned long index;
	bool present;
	unsigned char marks;
};

static unsigned long pick(unsigned int r)
{
	if (r % 3)
		return r % DENSE;
	return (r * 2654435761u) | 1; /* sparse, up to 2^32 - 1 */
}

/* One random run from an empty array back to an empty array. */
static void random_run(void)
{
	static struct slot model[DENSE + SPARSE];
	DEFINE_XARRAY(xa);
	unsigned long nodes, n_model = 0, max_nodes = 0;
	unsigned int ops[4] = { 0 };

	ktest_rng = SEED;
	for (int round = 0; round < 30; round++) {
		for (int op = 0; op < 500; op++) {
			unsigned int r = ktest_rand();
			unsigned long index = pick(ktest_rand());
			struct slot *s = NULL;
			unsigned int i;

			for (i = 0; i < n_model; i++)
				if (model[i].index == index)
					s = &model[i];
			if (!s) {
				if (n_model == ARRAY_SIZE(model))
					continue;
				s = &model[n_model++];
				*s = (struct slot){ .index = index };
			}
			switch (r % 8) {
			case 0:
			case 1:
			case 2: /* store */
				ck_assert_ptr_eq(
					xa_store(&xa, index, entry_of(index),
						 GFP_KERNEL),
					s->present ? entry_of(index) : NULL);
				s->present = true;
				ops[0]++;
				break;
			case 3:
			case 4: /* erase */
				ck_assert_ptr_eq(xa_erase(&xa, index),
						 s->present ? entry_of(index)
							    : NULL);
				s->present = false;
				s->marks = 0;
				ops[1]++;
				break;
			case 5:
			case 6: /* set a mark */
				xa_set_mark(&xa, index, r % 3);
				if (s->present)
					s->marks |= 1 << (r % 3);
				ops[2]++;
				break;
			default: /* clear one */
				xa_clear_mark(&xa, index, r % 3);
				s->marks &= ~(1 << (r % 3));
				ops[3]++;
			}
		}
		/* every index of the model, then every search */
		{
			unsigned long present = 0;

			for (unsigned int i = 0; i < n_model; i++) {
				const struct slot *s = &model[i];

				ck_assert_msg(
					xa_load(&xa, s->index) ==
						(s->present ? entry_of(s->index)
							    : NULL),
					"round %d (seed %u): index %#lx holds "
					"%p",
					round, SEED, s->index,
					xa_load(&xa, s->index));
				for (xa_mark_t m = 0; m < 3; m++)
					ck_assert_msg(
						xa_get_mark(&xa, s->index, m) ==
							!!(s->marks & 1 << m),
						"round %d (seed %u): mark %u "
						"of "
						"%#lx",
						round, SEED, m, s->index);
				present += s->present;
			}
			ck_assert_uint_eq(check_xa(&xa, &nodes), present);
			max_nodes = max(max_nodes, nodes);
		}
		for (xa_mark_t f = 0; f <= 3; f++) {
			xa_mark_t filter = f == 3 ? XA_PRESENT : f;
			unsigned long index, last = 0, seen = 0, want = 0;
			void *e;

			xa_for_each_marked(&xa, index, e, filter) {
				ck_assert_msg(seen == 0 || index > last,
					      "xa_find: index %#lx after %#lx",
					      index, last);
				ck_assert_ptr_eq(e, entry_of(index));
				ck_assert(filter == XA_PRESENT ||
					  xa_get_mark(&xa, index, filter));
				last = index;
				seen++;
			}
			for (unsigned int i = 0; i < n_model; i++)
				want += model[i].present &&
					(filter == XA_PRESENT ||
					 model[i].marks & 1 << filter);
			ck_assert_msg(seen == want,
				      "round %d (seed %u): the search for %u "
				      "found %lu entries, the model has %lu",
				      round, SEED, filter, seen, want);
		}
	}
	for (unsigned int i = 0; i < n_model; i++)
		xa_erase(&xa, model[i].index);
	ck_assert_msg(xa_empty(&xa), "every index erased, the head is %p",
		      xa.xa_head);
	printf("xarray (seed %u): %u stores, %u erases, %u marks set, %u "
	       "cleared; at most %lu nodes\n",
	       SEED, ops[0], ops[1], ops[2], ops[3], max_nodes);
}

/*
 * About 10,000 random stores, erases and mark changes against a model,
 * run twice: the second run must end with as many free pages as the first
 * (the first grows the node cache), or erased nodes were kept.
 */
START_TEST(xarray_random_against_a_model)
{
	unsigned long free_before;

	random_run();
	free_before = free_pages_now();
	random_run();
	ck_assert_msg(free_pages_now() == free_before,
		      "a second run kept %ld pages: erased nodes must be freed",
		      (long)(free_before - free_pages_now()));
}
END_TEST

KTEST_SUITE(infra_xarray) = {
	.chapter = "00",
	.title = "The XArray",
	.boot = ktest_boot_slab,
	.tests = KTESTS(xarray_small_and_shrinking,
			xarray_random_against_a_model),
};
