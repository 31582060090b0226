// SPDX-License-Identifier: GPL-2.0
/*
 * badcall: a system call number no kernel knows, then write() with a
 * buffer the kernel must refuse to read for us: a kernel address, and a
 * user address nothing is mapped at.  Each must fail with an errno,
 * and the process go on.
 */
#include "user.h"

int badcall_main(long arg)
{
	show("syscall(9999)", syscall3(9999, 0, 0, 0));
	show("write(1, kernel address, 4)", write(1, (void *)arg, 4));
	show("write(1, unmapped, 4)", write(1, (void *)0x00900000UL, 4));
	show("write(9, \"x\", 1)", write(9, "x", 1));
	return 0;
}
