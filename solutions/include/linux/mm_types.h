/* SPDX-License-Identifier: GPL-2.0 */
/*
 * struct page: one per physical page frame (include/linux/mm_types.h).
 *
 * The kernel keeps one of these for every 4 KiB of RAM, in the array
 * mem_map, so it must be small: 32 bytes on ARM32, as in Linux (56 on
 * the host port, whose pointers are 64 bits).  Its fields mean different
 * things at different times, hence the unions:
 *
 *   flags      PG_* bits (page-flags.h) and, in the top bits, the zone
 *   lru        a free page: its link in a buddy free list
 *   private    a free page: its order, valid while PageBuddy()
 *   mapping,
 *   index      owner and offset of a page-cache or anonymous page (ch37+)
 *   _mapcount  page-table mappings minus one; while the page is free it
 *              is page_type instead, which marks PageBuddy()
 *   _refcount  references; 0 means free
 *
 * A slab page (chapter 13) reads the same words as slab_list (or next,
 * pages, pobjects on a CPU's partial list), slab_cache, freelist and
 * the counters inuse/objects/frozen; a tail page of a compound page
 * reads them as compound_head (bit 0 set) and compound_order.
 */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H

#include <linux/list.h>
#include <linux/types.h>
#include <asm/mmu.h>
#include <asm/pgtable-2level-types.h>

struct address_space;
struct kmem_cache;

//> ch03 struct_page
struct page {
	unsigned long flags;
	/*
	 * The next words mean what the page's current owner says they mean
	 * (chapter 13 adds the slab's view and the compound tail's view).
	 */
	union {
		struct { /* the buddy allocator, page cache, anonymous pages */
			struct list_head lru;
			struct address_space *mapping;
			unsigned long index;
			unsigned long private;
		};
		//> ch13 struct_page_slab
		struct { /* slab, slob and slub */
			union {
				struct list_head slab_list; /* node partial */
				struct { /* per-CPU partial list */
					struct page *next;
					short int pages; /* slabs after this */
					short int pobjects; /* free objects */
				};
			};
			struct kmem_cache *slab_cache; /* over mapping */
			void *freelist; /* first free object */
			union {
				unsigned long counters;
				struct {
					unsigned inuse : 16;
					unsigned objects : 15;
					unsigned frozen : 1;
				};
			};
		};
		//< ch13 struct_page_slab
		struct { /* tail pages of a compound page */
			unsigned long compound_head; /* bit zero is set */
			/* first tail page only */
			unsigned char compound_dtor;
			unsigned char compound_order;
		};
	};
	union {
		int _mapcount;
		unsigned int page_type;
	};
	int _refcount;
};
//< ch03 struct_page

//> ch19 mm_struct
/*
 * An address space (include/linux/mm_types.h), as far as the TLB needs
 * it: its first-level table and its ASID.  Later chapters add the VMA
 * tree, the counters and the locks.
 */
struct mm_struct {
	pgd_t *pgd; /* first-level table, a kernel virtual address */
	mm_context_t context; /* ASID and generation (asm/mmu.h) */
};

/* One region of an address space: [vm_start, vm_end) in vm_mm. */
struct vm_area_struct {
	unsigned long vm_start; /* first address */
	unsigned long vm_end; /* first address after */
	struct mm_struct *vm_mm; /* the address space it belongs to */
};
//< ch19 mm_struct

/* The kernel's own address space: swapper_pg_dir, ASID 0 (mm/init-mm.c). */
extern struct mm_struct init_mm;

#endif /* _LINUX_MM_TYPES_H */
