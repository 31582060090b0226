// SPDX-License-Identifier: GPL-2.0
/*
 * Loading a module (v5.10 kernel/module.c, chapter 31): insmod's
 * init_module(2) hands the kernel a relocatable ELF object; the kernel
 * checks it, lays its sections out in module_alloc()'s pages (text,
 * then read-only data, then data, each part on its own pages), copies
 * them there, finds every symbol the module uses among those the kernel
 * exports, applies the relocations (arch/arm/kernel/module.c), takes
 * write away from the text and execute from the data, and calls the
 * module's init.
 *
 * SIMPLIFIED(v5.10 kernel/module.c): no signature, version or license
 * checks, no .gnu.linkonce.this_module (init is the symbol init_module,
 * as module_init()'s alias names it), no init layout (init sections
 * stay with the rest), no parameters, no kallsyms beyond a copy of the
 * symbol table, no reference counts or unloading while in use.
 */
#include <stdio.h>
#include <string.h>
#include <linux/elf.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <asm/module.h>
#include <linux/moduleloader.h>
#include <asm/set_memory.h>

extern const struct kernel_symbol __start___ksymtab[], __stop___ksymtab[];

static LIST_HEAD(modules);

/* The state of one load (5.10's struct load_info). */
struct load_info {
	const char *name;
	Elf32_Ehdr *hdr; /* a kernel copy of the image */
	unsigned long len;
	Elf32_Shdr *sechdrs;
	char *secstrings, *strtab;
	unsigned int symindex, strindex;
};

/* the kernel symbol @name, from EXPORT_SYMBOL() */
const struct kernel_symbol *find_symbol(const char *name)
{
	for (const struct kernel_symbol *ks = __start___ksymtab;
	     ks < __stop___ksymtab; ks++)
		if (!strcmp(ks->name, name))
			return ks;
	return NULL;
}

/* Sanity checks against invalid binaries, wrong arch, weird elf version. */
static int elf_validity_check(struct load_info *info)
{
	Elf32_Ehdr *hdr = info->hdr;

	if (info->len < sizeof(*hdr))
		return -ENOEXEC;
	if (memcmp(hdr->e_ident, ELFMAG, SELFMAG) != 0 ||
	    hdr->e_ident[EI_CLASS] != ELFCLASS32 ||
	    hdr->e_ident[EI_DATA] != ELFDATA2LSB || hdr->e_type != ET_REL ||
	    hdr->e_machine != EM_ARM || hdr->e_shentsize != sizeof(Elf32_Shdr))
		return -ENOEXEC;
	if (hdr->e_shoff >= info->len ||
	    hdr->e_shnum * sizeof(Elf32_Shdr) > info->len - hdr->e_shoff)
		return -ENOEXEC;

	info->sechdrs = (void *)((char *)hdr + hdr->e_shoff);
	for (unsigned int i = 1; i < hdr->e_shnum; i++) {
		Elf32_Shdr *s = info->sechdrs + i;

		if (s->sh_type != SHT_NOBITS &&
		    (s->sh_offset > info->len ||
		     s->sh_size > info->len - s->sh_offset)) {
			pr_err("Module len %lu truncated\n", info->len);
			return -ENOEXEC;
		}
		/* where each section is in the copy, until it is placed */
		s->sh_addr = (u32)(uintptr_t)((char *)hdr + s->sh_offset);
	}
	if (hdr->e_shstrndx == SHN_UNDEF || hdr->e_shstrndx >= hdr->e_shnum)
		return -ENOEXEC;
	info->secstrings =
		(char *)hdr + info->sechdrs[hdr->e_shstrndx].sh_offset;
	for (unsigned int i = 1; i < hdr->e_shnum; i++)
		if (info->sechdrs[i].sh_type == SHT_SYMTAB) {
			/* its string table must be a section (5.10.209) */
			if (info->sechdrs[i].sh_link == SHN_UNDEF ||
			    info->sechdrs[i].sh_link >= hdr->e_shnum)
				return -ENOEXEC;
			info->symindex = i;
			info->strindex = info->sechdrs[i].sh_link;
			info->strtab = (char *)hdr +
				       info->sechdrs[info->strindex].sh_offset;
		}
	if (!info->symindex) {
		pr_warn("%s: module has no symbols (stripped?)\n", info->name);
		return -ENOEXEC;
	}
	return 0;
}

//> ch31 layout_sections
/*
 * layout_sections - each SHF_ALLOC section's offset in the module's
 * pages, kept in sh_entsize as 5.10 does: text first, then read-only
 * data, then writable data (bss included), each part starting on a page
 * of its own so that its pages can take their own permissions.  Within
 * a part, sections follow in the object's order, each at its
 * sh_addralign.
 */
