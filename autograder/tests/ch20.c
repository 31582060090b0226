// SPDX-License-Identifier: GPL-2.0
/*
 * Chapter 20: the kernel's virtual address space (Linux虚拟内存).
 *
 * print_vm_layout() prints the banner v5.0's mem_init() printed, one
 * line per region, from the variables and constants that define it.
 * The tests build each line they expect from the same definitions
 * (asm/memory.h, pgtable.h, highmem.h, fixmap.h and high_memory after
 * the boot) and look for it in the log; the chapter runs in two builds,
 * VMSPLIT_3G and VMSPLIT_2G, on both machines, and one test holds the
 * numbers each split must give on a 1 GiB board.
 */
#include <stdio.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <asm-generic/sections.h>
#include <asm/fixmap.h>
#include <asm/highmem.h>
#include <asm/memory.h>
#include <asm/pgtable.h>
#include "ktest.h"

enum unit { KB, MB, KB_ROUNDUP };

struct region {
	const char *name; /* as the banner names it, padded */
	unsigned long start, end;
	enum unit unit;
	const char *rule;
};

static unsigned long image_va(const char *sym)
{
	return __phys_to_virt(virt_to_idmap(sym));
}

#define NR_REGIONS 10

/* The banner's regions, from their definitions, in the banner's order. */
static void expected_regions(struct region *r)
{
	const struct region all[NR_REGIONS] = {
		{ "    vector  ", VECTORS_BASE, VECTORS_BASE + PAGE_SIZE, KB,
		  "the vectors page: one page at VECTORS_BASE, in kB" },
		{ "    fixmap  ", FIXADDR_START, FIXADDR_END, KB,
		  "FIXADDR_START to FIXADDR_END (FIXADDR_TOP is the start of "
		  "its last page, not its end), in kB" },
		{ "    vmalloc ", VMALLOC_START, VMALLOC_END, MB,
		  "VMALLOC_START (high_memory + 8 MiB, rounded down to 8 "
		  "MiB: the first 8 MiB boundary above lowmem) to "
		  "VMALLOC_END, in MB" },
		{ "    lowmem  ", PAGE_OFFSET, (unsigned long)high_memory, MB,
		  "the linear map, PAGE_OFFSET to high_memory (a virtual "
		  "address; arm_lowmem_limit is the physical one), in MB" },
		{ "    pkmap   ", PKMAP_BASE,
		  PKMAP_BASE + LAST_PKMAP * PAGE_SIZE, MB,
		  "LAST_PKMAP pages from PKMAP_BASE, the PMD below "
		  "PAGE_OFFSET, in MB" },
		{ "    modules ", MODULES_VADDR, MODULES_END, MB,
		  "MODULES_VADDR to MODULES_END (the pkmap PMD is not the "
		  "modules'), in MB" },
		{ "      .text ", image_va(_stext), image_va(_etext),
		  KB_ROUNDUP, "_stext to _etext, kB rounded up" },
		{ "      .init ", image_va(__init_begin), image_va(__init_end),
		  KB_ROUNDUP, "__init_begin to __init_end, kB rounded up" },
		{ "      .data ", image_va(_sdata), image_va(_edata),
		  KB_ROUNDUP, "_sdata to _edata, kB rounded up" },
		{ "       .bss ", image_va(__bss_start), image_va(__bss_stop),
		  KB_ROUNDUP, "__bss_start to __bss_stop, kB rounded up" },
	};

	memcpy(r, all, sizeof(all));
}

/* The line v5.0 prints for @r. */
static void region_line(const struct region *r, char *buf, size_t n)
{
	unsigned long size = r->end - r->start;
	long v = r->unit == MB	 ? (long)(size >> 20)
		 : r->unit == KB ? (long)(size >> 10)
				 : (long)DIV_ROUND_UP(size, 1024UL);

	snprintf(buf, n, "%s: 0x%08lx - 0x%08lx   (%4ld %s)\n", r->name,
		 r->start, r->end, v, r->unit == MB ? "MB" : "kB");
}

static char log_text[8192];

/* The banner's line for @name, from the log, or "" (no such line). */
static void printed_line(const char *name, char *buf, size_t n)
{
	size_t len = syslog_read_all(log_text, sizeof(log_text) - 1);
	char *p;

	log_text[len] = 0;
	buf[0] = 0;
	p = strstr(log_text, name);
	if (!p)
		return;
	snprintf(buf, n, "%.*s", (int)strcspn(p, "\n") + 1, p);
}

static void banner(void)
{
	printk_log_clear();
	print_vm_layout();
}

