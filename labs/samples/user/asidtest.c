// SPDX-License-Identifier: GPL-2.0
/*
 * asidtest N: N children alive at once, each writing its pid into its
 * own copy of the data page and reading it back across sched_yield()s,
 * while the others run.  With more processes than ASIDs the allocator
 * rolls over; a child that ever reads another's pid saw a TLB entry
 * of another address space.  Exit status: how many children did.
 */
#include "user.h"

static int child(void)
{
	volatile long *word = (volatile long *)USER_DATA_ADDR;
	long me = getpid();

	for (int k = 0; k < 4; k++) {
		*word = me;
		sched_yield();
		if (*word != me)
			return 1;
	}
	return 0;
}

int asidtest_main(long n)
{
	int bad = 0, status = 0;

	for (long i = 0; i < n; i++) {
		long pid = fork();

		if (pid == 0)
			exit(child());
		if (pid < 0) {
			print("asidtest: fork failed: ");
			print_dec(pid);
			puts("");
			return 255;
		}
	}
	for (long i = 0; i < n; i++) {
		if (wait4(-1, &status, 0, 0) < 0)
			return 255;
		if (status)
			bad++;
	}
	print("asidtest: ");
	print_dec(n);
	print(" children, ");
	print_dec(bad);
	puts(" saw another's memory");
	return bad;
}