static void layout_sections(struct module *mod, struct load_info *info)
{
	static const unsigned long masks[][2] = {
		/* executable: text */
		{ SHF_EXECINSTR | SHF_ALLOC, 0 },
		/* read-only data */
		{ SHF_ALLOC, SHF_WRITE },
		/* writable data */
		{ SHF_WRITE | SHF_ALLOC, 0 },
	};
	unsigned int i;

	for (i = 0; i < info->hdr->e_shnum; i++)
		info->sechdrs[i].sh_entsize = ~0U;

	// BEGIN SOLUTION ch31
	unsigned int size = 0;

	for (unsigned int m = 0; m < ARRAY_SIZE(masks); m++) {
		for (i = 0; i < info->hdr->e_shnum; i++) {
			Elf32_Shdr *s = &info->sechdrs[i];

			if ((s->sh_flags & masks[m][0]) != masks[m][0] ||
			    (s->sh_flags & masks[m][1]) || s->sh_entsize != ~0U)
				continue;
			size = ALIGN(size, s->sh_addralign ?: 1);
			s->sh_entsize = size;
			size += s->sh_size;
		}
		size = PAGE_ALIGN(size);
		if (m == 0)
			mod->core_layout.text_size = size;
		if (m == 1)
			mod->core_layout.ro_size = size;
	}
	mod->core_layout.size = size;
	// STUB
	// /* TODO(ch31): give each allocated section its offset (in
	//    sh_entsize), part by part, and the layout's three sizes; see
	//    chapters/31-modules.md, "layout_sections". */
	// (void)mod, (void)masks;
	// END SOLUTION
}
//< ch31 layout_sections

/* move_module - the sections into module_alloc()'s pages */
static int move_module(struct module *mod, struct load_info *info)
{
	void *ptr = module_alloc(mod->core_layout.size);

	if (!ptr)
		return -ENOMEM;
	memset(ptr, 0, mod->core_layout.size);
	mod->core_layout.base = ptr;

	for (unsigned int i = 0; i < info->hdr->e_shnum; i++) {
		Elf32_Shdr *s = &info->sechdrs[i];
		void *dest;

		if (!(s->sh_flags & SHF_ALLOC))
			continue;
		dest = (char *)ptr + s->sh_entsize;
		if (s->sh_type != SHT_NOBITS)
			memcpy(dest, (void *)(uintptr_t)s->sh_addr, s->sh_size);
		s->sh_addr = (u32)(uintptr_t)dest;
		if (mod->nsections < MODULE_SECTS) {
			struct module_sect_attr *a =
				&mod->sect_attrs[mod->nsections++];

			snprintf(a->name, sizeof(a->name), "%s",
				 info->secstrings + s->sh_name);
			a->address = s->sh_addr;
		}
	}
	return 0;
}

unsigned long module_section_address(struct module *mod, const char *name)
{
	for (unsigned int i = 0; i < mod->nsections; i++)
		if (!strcmp(mod->sect_attrs[i].name, name))
			return mod->sect_attrs[i].address;
	return 0;
}

//> ch31 simplify_symbols
/*
 * simplify_symbols - every symbol's final address in st_value: a
 * symbol of the module is its section's address plus its offset; an
 * undefined one is the kernel's export of that name (machine address),
 * or 0 if weak; anything else refuses the module.
 */
static int simplify_symbols(struct module *mod, const struct load_info *info)
{
	Elf32_Shdr *symsec = &info->sechdrs[info->symindex];
	Elf32_Sym *sym = (void *)(uintptr_t)symsec->sh_addr;
	unsigned int n = symsec->sh_size / sizeof(Elf32_Sym);
	int ret = 0;

	// BEGIN SOLUTION ch31
	for (unsigned int i = 1; i < n; i++) {
		const char *name = info->strtab + sym[i].st_name;
		const struct kernel_symbol *ks;

		switch (sym[i].st_shndx) {
		case SHN_COMMON:
			pr_warn("%s: please compile with -fno-common\n",
				mod->name);
			ret = -ENOEXEC;
			break;

		case SHN_ABS:
			break;

		case SHN_UNDEF:
			ks = find_symbol(name);
			if (ks) {
				sym[i].st_value = machine_kernel_address(
					(void *)ks->value);
				break;
			}
			/* Ok if weak. */
			if (ELF_ST_BIND(sym[i].st_info) == STB_WEAK)
				break;
			ret = -ENOENT;
			pr_warn("%s: Unknown symbol %s (err %d)\n", mod->name,
				name, ret);
			break;

		default:
			sym[i].st_value +=
				info->sechdrs[sym[i].st_shndx].sh_addr;
			break;
		}
	}
	// STUB
	// /* TODO(ch31): the final address of each symbol; see
	//    chapters/31-modules.md, "simplify_symbols". */
	// (void)mod, (void)sym, (void)n;
	// END SOLUTION
	return ret;
}
//< ch31 simplify_symbols

