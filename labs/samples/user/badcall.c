// SPDX-License-Identifier: GPL-2.0
/*
 * badcall: a system call number no kernel knows, then write() with a
 * buffer the kernel must refuse to read for us: a kernel address, and a
 * user address nothing is mapped at.  Each must fail with an errno,
 * and the process go on.
 */
#include "user.h"

static void report(const char *what, long ret)
{
	print(what);
	print(" = ");
	print_dec(ret);
	puts("");
}

int badcall_main(long arg)
{
	report("syscall(9999)", syscall3(9999, 0, 0, 0));
	report("write(1, kernel address, 4)", write(1, (void *)arg, 4));
	report("write(1, unmapped, 4)", write(1, (void *)0x00900000UL, 4));
	report("write(9, \"x\", 1)", write(9, "x", 1));
	return 0;
}
