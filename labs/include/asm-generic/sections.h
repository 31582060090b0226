/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Where the kernel's sections begin and end (include/asm-generic/
 * sections.h), as the linker scripts lay them out: the board's
 * arch/arm/mach-vexpress/kernel.lds.S and the host's
 * arch/host/kernel-sections.lds gather the code, read-only data, data
 * and bss of the kernel's objects (libkernel.a) apart from the test
 * harness's, and mark each with a pair of symbols.  The init sections
 * (chapter 11) lie between __init_begin and __init_end, page aligned,
 * so that free_initmem() can give whole pages back.
 *
 * SIMPLIFIED(v5.10 include/asm-generic/sections.h): Linux's names for
 * text, rodata, data and bss are macros for the scripts' __kernel_*
 * symbols, because the host's C library already owns _etext, _edata and
 * __bss_start, and the image holds the harness's sections too.
 */
#ifndef _ASM_GENERIC_SECTIONS_H_
#define _ASM_GENERIC_SECTIONS_H_

/* _text: the image's first byte, the head code (chapter 25) */
extern char _text[];
extern char __kernel_text_start[], __kernel_text_end[];
extern char __kernel_rodata_start[], __kernel_rodata_end[];
extern char __kernel_data_start[], __kernel_data_end[];
extern char __kernel_bss_start[], __kernel_bss_end[];
extern char __init_begin[], __init_end[];
extern char _sinittext[], _einittext[];
/* .idmap.text: the code that turns the MMU on (chapters 15, 18) */
extern char __idmap_text_start[], __idmap_text_end[];

#define _stext __kernel_text_start
#define _etext __kernel_text_end
#define __start_rodata __kernel_rodata_start
#define __end_rodata __kernel_rodata_end
#define _sdata __kernel_data_start
#define _edata __kernel_data_end
#define __bss_start __kernel_bss_start
#define __bss_stop __kernel_bss_end

#endif /* _ASM_GENERIC_SECTIONS_H_ */
