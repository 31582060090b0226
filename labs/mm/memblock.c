// SPDX-License-Identifier: GPL-2.0
/*
 * The boot-time memory allocator (mm/memblock.c, v5.10).
 *
 *   memblock.memory     RAM, from the device tree (memblock_add)
 *   memblock.reserved   what is taken (memblock_reserve, memblock_alloc)
 *
 * Each type is an array of regions sorted by address, disjoint, and
 * minimal: no two neighbours that touch and have the same flags.
 *
 *   memblock_add_range()      insert [base, base + size), the parts not
 *                             already there, then merge neighbours
 *   memblock_isolate_range()  split the regions that cross base or end,
 *                             so that the range is whole regions
 *   memblock_remove_range()   isolate, then drop the regions inside
 *   __next_mem_range[_rev]()  walk memory minus reserved, up or down
 *   memblock_alloc*()         top-down: the highest free fit below
 *                             memblock.current_limit, then reserve it
 *   memblock_free_all()       (chapter 10) every free range to the buddy
 *
 * SIMPLIFIED(v5.10 mm/memblock.c: memblock_double_array): the arrays
 * have a fixed INIT_MEMBLOCK_REGIONS (128) entries; Linux doubles them
 * with memblock's own memory when they fill.  Ours report the failure
 * Linux reports when it cannot double, and refuse the region.
 * SIMPLIFIED(v5.10 mm/memblock.c): one node (no nid in the regions),
 * no hotplug or mirror, no bottom-up mode, no memblock=debug tracing.
 */
#include <string.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/seq_file.h>
#include "internal.h"

/* __ffs - the index of the lowest set bit (asm-generic/bitops/__ffs.h) */
#define __ffs(x) ((unsigned long)__builtin_ctzl(x))

static struct memblock_region
	memblock_memory_init_regions[INIT_MEMBLOCK_REGIONS];
static struct memblock_region
	memblock_reserved_init_regions[INIT_MEMBLOCK_RESERVED_REGIONS];

struct memblock memblock = {
	.memory.regions = memblock_memory_init_regions,
	.memory.cnt = 1, /* empty dummy entry */
	.memory.max = INIT_MEMBLOCK_REGIONS,
	.memory.name = "memory",

	.reserved.regions = memblock_reserved_init_regions,
	.reserved.cnt = 1, /* empty dummy entry */
	.reserved.max = INIT_MEMBLOCK_RESERVED_REGIONS,
	.reserved.name = "reserved",

	.bottom_up = false,
	.current_limit = MEMBLOCK_ALLOC_ANYWHERE,
};

#define for_each_memblock_type(i, memblock_type, rgn) \
	for (i = 0, rgn = &memblock_type->regions[0]; \
	     i < (int)memblock_type->cnt;             \
	     i++, rgn = &memblock_type->regions[i])

/* adjust *@size so that (@base + *@size) doesn't overflow, return new size */
static inline phys_addr_t memblock_cap_size(phys_addr_t base, phys_addr_t *size)
{
	return *size = min(*size, PHYS_ADDR_MAX - base);
}

/* Does [base, base + size) overlap a region of @type? */
static bool memblock_overlaps_region(struct memblock_type *type,
				     phys_addr_t base, phys_addr_t size)
{
	for (unsigned long i = 0; i < type->cnt; i++)
		if (base < type->regions[i].base + type->regions[i].size &&
		    type->regions[i].base < base + size)
			return true;
	return false;
}

//> ch09 find_top_down
/**
 * __memblock_find_range_top_down - find free area utility, in top-down
 * @start: start of candidate range
 * @end: end of candidate range
 * @size: size of free area to find
 * @align: alignment of free area to find, a power of two
 *
 * Walk the free ranges (memory minus reserved) from the highest down;
 * clamp each to [@start, @end); the candidate is the highest address
 * aligned to @align where @size bytes still fit below the range's end.
 *
 * Return: found address on success, 0 on failure.
 */
