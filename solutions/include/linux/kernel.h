/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The everyday helpers of include/linux/kernel.h: alignment, rounding,
 * min/max, container_of, and the printk family.
 */
#ifndef _LINUX_KERNEL_H
#define _LINUX_KERNEL_H

#include <linux/compiler.h>
#include <linux/const.h>
#include <linux/kconfig.h>
#include <linux/printk.h>
#include <linux/types.h>

/* include/linux/limits.h */
#ifndef LONG_MAX
#define LONG_MAX __LONG_MAX__
#endif
#ifndef LLONG_MAX
#define LLONG_MAX __LONG_LONG_MAX__
#endif

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Round x up/down to a multiple of a, which must be a power of two. */
#define ALIGN(x, a) (((x) + ((__typeof__(x))(a)-1)) & ~((__typeof__(x))(a)-1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a)-1))
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a)-1)) == 0)

#define DIV_ROUND_UP(n, d) (((n) + (d)-1) / (d))
#define round_up(x, y) ALIGN(x, y)
#define round_down(x, y) ALIGN_DOWN(x, y)

#define min(a, b) ((a) < (b) ? (a) : (b))
#define max(a, b) ((a) > (b) ? (a) : (b))
#define clamp(val, lo, hi) min(max(val, lo), hi)
#define min_t(t, a, b) ((t)(a) < (t)(b) ? (t)(a) : (t)(b))
#define max_t(t, a, b) ((t)(a) > (t)(b) ? (t)(a) : (t)(b))

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr)-offsetof(type, member)))

/* lib/vsprintf.c: format as the kernel formats (%p, %#x of 0). */
__printf(3, 4) int scnprintf(char *buf, size_t size, const char *fmt, ...);
__printf(3, 0) int vscnprintf(char *buf, size_t size, const char *fmt,
			      va_list args);

#define SZ_1K 0x00000400
#define SZ_4K 0x00001000
#define SZ_16K 0x00004000
#define SZ_64K 0x00010000
#define SZ_128K 0x00020000
#define SZ_1M 0x00100000
#define SZ_2M 0x00200000
#define SZ_4M 0x00400000
#define SZ_16M 0x01000000
#define SZ_32M 0x02000000
#define SZ_128M 0x08000000
#define SZ_256M 0x10000000

#endif /* _LINUX_KERNEL_H */
