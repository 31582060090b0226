/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Error numbers (include/uapi/asm-generic/errno-base.h), as far as the
 * kernel uses them.  <linux/migrate.h> defines some of them too, with
 * the same values.
 */
#ifndef _LINUX_ERRNO_H
#define _LINUX_ERRNO_H

#define ENOENT 2 /* no such file or entry: no init function matched */
#define EAGAIN 11
#define ENOMEM 12
#define EBUSY 16
#define EINVAL 22
#define ENOSPC 28 /* no space left: every slot taken */

#endif /* _LINUX_ERRNO_H */