/* Every line of the banner, exactly, with the rule of a wrong one. */
static void check_banner(const char *board)
{
	struct region r[NR_REGIONS];
	char want[128], got[128];

	banner();
	ck_assert_msg(printk_log_contains("Virtual kernel memory layout:\n"),
		      "%s: the banner starts with \"Virtual kernel memory "
		      "layout:\"",
		      board);
	expected_regions(r);
	for (int i = 0; i < NR_REGIONS; i++) {
		region_line(&r[i], want, sizeof(want));
		if (printk_log_contains(want))
			continue;
		printed_line(r[i].name, got, sizeof(got));
		ck_abort_msg("%s: expected the line\n%sbut the banner printed "
			     "%s%s; rule: %s",
			     board, want, got[0] ? "\n" : "no line for it", got,
			     r[i].rule);
	}
}

START_TEST(banner_lines_of_256m)
{
	check_banner("vexpress-256m");
}
END_TEST

/*
 * On 1 GiB of RAM the split decides how much is lowmem: the lines that
 * follow high_memory must change with the board, and give the numbers
 * of the split the kernel was built for.
 */
START_TEST(banner_follows_the_board)
{
#ifdef CONFIG_VMSPLIT_2G
	/* 1 GiB fits below vmalloc_min (0xf0000000): all of it lowmem */
	const char *lowmem =
		"    lowmem  : 0x80000000 - 0xc0000000   (1024 MB)";
	const char *vmalloc =
		"    vmalloc : 0xc0800000 - 0xff800000   (1008 MB)";
#else
	/* 3G/1G: lowmem stops at vmalloc_min, 768 MiB; the rest is highmem */
	const char *lowmem =
		"    lowmem  : 0xc0000000 - 0xf0000000   ( 768 MB)";
	const char *vmalloc =
		"    vmalloc : 0xf0800000 - 0xff800000   ( 240 MB)";
#endif
	ktest_reboot("vexpress-1g", ktest_boot_paging);
	check_banner("vexpress-1g");
	ck_assert_msg(printk_log_contains(lowmem) &&
			      printk_log_contains(vmalloc),
		      "vexpress-1g, PAGE_OFFSET %#lx: expected\n%s\n%s\nin "
		      "the banner",
		      PAGE_OFFSET, lowmem, vmalloc);
}
END_TEST

/* Read back the printed lines' ranges, in the banner's order. */
static void printed_ranges(unsigned long *start, unsigned long *end)
{
	struct region r[NR_REGIONS];
	char got[128];

	expected_regions(r);
	for (int i = 0; i < NR_REGIONS; i++) {
		printed_line(r[i].name, got, sizeof(got));
		ck_assert_msg(sscanf(got + strlen(r[i].name), ": 0x%lx - 0x%lx",
				     &start[i], &end[i]) == 2,
			      "no \"%s: 0x... - 0x...\" line in the banner",
			      r[i].name);
	}
}

/*
 * The regions as the banner prints them, from the top of user space up:
 * modules, pkmap, lowmem (the image inside it), a hole of up to 8 MiB,
 * vmalloc,
 * fixmap, the vectors; none overlaps the next.
 */
START_TEST(regions_in_address_order)
{
	enum { VEC, FIX, VMA, LOW, PKM, MOD, TXT, INI, DAT, BSS };
	static const int up[] = { MOD, PKM, LOW, VMA, FIX, VEC };
	unsigned long s[NR_REGIONS], e[NR_REGIONS];

	banner();
	printed_ranges(s, e);
	ck_assert_msg(s[MOD] >= TASK_SIZE,
		      "modules start at %#lx, inside user space (TASK_SIZE "
		      "%#lx)",
		      s[MOD], (unsigned long)TASK_SIZE);
	for (unsigned int i = 0; i + 1 < ARRAY_SIZE(up); i++)
		ck_assert_msg(s[up[i]] < e[up[i]] && e[up[i]] <= s[up[i + 1]],
			      "region %d [%#lx, %#lx) and the next one up "
			      "[%#lx, %#lx) are out of order or overlap",
			      up[i], s[up[i]], e[up[i]], s[up[i + 1]],
			      e[up[i + 1]]);
	ck_assert_msg(s[VMA] > e[LOW] && s[VMA] - e[LOW] <= 8UL << 20 &&
			      !(s[VMA] & ((8UL << 20) - 1)),
		      "vmalloc starts %#lx after lowmem ends: VMALLOC_START is "
		      "the first 8 MiB boundary above high_memory "
		      "(VMALLOC_OFFSET), a hole that catches stray accesses",
		      s[VMA] - e[LOW]);
	for (int i = TXT; i <= BSS; i++)
		ck_assert_msg(s[i] >= s[LOW] && e[i] <= e[LOW],
			      "the image's section [%#lx, %#lx) is not in "
			      "lowmem: the image lies in the linear map",
			      s[i], e[i]);
}
END_TEST

KTEST_SUITE(ch20) = {
	.chapter = "20",
	.title = "The kernel's virtual address space",
	.boot = ktest_boot_paging,
	.tests = KTESTS(banner_lines_of_256m, banner_follows_the_board,
			regions_in_address_order),
};
