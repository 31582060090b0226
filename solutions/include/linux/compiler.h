/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Compiler attributes under the kernel's names (include/linux/compiler*.h).
 * The C libraries (glibc, newlib) define some of the same names with the
 * same meaning; theirs are kept.
 */
#ifndef _LINUX_COMPILER_H
#define _LINUX_COMPILER_H

#ifndef __always_inline /* the C library may define it too */
#define __always_inline inline __attribute__((__always_inline__))
#endif
#ifndef __noreturn
#define __noreturn __attribute__((__noreturn__))
#endif
#ifndef __maybe_unused
#define __maybe_unused __attribute__((__unused__))
#endif
#ifndef __used
#define __used __attribute__((__used__))
#endif
#ifndef __aligned
#define __aligned(x) __attribute__((__aligned__(x)))
#endif
#ifndef __section
#define __section(s) __attribute__((__section__(s)))
#endif
#ifndef __printf
#define __printf(a, b) __attribute__((__format__(printf, a, b)))
#endif
#ifndef __weak
#define __weak __attribute__((__weak__))
#endif
/* A user address (sparse's address space 1): only uaccess.h reaches it. */
/* a switch case that goes on into the next, on purpose */
#define fallthrough __attribute__((__fallthrough__))

#define __user

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

/* A compiler barrier: memory accesses are not moved across it. */
#define barrier() __asm__ __volatile__("" : : : "memory")

/*
 * READ_ONCE/WRITE_ONCE: one access of the given width that the compiler
 * may neither split, merge nor omit; used for page-table entries.
 */
#define READ_ONCE(x) (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, val) (*(volatile __typeof__(x) *)&(x) = (val))

#endif /* _LINUX_COMPILER_H */
