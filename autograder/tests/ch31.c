// SPDX-License-Identifier: GPL-2.0
/*
 * Chapter 31: the modules' area and the module loader.
 */
#include <stdio.h>
#include <string.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/module.h>
#include <linux/moduleloader.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/elf.h>
#include <asm/elf.h>
#include <asm/machine.h>
#include <asm/module.h>
#include <asm/pgtable.h>
#include "mm/internal.h"
#include "ktest.h"

static const struct builtin_module *ko(const char *name)
{
	const struct builtin_module *m = find_builtin_module(name);

	ck_assert_msg(m, "no module %s in the image", name);
	return m;
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
	printk_log_clear();
	ck_assert_msg(sys_delete_module("hello", 0) == 0 &&
			      !find_module("hello"),
		      "sys_delete_module(\"hello\", 0) unloads it");
	ck_assert_msg(!machine_runs_modules() ||
			      printk_log_contains("hello: unloaded"),
		      "rmmod runs the module's exit");
	ck_assert_int_eq(sys_delete_module("hello", 0), -ENOENT);
}
END_TEST

static u32 word_at(unsigned long va)
{
	return *(const volatile u32 *)(uintptr_t)va;
}

static s32 sext(u32 v, int bits)
{
	return (s32)(v << (32 - bits)) >> (32 - bits);
}

/*
 * The ARM ELF ABI's meaning of each relocation (AAELF32, 5.6): S the
 * symbol's address, A the addend the object holds, P the place.
 */
static u32 expected_word(unsigned int type, u32 w, u32 s, u32 p)
{
	u32 a, v;

	switch (type) {
	case R_ARM_ABS32:
		return w + s;
	case R_ARM_CALL:
	case R_ARM_JUMP24:
		a = (u32)sext(w & 0xffffff, 24) << 2;
		return (w & 0xff000000) | (((s + a - p) >> 2) & 0xffffff);
	case R_ARM_MOVW_ABS_NC:
	case R_ARM_MOVT_ABS:
		a = (u32)sext(((w >> 4) & 0xf000) | (w & 0xfff), 16);
		v = s + a;
		if (type == R_ARM_MOVT_ABS)
			v >>= 16;
		return (w & 0xfff0f000) | ((v & 0xf000) << 4) | (v & 0xfff);
	}
	ck_abort_msg("relocation type %u in the module", type);
	return 0;
}

START_TEST(every_relocation_applied)
{
	const struct builtin_module *m = ko("hello");
	const Elf32_Ehdr *eh = (const void *)m->data;
	const Elf32_Shdr *sh = (const void *)(m->data + eh->e_shoff);
	const char *secstr =
		(const char *)m->data + sh[eh->e_shstrndx].sh_offset;
	struct module *mod = load_module(m->data, m->size, "hello");
	int counts[64] = { 0 };

	ck_assert_msg(!IS_ERR(mod), "load_module: %ld", PTR_ERR(mod));
	for (int r = 1; r < eh->e_shnum; r++) {
		const Elf32_Shdr *symsec = &sh[sh[r].sh_link];
		const Elf32_Sym *syms =
			(const void *)(m->data + symsec->sh_offset);
		const char *strtab =
			(const char *)m->data + sh[symsec->sh_link].sh_offset;
		const Elf32_Rel *rel =
			(const void *)(m->data + sh[r].sh_offset);
		const char *target = secstr + sh[sh[r].sh_info].sh_name;
		unsigned long tbase;

		if (sh[r].sh_type != SHT_REL)
			continue;
		tbase = module_section_address(mod, target);
		ck_assert_msg(tbase, "no address for section %s", target);
		for (unsigned int i = 0; i < sh[r].sh_size / sizeof(*rel);
		     i++) {
			const Elf32_Sym *sym =
				&syms[ELF32_R_SYM(rel[i].r_info)];
			unsigned int type = ELF32_R_TYPE(rel[i].r_info);
			const char *name = strtab + sym->st_name;
			u32 p = tbase + rel[i].r_offset, s, w, want;

			if (sym->st_shndx == SHN_UNDEF) {
				const struct kernel_symbol *ks =
					find_symbol(name);

				ck_assert_msg(ks, "%s is not exported", name);
				s = machine_kernel_address((void *)ks->value);
			} else {
				s = module_section_address(
					    mod,
					    secstr +
						    sh[sym->st_shndx].sh_name) +
				    sym->st_value;
			}
			w = *(const u32 *)(m->data +
					   sh[sh[r].sh_info].sh_offset +
					   rel[i].r_offset);
			want = expected_word(type, w, s, p);
			ck_assert_msg(
				word_at(p) == want,
				"%s+%#x (relocation %u against %s): %08x, "
				"expected %08x",
				target, rel[i].r_offset, type,
				name[0] ? name : "a section", word_at(p), want);
			counts[type & 63]++;
		}
	}
	printf("hello: relocations checked: ABS32 %d, CALL %d, JUMP24 %d, "
	       "MOVW %d, MOVT %d\n",
	       counts[R_ARM_ABS32], counts[R_ARM_CALL], counts[R_ARM_JUMP24],
	       counts[R_ARM_MOVW_ABS_NC], counts[R_ARM_MOVT_ABS]);
	ck_assert_msg(counts[R_ARM_ABS32] && counts[R_ARM_CALL] &&
			      counts[R_ARM_JUMP24] &&
			      counts[R_ARM_MOVW_ABS_NC] &&
			      counts[R_ARM_MOVT_ABS],
		      "the module exercises every relocation type");
	free_module(mod);
}
END_TEST

