// SPDX-License-Identifier: GPL-2.0
/*
 * SLUB: the slab allocator of Linux since 2.6.23 (mm/slub.c).
 *
 * A slab is one compound page (order 0 to 3) cut into objects of one
 * size.  A free object holds, at s->offset, the address of the next
 * free object of its slab: the slab's free list costs no memory.
 *
 *   kmem_cache_cpu (one per CPU)   page: the CPU's slab; freelist: the
 *                                  objects only this CPU takes from;
 *                                  partial: a few more slabs, frozen
 *   kmem_cache_node                partial: slabs with free objects that
 *                                  no CPU holds, at least min_partial
 *                                  of them kept even when empty
 *
 * The fast path (slab_alloc_node, do_slab_free) pops and pushes the CPU
 * freelist.  The slow path (___slab_alloc) refills it: the rest of the
 * CPU's slab, then a CPU partial slab, then a node partial slab, then a
 * new slab from the page allocator.  A free to a slab the CPU does not
 * hold goes through __slab_free, which moves the slab between lists and
 * gives an empty one back to the page allocator.
 *
 * SIMPLIFIED(v5.10 mm/slub.c): the simulated CPUs run one at a time,
 * so the lockless cmpxchg_double updates are plain stores and there are
 * no locks; one memory node; no NUMA, memcg, KASAN, kfence, freelist
 * randomisation or hardening (the free pointer is stored as is), no
 * sysfs, no cache merging (as with slab_nomerge), no stack traces in
 * the tracking records.
 */
#include <linux/errno.h>
#include <string.h>
#include <linux/bug.h>
#include <linux/gfp.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/panic.h>
#include <linux/poison.h>
#include <linux/slab.h>
#include <linux/slub_def.h>
#include "slab.h"

#define _RET_IP_ ((unsigned long)__builtin_return_address(0))
#define NUMA_NO_NODE (-1)

/* Empty slabs a node keeps (set_min_partial: ilog2(size) / 2, clamped). */
#define MIN_PARTIAL 5
#define MAX_PARTIAL 10

#define OO_SHIFT 16
#define OO_MASK ((1 << OO_SHIFT) - 1)
#define MAX_OBJS_PER_PAGE 32767 /* since page.objects is u15 */

#define DEACTIVATE_TO_HEAD 0
#define DEACTIVATE_TO_TAIL 1

static unsigned int slub_min_order;
static unsigned int slub_max_order = 3; /* PAGE_ALLOC_COSTLY_ORDER */
static unsigned int slub_min_objects;
#define nr_cpu_ids NR_CPUS

/* Who allocated and freed an object (SLAB_STORE_USER). */
struct track {
	unsigned long addr; /* called from address */
	int cpu; /* was running on cpu */
	int pid; /* pid context */
	unsigned long when; /* when did the operation occur (jiffies) */
};

enum track_item { TRACK_ALLOC, TRACK_FREE };

static inline bool kmem_cache_debug(struct kmem_cache *s)
{
	return kmem_cache_debug_flags(s, SLAB_DEBUG_FLAGS);
}

/* Debug caches give every free back to the node: no CPU partial lists. */
static inline bool kmem_cache_has_cpu_partial(struct kmem_cache *s)
{
	return !kmem_cache_debug(s);
}

static inline struct kmem_cache_cpu *this_cpu_ptr(struct kmem_cache *s)
{
	return &s->cpu_slab[smp_processor_id()];
}

//> ch13 freepointer
/* The next free object after @object: the word at s->offset. */
void *get_freepointer(struct kmem_cache *s, void *object)
{
	return *(void **)((char *)object + s->offset);
}

static inline void set_freepointer(struct kmem_cache *s, void *object, void *fp)
{
	*(void **)((char *)object + s->offset) = fp;
}
//< ch13 freepointer

#define for_each_object(__p, __s, __addr, __objects)                     \
	for (__p = fixup_red_left(__s, __addr);                          \
	     (char *)__p < (char *)(__addr) + (__objects) * (__s)->size; \
	     __p = (char *)__p + (__s)->size)

static inline unsigned int order_objects(unsigned int order, unsigned int size)
{
	return (unsigned int)(PAGE_SIZE << order) / size;
}

static inline struct kmem_cache_order_objects oo_make(unsigned int order,
						      unsigned int size)
{
	struct kmem_cache_order_objects x = { (order << OO_SHIFT) +
					      order_objects(order, size) };

	return x;
}

unsigned int oo_order(struct kmem_cache_order_objects x)
{
	return x.x >> OO_SHIFT;
}

unsigned int oo_objects(struct kmem_cache_order_objects x)
{
	return x.x & OO_MASK;
}

static inline unsigned long next_tid(unsigned long tid)
{
	return tid + NR_CPUS;
}

/* ---- debugging: red zones, poison, tracking, reports ---- */

/* With SLAB_RED_ZONE an object starts red_left_pad bytes into its slot. */
static inline void *fixup_red_left(struct kmem_cache *s, void *p)
{
	if (kmem_cache_debug_flags(s, SLAB_RED_ZONE))
		p = (char *)p + s->red_left_pad;
	return p;
}

static inline void *restore_red_left(struct kmem_cache *s, void *p)
{
	if (s->flags & SLAB_RED_ZONE)
		p = (char *)p - s->red_left_pad;
	return p;
}

static inline unsigned int size_from_object(struct kmem_cache *s)
{
	if (s->flags & SLAB_RED_ZONE)
		return s->size - s->red_left_pad;
	return s->size;
}

/* Is the free pointer stored past the object (poison, ctor)? */
static inline bool freeptr_outside_object(struct kmem_cache *s)
{
	return s->offset >= s->inuse;
}

/* Where the tracking records start. */
static inline unsigned int get_info_end(struct kmem_cache *s)
{
	if (freeptr_outside_object(s))
		return s->inuse + sizeof(void *);
	return s->inuse;
}

/* Does @object point at the start of an object of @page? */
static inline int check_valid_pointer(struct kmem_cache *s, struct page *page,
				      void *object)
{
	char *base;

	if (!object)
		return 1;
	base = page_address(page);
	object = restore_red_left(s, object);
	if ((char *)object < base ||
	    (char *)object >= base + page->objects * s->size ||
	    ((char *)object - base) % s->size)
		return 0;
	return 1;
}

/* print_hex_dump(level, text, DUMP_PREFIX_ADDRESS, 16, 1, addr, len, 1) */
static void print_section(const char *level, const char *text, u8 *addr,
			  unsigned int length)
{
	for (unsigned int i = 0; i < length; i += 16) {
		unsigned int len = min(16U, length - i);
		char line[80];
		int lx = 0;

		for (unsigned int j = 0; j < len; j++)
			lx += scnprintf(line + lx, sizeof(line) - lx, "%02x%s",
					addr[i + j], j + 1 < len ? " " : "");
		while (lx < 49)
			line[lx++] = ' ';
		for (unsigned int j = 0; j < len; j++) {
			u8 ch = addr[i + j];

			line[lx++] = ch >= 0x20 && ch < 0x7f ? (char)ch : '.';
		}
		line[lx] = 0;
		/* every caller passes KERN_ERR */
		(void)level;
		pr_err("%s%p: %s\n", text, addr + i, line);
	}
}

