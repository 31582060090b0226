/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The boot-time memory allocator (include/linux/memblock.h, v5.10).
 *
 * Two sorted arrays of disjoint [base, base + size) regions: "memory",
 * the RAM the device tree describes, and "reserved", what is taken (the
 * kernel image, /reserved-memory, every memblock_alloc()).  Free memory
 * is memory minus reserved; memblock_free_all() (chapter 10) hands it
 * to the buddy allocator.
 */
#ifndef _LINUX_MEMBLOCK_H
#define _LINUX_MEMBLOCK_H

#include <linux/kernel.h>
#include <linux/types.h>

#define INIT_MEMBLOCK_REGIONS 128
#define INIT_MEMBLOCK_RESERVED_REGIONS INIT_MEMBLOCK_REGIONS
#define NUMA_NO_NODE (-1)
#define MAX_NUMNODES 1
#define SMP_CACHE_BYTES 64 /* L1_CACHE_BYTES of the Cortex-A9 build */
#define PHYS_ADDR_MAX (~(phys_addr_t)0)
#ifndef ULLONG_MAX
#define ULLONG_MAX (~0ULL)
#endif

//> ch09 memblock_types
/* enum memblock_flags: attributes of a memory region (v5.10 values) */
enum memblock_flags {
	MEMBLOCK_NONE = 0x0, /* no special request */
	MEMBLOCK_HOTPLUG = 0x1, /* hotpluggable region */
	MEMBLOCK_MIRROR = 0x2, /* mirrored region */
	MEMBLOCK_NOMAP = 0x4, /* don't add to kernel direct mapping */
};

/* struct memblock_region - represents a memory region */
struct memblock_region {
	phys_addr_t base;
	phys_addr_t size;
	enum memblock_flags flags;
};

/* struct memblock_type - collection of memory regions of certain type */
struct memblock_type {
	unsigned long cnt; /* number of regions */
	unsigned long max; /* size of the allocated array */
	phys_addr_t total_size; /* size of all regions */
	struct memblock_region *regions;
	char *name;
};

/* struct memblock - memblock allocator metadata */
struct memblock {
	bool bottom_up; /* is bottom up direction? */
	phys_addr_t current_limit;
	struct memblock_type memory;
	struct memblock_type reserved;
};

extern struct memblock memblock;
//< ch09 memblock_types

/* Lowest and highest addresses memblock_alloc*() may use. */
#define MEMBLOCK_LOW_LIMIT 0
#define MEMBLOCK_ALLOC_ANYWHERE (~(phys_addr_t)0)
#define MEMBLOCK_ALLOC_ACCESSIBLE 0

int memblock_add(phys_addr_t base, phys_addr_t size);
int memblock_remove(phys_addr_t base, phys_addr_t size);
int memblock_free(phys_addr_t base, phys_addr_t size);
int memblock_reserve(phys_addr_t base, phys_addr_t size);
int memblock_mark_nomap(phys_addr_t base, phys_addr_t size);
int memblock_clear_nomap(phys_addr_t base, phys_addr_t size);

void __next_mem_range(u64 *idx, int nid, enum memblock_flags flags,
		      struct memblock_type *type_a,
		      struct memblock_type *type_b, phys_addr_t *out_start,
		      phys_addr_t *out_end, int *out_nid);
void __next_mem_range_rev(u64 *idx, int nid, enum memblock_flags flags,
			  struct memblock_type *type_a,
			  struct memblock_type *type_b, phys_addr_t *out_start,
			  phys_addr_t *out_end, int *out_nid);
void __next_mem_pfn_range(int *idx, int nid, unsigned long *out_start_pfn,
			  unsigned long *out_end_pfn, int *out_nid);

/**
 * for_each_mem_range - iterate through memory areas
 * @i: u64 used as loop variable
 * @p_start: ptr to phys_addr_t for start address of the range, can be %NULL
 * @p_end: ptr to phys_addr_t for end address of the range, can be %NULL
 */
#define for_each_mem_range(i, p_start, p_end)                               \
	for (i = 0,                                                         \
	    __next_mem_range(&i, NUMA_NO_NODE, MEMBLOCK_NONE,               \
			     &memblock.memory, NULL, p_start, p_end, NULL); \
	     i != (u64)ULLONG_MAX;                                          \
	     __next_mem_range(&i, NUMA_NO_NODE, MEMBLOCK_NONE,              \
			      &memblock.memory, NULL, p_start, p_end, NULL))

