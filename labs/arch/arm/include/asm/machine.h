/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a machine provides to the portable kernel.
 *
 * Two machines run the same kernel: the Versatile Express A9 board
 * (arch/arm/mach-vexpress, under qemu-system-arm) and the user-mode host
 * port (arch/host).  Besides the CP15 registers of <asm/cp15.h>, this is
 * all they differ in: how the machine starts, where the console is, and
 * how it stops.
 */
#ifndef _ASM_ARM_MACHINE_H
#define _ASM_ARM_MACHINE_H

#include <linux/compiler.h>
#include <linux/types.h>

struct pt_regs;

/* "arm" or "host": for reports only, never for decisions. */
extern const char machine_name[];

/*
 * machine_boot - start the machine afresh on a device tree: MMU off,
 * TLB empty, the kernel's data as the image had it, RAM as the device
 * tree describes it.  Panics if the device tree does not fit the machine.
 */
void machine_boot(const void *fdt);

void machine_console_write(const char *s, size_t len);
__noreturn void machine_halt(int status);

/*
 * kernel_state_reset - the portable kernel's variables as the image had
 * them: .data restored from a copy taken at the first call, .bss
 * cleared.  Both machines' linker scripts gather libkernel.a's
 * variables between these symbols (mach-vexpress/kernel.lds,
 * arch/host/kernel-sections.lds); machine_boot() calls this.
 */
extern char __kernel_data_start[], __kernel_data_end[];
extern char __kernel_bss_start[], __kernel_bss_end[];
void kernel_state_reset(void);

/* Print the registers of an exception, and where it was taken. */
void __show_regs(struct pt_regs *regs);

/* The device trees built into the image (arch/arm/boot/dts). */
struct builtin_dtb {
	const char *name; /* file name without .dtb */
	const void *blob;
};
extern const struct builtin_dtb builtin_dtbs[];
const void *find_builtin_dtb(const char *name);

#endif /* _ASM_ARM_MACHINE_H */
