// SPDX-License-Identifier: GPL-2.0
/*
 * mmaptest: three anonymous pages from mmap(), each written and read
 * back; then the middle one unmapped, the outer two still there.  With
 * an argument of 1 it then touches the hole, and dies of SIGSEGV.
 */
#include "user.h"

#define PAGE 4096UL

int mmaptest_main(long touch_hole)
{
	char *p = mmap(0, 3 * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if ((unsigned long)p >= MAP_FAILED_MIN) {
		print("mmap failed: ");
		print_dec((long)p);
		puts("");
		return 1;
	}
	print("mmap = ");
	print_hex((unsigned long)p);
	puts("");
	for (unsigned long i = 0; i < 3; i++) {
		if (p[i * PAGE] != 0)
			return 2; /* a new anonymous page reads as zeroes */
		p[i * PAGE] = (char)('a' + i);
	}
	print("munmap middle = ");
	print_dec(munmap(p + PAGE, PAGE));
	puts("");
	print("outer pages: ");
	print((char[]){ p[0], p[2 * PAGE], 0 });
	puts("");
	if (touch_hole)
		p[PAGE] = 'x'; /* SIGSEGV: nothing is mapped there now */
	return 0;
}
