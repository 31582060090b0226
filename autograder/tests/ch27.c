// SPDX-License-Identifier: GPL-2.0
/*
 * Chapter 27: ioremap and the resource tree.
 *
 * The exercises: __arm_ioremap_pfn_caller() (arch/arm/mm/ioremap.c),
 * ioremap_pte_range() (lib/ioremap.c) and __request_resource()
 * (kernel/resource.c).  The devices are the board's: the system
 * registers at 0x10000000 and the PL011 UART at 0x10009000, real on the
 * board (QEMU's), models in the host port (arch/host/mmio.c) behind the
 * same physical addresses.  Every register access goes through the
 * mapping the test made, on both machines.
 */
#include <stdio.h>
#include <string.h>
#include <linux/gfp.h>
#include <linux/ioport.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/seq_file.h>
#include <linux/vmalloc.h>
#include <asm/io.h>
#include <asm/mach/map.h>
#include <asm/pgtable.h>
#include <asm/setup.h>
#include <asm-generic/sections.h>
#include "arch/arm/mm/mm.h"
#include "pt_util.h"
#include "ktest.h"

#define SYS_ID 0x00
#define SYS_LED 0x08
#define SYS_24MHZ 0x5c
#define UARTDR 0x00
#define UARTFR 0x18
#define UARTFR_TXFE 0x80
#define QEMU_SYS_ID 0x1190f500U /* vexpress-a9: HBI-0190, revision F */

static phys_addr_t dev_base(const char *compatible)
{
	const struct iomem_desc *d = find_iomem(compatible);

	ck_assert_msg(d, "the device tree has no %s", compatible);
	return d->base;
}

static u32 prot_pte(unsigned int type)
{
	return get_mem_type(type)->prot_pte;
}

static void boot_ch27(void)
{
	ktest_boot_io();
}

START_TEST(ioremap_maps_device_pages)
{
	phys_addr_t base = dev_base("arm,vexpress-sysreg");
	void __iomem *p = ioremap(base, 0x1000);
	unsigned long va = (unsigned long)p;
	struct vm_struct *vm;
	u32 want = base | prot_pte(MT_DEVICE);

	ck_assert_msg(p, "ioremap(%#x, 4096) returned NULL", base);
	ck_assert_msg(va >= VMALLOC_START && va < VMALLOC_END &&
			      !(va & ~PAGE_MASK),
		      "ioremap() gives a page of vmalloc's space: %#lx", va);
	vm = find_vm_area(p);
	ck_assert_msg(vm && (vm->flags & VM_IOREMAP) && vm->phys_addr == base &&
			      get_vm_area_size(vm) == PAGE_SIZE,
		      "the area is VM_IOREMAP, one page, with phys_addr %#x",
		      base);
	ck_assert_msg(kpte(va) == want,
		      "the Linux PTE of %#lx is %08x, expected %08x: the "
		      "device's frame with MT_DEVICE's prot_pte",
		      va, kpte(va), want);
	ck_assert_msg(!kpte(va + PAGE_SIZE),
		      "the page after the area is its guard page: its PTE "
		      "must stay empty (%08x): one PTE per page of [addr, "
		      "end)",
		      kpte(va + PAGE_SIZE));
	ck_assert_msg(readl(p + SYS_ID) == QEMU_SYS_ID,
		      "SYS_ID through %p reads %08x, expected %08x", p,
		      readl(p + SYS_ID), QEMU_SYS_ID);
	ck_assert_msg(KTEST_EXPECT_OOPS(ioremap_page_range(
			      va, va + PAGE_SIZE, base,
			      __pgprot(prot_pte(MT_DEVICE)))) &&
			      printk_log_contains("kernel BUG at"),
		      "mapping over a present PTE is a BUG "
		      "(ioremap_pte_range()), not a silent overwrite");
	iounmap(p);
	ck_assert_msg(!find_vm_area(p) && !kpte(va),
		      "iounmap() frees the area and clears its PTE (%08x)",
		      kpte(va));
}
END_TEST