static phys_addr_t __memblock_find_range_top_down(phys_addr_t start,
						  phys_addr_t end,
						  phys_addr_t size,
						  phys_addr_t align)
{
	phys_addr_t this_start, this_end, cand;
	u64 i;

	/* TODO(ch09): walk the free ranges from the top and return the
	   highest aligned fit; see chapters/09-memblock.md,
	   "Allocating from the top". */
	(void)start, (void)end, (void)size, (void)align, (void)i;
	(void)this_start, (void)this_end, (void)cand;
	return 0;
}
//< ch09 find_top_down

/*
 * memblock_find_in_range_node - find free area in given range: @end
 * may be MEMBLOCK_ALLOC_ACCESSIBLE (the current limit); the first page
 * is never handed out (0 means failure).
 */
static phys_addr_t memblock_find_in_range_node(phys_addr_t size,
					       phys_addr_t align,
					       phys_addr_t start,
					       phys_addr_t end)
{
	if (end == MEMBLOCK_ALLOC_ACCESSIBLE)
		end = memblock.current_limit;

	/* avoid allocating the first page */
	start = max_t(phys_addr_t, start, PAGE_SIZE);
	end = max(start, end);
	return __memblock_find_range_top_down(start, end, size, align);
}

static void memblock_remove_region(struct memblock_type *type, unsigned long r)
{
	type->total_size -= type->regions[r].size;
	memmove(&type->regions[r], &type->regions[r + 1],
		(type->cnt - (r + 1)) * sizeof(type->regions[r]));
	type->cnt--;

	/* Special case for empty arrays */
	if (type->cnt == 0) {
		WARN_ON(type->total_size != 0);
		type->cnt = 1;
		type->regions[0].base = 0;
		type->regions[0].size = 0;
		type->regions[0].flags = 0;
	}
}

/* No growing before the reserved regions are known (5.10's rule). */
static int memblock_can_resize;

/*
 * See SIMPLIFIED above: the arrays do not grow.  Before
 * memblock_allow_resize() 5.10 refuses silently; after it, ours reports
 * what 5.10 reports when it cannot find room for the larger array.
 */
static int memblock_double_array(struct memblock_type *type)
{
	if (!memblock_can_resize)
		return -1;
	pr_err("memblock: Failed to double %s array from %ld to %ld entries "
	       "!\n",
	       type->name, type->max, type->max * 2);
	return -1;
}

//> ch09 merge
/**
 * memblock_merge_regions - merge neighboring compatible regions
 * @type: memblock type to scan
 *
 * Two neighbours merge when the first ends where the second begins and
 * their flags agree; regions that overlap are a bug.
 */
static void memblock_merge_regions(struct memblock_type *type)
{
	int i = 0;

	/* TODO(ch09): merge each region with the next while they touch
	   and share flags; see chapters/09-memblock.md, "Adding a
	   range". */
	(void)type, (void)i;
}
//< ch09 merge

/**
 * memblock_insert_region - insert new memblock region
 * @type: memblock type to insert into
 * @idx: index for the insertion point
 * @base: base address of the new region
 * @size: size of the new region
 * @flags: flags of the new region
 *
 * Insert new memblock region [@base, @base + @size) into @type at @idx.
 * @type must already have extra room to accommodate the new region.
 */
static void memblock_insert_region(struct memblock_type *type, int idx,
				   phys_addr_t base, phys_addr_t size,
				   enum memblock_flags flags)
{
	struct memblock_region *rgn = &type->regions[idx];

	BUG_ON(type->cnt >= type->max);
	memmove(rgn + 1, rgn, (type->cnt - idx) * sizeof(*rgn));
	rgn->base = base;
	rgn->size = size;
	rgn->flags = flags;
	type->cnt++;
	type->total_size += size;
}

//> ch09 add_range_head
/**
 * memblock_add_range - add new memblock region
 * @type: memblock type to add new region into
 * @base: base address of the new region
 * @size: size of the new region
 * @flags: flags of the new region
 *
 * Add new memblock region [@base, @base + @size) into @type.  The new
 * region is allowed to overlap with existing ones - overlaps don't
 * affect already existing regions.  @type is guaranteed to be minimal
 * (all neighbouring compatible regions are merged) after the addition.
 *
 * Return: 0 on success, -errno on failure.
 */
