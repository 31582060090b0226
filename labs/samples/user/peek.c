// SPDX-License-Identifier: GPL-2.0
/*
 * peek ADDR: read the word at ADDR and print it.  Given a kernel
 * address, the MMU refuses the read (a permission fault in user mode)
 * and the kernel kills the process with SIGSEGV.
 */
#include "user.h"

int peek_main(long addr)
{
	unsigned long v;

	print("peek ");
	print_hex((unsigned long)addr);
	print(": ");
	v = *(volatile unsigned long *)addr;
	print_hex(v);
	puts("");
	return 0;
}