START_TEST(offset_and_size_rounding)
{
	phys_addr_t base = dev_base("arm,vexpress-sysreg");
	void __iomem *p = ioremap(base + SYS_LED, 4);
	void __iomem *q;
	struct vm_struct *vm;

	ck_assert_msg(p && ((unsigned long)p & ~PAGE_MASK) == SYS_LED,
		      "ioremap(%#x) keeps the offset in the page: %p",
		      base + SYS_LED, p);
	vm = find_vm_area(p);
	ck_assert_msg(vm && vm->phys_addr == base,
		      "the area records its first frame's address, %#x "
		      "(/proc/vmallocinfo's phys=), not the caller's %#x",
		      base, base + SYS_LED);
	writel(0x5a, p);
	ck_assert_msg(readl(p) == 0x5a, "SYS_LED reads back what was written");
	iounmap(p);

	/* 8 bytes across a page boundary: two pages */
	q = ioremap(base + 0xffc, 8);
	ck_assert_ptr_nonnull(q);
	vm = find_vm_area(q);
	ck_assert_msg(((unsigned long)q & ~PAGE_MASK) == 0xffc && vm &&
			      get_vm_area_size(vm) == 2 * PAGE_SIZE,
		      "ioremap(%#x, 8) crosses a page: two pages (got %lu "
		      "bytes), the address at offset 0xffc",
		      base + 0xffc, vm ? get_vm_area_size(vm) : 0UL);
	ck_assert_msg(
		kpte((unsigned long)q & PAGE_MASK) ==
				(base | prot_pte(MT_DEVICE)) &&
			kpte(((unsigned long)q & PAGE_MASK) + PAGE_SIZE) ==
				((base + PAGE_SIZE) | prot_pte(MT_DEVICE)),
		"consecutive frames in consecutive PTEs");
	iounmap(q);
	ck_assert_msg(!ioremap(base, 0), "ioremap of 0 bytes: NULL");
	ck_assert_msg(!ioremap(0xfffff000, 0x2000), "ioremap past 4 GiB: NULL");
}
END_TEST

START_TEST(ioremap_types)
{
	phys_addr_t base = dev_base("arm,pl011");
	void __iomem *wc = ioremap_wc(base, 0x1000);
	void __iomem *c = ioremap_cache(base, 0x1000);

	ck_assert(wc && c);
	ck_assert_msg(
		kpte((unsigned long)wc) == (base | prot_pte(MT_DEVICE_WC)),
		"ioremap_wc(): MT_DEVICE_WC (%08x)", kpte((unsigned long)wc));
	ck_assert_msg(kpte((unsigned long)c) ==
			      (base | prot_pte(MT_DEVICE_CACHED)),
		      "ioremap_cache(): MT_DEVICE_CACHED (%08x)",
		      kpte((unsigned long)c));
	ck_assert_msg((kpte((unsigned long)wc) & L_PTE_XN) &&
			      (kpte((unsigned long)c) & L_PTE_XN),
		      "device memory is never executable (L_PTE_XN)");
	iounmap(wc);
	iounmap(c);
}
END_TEST

static unsigned int busy_areas(void)
{
	struct vmap_area *va;
	unsigned int n = 0;

	list_for_each_entry(va, &vmap_area_list, list)
		n++;
	return n;
}

START_TEST(ram_is_refused)
{
	unsigned int before = busy_areas();
	void __iomem *p;

	printk_log_clear();
	p = ioremap(PHYS_OFFSET + 0x1000000, PAGE_SIZE);
	ck_assert_msg(!p,
		      "ioremap() of RAM (%#x) must fail: the linear map "
		      "already has it as normal cacheable memory, and ARMv6+ "
		      "forbids mismatched attributes",
		      (u32)(PHYS_OFFSET + 0x1000000));
	ck_assert_msg(printk_log_contains("WARNING:"),
		      "the refusal is a WARN_ON, with the culprit");
	ck_assert_msg(busy_areas() == before,
		      "a refused ioremap() leaves no vmalloc area behind");
}
END_TEST

