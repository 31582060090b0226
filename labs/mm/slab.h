/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the slab allocators share inside mm/ (mm/slab.h).
 */
#ifndef MM_SLAB_H
#define MM_SLAB_H

#include <linux/list.h>
#include <linux/slub_def.h>

enum slab_state {
	DOWN, /* no slab functionality yet */
	PARTIAL, /* SLUB: kmem_cache_node available */
	UP, /* slab caches usable but not all extras yet */
	FULL /* everything is working */
};

extern enum slab_state slab_state;
extern struct list_head slab_caches;
extern struct kmem_cache *kmem_cache; /* the cache of struct kmem_cache */
extern struct kmem_cache *kmem_cache_node;

//> ch13 kmem_cache_node
/* The node's share of a cache: slabs no CPU holds. */
struct kmem_cache_node {
	unsigned long nr_partial;
	struct list_head partial; /* slabs with free objects */
	unsigned long nr_slabs; /* every slab of the node */
	unsigned long total_objects;
	struct list_head full; /* full slabs (SLAB_STORE_USER only) */
};
//< ch13 kmem_cache_node

static inline struct kmem_cache_node *get_node(struct kmem_cache *s, int node)
{
	return s->node[node];
}

#define for_each_kmem_cache_node(__s, __node, __n)        \
	for (__node = 0; __node < MAX_NUMNODES; __node++) \
		if ((__n = get_node(__s, __node)))

/* The flags SLUB debugging knows (CONFIG_SLUB_DEBUG). */
#define SLAB_DEBUG_FLAGS                                              \
	(SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER | SLAB_TRACE | \
	 SLAB_CONSISTENCY_CHECKS)
#define CACHE_CREATE_MASK                                   \
	(SLAB_HWCACHE_ALIGN | SLAB_CACHE_DMA | SLAB_PANIC | \
	 SLAB_TYPESAFE_BY_RCU | SLAB_DEBUG_FLAGS | SLAB_RECLAIM_ACCOUNT)

/* Internal SLUB flag: objects are poisoned (SLAB_POISON, no ctor). */
#define __OBJECT_POISON 0x80000000U

static inline bool kmem_cache_debug_flags(struct kmem_cache *s,
					  slab_flags_t flags)
{
	return s->flags & flags;
}

/* What /proc/slabinfo shows of a cache (get_slabinfo, mm/slub.c). */
struct slabinfo {
	unsigned long active_objs;
	unsigned long num_objs;
	unsigned long active_slabs;
	unsigned long num_slabs;
	unsigned long shared_avail;
	unsigned int limit;
	unsigned int batchcount;
	unsigned int shared;
	unsigned int objects_per_slab;
	unsigned int cache_order;
};

void get_slabinfo(struct kmem_cache *s, struct slabinfo *sinfo);
int __kmem_cache_create(struct kmem_cache *s, slab_flags_t flags);
int __kmem_cache_shutdown(struct kmem_cache *s);
void __kmem_cache_release(struct kmem_cache *s);
void create_boot_cache(struct kmem_cache *s, const char *name,
		       unsigned int size, slab_flags_t flags,
		       unsigned int useroffset, unsigned int usersize);
void create_kmalloc_caches(slab_flags_t flags);
void setup_kmalloc_cache_index_table(void);
unsigned int calculate_alignment(slab_flags_t flags, unsigned int align,
				 unsigned int size);

/* SLUB's internals the tests and figures look at (mm/slub.c). */
void *get_freepointer(struct kmem_cache *s, void *object);
unsigned int oo_order(struct kmem_cache_order_objects x);
unsigned int oo_objects(struct kmem_cache_order_objects x);
int calculate_order(unsigned int size);
int calculate_sizes(struct kmem_cache *s, int forced_order);
void flush_all(struct kmem_cache *s);

#endif /* MM_SLAB_H */
