// SPDX-License-Identifier: GPL-2.0
/*
 * Chapter 28: highmem, with CONFIG_HIGHMEM and without.
 *
 * The exercises: ignore_highmem() (the end of adjust_lowmem_bounds()
 * in arch/arm/mm/mmu.c) and kmap_init().  The suite runs in two
 * kernels (autograder/tests/configs): the default one, with highmem,
 * and one built with HIGHMEM=n; a test earns its points only when it
 * passes in both, on both machines.  Most boot vexpress-1g, the board
 * with RAM above lowmem: 0x90000000..0xa0000000 with the 3G/1G split.
 */
#include <stdio.h>
#include <string.h>
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/seq_file.h>
#include <linux/vmalloc.h>
#include <linux/vmstat.h>
#include <asm/fixmap.h>
#include <asm/highmem.h>
#include <asm/pgtable.h>
#include <asm/proc-fns.h>
#include <asm/setup.h>
#include "mm/internal.h"
#include "ktest.h"

#define LOWMEM_END_1G 0x90000000U /* 768 MiB of lowmem on vexpress-1g */
#define RAM_END_1G 0xa0000000U

static const char *config(void)
{
	return IS_ENABLED(CONFIG_HIGHMEM) ? "CONFIG_HIGHMEM=y"
					  : "CONFIG_HIGHMEM=n";
}

/* Pages of the zones that are (or are not) highmem, counted afresh. */
static unsigned long recount(bool high, bool free)
{
	unsigned long n = 0;
	struct zone *zone;

	for_each_zone(zone)
	{
		if (is_highmem(zone) != high)
			continue;
		n += free ? zone_page_state(zone, NR_FREE_PAGES)
			  : zone_managed_pages(zone);
	}
	return n;
}

static __maybe_unused bool memblock_has(phys_addr_t pa)
{
	phys_addr_t start, end;
	u64 i;

	for_each_mem_range(i, &start, &end)
		if (pa >= start && pa < end)
			return true;
	return false;
}

START_TEST(highmem_zone_or_none)
{
	char line[96];

	ck_assert_msg(arm_lowmem_limit == LOWMEM_END_1G,
		      "vexpress-1g: lowmem ends at %#llx, expected %#x "
		      "(chapter 22)",
		      (unsigned long long)arm_lowmem_limit, LOWMEM_END_1G);
#ifdef CONFIG_HIGHMEM
	{
		struct zone *z = &contig_page_data.node_zones[ZONE_HIGHMEM];

		ck_assert_msg(z->zone_start_pfn ==
					      ((LOWMEM_END_1G) >> PAGE_SHIFT) &&
				      z->spanned_pages ==
					      ((RAM_END_1G - LOWMEM_END_1G) >>
					       PAGE_SHIFT),
			      "%s: ZONE_HIGHMEM spans pfn %#lx + %lu, "
			      "expected the RAM above lowmem, %#x..%#x",
			      config(), z->zone_start_pfn, z->spanned_pages,
			      LOWMEM_END_1G, RAM_END_1G);
		ck_assert_msg(memblock_end_of_DRAM() == RAM_END_1G &&
				      !printk_log_contains("Ignoring RAM"),
			      "%s: a kernel with highmem keeps all its RAM "
			      "(memblock ends at %#llx)",
			      config(),
			      (unsigned long long)memblock_end_of_DRAM());
		snprintf(line, sizeof(line), "K cma-reserved, %luK highmem)",
			 totalhigh_pages() << (PAGE_SHIFT - 10));
		ck_assert_msg(printk_log_contains(line),
			      "%s: the Memory: line ends with \"...%s\"",
			      config(), line);
	}
#else
	snprintf(line, sizeof(line), "Ignoring RAM at 0x%08x-0x%08x",
		 LOWMEM_END_1G, RAM_END_1G);
	ck_assert_msg(printk_log_contains(line) &&
			      printk_log_contains("Consider using a HIGHMEM "
						  "enabled kernel."),
		      "%s: adjust_lowmem_bounds() must say \"%s\" and "
		      "\"Consider using a HIGHMEM enabled kernel.\" (found: "
		      "\"%s\")",
		      config(), line, ktest_log_line("Ignoring RAM"));
	ck_assert_msg(memblock_end_of_DRAM() == LOWMEM_END_1G &&
			      !memblock_has(LOWMEM_END_1G) &&
			      memblock_has(LOWMEM_END_1G - 1),
		      "%s: ignore_highmem() removes the RAM above lowmem from "
		      "memblock: it ends at %#llx, expected %#x",
		      config(), (unsigned long long)memblock_end_of_DRAM(),
		      LOWMEM_END_1G);
	ck_assert_msg(max_pfn == max_low_pfn &&
			      !printk_log_contains("K highmem"),
		      "%s: no page above lowmem (max_pfn %#lx, max_low_pfn "
		      "%#lx) and no highmem figure in the Memory: line",
		      config(), max_pfn, max_low_pfn);
#endif
	ck_assert_msg(recount(false, false) + recount(true, false) ==
			      totalram_pages,
		      "%s: the zones manage %lu + %lu pages, totalram_pages "
		      "is %lu",
		      config(), recount(false, false), recount(true, false),
		      totalram_pages);
}
END_TEST

