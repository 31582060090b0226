// SPDX-License-Identifier: GPL-2.0
/* hello: a line on the console, the process's pid, and exit status 7. */
#include "user.h"

int hello_main(long arg)
{
	(void)arg;
	print("hello from user mode, pid ");
	print_dec(getpid());
	puts("");
	return 7;
}
