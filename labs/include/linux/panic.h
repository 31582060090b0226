/* SPDX-License-Identifier: GPL-2.0 */
/* panic(): the end of the machine (kernel/panic.c). */
#ifndef _LINUX_PANIC_H
#define _LINUX_PANIC_H

#include <linux/compiler.h>

__printf(1, 2) __noreturn void panic(const char *fmt, ...);

#define TAINT_BAD_PAGE 5
#define TAINT_FLAGS_COUNT 18
void add_taint(unsigned int flag);
const char *print_tainted(void);

#endif /* _LINUX_PANIC_H */
