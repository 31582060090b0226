// SPDX-License-Identifier: GPL-2.0
/*
 * Chapter 22: lowmem and highmem (低端内存和高端内存).
 *
 * adjust_lowmem_bounds() (arch/arm/mm/mmu.c) decides where the linear
 * map ends; early_vmalloc() ("vmalloc=") moves that end.  The lecture's
 * experiment is the first test: vexpress-64m, 256m, 512m and 1g, in the
 * 3G/1G build (PAGE_OFFSET 0xC0000000) and in the 2G/2G build
 * (0x80000000), with the lowmem each must get written down.  The others
 * move vmalloc_min with vmalloc=, clamp it, and give the function a
 * bank that ends off a PMD.
 */
#include <stdio.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/printk.h>
#include <asm/memory.h>
#include <asm/pgtable.h>
#include "mm/internal.h"
#include "ktest.h"

#define MIB(x) ((u64)(x) << 20)

/* Lowmem, highmem and memblock's limit after the boot, against @lowmem_mb. */
static void check_split(const char *board, u64 ram_mb, u64 lowmem_mb,
			const char *why)
{
	const phys_addr_t end = PHYS_OFFSET + MIB(lowmem_mb);
	struct zone *normal = &NODE_DATA(0)->node_zones[ZONE_NORMAL];
	struct zone *high = &NODE_DATA(0)->node_zones[ZONE_HIGHMEM];

	ck_assert_msg(
		arm_lowmem_limit == end,
		"%s (%llu MiB of RAM), PAGE_OFFSET %#lx: arm_lowmem_limit "
		"is %#llx, expected %#llx (%llu MiB of lowmem): %s",
		board, (unsigned long long)ram_mb, PAGE_OFFSET,
		(unsigned long long)arm_lowmem_limit, (unsigned long long)end,
		(unsigned long long)lowmem_mb, why);
	ck_assert_msg((unsigned long)high_memory == __phys_to_virt(end),
		      "%s: high_memory is %#lx, expected %#lx, the linear "
		      "address of arm_lowmem_limit",
		      board, (unsigned long)high_memory,
		      (unsigned long)__phys_to_virt(end));
	ck_assert_msg(memblock_get_current_limit() == round_down(end, PMD_SIZE),
		      "%s: memblock's limit is %#llx, expected %#llx: "
		      "memblock_alloc() must stay in lowmem, in whole PMDs",
		      board, (unsigned long long)memblock_get_current_limit(),
		      (unsigned long long)round_down(end, PMD_SIZE));
	ck_assert_msg(
		normal->spanned_pages == MIB(lowmem_mb) >> PAGE_SHIFT &&
			high->spanned_pages ==
				MIB(ram_mb - lowmem_mb) >> PAGE_SHIFT,
		"%s: ZONE_NORMAL spans %lu pages and ZONE_HIGHMEM %lu, "
		"expected %llu and %llu: the zones follow lowmem's end",
		board, normal->spanned_pages, high->spanned_pages,
		(unsigned long long)(MIB(lowmem_mb) >> PAGE_SHIFT),
		(unsigned long long)(MIB(ram_mb - lowmem_mb) >> PAGE_SHIFT));
}

/*
 * The lecture's table.  3G/1G: the linear map runs from 0xC0000000 to
 * vmalloc_min, 0xF0000000: 768 MiB, so a 1 GiB board has 256 MiB of
 * highmem.  2G/2G: from 0x80000000 to 0xF0000000, 1792 MiB: every one
 * of our boards is lowmem alone.
 */
START_TEST(lecture_table_of_each_board)
{
	static const struct {
		const char *board;
		u64 ram_mb;
		u64 lowmem_3g, lowmem_2g;
	} table[] = {
		{ "vexpress-64m", 64, 64, 64 },
		{ "vexpress-256m", 256, 256, 256 },
		{ "vexpress-512m", 512, 512, 512 },
		{ "vexpress-1g", 1024, 768, 1024 },
	};

	for (unsigned int i = 0; i < ARRAY_SIZE(table); i++) {
#if defined(CONFIG_VMSPLIT_2G)
		u64 lowmem = table[i].lowmem_2g;
#elif defined(CONFIG_VMSPLIT_1G)
		u64 lowmem = table[i].ram_mb; /* 2816 MiB of linear map */
#else
		u64 lowmem = table[i].lowmem_3g;
#endif
		printk_log_clear();
		ktest_reboot(table[i].board, ktest_boot_paging);
		check_split(table[i].board, table[i].ram_mb, lowmem,
			    "lowmem is the RAM whose linear address lies below "
			    "vmalloc_min (VMALLOC_END - 240 MiB - 8 MiB = "
			    "0xf0000000), the rest highmem");
		ck_assert_msg(!printk_log_contains("non-linear address"),
			      "%s: the boot warned \"virt_to_phys used for "
			      "non-linear address\": vmalloc_min is no lowmem "
			      "address, so adjust_lowmem_bounds() computes its "
			      "physical image by hand, in 64 bits, not with "
			      "__pa() (chapter 21)",
			      table[i].board);
	}
}
END_TEST

