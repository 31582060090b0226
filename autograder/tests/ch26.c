// SPDX-License-Identifier: GPL-2.0
/*
 * Chapter 26: vmalloc.
 *
 * The exercises (mm/vmalloc.c): classify_va_fit_type() and
 * adjust_va_to_fit_type() (cutting a free area), merge_or_add_vmap_area()
 * (freeing, with the neighbours), the guard page in
 * __get_vm_area_node(), and vmalloc_to_page().  The tests read the
 * busy and free lists back after each step, touch every page through
 * its vmalloc address (the MMU on the board, the host port's walk on
 * the host), and compare a random run with a model in which every
 * address of the 4 GiB is busy, free or waiting for a purge, once.
 */
#include <stdio.h>
#include <string.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/seq_file.h>
#include <linux/vmalloc.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include "ktest.h"

#define P PAGE_SIZE

/* "[a-b) [c-d) ..." of a list, for failure messages */
static const char *list_str(struct list_head *head)
{
	static char buf[512];
	struct vmap_area *va;
	size_t n = 0;

	buf[0] = 0;
	list_for_each_entry(va, head, list) {
		if (n > sizeof(buf) - 40) {
			snprintf(buf + n, sizeof(buf) - n, " ...");
			break;
		}
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, " [%lx-%lx)",
				      va->va_start, va->va_end);
	}
	return buf;
}

/*
 * The free areas that end above VMALLOC_START are exactly @want (pairs
 * of start, end; the last one's end is the top of the space).
 */
static void expect_free(const unsigned long *want, int n, const char *step)
{
	struct vmap_area *va;
	int i = 0;

	list_for_each_entry(va, &free_vmap_area_list, list) {
		if (va->va_end <= VMALLOC_START)
			continue;
		ck_assert_msg(
			i < n && va->va_start == want[2 * i] &&
				va->va_end == want[2 * i + 1],
			"%s: the free list is%s; expected its areas above "
			"VMALLOC_START to be %d, the %dth [%lx-%lx)",
			step, list_str(&free_vmap_area_list), n, i + 1,
			i < n ? want[2 * i] : 0, i < n ? want[2 * i + 1] : 0);
		i++;
	}
	ck_assert_msg(i == n,
		      "%s: the free list is%s; expected %d areas "
		      "above VMALLOC_START, found %d",
		      step, list_str(&free_vmap_area_list), n, i);
}

static unsigned long addr_of(const void *p)
{
	return (unsigned long)(uintptr_t)p;
}

/* An area of exactly @pages pages at or above @start, no guard page. */
static unsigned long get_area(unsigned long pages, unsigned long start)
{
	struct vm_struct *vm = __get_vm_area_caller(pages * P, VM_NO_GUARD,
						    start, VMALLOC_END, NULL);

	ck_assert_msg(vm, "__get_vm_area_caller(%lu pages from %lx) failed",
		      pages, start);
	return addr_of(vm->addr);
}

static void put_area(unsigned long addr)
{
	ck_assert_ptr_nonnull(remove_vm_area((void *)(uintptr_t)addr));
	purge_vmap_area_lazy();
}

#define TOP 0xffffffffUL

