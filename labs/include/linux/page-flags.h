/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Page flags and page types (include/linux/page-flags.h).
 *
 * page->flags holds one bit per PG_* state in its low bits and the page's
 * zone number in its top ZONES_WIDTH bits (page_zonenum(), mm.h):
 *
 *   bit  BITS_PER_LONG-1 ... BITS_PER_LONG-2   ...   __NR_PAGEFLAGS-1 ... 0
 *        [       zone       ] [    unused    ] [      PG_* flags        ]
 *
 * A free page in the buddy allocator is not marked by a flag but by a
 * "page type" kept where _mapcount lives: page_type starts as all ones
 * (_mapcount == -1, "no mappings"), and a type is *set* by clearing its
 * bit, so that PAGE_TYPE_BASE (0xf0000000) stays visible and a mapped
 * page can never look like a typed one.
 */
#ifndef _LINUX_PAGE_FLAGS_H
#define _LINUX_PAGE_FLAGS_H

#include <linux/mm_types.h>

enum pageflags {
	PG_locked,
	PG_referenced,
	PG_uptodate,
	PG_dirty,
	PG_lru,
	PG_active,
	PG_workingset,
	PG_waiters,
	PG_error,
	PG_slab,
	PG_owner_priv_1,
	PG_arch_1,
	PG_reserved,
	PG_private,
	PG_private_2,
	PG_writeback,
	PG_head,
	PG_mappedtodisk,
	PG_reclaim,
	PG_swapbacked,
	PG_unevictable,
	PG_mlocked,
	__NR_PAGEFLAGS,
};

#define PAGEFLAG(uname, lname)                                  \
	static inline bool Page##uname(const struct page *page) \
	{                                                       \
		return page->flags & (1UL << PG_##lname);       \
	}                                                       \
	static inline void SetPage##uname(struct page *page)    \
	{                                                       \
		page->flags |= 1UL << PG_##lname;               \
	}                                                       \
	static inline void ClearPage##uname(struct page *page)  \
	{                                                       \
		page->flags &= ~(1UL << PG_##lname);            \
	}

PAGEFLAG(Locked, locked)
PAGEFLAG(Referenced, referenced)
PAGEFLAG(Dirty, dirty)
PAGEFLAG(LRU, lru)
PAGEFLAG(Active, active)
PAGEFLAG(Slab, slab)
PAGEFLAG(Reserved, reserved)
PAGEFLAG(Private, private)
PAGEFLAG(Writeback, writeback)
PAGEFLAG(Head, head)
PAGEFLAG(Uptodate, uptodate)

/*
 * Set or clear, and say what it was (5.10's TESTSETFLAG() and
 * TESTCLEARFLAG(), atomic there; one CPU here).
 */
#define TESTSETFLAG(uname, lname)                                \
	static inline bool TestSetPage##uname(struct page *page) \
	{                                                        \
		bool was = Page##uname(page);                    \
		SetPage##uname(page);                            \
		return was;                                      \
	}
#define TESTCLEARFLAG(uname, lname)                                \
	static inline bool TestClearPage##uname(struct page *page) \
	{                                                          \
		bool was = Page##uname(page);                      \
		ClearPage##uname(page);                            \
		return was;                                        \
	}

TESTSETFLAG(Dirty, dirty)
TESTCLEARFLAG(Dirty, dirty)
TESTSETFLAG(Writeback, writeback)
TESTCLEARFLAG(Writeback, writeback)
TESTSETFLAG(Locked, locked)

#define __SetPageReserved SetPageReserved
#define __ClearPageReserved ClearPageReserved
#define __SetPageSlab SetPageSlab
#define __ClearPageSlab ClearPageSlab
#define __SetPageHead SetPageHead
#define __ClearPageHead ClearPageHead
#define __SetPageLocked SetPageLocked
#define __ClearPageLocked ClearPageLocked

/*
 * Compound pages (__GFP_COMP): the first page is PageHead, every other
 * page a tail whose compound_head word points to the head with bit 0
 * set.  A free page's lru.next is a pointer, so its bit 0 is clear.
 */
static inline struct page *compound_head(const struct page *page)
{
	unsigned long head = page->compound_head;

	if (head & 1)
		return (struct page *)(head - 1);
	return (struct page *)page;
}

static inline bool PageTail(const struct page *page)
{
	return page->compound_head & 1;
}

static inline bool PageCompound(const struct page *page)
{
	return PageHead(page) || PageTail(page);
}

static inline void set_compound_head(struct page *page, struct page *head)
{
	page->compound_head = (unsigned long)head + 1;
}

static inline void clear_compound_head(struct page *page)
{
	page->compound_head = 0;
}

/* Flags a page must not have when it is freed or allocated. */
#define PAGE_FLAGS_CHECK_AT_FREE                                          \
	(1UL << PG_lru | 1UL << PG_locked | 1UL << PG_private |           \
	 1UL << PG_private_2 | 1UL << PG_writeback | 1UL << PG_reserved | \
	 1UL << PG_slab | 1UL << PG_active | 1UL << PG_unevictable |      \
	 1UL << PG_mlocked)
#define PAGE_FLAGS_CHECK_AT_PREP ((1UL << __NR_PAGEFLAGS) - 1)

/* Page types, kept in page->page_type (inverted: 0 bit = type set). */
#define PAGE_TYPE_BASE 0xf0000000U
#define PAGE_MAPCOUNT_RESERVE -128
#define PG_buddy 0x00000080U
#define PG_offline 0x00000100U
#define PG_table 0x00000400U

#define PageType(page, flag) \
	(((page)->page_type & (PAGE_TYPE_BASE | (flag))) == PAGE_TYPE_BASE)

static inline bool page_has_type(const struct page *page)
{
	return (int)page->page_type < PAGE_MAPCOUNT_RESERVE;
}

/* PageBuddy: the page heads a free block in the buddy allocator. */
static inline bool PageBuddy(const struct page *page)
{
	return PageType(page, PG_buddy);
}

static inline void __SetPageBuddy(struct page *page)
{
	page->page_type &= ~PG_buddy;
}

static inline void __ClearPageBuddy(struct page *page)
{
	page->page_type |= PG_buddy;
}

#endif /* _LINUX_PAGE_FLAGS_H */