/*
 * vmalloc=601M: vmalloc_min at 0xd9f00000, lowmem up to 0x79f00000 on
 * vexpress-512m, memblock's limit rounded down to 0x79e00000: 5.10
 * drops the RAM from memblock's limit.
 */
START_TEST(ignored_from_memblock_limit)
{
	char line[96];

	ktest_vmalloc_arg = "601M";
	printk_log_clear();
	ktest_reboot("vexpress-512m", ktest_boot_highmem);
	ktest_vmalloc_arg = NULL;
	ck_assert_msg(arm_lowmem_limit == 0x79f00000,
		      "vexpress-512m, vmalloc=601M: lowmem ends at %#llx, "
		      "expected 0x79f00000 (chapter 22)",
		      (unsigned long long)arm_lowmem_limit);
#ifdef CONFIG_HIGHMEM
	ck_assert_msg(memblock_end_of_DRAM() == 0x80000000 &&
			      !printk_log_contains("Ignoring RAM"),
		      "%s: nothing is ignored", config());
#else
	snprintf(line, sizeof(line), "Ignoring RAM at 0x%08x-0x%08x",
		 0x79e00000, 0x80000000);
	ck_assert_msg(printk_log_contains(line),
		      "%s: expected \"%s\": the RAM is dropped from "
		      "memblock's limit (PMD-rounded), not from "
		      "arm_lowmem_limit; found \"%s\"",
		      config(), line, ktest_log_line("Ignoring RAM"));
	ck_assert_msg(memblock_end_of_DRAM() == 0x79e00000 &&
			      memblock_has(0x79e00000 - 1),
		      "%s: memblock must end at 0x79e00000, not %#llx",
		      config(), (unsigned long long)memblock_end_of_DRAM());
#endif
	(void)line;
	/* boards whose RAM is all lowmem: nothing to ignore, nothing said */
	{
		static const char *const boards[] = { "vexpress-256m",
						      "vexpress-512m" };
		static const unsigned int end[] = { 0x70000000, 0x80000000 };

		for (unsigned int i = 0; i < ARRAY_SIZE(boards); i++) {
			printk_log_clear();
			ktest_reboot(boards[i], ktest_boot_highmem);
			ck_assert_msg(
				!printk_log_contains("Ignoring RAM") &&
					!printk_log_contains("HIGHMEM enabled"),
				"%s, %s: all RAM is lowmem, nothing to ignore, "
				"nothing to say; found \"%s\"",
				boards[i], config(),
				ktest_log_line("Ignoring RAM"));
			ck_assert_msg(
				memblock_end_of_DRAM() == end[i] &&
					arm_lowmem_limit == end[i],
				"%s, %s: memblock ends at %#llx, lowmem at "
				"%#llx, expected both at %#x",
				boards[i], config(),
				(unsigned long long)memblock_end_of_DRAM(),
				(unsigned long long)arm_lowmem_limit, end[i]);
		}
	}
}
END_TEST

/* Is the pgd pair of @va a PTE page of the kernel's, from memblock? */
static pte_t *check_pte_page(unsigned long va, const char *what)
{
	pmd_t *pmd = pmd_off_k(va);
	u32 *hw = (u32 *)pmd;
	pte_t *pte;
	struct page *page;

	ck_assert_msg((hw[0] & PMD_TYPE_MASK) == PMD_TYPE_TABLE &&
			      (hw[1] & PMD_TYPE_MASK) == PMD_TYPE_TABLE &&
			      hw[1] == hw[0] + 256 * sizeof(u32),
		      "%s, %s: the pgd pair of %#lx must point to the two "
		      "hardware tables of one PTE page (_PAGE_KERNEL_TABLE), "
		      "not %08x %08x",
		      what, config(), va, hw[0], hw[1]);
	pte = pte_offset_kernel(pmd, va);
	page = virt_to_page(pte);
	ck_assert_msg(PageReserved(page) && !PageHighMem(page),
		      "%s: the PTE page of %#lx is a reserved lowmem page "
		      "(memblock's, at boot)",
		      what, va);
	return pte;
}

