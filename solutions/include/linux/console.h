/* SPDX-License-Identifier: GPL-2.0 */
/* The console (include/linux/console.h, the part processes see). */
#ifndef _LINUX_CONSOLE_H
#define _LINUX_CONSOLE_H

#include <linux/fs.h>

/* /dev/console open O_RDWR: every process's 0, 1 and 2 (fs/file.c) */
extern struct file console_file;

#endif /* _LINUX_CONSOLE_H */