START_TEST(each_fit_type)
{
	const unsigned long s = VMALLOC_START;
	unsigned long f, a;

	/* NE: the first area is cut out of [1, top) */
	f = get_area(1, s);
	ck_assert_msg(f == s,
		      "the first area from VMALLOC_START is at %lx, expected "
		      "%lx: the lowest address that fits",
		      f, s);
	expect_free((unsigned long[]){ s + P, TOP }, 1,
		    "no edge fit: 1 page at VMALLOC_START, inside [1, top)");
	/* LE, twice: from the start of the free area above */
	a = get_area(8, s);
	ck_assert_uint_eq(a, s + P);
	expect_free((unsigned long[]){ s + 9 * P, TOP }, 1,
		    "left edge fit: 8 pages at the start of [s + 1 page, top)");
	ck_assert_uint_eq(get_area(1, s), s + 9 * P);
	put_area(a);
	expect_free((unsigned long[]){ s + P, s + 9 * P, s + 10 * P, TOP }, 2,
		    "the 8 pages freed");
	/* RE: 3 pages from s + 6 pages end where the hole ends */
	ck_assert_uint_eq(get_area(3, s + 6 * P), s + 6 * P);
	expect_free((unsigned long[]){ s + P, s + 6 * P, s + 10 * P, TOP }, 2,
		    "right edge fit: 3 pages at the end of an 8-page hole");
	/* LE: 2 pages at the start of the 5-page hole */
	ck_assert_uint_eq(get_area(2, s), s + P);
	expect_free((unsigned long[]){ s + 3 * P, s + 6 * P, s + 10 * P, TOP },
		    2, "left edge fit: 2 pages at the start of a 5-page hole");
	/* NE: 1 page in the middle of the 3-page hole */
	ck_assert_uint_eq(get_area(1, s + 4 * P), s + 4 * P);
	expect_free((unsigned long[]){ s + 3 * P, s + 4 * P, s + 5 * P,
				       s + 6 * P, s + 10 * P, TOP },
		    3, "no edge fit: 1 page in the middle of a 3-page hole");
	/* FL: each 1-page hole, filled */
	ck_assert_uint_eq(get_area(1, s), s + 3 * P);
	expect_free((unsigned long[]){ s + 5 * P, s + 6 * P, s + 10 * P, TOP },
		    2, "full fit: 1 page into a 1-page hole");
	ck_assert_uint_eq(get_area(1, s), s + 5 * P);
	expect_free((unsigned long[]){ s + 10 * P, TOP }, 1,
		    "full fit: the last 1-page hole");
}
END_TEST

START_TEST(free_merges_neighbours)
{
	const unsigned long s = VMALLOC_START;
	unsigned long f = get_area(1, s), a = get_area(1, s),
		      b = get_area(2, s), c = get_area(3, s),
		      d = get_area(1, s);

	ck_assert_msg(f == s && a == s + P && b == s + 2 * P &&
			      c == s + 4 * P && d == s + 7 * P,
		      "five areas of 1, 1, 2, 3, 1 pages: expected them side "
		      "by side from %lx, got %lx %lx %lx %lx %lx",
		      s, f, a, b, c, d);
	put_area(b);
	expect_free((unsigned long[]){ s + 2 * P, s + 4 * P, s + 8 * P, TOP },
		    2,
		    "freeing b (busy neighbours both sides): inserted in "
		    "address order");
	put_area(c);
	expect_free((unsigned long[]){ s + 2 * P, s + 7 * P, s + 8 * P, TOP },
		    2,
		    "freeing c, between the free b and the busy d: merged "
		    "with b");
	put_area(d);
	expect_free((unsigned long[]){ s + 2 * P, TOP }, 1,
		    "freeing d, between the free b+c and the free top: one "
		    "area, merged both ways");
	put_area(a);
	expect_free((unsigned long[]){ s + P, TOP }, 1,
		    "freeing a, below the free area: merged with it");
	put_area(f);
	expect_free((unsigned long[]){ 1, TOP }, 1,
		    "freeing the last area: the whole space is one free area "
		    "again, [1, top)");
	ck_assert_msg(list_empty(&vmap_area_list),
		      "every area freed, the busy list still holds%s",
		      list_str(&vmap_area_list));
}
END_TEST

