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

/* mm/mmap.c */
void vma_set_page_prot(struct vm_area_struct *vma);

/* A page of a process's own, not a file's (5.10: PAGE_MAPPING_ANON) */
static inline bool PageAnon(const struct page *page)
{
	return !page->mapping; /* SIMPLIFIED: no anon_vma yet (chapter 40) */
}

/* mm/page-writeback.c */
int set_page_dirty(struct page *page);
int __set_page_dirty_nobuffers(struct page *page);

/* Is @page mapped by some process? */
static inline bool page_mapped(const struct page *page)
{
	return page_mapcount(page) > 0;
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

/*
 * A VMA's flags (include/linux/mm.h).  The low four are what the
 * mapping may do now; VM_MAY* what mprotect() may allow later.
 */
#define VM_NONE 0x00000000UL
#define VM_READ 0x00000001UL
#define VM_WRITE 0x00000002UL
#define VM_EXEC 0x00000004UL
#define VM_SHARED 0x00000008UL
#define VM_MAYREAD 0x00000010UL
#define VM_MAYWRITE 0x00000020UL
#define VM_MAYEXEC 0x00000040UL
#define VM_MAYSHARE 0x00000080UL
#define VM_GROWSDOWN 0x00000100UL /* the stack: grows on a fault below */
#define VM_PFNMAP 0x00000400UL /* raw PFNs, no struct page behind them */
#define VM_IO 0x00004000UL
#define VM_DONTEXPAND 0x00040000UL
#define VM_ACCOUNT 0x00100000UL
#define VM_DONTDUMP 0x04000000UL /* not in a core dump */
#define VM_MIXEDMAP 0x10000000UL /* PFNs and pages (vm_insert_page) */
#define VM_SPECIAL (VM_IO | VM_DONTEXPAND | VM_PFNMAP | VM_MIXEDMAP)
#define VM_STACK VM_GROWSDOWN
/* ARM, an EABI program (no READ_IMPLIES_EXEC): data and stack not exec */
#define VM_DATA_DEFAULT_FLAGS \
	(VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC)
#define VM_STACK_FLAGS (VM_STACK | VM_DATA_DEFAULT_FLAGS | VM_ACCOUNT)

static inline unsigned long vma_pages(const struct vm_area_struct *vma)
{
	return (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
}

/* The PTE bits of each VM_READ|VM_WRITE|VM_EXEC|VM_SHARED (mm/mmap.c) */
extern pgprot_t protection_map[16];
pgprot_t vm_get_page_prot(unsigned long vm_flags);

/* mm/mmap.c: the VMAs of an address space */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
struct vm_area_struct *find_vma_prev(struct mm_struct *mm, unsigned long addr,
				     struct vm_area_struct **pprev);
void __vma_link_rb(struct mm_struct *mm, struct vm_area_struct *vma,
		   struct rb_node **rb_link, struct rb_node *rb_parent);
int insert_vm_struct(struct mm_struct *mm, struct vm_area_struct *vma);

/* The first VMA that overlaps [@start_addr, @end_addr), or NULL. */
static inline struct vm_area_struct *
find_vma_intersection(struct mm_struct *mm, unsigned long start_addr,
		      unsigned long end_addr)
{
	struct vm_area_struct *vma = find_vma(mm, start_addr);

	if (vma && end_addr <= vma->vm_start)
		vma = NULL;
	return vma;
}

extern unsigned long stack_guard_gap;

/*
 * The room a VMA takes from a search: below a stack, stack_guard_gap
 * stays free too (stacks grow down on ARM: vm_end_gap() is vm_end).
 */
static inline unsigned long vm_start_gap(struct vm_area_struct *vma)
{
	unsigned long vm_start = vma->vm_start;

	if (vma->vm_flags & VM_GROWSDOWN) {
		vm_start -= stack_guard_gap;
		if (vm_start > vma->vm_start) /* it wrapped below 0 */
			vm_start = 0;
	}
	return vm_start;
}

static inline unsigned long vm_end_gap(struct vm_area_struct *vma)
{
	return vma->vm_end;
}

/*
 * What a search for free addresses is given (5.10's, without the
 * colour alignment that aliasing VIPT caches need; the Cortex-A9's
 * data cache is PIPT).
 */
#define VM_UNMAPPED_AREA_TOPDOWN 1
struct vm_unmapped_area_info {
	unsigned long flags; /* VM_UNMAPPED_AREA_TOPDOWN, or 0: bottom-up */
	unsigned long length;
	unsigned long low_limit; /* the range lies in [low_limit, */
	unsigned long high_limit; /* high_limit) */
};
unsigned long vm_unmapped_area(struct vm_unmapped_area_info *info);
unsigned long arch_get_unmapped_area(struct file *filp, unsigned long addr,
				     unsigned long len, unsigned long pgoff,
				     unsigned long flags);
unsigned long arch_get_unmapped_area_topdown(struct file *filp,
					     unsigned long addr,
					     unsigned long len,
					     unsigned long pgoff,
					     unsigned long flags);
void arch_pick_mmap_layout(struct mm_struct *mm); /* mm/util.c */
extern int sysctl_legacy_va_layout;
struct vm_area_struct *vma_merge(struct mm_struct *mm,
				 struct vm_area_struct *prev,
				 unsigned long addr, unsigned long end,
				 unsigned long vm_flags, struct file *file,
				 unsigned long pgoff);

struct page *vm_normal_page(struct vm_area_struct *vma, unsigned long addr,
			    pte_t pte);
int remap_pfn_range(struct vm_area_struct *vma, unsigned long addr,
		    unsigned long pfn, unsigned long size, pgprot_t prot);
/* ARM without LPAE: I/O frames are mapped like any other */
#define io_remap_pfn_range remap_pfn_range
int vm_iomap_memory(struct vm_area_struct *vma, phys_addr_t start,
		    unsigned long len);
int split_vma(struct mm_struct *mm, struct vm_area_struct *vma,
	      unsigned long addr, int new_below);
int expand_stack(struct vm_area_struct *vma, unsigned long address);
int expand_downwards(struct vm_area_struct *vma, unsigned long address);
void exit_mmap(struct mm_struct *mm);
struct file;
unsigned long get_unmapped_area(struct file *file, unsigned long addr,
				unsigned long len, unsigned long pgoff,
				unsigned long flags);
unsigned long do_mmap(struct file *file, unsigned long addr, unsigned long len,
		      unsigned long prot, unsigned long flags,
		      unsigned long pgoff);
int do_munmap(struct mm_struct *mm, unsigned long start, unsigned long len);
void unlink_file_vma(struct vm_area_struct *vma);
void vm_stat_account(struct mm_struct *mm, unsigned long flags, long npages);
extern unsigned long mmap_min_addr;

/* kernel/fork.c: VMAs and address spaces */
struct vm_area_struct *vm_area_alloc(struct mm_struct *mm);
struct vm_area_struct *vm_area_dup(struct vm_area_struct *orig);
void vm_area_free(struct vm_area_struct *vma);
struct mm_struct *mm_alloc(void);
void mmput(struct mm_struct *mm); /* a user goes: exit_mmap() at the last */
void mmdrop(struct mm_struct *mm); /* a reference goes: free at the last */
static inline void mmgrab(struct mm_struct *mm)
{
	mm->mm_count++;
}

/* mm/memory.c: the page tables below the VMAs */
pte_t *pte_alloc_map(struct mm_struct *mm, pmd_t *pmd, unsigned long addr);
int copy_page_range(struct vm_area_struct *dst_vma,
		    struct vm_area_struct *src_vma);
void unmap_vmas(struct vm_area_struct *vma, unsigned long start,
		unsigned long end);
void free_pgtables(struct mm_struct *mm, unsigned long floor,
		   unsigned long ceiling);
void free_first_pte_table(struct mm_struct *mm);
struct pt_regs;
/* What a fault handler returns (5.10's enum vm_fault_reason). */
#define VM_FAULT_OOM 0x000001 /* no memory: the process is killed */
#define VM_FAULT_SIGBUS 0x000002
#define VM_FAULT_MAJOR 0x000004 /* the page had to be read in */
#define VM_FAULT_WRITE 0x000008 /* do_wp_page() made the PTE writable */
#define VM_FAULT_SIGSEGV 0x000040
#define VM_FAULT_NOPAGE 0x000100 /* the PTE is made: nothing to map */
#define VM_FAULT_LOCKED 0x000200 /* ->fault returns the page locked */
#define VM_FAULT_ERROR (VM_FAULT_OOM | VM_FAULT_SIGBUS | VM_FAULT_SIGSEGV)
/* FAULT_FLAG_* : what the fault was */
#define FAULT_FLAG_WRITE 0x01
#define FAULT_FLAG_USER 0x40

/*
 * One page fault, as the handlers below handle_mm_fault() pass it
 * around (5.10's struct vm_fault, without the locks, the pud and the
 * preallocated table of a machine with more levels).
 */
struct vm_fault {
	struct vm_area_struct *vma; /* the VMA of the address */
	unsigned int flags; /* FAULT_FLAG_* */
	gfp_t gfp_mask; /* for the pages the fault allocates */
	unsigned long pgoff; /* the page's offset in the VMA's object */
	unsigned long address; /* the faulting address, page-aligned */
	pmd_t *pmd; /* the pmd of the address */
	pte_t orig_pte; /* the PTE when the fault began */
	struct page *cow_page; /* the private copy of a file's page (38) */
	struct page *page; /* the page the fault found or brought */
	pte_t *pte; /* the PTE, NULL while it has no table or is none */
};

/*
 * Anonymous memory: no owner to ask for its pages.  A file's VMA always
 * has vm_ops, dummy_vm_ops when its file gives none (vma_init()).
 */
static inline bool vma_is_anonymous(struct vm_area_struct *vma)
{
	return !vma->vm_ops;
}

/* Any of read, write or execute (5.10's vma_is_accessible()). */
static inline bool vma_is_accessible(struct vm_area_struct *vma)
{
	return vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC);
}

vm_fault_t handle_mm_fault(struct vm_area_struct *vma, unsigned long address,
			   unsigned int flags, struct pt_regs *regs);

#endif /* _LINUX_MM_H */