/* What vmalloc=@arg must leave of @board's @ram_mb as lowmem. */
static u64 lowmem_with(u64 reserve, u64 ram_mb)
{
	const u64 vmalloc_min = VMALLOC_END - reserve;
	const u64 limit = vmalloc_min - PAGE_OFFSET + PHYS_OFFSET;

	return (min(limit, PHYS_OFFSET + MIB(ram_mb)) - PHYS_OFFSET) >> 20;
}

START_TEST(vmalloc_argument_moves_lowmem)
{
	static const struct {
		const char *arg;
		u64 bytes;
	} args[] = {
		{ "64M", MIB(64) },
		{ "512M", MIB(512) },
		{ "0x10000000", MIB(256) },
		{ "245760K", MIB(240) },
	};

	for (unsigned int i = 0; i < ARRAY_SIZE(args); i++) {
		char why[128];

		snprintf(why, sizeof(why),
			 "vmalloc=%s keeps %llu MiB for vmalloc: vmalloc_min "
			 "= VMALLOC_END - %llu MiB",
			 args[i].arg, (unsigned long long)(args[i].bytes >> 20),
			 (unsigned long long)(args[i].bytes >> 20));
		ktest_vmalloc_arg = args[i].arg;
		printk_log_clear();
		ktest_reboot("vexpress-1g", ktest_boot_paging);
		ck_assert_msg(!printk_log_contains("vmalloc area"),
			      "vmalloc=%s is between 16 MiB and the most "
			      "allowed: no warning",
			      args[i].arg);
		check_split("vexpress-1g", 1024,
			    lowmem_with(args[i].bytes, 1024), why);
	}
	ktest_vmalloc_arg = NULL;
}
END_TEST

/*
 * Out of range: at least 16 MiB, at most what leaves the linear map
 * 32 MiB above PAGE_OFFSET; each clamp says so.
 */
START_TEST(vmalloc_argument_is_clamped)
{
	const u64 most = VMALLOC_END - (PAGE_OFFSET + SZ_32M);
	char line[96];

	ktest_vmalloc_arg = "8M";
	printk_log_clear();
	ktest_reboot("vexpress-1g", ktest_boot_paging);
	ck_assert_msg(printk_log_contains("vmalloc area too small, limiting "
					  "to 16MB"),
		      "vmalloc=8M: expected the warning \"vmalloc area too "
		      "small, limiting to 16MB\"");
	check_split("vexpress-1g", 1024, lowmem_with(SZ_16M, 1024),
		    "vmalloc=8M is raised to 16 MiB");

	ktest_vmalloc_arg = "3G";
	printk_log_clear();
	ktest_reboot("vexpress-256m", ktest_boot_paging);
	snprintf(line, sizeof(line),
		 "vmalloc area is too big, limiting to %lluMB",
		 (unsigned long long)(most >> 20));
	ck_assert_msg(printk_log_contains(line),
		      "vmalloc=3G with PAGE_OFFSET %#lx: expected the warning "
		      "\"%s\"",
		      PAGE_OFFSET, line);
	check_split("vexpress-256m", 256, 32,
		    "the largest vmalloc area leaves 32 MiB of lowmem");
	ktest_vmalloc_arg = NULL;
}
END_TEST

/*
 * A bank that ends off a PMD (2 MiB): lowmem still ends at the bank's
 * end, but memblock may hand out only whole PMDs below it, which
 * map_lowmem() maps in full.  The first such edge counts, even in the
 * middle of lowmem; a first bank that starts off a PMD is no-map up to
 * its first PMD boundary.
 */