START_TEST(vmalloc_maps_pages_in_order)
{
	unsigned char *p = vmalloc(5 * P + 100);
	struct vm_struct *vm;

	ck_assert_ptr_nonnull(p);
	ck_assert_msg(is_vmalloc_addr(p) && PAGE_ALIGNED(p),
		      "vmalloc() gave %p: a page-aligned address in "
		      "[VMALLOC_START %lx, VMALLOC_END %lx)",
		      (void *)p, (unsigned long)VMALLOC_START,
		      (unsigned long)VMALLOC_END);
	vm = find_vm_area(p);
	ck_assert_ptr_nonnull(vm);
	ck_assert_msg(vm->nr_pages == 6 && vm->size == 7 * P &&
			      (vm->flags & VM_ALLOC),
		      "vmalloc(5 pages + 100 bytes): nr_pages %u, size %lu, "
		      "flags %#lx; expected 6 pages, 28672 bytes (a guard "
		      "page after them), VM_ALLOC",
		      vm->nr_pages, vm->size, vm->flags);
	for (unsigned int i = 0; i < 6 * P; i++)
		p[i] = (unsigned char)(i * 7 + (i >> 12));
	for (unsigned int i = 0; i < 6; i++) {
		struct page *page = vmalloc_to_page(p + i * P + 123);
		unsigned char *lin;

		ck_assert_msg(page == vm->pages[i],
			      "vmalloc_to_page(%p) is pfn %lu, expected pfn "
			      "%lu (pages[%u]): the PTE of the address, "
			      "through init_mm's tables",
			      (void *)(p + i * P + 123),
			      page ? page_to_pfn(page) : 0,
			      page_to_pfn(vm->pages[i]), i);
		ck_assert_uint_eq(vmalloc_to_pfn(p + i * P),
				  page_to_pfn(vm->pages[i]));
		lin = page_address(page);
		for (unsigned int j = 0; j < P; j++)
			ck_assert_msg(
				lin[j] == (unsigned char)((i * P + j) * 7 + i),
				"byte %u of page %u, written through "
				"the vmalloc address, reads %#x through "
				"the page's linear address",
				j, i, lin[j]);
	}
	ck_assert_msg(vmalloc_to_page(p + 6 * P) == NULL,
		      "vmalloc_to_page() of the guard page gave pfn %lu: "
		      "nothing is mapped there",
		      page_to_pfn(vmalloc_to_page(p + 6 * P)));
	ck_assert_msg(vmalloc_to_page((void *)(uintptr_t)(VMALLOC_END - P)) ==
			      NULL,
		      "vmalloc_to_page() of an address no table covers must "
		      "be NULL (pmd_none)");
	vfree(p);
}
END_TEST

START_TEST(guard_page_after_each_area)
{
	unsigned char *p = vmalloc(2 * P), *q = vmalloc(P);

	ck_assert_ptr_nonnull(p);
	ck_assert_ptr_nonnull(q);
	ck_assert_msg(addr_of(q) == addr_of(p) + 3 * P,
		      "vmalloc(2 pages) at %p, then vmalloc(1 page) at %p: "
		      "expected %lx, 3 pages on: each area has a guard page "
		      "after it",
		      (void *)p, (void *)q, addr_of(p) + 3 * P);
	p[2 * P - 1] = 1;
	ck_assert_msg(
		KTEST_EXPECT_OOPS(((volatile unsigned char *)p)[2 * P] = 2),
		"a write to the guard page after a vmalloc() area "
		"(%p) did not fault: the guard is unmapped",
		(void *)(p + 2 * P));
	vfree(q);
	vfree(p);
}
END_TEST

