// SPDX-License-Identifier: GPL-2.0
/*
 * Chapter 29: the pkmap area, kmap() and kmap_atomic().
 *
 * The exercises: map_new_virtual(), kunmap_high() and
 * flush_all_zero_pkmaps() (mm/highmem.c), kmap_atomic_high_prot() and
 * kunmap_atomic_high() (arch/arm/mm/highmem.c).  The suite boots
 * vexpress-1g, whose RAM above 0x90000000 is highmem.  Without
 * CONFIG_HIGHMEM there is no pkmap area: the suite is built only into
 * the kernel with highmem.
 */
#ifdef CONFIG_HIGHMEM
#include <stdio.h>
#include <string.h>
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/wait.h>
#include <asm/fixmap.h>
#include <asm/highmem.h>
#include <asm/pgtable.h>
#include "mm/internal.h"
#include "ktest.h"

#define NPAGES (LAST_PKMAP + 8)
static struct page *hp[NPAGES];

/* @n highmem pages, each with its number in its first word. */
static void get_highpages(int n)
{
	for (int i = 0; i < n; i++) {
		hp[i] = alloc_page(GFP_HIGHUSER);
		ck_assert_msg(hp[i] && PageHighMem(hp[i]),
			      "alloc_page(GFP_HIGHUSER) gave no highmem page");
		u32 *v = kmap_atomic(hp[i]);
		*v = 0x29000000 + i;
		kunmap_atomic(v);
	}
}

static unsigned long addr(const void *p)
{
	return (unsigned long)(uintptr_t)p;
}

static int slot_of(const void *p)
{
	return (int)PKMAP_NR(addr(p));
}

static bool faults_to_read(const void *p)
{
	return KTEST_EXPECT_OOPS((void)*(const volatile u32 *)p);
}

/* The lecture's experiment: a lowmem page and a highmem page. */
START_TEST(kmap_lowmem_and_highmem)
{
	struct page *low = alloc_page(GFP_KERNEL);
	u32 *l, *h, *h2;
	int nr;

	get_highpages(1);
	l = kmap(low);
	ck_assert_msg(l == page_address(low) && addr(l) >= PAGE_OFFSET,
		      "kmap() of a lowmem page is its linear address %p, not "
		      "%p",
		      page_address(low), (void *)l);
	ck_assert_msg(!page_address(hp[0]),
		      "a highmem page has no address before kmap()");
	h = kmap(hp[0]);
	printf("kmap: lowmem pfn %#lx -> %p, highmem pfn %#lx -> %p\n",
	       page_to_pfn(low), (void *)l, page_to_pfn(hp[0]), (void *)h);
	ck_assert_msg(addr(h) >= PKMAP_BASE && addr(h) < PAGE_OFFSET &&
			      !(addr(h) & ~PAGE_MASK),
		      "kmap() of a highmem page is a page of the pkmap area "
		      "[%#lx, %#lx), not %p",
		      PKMAP_BASE, PAGE_OFFSET, (void *)h);
	nr = slot_of(h);
	ck_assert_msg(nr == 1,
		      "the first kmap() takes slot 1: the search starts "
		      "after last_pkmap_nr, 0 (got slot %d)",
		      nr);
	ck_assert_msg(pte_val(pkmap_page_table[nr]) ==
			      pte_val(mk_pte(hp[0], kmap_prot)),
		      "slot %d's PTE is %08x, expected mk_pte(page, "
		      "kmap_prot) = %08x",
		      nr, (u32)pte_val(pkmap_page_table[nr]),
		      (u32)pte_val(mk_pte(hp[0], kmap_prot)));
	ck_assert_msg(*h == 0x29000000,
		      "the word read through kmap()'s address is %08x, not "
		      "the page's",
		      *h);
	ck_assert_msg(page_address(hp[0]) == h && kmap_to_page(h) == hp[0],
		      "page_address() finds the slot (set_page_address()), "
		      "kmap_to_page() the page");
	ck_assert_msg(pkmap_slot_count(nr) == 2,
		      "one user: pkmap_count[%d] is 2, not %d", nr,
		      pkmap_slot_count(nr));
	h2 = kmap(hp[0]);
	ck_assert_msg(h2 == h && pkmap_slot_count(nr) == 3,
		      "a second kmap() of a mapped page reuses its slot "
		      "(%p, %p), count 3 (%d)",
		      (void *)h, (void *)h2, pkmap_slot_count(nr));
	kunmap(hp[0]);
	kunmap(hp[0]);
	ck_assert_msg(pkmap_slot_count(nr) == 1 && page_address(hp[0]) == h &&
			      !pte_none(pkmap_page_table[nr]),
		      "after the last kunmap() the slot stays mapped, count "
		      "1, until the next flush (count %d, PTE %08x)",
		      pkmap_slot_count(nr), (u32)pte_val(pkmap_page_table[nr]));
	kunmap(low);
	__free_page(low);
}
END_TEST

