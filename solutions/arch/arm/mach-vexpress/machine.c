// SPDX-License-Identifier: GPL-2.0
/*
 * The Versatile Express A9 machine under qemu-system-arm: its start,
 * its reset between tests, its console and its exception handlers.
 *
 * Tests run one after another in one image (the board cannot fork), so
 * machine_boot() must give each test the state a fresh boot would:
 * the MMU off and the TLB empty, CP15 at its reset values, and the
 * kernel's variables as the image had them.  For that, the linker script
 * gathers the portable kernel's .data and .bss apart from the test
 * harness's (kernel.lds.S: .kdata, .kbss); we copy .kdata once at start-up
 * and restore it, and clear .kbss, at every boot.
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/bug.h>
#include <linux/panic.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <asm/cp15.h>
#include <asm/machine.h>
#include <asm/module.h>
#include <asm/memory.h>
#include <asm/ptrace.h>
#include <asm/uaccess.h>
#include <asm/setup.h>
#include <asm/traps.h>
#include "vexpress.h"

const char machine_name[] = "arm";

/*
 * The image is loaded into the board's RAM (0x60010000 on) and linked
 * at its linear-map address, so its init sections have frames and
 * struct pages.
 */
bool machine_image_in_ram(void)
{
	return true;
}

/* A kernel symbol's address for a module: its own (chapter 31). */
u32 machine_kernel_address(const void *p)
{
	return (u32)(uintptr_t)p;
}

bool machine_runs_modules(void)
{
	return true;
}

/* Sections map the image privileged read-write: nothing to change. */
void machine_text_writable(void *start, size_t size, bool writable)
{
	(void)start, (void)size, (void)writable;
}

/* ARM Linux's poison for freed init memory: UDF in ARM and Thumb. */
const u32 machine_undef_insn = 0xe7fddef0;

/* head.S's table: devices and RAM at their own address, the image at
 * PAGE_OFFSET; and SCTLR as head.S left it. */
extern u32 machine_pgd[];
static u32 machine_sctlr;

/*
 * The state of a fresh boot, as far as the image, linked at PAGE_OFFSET,
 * can go on running: the MMU on with head.S's table, which the kernel's
 * head code leaves only through machine_run_mmu_off().  Whatever table
 * the last test left live maps the image at PAGE_OFFSET (the code below
 * runs there), so the switch can happen with the MMU on: both TTBRs
 * first, so that either half of the address space finds the image.
 */
void machine_boot(const void *fdt)
{
	u32 pgd = (u32)__pa(machine_pgd);

	cpu_set_ttbr(1, pgd);
	cpu_set_ttbr(0, pgd);
	cpu_set_ttbcr(0);
	set_domain(domain_val(0, DOMAIN_CLIENT));
	cpu_set_contextidr(0);
	tlbiall();
	set_cr(machine_sctlr);
	kernel_state_reset();
	if (setup_machine_fdt(fdt))
		panic("machine_boot: unusable device tree");
	for (int i = 0; i < meminfo.nr_banks; i++) {
		const struct membank *b = &meminfo.bank[i];

		if (b->start < PHYS_OFFSET ||
		    (u64)b->start + b->size > QEMU_RAM_END)
			panic("machine_boot: RAM bank %08x+%08x is not on "
			      "this board (0x60000000..0x9fffffff)",
			      b->start, b->size);
	}
}

void machine_console_write(const char *s, size_t len)
{
	fwrite(s, 1, len, stdout);
	fflush(stdout);
}

void machine_halt(int status)
{
	fflush(stdout);
	exit(status);
}

/* The board's PC: %pS prints it as an address (no kallsyms). */
uintptr_t machine_show_pc(const struct pt_regs *regs)
{
	return regs->ARM_pc;
}

/* The fault registers, which 5.10's __show_regs() does not print. */
void machine_show_regs(const struct pt_regs *regs)
{
	(void)regs;
	pr_emerg("DFSR: %08x  DFAR: %08x  IFSR: %08x  IFAR: %08x\n",
		 read_dfsr(), read_dfar(), read_ifsr(), read_ifar());
}

/* SIMPLIFIED(v5.10 kernel/kallsyms.c): the image has no symbol table. */
bool machine_symbol(uintptr_t addr, char *buf, size_t size)
{
	(void)addr, (void)buf, (void)size;
	return false;
}

