// SPDX-License-Identifier: GPL-2.0
/*
 * What SLAB, SLOB and SLUB share (mm/slab_common.c): creating and
 * destroying caches, the kmalloc caches and their size classes,
 * ksize/krealloc, and /proc/slabinfo.
 */
#include <linux/errno.h>
#include <string.h>
#include <linux/bug.h>
#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/panic.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include "slab.h"

LIST_HEAD(slab_caches);
struct kmem_cache *kmem_cache;

/* As in 5.10, the caller's arguments are checked only with DEBUG_VM. */
#ifdef CONFIG_DEBUG_VM
static int kmem_cache_sanity_check(const char *name, unsigned int size)
{
	if (!name || size < sizeof(void *) || size > KMALLOC_MAX_SIZE) {
		pr_err("kmem_cache_create(%s) integrity check failed\n", name);
		return -EINVAL;
	}
	WARN_ON(strchr(name, ' ')); /* it confuses parsers */
	return 0;
}
#else
static inline int kmem_cache_sanity_check(const char *name, unsigned int size)
{
	return 0;
}
#endif

//> ch13 calculate_alignment
/*
 * calculate_alignment - the alignment of a cache's objects
 *
 * SLAB_HWCACHE_ALIGN asks for cache-line alignment, but an object of
 * at most half a line is aligned to the smallest power of two it fits
 * (several small objects then share a line).  Never below
 * ARCH_SLAB_MINALIGN; always a multiple of a word.
 */
unsigned int calculate_alignment(slab_flags_t flags, unsigned int align,
				 unsigned int size)
{
	if (flags & SLAB_HWCACHE_ALIGN) {
		unsigned int ralign;

		ralign = cache_line_size();
		while (size <= ralign / 2)
			ralign /= 2;
		align = max(align, ralign);
	}
	if (align < ARCH_SLAB_MINALIGN)
		align = ARCH_SLAB_MINALIGN;
	return ALIGN(align, sizeof(void *));
}
//< ch13 calculate_alignment

static struct kmem_cache *create_cache(const char *name,
				       unsigned int object_size,
				       unsigned int align, slab_flags_t flags,
				       void (*ctor)(void *))
{
	struct kmem_cache *s;
	int err = -ENOMEM;

	s = kmem_cache_zalloc(kmem_cache, GFP_KERNEL);
	if (!s)
		goto out;
	s->name = name;
	s->size = s->object_size = object_size;
	s->align = align;
	s->ctor = ctor;
	err = __kmem_cache_create(s, flags);
	if (err)
		goto out_free_cache;
	s->refcount = 1;
	list_add(&s->list, &slab_caches);
	return s;
out_free_cache:
	kmem_cache_free(kmem_cache, s);
out:
	return ERR_PTR(err);
}

/**
 * kmem_cache_create - create a cache of objects of one size
 * @name: shown in /proc/slabinfo and in reports
 * @size: bytes of an object
 * @align: the alignment objects need (0: none beyond a word)
 * @flags: SLAB_HWCACHE_ALIGN, SLAB_PANIC, debugging flags
 * @ctor: called on every object when a new slab is made (or NULL)
 *
 * Return: the cache, or NULL (with a report) on failure.
 * SIMPLIFIED(v5.10 mm/slab_common.c: kmem_cache_create_usercopy): no
 * merging with a compatible cache (__kmem_cache_alias): every call
 * makes a cache of its own, as with the slab_nomerge boot option.
 */
struct kmem_cache *kmem_cache_create(const char *name, unsigned int size,
				     unsigned int align, slab_flags_t flags,
				     void (*ctor)(void *))
{
	struct kmem_cache *s = NULL;
	int err;

	err = kmem_cache_sanity_check(name, size);
	if (err)
		goto out;
	/* refuse requests with allocator specific flags */
	if (flags & ~CACHE_CREATE_MASK) {
		err = -EINVAL;
		goto out;
	}
	s = create_cache(name, size, calculate_alignment(flags, align, size),
			 flags, ctor);
	if (IS_ERR(s)) {
		err = PTR_ERR(s);
		s = NULL;
	}
out:
	if (err) {
		if (flags & SLAB_PANIC)
			panic("kmem_cache_create: Failed to create slab '%s'. "
			      "Error %d\n",
			      name, err);
		else
			pr_warn("kmem_cache_create(%s) failed with error %d\n",
				name, err);
		return NULL;
	}
	return s;
}

static int shutdown_cache(struct kmem_cache *s)
{
	if (__kmem_cache_shutdown(s) != 0)
		return -EBUSY;
	list_del(&s->list);
	__kmem_cache_release(s);
	kmem_cache_free(kmem_cache, s);
	return 0;
}

/**
 * kmem_cache_destroy - free every slab of @s, then @s itself
 *
 * Objects still allocated are reported and the cache stays: freeing
 * their memory would leave their users pointing into the page
 * allocator.
 */
void kmem_cache_destroy(struct kmem_cache *s)
{
	int err;

	if (unlikely(!s))
		return;
	s->refcount--;
	if (s->refcount)
		return;
	err = shutdown_cache(s);
	if (err)
		pr_err("kmem_cache_destroy %s: Slab cache still has objects\n",
		       s->name);
}

