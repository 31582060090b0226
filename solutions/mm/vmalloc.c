// SPDX-License-Identifier: GPL-2.0
/*
 * vmalloc: virtually contiguous memory (v5.10 mm/vmalloc.c), chapter 26.
 *
 * The vmalloc area is address space, not memory.  Allocating from it is
 * two allocations: addresses (a vmap_area, first fit, lowest address,
 * a guard page after it) and pages (one at a time from the page
 * allocator, highmem welcome), then a mapping of the one onto the other
 * in the kernel's page tables (init_mm's, that is swapper_pg_dir).
 *
 * Freeing is lazy.  vfree() unmaps the pages and frees them, but leaves
 * the addresses on a purge list: their TLB entries may still be live,
 * and flushing the TLB once for many areas is far cheaper than once for
 * each.  When lazy_max_pages() pages are waiting, or when an allocation
 * finds no room, purge_vmap_area_lazy() flushes the TLB for the whole
 * span and gives the areas back to the free list, merged with their
 * neighbours.
 *
 * SIMPLIFIED(v5.10 mm/vmalloc.c): 5.10 keeps the busy areas in a
 * red-black tree sorted by address (vmap_area_root) beside the sorted
 * list, and the free areas in a second tree augmented with each
 * subtree's largest free block (subtree_max_size), so that
 * find_vmap_lowest_match() finds the lowest fitting area in O(log n).
 * We keep the two sorted lists only, and search them from the start:
 * the same areas come out, in O(n).  It is 5.10's own reference search,
 * find_vmap_lowest_linear_match(), which its DEBUG_AUGMENT_LOWEST_MATCH
 * check compares the tree against.  No per-CPU vmap blocks
 * (vm_map_ram), no KASAN, no NUMA nodes, no locks: one CPU runs at a
 * time in our machines.
 */
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/log2.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <asm/memory.h>
#include <asm/pgalloc.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>

static struct kmem_cache *vmap_area_cachep;
static bool vmap_initialized;

LIST_HEAD(vmap_area_list); /* busy areas, by address */
LIST_HEAD(free_vmap_area_list); /* free areas, by address, disjoint */
static LIST_HEAD(vmap_purge_list); /* unmapped, waiting for a TLB flush */
unsigned long vmap_lazy_nr; /* pages on the purge list */

bool is_vmalloc_addr(const void *x)
{
	unsigned long addr = (unsigned long)(uintptr_t)x;

	return addr >= VMALLOC_START && addr < VMALLOC_END;
}

/* ---- the kernel's page tables: mapping and unmapping pages ---- */

pte_t *pte_alloc_one_kernel(struct mm_struct *mm)
{
	(void)mm;
	return (pte_t *)__get_free_page(GFP_KERNEL | __GFP_ZERO);
}

void pte_free_kernel(struct mm_struct *mm, pte_t *pte)
{
	(void)mm;
	free_page((unsigned long)pte);
}

/* include/linux/mm.h: the PTE of @addr, its PTE page allocated if need be */
pte_t *pte_alloc_kernel(pmd_t *pmd, unsigned long addr)
{
	if (pmd_none(*pmd)) {
		pte_t *new = pte_alloc_one_kernel(&init_mm);

		if (!new)
			return NULL;
		pmd_populate_kernel(&init_mm, pmd, new);
	}
	return pte_offset_kernel(pmd, addr);
}

static int vmap_pte_range(pmd_t *pmd, unsigned long addr, unsigned long end,
			  pgprot_t prot, struct page **pages, int *nr)
{
	pte_t *pte = pte_alloc_kernel(pmd, addr);

	if (!pte)
		return -ENOMEM;
	do {
		struct page *page = pages[*nr];

		if (WARN_ON(!pte_none(*pte)))
			return -EBUSY;
		if (WARN_ON(!page))
			return -ENOMEM;
		set_pte_at(&init_mm, addr, pte, mk_pte(page, prot));
		(*nr)++;
	} while (pte++, addr += PAGE_SIZE, addr != end);
	return 0;
}