static bool faults_to_write(unsigned long va)
{
	return KTEST_EXPECT_OOPS(*(volatile u32 *)(uintptr_t)va = 0);
}

START_TEST(text_rx_data_nx)
{
	const struct builtin_module *m = ko("hello");
	struct module *mod = load_module(m->data, m->size, "hello");
	const struct module_layout *l;
	unsigned long base, data;

	ck_assert_msg(!IS_ERR(mod), "load_module: %ld", PTR_ERR(mod));
	l = &mod->core_layout;
	base = (unsigned long)(uintptr_t)l->base;
	for (unsigned long off = 0; off < l->size; off += PAGE_SIZE) {
		pte_t *pte = virt_to_kpte(base + off);
		bool text = off < l->text_size, ro = off < l->ro_size;
		u32 v = pte ? (u32)pte_val(*pte) : 0;

		ck_assert_msg(v & L_PTE_PRESENT, "page %#lx not mapped",
			      base + off);
		ck_assert_msg(
			!!(v & L_PTE_RDONLY) == ro && !!(v & L_PTE_XN) == !text,
			"page %#lx of the module (%s): PTE %08x, expected "
			"%s",
			base + off,
			text ? "text"
			: ro ? "rodata"
			     : "data",
			v,
			text ? "read-only, executable"
			: ro ? "read-only, execute-never"
			     : "writable, execute-never");
	}
	ck_assert_msg(faults_to_write(module_symbol(mod, "hello_tail")),
		      "writing the module's text must fault");
	ck_assert_msg(!faults_to_write(module_symbol(mod, "hello_data")),
		      "the module's data must stay writable");
	data = module_symbol(mod, "hello_data");
	*(u32 *)(uintptr_t)data = 0xe12fff1e; /* bx lr: if it ran, it returns */
	printk_log_clear();
	ck_assert_msg(KTEST_EXPECT_OOPS(machine_call(data)) &&
			      printk_log_contains("Oops: 8000000f"),
		      "a call into the module's data at %#lx must be a "
		      "prefetch abort, page permission (IFSR 0x0f): the "
		      "data is execute-never",
		      data);
	free_module(mod);
}
END_TEST

START_TEST(unknown_symbol_refused)
{
	const struct builtin_module *m = ko("unknown");
	struct module *mod;

	printk_log_clear();
	mod = load_module(m->data, m->size, "unknown");
	ck_assert_msg(IS_ERR(mod) && PTR_ERR(mod) == -ENOENT,
		      "a module that uses a symbol the kernel does not export "
		      "must be refused with -ENOENT");
	ck_assert_msg(
		printk_log_contains(
			"unknown: Unknown symbol memblock_alloc (err -2)"),
		"... saying \"unknown: Unknown symbol memblock_alloc (err "
		"-2)\"");
}
END_TEST

