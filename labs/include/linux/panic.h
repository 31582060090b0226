/* SPDX-License-Identifier: GPL-2.0 */
/* panic(): the end of the machine (kernel/panic.c). */
#ifndef _LINUX_PANIC_H
#define _LINUX_PANIC_H

#include <linux/compiler.h>

__printf(1, 2) __noreturn void panic(const char *fmt, ...);

#endif /* _LINUX_PANIC_H */
