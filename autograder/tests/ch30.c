// SPDX-License-Identifier: GPL-2.0
/*
 * Chapter 30: the fixmap and early_ioremap().
 *
 * The exercises: early_fixmap_init(), __set_fixmap() and
 * early_fixmap_shutdown() (arch/arm/mm/mmu.c), __early_ioremap() and
 * early_iounmap() (mm/early_ioremap.c).  Most of what they do happens
 * before paging_init(), so the tests run their code inside the boot:
 * at parse_early_param()'s place in setup_arch(), before
 * build_mem_type_table() has set pgprot_kernel (ktest_early_param), and
 * at efi_init()'s, after it (ktest_setup_arch).  The device is the
 * board's PL011 UART, real on the board and a model on the host, read
 * through each mapping; the RAM is the first megabytes of the image's
 * window, which head.S maps at PAGE_OFFSET, read both ways.
 */
#include <stdio.h>
#include <string.h>
#include <libfdt.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <asm/fixmap.h>
#include <asm/io.h>
#include <asm/mach/map.h>
#include <asm/pgalloc.h>
#include <asm/pgtable.h>
#include <asm/setup.h>
#include <asm/tlbflush.h>
#include "arch/arm/mm/mm.h"
#include <asm-generic/early_ioremap.h>
#include "pt_util.h"
#include "ktest.h"

#define BOARD "vexpress-256m"
#define PL011_PID 0x00141011U
#define PL011_CID 0xb105f00dU
#define UARTDR 0x00
#define UARTFR 0x18
#define UARTFR_TXFE 0x80
/* RAM of the image's window that nothing uses: head.S maps it linearly */
#define SPARE_RAM (PHYS_OFFSET + 0x1000)
#define SPARE_VA (PAGE_OFFSET + 0x1000)

static unsigned long addr(const volatile void *p)
{
	return (unsigned long)(uintptr_t)p;
}

static void *ptr(unsigned long va)
{
	return (void *)(uintptr_t)va;
}

static phys_addr_t uart_phys(void)
{
	const struct iomem_desc *d = find_iomem("arm,pl011");

	ck_assert_msg(d, "the device tree has no arm,pl011");
	return d->base;
}

/*
 * A 4 MiB block of RAM whose every byte is a function of its physical
 * address, written at the start of the test's early code through a
 * kmap_atomic() slot of bm_pte the test maps itself (nothing uses those
 * before paging_init; the linear map covers only the image's window
 * yet, and memblock has handed out nothing there).
 */
#define PATTERN_PHYS (PHYS_OFFSET + 0x4000000)
#define PATTERN_SIZE 0x400000UL
static const phys_addr_t pattern = PATTERN_PHYS;

static u8 pattern_byte(phys_addr_t pa)
{
	return (u8)(pa ^ (pa >> 8) ^ (pa >> 16) ^ 0x5a);
}

static pte_t *early_pte(unsigned long va);

static void fill_pattern(void)
{
	unsigned long va = __fix_to_virt(FIX_KMAP_BEGIN);
	u8 *p = ptr(va);

	for (phys_addr_t pa = pattern; pa < pattern + PATTERN_SIZE;
	     pa += PAGE_SIZE) {
		set_pte_ext(early_pte(va),
			    pfn_pte(pa >> PAGE_SHIFT, pgprot_kernel | L_PTE_XN),
			    0);
		flush_tlb_kernel_page(va);
		for (unsigned long i = 0; i < PAGE_SIZE; i++)
			p[i] = pattern_byte(pa + i);
	}
	pte_clear(NULL, va, early_pte(va));
	flush_tlb_kernel_page(va);
}

/* The PL011's PrimeCell IDs read at @regs: "pid cid" as two words. */
static void uart_ids(const volatile void *regs, u32 *pid, u32 *cid)
{
	*pid = *cid = 0;
	for (int i = 0; i < 4; i++) {
		*pid |= (readl(regs + 0xfe0 + 4 * i) & 0xff) << (8 * i);
		*cid |= (readl(regs + 0xff0 + 4 * i) & 0xff) << (8 * i);
	}
}

static bool is_uart(const volatile void *regs)
{
	u32 pid, cid;

	uart_ids(regs, &pid, &cid);
	return pid == PL011_PID && cid == PL011_CID;
}

static void uart_puts(volatile void *regs, const char *s)
{
	for (; *s; s++) {
		while (!(readl(regs + UARTFR) & UARTFR_TXFE))
			;
		writel((u32)*s, regs + UARTDR);
	}
}

