/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the machines tell the module loader (chapter 31).
 */
#ifndef _ASM_ARM_MODULE_H
#define _ASM_ARM_MODULE_H

#include <linux/types.h>

/*
 * The address a kernel symbol has for a module's relocations: its own
 * on the board.  On the host the kernel is a host program, so the
 * machine gives it an address in the board's image (its offset in the
 * program from where the board's .text begins); the host
 * loads a module but never runs its ARM code (mach-vexpress/machine.c,
 * arch/host/machine.c).
 */
u32 machine_kernel_address(const void *p);
/* Can this machine run a module's ARM code? */
bool machine_runs_modules(void);

#endif /* _ASM_ARM_MODULE_H */
