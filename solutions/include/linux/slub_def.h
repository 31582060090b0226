/* SPDX-License-Identifier: GPL-2.0 */
/*
 * SLUB's cache descriptor (include/linux/slub_def.h).
 *
 * An object of a cache is laid out as (calculate_sizes, mm/slub.c):
 *
 *   [left red zone][object_size bytes ... ][red zone][free pointer?]
 *   [track alloc][track free][padding to align]      <- s->size in all
 *
 * s->offset is where a free object keeps the address of the next free
 * object; s->inuse is where the metadata past the object begins.
 */
#ifndef _LINUX_SLUB_DEF_H
#define _LINUX_SLUB_DEF_H

#include <linux/list.h>
#include <linux/mmzone.h>
#include <linux/slab.h>

//> ch13 kmem_cache_cpu
/* A CPU's own slab: objects it can take and give back without locks. */
struct kmem_cache_cpu {
	void **freelist; /* next available object of page */
	unsigned long tid; /* transaction id (see slab_alloc_node) */
	struct page *page; /* the slab we are allocating from */
	struct page *partial; /* partially allocated frozen slabs */
};
//< ch13 kmem_cache_cpu

#define MAX_NUMNODES 1 /* one memory node: UMA */

/* An order and the number of objects a slab of that order holds. */
struct kmem_cache_order_objects {
	unsigned int x; /* order << OO_SHIFT | objects */
};

//> ch13 kmem_cache
struct kmem_cache {
	/*
	 * SIMPLIFIED(v5.10 include/linux/slub_def.h): an array indexed by
	 * smp_processor_id() instead of a __percpu pointer.
	 */
	struct kmem_cache_cpu cpu_slab[NR_CPUS];
	slab_flags_t flags;
	unsigned long min_partial; /* empty slabs a node keeps */
	unsigned int size; /* the object and its metadata */
	unsigned int object_size; /* what the user asked for */
	unsigned int offset; /* free pointer offset */
	unsigned int cpu_partial; /* free objects kept on per-CPU lists */
	struct kmem_cache_order_objects oo; /* the order slabs are made of */
	struct kmem_cache_order_objects max;
	struct kmem_cache_order_objects min; /* fallback: smallest order */
	gfp_t allocflags; /* gfp flags of each slab (__GFP_COMP) */
	int refcount;
	void (*ctor)(void *);
	unsigned int inuse; /* offset to metadata */
	unsigned int align;
	unsigned int red_left_pad; /* left red zone size */
	const char *name;
	struct list_head list; /* slab_caches */
	struct kmem_cache_node *node[MAX_NUMNODES];
};
//< ch13 kmem_cache

#endif /* _LINUX_SLUB_DEF_H */
