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
#include <asm/module.h>
#include <asm/memory.h>
#include <asm/ptrace.h>
#include <asm/pgtable.h>
#include <asm/setup.h>
#include <asm-generic/sections.h>
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

/*
 * A kernel symbol's address for a module's relocations (chapter 31): the
 * host program is not in the simulated address space, so the symbol
 * gets an address in the board's image: its offset in the program from
 * where the board's .text begins, PAGE_OFFSET + 1 MiB
 * (mach-vexpress/kernel.lds.S).  The host loads modules but never runs
 * their ARM code.
 */
u32 machine_kernel_address(const void *p)
{
	extern const char __executable_start[];

	return (u32)(PAGE_OFFSET + SZ_1M +
		     ((uintptr_t)p - (uintptr_t)__executable_start));
}

bool machine_runs_modules(void)
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
	host_mmio_reset();
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
 * Where the host program's kernel sections lie in the image window
 * (asm/memory.h): the host program stands for the image, and the window
 * holds its sections where the board's kernel.lds.S puts them.  The
 * head code and .idmap.text from 0x60010000 in the first megabyte; the
 * kernel's text from the second megabyte, its read-only data on the
 * next page boundary; the init sections from the next megabyte boundary
 * and the data and bss from the one after (CONFIG_STRICT_KERNEL_RWX,
 * chapter 25).  The identity maps and the kernel's section permissions
 * use this; the host never fetches through them.  An address of the
 * simulated 4 GiB is already its own.
 */
struct image_part {
	const char *start, *end;
};

unsigned long machine_virt_to_idmap(unsigned long x)
{
	extern char __head_text_start[];
	const struct image_part parts[] = {
		{ __head_text_start, __idmap_text_end },
		{ __kernel_text_start, __kernel_text_end },
		{ __kernel_rodata_start, __kernel_rodata_end },
		{ __init_begin, __init_end },
		{ __kernel_data_start, __kernel_data_end },
		{ __kernel_bss_start, __kernel_bss_end },
	};
	/* each part starts on a page, a megabyte, or 64 bytes on */
	const unsigned long align[] = {
		0, SECTION_SIZE, PAGE_SIZE, SECTION_SIZE, SECTION_SIZE, 64
	};
	unsigned long pa = KERNEL_IMAGE_START + 0x10000, base[6];

	if (!(x >> 32))
		return x;
	for (size_t i = 0; i < ARRAY_SIZE(parts); i++) {
		if (align[i])
			pa = ALIGN(pa, align[i]);
		base[i] = pa;
		pa += parts[i].end - parts[i].start;
	}
	/* a part's start before another's end: parts may touch natively */
	for (size_t i = 0; i < ARRAY_SIZE(parts); i++)
		if (x >= (unsigned long)parts[i].start &&
		    x < (unsigned long)parts[i].end)
			return base[i] + (x - (unsigned long)parts[i].start);
	/* __init_end is on the megabyte where the data starts, as _sdata */
	for (size_t i = 0; i < ARRAY_SIZE(parts); i++)
		if (x == (unsigned long)parts[i].end)
			return parts[i].start == __init_begin
				       ? base[i + 1]
				       : base[i] + (x - (unsigned long)parts[i]
								.start);
	panic("virt_to_idmap: %lx is not in the host program's kernel "
	      "sections",
	      x);
}