/*
 * Does reading @p fault?  Where it is aligned, with readl(): a device
 * answers only that (the host's models see no plain load), RAM both.
 */
static bool faults_to_read(const void *p)
{
	if (!((uintptr_t)p & 3))
		return KTEST_EXPECT_OOPS((void)readl(p));
	return KTEST_EXPECT_OOPS((void)*(const volatile u8 *)p);
}

static pte_t *early_pte(unsigned long va)
{
	return &((pte_t *)__va(BM_PTE_PHYS))[pte_index(va)];
}

/* Is FIXADDR_TOP's pair of L1 entries bm_pte's two hardware tables? */
static bool hooked_to_bm_pte(void)
{
	u32 *l1 = (u32 *)swapper_pg_dir;
	u32 want = (BM_PTE_PHYS + PTE_HWTABLE_OFF) | _PAGE_KERNEL_TABLE;
	unsigned long i = (FIXADDR_TOP >> SECTION_SHIFT) & ~1UL;

	return l1[i] == want && l1[i + 1] == want + 256 * sizeof(pte_t);
}

static void require_hooked(const char *who)
{
	ck_assert_msg(
		hooked_to_bm_pte(),
		"%s needs the early fixmap: early_fixmap_init() has not "
		"pointed FIXADDR_TOP's PMD (L1 entries %08x %08x) at "
		"bm_pte's hardware tables (physical %08lx)",
		who,
		((u32 *)swapper_pg_dir)[(FIXADDR_TOP >> SECTION_SHIFT) & ~1UL],
		((u32 *)swapper_pg_dir)[(FIXADDR_TOP >> SECTION_SHIFT) | 1],
		(unsigned long)(BM_PTE_PHYS + PTE_HWTABLE_OFF));
}

/* Where early_ioremap()'s slot @i starts (its first page). */
static unsigned long slot_va(int i)
{
	return __fix_to_virt(FIX_BTMAP_BEGIN - NR_FIX_BTMAPS * i);
}

static unsigned int warnings(void)
{
	return bug_counts.warnings;
}

static void boot_with(void (*early_param)(void), void (*setup_arch)(void))
{
	ktest_early_param = early_param;
	ktest_setup_arch = setup_arch;
	ktest_reboot(BOARD, ktest_boot_fixmap);
	ktest_early_param = ktest_setup_arch = NULL;
}

/* ---- early_fixmap_init ---- */

static void look_at_early_fixmap(void)
{
	u32 *l1 = (u32 *)swapper_pg_dir;
	unsigned long va = __fix_to_virt(FIX_EARLYCON_MEM_BASE);
	pte_t *pte = early_pte(va);
	phys_addr_t uart = uart_phys();
	int changed = 0, first = -1;

	ck_assert_msg(hooked_to_bm_pte(),
		      "early_fixmap_init: FIXADDR_TOP (0x%08lx) lies in the "
		      "PMD of L1 entries %lu and %lu; they must point at "
		      "bm_pte's two hardware tables, %08lx and %08lx with "
		      "_PAGE_KERNEL_TABLE (pmd_populate_kernel), not %08x %08x",
		      FIXADDR_TOP, (FIXADDR_TOP >> SECTION_SHIFT) & ~1UL,
		      (FIXADDR_TOP >> SECTION_SHIFT) | 1,
		      (unsigned long)(BM_PTE_PHYS + PTE_HWTABLE_OFF) |
			      _PAGE_KERNEL_TABLE,
		      (unsigned long)(BM_PTE_PHYS + PTE_HWTABLE_OFF + 1024) |
			      _PAGE_KERNEL_TABLE,
		      l1[(FIXADDR_TOP >> SECTION_SHIFT) & ~1UL],
		      l1[(FIXADDR_TOP >> SECTION_SHIFT) | 1]);
	for (int i = 0; i < HW_L1_ENTRIES; i++)
		if (l1[i] != ktest_head_pgd[i] &&
		    (i >> 1) != (int)(FIXADDR_TOP >> PMD_SHIFT)) {
			changed++;
			if (first < 0)
				first = i;
		}
	ck_assert_msg(!changed,
		      "early_fixmap_init changes FIXADDR_TOP's two L1 entries "
		      "and nothing else; %d others changed, the first entry "
		      "%d (0x%08lx): %08x, was %08x",
		      changed, first, (unsigned long)first << SECTION_SHIFT,
		      first < 0 ? 0 : l1[first],
		      first < 0 ? 0 : ktest_head_pgd[first]);

	/* the hardware walks through bm_pte: a PTE written there maps */
	set_pte_ext(pte, pfn_pte(uart >> PAGE_SHIFT, FIXMAP_PAGE_IO), 0);
	flush_tlb_kernel_page(va);
	ck_assert_msg(is_uart(ptr(va)),
		      "a device PTE written in bm_pte for 0x%08lx does not "
		      "reach the UART: the MMU does not walk bm_pte",
		      va);
	pte_clear(NULL, va, pte);
	flush_tlb_kernel_page(va);
	ck_assert_msg(faults_to_read(ptr(va)),
		      "0x%08lx is still readable after its PTE in bm_pte was "
		      "cleared",
		      va);
}