/*
 * map_kernel_range_noflush - map @pages at [@addr, @addr + @size) in
 * init_mm; the PTEs are new (they replace faults), so no TLB flush.
 * A pgd entry that holds a section is a bug of the caller: refused.
 */
static int map_kernel_range_noflush(unsigned long addr, unsigned long size,
				    pgprot_t prot, struct page **pages)
{
	unsigned long end = addr + size, next;
	pgd_t *pgd = pgd_offset_k(addr);
	int nr = 0, err;

	do {
		pmd_t *pmd = pmd_offset(pgd, addr);

		next = pgd_addr_end(addr, end);
		if (WARN_ON(pmd_bad(*pmd)))
			return -EINVAL;
		err = vmap_pte_range(pmd, addr, next, prot, pages, &nr);
		if (err)
			return err;
	} while (pgd++, addr = next, addr != end);
	return 0;
}

int map_kernel_range(unsigned long start, unsigned long size, pgprot_t prot,
		     struct page **pages)
{
	/* flush_cache_vmap(): nothing to do without caches (QEMU) */
	return map_kernel_range_noflush(start, size, prot, pages);
}

/* Clear the PTEs of [addr, addr + size); the caller flushes the TLB. */
static void unmap_kernel_range_noflush(unsigned long addr, unsigned long size)
{
	unsigned long end = addr + size, next;
	pgd_t *pgd = pgd_offset_k(addr);

	do {
		pmd_t *pmd = pmd_offset(pgd, addr);
		pte_t *pte;
		unsigned long a;

		next = pgd_addr_end(addr, end);
		if (pmd_none(*pmd) || WARN_ON(pmd_bad(*pmd)))
			continue;
		pte = pte_offset_kernel(pmd, addr);
		for (a = addr; a != next; a += PAGE_SIZE, pte++) {
			pte_t ptent = ptep_get_and_clear(&init_mm, a, pte);

			WARN_ON(!pte_none(ptent) && !pte_present(ptent));
		}
	} while (pgd++, addr = next, addr != end);
}

void unmap_kernel_range(unsigned long addr, unsigned long size)
{
	unmap_kernel_range_noflush(addr, size);
	flush_tlb_kernel_range(addr, addr + size);
}

//> ch26 vmalloc-to-page
/**
 * vmalloc_to_page - the page mapped at a vmalloc address
 * @vmalloc_addr: an address in the vmalloc area
 *
 * The walk the MMU does, in software, on init_mm's tables.
 * Return: the page, or NULL when nothing is mapped there.
 */
struct page *vmalloc_to_page(const void *vmalloc_addr)
{
	unsigned long addr = (unsigned long)(uintptr_t)vmalloc_addr;
	struct page *page = NULL;

	// BEGIN SOLUTION ch26
	pgd_t *pgd = pgd_offset_k(addr);
	pmd_t *pmd = pmd_offset(pgd, addr);
	pte_t pte;

	if (pmd_none(*pmd))
		return NULL;
	if (WARN_ON_ONCE(pmd_bad(*pmd)))
		return NULL;
	pte = *pte_offset_kernel(pmd, addr);
	if (pte_present(pte))
		page = pte_page(pte);
	// STUB
	// /* TODO(ch26): walk init_mm's tables: pgd, pmd (none: NULL; a
	//    section: WARN, NULL), the Linux PTE; see
	//    chapters/26-vmalloc.md, "vmalloc_to_page". */
	// (void)addr;
	// END SOLUTION
	return page;
}
//< ch26 vmalloc-to-page

unsigned long vmalloc_to_pfn(const void *vmalloc_addr)
{
	return page_to_pfn(vmalloc_to_page(vmalloc_addr));
}

/* ---- vmap_area: the address space ---- */