START_TEST(kmap_init_tables)
{
	pte_t *fix = check_pte_page(FIXADDR_START, "the fixmap");

	for (unsigned long va = FIXADDR_START; va < FIXADDR_START + PMD_SIZE;
	     va += PAGE_SIZE)
		ck_assert_msg(pte_none(fix[pte_index(va)]),
			      "the fixmap's PTE of %#lx is %08x: a new table "
			      "is empty",
			      va, (u32)pte_val(fix[pte_index(va)]));
#ifdef CONFIG_HIGHMEM
	{
		pte_t *pk = check_pte_page(PKMAP_BASE, "the pkmap area");

		ck_assert_msg(pkmap_page_table == pk,
			      "pkmap_page_table is %p, the Linux table of "
			      "PKMAP_BASE's PTE page is %p",
			      (void *)pkmap_page_table, (void *)pk);
		for (int i = 0; i < LAST_PKMAP; i++)
			ck_assert_msg(pte_none(pk[i]),
				      "pkmap slot %d's PTE is %08x before any "
				      "kmap()",
				      i, (u32)pte_val(pk[i]));
	}
#else
	ck_assert_msg(pmd_none(*pmd_off_k(PKMAP_BASE)) &&
			      MODULES_END == PAGE_OFFSET,
		      "%s: no pkmap area; the modules' area reaches "
		      "PAGE_OFFSET",
		      config());
#endif
}
END_TEST

START_TEST(highmem_pages_have_no_address)
{
	struct page *high = alloc_page(GFP_HIGHUSER);
	struct page *low = alloc_page(GFP_KERNEL);

	ck_assert_msg(high && low, "alloc_page() failed");
	ck_assert_msg(!PageHighMem(low) && page_address(low) &&
			      page_to_pfn(low) < max_low_pfn,
		      "GFP_KERNEL gives lowmem, with a linear address");
#ifdef CONFIG_HIGHMEM
	ck_assert_msg(PageHighMem(high) && !page_address(high) &&
			      page_to_pfn(high) >=
				      ((LOWMEM_END_1G) >> PAGE_SHIFT),
		      "%s: GFP_HIGHUSER takes highmem first; such a page has "
		      "no address until kmap() (pfn %#lx, address %p)",
		      config(), page_to_pfn(high), page_address(high));
#else
	ck_assert_msg(!PageHighMem(high) &&
			      page_address(high) ==
				      __va(PFN_PHYS(page_to_pfn(high))),
		      "%s: __GFP_HIGHMEM means ZONE_NORMAL: a lowmem page "
		      "at its linear address",
		      config());
#endif
	__free_page(high);
	__free_page(low);
}
END_TEST

/*
 * vmalloc() asks for __GFP_HIGHMEM: the pages come from highmem while
 * it has them; without highmem they are lowmem pages, mapped twice.
 */
START_TEST(vmalloc_pages_by_config)
{
	unsigned int n = 64;
	u32 *v = vmalloc(n * PAGE_SIZE);

	ck_assert_msg(v, "vmalloc(%u pages) failed", n);
	for (unsigned int i = 0; i < n; i++) {
		struct page *page = vmalloc_to_page((char *)v + i * PAGE_SIZE);
		u32 *alias = page_address(page);

		v[i * PAGE_SIZE / 4] = 0x28000000 + i;
		ck_assert_msg(PageHighMem(page) == IS_ENABLED(CONFIG_HIGHMEM),
			      "%s: vmalloc()'s page %u is %s", config(), i,
			      PageHighMem(page) ? "highmem" : "lowmem");
		if (!IS_ENABLED(CONFIG_HIGHMEM))
			ck_assert_msg(alias && *alias == 0x28000000 + i,
				      "%s: the lowmem page under vmalloc "
				      "page %u shows the same word at its "
				      "linear address",
				      config(), i);
	}
	vfree(v);
}
END_TEST