START_TEST(early_fixmap_init_hooks_bm_pte)
{
	boot_with(look_at_early_fixmap, NULL);
}
END_TEST

/* ---- __set_fixmap ---- */

static void set_fixmap_before_pgprot_kernel(void)
{
	unsigned long va = __fix_to_virt(FIX_EARLYCON_MEM_BASE);
	unsigned long ram = __fix_to_virt(FIX_BTMAP_BEGIN);
	phys_addr_t uart = uart_phys();
	unsigned int w;

	require_hooked("__set_fixmap");
	ck_assert_msg(pgprot_val(pgprot_kernel) == 0,
		      "pgprot_kernel is set before early_mm_init()");

	/* earlycon's way: a device slot, mapped before pgprot_kernel */
	set_fixmap_io(FIX_EARLYCON_MEM_BASE, uart);
	ck_assert_msg(
		pte_val(*early_pte(va)) ==
			pte_val(pfn_pte(uart >> PAGE_SHIFT, FIXMAP_PAGE_IO)),
		"set_fixmap_io(FIX_EARLYCON_MEM_BASE, 0x%08llx) must "
		"write pfn_pte(pfn, FIXMAP_PAGE_IO) = %08x in bm_pte "
		"(the slot's PTE, %p); it holds %08x",
		(unsigned long long)uart,
		(u32)pte_val(pfn_pte(uart >> PAGE_SHIFT, FIXMAP_PAGE_IO)),
		(void *)early_pte(va), (u32)pte_val(*early_pte(va)));
	ck_assert_msg(is_uart(ptr(va)),
		      "the UART's registers are not at FIX_EARLYCON_MEM_BASE "
		      "(0x%08lx) after set_fixmap_io(): the hardware PTE "
		      "(set_pte_at) is missing",
		      va);
	uart_puts(ptr(va), "fixmap: earlycon's page, before paging_init\n");

	/* RAM needs pgprot_kernel: refused, with a WARN */
	w = warnings();
	printk_log_clear();
	set_fixmap(FIX_BTMAP_BEGIN, KTEST_FDT_PHYS);
	ck_assert_msg(warnings() == w + 1 && printk_log_contains("mmu.c"),
		      "__set_fixmap with FIXMAP_PAGE_NORMAL before "
		      "build_mem_type_table() has set pgprot_kernel must "
		      "WARN_ON (only device mappings are right before it)");
	ck_assert_msg(pte_none(*early_pte(ram)),
		      "... and map nothing: the slot's PTE is %08x",
		      (u32)pte_val(*early_pte(ram)));

	/* clearing is not mapping: no WARN, and the TLB forgets it */
	w = warnings();
	clear_fixmap(FIX_EARLYCON_MEM_BASE);
	ck_assert_msg(warnings() == w,
		      "clear_fixmap() before pgprot_kernel is set must not "
		      "WARN: a prot of 0 clears");
	ck_assert_msg(pte_none(*early_pte(va)),
		      "clear_fixmap(FIX_EARLYCON_MEM_BASE) leaves %08x in its "
		      "PTE",
		      (u32)pte_val(*early_pte(va)));
	ck_assert_msg(faults_to_read(ptr(va)),
		      "after clear_fixmap() 0x%08lx still reads: __set_fixmap "
		      "must flush the slot's old translation from the TLB "
		      "(local_flush_tlb_kernel_range)",
		      va);
}

