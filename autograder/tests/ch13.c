// SPDX-License-Identifier: GPL-2.0
/*
 * Chapter 13: SLUB.
 *
 * The exercises: calculate_sizes() (the layout of an object), the fast
 * path (slab_alloc_node, do_slab_free), the slow paths (___slab_alloc,
 * __slab_free) and check_object().  The boot stage is ktest_boot_slab:
 * the page allocator, then kmem_cache_init(), which needs the first three
 * exercises.  The two layout tests boot without it (ktest_boot_rmem_cma)
 * and call calculate_sizes() on a cache of their own, so that the first
 * exercise is graded alone.  The others use their own caches
 * (kmem_cache_create); kmalloc is chapter 14's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/gfp.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/poison.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/slub_def.h>
#include <linux/vmstat.h>
#include "mm/internal.h"
#include "mm/slab.h"
#include "ktest.h"

#define P sizeof(void *)

static struct zone *normal(void)
{
	return &NODE_DATA(0)->node_zones[ZONE_NORMAL];
}

static unsigned long free_pages_now(void)
{
	drain_all_pages(NULL);
	return zone_page_state(normal(), NR_FREE_PAGES);
}

static struct kmem_cache *make(const char *name, unsigned int size,
			       unsigned int align, slab_flags_t flags,
			       void (*ctor)(void *))
{
	struct kmem_cache *s =
		kmem_cache_create(name, size, align, flags, ctor);

	ck_assert_msg(s, "kmem_cache_create(\"%s\", %u, %u, %#x) failed", name,
		      size, align, flags);
	return s;
}

/*
 * The layout kmem_cache_create() would give a cache, without creating
 * one: what create_cache() sets before __kmem_cache_create() calls
 * calculate_sizes().  The layout tests boot without the slab allocator
 * (the suite's early stage), so that they grade calculate_sizes() while
 * the allocation paths are still stubs.
 */
static struct kmem_cache *layout(unsigned int size, slab_flags_t flags)
{
	static struct kmem_cache s;

	s = (struct kmem_cache){ .name = "layout" };
	s.size = s.object_size = size;
	s.align = calculate_alignment(flags, 0, size);
	s.flags = flags;
	ck_assert_msg(calculate_sizes(&s, -1),
		      "calculate_sizes() refused a %u-byte object (flags %#x): "
		      "it returns 1 when a slab can hold the object",
		      size, flags);
	return &s;
}

static void check_layout(unsigned int size, slab_flags_t flags,
			 unsigned int want_size, unsigned int want_offset,
			 unsigned int want_order, unsigned int want_objects)
{
	struct kmem_cache *s = layout(size, flags);

	ck_assert_msg(s->object_size == size && s->size == want_size,
		      "a %u-byte object (flags %#x): expected s->size %u, got "
		      "%u (calculate_sizes)",
		      size, flags, want_size, s->size);
	ck_assert_msg(s->offset == want_offset,
		      "a %u-byte object (flags %#x): the free pointer belongs "
		      "at offset %u, got %u",
		      size, flags, want_offset, s->offset);
	ck_assert_msg(oo_order(s->oo) == want_order &&
			      oo_objects(s->oo) == want_objects,
		      "a %u-byte object: expected order %u with %u objects "
		      "per slab, got order %u with %u (calculate_order: "
		      "at least 16 objects, at most 1/16 wasted)",
		      size, want_order, want_objects, oo_order(s->oo),
		      oo_objects(s->oo));
}

START_TEST(objects_per_slab)
{
	/* size, flags, s->size, offset, order, objects */
	check_layout(24, 0, 24, 16 - (P == 4 ? 4 : 0), 0, 170);
	check_layout(100, 0, 104, ALIGN(104 / 2, P), 0, 39);
	check_layout(700, 0, 704, ALIGN(704 / 2, P), 2, 23);
	check_layout(3000, 0, 3000, ALIGN(3000 / 2, P), 3, 10);
	check_layout(8, 0, 8, 8 > P ? ALIGN(8 / 2, P) : 0, 0, 512);
	/* poison fills the free object: the pointer goes after it */
	check_layout(24, SLAB_POISON, ALIGN(24 + P, 8), 24, 0,
		     4096 / ALIGN(24 + P, 8));
}
END_TEST

