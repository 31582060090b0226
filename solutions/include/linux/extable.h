/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The exception table (include/linux/extable.h, asm/extable.h): pairs
 * of an instruction that may fault on a user address and where to
 * resume if it does.  The entries are absolute addresses, as ARM's in
 * 5.10; section __ex_table, bounded by the linker.
 */
#ifndef _LINUX_EXTABLE_H
#define _LINUX_EXTABLE_H

struct exception_table_entry {
	unsigned long insn, fixup;
};

const struct exception_table_entry *search_exception_tables(unsigned long addr);

struct pt_regs;
int fixup_exception(struct pt_regs *regs); /* arch/arm/mm/extable.c */

#endif /* _LINUX_EXTABLE_H */