START_TEST(bank_end_off_a_pmd)
{
	const phys_addr_t end = PHYS_OFFSET + MIB(255);
	void *saved = high_memory;
	phys_addr_t lowmem, limit;

	memblock_remove(end, MIB(1));
	adjust_lowmem_bounds();
	lowmem = arm_lowmem_limit;
	limit = memblock_get_current_limit();
	memblock_add(end, MIB(1));
	adjust_lowmem_bounds();
	ck_assert_msg(lowmem == end,
		      "RAM ending at %#llx: arm_lowmem_limit is %#llx, "
		      "expected the bank's end",
		      (unsigned long long)end, (unsigned long long)lowmem);
	ck_assert_msg(limit == round_down(end, PMD_SIZE),
		      "RAM ending at %#llx, off a PMD: memblock's limit is "
		      "%#llx, expected %#llx, the last PMD boundary below it",
		      (unsigned long long)end, (unsigned long long)limit,
		      (unsigned long long)round_down(end, PMD_SIZE));
	ck_assert_ptr_eq(high_memory, saved);

	/* a hole [255 MiB, 256 MiB): the first bank ends off a PMD */
	ktest_reboot("vexpress-512m", ktest_boot_paging);
	memblock_remove(end, MIB(1));
	adjust_lowmem_bounds();
	lowmem = arm_lowmem_limit;
	limit = memblock_get_current_limit();
	ck_assert_msg(lowmem == PHYS_OFFSET + MIB(512) &&
			      limit == round_down(end, PMD_SIZE),
		      "RAM with a hole at %#llx (banks end off a PMD there): "
		      "arm_lowmem_limit %#llx and memblock's limit %#llx, "
		      "expected %#llx and %#llx: the first bank edge off a PMD "
		      "bounds memblock, wherever it lies in lowmem",
		      (unsigned long long)end, (unsigned long long)lowmem,
		      (unsigned long long)limit,
		      (unsigned long long)(PHYS_OFFSET + MIB(512)),
		      (unsigned long long)round_down(end, PMD_SIZE));

	/* RAM that starts 1 MiB above a PMD boundary */
	ktest_reboot("vexpress-256m", ktest_boot_paging);
	memblock_remove(PHYS_OFFSET, MIB(1));
	adjust_lowmem_bounds();
	limit = memblock_get_current_limit();
	ck_assert_msg(!memblock_is_map_memory(PHYS_OFFSET + MIB(1)) &&
			      memblock_is_map_memory(PHYS_OFFSET + MIB(2)),
		      "RAM starting at %#llx: [%#llx, %#llx) must be marked "
		      "no-map, up to the first PMD boundary",
		      (unsigned long long)(PHYS_OFFSET + MIB(1)),
		      (unsigned long long)(PHYS_OFFSET + MIB(1)),
		      (unsigned long long)(PHYS_OFFSET + MIB(2)));
	ck_assert_msg(limit == PHYS_OFFSET + MIB(256),
		      "RAM starting off a PMD at %#llx: memblock's limit is "
		      "%#llx, expected %#llx: once its head is no-map the bank "
		      "starts on a PMD (for_each_mem_range() skips no-map "
		      "memory), and lowmem's end bounds memblock",
		      (unsigned long long)(PHYS_OFFSET + MIB(1)),
		      (unsigned long long)limit,
		      (unsigned long long)(PHYS_OFFSET + MIB(256)));
}
END_TEST

/*
 * A bank that starts exactly where the linear map must stop is all
 * highmem; the bank before it is lowmem to its end.  On vexpress-1g,
 * with vmalloc_limit moved to PA 0x90000000 (the 3G/1G default; a
 * vmalloc= for the other splits), and a 2 MiB hole just below it.
 */
START_TEST(bank_at_vmalloc_limit)
{
	const phys_addr_t vl = 0x90000000U;

#if defined(CONFIG_VMSPLIT_2G)
	ktest_vmalloc_arg = "1272M"; /* vmalloc_min 0xb0000000 */
#elif defined(CONFIG_VMSPLIT_1G)
	ktest_vmalloc_arg = "2296M"; /* vmalloc_min 0x70000000 */
#endif
	ktest_reboot("vexpress-1g", ktest_boot_paging);
	ktest_vmalloc_arg = NULL;
	ck_assert_uint_eq(arm_lowmem_limit, vl);
	memblock_remove(vl - PMD_SIZE, PMD_SIZE);
	adjust_lowmem_bounds();
	ck_assert_msg(arm_lowmem_limit == vl - PMD_SIZE,
		      "banks [%#llx, %#llx) and [%#llx, ...), vmalloc_limit "
		      "%#llx: arm_lowmem_limit is %#llx, expected %#llx: a "
		      "bank that starts at vmalloc_limit is not lowmem",
		      (unsigned long long)PHYS_OFFSET,
		      (unsigned long long)(vl - PMD_SIZE),
		      (unsigned long long)vl, (unsigned long long)vl,
		      (unsigned long long)arm_lowmem_limit,
		      (unsigned long long)(vl - PMD_SIZE));
}
END_TEST

KTEST_SUITE(ch22) = {
	.chapter = "22",
	.title = "Lowmem and highmem",
	.boot = ktest_boot_paging,
	.tests = KTESTS(lecture_table_of_each_board,
			vmalloc_argument_moves_lowmem,
			vmalloc_argument_is_clamped, bank_end_off_a_pmd,
			bank_at_vmalloc_limit),
};
