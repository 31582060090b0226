/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a module declares (include/linux/module.h and init.h), as
 * no-ops.
 *
 * This kernel loads no modules until chapter 31 (the modules area).
 * Code written as a module keeps a module's shape all the same, so
 * that it reads as the real thing: the tests call its init and exit
 * functions where insmod and rmmod would.
 */
#ifndef _LINUX_MODULE_H
#define _LINUX_MODULE_H

#define __init /* Linux: .init.text, freed after boot (chapter 11) */
#define __exit /* Linux: .exit.text, dropped when built in */

#define module_init(fn) \
	static int (*const __module_init)(void) __attribute__((unused)) = fn
#define module_exit(fn) \
	static void (*const __module_exit)(void) __attribute__((unused)) = fn
#define MODULE_LICENSE(s) \
	static const char __module_license[] __attribute__((unused)) = s
#define MODULE_DESCRIPTION(s) \
	static const char __module_description[] __attribute__((unused)) = s

#endif /* _LINUX_MODULE_H */