static void set_fixmap_after_pgprot_kernel(void)
{
	unsigned long va = __fix_to_virt(FIX_BTMAP_BEGIN);
	u8 *lin = ptr(SPARE_VA);
	u32 want = pte_val(pfn_pte(KTEST_FDT_PHYS >> PAGE_SHIFT,
				   pgprot_kernel | L_PTE_XN));

	set_fixmap(FIX_BTMAP_BEGIN, KTEST_FDT_PHYS);
	ck_assert_msg(pte_val(*early_pte(va)) == want,
		      "set_fixmap() of RAM once pgprot_kernel is set: PTE "
		      "%08x, expected %08x (FIXMAP_PAGE_NORMAL)",
		      (u32)pte_val(*early_pte(va)), want);
	ck_assert_msg((u32)fdt_magic(ptr(va)) == FDT_MAGIC,
		      "the device tree's header is not at 0x%08lx after "
		      "set_fixmap(FIX_BTMAP_BEGIN, 0x%08lx): magic %08x",
		      va, (unsigned long)KTEST_FDT_PHYS,
		      (u32)fdt_magic(ptr(va)));
	/* the same slot, another page, without clearing first */
	for (int i = 0; i < 64; i++)
		lin[i] = (u8)(0x30 + i);
	set_fixmap(FIX_BTMAP_BEGIN, SPARE_RAM);
	ck_assert_msg(*(const volatile u32 *)ptr(va) ==
				      *(const volatile u32 *)lin &&
			      !memcmp(ptr(va), lin, 64),
		      "set_fixmap() of a slot that was mapped elsewhere reads "
		      "the old page: the new translation must replace the "
		      "old one in the TLB too");
	clear_fixmap(FIX_BTMAP_BEGIN);
	ck_assert_msg(
		KTEST_EXPECT_OOPS(__set_fixmap(__end_of_fixed_addresses,
					       SPARE_RAM, FIXMAP_PAGE_NORMAL)),
		"__set_fixmap(__end_of_fixed_addresses) must BUG: there "
		"is no such slot");
}

START_TEST(set_fixmap_maps_and_clears)
{
	boot_with(set_fixmap_before_pgprot_kernel,
		  set_fixmap_after_pgprot_kernel);
}
END_TEST

/* ---- early_fixmap_shutdown ---- */

static void earlycon_map(void)
{
	set_fixmap_io(FIX_EARLYCON_MEM_BASE, uart_phys());
}

static void earlycon_on_ram(void)
{
	set_fixmap(FIX_EARLYCON_MEM_BASE, SPARE_RAM);
}

START_TEST(early_fixmap_shutdown_keeps_devices)
{
	unsigned long va = __fix_to_virt(FIX_EARLYCON_MEM_BASE);
	unsigned long poke = __fix_to_virt(FIX_TEXT_POKE0);
	phys_addr_t uart = uart_phys();
	u32 *l1 = (u32 *)swapper_pg_dir;
	u32 dev = get_mem_type(MT_DEVICE)->prot_pte;
	struct page *page;
	u32 *data;

	boot_with(earlycon_map, NULL);
	page = alloc_page(GFP_KERNEL);
	ck_assert_msg(!hooked_to_bm_pte(),
		      "after paging_init the fixmap's PMD still points at "
		      "bm_pte (L1 %08x): early_fixmap_shutdown() must clear "
		      "it (pmd_clear): bm_pte is __initdata, freed with the "
		      "init sections",
		      l1[FIXADDR_TOP >> SECTION_SHIFT]);
	ck_assert_msg(kpte(va) == pte_val(pfn_pte(uart >> PAGE_SHIFT, dev)),
		      "earlycon's slot 0x%08lx must survive paging_init, made "
		      "again in the kernel's table with create_mapping() and "
		      "MT_DEVICE: PTE %08x, expected %08x",
		      va, kpte(va),
		      (u32)pte_val(pfn_pte(uart >> PAGE_SHIFT, dev)));
	ck_assert_msg(is_uart(ptr(va)),
		      "the UART is not at FIX_EARLYCON_MEM_BASE after boot");
	uart_puts(ptr(va), "fixmap: earlycon's page, after paging_init\n");
	ck_assert_msg(kpte(VECTORS_BASE) && pte_none(*early_pte(VECTORS_BASE)),
		      "the vectors page must be mapped in the kernel's new "
		      "PTE page of the top PMD, not in bm_pte (bm_pte's PTE "
		      "%08x)",
		      (u32)pte_val(*early_pte(VECTORS_BASE)));

	/* after the shutdown, __set_fixmap writes the kernel's table */
	ck_assert_ptr_nonnull(page);
	data = page_address(page);
	data[0] = 0x30303030;
	set_fixmap(FIX_TEXT_POKE0, PFN_PHYS(page_to_pfn(page)));
	ck_assert_msg(
		kpte(poke) == pte_val(pfn_pte(page_to_pfn(page),
					      pgprot_kernel | L_PTE_XN)) &&
			pte_none(*early_pte(poke)),
		"set_fixmap() after paging_init must write the kernel's "
		"table (PTE %08x), not bm_pte (%08x): "
		"early_fixmap_shutdown() switches pte_offset_fixmap",
		kpte(poke), (u32)pte_val(*early_pte(poke)));
	ck_assert_msg(*(volatile u32 *)ptr(poke) == 0x30303030,
		      "FIX_TEXT_POKE0 does not read the page mapped there");
	clear_fixmap(FIX_TEXT_POKE0);
	ck_assert_msg(faults_to_read(ptr(poke)),
		      "FIX_TEXT_POKE0 still reads after clear_fixmap()");
	__free_page(page);

	/* only device slots are made again; a clean boot has none */
	boot_with(NULL, earlycon_on_ram);
	ck_assert_msg(!kpte(va),
		      "a permanent slot that mapped RAM (%08x) is not made "
		      "again after paging_init: only device mappings "
		      "(L_PTE_MT_DEV_SHARED) are supported",
		      kpte(va));
	ck_assert_msg(faults_to_read(ptr(va)),
		      "0x%08lx reads after the boot though no device slot "
		      "was mapped",
		      va);
}
END_TEST

