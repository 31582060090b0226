/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Virtually contiguous memory (include/linux/vmalloc.h, mm/vmalloc.c):
 * chapter 26.
 *
 * vmalloc() takes pages one at a time from the page allocator, wherever
 * they are (highmem too), and maps them side by side in the vmalloc
 * area, [VMALLOC_START, VMALLOC_END), through the kernel's page tables.
 * Each allocation is a vm_struct (what is mapped) on a vmap_area (which
 * addresses it occupies); a guard page follows every area.
 */
#ifndef _LINUX_VMALLOC_H
#define _LINUX_VMALLOC_H

#include <linux/list.h>
#include <linux/types.h>
#include <linux/gfp.h>
#include <asm/page.h>
#include <asm/pgtable-2level-types.h>

struct page;
struct seq_file;

/* vm_struct flags (v5.10 values) */
#define VM_IOREMAP 0x00000001 /* ioremap() and friends */
#define VM_ALLOC 0x00000002 /* vmalloc() */
#define VM_MAP 0x00000004 /* vmap()ed pages */
#define VM_USERMAP 0x00000008 /* suitable for remap_vmalloc_range */
#define VM_DMA_COHERENT 0x00000010 /* dma_alloc_coherent */
#define VM_UNINITIALIZED 0x00000020 /* vm_struct is not fully initialized */
#define VM_NO_GUARD 0x00000040 /* don't add guard page */
#define VM_KASAN 0x00000080 /* has allocated kasan shadow memory */
#define VM_FLUSH_RESET_PERMS 0x00000100 /* reset direct map and flush TLB */
#define VM_MAP_PUT_PAGES 0x00000200 /* put pages and free array in vfree */

/* What is mapped at an area: its pages, or a physical range (ioremap). */
struct vm_struct {
	struct vm_struct *next;
	void *addr; /* the first address */
	unsigned long size; /* the length, guard page included */
	unsigned long flags; /* VM_* */
	struct page **pages; /* vmalloc, vmap: the pages, in order */
	unsigned int nr_pages;
	phys_addr_t phys_addr; /* ioremap: the physical address */
	const void *caller; /* who asked (for /proc/vmallocinfo) */
};

/*
 * Which addresses are taken, [va_start, va_end): a busy area carries
 * its vm_struct; a free one is a gap between busy areas.
 * SIMPLIFIED(v5.10 include/linux/vmalloc.h): no rb_node and no
 * subtree_max_size; the areas live on address-sorted lists only
 * (mm/vmalloc.c says why).
 */
struct vmap_area {
	unsigned long va_start;
	unsigned long va_end;
	struct list_head list; /* address-sorted busy or free list */
	struct list_head purge_list; /* "lazy" free: unmapped, not reusable */
	struct vm_struct *vm; /* busy: what is mapped here */
};

void vmalloc_init(void);

void *vmalloc(unsigned long size);
void *vzalloc(unsigned long size);
void *__vmalloc(unsigned long size, gfp_t gfp_mask);
void *__vmalloc_node_range(unsigned long size, unsigned long align,
			   unsigned long start, unsigned long end,
			   gfp_t gfp_mask, pgprot_t prot,
			   unsigned long vm_flags, int node,
			   const void *caller);
void vfree(const void *addr);

void *vmap(struct page **pages, unsigned int count, unsigned long flags,
	   pgprot_t prot);
void vunmap(const void *addr);

struct vm_struct *get_vm_area(unsigned long size, unsigned long flags);
struct vm_struct *get_vm_area_caller(unsigned long size, unsigned long flags,
				     const void *caller);
struct vm_struct *__get_vm_area_caller(unsigned long size, unsigned long flags,
				       unsigned long start, unsigned long end,
				       const void *caller);
struct vm_struct *find_vm_area(const void *addr);
struct vm_struct *remove_vm_area(const void *addr);

int map_kernel_range(unsigned long start, unsigned long size, pgprot_t prot,
		     struct page **pages);
void unmap_kernel_range(unsigned long addr, unsigned long size);

struct page *vmalloc_to_page(const void *addr);
unsigned long vmalloc_to_pfn(const void *addr);
bool is_vmalloc_addr(const void *x);

/* The area's size without its guard page. */
static inline unsigned long get_vm_area_size(const struct vm_struct *area)
{
	if (!(area->flags & VM_NO_GUARD))
		return area->size - PAGE_SIZE;
	return area->size;
}

/* /proc/vmallocinfo (s_show of mm/vmalloc.c) */
void vmallocinfo_show(struct seq_file *m);

/* For the tests and the views: the lists, and the lazily freed pages. */
extern struct list_head vmap_area_list, free_vmap_area_list;
extern unsigned long vmap_lazy_nr;
void purge_vmap_area_lazy(void);

#endif /* _LINUX_VMALLOC_H */
