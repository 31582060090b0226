// SPDX-License-Identifier: GPL-2.0
/*
 * Chapter 14: kmalloc.
 *
 * The exercises: kmalloc_index() (include/linux/slab.h), __kmalloc()
 * and kfree() (mm/slub.c), kmalloc_array() and krealloc().  The board's
 * constants are ARM32's: KMALLOC_MIN_SIZE 64, no kmalloc-96,
 * KMALLOC_MAX_CACHE_SIZE 8 KiB, KMALLOC_MAX_SIZE 4 MiB.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/slub_def.h>
#include <linux/vmstat.h>
#include "mm/internal.h"
#include "mm/slab.h"
#include "ktest.h"

/* A size the compiler cannot see: kmalloc() goes to __kmalloc(). */
static size_t opaque(size_t n)
{
	volatile size_t v = n;

	return v;
}

static unsigned long free_pages_now(void)
{
	drain_all_pages(NULL);
	return zone_page_state(&NODE_DATA(0)->node_zones[ZONE_NORMAL],
			       NR_FREE_PAGES);
}

START_TEST(kmalloc_index_classes)
{
	static const struct {
		size_t size;
		unsigned int index;
	} t[] = {
		{ 0, 0 },     { 1, 6 },	    { 8, 6 },	  { 64, 6 },
		{ 65, 7 },    { 96, 7 },    { 97, 7 },	  { 128, 7 },
		{ 129, 2 },   { 192, 2 },   { 193, 8 },	  { 256, 8 },
		{ 257, 9 },   { 512, 9 },   { 513, 10 },  { 1024, 10 },
		{ 2048, 11 }, { 2049, 12 }, { 4096, 12 }, { 4097, 13 },
		{ 8192, 13 },
	};

	ck_assert_uint_eq(KMALLOC_MIN_SIZE, 64);
	ck_assert_uint_eq(KMALLOC_MAX_CACHE_SIZE, 8192);
	ck_assert_uint_eq(KMALLOC_MAX_SIZE, 4UL << 20);
	ck_assert_msg(!kmalloc_caches[KMALLOC_NORMAL][1] &&
			      kmalloc_caches[KMALLOC_NORMAL][2],
		      "with 64-byte KMALLOC_MIN_SIZE there is no kmalloc-96, "
		      "but kmalloc-192 exists");
	for (unsigned int i = 0; i < ARRAY_SIZE(t); i++)
		ck_assert_msg(kmalloc_index(t[i].size) == t[i].index,
			      "kmalloc_index(%zu): expected %u, got %u "
			      "(64-byte minimum on ARM, 129..192 in "
			      "kmalloc-192, 65..96 in kmalloc-128)",
			      t[i].size, t[i].index, kmalloc_index(t[i].size));
}
END_TEST

START_TEST(kmalloc_uses_its_size_class)
{
	static const struct {
		size_t size;
		const char *cache;
	} t[] = {
		{ 1, "kmalloc-64" },	{ 64, "kmalloc-64" },
		{ 65, "kmalloc-128" },	{ 97, "kmalloc-128" },
		{ 129, "kmalloc-192" }, { 193, "kmalloc-256" },
		{ 1000, "kmalloc-1k" }, { 4097, "kmalloc-8k" },
		{ 8192, "kmalloc-8k" },
	};

	for (unsigned int i = 0; i < ARRAY_SIZE(t); i++) {
		void *p = kmalloc(opaque(t[i].size), GFP_KERNEL);
		struct page *page = p ? virt_to_head_page(p) : NULL;

		ck_assert_msg(
			page && PageSlab(page) &&
				!strcmp(page->slab_cache->name, t[i].cache),
			"kmalloc(%zu) must come from %s, got %s", t[i].size,
			t[i].cache,
			page && PageSlab(page) ? page->slab_cache->name
					       : "no slab");
		kfree(p);
	}
	void *p = kmalloc(100, GFP_KERNEL); /* the inline, constant path */

	ck_assert_msg(p && !strcmp(virt_to_head_page(p)->slab_cache->name,
				   "kmalloc-128"),
		      "kmalloc(100) with a constant size must use "
		      "kmalloc-128");
	kfree(p);
	ck_assert_ptr_eq(kmalloc(opaque(0), GFP_KERNEL), ZERO_SIZE_PTR);
	ck_assert_ptr_eq(kmalloc(0, GFP_KERNEL), ZERO_SIZE_PTR);
}
END_TEST