/* Does [va_start, va_end) hold @size bytes at @align, at or above @vstart? */
static bool is_within_this_va(struct vmap_area *va, unsigned long size,
			      unsigned long align, unsigned long vstart)
{
	unsigned long nva_start_addr;

	if (va->va_start > vstart)
		nva_start_addr = ALIGN(va->va_start, align);
	else
		nva_start_addr = ALIGN(vstart, align);

	/* Can be overflowed due to big size or alignment. */
	if (nva_start_addr + size < nva_start_addr || nva_start_addr < vstart)
		return false;
	return (nva_start_addr + size <= va->va_end);
}

/* The lowest free area that can hold the request: first fit. */
static struct vmap_area *find_vmap_lowest_match(unsigned long size,
						unsigned long align,
						unsigned long vstart)
{
	struct vmap_area *va;

	list_for_each_entry(va, &free_vmap_area_list, list)
		if (is_within_this_va(va, size, align, vstart))
			return va;
	return NULL;
}

/* Insert @va into the address-sorted @head (busy or free). */
static void insert_vmap_area(struct vmap_area *va, struct list_head *head)
{
	struct vmap_area *tmp;

	list_for_each_entry(tmp, head, list) {
		if (tmp->va_start >= va->va_end)
			break;
		/* two areas overlap: a bug of ours, reported, not spread */
		WARN(tmp->va_end > va->va_start,
		     "vmalloc: area %#lx-%#lx overlaps %#lx-%#lx\n",
		     va->va_start, va->va_end, tmp->va_start, tmp->va_end);
	}
	list_add_tail(&va->list, &tmp->list);
}

//> ch26 fit-type
/*
 * How a request [nva_start_addr, + size) sits in the free area @va
 * that holds it; each case cuts the area differently.
 */
enum fit_type {
	NOTHING_FIT = 0,
	FL_FIT_TYPE = 1, /* full fit */
	LE_FIT_TYPE = 2, /* left edge fit */
	RE_FIT_TYPE = 3, /* right edge fit */
	NE_FIT_TYPE = 4 /* no edge fit */
};

static enum fit_type classify_va_fit_type(struct vmap_area *va,
					  unsigned long nva_start_addr,
					  unsigned long size)
{
	// BEGIN SOLUTION ch26
	/* Check if it is within VA. */
	if (nva_start_addr < va->va_start || nva_start_addr + size > va->va_end)
		return NOTHING_FIT;

	if (va->va_start == nva_start_addr) {
		if (va->va_end == nva_start_addr + size)
			return FL_FIT_TYPE;
		return LE_FIT_TYPE;
	}
	if (va->va_end == nva_start_addr + size)
		return RE_FIT_TYPE;
	return NE_FIT_TYPE;
	// STUB
	// /* TODO(ch26): NOTHING_FIT outside the area, else which edges of
	//    the area the request touches; see chapters/26-vmalloc.md,
	//    "Cutting a free area". */
	// (void)va; (void)nva_start_addr; (void)size;
	// return NOTHING_FIT;
	// END SOLUTION
}

/*
 * adjust_va_to_fit_type - take [nva_start_addr, + size) out of the free
 * area @va: free it (full fit), shrink it from the left or the right,
 * or split it in two (no edge fit: a new area for the left part).
 * Return: 0, or -1 if the split found no memory for the new area.
 */
