/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Multiplicative hashing (include/linux/hash.h), 32-bit: the top @bits
 * bits of the value times the golden ratio.
 */
#ifndef _LINUX_HASH_H
#define _LINUX_HASH_H

#include <linux/types.h>

#define GOLDEN_RATIO_32 0x61C88647

static inline u32 hash_32(u32 val, unsigned int bits)
{
	return (val * GOLDEN_RATIO_32) >> (32 - bits);
}

/* Our pointers are 32 bits on the board; the host hashes the low 32. */
static inline u32 hash_ptr(const void *ptr, unsigned int bits)
{
	return hash_32((u32)(uintptr_t)ptr, bits);
}

#endif /* _LINUX_HASH_H */