static int memblock_add_range(struct memblock_type *type, phys_addr_t base,
			      phys_addr_t size, enum memblock_flags flags)
{
	bool insert = false;
	phys_addr_t obase = base;
	phys_addr_t end = base + memblock_cap_size(base, &size);
	int idx, nr_new;
	struct memblock_region *rgn;

	if (!size)
		return 0;

	/* special case for empty array */
	if (type->regions[0].size == 0) {
		WARN_ON(type->cnt != 1 || type->total_size);
		type->regions[0].base = base;
		type->regions[0].size = size;
		type->regions[0].flags = flags;
		type->total_size = size;
		return 0;
	}
//< ch09 add_range_head
//> ch09 add_range
	/* TODO(ch09): insert the parts of [base, end) that no region
	   covers, in address order, then merge; see
	   chapters/09-memblock.md, "Adding a range". */
	(void)insert, (void)obase, (void)end, (void)idx, (void)nr_new;
	(void)rgn, (void)memblock_insert_region;
	return 0;
}
//< ch09 add_range

/**
 * memblock_add - add new memblock region
 * @base: base address of the new region
 * @size: size of the new region
 *
 * Add new memblock region [@base, @base + @size) to the "memory" type.
 *
 * Return: 0 on success, -errno on failure.
 */
int memblock_add(phys_addr_t base, phys_addr_t size)
{
	return memblock_add_range(&memblock.memory, base, size, 0);
}

/**
 * memblock_isolate_range - isolate given range into disjoint memblocks
 * @type: memblock type to isolate range for
 * @base: base of range to isolate
 * @size: size of range to isolate
 * @start_rgn: out parameter for the start of isolated region
 * @end_rgn: out parameter for the end of isolated region
 *
 * Walk @type and ensure that regions don't cross the boundaries defined
 * by [@base, @base + @size).  Crossing regions are split at the
 * boundaries, which may create at most two more regions.  The index of
 * the first region inside the range is returned in *@start_rgn and end
 * in *@end_rgn.
 *
 * Return: 0 on success, -errno on failure.
 */
//> ch09 isolate
static int memblock_isolate_range(struct memblock_type *type, phys_addr_t base,
				  phys_addr_t size, int *start_rgn,
				  int *end_rgn)
{
	phys_addr_t end = base + memblock_cap_size(base, &size);
	int idx;
	struct memblock_region *rgn;

	*start_rgn = *end_rgn = 0;

	if (!size)
		return 0;

	/* we'll create at most two more regions */
	while (type->cnt + 2 > type->max)
		if (memblock_double_array(type) < 0)
			return -ENOMEM;

	/* TODO(ch09): split the regions that cross base or end and
	   report the index range of those inside; see
	   chapters/09-memblock.md, "Removing and isolating". */
	(void)end, (void)idx, (void)rgn;
	return 0;
}
//< ch09 isolate

static int memblock_remove_range(struct memblock_type *type, phys_addr_t base,
				 phys_addr_t size)
{
	int start_rgn, end_rgn;
	int i, ret;

	ret = memblock_isolate_range(type, base, size, &start_rgn, &end_rgn);
	if (ret)
		return ret;

	for (i = end_rgn - 1; i >= start_rgn; i--)
		memblock_remove_region(type, i);
	return 0;
}

/* memblock_remove - take [base, base + size) out of memory */
int memblock_remove(phys_addr_t base, phys_addr_t size)
{
	return memblock_remove_range(&memblock.memory, base, size);
}

/**
 * memblock_free - free boot memory block
 * @base: phys starting address of the  boot memory block
 * @size: size of the boot memory block in bytes
 *
 * Free boot memory block previously allocated by memblock_alloc_xx()
 * API.  The freeing memory will not be released to the buddy allocator.
 * Freeing what was never reserved changes nothing and is not an error
 * (Linux 5.10 says nothing either).
 */