static int adjust_va_to_fit_type(struct vmap_area *va,
				 unsigned long nva_start_addr,
				 unsigned long size, enum fit_type type)
{
	// BEGIN SOLUTION ch26
	struct vmap_area *lva;

	switch (type) {
	case FL_FIT_TYPE:
		/* |<----- VA = NVA ----->| */
		list_del(&va->list);
		kmem_cache_free(vmap_area_cachep, va);
		return 0;
	case LE_FIT_TYPE:
		/* |<-- NVA -->|<-- VA -->| */
		va->va_start += size;
		return 0;
	case RE_FIT_TYPE:
		/* |<-- VA -->|<-- NVA -->| */
		va->va_end = nva_start_addr;
		return 0;
	case NE_FIT_TYPE:
		/* |<- LVA ->|<-- NVA -->|<- VA ->| */
		lva = kmem_cache_alloc(vmap_area_cachep, GFP_NOWAIT);
		if (!lva)
			return -1;
		lva->va_start = va->va_start;
		lva->va_end = nva_start_addr;
		va->va_start = nva_start_addr + size;
		list_add_tail(&lva->list, &va->list); /* just before va */
		return 0;
	default:
		return -1;
	}
	// STUB
	// /* TODO(ch26): remove, shrink or split the free area @va for each
	//    fit type; see chapters/26-vmalloc.md, "Cutting a free area". */
	// (void)va; (void)nva_start_addr; (void)size; (void)type;
	// return -1;
	// END SOLUTION
}
//< ch26 fit-type

/*
 * __alloc_vmap_area - carve [addr, addr + size) out of the lowest free
 * area that holds it inside [vstart, vend).
 * Return: addr, or vend when nothing fits.
 */
static unsigned long __alloc_vmap_area(unsigned long size, unsigned long align,
				       unsigned long vstart, unsigned long vend)
{
	unsigned long nva_start_addr;
	struct vmap_area *va;
	enum fit_type type;

	va = find_vmap_lowest_match(size, align, vstart);
	if (!va)
		return vend;
	if (va->va_start > vstart)
		nva_start_addr = ALIGN(va->va_start, align);
	else
		nva_start_addr = ALIGN(vstart, align);
	/* Check the "vend" restriction. */
	if (nva_start_addr + size > vend)
		return vend;
	type = classify_va_fit_type(va, nva_start_addr, size);
	if (WARN_ON_ONCE(type == NOTHING_FIT))
		return vend;
	if (adjust_va_to_fit_type(va, nva_start_addr, size, type))
		return vend;
	return nva_start_addr;
}

//> ch26 merge
/*
 * merge_or_add_vmap_area - give the addresses of @va back to the free
 * list: merged with the free area that ends where it starts and with
 * the one that starts where it ends, or inserted between them.
 * Return: the free area that now holds @va's addresses.
 */
static struct vmap_area *merge_or_add_vmap_area(struct vmap_area *va)
{
	// BEGIN SOLUTION ch26
	struct list_head *next = &free_vmap_area_list;
	struct vmap_area *sibling, *tmp;
	bool merged = false;

	/* the first free area above va: va goes just before it */
	list_for_each_entry(tmp, &free_vmap_area_list, list) {
		if (tmp->va_start >= va->va_end) {
			next = &tmp->list;
			break;
		}
		if (WARN(tmp->va_end > va->va_start,
			 "vmalloc: freeing %#lx-%#lx, which overlaps the free "
			 "area %#lx-%#lx\n",
			 va->va_start, va->va_end, tmp->va_start, tmp->va_end))
			return NULL;
	}

	/* |<-- VA -->|<-- Next -->| */
	if (next != &free_vmap_area_list) {
		sibling = list_entry(next, struct vmap_area, list);
		if (sibling->va_start == va->va_end) {
			sibling->va_start = va->va_start;
			kmem_cache_free(vmap_area_cachep, va);
			va = sibling;
			merged = true;
		}
	}

	/* |<-- Prev -->|<-- VA -->| */
	if (next->prev != &free_vmap_area_list) {
		sibling = list_entry(next->prev, struct vmap_area, list);
		if (sibling->va_end == va->va_start) {
			if (merged)
				list_del(&va->list);
			sibling->va_end = va->va_end;
			kmem_cache_free(vmap_area_cachep, va);
			va = sibling;
			merged = true;
		}
	}

	if (!merged)
		list_add_tail(&va->list, next);
	return va;
	// STUB
	// /* TODO(ch26): find va's place in the address-sorted free list,
	//    merge with the free neighbour that touches each side, or insert;
	//    see chapters/26-vmalloc.md, "Freeing: merge with the
	//    neighbours". */
	// list_add_tail(&va->list, &free_vmap_area_list);
	// return va;
	// END SOLUTION
}
//< ch26 merge