/* ---- __early_ioremap ---- */

static void take_every_slot(void)
{
	phys_addr_t uart = uart_phys();
	void __iomem *io;
	u8 *mem, *big;
	u32 *size;
	void *refused[4];
	unsigned int w;

	require_hooked("early_ioremap");
	fill_pattern();
	io = early_ioremap(uart, 0x1000);
	ck_assert_msg(addr(io) == slot_va(0),
		      "the first early_ioremap() takes slot 0: 0x%08lx "
		      "(fix_to_virt(FIX_BTMAP_BEGIN)), not %p",
		      slot_va(0), (void *)io);
	ck_assert_msg(
		pte_val(*early_pte(slot_va(0))) ==
			pte_val(pfn_pte(uart >> PAGE_SHIFT, FIXMAP_PAGE_IO)),
		"early_ioremap() maps with FIXMAP_PAGE_IO: PTE %08x",
		(u32)pte_val(*early_pte(slot_va(0))));
	ck_assert_msg(is_uart(io), "the UART does not answer at %p", io);
	uart_puts(io, "early_ioremap: the UART before paging_init\n");

	size = early_memremap(KTEST_FDT_PHYS + 4, 4);
	ck_assert_msg(addr(size) == slot_va(1) + 4,
		      "early_memremap(0x%08lx, 4) takes slot 1 and keeps the "
		      "offset: 0x%08lx, not %p",
		      (unsigned long)KTEST_FDT_PHYS + 4, slot_va(1) + 4,
		      (void *)size);
	ck_assert_msg(fdt32_to_cpu(*size) == fdt_totalsize(ktest_boot_fdt),
		      "the device tree's totalsize reads %08x through "
		      "early_memremap(), not %08x",
		      (u32)fdt32_to_cpu(*size),
		      (u32)fdt_totalsize(ktest_boot_fdt));

	/* across a page boundary: two pages, rising addresses */
	mem = early_memremap(SPARE_RAM + 0xff0, 0x20);
	ck_assert_msg(addr(mem) == slot_va(2) + 0xff0,
		      "early_memremap(0x%08lx, 0x20) gives 0x%08lx, not %p",
		      (unsigned long)SPARE_RAM + 0xff0, slot_va(2) + 0xff0,
		      (void *)mem);
	ck_assert_msg(pte_val(*early_pte(addr(mem))) ==
			      pte_val(pfn_pte((SPARE_RAM + 0xff0) >> PAGE_SHIFT,
					      FIXMAP_PAGE_NORMAL)),
		      "early_memremap() maps RAM with FIXMAP_PAGE_NORMAL "
		      "(pgprot_kernel | L_PTE_XN): PTE %08x",
		      (u32)pte_val(*early_pte(addr(mem))));
	for (int i = 0; i < 0x20; i++)
		mem[i] = (u8)(0x30 + i);
	for (int i = 0; i < 0x20; i++)
		ck_assert_msg(((u8 *)ptr(PAGE_OFFSET + 0x1ff0))[i] == 0x30 + i,
			      "byte %d written through early_memremap(0x%08lx, "
			      "0x20) is not at its physical address: a "
			      "mapping's pages follow each other in rising "
			      "addresses (falling fixmap indices)",
			      i, (unsigned long)SPARE_RAM + 0xff0);

	/* a whole slot: NR_FIX_BTMAPS pages, each the right one */
	big = early_memremap(pattern, NR_FIX_BTMAPS * PAGE_SIZE);
	ck_assert_msg(addr(big) == slot_va(3),
		      "early_memremap of 32 pages takes slot 3 (0x%08lx), not "
		      "%p",
		      slot_va(3), (void *)big);
	for (unsigned long o = 8; o < NR_FIX_BTMAPS * PAGE_SIZE; o += PAGE_SIZE)
		ck_assert_msg(big[o] == pattern_byte(pattern + o),
			      "page %lu of early_memremap(0x%08lx, 32 pages) "
			      "is not RAM's page %lu",
			      o >> PAGE_SHIFT, (unsigned long)pattern,
			      o >> PAGE_SHIFT);

	/* refused, each with a WARN, and no slot taken */
	w = warnings();
	refused[0] = early_memremap(SPARE_RAM + 1, NR_FIX_BTMAPS * PAGE_SIZE);
	refused[1] = early_memremap(SPARE_RAM, 0);
	refused[2] = early_memremap(0xfffff000, 0x2000);
	refused[3] = early_memremap(SPARE_RAM, (NR_FIX_BTMAPS + 1) * PAGE_SIZE);
	for (int i = 0; i < 4; i++)
		ck_assert_msg(!refused[i],
			      "early_memremap() must refuse %s: got %p",
			      (const char *[]){ "32 pages from an unaligned "
						"address (33 pages)",
						"a size of 0",
						"a range that wraps past 4 GiB",
						"33 pages" }[i],
			      refused[i]);
	ck_assert_msg(warnings() == w + 4, "each refusal WARNs: %u WARNs for 4",
		      warnings() - w);

	/* the rest of the slots, then none */
	for (int i = 4; i < FIX_BTMAPS_SLOTS; i++) {
		void *p = early_memremap(SPARE_RAM, 8);

		ck_assert_msg(addr(p) == slot_va(i),
			      "mapping %d takes slot %d (0x%08lx), not %p", i,
			      i, slot_va(i), p);
	}
	printk_log_clear();
	w = warnings();
	ck_assert_msg(!early_memremap(SPARE_RAM, 8),
		      "an 8th early_memremap() while 7 are mapped must fail");
	ck_assert_msg(warnings() == w + 1 &&
			      printk_log_contains("not found slot"),
		      "... with WARN \"__early_ioremap(...) not found slot\"");
	/* what is left mapped is dropped with bm_pte: the leak check says so */
}