START_TEST(red_zone_and_track_layout)
{
	struct kmem_cache *s = layout(20, SLAB_RED_ZONE | SLAB_STORE_USER);
	/* a word-aligned size with no slack gets one more word */
	unsigned int inuse = ALIGN(20, P) == 20 ? 20 + P : ALIGN(20, P);
	unsigned int track = 2 * (P + 4 + 4 + P);

	ck_assert_msg(s->inuse == inuse,
		      "20 bytes with SLAB_RED_ZONE: a right red zone of at "
		      "least a word; s->inuse (where metadata starts) must "
		      "be %u, got %u",
		      inuse, s->inuse);
	ck_assert_msg(s->red_left_pad == ALIGN(P, s->align),
		      "the left red zone is one word aligned to s->align: "
		      "expected %u, got %u",
		      (unsigned int)ALIGN(P, s->align), s->red_left_pad);
	ck_assert_msg(s->offset == ALIGN(inuse / 2, P),
		      "no poison, no ctor: the free pointer goes in the "
		      "middle of the object (%u), got %u",
		      (unsigned int)ALIGN(inuse / 2, P), s->offset);
	ck_assert_msg(
		s->size == ALIGN(inuse + track + P + s->red_left_pad, s->align),
		"object %u + two tracks %u + a word + left pad %u, "
		"aligned to %u: expected %u, got %u",
		inuse, track, s->red_left_pad, s->align,
		(unsigned int)ALIGN(inuse + track + P + s->red_left_pad,
				    s->align),
		s->size);
}
END_TEST

START_TEST(alignment_and_hwcache_align)
{
	struct kmem_cache *a = make("hw20", 20, 0, SLAB_HWCACHE_ALIGN, NULL);
	struct kmem_cache *b = make("hw100", 100, 0, SLAB_HWCACHE_ALIGN, NULL);
	struct kmem_cache *c = make("al64", 40, 64, 0, NULL);

	ck_assert_msg(a->align == 32 && a->size == 32,
		      "SLAB_HWCACHE_ALIGN for 20 bytes: half a 64-byte line "
		      "halved while the object fits: align 32, size 32; got "
		      "align %u size %u",
		      a->align, a->size);
	ck_assert_msg(b->align == 64 && b->size == 128,
		      "SLAB_HWCACHE_ALIGN for 100 bytes: a whole line, size "
		      "128; got align %u size %u",
		      b->align, b->size);
	ck_assert_msg(c->align == 64 && c->size == 64,
		      "align 64 for 40 bytes: size 64; got align %u size %u",
		      c->align, c->size);
	for (int i = 0; i < 50; i++) {
		void *p = kmem_cache_alloc(b, GFP_KERNEL);
		void *q = kmem_cache_alloc(c, GFP_KERNEL);

		ck_assert_msg(
			p && !((uintptr_t)p & 63) && q && !((uintptr_t)q & 63),
			"object %d at %p / %p is not 64-byte aligned", i, p, q);
	}
	kmem_cache_destroy(a);
}
END_TEST

static int ctor_calls;
static void count_ctor(void *obj)
{
	ctor_calls++;
	memset(obj, 0x42, 32);
}

START_TEST(ctor_once_per_object)
{
	struct kmem_cache *s = make("ctor", 32, 0, 0, count_ctor);
	unsigned int n = oo_objects(s->oo);
	void *objs[200];

	ck_assert_uint_le(n, 200);
	ctor_calls = 0;
	objs[0] = kmem_cache_alloc(s, GFP_KERNEL);
	ck_assert_msg(ctor_calls == (int)n,
		      "a new slab of %u objects runs the constructor on each "
		      "once; counted %d calls",
		      n, ctor_calls);
	for (int i = 0; i < 32; i++)
		ck_assert_msg(((unsigned char *)objs[0])[i] == 0x42,
			      "byte %d of the constructed object was changed: "
			      "with a ctor the free pointer must live after "
			      "the object (s->offset %u)",
			      i, s->offset);
	for (unsigned int i = 1; i < n; i++)
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
	ck_assert_int_eq(ctor_calls, n);
	for (unsigned int i = 0; i < n; i++)
		kmem_cache_free(s, objs[i]);
	objs[0] = kmem_cache_alloc(s, GFP_KERNEL);
	ck_assert_msg(ctor_calls == (int)n,
		      "reusing a freed object must not construct it again "
		      "(%d calls)",
		      ctor_calls);
	kmem_cache_free(s, objs[0]);
	kmem_cache_destroy(s);
}
END_TEST

