/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The architecture's part of loading a module (include/linux/
 * moduleloader.h; arch/arm/kernel/module.c, chapter 31).
 */
#ifndef _LINUX_MODULELOADER_H
#define _LINUX_MODULELOADER_H

#include <linux/elf.h>
#include <linux/module.h>

/* a module's memory: vmalloc pages in MODULES_VADDR..MODULES_END */
void *module_alloc(unsigned long size);
void module_memfree(void *module_region);

/* apply the REL section @relindex to the section it names */
int apply_relocate(Elf32_Shdr *sechdrs, const char *strtab,
		   unsigned int symindex, unsigned int relindex,
		   struct module *mod);

#endif /* _LINUX_MODULELOADER_H */
