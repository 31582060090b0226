/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The slab allocator's interface (include/linux/slab.h), with SLUB
 * behind it (chapters 13 and 14).
 *
 *   kmem_cache_create(name, size, align, flags, ctor)   a cache of
 *       equal objects; kmem_cache_alloc/kmem_cache_free; destroy
 *   kmalloc(size, gfp) / kfree(p)   any size: the kmalloc caches up to
 *       KMALLOC_MAX_CACHE_SIZE (8 KiB), the page allocator above
 *
 * The kmalloc constants are ARM32's: ARCH_DMA_MINALIGN is 64 (asm/
 * cache.h), so KMALLOC_MIN_SIZE is 64, the smallest cache kmalloc-64,
 * and there is no kmalloc-96 (a 96-byte object would share a 64-byte
 * line); kmalloc-192 stays.
 */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H

#include <asm/cache.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/log2.h>
#include <linux/mmzone.h>
#include <linux/types.h>

typedef unsigned int slab_flags_t;

/* Flags to pass to kmem_cache_create (5.10's values). */
#define SLAB_CONSISTENCY_CHECKS 0x00000100U /* check every alloc/free */
#define SLAB_RED_ZONE 0x00000400U /* guard bytes around each object */
#define SLAB_POISON 0x00000800U /* free objects filled with 0x6b */
#define SLAB_HWCACHE_ALIGN 0x00002000U /* align objects to cache lines */
#define SLAB_CACHE_DMA 0x00004000U
#define SLAB_STORE_USER 0x00010000U /* remember who allocated/freed */
#define SLAB_PANIC 0x00040000U /* panic if kmem_cache_create fails */
#define SLAB_TYPESAFE_BY_RCU 0x00080000U
#define SLAB_TRACE 0x00200000U
#define SLAB_RECLAIM_ACCOUNT 0x00020000U

/* kmalloc(0) returns this: not NULL, but faults when touched. */
#define ZERO_SIZE_PTR ((void *)16)
#define ZERO_OR_NULL_PTR(x) ((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)

//> ch14 kmalloc_constants
/* ARM: kmalloc'ed memory may be DMA'd, so a cache line is the minimum. */
#define ARCH_KMALLOC_MINALIGN ARCH_DMA_MINALIGN
#define KMALLOC_MIN_SIZE ARCH_DMA_MINALIGN /* 64 */
#define KMALLOC_SHIFT_LOW 6 /* ilog2(ARCH_DMA_MINALIGN) */

/* SLUB: caches up to two pages; larger requests go to the buddy. */
#define KMALLOC_SHIFT_HIGH (PAGE_SHIFT + 1) /* 13: 8 KiB */
#define KMALLOC_SHIFT_MAX (MAX_ORDER + PAGE_SHIFT - 1) /* 22: 4 MiB */

#define KMALLOC_MAX_SIZE (1UL << KMALLOC_SHIFT_MAX)
#define KMALLOC_MAX_CACHE_SIZE (1UL << KMALLOC_SHIFT_HIGH)
#define KMALLOC_MAX_ORDER (KMALLOC_SHIFT_MAX - PAGE_SHIFT)
//< ch14 kmalloc_constants

#define ARCH_KMALLOC_FLAGS SLAB_HWCACHE_ALIGN

struct kmem_cache;

/*
 * SIMPLIFIED(v5.10 include/linux/slab.h: kmalloc_type): KMALLOC_NORMAL
 * only; Linux also keeps kmalloc-rcl-* (__GFP_RECLAIMABLE) and
 * dma-kmalloc-* (__GFP_DMA) caches.
 */
enum kmalloc_cache_type { KMALLOC_NORMAL = 0, NR_KMALLOC_TYPES };

extern struct kmem_cache
	*kmalloc_caches[NR_KMALLOC_TYPES][KMALLOC_SHIFT_HIGH + 1];

static inline enum kmalloc_cache_type kmalloc_type(gfp_t flags)
{
	(void)flags;
	return KMALLOC_NORMAL;
}

//> ch14 kmalloc_index
/**
 * kmalloc_index - which kmalloc cache serves @size bytes
 * @size: the request, 1 .. KMALLOC_MAX_CACHE_SIZE
 *
 * Index i is the cache kmalloc-(2^i), except 1 = kmalloc-96 and
 * 2 = kmalloc-192, which fill the widest gaps between powers of two.
 * Return: 0 for size 0 (no cache), else the index.
 */
