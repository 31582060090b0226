// SPDX-License-Identifier: GPL-2.0
/*
 * Chapter 25: the kernel image remapped with section permissions
 * (CONFIG_STRICT_KERNEL_RWX) and the vectors page.
 *
 * The exercises: section_update() and set_section_perms()
 * (arch/arm/mm/init.c), note_prot_wx() (arch/arm/mm/dump.c), and the
 * two vector mappings of devicemaps_init() (arch/arm/mm/mmu.c).  The
 * boot is the whole of it: paging_init(), devicemaps_init(), and at the
 * end free_initmem() and mark_rodata_ro().  The tests read the table
 * back, then write the text and run the data, which must fault on both
 * machines (the host through its MMU model).
 */
#include <stdio.h>
#include <string.h>
#include <linux/gfp.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/seq_file.h>
#include <asm/cp15.h>
#include <asm/fixmap.h>
#include <asm/machine.h>
#include <asm/mach/map.h>
#include <asm/pgtable.h>
#include <asm/proc-fns.h>
#include <asm/ptdump.h>
#include <asm/set_memory.h>
#include <asm/tlbflush.h>
#include <asm/traps.h>
#include <asm-generic/sections.h>
#include "arch/arm/mm/mm.h"
#include "pt_util.h"
#include "ktest.h"

#define SECT_AP_MASK (PMD_SECT_APX | PMD_SECT_AP_WRITE | PMD_SECT_AP_READ)
#define SECT_RO (PMD_SECT_APX | PMD_SECT_AP_WRITE)
#define BX_LR 0xe12fff1eU

/* Where the image window holds a kernel symbol (init.c's image_va()). */
static unsigned long ima(const void *sym)
{
	return __phys_to_virt(virt_to_idmap(sym));
}

static u32 sect(unsigned long va)
{
	return ((u32 *)swapper_pg_dir)[va >> SECTION_SHIFT];
}

static const char *perm_name(u32 e)
{
	bool ro = (e & SECT_AP_MASK) == SECT_RO;
	bool nx = e & PMD_SECT_XN;

	return ro ? (nx ? "read-only NX" : "read-only executable")
		  : (nx ? "read/write NX" : "read/write executable");
}

static void boot_ch25(void)
{
	ktest_boot_rwx();
}

START_TEST(image_in_sections)
{
	ck_assert_msg(IS_ALIGNED(ima(_stext), SECTION_SIZE) &&
			      IS_ALIGNED(ima(__init_begin), SECTION_SIZE) &&
			      IS_ALIGNED(ima(__init_end), SECTION_SIZE),
		      "_stext %#lx, __init_begin %#lx and __init_end %#lx "
		      "must lie on megabyte boundaries of the image window",
		      ima(_stext), ima(__init_begin), ima(__init_end));
	ck_assert_msg(ima(_sdata) == ima(__init_end),
		      "the data starts where the init sections end");
	ck_assert_msg((unsigned long)swapper_pg_dir < ima(_stext) &&
			      ima(__idmap_text_start) < ima(_stext),
		      "swapper_pg_dir and the head code lie before _stext");
	ck_assert_msg(ima(__start_rodata) >= ima(_etext) &&
			      ima(__start_rodata) < ima(__init_begin),
		      "rodata lies after the text, before __init_begin");
}
END_TEST

/*
 * What each megabyte from PAGE_OFFSET to the end of lowmem must be once
 * boot is over: map_lowmem()'s section with 5.10's permissions.
 */
static u32 expected_sect(unsigned long va)
{
	u32 rwx = get_mem_type(MT_MEMORY_RWX)->prot_sect;
	u32 rw = get_mem_type(MT_MEMORY_RW)->prot_sect;
	u32 pa = (u32)__virt_to_phys(va);
	unsigned long rodata_nx = ALIGN(ima(__start_rodata), SECTION_SIZE);

	if (va < ima(_stext))
		return pa | rwx | PMD_SECT_XN; /* pre-text NX */
	if (va < ima(__init_begin))
		return (pa | ((rwx & ~(PMD_SECT_APX | PMD_SECT_AP_WRITE)) |
			      SECT_RO)) |
		       (va >= rodata_nx ? PMD_SECT_XN : 0);
	if (va < ima(_sdata))
		return pa | rwx | PMD_SECT_XN; /* init NX */
	return pa | rw;
}

