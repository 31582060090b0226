/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Code and data needed only while the kernel boots (include/linux/init.h).
 *
 * A function marked __init goes to the section .init.text, a variable
 * marked __initdata to .init.data.  The linker script gathers both
 * between __init_begin and __init_end, page aligned, so that once boot
 * is over free_initmem() can poison those pages and give them to the
 * buddy allocator (chapter 11):
 *
 *   _stext ... _etext | __init_begin .init.text .init.data __init_end |
 *   _sdata ... _edata | __bss_start ... __bss_stop | _end
 *
 * Calling an __init function after that runs whatever the pages hold
 * now: the poison (an undefined instruction) or someone else's data.
 *
 * SIMPLIFIED(v5.10 include/linux/init.h): no __exit, __initconst,
 * __meminit or initcall levels; Linux's __init also marks the function
 * cold and not traceable.  Only the two sections matter here.
 */
#ifndef _LINUX_INIT_H
#define _LINUX_INIT_H

#include <linux/compiler.h>

//> ch11 init_h
#undef __init /* linux/module.h's, for code built as a module */
#define __init __section(".init.text")
#define __initdata __section(".init.data")
//< ch11 init_h

void free_initmem(void);
/* CONFIG_STRICT_KERNEL_RWX: boot's last step, the text read-only (ch25) */
void mark_rodata_ro(void);
/* init/main.c: the drivers' init functions, at the end of boot */
void do_initcalls(void);

#endif /* _LINUX_INIT_H */
