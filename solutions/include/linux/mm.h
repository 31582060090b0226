/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The page frame interfaces every part of the memory manager uses
 * (include/linux/mm.h, page_ref.h).
 */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H

#include <asm-generic/memory_model.h>
#include <asm/page.h>
#include <linux/mm_types.h>
#include <linux/mmdebug.h>
#include <linux/mmzone.h>
#include <linux/page-flags.h>
#include <linux/kernel.h>
#include <linux/pfn.h>

//> ch01 page-align
/*
 * addr rounded up to the next page boundary, in addr's own type:
 * PAGE_ALIGN(0x1001) == 0x2000, PAGE_ALIGN(0x2000) == 0x2000.  On a
 * 32-bit type the top page wraps: PAGE_ALIGN((u32)0xfffff001) == 0.
 */
// BEGIN SOLUTION ch01
#define PAGE_ALIGN(addr) ALIGN(addr, PAGE_SIZE)
// STUB
// /* TODO(ch01): round addr up to a multiple of PAGE_SIZE (kernel.h
//    has a helper); see chapters/01-memory-management.md,
//    "Page arithmetic". */
// #define PAGE_ALIGN(addr) ((addr) & 0)
// END SOLUTION

/* Is addr on a page boundary?  Works on integers and pointers. */
#define PAGE_ALIGNED(addr) IS_ALIGNED((unsigned long)(addr), PAGE_SIZE)

/* The offset of p inside its page: 0x60003abc -> 0xabc. */
#define offset_in_page(p) ((unsigned long)(p) & ~PAGE_MASK)
//< ch01 page-align

#define BITS_PER_LONG (8 * (int)sizeof(long))

/* The zone number lives in the top ZONES_WIDTH bits of page->flags. */
#define ZONES_WIDTH ZONES_SHIFT
#define ZONES_PGSHIFT (BITS_PER_LONG - ZONES_WIDTH)
#define ZONES_MASK ((1UL << ZONES_WIDTH) - 1)

//> ch03 page_zonenum
/* page_zonenum - which zone a page belongs to, read from page->flags */
static inline enum zone_type page_zonenum(const struct page *page)
{
	// BEGIN SOLUTION ch03
	unsigned long field = page->flags >> ZONES_PGSHIFT;

	return (enum zone_type)(field & ZONES_MASK);
	// STUB
	// /* TODO(ch03): extract the zone field; see chapters/03-page-zone-node.md,
	//    "The zone in page->flags". */
	// (void)page;
	// return ZONE_NORMAL;
	// END SOLUTION
}

/* set_page_zone - record @zone in page->flags, leaving the PG_ bits */
static inline void set_page_zone(struct page *page, enum zone_type zone)
{
	// BEGIN SOLUTION ch03
	unsigned long field = (unsigned long)zone & ZONES_MASK;

	page->flags &= ~(ZONES_MASK << ZONES_PGSHIFT);
	page->flags |= field << ZONES_PGSHIFT;
	// STUB
	// /* TODO(ch03): clear the zone field, then set it. */
	// (void)page, (void)zone;
	// END SOLUTION
}
//< ch03 page_zonenum

static inline struct zone *page_zone(const struct page *page)
{
	return &NODE_DATA(0)->node_zones[page_zonenum(page)];
}

/* Reference counts (include/linux/page_ref.h). */
static inline int page_ref_count(const struct page *page)
{
	return page->_refcount;
}

static inline void set_page_count(struct page *page, int v)
{
	page->_refcount = v;
}

static inline void init_page_count(struct page *page)
{
	set_page_count(page, 1);
}

static inline int page_count(const struct page *page)
{
	return page_ref_count(page);
}

static inline void get_page(struct page *page)
{
	VM_BUG_ON_PAGE(page_ref_count(page) <= 0, page);
	page->_refcount++;
}

/* Drop a reference; true when it was the last one. */
static inline bool put_page_testzero(struct page *page)
{
	VM_BUG_ON_PAGE(page_ref_count(page) == 0, page);
	return --page->_refcount == 0;
}

/* put_page - drop a reference to an order-0 page, freeing it on the last */
void __free_pages(struct page *page, unsigned int order);
static inline void put_page(struct page *page)
{
	__free_pages(page, 0);
}

static inline int page_mapcount(const struct page *page)
{
	return page->_mapcount + 1;
}

static inline void page_mapcount_reset(struct page *page)
{
	page->_mapcount = -1;
}

static inline unsigned long page_private(const struct page *page)
{
	return page->private;
}

static inline void set_page_private(struct page *page, unsigned long private)
{
	page->private = private;
}

