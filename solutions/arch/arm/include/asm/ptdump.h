/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel page-table dump (arch/arm/include/asm/ptdump.h):
 * /sys/kernel/debug/kernel_page_tables, arch/arm/mm/dump.c.
 * SIMPLIFIED(v5.10 arch/arm/include/asm/ptdump.h): always built (Linux:
 * CONFIG_ARM_PTDUMP_DEBUGFS); no ptdump_check_wx() (CONFIG_DEBUG_WX);
 * no debugfs: the shell's `cat` calls kernel_page_tables_show().
 */
#ifndef __ASM_PTDUMP_H
#define __ASM_PTDUMP_H

#include <linux/mm_types.h>
#include <linux/seq_file.h>

/* Where a region of the virtual layout starts, and its name. */
struct addr_marker {
	unsigned long start_address;
	const char *name;
};

/* What to dump: a table, its landmarks, the address of its first entry. */
struct ptdump_info {
	struct mm_struct *mm;
	const struct addr_marker *markers;
	unsigned long base_addr;
};

void ptdump_walk_pgd(struct seq_file *s, struct ptdump_info *info);
void kernel_page_tables_show(struct seq_file *m);

/*
 * CONFIG_DEBUG_WX, on in Debian's 5.10 for ARM: after mark_rodata_ro(),
 * walk the kernel's table and report every page both writable and
 * executable (chapter 25).
 */
void ptdump_check_wx(void);
#define debug_checkwx() ptdump_check_wx()

#endif /* __ASM_PTDUMP_H */
