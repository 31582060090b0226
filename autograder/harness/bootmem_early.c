// SPDX-License-Identifier: GPL-2.0
/*
 * Boot-time memory for the chapters before memblock.
 *
 * The kernel allocates at boot as Linux does: arm_memblock_init() tells
 * memblock the RAM banks and what is reserved, free_area_init() takes
 * mem_map and the pageblock bitmaps from memblock_alloc(), and mem_init()
 * hands the rest to the buddy allocator with memblock_free_all().
 * memblock is chapter 9's exercise and memblock_free_all() chapter 10's,
 * but chapters 3-8 need a booted machine before either is written.
 *
 * So the test image is linked with --wrap for the entry points that the
 * boot calls (autograder/mk/kernel.mk: BOOTMEM_WRAP): every call of
 * memblock_add() from anywhere lands in __wrap_memblock_add() here, and
 * __real_memblock_add() is the kernel's.  A boot stage (boot.c) chooses:
 *
 *   bootmem_early_stand_in(BOOTMEM_EARLY)     chapters 3-8: this file's
 *        stand-ins, the boot of chapters 3-8 before memblock existed:
 *        regions recorded in memblock's arrays as they come (the device
 *        tree's banks and reservations are sorted and disjoint), a bump
 *        allocator right after the image window (early_alloc_end), and
 *        the old hand-over: each bank less the image window, the early
 *        allocations and the /reserved-memory regions, freed in the
 *        largest aligned blocks
 *   bootmem_early_stand_in(BOOTMEM_MEMBLOCK)  chapter 9: the kernel's
 *        memblock, with the old way of cutting free ranges into blocks
 *        (chapter 10's exercise) over memblock's free ranges
 *   bootmem_early_stand_in(BOOTMEM_REAL)      chapter 10 on, and every
 *        test that calls memblock itself: the kernel's code throughout
 *
 * Like the boot map (bootmap.c), this is a stand-in the kernel outgrows;
 * nothing in the kernel knows it is there.
 */
#include <string.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/panic.h>
#include <asm/memory.h>
#include <asm/pgtable.h>
#include <asm/setup.h>
#include "mm/internal.h"
#include "ktest.h"

int __real_memblock_add(phys_addr_t base, phys_addr_t size);
int __real_memblock_reserve(phys_addr_t base, phys_addr_t size);
int __real_memblock_remove(phys_addr_t base, phys_addr_t size);
void *__real_memblock_alloc_try_nid(phys_addr_t size, phys_addr_t align,
				    phys_addr_t min_addr, phys_addr_t max_addr,
				    int nid);
unsigned long __real_memblock_free_all(void);

static enum bootmem_early mode;
phys_addr_t early_alloc_end; /* first byte after the early allocations */

void bootmem_early_stand_in(enum bootmem_early m)
{
	mode = m;
	early_alloc_end = 0;
}

/* Record [base, base + size) in @type, in order, merging neighbours. */
static int early_insert(struct memblock_type *type, phys_addr_t base,
			phys_addr_t size)
{
	unsigned long i = 0;

	if (!size)
		return 0;
	if (type->regions[0].size == 0) {
		type->regions[0] = (struct memblock_region){ base, size, 0 };
		type->total_size = size;
		return 0;
	}
	while (i < type->cnt && type->regions[i].base < base)
		i++;
	if ((i > 0 &&
	     type->regions[i - 1].base + type->regions[i - 1].size > base) ||
	    (i < type->cnt && base + size > type->regions[i].base))
		panic("bootmem_early: [%#x, %#x) overlaps %s", base,
		      base + size, type->name);
	if (type->cnt == type->max)
		panic("bootmem_early: %s is full", type->name);
	memmove(&type->regions[i + 1], &type->regions[i],
		(type->cnt - i) * sizeof(type->regions[0]));
	type->regions[i] = (struct memblock_region){ base, size, 0 };
	type->cnt++;
	type->total_size += size;
	/* merge the neighbours that touch */
	for (i = 0; i + 1 < type->cnt;) {
		struct memblock_region *r = &type->regions[i];

		if (r->base + r->size != r[1].base) {
			i++;
			continue;
		}
		r->size += r[1].size;
		memmove(r + 1, r + 2, (type->cnt - i - 2) * sizeof(*r));
		type->cnt--;
	}
	return 0;
}

int __wrap_memblock_add(phys_addr_t base, phys_addr_t size)
{
	if (mode != BOOTMEM_EARLY)
		return __real_memblock_add(base, size);
	return early_insert(&memblock.memory, base, size);
}

int __wrap_memblock_reserve(phys_addr_t base, phys_addr_t size)
{
	if (mode != BOOTMEM_EARLY)
		return __real_memblock_reserve(base, size);
	return early_insert(&memblock.reserved, base, size);
}

/* A no-map region inside one bank: the bank is cut in two around it. */
int __wrap_memblock_remove(phys_addr_t base, phys_addr_t size)
{
	struct memblock_type *type = &memblock.memory;

	if (mode != BOOTMEM_EARLY)
		return __real_memblock_remove(base, size);
	for (unsigned long i = 0; i < type->cnt; i++) {
		struct memblock_region r = type->regions[i];

		if (base < r.base || base + size > r.base + r.size)
			continue;
		memmove(&type->regions[i], &type->regions[i + 1],
			(type->cnt - i - 1) * sizeof(r));
		type->cnt--;
		type->total_size -= r.size;
		if (!type->cnt)
			type->regions[0] = (struct memblock_region){ 0 };
		type->cnt += !type->cnt;
		early_insert(type, r.base, base - r.base);
		early_insert(type, base + size, r.base + r.size - base - size);
		return 0;
	}
	panic("bootmem_early: no-map [%#x, %#x) is not inside one bank", base,
	      base + size);
}