/*
 * A BL at @insn to @target through apply_relocate() alone.  The tables
 * it reads by address (sh_addr) live in the kernel's memory, @tables.
 */
static int relocate_branch(u32 *insn, u32 target, void *tables)
{
	Elf32_Sym *syms = tables;
	Elf32_Rel *rel = (Elf32_Rel *)(syms + 2);
	Elf32_Shdr sh[4] = { 0 };
	struct module mod = { .name = "range" };

	*insn = 0xebfffffe; /* bl . (addend -8) */
	memset(syms, 0, 2 * sizeof(*syms));
	syms[1].st_value = target;
	rel->r_offset = 0;
	rel->r_info = (1 << 8) | R_ARM_CALL;
	sh[1] = (Elf32_Shdr){ .sh_type = SHT_SYMTAB,
			      .sh_addr = (u32)(uintptr_t)syms,
			      .sh_size = 2 * sizeof(*syms) };
	sh[2] = (Elf32_Shdr){ .sh_type = SHT_REL,
			      .sh_addr = (u32)(uintptr_t)rel,
			      .sh_size = sizeof(*rel),
			      .sh_info = 3 };
	sh[3] = (Elf32_Shdr){ .sh_type = SHT_PROGBITS,
			      .sh_addr = (u32)(uintptr_t)insn,
			      .sh_size = 4 };
	return apply_relocate(sh, "\0target", 1, 2, &mod);
}

START_TEST(branch_out_of_range_refused)
{
	u32 *insn = vmalloc(PAGE_SIZE);
	void *tables = insn + 64; /* the tables, in the kernel's memory */
	u32 loc = (u32)(uintptr_t)insn;

	ck_assert_ptr_nonnull(insn);
	ck_assert_int_eq(relocate_branch(insn, loc + 8 + 0x1fffffc, tables), 0);
	ck_assert_msg(*insn == 0xeb7fffff, "the farthest forward BL: %08x",
		      *insn);
	ck_assert_int_eq(relocate_branch(insn, loc + 8 - 0x2000000 + 4, tables),
			 0);
	ck_assert_msg(*insn == 0xeb800001, "the farthest back BL: %08x", *insn);
	printk_log_clear();
	ck_assert_int_eq(relocate_branch(insn, loc + 8 + 0x2000000, tables),
			 -ENOEXEC);
	ck_assert_msg(printk_log_contains("relocation 28 out of range"),
		      "a BL beyond 32 MiB is refused with \"relocation 28 out "
		      "of range\"");
	vfree(insn);
}
END_TEST

/* The page-aligned end of @x. */
static u32 page_up(u32 x)
{
	return (x + PAGE_SIZE - 1) & ~(u32)(PAGE_SIZE - 1);
}

START_TEST(layout_follows_the_object)
{
	const struct builtin_module *m = ko("hello");
	const Elf32_Ehdr *eh = (const void *)m->data;
	const Elf32_Shdr *sh = (const void *)(m->data + eh->e_shoff);
	const char *secstr =
		(const char *)m->data + sh[eh->e_shstrndx].sh_offset;
	struct module *mod = load_module(m->data, m->size, "hello");
	/* the three parts: text, read-only data, writable data */
	u32 off = 0, sizes[3];
	unsigned long base;

	ck_assert_msg(!IS_ERR(mod), "load_module: %ld", PTR_ERR(mod));
	base = (unsigned long)(uintptr_t)mod->core_layout.base;
	for (int part = 0; part < 3; part++) {
		for (int i = 1; i < eh->e_shnum; i++) {
			u32 f = sh[i].sh_flags, a = sh[i].sh_addralign;
			bool in = (f & SHF_ALLOC) &&
				  (part == 0 ? (f & SHF_EXECINSTR)
				   : part == 1
					   ? !(f & (SHF_EXECINSTR | SHF_WRITE))
					   : (f & SHF_WRITE) &&
						     !(f & SHF_EXECINSTR));
			const char *name = secstr + sh[i].sh_name;

			if (!in)
				continue;
			if (a > 1)
				off = (off + a - 1) & ~(a - 1);
			ck_assert_msg(module_section_address(mod, name) ==
					      base + off,
				      "section %s (alignment %u) must land at "
				      "%#lx, not %#lx: text, then read-only "
				      "data, then data, each part from a new "
				      "page, each section at its alignment",
				      name, a, base + off,
				      module_section_address(mod, name));
			off += sh[i].sh_size;
		}
		off = page_up(off);
		sizes[part] = off;
	}
	ck_assert_msg(mod->core_layout.text_size == sizes[0] &&
			      mod->core_layout.ro_size == sizes[1] &&
			      mod->core_layout.size == sizes[2],
		      "core_layout: text_size %u, ro_size %u, size %u; "
		      "expected %u, %u (text and read-only data), %u",
		      mod->core_layout.text_size, mod->core_layout.ro_size,
		      mod->core_layout.size, sizes[0], sizes[1], sizes[2]);
	free_module(mod);
}
END_TEST