int memblock_free(phys_addr_t base, phys_addr_t size)
{
	return memblock_remove_range(&memblock.reserved, base, size);
}

/* memblock_reserve - mark [base, base + size) as taken */
int memblock_reserve(phys_addr_t base, phys_addr_t size)
{
	return memblock_add_range(&memblock.reserved, base, size, 0);
}

/* Set or clear @flag on the memory regions of [base, base + size). */
static int memblock_setclr_flag(phys_addr_t base, phys_addr_t size, int set,
				int flag)
{
	struct memblock_type *type = &memblock.memory;
	int i, ret, start_rgn, end_rgn;

	ret = memblock_isolate_range(type, base, size, &start_rgn, &end_rgn);
	if (ret)
		return ret;

	for (i = start_rgn; i < end_rgn; i++) {
		struct memblock_region *r = &type->regions[i];

		if (set)
			r->flags |= flag;
		else
			r->flags &= ~flag;
	}

	memblock_merge_regions(type);
	return 0;
}

/* memblock_mark_nomap - memory, but not for the kernel's linear map */
int memblock_mark_nomap(phys_addr_t base, phys_addr_t size)
{
	return memblock_setclr_flag(base, size, 1, MEMBLOCK_NOMAP);
}

int memblock_clear_nomap(phys_addr_t base, phys_addr_t size)
{
	return memblock_setclr_flag(base, size, 0, MEMBLOCK_NOMAP);
}

/* we never skip regions when iterating memblock.reserved */
static bool should_skip_region(struct memblock_type *type,
			       struct memblock_region *m, int flags)
{
	if (type != &memblock.memory)
		return false;
	/* skip nomap memory unless we were asked for it explicitly */
	if (!(flags & MEMBLOCK_NOMAP) && memblock_is_nomap(m))
		return true;
	return false;
}

/**
 * __next_mem_range - next function for for_each_free_mem_range() etc.
 * @idx: pointer to u64 loop variable
 * @nid: node selector, %NUMA_NO_NODE for all nodes
 * @flags: pick from blocks based on memory attributes
 * @type_a: pointer to memblock_type from where the range is taken
 * @type_b: pointer to memblock_type which excludes memory from being taken
 * @out_start: ptr to phys_addr_t for start address of the range, can be %NULL
 * @out_end: ptr to phys_addr_t for end address of the range, can be %NULL
 * @out_nid: ptr to int for nid of the range, can be %NULL
 *
 * The lower 32 bits of *@idx index type_a, the upper 32 bits the gaps
 * before each region of type_b:
 *
 *	type_b 0:[0-16), 1:[32-48), 2:[128-130)
 *	gaps   0:[0-0), 1:[16-32), 2:[48-128), 3:[130-MAX)
 *
 * As both region arrays are sorted, the function advances the two
 * indices in lockstep and returns each intersection.
 */
void __next_mem_range(u64 *idx, int nid, enum memblock_flags flags,
		      struct memblock_type *type_a,
		      struct memblock_type *type_b, phys_addr_t *out_start,
		      phys_addr_t *out_end, int *out_nid)
{
	int idx_a = *idx & 0xffffffff;
	int idx_b = *idx >> 32;

	(void)nid;
	for (; idx_a < (int)type_a->cnt; idx_a++) {
		struct memblock_region *m = &type_a->regions[idx_a];

		phys_addr_t m_start = m->base;
		phys_addr_t m_end = m->base + m->size;

		if (should_skip_region(type_a, m, flags))
			continue;

		if (!type_b) {
			if (out_start)
				*out_start = m_start;
			if (out_end)
				*out_end = m_end;
			if (out_nid)
				*out_nid = 0;
			idx_a++;
			*idx = (u32)idx_a | (u64)idx_b << 32;
			return;
		}

		/* scan areas before each reservation */
		for (; idx_b < (int)type_b->cnt + 1; idx_b++) {
			struct memblock_region *r;
			phys_addr_t r_start;
			phys_addr_t r_end;

			r = &type_b->regions[idx_b];
			r_start = idx_b ? r[-1].base + r[-1].size : 0;
			r_end = idx_b < (int)type_b->cnt ? r->base
							 : PHYS_ADDR_MAX;

			/*
			 * if idx_b advanced past idx_a,
			 * break out to advance idx_a
			 */
			if (r_start >= m_end)
				break;
			/* if the two regions intersect, we're done */
			if (m_start < r_end) {
				if (out_start)
					*out_start = max(m_start, r_start);
				if (out_end)
					*out_end = min(m_end, r_end);
				if (out_nid)
					*out_nid = 0;
				/*
				 * The region which ends first is
				 * advanced for the next iteration.
				 */
				if (m_end <= r_end)
					idx_a++;
				else
					idx_b++;
				*idx = (u32)idx_a | (u64)idx_b << 32;
				return;
			}
		}
	}

	/* signal end of iteration */
	*idx = ULLONG_MAX;
}