/* ---- the kmalloc caches ---- */

struct kmem_cache *kmalloc_caches[NR_KMALLOC_TYPES][KMALLOC_SHIFT_HIGH + 1];

/*
 * The size class of each request of 1..192 bytes, in steps of 8:
 * size_index[(size - 1) / 8] is the kmalloc_caches index.
 */
static u8 size_index[24] = {
	3, /* 8 */
	4, /* 16 */
	5, /* 24 */
	5, /* 32 */
	6, /* 40 */
	6, /* 48 */
	6, /* 56 */
	6, /* 64 */
	1, /* 72 */
	1, /* 80 */
	1, /* 88 */
	1, /* 96 */
	7, /* 104 */
	7, /* 112 */
	7, /* 120 */
	7, /* 128 */
	2, /* 136 */
	2, /* 144 */
	2, /* 152 */
	2, /* 160 */
	2, /* 168 */
	2, /* 176 */
	2, /* 184 */
	2 /* 192 */
};

static inline unsigned int size_index_elem(unsigned int bytes)
{
	return (bytes - 1) / 8;
}

/* kmalloc_slab - the kmalloc cache for a request of @size bytes */
struct kmem_cache *kmalloc_slab(size_t size, gfp_t flags)
{
	unsigned int index;

	if (size <= 192) {
		if (!size)
			return ZERO_SIZE_PTR;
		index = size_index[size_index_elem(size)];
	} else {
		if (WARN_ON_ONCE(size > KMALLOC_MAX_CACHE_SIZE))
			return NULL;
		index = ilog2(size - 1) + 1; /* fls(size - 1) */
	}
	return kmalloc_caches[kmalloc_type(flags)][index];
}

//> ch14 kmalloc_info
/* kmalloc_info[i]: the name and size of kmalloc_caches[][i]. */
static const struct kmalloc_info_struct {
	const char *name;
	unsigned int size;
} kmalloc_info[] = {
	{ NULL, 0 },
	{ "kmalloc-96", 96 },
	{ "kmalloc-192", 192 },
	{ "kmalloc-8", 8 },
	{ "kmalloc-16", 16 },
	{ "kmalloc-32", 32 },
	{ "kmalloc-64", 64 },
	{ "kmalloc-128", 128 },
	{ "kmalloc-256", 256 },
	{ "kmalloc-512", 512 },
	{ "kmalloc-1k", 1024 },
	{ "kmalloc-2k", 2048 },
	{ "kmalloc-4k", 4096 },
	{ "kmalloc-8k", 8192 },
};
//< ch14 kmalloc_info

/*
 * Patch up size_index for KMALLOC_MIN_SIZE: every request below it goes
 * to the smallest cache; with a 64-byte minimum there is no kmalloc-96,
 * so 65..96 go to kmalloc-128.
 */
void setup_kmalloc_cache_index_table(void)
{
	unsigned int i;

	for (i = 8; i < KMALLOC_MIN_SIZE; i += 8) {
		unsigned int elem = size_index_elem(i);

		if (elem >= ARRAY_SIZE(size_index))
			break;
		size_index[elem] = KMALLOC_SHIFT_LOW;
	}
	if (KMALLOC_MIN_SIZE >= 64) {
		/* the 96 byte size cache is not used if the alignment is 64 */
		for (i = 64 + 8; i <= 96; i += 8)
			size_index[size_index_elem(i)] = 7;
	}
	if (KMALLOC_MIN_SIZE >= 128) {
		/* the 192 byte sized cache is not used if the alignment is 128 */
		for (i = 128 + 8; i <= 192; i += 8)
			size_index[size_index_elem(i)] = 8;
	}
}

/* Create a cache during boot when no slab services are available yet. */
void create_boot_cache(struct kmem_cache *s, const char *name,
		       unsigned int size, slab_flags_t flags,
		       unsigned int useroffset, unsigned int usersize)
{
	int err;
	unsigned int align = ARCH_KMALLOC_MINALIGN;

	(void)useroffset, (void)usersize;
	s->name = name;
	s->size = s->object_size = size;
	/* kmalloc caches of a power-of-two size are aligned to it */
	if (is_power_of_2(size))
		align = max(align, size);
	s->align = calculate_alignment(flags, align, size);
	err = __kmem_cache_create(s, flags);
	if (err)
		panic("Creation of kmalloc slab %s size=%u failed. Reason %d\n",
		      name, size, err);
	s->refcount = -1; /* exempt from merging for now */
}

static struct kmem_cache *
create_kmalloc_cache(const char *name, unsigned int size, slab_flags_t flags)
{
	struct kmem_cache *s = kmem_cache_zalloc(kmem_cache, GFP_NOWAIT);

	if (!s)
		panic("Out of memory when creating slab %s\n", name);
	create_boot_cache(s, name, size, flags, 0, size);
	list_add(&s->list, &slab_caches);
	s->refcount = 1;
	return s;
}

