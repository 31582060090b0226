/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Allocation flags (include/linux/gfp.h), with Linux 5.10's values.
 *
 * A gfp_t says where a page may come from (zone modifiers), what kind
 * of page it is (mobility: movable or reclaimable), and what the
 * allocator may do to find one (reclaim, I/O, dipping into reserves).
 * Chapter 5 uses the mobility bits, chapter 7 the rest.
 */
#ifndef _LINUX_GFP_H
#define _LINUX_GFP_H

#include <linux/mmdebug.h>
#include <linux/mmzone.h>
#include <linux/types.h>

#define ___GFP_DMA 0x01u
#define ___GFP_HIGHMEM 0x02u
#define ___GFP_DMA32 0x04u
#define ___GFP_MOVABLE 0x08u
#define ___GFP_RECLAIMABLE 0x10u
#define ___GFP_HIGH 0x20u
#define ___GFP_IO 0x40u
#define ___GFP_FS 0x80u
#define ___GFP_ZERO 0x100u
#define ___GFP_ATOMIC 0x200u
#define ___GFP_DIRECT_RECLAIM 0x400u
#define ___GFP_KSWAPD_RECLAIM 0x800u
#define ___GFP_WRITE 0x1000u
#define ___GFP_NOWARN 0x2000u
#define ___GFP_RETRY_MAYFAIL 0x4000u
#define ___GFP_NOFAIL 0x8000u
#define ___GFP_NORETRY 0x10000u
#define ___GFP_MEMALLOC 0x20000u
#define ___GFP_COMP 0x40000u
#define ___GFP_NOMEMALLOC 0x80000u
#define ___GFP_HARDWALL 0x100000u
#define ___GFP_THISNODE 0x200000u
#define ___GFP_ACCOUNT 0x400000u

/* Zone modifiers: which zones may satisfy the request (and
 * __GFP_MOVABLE, below, which is both a zone and a mobility bit). */
#define __GFP_DMA ((gfp_t)___GFP_DMA)
#define __GFP_HIGHMEM ((gfp_t)___GFP_HIGHMEM)
#define __GFP_DMA32 ((gfp_t)___GFP_DMA32)
#define GFP_ZONEMASK (__GFP_DMA | __GFP_HIGHMEM | __GFP_DMA32 | __GFP_MOVABLE)

//> ch05 gfp_mobility
/* Mobility: which free lists, and which pageblocks, the page joins. */
#define __GFP_MOVABLE ((gfp_t)___GFP_MOVABLE) /* 0x08 */
#define __GFP_RECLAIMABLE ((gfp_t)___GFP_RECLAIMABLE) /* 0x10 */
#define GFP_MOVABLE_MASK (__GFP_RECLAIMABLE | __GFP_MOVABLE)
#define GFP_MOVABLE_SHIFT 3
//< ch05 gfp_mobility

/* Watermark modifiers: access to reserves. */
#define __GFP_HIGH ((gfp_t)___GFP_HIGH)
#define __GFP_ATOMIC ((gfp_t)___GFP_ATOMIC)
#define __GFP_MEMALLOC ((gfp_t)___GFP_MEMALLOC)
#define __GFP_NOMEMALLOC ((gfp_t)___GFP_NOMEMALLOC)

/* Reclaim modifiers. */
#define __GFP_IO ((gfp_t)___GFP_IO)
#define __GFP_FS ((gfp_t)___GFP_FS)
#define __GFP_DIRECT_RECLAIM ((gfp_t)___GFP_DIRECT_RECLAIM)
#define __GFP_KSWAPD_RECLAIM ((gfp_t)___GFP_KSWAPD_RECLAIM)
#define __GFP_RECLAIM ((gfp_t)(___GFP_DIRECT_RECLAIM | ___GFP_KSWAPD_RECLAIM))
#define __GFP_RETRY_MAYFAIL ((gfp_t)___GFP_RETRY_MAYFAIL)
#define __GFP_NOFAIL ((gfp_t)___GFP_NOFAIL)
#define __GFP_NORETRY ((gfp_t)___GFP_NORETRY)

/* Action modifiers. */
#define __GFP_NOWARN ((gfp_t)___GFP_NOWARN)
#define __GFP_COMP ((gfp_t)___GFP_COMP)
#define __GFP_ZERO ((gfp_t)___GFP_ZERO)
#define __GFP_WRITE ((gfp_t)___GFP_WRITE)
#define __GFP_HARDWALL ((gfp_t)___GFP_HARDWALL)
#define __GFP_THISNODE ((gfp_t)___GFP_THISNODE)
#define __GFP_ACCOUNT ((gfp_t)___GFP_ACCOUNT)

//> ch07 gfp_combinations
/* The combinations callers use. */
#define GFP_ATOMIC (__GFP_HIGH | __GFP_ATOMIC | __GFP_KSWAPD_RECLAIM)
#define GFP_KERNEL (__GFP_RECLAIM | __GFP_IO | __GFP_FS)
#define GFP_KERNEL_ACCOUNT (GFP_KERNEL | __GFP_ACCOUNT)
#define GFP_NOWAIT (__GFP_KSWAPD_RECLAIM)
#define GFP_NOIO (__GFP_RECLAIM)
#define GFP_NOFS (__GFP_RECLAIM | __GFP_IO)
#define GFP_USER (__GFP_RECLAIM | __GFP_IO | __GFP_FS | __GFP_HARDWALL)
#define GFP_DMA __GFP_DMA
#define GFP_DMA32 __GFP_DMA32
#define GFP_HIGHUSER (GFP_USER | __GFP_HIGHMEM)
#define GFP_HIGHUSER_MOVABLE (GFP_HIGHUSER | __GFP_MOVABLE)
#define GFP_TRANSHUGE_LIGHT                                      \
	((GFP_HIGHUSER_MOVABLE | __GFP_COMP | __GFP_NOMEMALLOC | \
	  __GFP_NOWARN) &                                        \
	 ~__GFP_RECLAIM)
