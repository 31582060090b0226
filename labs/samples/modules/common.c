// SPDX-License-Identifier: GPL-2.0
/*
 * A module with a common symbol, as -fcommon would leave an uninitialised
 * global: the loader cannot place it and refuses the module ("please
 * compile with -fno-common", chapter 31).
 */
#include <linux/module.h>

int common_counter __attribute__((common));

static int common_init(void)
{
	return common_counter;
}
module_init(common_init);

MODULE_LICENSE("GPL");