START_TEST(early_ioremap_takes_slots)
{
	boot_with(NULL, take_every_slot);
}
END_TEST

/* ---- early_iounmap ---- */

static void give_back(void)
{
	phys_addr_t uart = uart_phys();
	u8 *mem, *again, *odd;
	void __iomem *io;
	unsigned int w;

	require_hooked("early_iounmap");
	mem = early_memremap(SPARE_RAM + 0xff0, 0x20);
	io = early_ioremap(uart, 0x1000);
	ck_assert_msg(addr(mem) == slot_va(0) + 0xff0 && addr(io) == slot_va(1),
		      "early_memremap/early_ioremap gave %p and %p, not slots "
		      "0 and 1 (this test needs chapter 30's early_ioremap)",
		      (void *)mem, (void *)io);
	(void)*(volatile u8 *)mem, (void)*(volatile u8 *)(mem + 0x1f);

	printk_log_clear();
	w = warnings();
	early_memunmap(mem, 0x10);
	ck_assert_msg(warnings() == w + 1 &&
			      printk_log_contains("size not consistent"),
		      "early_iounmap() with another size than was mapped must "
		      "WARN \"... size not consistent ...\"");
	ck_assert_msg(!faults_to_read(mem + 0x1f),
		      "a refused early_iounmap() must leave the mapping");
	printk_log_clear();
	early_memunmap(mem + 4, 0x1c);
	ck_assert_msg(warnings() == w + 2 &&
			      printk_log_contains("not found slot"),
		      "early_iounmap() of an address no mapping began at must "
		      "WARN \"... not found slot\"");

	early_memunmap(mem, 0x20);
	ck_assert_msg(warnings() == w + 2,
		      "early_memunmap() with the right address and size "
		      "WARNs");
	for (int p = 0; p < 2; p++) {
		unsigned long va = slot_va(0) + p * PAGE_SIZE;

		ck_assert_msg(pte_none(*early_pte(va)) &&
				      faults_to_read(ptr(va)),
			      "page %d of a two-page mapping (0x%08lx) is "
			      "still mapped after early_memunmap(): PTE %08x",
			      p, va, (u32)pte_val(*early_pte(va)));
	}
	ck_assert_msg(is_uart(io), "early_memunmap() of slot 0 unmapped the "
				   "UART of slot 1");

	again = early_memremap(KTEST_FDT_PHYS, 8);
	ck_assert_msg(addr(again) == slot_va(0),
		      "slot 0 is free again: the next mapping takes it "
		      "(0x%08lx), not %p",
		      slot_va(0), (void *)again);
	ck_assert_msg(fdt_magic(again) == FDT_MAGIC,
		      "the device tree's magic reads %08x",
		      (u32)fdt_magic(again));
	early_iounmap(io, 0x1000);
	ck_assert_msg(pte_none(*early_pte(slot_va(1))),
		      "early_iounmap() of the UART leaves its PTE");
	early_memunmap(again, 8);

	/* the offset counts: 0x900 bytes at 0x800 are two pages */
	odd = early_memremap(SPARE_RAM + 0x800, 0x900);
	ck_assert_msg(addr(odd) == slot_va(0) + 0x800,
		      "every slot was given back: the next mapping takes "
		      "slot 0, not %p",
		      (void *)odd);
	(void)*(volatile u8 *)(odd + 0x8ff);
	early_memunmap(odd, 0x900);
	for (int idx = FIX_BTMAP_END; idx <= FIX_BTMAP_BEGIN; idx++)
		ck_assert_msg(pte_none(*early_pte(__fix_to_virt(idx))),
			      "after every mapping was given back, the PTE of "
			      "0x%08lx is %08x: early_memunmap(0x%08lx, 0x900) "
			      "must clear both pages the offset 0x800 spreads "
			      "it over",
			      __fix_to_virt(idx),
			      (u32)pte_val(*early_pte(__fix_to_virt(idx))),
			      slot_va(0) + 0x800);
}

