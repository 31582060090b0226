// SPDX-License-Identifier: GPL-2.0
/*
 * Oopses and the undefined-instruction trap (arch/arm/kernel/traps.c).
 *
 * die() prints the oops header Linux prints, "Internal error: <what>:
 * <err> [#<n>] SMP ARM" (" SMP": the kernel is built for several CPUs,
 * CONFIG_SMP, whatever it finds at boot), the modules line, the
 * registers (process.c), and ends the current task.  BUG()
 * arrives here as an undefined instruction with bug_pending set, and
 * is reported as "Oops - BUG", as on ARM Linux.
 */
#include <stdio.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <asm/machine.h>
#include <asm/traps.h>

extern bool bug_pending;
extern char printk_last_urgent[];
static int die_counter;

/* One line saying why the last task died, for the test harness. */
char oops_summary[256];
struct pt_regs oops_regs;

void die(const char *str, struct pt_regs *regs, int err)
{
	oops_in_progress = 1; /* the task's death ends the test (exit.c) */
	snprintf(oops_summary, sizeof(oops_summary), "%s: %x (%s)", str, err,
		 printk_last_urgent);
	oops_regs = *regs;
	pr_emerg("Internal error: %s: %x [#%d] SMP ARM\n", str, err,
		 ++die_counter);
	pr_emerg("Modules linked in:\n");
	__show_regs(regs);
	pr_emerg("---[ end trace ]---\n");
	do_exit(SIGSEGV);
}

/*
 * arm_notify_die - a fault the kernel cannot handle: a process that
 * caused it gets @sig; in the kernel it is an oops.
 */
void arm_notify_die(const char *str, struct pt_regs *regs, int sig, int code,
		    unsigned long addr, unsigned long err)
{
	if (user_mode(regs)) {
		force_sig_fault(sig, code, addr);
		return;
	}
	die(str, regs, (int)err);
}

void do_undefinstr(struct pt_regs *regs)
{
	/* A process's: CONFIG_DEBUG_USER's report (user_debug=31), SIGILL */
	if (user_mode(regs)) {
		pr_info("%s (%d): undefined instruction: pc=%08x\n",
			current->comm, current->pid, regs->ARM_pc);
		__show_regs(regs);
		arm_notify_die("Oops - undefined instruction", regs, SIGILL,
			       ILL_ILLOPC, regs->ARM_pc, 0);
		return;
	}
	if (bug_pending) {
		bug_pending = false;
		die("Oops - BUG", regs, 0);
	}
	die("Oops - undefined instruction", regs, 0);
}

/* Integer division by zero: arch/arm/lib's __div0 prints this line. */
void do_div0(struct pt_regs *regs)
{
	pr_err("Division by zero in kernel.\n");
	die("Oops - division by zero", regs, 0);
}

//> ch25 early_trap_init
void *vectors_page;

/**
 * early_trap_init - fill the two pages of the vectors
 * @vectors_base: their linear address, from memblock (devicemaps_init)
 *
 * Both pages are poisoned with an undefined instruction (ARM and Thumb:
 * 0xe7fddef1), then the vector table is copied to the start of the
 * first.  5.10 also copies the stubs to the second page and the kuser
 * helpers to the top of the first, and flushes the I-cache over both.
 * SIMPLIFIED(v5.10 arch/arm/kernel/traps.c): our vector table loads
 * its handlers' addresses from a literal pool copied with it, so it
 * needs no stubs page; no kuser helpers; QEMU's I-cache needs no flush.
 */
void early_trap_init(void *vectors_base)
{
	unsigned int i;

	vectors_page = vectors_base;

	for (i = 0; i < 2 * PAGE_SIZE / sizeof(u32); i++)
		((u32 *)vectors_base)[i] = 0xe7fddef1;

	memcpy(vectors_base, __vectors_start, __vectors_end - __vectors_start);
}
//< ch25 early_trap_init