/* Is the page in highmem, outside the kernel's permanent map? */
static inline bool PageHighMem(const struct page *page)
{
	return is_highmem_idx(page_zonenum(page));
}

/* The kernel virtual address of a lowmem page (include/linux/mm.h). */
static inline void *lowmem_page_address(const struct page *page)
{
	return __va(PFN_PHYS(page_to_pfn(page)));
}

#ifdef CONFIG_HIGHMEM
/*
 * A highmem page's address is the pkmap slot kmap() gave it, or NULL:
 * mm/highmem.c keeps them in a hash table (HASHED_PAGE_VIRTUAL), not in
 * struct page (chapter 29).
 */
void *page_address(const struct page *page);
void set_page_address(struct page *page, void *virtual);
void page_address_init(void);
#else
static inline void *page_address(const struct page *page)
{
	return lowmem_page_address(page);
}
#define set_page_address(page, address) \
	do {                            \
	} while (0)
#define page_address_init() \
	do {                \
	} while (0)
#endif

#define virt_to_page(kaddr) pfn_to_page(__pa(kaddr) >> PAGE_SHIFT)

/* A symbol of the image, seen through the linear map (mm.h: lm_alias) */
#define lm_alias(x) __va(__pa_symbol(x))
/* compound_order - the order of a compound page (0 for a single page) */
static inline unsigned int compound_order(const struct page *page)
{
	if (!PageHead(page))
		return 0;
	return page[1].compound_order;
}

/* page_size - the bytes of a (compound) page */
static inline unsigned long page_size(const struct page *page)
{
	return PAGE_SIZE << compound_order(page);
}

void prep_compound_page(struct page *page, unsigned int order);

/* virt_to_head_page - the head of the compound page holding @x */
static inline struct page *virt_to_head_page(const void *x)
{
	return compound_head(virt_to_page(x));
}

/* mm/page_alloc.c */
extern unsigned long totalram_pages;
extern unsigned long max_low_pfn, max_pfn, min_low_pfn;
void free_area_init(unsigned long *max_zone_pfn);
void __free_pages_core(struct page *page, unsigned int order);
void memblock_free_pages(struct page *page, unsigned long pfn,
			 unsigned int order);
void reserve_bootmem_region(phys_addr_t start, phys_addr_t end);
void mem_init_print_info(const char *str);
void free_highmem_page(struct page *page);
void __free_pages(struct page *page, unsigned int order);
void free_pages(unsigned long addr, unsigned int order);
#define __free_page(page) __free_pages((page), 0)
#define free_page(addr) free_pages((addr), 0)

/* A page reserved at boot goes to the allocator like any freed page. */
static inline void __free_reserved_page(struct page *page)
{
	ClearPageReserved(page);
	init_page_count(page);
	__free_page(page);
}

//> ch11 free_reserved_page
/* The zone's and the machine's count of managed pages (page_alloc.c) */
void adjust_managed_page_count(struct page *page, long count);

/* Page poisoning (mm/page_poison.c): "page_poison=on" fills free pages. */
int early_page_poison_param(char *buf);
bool page_poisoning_enabled(void);
void kernel_poison_pages(struct page *page, int numpages, int enable);

/* Free the reserved page into the buddy system, so it gets managed. */
static inline void free_reserved_page(struct page *page)
{
	__free_reserved_page(page);
	adjust_managed_page_count(page, 1);
}

/* The reverse: a driver keeps a page for itself (mm.h) */
static inline void mark_page_reserved(struct page *page)
{
	SetPageReserved(page);
	adjust_managed_page_count(page, -1);
}
//< ch11 free_reserved_page

unsigned long free_reserved_area(void *start, void *end, int poison,
				 const char *s);

//> ch11 free_initmem_default
/*
 * Default method to free all the __init memory into the buddy system.
 * The freed pages will be poisoned with pattern "poison" if it's within
 * range [0, UCHAR_MAX].  Return pages freed into the buddy system.
 * (lm_alias: Linux passes &__init_begin, already a linear address.)
 */
static inline unsigned long free_initmem_default(int poison)
{
	extern char __init_begin[], __init_end[];

	return free_reserved_area(lm_alias(__init_begin), lm_alias(__init_end),
				  poison, "unused kernel");
}
//< ch11 free_initmem_default

/* arch/arm/mm/init.c */
void arm_memblock_init(void);
void bootmem_init(void);
void mem_init(void);
void print_vm_layout(void); /* arch/arm/mm/init.c, chapter 20 */
void free_initmem(void);

#endif /* _LINUX_MM_H */
