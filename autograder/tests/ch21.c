// SPDX-License-Identifier: GPL-2.0
/*
 * Chapter 21: the linear map (线性映射区).
 *
 * virt_addr_valid() (asm/memory.h) says whether an address may be
 * given to virt_to_page(); __virt_addr_valid() (arch/arm/mm/physaddr.c)
 * is what CONFIG_DEBUG_VIRTUAL's __pa() checks before it warns.  The
 * tests give both the edges of lowmem on boards with and without
 * highmem and with a no-map hole, in the 3G/1G and 2G/2G builds, and a
 * stream of random addresses checked against a model built from
 * memblock.
 */
#include <stdio.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <asm/fixmap.h>
#include <asm/memory.h>
#include <asm/pgtable.h>
#include "ktest.h"

/* What virt_addr_valid() must answer: the model. */
static bool model_valid(unsigned long a)
{
	phys_addr_t pa = __virt_to_phys_nodebug(a);

	return a >= PAGE_OFFSET && a < (unsigned long)high_memory &&
	       memblock_is_map_memory(pa);
}

static const char *why_invalid(unsigned long a)
{
	if (a < PAGE_OFFSET)
		return "below PAGE_OFFSET: user space, modules, pkmap";
	if (a >= (unsigned long)high_memory)
		return "at or above high_memory: not the linear map (vmalloc, "
		       "fixmap, the __va() of highmem)";
	return "inside lowmem, but its frame is not RAM the kernel may look "
	       "at (a no-map hole: pfn_valid() is false)";
}

static void check_valid(unsigned long a, const char *what)
{
	bool want = model_valid(a), got = virt_addr_valid(a);

	ck_assert_msg(got == want,
		      "virt_addr_valid(%#lx) (%s) is %s, expected %s: %s "
		      "(PAGE_OFFSET %#lx, high_memory %#lx)",
		      a, what, got ? "true" : "false", want ? "true" : "false",
		      want ? "a lowmem address whose frame is RAM is valid"
			   : why_invalid(a),
		      PAGE_OFFSET, (unsigned long)high_memory);
}

/* The edges of lowmem on @board, in this build's split. */
static void edges(const char *board)
{
	const unsigned long hm = (unsigned long)high_memory;

	check_valid(PAGE_OFFSET, "PAGE_OFFSET, lowmem's first byte");
	check_valid(PAGE_OFFSET - 1, "one below PAGE_OFFSET");
	check_valid(hm - 1, "high_memory - 1, lowmem's last byte");
	check_valid(hm, "high_memory itself");
	check_valid(VMALLOC_START, "VMALLOC_START");
	check_valid(FIXADDR_START, "FIXADDR_START");
	check_valid(0, "NULL");
	check_valid(0xffffffffUL, "the last byte of the address space");
	ck_assert_msg(virt_addr_valid(PAGE_OFFSET) && !virt_addr_valid(hm),
		      "%s: lowmem is [PAGE_OFFSET, high_memory)", board);
}

START_TEST(valid_at_the_edges_of_lowmem)
{
	edges("vexpress-256m");
}
END_TEST

/*
 * vexpress-1g: with the 3G/1G split lowmem stops at 768 MiB and the
 * rest is highmem, whose __va() lies past high_memory; with 2G/2G all
 * of it is lowmem.  vexpress-cma: a no-map hole inside lowmem.
 */
START_TEST(highmem_and_holes_are_not_valid)
{
	struct page *page;
	phys_addr_t hole = 0;

	ktest_reboot("vexpress-1g", ktest_boot_paging);
	edges("vexpress-1g");
	check_valid(__phys_to_virt(PHYS_OFFSET + 0x40000000U - PAGE_SIZE),
		    "the __va() of the last frame of RAM");
	page = pfn_to_page(PFN_DOWN(PHYS_OFFSET + 0x40000000U) - 1);
	ck_assert_msg(!PageHighMem(page) ==
			      virt_addr_valid(__phys_to_virt(
				      PHYS_OFFSET + 0x40000000U - PAGE_SIZE)),
		      "the last frame of vexpress-1g is %s: virt_addr_valid() "
		      "of its __va() must say %s",
		      PageHighMem(page) ? "highmem" : "lowmem",
		      PageHighMem(page) ? "false" : "true");

	ktest_reboot("vexpress-cma", ktest_boot_paging);
	/* the no-map framebuffer: a gap in memblock.memory, or marked */
	for (int i = 0; i < (int)memblock.memory.cnt && !hole; i++) {
		struct memblock_region *r = &memblock.memory.regions[i];

		if (r->flags & MEMBLOCK_NOMAP)
			hole = r->base;
		else if (i + 1 < (int)memblock.memory.cnt &&
			 r->base + r->size <
				 memblock.memory.regions[i + 1].base)
			hole = r->base + r->size;
	}
	ck_assert_msg(hole && !memblock_is_map_memory(hole),
		      "vexpress-cma has a no-map region");
	check_valid(__phys_to_virt(hole), "the first byte of a no-map hole");
	check_valid(__phys_to_virt(hole) - 1, "the byte before the hole");
}
END_TEST

/*
 * CONFIG_DEBUG_VIRTUAL: __pa() of an address outside the linear map
 * warns once per call, naming the address; inside it, not a word.
 */
static bool pa_warns(unsigned long a, phys_addr_t *pa)
{
	unsigned int before = bug_counts.warnings;

	printk_log_clear();
	*pa = __pa(a);
	return bug_counts.warnings != before;
}