START_TEST(results_are_aligned)
{
	for (size_t size = 1; size <= 8192; size = size * 3 / 2 + 1) {
		void *p = kmalloc(opaque(size), GFP_KERNEL);
		uintptr_t a = (uintptr_t)p;

		ck_assert_msg(p && !(a % ARCH_KMALLOC_MINALIGN),
			      "kmalloc(%zu) = %p is not aligned to "
			      "ARCH_KMALLOC_MINALIGN (64)",
			      size, p);
		if (is_power_of_2(size) && size <= PAGE_SIZE)
			ck_assert_msg(!(a % size),
				      "kmalloc(%zu) is aligned to its size",
				      size);
	}
}
END_TEST

START_TEST(large_kmalloc_from_the_page_allocator)
{
	unsigned long before = free_pages_now();
	char *p = kmalloc(opaque(8193), GFP_KERNEL);
	struct page *page = virt_to_page(p);

	ck_assert_msg(p && !PageSlab(page) && PageHead(page) &&
			      compound_order(page) == 2,
		      "kmalloc(8193) is above KMALLOC_MAX_CACHE_SIZE: a "
		      "compound page of order 2 (get_order)");
	ck_assert_uint_eq(ksize(p), 16384);
	ck_assert_msg(virt_to_head_page(p + 12345) == page,
		      "every byte of the buffer leads to its head page");
	kfree(p + 0); /* kfree finds the order in the compound page */
	ck_assert_msg(free_pages_now() == before,
		      "kfree of a large kmalloc returns its 4 pages: expected "
		      "%lu free, got %lu",
		      before, free_pages_now());
	p = kmalloc(opaque(KMALLOC_MAX_SIZE), GFP_KERNEL);
	ck_assert_msg(p && compound_order(virt_to_page(p)) == 10,
		      "the largest kmalloc, 4 MiB, is an order-10 block");
	kfree(p);
	ck_assert_ptr_null(kmalloc(opaque(KMALLOC_MAX_SIZE + 1),
				   GFP_KERNEL | __GFP_NOWARN));
	ck_assert_uint_eq(free_pages_now(), before);
}
END_TEST

START_TEST(kfree_null_and_foreign_pointers)
{
	struct page *page = alloc_pages(GFP_KERNEL, 0);

	kfree(NULL);
	kfree(ZERO_SIZE_PTR);
	printk_log_clear();
	ck_assert_msg(KTEST_EXPECT_OOPS(kfree(page_address(page))),
		      "kfree of a page that is neither a slab nor a compound "
		      "page is a BUG in Linux 5.10 (BUG_ON(!PageCompound))");
	ck_assert(printk_log_contains("kernel BUG at mm/slub.c"));
}
END_TEST

START_TEST(kzalloc_zeroes)
{
	unsigned char *p = kmalloc(opaque(150), GFP_KERNEL);

	memset(p, 0xff, 150);
	kfree(p);
	unsigned char *q = kzalloc(opaque(150), GFP_KERNEL);

	ck_assert_ptr_eq(q, p); /* the same object, LIFO */
	for (int i = 0; i < 150; i++)
		ck_assert_msg(q[i] == 0, "kzalloc: byte %d is %#x", i, q[i]);
	kfree(q);
}
END_TEST

START_TEST(krealloc_grows_and_shrinks)
{
	char *p = kmalloc(opaque(50), GFP_KERNEL);

	for (int i = 0; i < 50; i++)
		p[i] = (char)i;
	ck_assert_msg(krealloc(p, 60, GFP_KERNEL) == p,
		      "krealloc within ksize (64) keeps the object");
	ck_assert_msg(krealloc(p, 64, GFP_KERNEL) == p,
		      "krealloc to exactly ksize (64) keeps the object: the "
		      "slot already holds new_size (ksize(p) >= new_size)");
	char *q = krealloc(p, 100, GFP_KERNEL);

	ck_assert_msg(q && q != p && ksize(q) == 128,
		      "krealloc to 100 bytes moves to kmalloc-128");
	for (int i = 0; i < 50; i++)
		ck_assert_msg(q[i] == (char)i,
			      "krealloc must copy the old contents (byte %d)",
			      i);
	char *again = kmalloc(opaque(50), GFP_KERNEL);

	ck_assert_msg(again == p,
		      "krealloc must free the old object when it moves: the "
		      "next kmalloc(50) should get it back");
	kfree(again);
	ck_assert_msg(krealloc(q, 10, GFP_KERNEL) == q,
		      "shrinking never moves the object");
	char *r = krealloc(NULL, 10, GFP_KERNEL);

	ck_assert_msg(r && ksize(r) == 64, "krealloc(NULL) is kmalloc");
	ck_assert_ptr_eq(krealloc(r, 0, GFP_KERNEL), ZERO_SIZE_PTR);
	ck_assert_ptr_eq(kmalloc(opaque(10), GFP_KERNEL), r); /* r was freed */
	kfree(q);
}
END_TEST

