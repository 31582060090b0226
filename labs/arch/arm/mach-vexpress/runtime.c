// SPDX-License-Identifier: GPL-2.0
/*
 * What newlib lacks on a semihosted bare-metal board.
 *
 * mkstemp(): newlib's calls stat(), which semihosting cannot do, so the
 * Check test library could not create its temporary files.  This one
 * just opens the name (QEMU creates the file in its working directory).
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>

int mkstemp(char *template)
{
	static unsigned int counter;
	size_t n = strlen(template);

	for (int tries = 0; tries < 100; tries++) {
		unsigned int v = ++counter * 2654435761u;
		int fd;

		for (size_t i = n; i > 0 && template[i - 1] == 'X'; i--) {
			template[i - 1] = "abcdefghijklmnopqrstuvwxyz"[v % 26];
			v /= 26;
		}
		fd = open(template, O_RDWR | O_CREAT | O_TRUNC, 0600);
		if (fd >= 0)
			return fd;
	}
	return -1;
}

/* crti.o's hooks, called by newlib's init/fini; we link without it. */
void _init(void);
void _fini(void);

void _init(void)
{
}

void _fini(void)
{
}
