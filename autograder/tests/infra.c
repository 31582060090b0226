// SPDX-License-Identifier: GPL-2.0
/*
 * Chapter 00: the two machines behave alike.
 *
 * Not graded: these tests prove the ground every chapter stands on.
 * They build translation tables by hand, turn the MMU on, take aborts
 * and watch the TLB, on the host port and on the emulated board alike.
 */
#include <string.h>
#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/printk.h>
#include <asm/cp15.h>
#include <asm/machine.h>
#include <asm/page.h>
#include <asm/memory.h>
#include <asm/pgtable-2level-hwdef.h>
#include <asm/setup.h>
#include <asm/traps.h>
#include "ktest.h"

/* Scratch physical memory above the image window, for tables and data. */
#define L1_PA 0x60800000U /* 16 KiB aligned first-level table */
#define L2_PA 0x60804000U /* one coarse table */
#define DATA_PA 0x61000000U /* a 1 MiB section's worth of data */
#define PAGE_PA 0x62345000U /* one small page */
/* Clear of the board's image, which runs at PAGE_OFFSET + 0..8 MiB. */
#define SECT_VA 0xd0000000U
#define PAGE_VA 0xd0105000U

#define SECT_RW (PMD_TYPE_SECT | PMD_SECT_AP_WRITE | PMD_SECT_WB)
#define PTE_RW (PTE_TYPE_SMALL | PTE_EXT_AP_UNO_SRW | PTE_CACHEABLE)

static u32 *phys(u32 pa)
{
	return (u32 *)(uintptr_t)pa;
}

static volatile u32 *virt(u32 va)
{
	return (volatile u32 *)(uintptr_t)va;
}

/*
 * A fresh table: the identity map of RAM (so the stack, these tables
 * and the switch stay reachable) and, on the board, the image at
 * PAGE_OFFSET, where its code runs; nothing else.  Built with the
 * harness's MMU off (ktest.h), not yet live.
 */
static u32 *new_table(void)
{
	u32 *pgd = phys(L1_PA);

	ktest_mmu_off();
	memset(pgd, 0, SZ_16K);
	memset(phys(L2_PA), 0, SZ_1K);
	ktest_map_ram(pgd, SECT_RW);
	ktest_map_image(pgd);
	set_domain(domain_val(0, DOMAIN_CLIENT));
	return pgd;
}

/* The table of new_table() live, with the DACR the test has set. */
static void mmu_on(void)
{
	ktest_mmu_switch(L1_PA, L1_PA, 0, get_domain());
}

static void mmu_off(void)
{
	ktest_mmu_off();
}

START_TEST(devtree_describes_the_board)
{
	ck_assert_int_eq(meminfo.nr_banks, 1);
	ck_assert_uint_eq(meminfo.bank[0].start, 0x60000000);
	ck_assert_uint_eq(meminfo.bank[0].size, SZ_256M);
	ck_assert_ptr_nonnull(find_iomem("arm,pl011"));
	ck_assert_uint_eq(find_iomem("arm,pl011")->base, 0x10009000);
	ck_assert_str_eq(boot_command_line, "console=ttyAMA0");
	ck_assert_int_eq(reserved_mem_count, 0);
}
END_TEST

START_TEST(devtree_reserved_memory)
{
	machine_boot(find_builtin_dtb("vexpress-cma"));
	ck_assert_uint_eq(meminfo.bank[0].size, 2 * SZ_256M);
	ck_assert_int_eq(reserved_mem_count, 2);
	ck_assert_str_eq(reserved_mem[0].name, "framebuffer@64000000");
	ck_assert(reserved_mem[0].nomap && !reserved_mem[0].reusable);
	ck_assert_uint_eq(reserved_mem[0].size, 8 * SZ_1M);
	ck_assert_str_eq(reserved_mem[1].compatible, "shared-dma-pool");
	ck_assert(reserved_mem[1].reusable && !reserved_mem[1].nomap);
	ck_assert(reserved_mem[1].is_default);
	ck_assert_uint_eq(reserved_mem[1].base, 0x68000000);
	ck_assert_uint_eq(reserved_mem[1].size, 64 * SZ_1M);
}
END_TEST

