// SPDX-License-Identifier: GPL-2.0
/*
 * The ARM part of loading a module (v5.10 arch/arm/kernel/module.c,
 * chapter 31): where its memory comes from, and how its REL
 * relocations are applied.
 *
 * A module is linked at 0: its calls, its pointers and its address
 * loads hold addends the loader completes once it knows where each
 * section landed and where each kernel symbol is.  ARM's BL and B carry
 * a 24-bit word offset, +-32 MiB: a module placed in the vmalloc area
 * could not call the kernel's text without veneers (CONFIG_ARM_MODULE_PLTS).
 * So modules get their own area, the 16 MiB below PAGE_OFFSET
 * (MODULES_VADDR..MODULES_END), within reach of the kernel's text just
 * above PAGE_OFFSET.
 *
 * SIMPLIFIED(v5.10 arch/arm/kernel/module.c): no PLTs (as without
 * CONFIG_ARM_MODULE_PLTS: a call out of range is refused, and
 * module_alloc() does not fall back to the vmalloc area); no Thumb-2
 * relocations, no unwind tables.
 */
#include <string.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/vmalloc.h>
#include <asm/elf.h>
#include <asm/machine.h>
#include <linux/moduleloader.h>
#include <asm/pgtable.h>

void *module_alloc(unsigned long size)
{
	return __vmalloc_node_range(size, 1, MODULES_VADDR, MODULES_END,
				    GFP_KERNEL, PAGE_KERNEL_EXEC, 0,
				    NUMA_NO_NODE, __builtin_return_address(0));
}

void module_memfree(void *module_region)
{
	vfree(module_region);
}

/* The instruction or word at @loc, a module's address (kernel space). */
static inline u32 *word(unsigned long loc)
{
	return (u32 *)(uintptr_t)loc;
}

//> ch31 apply_relocate
/**
 * apply_relocate - complete the words a REL section names
 * @sechdrs: the module's section headers, sh_addr where each landed
 * @strtab: the symbol names
 * @symindex: the symbol table's section; its st_value are final
 * @relindex: the REL section; its sh_info is the section it patches
 * @mod: the module, for messages
 *
 * R_ARM_ABS32 adds the symbol's address to the word.  R_ARM_CALL,
 * R_ARM_JUMP24 (and the older R_ARM_PC24) re-aim a BL or B: the 24-bit
 * field holds a word offset from the instruction's address + 8, whose
 * addend the compiler left there (-8: the field's -2); a target more
 * than 32 MiB away cannot be reached and the module is refused.
 * R_ARM_MOVW_ABS_NC and R_ARM_MOVT_ABS fill the 16-bit immediates of a
 * MOVW/MOVT pair with the low and high halves of the address.
 *
 * Return: 0, or -ENOEXEC with a message naming the module, the section,
 * the relocation and the symbol.
 */
int apply_relocate(Elf32_Shdr *sechdrs, const char *strtab,
		   unsigned int symindex, unsigned int relindex,
		   struct module *mod)
{
	Elf32_Shdr *symsec = sechdrs + symindex;
	Elf32_Shdr *relsec = sechdrs + relindex;
	Elf32_Shdr *dstsec = sechdrs + relsec->sh_info;
	Elf32_Rel *rel = (void *)(uintptr_t)relsec->sh_addr;
	unsigned int i;

	for (i = 0; i < relsec->sh_size / sizeof(Elf32_Rel); i++, rel++) {
		unsigned long loc;
		Elf32_Sym *sym;
		const char *symname;
		s32 offset;
		u32 tmp;

		offset = ELF32_R_SYM(rel->r_info);
		if (offset < 0 ||
		    offset > (s32)(symsec->sh_size / sizeof(Elf32_Sym))) {
			pr_err("%s: section %u reloc %u: bad relocation sym "
			       "offset\n",
			       mod->name, relindex, i);
			return -ENOEXEC;
		}

		sym = ((Elf32_Sym *)(uintptr_t)symsec->sh_addr) + offset;
		symname = strtab + sym->st_name;

		if (rel->r_offset > dstsec->sh_size - sizeof(u32)) {
			pr_err("%s: section %u reloc %u sym '%s': out of "
			       "bounds "
			       "relocation, offset %d size %u\n",
			       mod->name, relindex, i, symname,
			       (int)rel->r_offset, dstsec->sh_size);
			return -ENOEXEC;
		}

		loc = dstsec->sh_addr + rel->r_offset;

		/* TODO(ch31): complete the word at loc for R_ARM_ABS32,
		   R_ARM_CALL/JUMP24 (refusing a target out of range) and
		   R_ARM_MOVW_ABS_NC/MOVT_ABS; see chapters/31-modules.md,
		   "apply_relocate". */
		(void)loc, (void)tmp, (void)symname;
		return -ENOEXEC;
	}
	return 0;
}
//< ch31 apply_relocate

/* A module built with the image, by file name ("hello"): what insmod reads. */
const struct builtin_module *find_builtin_module(const char *name)
{
	for (const struct builtin_module *m = builtin_modules; m->name; m++)
		if (!strcmp(m->name, name))
			return m;
	return NULL;
}
