/* SPDX-License-Identifier: GPL-2.0 */
/* The kernel's way into user memory (include/linux/uaccess.h). */
#ifndef _LINUX_UACCESS_H
#define _LINUX_UACCESS_H

#include <asm/uaccess.h>

#endif /* _LINUX_UACCESS_H */
