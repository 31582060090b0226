// SPDX-License-Identifier: GPL-2.0
/*
 * protecttest HOW: a page mapped and written, then given PROT_READ
 * (HOW 0) or PROT_NONE (HOW 1) with mprotect(), and touched again: a
 * write after PROT_READ, a read after PROT_NONE.  Each must be a
 * SIGSEGV (SEGV_ACCERR): the TLB held the page writable, and mprotect()
 * flushes that.
 */
#include "user.h"

int protecttest_main(long how)
{
	volatile unsigned long *p = mmap(0, 4096, PROT_READ | PROT_WRITE,
					 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	long ret;

	if ((unsigned long)p >= MAP_FAILED_MIN) {
		puts("protecttest: mmap failed");
		return 1;
	}
	*p = 1;
	ret = mprotect((void *)p, 4096, how ? PROT_NONE : PROT_READ);
	print("mprotect ");
	print_dec(ret);
	if (how) {
		puts(", read");
		print_hex(*p);
	} else {
		print(", reads ");
		print_hex(*p);
		puts(", writes");
		*p = 2;
	}
	puts(" and lives");
	return 0;
}
