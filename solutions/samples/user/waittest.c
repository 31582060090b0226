// SPDX-License-Identifier: GPL-2.0
/*
 * waittest: fork three children, which exit with 1, 2 and 3; wait for
 * each (the parent sleeps in wait4() until one has ended) and print its
 * pid and exit status; then wait4() has no child left: -ECHILD (-10).
 */
#include "user.h"

int waittest_main(long arg)
{
	(void)arg;
	for (long i = 1; i <= 3; i++)
		if (fork() == 0)
			return (int)i;
	for (int i = 0; i < 3; i++) {
		int status = 0;
		long pid = wait4(-1, &status, 0, 0);

		print("waited for ");
		print_dec(pid);
		print(": exit ");
		print_dec((status >> 8) & 0xff);
		puts("");
	}
	print("then wait4 = ");
	print_dec(wait4(-1, 0, 0, 0));
	puts("");
	return 0;
}
