/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Changing the kernel's own permissions after boot (v5.10
 * arch/arm/include/asm/set_memory.h).  With CONFIG_STRICT_KERNEL_RWX the
 * text is read-only; kprobes and ftrace make it writable for a moment to
 * patch it (arch/arm/mm/init.c, chapter 25).
 * SIMPLIFIED: no set_memory_ro()/rw()/x()/nx() on vmalloc pages yet.
 */
#ifndef _ASMARM_SET_MEMORY_H
#define _ASMARM_SET_MEMORY_H

void set_kernel_text_rw(void);
void set_kernel_text_ro(void);

#endif /* _ASMARM_SET_MEMORY_H */