/* __next_mem_range_rev - the same walk, from the highest range down */
void __next_mem_range_rev(u64 *idx, int nid, enum memblock_flags flags,
			  struct memblock_type *type_a,
			  struct memblock_type *type_b, phys_addr_t *out_start,
			  phys_addr_t *out_end, int *out_nid)
{
	int idx_a = *idx & 0xffffffff;
	int idx_b = *idx >> 32;

	(void)nid;
	if (*idx == (u64)ULLONG_MAX) {
		idx_a = type_a->cnt - 1;
		if (type_b != NULL)
			idx_b = type_b->cnt;
		else
			idx_b = 0;
	}

	for (; idx_a >= 0; idx_a--) {
		struct memblock_region *m = &type_a->regions[idx_a];

		phys_addr_t m_start = m->base;
		phys_addr_t m_end = m->base + m->size;

		if (should_skip_region(type_a, m, flags))
			continue;

		if (!type_b) {
			if (out_start)
				*out_start = m_start;
			if (out_end)
				*out_end = m_end;
			if (out_nid)
				*out_nid = 0;
			idx_a--;
			*idx = (u32)idx_a | (u64)idx_b << 32;
			return;
		}

		/* scan areas before each reservation */
		for (; idx_b >= 0; idx_b--) {
			struct memblock_region *r;
			phys_addr_t r_start;
			phys_addr_t r_end;

			r = &type_b->regions[idx_b];
			r_start = idx_b ? r[-1].base + r[-1].size : 0;
			r_end = idx_b < (int)type_b->cnt ? r->base
							 : PHYS_ADDR_MAX;
			/*
			 * if idx_b advanced past idx_a,
			 * break out to advance idx_a
			 */
			if (r_end <= m_start)
				break;
			/* if the two regions intersect, we're done */
			if (m_end > r_start) {
				if (out_start)
					*out_start = max(m_start, r_start);
				if (out_end)
					*out_end = min(m_end, r_end);
				if (out_nid)
					*out_nid = 0;
				if (m_start >= r_start)
					idx_a--;
				else
					idx_b--;
				*idx = (u32)idx_a | (u64)idx_b << 32;
				return;
			}
		}
	}
	/* signal end of iteration */
	*idx = ULLONG_MAX;
}

/* Common iterator interface used to define for_each_mem_pfn_range(). */
void __next_mem_pfn_range(int *idx, int nid, unsigned long *out_start_pfn,
			  unsigned long *out_end_pfn, int *out_nid)
{
	struct memblock_type *type = &memblock.memory;
	struct memblock_region *r = NULL;

	(void)nid;
	while (++*idx < (int)type->cnt) {
		r = &type->regions[*idx];

		if (PFN_UP(r->base) >= PFN_DOWN(r->base + r->size))
			continue;
		break;
	}
	if (*idx >= (int)type->cnt) {
		*idx = -1;
		return;
	}

	if (out_start_pfn)
		*out_start_pfn = PFN_UP(r->base);
	if (out_end_pfn)
		*out_end_pfn = PFN_DOWN(r->base + r->size);
	if (out_nid)
		*out_nid = 0;
}

