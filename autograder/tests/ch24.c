// SPDX-License-Identifier: GPL-2.0
/*
 * Chapter 24: the Linux PTE and the hardware PTE.
 *
 * The exercise: cpu_v7_set_pte_ext() (arch/arm/mm/proc-v7-2level.c),
 * which writes a Linux PTE and derives its hardware twin, 2048 bytes
 * further on in the PTE page.  Checked value by value for the kernel's
 * memory types, rule by rule for the young/dirty emulation and for
 * random values, and through the MMU (ATS1C) on pages that chapter 23's
 * create_mapping_late() maps.
 */
#include <stdio.h>
#include <string.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <asm/cp15.h>
#include <asm/mach/map.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include "arch/arm/mm/mm.h"
#include "pt_util.h"
#include "ktest.h"

#define PA 0x61234000U

/* A zeroed PTE page: Linux PTEs in words 0-511, hardware in 512-1023. */
static u32 *new_pte_page(void)
{
	struct page *p = alloc_pages(GFP_KERNEL | __GFP_ZERO, 0);

	ck_assert_ptr_nonnull(p);
	return page_address(p);
}

/*
 * set_pte_ext() of @pte at word @i of @page: the Linux PTE must be
 * stored as it is, and nothing but the hardware twin written.
 * Return: the hardware PTE.
 */
static u32 hw_of(u32 *page, unsigned int i, u32 pte, unsigned int ext)
{
	u32 hw;

	set_pte_ext((pte_t *)&page[i], __pte(pte), ext);
	ck_assert_msg(page[i] == pte,
		      "set_pte_ext(%08x): the Linux PTE reads %08x: it is "
		      "stored as given, at ptep",
		      pte, page[i]);
	hw = page[i + 512];
	page[i] = page[i + 512] = 0;
	for (unsigned int w = 0; w < 1024; w++)
		ck_assert_msg(page[w] == 0,
			      "set_pte_ext(%08x) at word %u of the PTE page "
			      "wrote word %u (%08x): the hardware PTE is at "
			      "ptep + 2048 bytes (word %u), nothing else "
			      "changes",
			      pte, i, w, page[w], i + 512);
	return hw;
}

static const struct {
	unsigned int type;
	const char *name;
	u32 hw; /* the hardware PTE of PA with the type's prot_pte */
} type_hw[] = {
	{ MT_DEVICE, "MT_DEVICE", 0x453 },
	{ MT_DEVICE_NONSHARED, "MT_DEVICE_NONSHARED", 0x053 },
	{ MT_DEVICE_CACHED, "MT_DEVICE_CACHED", 0x01f },
	{ MT_DEVICE_WC, "MT_DEVICE_WC", 0x017 },
	{ MT_UNCACHED, "MT_UNCACHED", 0x013 },
	{ MT_LOW_VECTORS, "MT_LOW_VECTORS", 0x21e },
	{ MT_HIGH_VECTORS, "MT_HIGH_VECTORS", 0x23e },
	{ MT_MEMORY_RWX, "MT_MEMORY_RWX", 0x01e },
	{ MT_MEMORY_RW, "MT_MEMORY_RW", 0x01f },
	{ MT_MEMORY_RWX_NONCACHED, "MT_MEMORY_RWX_NONCACHED", 0x016 },
	{ MT_MEMORY_RW_DTCM, "MT_MEMORY_RW_DTCM", 0x013 },
	{ MT_MEMORY_RWX_ITCM, "MT_MEMORY_RWX_ITCM", 0x012 },
	{ MT_MEMORY_RW_SO, "MT_MEMORY_RW_SO", 0x013 },
	{ MT_MEMORY_DMA_READY, "MT_MEMORY_DMA_READY", 0x01f },
};

