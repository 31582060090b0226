// SPDX-License-Identifier: GPL-2.0
/*
 * Chapter 31: the modules' area and the module loader.  (Work in
 * progress: the first checks only.)
 */
#include <stdio.h>
#include <string.h>
#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <asm/machine.h>
#include <asm/module.h>
#include <asm/pgtable.h>
#include "ktest.h"

static const struct builtin_module *ko(const char *name)
{
	for (const struct builtin_module *m = builtin_modules; m->name; m++)
		if (!strcmp(m->name, name))
			return m;
	ck_abort_msg("no module %s in the image", name);
	return NULL;
}

START_TEST(load_hello)
{
	const struct builtin_module *m = ko("hello");
	struct module *mod = load_module(m->data, m->size, "hello");
	unsigned long base, hook, tail, counter;

	ck_assert_msg(!IS_ERR(mod), "load_module: %ld", PTR_ERR(mod));
	base = (unsigned long)(uintptr_t)mod->core_layout.base;
	ck_assert_msg(base >= MODULES_VADDR && base < MODULES_END,
		      "the module lies at %#lx, outside the modules' area",
		      base);
	hook = module_symbol(mod, "hello_hook");
	ck_assert_msg(*(u32 *)(uintptr_t)hook ==
			      machine_kernel_address((void *)printk),
		      "hello_hook holds %08x, printk is %08x",
		      *(u32 *)(uintptr_t)hook,
		      machine_kernel_address((void *)printk));
	tail = module_symbol(mod, "hello_tail");
	counter = module_symbol(mod, "hello_counter");
	printf("hello: base %#lx text %u ro %u size %u; hello_tail %#lx, "
	       "hello_counter %#lx, init %p\n",
	       base, mod->core_layout.text_size, mod->core_layout.ro_size,
	       mod->core_layout.size, tail, counter, (void *)mod->init);
	if (machine_runs_modules()) {
		ck_assert_int_eq(do_init_module(mod), 0);
		ck_assert_int_eq(((int (*)(void))counter)(), 31);
	}
	free_module(mod);
}
END_TEST

KTEST_SUITE(ch31) = {
	.chapter = "31",
	.title = "The modules' area",
	.boot = ktest_boot_fixmap,
	.tests = KTESTS(load_hello),
};
