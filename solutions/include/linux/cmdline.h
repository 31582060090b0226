/* SPDX-License-Identifier: GPL-2.0 */
/* Parsing the kernel's command line (lib/cmdline.c). */
#ifndef _LINUX_CMDLINE_H
#define _LINUX_CMDLINE_H

unsigned long long memparse(const char *ptr, char **retptr);

#endif /* _LINUX_CMDLINE_H */