START_TEST(lazy_free_until_purge)
{
	unsigned char *p = vmalloc(3 * P);
	unsigned long a = addr_of(p);
	struct page *first;
	struct vmap_area *va;
	bool listed = false;

	ck_assert_ptr_nonnull(p);
	p[0] = 1;
	first = vmalloc_to_page(p);
	vfree(p);
	ck_assert_msg(vmalloc_to_page(p) == NULL,
		      "after vfree(%p) its PTEs must be cleared at once", p);
	ck_assert_msg(page_count(first) == 0,
		      "after vfree() its pages go back to the page allocator "
		      "at once (page_count %d)",
		      page_count(first));
	ck_assert_msg(vmap_lazy_nr == 4,
		      "vmap_lazy_nr is %lu after freeing 3 pages and their "
		      "guard: expected 4 pages waiting for the purge",
		      vmap_lazy_nr);
	list_for_each_entry(va, &free_vmap_area_list, list)
		ck_assert_msg(va->va_end <= a || va->va_start >= a + 4 * P,
			      "the addresses of a freed area are reusable "
			      "before the TLB flush: free list%s",
			      list_str(&free_vmap_area_list));
	list_for_each_entry(va, &vmap_area_list, list)
		listed |= va->va_start == a;
	ck_assert_msg(!listed, "the freed area is still on the busy list");
	purge_vmap_area_lazy();
	ck_assert_uint_eq(vmap_lazy_nr, 0);
	expect_free((unsigned long[]){ 1, TOP }, 1,
		    "after the purge: the only area freed, merged back into "
		    "[1, top)");
}
END_TEST

START_TEST(vmap_of_given_pages)
{
	struct page *pages[3];
	struct page *rev[3];
	unsigned char *v;

	for (int i = 0; i < 3; i++) {
		pages[i] = alloc_pages(GFP_KERNEL, 0);
		ck_assert_ptr_nonnull(pages[i]);
		memset(page_address(pages[i]), 'a' + i, P);
		rev[2 - i] = pages[i];
	}
	/* executable: no L_PTE_XN, so no XN in the hardware twin either */
	v = vmap(rev, 3, VM_MAP, PAGE_KERNEL_EXEC);
	ck_assert_ptr_nonnull(v);
	ck_assert_msg(v[0] == 'c' && v[P] == 'b' && v[2 * P + 5] == 'a',
		      "vmap() of three pages in reverse order reads %c %c %c",
		      v[0], v[P], v[2 * P + 5]);
	for (int i = 0; i < 3; i++)
		ck_assert_msg(vmalloc_to_page(v + i * P) == rev[i],
			      "vmap(PAGE_KERNEL_EXEC): vmalloc_to_page(%p) is "
			      "pfn %lu, expected %lu: read the Linux PTE "
			      "(pte_offset_kernel()), whose bit 0 is "
			      "L_PTE_PRESENT; the hardware PTE's bit 0 is XN",
			      (void *)(v + i * P),
			      vmalloc_to_page(v + i * P)
				      ? page_to_pfn(vmalloc_to_page(v + i * P))
				      : 0,
			      page_to_pfn(rev[i]));
	vunmap(v);
	for (int i = 0; i < 3; i++) {
		ck_assert_int_eq(page_count(pages[i]), 1);
		__free_pages(pages[i], 0);
	}
}
END_TEST

/*
 * vmalloc_to_page() reads the Linux PTE (an old page is still there),
 * and refuses a pgd entry that holds a section.
 */
