// SPDX-License-Identifier: GPL-2.0
/*
 * Benchmarks of the page allocator (`make bench`), host only: they read
 * the host's monotonic clock.  Figures are printed, never asserted: a
 * test that fails on a slow machine would test the machine.
 *
 *   order-0 alloc+free pairs: per-CPU lists, the buddy alone (per-CPU
 *   lists in their boot pass-through state), glibc malloc/free of 4 KiB
 *   mixed orders 0-10 at 64 MiB and at 1 GiB of RAM
 *   kmalloc+kfree pairs of 8 ... 4096 bytes beside glibc malloc+free of
 *   the same sizes, interleaved, 9 rounds: median and spread
 *   slab memory efficiency of a mixed workload beside glibc's
 *   the boot on the harness's map beside the boot on swapper_pg_dir
 *   the TLB model: an access through a cached translation (a host
 *   mapping), a miss (flush_tlb_kernel_page, SIGSEGV, walk, fill), a
 *   refill from a cached entry after CONTEXTIDR changed, counted by the
 *   port's counters
 *   the software table walk (chapter 16): translations per second through
 *   sections and through 4 KiB pages, and the table memory of 64 MiB
 *   mapped both ways, counted from the tables built, beside the sums
 *   vmalloc+vfree of 1, 16 and 256 pages beside alloc_pages of the same
 *   sizes and glibc mmap+munmap (chapter 26)
 *   kmap+kunmap and kmap_atomic+kunmap_atomic of a highmem page beside a
 *   lowmem page, a word read through each mapping (chapter 29)
 */
#include <stdio.h>
#include <malloc.h>
#include <stdlib.h>
#include <time.h>
#include <sys/mman.h>
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/vmstat.h>
#include <linux/slub_def.h>
#include <asm/mach/map.h>
#include <asm/pgtable.h>
#include <asm/pgwalk.h>
#include "mm/slab.h"
#include "mm/internal.h"
#include <asm/cp15.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include "ktest.h"

#define PAIRS 2000000L

void *volatile bench_sink;

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* order-0 pairs, each page touched as glibc's block is below */
static double pairs_ns(long pairs)
{
	double t = now_ns();

	for (long i = 0; i < pairs; i++) {
		struct page *page = alloc_pages(GFP_KERNEL, 0);
		char *p = page_address(page);

		p[0] = (char)i;
		bench_sink = p;
		__free_pages(page, 0);
	}
	return (now_ns() - t) / pairs;
}

/* A size the compiler cannot see, as most kmalloc() callers' are not. */
static size_t bench_size(size_t n)
{
	volatile size_t v = n;

	return v;
}

static double malloc_pairs_ns(size_t size, long pairs)
{
	size_t n = bench_size(size);
	double t = now_ns();

	for (long i = 0; i < pairs; i++) {
		char *p = malloc(n);

		/* touch and publish it, so the pair cannot be optimised away */
		p[0] = (char)i;
		bench_sink = p;
		free(p);
	}
	return (now_ns() - t) / pairs;
}

