/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The boundaries of the kernel image's sections, defined by the linker
 * script (include/asm-generic/sections.h; on the board
 * arch/arm/mach-vexpress/kernel.lds places them as ARM's vmlinux.lds.S
 * does, on the host arch/host/kernel-sections.lds around the host
 * program's own sections).  Only their addresses mean anything:
 * __init_end - __init_begin is the size of the init sections.
 */
#ifndef _ASM_GENERIC_SECTIONS_H
#define _ASM_GENERIC_SECTIONS_H

extern char _text[], _stext[], _etext[];
extern char _sdata[], _edata[];
extern char __bss_start[], __bss_stop[];
extern char __init_begin[], __init_end[];
extern char _sinittext[], _einittext[];
extern char __start_rodata[], __end_rodata[];
extern char _end[];

#endif /* _ASM_GENERIC_SECTIONS_H */
