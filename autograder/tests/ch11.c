// SPDX-License-Identifier: GPL-2.0
/*
 * Chapter 11: freeing the init sections.
 *
 * The exercises: free_reserved_area() and adjust_managed_page_count()
 * (mm/page_alloc.c).  Most tests free ranges of pages that a test
 * reserved as a driver does (mark_page_reserved()), the same on both
 * machines; free_initmem_gives_the_init_pages_back frees the image's
 * own init sections, which only the board has in its RAM, and
 * init_code_after_free_initmem_oopses calls an __init function too
 * late, on both machines.
 */
#include <stdio.h>
#include <string.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/poison.h>
#include <linux/vmstat.h>
#include <asm/machine.h>
#include <asm-generic/sections.h>
#include "mm/internal.h"
#include "ktest.h"

#define BLOCK_ORDER 4
#define BLOCK_PAGES (1UL << BLOCK_ORDER)

static struct zone *normal(void)
{
	return &NODE_DATA(0)->node_zones[ZONE_NORMAL];
}

/* Pages the allocator holds: its free lists and the CPUs' lists. */
static unsigned long free_pages_now(void)
{
	drain_all_pages(NULL);
	return zone_page_state(normal(), NR_FREE_PAGES);
}

/*
 * 2^BLOCK_ORDER lowmem pages that a driver has taken and marked
 * reserved, each filled with @fill.  Return: their linear address.
 */
static char *reserve_block(int fill)
{
	struct page *page = alloc_pages(GFP_KERNEL, BLOCK_ORDER);

	ck_assert_msg(page,
		      "alloc_pages(GFP_KERNEL, %d) failed: these tests "
		      "need the page allocator of chapters 4-7",
		      BLOCK_ORDER);
	for (unsigned long i = 0; i < BLOCK_PAGES; i++) {
		mark_page_reserved(page + i);
		memset(page_address(page + i), fill, PAGE_SIZE);
	}
	return page_address(page);
}

static bool all_bytes(const char *p, int byte, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)p[i] != (unsigned char)byte)
			return false;
	return true;
}

/* Is page @i of the block free again: not reserved, no reference? */
static bool freed(const char *block, unsigned long i)
{
	struct page *page = virt_to_page(block + i * PAGE_SIZE);

	return !PageReserved(page) && page_count(page) == 0;
}

START_TEST(aligned_range_frees_every_page)
{
	char *block = reserve_block(0x11);
	unsigned long n;

	n = free_reserved_area(block, block + BLOCK_PAGES * PAGE_SIZE, -1,
			       NULL);
	ck_assert_msg(n == BLOCK_PAGES,
		      "free_reserved_area() of %lu whole pages returned %lu",
		      BLOCK_PAGES, n);
	for (unsigned long i = 0; i < BLOCK_PAGES; i++)
		ck_assert_msg(freed(block, i),
			      "page %lu of the range is still reserved or "
			      "referenced: free_reserved_page() clears "
			      "PG_reserved, sets one reference, and frees it",
			      i);
	ck_assert_msg(!printk_log_contains("Bad page state"),
		      "freeing reserved pages reported a bad page: clear "
		      "PG_reserved before the page reaches the allocator");
}
END_TEST

/* Partial pages at either end belong to someone else: never freed. */
START_TEST(range_rounds_inward)
{
	char *block = reserve_block(0x22);
	unsigned long n;

	n = free_reserved_area(block + 100, block + 5 * PAGE_SIZE - 100, -1,
			       NULL);
	ck_assert_msg(n == 3,
		      "[start + 100, start + 5 pages - 100) holds 3 whole "
		      "pages (1, 2, 3); got %lu: round start up "
		      "(PAGE_ALIGN) and end down (& PAGE_MASK)",
		      n);
	ck_assert_msg(!freed(block, 0),
		      "page 0 holds only the range's first bytes: start "
		      "rounds up, so it stays reserved");
	ck_assert_msg(!freed(block, 4),
		      "page 4 holds only the range's last bytes: end rounds "
		      "down, so it stays reserved");
	for (unsigned long i = 1; i <= 3; i++)
		ck_assert_msg(freed(block, i), "page %lu must be freed", i);
	ck_assert_msg(all_bytes(block, 0x22, PAGE_SIZE) &&
			      all_bytes(block + 4 * PAGE_SIZE, 0x22, PAGE_SIZE),
		      "the reserved pages at either end must not be touched");
}
END_TEST