/* for_each_reserved_mem_range - iterate over all reserved memblock areas */
#define for_each_reserved_mem_range(i, p_start, p_end)                        \
	for (i = 0,                                                           \
	    __next_mem_range(&i, NUMA_NO_NODE, MEMBLOCK_NONE,                 \
			     &memblock.reserved, NULL, p_start, p_end, NULL); \
	     i != (u64)ULLONG_MAX;                                            \
	     __next_mem_range(&i, NUMA_NO_NODE, MEMBLOCK_NONE,                \
			      &memblock.reserved, NULL, p_start, p_end, NULL))

/* for_each_free_mem_range - memory and not reserved, lowest first */
#define for_each_free_mem_range(i, nid, flags, p_start, p_end, p_nid)    \
	for (i = 0,                                                      \
	    __next_mem_range(&i, nid, flags, &memblock.memory,           \
			     &memblock.reserved, p_start, p_end, p_nid); \
	     i != (u64)ULLONG_MAX;                                       \
	     __next_mem_range(&i, nid, flags, &memblock.memory,          \
			      &memblock.reserved, p_start, p_end, p_nid))

/* for_each_free_mem_range_reverse - the same, highest first */
#define for_each_free_mem_range_reverse(i, nid, flags, p_start, p_end, p_nid) \
	for (i = (u64)ULLONG_MAX,                                             \
	    __next_mem_range_rev(&i, nid, flags, &memblock.memory,            \
				 &memblock.reserved, p_start, p_end, p_nid);  \
	     i != (u64)ULLONG_MAX;                                            \
	     __next_mem_range_rev(&i, nid, flags, &memblock.memory,           \
				  &memblock.reserved, p_start, p_end, p_nid))

/* for_each_mem_pfn_range - the memory regions, as whole frames */
#define for_each_mem_pfn_range(i, nid, p_start, p_end, p_nid)              \
	for (i = -1, __next_mem_pfn_range(&i, nid, p_start, p_end, p_nid); \
	     i >= 0; __next_mem_pfn_range(&i, nid, p_start, p_end, p_nid))

/* for_each_mem_region - itereate over memory regions */
#define for_each_mem_region(region)                                    \
	for (region = memblock.memory.regions;                         \
	     region < (memblock.memory.regions + memblock.memory.cnt); \
	     region++)

static inline bool memblock_is_nomap(struct memblock_region *m)
{
	return m->flags & MEMBLOCK_NOMAP;
}

void *memblock_alloc_try_nid(phys_addr_t size, phys_addr_t align,
			     phys_addr_t min_addr, phys_addr_t max_addr,
			     int nid);
phys_addr_t memblock_phys_alloc_range(phys_addr_t size, phys_addr_t align,
				      phys_addr_t start, phys_addr_t end);

static inline void *memblock_alloc(phys_addr_t size, phys_addr_t align)
{
	return memblock_alloc_try_nid(size, align, MEMBLOCK_LOW_LIMIT,
				      MEMBLOCK_ALLOC_ACCESSIBLE, NUMA_NO_NODE);
}

static inline void *memblock_alloc_node(phys_addr_t size, phys_addr_t align,
					int nid)
{
	return memblock_alloc_try_nid(size, align, MEMBLOCK_LOW_LIMIT,
				      MEMBLOCK_ALLOC_ACCESSIBLE, nid);
}

phys_addr_t memblock_phys_mem_size(void);
phys_addr_t memblock_reserved_size(void);
phys_addr_t memblock_start_of_DRAM(void);
phys_addr_t memblock_end_of_DRAM(void);
bool memblock_is_memory(phys_addr_t addr);
bool memblock_is_map_memory(phys_addr_t addr);
bool memblock_is_reserved(phys_addr_t addr);
bool memblock_is_region_reserved(phys_addr_t base, phys_addr_t size);
void memblock_set_current_limit(phys_addr_t limit);
void memblock_allow_resize(void);
phys_addr_t memblock_get_current_limit(void);

/* chapter 10: the hand-over to the buddy allocator */
unsigned long memblock_free_all(void);
void reset_all_zones_managed_pages(void);

/* /sys/kernel/debug/memblock/{memory,reserved} */
struct seq_file;
void memblock_debug_show(struct seq_file *m, struct memblock_type *type);

#endif /* _LINUX_MEMBLOCK_H */