static struct track *get_track(struct kmem_cache *s, void *object,
			       enum track_item alloc)
{
	struct track *p = (struct track *)((char *)object + get_info_end(s));

	return p + alloc;
}

/*
 * SIMPLIFIED(v5.10 mm/slub.c: set_track): no stack trace (addrs[]); pid
 * is 0, the one task our kernel has.
 */
static void set_track(struct kmem_cache *s, void *object, enum track_item alloc,
		      unsigned long addr)
{
	struct track *p = get_track(s, object, alloc);

	if (addr) {
		p->addr = addr;
		p->cpu = smp_processor_id();
		p->pid = 0;
		p->when = jiffies;
	} else {
		memset(p, 0, sizeof(struct track));
	}
}

static void init_tracking(struct kmem_cache *s, void *object)
{
	if (!(s->flags & SLAB_STORE_USER))
		return;
	set_track(s, object, TRACK_FREE, 0UL);
	set_track(s, object, TRACK_ALLOC, 0UL);
}

/* %pS: Linux prints the caller as symbol+offset; ours, as an address. */
static void print_track(const char *s, struct track *t, unsigned long pr_time)
{
	if (!t->addr)
		return;
	pr_err("INFO: %s in %pS age=%lu cpu=%u pid=%d\n", s, (void *)t->addr,
	       pr_time - t->when, t->cpu, t->pid);
}

static void print_tracking(struct kmem_cache *s, void *object)
{
	unsigned long pr_time = jiffies;

	if (!(s->flags & SLAB_STORE_USER))
		return;
	print_track("Allocated", get_track(s, object, TRACK_ALLOC), pr_time);
	print_track("Freed", get_track(s, object, TRACK_FREE), pr_time);
}

static void print_page_info(struct page *page)
{
	pr_err("INFO: Slab 0x%p objects=%u used=%u fp=0x%p flags=0x%04lx\n",
	       page, page->objects, page->inuse, page->freelist, page->flags);
}

//> ch13 slab_bug
static __printf(2, 3) void slab_bug(struct kmem_cache *s, const char *fmt, ...)
{
	char buf[100];
	va_list args;

	va_start(args, fmt);
	vscnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	pr_err("=========================================================="
	       "===================\n");
	pr_err("BUG %s (%s): %s\n", s->name, print_tainted(), buf);
	pr_err("----------------------------------------------------------"
	       "-------------------\n\n");
	add_taint(TAINT_BAD_PAGE);
}

/* slab_fix - say what was done to repair; the kernel then goes on */
static __printf(2, 3) void slab_fix(struct kmem_cache *s, const char *fmt, ...)
{
	char buf[100];
	va_list args;

	va_start(args, fmt);
	vscnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	pr_err("FIX %s: %s\n", s->name, buf);
}
//< ch13 slab_bug

/* SIMPLIFIED(v5.10 mm/slub.c): dump_stack() prints nothing here. */
static void print_trailer(struct kmem_cache *s, struct page *page, u8 *p)
{
	unsigned int off; /* offset of last byte */
	u8 *addr = page_address(page);

	print_tracking(s, p);
	print_page_info(page);
	pr_err("INFO: Object 0x%p @offset=%tu fp=0x%p\n\n", p, p - addr,
	       get_freepointer(s, p));
	if (s->flags & SLAB_RED_ZONE)
		print_section(KERN_ERR, "Redzone ", p - s->red_left_pad,
			      s->red_left_pad);
	else if (p > addr + 16)
		print_section(KERN_ERR, "Bytes b4 ", p - 16, 16);
	print_section(KERN_ERR, "Object ", p,
		      min_t(unsigned int, s->object_size, PAGE_SIZE));
	if (s->flags & SLAB_RED_ZONE)
		print_section(KERN_ERR, "Redzone ", p + s->object_size,
			      s->inuse - s->object_size);
	off = get_info_end(s);
	if (s->flags & SLAB_STORE_USER)
		off += 2 * sizeof(struct track);
	if (off != size_from_object(s))
		/* Beginning of the filler is the free pointer */
		print_section(KERN_ERR, "Padding ", p + off,
			      size_from_object(s) - off);
}

static void object_err(struct kmem_cache *s, struct page *page, u8 *object,
		       const char *reason)
{
	slab_bug(s, "%s", reason);
	print_trailer(s, page, object);
}

static __printf(3, 4) void slab_err(struct kmem_cache *s, struct page *page,
				    const char *fmt, ...)
{
	va_list args;
	char buf[100];

	va_start(args, fmt);
	vscnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	slab_bug(s, "%s", buf);
	print_page_info(page);
}

/* Fill the red zones with @val; poison a free object's bytes. */
static void init_object(struct kmem_cache *s, void *object, u8 val)
{
	u8 *p = object;

	if (s->flags & SLAB_RED_ZONE)
		memset(p - s->red_left_pad, val, s->red_left_pad);
	if (s->flags & __OBJECT_POISON) {
		memset(p, POISON_FREE, s->object_size - 1);
		p[s->object_size - 1] = POISON_END;
	}
	if (s->flags & SLAB_RED_ZONE)
		memset(p + s->object_size, val, s->inuse - s->object_size);
}

static void restore_bytes(struct kmem_cache *s, const char *message, u8 data,
			  void *from, void *to)
{
	(void)message;
	slab_fix(s, "Restoring 0x%p-0x%p=0x%x\n", from, (char *)to - 1, data);
	memset(from, data, (char *)to - (char *)from);
}

/* The first byte of [start, start + bytes) that is not @c, or NULL. */
static u8 *memchr_inv(u8 *start, int c, unsigned int bytes)
{
	for (unsigned int i = 0; i < bytes; i++)
		if (start[i] != (u8)c)
			return start + i;
	return NULL;
}

//> ch13 check_bytes_and_report
/*
 * check_bytes_and_report - every byte of [start, start + bytes) must be
 * @value; if not, report "<what> overwritten" with the damaged range,
 * then restore it (slab_fix) so that the kernel can go on.
 * Return: 1 if the bytes were intact.
 */
static int check_bytes_and_report(struct kmem_cache *s, struct page *page,
				  u8 *object, const char *what, u8 *start,
				  unsigned int value, unsigned int bytes)
{
	u8 *fault;
	u8 *end;
	u8 *addr = page_address(page);

	fault = memchr_inv(start, value, bytes);
	if (!fault)
		return 1;
	end = start + bytes;
	while (end > fault && end[-1] == value)
		end--;
	slab_bug(s, "%s overwritten", what);
	pr_err("INFO: 0x%p-0x%p @offset=%tu. First byte 0x%x instead of "
	       "0x%x\n",
	       fault, end - 1, fault - addr, fault[0], value);
	print_trailer(s, page, object);
	restore_bytes(s, what, value, fault, end);
	return 0;
}
//< ch13 check_bytes_and_report