START_TEST(vmalloc_to_page_of_odd_entries)
{
	unsigned char *p = vmalloc(2 * P);
	const unsigned long sect = (VMALLOC_END - 4 * SZ_1M) & PMD_MASK;
	pmd_t *pmd = pmd_off_k(sect);
	pte_t *pte;
	struct page *page;

	ck_assert_ptr_nonnull(p);
	page = vmalloc_to_page(p + P);
	ck_assert_ptr_nonnull(page);
	/* make the second page old: no hardware entry, Linux PTE present */
	pte = virt_to_kpte(addr_of(p + P));
	set_pte_ext(pte, pte_mkold(*pte), 0);
	flush_tlb_kernel_page(addr_of(p + P));
	ck_assert_msg(vmalloc_to_page(p + P) == page,
		      "vmalloc_to_page() of an old page (Linux PTE %08x, no "
		      "hardware entry) gave %p: the Linux PTE says the page is "
		      "present, and that is what vmalloc_to_page() reads",
		      *pte, (void *)vmalloc_to_page(p + P));
	set_pte_ext(pte, pte_mkyoung(*pte), 0);
	ck_assert_msg(pmd_none(*pmd), "%#lx is mapped already", sect);
	pmd[0] = __pmd(0x60000000 | PMD_TYPE_SECT | PMD_SECT_AP_WRITE);
	printk_log_clear();
	ck_assert_msg(vmalloc_to_page((void *)(uintptr_t)(sect + 0x1234)) ==
			      NULL,
		      "vmalloc_to_page(%#lx), whose pgd entry is a section: "
		      "expected NULL (pmd_bad(): there is no PTE table to "
		      "read)",
		      sect + 0x1234);
	ck_assert_msg(printk_log_contains("WARNING"),
		      "vmalloc_to_page() of a section must WARN: the "
		      "vmalloc area is mapped by pages only");
	pmd_clear(pmd);
	flush_tlb_kernel_range(sect, sect + PMD_SIZE);
	vfree(p);
}
END_TEST

/* Given code: what /proc/vmallocinfo prints (ungraded). */
START_TEST(vmallocinfo_lines)
{
	void *p = vmalloc(4 * P);
	char buf[1024];
	struct seq_file m = { .buf = buf, .size = sizeof(buf) };
	unsigned long s, e, sz;
	int pages, n = 0;
	char rest[256];

	ck_assert_ptr_nonnull(p);
	vmallocinfo_show(&m);
	buf[m.count < sizeof(buf) ? m.count : sizeof(buf) - 1] = 0;
	printk("%s", buf);
	ck_assert_int_eq(sscanf(buf, "0x%lx-0x%lx %lu %*s pages=%d %255[^\n]%n",
				&s, &e, &sz, &pages, rest, &n),
			 5);
	ck_assert_uint_eq(s, addr_of(p));
	ck_assert_uint_eq(e - s, 5 * P);
	ck_assert_uint_eq(sz, 5 * P);
	ck_assert_int_eq(pages, 4);
	ck_assert_str_eq(rest, "vmalloc");
	vfree(p);
	m.count = 0;
	vmallocinfo_show(&m);
	buf[m.count < sizeof(buf) ? m.count : sizeof(buf) - 1] = 0;
	ck_assert_msg(strstr(buf, "unpurged vm_area"), "%s", buf);
}
END_TEST

/* Given code: vfree() of what vmalloc() did not give (ungraded). */
START_TEST(vfree_reports_misuse)
{
	unsigned char *p = vmalloc(P);

	ck_assert_ptr_nonnull(p);
	printk_log_clear();
	vfree(p + 8);
	ck_assert(printk_log_contains("Trying to vfree() bad address"));
	vfree((void *)(uintptr_t)(VMALLOC_END - 16 * P));
	ck_assert(printk_log_contains("Trying to vfree() nonexistent vm area"));
	vfree(p);
}
END_TEST

/*
 * Random vmalloc()/vfree()/purges against a model: the busy, free and
 * purge lists together cover [1, 4 GiB - 1) once, in address order, no
 * two free areas touching; every live area reads back what was written.
 */
