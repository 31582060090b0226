// SPDX-License-Identifier: GPL-2.0
/*
 * A module that uses a kernel function the kernel does not export:
 * memblock is the boot's allocator, gone when modules load.  Loading it
 * fails with "Unknown symbol" (chapter 31).
 */
#include <linux/module.h>

extern void *memblock_alloc(unsigned long size, unsigned long align);

static int unknown_init(void)
{
	return memblock_alloc(4096, 4096) ? 0 : -1;
}
module_init(unknown_init);

MODULE_LICENSE("GPL");