START_TEST(final_permissions_of_the_image)
{
	unsigned long end = (unsigned long)high_memory;

	for (unsigned long va = PAGE_OFFSET; va < end; va += SECTION_SIZE) {
		u32 got = sect(va), want = expected_sect(va);

		ck_assert_msg(got == want,
			      "swapper_pg_dir's entry for %#lx is %08x (%s), "
			      "expected %08x (%s): _stext %#lx, __init_begin "
			      "%#lx, _sdata %#lx; rule: before _stext read/"
			      "write NX, the text read-only and executable, "
			      "init and data read/write NX, each entry in its "
			      "own half of the pgd pair",
			      va, got, perm_name(got), want, perm_name(want),
			      ima(_stext), ima(__init_begin), ima(_sdata));
	}
	/* the host's init sections are the host program's: none is freed */
	ck_assert_msg(!machine_image_in_ram() ||
			      printk_log_contains("Freeing unused kernel "
						  "memory: 1024K\n"),
		      "free_initmem() frees the init sections' megabyte");
	ck_assert_msg(printk_log_contains("Checked W+X mappings: passed, no "
					  "W+X pages found\n"),
		      "mark_rodata_ro() ends with the W+X check, which "
		      "passes on the booted kernel");
}
END_TEST

/* Write @va's word back to itself; true if that oopsed. */
static bool write_oopses(unsigned long va)
{
	volatile u32 *p = (volatile u32 *)va;
	u32 v = *p;

	return KTEST_EXPECT_OOPS(*p = v);
}

START_TEST(writing_text_faults)
{
	unsigned long va = ima(_stext) + 0x40;
	volatile u32 *text = (volatile u32 *)va;
	char want[96];

	ck_assert_msg(!KTEST_EXPECT_OOPS((void)*text),
		      "the kernel's text at %#lx must stay readable (APX, "
		      "AP 01: privileged read-only)",
		      va);
	ck_assert_msg(write_oopses(va),
		      "a write to the kernel's text at %#lx did not fault: "
		      "mark_rodata_ro() makes [_stext, __init_begin) "
		      "read-only (APX, AP 01), and the TLB must forget the "
		      "old entry (entry %08x)",
		      va, sect(va));
	snprintf(want, sizeof(want),
		 "Unable to handle kernel paging request at virtual "
		 "address %08lx",
		 va);
	ck_assert_msg(printk_log_contains(want) &&
			      printk_log_contains("Internal error: Oops: 80d"),
		      "the write is a section permission fault (0x80d) at "
		      "%#lx",
		      va);
	set_kernel_text_rw();
	ck_assert_msg(!write_oopses(va),
		      "set_kernel_text_rw() applies ro_perms' clear (AP 01, "
		      "APX 0): the text is writable again (entry %08x)",
		      sect(va));
	set_kernel_text_ro();
	ck_assert_msg(write_oopses(ima(_stext) + SECTION_SIZE - 4) ||
			      ima(__init_begin) == ima(_stext) + SECTION_SIZE,
		      "set_kernel_text_ro() makes the whole text read-only");
	ck_assert_msg(write_oopses(va), "set_kernel_text_ro() puts it back");
}
END_TEST