START_TEST(early_iounmap_gives_back)
{
	boot_with(NULL, give_back);
	ck_assert_msg(!printk_log_contains("early ioremap leak"),
		      "every mapping was given back, yet the boot reports a "
		      "leak");
}
END_TEST

/* ---- after paging_init, and leaks ---- */

static void leave_two_mapped(void)
{
	early_ioremap(uart_phys(), 0x1000);
	early_memremap(KTEST_FDT_PHYS, 16);
}

START_TEST(late_use_and_leaks)
{
	phys_addr_t uart = uart_phys();

	ck_assert_msg(KTEST_EXPECT_OOPS(early_ioremap(uart, 0x1000)),
		      "early_ioremap() after paging_init() must BUG: its "
		      "slots are kmap_atomic()'s now (__late_set_fixmap)");
	ck_assert_msg(printk_log_contains("kernel BUG at mm/early_ioremap.c"),
		      "the BUG is early_ioremap.c's");

	printk_log_clear();
	boot_with(NULL, leave_two_mapped);
	ck_assert_msg(
		printk_log_contains("early ioremap leak of 2 areas detected"),
		"a boot that leaves two early mappings must end with "
		"\"Debug warning: early ioremap leak of 2 areas "
		"detected.\" (check_early_ioremap_leak counts the slots "
		"early_ioremap() recorded)");
	ck_assert_msg(faults_to_read(ptr(slot_va(0))) &&
			      faults_to_read(ptr(slot_va(1))),
		      "a leaked early mapping must not survive paging_init: "
		      "it lived in bm_pte");
}
END_TEST

/* ---- copy_from_early_mem and a model ---- */

static void copy_across_chunks(void)
{
	/* 40 pages from an odd address: two chunks of early_memremap() */
	static u8 buf[40 * PAGE_SIZE];
	phys_addr_t src = pattern + 0x123;

	require_hooked("copy_from_early_mem");
	fill_pattern();
	copy_from_early_mem(buf, src, sizeof(buf));
	for (size_t i = 0; i < sizeof(buf); i++)
		ck_assert_msg(buf[i] == pattern_byte(src + i),
			      "copy_from_early_mem(0x%08lx, %zu) byte %zu is "
			      "%02x, RAM holds %02x",
			      (unsigned long)src, sizeof(buf), i, buf[i],
			      pattern_byte(src + i));
}

START_TEST(copy_from_early_mem_in_chunks)
{
	boot_with(NULL, copy_across_chunks);
	ck_assert_msg(!printk_log_contains("early ioremap leak"),
		      "copy_from_early_mem() gives every mapping back");
}
END_TEST

#define SEED 3030
#define OPS 3000

struct model_map {
	u8 *va;
	phys_addr_t phys;
	unsigned long size;
};