/**
 * memblock_alloc_range_nid - allocate boot memory block
 * @size: size of memory block to be allocated in bytes
 * @align: alignment of the region and block's size
 * @start: the lower bound of the memory region to allocate (phys address)
 * @end: the upper bound of the memory region to allocate (phys address)
 *
 * Return: physical address of allocated memory block on success, 0 on
 * failure.
 */
static phys_addr_t memblock_alloc_range_nid(phys_addr_t size, phys_addr_t align,
					    phys_addr_t start, phys_addr_t end)
{
	phys_addr_t found;

	/*
	 * SIMPLIFIED(v5.10 mm/memblock.c: memblock_alloc_range_nid): Linux
	 * calls dump_stack() here; we have no stack dumper, so a WARNING
	 * names the place instead.
	 */
	if (WARN(!align, "memblock: alignment 0, using SMP_CACHE_BYTES\n"))
		align = SMP_CACHE_BYTES;

	found = memblock_find_in_range_node(size, align, start, end);
	if (found && !memblock_reserve(found, size))
		return found;
	return 0;
}

/* memblock_phys_alloc_range - a block inside [start, end), by address */
phys_addr_t memblock_phys_alloc_range(phys_addr_t size, phys_addr_t align,
				      phys_addr_t start, phys_addr_t end)
{
	return memblock_alloc_range_nid(size, align, start, end);
}

/**
 * memblock_alloc_try_nid - allocate boot memory block
 * @size: size of memory block to be allocated in bytes
 * @align: alignment of the region and block's size
 * @min_addr: the lower bound of the memory region from where the
 *	      allocation is preferred (phys address)
 * @max_addr: the upper bound, or %MEMBLOCK_ALLOC_ACCESSIBLE for
 *	      memblock.current_limit
 * @nid: nid of the free area to find, %NUMA_NO_NODE for any node
 *
 * The @min_addr limit is dropped if it can not be satisfied.  The
 * memory is zeroed.
 *
 * Return: virtual address of allocated memory block on success, NULL
 * on failure.
 */
void *memblock_alloc_try_nid(phys_addr_t size, phys_addr_t align,
			     phys_addr_t min_addr, phys_addr_t max_addr,
			     int nid)
{
	phys_addr_t alloc;
	void *ptr;

	(void)nid;
	if (max_addr > memblock.current_limit)
		max_addr = memblock.current_limit;

	alloc = memblock_alloc_range_nid(size, align, min_addr, max_addr);

	/* retry allocation without lower limit */
	if (!alloc && min_addr)
		alloc = memblock_alloc_range_nid(size, align, 0, max_addr);

	if (!alloc)
		return NULL;

	ptr = __va(alloc);
	memset(ptr, 0, size);
	return ptr;
}

phys_addr_t memblock_phys_mem_size(void)
{
	return memblock.memory.total_size;
}

phys_addr_t memblock_reserved_size(void)
{
	return memblock.reserved.total_size;
}

/* lowest address */
phys_addr_t memblock_start_of_DRAM(void)
{
	return memblock.memory.regions[0].base;
}

phys_addr_t memblock_end_of_DRAM(void)
{
	int idx = memblock.memory.cnt - 1;

	return (memblock.memory.regions[idx].base +
		memblock.memory.regions[idx].size);
}

static int memblock_search(struct memblock_type *type, phys_addr_t addr)
{
	unsigned int left = 0, right = type->cnt;

	do {
		unsigned int mid = (right + left) / 2;

		if (addr < type->regions[mid].base)
			right = mid;
		else if (addr >=
			 (type->regions[mid].base + type->regions[mid].size))
			left = mid + 1;
		else
			return mid;
	} while (left < right);
	return -1;
}

bool memblock_is_reserved(phys_addr_t addr)
{
	return memblock_search(&memblock.reserved, addr) != -1;
}

bool memblock_is_memory(phys_addr_t addr)
{
	return memblock_search(&memblock.memory, addr) != -1;
}

