// SPDX-License-Identifier: GPL-2.0
/*
 * A module that uses a kernel variable only if the kernel has it: a weak
 * undefined symbol, which the loader resolves to 0 when nothing exports
 * it (chapter 31).
 */
#include <linux/module.h>

extern int no_such_variable __attribute__((weak));

static int weak_init(void)
{
	return &no_such_variable ? -1 : 0;
}
module_init(weak_init);

MODULE_LICENSE("GPL");
