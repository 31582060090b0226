// SPDX-License-Identifier: GPL-2.0
/*
 * The host machine: a Versatile Express A9 simulated inside a Linux
 * process, in the spirit of User-Mode Linux.
 *
 * machine_boot() plays the board's reset: the CPU's registers take their
 * reset values (MMU off), the TLB is emptied, and RAM is created afresh,
 * zeroed, as the device tree's banks describe it.  The console is the
 * process's standard output; halting the machine ends the process.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <linux/kernel.h>
#include <linux/panic.h>
#include <asm/machine.h>
#include <asm/memory.h>
#include <asm/ptrace.h>
#include <asm/setup.h>
#include "host.h"

const char machine_name[] = "host";

/*
 * The host's image is the host program: its init text is in pages of
 * the host process, not in the memfd that is the board's RAM, so no
 * struct page describes it and free_initmem() cannot give it away.
 */
bool machine_image_in_ram(void)
{
	return false;
}

/* Code pages of the host program are read-only; open them to write. */
void machine_text_writable(void *start, size_t size, bool writable)
{
	int prot = PROT_READ | PROT_EXEC | (writable ? PROT_WRITE : 0);

	if (size && mprotect(start, size, prot)) {
		perror("host: mprotect");
		abort();
	}
}

/* Two x86 UD2 instructions (0f 0b): SIGILL, do_undefinstr(). */
const u32 machine_undef_insn = 0x0b0f0b0f;

#define SCTLR_RESET 0x00c50078 /* Cortex-A9 TRM: SCTLR reset value */

void machine_boot(const void *fdt)
{
	static bool started;
	u32 lo = ~0U, hi = 0;

	if (!started) {
		host_reserve_address_space();
		host_install_traps();
		started = true;
	}
	kernel_state_reset();
	host_cpu = (struct host_cpu){ .sctlr = SCTLR_RESET };
	host_tlb_boot();
	if (setup_machine_fdt(fdt))
		panic("machine_boot: unusable device tree");
	for (int i = 0; i < meminfo.nr_banks; i++) {
		lo = min(lo, meminfo.bank[i].start);
		hi = max(hi, meminfo.bank[i].start + meminfo.bank[i].size);
	}
	host_ram_create(lo, hi - lo);
}

void machine_console_write(const char *s, size_t len)
{
	fwrite(s, 1, len, stdout);
	fflush(stdout);
}

void machine_halt(int status)
{
	fflush(stdout);
	_exit(status);
}

void __show_regs(struct pt_regs *regs)
{
	Dl_info info;
	const char *sym = "?";
	unsigned long off = 0;

	if (dladdr((void *)host_cpu.host_pc, &info) && info.dli_sname) {
		sym = info.dli_sname;
		off = host_cpu.host_pc - (unsigned long)info.dli_saddr;
	}
	pr_emerg("PC is at %s+0x%lx (host pc %016lx)\n", sym, off,
		 host_cpu.host_pc);
	pr_emerg("sp : %08x  psr: %08x\n", regs->ARM_sp, regs->ARM_cpsr);
	pr_emerg("DFSR: %08x  DFAR: %08x  SCTLR: %08x  TTBR0: %08x  "
		 "DACR: %08x\n",
		 host_cpu.dfsr, host_cpu.dfar, host_cpu.sctlr, host_cpu.ttbr0,
		 host_cpu.dacr);
}

/*
 * Where host code would lie in the image window (asm/memory.h): the
 * host program stands for the image loaded at 0x60010000, so its code
 * at offset N from the program's start is "at" 0x60010000 + N.  Only
 * the identity maps use this: the host never fetches through them.
 * An address of the simulated 4 GiB is already its own.
 */
unsigned long machine_virt_to_idmap(unsigned long x)
{
	extern char __executable_start[];
	unsigned long off = x - (unsigned long)__executable_start;

	if (!(x >> 32))
		return x;
	if (off >= KERNEL_IMAGE_END - KERNEL_IMAGE_START - 0x10000)
		panic("virt_to_idmap: %lx is not in the host program's image",
		      x);
	return KERNEL_IMAGE_START + 0x10000 + off;
}
