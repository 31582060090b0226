// SPDX-License-Identifier: GPL-2.0
/*
 * Highmem's permanent mappings (mm/highmem.c, chapter 29).
 *
 * The pkmap area is one page table, LAST_PKMAP (512) PTEs just below
 * PAGE_OFFSET.  kmap() of a highmem page gives it a slot there and a
 * count of users; kunmap() drops the count.  A slot whose users are
 * gone is not reused at once: its PTE stays, and may still be in a TLB,
 * until the search for a free slot wraps around, when
 * flush_all_zero_pkmaps() clears every such PTE and flushes the TLB
 * once for all of them.  pkmap_count[i] is therefore not a pure count:
 *
 *   0   unmapped since the last flush: free
 *   1   mapped, no users, not yet flushed: not usable
 *   n   n - 1 users
 *
 * page_address() of a highmem page finds its slot in a hash table of
 * page_address_maps, one per slot (HASHED_PAGE_VIRTUAL: 32-bit ARM keeps
 * no address in struct page).
 *
 * SIMPLIFIED(v5.10 mm/highmem.c): no kmap_lock (one CPU runs at a time)
 * and one wait queue (no cache colours); a task that finds every slot
 * taken sleeps in kernel/sched.c's simulated schedule().
 */
#include <linux/bug.h>
#include <linux/hash.h>
#include <linux/highmem.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/wait.h>
#include <asm/tlbflush.h>

#ifdef CONFIG_HIGHMEM

unsigned long _totalhigh_pages;
int __kmap_atomic_idx[NR_CPUS];

/* Free pages of the highmem zones (the HighFree of /proc/meminfo). */
unsigned int nr_free_highpages(void)
{
	struct zone *zone;
	unsigned int pages = 0;

	for_each_populated_zone(zone)
	{
		if (is_highmem(zone))
			pages += zone_page_state(zone, NR_FREE_PAGES);
	}
	return pages;
}

static int pkmap_count[LAST_PKMAP];
static unsigned int last_pkmap_nr;
static DECLARE_WAIT_QUEUE_HEAD(pkmap_map_wait);

/* kmap()'s page table, from paging_init()'s kmap_init() (chapter 28). */
pte_t *pkmap_page_table;

/* What the tests and the figure read: slot @nr's count. */
int pkmap_slot_count(unsigned int nr)
{
	return nr < LAST_PKMAP ? pkmap_count[nr] : -1;
}

/* The page behind a kmap() or lowmem address. */
struct page *kmap_to_page(void *vaddr)
{
	unsigned long addr = (unsigned long)(uintptr_t)vaddr;

	if (addr >= PKMAP_ADDR(0) && addr < PKMAP_ADDR(LAST_PKMAP)) {
		int i = PKMAP_NR(addr);

		return pte_page(pkmap_page_table[i]);
	}
	return virt_to_page(addr);
}

//> ch29 flush_all_zero_pkmaps
/*
 * flush_all_zero_pkmaps - every slot whose users are gone (count 1) is
 * unmapped and made free (count 0), with one TLB flush for them all
 */
static void flush_all_zero_pkmaps(void)
{
	/* TODO(ch29): unmap every slot of count 1 (clear its PTE, forget
	   its page's address, count 0), then flush the TLB once; see
	   chapters/29-pkmap.md, "Reusing a slot". */
}
//< ch29 flush_all_zero_pkmaps

/* kmap_flush_unused - unmap every unused slot now */
void kmap_flush_unused(void)
{
	flush_all_zero_pkmaps();
}

//> ch29 map_new_virtual
/*
 * map_new_virtual - a free slot for @page: the search starts after the
 * last slot taken; wrapping to slot 0 first frees the unused slots;
 * after LAST_PKMAP slots in use, the caller sleeps until a kunmap()
 */
