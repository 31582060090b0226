/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Moving pages (include/linux/migrate.h).
 *
 * A driver marks a page movable with __SetPageMovable(page, mapping):
 * page->mapping then points to its address_space with the low bit
 * PAGE_MAPPING_MOVABLE set.  Migration isolates such a page, asks the
 * owner to move it to a new page (a_ops->migratepage), and frees the old
 * one.  CMA (chapter 8) and compaction use this to empty a range.
 */
#ifndef _LINUX_MIGRATE_H
#define _LINUX_MIGRATE_H

#include <linux/fs.h>
#include <linux/errno.h>
#include <linux/list.h>
#include <linux/mm.h>

#define PAGE_MAPPING_ANON 0x1
#define PAGE_MAPPING_MOVABLE 0x2
#define PAGE_MAPPING_FLAGS (PAGE_MAPPING_ANON | PAGE_MAPPING_MOVABLE)
#define MIGRATEPAGE_SUCCESS 0

static inline bool __PageMovable(const struct page *page)
{
	return ((unsigned long)page->mapping & PAGE_MAPPING_FLAGS) ==
	       PAGE_MAPPING_MOVABLE;
}

static inline void __SetPageMovable(struct page *page,
				    struct address_space *mapping)
{
	page->mapping = (struct address_space *)((unsigned long)mapping |
						 PAGE_MAPPING_MOVABLE);
}

/* The owner gives the page up: the flag stays until the page is freed. */
static inline void __ClearPageMovable(struct page *page)
{
	page->mapping = (struct address_space *)PAGE_MAPPING_MOVABLE;
}

static inline struct address_space *page_mapping_movable(struct page *page)
{
	return (struct address_space *)((unsigned long)page->mapping &
					~(unsigned long)PAGE_MAPPING_FLAGS);
}

/* PG_isolated shares its bit with PG_reclaim, as in Linux. */
static inline bool PageIsolated(const struct page *page)
{
	return page->flags & (1UL << PG_reclaim);
}

static inline void SetPageIsolated(struct page *page)
{
	page->flags |= 1UL << PG_reclaim;
}

static inline void ClearPageIsolated(struct page *page)
{
	page->flags &= ~(1UL << PG_reclaim);
}

typedef struct page *new_page_t(struct page *page, unsigned long private);

int isolate_movable_page(struct page *page, isolate_mode_t mode);
void putback_movable_pages(struct list_head *l);
int migrate_pages(struct list_head *from, new_page_t get_new_page,
		  unsigned long private, enum migrate_mode mode);

#endif /* _LINUX_MIGRATE_H */
