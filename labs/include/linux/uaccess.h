/* SPDX-License-Identifier: GPL-2.0 */
/* The kernel's way into user memory (include/linux/uaccess.h). */
#ifndef _LINUX_UACCESS_H
#define _LINUX_UACCESS_H

#include <asm/uaccess.h>

/* lib/strncpy_from_user.c: a string of the process, at most @count */
long strncpy_from_user(char *dst, const char __user *src, long count);

#endif /* _LINUX_UACCESS_H */
