/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Highmem (include/linux/highmem.h): how the kernel reaches a page that
 * has no permanent address (chapters 28 and 29).
 *
 *   kmap(page)          lowmem: its linear address; highmem: a pkmap
 *                       slot, kept until kunmap(page); may sleep
 *   kmap_atomic(page)   lowmem: its linear address; highmem: this CPU's
 *                       next fixmap slot, until kunmap_atomic(addr), in
 *                       reverse order; must not sleep in between
 *
 * Without CONFIG_HIGHMEM every page is lowmem and both are
 * page_address().
 */
#ifndef _LINUX_HIGHMEM_H
#define _LINUX_HIGHMEM_H

#include <string.h>
#include <linux/bug.h>
#include <linux/mm.h>
#include <linux/preempt.h>
#include <asm/kmap_types.h>

#ifdef CONFIG_HIGHMEM
#include <asm/highmem.h>

void *kmap_atomic_high_prot(struct page *page, pgprot_t prot);
void kunmap_atomic_high(void *kvaddr);

void *kmap_high(struct page *page);
void kunmap_high(struct page *page);

static inline void *kmap(struct page *page)
{
	void *addr;

	might_sleep();
	if (!PageHighMem(page))
		addr = page_address(page);
	else
		addr = kmap_high(page);
	return addr;
}

static inline void kunmap(struct page *page)
{
	might_sleep();
	if (!PageHighMem(page))
		return;
	kunmap_high(page);
}

static inline void *kmap_atomic_prot(struct page *page, pgprot_t prot)
{
	preempt_disable();
	pagefault_disable();
	if (!PageHighMem(page))
		return page_address(page);
	return kmap_atomic_high_prot(page, prot);
}
#define kmap_atomic(page) kmap_atomic_prot(page, kmap_prot)

/* mm/highmem.c */
unsigned int nr_free_highpages(void);
extern unsigned long _totalhigh_pages;
static inline unsigned long totalhigh_pages(void)
{
	return _totalhigh_pages;
}
static inline void totalhigh_pages_inc(void)
{
	_totalhigh_pages++;
}
static inline void totalhigh_pages_add(long count)
{
	_totalhigh_pages += count;
}

void kmap_flush_unused(void);
struct page *kmap_to_page(void *addr);
/* pkmap_count[@nr] (static in mm/highmem.c), for views and tests */
int pkmap_slot_count(unsigned int nr);

/* Has paging_init()'s kmap_init() made the pkmap and fixmap tables? */
static inline bool kmap_atomic_ready(void)
{
	return pkmap_page_table != NULL;
}

/* kmap_atomic()'s nesting depth, per CPU (a per-CPU int in Linux) */
extern int __kmap_atomic_idx[NR_CPUS];

static inline int kmap_atomic_idx_push(void)
{
	int idx = ++__kmap_atomic_idx[smp_processor_id()] - 1;

#ifdef CONFIG_DEBUG_HIGHMEM
	BUG_ON(idx >= KM_TYPE_NR);
#endif
	return idx;
}

static inline int kmap_atomic_idx(void)
{
	return __kmap_atomic_idx[smp_processor_id()] - 1;
}

static inline void kmap_atomic_idx_pop(void)
{
#ifdef CONFIG_DEBUG_HIGHMEM
	int idx = --__kmap_atomic_idx[smp_processor_id()];

	BUG_ON(idx < 0);
#else
	__kmap_atomic_idx[smp_processor_id()]--;
#endif
}

#else /* CONFIG_HIGHMEM */

static inline unsigned int nr_free_highpages(void)
{
	return 0;
}

static inline struct page *kmap_to_page(void *addr)
{
	return virt_to_page(addr);
}

static inline unsigned long totalhigh_pages(void)
{
	return 0UL;
}

static inline void *kmap(struct page *page)
{
	might_sleep();
	return page_address(page);
}

static inline void kunmap_high(struct page *page)
{
	(void)page;
}

static inline void kunmap(struct page *page)
{
	(void)page;
}

static inline void *kmap_atomic(struct page *page)
{
	preempt_disable();
	pagefault_disable();
	return page_address(page);
}
#define kmap_atomic_prot(page, prot) kmap_atomic(page)

static inline void kunmap_atomic_high(void *addr)
{
	(void)addr;
}

#define kmap_flush_unused() \
	do {                \
	} while (0)

static inline bool kmap_atomic_ready(void)
{
	return true;
}

#endif /* CONFIG_HIGHMEM */

/*
 * kunmap_atomic - end the atomic section kmap_atomic() began; takes the
 * address kmap_atomic() returned, not the page (Linux refuses a page at
 * build time; so do we).
 */
#define kunmap_atomic(addr)                                                    \
	do {                                                                   \
		_Static_assert(!__builtin_types_compatible_p(__typeof__(addr), \
							     struct page *),   \
			       "kunmap_atomic() takes kmap_atomic()'s "        \
			       "address, not the page");                       \
		kunmap_atomic_high(addr);                                      \
		pagefault_enable();                                            \
		preempt_enable();                                              \
	} while (0)

/* A page of zeroes, wherever it lies (include/linux/highmem.h). */
static inline void clear_highpage(struct page *page)
{
	void *kaddr = kmap_atomic(page);

	memset(kaddr, 0, PAGE_SIZE);
	kunmap_atomic(kaddr);
}

/* Zero bytes [@start, @end) of @page (5.10's zero_user_segment()). */
static inline void zero_user_segment(struct page *page, unsigned int start,
				     unsigned int end)
{
	char *kaddr = kmap_atomic(page);

	memset(kaddr + start, 0, end - start);
	kunmap_atomic(kaddr);
}

static inline void copy_highpage(struct page *to, struct page *from)
{
	char *vfrom, *vto;

	vfrom = kmap_atomic(from);
	vto = kmap_atomic(to);
	memcpy(vto, vfrom, PAGE_SIZE);
	kunmap_atomic(vto);
	kunmap_atomic(vfrom);
}

#endif /* _LINUX_HIGHMEM_H */