/*
 * krealloc() copies what the old object holds, ksize(p) bytes, never
 * the new size: the bytes past the old object are its neighbour's.
 * With __GFP_ZERO on every call (as 5.10 asks), the bytes past the old
 * object read 0 in the new one.
 */
START_TEST(krealloc_copies_the_old_size)
{
	unsigned char *objs[16], *p = NULL, *q;

	for (int i = 0; i < 16; i++) {
		objs[i] = kmalloc(opaque(64), GFP_KERNEL);
		memset(objs[i], 0x5c, 64);
	}
	/* an object whose neighbour above is one of ours, full of 0x5c */
	for (int i = 0; i < 16 && !p; i++)
		for (int j = 0; j < 16; j++)
			if (objs[j] == objs[i] + 64)
				p = objs[i];
	ck_assert_msg(p, "16 objects of kmalloc-64: none lies just below "
			 "another (a new slab hands them out in address "
			 "order)");
	memset(p, 0, 64); /* as kzalloc(64) would leave it */
	p[0] = 0x11, p[63] = 0x22;
	q = krealloc(p, 200, GFP_KERNEL | __GFP_ZERO);
	ck_assert_msg(q && q != p && ksize(q) == 256,
		      "krealloc(64-byte object, 200) moves to kmalloc-256");
	ck_assert_msg(q[0] == 0x11 && q[63] == 0x22,
		      "krealloc copies the old object's 64 bytes");
	for (int i = 64; i < 200; i++)
		ck_assert_msg(q[i] == 0,
			      "krealloc(p, 200, __GFP_ZERO) of a 64-byte "
			      "object: byte %d of the new object is %#x, "
			      "expected 0: copy ksize(p) bytes, what the old "
			      "object holds, not the new size (that reads "
			      "past it, into its neighbour)",
			      i, q[i]);
	kfree(q);
	for (int i = 0; i < 16; i++)
		if (objs[i] != p)
			kfree(objs[i]);
}
END_TEST

/*
 * A wrapped product can land anywhere, also above both factors: only a
 * test of the multiplication itself (check_mul_overflow(), or
 * n > SIZE_MAX / size) refuses them all.
 */
START_TEST(kmalloc_array_refuses_overflow)
{
	const unsigned int bits = 8 * sizeof(size_t);
	const size_t third = SIZE_MAX / 3 + 1; /* 3 * third wraps to 2 */
	const size_t half = (size_t)1 << (bits / 2);
	static struct {
		size_t n, size;
	} wraps[4];

	wraps[0].n = SIZE_MAX / 2 + 2, wraps[0].size = 2; /* to 2, below n */
	wraps[1].n = 3, wraps[1].size = third + 10; /* to 32, above n */
	wraps[2].n = third + 10, wraps[2].size = 3; /* above size */
	wraps[3].n = half + 1, wraps[3].size = half + 1; /* above both */
	for (unsigned int i = 0; i < ARRAY_SIZE(wraps); i++) {
		size_t n = opaque(wraps[i].n), size = opaque(wraps[i].size);
		void *p = kmalloc_array(n, size, GFP_KERNEL | __GFP_NOWARN);

		ck_assert_msg(
			!p,
			"kmalloc_array(%#zx, %#zx): the product needs "
			"more than %u bits and wraps to %#zx bytes, %s; "
			"it must return NULL, not a buffer of the wrapped "
			"size: test the multiplication itself "
			"(check_mul_overflow() or n > SIZE_MAX / size), "
			"not the result",
			n, size, bits, n * size,
			n * size < n	  ? "below n"
			: n * size < size ? "above n, below size"
					  : "above both factors");
		kfree(p);
	}
	ck_assert_ptr_null(kcalloc(opaque(1) << (8 * sizeof(size_t) - 1),
				   opaque(4), GFP_KERNEL));
	ck_assert_msg(kmalloc_array(opaque(0), opaque(SIZE_MAX), GFP_KERNEL) ==
				      ZERO_SIZE_PTR &&
			      kmalloc_array(opaque(SIZE_MAX), opaque(0),
					    GFP_KERNEL) == ZERO_SIZE_PTR,
		      "kmalloc_array() with a zero factor: 0 bytes, which "
		      "never overflow (ZERO_SIZE_PTR); a test that divides "
		      "by a factor must not divide by 0");
	int *a = kcalloc(opaque(20), sizeof(int), GFP_KERNEL);

	ck_assert_msg(a && ksize(a) >= 80, "kcalloc(20, 4) holds 80 bytes");
	for (int i = 0; i < 20; i++)
		ck_assert_int_eq(a[i], 0);
	kfree(a);
	char *b = kmalloc_array(opaque(4096), opaque(2), GFP_KERNEL);

	ck_assert_msg(b && ksize(b) == 8192,
		      "kmalloc_array(4096, 2) is 8 KiB, from kmalloc-8k");
	kfree(b);
}
END_TEST

