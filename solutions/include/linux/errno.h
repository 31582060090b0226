/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The error numbers the kernel returns (include/linux/errno.h ->
 * include/uapi/asm-generic/errno-base.h), the ones this kernel uses.
 * Callers return them negated: -EINVAL.
 */
#ifndef _LINUX_ERRNO_H
#define _LINUX_ERRNO_H

#define ENOENT 2 /* No such file or directory */
#define EAGAIN 11 /* Try again */
#define ENOMEM 12 /* Out of memory */
#define EBUSY 16 /* Device or resource busy */
#define EINVAL 22 /* Invalid argument */
#define ENOSPC 28 /* No space left on device */
#define ENOSYS 38 /* Invalid system call number (errno.h) */

#endif /* _LINUX_ERRNO_H */