static int check_pad_bytes(struct kmem_cache *s, struct page *page, u8 *p)
{
	unsigned long off = get_info_end(s); /* the end of info */

	if (s->flags & SLAB_STORE_USER)
		off += 2 * sizeof(struct track);
	if (size_from_object(s) == off)
		return 1;
	return check_bytes_and_report(s, page, p, "Object padding", p + off,
				      POISON_INUSE, size_from_object(s) - off);
}

/* The bytes past the last object of a slab keep POISON_INUSE. */
static int slab_pad_check(struct kmem_cache *s, struct page *page)
{
	u8 *start, *fault, *end, *pad;
	int length, remainder;

	if (!(s->flags & SLAB_POISON))
		return 1;
	start = page_address(page);
	length = page_size(page);
	end = start + length;
	remainder = length % s->size;
	if (!remainder)
		return 1;
	pad = end - remainder;
	fault = memchr_inv(pad, POISON_INUSE, remainder);
	if (!fault)
		return 1;
	while (end > fault && end[-1] == POISON_INUSE)
		end--;
	slab_err(s, page, "Padding overwritten. 0x%p-0x%p @offset=%tu", fault,
		 end - 1, fault - start);
	print_section(KERN_ERR, "Padding ", pad, remainder);
	restore_bytes(s, "slab padding", POISON_INUSE, fault, end);
	return 0;
}

/**
 * check_object - are the guards of @object intact?
 * @val: SLUB_RED_ACTIVE for a live object, SLUB_RED_INACTIVE for a free
 *
 * The red zones left and right of the object must hold @val; a free,
 * poisoned object must be POISON_FREE up to its last byte, POISON_END;
 * a free object's free pointer must point into its slab.
 * Return: 1 if all is well.
 */
//> ch13 check_object
static int check_object(struct kmem_cache *s, struct page *page, void *object,
			u8 val)
{
	/* TODO(ch13): red zones (both sides), poison and the free
	   pointer, through check_bytes_and_report(); see
	   chapters/13-slub.md, "Catching misuse". */
	(void)s, (void)page, (void)object, (void)val;
	(void)check_pad_bytes;
	return 1;
}
//< ch13 check_object

static int check_slab(struct kmem_cache *s, struct page *page)
{
	int maxobj;

	if (!PageSlab(page)) {
		slab_err(s, page, "Not a valid slab page");
		return 0;
	}
	maxobj = order_objects(compound_order(page), s->size);
	if (page->objects > maxobj) {
		slab_err(s, page, "objects %u > max %u", page->objects, maxobj);
		return 0;
	}
	if (page->inuse > page->objects) {
		slab_err(s, page, "inuse %u > max %u", page->inuse,
			 page->objects);
		return 0;
	}
	/* slab_pad_check fixes things up after itself */
	slab_pad_check(s, page);
	return 1;
}

/* Is @search on the slab's free list?  Repairs a broken list. */
static int on_freelist(struct kmem_cache *s, struct page *page, void *search)
{
	int nr = 0;
	void *fp;
	void *object = NULL;
	int max_objects;

	fp = page->freelist;
	while (fp && nr <= page->objects) {
		if (fp == search)
			return 1;
		if (!check_valid_pointer(s, page, fp)) {
			if (object) {
				object_err(s, page, object,
					   "Freechain corrupt");
				set_freepointer(s, object, NULL);
			} else {
				slab_err(s, page, "Freepointer corrupt");
				page->freelist = NULL;
				page->inuse = page->objects;
				slab_fix(s, "Freelist cleared");
				return 0;
			}
			break;
		}
		object = fp;
		fp = get_freepointer(s, object);
		nr++;
	}
	max_objects = order_objects(compound_order(page), s->size);
	if (max_objects > MAX_OBJS_PER_PAGE)
		max_objects = MAX_OBJS_PER_PAGE;
	if (page->objects != max_objects) {
		slab_err(s, page,
			 "Wrong number of objects. Found %d but should be %d",
			 page->objects, max_objects);
		page->objects = max_objects;
		slab_fix(s, "Number of objects adjusted.");
	}
	if (page->inuse != page->objects - nr) {
		slab_err(s, page,
			 "Wrong object count. Counter is %d but counted were "
			 "%d",
			 page->inuse, page->objects - nr);
		page->inuse = page->objects - nr;
		slab_fix(s, "Object count adjusted.");
	}
	return search == NULL;
}

/* Full slabs are listed only for SLAB_STORE_USER (to find them all). */
static void add_full(struct kmem_cache *s, struct kmem_cache_node *n,
		     struct page *page)
{
	if (!(s->flags & SLAB_STORE_USER))
		return;
	list_add(&page->slab_list, &n->full);
}

static void remove_full(struct kmem_cache *s, struct kmem_cache_node *n,
			struct page *page)
{
	(void)n;
	if (!(s->flags & SLAB_STORE_USER))
		return;
	list_del(&page->slab_list);
}

static inline void inc_slabs_node(struct kmem_cache *s, int node, int objects)
{
	struct kmem_cache_node *n = get_node(s, node);

	n->nr_slabs++;
	n->total_objects += objects;
}

static inline void dec_slabs_node(struct kmem_cache *s, int node, int objects)
{
	struct kmem_cache_node *n = get_node(s, node);

	n->nr_slabs--;
	n->total_objects -= objects;
}

static void setup_object_debug(struct kmem_cache *s, struct page *page,
			       void *object)
{
	(void)page;
	if (!kmem_cache_debug_flags(s, SLAB_STORE_USER | SLAB_RED_ZONE |
					       __OBJECT_POISON))
		return;
	init_object(s, object, SLUB_RED_INACTIVE);
	init_tracking(s, object);
}

static void setup_page_debug(struct kmem_cache *s, struct page *page,
			     void *addr)
{
	if (!kmem_cache_debug_flags(s, SLAB_POISON))
		return;
	memset(addr, POISON_INUSE, page_size(page));
}

static int alloc_consistency_checks(struct kmem_cache *s, struct page *page,
				    void *object)
{
	if (!check_slab(s, page))
		return 0;
	if (!check_valid_pointer(s, page, object)) {
		object_err(s, page, object, "Freelist Pointer check fails");
		return 0;
	}
	if (!check_object(s, page, object, SLUB_RED_INACTIVE))
		return 0;
	return 1;
}

static int alloc_debug_processing(struct kmem_cache *s, struct page *page,
				  void *object, unsigned long addr)
{
	if (s->flags & SLAB_CONSISTENCY_CHECKS) {
		if (!alloc_consistency_checks(s, page, object))
			goto bad;
	}
	/* success: perform special debug activities for allocs */
	if (s->flags & SLAB_STORE_USER)
		set_track(s, object, TRACK_ALLOC, addr);
	init_object(s, object, SLUB_RED_ACTIVE);
	return 1;
bad:
	if (PageSlab(page)) {
		/*
		 * If this is a slab page then lets do the best we can to
		 * avoid issues in the future: mark all objects as used.
		 */
		slab_fix(s, "Marking all objects used");
		page->inuse = page->objects;
		page->freelist = NULL;
	}
	return 0;
}