START_TEST(fast_path_is_lifo_through_the_object)
{
	struct kmem_cache *s = make("fast", 64, 0, 0, NULL);
	char *a = kmem_cache_alloc(s, GFP_KERNEL);
	char *b = kmem_cache_alloc(s, GFP_KERNEL);
	struct kmem_cache_cpu *c = &s->cpu_slab[smp_processor_id()];

	ck_assert_msg(a && b == a + s->size,
		      "a new slab's free list runs in address order: expected "
		      "the second object at %p, got %p",
		      a + (a ? s->size : 0), b);
	ck_assert_msg((void *)c->freelist == b + s->size,
		      "c->freelist must point to the next free object");
	kmem_cache_free(s, b);
	kmem_cache_free(s, a);
	ck_assert_msg((void *)c->freelist == a,
		      "a free of the CPU's slab pushes on c->freelist");
	ck_assert_msg(*(void **)(a + s->offset) == b,
		      "a free object keeps the next one at s->offset");
	ck_assert_ptr_eq(kmem_cache_alloc(s, GFP_KERNEL), a);
	ck_assert_ptr_eq(kmem_cache_alloc(s, GFP_KERNEL), b);
	ck_assert_msg(virt_to_head_page(a)->slab_cache == s &&
			      PageSlab(virt_to_head_page(a)),
		      "the slab page names its cache and is PageSlab");
}
END_TEST

START_TEST(multi_page_slab_is_compound)
{
	struct kmem_cache *s = make("big", 700, 0, 0, NULL);
	char *objs[23];

	for (int i = 0; i < 23; i++)
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
	struct page *head = virt_to_page(objs[0]);

	ck_assert_msg(PageHead(head) && compound_order(head) == 2,
		      "an order-2 slab is a compound page (__GFP_COMP)");
	for (int i = 0; i < 23; i++)
		ck_assert_msg(virt_to_head_page(objs[i]) == head,
			      "object %d is not found in its slab through "
			      "virt_to_head_page",
			      i);
	for (int i = 0; i < 23; i++)
		kmem_cache_free(s, objs[i]);
	kmem_cache_destroy(s);
}
END_TEST

/*
 * Fill twelve slabs on CPU 0, free everything from CPU 1: the node must
 * end with min_partial empty slabs and every other page back in the
 * buddy allocator.
 */
START_TEST(min_partial_empty_slabs_kept)
{
	struct kmem_cache *s = make("minp", 512, 0, 0, NULL);
	unsigned long before = free_pages_now();
	unsigned int n = oo_objects(s->oo), pages = 1 << oo_order(s->oo);
	static void *objs[12 * 64];
	struct kmem_cache_node *node = s->node[0];

	ck_assert_uint_eq(s->min_partial, 5);
	for (unsigned int i = 0; i < 12 * n; i++)
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
	ck_assert_msg(node->nr_slabs == 12,
		      "%u objects of %u per slab make 12 slabs, the node "
		      "counts %lu",
		      12 * n, n, node->nr_slabs);
	__smp_processor_id = 1;
	for (unsigned int i = 0; i < 12 * n; i++)
		kmem_cache_free(s, objs[i]);
	__smp_processor_id = 0;
	flush_all(s);
	ck_assert_msg(node->nr_partial == s->min_partial &&
			      node->nr_slabs == s->min_partial,
		      "all objects free: the node keeps min_partial = %lu "
		      "empty slabs and frees the rest; it has %lu slabs, "
		      "%lu partial",
		      s->min_partial, node->nr_slabs, node->nr_partial);
	struct page *page;

	list_for_each_entry(page, &node->partial, slab_list)
		ck_assert_msg(page->inuse == 0 && !page->frozen,
			      "a slab of the node list is frozen or in use");
	ck_assert_msg(free_pages_now() == before - 5 * pages,
		      "expected %lu free pages (the 5 kept slabs held), got "
		      "%lu",
		      before - 5 * pages, free_pages_now());
}
END_TEST

/*
 * A debug cache has no CPU partial lists: every free of an object of a
 * slab the CPU does not hold goes through __slab_free's list handling.
 */
START_TEST(min_partial_in_slab_free)
{
	struct kmem_cache *s =
		make("minp_dbg", 512, 0, SLAB_CONSISTENCY_CHECKS, NULL);
	unsigned int n = oo_objects(s->oo), pages = 1 << oo_order(s->oo);
	unsigned long before = free_pages_now();
	static void *objs[12 * 64];
	struct kmem_cache_node *node = s->node[0];

	for (unsigned int i = 0; i < 12 * n; i++)
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
	ck_assert_uint_eq(node->nr_partial, 0);
	for (unsigned int i = 0; i < 12 * n; i++)
		kmem_cache_free(s, objs[i]);
	/*
	 * The slab being emptied is on the partial list itself when
	 * nr_partial is compared: the fifth empty slab finds 5 and goes.
	 */
	ck_assert_msg(node->nr_partial == s->min_partial - 1 &&
			      node->nr_slabs == s->min_partial - 1,
		      "__slab_free of the last object of a slab frees the "
		      "slab when the node's nr_partial (counting this slab) "
		      "is at least min_partial (%lu): %lu slabs stay, the "
		      "node has %lu slabs, %lu partial",
		      s->min_partial, s->min_partial - 1, node->nr_slabs,
		      node->nr_partial);
	ck_assert_uint_eq(free_pages_now(), before - 4 * pages);
}
END_TEST

