/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The RAM a flattened device tree describes (include/linux/of_fdt.h).
 *
 * Chapter 1 reads the memory nodes into an array of banks, clipped to
 * whole pages exactly as Linux's early_init_dt_add_memory_arch() clips
 * them before memblock sees them; chapter 9 feeds the same banks to
 * memblock.  (setup_machine_fdt() in <asm/setup.h> is the machine's own
 * reader, used by every boot.)
 */
#ifndef _LINUX_OF_FDT_H
#define _LINUX_OF_FDT_H

#include <linux/types.h>
#include <asm/setup.h>

bool dt_clip_memory_bank(u64 base, u64 size, struct membank *bank);
int dt_read_memory_banks(const void *fdt, struct membank *out, int max);
unsigned long dt_total_ram_pages(const void *fdt);

#endif /* _LINUX_OF_FDT_H */