START_TEST(executing_data_faults)
{
	struct page *page = alloc_page(GFP_KERNEL);
	unsigned long va = (unsigned long)page_address(page);
	unsigned long init = ima(_sinittext);
	char want[96];

	*(u32 *)va = BX_LR; /* if it ran, it would return */
	dsb();
	printk_log_clear();
	ck_assert_msg(KTEST_EXPECT_OOPS(machine_call(va)),
		      "a call into the lowmem page at %#lx returned: lowmem "
		      "outside the kernel's text is MT_MEMORY_RW, XN "
		      "(entry %08x)",
		      va, sect(va));
	snprintf(want, sizeof(want),
		 "Unable to handle kernel paging request at virtual "
		 "address %08lx",
		 va);
	ck_assert_msg(printk_log_contains(want) &&
			      printk_log_contains("Oops: 8000000d"),
		      "the call is a prefetch abort, section permission "
		      "(IFSR 0x0d), at %#lx",
		      va);
	__free_page(page);

	printk_log_clear();
	ck_assert_msg(KTEST_EXPECT_OOPS(machine_call(init)),
		      "a call into the freed init text at %#lx returned", init);
	ck_assert_msg(printk_log_contains("Oops: 8000000d") &&
			      !printk_log_contains("undefined instruction"),
		      "a call into the freed init sections (%#lx, entry "
		      "%08x) must be a prefetch abort, not the poison's "
		      "undefined instruction: free_initmem()'s "
		      "fix_kernmem_perms() makes init NX first",
		      init, sect(init));
}
END_TEST

/* A scratch first-level table, never live: 16 KiB of random entries. */
static u32 *scratch_table(struct page **page)
{
	u32 *t;

	*page = alloc_pages(GFP_KERNEL, 2);
	ck_assert_ptr_nonnull(*page);
	t = page_address(*page);
	for (int i = 0; i < HW_L1_ENTRIES; i++)
		t[i] = (ktest_rand() << 16) ^ ktest_rand();
	return t;
}

START_TEST(section_update_halves)
{
	struct page *tp, *big;
	u32 *t = scratch_table(&tp);
	u32 copy[8];
	unsigned long va;

	memcpy(copy, &t[0xc10], sizeof(copy));
	section_update(0xc1000000, ~PMD_SECT_XN, PMD_SECT_XN, (pgd_t *)t);
	section_update(0xc1300000, ~SECT_AP_MASK, SECT_RO, (pgd_t *)t);
	for (int i = 0; i < 8; i++) {
		u32 want = copy[i];

		if (i == 0)
			want = (copy[0] & ~PMD_SECT_XN) | PMD_SECT_XN;
		if (i == 3)
			want = (copy[3] & ~SECT_AP_MASK) | SECT_RO;
		ck_assert_msg(t[0xc10 + i] == want,
			      "after section_update() of 0xc1000000 (even "
			      "half) and 0xc1300000 (odd half), the entry "
			      "of %#x is %08x, expected %08x: each address "
			      "changes its own half of the pgd pair, "
			      "(entry & mask) | prot",
			      (0xc10 + i) << 20, t[0xc10 + i], want);
	}
	__free_pages(tp, 2);

	/* a live megabyte of ours: an order-8 block is 1 MiB-aligned */
	big = alloc_pages(GFP_KERNEL, 8);
	ck_assert_ptr_nonnull(big);
	va = (unsigned long)page_address(big);
	ck_assert(!write_oopses(va + 0x100)); /* the TLB holds it now */
	ck_assert(!write_oopses(va + 0x80100));
	section_update(va, ~(PMD_SECT_APX | PMD_SECT_AP_WRITE), SECT_RO,
		       swapper_pg_dir);
	ck_assert_msg(write_oopses(va + 0x100) && write_oopses(va + 0x80100),
		      "a write to %#lx right after section_update() made "
		      "its section read-only (entry %08x) did not fault: "
		      "the old read/write entry stayed in the TLB; "
		      "section_update() must flush the section's TLB "
		      "entries",
		      va + 0x100, sect(va));
	section_update(va, ~(PMD_SECT_APX | PMD_SECT_AP_WRITE),
		       PMD_SECT_AP_WRITE, swapper_pg_dir);
	ck_assert_msg(!write_oopses(va + 0x100),
		      "made writable again, %#lx must take writes", va);
	__free_pages(big, 8);
}
END_TEST