START_TEST(partial_slab_reused_before_new_slab)
{
	struct kmem_cache *s = make("reuse", 256, 0, 0, NULL);
	unsigned int n = oo_objects(s->oo);
	static void *objs[3 * 64];

	for (unsigned int i = 0; i < 3 * n; i++)
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
	/* free one object of the first (full, unfrozen) slab */
	kmem_cache_free(s, objs[5]);
	struct kmem_cache_cpu *c = &s->cpu_slab[0];

	ck_assert_msg(c->partial == virt_to_head_page(objs[5]),
		      "a free into a full slab freezes it onto this CPU's "
		      "partial list");
	ck_assert_msg(c->partial->pobjects == 1 && c->partial->pages == 1,
		      "the partial list's head counts its slabs and free "
		      "objects: pages %d pobjects %d",
		      c->partial->pages, c->partial->pobjects);
	/* use up the CPU slab: the next object comes from the partial */
	while (c->freelist)
		kmem_cache_alloc(s, GFP_KERNEL);
	unsigned long slabs = s->node[0]->nr_slabs;

	ck_assert_ptr_eq(kmem_cache_alloc(s, GFP_KERNEL), objs[5]);
	ck_assert_msg(s->node[0]->nr_slabs == slabs,
		      "the CPU partial slab must be used before a new slab");
}
END_TEST

START_TEST(each_cpu_has_its_own_slab)
{
	struct kmem_cache *s = make("percpu", 128, 0, 0, NULL);
	void *a, *b, *c2;

	__smp_processor_id = 0;
	a = kmem_cache_alloc(s, GFP_KERNEL);
	__smp_processor_id = 1;
	b = kmem_cache_alloc(s, GFP_KERNEL);
	ck_assert_msg(virt_to_head_page(a) != virt_to_head_page(b),
		      "CPU 0 and CPU 1 must allocate from different slabs");
	ck_assert_msg(s->cpu_slab[0].page == virt_to_head_page(a) &&
			      s->cpu_slab[1].page == virt_to_head_page(b),
		      "each CPU's kmem_cache_cpu.page is its slab");
	/* CPU 1 frees CPU 0's object: it goes to a's slab, not CPU 1's */
	kmem_cache_free(s, a);
	c2 = kmem_cache_alloc(s, GFP_KERNEL);
	ck_assert_msg(c2 != a,
		      "an object of another CPU's slab must not land on this "
		      "CPU's freelist");
	__smp_processor_id = 0;
	ck_assert_msg(virt_to_head_page(a)->freelist == a,
		      "the remote free goes on the slab's own freelist "
		      "(page->freelist), not on the CPU's");
	/* CPU 0 takes it when its own freelist runs dry (get_freelist) */
	while (s->cpu_slab[0].freelist)
		kmem_cache_alloc(s, GFP_KERNEL);
	ck_assert_ptr_eq(kmem_cache_alloc(s, GFP_KERNEL), a);
}
END_TEST

START_TEST(destroy_returns_every_page)
{
	struct kmem_cache *s = make("gone", 200, 0, 0, NULL);
	unsigned long before = free_pages_now();
	static void *objs[500];

	for (int i = 0; i < 500; i++)
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
	for (int i = 0; i < 500; i++)
		kmem_cache_free(s, objs[(i * 7) % 500]);
	kmem_cache_destroy(s);
	ck_assert_msg(free_pages_now() == before,
		      "after kmem_cache_destroy every slab page is back: "
		      "expected %lu free pages, got %lu",
		      before, free_pages_now());
	ck_assert_uint_eq(ktest_check_free_lists(normal()),
			  zone_page_state(normal(), NR_FREE_PAGES));
}
END_TEST

/* Is @line a whole line of the log? */
static bool log_has_line(const char *line)
{
	static char buf[64 * 1024];
	size_t n = syslog_read_all(buf, sizeof(buf) - 1);
	size_t len = strlen(line);

	buf[n] = 0;
	for (char *p = buf; (p = strstr(p, line)); p++)
		if ((p == buf || p[-1] == '\n') &&
		    (p[len] == '\n' || p[len] == 0))
			return true;
	return false;
}

static void expect_line(const char *rule, const char *fmt, ...)
{
	char line[256];
	va_list args;

	va_start(args, fmt);
	vscnprintf(line, sizeof(line), fmt, args);
	va_end(args);
	ck_assert_msg(log_has_line(line), "%s: expected the line\n  %s", rule,
		      line);
}