START_TEST(set_pte_ext_of_each_type)
{
	u32 *page = new_pte_page();

	for (unsigned int t = 0; t < ARRAY_SIZE(type_hw); t++) {
		u32 pte = PA | get_mem_type(type_hw[t].type)->prot_pte;
		u32 hw = hw_of(page, 3 + 17 * t, pte, 0);
		u32 want = PA | type_hw[t].hw;

		ck_assert_msg(hw == want,
			      "%s: set_pte_ext(%08x) wrote the hardware PTE "
			      "%08x, expected %08x (differing bits %08x): "
			      "AP0 and the small-page type always, C and B "
			      "and S kept, TEX[0] from bit 4, the Linux-only "
			      "bits 4-9 dropped, APX unless writable and "
			      "dirty, AP1 for user, XN for L_PTE_XN",
			      type_hw[t].name, pte, hw, want, hw ^ want);
	}
	free_page((unsigned long)page);
}
END_TEST

START_TEST(young_and_dirty_emulated)
{
	static const struct {
		u32 pte;
		u32 hw;
		const char *rule;
	} cases[] = {
		{ L_PTE_PRESENT | L_PTE_YOUNG | L_PTE_DIRTY, 0x012,
		  "present, young, dirty and writable: a writable entry" },
		{ L_PTE_PRESENT | L_PTE_YOUNG, 0x212,
		  "writable but clean: APX (read-only), so that the first "
		  "write faults and the handler marks the page dirty" },
		{ L_PTE_PRESENT | L_PTE_YOUNG | L_PTE_DIRTY | L_PTE_RDONLY,
		  0x212, "read-only: APX" },
		{ L_PTE_PRESENT | L_PTE_DIRTY, 0,
		  "old (not young): no hardware entry, so that the first "
		  "access faults and the handler marks the page young" },
		{ L_PTE_YOUNG | L_PTE_DIRTY, 0,
		  "not present (L_PTE_VALID clear): no hardware entry" },
		{ L_PTE_PRESENT | L_PTE_YOUNG | L_PTE_DIRTY | L_PTE_NONE, 0,
		  "PROT_NONE (L_PTE_NONE): no hardware entry, though present "
		  "and young" },
		{ L_PTE_PRESENT | L_PTE_YOUNG | L_PTE_DIRTY | L_PTE_RDONLY |
			  L_PTE_USER | L_PTE_NONE,
		  0, "PROT_NONE of a user page: no hardware entry" },
	};
	u32 *page = new_pte_page();

	for (unsigned int c = 0; c < ARRAY_SIZE(cases); c++) {
		u32 pte = PA | cases[c].pte;
		u32 want = cases[c].hw ? PA | cases[c].hw : 0;
		u32 hw = hw_of(page, 500 - 31 * c, pte, 0);

		ck_assert_msg(hw == want,
			      "set_pte_ext(%08x) wrote the hardware PTE %08x, "
			      "expected %08x: %s",
			      pte, hw, want, cases[c].rule);
	}
	free_page((unsigned long)page);
}
END_TEST

START_TEST(user_xn_and_ng_bits)
{
	const u32 base = PA | L_PTE_PRESENT | L_PTE_YOUNG | L_PTE_DIRTY;
	u32 *page = new_pte_page();
	u32 hw;

	hw = hw_of(page, 7, base | L_PTE_USER, 0);
	ck_assert_msg(hw == (PA | PTE_EXT_AP1 | PTE_EXT_AP0 | PTE_TYPE_SMALL),
		      "a user page: hardware PTE %08x, expected %08x: "
		      "L_PTE_USER gives AP1 (AP 11: user read/write)",
		      hw, PA | 0x32);
	hw = hw_of(page, 8, base | L_PTE_USER | L_PTE_RDONLY, 0);
	ck_assert_msg(hw == (PA | 0x232),
		      "a read-only user page: hardware PTE %08x, expected "
		      "%08x: APX with AP 11 is read-only for both modes",
		      hw, PA | 0x232);
	hw = hw_of(page, 9, base | L_PTE_XN, 0);
	ck_assert_msg(hw == (PA | PTE_EXT_XN | 0x12),
		      "an L_PTE_XN page: hardware PTE %08x, expected %08x: "
		      "XN is bit 0 of a small-page descriptor",
		      hw, PA | 0x13);
	hw = hw_of(page, 10, base, PTE_EXT_NG);
	ck_assert_msg(hw == (PA | PTE_EXT_NG | 0x12),
		      "set_pte_ext(%08x, PTE_EXT_NG): hardware PTE %08x, "
		      "expected %08x: @ext is OR'ed in as it is (nG, bit 11, "
		      "for a process's pages: chapter 19)",
		      base, hw, PA | 0x812);
	hw = hw_of(page, 11, base | L_PTE_SHARED | L_PTE_MT_WRITEALLOC, 0);
	ck_assert_msg(hw == (PA | PTE_EXT_SHARED | PTE_EXT_TEX(1) | 0x1e),
		      "a shared write-alloc page (L_PTE_MT_WRITEALLOC 0111): "
		      "hardware PTE %08x, expected %08x: S (bit 10) kept, "
		      "C and B kept, TEX[0] from bit 4",
		      hw, PA | 0x45e);
	free_page((unsigned long)page);
}
END_TEST