START_TEST(ksize_of_each_class)
{
	static const size_t want[][2] = {
		{ 1, 64 },    { 64, 64 },    { 65, 128 },    { 150, 192 },
		{ 200, 256 }, { 600, 1024 }, { 3000, 4096 }, { 5000, 8192 },
	};

	for (unsigned int i = 0; i < ARRAY_SIZE(want); i++) {
		void *p = kmalloc(opaque(want[i][0]), GFP_KERNEL);

		ck_assert_msg(p && ksize(p) == want[i][1],
			      "ksize(kmalloc(%zu)) must be %zu, got %zu",
			      want[i][0], want[i][1], p ? ksize(p) : 0);
		kfree(p);
	}
	ck_assert_uint_eq(ksize(NULL), 0);
}
END_TEST

START_TEST(lecture_questions)
{
	ck_assert_msg(kmalloc_max_size() == 4UL << 20,
		      "kmalloc_max_size() returned %zu: not the largest "
		      "request kmalloc() satisfies (question 1)",
		      kmalloc_max_size());
	static const size_t want[][2] = {
		{ 1, 64 },	{ 64, 64 },	 { 100, 128 },
		{ 150, 64 },	{ 256, 256 },	 { 700, 1024 },
		{ 8192, 8192 }, { 8193, 16384 }, { 100000, 131072 },
	};

	for (unsigned int i = 0; i < ARRAY_SIZE(want); i++) {
		ck_assert_msg(kmalloc_alignment(want[i][0]) == want[i][1],
			      "kmalloc_alignment(%zu) returned %zu: not the "
			      "alignment kmalloc() guarantees for that size "
			      "(question 2)",
			      want[i][0], kmalloc_alignment(want[i][0]));
		void *p = kmalloc(opaque(want[i][0]), GFP_KERNEL);

		ck_assert(!((uintptr_t)p % want[i][1]));
		kfree(p);
	}
	char *p = kmalloc(opaque(300), GFP_KERNEL);
	phys_addr_t phys = PFN_PHYS(page_to_pfn(virt_to_page(p))) +
			   ((uintptr_t)p & (PAGE_SIZE - 1));

	ck_assert_msg(kmalloc_to_phys(p + 5) == phys + 5,
		      "kmalloc_to_phys() of a byte kmalloc() returned gave "
		      "%#x: not that byte's physical address (question 3)",
		      (unsigned int)kmalloc_to_phys(p + 5));
	kfree(p);
}
END_TEST

/*
 * The size classes a random test must reach: kmalloc-64 to kmalloc-8k
 * by kmalloc_index(), then large kmallocs by order.
 */
#define RND_MAX 40000
#define RND_CLASSES (KMALLOC_SHIFT_HIGH + 1 + 3) /* orders 2, 3, 4 */

static int rnd_class(size_t n)
{
	if (n <= KMALLOC_MAX_CACHE_SIZE)
		return kmalloc_index(n);
	return KMALLOC_SHIFT_HIGH + 1 + get_order(n) - 2; /* orders 2..4 */
}

static const char *rnd_class_name(int c, char *buf, size_t len)
{
	if (c > KMALLOC_SHIFT_HIGH)
		snprintf(buf, len, "large order %d",
			 c - KMALLOC_SHIFT_HIGH - 1 + 2);
	else if (kmalloc_caches[KMALLOC_NORMAL][c])
		snprintf(buf, len, "%s",
			 kmalloc_caches[KMALLOC_NORMAL][c]->name);
	else
		buf[0] = 0;
	return buf;
}

