// SPDX-License-Identifier: GPL-2.0
/*
 * brktest: the program break, brk(2) (the user side of lecture 42): the
 * heap starts where the data ends; it grows, holds what is written, and
 * shrinks; brk() refuses to go below its start or up to the guard of a
 * mapping above it, and then answers the old break.
 */
#include "user.h"

#define PAGE 4096L
#define GROWN (3 * PAGE + 100)

static void show_break(const char *what, long v)
{
	print(what);
	print_hex((unsigned long)v);
	puts("");
}

int brktest_main(long arg)
{
	long start = brk(0);
	char *heap = (char *)start;
	void *m;

	(void)arg;
	show_break("start ", start);
	show_break("grown to ", brk((unsigned long)(start + GROWN)));
	for (long i = 0; i < GROWN; i++)
		heap[i] = (char)i;
	for (long i = 0; i < GROWN; i++)
		if (heap[i] != (char)i) {
			puts("the heap lost a byte");
			return 1;
		}
	show_break("shrunk to ", brk((unsigned long)(start + PAGE)));
	show_break("below the start: ", brk((unsigned long)(start - PAGE)));
	m = mmap((void *)(start + 4 * PAGE), PAGE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	if ((unsigned long)m >= MAP_FAILED_MIN)
		return 2;
	show_break("up to a mapping: ", brk((unsigned long)(start + 4 * PAGE)));
	show_break("a page below it: ", brk((unsigned long)(start + 3 * PAGE)));
	return 0;
}
