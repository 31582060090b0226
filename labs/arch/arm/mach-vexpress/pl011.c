// SPDX-License-Identifier: GPL-2.0
/*
 * The board's PL011 UART (drivers/tty/serial/amba-pl011.c, reduced to
 * polled output).  Registers, offsets from the base (DDI0183):
 *   0x00 UARTDR  data: a write sends a character
 *   0x18 UARTFR  flags: bit 5 TXFF (transmit FIFO full), bit 7 TXFE
 * The console uses semihosting; this driver is here for the chapters on
 * device memory (ioremap), which drive the UART through a mapping.
 */
#include <linux/compiler.h>
#include "vexpress.h"

#define UARTDR 0x00
#define UARTFR 0x18
#define UARTFR_TXFF (1U << 5)

u32 pl011_flags(unsigned long base)
{
	return READ_ONCE(*(u32 *)(base + UARTFR));
}

void pl011_putc(unsigned long base, char c)
{
	while (pl011_flags(base) & UARTFR_TXFF)
		;
	WRITE_ONCE(*(u32 *)(base + UARTDR), (u32)(unsigned char)c);
}