static int cmp_ns(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void pcp_pass_through(void)
{
	struct zone *zone;

	for_each_populated_zone(zone) for (int cpu = 0; cpu < NR_CPUS; cpu++)
	{
		drain_pages_zone(cpu, zone);
		zone->pageset[cpu].pcp.high = 0;
		zone->pageset[cpu].pcp.batch = 1;
	}
}

START_TEST(order0_pairs)
{
	enum { R = 9 };
	double pcp[R], libc[R], buddy;

	/* the contenders in turn, R rounds each: a drift of the machine's
	 * speed touches both */
	for (int r = 0; r < R; r++) {
		pcp[r] = pairs_ns(PAIRS / R);
		libc[r] = malloc_pairs_ns(4096, PAIRS / R);
	}
	qsort(pcp, R, sizeof(double), cmp_ns);
	qsort(libc, R, sizeof(double), cmp_ns);
	pcp_pass_through();
	buddy = pairs_ns(PAIRS / R);
	printf("bench: order-0 alloc+free pairs, each page touched (%d "
	       "interleaved rounds of %ld; median [min-max])\n",
	       R, PAIRS / R);
	printf("bench:   per-CPU lists   %5.1f [%5.1f-%5.1f] ns/pair\n",
	       pcp[R / 2], pcp[0], pcp[R - 1]);
	printf("bench:   glibc malloc 4K %5.1f [%5.1f-%5.1f] ns/pair  "
	       "(per-CPU path is %.2fx glibc)\n",
	       libc[R / 2], libc[0], libc[R - 1], pcp[R / 2] / libc[R / 2]);
	printf("bench:   buddy alone     %5.1f ns/pair  (%.2fx the per-CPU "
	       "path)\n",
	       buddy, buddy / pcp[R / 2]);
}
END_TEST

/* Random orders 0-10 over a fixed working set; ns per alloc or free. */
static double mixed_ns(const char *dtb)
{
	enum { SLOTS = 512, OPS = 400000 };
	static struct page *slot[SLOTS];
	static unsigned char order[SLOTS];
	unsigned int rng = 1;
	double t;

	ktest_reboot(dtb, ktest_boot_alloc);
	for (int i = 0; i < SLOTS; i++)
		slot[i] = NULL;
	t = now_ns();
	for (long op = 0; op < OPS; op++) {
		int i;

		rng = rng * 1103515245u + 12345u;
		i = (rng >> 8) % SLOTS;
		if (slot[i]) {
			__free_pages(slot[i], order[i]);
			slot[i] = NULL;
		} else {
			order[i] = (rng >> 20) % 4 ? (rng >> 16) % 3
						   : (rng >> 16) % MAX_ORDER;
			slot[i] = alloc_pages(GFP_KERNEL | __GFP_NOWARN,
					      order[i]);
		}
	}
	t = (now_ns() - t) / OPS;
	for (int i = 0; i < SLOTS; i++)
		if (slot[i])
			__free_pages(slot[i], order[i]);
	return t;
}

START_TEST(mixed_orders_by_ram_size)
{
	double small = mixed_ns("vexpress-64m");
	double big = mixed_ns("vexpress-1g");

	printf("bench: mixed orders 0-10 (400000 operations)\n");
	printf("bench:   64 MiB of RAM   %7.1f ns/op\n", small);
	printf("bench:   1 GiB of RAM    %7.1f ns/op  (%.2fx the 64 MiB cost, "
	       "for 16x the memory)\n",
	       big, big / small);
}
END_TEST

#define KPAIRS 1000000L
#define ROUNDS 9

static double kmalloc_pairs_ns(size_t size)
{
	size_t n = bench_size(size);
	double t = now_ns();

	for (long i = 0; i < KPAIRS; i++) {
		char *p = kmalloc(n, GFP_KERNEL);

		p[0] = (char)i;
		bench_sink = p;
		kfree(p);
	}
	return (now_ns() - t) / KPAIRS;
}

START_TEST(kmalloc_pairs_beside_glibc)
{
	static const size_t sizes[] = { 8, 64, 96, 192, 1024, 4096 };

	ktest_reboot("vexpress-256m", ktest_boot_slab);
	printf("bench: kmalloc+kfree pairs beside glibc malloc+free "
	       "(%ld pairs, %d interleaved rounds; median [min-max])\n",
	       KPAIRS, ROUNDS);
	for (unsigned int i = 0; i < ARRAY_SIZE(sizes); i++) {
		double k[ROUNDS], g[ROUNDS];

		for (int r = 0; r < ROUNDS; r++) {
			k[r] = kmalloc_pairs_ns(sizes[i]);
			g[r] = malloc_pairs_ns(sizes[i], KPAIRS);
		}
		qsort(k, ROUNDS, sizeof(double), cmp_ns);
		qsort(g, ROUNDS, sizeof(double), cmp_ns);
		printf("bench:   %4zu B  kmalloc %5.1f [%5.1f-%5.1f] ns  glibc "
		       "%5.1f [%5.1f-%5.1f] ns  ratio %.2fx\n",
		       sizes[i], k[ROUNDS / 2], k[0], k[ROUNDS - 1],
		       g[ROUNDS / 2], g[0], g[ROUNDS - 1],
		       k[ROUNDS / 2] / g[ROUNDS / 2]);
	}
}
END_TEST

/* Bytes of slab pages the kmalloc caches hold, and of large kmallocs. */
static unsigned long kmalloc_slab_bytes(void)
{
	unsigned long bytes = 0;

	for (int i = 0; i <= KMALLOC_SHIFT_HIGH; i++) {
		struct kmem_cache *s = kmalloc_caches[KMALLOC_NORMAL][i];

		if (s)
			bytes += s->node[0]->nr_slabs *
				 (PAGE_SIZE << oo_order(s->oo));
	}
	return bytes;
}

START_TEST(slab_memory_efficiency)
{
	/* sizes of a fixed distribution, weights in percent */
	static const struct {
		size_t lo, hi;
		unsigned int pct;
	} dist[] = {
		{ 8, 32, 30 },	   { 33, 96, 25 },    { 97, 256, 20 },
		{ 257, 1024, 15 }, { 1025, 4096, 8 }, { 4097, 8192, 2 },
	};
	enum { N = 20000 };
	static void *k[N], *g[N];
	unsigned long requested = 0, pages_before, pages_after;
	unsigned int rng = 7;
	struct mallinfo2 before, after;

	ktest_reboot("vexpress-256m", ktest_boot_slab);
	drain_all_pages(NULL);
	pages_before = zone_page_state(&NODE_DATA(0)->node_zones[ZONE_NORMAL],
				       NR_FREE_PAGES);
	unsigned long slab_before = kmalloc_slab_bytes();

	before = mallinfo2();
	for (int i = 0; i < N; i++) {
		unsigned int r, pct = 0, d = 0;

		rng = rng * 1103515245u + 12345u;
		r = (rng >> 8) % 100;
		while (r >= pct + dist[d].pct)
			pct += dist[d++].pct;
		rng = rng * 1103515245u + 12345u;
		size_t n =
			dist[d].lo + (rng >> 8) % (dist[d].hi - dist[d].lo + 1);

		requested += n;
		k[i] = kmalloc(bench_size(n), GFP_KERNEL);
		g[i] = malloc(n);
	}
	after = mallinfo2();
	drain_all_pages(NULL);
	pages_after = zone_page_state(&NODE_DATA(0)->node_zones[ZONE_NORMAL],
				      NR_FREE_PAGES);
	unsigned long slab = kmalloc_slab_bytes() - slab_before;
	unsigned long libc = (after.uordblks - before.uordblks) +
			     (after.hblkhd - before.hblkhd);

	printf("bench: memory of %d mixed requests (8 B - 8 KiB, %lu bytes "
	       "requested)\n",
	       N, requested);
	printf("bench:   kmalloc: %lu bytes of slab pages (%lu pages left "
	       "the buddy): %.1f%% used\n",
	       slab, pages_before - pages_after, 100.0 * requested / slab);
	printf("bench:   glibc:   %lu bytes in use (mallinfo2 uordblks + "
	       "hblkhd): %.1f%% used\n",
	       libc, 100.0 * requested / libc);
	for (int i = 0; i < N; i++) {
		kfree(k[i]);
		free(g[i]);
	}
}
END_TEST

/*
 * The boot to the slab allocator on the harness's identity map (the
 * stage of chapters 13-17) beside the same boot on the kernel's own
 * tables (chapter 18's stage: __create_page_tables, the MMU switch,
 * paging_init), interleaved rounds.
 */
#define BOOT_ROUNDS 9

START_TEST(boot_on_kernel_tables)
{
	double harness[BOOT_ROUNDS], kernel[BOOT_ROUNDS];

	for (int r = 0; r < BOOT_ROUNDS; r++) {
		double t0 = now_ns();

		ktest_reboot("vexpress-256m", ktest_boot_slab);
		harness[r] = (now_ns() - t0) / 1e6;
		t0 = now_ns();
		ktest_reboot("vexpress-256m", ktest_boot_paging);
		kernel[r] = (now_ns() - t0) / 1e6;
	}
	qsort(harness, BOOT_ROUNDS, sizeof(double), cmp_ns);
	qsort(kernel, BOOT_ROUNDS, sizeof(double), cmp_ns);
	printf("bench: boot to kmem_cache_init, vexpress-256m (%d interleaved "
	       "rounds; median [min-max])\n",
	       BOOT_ROUNDS);
	printf("bench:   harness identity map  %6.2f [%6.2f-%6.2f] ms\n",
	       harness[BOOT_ROUNDS / 2], harness[0], harness[BOOT_ROUNDS - 1]);
	printf("bench:   swapper_pg_dir (ch18) %6.2f [%6.2f-%6.2f] ms\n",
	       kernel[BOOT_ROUNDS / 2], kernel[0], kernel[BOOT_ROUNDS - 1]);
}
END_TEST

/* 64 small pages at the vmalloc range's first free megabyte. */
#define TLB_PAGES 64

static u32 tlb_bench_map(struct page **l2p)
{
	u32 *pgd = (u32 *)__va(cpu_get_ttbr(0) & ~0x3fffU);
	u32 idx = 0xf0000000U >> SECTION_SHIFT, *l2;
	struct page *data = alloc_pages(GFP_KERNEL, 6);

	while (pgd[idx])
		idx++;
	*l2p = alloc_page(GFP_KERNEL | __GFP_ZERO);
	ck_assert_ptr_nonnull(*l2p);
	ck_assert_ptr_nonnull(data);
	l2 = page_address(*l2p);
	for (int i = 0; i < TLB_PAGES; i++)
		l2[i] = (u32)(page_to_pfn(data) + i) << PAGE_SHIFT |
			PTE_TYPE_SMALL | PTE_EXT_AP_UNO_SRW | PTE_BUFFERABLE |
			PTE_CACHEABLE | PTE_EXT_TEX(1);
	pgd[idx] = (u32)__pa((unsigned long)l2) | PMD_TYPE_TABLE;
	return idx << SECTION_SHIFT;
}

/* in this order, so that each round starts from the state it expects */
enum tlb_bench { TLB_HIT, TLB_FLUSH, TLB_MISS, TLB_REFILL };

/* ns per access of @kind over the 64 pages, @rounds times */
static double tlb_round_ns(u32 va, enum tlb_bench kind, int rounds)
{
	volatile u32 sink = 0;
	double t = now_ns();

	for (int r = 0; r < rounds; r++) {
		if (kind == TLB_REFILL) /* drops host mappings, not entries */
			cpu_set_contextidr(cpu_get_contextidr());
		for (u32 a = va; a < va + TLB_PAGES * PAGE_SIZE;
		     a += PAGE_SIZE) {
			if (kind == TLB_MISS || kind == TLB_FLUSH)
				local_flush_tlb_kernel_page(a);
			if (kind != TLB_FLUSH)
				sink += *(volatile u32 *)(uintptr_t)a;
		}
	}
	(void)sink;
	return (now_ns() - t) / ((double)rounds * TLB_PAGES);
}

START_TEST(tlb_miss_vs_hit)
{
	enum { R = 9, ROUNDS_PER = 20 };
	static const char *const names[] = {
		"hit (host mapping)",
		"flush alone",
		"miss: flush+walk+fill",
		"refill from an entry",
	};
	double ns[4][R];
	struct machine_tlb_stats a, b;
	struct page *l2p;
	u32 va;

	ktest_reboot("vexpress-256m", ktest_boot_slab);
	va = tlb_bench_map(&l2p);
	tlb_round_ns(va, TLB_HIT, 1);
	machine_tlb_stats(&a);
	for (int r = 0; r < R; r++)
		for (int k = 0; k < 4; k++)
			ns[k][r] = tlb_round_ns(va, k, ROUNDS_PER);
	machine_tlb_stats(&b);
	printf("bench: the host's TLB model, %d pages (%d interleaved "
	       "rounds of %d; median [min-max])\n",
	       TLB_PAGES, R, ROUNDS_PER);
	for (int k = 0; k < 4; k++) {
		qsort(ns[k], R, sizeof(double), cmp_ns);
		printf("bench:   %-22s %8.1f [%8.1f-%8.1f] ns/access\n",
		       names[k], ns[k][R / 2], ns[k][0], ns[k][R - 1]);
	}
	printf("bench:   a miss costs %.0fx a hit: %.0f ns of SIGSEGV and "
	       "mmap (as a refill), %.0f ns of walk, lookup and flush\n",
	       ns[TLB_MISS][R / 2] / ns[TLB_HIT][R / 2], ns[TLB_REFILL][R / 2],
	       ns[TLB_MISS][R / 2] - ns[TLB_REFILL][R / 2]);
	printf("bench:   counters: %llu walks, %llu hits, %llu TLBIMVA "
	       "(expected %d walks, %d hits, %d TLBIMVA)\n",
	       (unsigned long long)(b.walks - a.walks),
	       (unsigned long long)(b.hits - a.hits),
	       (unsigned long long)(b.tlbimva - a.tlbimva),
	       R * ROUNDS_PER * TLB_PAGES, R * ROUNDS_PER * TLB_PAGES,
	       2 * R * ROUNDS_PER * TLB_PAGES);
}
END_TEST

#define MAP_VA 0xd0000000U
#define MAP_MB 64

/* 64 MiB at MAP_VA in 4 KiB pages: one coarse table per megabyte. */
static unsigned long map_64m_pages(u32 *l1, struct page **pool)
{
	unsigned long bytes = HW_L1_TABLE_BYTES;

	for (int mb = 0; mb < MAP_MB; mb++) {
		u32 *t = (u32 *)page_address(pool[mb / 4]) + (mb % 4) * 256;

		l1[(MAP_VA >> 20) + mb] = (u32)__pa(t) | PMD_TYPE_TABLE;
		for (int i = 0; i < HW_L2_ENTRIES; i++)
			t[i] = (0x60000000U + (mb << 20) + (i << 12)) |
			       PTE_TYPE_SMALL | PTE_EXT_AP0 | PTE_CACHEABLE |
			       PTE_BUFFERABLE;
		bytes += HW_L2_TABLE_BYTES;
	}
	return bytes;
}

static double walks_per_s(const u32 *l1, long n)
{
	struct hw_translation t;
	u32 sum = 0;
	double t0 = now_ns();

	for (long i = 0; i < n; i++) {
		hw_walk_tables(
			l1, MAP_VA + (u32)((i * 40503U) % (MAP_MB << 20)), &t);
		sum += t.pa;
	}
	bench_sink = (void *)(uintptr_t)sum;
	return n / ((now_ns() - t0) / 1e9);
}

START_TEST(table_walk_and_table_memory)
{
	enum { R = 9 };
	const long n = 1000000 / R;
	struct page *l1s = alloc_pages(GFP_KERNEL | __GFP_ZERO, 2);
	struct page *l1p = alloc_pages(GFP_KERNEL | __GFP_ZERO, 2);
	struct page *pool[MAP_MB / 4];
	u32 *sect = page_address(l1s), *pages = page_address(l1p);
	struct map_desc md = { MAP_VA, 0x60000, MAP_MB << 20, MT_MEMORY_RWX };
	struct pt_range rs = { MAP_VA, MAP_MB << 20, SZ_1M };
	struct pt_range rp = { MAP_VA, MAP_MB << 20, SZ_4K };
	unsigned long sect_bytes = HW_L1_TABLE_BYTES, page_bytes;
	double ws[R], wp[R];
	int coarse = 0;

	for (int i = 0; i < MAP_MB / 4; i++)
		pool[i] = alloc_page(GFP_KERNEL);
	ck_assert_int_eq(create_section_mapping((pgd_t *)sect, &md), 0);
	page_bytes = map_64m_pages(pages, pool);
	for (int i = 0; i < HW_L1_ENTRIES; i++) {
		coarse += (pages[i] & PMD_TYPE_MASK) == PMD_TYPE_TABLE;
		if ((sect[i] & PMD_TYPE_MASK) == PMD_TYPE_TABLE)
			sect_bytes += HW_L2_TABLE_BYTES;
	}
	for (int r = 0; r < R; r++) {
		ws[r] = walks_per_s(sect, n);
		wp[r] = walks_per_s(pages, n);
	}
	qsort(ws, R, sizeof(double), cmp_ns);
	qsort(wp, R, sizeof(double), cmp_ns);
	printf("bench: software table walk, hw_walk_tables() (%d interleaved "
	       "rounds of %ld; median [min-max])\n",
	       R, n);
	printf("bench:   through sections  %6.1f [%6.1f-%6.1f] M "
	       "translations/s\n",
	       ws[R / 2] / 1e6, ws[0] / 1e6, ws[R - 1] / 1e6);
	printf("bench:   through 4K pages  %6.1f [%6.1f-%6.1f] M "
	       "translations/s\n",
	       wp[R / 2] / 1e6, wp[0] / 1e6, wp[R - 1] / 1e6);
	printf("bench: table memory for 64 MiB (tables built; the sum)\n");
	printf("bench:   sections  %6lu bytes (L1 only); "
	       "two_level_table_bytes %lu\n",
	       sect_bytes, two_level_table_bytes(&rs, 1));
	printf("bench:   4K pages  %6lu bytes (L1 + %d coarse tables); "
	       "two_level_table_bytes %lu; flat table %llu\n",
	       page_bytes, coarse, two_level_table_bytes(&rp, 1),
	       (unsigned long long)flat_table_bytes(32, 12));
	ck_assert_uint_eq(page_bytes, two_level_table_bytes(&rp, 1));
	for (int i = 0; i < MAP_MB / 4; i++)
		__free_pages(pool[i], 0);
	__free_pages(l1s, 2);
	__free_pages(l1p, 2);
}
END_TEST

/* vmalloc+vfree pairs of @pages pages; the purges fall in their share */
static double vmalloc_pairs_ns(unsigned long pages, long pairs)
{
	double t = now_ns();

	for (long i = 0; i < pairs; i++) {
		void *p = vmalloc(pages * PAGE_SIZE);

		bench_sink = p;
		vfree(p);
	}
	return (now_ns() - t) / pairs;
}

static double pages_pairs_ns(unsigned int order, long pairs)
{
	double t = now_ns();

	for (long i = 0; i < pairs; i++) {
		struct page *page = alloc_pages(GFP_KERNEL, order);

		bench_sink = page;
		__free_pages(page, order);
	}
	return (now_ns() - t) / pairs;
}

static double mmap_pairs_ns(unsigned long pages, long pairs)
{
	double t = now_ns();

	for (long i = 0; i < pairs; i++) {
		void *p = mmap(NULL, pages * 4096, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		bench_sink = p;
		munmap(p, pages * 4096);
	}
	return (now_ns() - t) / pairs;
}

/*
 * Chapter 26: vmalloc+vfree of 1, 16 and 256 pages beside alloc_pages
 * of the same size (orders 0, 4, 8) and glibc's mmap+munmap, no page
 * touched (mmap maps lazily; vmalloc and alloc_pages do not), on the
 * kernel's own page tables.  Interleaved rounds, median and spread.
 */
START_TEST(vmalloc_beside_alloc_pages)
{
	enum { R = 9 };
	static const unsigned int orders[] = { 0, 4, 8 };
	static const long pairs[] = { 20000, 8000, 1000 };

	ktest_reboot("vexpress-256m", ktest_boot_paging);
	printf("bench: vmalloc+vfree beside alloc_pages+__free_pages and "
	       "glibc mmap+munmap, no page touched (%d interleaved rounds; "
	       "median [min-max] ns/pair)\n",
	       R);
	for (unsigned int k = 0; k < ARRAY_SIZE(orders); k++) {
		unsigned long pages = 1UL << orders[k];
		double v[R], a[R], m[R];

		for (int r = 0; r < R; r++) {
			v[r] = vmalloc_pairs_ns(pages, pairs[k] / R);
			a[r] = pages_pairs_ns(orders[k], pairs[k] / R);
			m[r] = mmap_pairs_ns(pages, pairs[k] / R);
		}
		qsort(v, R, sizeof(double), cmp_ns);
		qsort(a, R, sizeof(double), cmp_ns);
		qsort(m, R, sizeof(double), cmp_ns);
		printf("bench:   %3lu pages: vmalloc %8.0f [%.0f-%.0f]  "
		       "alloc_pages %6.0f [%.0f-%.0f]  mmap %6.0f [%.0f-%.0f]"
		       "  (vmalloc %.1fx alloc_pages)\n",
		       pages, v[R / 2], v[0], v[R - 1], a[R / 2], a[0],
		       a[R - 1], m[R / 2], m[0], m[R - 1], v[R / 2] / a[R / 2]);
	}
}
END_TEST

#ifdef CONFIG_HIGHMEM
/* kmap()+kunmap() of @n pages in turn, a word read through each */
static double kmap_pairs_ns(struct page **pages, int n, long pairs)
{
	double t = now_ns();

	for (long i = 0; i < pairs; i++) {
		struct page *page = pages[i % n];
		u32 *v = kmap(page);

		bench_sink = (void *)(uintptr_t) * (volatile u32 *)v;
		kunmap(page);
	}
	return (now_ns() - t) / pairs;
}

static double kmap_atomic_pairs_ns(struct page *page, long pairs)
{
	double t = now_ns();

	for (long i = 0; i < pairs; i++) {
		u32 *v = kmap_atomic(page);

		bench_sink = (void *)(uintptr_t) * (volatile u32 *)v;
		kunmap_atomic(v);
	}
	return (now_ns() - t) / pairs;
}

/*
 * Chapter 29: the price of a window onto highmem.  A lowmem page's
 * kmap() is its linear address; a highmem page's is a pkmap slot: the
 * same page again finds its slot (count 1 -> 2), 2048 pages in turn
 * search, wrap and flush (four laps of the 512 slots).  kmap_atomic()
 * of a highmem page writes a fixmap PTE and flushes its TLB entry each
 * time (and, with CONFIG_DEBUG_HIGHMEM, clears it again): on the host
 * the first read after each flush is a simulated TLB miss (SIGSEGV,
 * walk, host mapping), which is most of the cost.
 */
START_TEST(kmap_highmem_beside_lowmem)
{
	enum { R = 9, N = 2048 };
	static struct page *high[N];
	struct page *low;
	double t[5][R];
	static const char *const what[] = {
		"kmap lowmem page        ", "kmap highmem, same page  ",
		"kmap highmem, 2048 pages", "kmap_atomic lowmem page ",
		"kmap_atomic highmem page",
	};

	ktest_reboot("vexpress-1g", ktest_boot_highmem);
	low = alloc_page(GFP_KERNEL);
	for (int i = 0; i < N; i++)
		high[i] = alloc_page(GFP_HIGHUSER);
	printf("bench: kmap+kunmap and kmap_atomic+kunmap_atomic, a word "
	       "read through each (%d interleaved rounds; median [min-max] "
	       "ns/pair)\n",
	       R);
	for (int r = 0; r < R; r++) {
		t[0][r] = kmap_pairs_ns(&low, 1, 200000 / R);
		t[1][r] = kmap_pairs_ns(high, 1, 200000 / R);
		t[2][r] = kmap_pairs_ns(high, N, 40000 / R);
		t[3][r] = kmap_atomic_pairs_ns(low, 200000 / R);
		t[4][r] = kmap_atomic_pairs_ns(high[0], 40000 / R);
	}
	for (int k = 0; k < 5; k++) {
		qsort(t[k], R, sizeof(double), cmp_ns);
		printf("bench:   %s %8.0f [%.0f-%.0f]  (%.1fx lowmem)\n",
		       what[k], t[k][R / 2], t[k][0], t[k][R - 1],
		       t[k][R / 2] / t[k < 3 ? 0 : 3][R / 2]);
	}
}
END_TEST
#else
START_TEST(kmap_highmem_beside_lowmem)
{
	printf("bench: kmap: no highmem in a kernel without CONFIG_HIGHMEM\n");
}
END_TEST
#endif

KTEST_SUITE(bench) = {
	.chapter = "bench",
	.title = "Benchmarks of the page allocator",
	.boot = ktest_boot_alloc,
	.timeout = 120,
	.tests = KTESTS(order0_pairs, mixed_orders_by_ram_size,
			kmalloc_pairs_beside_glibc, slab_memory_efficiency,
			boot_on_kernel_tables, tlb_miss_vs_hit,
			table_walk_and_table_memory, vmalloc_beside_alloc_pages,
			kmap_highmem_beside_lowmem),
};