START_TEST(unaligned_perms_refused)
{
	struct page *tp;
	u32 *t = scratch_table(&tp), copy[HW_L1_ENTRIES];
	struct section_perm perms[] = {
		{ "first", 0xd0000000, 0xd0300000, ~PMD_SECT_XN, PMD_SECT_XN,
		  0 },
		{ "crooked", 0xd1000000, 0xd1280000, 0, 0x12345, 0 },
		{ "last", 0xd2100000, 0xd2200000, ~SECT_AP_MASK, SECT_RO,
		  PMD_SECT_AP_WRITE },
	};

	memcpy(copy, t, sizeof(copy));
	printk_log_clear();
	set_section_perms(perms, 3, true, (pgd_t *)t);
	ck_assert_msg(printk_log_contains("BUG: crooked section d1000000-"
					  "d1280000 not aligned to "
					  "100000\n"),
		      "an entry off a section boundary is reported as 5.10 "
		      "does: \"BUG: %%s section %%lx-%%lx not aligned to "
		      "%%lx\"");
	for (unsigned int i = 0; i < HW_L1_ENTRIES; i++) {
		unsigned long va = (unsigned long)i << SECTION_SHIFT;
		u32 want = copy[i];

		if (va >= 0xd0000000 && va < 0xd0300000)
			want = (copy[i] & ~PMD_SECT_XN) | PMD_SECT_XN;
		if (va == 0xd2100000)
			want = (copy[i] & ~SECT_AP_MASK) | SECT_RO;
		ck_assert_msg(t[i] == want,
			      "after set_section_perms(set) the entry of "
			      "%#lx is %08x, expected %08x: the unaligned "
			      "entry changes nothing, the entries before "
			      "and after it apply, each to [start, end)",
			      va, t[i], want);
	}
	set_section_perms(&perms[2], 1, false, (pgd_t *)t);
	ck_assert_msg(
		t[0xd21] == ((copy[0xd21] & ~SECT_AP_MASK) | PMD_SECT_AP_WRITE),
		"set_section_perms(set = false) applies the entry's "
		"clear: %08x",
		t[0xd21]);
	__free_pages(tp, 2);
}
END_TEST

START_TEST(random_perms_against_a_model)
{
	enum { ROUNDS = 40 };
	const unsigned int seed = 2525;
	struct page *tp;
	u32 *t, model[HW_L1_ENTRIES];

	ktest_rng = seed;
	t = scratch_table(&tp);
	memcpy(model, t, sizeof(model));
	for (int r = 0; r < ROUNDS; r++) {
		struct section_perm p[4];
		int n = 1 + ktest_rand() % 4;
		bool set = ktest_rand() & 1;

		for (int k = 0; k < n; k++) {
			unsigned long s = (ktest_rand() % 4000) << 20;
			unsigned long len = (ktest_rand() % 6) << 20;

			p[k] = (struct section_perm){
				.name = "random",
				.start = s,
				.end = s + len,
				.mask = (ktest_rand() << 16) ^ ktest_rand(),
				.prot = ktest_rand() & 0x8c1f,
				.clear = ktest_rand() & 0x8c1f,
			};
			if (!(ktest_rand() % 8))
				p[k].end += PAGE_SIZE; /* refused */
		}
		set_section_perms(p, n, set, (pgd_t *)t);
		for (int k = 0; k < n; k++) {
			if (!IS_ALIGNED(p[k].end, SECTION_SIZE))
				continue;
			for (unsigned long a = p[k].start; a < p[k].end;
			     a += SECTION_SIZE)
				model[a >> 20] = (model[a >> 20] & p[k].mask) |
						 (set ? p[k].prot : p[k].clear);
		}
		for (int i = 0; i < HW_L1_ENTRIES; i++)
			ck_assert_msg(t[i] == model[i],
				      "round %d: the entry of %#x is %08x, "
				      "the model says %08x (seed %u)",
				      r, i << 20, t[i], model[i], seed);
	}
	printk("random: %d tables of section permissions (seed %u)\n", ROUNDS,
	       seed);
	__free_pages(tp, 2);
}
END_TEST

#define WX_VA (VMALLOC_END - 0x400000UL) /* above vmalloc's allocations */
#define TOP_PAGE 0xfffff000UL /* the last page: its run ends at 0 */