START_TEST(random_vmalloc_against_a_model)
{
	enum { SLOTS = 40, STEPS = 600 };
	struct {
		unsigned char *p;
		unsigned int pages;
		unsigned char tag;
	} live[SLOTS] = { 0 };
	const unsigned int seed = 2626;
	unsigned int allocs = 0, frees = 0, purges = 0, biggest = 0;

	ktest_rng = seed;
	for (int step = 0; step < STEPS; step++) {
		unsigned int i = ktest_rand() % SLOTS;
		struct vmap_area *va;
		unsigned long covered = 1, busy = 0;

		if (live[i].p) {
			for (unsigned int j = 0; j < live[i].pages * P;
			     j += 509)
				ck_assert_msg(live[i].p[j] == live[i].tag,
					      "area %p: byte %u changed (seed "
					      "%u, step %d)",
					      (void *)live[i].p, j, seed, step);
			vfree(live[i].p);
			live[i].p = NULL;
			frees++;
		} else {
			unsigned int n = 1 + ktest_rand() % 16;

			if (ktest_rand() % 8 == 0)
				n += 64;
			live[i].p = vmalloc(n * P);
			ck_assert_ptr_nonnull(live[i].p);
			live[i].pages = n;
			live[i].tag = (unsigned char)(step | 1);
			memset(live[i].p, live[i].tag, n * P);
			allocs++;
			biggest = max(biggest, n);
		}
		if (ktest_rand() % 16 == 0) {
			purge_vmap_area_lazy();
			purges++;
		}
		/* every address once: walk busy and free in address order,
		   the purge list's areas are the holes between */
		{
			struct list_head *b = vmap_area_list.next;
			struct list_head *f = free_vmap_area_list.next;
			unsigned long lazy = 0, prev_free_end = 0;

			while (b != &vmap_area_list ||
			       f != &free_vmap_area_list) {
				struct vmap_area *vb =
					b != &vmap_area_list
						? list_entry(b,
							     struct vmap_area,
							     list)
						: NULL;
				struct vmap_area *vf =
					f != &free_vmap_area_list
						? list_entry(f,
							     struct vmap_area,
							     list)
						: NULL;

				va = (vb &&
				      (!vf || vb->va_start < vf->va_start))
					     ? vb
					     : vf;
				ck_assert_msg(va->va_start >= covered,
					      "%s area [%lx-%lx) overlaps the "
					      "one before it (ending %lx; seed "
					      "%u, step %d); free list%s",
					      va == vb ? "busy" : "free",
					      va->va_start, va->va_end, covered,
					      seed, step,
					      list_str(&free_vmap_area_list));
				lazy += (va->va_start - covered) >> PAGE_SHIFT;
				if (va == vf) {
					ck_assert_msg(
						va->va_start != prev_free_end,
						"free areas [..-%lx) and "
						"[%lx-..) touch: a freed area "
						"is merged with its free "
						"neighbours (seed %u, step %d)",
						prev_free_end, va->va_start,
						seed, step);
					prev_free_end = va->va_end;
					f = f->next;
				} else {
					busy++;
					b = b->next;
				}
				covered = va->va_end;
			}
			ck_assert_msg(covered == TOP,
				      "the lists cover up to %lx, not the top "
				      "(seed %u, step %d)",
				      covered, seed, step);
			ck_assert_msg(lazy == vmap_lazy_nr,
				      "%lu pages lie in no busy and no free "
				      "area, vmap_lazy_nr says %lu wait for "
				      "the purge (seed %u, step %d)",
				      lazy, vmap_lazy_nr, seed, step);
		}
		{
			unsigned long want = 0;

			for (int s = 0; s < SLOTS; s++)
				want += !!live[s].p;
			ck_assert_msg(busy == want,
				      "%lu busy areas, %lu live allocations "
				      "(seed %u, step %d)",
				      busy, want, seed, step);
		}
	}
	for (int s = 0; s < SLOTS; s++)
		vfree(live[s].p);
	printk("random: %u vmalloc, %u vfree, %u purges, up to %u pages "
	       "(seed %u)\n",
	       allocs, frees, purges, biggest, seed);
}
END_TEST

KTEST_SUITE(ch26) = {
	.chapter = "26",
	.title = "vmalloc",
	.boot = ktest_boot_paging,
	.tests = KTESTS(each_fit_type, free_merges_neighbours,
			vmalloc_maps_pages_in_order, guard_page_after_each_area,
			lazy_free_until_purge, vmap_of_given_pages,
			vmalloc_to_page_of_odd_entries, vmallocinfo_lines,
			vfree_reports_misuse, random_vmalloc_against_a_model),
};
