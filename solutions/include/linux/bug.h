/* SPDX-License-Identifier: GPL-2.0 */
/*
 * BUG and WARN (include/asm-generic/bug.h).
 *
 * BUG() means the kernel's state is corrupt: it prints "kernel BUG at
 * file:line!" and then executes an undefined instruction, as ARM Linux
 * does, so the same exception path that reports any other oops ends the
 * current task.  WARN() means something odd but survivable: it prints a
 * "WARNING:" line with the culprit and carries on.  Both count events so
 * a test can check that misuse was reported.
 */
#ifndef _LINUX_BUG_H
#define _LINUX_BUG_H

#include <linux/compiler.h>

struct bug_counts {
	unsigned int bugs; /* BUG()s reached */
	unsigned int warnings; /* WARN()s that fired */
};
extern struct bug_counts bug_counts;

__noreturn void __bug(const char *file, int line);
__printf(3, 4) void __warn_printf(const char *file, int line, const char *fmt,
				  ...);

/* A condition the compiler can decide, refused when the build runs. */
#define BUILD_BUG_ON(cond) \
	_Static_assert(!(cond), "BUILD_BUG_ON failed: " #cond)

#define BUG() __bug(__FILE__, __LINE__)
#define BUG_ON(cond)                \
	do {                        \
		if (unlikely(cond)) \
			BUG();      \
	} while (0)

#define WARN(cond, fmt, ...)                                                   \
	({                                                                     \
		int __ret_warn = !!(cond);                                     \
		if (unlikely(__ret_warn))                                      \
			__warn_printf(__FILE__, __LINE__, fmt, ##__VA_ARGS__); \
		unlikely(__ret_warn);                                          \
	})
#define WARN_ON(cond) WARN(cond, "%s", "")

#define WARN_ON_ONCE(cond)                               \
	({                                               \
		static bool __warned;                    \
		int __ret_once = !!(cond);               \
		if (unlikely(__ret_once && !__warned)) { \
			__warned = true;                 \
			WARN_ON(1);                      \
		}                                        \
		unlikely(__ret_once);                    \
	})

#define WARN_ONCE(cond, fmt, ...)                        \
	({                                               \
		static bool __warned;                    \
		int __ret_once = !!(cond);               \
		if (unlikely(__ret_once && !__warned)) { \
			__warned = true;                 \
			WARN(1, fmt, ##__VA_ARGS__);     \
		}                                        \
		unlikely(__ret_once);                    \
	})

#endif /* _LINUX_BUG_H */