START_TEST(destroy_with_objects_reports)
{
	struct kmem_cache *s = make("leaky", 64, 0, 0, NULL);
	char *p = kmem_cache_alloc(s, GFP_KERNEL);
	struct page *page = virt_to_head_page(p);

	printk_log_clear();
	kmem_cache_destroy(s);
	expect_line("the cache's own report", "BUG leaky (Not tainted): "
					      "Objects remaining in leaky on "
					      "__kmem_cache_shutdown()");
	expect_line("the object still in use", "INFO: Object 0x%p @offset=%u",
		    p, (unsigned int)(p - (char *)page_address(page)));
	expect_line("kmem_cache_destroy's report",
		    "kmem_cache_destroy leaky: Slab cache still has objects");
	ck_assert_msg(PageSlab(page) && page->slab_cache == s,
		      "a cache with objects in use must not be freed");
}
END_TEST

#define DEBUG_FLAGS (SLAB_CONSISTENCY_CHECKS | SLAB_RED_ZONE | SLAB_POISON)

START_TEST(redzone_overwritten_reported_and_fixed)
{
	struct kmem_cache *s = make("rzcache", 20, 0, DEBUG_FLAGS, NULL);
	unsigned char *p = kmem_cache_alloc(s, GFP_KERNEL);
	u8 *addr = page_address(virt_to_head_page(p));

	ck_assert_msg(p[20] == SLUB_RED_ACTIVE && p[-1] == SLUB_RED_ACTIVE,
		      "a live object's red zones hold 0xcc, got %#x / %#x",
		      p[20], p[-1]);
	printk_log_clear();
	p[20] = 0x12; /* one byte past the end */
	p[21] = 0x34;
	kmem_cache_free(s, p);
	expect_line("an overflow past the object",
		    "BUG rzcache (Not tainted): Redzone overwritten");
	expect_line("the damaged bytes",
		    "INFO: 0x%p-0x%p @offset=%u. First byte 0x12 instead "
		    "of 0xcc",
		    p + 20, p + 21, (unsigned int)(p + 20 - addr));
	expect_line("the object", "INFO: Object 0x%p @offset=%u fp=0x%p", p,
		    (unsigned int)(p - addr), *(void **)(p + s->offset));
	expect_line("slab_fix", "FIX rzcache: Restoring 0x%p-0x%p=0xcc", p + 20,
		    p + 21);
	expect_line("the free is refused",
		    "FIX rzcache: Object at 0x%p not "
		    "freed",
		    p);
	ck_assert_msg(p[20] == SLUB_RED_ACTIVE && p[21] == SLUB_RED_ACTIVE,
		      "slab_fix restores the red zone");
	/* the kernel goes on: the cache still works */
	void *q = kmem_cache_alloc(s, GFP_KERNEL);

	ck_assert_ptr_nonnull(q);
	kmem_cache_free(s, q);
}
END_TEST

START_TEST(poison_overwritten_after_free)
{
	struct kmem_cache *s = make("pcache", 32, 0, DEBUG_FLAGS, NULL);
	unsigned char *p = kmem_cache_alloc(s, GFP_KERNEL);
	u8 *addr = page_address(virt_to_head_page(p));

	kmem_cache_free(s, p);
	ck_assert_msg(p[0] == POISON_FREE && p[30] == POISON_FREE &&
			      p[31] == POISON_END,
		      "a free poisoned object is 0x6b ... 0x6b 0xa5; got "
		      "%#x %#x %#x",
		      p[0], p[30], p[31]);
	printk_log_clear();
	p[3] = 0; /* use after free */
	unsigned char *q = kmem_cache_alloc(s, GFP_KERNEL);

	expect_line("a write after free",
		    "BUG pcache (Not tainted): Poison overwritten");
	expect_line("the damaged byte",
		    "INFO: 0x%p-0x%p @offset=%u. First byte 0x0 instead "
		    "of 0x6b",
		    p + 3, p + 3, (unsigned int)(p + 3 - addr));
	expect_line("slab_fix", "FIX pcache: Restoring 0x%p-0x%p=0x6b", p + 3,
		    p + 3);
	expect_line("the slab is given up", "FIX pcache: Marking all objects "
					    "used");
	ck_assert_msg(q && q != p,
		      "the allocation still succeeds, from another slab");
}
END_TEST

/* The log's first line that starts with @prefix, or "" (for messages). */
static const char *first_line(const char *prefix)
{
	static char buf[64 * 1024];
	static char line[160];
	size_t n = syslog_read_all(buf, sizeof(buf) - 1);
	char *p;

	buf[n] = 0;
	line[0] = 0;
	for (p = buf; (p = strstr(p, prefix)); p++)
		if (p == buf || p[-1] == '\n')
			break;
	if (p)
		snprintf(line, sizeof(line), "%.*s", (int)strcspn(p, "\n"), p);
	return line;
}