START_TEST(devtree_ram_sizes)
{
	static const struct {
		const char *dtb;
		u32 size;
	} boards[] = { { "vexpress-512m", 2 * SZ_256M },
		       { "vexpress-1g", 4 * SZ_256M } };

	for (unsigned i = 0; i < ARRAY_SIZE(boards); i++) {
		machine_boot(find_builtin_dtb(boards[i].dtb));
		ck_assert_msg(meminfo.bank[0].size == boards[i].size,
			      "%s: RAM is %#x bytes, expected %#x",
			      boards[i].dtb, meminfo.bank[0].size,
			      boards[i].size);
		/* The last byte of RAM is really there. */
		*phys(0x60000000 + boards[i].size - 4) = 0xfeedf00d;
		ck_assert_uint_eq(*phys(0x60000000 + boards[i].size - 4),
				  0xfeedf00d);
	}
}
END_TEST

/* A section and a small page, reached through their virtual addresses. */
START_TEST(mmu_section_and_small_page)
{
	u32 *pgd = new_table();

	pgd[SECT_VA >> SECTION_SHIFT] = DATA_PA | SECT_RW;
	pgd[PAGE_VA >> SECTION_SHIFT] = L2_PA | PMD_TYPE_TABLE;
	phys(L2_PA)[(PAGE_VA >> 12) & 0xff] = PAGE_PA | PTE_RW;
	phys(DATA_PA)[0x1234 / 4] = 0;
	phys(PAGE_PA)[0x10 / 4] = 0;
	mmu_on();
	*virt(SECT_VA + 0x1234) = 0xabcd0001;
	*virt(PAGE_VA + 0x10) = 0xabcd0002;
	ck_assert_uint_eq(*virt(SECT_VA + 0x1234), 0xabcd0001);
	mmu_off();
	ck_assert_msg(phys(DATA_PA)[0x1234 / 4] == 0xabcd0001,
		      "a write to VA %#x should land at PA %#x",
		      SECT_VA + 0x1234, DATA_PA + 0x1234);
	ck_assert_msg(phys(PAGE_PA)[0x10 / 4] == 0xabcd0002,
		      "a write to VA %#x should land at PA %#x", PAGE_VA + 0x10,
		      PAGE_PA + 0x10);
}
END_TEST

/* What the abort handler saw, and what it does about it. */
static struct {
	unsigned long addr;
	unsigned int fsr;
	int count;
	u32 fix_index; /* L1 or L2 entry to set... */
	u32 *fix_table;
	u32 fix_value; /* ...to this value */
} seen;

static int record_and_fix(unsigned long addr, unsigned int fsr,
			  struct pt_regs *regs)
{
	seen.addr = addr;
	seen.fsr = fsr;
	if (seen.count++ > 0)
		return 1; /* the fix did not help: let the task die */
	seen.fix_table[seen.fix_index] = seen.fix_value;
	dsb(); /* the table write before the TLB maintenance */
	tlbimva(addr & PAGE_MASK);
	return 0;
}

static void expect_fault(u32 fs, const char *what)
{
	for (int nr = 0; nr < 32; nr++)
		hook_fault_code(nr, record_and_fix, 0, 0, "test");
	seen.count = 0;
	(void)fs, (void)what;
}

static void check_fault(u32 va, u32 fs, bool write, int domain,
			const char *what)
{
	ck_assert_msg(seen.count == 1, "%s: expected one abort, saw %d", what,
		      seen.count);
	ck_assert_msg(seen.addr == va, "%s: DFAR %#lx, expected %#x", what,
		      seen.addr, va);
	ck_assert_msg(fsr_fs(seen.fsr) == (int)fs,
		      "%s: fault status %#x, expected %#x (DFSR %#x)", what,
		      fsr_fs(seen.fsr), fs, seen.fsr);
	ck_assert_msg(!!(seen.fsr & FSR_WRITE) == write,
		      "%s: DFSR.WnR is %d, expected %d", what,
		      !!(seen.fsr & FSR_WRITE), write);
	if (domain >= 0)
		ck_assert_msg(((seen.fsr >> 4) & 0xf) == (u32)domain,
			      "%s: DFSR.Domain is %u, expected %d", what,
			      (seen.fsr >> 4) & 0xf, domain);
}

