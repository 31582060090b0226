/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Integer logarithms and bit scans (include/linux/log2.h,
 * include/asm-generic/getorder.h).  Linux's fls(x) (find last set:
 * fls(1) = 1) is written ilog2(x) + 1 here: the board's C library
 * declares a different fls() in <strings.h>.
 */
#ifndef _LINUX_LOG2_H
#define _LINUX_LOG2_H

#include <asm/page.h>
#include <linux/types.h>

/* ilog2 - the log of base 2 of @n, rounded down (n > 0) */
static inline int ilog2(unsigned long n)
{
	return (int)(8 * sizeof(n)) - 1 - __builtin_clzl(n);
}

static inline bool is_power_of_2(unsigned long n)
{
	return n != 0 && (n & (n - 1)) == 0;
}

/* get_order - the smallest order whose block holds @size bytes */
static inline int get_order(unsigned long size)
{
	if (size <= PAGE_SIZE)
		return 0;
	return ilog2(size - 1) - PAGE_SHIFT + 1;
}

#endif /* _LINUX_LOG2_H */