/*
 * SLAB_POISON with a constructor: a constructed object keeps what the
 * constructor wrote while it is free, so SLUB does not poison it
 * (__OBJECT_POISON stays off), and the checks on allocation must not
 * expect poison in it: the poison test is for __OBJECT_POISON.
 */
START_TEST(ctor_cache_is_not_poisoned)
{
	struct kmem_cache *s =
		make("ctorpoison", 32, 0, DEBUG_FLAGS, count_ctor);
	unsigned int n = min(oo_objects(s->oo), 64U);
	unsigned char *objs[64];

	ck_assert_msg(!(s->flags & __OBJECT_POISON),
		      "a cache with a constructor never poisons its objects: "
		      "__OBJECT_POISON must stay off (flags %#x)",
		      s->flags);
	printk_log_clear();
	for (int round = 0; round < 2; round++) {
		for (unsigned int i = 0; i < n; i++) {
			objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
			ck_assert_msg(
				objs[i] &&
					!printk_log_contains("BUG ctorpoison"),
				"round %d, object %u of a cache with a "
				"constructor and SLAB_POISON, used "
				"correctly: %s, SLUB reported \"%s\": "
				"only objects poisoned at free "
				"(__OBJECT_POISON) are checked for "
				"poison; a constructed object holds its "
				"constructor's bytes",
				round, i, objs[i] ? "allocated" : "no object",
				first_line("BUG ctorpoison"));
			for (int b = 0; b < 32; b++)
				ck_assert_msg(objs[i][b] == 0x42,
					      "round %d, object %u: byte %d is "
					      "%#x; the constructor wrote 0x42 "
					      "and a ctor cache is not "
					      "poisoned, even with SLAB_POISON",
					      round, i, b, objs[i][b]);
			ck_assert_msg(objs[i][32] == SLUB_RED_ACTIVE,
				      "a live object's right red zone holds "
				      "0xcc, got %#x",
				      objs[i][32]);
		}
		for (unsigned int i = 0; i < n; i++)
			kmem_cache_free(s, objs[i]);
	}
	ck_assert_msg(!printk_log_contains("BUG ctorpoison"),
		      "a cache with a constructor and SLAB_POISON, used "
		      "correctly, reported \"%s\": only objects poisoned at "
		      "free (__OBJECT_POISON) are checked for poison; a "
		      "constructed object holds its constructor's bytes",
		      first_line("BUG ctorpoison"));
	kmem_cache_destroy(s);
}
END_TEST

/*
 * A write one byte past a 21-byte object lands in the alignment padding
 * before the next word (inuse is 24): with SLAB_POISON and no red zone,
 * that padding holds POISON_INUSE and is checked like a red zone.
 */
START_TEST(alignment_padding_overwritten_reported)
{
	struct kmem_cache *s = make(
		"padcache", 21, 0, SLAB_CONSISTENCY_CHECKS | SLAB_POISON, NULL);
	unsigned char *p = kmem_cache_alloc(s, GFP_KERNEL);
	u8 *addr = page_address(virt_to_head_page(p));

	ck_assert_msg(s->inuse == 24 && p[21] == POISON_INUSE &&
			      p[23] == POISON_INUSE,
		      "a 21-byte object with SLAB_POISON: inuse 24, its 3 "
		      "padding bytes hold POISON_INUSE 0x5a; got inuse %u, "
		      "%#x %#x",
		      s->inuse, p[21], p[23]);
	printk_log_clear();
	p[21] = 0x77; /* one byte past the end */
	kmem_cache_free(s, p);
	ck_assert_msg(log_has_line("BUG padcache (Not tainted): Alignment "
				   "padding overwritten"),
		      "one byte written past a 21-byte object, into the "
		      "padding before the next word: check_object() checks "
		      "the padding of a cache with SLAB_POISON and no red "
		      "zone (\"Alignment padding\", POISON_INUSE) and reports "
		      "it at the free; expected the line\n  BUG padcache "
		      "(Not tainted): Alignment padding overwritten");
	expect_line("the damaged byte",
		    "INFO: 0x%p-0x%p @offset=%u. First byte 0x77 instead "
		    "of 0x5a",
		    p + 21, p + 21, (unsigned int)(p + 21 - addr));
	ck_assert_msg(p[21] == POISON_INUSE, "slab_fix restores the padding");
}
END_TEST

/*
 * Without SLAB_POISON or a constructor the free pointer of a free
 * object lies inside it: while the object is live, those bytes are the
 * user's, and the checks must not read them as a free pointer.
 */
