/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Changing the kernel's own permissions after boot (v5.10
 * arch/arm/include/asm/set_memory.h).  With CONFIG_STRICT_KERNEL_RWX the
 * text is read-only; kprobes and ftrace make it writable for a moment to
 * patch it (arch/arm/mm/init.c, chapter 25).
 * The modules' pages (chapter 31) change with set_memory_ro(), _rw(),
 * _x() and _nx() (arch/arm/mm/pageattr.c): @numpages pages from @addr,
 * which must lie in the modules' or vmalloc's area.
 */
#ifndef _ASMARM_SET_MEMORY_H
#define _ASMARM_SET_MEMORY_H

void set_kernel_text_rw(void);
void set_kernel_text_ro(void);

int set_memory_ro(unsigned long addr, int numpages);
int set_memory_rw(unsigned long addr, int numpages);
int set_memory_x(unsigned long addr, int numpages);
int set_memory_nx(unsigned long addr, int numpages);

#endif /* _ASMARM_SET_MEMORY_H */
