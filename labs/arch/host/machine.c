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
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <linux/kernel.h>
#include <linux/panic.h>
#include <asm/cp15.h>
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

/*
 * The host's code is the host program's and runs wherever the simulated
 * MMU stands: only the registers change.  Between tests the host's
 * machine state is the MMU off (machine_boot()), so @fn's table stays
 * live if @fn turned it on, and nothing is restored if not.
 */
unsigned long machine_run_mmu_off(unsigned long (*fn)(unsigned long),
				  unsigned long arg,
				  const struct machine_boot_regs *regs)
{
	set_cr(get_cr() & ~CR_M);
	if (regs) {
		cpu_set_ttbr(0, regs->ttbr0);
		cpu_set_ttbr(1, regs->ttbr1);
		cpu_set_ttbcr(regs->ttbcr);
		set_domain(regs->dacr);
		set_cr(regs->sctlr & ~CR_M);
	}
	return fn(arg);
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

/* The host's instruction pointer: our code is the host's. */
uintptr_t machine_show_pc(const struct pt_regs *regs)
{
	(void)regs;
	return host_cpu.host_pc;
}

/* The fault registers, and the host's instruction pointer in full. */
void machine_show_regs(const struct pt_regs *regs)
{
	(void)regs;
	pr_emerg("DFSR: %08x  DFAR: %08x  IFSR: %08x  IFAR: %08x  "
		 "host pc: %016lx\n",
		 host_cpu.dfsr, host_cpu.dfar, host_cpu.ifsr, host_cpu.ifar,
		 host_cpu.host_pc);
}

/* %pS on the host: the program's own symbols ("func+0x1c/0x80"). */
bool machine_symbol(uintptr_t addr, char *buf, size_t size)
{
	Dl_info info;
	const ElfW(Sym) *sym = NULL;

	if (!dladdr1((void *)addr, &info, (void **)&sym, RTLD_DL_SYMENT) ||
	    !info.dli_sname || !sym)
		return false;
	scnprintf(buf, size, "%s+%#lx/%#lx", info.dli_sname,
		  (unsigned long)(addr - (uintptr_t)info.dli_saddr),
		  (unsigned long)sym->st_size);
	return true;
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