START_TEST(live_object_is_all_the_users)
{
	struct kmem_cache *s =
		make("userdata", 48, 0, SLAB_CONSISTENCY_CHECKS | SLAB_RED_ZONE,
		     NULL);
	unsigned char *p = kmem_cache_alloc(s, GFP_KERNEL);

	ck_assert_msg(s->offset < s->object_size,
		      "48 bytes, red zone, no poison, no constructor: the free "
		      "pointer lies inside the object (offset %u)",
		      s->offset);
	printk_log_clear();
	memset(p, 0x5c, 48); /* every byte, the free pointer's too */
	kmem_cache_free(s, p);
	ck_assert_msg(!printk_log_contains("BUG userdata"),
		      "a live object whose 48 bytes the user filled with 0x5c, "
		      "then freed: SLUB reported \"%s\": the free pointer of a "
		      "live object is the user's data when it lies inside "
		      "the object; check_object() checks it only on a free "
		      "object (or one whose pointer lies outside)",
		      first_line("BUG userdata"));
	ck_assert_msg(kmem_cache_alloc(s, GFP_KERNEL) == p,
		      "the object was freed: the next allocation gets it back");
}
END_TEST

START_TEST(double_free_reported)
{
	struct kmem_cache *s =
		make("dfree", 48, 0, SLAB_CONSISTENCY_CHECKS, NULL);
	void *p = kmem_cache_alloc(s, GFP_KERNEL);
	void *q = kmem_cache_alloc(s, GFP_KERNEL);

	kmem_cache_free(s, p);
	printk_log_clear();
	kmem_cache_free(s, p);
	expect_line("freeing a free object",
		    "BUG dfree (Not tainted): Object already free");
	expect_line("the second free is refused",
		    "FIX dfree: Object at 0x%p not freed", p);
	/* the free list is intact: p comes back exactly once */
	void *a = kmem_cache_alloc(s, GFP_KERNEL);
	void *b = kmem_cache_alloc(s, GFP_KERNEL);

	ck_assert_msg(a != b && (a == p || b == p) && a != q && b != q,
		      "after a refused double free the object is handed out "
		      "once");
}
END_TEST

START_TEST(freepointer_corrupt_reported)
{
	struct kmem_cache *s =
		make("fpc", 64, 0, SLAB_CONSISTENCY_CHECKS | SLAB_POISON, NULL);
	unsigned char *p = kmem_cache_alloc(s, GFP_KERNEL);

	kmem_cache_free(s, p);
	printk_log_clear();
	*(uintptr_t *)(p + s->offset) = 0x12345;
	void *q = kmem_cache_alloc(s, GFP_KERNEL);

	expect_line("a free pointer out of its slab",
		    "BUG fpc (Not tainted): Freepointer corrupt");
	ck_assert_ptr_nonnull(q);
}
END_TEST

START_TEST(store_user_tracks_and_taints)
{
	struct kmem_cache *s =
		make("track", 24, 0, DEBUG_FLAGS | SLAB_STORE_USER, NULL);
	unsigned char *p;

	__smp_processor_id = 2;
	p = kmem_cache_alloc(s, GFP_KERNEL);
	jiffies += 7;
	printk_log_clear();
	p[-1] = 0; /* underflow into the left red zone */
	kmem_cache_free(s, p);
	static char buf[16384];
	size_t n = syslog_read_all(buf, sizeof(buf) - 1);

	buf[n] = 0;
	char *info = strstr(buf, "INFO: Allocated in ");

	ck_assert_msg(info && strstr(info, " age=7 cpu=2 pid=0\n"),
		      "SLAB_STORE_USER reports the allocation: expected "
		      "\"INFO: Allocated in <caller> age=7 cpu=2 pid=0\"");
	expect_line("a write before the object",
		    "BUG track (Not tainted): Redzone overwritten");
	/* a second report: the kernel is now tainted (B: bad page) */
	p[24 + (unsigned int)(ALIGN(24, P) - 24)] = 1;
	printk_log_clear();
	kmem_cache_free(s, p);
	ck_assert_msg(log_has_line("BUG track (Tainted: G    B            ): "
				   "Redzone overwritten") ||
			      log_has_line("BUG track (Tainted: G    B         "
					   "   ): Object already free"),
		      "after a report the kernel is tainted: the next one "
		      "says \"Tainted: G    B            \"");
	__smp_processor_id = 0;
}
END_TEST