/*
 * lazy_max_pages - how many pages of freed areas may wait for a TLB
 * flush: 32 MiB of them per log2 of the CPUs (5.10's scale).
 */
static unsigned long lazy_max_pages(void)
{
	return (unsigned long)(ilog2(NR_CPUS) + 1) *
	       (32UL * 1024 * 1024 / PAGE_SIZE);
}

/* The TLB flush the lazy areas were waiting for, then back to free. */
static bool __purge_vmap_area_lazy(unsigned long start, unsigned long end)
{
	struct vmap_area *va, *n;

	if (list_empty(&vmap_purge_list))
		return false;
	list_for_each_entry(va, &vmap_purge_list, purge_list) {
		start = min(start, va->va_start);
		end = max(end, va->va_end);
	}
	flush_tlb_kernel_range(start, end);
	list_for_each_entry_safe(va, n, &vmap_purge_list, purge_list) {
		unsigned long nr = (va->va_end - va->va_start) >> PAGE_SHIFT;

		list_del(&va->purge_list);
		merge_or_add_vmap_area(va);
		vmap_lazy_nr -= nr;
	}
	return true;
}

void purge_vmap_area_lazy(void)
{
	__purge_vmap_area_lazy(~0UL, 0);
}

/* Off the busy list; onto the purge list until the next flush. */
static void free_vmap_area_noflush(struct vmap_area *va)
{
	list_del(&va->list);
	vmap_lazy_nr += (va->va_end - va->va_start) >> PAGE_SHIFT;
	list_add_tail(&va->purge_list, &vmap_purge_list);
	if (vmap_lazy_nr > lazy_max_pages())
		purge_vmap_area_lazy();
}

static void free_unmap_vmap_area(struct vmap_area *va)
{
	unmap_kernel_range_noflush(va->va_start, va->va_end - va->va_start);
	free_vmap_area_noflush(va);
}

/*
 * alloc_vmap_area - @size bytes of address space at @align, inside
 * [vstart, vend); once, after purging the lazy areas, again.
 */
static struct vmap_area *alloc_vmap_area(unsigned long size,
					 unsigned long align,
					 unsigned long vstart,
					 unsigned long vend, gfp_t gfp_mask)
{
	struct vmap_area *va;
	unsigned long addr;
	bool purged = false;

	BUG_ON(!size);
	BUG_ON(offset_in_page(size));
	BUG_ON(!is_power_of_2(align));
	if (!vmap_initialized)
		return ERR_PTR(-EBUSY);

	va = kmem_cache_alloc(vmap_area_cachep, gfp_mask);
	if (!va)
		return ERR_PTR(-ENOMEM);
retry:
	addr = __alloc_vmap_area(size, align, vstart, vend);
	if (addr == vend) {
		if (!purged) {
			purge_vmap_area_lazy();
			purged = true;
			goto retry;
		}
		if (!(gfp_mask & __GFP_NOWARN))
			pr_warn("vmap allocation for size %lu failed: use "
				"vmalloc=<size> to increase size\n",
				size);
		kmem_cache_free(vmap_area_cachep, va);
		return ERR_PTR(-EBUSY);
	}
	va->va_start = addr;
	va->va_end = addr + size;
	va->vm = NULL;
	insert_vmap_area(va, &vmap_area_list);
	BUG_ON(!IS_ALIGNED(va->va_start, align));
	BUG_ON(va->va_start < vstart);
	BUG_ON(va->va_end > vend);
	return va;
}

static struct vmap_area *find_vmap_area(unsigned long addr)
{
	struct vmap_area *va;

	list_for_each_entry(va, &vmap_area_list, list) {
		if (addr < va->va_start)
			break;
		if (addr < va->va_end)
			return va;
	}
	return NULL;
}