/* Slots 1..511 in turn; the wrap to 0 frees the unused ones. */
START_TEST(wrap_flushes_unused_slots)
{
	void *a[LAST_PKMAP];
	void *z;

	get_highpages(LAST_PKMAP + 1);
	for (int i = 1; i < LAST_PKMAP; i++) {
		a[i] = kmap(hp[i]);
		ck_assert_msg(slot_of(a[i]) == i,
			      "kmap() number %d took slot %d, expected %d: "
			      "each search starts after the last slot taken",
			      i, slot_of(a[i]), i);
	}
	for (int i = 10; i < 15; i++)
		kunmap(hp[i]);
	ck_assert_msg(*(u32 *)a[10] == 0x29000000 + 10,
		      "an unused slot (count 1) still maps its page");
	z = kmap(hp[0]);
	ck_assert_msg(slot_of(z) == 0,
		      "slot 0 is found when the search wraps, got %d",
		      slot_of(z));
	for (int i = 10; i < 15; i++) {
		ck_assert_msg(
			pkmap_slot_count(i) == 0 &&
				pte_none(pkmap_page_table[i]) &&
				!page_address(hp[i]),
			"the wrap to slot 0 runs flush_all_zero_pkmaps(): "
			"slot %d (count 1) must be count 0 (%d), its PTE "
			"clear (%08x), its page without an address",
			i, pkmap_slot_count(i),
			(u32)pte_val(pkmap_page_table[i]));
		ck_assert_msg(faults_to_read(a[i]),
			      "slot %d's old address still reads its page "
			      "after the flush: the TLB must be flushed once "
			      "the PTEs are cleared",
			      i);
	}
	for (int i = 1; i < LAST_PKMAP; i++) {
		if (i >= 10 && i < 15)
			continue;
		ck_assert_msg(pkmap_slot_count(i) == 2 &&
				      *(u32 *)a[i] == 0x29000000 + (u32)i,
			      "slot %d has a user: the flush leaves it alone "
			      "(count %d)",
			      i, pkmap_slot_count(i));
	}
	z = kmap(hp[10]);
	ck_assert_msg(slot_of(z) == 10 && *(u32 *)z == 0x2900000a,
		      "the next kmap() takes the first free slot after 0, "
		      "10 (got %d)",
		      slot_of(z));
	/* slot 15 unused (count 1) when the search reaches it */
	for (int i = 11; i < 15; i++)
		kmap(hp[i]);
	kunmap(hp[15]);
	z = kmap(hp[LAST_PKMAP]);
	ck_assert_msg(slot_of(z) == 15 && !page_address(hp[15]) &&
			      *(u32 *)z == 0x29000000 + LAST_PKMAP,
		      "slot 15 (count 1: unused, not yet flushed) may be "
		      "taken only after the wrap's flush: got slot %d, and "
		      "its old page still has the address %p",
		      slot_of(z), page_address(hp[15]));
}
END_TEST