START_TEST(wx_check)
{
	static char dump[16384];
	struct page *pages = alloc_pages(GFP_KERNEL, 2);
	struct page *top = alloc_page(GFP_KERNEL);
	struct map_desc m = md(WX_VA, page_to_pfn(pages) << PAGE_SHIFT,
			       3 * PAGE_SIZE, MT_MEMORY_RWX);
	struct map_desc last = md(TOP_PAGE, page_to_pfn(top) << PAGE_SHIFT,
				  PAGE_SIZE, MT_MEMORY_RWX);
	struct seq_file sf;
	char want[96];

	ck_assert_ptr_nonnull(pages);
	ck_assert_ptr_nonnull(top);
	printk_log_clear();
	ptdump_check_wx();
	ck_assert_msg(printk_log_contains("Checked W+X mappings: passed, no "
					  "W+X pages found\n"),
		      "the booted kernel has no W+X page");
	ck_assert(create_mapping_late(swapper_pg_dir, &m, false) == 0);
	ck_assert(create_mapping_late(swapper_pg_dir, &last, false) == 0);
	/* the dump walks the same way without check_wx: no warning */
	seq_init(&sf, dump, sizeof(dump));
	printk_log_clear();
	kernel_page_tables_show(&sf);
	ck_assert_msg(!printk_log_contains("W+X"),
		      "dumping kernel_page_tables checked W+X: "
		      "note_prot_wx() checks only when st->check_wx");
	printk_log_clear();
	ptdump_check_wx();
	ck_assert_msg(printk_log_contains("Checked W+X mappings: FAILED, 4 "
					  "W+X pages found\n"),
		      "three MT_MEMORY_RWX pages at %#lx and one at %#lx, "
		      "the last of the 4 GiB, are W+X: a run neither "
		      "read-only (ro_bit) nor NX (nx_bit) counts its pages, "
		      "the difference taken in 32 bits (the last run ends "
		      "at 0)",
		      WX_VA, TOP_PAGE);
	scnprintf(want, sizeof(want),
		  "arm/mm: Found insecure W+X mapping at address %pS\n",
		  (void *)WX_VA);
	ck_assert_msg(printk_log_contains(want),
		      "the first W+X run is named by its first address, "
		      "once: expected \"%s\"",
		      want);
	set_kernel_text_rw();
	printk_log_clear();
	ptdump_check_wx();
	snprintf(want, sizeof(want),
		 "Checked W+X mappings: FAILED, %lu W+X pages found\n",
		 4 + (ima(__init_begin) - ima(_stext)) / PAGE_SIZE);
	ck_assert_msg(printk_log_contains(want),
		      "the text made writable adds its pages: expected "
		      "\"%s\"",
		      want);
	ck_assert_msg(!printk_log_contains("Found insecure"),
		      "the warning names a W+X mapping once per boot "
		      "(WARN_ONCE)");
	set_kernel_text_ro();
	for (int i = 0; i < 3; i++)
		pte_clear(NULL, WX_VA + i * PAGE_SIZE,
			  virt_to_kpte(WX_VA + i * PAGE_SIZE));
	pte_clear(NULL, TOP_PAGE, virt_to_kpte(TOP_PAGE));
	flush_tlb_kernel_range(WX_VA, WX_VA + 3 * PAGE_SIZE);
	flush_tlb_kernel_page(TOP_PAGE); /* a range would wrap to 0 */
	__free_pages(pages, 2);
	__free_page(top);
}
END_TEST

static bool vm_planted;

/* Before devicemaps_init(): leave garbage where it must clear. */
static void plant_above_vmalloc(void)
{
	((u32 *)swapper_pg_dir)[VMALLOC_START >> SECTION_SHIFT] = 0x60000c02;
	((u32 *)swapper_pg_dir)[((FIXADDR_TOP & PMD_MASK) >> SECTION_SHIFT) -
				1] = 0x60000c02;
	vm_planted = true;
}

