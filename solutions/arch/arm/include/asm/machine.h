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

/*
 * machine_run_mmu_off - run @fn(@arg) as Linux's head code runs: at its
 * physical address, with the MMU off, after loading @regs (unless NULL)
 * as a boot loader would leave them.  @fn is __head code
 * (asm/proc-fns.h).  If @fn turns the MMU on, the machine goes on with
 * @fn's table, which must map .idmap.text at its own address and the
 * image at PAGE_OFFSET; if not, with the machine's own table again (on
 * the host: with the MMU off).  Return: what @fn returned.
 */
struct machine_boot_regs {
	u32 sctlr, ttbr0, ttbr1, ttbcr, dacr;
};
unsigned long machine_run_mmu_off(unsigned long (*fn)(unsigned long),
				  unsigned long arg,
				  const struct machine_boot_regs *regs);

void machine_console_write(const char *s, size_t len);
__noreturn void machine_halt(int status);

/*
 * kernel_state_reset - the portable kernel's variables as the image had
 * them: .data restored from a copy taken at the first call, .bss
 * cleared.  Both machines' linker scripts gather libkernel.a's
 * variables between these symbols (mach-vexpress/kernel.lds.S,
 * arch/host/kernel-sections.lds); machine_boot() calls this.
 */
extern char __kernel_data_start[], __kernel_data_end[];
extern char __kernel_bss_start[], __kernel_bss_end[];
void kernel_state_reset(void);

/*
 * machine_call - call the code at @va, a function of no arguments: on
 * the board a BLX.  The host cannot run the board's code: it fetches
 * the instruction at @va through its MMU as the core would, and returns
 * as the "bx lr" the tests place there would.  A fetch the tables
 * refuse is a prefetch abort on both (chapter 25).
 */
void machine_call(unsigned long va);

/*
 * The image's init sections (chapter 11).  On the board the image is
 * in the machine's RAM, in the window below KERNEL_IMAGE_END, with
 * struct pages that free_initmem() can hand to the buddy allocator.
 * On the host the image is the host program, outside the simulated RAM:
 * machine_image_in_ram() says which.  machine_text_writable() lets the
 * kernel write over its own code (to poison it, and for
 * kernel_state_reset() to put the init sections back at the next boot);
 * machine_undef_insn is the word free_initmem() poisons it with, an
 * undefined instruction of the machine's CPU (ARM: 0xe7fddef0).
 */
bool machine_image_in_ram(void);
void machine_text_writable(void *start, size_t size, bool writable);
extern const u32 machine_undef_insn;

/*
 * An oops's registers (arch/arm/kernel/process.c: __show_regs) print the
 * same lines on both machines; each machine adds what it knows besides:
 * machine_show_pc() is where the exception was taken (the board's PC;
 * the host's own instruction pointer), machine_show_regs() prints one
 * line of its own (the fault registers), and machine_symbol() names an
 * address for %pS ("func+0x1c/0x80"), or returns false.
 */
void __show_regs(struct pt_regs *regs);
uintptr_t machine_show_pc(const struct pt_regs *regs);
void machine_show_regs(const struct pt_regs *regs);
bool machine_symbol(uintptr_t addr, char *buf, size_t size);

/* The device trees built into the image (arch/arm/boot/dts). */
struct builtin_dtb {
	const char *name; /* file name without .dtb */
	const void *blob;
};
extern const struct builtin_dtb builtin_dtbs[];
const void *find_builtin_dtb(const char *name);

/* The modules built with the image (samples/modules, chapter 31). */
struct builtin_module {
	const char *name;
	const unsigned char *data;
	unsigned long size;
};
extern const struct builtin_module builtin_modules[];
const struct builtin_module *find_builtin_module(const char *name);

/*
 * User mode (Part V).  machine_user_run() runs process @tsk in user mode
 * from its saved registers (tsk->thread.regs, first set by
 * start_thread()) and returns when machine_user_stop() is called for it:
 * at its exit, or at the end of a system call after which another
 * process is to run (tsk->thread.regs then holds where it resumes).
 * On the board it is an exception return into USR mode, and the process
 * comes back only through an svc or an abort, each of which sets the
 * DACR's user domain back to no access (CONFIG_CPU_SW_DOMAIN_PAN).  On
 * the host the process's code is a host function (at its user address:
 * user_fn() of samples/user/user.h) run as a coroutine on its user
 * stack, in simulated memory, with every access checked as PL0's; a
 * system call is a switch back to the kernel's own stack.
 */
struct task_struct;
void machine_user_run(struct task_struct *tsk);
__noreturn void machine_user_stop(struct task_struct *tsk);
/* fork: what the machine keeps of @parent, copied for @child */
void machine_copy_thread(struct task_struct *child,
			 const struct task_struct *parent);
/*
 * The user image (samples/user): code and read-only data linked to run
 * at USER_TEXT_ADDR, which exec copies into a process's pages.
 */
extern const char __user_text_start[], __user_text_end[];
const void *machine_user_image(unsigned long *size);
/* Resume the exception at @pc: the fixup of an exception-table entry. */
void machine_set_return_pc(struct pt_regs *regs, uintptr_t pc);

#endif /* _ASM_ARM_MACHINE_H */
