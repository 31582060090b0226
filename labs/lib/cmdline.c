// SPDX-License-Identifier: GPL-2.0
/*
 * Sizes on the kernel's command line (lib/cmdline.c): "vmalloc=64M".
 */
#include <stdlib.h>
#include <linux/cmdline.h>

/**
 * memparse - a size with an optional binary suffix
 * @ptr: the text: a number (0x for hex, 0 for octal) and K, M, G, T, P
 *       or E, either case, each 1024 times the one before
 * @retptr: if not NULL, set to the first character after the size
 *
 * Return: the size in bytes.
 */
unsigned long long memparse(const char *ptr, char **retptr)
{
	char *endptr;
	unsigned long long ret = strtoull(ptr, &endptr, 0);
	int shift = 0;

	switch (*endptr) {
	case 'E':
	case 'e':
		shift += 10;
		/* fall through */
	case 'P':
	case 'p':
		shift += 10;
		/* fall through */
	case 'T':
	case 't':
		shift += 10;
		/* fall through */
	case 'G':
	case 'g':
		shift += 10;
		/* fall through */
	case 'M':
	case 'm':
		shift += 10;
		/* fall through */
	case 'K':
	case 'k':
		shift += 10;
		endptr++;
		break;
	default:
		break;
	}
	if (retptr)
		*retptr = endptr;
	return ret << shift;
}
