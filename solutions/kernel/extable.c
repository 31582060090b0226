// SPDX-License-Identifier: GPL-2.0
/*
 * Searching the exception table (kernel/extable.c, lib/extable.c).
 * SIMPLIFIED: 5.10 sorts the table at boot and searches it by bisection;
 * ours has a handful of entries and is searched in order.
 */
#include <linux/extable.h>
#include <linux/types.h>

extern const struct exception_table_entry __start___ex_table[],
	__stop___ex_table[];

const struct exception_table_entry *search_exception_tables(unsigned long addr)
{
	const struct exception_table_entry *e;

	for (e = __start___ex_table; e < __stop___ex_table; e++)
		if (e->insn == addr)
			return e;
	return NULL;
}