START_TEST(uart_through_ioremap)
{
	static const char msg[] = "ioremap: hello from the UART\n";
	phys_addr_t base = dev_base("arm,pl011");
	struct resource *r;
	void __iomem *uart;
	u32 pid = 0, cid = 0;

	r = request_mem_region(base, 0x1000, "10009000.uart");
	ck_assert_msg(r && r->parent && r->parent != &iomem_resource &&
			      !strcmp(r->parent->name, "uart@10009000"),
		      "the driver's claim lies inside the device's resource "
		      "uart@10009000 (parent %s)",
		      r && r->parent ? r->parent->name : "none");
	uart = ioremap(base, 0x1000);
	ck_assert_ptr_nonnull(uart);
	for (int i = 0; i < 4; i++) {
		pid |= (readl(uart + 0xfe0 + 4 * i) & 0xff) << (8 * i);
		cid |= (readl(uart + 0xff0 + 4 * i) & 0xff) << (8 * i);
	}
	ck_assert_msg(pid == 0x00141011 && cid == 0xb105f00d,
		      "the PL011's PrimeCell IDs read %08x %08x, expected "
		      "00141011 b105f00d",
		      pid, cid);
	for (const char *s = msg; *s; s++) {
		while (!(readl(uart + UARTFR) & UARTFR_TXFE))
			;
		writel((u32)*s, uart + UARTDR);
	}
	iounmap(uart);
	printk_log_clear();
	release_mem_region(base, 0x1000);
	ck_assert_msg(!printk_log_contains("Trying to free nonexistent"),
		      "release_mem_region() finds the driver's claim");
	r = request_mem_region(base, 0x1000, "10009000.uart");
	ck_assert_msg(r, "the region is given back: it can be claimed again");
	release_mem_region(base, 0x1000);
}
END_TEST

START_TEST(sysreg_counter_runs)
{
	void __iomem *p = ioremap(dev_base("arm,vexpress-sysreg"), 0x1000);
	u32 a, b;

	ck_assert_ptr_nonnull(p);
	a = readl(p + SYS_24MHZ);
	for (volatile int i = 0; i < 100000; i++)
		;
	b = readl(p + SYS_24MHZ);
	ck_assert_msg(b != a, "SYS_24MHZ counts: %08x then %08x", a, b);
	iounmap(p);
}
END_TEST

static char iomem_buf[4096];

static const char *iomem_text(void)
{
	struct seq_file m;

	seq_init(&m, iomem_buf, sizeof(iomem_buf));
	iomem_show(&m);
	return iomem_buf;
}

START_TEST(resource_tree)
{
	char want[96];
	struct resource *a, *b, *c;
	unsigned long code = virt_to_idmap(_text);

	snprintf(want, sizeof(want), "10009000-10009fff : uart@10009000\n");
	ck_assert_msg(strstr(iomem_text(), want),
		      "/proc/iomem lists the UART's node:\n%s", iomem_buf);
	snprintf(want, sizeof(want), "  %08lx-%08lx : Kernel code\n", code,
		 virt_to_idmap(__init_begin) - 1);
	ck_assert_msg(strstr(iomem_buf, "60000000-6fffffff : System RAM\n") &&
			      strstr(iomem_buf, want),
		      "/proc/iomem has System RAM and, indented inside it, "
		      "the kernel's code (\"%s\"):\n%s",
		      want, iomem_buf);

	a = request_mem_region(0x10009100, 0x100, "inner");
	ck_assert_msg(a && !strcmp(a->parent->name, "uart@10009000"),
		      "a claim inside a device's range goes inside it");
	ck_assert_msg(!request_mem_region(0x10009180, 0x100, "overlap"),
		      "a claim overlapping a busy one fails");
	b = request_mem_region(0x10009000, 0x100, "before");
	c = request_mem_region(0x10009200, 0x10, "after");
	ck_assert_msg(b && c && b->sibling == a && a->sibling == c,
		      "siblings are kept in address order");
	ck_assert_msg(
		!request_mem_region(0x100090ff, 0x1, "last byte") &&
			!request_mem_region(0x10009200, 0x1, "first byte") &&
			!request_mem_region(0x10009180, 0x81,
					    "to the first byte"),
		"an end is the last byte, not the one after: a claim "
		"of another's last byte, or ending on another's first "
		"byte, overlaps it");
	ck_assert_msg(request_mem_region(0x10009300, 0x100, "between") &&
			      c->sibling && c->sibling->start == 0x10009300,
		      "a claim that touches nothing fits in");
	release_mem_region(0x10009300, 0x100);
	ck_assert_msg(!request_mem_region(0x60000000, 0x1000, "ram"),
		      "System RAM is busy: nobody claims inside it");
	ck_assert_msg(strstr(iomem_text(), "  10009100-100091ff : inner\n"),
		      "a claim is printed one level down:\n%s", iomem_buf);
	release_mem_region(0x10009100, 0x100);
	ck_assert_msg(b->sibling == c, "release unlinks it");
	a = request_mem_region(0x10009100, 0x100, "again");
	ck_assert_msg(a && b->sibling == a && a->sibling == c,
		      "the range can be claimed again");
	release_mem_region(0x10009100, 0x100);
	release_mem_region(0x10009000, 0x100);
	release_mem_region(0x10009200, 0x10);
	ck_assert_msg(!request_mem_region(0xfffff000, 0x2000, "wrap"),
		      "a range past the root's end is refused");
}
END_TEST

