// SPDX-License-Identifier: GPL-2.0
/*
 * A module whose init fails, as a driver's does when its device is not
 * there: do_init_module() unloads it and returns the error (chapter 31).
 */
#include <linux/errno.h>
#include <linux/module.h>

extern int printk(const char *fmt, ...);

static int refuse_init(void)
{
	printk("refuse: no device, not staying\n");
	return -ENODEV;
}
module_init(refuse_init);

MODULE_LICENSE("GPL");