/* ---- vm_struct: what is mapped ---- */

static struct vm_struct *
__get_vm_area_node(unsigned long size, unsigned long align, unsigned long flags,
		   unsigned long start, unsigned long end, gfp_t gfp_mask,
		   const void *caller)
{
	struct vm_struct *area;
	struct vmap_area *va;

	size = PAGE_ALIGN(size);
	if (!size)
		return NULL;
	area = kzalloc(sizeof(*area), gfp_mask & ~__GFP_HIGHMEM);
	if (unlikely(ZERO_OR_NULL_PTR(area)))
		return NULL;
	// BEGIN SOLUTION ch26
	if (!(flags & VM_NO_GUARD))
		size += PAGE_SIZE;
	// STUB
	// /* TODO(ch26): the guard page; see chapters/26-vmalloc.md, "The
	//    guard page". */
	// END SOLUTION
	va = alloc_vmap_area(size, align, start, end,
			     gfp_mask & ~__GFP_HIGHMEM);
	if (IS_ERR(va)) {
		kfree(area);
		return NULL;
	}
	area->flags = flags;
	area->addr = (void *)(uintptr_t)va->va_start;
	area->size = va->va_end - va->va_start;
	area->caller = caller;
	va->vm = area;
	return area;
}

struct vm_struct *__get_vm_area_caller(unsigned long size, unsigned long flags,
				       unsigned long start, unsigned long end,
				       const void *caller)
{
	return __get_vm_area_node(size, 1, flags, start, end, GFP_KERNEL,
				  caller);
}

struct vm_struct *get_vm_area(unsigned long size, unsigned long flags)
{
	return __get_vm_area_node(size, 1, flags, VMALLOC_START, VMALLOC_END,
				  GFP_KERNEL, __builtin_return_address(0));
}

struct vm_struct *get_vm_area_caller(unsigned long size, unsigned long flags,
				     const void *caller)
{
	return __get_vm_area_node(size, 1, flags, VMALLOC_START, VMALLOC_END,
				  GFP_KERNEL, caller);
}

struct vm_struct *find_vm_area(const void *addr)
{
	struct vmap_area *va = find_vmap_area((unsigned long)(uintptr_t)addr);

	return va ? va->vm : NULL;
}

/* Unmap the area at @addr and give its addresses back (lazily). */
struct vm_struct *remove_vm_area(const void *addr)
{
	struct vmap_area *va = find_vmap_area((unsigned long)(uintptr_t)addr);
	struct vm_struct *vm;

	if (!va || !va->vm)
		return NULL;
	vm = va->vm;
	va->vm = NULL;
	free_unmap_vmap_area(va);
	return vm;
}

static void __vunmap(const void *addr, int deallocate_pages)
{
	struct vm_struct *area;

	if (!addr)
		return;
	if (WARN(!PAGE_ALIGNED(addr), "Trying to vfree() bad address (%p)\n",
		 addr))
		return;
	area = find_vm_area(addr);
	if (!area || area->addr != addr) {
		WARN(1, KERN_ERR "Trying to vfree() nonexistent vm area (%p)\n",
		     addr);
		return;
	}
	remove_vm_area(addr);
	if (deallocate_pages) {
		for (unsigned int i = 0; i < area->nr_pages; i++) {
			BUG_ON(!area->pages[i]);
			__free_pages(area->pages[i], 0);
		}
		kfree(area->pages);
	}
	kfree(area);
}

/**
 * vfree - release memory allocated by vmalloc()
 * @addr: the address vmalloc() returned, or NULL
 *
 * The pages go back to the page allocator at once; the addresses wait
 * on the purge list for a TLB flush.
 */
void vfree(const void *addr)
{
	__vunmap(addr, 1);
}

/* vunmap - undo vmap(); the pages stay the caller's */
void vunmap(const void *addr)
{
	__vunmap(addr, 0);
}

