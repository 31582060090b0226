// SPDX-License-Identifier: GPL-2.0
/*
 * cowtest: the parent writes its data word before fork() and again
 * right after, before the child has run; the child, when it runs, must
 * still see the value of the moment of the fork.  Then the child writes
 * its own, and the parent, after wait4(), must still see its own.
 */
#include "user.h"

int cowtest_main(long arg)
{
	volatile unsigned long *word = (volatile unsigned long *)USER_DATA_ADDR;
	int status = 0;
	long pid;

	(void)arg;
	*word = 1;
	pid = fork();
	if (pid == 0) {
		print("child sees ");
		print_dec((long)*word);
		*word = 3;
		print(", writes ");
		print_dec((long)*word);
		puts("");
		return 0;
	}
	*word = 2; /* before the child runs: it must not see this */
	wait4(pid, &status, 0, 0);
	print("parent sees ");
	print_dec((long)*word);
	puts("");
	return 0;
}