START_TEST(the_vectors_page)
{
	const unsigned long hi = 0xffff0000, stubs = 0xffff1000;
	static const char hv[] = "MT_HIGH_VECTORS: user and kernel read-only";
	static const char lv[] = "MT_LOW_VECTORS: kernel read-only";
	const struct {
		unsigned long va;
		bool user, write, allowed;
		const char *why;
	} access[] = {
		{ hi, true, false, true, hv },
		{ hi, false, true, false, hv },
		{ stubs, false, false, true, lv },
		{ stubs, true, false, false, lv },
		{ stubs, false, true, false, lv },
	};
	u32 *l1 = (u32 *)swapper_pg_dir;
	size_t n = (size_t)(__vectors_end - __vectors_start);
	phys_addr_t pa;
	char buf[80];
	pte_t *pte;
	u32 par;

	ck_assert_msg((l1[hi >> SECTION_SHIFT] & 3) == PMD_TYPE_TABLE,
		      "0xffff0000's pgd entry must point to a PTE page: %08x",
		      l1[hi >> SECTION_SHIFT]);
	pte = pt_linux_pte(l1, hi);
	pa = (phys_addr_t)pte_pfn(*pte) << PAGE_SHIFT;

	ck_assert_msg(pte_present(*pte) && vectors_page &&
			      pa == __pa(vectors_page),
		      "0xffff0000 maps the vectors page (Linux PTE %08x, "
		      "vectors_page %p)",
		      (u32)pte_val(*pte), vectors_page);
	ck_assert_msg(memblock_is_reserved(pa) &&
			      PageReserved(pfn_to_page(pa >> PAGE_SHIFT)),
		      "the vectors page comes from memblock (reserved)");
	ck_assert_msg(memcmp((void *)hi, __vectors_start, n) == 0 &&
			      *(u32 *)(hi + n) == 0xe7fddef1 &&
			      *(u32 *)(hi + PAGE_SIZE - 4) == 0xe7fddef1,
		      "0xffff0000 reads the vector table, then the poison");
	ck_assert_msg((pte_val(*pt_linux_pte(l1, stubs)) >> PAGE_SHIFT) ==
			      (pa >> PAGE_SHIFT) + 1,
		      "0xffff1000 maps the page after the vectors page");
	ck_assert_msg(*(u32 *)stubs == 0xe7fddef1, "the stubs page reads");
	for (size_t i = 0; i < ARRAY_SIZE(access); i++) {
		par = ats1c(access[i].va, access[i].user, access[i].write);
		ck_assert_msg(!(par & PAR_F) == access[i].allowed,
			      "%s %s of %#lx must %s: %s (%s)",
			      access[i].user ? "user" : "kernel",
			      access[i].write ? "write" : "read", access[i].va,
			      access[i].allowed ? "work" : "fault",
			      par_str(par, buf, sizeof(buf)), access[i].why);
	}

	/* the clearing: boot again with garbage planted before it */
	vm_planted = false;
	ktest_after_paging_init = plant_above_vmalloc;
	ktest_reboot("vexpress-256m", ktest_boot_rwx);
	ktest_after_paging_init = NULL;
	ck_assert(vm_planted);
	ck_assert_msg(l1[VMALLOC_START >> SECTION_SHIFT] == 0 ||
			      (l1[VMALLOC_START >> SECTION_SHIFT] & 3) == 1,
		      "devicemaps_init() clears VMALLOC_START's pmd: %08x",
		      l1[VMALLOC_START >> SECTION_SHIFT]);
	ck_assert_msg(l1[((FIXADDR_TOP & PMD_MASK) >> SECTION_SHIFT) - 1] == 0,
		      "devicemaps_init() clears up to the fixmap's pmd: the "
		      "megabyte below it holds %08x",
		      l1[((FIXADDR_TOP & PMD_MASK) >> SECTION_SHIFT) - 1]);
}
END_TEST

KTEST_SUITE(ch25) = {
	.chapter = "25",
	.title = "The image remapped and the vectors page",
	.boot = boot_ch25,
	.tests = KTESTS(image_in_sections, final_permissions_of_the_image,
			writing_text_faults, executing_data_faults,
			section_update_halves, unaligned_perms_refused,
			random_perms_against_a_model, wx_check,
			the_vectors_page),
};
