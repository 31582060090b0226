// SPDX-License-Identifier: GPL-2.0
/*
 * The programming example of lecture 7 (编程示例：使用页分配器接口申请
 * 内存): a small driver that gets all its memory from the page
 * allocator, written as a module.
 *
 *   pagebuf_init()   module_init: a 16 KiB buffer the driver writes
 *                    through its address, a zeroed page for a table,
 *                    and a page for user data, which may be HighMem
 *   pagebuf_exit()   module_exit: each block back, with the order it
 *                    was allocated with
 *
 * It uses both families of include/linux/gfp.h: __get_free_pages()
 * and get_zeroed_page() give addresses, for memory the driver touches
 * itself; alloc_page() gives a struct page, for memory it only hands
 * on.  Linux keeps such code in samples/; ours lives in mm/ so that it
 * is built with the kernel, and the tests of chapter 7 load and unload
 * it (autograder/tests/ch07.c).
 */
#include <linux/errno.h>
#include <string.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/module.h>
#include "internal.h"

//> ch07 pagebuf
#define PAGEBUF_ORDER 2 /* 4 pages: 16 KiB */

struct pagebuf pagebuf;

/**
 * pagebuf_init - get the driver's memory, as module_init() would
 *
 * Process context, allowed to sleep: GFP_KERNEL.  A failure frees what
 * was already taken, in reverse order.
 * Return: 0, or -ENOMEM with nothing allocated.
 */
int __init pagebuf_init(void)
{
	/* written through its address: lowmem, by address */
	pagebuf.buf = __get_free_pages(GFP_KERNEL, PAGEBUF_ORDER);
	if (!pagebuf.buf)
		goto err_buf;
	memset((void *)pagebuf.buf, 0x5a, PAGE_SIZE << PAGEBUF_ORDER);

	/* a table that must start empty */
	pagebuf.table = get_zeroed_page(GFP_KERNEL);
	if (!pagebuf.table)
		goto err_table;

	/* handed to user space, never read by the driver: any zone */
	pagebuf.user = alloc_page(GFP_HIGHUSER_MOVABLE);
	if (!pagebuf.user)
		goto err_user;

	pr_info("pagebuf: buf %#lx (pfn %#lx, order %d), table %#lx, "
		"user pfn %#lx (%s)\n",
		pagebuf.buf, page_to_pfn(virt_to_page(pagebuf.buf)),
		PAGEBUF_ORDER, pagebuf.table, page_to_pfn(pagebuf.user),
		page_zone(pagebuf.user)->name);
	return 0;

err_user:
	free_page(pagebuf.table);
err_table:
	free_pages(pagebuf.buf, PAGEBUF_ORDER);
err_buf:
	memset(&pagebuf, 0, sizeof(pagebuf));
	return -ENOMEM;
}

/* pagebuf_exit - give everything back, as module_exit() would */
void __exit pagebuf_exit(void)
{
	__free_page(pagebuf.user);
	free_page(pagebuf.table);
	free_pages(pagebuf.buf, PAGEBUF_ORDER);
	memset(&pagebuf, 0, sizeof(pagebuf));
}

module_init(pagebuf_init);
module_exit(pagebuf_exit);
MODULE_LICENSE("GPL");
//< ch07 pagebuf