bool memblock_is_map_memory(phys_addr_t addr)
{
	int i = memblock_search(&memblock.memory, addr);

	if (i == -1)
		return false;
	return !memblock_is_nomap(&memblock.memory.regions[i]);
}

/**
 * memblock_allow_resize - let full arrays grow from now on
 *
 * ARM's bootmem_init() calls it first: by then the reserved regions are
 * known, so a new array cannot land on one of them.
 */
void memblock_allow_resize(void)
{
	memblock_can_resize = 1;
}

/* Does [base, base + size) intersect reserved memory? */
bool memblock_is_region_reserved(phys_addr_t base, phys_addr_t size)
{
	memblock_cap_size(base, &size);
	return memblock_overlaps_region(&memblock.reserved, base, size);
}

void memblock_set_current_limit(phys_addr_t limit)
{
	memblock.current_limit = limit;
}

phys_addr_t memblock_get_current_limit(void)
{
	return memblock.current_limit;
}

/* ---- chapter 10: releasing free memory to the buddy allocator ---- */

//> ch10 free_pages_memory
/*
 * __free_pages_memory - free frames [start, end) in the largest
 * naturally aligned blocks: the order is as large as the alignment of
 * @start allows (at most MAX_ORDER - 1), then shrunk until the block
 * fits before @end.  A range starting at frame 0x60803 goes out as
 * orders 0, 2, 3, ... until alignment allows 10.
 */
static void __free_pages_memory(unsigned long start, unsigned long end)
{
	int order;

	/* TODO(ch10): free [start, end) in the largest naturally
	   aligned orders; see chapters/10-memblock-free-all.md,
	   "Cutting a range into blocks". */
	(void)start, (void)end, (void)order;
}
//< ch10 free_pages_memory

//> ch10 free_all
/*
 * __free_memory_core - the whole frames of [start, end) below lowmem's
 * end (highmem goes page by page in free_highpages()).
 * Return: the number of frames freed.
 */
static unsigned long __free_memory_core(phys_addr_t start, phys_addr_t end)
{
	unsigned long start_pfn = PFN_UP(start);
	unsigned long end_pfn =
		min_t(unsigned long, PFN_DOWN(end), max_low_pfn);

	if (start_pfn >= end_pfn)
		return 0;

	__free_pages_memory(start_pfn, end_pfn);

	return end_pfn - start_pfn;
}

static unsigned long free_low_memory_core_early(void)
{
	unsigned long count = 0;
	phys_addr_t start, end;
	u64 i;

	for_each_reserved_mem_range(i, &start, &end)
		reserve_bootmem_region(start, end);

	for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, &start, &end,
				NULL)
		count += __free_memory_core(start, end);

	return count;
}

/*
 * Managed pages are counted again from zero as memory is freed; until
 * now they held free_area_init()'s estimate.
 */
void reset_all_zones_managed_pages(void)
{
	struct zone *zone;

	for_each_zone(zone) zone->managed_pages = 0;
}

/**
 * memblock_free_all - release free pages to the buddy allocator
 *
 * Return: the number of pages actually released.
 */
unsigned long memblock_free_all(void)
{
	unsigned long pages;

	reset_all_zones_managed_pages();
	pages = free_low_memory_core_early();
	totalram_pages += pages;

	return pages;
}
//< ch10 free_all

/**
 * memblock_debug_show - /sys/kernel/debug/memblock/memory and reserved
 * @m: the view's buffer
 * @type: &memblock.memory or &memblock.reserved
 *
 * One line per region, its index and its first and last byte:
 * "   0: 0x60000000..0x6fffffff".
 */
void memblock_debug_show(struct seq_file *m, struct memblock_type *type)
{
	struct memblock_region *reg;
	phys_addr_t end;
	char line[32];

	for (int i = 0; i < (int)type->cnt; i++) {
		reg = &type->regions[i];
		end = reg->base + reg->size - 1;

		seq_printf(m, "%4d: ", i);
		/* our seq_printf() formats with the C library: no %pa */
		scnprintf(line, sizeof(line), "%pa..%pa\n", &reg->base, &end);
		seq_puts(m, line);
	}
}