START_TEST(common_and_weak_symbols)
{
	const struct builtin_module *c = ko("common"), *w = ko("weak");
	struct module *mod;

	printk_log_clear();
	mod = load_module(c->data, c->size, "common");
	ck_assert_msg(IS_ERR(mod) && PTR_ERR(mod) == -ENOEXEC &&
			      printk_log_contains("-fno-common"),
		      "a module with a common symbol must be refused "
		      "(-ENOEXEC, \"please compile with -fno-common\")");
	mod = load_module(w->data, w->size, "weak");
	ck_assert_msg(!IS_ERR(mod),
		      "a weak undefined symbol that nothing exports is 0, "
		      "not an error: load_module gave %ld",
		      PTR_ERR(mod));
	if (machine_runs_modules())
		ck_assert_msg(do_init_module(mod) == 0,
			      "the weak module's init sees its symbol at 0");
	ck_assert_msg(sys_delete_module("weak", 0) == -EBUSY &&
			      find_module("weak"),
		      "a module with an init and no exit cannot be unloaded "
		      "(-EBUSY)");
	free_module(mod);
}
END_TEST

/* Free pages, the per-CPU lists' drained first: what a leak changes. */
static unsigned long free_pages_now(void)
{
	unsigned long n = 0;
	struct zone *zone;

	drain_all_pages(NULL);
	for_each_zone(zone) n += zone_page_state(zone, NR_FREE_PAGES);
	return n;
}

/* A copy of hello's object spoiled by @spoil, offered to load_module. */
static long load_spoiled(const struct builtin_module *m,
			 void (*spoil)(Elf32_Ehdr *, unsigned long *len))
{
	Elf32_Ehdr *eh = vmalloc(m->size);
	unsigned long len = m->size;
	struct module *mod;

	ck_assert_ptr_nonnull(eh);
	memcpy(eh, m->data, m->size);
	spoil(eh, &len);
	mod = load_module(eh, len, "spoiled");
	vfree(eh);
	if (!IS_ERR(mod)) {
		free_module(mod);
		return 0;
	}
	return PTR_ERR(mod);
}

static Elf32_Shdr *section_of_type(Elf32_Ehdr *eh, u32 type)
{
	Elf32_Shdr *sh = (Elf32_Shdr *)((char *)eh + eh->e_shoff);

	for (unsigned int i = 1; i < eh->e_shnum; i++)
		if (sh[i].sh_type == type)
			return &sh[i];
	ck_abort_msg("hello has no section of type %u", type);
	return NULL;
}

static void bad_magic(Elf32_Ehdr *eh, unsigned long *len)
{
	(void)len;
	eh->e_ident[1] = 'X'; /* "\177XLF" */
}

static void not_relocatable(Elf32_Ehdr *eh, unsigned long *len)
{
	(void)len;
	eh->e_type = ET_EXEC;
}

static void other_machine(Elf32_Ehdr *eh, unsigned long *len)
{
	(void)len;
	eh->e_machine = 3; /* EM_386 */
}