static int free_consistency_checks(struct kmem_cache *s, struct page *page,
				   void *object, unsigned long addr)
{
	(void)addr;
	if (!check_valid_pointer(s, page, object)) {
		slab_err(s, page, "Invalid object pointer 0x%p", object);
		return 0;
	}
	if (on_freelist(s, page, object)) {
		object_err(s, page, object, "Object already free");
		return 0;
	}
	if (!check_object(s, page, object, SLUB_RED_ACTIVE))
		return 0;
	if (unlikely(s != page->slab_cache)) {
		if (!PageSlab(page)) {
			slab_err(s, page,
				 "Attempt to free object(0x%p) outside of "
				 "slab",
				 object);
		} else if (!page->slab_cache) {
			pr_err("SLUB <none>: no slab for object 0x%p.\n",
			       object);
		} else {
			object_err(s, page, object,
				   "page slab pointer corrupt.");
		}
		return 0;
	}
	return 1;
}

/* Supports a list of objects head..tail (bulk free); we free one. */
static int free_debug_processing(struct kmem_cache *s, struct page *page,
				 void *head, void *tail, int bulk_cnt,
				 unsigned long addr)
{
	void *object = head;
	int cnt = 0;
	int ret = 0;

	if (s->flags & SLAB_CONSISTENCY_CHECKS) {
		if (!check_slab(s, page))
			goto out;
	}
next_object:
	cnt++;
	if (s->flags & SLAB_CONSISTENCY_CHECKS) {
		if (!free_consistency_checks(s, page, object, addr))
			goto out;
	}
	if (s->flags & SLAB_STORE_USER)
		set_track(s, object, TRACK_FREE, addr);
	init_object(s, object, SLUB_RED_INACTIVE);
	/* reached end of constructed freelist yet? */
	if (object != tail) {
		object = get_freepointer(s, object);
		goto next_object;
	}
	ret = 1;
out:
	if (cnt != bulk_cnt)
		slab_err(s, page, "Bulk freelist count(%d) invalid(%d)\n",
			 bulk_cnt, cnt);
	if (!ret)
		slab_fix(s, "Object at 0x%p not freed", object);
	return ret;
}

/* ---- slabs: made from and given back to the page allocator ---- */

static void *setup_object(struct kmem_cache *s, struct page *page, void *object)
{
	setup_object_debug(s, page, object);
	if (unlikely(s->ctor))
		s->ctor(object);
	return object;
}

static struct page *alloc_slab_page(struct kmem_cache *s, gfp_t flags,
				    struct kmem_cache_order_objects oo)
{
	(void)s;
	return alloc_pages(flags, oo_order(oo));
}

//> ch13 allocate_slab
static struct page *allocate_slab(struct kmem_cache *s, gfp_t flags, int node)
{
	struct page *page;
	struct kmem_cache_order_objects oo = s->oo;
	gfp_t alloc_gfp;
	void *start, *p, *next;
	int idx;

	(void)node;
	flags |= s->allocflags;
	/* Let the initial higher-order allocation fail under pressure:
	   no warning, no retry, and no reclaim when a smaller order would
	   do, so that we fall back to the minimum order. */
	alloc_gfp = (flags | __GFP_NOWARN | __GFP_NORETRY) & ~__GFP_NOFAIL;
	if ((alloc_gfp & __GFP_DIRECT_RECLAIM) &&
	    oo_order(oo) > oo_order(s->min))
		alloc_gfp = (alloc_gfp | __GFP_NOMEMALLOC) &
			    ~(__GFP_RECLAIM | __GFP_NOFAIL);
	page = alloc_slab_page(s, alloc_gfp, oo);
	if (unlikely(!page)) {
		oo = s->min;
		alloc_gfp = flags;
		/* the smallest order that holds one object */
		page = alloc_slab_page(s, alloc_gfp, oo);
		if (unlikely(!page))
			return NULL;
	}
	page->objects = oo_objects(oo);
	page->slab_cache = s;
	__SetPageSlab(page);
	start = page_address(page);
	setup_page_debug(s, page, start);
	/* thread the free list through the new objects, in address order */
	start = fixup_red_left(s, start);
	start = setup_object(s, page, start);
	page->freelist = start;
	for (idx = 0, p = start; idx < page->objects - 1; idx++) {
		next = (char *)p + s->size;
		next = setup_object(s, page, next);
		set_freepointer(s, p, next);
		p = next;
	}
	set_freepointer(s, p, NULL);
	page->inuse = page->objects;
	page->frozen = 1;
	inc_slabs_node(s, 0, page->objects);
	return page;
}
//< ch13 allocate_slab

static struct page *new_slab(struct kmem_cache *s, gfp_t flags, int node)
{
	/* __GFP_ZERO is for the object (slab_alloc_node), not the slab */
	return allocate_slab(s, flags & ~__GFP_ZERO, node);
}

static void __free_slab(struct kmem_cache *s, struct page *page)
{
	int order = compound_order(page);

	if (kmem_cache_debug_flags(s, SLAB_CONSISTENCY_CHECKS)) {
		void *p;

		slab_pad_check(s, page);
		for_each_object(p, s, page_address(page), page->objects)
			check_object(s, page, p, SLUB_RED_INACTIVE);
	}
	__ClearPageSlab(page);
	page->mapping = NULL; /* slab_cache */
	page->freelist = NULL; /* index */
	page->counters = 0; /* private */
	__free_pages(page, order);
}

static void discard_slab(struct kmem_cache *s, struct page *page)
{
	dec_slabs_node(s, 0, page->objects);
	__free_slab(s, page);
}

/* ---- the node's partial list ---- */

static inline void add_partial(struct kmem_cache_node *n, struct page *page,
			       int tail)
{
	n->nr_partial++;
	if (tail == DEACTIVATE_TO_TAIL)
		list_add_tail(&page->slab_list, &n->partial);
	else
		list_add(&page->slab_list, &n->partial);
}

static inline void remove_partial(struct kmem_cache_node *n, struct page *page)
{
	list_del(&page->slab_list);
	n->nr_partial--;
}

/*
 * acquire_slab - take a slab off the node's partial list, frozen
 * @mode: 1: the CPU will allocate from it (take its whole freelist);
 *        0: it goes to the CPU's partial list, its freelist stays.
 * Return: the slab's freelist.
 */
static inline void *acquire_slab(struct kmem_cache *s,
				 struct kmem_cache_node *n, struct page *page,
				 int mode, int *objects)
{
	void *freelist = page->freelist;

	(void)s;
	*objects = page->objects - page->inuse;
	if (mode) {
		page->inuse = page->objects;
		page->freelist = NULL;
	}
	VM_BUG_ON(page->frozen);
	page->frozen = 1;
	remove_partial(n, page);
	WARN_ON(!freelist);
	return freelist;
}