static unsigned long map_new_virtual(struct page *page)
{
	/* TODO(ch29): find a slot of count 0 after last_pkmap_nr (flush
	   the unused ones when the search wraps to 0; sleep when none is
	   free), map the page there, count 1, record its address; see
	   chapters/29-pkmap.md, "map_new_virtual". */
	(void)pkmap_map_wait; (void)last_pkmap_nr;
	(void)page;
	return PKMAP_ADDR(0); /* a slot, but nothing mapped there */
}
//< ch29 map_new_virtual

//> ch29 kmap_high
/**
 * kmap_high - map a highmem page into memory
 * @page: &struct page to map
 *
 * Returns the page's virtual memory address.  May sleep.
 */
void *kmap_high(struct page *page)
{
	unsigned long vaddr;

	/* kmap() sends highmem pages only (ours checks; 5.10 does not) */
	BUG_ON(!PageHighMem(page));
	/*
	 * For highmem pages, we can't trust "virtual" until
	 * after we have the lock.
	 */
	vaddr = (unsigned long)(uintptr_t)page_address(page);
	if (!vaddr)
		vaddr = map_new_virtual(page);
	pkmap_count[PKMAP_NR(vaddr)]++;
	BUG_ON(pkmap_count[PKMAP_NR(vaddr)] < 2);
	return (void *)(uintptr_t)vaddr;
}
//< ch29 kmap_high

//> ch29 kunmap_high
/**
 * kunmap_high - unmap a highmem page into memory
 * @page: &struct page to unmap
 *
 * One user fewer.  The slot is not unmapped here: a count of 1 waits
 * for the next flush_all_zero_pkmaps().  A task waiting for a slot is
 * woken when one becomes reusable.
 */
void kunmap_high(struct page *page)
{
	/* TODO(ch29): one user fewer for the page's slot; a count that
	   reaches 0 is a BUG, one that reaches 1 wakes a waiter; see
	   chapters/29-pkmap.md, "kunmap". */
	(void)page;
}
//< ch29 kunmap_high

//> ch29 page_address
#define PA_HASH_ORDER 7

/*
 * Describes one page->virtual association
 */
struct page_address_map {
	struct page *page;
	void *virtual;
	struct list_head list;
};

static struct page_address_map page_address_maps[LAST_PKMAP];

/*
 * Hash table bucket
 */
static struct page_address_slot {
	struct list_head lh; /* List of page_address_maps */
} page_address_htable[1 << PA_HASH_ORDER];

static struct page_address_slot *page_slot(const struct page *page)
{
	return &page_address_htable[hash_ptr(page, PA_HASH_ORDER)];
}

/**
 * page_address - get the mapped virtual address of a page
 * @page: &struct page to get the virtual address of
 *
 * Returns the page's virtual address: lowmem's linear one, a highmem
 * page's pkmap slot, or NULL for a highmem page kmap() has not mapped.
 */
void *page_address(const struct page *page)
{
	struct page_address_slot *pas;
	struct page_address_map *pam;

	if (!PageHighMem(page))
		return lowmem_page_address(page);

	pas = page_slot(page);
	list_for_each_entry(pam, &pas->lh, list) {
		if (pam->page == page)
			return pam->virtual;
	}
	return NULL;
}

/**
 * set_page_address - set a page's virtual address
 * @page: &struct page to set
 * @virtual: virtual address to use, or NULL to forget it
 */
void set_page_address(struct page *page, void *virtual)
{
	struct page_address_slot *pas;
	struct page_address_map *pam;

	BUG_ON(!PageHighMem(page));

	pas = page_slot(page);
	if (virtual) { /* Add */
		pam = &page_address_maps[PKMAP_NR(
			(unsigned long)(uintptr_t) virtual)];
		pam->page = page;
		pam->virtual = virtual;
		list_add_tail(&pam->list, &pas->lh);
	} else { /* Remove */
		list_for_each_entry(pam, &pas->lh, list) {
			if (pam->page == page) {
				list_del(&pam->list);
				return;
			}
		}
	}
}

/* start_kernel(): the buckets, before anything is kmapped */
void page_address_init(void)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(page_address_htable); i++)
		INIT_LIST_HEAD(&page_address_htable[i].lh);
}
//< ch29 page_address

#endif /* CONFIG_HIGHMEM */