static void random_against_model(void)
{
	struct model_map m[FIX_BTMAPS_SLOTS] = { 0 };
	unsigned long mapped = 0, refused = 0, unmapped = 0;

	require_hooked("early_ioremap");
	fill_pattern();
	ktest_rng = SEED;
	for (int op = 0; op < OPS; op++) {
		int s = (int)(ktest_rand() % FIX_BTMAPS_SLOTS);
		int free_slot = -1;

		for (int i = 0; i < FIX_BTMAPS_SLOTS; i++)
			if (!m[i].va) {
				free_slot = i;
				break;
			}
		if (m[s].va && ktest_rand() % 2) {
			/* unmap, sometimes first with a wrong size */
			if (ktest_rand() % 8 == 0) {
				unsigned int w = warnings();

				early_memunmap(m[s].va, m[s].size + 1);
				ck_assert_msg(warnings() == w + 1,
					      "seed %d op %d: early_iounmap "
					      "with a wrong size must WARN",
					      SEED, op);
			}
			early_memunmap(m[s].va, m[s].size);
			for (unsigned long off = 0;
			     off < offset_in_page(m[s].phys) + m[s].size;
			     off += PAGE_SIZE) {
				unsigned long va = slot_va(s) + off;

				ck_assert_msg(pte_none(*early_pte(va)),
					      "seed %d op %d: 0x%08lx still "
					      "mapped after early_memunmap(%p, "
					      "%#lx)",
					      SEED, op, va, (void *)m[s].va,
					      m[s].size);
			}
			m[s].va = NULL;
			unmapped++;
		} else {
			unsigned long pages = 1 + ktest_rand() % NR_FIX_BTMAPS;
			unsigned long size = ktest_rand() % (pages * PAGE_SIZE);
			phys_addr_t phys =
				pattern +
				ktest_rand() % (PATTERN_SIZE - 0x21000);
			unsigned long span =
				PAGE_ALIGN(offset_in_page(phys) + size) >>
				PAGE_SHIFT;
			bool ok =
				free_slot >= 0 && size && span <= NR_FIX_BTMAPS;
			unsigned int w = warnings();
			u8 *p = early_memremap(phys, size);

			if (!ok) {
				ck_assert_msg(!p && warnings() == w + 1,
					      "seed %d op %d: early_memremap("
					      "0x%08lx, %#lx) with %d slots "
					      "free must WARN and fail, got %p",
					      SEED, op, (unsigned long)phys,
					      size, free_slot < 0 ? 0 : 1,
					      (void *)p);
				refused++;
				continue;
			}
			ck_assert_msg(addr(p) == slot_va(free_slot) +
							 offset_in_page(phys),
				      "seed %d op %d: early_memremap(0x%08lx, "
				      "%#lx) gave %p, expected slot %d: "
				      "0x%08lx",
				      SEED, op, (unsigned long)phys, size,
				      (void *)p, free_slot,
				      slot_va(free_slot) +
					      offset_in_page(phys));
			for (int k = 0; k < 4; k++) {
				unsigned long o = ktest_rand() % size;

				ck_assert_msg(p[o] == pattern_byte(phys + o),
					      "seed %d op %d: byte %#lx of "
					      "early_memremap(0x%08lx, %#lx) "
					      "reads %02x, RAM holds %02x",
					      SEED, op, o, (unsigned long)phys,
					      size, p[o],
					      pattern_byte(phys + o));
			}
			m[free_slot] = (struct model_map){ p, phys, size };
			mapped++;
		}
	}
	for (int i = 0; i < FIX_BTMAPS_SLOTS; i++)
		if (m[i].va)
			early_memunmap(m[i].va, m[i].size);
	for (int idx = FIX_BTMAP_END; idx <= FIX_BTMAP_BEGIN; idx++)
		ck_assert_msg(pte_none(*early_pte(__fix_to_virt(idx))),
			      "seed %d: at the end 0x%08lx is still mapped",
			      SEED, __fix_to_virt(idx));
	printf("early_ioremap model (seed %d): %lu mapped, %lu refused, %lu "
	       "unmapped\n",
	       SEED, mapped, refused, unmapped);
}

START_TEST(random_early_ioremaps_against_a_model)
{
	boot_with(NULL, random_against_model);
}
END_TEST

KTEST_SUITE(ch30) = {
	.chapter = "30",
	.title = "The fixmap and early_ioremap",
	.dtb = BOARD,
	.boot = ktest_boot_fixmap,
	.tests = KTESTS(early_fixmap_init_hooks_bm_pte,
			set_fixmap_maps_and_clears,
			early_fixmap_shutdown_keeps_devices,
			early_ioremap_takes_slots, early_iounmap_gives_back,
			late_use_and_leaks, copy_from_early_mem_in_chunks,
			random_early_ioremaps_against_a_model),
};