static void put_cpu_partial(struct kmem_cache *s, struct page *page, int drain);

static inline unsigned int slub_cpu_partial(struct kmem_cache *s)
{
	return s->cpu_partial;
}

/* Take slabs from the node: one for the CPU, more for its partial list. */
static void *get_partial_node(struct kmem_cache *s, struct kmem_cache_node *n,
			      struct kmem_cache_cpu *c, gfp_t flags)
{
	struct page *page, *page2;
	void *object = NULL;
	unsigned int available = 0;
	int objects;

	(void)flags;
	if (!n || !n->nr_partial)
		return NULL;
	list_for_each_entry_safe(page, page2, &n->partial, slab_list) {
		void *t = acquire_slab(s, n, page, object == NULL, &objects);

		available += objects;
		if (!object) {
			c->page = page;
			object = t;
		} else {
			put_cpu_partial(s, page, 0);
		}
		if (!kmem_cache_has_cpu_partial(s) ||
		    available > slub_cpu_partial(s) / 2)
			break;
	}
	return object;
}

static void *get_partial(struct kmem_cache *s, gfp_t flags, int node,
			 struct kmem_cache_cpu *c)
{
	(void)node;
	return get_partial_node(s, get_node(s, 0), c, flags);
}

/* ---- the CPU's slab and partial list ---- */

//> ch13 deactivate_slab
/*
 * deactivate_slab - the CPU lets go of its slab: give the objects of
 * @freelist back to the slab, unfreeze it, and put it where its state
 * says: free (empty, and the node has min_partial slabs already),
 * the node's partial list (some free), or nowhere (full).
 */
static void deactivate_slab(struct kmem_cache *s, struct page *page,
			    void *freelist, struct kmem_cache_cpu *c)
{
	struct kmem_cache_node *n = get_node(s, 0);
	int tail = DEACTIVATE_TO_HEAD;
	void *nextfree;

	if (page->freelist)
		tail = DEACTIVATE_TO_TAIL;
	/* return the CPU's free objects to the slab, one by one */
	while (freelist) {
		nextfree = get_freepointer(s, freelist);
		set_freepointer(s, freelist, page->freelist);
		page->freelist = freelist;
		page->inuse--;
		freelist = nextfree;
	}
	page->frozen = 0;
	if (!page->inuse && n->nr_partial >= s->min_partial)
		discard_slab(s, page);
	else if (page->freelist)
		add_partial(n, page, tail);
	else
		add_full(s, n, page);
	c->page = NULL;
	c->freelist = NULL;
}
//< ch13 deactivate_slab

/* Move the CPU's partial slabs to the node (or free the empty ones). */
static void unfreeze_partials(struct kmem_cache *s, struct kmem_cache_cpu *c)
{
	struct kmem_cache_node *n = get_node(s, 0);
	struct page *page, *discard_page = NULL;

	while ((page = c->partial)) {
		c->partial = page->next;
		page->frozen = 0;
		if (unlikely(!page->inuse && n->nr_partial >= s->min_partial)) {
			page->next = discard_page;
			discard_page = page;
		} else {
			add_partial(n, page, DEACTIVATE_TO_TAIL);
		}
	}
	while (discard_page) {
		page = discard_page;
		discard_page = discard_page->next;
		discard_slab(s, page);
	}
}

/*
 * put_cpu_partial - push a frozen slab onto this CPU's partial list
 * @drain: if the list already holds more than s->cpu_partial free
 *         objects, move it to the node first.
 * The head of the list counts the slabs (pages) and free objects
 * (pobjects) of the whole list.
 */
static void put_cpu_partial(struct kmem_cache *s, struct page *page, int drain)
{
	struct kmem_cache_cpu *c = this_cpu_ptr(s);
	struct page *oldpage = c->partial;
	int pages = 0;
	int pobjects = 0;

	if (oldpage) {
		pobjects = oldpage->pobjects;
		pages = oldpage->pages;
		if (drain && pobjects > (int)slub_cpu_partial(s)) {
			/* partial array is full: move it to the node */
			unfreeze_partials(s, c);
			oldpage = NULL;
			pobjects = 0;
			pages = 0;
		}
	}
	pages++;
	pobjects += page->objects - page->inuse;
	page->pages = pages;
	page->pobjects = pobjects;
	page->next = oldpage;
	c->partial = page;
	if (unlikely(!slub_cpu_partial(s)))
		unfreeze_partials(s, c);
}

static inline void flush_slab(struct kmem_cache *s, struct kmem_cache_cpu *c)
{
	deactivate_slab(s, c->page, c->freelist, c);
	c->tid = next_tid(c->tid);
}

static void __flush_cpu_slab(struct kmem_cache *s, int cpu)
{
	struct kmem_cache_cpu *c = &s->cpu_slab[cpu];

	if (c->page)
		flush_slab(s, c);
	unfreeze_partials(s, c);
}

/* flush_all - every CPU gives its slabs back (on_each_cpu in Linux) */
void flush_all(struct kmem_cache *s)
{
	int cpu;

	for_each_possible_cpu(cpu) __flush_cpu_slab(s, cpu);
}

/* ---- allocation ---- */

/* Take the slab's whole freelist for the CPU; unfreeze if it is empty. */
static inline void *get_freelist(struct kmem_cache *s, struct page *page)
{
	void *freelist = page->freelist;

	(void)s;
	VM_BUG_ON(!page->frozen);
	page->freelist = NULL;
	page->inuse = page->objects;
	page->frozen = freelist != NULL;
	return freelist;
}

static void slab_out_of_memory(struct kmem_cache *s, gfp_t gfpflags, int nid)
{
	struct kmem_cache_node *n;
	int node;

	if (gfpflags & __GFP_NOWARN)
		return;
	pr_warn("SLUB: Unable to allocate memory on node %d, gfp=%#x(%pGg)\n",
		nid, gfpflags, &gfpflags);
	pr_warn("  cache: %s, object size: %u, buffer size: %u, default "
		"order: %u, min order: %u\n",
		s->name, s->object_size, s->size, oo_order(s->oo),
		oo_order(s->min));
	if ((int)oo_order(s->min) > get_order(s->object_size))
		pr_warn("  %s debugging increased min order, use slub_debug=O "
			"to disable.\n",
			s->name);
	for_each_kmem_cache_node(s, node, n)
	{
		unsigned long nr_free = 0;
		struct page *page;

		list_for_each_entry(page, &n->partial, slab_list)
			nr_free += page->objects - page->inuse;
		pr_warn("  node %d: slabs: %ld, objs: %ld, free: %ld\n", node,
			n->nr_slabs, n->total_objects, nr_free);
	}
}