START_TEST(kunmap_misuse_is_a_bug)
{
	get_highpages(2);
	ck_assert_msg(KTEST_EXPECT_OOPS(kunmap(hp[0])) &&
			      printk_log_contains("kernel BUG at"),
		      "kunmap() of a page that kmap() never mapped is a BUG");
	kmap(hp[1]);
	kunmap(hp[1]);
	ck_assert_msg(KTEST_EXPECT_OOPS(kunmap(hp[1])),
		      "a kunmap() more than kmap()s would take the count to "
		      "0 without a TLB flush: a BUG");
}
END_TEST

static void unmap_one(void *arg)
{
	kunmap(arg);
}

static void unmap_38_map_37(void *arg)
{
	(void)arg;
	kunmap(hp[38]);
	kmap(hp[37]);
}

/* Every slot in use: kmap() sleeps until a kunmap() frees one. */
START_TEST(full_area_sleeps)
{
	static struct sim_task t, t2;
	unsigned long switches = nr_context_switches;
	struct page *extra;
	void *a37, *z;
	int s38;

	get_highpages(LAST_PKMAP + 1);
	for (int i = 0; i < LAST_PKMAP; i++)
		kmap(hp[i]);
	a37 = page_address(hp[37]);
	t = (struct sim_task){ .comm = "kworker",
			       .fn = unmap_one,
			       .arg = hp[37] };
	sim_task_queue(&t);
	z = kmap(hp[LAST_PKMAP]);
	ck_assert_msg(nr_context_switches == switches + 1,
		      "kmap() with every slot taken must sleep "
		      "(schedule()) until a kunmap() wakes it");
	ck_assert_msg(z == a37 && !page_address(hp[37]) &&
			      *(u32 *)z == 0x29000000 + LAST_PKMAP,
		      "after the wake-up the search starts again, flushes, "
		      "and takes the freed slot %d (got %d)",
		      slot_of(a37), slot_of(z));
	/* someone else maps our page while we sleep: we share its slot */
	s38 = slot_of(page_address(hp[38]));
	t2 = (struct sim_task){ .comm = "kworker", .fn = unmap_38_map_37 };
	sim_task_queue(&t2);
	z = kmap(hp[37]);
	ck_assert_msg(nr_context_switches == switches + 2 &&
			      slot_of(z) == s38 && pkmap_slot_count(s38) == 3,
		      "while kmap() slept, another task freed slot %d and "
		      "mapped the same page there: after waking, kmap() must "
		      "look at page_address() again and share that slot (got "
		      "slot %d, slot %d's count %d, expected 3)",
		      s38, slot_of(z), s38, pkmap_slot_count(s38));
	extra = alloc_page(GFP_HIGHUSER);
	ck_assert_msg(KTEST_EXPECT_OOPS(kmap(extra)) &&
			      printk_log_contains("blocked"),
		      "with every slot taken and no task to kunmap(), kmap() "
		      "would sleep for ever: reported");
}
END_TEST

START_TEST(kmap_atomic_slots)
{
	struct page *low = alloc_page(GFP_KERNEL);
	u32 *a, *b, *l;
	unsigned long want;

	get_highpages(2);
	for (int cpu = 0; cpu < NR_CPUS; cpu += 3) {
		__smp_processor_id = cpu;
		want = __fix_to_virt(FIX_KMAP_BEGIN + KM_TYPE_NR * cpu);
		a = kmap_atomic(hp[0]);
		ck_assert_msg(addr(a) == want && preempt_count() == 1,
			      "CPU %d: kmap_atomic() takes the CPU's first "
			      "fixmap slot %#lx, got %p",
			      cpu, want, (void *)a);
		b = kmap_atomic(hp[1]);
		ck_assert_msg(addr(b) == want - PAGE_SIZE,
			      "CPU %d: nested, the next slot down, %#lx, got "
			      "%p",
			      cpu, want - PAGE_SIZE, (void *)b);
		ck_assert_msg(*a == 0x29000000 && *b == 0x29000001,
			      "each slot maps its own page");
		ck_assert_msg(!page_address(hp[0]),
			      "kmap_atomic() gives the page no address");
		l = kmap_atomic(low);
		ck_assert_msg(l == page_address(low),
			      "kmap_atomic() of lowmem is its linear address");
		kunmap_atomic(l);
		/* any address inside the page names its slot */
		kunmap_atomic(b + 3);
		ck_assert_msg(faults_to_read(b),
			      "CONFIG_DEBUG_HIGHMEM: kunmap_atomic() clears "
			      "the slot's PTE and flushes it (given an address "
			      "12 bytes into the page: the slot is the page's, "
			      "addr & PAGE_MASK)");
		kunmap_atomic(a);
		ck_assert_msg(faults_to_read(a) && preempt_count() == 0,
			      "the first slot is cleared too, and the atomic "
			      "section ends");
	}
	__smp_processor_id = 0;
	/* the caller's protection, not kmap_prot: a read-only window */
	a = kmap_atomic_prot(hp[0], PAGE_KERNEL | L_PTE_RDONLY);
	ck_assert_msg(
		pte_val(*virt_to_kpte(addr(a))) ==
			pte_val(mk_pte(hp[0], PAGE_KERNEL | L_PTE_RDONLY)),
		"kmap_atomic_prot() maps the page with the protection it "
		"is given (L_PTE_RDONLY here)");
	ck_assert_msg(KTEST_EXPECT_OOPS(*(volatile u32 *)a = 1),
		      "a write through a read-only kmap_atomic_prot() window "
		      "faults");
	kunmap_atomic(a);
	__free_page(low);
}
END_TEST

