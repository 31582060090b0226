// SPDX-License-Identifier: GPL-2.0
/*
 * Chapter 00, board only: the host port's table walker (arch/host/walk.c)
 * against the MMU itself.
 *
 * We build random translation tables that mix faults, sections,
 * supersections, coarse tables with small and large pages, all
 * sixteen domains, every AP encoding, XN and nG, pick a random DACR and
 * TTBCR.N, and ask the MMU to translate random addresses with the
 * address-translation operations ATS1CPR/CPW/CUR/CUW (privileged and
 * user, read and write).  The walker must give the same physical address
 * or the same fault status every time.
 *
 * One difference is expected and counted: for a coarse table in a
 * no-access domain whose second-level entry is invalid, the ARM ARM's
 * fault-checking sequence (B3.12.3) reports the page translation fault,
 * and so does our walker, while QEMU checks the domain first and reports
 * a page domain fault.
 */
#include <string.h>
#include <linux/kernel.h>
#include <asm/cp15.h>
#include <asm/machine.h>
#include <asm/page.h>
#include <asm/memory.h>
#include <asm/pgtable-2level-hwdef.h>
#include <asm/setup.h>
#include <asm/traps.h>
#include "arch/arm/mach-vexpress/vexpress.h"
#include "arch/host/walk.h"
#include "ktest.h"

#define TTBR1_PA 0x60800000U
#define TTBR0_PA 0x60804000U
#define L2_POOL_PA 0x60810000U /* 64 coarse tables */
#define L2_POOL_N 64
#define SEED 0x2545f491U

static u32 rng = SEED;

static u32 rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

static u32 *phys(u32 pa)
{
	return (u32 *)(uintptr_t)pa;
}

static u32 read_phys(u32 pa, bool *ok)
{
	*ok = true;
	return *phys(pa);
}

/* Does this megabyte hold RAM or a device the test itself needs? */
/* The image's window at PAGE_OFFSET, where its code runs. */
static bool image_mb(u32 mb)
{
	u32 a = mb << SECTION_SHIFT;

	return a - PAGE_OFFSET < KERNEL_IMAGE_END - KERNEL_IMAGE_START;
}

static bool reserved_mb(u32 mb)
{
	u32 a = mb << SECTION_SHIFT;

	return (a >= PHYS_OFFSET && a < PHYS_OFFSET + SZ_256M) ||
	       a == 0x10000000 || image_mb(mb);
}

static u32 random_l2_entry(void)
{
	u32 attrs = (rnd() & (PTE_BUFFERABLE | PTE_CACHEABLE | PTE_EXT_AP_MASK |
			      PTE_EXT_APX | PTE_EXT_SHARED | PTE_EXT_NG));

	switch (rnd() % 4) {
	case 0:
		return 0;
	case 1: /* large page: XN in bit 15, TEX in 14:12 */
		return (rnd() & PTE_LARGE_BASE_MASK) | attrs | PTE_TYPE_LARGE |
		       (rnd() & (PTE_LARGE_XN | PTE_LARGE_TEX(7)));
	default:
		return (rnd() & PTE_SMALL_BASE_MASK) | attrs | PTE_TYPE_SMALL |
		       (rnd() & (PTE_EXT_XN | PTE_EXT_TEX(7)));
	}
}

static void fill_l2(u32 *t)
{
	for (int i = 0; i < HW_L2_ENTRIES;) {
		u32 d = random_l2_entry();

		if ((d & PTE_TYPE_MASK) == PTE_TYPE_LARGE) {
			i &= ~15; /* a large page fills 16 aligned entries */
			for (int j = 0; j < 16; j++)
				t[i++] = d;
		} else {
			t[i++] = d;
		}
	}
}

static u32 section_attrs(void)
{
	return rnd() &
	       (PMD_SECT_BUFFERABLE | PMD_SECT_CACHEABLE | PMD_SECT_XN |
		PMD_DOMAIN_MASK | PMD_SECT_AP_WRITE | PMD_SECT_AP_READ |
		PMD_SECT_TEX(7) | PMD_SECT_APX | PMD_SECT_S | PMD_SECT_nG);
}

/* Random first-level entries, except the RAM and UART the test runs on. */
static void fill_l1(u32 *pgd, int entries, int *next_l2)
{
	for (int i = 0; i < entries; i++) {
		u32 kind = rnd() % 8;

		if (image_mb(i))
			pgd[i] = (u32)__pa((u32)i << SECTION_SHIFT) |
				 PMD_TYPE_SECT | PMD_SECT_AP_WRITE |
				 PMD_SECT_AP_READ;
		else if (reserved_mb(i))
			pgd[i] = ((u32)i << SECTION_SHIFT) | PMD_TYPE_SECT |
				 PMD_SECT_AP_WRITE | PMD_SECT_AP_READ;
		else if (kind < 2)
			pgd[i] = rnd() & ~3U & ~PMD_SECT_SUPER;
		else if (kind < 4)
			pgd[i] = (rnd() & PMD_SECT_BASE_MASK) |
				 section_attrs() | PMD_TYPE_SECT;
		else if (kind == 4 && !(i & 15) && !reserved_mb(i + 15)) {
			/* a supersection: 16 identical entries, domain 0 */
			u32 d = (rnd() & PMD_SUPERSECT_BASE_MASK) |
				(section_attrs() & ~PMD_DOMAIN_MASK) |
				PMD_SECT_SUPER | PMD_TYPE_SECT;
			for (int j = 0; j < 16; j++)
				pgd[i + j] = d;
			i += 15;
		} else {
			u32 l2 = L2_POOL_PA +
				 (u32)(*next_l2 % L2_POOL_N) * SZ_1K;

			(*next_l2)++;
			pgd[i] =
				l2 | PMD_TYPE_TABLE | (rnd() & PMD_DOMAIN_MASK);
		}
	}
}

