/* SPDX-License-Identifier: GPL-2.0 */
/* Board-only interfaces of the Versatile Express machine. */
#ifndef _MACH_VEXPRESS_H
#define _MACH_VEXPRESS_H

#include <linux/types.h>

u32 read_dfsr(void);
u32 read_dfar(void);
u32 read_ifsr(void);
u32 read_ifar(void);

/*
 * ats1c - address translation operation (ATS1CPR/CPW/CUR/CUW, B4.2.4).
 * Return: the PAR: PA[31:12] (PA[31:24] and SS for a supersection) with
 * F = 0, or F = 1 and FS in bits 6:1 for a fault.
 */
u32 ats1c(u32 va, bool user, bool write);

/* PL011 UART0 (ARM PrimeCell UART, DDI0183): one character out. */
void pl011_putc(unsigned long base, char c);
u32 pl011_flags(unsigned long base);

#define QEMU_RAM_END 0xa0000000UL /* qemu -m 1024: RAM ends at 2.5 GiB */

#endif /* _MACH_VEXPRESS_H */