/* The last slot (511) is flushed with the others when the search wraps. */
START_TEST(last_slot_flushed)
{
	void *last;

	get_highpages(LAST_PKMAP);
	for (int i = 1; i < LAST_PKMAP; i++)
		kmap(hp[i]);
	last = page_address(hp[LAST_PKMAP - 1]);
	ck_assert_msg(slot_of(last) == LAST_PKMAP - 1, "slot 511 is taken");
	ck_assert_msg(*(u32 *)last == 0x29000000 + LAST_PKMAP - 1,
		      "slot 511 reads its page");
	kunmap(hp[LAST_PKMAP - 1]);
	kmap(hp[0]);
	ck_assert_msg(faults_to_read(last),
		      "slot 511 (unused) was cleared by the wrap's flush, but "
		      "its old address still reads the page: the TLB flush "
		      "must cover the whole area, PKMAP_ADDR(0) to "
		      "PKMAP_ADDR(LAST_PKMAP)");
}
END_TEST

START_TEST(kmap_atomic_misuse)
{
	u32 *a, *b;

	get_highpages(2);
	a = kmap_atomic(hp[0]);
	b = kmap_atomic(hp[1]);
	ck_assert_msg(KTEST_EXPECT_OOPS(kunmap_atomic(a)) &&
			      printk_log_contains("kernel BUG at"),
		      "kunmap_atomic() out of order (the outer one first) is "
		      "a BUG with CONFIG_DEBUG_HIGHMEM");
	kunmap_atomic(b); /* in order now */
	kunmap_atomic(a);
	ck_assert_msg(__kmap_atomic_idx[0] == 0 && preempt_count() == 0,
		      "both undone");
	printk_log_clear();
	a = kmap_atomic(hp[0]);
	b = kmap(hp[1]);
	ck_assert_msg(printk_log_contains("BUG: sleeping function called from "
					  "invalid context"),
		      "kmap() may sleep: inside kmap_atomic() it is reported");
	kunmap(hp[1]);
	kunmap_atomic(a);
	for (int i = 0; i < KM_TYPE_NR; i++)
		kmap_atomic(hp[0]);
	ck_assert_msg(KTEST_EXPECT_OOPS(kmap_atomic(hp[0])),
		      "a CPU has KM_TYPE_NR (%d) slots: one more is a BUG",
		      KM_TYPE_NR);
}
END_TEST