static inline void *new_slab_objects(struct kmem_cache *s, gfp_t flags,
				     int node, struct kmem_cache_cpu **pc)
{
	void *freelist;
	struct kmem_cache_cpu *c = *pc;
	struct page *page;

	WARN_ON_ONCE(s->ctor && (flags & __GFP_ZERO));
	freelist = get_partial(s, flags, node, c);
	if (freelist)
		return freelist;
	page = new_slab(s, flags, node);
	if (page) {
		c = this_cpu_ptr(s);
		if (c->page)
			flush_slab(s, c);
		/* no other reference to the page yet: take its freelist */
		freelist = page->freelist;
		page->freelist = NULL;
		c->page = page;
		*pc = c;
	}
	return freelist;
}

/**
 * ___slab_alloc - the slow path: the CPU's freelist is empty
 * @c: this CPU's kmem_cache_cpu
 *
 * In order: objects freed to the CPU's slab by other CPUs (its
 * page->freelist, get_freelist), the next slab of the CPU's partial
 * list, a slab of the node's partial list, a new slab.  A debug cache
 * hands out one object at a time through alloc_debug_processing and
 * gives the slab straight back (deactivate_slab): every allocation of
 * it comes here, so that every one is checked.
 * Return: an object, with c->freelist loaded with the rest.
 */
//> ch13 slab_alloc_slow
static void *___slab_alloc(struct kmem_cache *s, gfp_t gfpflags, int node,
			   unsigned long addr, struct kmem_cache_cpu *c)
{
	/* TODO(ch13): refill c->freelist: the slab's own freelist, the
	   CPU partial list, the node (new_slab_objects); see
	   chapters/13-slub.md, "The slow path". */
	(void)s, (void)gfpflags, (void)node, (void)addr, (void)c;
	(void)get_freelist, (void)new_slab_objects;
	(void)alloc_debug_processing, (void)slab_out_of_memory;
	return NULL;
}
//< ch13 slab_alloc_slow

/**
 * slab_alloc_node - allocate one object of @s
 * @addr: the caller, for SLAB_STORE_USER
 *
 * The fast path: pop the first object of this CPU's freelist; its
 * free pointer is the new head.  No lock: the list is the CPU's own.
 * When the list is empty (or the CPU has no slab), ___slab_alloc.
 */
//> ch13 slab_alloc_node
static __always_inline void *slab_alloc_node(struct kmem_cache *s,
					     gfp_t gfpflags, int node,
					     unsigned long addr)
{
	void *object;
	struct kmem_cache_cpu *c = this_cpu_ptr(s);

	/* TODO(ch13): pop c->freelist (get_freepointer gives the next
	   object); when it is empty call ___slab_alloc(); see
	   chapters/13-slub.md, "The fast path". */
	(void)node, (void)addr, (void)c, (void)___slab_alloc;
	object = NULL;
	if (unlikely(gfpflags & __GFP_ZERO) && object)
		memset(object, 0, s->object_size);
	return object;
}
//< ch13 slab_alloc_node

static __always_inline void *slab_alloc(struct kmem_cache *s, gfp_t gfpflags,
					unsigned long addr)
{
	return slab_alloc_node(s, gfpflags, NUMA_NO_NODE, addr);
}

/* kmem_cache_alloc - an object of @s (NULL if no memory) */
__attribute__((noinline)) void *kmem_cache_alloc(struct kmem_cache *s,
						 gfp_t gfpflags)
{
	return slab_alloc(s, gfpflags, _RET_IP_);
}

__attribute__((noinline)) void *
kmem_cache_alloc_trace(struct kmem_cache *s, gfp_t gfpflags, size_t size)
{
	(void)size;
	return slab_alloc(s, gfpflags, _RET_IP_);
}

/* ---- freeing ---- */

/**
 * __slab_free - free to a slab that is not this CPU's slab
 *
 * Push the object on the slab's own freelist (page->freelist) and
 * count it out of page->inuse.  Then the slab may change lists:
 *   - it was frozen (some CPU holds it): nothing more;
 *   - it was full (no freelist) and the cache has CPU partial lists:
 *     freeze it and put it on this CPU's partial list;
 *   - it is now empty and the node already keeps min_partial slabs:
 *     take it off its list and give it back to the page allocator;
 *   - it was full, in a cache without CPU partial lists (debug): it
 *     joins the node's partial list.
 */
//> ch13 slab_free_slow
static void __slab_free(struct kmem_cache *s, struct page *page, void *head,
			void *tail, int cnt, unsigned long addr)
{
	/* TODO(ch13): push onto page->freelist, update inuse, then move
	   the slab (CPU partial, node partial, or back to the page
	   allocator past min_partial); see chapters/13-slub.md,
	   "Freeing in the slow path". */
	(void)s, (void)page, (void)head, (void)tail, (void)cnt;
	(void)addr, (void)free_debug_processing, (void)remove_full;
}
//< ch13 slab_free_slow

//> ch13 do_slab_free
/*
 * do_slab_free - the fast path of a free: an object of this CPU's own
 * slab goes on the front of the CPU's freelist; any other goes to
 * __slab_free.
 */
static __always_inline void do_slab_free(struct kmem_cache *s,
					 struct page *page, void *head,
					 void *tail, int cnt,
					 unsigned long addr)
{
	void *tail_obj = tail ? tail : head;
	struct kmem_cache_cpu *c = this_cpu_ptr(s);

	/* TODO(ch13): an object of c->page goes on the front of
	   c->freelist (set_freepointer); others to __slab_free(); see
	   chapters/13-slub.md, "The fast path". */
	(void)s, (void)page, (void)tail_obj, (void)cnt, (void)addr;
	(void)c, (void)__slab_free;
}
//< ch13 do_slab_free

static __always_inline void slab_free(struct kmem_cache *s, struct page *page,
				      void *head, void *tail, int cnt,
				      unsigned long addr)
{
	/* with SLAB_POISON|RED_ZONE every free takes the checked path */
	do_slab_free(s, page, head, tail, cnt, addr);
}

/*
 * cache_from_obj - the cache @x really belongs to.  With consistency
 * checks, a kmem_cache_free() to the wrong cache is reported.
 */
static inline struct kmem_cache *cache_from_obj(struct kmem_cache *s, void *x)
{
	struct page *page;
	struct kmem_cache *cachep;

	if (!kmem_cache_debug_flags(s, SLAB_CONSISTENCY_CHECKS))
		return s;
	page = virt_to_head_page(x);
	if (WARN(!PageSlab(page), "%s: Object is not a Slab page!\n",
		 "virt_to_cache"))
		return NULL;
	cachep = page->slab_cache;
	WARN(cachep && cachep != s,
	     "%s: Wrong slab cache. %s but object is from %s\n",
	     "cache_from_obj", s->name, cachep->name);
	return cachep;
}

__attribute__((noinline)) void kmem_cache_free(struct kmem_cache *s, void *x)
{
	s = cache_from_obj(s, x);
	if (!s)
		return;
	slab_free(s, virt_to_head_page(x), x, NULL, 1, _RET_IP_);
}

/* ---- creating and destroying caches ---- */

//> ch13 calculate_order
/*
 * slab_order - the smallest order, from enough for @min_objects objects
 * up to @max_order, whose slab wastes at most 1/@fract_leftover of its
 * bytes at the end.
 */