START_TEST(highmem_counters)
{
	static char buf[2048];
	struct seq_file m;
	char want[64];

	seq_init(&m, buf, sizeof(buf));
	meminfo_show(&m);
#ifdef CONFIG_HIGHMEM
	{
		unsigned long free0;
		struct page *p[8];

		drain_all_pages(NULL); /* the per-CPU lists' pages count too */
		free0 = nr_free_highpages();

		ck_assert_msg(totalhigh_pages() == recount(true, false) &&
				      totalhigh_pages() ==
					      ((RAM_END_1G - LOWMEM_END_1G) >>
					       PAGE_SHIFT),
			      "totalhigh_pages() is %lu, the highmem zones "
			      "manage %lu",
			      totalhigh_pages(), recount(true, false));
		ck_assert_msg(free0 == recount(true, true),
			      "nr_free_highpages() %lu, recount %lu", free0,
			      recount(true, true));
		snprintf(want, sizeof(want), "HighTotal:      %8lu kB\n",
			 totalhigh_pages() << 2);
		ck_assert_msg(strstr(buf, want), "/proc/meminfo has \"%s\"",
			      want);
		for (int i = 0; i < 8; i++)
			p[i] = alloc_page(GFP_HIGHUSER);
		drain_all_pages(NULL);
		ck_assert_msg(nr_free_highpages() == free0 - 8,
			      "8 highmem pages out: HighFree %u, was %lu",
			      nr_free_highpages(), free0);
		for (int i = 0; i < 8; i++)
			__free_page(p[i]);
	}
#else
	ck_assert_msg(!strstr(buf, "HighTotal") && !strstr(buf, "LowTotal"),
		      "%s: /proc/meminfo has no High/Low lines", config());
	(void)want;
#endif
}
END_TEST

/*
 * Random allocations of every kind, each checked against the rule of
 * its zone: GFP_KERNEL never highmem; __GFP_HIGHMEM highmem while the
 * highmem zone is above its watermark.  At the end, every counter
 * equals a recount.
 */
START_TEST(random_allocations_by_zone)
{
	enum { N = 400 };
	static struct page *pages[N];
	static void *areas[N];
	static const gfp_t gfps[] = { GFP_KERNEL, GFP_HIGHUSER,
				      GFP_HIGHUSER_MOVABLE, GFP_USER };
	unsigned int seed = 2828, kinds[5] = { 0 };
	unsigned long free_high0;

	drain_all_pages(NULL);
	free_high0 = nr_free_highpages();

	ktest_rng = seed;
	for (int step = 0; step < 4 * N; step++) {
		int i = ktest_rand() % N, kind = ktest_rand() % 5;

		if (pages[i]) {
			__free_page(pages[i]);
			pages[i] = NULL;
			continue;
		}
		if (areas[i]) {
			vfree(areas[i]);
			areas[i] = NULL;
			continue;
		}
		kinds[kind]++;
		if (kind == 4) {
			unsigned int n = 1 + ktest_rand() % 8;

			areas[i] = vmalloc(n * PAGE_SIZE);
			ck_assert_msg(areas[i], "seed %u: vmalloc failed",
				      seed);
			for (unsigned int j = 0; j < n; j++)
				ck_assert_msg(
					PageHighMem(vmalloc_to_page(
						(char *)areas[i] +
						j * PAGE_SIZE)) ==
						IS_ENABLED(CONFIG_HIGHMEM),
					"seed %u, step %d: %s: vmalloc()'s "
					"page is not where its zone rule "
					"says",
					seed, step, config());
			continue;
		}
		pages[i] = alloc_page(gfps[kind]);
		ck_assert_msg(pages[i], "seed %u: alloc_page failed", seed);
		ck_assert_msg(PageHighMem(pages[i]) ==
				      (IS_ENABLED(CONFIG_HIGHMEM) &&
				       (gfps[kind] & __GFP_HIGHMEM)),
			      "seed %u, step %d: %s: gfp %#x gave a %s page",
			      seed, step, config(), gfps[kind],
			      PageHighMem(pages[i]) ? "highmem" : "lowmem");
	}
	for (int i = 0; i < N; i++) {
		if (pages[i])
			__free_page(pages[i]);
		if (areas[i])
			vfree(areas[i]);
	}
	drain_all_pages(NULL);
	for (int k = 0; k < 5; k++)
		ck_assert_msg(kinds[k] > 20, "seed %u: kind %d drawn %u times",
			      seed, k, kinds[k]);
	ck_assert_msg(nr_free_highpages() == free_high0 &&
			      nr_free_highpages() == recount(true, true),
		      "seed %u: HighFree %u after everything was freed, %lu "
		      "before, %lu recounted",
		      seed, nr_free_highpages(), free_high0,
		      recount(true, true));
}
END_TEST

KTEST_SUITE(ch28) = {
	.chapter = "28",
	.title = "Highmem",
	.dtb = "vexpress-1g",
	.boot = ktest_boot_highmem,
	.timeout = 20,
	.tests = KTESTS(highmem_zone_or_none, ignored_from_memblock_limit,
			kmap_init_tables, highmem_pages_have_no_address,
			vmalloc_pages_by_config, highmem_counters,
			random_allocations_by_zone),
};