#define GFP_TRANSHUGE (GFP_TRANSHUGE_LIGHT | __GFP_DIRECT_RECLAIM)
//< ch07 gfp_combinations

//> ch05 gfp_migratetype
/*
 * gfp_migratetype - the free lists a request uses
 *
 * The two mobility bits sit at bits 3 and 4 so that, shifted down by
 * GFP_MOVABLE_SHIFT, they are the migratetype itself:
 *   neither             -> 0 MIGRATE_UNMOVABLE
 *   __GFP_MOVABLE       -> 1 MIGRATE_MOVABLE
 *   __GFP_RECLAIMABLE   -> 2 MIGRATE_RECLAIMABLE
 * Both at once is a caller's bug.
 */
static inline int gfp_migratetype(const gfp_t gfp_flags)
{
	VM_WARN_ON((gfp_flags & GFP_MOVABLE_MASK) == GFP_MOVABLE_MASK);
	return (int)((gfp_flags & GFP_MOVABLE_MASK) >> GFP_MOVABLE_SHIFT);
}
//< ch05 gfp_migratetype

/*
 * gfp_zone - the highest zone a request may use
 *
 * The four zone modifiers index a table of 2-bit zone numbers, one
 * entry per combination (Linux's GFP_ZONE_TABLE).  This board has no
 * ZONE_DMA or ZONE_DMA32, so those modifiers mean ZONE_NORMAL:
 *
 *   none                    Normal      __GFP_MOVABLE           Normal
 *   __GFP_HIGHMEM           HighMem     __GFP_MOVABLE|HIGHMEM   Movable
 *   __GFP_DMA, __GFP_DMA32  Normal
 *
 * Combinations of two of DMA, DMA32 and HIGHMEM are bugs (GFP_ZONE_BAD).
 */
#ifdef CONFIG_HIGHMEM
#define OPT_ZONE_HIGHMEM ZONE_HIGHMEM
#else
#define OPT_ZONE_HIGHMEM ZONE_NORMAL /* without highmem, lowmem will do */
#endif
#define GFP_ZONES_SHIFT ZONES_SHIFT
#define GFP_ZONE_TABLE                                                      \
	((ZONE_NORMAL << 0 * GFP_ZONES_SHIFT) |                             \
	 (ZONE_NORMAL << ___GFP_DMA * GFP_ZONES_SHIFT) |                    \
	 (OPT_ZONE_HIGHMEM << ___GFP_HIGHMEM * GFP_ZONES_SHIFT) |           \
	 (ZONE_NORMAL << ___GFP_DMA32 * GFP_ZONES_SHIFT) |                  \
	 (ZONE_NORMAL << ___GFP_MOVABLE * GFP_ZONES_SHIFT) |                \
	 (ZONE_NORMAL << (___GFP_MOVABLE | ___GFP_DMA) * GFP_ZONES_SHIFT) | \
	 (ZONE_MOVABLE << (___GFP_MOVABLE | ___GFP_HIGHMEM) *               \
				  GFP_ZONES_SHIFT) |                        \
	 (ZONE_NORMAL << (___GFP_MOVABLE | ___GFP_DMA32) * GFP_ZONES_SHIFT))
#define GFP_ZONE_BAD                                             \
	(1 << (___GFP_DMA | ___GFP_HIGHMEM) |                    \
	 1 << (___GFP_DMA | ___GFP_DMA32) |                      \
	 1 << (___GFP_DMA32 | ___GFP_HIGHMEM) |                  \
	 1 << (___GFP_DMA | ___GFP_DMA32 | ___GFP_HIGHMEM) |     \
	 1 << (___GFP_MOVABLE | ___GFP_HIGHMEM | ___GFP_DMA) |   \
	 1 << (___GFP_MOVABLE | ___GFP_DMA32 | ___GFP_DMA) |     \
	 1 << (___GFP_MOVABLE | ___GFP_DMA32 | ___GFP_HIGHMEM) | \
	 1 << (___GFP_MOVABLE | ___GFP_DMA32 | ___GFP_DMA | ___GFP_HIGHMEM))

enum zone_type gfp_zone(gfp_t flags);

struct page;
struct page *alloc_pages(gfp_t gfp_mask, unsigned int order);
#define alloc_page(gfp_mask) alloc_pages(gfp_mask, 0)
unsigned long __get_free_pages(gfp_t gfp_mask, unsigned int order);

/* mm/page_alloc.c: a pageblock of a CMA area to the buddy (chapter 12) */
void init_cma_reserved_pageblock(struct page *page);
unsigned long get_zeroed_page(gfp_t gfp_mask);
#define __get_free_page(gfp_mask) __get_free_pages((gfp_mask), 0)

/* Watermarks and reserves (mm/page_alloc.c) */
extern int min_free_kbytes;
extern unsigned long totalreserve_pages;
void build_all_zonelists(void);
int init_per_zone_wmark_min(void);

#endif /* _LINUX_GFP_H */
