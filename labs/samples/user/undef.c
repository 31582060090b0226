// SPDX-License-Identifier: GPL-2.0
/*
 * undef: an undefined instruction in user mode (the board's permanently
 * undefined 0xe7f000f0, the host's ud2).  The kernel kills the process
 * with SIGILL and goes on.
 */
#include "user.h"

int undef_main(long arg)
{
	(void)arg;
	puts("undef: about to execute an undefined instruction");
#ifdef __arm__
	__asm__ volatile(".word 0xe7f000f0");
#else
	__builtin_trap();
#endif
	puts("undef: survived");
	return 0;
}
