/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Modules (include/linux/module.h and export.h, chapter 31).
 *
 * Built into the kernel, a module's declarations are no-ops: the tests
 * call its init and exit functions where insmod and rmmod would.  Built
 * as a module (-DMODULE: a relocatable ELF object the loader of
 * kernel/module.c takes), module_init() names the function the loader
 * calls, init_module, as 5.10's alias does.
 *
 * The kernel offers its symbols to modules with EXPORT_SYMBOL(): a
 * struct kernel_symbol in the section __ksymtab, which the linker
 * gathers between __start___ksymtab and __stop___ksymtab.
 */
#ifndef _LINUX_MODULE_H
#define _LINUX_MODULE_H

#include <linux/elf.h>
#include <linux/list.h>
#include <linux/types.h>

#ifndef _LINUX_INIT_H
#define __init /* Linux: .init.text, freed after boot (chapter 11) */
#endif
#ifndef __exit
#define __exit /* Linux: .exit.text, dropped when built in */
#endif

#ifdef MODULE
#define module_init(initfn) \
	int init_module(void) __attribute__((alias(#initfn)))
#define module_exit(exitfn) \
	void cleanup_module(void) __attribute__((alias(#exitfn)))
#else
#define module_init(fn) \
	static int (*const __module_init)(void) __attribute__((unused)) = fn
#define module_exit(fn) \
	static void (*const __module_exit)(void) __attribute__((unused)) = fn
#endif
#define MODULE_LICENSE(s) \
	static const char __module_license[] __attribute__((unused)) = s
#define MODULE_DESCRIPTION(s) \
	static const char __module_description[] __attribute__((unused)) = s

/* include/linux/export.h, without CRCs or namespaces */
struct kernel_symbol {
	unsigned long value;
	const char *name;
};

#define EXPORT_SYMBOL(sym)                                                \
	static const struct kernel_symbol __ksymtab_##sym __attribute__(( \
		used, section("__ksymtab"),                               \
		aligned(sizeof(void *)))) = { (unsigned long)&sym, #sym }

#define MODULE_NAME_LEN 56

/* A loaded module's layout: text, then rodata, then data, page by page. */
struct module_layout {
	void *base; /* module_alloc()'s, in MODULES_VADDR..MODULES_END */
	unsigned int size; /* pages, in bytes */
	unsigned int text_size; /* text, page-aligned */
	unsigned int ro_size; /* text and rodata, page-aligned */
};

/* Where each allocated section landed (5.10: /sys/module/NAME/sections) */
#define MODULE_SECTS 16
struct module_sect_attr {
	char name[24];
	unsigned long address;
};

/* The symbols kept after the load (5.10's struct mod_kallsyms) */
struct mod_kallsyms {
	Elf32_Sym *symtab;
	unsigned int num_symtab;
	char *strtab;
};

struct module {
	struct list_head list; /* on the kernel's list of modules */
	char name[MODULE_NAME_LEN];
	struct module_layout core_layout;
	struct module_sect_attr sect_attrs[MODULE_SECTS];
	unsigned int nsections;
	int (*init)(void);
	void (*exit)(void);
	struct mod_kallsyms kallsyms;
};

/* kernel/module.c */
struct module *load_module(const void *image, unsigned long len,
			   const char *name);
int do_init_module(struct module *mod);
void free_module(struct module *mod);
int sys_delete_module(const char *name, unsigned int flags);
const struct kernel_symbol *find_symbol(const char *name);
/* the address of a module's own symbol (after load_module), or 0 */
unsigned long module_symbol(struct module *mod, const char *name);
struct module *find_module(const char *name);
struct seq_file;
void modules_show(struct seq_file *m); /* /proc/modules */
/* where the module's section @name landed, or 0 */
unsigned long module_section_address(struct module *mod, const char *name);

#endif /* _LINUX_MODULE_H */
