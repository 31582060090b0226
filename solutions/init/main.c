// SPDX-License-Identifier: GPL-2.0
/*
 * The end of boot (init/main.c's do_basic_setup()): the drivers' init
 * functions, which make their devices.
 *
 * SIMPLIFIED(v5.10): an explicit table in place of the .initcall*
 * sections that device_initcall() and friends fill at link time, and
 * one level where 5.10 has eight (pure to late).
 */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/printk.h>

int console_init(void); /* drivers/char/console.c: /dev/console */
int membuf_init(void); /* drivers/char/membuf.c: /dev/membuf */
int cmabuf_init(void); /* drivers/char/cmabuf.c: /dev/cmabuf */

static int (*const initcalls[])(void) = {
	console_init,
	membuf_init,
	cmabuf_init,
};

/* do_initcalls - run each; one that fails is reported, the rest go on */
void do_initcalls(void)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(initcalls); i++) {
		int ret = initcalls[i]();

		if (ret)
			pr_warn("initcall %pS returned %d\n",
				(void *)(uintptr_t)initcalls[i], ret);
	}
}