/*
 * Random kmalloc/kfree of 1 byte to 40 KB on all CPUs: every kmalloc
 * cache and large kmallocs of orders 2 to 4.  What it reached is
 * logged, on success too, and a class it never reached fails it: a
 * random test must cover what it claims.
 */
START_TEST(random_kmalloc_kfree)
{
	static struct {
		unsigned char *p;
		size_t n;
		unsigned char tag;
	} live[500];
	unsigned long reached[RND_CLASSES] = { 0 };
	int nr = 0;
	unsigned int seed = 1414;
	unsigned long before = free_pages_now();
	char line[512], name[32];
	int len;

	ktest_rng = seed;
	for (long op = 0; op < 200000; op++) {
		unsigned int r = ktest_rand();

		__smp_processor_id = r % NR_CPUS;
		if (nr < 500 && ((r >> 4) % 2 || !nr)) {
			/* a size of its own draw: r has 24 bits, not enough */
			size_t n = (r >> 8) % 16 ? 1 + ktest_rand() % 2048
						 : 1 + ktest_rand() % RND_MAX;
			unsigned char *p = kmalloc(opaque(n), GFP_KERNEL);

			ck_assert_msg(p && ksize(p) >= n,
				      "seed %u op %ld: kmalloc(%zu) failed or "
				      "too small",
				      seed, op, n);
			reached[rnd_class(n)]++;
			live[nr].p = p, live[nr].n = n;
			live[nr].tag = (unsigned char)op;
			p[0] = p[n - 1] = live[nr].tag;
			nr++;
		} else {
			int k = (r >> 8) % nr;

			ck_assert_msg(live[k].p[0] == live[k].tag &&
					      live[k].p[live[k].n - 1] ==
						      live[k].tag,
				      "seed %u op %ld: a live buffer of %zu "
				      "bytes was overwritten",
				      seed, op, live[k].n);
			kfree(live[k].p);
			live[k] = live[--nr];
		}
	}
	while (nr)
		kfree(live[--nr].p);
	__smp_processor_id = 0;
	len = snprintf(line, sizeof(line),
		       "random_kmalloc_kfree: seed %u:", seed);
	for (int c = 0; c < RND_CLASSES; c++)
		if (*rnd_class_name(c, name, sizeof(name)))
			len += snprintf(line + len, sizeof(line) - len,
					" %s %lu", name, reached[c]);
	pr_info("%s\n", line);
	for (int c = 0; c < RND_CLASSES; c++)
		ck_assert_msg(
			!*rnd_class_name(c, name, sizeof(name)) || reached[c],
			"seed %u: the random sizes never reached %s (%s): "
			"a random test must reach every size class it "
			"claims (1 byte to 40 KB)",
			seed, name, line);
	for (int i = 0; i <= KMALLOC_SHIFT_HIGH; i++)
		if (kmalloc_caches[0][i])
			ktest_check_slab_cache(kmalloc_caches[0][i], 0, seed);
	for (int i = KMALLOC_SHIFT_LOW; i <= KMALLOC_SHIFT_HIGH; i++)
		if (kmalloc_caches[0][i])
			kmem_cache_shrink(kmalloc_caches[0][i]);
	if (kmalloc_caches[0][2])
		kmem_cache_shrink(kmalloc_caches[0][2]);
	ck_assert_msg(free_pages_now() == before,
		      "seed %u: after every kfree and a shrink of the "
		      "kmalloc caches, %lu pages are free, expected %lu: "
		      "memory leaked or freed twice (%s)",
		      seed, free_pages_now(), before, line);
}
END_TEST

KTEST_SUITE(ch14) = {
	.chapter = "14",
	.title = "kmalloc",
	.boot = ktest_boot_slab,
	.timeout = 60,
	.tests = KTESTS(kmalloc_index_classes, kmalloc_uses_its_size_class,
			results_are_aligned,
			large_kmalloc_from_the_page_allocator,
			kfree_null_and_foreign_pointers, kzalloc_zeroes,
			krealloc_grows_and_shrinks,
			krealloc_copies_the_old_size,
			kmalloc_array_refuses_overflow, ksize_of_each_class,
			lecture_questions, random_kmalloc_kfree),
};