START_TEST(abort_translation_section_read)
{
	u32 *pgd = new_table();

	phys(DATA_PA)[0] = 0x5ec7105;
	expect_fault(5, "read");
	seen.fix_table = pgd;
	seen.fix_index = SECT_VA >> SECTION_SHIFT;
	seen.fix_value = DATA_PA | SECT_RW;
	mmu_on();
	ck_assert_uint_eq(*virt(SECT_VA), 0x5ec7105); /* retried */
	mmu_off();
	check_fault(SECT_VA, 0x5, false, -1, "read of an unmapped section");
}
END_TEST

START_TEST(abort_translation_page_write)
{
	u32 *pgd = new_table();
	u32 *pte = phys(L2_PA);

	pgd[PAGE_VA >> SECTION_SHIFT] = L2_PA | PMD_TYPE_TABLE | PMD_DOMAIN(0);
	expect_fault(7, "write");
	seen.fix_table = pte;
	seen.fix_index = (PAGE_VA >> 12) & 0xff;
	seen.fix_value = PAGE_PA | PTE_RW;
	mmu_on();
	*virt(PAGE_VA + 8) = 0x77;
	mmu_off();
	check_fault(PAGE_VA + 8, 0x7, true, 0,
		    "write to an unmapped small page");
	ck_assert_uint_eq(phys(PAGE_PA)[2], 0x77);
}
END_TEST

START_TEST(abort_permission_page_write)
{
	u32 *pgd = new_table();
	u32 *pte = phys(L2_PA);
	u32 i = (PAGE_VA >> 12) & 0xff;

	pgd[PAGE_VA >> SECTION_SHIFT] = L2_PA | PMD_TYPE_TABLE | PMD_DOMAIN(0);
	/* APX=1, AP=01: privileged read-only */
	pte[i] = PAGE_PA | PTE_TYPE_SMALL | PTE_EXT_APX | PTE_EXT_AP0;
	phys(PAGE_PA)[1] = 0x1111;
	expect_fault(0xf, "write");
	seen.fix_table = pte;
	seen.fix_index = i;
	seen.fix_value = PAGE_PA | PTE_RW;
	mmu_on();
	ck_assert_uint_eq(*virt(PAGE_VA + 4), 0x1111); /* reads are fine */
	ck_assert_int_eq(seen.count, 0);
	*virt(PAGE_VA + 4) = 0x2222;
	mmu_off();
	check_fault(PAGE_VA + 4, 0xf, true, 0,
		    "write to a read-only small page");
	ck_assert_uint_eq(phys(PAGE_PA)[1], 0x2222);
}
END_TEST

START_TEST(abort_permission_section_write)
{
	u32 *pgd = new_table();
	u32 i = SECT_VA >> SECTION_SHIFT;

	pgd[i] = DATA_PA | PMD_TYPE_SECT | PMD_SECT_APX | PMD_SECT_AP_WRITE;
	expect_fault(0xd, "write");
	seen.fix_table = pgd;
	seen.fix_index = i;
	seen.fix_value = DATA_PA | SECT_RW;
	mmu_on();
	*virt(SECT_VA + 0x40) = 0x4040;
	mmu_off();
	check_fault(SECT_VA + 0x40, 0xd, true, 0,
		    "write to a read-only section");
	ck_assert_uint_eq(phys(DATA_PA)[0x10], 0x4040);
}
END_TEST

START_TEST(abort_domain_section)
{
	u32 *pgd = new_table();
	u32 i = SECT_VA >> SECTION_SHIFT;

	/* Domain 3 is "no access" in the DACR: a domain fault. */
	pgd[i] = DATA_PA | SECT_RW | PMD_DOMAIN(3);
	expect_fault(0x9, "read");
	seen.fix_table = pgd;
	seen.fix_index = i;
	seen.fix_value = DATA_PA | SECT_RW | PMD_DOMAIN(0);
	phys(DATA_PA)[0] = 0xd0;
	mmu_on();
	ck_assert_uint_eq(*virt(SECT_VA), 0xd0);
	mmu_off();
	check_fault(SECT_VA, 0x9, false, 3, "read in a no-access domain");
}
END_TEST