static inline unsigned int slab_order(unsigned int size,
				      unsigned int min_objects,
				      unsigned int max_order,
				      unsigned int fract_leftover)
{
	unsigned int min_order = slub_min_order;
	unsigned int order;

	if (order_objects(min_order, size) > MAX_OBJS_PER_PAGE)
		return get_order(size * MAX_OBJS_PER_PAGE) - 1;
	for (order = max(min_order,
			 (unsigned int)get_order(min_objects * size));
	     order <= max_order; order++) {
		unsigned int slab_size = (unsigned int)PAGE_SIZE << order;
		unsigned int rem = slab_size % size;

		if (rem <= slab_size / fract_leftover)
			break;
	}
	return order;
}

//< ch13 calculate_order

//> ch13 calculate_order2
/*
 * calculate_order - the order of a cache's slabs: aim for
 * 4 * (fls(nr_cpu_ids) + 1) objects (16 with our 4 CPUs) wasting at
 * most 1/16 of the slab; accept 1/8, 1/4, then fewer objects, up to
 * slub_max_order (3).
 */
int calculate_order(unsigned int size)
{
	unsigned int order;
	unsigned int min_objects;
	unsigned int max_objects;

	min_objects = slub_min_objects;
	if (!min_objects)
		min_objects = 4 * (ilog2(nr_cpu_ids) + 1 + 1); /* fls */
	max_objects = order_objects(slub_max_order, size);
	min_objects = min(min_objects, max_objects);
	while (min_objects > 1) {
		unsigned int fraction = 16;

		while (fraction >= 4) {
			order = slab_order(size, min_objects, slub_max_order,
					   fraction);
			if (order <= slub_max_order)
				return order;
			fraction /= 2;
		}
		min_objects--;
	}
	/* one object per slab, within slub_max_order */
	order = slab_order(size, 1, slub_max_order, 1);
	if (order <= slub_max_order)
		return order;
	/* doesn't fit: try the largest order the page allocator has */
	order = slab_order(size, 1, MAX_ORDER, 1);
	if (order < MAX_ORDER)
		return order;
	return -ENOSYS;
}
//< ch13 calculate_order2

/**
 * calculate_sizes - lay out one object of @s and choose the slab order
 *
 * From s->object_size and s->flags: the free pointer's offset, where
 * the metadata starts (s->inuse), the red zones, the tracking records,
 * the full slot s->size aligned to s->align; then the order and the
 * objects per slab (s->oo).
 * Return: 1 on success, 0 if no slab can hold an object.
 */
//> ch13 calculate_sizes
int calculate_sizes(struct kmem_cache *s, int forced_order)
{
	slab_flags_t flags = s->flags;
	unsigned int size = s->object_size;
	unsigned int order;

	/* TODO(ch13): s->offset, s->inuse, s->red_left_pad and s->size
	   from s->object_size, s->align and the flags; see
	   chapters/13-slub.md, "Laying out an object". */
	(void)flags, (void)size;
	return 0;
	//< ch13 calculate_sizes
	//> ch13 calculate_sizes_order
	/* the order of a slab, and the objects it holds */
	if (forced_order >= 0)
		order = forced_order;
	else
		order = calculate_order(size);
	if ((int)order < 0)
		return 0;
	s->allocflags = 0;
	if (order)
		s->allocflags |= __GFP_COMP;
	s->oo = oo_make(order, size);
	s->min = oo_make(get_order(size), size);
	if (oo_objects(s->oo) > oo_objects(s->max))
		s->max = s->oo;
	return !!oo_objects(s->oo);
}
//< ch13 calculate_sizes_order

static void set_min_partial(struct kmem_cache *s, unsigned long min)
{
	if (min < MIN_PARTIAL)
		min = MIN_PARTIAL;
	else if (min > MAX_PARTIAL)
		min = MAX_PARTIAL;
	s->min_partial = min;
}

/* How many free objects a CPU keeps on its partial list. */
static void set_cpu_partial(struct kmem_cache *s)
{
	if (!kmem_cache_has_cpu_partial(s))
		s->cpu_partial = 0;
	else if (s->size >= PAGE_SIZE)
		s->cpu_partial = 2;
	else if (s->size >= 1024)
		s->cpu_partial = 6;
	else if (s->size >= 256)
		s->cpu_partial = 13;
	else
		s->cpu_partial = 30;
}

static void init_kmem_cache_node(struct kmem_cache_node *n)
{
	n->nr_partial = 0;
	INIT_LIST_HEAD(&n->partial);
	n->nr_slabs = 0;
	n->total_objects = 0;
	INIT_LIST_HEAD(&n->full);
}

enum slab_state slab_state;
struct kmem_cache *kmem_cache_node;

/*
 * SIMPLIFIED(v5.10 mm/slub.c: early_kmem_cache_node_alloc): the two
 * boot caches take their node structures from static storage instead
 * of carving the first one out of their own first slab.
 */
static struct kmem_cache_node boot_nodes[2];
static int nr_boot_nodes;

static int init_kmem_cache_nodes(struct kmem_cache *s)
{
	struct kmem_cache_node *n;

	if (slab_state == DOWN) {
		BUG_ON(nr_boot_nodes >= (int)ARRAY_SIZE(boot_nodes));
		n = &boot_nodes[nr_boot_nodes++];
	} else {
		n = kmem_cache_alloc(kmem_cache_node, GFP_KERNEL);
		if (!n)
			return 0;
	}
	init_kmem_cache_node(n);
	s->node[0] = n;
	return 1;
}

static void free_kmem_cache_nodes(struct kmem_cache *s)
{
	struct kmem_cache_node *n = s->node[0];

	s->node[0] = NULL;
	if (n && (n < boot_nodes || n >= boot_nodes + ARRAY_SIZE(boot_nodes)))
		kmem_cache_free(kmem_cache_node, n);
}

void __kmem_cache_release(struct kmem_cache *s)
{
	free_kmem_cache_nodes(s);
}

/* kmem_cache_open: lay out the objects, then the per-node structure. */
int __kmem_cache_create(struct kmem_cache *s, slab_flags_t flags)
{
	s->flags = flags;
	if (!calculate_sizes(s, -1))
		goto error;
	/* the larger the object, the more partial slabs a node keeps */
	set_min_partial(s, ilog2(s->size) / 2);
	set_cpu_partial(s);
	if (!init_kmem_cache_nodes(s))
		goto error;
	memset(s->cpu_slab, 0, sizeof(s->cpu_slab));
	for (int cpu = 0; cpu < NR_CPUS; cpu++)
		s->cpu_slab[cpu].tid = cpu; /* init_tid */
	return 0;
error:
	return -EINVAL;
}

/*
 * Attempt to free all partial slabs; report the objects still in use
 * (free_partial, list_slab_objects).
 */
