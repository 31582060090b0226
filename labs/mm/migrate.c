// SPDX-License-Identifier: GPL-2.0
/*
 * Page migration, for movable driver pages (mm/migrate.c).
 *
 *   isolate_movable_page(page)   take a reference, let the owner set the
 *                                page aside (a_ops->isolate_page)
 *   migrate_pages(list, new)     for each page: get a new page, let the
 *                                owner copy and switch (migratepage),
 *                                drop the old page
 *   putback_movable_pages(list)  give back what could not move
 *
 * SIMPLIFIED(v5.10 mm/migrate.c): only non-LRU movable pages (what
 * balloon drivers and zsmalloc use); anonymous and file pages, which
 * need their page-table mappings rewritten, wait for chapter 43.
 */
#include <linux/kernel.h>
#include <linux/migrate.h>
#include <linux/mm.h>
#include "internal.h"

/* Return: 0 if the page is now isolated and holds an extra reference. */
int isolate_movable_page(struct page *page, isolate_mode_t mode)
{
	struct address_space *mapping;

	if (page_count(page) == 0 || !__PageMovable(page) || PageIsolated(page))
		return -EBUSY;
	get_page(page);
	mapping = page_mapping_movable(page);
	if (!mapping || !mapping->a_ops->isolate_page(page, mode)) {
		put_page(page);
		return -EBUSY;
	}
	SetPageIsolated(page);
	return 0;
}

static void putback_movable_page(struct page *page)
{
	struct address_space *mapping = page_mapping_movable(page);

	if (mapping)
		mapping->a_ops->putback_page(page);
	ClearPageIsolated(page);
}

void putback_movable_pages(struct list_head *l)
{
	struct page *page, *next;

	list_for_each_entry_safe(page, next, l, lru) {
		list_del(&page->lru);
		putback_movable_page(page);
		put_page(page); /* the isolation reference */
	}
}

/* The owner copies the page and hands its reference over to @newpage. */
static int move_to_new_page(struct page *newpage, struct page *page,
			    enum migrate_mode mode)
{
	struct address_space *mapping = page_mapping_movable(page);

	if (!mapping)
		return -EAGAIN; /* the owner let go meanwhile: just free it */
	return mapping->a_ops->migratepage(mapping, newpage, page, mode);
}

/**
 * migrate_pages - move every isolated page of @from to a new page
 * @from: isolated pages, linked through page->lru
 * @get_new_page: allocates the destination of a page
 * @private: passed to @get_new_page
 * @mode: how hard to try
 *
 * Return: the number of pages that could not be moved (they are back
 * with their owners), or -ENOMEM when no destination could be had.
 */
int migrate_pages(struct list_head *from, new_page_t get_new_page,
		  unsigned long private, enum migrate_mode mode)
{
	struct page *page, *next;
	int failed = 0;

	list_for_each_entry_safe(page, next, from, lru) {
		struct page *newpage = get_new_page(page, private);

		if (!newpage) {
			putback_movable_pages(from);
			return -ENOMEM;
		}
		list_del(&page->lru);
		if (move_to_new_page(newpage, page, mode) ==
		    MIGRATEPAGE_SUCCESS) {
			ClearPageIsolated(page);
			put_page(page); /* the isolation reference: now free */
			continue;
		}
		failed++;
		put_page(newpage);
		putback_movable_page(page);
		put_page(page);
	}
	return failed;
}