START_TEST(domain_manager_ignores_ap)
{
	u32 *pgd = new_table();

	/* AP = 00 is no access at all, unless the domain is a manager. */
	pgd[SECT_VA >> SECTION_SHIFT] = DATA_PA | PMD_TYPE_SECT | PMD_DOMAIN(2);
	set_domain(domain_val(0, DOMAIN_CLIENT) |
		   domain_val(2, DOMAIN_MANAGER));
	mmu_on();
	*virt(SECT_VA + 4) = 0x3a;
	mmu_off();
	ck_assert_uint_eq(phys(DATA_PA)[1], 0x3a);
}
END_TEST

/* A changed PTE is not seen until its TLB entry is invalidated. */
START_TEST(tlb_stale_until_flush)
{
	u32 *pgd = new_table();
	u32 *pte = phys(L2_PA);
	u32 i = (PAGE_VA >> 12) & 0xff;

	pgd[PAGE_VA >> SECTION_SHIFT] = L2_PA | PMD_TYPE_TABLE;
	pte[i] = PAGE_PA | PTE_RW;
	phys(PAGE_PA)[0] = 0xaaaa;
	phys(PAGE_PA + SZ_4K)[0] = 0xbbbb;
	mmu_on();
	ck_assert_uint_eq(*virt(PAGE_VA), 0xaaaa); /* fills the TLB */
	pte[i] = (PAGE_PA + SZ_4K) | PTE_RW; /* no flush */
	ck_assert_msg(*virt(PAGE_VA) == 0xaaaa,
		      "without a TLB flush the old translation must be used");
	dsb(); /* the table write before the TLB maintenance */
	tlbimva(PAGE_VA);
	ck_assert_msg(*virt(PAGE_VA) == 0xbbbb,
		      "after TLBIMVA the new translation must be used");
	mmu_off();
}
END_TEST

/*
 * The host's model of the race a missing DSB opens: TLBIMVA issued
 * before a DSB completed the PTE write may be undone by a walk of the
 * old descriptor; the host keeps the old translation and says why.
 * (The board gives no such guarantee either way: QEMU's walk sees
 * every store at once.)
 */
START_TEST(tlb_maintenance_before_dsb)
{
	u32 *pgd = new_table();
	u32 *pte = phys(L2_PA);
	u32 i = (PAGE_VA >> 12) & 0xff;

	if (strcmp(machine_name, "host"))
		return;
	pgd[PAGE_VA >> SECTION_SHIFT] = L2_PA | PMD_TYPE_TABLE;
	pte[i] = PAGE_PA | PTE_RW;
	phys(PAGE_PA)[0] = 0xaaaa;
	phys(PAGE_PA + SZ_4K)[0] = 0xbbbb;
	mmu_on();
	ck_assert_uint_eq(*virt(PAGE_VA), 0xaaaa);
	pte[i] = (PAGE_PA + SZ_4K) | PTE_RW;
	printk_log_clear();
	tlbimva(PAGE_VA); /* no dsb() before it */
	ck_assert_msg(*virt(PAGE_VA) == 0xaaaa &&
			      printk_log_contains("came before a DSB"),
		      "a TLBIMVA before the DSB must leave the old "
		      "translation, with a report");
	dsb();
	tlbimva(PAGE_VA);
	ck_assert_msg(*virt(PAGE_VA) == 0xbbbb, "after dsb(), TLBIMVA works");
	mmu_off();
}
END_TEST

START_TEST(tlb_stale_section_until_flush_all)
{
	u32 *pgd = new_table();
	u32 i = SECT_VA >> SECTION_SHIFT;

	pgd[i] = DATA_PA | SECT_RW;
	phys(DATA_PA)[0] = 0x1;
	phys(DATA_PA + SECTION_SIZE)[0] = 0x2;
	mmu_on();
	ck_assert_uint_eq(*virt(SECT_VA), 0x1);
	pgd[i] = (DATA_PA + SECTION_SIZE) | SECT_RW;
	ck_assert_uint_eq(*virt(SECT_VA), 0x1);
	dsb(); /* the table write before the TLB maintenance */
	tlbiall();
	ck_assert_uint_eq(*virt(SECT_VA), 0x2);
	mmu_off();
}
END_TEST

/*
 * nG entries belong to an ASID: another ASID never hits them, and
 * TLBIASID removes them.  (Whether the old ASID's entries survive the
 * switch is up to the implementation: QEMU drops them, the host port and
 * many real cores keep them.  The test asserts only what ARMv7 promises.)
 */