START_TEST(tiny_and_empty_ranges_free_nothing)
{
	char *block = reserve_block(0x33);
	unsigned long total = totalram_pages;

	ck_assert_uint_eq(
		free_reserved_area(block + 1, block + PAGE_SIZE - 1, 0, "tiny"),
		0);
	ck_assert_uint_eq(
		free_reserved_area(block + 1, block + PAGE_SIZE + 1, 0, "tiny"),
		0);
	ck_assert_uint_eq(free_reserved_area(block, block, 0, "tiny"), 0);
	ck_assert_uint_eq(
		free_reserved_area(block + 2 * PAGE_SIZE, block, 0, "tiny"), 0);
	ck_assert_msg(!freed(block, 0) && !freed(block, 1) &&
			      all_bytes(block, 0x33, 2 * PAGE_SIZE),
		      "a range with no whole page in it frees and poisons "
		      "nothing");
	ck_assert_uint_eq(totalram_pages, total);
	ck_assert_msg(!printk_log_contains("Freeing tiny memory"),
		      "no page freed, no line printed");
	ck_assert_uint_eq(
		free_reserved_area(block, block + PAGE_SIZE, 0, "tiny"), 1);
	ck_assert_msg(printk_log_contains("Freeing tiny memory: 4K"),
		      "one page freed prints \"Freeing tiny memory: 4K\"");
}
END_TEST

START_TEST(poison_fills_the_freed_pages)
{
	char *block = reserve_block(0x44);

	free_reserved_area(block, block + 2 * PAGE_SIZE, 0xa5, NULL);
	ck_assert_msg(all_bytes(block, 0xa5, 2 * PAGE_SIZE),
		      "poison 0xa5 fills every byte of the freed pages");
	free_reserved_area(block + 2 * PAGE_SIZE, block + 3 * PAGE_SIZE, 0,
			   NULL);
	ck_assert_msg(all_bytes(block + 2 * PAGE_SIZE, 0, PAGE_SIZE),
		      "poison 0 is a byte too: the page is zeroed");
	free_reserved_area(block + 3 * PAGE_SIZE, block + 4 * PAGE_SIZE, -1,
			   NULL);
	ck_assert_msg(freed(block, 3) &&
			      all_bytes(block + 3 * PAGE_SIZE, 0x44, PAGE_SIZE),
		      "poison -1 (above 0xff as unsigned) means no poison: "
		      "the page is freed as it is");
	free_reserved_area(block + 4 * PAGE_SIZE, block + 5 * PAGE_SIZE, 0x100,
			   NULL);
	ck_assert_msg(freed(block, 4) &&
			      all_bytes(block + 4 * PAGE_SIZE, 0x44, PAGE_SIZE),
		      "poison 0x100 is not a byte: no poison");
	free_reserved_area(block + 5 * PAGE_SIZE, block + 6 * PAGE_SIZE, 0xff,
			   NULL);
	ck_assert_msg(freed(block, 5) &&
			      all_bytes(block + 5 * PAGE_SIZE, 0xff, PAGE_SIZE),
		      "poison 0xff, the largest byte, is a poison too: every "
		      "value up to 0xff fills the page (poison <= 0xFF as "
		      "unsigned int), only those above mean none");
}
END_TEST

/*
 * The poison goes in while the page is still reserved: once freed, the
 * page is the allocator's, and a write to it lands in whatever it is
 * given to next.  The test boots with page poisoning (page_poison=on,
 * mm/page_poison.c, on the 64 MiB board to keep that cheap): the
 * allocator fills every freed page with PAGE_POISON and checks it when
 * the page is allocated again, as Linux does, and reports a write to a
 * free page: "pagealloc: memory corruption".
 */
