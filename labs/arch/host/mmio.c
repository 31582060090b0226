// SPDX-License-Identifier: GPL-2.0
/*
 * The host port's devices: models of the board's registers behind the
 * physical addresses the device tree gives them, reached through
 * readl()/writel() (asm/io.h).  An access translates its virtual
 * address through the simulated MMU with the access's permission, as
 * the core does, and a fault is the data abort the board would take;
 * the physical address then selects RAM or a device model.  An address
 * that is neither is an external abort, as on the board.
 *
 * Two models, of the registers the chapters use, with the values QEMU's
 * vexpress-a9 gives (hw/misc/arm_sysctl.c, hw/char/pl011.c):
 *   "arm,vexpress-sysreg"  SYS_ID, SYS_LED (read/write), SYS_100HZ and
 *                          SYS_24MHZ (counters from the host's clock)
 *   "arm,pl011"            UARTDR (a write prints the character),
 *                          UARTFR (transmitter empty, receiver empty),
 *                          UARTCR, the PrimeCell identification
 * Other registers read 0 and ignore writes.  A plain load or store to a
 * device mapping, not through readl()/writel(), cannot reach a model:
 * the host reports it as an external abort.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <asm/io.h>
#include <asm/ptrace.h>
#include <asm/setup.h>
#include <asm/traps.h>
#include "host.h"

#define FSR_EXT_NONLINEFETCH 0x08 /* "external abort on non-linefetch" */

static u32 sys_led;
static u32 uart_cr = 0x300; /* TXE | RXE, QEMU's reset value */

void host_mmio_reset(void)
{
	sys_led = 0;
	uart_cr = 0x300;
}

static u64 now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * 1000000000ULL + (u64)ts.tv_nsec;
}

static u32 sysreg_read(u32 off)
{
	switch (off) {
	case 0x00: /* SYS_ID: HBI-0190, revision F (QEMU's vexpress) */
		return 0x1190f500;
	case 0x08: /* SYS_LED */
		return sys_led;
	case 0x24: /* SYS_100HZ */
		return (u32)(now_ns() / 10000000ULL);
	case 0x5c: /* SYS_24MHZ */
		return (u32)(now_ns() * 3 / 125);
	default:
		return 0;
	}
}

static void sysreg_write(u32 off, u32 val)
{
	if (off == 0x08)
		sys_led = val;
}

static u32 pl011_read(u32 off)
{
	static const u8 id[8] = {
		0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1
	};

	if (off >= 0xfe0 && off < 0x1000)
		return id[(off - 0xfe0) >> 2];
	switch (off) {
	case 0x18: /* UARTFR: TXFE | RXFE, nothing to read, never full */
		return 0x90;
	case 0x30: /* UARTCR */
		return uart_cr;
	default:
		return 0;
	}
}

static void pl011_write(u32 off, u32 val)
{
	if (off == 0x00) { /* UARTDR */
		char c = (char)val;

		fwrite(&c, 1, 1, stdout);
		fflush(stdout);
	} else if (off == 0x30) {
		uart_cr = val & 0xffff;
	}
}

struct model {
	const char *compatible;
	u32 (*read)(u32 off);
	void (*write)(u32 off, u32 val);
};

static const struct model models[] = {
	{ "arm,vexpress-sysreg", sysreg_read, sysreg_write },
	{ "arm,pl011", pl011_read, pl011_write },
};

/* The model of the device at @pa, and @pa's offset in it, or NULL. */
static const struct model *find_model(u32 pa, u32 *off)
{
	for (int i = 0; i < iomem_count; i++) {
		const struct iomem_desc *d = &iomem[i];

		if (pa < d->base || pa - d->base >= d->size)
			continue;
		*off = pa - d->base;
		for (size_t k = 0; k < ARRAY_SIZE(models); k++)
			if (!strcmp(models[k].compatible, d->compatible))
				return &models[k];
		return NULL;
	}
	return NULL;
}

/* The data abort of a refused access, as the core would take it. */
static void mmio_abort(unsigned long va, u32 fsr, unsigned long host_pc)
{
	struct pt_regs regs = { 0 };

	host_cpu.dfsr = fsr;
	host_cpu.dfar = (u32)va;
	host_cpu.host_pc = host_pc;
	regs.ARM_cpsr = SVC_MODE;
	do_DataAbort(va, fsr, &regs);
}

/* One access of @size bytes: translate, then RAM or a device model. */
static __attribute__((noinline)) u32 mmio(const volatile void *addr, int size,
					  bool write, u32 val)
{
	unsigned long pc = (unsigned long)__builtin_return_address(0);
	unsigned long va = (unsigned long)addr;
	u32 pa, off, fsr;
	const struct model *m;

	if (va >> 32) { /* a host pointer: the host's own memory */
		if (!write) {
			u32 v = 0;

			memcpy(&v, (const void *)va, (size_t)size);
			return v;
		}
		memcpy((void *)va, &val, (size_t)size);
		return 0;
	}
	fsr = host_mmu_translate(va, write ? HW_WRITE : HW_READ, &pa);
	if (fsr) {
		mmio_abort(va, fsr, pc);
		return 0;
	}
	if (host_is_ram(pa, (u32)size)) {
		if (!write)
			memcpy(&val, host_ram_ptr(pa), (size_t)size);
		else
			memcpy(host_ram_ptr(pa), &val, (size_t)size);
		return write ? 0 : val;
	}
	m = find_model(pa & ~3U, &off);
	if (!m) {
		mmio_abort(va, FSR_EXT_NONLINEFETCH | (write ? FSR_WRITE : 0),
			   pc);
		return 0;
	}
	if (write) {
		m->write(off, val);
		return 0;
	}
	return m->read(off) >> (8 * (pa & 3U)) &
	       (size == 4 ? ~0U : (1U << (8 * size)) - 1);
}

void __raw_writeb(u8 val, volatile void __iomem *addr)
{
	mmio(addr, 1, true, val);
}

void __raw_writew(u16 val, volatile void __iomem *addr)
{
	mmio(addr, 2, true, val);
}

void __raw_writel(u32 val, volatile void __iomem *addr)
{
	mmio(addr, 4, true, val);
}

u8 __raw_readb(const volatile void __iomem *addr)
{
	return (u8)mmio(addr, 1, false, 0);
}

u16 __raw_readw(const volatile void __iomem *addr)
{
	return (u16)mmio(addr, 2, false, 0);
}

u32 __raw_readl(const volatile void __iomem *addr)
{
	return mmio(addr, 4, false, 0);
}