struct tally {
	long compared, faults, pages, sections, qemu_domain_first;
};

static u32 par_fs(u32 par)
{
	return ((par >> 1) & 0xf) | (((par >> 6) & 1) << 4);
}

static void compare(const struct hw_mmu_regs *regs, u32 dacr, u32 va, bool user,
		    bool write, struct tally *t)
{
	struct hw_walk w;
	u32 par = ats1c(va, user, write);
	u32 fsr = hw_walk(regs, va, read_phys, &w)
			  ? w.fsr
			  : hw_check_access(&w, dacr, user,
					    write ? HW_WRITE : HW_READ);
	u32 fs = fsr ? (u32)fsr_fs(fsr) : 0;

	t->compared++;
	if (fs == FSR_FS_TRANS_PAGE && (par & 1) &&
	    par_fs(par) == FSR_FS_DOMAIN_PAGE &&
	    !((dacr >> (2 * w.domain)) & 1)) {
		t->qemu_domain_first++;
		return;
	}
	if (fs || (par & 1)) {
		t->faults++;
		ck_assert_msg(
			(par & 1) && par_fs(par) == fs,
			"VA %08x %s %s: MMU says %s %#x, walker says "
			"fault %#x (L1 %08x L2 %08x, DACR %08x, seed %#x)",
			va, user ? "user" : "priv", write ? "write" : "read",
			par & 1 ? "fault" : "PA", par & 1 ? par_fs(par) : par,
			fs, w.desc[0], w.desc[1], dacr, SEED);
		return;
	}
	if (par & 2) { /* supersection: PAR holds PA[31:24] */
		ck_assert_uint_eq(w.shift, SUPERSECTION_SHIFT);
		ck_assert_uint_eq(par & 0xff000000,
				  (w.pa_base + (va - w.va_base)) & 0xff000000);
		t->sections++;
		return;
	}
	ck_assert_msg(
		(par & PAGE_MASK) ==
			((w.pa_base + (va - w.va_base)) & PAGE_MASK),
		"VA %08x: MMU says PA %08x, walker %08x (L1 %08x L2 %08x)", va,
		par & PAGE_MASK, w.pa_base + (va - w.va_base), w.desc[0],
		w.desc[1]);
	if (w.page)
		t->pages++;
	else
		t->sections++;
}

START_TEST(walker_agrees_with_mmu)
{
	struct tally t = { 0 };
	int next_l2 = 0;

	for (int round = 0; round < 40; round++) {
		u32 n = rnd() % 3;
		struct hw_mmu_regs regs = { TTBR0_PA, TTBR1_PA, n };
		/* domain 0 stays usable: the code runs from it */
		u32 dacr = (rnd() & ~3U) | DOMAIN_MANAGER;

		ktest_mmu_off();
		for (int i = 0; i < L2_POOL_N; i++)
			fill_l2(phys(L2_POOL_PA + i * SZ_1K));
		fill_l1(phys(TTBR1_PA), HW_L1_ENTRIES, &next_l2);
		fill_l1(phys(TTBR0_PA), HW_L1_ENTRIES >> n, &next_l2);
		ktest_mmu_switch(TTBR0_PA, TTBR1_PA, n, dacr);
		for (int k = 0; k < 250; k++) {
			u32 va = rnd();

			if (reserved_mb(va >> SECTION_SHIFT))
				continue;
			for (int a = 0; a < 4; a++)
				compare(&regs, dacr, va, a & 1, a & 2, &t);
		}
		ktest_mmu_off();
	}
	printk("walker: %ld checks (%ld faults, %ld pages, %ld sections); "
	       "%ld with QEMU's domain-before-L2 order; seed %#x\n",
	       t.compared, t.faults, t.pages, t.sections, t.qemu_domain_first,
	       SEED);
	ck_assert_msg(t.compared >= 10000, "only %ld addresses compared",
		      t.compared);
	ck_assert(t.pages > 100 && t.sections > 100);
}
END_TEST

START_TEST(pl011_answers)
{
	const struct iomem_desc *uart = find_iomem("arm,pl011");

	ck_assert_ptr_nonnull(uart);
	/* Reset state: transmit FIFO empty (TXFE, bit 7), not full. */
	ck_assert_uint_eq(pl011_flags(uart->base) & 0xa0, 0x80);
	for (const char *s = "pl011: hello from the board\n"; *s; s++)
		pl011_putc(uart->base, *s);
}
END_TEST

KTEST_SUITE(infra_arm) = {
	.chapter = "00",
	.title = "The board's MMU",
	.arm_only = true,
	.timeout = 15,
	.tests = KTESTS(walker_agrees_with_mmu, pl011_answers),
};
