// SPDX-License-Identifier: GPL-2.0
/*
 * Exceptions of the host port: host signals become ARM exceptions.
 *
 *   SIGSEGV below 4 GiB   a TLB miss or an abort: host_mmu_access()
 *                         maps the page and the instruction is retried,
 *                         or the kernel's do_DataAbort() runs with the
 *                         DFSR/DFAR the board would report; a process's
 *                         jump to a user address is a fetch, checked
 *                         alone: do_PrefetchAbort() if it is refused
 *   SIGSEGV elsewhere     a wild host pointer: reported as an oops
 *   SIGILL                BUG() or an undefined instruction:
 *                         do_undefinstr()
 *   SIGFPE                integer division by zero: do_div0()
 *
 * The handlers run on their own stack, so that a stack overflow is
 * reported too, and with SA_NODEFER, so that the kernel's handler may
 * itself fault (and be mapped) while it runs.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdlib.h>
#include <ucontext.h>
#include <linux/kernel.h>
#include <asm/ptrace.h>
#include <asm/traps.h>
#include "host.h"

#define X86_PF_WRITE 2 /* page-fault error code: the access was a write */

static void fill_regs(struct pt_regs *regs, const ucontext_t *uc)
{
	const greg_t *g = uc->uc_mcontext.gregs;

	*regs = (struct pt_regs){ 0 };
	regs->ARM_pc = (u32)g[REG_RIP];
	regs->ARM_sp = (u32)g[REG_RSP];
	/* no interrupts on the host: they are masked, as in an exception */
	regs->ARM_cpsr =
		(host_cpu.user ? USR_MODE : SVC_MODE) | PSR_I_BIT | PSR_F_BIT;
	host_cpu.host_pc = (unsigned long)g[REG_RIP];
}

/*
 * A process jumped to @addr (the fault's address is the instruction's):
 * the host cannot run ARM code, so the fetch is only checked.  Refused,
 * it is the prefetch abort the board takes; allowed, an undefined
 * instruction, where the board would run whatever the page holds.
 */
static void host_user_fetch(unsigned long addr, struct pt_regs *regs)
{
	u32 fsr = host_mmu_access(addr, HW_EXEC);

	host_enter_kernel(); /* the abort is taken in a privileged mode */
	host_context_sync();
	if (!fsr) {
		do_undefinstr(regs);
	} else {
		host_cpu.ifsr = fsr;
		host_cpu.ifar = (u32)addr;
		do_PrefetchAbort(addr, fsr, regs);
	}
	host_enter_user(); /* fixed: the fetch is retried */
}

static void host_sigsegv(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	unsigned long addr = (unsigned long)si->si_addr;
	bool write = uc->uc_mcontext.gregs[REG_ERR] & X86_PF_WRITE;
	bool from_user = host_cpu.user;
	/*
	 * A fault taken while handling another (the handler touching a
	 * kernel page the host has not mapped yet) must leave the outer
	 * fault's pc, which its exception-table fixup is looked up by.
	 */
	unsigned long outer_pc = host_cpu.host_pc;
	struct pt_regs regs;
	u32 fsr;

	fill_regs(&regs, uc);
	if (sig == SIGBUS || si->si_code == SI_KERNEL || addr >> 32) {
		pr_alert("8<--- cut here ---\n");
		pr_alert("Unable to handle kernel paging request at host "
			 "address %016lx (outside the simulated 4 GiB)\n",
			 sig == SIGBUS || si->si_code == SI_KERNEL ? 0 : addr);
		die("Oops", &regs, 0);
	}
	if (from_user &&
	    addr == (unsigned long)uc->uc_mcontext.gregs[REG_RIP]) {
		host_user_fetch(addr, &regs);
		return;
	}
	fsr = host_mmu_access(addr, write ? HW_WRITE : HW_READ);
	if (!fsr) {
		host_cpu.host_pc = outer_pc;
		return; /* mapped: retry the access */
	}
	host_cpu.dfsr = fsr;
	host_cpu.dfar = (u32)addr;
	if (from_user)
		host_enter_kernel(); /* the abort is taken in a privileged mode */
	host_context_sync(); /* taking the abort synchronises the context */
	host_cpu.return_pc = 0;
	do_DataAbort(addr, fsr, &regs);
	if (host_cpu.return_pc) /* a fixup (arch/arm/mm/extable.c) */
		uc->uc_mcontext.gregs[REG_RIP] = (greg_t)host_cpu.return_pc;
	host_cpu.return_pc = 0;
	if (from_user)
		host_enter_user();
}

static void host_sigill(int sig, siginfo_t *si, void *ctx)
{
	struct pt_regs regs;

	(void)sig, (void)si;
	fill_regs(&regs, ctx);
	if (host_cpu.user)
		host_enter_kernel(); /* the exception's privileged mode */
	do_undefinstr(&regs);
}

static void host_sigfpe(int sig, siginfo_t *si, void *ctx)
{
	struct pt_regs regs;

	(void)sig, (void)si;
	fill_regs(&regs, ctx);
	if (host_cpu.user) /* the host's divide instruction, in a process */
		host_user_sigfpe(&regs);
	do_div0(&regs);
}

static void install(int sig, void (*fn)(int, siginfo_t *, void *))
{
	struct sigaction sa = { 0 };

	sa.sa_sigaction = fn;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

void host_install_traps(void)
{
	static char altstack[256 * 1024] __aligned(16);
	stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) };

	sigaltstack(&ss, NULL);
	install(SIGSEGV, host_sigsegv);
	install(SIGBUS, host_sigsegv);
	install(SIGILL, host_sigill);
	install(SIGFPE, host_sigfpe);
}

/*
 * The host takes its exceptions as signals and calls (above), never
 * through a vector table.  These are the board's eight vector
 * instructions (entry-armv.S: "b ." for reset and the reserved slot,
 * "ldr pc, [pc, #...]" for the others) with an empty literal pool, so
 * that early_trap_init() copies the same words into the vectors page
 * on both machines.  Nothing runs them.
 */
__asm__(".section .rodata\n"
	".balign 32\n"
	".globl __vectors_start\n"
	"__vectors_start:\n"
	".long 0xeafffffe, 0xe59ff014, 0xe59ff014, 0xe59ff014\n"
	".long 0xe59ff014, 0xeafffffe, 0xe59ff010, 0xe59ff010\n"
	".fill 6, 4, 0\n"
	".globl __vectors_end\n"
	"__vectors_end:\n"
	".previous");