/* Map one page of @l1 at @va with the Linux PTE @pte (via its table). */
static void set_page(u32 *l1, unsigned long va, u32 pte)
{
	set_pte_ext(pt_linux_pte(l1, va), __pte(pte), 0);
}

static void expect_par(u32 par, u32 want_pa, u32 want_fs, const char *what,
		       const char *rule)
{
	char why[96];

	if (want_fs)
		ck_assert_msg((par & PAR_F) && PAR_FS(par) == want_fs,
			      "%s: expected a fault with FS %#x, got %s: %s",
			      what, want_fs, par_str(par, why, sizeof(why)),
			      rule);
	else
		ck_assert_msg(!(par & PAR_F) && (par & PAGE_MASK) == want_pa,
			      "%s: expected PA %08x, got %s: %s", what, want_pa,
			      par_str(par, why, sizeof(why)), rule);
}

START_TEST(pages_through_the_mmu)
{
	struct pt_switch s = { 0 };
	u32 *l1 = pt_copy_live(&s);
	struct map_desc rw = { 0xe0001000, 0x61000, 2 * PAGE_SIZE,
			       MT_MEMORY_RW };
	struct map_desc ro = { 0xe0003000, 0x61100, PAGE_SIZE, MT_LOW_VECTORS };
	const u32 kern = L_PTE_PRESENT | L_PTE_MT_WRITEBACK | L_PTE_XN;
	u32 par[10];

	ck_assert_ptr_nonnull(l1);
	for (u32 mb = 0xe00; mb < 0xe02; mb++)
		l1[mb] = 0;
	ck_assert_int_eq(create_mapping_late((pgd_t *)l1, &rw, false), 0);
	ck_assert_int_eq(create_mapping_late((pgd_t *)l1, &ro, false), 0);
	/* an old page, a clean one, a user one */
	set_page(l1, 0xe0004000, 0x61200000 | kern | L_PTE_DIRTY);
	set_page(l1, 0xe0005000, 0x61300000 | kern | L_PTE_YOUNG);
	set_page(l1, 0xe0006000,
		 0x61400000 | kern | L_PTE_YOUNG | L_PTE_DIRTY | L_PTE_USER);
	pt_switch_to(&s, domain_val(DOMAIN_KERNEL, DOMAIN_CLIENT));
	par[0] = ats1c(0xe0002abc, false, true);
	par[1] = ats1c(0xe0003abc, false, false);
	par[2] = ats1c(0xe0003abc, false, true);
	par[3] = ats1c(0xe0004000, false, false);
	par[4] = ats1c(0xe0005000, false, false);
	par[5] = ats1c(0xe0005000, false, true);
	par[6] = ats1c(0xe0001000, true, false);
	par[7] = ats1c(0xe0006000, true, true);
	/* the fault handler's side of the emulation: young, then dirty */
	set_page(l1, 0xe0004000, 0x61200000 | kern | L_PTE_DIRTY | L_PTE_YOUNG);
	set_page(l1, 0xe0005000, 0x61300000 | kern | L_PTE_YOUNG | L_PTE_DIRTY);
	local_flush_tlb_kernel_page(0xe0004000);
	local_flush_tlb_kernel_page(0xe0005000);
	par[8] = ats1c(0xe0004000, false, false);
	par[9] = ats1c(0xe0005000, false, true);
	pt_switch_back(&s);

	expect_par(par[0], 0x61001000, 0, "kernel write to MT_MEMORY_RW",
		   "a young, dirty, writable page: AP 01, APX 0");
	expect_par(par[1], 0x61100000, 0, "kernel read of MT_LOW_VECTORS",
		   "read-only pages can be read");
	expect_par(par[2], 0, 0x0f, "kernel write to MT_LOW_VECTORS",
		   "L_PTE_RDONLY gives APX: a page permission fault (0x0f)");
	expect_par(par[3], 0, 0x07, "read of an old page",
		   "not young: no hardware entry, a page translation fault "
		   "(0x07)");
	expect_par(par[4], 0x61300000, 0, "read of a clean page",
		   "clean pages can be read");
	expect_par(par[5], 0, 0x0f, "write to a clean page",
		   "writable but not dirty: APX, the first write faults");
	expect_par(par[6], 0, 0x0f, "user read of a kernel page",
		   "no L_PTE_USER: AP 01, no access from user mode");
	expect_par(par[7], 0x61400000, 0, "user write to a user page",
		   "L_PTE_USER: AP 11");
	expect_par(par[8], 0x61200000, 0, "read after pte_mkyoung",
		   "a young page has its hardware entry");
	expect_par(par[9], 0x61300000, 0, "write after pte_mkdirty",
		   "a dirty page is writable");
}
END_TEST