START_TEST(poison_goes_in_before_the_free)
{
	struct page *got[4 * BLOCK_PAGES];
	unsigned long n, seen = 0;
	int nr = 0;
	char *block;
	char where[160];

	ktest_page_poison = true;
	ktest_reboot("vexpress-64m", ktest_boot_alloc);
	ck_assert_msg(page_poisoning_enabled(),
		      "the boot with page_poison=on left page poisoning off");
	block = reserve_block(0x66);
	printk_log_clear();
	n = free_reserved_area(block, block + BLOCK_PAGES * PAGE_SIZE, 0xa5,
			       NULL);
	ck_assert_msg(n == BLOCK_PAGES,
		      "free_reserved_area() of %lu whole pages returned %lu",
		      BLOCK_PAGES, n);
	/* take the freed pages back: the per-CPU list gives them first */
	while (nr < (int)ARRAY_SIZE(got) && seen < BLOCK_PAGES) {
		char *p;

		got[nr] = alloc_page(GFP_KERNEL);
		ck_assert_ptr_nonnull(got[nr]);
		p = page_address(got[nr++]);
		if (p >= block && p < block + BLOCK_PAGES * PAGE_SIZE)
			seen++;
	}
	snprintf(where, sizeof(where), "%s",
		 ktest_log_line("pagealloc: in the"));
	ck_assert_msg(!printk_log_contains("pagealloc: memory corruption") &&
			      !printk_log_contains("pagealloc: single bit"),
		      "free_reserved_area(poison 0xa5), then its pages "
		      "allocated again: page poisoning reported \"pagealloc: "
		      "memory corruption\" (\"%s\"): a byte changed while the "
		      "page was free; the poison was written after "
		      "free_reserved_page() gave the page to the allocator: "
		      "fill each page first, then free it",
		      where);
	ck_assert_msg(seen > 0,
		      "none of the %lu freed pages came back in %d "
		      "allocations",
		      BLOCK_PAGES, nr);
	for (unsigned long i = 0; i < BLOCK_PAGES; i++)
		ck_assert_msg(all_bytes(block + i * PAGE_SIZE, PAGE_POISON,
					PAGE_SIZE),
			      "page %lu of the freed range does not hold the "
			      "allocator's poison %#x: something wrote to it "
			      "after it was freed (poison it before "
			      "free_reserved_page())",
			      i, PAGE_POISON);
	while (nr)
		__free_page(got[--nr]);
}
END_TEST

START_TEST(managed_pages_and_totalram_follow)
{
	unsigned long managed = normal()->managed_pages;
	unsigned long total = totalram_pages;
	unsigned long free = free_pages_now();
	char *block = reserve_block(0);

	ck_assert_msg(normal()->managed_pages == managed - BLOCK_PAGES &&
			      totalram_pages == total - BLOCK_PAGES,
		      "mark_page_reserved() of %lu pages: managed %lu -> %lu, "
		      "totalram %lu -> %lu; adjust_managed_page_count(page, "
		      "-1) takes one from each",
		      BLOCK_PAGES, managed, normal()->managed_pages, total,
		      totalram_pages);
	free_reserved_area(block, block + BLOCK_PAGES * PAGE_SIZE, -1, NULL);
	ck_assert_msg(normal()->managed_pages == managed &&
			      totalram_pages == total,
		      "after freeing the %lu pages again: managed %lu "
		      "(expected %lu), totalram %lu (expected %lu): a freed "
		      "reserved page is managed again, in its zone and in "
		      "totalram_pages",
		      BLOCK_PAGES, normal()->managed_pages, managed,
		      totalram_pages, total);
	ck_assert_uint_eq(free_pages_now(), free);
	ck_assert_uint_eq(ktest_check_free_lists(normal()), free);
}
END_TEST

START_TEST(log_line_in_kib)
{
	char *block = reserve_block(0);
	char want[64];

	free_reserved_area(block, block + 6 * PAGE_SIZE, -1, "test");
	snprintf(want, sizeof(want), "Freeing test memory: %luK\n",
		 6 * PAGE_SIZE / 1024);
	ck_assert_msg(printk_log_contains(want),
		      "6 pages freed must print \"%.*s\" (pages << "
		      "(PAGE_SHIFT - 10) kilobytes)",
		      (int)strlen(want) - 1, want);
	free_reserved_area(block + 6 * PAGE_SIZE, block + 8 * PAGE_SIZE, -1,
			   NULL);
	ck_assert_msg(freed(block, 7) && !printk_log_contains("Freeing (null)"),
		      "s == NULL frees quietly");
}
END_TEST

