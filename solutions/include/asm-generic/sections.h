/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Where the kernel's sections begin and end (include/asm-generic/
 * sections.h), as the linker scripts lay them out: the board's
 * arch/arm/mach-vexpress/kernel.lds and the host's
 * arch/host/kernel-sections.lds gather the code, read-only data, data
 * and bss of the kernel's objects (libkernel.a) apart from the test
 * harness's, and mark each with a pair of symbols.
 *
 * SIMPLIFIED(v5.10 include/asm-generic/sections.h): Linux's names are
 * macros for the scripts' __kernel_* symbols, because the host's C
 * library already owns _etext, _edata and __bss_start.  The .init
 * sections arrive in chapter 11; until then the kernel has none.
 */
#ifndef _ASM_GENERIC_SECTIONS_H_
#define _ASM_GENERIC_SECTIONS_H_

extern char __kernel_text_start[], __kernel_text_end[];
extern char __kernel_rodata_start[], __kernel_rodata_end[];
extern char __kernel_data_start[], __kernel_data_end[];
extern char __kernel_bss_start[], __kernel_bss_end[];

#define _stext __kernel_text_start
#define _etext __kernel_text_end
#define __start_rodata __kernel_rodata_start
#define __end_rodata __kernel_rodata_end
#define _sdata __kernel_data_start
#define _edata __kernel_data_end
#define __bss_start __kernel_bss_start
#define __bss_stop __kernel_bss_end

#endif /* _ASM_GENERIC_SECTIONS_H_ */
