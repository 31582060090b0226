// SPDX-License-Identifier: GPL-2.0
/*
 * A module, built as Kbuild builds a .ko: a relocatable ARM object,
 * linked at 0, that the loader of chapter 31 places in the modules'
 * area and links to the kernel.  Each of its uses of an address is one
 * of the relocations arch/arm/kernel/module.c applies:
 *
 *   printk(), __kmalloc(), kfree()   BL: R_ARM_CALL
 *   the tail calls to printk()       B: R_ARM_JUMP24
 *   jiffies, the strings,            MOVW/MOVT: R_ARM_MOVW_ABS_NC,
 *   hello_data + 8 (an addend)       R_ARM_MOVT_ABS
 *   hello_hook, hello_names[]        a word: R_ARM_ABS32
 *
 * (counter needs none: GCC folds the static constant into a MOV.)
 */
#include <linux/module.h>

extern int printk(const char *fmt, ...);
extern void *__kmalloc(unsigned int size, unsigned int flags);
extern void kfree(const void *p);
extern volatile unsigned long jiffies;

static int counter = 31;
int hello_data[4] = { 1, 2, 3, 4 };
/* a table with a stricter alignment than the strings before it */
const int hello_table[4] __attribute__((aligned(64))) = { 5, 6, 7, 8 };
const char *const hello_names[] = { "one", "two" };
int (*hello_hook)(const char *, ...) = printk;

int hello_counter(void)
{
	return counter;
}

/*
 * An address with an addend, as GCC writes one when it prefers the
 * pair to a literal: MOVW/MOVT of hello_data + 8.
 */
int *hello_third(void)
{
	int *p;

	asm("movw %0, #:lower16:hello_data+8\n\t"
	    "movt %0, #:upper16:hello_data+8"
	    : "=r"(p));
	return p;
}

int hello_tail(int x)
{
	return printk("hello: tail call with %d\n", x);
}

static int hello_init(void)
{
	void *p = __kmalloc(64, 0xcc0);

	printk("hello: loaded, kmalloc gave %p, jiffies %lu\n", p, jiffies);
	kfree(p);
	return hello_tail(counter) > 0 ? 0 : -1;
}
module_init(hello_init);

static void hello_exit(void)
{
	printk("hello: unloaded\n");
}
module_exit(hello_exit);

MODULE_LICENSE("GPL");