static int apply_relocations(struct module *mod, const struct load_info *info)
{
	for (unsigned int i = 1; i < info->hdr->e_shnum; i++) {
		unsigned int infosec = info->sechdrs[i].sh_info;
		int err = 0;

		/* Not a valid relocation section? */
		if (infosec >= info->hdr->e_shnum)
			continue;
		/* Don't bother with non-allocated sections */
		if (!(info->sechdrs[infosec].sh_flags & SHF_ALLOC))
			continue;

		if (info->sechdrs[i].sh_type == SHT_REL)
			err = apply_relocate(info->sechdrs, info->strtab,
					     info->symindex, i, mod);
		else if (info->sechdrs[i].sh_type == SHT_RELA) {
			/* moduleloader.h's apply_relocate_add() stub: ARM
			   selects only MODULES_USE_ELF_REL (its text says REL) */
			pr_err("module %s: REL relocation unsupported\n",
			       mod->name);
			err = -ENOEXEC;
		}
		if (err < 0)
			return err;
	}
	return 0;
}

//> ch31 module_enable
/*
 * module_enable_ro, module_enable_nx - the module's permissions
 * (CONFIG_STRICT_MODULE_RWX): module_alloc() mapped every page
 * read-write-executable; text and read-only data lose write, read-only
 * and writable data lose execute.
 */
static void module_enable_ro(const struct module *mod)
{
	// BEGIN SOLUTION ch31
	unsigned long base = (unsigned long)(uintptr_t)mod->core_layout.base;

	set_memory_ro(base, mod->core_layout.ro_size >> PAGE_SHIFT);
	// STUB
	// /* TODO(ch31): text and rodata read-only; see
	//    chapters/31-modules.md, "Permissions". */
	// (void)mod;
	// END SOLUTION
}

static void module_enable_nx(const struct module *mod)
{
	// BEGIN SOLUTION ch31
	unsigned long base = (unsigned long)(uintptr_t)mod->core_layout.base;
	const struct module_layout *l = &mod->core_layout;

	set_memory_nx(base + l->text_size,
		      (l->size - l->text_size) >> PAGE_SHIFT);
	// STUB
	// /* TODO(ch31): rodata and data execute-never; see
	//    chapters/31-modules.md, "Permissions". */
	// (void)mod;
	// END SOLUTION
}
//< ch31 module_enable

static void drop_symbols(struct module *mod)
{
	kfree(mod->kallsyms.symtab);
	kfree(mod->kallsyms.strtab);
	mod->kallsyms = (struct mod_kallsyms){ 0 };
}

/* keep_symbols - a copy of the symbol table and its names (5.10's
 * add_kallsyms()), for module_symbol() once the image is gone */
static int keep_symbols(struct module *mod, const struct load_info *info)
{
	Elf32_Shdr *symsec = &info->sechdrs[info->symindex];
	Elf32_Shdr *strsec = &info->sechdrs[info->strindex];
	struct mod_kallsyms *ks = &mod->kallsyms;

	ks->symtab = kmalloc(symsec->sh_size, GFP_KERNEL);
	ks->strtab = kmalloc(strsec->sh_size, GFP_KERNEL);
	if (ZERO_OR_NULL_PTR(ks->symtab) || ZERO_OR_NULL_PTR(ks->strtab)) {
		drop_symbols(mod);
		return -ENOMEM;
	}
	memcpy(ks->symtab, (void *)(uintptr_t)symsec->sh_addr, symsec->sh_size);
	memcpy(ks->strtab, info->strtab, strsec->sh_size);
	ks->num_symtab = symsec->sh_size / sizeof(Elf32_Sym);
	return 0;
}

unsigned long module_symbol(struct module *mod, const char *name)
{
	const struct mod_kallsyms *ks = &mod->kallsyms;

	for (unsigned int i = 1; i < ks->num_symtab; i++)
		if (ks->symtab[i].st_shndx != SHN_UNDEF &&
		    !strcmp(ks->strtab + ks->symtab[i].st_name, name))
			return ks->symtab[i].st_value;
	return 0;
}