START_TEST(zeroed_highmem_page)
{
	struct page *p = alloc_page(GFP_HIGHUSER);
	u32 *v;

	v = kmap_atomic(p);
	memset(v, 0x5a, PAGE_SIZE);
	kunmap_atomic(v);
	__free_page(p);
	drain_all_pages(NULL);
	p = alloc_page(GFP_HIGHUSER | __GFP_ZERO);
	v = kmap(p);
	for (unsigned int i = 0; i < PAGE_SIZE / 4; i++)
		ck_assert_msg(!v[i],
			      "__GFP_ZERO: word %u of a highmem page is %08x: "
			      "clear_highpage() clears it through "
			      "kmap_atomic()",
			      i, v[i]);
	kunmap(p);
	ck_assert_msg(__kmap_atomic_idx[0] == 0 && preempt_count() == 0,
		      "the allocator's kmap_atomic() was undone");
}
END_TEST

/*
 * Random kmap()/kunmap() and nested kmap_atomic() against a model of
 * each page's users: the counts, the addresses and the PTEs agree.
 */
START_TEST(random_kmaps_against_a_model)
{
	enum { N = 600 };
	static int users[N];
	static struct page *pg[N];
	unsigned int seed = 2929, maps = 0, wraps_seen = 0;
	int prev_slot = 0;

	ktest_rng = seed;
	for (int i = 0; i < N; i++) {
		pg[i] = alloc_page(GFP_HIGHUSER);
		ck_assert_msg(pg[i], "no page");
	}
	for (int step = 0; step < 6000; step++) {
		int i = ktest_rand() % N, op = ktest_rand() % 8;
		int mapped = 0;

		for (int j = 0; j < N; j++)
			mapped += users[j] > 0;
		if (op < 4 && (users[i] || mapped < LAST_PKMAP - 1)) {
			void *v = kmap(pg[i]);
			int s = slot_of(v);

			if (!users[i]) {
				wraps_seen += s < prev_slot;
				prev_slot = s;
			}
			users[i]++;
			maps++;
			*(u32 *)v = 0x29290000 + i;
		} else if (op < 7 && users[i]) {
			kunmap(pg[i]);
			users[i]--;
		} else if (op == 7) {
			u32 *v = kmap_atomic(pg[i]);
			u32 *w = kmap_atomic(pg[(i + 1) % N]);

			(void)*w;
			kunmap_atomic(w);
			kunmap_atomic(v);
		}
		if (step % 500)
			continue;
		for (int j = 0; j < N; j++) {
			void *va = page_address(pg[j]);

			if (users[j]) {
				int s = va ? slot_of(va) : -1;

				ck_assert_msg(va && pkmap_slot_count(s) ==
							      users[j] + 1,
					      "seed %u, step %d: page %d has "
					      "%d users, its slot %d count %d",
					      seed, step, j, users[j], s,
					      s >= 0 ? pkmap_slot_count(s) : 0);
				ck_assert_msg(pte_page(pkmap_page_table[s]) ==
							      pg[j] &&
						      *(u32 *)va ==
							      0x29290000U + j,
					      "seed %u, step %d: slot %d maps "
					      "another page",
					      seed, step, s);
			} else if (va) {
				ck_assert_msg(pkmap_slot_count(slot_of(va)) ==
						      1,
					      "seed %u, step %d: page %d, no "
					      "user, keeps an address only "
					      "while its slot's count is 1",
					      seed, step, j);
			}
		}
	}
	ck_assert_msg(maps > 1000 && wraps_seen >= 2,
		      "seed %u: %u kmap()s, %u wraps: the run must wrap", seed,
		      maps, wraps_seen);
	printf("random kmaps: seed %u, %u kmap()s, %u wraps\n", seed, maps,
	       wraps_seen);
}
END_TEST

KTEST_SUITE(ch29) = {
	.chapter = "29",
	.title = "The pkmap area: kmap and kmap_atomic",
	.dtb = "vexpress-1g",
	.boot = ktest_boot_highmem,
	.timeout = 20,
	.tests = KTESTS(kmap_lowmem_and_highmem, wrap_flushes_unused_slots,
			last_slot_flushed, kunmap_misuse_is_a_bug,
			full_area_sleeps, kmap_atomic_slots, kmap_atomic_misuse,
			zeroed_highmem_page, random_kmaps_against_a_model),
};
#endif /* CONFIG_HIGHMEM */