static void list_slab_objects(struct kmem_cache *s, struct page *page,
			      const char *text)
{
	void *addr = page_address(page);
	void *p;

	slab_err(s, page, text, s->name);
	for_each_object(p, s, addr, page->objects)
	{
		if (!on_freelist(s, page, p))
			pr_err("INFO: Object 0x%p @offset=%tu\n", p,
			       (char *)p - (char *)addr);
	}
}

static void free_partial(struct kmem_cache *s, struct kmem_cache_node *n)
{
	LIST_HEAD(discard);
	struct page *page, *h;

	list_for_each_entry_safe(page, h, &n->partial, slab_list) {
		if (!page->inuse) {
			remove_partial(n, page);
			list_add(&page->slab_list, &discard);
		} else {
			list_slab_objects(s, page,
					  "Objects remaining in %s on "
					  "__kmem_cache_shutdown()");
		}
	}
	list_for_each_entry_safe(page, h, &discard, slab_list)
		discard_slab(s, page);
}

/* Release all resources; 1 if objects are still allocated. */
int __kmem_cache_shutdown(struct kmem_cache *s)
{
	int node;
	struct kmem_cache_node *n;

	flush_all(s);
	for_each_kmem_cache_node(s, node, n)
	{
		free_partial(s, n);
		if (n->nr_partial || n->nr_slabs)
			return 1;
	}
	return 0;
}

/* kmem_cache_shrink - give every empty slab back (__kmem_cache_shrink) */
int kmem_cache_shrink(struct kmem_cache *s)
{
	struct kmem_cache_node *n = get_node(s, 0);
	struct page *page, *t;

	flush_all(s);
	list_for_each_entry_safe(page, t, &n->partial, slab_list) {
		if (!page->inuse) {
			remove_partial(n, page);
			discard_slab(s, page);
		}
	}
	return 0;
}

/* ---- kmalloc's slab side ---- */

/**
 * __kmalloc - kmalloc() for a size the compiler does not know
 *
 * Up to KMALLOC_MAX_CACHE_SIZE: an object of the kmalloc cache of that
 * size class (kmalloc_slab); above: whole pages (kmalloc_large).
 * Return: the memory, ZERO_SIZE_PTR for 0 bytes, NULL on failure.
 */
//> ch14 kmalloc
__attribute__((noinline)) void *__kmalloc(size_t size, gfp_t flags)
{
	/* TODO(ch14): a cache (kmalloc_slab) up to
	   KMALLOC_MAX_CACHE_SIZE, pages (kmalloc_large) above; see
	   chapters/14-kmalloc.md, "kmalloc and kfree". */
	(void)size, (void)flags;
	return NULL;
}

/**
 * kfree - free memory from kmalloc()
 * @x: what kmalloc() returned; NULL and ZERO_SIZE_PTR are ignored
 *
 * The page holding @x says how it was allocated: a slab page
 * (PageSlab) knows its cache; otherwise it must be the head of a
 * compound page from kmalloc_large(), freed with its order.
 */
__attribute__((noinline)) void kfree(const void *x)
{
	/* TODO(ch14): nothing for NULL/ZERO_SIZE_PTR; a slab object
	   back to page->slab_cache; a large kmalloc back to the page
	   allocator; see chapters/14-kmalloc.md, "kmalloc and kfree". */
	(void)x;
}
//< ch14 kmalloc
EXPORT_SYMBOL(__kmalloc);
EXPORT_SYMBOL(kfree);

/* slab_ksize - the bytes of an object a caller may use */
static inline size_t slab_ksize(const struct kmem_cache *s)
{
	/* debugging: only the object itself, the rest is guarded */
	if (s->flags & (SLAB_RED_ZONE | SLAB_POISON))
		return s->object_size;
	/* the free pointer or the tracking data live after inuse */
	if (s->flags & (SLAB_TYPESAFE_BY_RCU | SLAB_STORE_USER))
		return s->inuse;
	/* otherwise the whole slot */
	return s->size;
}

size_t __ksize(const void *object)
{
	struct page *page;

	if (unlikely(object == ZERO_SIZE_PTR))
		return 0;
	page = virt_to_head_page(object);
	if (unlikely(!PageSlab(page))) {
		WARN_ON(!PageCompound(page));
		return page_size(page);
	}
	return slab_ksize(page->slab_cache);
}

/* ---- /proc/slabinfo ---- */

static unsigned long count_partial_free(struct kmem_cache_node *n)
{
	unsigned long x = 0;
	struct page *page;

	list_for_each_entry(page, &n->partial, slab_list)
		x += page->objects - page->inuse;
	return x;
}

void get_slabinfo(struct kmem_cache *s, struct slabinfo *sinfo)
{
	unsigned long nr_slabs = 0;
	unsigned long nr_objs = 0;
	unsigned long nr_free = 0;
	int node;
	struct kmem_cache_node *n;

	for_each_kmem_cache_node(s, node, n)
	{
		nr_slabs += n->nr_slabs;
		nr_objs += n->total_objects;
		nr_free += count_partial_free(n);
	}
	memset(sinfo, 0, sizeof(*sinfo));
	sinfo->active_objs = nr_objs - nr_free;
	sinfo->num_objs = nr_objs;
	sinfo->active_slabs = nr_slabs;
	sinfo->num_slabs = nr_slabs;
	sinfo->objects_per_slab = oo_objects(s->oo);
	sinfo->cache_order = oo_order(s->oo);
}

/* ---- boot ---- */

/**
 * kmem_cache_init - bring up the slab allocator (start_kernel's
 * mm_init(), after mem_init: the page allocator works)
 *
 * The cache of kmem_cache_node structures and the cache of kmem_cache
 * structures come first, from static descriptors, since every other
 * cache is allocated from them; then the kmalloc caches.
 */
void kmem_cache_init(void)
{
	static struct kmem_cache boot_kmem_cache, boot_kmem_cache_node;

	kmem_cache_node = &boot_kmem_cache_node;
	kmem_cache = &boot_kmem_cache;
	create_boot_cache(kmem_cache_node, "kmem_cache_node",
			  sizeof(struct kmem_cache_node), SLAB_HWCACHE_ALIGN, 0,
			  0);
	create_boot_cache(kmem_cache, "kmem_cache", sizeof(struct kmem_cache),
			  SLAB_HWCACHE_ALIGN, 0, 0);
	slab_state = PARTIAL;
	/*
	 * SIMPLIFIED(v5.10 mm/slub.c: bootstrap): the two boot caches keep
	 * their static descriptors instead of moving into kmem_cache.
	 * bootstrap() adds kmem_cache first, so kmem_cache_node precedes
	 * it at the end of /proc/slabinfo, as on a real 5.10 kernel.
	 */
	list_add(&kmem_cache->list, &slab_caches);
	list_add(&kmem_cache_node->list, &slab_caches);
	setup_kmalloc_cache_index_table();
	create_kmalloc_caches(0);
	pr_info("SLUB: HWalign=%d, Order=%u-%u, MinObjects=%u, CPUs=%u, "
		"Nodes=%u\n",
		cache_line_size(), slub_min_order, slub_max_order,
		slub_min_objects, nr_cpu_ids, 1);
}