/*
 * Random Linux PTEs, each hardware bit checked against its rule: the
 * rules of the chapter, not a second copy of the function.
 */
START_TEST(random_ptes_keep_the_rules)
{
	const unsigned int seed = 2424;
	u32 *page = new_pte_page();
	unsigned int valid = 0, clean = 0, none = 0, ng = 0;

	ktest_rng = seed;
	for (int n = 0; n < 20000; n++) {
		u32 pte = (ktest_rand() << 12) | (ktest_rand() & 0xfff);
		unsigned int ext = (ktest_rand() & 1) ? PTE_EXT_NG : 0;
		unsigned int i = ktest_rand() % 512;
		u32 hw, want;

		if (ktest_rand() & 1) /* half of them present and young */
			pte |= L_PTE_PRESENT | L_PTE_YOUNG;
		hw = hw_of(page, i, pte, ext);
		if (!(pte & L_PTE_PRESENT) || !(pte & L_PTE_YOUNG) ||
		    (pte & L_PTE_NONE)) {
			none++;
			ck_assert_msg(hw == 0,
				      "set_pte_ext(%08x): hardware PTE %08x, "
				      "expected 0: an old, absent or "
				      "PROT_NONE page has no hardware entry "
				      "(seed %u, step %d)",
				      pte, hw, seed, n);
			continue;
		}
		valid++;
		want = (pte & (PAGE_MASK | PTE_EXT_SHARED | PTE_CACHEABLE |
			       PTE_BUFFERABLE)) |
		       ext | PTE_EXT_AP0 | PTE_TYPE_SMALL;
		if (pte & (1 << 4))
			want |= PTE_EXT_TEX(1);
		if ((pte & L_PTE_RDONLY) || !(pte & L_PTE_DIRTY)) {
			want |= PTE_EXT_APX;
			clean++;
		}
		if (pte & L_PTE_USER)
			want |= PTE_EXT_AP1;
		if (pte & L_PTE_XN)
			want |= PTE_EXT_XN;
		ng += !!ext;
		ck_assert_msg(hw == want,
			      "set_pte_ext(%08x, ext %#x): hardware PTE %08x, "
			      "expected %08x (differing bits %08x; seed %u, "
			      "step %d)",
			      pte, ext, hw, want, hw ^ want, seed, n);
	}
	printk("random: 20000 PTEs, %u with a hardware entry (%u read-only "
	       "or clean, %u nG), %u without (seed %u)\n",
	       valid, clean, ng, none, seed);
	ck_assert(valid > 5000 && none > 5000 && clean > 2000);
	free_page((unsigned long)page);
}
END_TEST

KTEST_SUITE(ch24) = {
	.chapter = "24",
	.title = "The Linux PTE and the hardware PTE",
	.boot = ktest_boot_paging,
	.tests = KTESTS(set_pte_ext_of_each_type, young_and_dirty_emulated,
			user_xn_and_ng_bits, pages_through_the_mmu,
			random_ptes_keep_the_rules),
};