START_TEST(pa_warns_off_the_linear_map)
{
	static const char msg[] = "virt_to_phys used for non-linear address";
	const unsigned long hm = (unsigned long)high_memory;
	const struct {
		unsigned long a;
		bool warns;
		const char *what;
	} cases[] = {
		{ PAGE_OFFSET, false, "PAGE_OFFSET" },
		{ hm - 1, false, "high_memory - 1" },
		{ hm, true, "high_memory" },
		{ VMALLOC_START + 0x1000, true, "a vmalloc address" },
		{ PAGE_OFFSET - 1, true, "PAGE_OFFSET - 1 (pkmap)" },
		{ 0x1000, true, "a user address" },
		{ 0xffffffffUL, false,
		  "MAX_DMA_ADDRESS (0xffffffff without a DMA zone)" },
	};
	phys_addr_t pa;
	char line[96];

	for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++) {
		bool warned = pa_warns(cases[i].a, &pa);

		ck_assert_msg(warned == cases[i].warns,
			      "__pa(%#lx) (%s) %s: %s", cases[i].a,
			      cases[i].what, warned ? "warned" : "did not warn",
			      cases[i].warns
				      ? "CONFIG_DEBUG_VIRTUAL warns for every "
					"address outside [PAGE_OFFSET, "
					"high_memory)"
				      : "an address of the linear map (or "
					"MAX_DMA_ADDRESS) passes in silence");
		ck_assert_msg(
			(u32)pa == (u32)__virt_to_phys_nodebug(cases[i].a),
			"__pa(%#lx) returned %#llx: it warns, but still "
			"returns the linear map's arithmetic, %#lx",
			cases[i].a, (unsigned long long)pa,
			(unsigned long)(u32)__virt_to_phys_nodebug(cases[i].a));
		if (cases[i].warns) {
			snprintf(line, sizeof(line), "%s: %08lx", msg,
				 cases[i].a);
			ck_assert_msg(printk_log_contains(line),
				      "the warning for __pa(%#lx) must read "
				      "\"%s: %%pK (%%pS)\" with the address",
				      cases[i].a, msg);
		}
	}
}
END_TEST

/* Before adjust_lowmem_bounds() sets high_memory, PAGE_OFFSET and up pass. */
START_TEST(pa_before_high_memory_is_known)
{
	void *saved = high_memory;
	bool early_warns, low_warns;
	phys_addr_t pa;

	high_memory = NULL;
	early_warns = pa_warns(0xe0000000UL, &pa);
	low_warns = pa_warns(PAGE_OFFSET - PAGE_SIZE, &pa);
	high_memory = saved;
	ck_assert_msg(!early_warns,
		      "__pa(0xe0000000) warned while high_memory was NULL: "
		      "before adjust_lowmem_bounds() the end of lowmem is not "
		      "known, and early callers take __pa() of anything from "
		      "PAGE_OFFSET up");
	ck_assert_msg(low_warns,
		      "__pa(PAGE_OFFSET - PAGE_SIZE) did not warn while "
		      "high_memory was NULL: below PAGE_OFFSET is never the "
		      "linear map");
}
END_TEST

/* ktest_rand() gives 24 bits; two make the 32 of an address. */
static unsigned long rand32(void)
{
	return ((unsigned long)ktest_rand() << 12 ^ ktest_rand()) &
	       0xffffffffUL;
}

/* 20000 random addresses of the 4 GiB against the model (vexpress-cma). */
START_TEST(random_addresses_against_the_model)
{
	const unsigned int seed = 2121;
	unsigned long valid = 0, warned = 0;
	phys_addr_t pa;

	ktest_reboot("vexpress-cma", ktest_boot_paging);
	ktest_rng = seed;
	for (int n = 0; n < 20000; n++) {
		/* half of them anywhere, half in or near lowmem */
		unsigned long a =
			(n & 1) ? rand32()
				: PAGE_OFFSET - SZ_16M + rand32() % 0x40000000U;
		bool want;

		a &= 0xffffffffUL;
		want = model_valid(a);
		ck_assert_msg(virt_addr_valid(a) == want,
			      "virt_addr_valid(%#lx) is %d, expected %d: %s "
			      "(seed %u, step %d)",
			      a, !want, want, want ? "valid" : why_invalid(a),
			      seed, n);
		if (n % 256 == 0) {
			bool in = a >= PAGE_OFFSET &&
				  a < (unsigned long)high_memory;

			ck_assert_msg(pa_warns(a, &pa) ==
					      (!in && a != 0xffffffffUL),
				      "__pa(%#lx) %s (seed %u, step %d)", a,
				      in ? "warned inside the linear map"
					 : "did not warn outside the linear "
					   "map",
				      seed, n);
			warned += !in;
		}
		valid += want;
	}
	printk("random: %lu of 20000 valid, %lu __pa() warnings (seed %u)\n",
	       valid, warned, seed);
	ck_assert_msg(valid > 2000 && valid < 18000,
		      "the generator must reach both answers");
}
END_TEST

KTEST_SUITE(ch21) = {
	.chapter = "21",
	.title = "The linear map",
	.boot = ktest_boot_paging,
	.tests = KTESTS(valid_at_the_edges_of_lowmem,
			highmem_and_holes_are_not_valid,
			pa_warns_off_the_linear_map,
			pa_before_high_memory_is_known,
			random_addresses_against_the_model),
};
