// SPDX-License-Identifier: GPL-2.0
/*
 * forktest: fork(), then each side changes the word at USER_DATA_ADDR
 * and a variable on its stack, and prints what it sees.  The child
 * returns 0 from fork() with its own copy of both; the parent yields so
 * that the child runs first, then finds its own copy unchanged.
 */
#include "user.h"

int forktest_main(long arg)
{
	volatile unsigned long *count =
		(volatile unsigned long *)USER_DATA_ADDR;
	volatile long local = arg;
	long pid;

	*count = 10;
	pid = fork();
	if (pid == 0) {
		*count += 1;
		local += 100;
		print("child: pid ");
		print_dec(getpid());
		print(", count ");
		print_dec((long)*count);
		print(", local ");
		print_dec(local);
		puts("");
		return 3;
	}
	sched_yield(); /* the child runs, and exits */
	print("parent: child ");
	print_dec(pid);
	print(", count ");
	print_dec((long)*count);
	print(", local ");
	print_dec(local);
	puts("");
	return 0;
}