static void headers_past_the_end(Elf32_Ehdr *eh, unsigned long *len)
{
	*len = eh->e_shoff + eh->e_shnum * sizeof(Elf32_Shdr) - 1;
}

static void section_past_the_end(Elf32_Ehdr *eh, unsigned long *len)
{
	section_of_type(eh, SHT_PROGBITS)->sh_size = *len;
}

static void stripped(Elf32_Ehdr *eh, unsigned long *len)
{
	(void)len;
	section_of_type(eh, SHT_SYMTAB)->sh_type = SHT_PROGBITS;
}

START_TEST(refusals_and_unloads_leave_nothing)
{
	static const struct {
		void (*spoil)(Elf32_Ehdr *, unsigned long *);
		const char *what, *says;
	} bad[] = {
		{ bad_magic, "a file that is not ELF", NULL },
		{ not_relocatable, "an executable (ET_EXEC)", NULL },
		{ other_machine, "an object for another machine", NULL },
		{ headers_past_the_end, "section headers past the end", NULL },
		{ section_past_the_end, "a section past the end", "truncated" },
		{ stripped, "an object without a symbol table",
		  "spoiled: module has no symbols (stripped?)" },
	};
	const struct builtin_module *m = ko("hello");
	struct module *mod;
	unsigned long before;

	/* the first loads' lasting allocations: slabs, the area's PTEs */
	for (unsigned int i = 0; i < 2; i++) {
		const struct builtin_module *w = ko(i ? "refuse" : "hello");

		mod = load_module(w->data, w->size, w->name);
		ck_assert_msg(!IS_ERR(mod), "load_module: %ld", PTR_ERR(mod));
		free_module(mod);
	}
	before = free_pages_now();

	for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++) {
		long err;

		printk_log_clear();
		err = load_spoiled(m, bad[i].spoil);
		ck_assert_msg(err == -ENOEXEC,
			      "%s must be refused with -ENOEXEC, not %ld",
			      bad[i].what, err);
		ck_assert_msg(!bad[i].says || printk_log_contains(bad[i].says),
			      "refusing %s, the kernel says \"%s\"",
			      bad[i].what, bad[i].says);
		ck_assert_msg(free_pages_now() == before,
			      "refusing %s lost %ld pages", bad[i].what,
			      (long)(before - free_pages_now()));
	}

	mod = load_module(ko("unknown")->data, ko("unknown")->size, "unknown");
	ck_assert_msg(IS_ERR(mod) && free_pages_now() == before,
		      "a module refused for an unknown symbol gives back its "
		      "pages in the modules' area (%ld lost)",
		      (long)(before - free_pages_now()));

	mod = load_module(m->data, m->size, "hello");
	ck_assert_msg(!IS_ERR(mod) && find_module("hello") == mod,
		      "hello is loaded and in the list of modules");
	free_module(mod);
	ck_assert_msg(!find_module("hello") && free_pages_now() == before,
		      "free_module() takes hello off the list and gives back "
		      "every page (%ld lost)",
		      (long)(before - free_pages_now()));

	if (machine_runs_modules()) {
		m = ko("refuse");
		mod = load_module(m->data, m->size, "refuse");
		ck_assert_msg(!IS_ERR(mod), "load_module: %ld", PTR_ERR(mod));
		ck_assert_msg(do_init_module(mod) == -ENODEV,
			      "do_init_module() returns the init's error");
		ck_assert_msg(!find_module("refuse") &&
				      free_pages_now() == before,
			      "a module whose init fails is unloaded, every "
			      "page given back (%ld lost)",
			      (long)(before - free_pages_now()));
	}
}
END_TEST

KTEST_SUITE(ch31) = {
	.chapter = "31",
	.title = "The modules' area",
	.boot = ktest_boot_fixmap,
	.tests = KTESTS(load_hello, every_relocation_applied, text_rx_data_nx,
			unknown_symbol_refused, branch_out_of_range_refused,
			layout_follows_the_object, common_and_weak_symbols,
			refusals_and_unloads_leave_nothing),
};