START_TEST(random_resources_against_a_model)
{
	enum { SLOTS = 64, STEPS = 3000 };
	const unsigned int seed = 2727;
	struct resource root = { .name = "root",
				 .start = 0x1000,
				 .end = 0x1000 + SLOTS * 16 - 1,
				 .flags = IORESOURCE_MEM };
	struct resource *held[SLOTS] = { 0 };
	int owner[SLOTS];

	ktest_rng = seed;
	for (int i = 0; i < SLOTS; i++)
		owner[i] = -1;
	ck_assert_msg(!__request_region(&root, 0xff0, 0x20, "below", 0) &&
			      !__request_region(&root, root.end - 0xf, 0x20,
						"above", 0) &&
			      !root.child,
		      "a claim that leaves the root's range is refused");
	for (int step = 0; step < STEPS; step++) {
		int s = (int)(ktest_rand() % SLOTS);
		int n = 1 + (int)(ktest_rand() % 4);
		bool free = true;

		if (s + n > SLOTS)
			n = SLOTS - s;
		if (held[s]) {
			int len = (int)(resource_size(held[s]) / 16);

			__release_region(&root, held[s]->start,
					 resource_size(held[s]));
			for (int k = s; k < s + len; k++)
				owner[k] = -1;
			held[s] = NULL;
			continue;
		}
		for (int k = s; k < s + n; k++)
			free &= owner[k] < 0;
		held[s] = __request_region(&root, 0x1000 + s * 16, n * 16, "r",
					   0);
		ck_assert_msg(!held[s] == !free,
			      "step %d: a claim of slots %d..%d %s, but the "
			      "model says they are %s (seed %u)",
			      step, s, s + n - 1,
			      held[s] ? "succeeded" : "failed",
			      free ? "free" : "taken", seed);
		if (held[s])
			for (int k = s; k < s + n; k++)
				owner[k] = s;
	}
	/* the children are sorted, disjoint, and exactly the model's */
	{
		struct resource *r;
		resource_size_t last = 0;
		int count = 0, want = 0;

		for (r = root.child; r; r = r->sibling, count++) {
			ck_assert_msg(r->start > last || !count,
				      "children out of order (seed %u)", seed);
			last = r->end;
		}
		for (int i = 0; i < SLOTS; i++)
			want += held[i] != NULL;
		ck_assert_msg(count == want,
			      "%d children, the model holds %d (seed %u)",
			      count, want, seed);
	}
	for (int i = 0; i < SLOTS; i++)
		if (held[i])
			__release_region(&root, held[i]->start,
					 resource_size(held[i]));
	printk("random: %d claims and releases (seed %u)\n", STEPS, seed);
}
END_TEST

KTEST_SUITE(ch27) = {
	.chapter = "27",
	.title = "ioremap",
	.boot = boot_ch27,
	.tests = KTESTS(ioremap_maps_device_pages, offset_and_size_rounding,
			ioremap_types, ram_is_refused, uart_through_ioremap,
			sysreg_counter_runs, resource_tree,
			random_resources_against_a_model),
};
