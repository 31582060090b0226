// SPDX-License-Identifier: GPL-2.0
/*
 * Benchmarks of the page allocator (`make bench`), host only: they read
 * the host's monotonic clock.  Figures are printed, never asserted: a
 * test that fails on a slow machine would test the machine.
 *
 *   order-0 alloc+free pairs: per-CPU lists, the buddy alone (per-CPU
 *   lists in their boot pass-through state), glibc malloc/free of 4 KiB
 *   mixed orders 0-10 at 64 MiB and at 1 GiB of RAM
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include "mm/internal.h"
#include "ktest.h"

#define PAIRS 2000000L

void *volatile bench_sink;

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static double pairs_ns(void)
{
	double t = now_ns();

	for (long i = 0; i < PAIRS; i++)
		__free_pages(alloc_pages(GFP_KERNEL, 0), 0);
	return (now_ns() - t) / PAIRS;
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
	double pcp, buddy, libc, t;

	pcp = pairs_ns();
	pcp_pass_through();
	buddy = pairs_ns();
	t = now_ns();
	for (long i = 0; i < PAIRS; i++) {
		char *p = malloc(4096);

		/* touch and publish it, so the pair cannot be optimised away */
		p[0] = (char)i;
		bench_sink = p;
		free(p);
	}
	libc = (now_ns() - t) / PAIRS;
	printf("bench: order-0 alloc+free pairs (%ld each)\n", PAIRS);
	printf("bench:   per-CPU lists   %7.1f ns/pair\n", pcp);
	printf("bench:   buddy alone     %7.1f ns/pair  (%.2fx the per-CPU "
	       "path)\n",
	       buddy, buddy / pcp);
	printf("bench:   glibc malloc 4K %7.1f ns/pair  (per-CPU path is "
	       "%.2fx glibc)\n",
	       libc, pcp / libc);
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

KTEST_SUITE(bench) = {
	.chapter = "bench",
	.title = "Benchmarks of the page allocator",
	.boot = ktest_boot_alloc,
	.timeout = 120,
	.tests = KTESTS(order0_pairs, mixed_orders_by_ram_size),
};
