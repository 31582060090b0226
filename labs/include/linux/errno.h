/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The error numbers the kernel returns (include/linux/errno.h ->
 * include/uapi/asm-generic/errno-base.h), negated: -EINVAL.
 *
 * On the host this file hides the system's <linux/errno.h>, which
 * glibc's <errno.h> includes for the numbers; so there it includes the
 * system's (Linux's own table, the same values).  The board's C library
 * has no such header: the numbers this kernel uses are defined here,
 * unless newlib's <errno.h> came first (its ENOSYS differs; no caller
 * compares against a number).
 */
#ifndef _LINUX_ERRNO_H
#define _LINUX_ERRNO_H

#if __has_include_next(<linux/errno.h>)
#include_next <linux/errno.h>
#else
#ifndef EPERM
#define EPERM 1 /* Operation not permitted */
#endif
#ifndef ENOENT
#define ENOENT 2 /* No such file or directory */
#endif
#ifndef EIO
#define EIO 5 /* I/O error */
#endif
#ifndef ENOEXEC
#define ENOEXEC 8 /* Exec format error */
#endif
#ifndef EBADF
#define EBADF 9 /* Bad file number */
#endif
#ifndef ECHILD
#define ECHILD 10 /* No child processes */
#endif
#ifndef EAGAIN
#define EAGAIN 11 /* Try again */
#endif
#ifndef ENOMEM
#define ENOMEM 12 /* Out of memory */
#endif
#ifndef EACCES
#define EACCES 13 /* Permission denied */
#endif
#ifndef EFAULT
#define EFAULT 14 /* Bad address */
#endif
#ifndef EBUSY
#define EBUSY 16 /* Device or resource busy */
#endif
#ifndef EEXIST
#define EEXIST 17 /* File exists */
#endif
#ifndef EFBIG
#define EFBIG 27 /* File too large */
#endif
#ifndef ENODEV
#define ENODEV 19 /* No such device */
#endif
#ifndef EINVAL
#define EINVAL 22 /* Invalid argument */
#endif
#ifndef ENOSPC
#define EMFILE 24 /* Too many open files */
#define ENOSPC 28 /* No space left on device */
#define ESPIPE 29 /* Illegal seek */
#endif
#ifndef ENOSYS
#define ENAMETOOLONG 36 /* File name too long */
#define ENOSYS 38 /* Invalid system call number */
#define EOVERFLOW 75 /* Value too large for defined data type */
#endif
#endif

/* Never seen by a process: the system call is run again (5.10's value) */
#define ERESTARTNOINTR 513

#endif /* _LINUX_ERRNO_H */