START_TEST(slabinfo_format)
{
	struct kmem_cache *s = make("slabinfo_t", 24, 0, 0, NULL);
	char buf[8192];
	struct seq_file m;

	for (int i = 0; i < 3; i++)
		kmem_cache_alloc(s, GFP_KERNEL);
	seq_init(&m, buf, sizeof(buf));
	slabinfo_show(&m);
	ck_assert_msg(!strncmp(buf,
			       "slabinfo - version: 2.1\n"
			       "# name            <active_objs> <num_objs> "
			       "<objsize> <objperslab> <pagesperslab> : "
			       "tunables <limit> <batchcount> <sharedfactor> "
			       ": slabdata <active_slabs> <num_slabs> "
			       "<sharedavail>\n",
			       strlen("slabinfo - version: 2.1\n") + 1),
		      "the header of 5.10's /proc/slabinfo, got:\n%.200s", buf);
	ck_assert_msg(strstr(buf, "slabinfo_t           170    170     24 "
				  " 170    1 : tunables    0    0    0 : "
				  "slabdata      1      1      0\n"),
		      "a cache line: name, active and all objects (a CPU's "
		      "slab counts as active), size, per slab, pages; got:\n%s",
		      buf);
	ck_assert_msg(strstr(buf, "\nkmem_cache "),
		      "kmem_cache, the cache of caches, is listed");
}
END_TEST

#define NCACHES 4
START_TEST(random_operations_keep_accounting)
{
	static const unsigned int sizes[NCACHES] = { 16, 100, 600, 2000 };
	static const slab_flags_t flags[NCACHES] = { 0, SLAB_HWCACHE_ALIGN,
						     DEBUG_FLAGS, 0 };
	struct kmem_cache *caches[NCACHES];
	static void *objs[NCACHES][400];
	int nr[NCACHES] = { 0 };
	unsigned int seed = 1313;
	unsigned long before = free_pages_now();
	long ops = 1000000;

	ktest_rng = seed;
	for (int i = 0; i < NCACHES; i++)
		caches[i] = make("rand", sizes[i], 0, flags[i], NULL);
	for (long op = 0; op < ops; op++) {
		unsigned int r = ktest_rand();
		int i = r % NCACHES;

		__smp_processor_id = (r >> 4) % NR_CPUS;
		if (nr[i] < 400 && ((r >> 8) % 100 < 55 || !nr[i])) {
			unsigned int *o =
				kmem_cache_alloc(caches[i], GFP_KERNEL);

			ck_assert_msg(o, "seed %u op %ld: allocation failed",
				      seed, op);
			o[0] = 0xc0de0000 + i;
			objs[i][nr[i]++] = o;
		} else {
			int k = (r >> 16) % nr[i];
			unsigned int *o = objs[i][k];

			ck_assert_msg(o[0] == 0xc0de0000u + i,
				      "seed %u op %ld: a live object of cache "
				      "%d was overwritten (handed out twice?)",
				      seed, op, i);
			objs[i][k] = objs[i][--nr[i]];
			kmem_cache_free(caches[i], o);
		}
		if (op % (ops / 20) == 0)
			for (int j = 0; j < NCACHES; j++)
				ktest_check_slab_cache(caches[j], nr[j], seed);
	}
	for (int i = 0; i < NCACHES; i++) {
		ktest_check_slab_cache(caches[i], nr[i], seed);
		while (nr[i])
			kmem_cache_free(caches[i], objs[i][--nr[i]]);
		ktest_check_slab_cache(caches[i], 0, seed);
		kmem_cache_destroy(caches[i]);
	}
	__smp_processor_id = 0;
	ck_assert_msg(free_pages_now() == before,
		      "seed %u: after freeing every object and destroying "
		      "the caches, %lu pages are free, expected %lu",
		      seed, free_pages_now(), before);
}
END_TEST

KTEST_SUITE(ch13) = {
	.chapter = "13",
	.title = "Slab, slob and slub",
	.boot = ktest_boot_slab,
	.early_boot = ktest_boot_rmem_cma,
	.early_tests = KTESTS(objects_per_slab, red_zone_and_track_layout),
	.timeout = 60,
	.tests = KTESTS(
		objects_per_slab, red_zone_and_track_layout,
		alignment_and_hwcache_align, ctor_once_per_object,
		fast_path_is_lifo_through_the_object,
		multi_page_slab_is_compound, min_partial_empty_slabs_kept,
		min_partial_in_slab_free, partial_slab_reused_before_new_slab,
		each_cpu_has_its_own_slab, destroy_returns_every_page,
		destroy_with_objects_reports,
		redzone_overwritten_reported_and_fixed,
		poison_overwritten_after_free, ctor_cache_is_not_poisoned,
		alignment_padding_overwritten_reported,
		live_object_is_all_the_users, double_free_reported,
		freepointer_corrupt_reported, store_user_tracks_and_taints,
		slabinfo_format, random_operations_keep_accounting),
};
