// SPDX-License-Identifier: GPL-2.0
/*
 * The user library's few functions.  Numbers are formatted without a
 * division instruction the Cortex-A9 lacks: dividing by the constant 10
 * the compiler turns into a multiplication, so no libgcc helper (which
 * lives in the kernel's text, out of a process's reach) is called.
 */
#include "user.h"

unsigned long strlen(const char *s)
{
	unsigned long n = 0;

	while (s[n])
		n++;
	return n;
}

int print(const char *s)
{
	return (int)write(1, s, strlen(s));
}

int puts(const char *s)
{
	int n = print(s);

	return n < 0 ? n : n + (int)write(1, "\n", 1);
}

int print_hex(unsigned long v)
{
	char buf[11];

	buf[0] = '0';
	buf[1] = 'x';
	for (int i = 0; i < 8; i++)
		buf[2 + i] = "0123456789abcdef"[(v >> (28 - 4 * i)) & 0xf];
	buf[10] = 0;
	return print(buf);
}

int print_dec(long v)
{
	char buf[12], *p = buf + sizeof(buf) - 1;
	unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;

	*p = 0;
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--p = '-';
	return print(p);
}

/* A loop: the user image has no memcpy(). */
void copy(char *to, const char *from, unsigned long n)
{
	for (unsigned long i = 0; i < n; i++)
		to[i] = from[i];
}

/* The first byte of [@a, @a + @n) where @a and @b differ, or -1. */
long differs(const char *a, const char *b, long n)
{
	for (long i = 0; i < n; i++)
		if (a[i] != b[i])
			return i;
	return -1;
}

/* "@what = @v" on a line: a call's answer, as the tests read it */
void show(const char *what, long v)
{
	print(what);
	print(" = ");
	print_dec(v);
	puts("");
}

/* Every program starts here: the kernel sets pc, r0 = main, r1 = arg. */
void user_start(unsigned long main_va, long arg)
{
	user_main_t main = (user_main_t)user_fn(main_va);

	exit(main(arg));
}