/**
 * load_module - place, link and protect a module; do not run it yet
 * @image: the relocatable ELF object, as insmod read it from the file
 * @len: its size
 * @name: the module's name, for messages and the list of modules
 *
 * Return: the module, or an ERR_PTR: -ENOEXEC for an object that is not
 * an ARM relocatable one or whose relocations cannot be applied,
 * -ENOENT for a symbol the kernel does not export, -ENOMEM.
 */
struct module *load_module(const void *image, unsigned long len,
			   const char *name)
{
	struct load_info info = { .name = name, .len = len };
	struct module *mod;
	int err;

	/* copy_module_from_user(): the kernel works on its own copy */
	info.hdr = vmalloc(len);
	if (!info.hdr)
		return ERR_PTR(-ENOMEM);
	memcpy(info.hdr, image, len);

	mod = kzalloc(sizeof(*mod), GFP_KERNEL);
	if (ZERO_OR_NULL_PTR(mod)) {
		vfree(info.hdr);
		return ERR_PTR(-ENOMEM);
	}
	err = elf_validity_check(&info);
	if (err)
		goto free_copy;
	snprintf(mod->name, sizeof(mod->name), "%s", name);

	layout_sections(mod, &info);
	err = move_module(mod, &info);
	if (err)
		goto free_copy;
	err = simplify_symbols(mod, &info);
	if (!err)
		err = apply_relocations(mod, &info);
	if (!err)
		err = keep_symbols(mod, &info);
	if (err) {
		module_memfree(mod->core_layout.base);
		goto free_copy;
	}
	mod->init = (int (*)(void))module_symbol(mod, "init_module");
	mod->exit = (void (*)(void))module_symbol(mod, "cleanup_module");

	module_enable_ro(mod);
	module_enable_nx(mod);
	list_add(&mod->list, &modules);
	vfree(info.hdr);
	return mod;

free_copy:
	kfree(mod);
	vfree(info.hdr);
	return ERR_PTR(err);
}

/* do_init_module - run the module's init; a failure unloads it */
int do_init_module(struct module *mod)
{
	int ret = 0;

	if (mod->init) {
		if (!machine_runs_modules())
			return -ENOEXEC;
		ret = mod->init();
	}
	if (ret < 0) {
		free_module(mod);
		return ret;
	}
	if (ret > 0)
		pr_warn("%s: '%s'->init suspiciously returned %d, it should "
			"follow 0/-E convention\n"
			"%s: loading module anyway...\n",
			__func__, mod->name, ret, __func__);
	return 0;
}

/* free_module - rmmod's end: the module's pages go back, writable */
void free_module(struct module *mod)
{
	unsigned long base = (unsigned long)(uintptr_t)mod->core_layout.base;

	list_del(&mod->list);
	drop_symbols(mod);
	set_memory_rw(base, mod->core_layout.ro_size >> PAGE_SHIFT);
	set_memory_x(base, mod->core_layout.size >> PAGE_SHIFT);
	module_memfree(mod->core_layout.base);
	kfree(mod);
}

/*
 * sys_delete_module - rmmod: the module's exit, then free_module().
 * 5.10's system call, without its reference counts (nothing uses our
 * modules) and so without a use for @flags (O_NONBLOCK, O_TRUNC).
 * Return: 0, -ENOENT if no such module is loaded, -EBUSY for a
 * module with an init and no exit.  The
 * host frees the module without running its ARM exit.
 */
int sys_delete_module(const char *name, unsigned int flags)
{
	struct module *mod = find_module(name);

	(void)flags;
	if (!mod)
		return -ENOENT;
	/* an init without an exit: it cannot be taken back (no forcing) */
	if (mod->init && !mod->exit)
		return -EBUSY;
	if (mod->exit && machine_runs_modules())
		mod->exit();
	free_module(mod);
	return 0;
}

/*
 * /proc/modules (5.10's m_show() and print_unload_info()): name, size,
 * users, what uses it, state, address.  Nothing uses our modules; one
 * with an init and no exit can never be unloaded: "[permanent],".
 */
void modules_show(struct seq_file *m)
{
	struct module *mod;

	list_for_each_entry(mod, &modules, list)
		seq_printf(m, "%s %u %d %s Live 0x%px\n", mod->name,
			   mod->core_layout.size, 0,
			   mod->init && !mod->exit ? "[permanent]," : "-",
			   mod->core_layout.base);
}

/* the loaded module @name, or NULL (5.10's find_module()) */
struct module *find_module(const char *name)
{
	struct module *mod;

	list_for_each_entry(mod, &modules, list)
		if (!strcmp(mod->name, name))
			return mod;
	return NULL;
}