/* vmap - map @count pages, which the caller owns, side by side */
void *vmap(struct page **pages, unsigned int count, unsigned long flags,
	   pgprot_t prot)
{
	unsigned long size = (unsigned long)count << PAGE_SHIFT;
	struct vm_struct *area;

	if (count > totalram_pages)
		return NULL;
	area = get_vm_area_caller(size, flags, __builtin_return_address(0));
	if (!area)
		return NULL;
	if (map_kernel_range((unsigned long)(uintptr_t)area->addr, size, prot,
			     pages) < 0) {
		vunmap(area->addr);
		return NULL;
	}
	return area->addr;
}

/* The pages of @area, one by one, then the mapping. */
static void *__vmalloc_area_node(struct vm_struct *area, gfp_t gfp_mask,
				 pgprot_t prot)
{
	unsigned int nr_pages = get_vm_area_size(area) >> PAGE_SHIFT;
	struct page **pages;

	/*
	 * SIMPLIFIED(v5.10 mm/vmalloc.c): the array always comes from
	 * kmalloc(); 5.10 takes an array larger than a page from vmalloc
	 * itself.
	 */
	pages = kmalloc_array(nr_pages, sizeof(struct page *),
			      (gfp_mask & ~__GFP_HIGHMEM) | __GFP_ZERO);
	if (!pages) {
		remove_vm_area(area->addr);
		kfree(area);
		return NULL;
	}
	area->pages = pages;
	area->nr_pages = nr_pages;
	/* any page will do, highmem first: nothing needs a linear address */
	gfp_mask |= __GFP_HIGHMEM | __GFP_NOWARN;
	for (unsigned int i = 0; i < nr_pages; i++) {
		struct page *page = alloc_pages(gfp_mask, 0);

		if (!page) {
			area->nr_pages = i; /* vfree() frees these */
			goto fail;
		}
		pages[i] = page;
	}
	if (map_kernel_range((unsigned long)(uintptr_t)area->addr,
			     get_vm_area_size(area), prot, pages) < 0)
		goto fail;
	return area->addr;

fail:
	pr_warn("vmalloc: allocation failure, allocated %lu of %lu bytes\n",
		(unsigned long)area->nr_pages * PAGE_SIZE, area->size);
	vfree(area->addr);
	return NULL;
}

/**
 * __vmalloc_node_range - allocate virtually contiguous memory
 * @size: allocation size
 * @align: desired alignment of the address
 * @start: vm area range start
 * @end: vm area range end
 * @gfp_mask: flags for the page allocator
 * @prot: protection of the pages (PAGE_KERNEL)
 * @vm_flags: additional vm area flags (VM_NO_GUARD ...)
 * @node: NUMA_NO_NODE (we have one node)
 * @caller: who asked, for /proc/vmallocinfo
 *
 * Return: the address of the area, or NULL.
 */
void *__vmalloc_node_range(unsigned long size, unsigned long align,
			   unsigned long start, unsigned long end,
			   gfp_t gfp_mask, pgprot_t prot,
			   unsigned long vm_flags, int node, const void *caller)
{
	unsigned long real_size = size;
	struct vm_struct *area;
	void *addr;

	(void)node;
	size = PAGE_ALIGN(size);
	if (!size || (size >> PAGE_SHIFT) > totalram_pages)
		goto fail;
	area = __get_vm_area_node(real_size, align,
				  VM_ALLOC | VM_UNINITIALIZED | vm_flags, start,
				  end, gfp_mask, caller);
	if (!area)
		goto fail;
	addr = __vmalloc_area_node(area, gfp_mask, prot);
	if (!addr)
		return NULL;
	area->flags &= ~VM_UNINITIALIZED;
	return addr;

fail:
	pr_warn("vmalloc: allocation failure: %lu bytes\n", real_size);
	return NULL;
}