/* Random ranges over a reserved block: every page freed exactly once. */
START_TEST(random_ranges_keep_invariants)
{
	unsigned int seed = 1111;
	unsigned long managed = normal()->managed_pages;
	unsigned long free = free_pages_now();
	char *block = reserve_block(0x5a);
	bool gone[BLOCK_PAGES] = { false };
	unsigned long nr_gone = 0;

	ktest_rng = seed;
	for (int round = 0; round < 12; round++) {
		unsigned long a = ktest_rand() % (BLOCK_PAGES * PAGE_SIZE);
		unsigned long b = ktest_rand() % (BLOCK_PAGES * PAGE_SIZE);
		unsigned long first, want = 0, got;
		int poison = ktest_rand() % 2 ? 0x77 : -1;

		if (a > b) {
			unsigned long t = a;

			a = b;
			b = t;
		}
		first = PAGE_ALIGN(a);
		for (unsigned long p = first; p + PAGE_SIZE <= b;
		     p += PAGE_SIZE) {
			/* a page is freed only once: skip ranges that
			 * would free one again */
			if (gone[p / PAGE_SIZE])
				goto next;
			want++;
		}
		got = free_reserved_area(block + a, block + b, poison, NULL);
		ck_assert_msg(got == want,
			      "seed %u round %d: [%#lx, %#lx) of the block "
			      "holds %lu whole pages, %lu freed",
			      seed, round, a, b, want, got);
		for (unsigned long p = first; p + PAGE_SIZE <= b;
		     p += PAGE_SIZE) {
			gone[p / PAGE_SIZE] = true;
			nr_gone++;
			ck_assert_msg(poison < 0 || all_bytes(block + p, poison,
							      PAGE_SIZE),
				      "seed %u round %d: page %lu not poisoned",
				      seed, round, p / PAGE_SIZE);
		}
next:
		for (unsigned long i = 0; i < BLOCK_PAGES; i++)
			ck_assert_msg(freed(block, i) == gone[i],
				      "seed %u round %d: page %lu is %s", seed,
				      round, i,
				      gone[i] ? "still reserved"
					      : "freed, outside every range");
		ck_assert_msg(normal()->managed_pages ==
				      managed - BLOCK_PAGES + nr_gone,
			      "seed %u round %d: managed %lu, expected %lu",
			      seed, round, normal()->managed_pages,
			      managed - BLOCK_PAGES + nr_gone);
		ck_assert_uint_eq(free_pages_now(),
				  free - BLOCK_PAGES + nr_gone);
	}
	ck_assert_uint_eq(ktest_check_free_lists(normal()), free_pages_now());
}
END_TEST

/*
 * The image's own init sections (given code: free_initmem()).  On the
 * board they are RAM and go to the buddy; on the host they are the host
 * program's pages and stay where they are, poisoned.
 */
START_TEST(free_initmem_gives_the_init_pages_back)
{
	unsigned long size = __init_end - __init_begin;
	unsigned long total = totalram_pages;
	char want[64];

	ck_assert_msg(size && IS_ALIGNED((unsigned long)__init_begin |
						 (unsigned long)__init_end,
					 PAGE_SIZE),
		      "the linker script puts the init sections in whole "
		      "pages: [%p, %p)",
		      (void *)__init_begin, (void *)__init_end);
	ck_assert_msg((uintptr_t)_sinittext >= (uintptr_t)__init_begin &&
			      (uintptr_t)_einittext <= (uintptr_t)__init_end,
		      "the init text lies between __init_begin and "
		      "__init_end");
	free_initmem();
	ck_assert_msg(*(u32 *)_sinittext == machine_undef_insn,
		      "free_initmem() poisons the init text with %#x",
		      machine_undef_insn);
	if (!machine_image_in_ram()) {
		ck_assert_uint_eq(totalram_pages, total);
		ck_assert(!printk_log_contains("Freeing unused kernel"));
		return;
	}
	snprintf(want, sizeof(want), "Freeing unused kernel memory: %luK\n",
		 size / 1024);
	ck_assert_msg(printk_log_contains(want), "expected the line %s", want);
	ck_assert_uint_eq(totalram_pages, total + size / PAGE_SIZE);
	for (char *p = __init_begin; p < __init_end; p += PAGE_SIZE)
		ck_assert(!PageReserved(virt_to_page(lm_alias(p))));
}
END_TEST

/* Too late: an __init function after free_initmem(). */
START_TEST(init_code_after_free_initmem_oopses)
{
	void (*volatile late)(void) = bootmem_init;

	free_initmem();
	ck_assert_msg(KTEST_EXPECT_OOPS(late()),
		      "bootmem_init() is __init: after free_initmem() its "
		      "code is poison and calling it must oops");
	ck_assert(printk_log_contains(
		"Internal error: Oops - undefined instruction"));
}
END_TEST

KTEST_SUITE(ch11) = {
	.chapter = "11",
	.title = "Freeing the init sections",
	.boot = ktest_boot_alloc,
	.tests = KTESTS(aligned_range_frees_every_page, range_rounds_inward,
			tiny_and_empty_ranges_free_nothing,
			poison_fills_the_freed_pages,
			poison_goes_in_before_the_free,
			managed_pages_and_totalram_follow, log_line_in_kib,
			random_ranges_keep_invariants,
			free_initmem_gives_the_init_pages_back,
			init_code_after_free_initmem_oopses),
};