static inline unsigned int kmalloc_index(size_t size)
{
	// BEGIN SOLUTION ch14
	if (!size)
		return 0;
	if (size <= KMALLOC_MIN_SIZE)
		return KMALLOC_SHIFT_LOW;
	if (KMALLOC_MIN_SIZE <= 32 && size > 64 && size <= 96)
		return 1;
	if (KMALLOC_MIN_SIZE <= 64 && size > 128 && size <= 192)
		return 2;
	if (size <= 8)
		return 3;
	if (size <= 16)
		return 4;
	if (size <= 32)
		return 5;
	if (size <= 64)
		return 6;
	if (size <= 128)
		return 7;
	if (size <= 256)
		return 8;
	if (size <= 512)
		return 9;
	if (size <= 1024)
		return 10;
	if (size <= 2 * 1024)
		return 11;
	if (size <= 4 * 1024)
		return 12;
	if (size <= 8 * 1024)
		return 13;
	return 14; /* Linux goes on to 26 (64 MiB) and BUG()s past it */
	// STUB
	// /* TODO(ch14): the smallest cache that holds @size, remembering
	//    KMALLOC_MIN_SIZE and the 96/192 caches; see
	//    chapters/14-kmalloc.md, "Size classes". */
	// (void)size;
	// return 0;
	// END SOLUTION
}
//< ch14 kmalloc_index

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size,
				     unsigned int align, slab_flags_t flags,
				     void (*ctor)(void *));
void kmem_cache_destroy(struct kmem_cache *s);
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t flags);
void kmem_cache_free(struct kmem_cache *s, void *x);
int kmem_cache_shrink(struct kmem_cache *s);
void kmem_cache_init(void);

void *__kmalloc(size_t size, gfp_t flags);
void *kmalloc_order(size_t size, gfp_t flags, unsigned int order);
void kfree(const void *objp);
size_t __ksize(const void *objp);
size_t ksize(const void *objp);
void *krealloc(const void *p, size_t new_size, gfp_t flags);
struct kmem_cache *kmalloc_slab(size_t size, gfp_t flags);
void *kmem_cache_alloc_trace(struct kmem_cache *s, gfp_t flags, size_t size);

static inline void *kmalloc_large(size_t size, gfp_t flags)
{
	unsigned int order = get_order(size);

	return kmalloc_order(size, flags, order);
}

//> ch14 kmalloc_inline
/**
 * kmalloc - allocate @size bytes of physically contiguous memory
 * @size: how many bytes; up to KMALLOC_MAX_SIZE (4 MiB)
 * @flags: GFP_KERNEL, GFP_ATOMIC, ... (and __GFP_ZERO)
 *
 * The result is aligned to ARCH_KMALLOC_MINALIGN at least, and to its
 * size when that is a power of two up to a page.  A size the compiler
 * knows picks its cache here, inline; any other goes to __kmalloc().
 */
static inline void *kmalloc(size_t size, gfp_t flags)
{
	if (__builtin_constant_p(size)) {
		unsigned int index;

		if (size > KMALLOC_MAX_CACHE_SIZE)
			return kmalloc_large(size, flags);
		index = kmalloc_index(size);
		if (!index)
			return ZERO_SIZE_PTR;
		return kmem_cache_alloc_trace(
			kmalloc_caches[kmalloc_type(flags)][index], flags,
			size);
	}
	return __kmalloc(size, flags);
}
//< ch14 kmalloc_inline

//> ch14 kmalloc_array
/**
 * kmalloc_array - allocate an array of @n elements of @size bytes
 * Return: NULL if n * size does not fit in a size_t (no allocation is
 * attempted: a wrapped product would give a buffer too small).
 */
static inline void *kmalloc_array(size_t n, size_t size, gfp_t flags)
{
	// BEGIN SOLUTION ch14
	size_t bytes;

	if (unlikely(__builtin_mul_overflow(n, size, &bytes)))
		return NULL;
	return __kmalloc(bytes, flags);
	// STUB
	// /* TODO(ch14): refuse a product that overflows size_t; see
	//    chapters/14-kmalloc.md, "kzalloc, kmalloc_array, krealloc". */
	// return __kmalloc(n * size, flags);
	// END SOLUTION
}
//< ch14 kmalloc_array

static inline void *kcalloc(size_t n, size_t size, gfp_t flags)
{
	return kmalloc_array(n, size, flags | __GFP_ZERO);
}

static inline void *kzalloc(size_t size, gfp_t flags)
{
	return kmalloc(size, flags | __GFP_ZERO);
}

static inline void *kmem_cache_zalloc(struct kmem_cache *k, gfp_t flags)
{
	return kmem_cache_alloc(k, flags | __GFP_ZERO);
}

/* The lecture's questions, answered (mm/kmalloc_sample.c). */
size_t kmalloc_max_size(void);
size_t kmalloc_alignment(size_t size);
phys_addr_t kmalloc_to_phys(const void *p);

/* /proc/slabinfo (mm/slab_common.c) */
struct seq_file;
void slabinfo_show(struct seq_file *m);

#endif /* _LINUX_SLAB_H */
