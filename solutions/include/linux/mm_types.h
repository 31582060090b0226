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
#include <linux/rbtree.h>
#include <linux/types.h>
#include <asm/mmu.h>
#include <asm/pgtable-2level-types.h>

struct address_space;
struct file;
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
 * An address space (include/linux/mm_types.h).  Chapter 19 needs its
 * first-level table and its ASID; chapter 32 adds the VMAs, the
 * counters and the layout, with 5.10's names.
 */
struct mm_struct {
	struct vm_area_struct *mmap; /* the VMAs, sorted by address */
	struct rb_root mm_rb; /* the same VMAs, in a tree by vm_end */
	unsigned long mmap_base; /* where mmap's search starts */
	/* top-down or bottom-up: arch_pick_mmap_layout() chooses */
	unsigned long (*get_unmapped_area)(struct file *filp,
					   unsigned long addr,
					   unsigned long len,
					   unsigned long pgoff,
					   unsigned long flags);
	unsigned long task_size; /* TASK_SIZE: the end of user space */
	unsigned long highest_vm_end; /* the highest vm_end of a VMA */
	pgd_t *pgd; /* first-level table, a kernel virtual address */
	int mm_users; /* tasks sharing this address space */
	int mm_count; /* references (all mm_users count as 1) */
	unsigned long pgtables_bytes; /* PTE pages this mm has */
	int map_count; /* number of VMAs */
	unsigned long total_vm; /* pages mapped, in all VMAs */
	unsigned long data_vm; /* private, writable, not stack */
	unsigned long exec_vm; /* executable, not writable, not stack */
	unsigned long stack_vm; /* VM_STACK */
	unsigned long start_code, end_code, start_data, end_data;
	unsigned long start_brk, brk, start_stack;
	unsigned long rss; /* pages present (5.10: rss_stat) */
	mm_context_t context; /* ASID and generation (asm/mmu.h) */
};

/*
 * One region of an address space: [vm_start, vm_end) in vm_mm, with
 * one set of permissions (vm_flags, and the PTE bits they give,
 * vm_page_prot).  Chapter 19 needs vm_start, vm_end and vm_mm.
 */
struct vm_area_struct {
	unsigned long vm_start; /* first address */
	unsigned long vm_end; /* first address after */
	struct vm_area_struct *vm_next, *vm_prev; /* sorted list */
	struct rb_node vm_rb; /* in vm_mm->mm_rb */
	struct mm_struct *vm_mm; /* the address space it belongs to */
	pgprot_t vm_page_prot; /* the PTE bits of its pages */
	unsigned long vm_flags; /* VM_READ, VM_WRITE, ... */
	unsigned long vm_pgoff; /* offset in the file, in pages */
	const struct vm_operations_struct *vm_ops; /* the mapper's hooks */
	struct file *vm_file; /* the file mapped, or NULL (anonymous) */
	struct list_head shared; /* in vm_file's i_mmap (38) */
};

/*
 * What the owner of a mapping is told (5.10's vm_operations_struct,
 * its first fields): a VMA copied by fork or split (open), and one that
 * goes (close).  A VMA with a close() is never merged.  A file's owner
 * also supplies its pages (chapter 38): the page a fault needs (fault),
 * and a page about to become writable (page_mkwrite).
 */
struct vm_fault;
typedef unsigned int vm_fault_t; /* VM_FAULT_* (5.10's vm_fault_reason) */
struct vm_operations_struct {
	void (*open)(struct vm_area_struct *area);
	void (*close)(struct vm_area_struct *area);
	vm_fault_t (*fault)(struct vm_fault *vmf);
	vm_fault_t (*page_mkwrite)(struct vm_fault *vmf);
};
//< ch19 mm_struct

/* The kernel's own address space: swapper_pg_dir, ASID 0 (mm/init-mm.c). */
extern struct mm_struct init_mm;

#endif /* _LINUX_MM_TYPES_H */