START_TEST(tlb_asid_tagging)
{
	u32 *pgd = new_table();
	u32 i = SECT_VA >> SECTION_SHIFT;

	pgd[i] = DATA_PA | SECT_RW | PMD_SECT_nG;
	phys(DATA_PA)[0] = 0x1;
	phys(DATA_PA + SECTION_SIZE)[0] = 0x2;
	cpu_set_contextidr(1);
	mmu_on();
	ck_assert_uint_eq(*virt(SECT_VA), 0x1); /* entry for ASID 1 */
	pgd[i] = (DATA_PA + SECTION_SIZE) | SECT_RW | PMD_SECT_nG;
	cpu_set_contextidr(2);
	ck_assert_msg(*virt(SECT_VA) == 0x2,
		      "ASID 2 must not hit the entry of ASID 1");
	dsb(); /* the table write before the TLB maintenance */
	tlbiasid(1);
	cpu_set_contextidr(1);
	ck_assert_msg(*virt(SECT_VA) == 0x2,
		      "after TLBIASID 1, ASID 1 must walk the new table");
	mmu_off();
}
END_TEST

/* TTBCR.N = 2: VAs below 1 GiB use TTBR0, the rest TTBR1. */
START_TEST(ttbcr_split)
{
	u32 *pgd1 = new_table();
	u32 *pgd0 = phys(0x60900000); /* 4 KiB table: 16 KiB >> 2 */

	memset(pgd0, 0, SZ_4K);
	pgd0[0x300] = DATA_PA | SECT_RW; /* VA 0x30000000 */
	pgd1[0x300] = (DATA_PA + SECTION_SIZE) | SECT_RW;
	phys(DATA_PA)[0] = 0x0;
	phys(DATA_PA + SECTION_SIZE)[0] = 0x1;
	/* the code runs above 1 GiB (0x6... or PAGE_OFFSET): TTBR1 */
	ktest_mmu_switch(0x60900000, L1_PA, 2, get_domain());
	ck_assert_uint_eq(*virt(0x30000000), 0x0);
	mmu_off();
}
END_TEST

/* printk formats as 5.10's vsprintf: %pGg names gfp flags. */
START_TEST(printk_gfp_flag_names)
{
	static const struct {
		gfp_t gfp;
		const char *text;
	} cases[] = {
		{ GFP_KERNEL, "GFP_KERNEL" },
		{ GFP_KERNEL | __GFP_ZERO, "GFP_KERNEL|__GFP_ZERO" },
		{ GFP_ATOMIC | __GFP_NOWARN, "GFP_ATOMIC|__GFP_NOWARN" },
		{ GFP_HIGHUSER_MOVABLE, "GFP_HIGHUSER_MOVABLE" },
		{ __GFP_NOWARN | __GFP_NORETRY | __GFP_COMP,
		  "__GFP_NOWARN|__GFP_NORETRY|__GFP_COMP" },
		{ 0, "" },
		{ GFP_NOWAIT | 0x80000000u, "GFP_NOWAIT|0x80000000" },
	};
	char buf[128];

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		scnprintf(buf, sizeof(buf), "gfp=%#x(%pGg)", cases[i].gfp,
			  &cases[i].gfp);
		char want[128];

		/* the same %#x on both sides: only %pGg is compared */
		scnprintf(want, sizeof(want), "gfp=%#x(%s)", cases[i].gfp,
			  cases[i].text);
		ck_assert_msg(!strcmp(buf, want),
			      "%%pGg of %#x: expected \"%s\", got \"%s\"",
			      cases[i].gfp, want, buf);
	}
}
END_TEST

KTEST_SUITE(infra) = {
	.chapter = "00",
	.title = "The two machines",
	.tests = KTESTS(devtree_describes_the_board, devtree_reserved_memory,
			devtree_ram_sizes, mmu_section_and_small_page,
			abort_translation_section_read,
			abort_translation_page_write,
			abort_permission_page_write,
			abort_permission_section_write, abort_domain_section,
			domain_manager_ignores_ap, tlb_stale_until_flush,
			tlb_maintenance_before_dsb,
			tlb_stale_section_until_flush_all, tlb_asid_tagging,
			ttbcr_split, printk_gfp_flag_names),
};