/* The bump allocator of chapters 3-8: zeroed memory after the image. */
void *__wrap_memblock_alloc_try_nid(phys_addr_t size, phys_addr_t align,
				    phys_addr_t min_addr, phys_addr_t max_addr,
				    int nid)
{
	phys_addr_t pa;

	if (mode != BOOTMEM_EARLY)
		return __real_memblock_alloc_try_nid(size, align, min_addr,
						     max_addr, nid);
	if (!early_alloc_end)
		early_alloc_end = KERNEL_IMAGE_END;
	pa = ALIGN(early_alloc_end, align);
	if (pa + size > arm_lowmem_limit)
		return NULL;
	early_insert(&memblock.reserved, early_alloc_end,
		     pa + size - early_alloc_end);
	early_alloc_end = pa + size;
	memset(__va(pa), 0, size);
	return __va(pa);
}

/*
 * Free [start, end) in the blocks chapter 10's boot frees, in the same
 * order: at each pfn, the largest block it is aligned to that fits.
 * (Grown from order 0 up here; chapter 10's exercise writes its own.)
 */
static void early_free_pages(unsigned long start, unsigned long end)
{
	for (unsigned long pfn = start, n; pfn < end; pfn += n) {
		unsigned int order = 0;

		while (order + 1 < MAX_ORDER && !(pfn & ((2UL << order) - 1)) &&
		       pfn + (2UL << order) <= end)
			order++;
		n = 1UL << order;
		__free_pages_core(pfn_to_page(pfn), order);
	}
}

/* Chapters 3-8: each bank after the early allocations, less reserved. */
static unsigned long early_free_bank(unsigned long start, unsigned long end)
{
	unsigned long freed = 0;

	end = min(end, max_low_pfn); /* highmem: free_highpages() */
	for (int i = 0; i < reserved_mem_count && start < end; i++) {
		unsigned long rs = PFN_DOWN(reserved_mem[i].base);
		unsigned long re =
			PFN_UP(reserved_mem[i].base + reserved_mem[i].size);

		if (re <= start || rs >= end)
			continue;
		if (rs > start)
			freed += early_free_bank(start, rs);
		start = re;
	}
	if (start < end) {
		early_free_pages(start, end);
		freed += end - start;
	}
	return freed;
}

unsigned long __wrap_memblock_free_all(void)
{
	unsigned long pages = 0;
	phys_addr_t start, end;
	u64 i;

	if (mode == BOOTMEM_REAL)
		return __real_memblock_free_all();
	reset_all_zones_managed_pages();
	if (mode == BOOTMEM_EARLY) {
		for (int b = 0; b < meminfo.nr_banks; b++) {
			phys_addr_t s = meminfo.bank[b].start;

			s = max(s, early_alloc_end ? early_alloc_end
						   : KERNEL_IMAGE_END);
			pages += early_free_bank(
				PFN_UP(s), PFN_DOWN(meminfo.bank[b].start +
						    meminfo.bank[b].size));
		}
	} else {
		for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, &start,
					&end, NULL) {
			unsigned long s = PFN_UP(start);
			unsigned long e = min(PFN_DOWN(end), max_low_pfn);

			if (s < e) {
				early_free_pages(s, e);
				pages += e - s;
			}
		}
	}
	totalram_pages += pages;
	return pages;
}

/*
 * The blocks the kernel's __free_pages_memory() (chapter 10) hands to
 * the buddy allocator, by order, so that a test can tell the largest
 * aligned cut from a finer one: the buddy merges either into the same
 * free lists.  A test clears the counts before memblock_free_all().
 */
unsigned long ktest_free_blocks[MAX_ORDER];

void __real_memblock_free_pages(struct page *page, unsigned long pfn,
				unsigned int order);

void __wrap_memblock_free_pages(struct page *page, unsigned long pfn,
				unsigned int order)
{
	if (order < MAX_ORDER)
		ktest_free_blocks[order]++;
	__real_memblock_free_pages(page, pfn, order);
}

/*
 * adjust_lowmem_bounds() is chapter 22's exercise, and every boot from
 * chapter 3 on calls it.  Until chapter 22's suites (and the figure and
 * benchmark programs, which run on solutions/), the harness stands in:
 * lowmem up to the default vmalloc_min (240 MiB of vmalloc space below
 * VMALLOC_END), the state 5.10 reaches on our boards, whose banks all
 * start and end on a PMD.
 */
bool ktest_kernel_lowmem_bounds;
void __real_adjust_lowmem_bounds(void);

void __wrap_adjust_lowmem_bounds(void)
{
	const u64 limit = (u64)(VMALLOC_END - (240UL << 20) - VMALLOC_OFFSET) -
			  PAGE_OFFSET + PHYS_OFFSET;
	phys_addr_t start, end, lowmem = 0;
	u64 i;

	if (ktest_kernel_lowmem_bounds) {
		__real_adjust_lowmem_bounds();
		return;
	}
	for_each_mem_range(i, &start, &end)
		if (start < limit)
			lowmem = max(lowmem, (phys_addr_t)min((u64)end, limit));
	arm_lowmem_limit = lowmem;
	high_memory = (void *)(uintptr_t)(__phys_to_virt(lowmem - 1) + 1);
	memblock_set_current_limit(lowmem);
}
