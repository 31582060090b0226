// SPDX-License-Identifier: GPL-2.0
/*
 * pingpong LETTER: three turns, each adding one to the word at
 * USER_DATA_ADDR and printing "LETTER count", with sched_yield() between
 * them.  Two of these, each in its own address space, print their own
 * counts at the same address, interleaved.
 */
#include "user.h"

int pingpong_main(long letter)
{
	volatile unsigned long *count =
		(volatile unsigned long *)USER_DATA_ADDR;
	char name[3] = { (char)letter, ' ', 0 };

	for (int i = 0; i < 3; i++) {
		*count += 1;
		print(name);
		print_dec((long)*count);
		puts("");
		sched_yield();
	}
	return 0;
}