static void new_kmalloc_cache(int idx, enum kmalloc_cache_type type,
			      slab_flags_t flags)
{
	kmalloc_caches[type][idx] = create_kmalloc_cache(
		kmalloc_info[idx].name, kmalloc_info[idx].size,
		ARCH_KMALLOC_FLAGS | flags);
}

/* The kmalloc caches from KMALLOC_SHIFT_LOW to KMALLOC_SHIFT_HIGH. */
void create_kmalloc_caches(slab_flags_t flags)
{
	int i;
	enum kmalloc_cache_type type = KMALLOC_NORMAL;

	for (i = KMALLOC_SHIFT_LOW; i <= KMALLOC_SHIFT_HIGH; i++) {
		if (!kmalloc_caches[type][i])
			new_kmalloc_cache(i, type, flags);
		/*
		 * Caches that are not of the two-to-the-power-of size.
		 * These have to be created immediately after the
		 * earlier power of two caches
		 */
		if (KMALLOC_MIN_SIZE <= 32 && i == 6 &&
		    !kmalloc_caches[type][1])
			new_kmalloc_cache(1, type, flags);
		if (KMALLOC_MIN_SIZE <= 64 && i == 7 &&
		    !kmalloc_caches[type][2])
			new_kmalloc_cache(2, type, flags);
	}
	/* kmalloc array is fully usable now */
	slab_state = UP;
}

/**
 * kmalloc_order - a large kmalloc: 2^@order pages, one compound page,
 * so that kfree() finds the order from any pointer into it
 */
void *kmalloc_order(size_t size, gfp_t flags, unsigned int order)
{
	void *ret = NULL;
	struct page *page;

	(void)size;
	flags |= __GFP_COMP;
	page = alloc_pages(flags, order);
	if (likely(page))
		ret = page_address(page);
	return ret;
}

/* ksize - the usable size of an object from kmalloc (0 for NULL) */
size_t ksize(const void *objp)
{
	if (unlikely(ZERO_OR_NULL_PTR(objp)))
		return 0;
	return __ksize(objp);
}

//> ch14 krealloc
/**
 * krealloc - resize memory from kmalloc
 * @p: the object (NULL: behave as kmalloc)
 * @new_size: the bytes wanted; 0 frees @p and returns ZERO_SIZE_PTR
 *
 * If the object's slot already holds @new_size (ksize), it is returned
 * as it is: shrinking never moves.  Otherwise a new object gets the
 * old contents and the old one is freed.
 * Return: the object, or NULL (and @p untouched) if there is no memory.
 */
void *krealloc(const void *p, size_t new_size, gfp_t flags)
{
	// BEGIN SOLUTION ch14
	void *ret;
	size_t ks;

	if (unlikely(!new_size)) {
		kfree(p);
		return ZERO_SIZE_PTR;
	}
	ks = ksize(p);
	if (ks >= new_size)
		return (void *)p;
	ret = __kmalloc(new_size, flags);
	if (ret && p) {
		memcpy(ret, p, ks);
		kfree(p);
	}
	return ret;
	// STUB
	// /* TODO(ch14): keep @p when ksize() holds new_size; else a new
	//    object, copy, free the old; 0 bytes frees; see
	//    chapters/14-kmalloc.md, "kzalloc, kmalloc_array, krealloc". */
	// (void)p, (void)new_size, (void)flags;
	// return NULL;
	// END SOLUTION
}
//< ch14 krealloc

/* ---- /proc/slabinfo ---- */

static void print_slabinfo_header(struct seq_file *m)
{
	seq_puts(m, "slabinfo - version: 2.1\n");
	seq_puts(m, "# name            <active_objs> <num_objs> <objsize> "
		    "<objperslab> <pagesperslab>");
	seq_puts(m, " : tunables <limit> <batchcount> <sharedfactor>");
	seq_puts(m, " : slabdata <active_slabs> <num_slabs> <sharedavail>");
	seq_putc(m, '\n');
}

//> ch13 cache_show
static void cache_show(struct kmem_cache *s, struct seq_file *m)
{
	struct slabinfo sinfo;

	get_slabinfo(s, &sinfo);
	seq_printf(m, "%-17s %6lu %6lu %6u %4u %4d", s->name, sinfo.active_objs,
		   sinfo.num_objs, s->size, sinfo.objects_per_slab,
		   (1 << sinfo.cache_order));
	seq_printf(m, " : tunables %4u %4u %4u", sinfo.limit, sinfo.batchcount,
		   sinfo.shared);
	seq_printf(m, " : slabdata %6lu %6lu %6lu", sinfo.active_slabs,
		   sinfo.num_slabs, sinfo.shared_avail);
	seq_putc(m, '\n');
}
//< ch13 cache_show

/*
 * slabinfo_show - /proc/slabinfo: the header, then one line per cache,
 * newest first (slab_caches is a stack), as slab_start/slab_show walk it.
 */
void slabinfo_show(struct seq_file *m)
{
	struct kmem_cache *s;

	print_slabinfo_header(m);
	list_for_each_entry(s, &slab_caches, list)
		cache_show(s, m);
}
