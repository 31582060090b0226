// SPDX-License-Identifier: GPL-2.0
/*
 * A toy driver whose pages can move, as a balloon driver's do (used by
 * the compaction and CMA tests).  Each page it owns records its index
 * in its first word; when migration asks, the driver copies the page,
 * takes the new one and drops the old, and a test can check afterwards
 * that no page lost its contents.  ktest_pinned_page refuses to move.
 */
#include <string.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/migrate.h>
#include <linux/mm.h>
#include "ktest.h"

struct page *ktest_movable[KTEST_MAX_MOVABLE];
int ktest_nr_movable, ktest_nr_migrated;
struct page *ktest_pinned_page;

static bool drv_isolate(struct page *page, isolate_mode_t mode)
{
	(void)mode;
	return page != ktest_pinned_page;
}

static int drv_migrate(struct address_space *mapping, struct page *newpage,
		       struct page *page, enum migrate_mode mode)
{
	int i = (int)page->index;

	(void)mode;
	ck_assert_ptr_eq(ktest_movable[i], page);
	memcpy(page_address(newpage), page_address(page), PAGE_SIZE);
	newpage->index = (unsigned long)i;
	__SetPageMovable(newpage, mapping);
	ktest_movable[i] = newpage;
	__ClearPageMovable(page);
	put_page(page); /* the driver's reference moves to newpage */
	ktest_nr_migrated++;
	return MIGRATEPAGE_SUCCESS;
}

static void drv_putback(struct page *page)
{
	(void)page;
}

static const struct address_space_operations drv_aops = {
	.isolate_page = drv_isolate,
	.migratepage = drv_migrate,
	.putback_page = drv_putback,
};
static struct address_space drv_mapping = { .a_ops = &drv_aops };

void ktest_movable_reset(void)
{
	ktest_nr_movable = ktest_nr_migrated = 0;
	ktest_pinned_page = NULL;
}

/* The driver takes @page (order 0, one reference) as its own. */
struct page *ktest_movable_adopt(struct page *page)
{
	if (!page || ktest_nr_movable == KTEST_MAX_MOVABLE)
		return NULL;
	page->index = (unsigned long)ktest_nr_movable;
	memset(page_address(page), ktest_nr_movable & 0xff, PAGE_SIZE);
	((int *)page_address(page))[0] = ktest_nr_movable;
	__SetPageMovable(page, &drv_mapping);
	ktest_movable[ktest_nr_movable++] = page;
	return page;
}

/* One more page for the driver, from alloc_pages(); NULL when out. */
struct page *ktest_movable_alloc(void)
{
	if (ktest_nr_movable == KTEST_MAX_MOVABLE)
		return NULL;
	return ktest_movable_adopt(
		alloc_pages(GFP_USER | __GFP_MOVABLE | __GFP_NOWARN, 0));
}

void ktest_movable_free(int i)
{
	__ClearPageMovable(ktest_movable[i]);
	put_page(ktest_movable[i]);
	ktest_movable[i] = NULL;
}

/* Every page the driver still owns holds what it was given. */
void ktest_movable_check_data(void)
{
	for (int i = 0; i < ktest_nr_movable; i++)
		if (ktest_movable[i])
			ck_assert_msg(
				((int *)page_address(ktest_movable[i]))[0] == i,
				"driver page %d lost its data when it "
				"moved",
				i);
}
