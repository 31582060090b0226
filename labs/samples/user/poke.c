// SPDX-License-Identifier: GPL-2.0
/* poke ADDR: write a word to ADDR, read it back and print it. */
#include "user.h"

int poke_main(long addr)
{
	volatile unsigned long *p = (volatile unsigned long *)addr;

	print("poke ");
	print_hex((unsigned long)addr);
	puts("");
	*p = 0x600dc0deUL;
	print_hex(*p);
	puts("");
	return 0;
}
