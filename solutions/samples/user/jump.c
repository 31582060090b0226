// SPDX-License-Identifier: GPL-2.0
/*
 * jump ADDR: call the code at ADDR.  Where the VMA has no VM_EXEC, the
 * fetch is a prefetch abort and the kernel kills the process with
 * SIGSEGV (SEGV_ACCERR): data is not code.
 */
#include "user.h"

int jump_main(long addr)
{
	void (*fn)(void) = (void (*)(void))(unsigned long)addr;

	print("jump ");
	print_hex((unsigned long)addr);
	puts("");
	fn();
	puts("back");
	return 0;
}