/* Called from entry-armv.S, in SVC mode, with the registers saved. */
void arm_do_dabt(struct pt_regs *regs)
{
	do_DataAbort(read_dfar(), read_dfsr(), regs);
}

void arm_do_pabt(struct pt_regs *regs)
{
	do_PrefetchAbort(read_ifar(), read_ifsr(), regs);
}

void arm_do_und(struct pt_regs *regs)
{
	do_undefinstr(regs);
}

void arm_do_bad_irq(struct pt_regs *regs)
{
	die("Oops - unexpected interrupt", regs, 0);
}

/* entry-armv.S's vector_swi: a system call, if it came from user mode */
void arm_do_svc(struct pt_regs *regs)
{
	if (!user_mode(regs))
		die("Oops - unexpected supervisor call", regs, 0);
	invoke_syscall(regs);
}

/* entry-armv.S: copy @regs to the SVC stack and return into user mode */
extern __noreturn void __ret_to_user(struct pt_regs *regs);
static jmp_buf user_stop_jmp;

void machine_user_run(struct task_struct *tsk)
{
	BUILD_BUG_ON(DACR_UACCESS_DISABLE != 0x51 ||
		     DACR_UACCESS_ENABLE !=
			     0x55); /* as entry-armv.S has them */
	if (setjmp(user_stop_jmp) == 0)
		__ret_to_user(&tsk->thread.regs);
}

/* The board keeps nothing of a process but its registers. */
void machine_copy_thread(struct task_struct *child,
			 const struct task_struct *parent)
{
	(void)parent;
	child->thread.machine = NULL;
}

/* The process's last exception frame is left on the stack, unwound. */
void machine_user_stop(struct task_struct *tsk)
{
	(void)tsk;
	longjmp(user_stop_jmp, 1);
}

/*
 * The user image: linked at USER_TEXT_ADDR, loaded in the image after
 * its read-only data (kernel.lds.S); its bytes at their linear address.
 */
extern const char __user_load[];

const void *machine_user_image(unsigned long *size)
{
	*size = (unsigned long)(__user_text_end - __user_text_start);
	return __user_load;
}

void machine_set_return_pc(struct pt_regs *regs, uintptr_t pc)
{
	regs->ARM_pc = (u32)pc;
}

/* libgcc calls this on integer division by zero. */
void __aeabi_idiv0(void)
{
	struct pt_regs regs = { 0 };

	regs.ARM_pc = (u32)(unsigned long)__builtin_return_address(0);
	regs.ARM_cpsr = SVC_MODE;
	do_div0(&regs);
}

void __aeabi_ldiv0(void)
{
	__aeabi_idiv0();
}

/* Semihosting call (ARM DUI0471, "svc 0x123456" in ARM state). */
static int semihost(int op, void *arg)
{
	register int r0 __asm__("r0") = op;
	register void *r1 __asm__("r1") = arg;

	__asm__ volatile("svc 0x123456" : "+r"(r0) : "r"(r1) : "memory");
	return r0;
}

#define SYS_GET_CMDLINE 0x15

/* Split the command line QEMU passes (-semihosting-config arg=...). */
static int get_args(char **argv, int max)
{
	static char line[512];
	struct {
		char *buf;
		int len;
	} blk = { line, sizeof(line) - 1 };
	int argc = 0;

	if (semihost(SYS_GET_CMDLINE, &blk))
		return 0;
	line[blk.len] = 0;
	for (char *p = strtok(line, " "); p && argc < max - 1;
	     p = strtok(NULL, " "))
		argv[argc++] = p;
	argv[argc] = NULL;
	return argc;
}

extern void initialise_monitor_handles(void);
extern int main(int argc, char **argv);

/* From head.S: C runtime up, kernel data saved, then main(). */
void vexpress_start(void)
{
	static char *argv[32];
	int argc;

	machine_sctlr = get_cr();
	initialise_monitor_handles();
	kernel_state_reset(); /* takes the copy before anything runs */
	argc = get_args(argv, 32);
	exit(main(argc, argv));
}

/* The image's linear address less the linear map's offset: its load
 * address (asm/memory.h).  Runs with the MMU off too: arithmetic only. */
unsigned long machine_virt_to_idmap(unsigned long x)
{
	return __virt_to_phys_nodebug(x);
}

void machine_call(unsigned long va)
{
	((void (*)(void))va)();
}