static void *__vmalloc_node(unsigned long size, unsigned long align,
			    gfp_t gfp_mask, const void *caller)
{
	return __vmalloc_node_range(size, align, VMALLOC_START, VMALLOC_END,
				    gfp_mask, PAGE_KERNEL, 0, NUMA_NO_NODE,
				    caller);
}

void *__vmalloc(unsigned long size, gfp_t gfp_mask)
{
	return __vmalloc_node(size, 1, gfp_mask, __builtin_return_address(0));
}

/**
 * vmalloc - allocate virtually contiguous memory
 * @size: allocation size
 *
 * Return: the address, page aligned, or NULL.
 */
void *vmalloc(unsigned long size)
{
	return __vmalloc_node(size, 1, GFP_KERNEL, __builtin_return_address(0));
}

void *vzalloc(unsigned long size)
{
	return __vmalloc_node(size, 1, GFP_KERNEL | __GFP_ZERO,
			      __builtin_return_address(0));
}

/*
 * vmalloc_init - the free list holds the whole address space, and the
 * allocators' vstart/vend keep each in its part (5.10's
 * vmap_init_free_space(), with no early areas yet: our board has no
 * static device mappings).  [1, ULONG_MAX) as on the board, whose
 * unsigned long is 32 bits.
 */
void vmalloc_init(void)
{
	struct vmap_area *free;

	INIT_LIST_HEAD(&vmap_area_list);
	INIT_LIST_HEAD(&free_vmap_area_list);
	INIT_LIST_HEAD(&vmap_purge_list);
	vmap_lazy_nr = 0;
	vmap_area_cachep = kmem_cache_create(
		"vmap_area", sizeof(struct vmap_area), 0, SLAB_PANIC, NULL);
	free = kmem_cache_alloc(vmap_area_cachep, GFP_KERNEL);
	BUG_ON(!free);
	free->va_start = 1;
	free->va_end = 0xffffffffUL;
	list_add(&free->list, &free_vmap_area_list);
	vmap_initialized = true;
}

//> ch26 vmallocinfo
/*
 * /proc/vmallocinfo: one line per busy area, lowest first, then the
 * areas waiting for a purge (5.10's s_show() and show_purge_info()).
 */
void vmallocinfo_show(struct seq_file *m)
{
	struct vmap_area *va;

	list_for_each_entry(va, &vmap_area_list, list) {
		struct vm_struct *v = va->vm;

		if (!v) {
			seq_printf(m, "0x%pK-0x%pK %7ld vm_map_ram\n",
				   (void *)(uintptr_t)va->va_start,
				   (void *)(uintptr_t)va->va_end,
				   (long)(va->va_end - va->va_start));
			continue;
		}
		seq_printf(m, "0x%pK-0x%pK %7ld", v->addr,
			   (void *)((char *)v->addr + v->size), (long)v->size);
		if (v->caller)
			seq_printf(m, " %pS", v->caller);
		if (v->nr_pages)
			seq_printf(m, " pages=%d", (int)v->nr_pages);
		if (v->phys_addr)
			seq_printf(m, " phys=%pa", &v->phys_addr);
		if (v->flags & VM_IOREMAP)
			seq_puts(m, " ioremap");
		if (v->flags & VM_ALLOC)
			seq_puts(m, " vmalloc");
		if (v->flags & VM_MAP)
			seq_puts(m, " vmap");
		if (v->flags & VM_USERMAP)
			seq_puts(m, " user");
		if (v->flags & VM_DMA_COHERENT)
			seq_puts(m, " dma-coherent");
		if (is_vmalloc_addr(v->pages))
			seq_puts(m, " vpages");
		seq_putc(m, '\n');
	}
	list_for_each_entry(va, &vmap_purge_list, purge_list)
		seq_printf(m, "0x%pK-0x%pK %7ld unpurged vm_area\n",
			   (void *)(uintptr_t)va->va_start,
			   (void *)(uintptr_t)va->va_end,
			   (long)(va->va_end - va->va_start));
}
//< ch26 vmallocinfo
