// SPDX-License-Identifier: GPL-2.0
/*
 * Resuming after a fault on a user address (arch/arm/mm/extable.c):
 * if the faulting instruction is in the exception table, the exception
 * returns to its fixup instead of retrying it.
 */
#include <linux/extable.h>
#include <linux/types.h>
#include <asm/machine.h>

int fixup_exception(struct pt_regs *regs)
{
	const struct exception_table_entry *fixup;

	fixup = search_exception_tables(machine_show_pc(regs));
	if (fixup)
		machine_set_return_pc(regs, fixup->fixup);
	return fixup != NULL;
}
