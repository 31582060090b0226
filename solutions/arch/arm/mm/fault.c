// SPDX-License-Identifier: GPL-2.0
/*
 * Data and prefetch aborts (arch/arm/mm/fault.c, fsr-2level.c).
 *
 * An abort arrives with the faulting address (DFAR/IFAR) and the fault
 * status (DFSR/IFSR).  The status's FS field, five bits, indexes a table
 * of handlers, exactly as in Linux:
 *
 *   FS      meaning                         handler
 *   0b00101 section translation fault       do_translation_fault
 *   0b00111 page translation fault          do_page_fault
 *   0b01101 section permission fault        do_sect_fault
 *   0b01111 page permission fault           do_page_fault
 *   other   alignment, domain, external...  do_bad
 *
 * A handler returns 0 when it has fixed the cause; the instruction is
 * then retried.  Otherwise do_DataAbort() reports "Unhandled fault" and
 * the task dies: a process gets the signal (arm_notify_die()), the
 * kernel oopses.  Until the page-fault chapters give processes address
 * spaces to look a fault up in, no fault is fixed: a process's kills
 * it (__do_user_fault()), and the kernel's is an oops, "Unable to handle
 * kernel ... at virtual address", unless the exception table has a
 * fixup for it (a uaccess).
 * hook_fault_code() lets a caller replace one entry, as Linux's
 * platform code does; our tests use it to watch aborts.
 */
#include <linux/bug.h>
#include <linux/extable.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <asm/machine.h>
#include <asm/memory.h>
#include <asm/page.h>
#include <asm/traps.h>

struct fsr_info {
	int (*fn)(unsigned long addr, unsigned int fsr, struct pt_regs *regs);
	int sig;
	int code;
	const char *name;
};

static void __do_kernel_fault(unsigned long addr, unsigned int fsr,
			      struct pt_regs *regs)
{
	/* Are we prepared to handle this kernel fault?  (copy_from_user) */
	if (fixup_exception(regs))
		return;
	pr_alert("8<--- cut here ---\n");
	pr_alert("Unable to handle kernel %s at virtual address %08lx\n",
		 addr < PAGE_SIZE ? "NULL pointer dereference"
				  : "paging request",
		 addr);
	die("Oops", regs, fsr);
}

/*
 * __do_user_fault - a process's fault that nothing handles: the report
 * 5.10 prints with CONFIG_DEBUG_USER and user_debug=31 (Debian's kernel
 * has neither and prints nothing; the shell says "Segmentation fault"),
 * then the signal, which kills it.
 * SIMPLIFIED(v5.10): no show_pte() lines.
 */
static void __do_user_fault(unsigned long addr, unsigned int fsr,
			    unsigned int sig, int code, struct pt_regs *regs)
{
	pr_err("8<--- cut here ---\n");
	pr_err("%s: unhandled page fault (%d) at 0x%08lx, code 0x%03x\n",
	       current->comm, sig, addr, fsr);
	__show_regs(regs);
	force_sig_fault((int)sig, code, addr);
}

static void do_bad_area(unsigned long addr, unsigned int fsr,
			struct pt_regs *regs)
{
	if (user_mode(regs))
		__do_user_fault(addr, fsr, SIGSEGV, SEGV_MAPERR, regs);
	else
		__do_kernel_fault(addr, fsr, regs);
}

static int do_bad(unsigned long addr, unsigned int fsr, struct pt_regs *regs)
{
	(void)addr, (void)fsr, (void)regs;
	return 1;
}

/*
 * do_page_fault - a fault in a page's worth of a process's memory.
 * Until processes have address spaces to look a fault up in (mm_struct
 * and its VMAs, chapters 32 and 33), none is handled: a process's fault
 * kills it, the kernel's is fixed up (a uaccess) or an oops.
 */
static int do_page_fault(unsigned long addr, unsigned int fsr,
			 struct pt_regs *regs)
{
	if (user_mode(regs)) {
		__do_user_fault(addr, fsr, SIGSEGV,
				fsr_fs(fsr) == 15 ? SEGV_ACCERR : SEGV_MAPERR,
				regs);
		return 0;
	}
	__do_kernel_fault(addr, fsr, regs);
	return 0;
}

/* A section's translation fault: below TASK_SIZE a process's address. */
static int do_translation_fault(unsigned long addr, unsigned int fsr,
				struct pt_regs *regs)
{
	if (addr < TASK_SIZE)
		return do_page_fault(addr, fsr, regs);
	do_bad_area(addr, fsr, regs);
	return 0;
}

static int do_sect_fault(unsigned long addr, unsigned int fsr,
			 struct pt_regs *regs)
{
	do_bad_area(addr, fsr, regs);
	return 0;
}

static struct fsr_info fsr_info[32] = {
	{ do_bad, SIGSEGV, 0, "vector exception" },
	{ do_bad, SIGBUS, BUS_ADRALN, "alignment exception" },
	{ do_bad, SIGKILL, 0, "terminal exception" },
	{ do_bad, SIGBUS, BUS_ADRALN, "alignment exception" },
	{ do_bad, SIGBUS, 0, "external abort on linefetch" },
	{ do_translation_fault, SIGSEGV, SEGV_MAPERR,
	  "section translation fault" },
	{ do_bad, SIGBUS, 0, "external abort on linefetch" },
	{ do_page_fault, SIGSEGV, SEGV_MAPERR, "page translation fault" },
	{ do_bad, SIGBUS, 0, "external abort on non-linefetch" },
	{ do_bad, SIGSEGV, SEGV_ACCERR, "section domain fault" },
	{ do_bad, SIGBUS, 0, "external abort on non-linefetch" },
	{ do_bad, SIGSEGV, SEGV_ACCERR, "page domain fault" },
	{ do_bad, SIGBUS, 0, "external abort on translation" },
	{ do_sect_fault, SIGSEGV, SEGV_ACCERR, "section permission fault" },
	{ do_bad, SIGBUS, 0, "external abort on translation" },
	{ do_page_fault, SIGSEGV, SEGV_ACCERR, "page permission fault" },
	/* 16..31: imprecise aborts, all unknown to us */
};

static struct fsr_info ifsr_info[32] = {
	[3] = { do_bad, SIGSEGV, SEGV_ACCERR, "section access flag fault" },
	[5] = { do_translation_fault, SIGSEGV, SEGV_MAPERR,
		"section translation fault" },
	[6] = { do_bad, SIGSEGV, SEGV_ACCERR, "page access flag fault" },
	[7] = { do_page_fault, SIGSEGV, SEGV_MAPERR, "page translation fault" },
	[9] = { do_bad, SIGSEGV, SEGV_ACCERR, "section domain fault" },
	[11] = { do_bad, SIGSEGV, SEGV_ACCERR, "page domain fault" },
	[13] = { do_sect_fault, SIGSEGV, SEGV_ACCERR,
		 "section permission fault" },
	[15] = { do_page_fault, SIGSEGV, SEGV_ACCERR, "page permission fault" },
};

static void set_fsr_entry(struct fsr_info *table, int nr,
			  int (*fn)(unsigned long, unsigned int,
				    struct pt_regs *),
			  int sig, int code, const char *name)
{
	if (nr < 0 || nr >= 32) {
		WARN(1, "hook_fault_code: bad fault number %d\n", nr);
		return;
	}
	table[nr] = (struct fsr_info){ fn, sig, code, name };
}

void hook_fault_code(int nr,
		     int (*fn)(unsigned long, unsigned int, struct pt_regs *),
		     int sig, int code, const char *name)
{
	set_fsr_entry(fsr_info, nr, fn, sig, code, name);
}

void hook_ifault_code(int nr,
		      int (*fn)(unsigned long, unsigned int, struct pt_regs *),
		      int sig, int code, const char *name)
{
	set_fsr_entry(ifsr_info, nr, fn, sig, code, name);
}

/* A table slot nobody filled behaves as do_bad, named by its number. */
static void report_unhandled(const char *kind, const struct fsr_info *inf,
			     unsigned int fsr, unsigned long addr,
			     struct pt_regs *regs)
{
	pr_alert("8<--- cut here ---\n");
	pr_alert("Unhandled %s: %s (0x%03x) at 0x%08lx\n", kind,
		 inf->name ? inf->name : "unknown", fsr, addr);
	arm_notify_die(kind, regs, inf->sig ? inf->sig : SIGSEGV, inf->code,
		       addr, fsr);
}

void do_DataAbort(unsigned long addr, unsigned int fsr, struct pt_regs *regs)
{
	const struct fsr_info *inf = fsr_info + fsr_fs(fsr);

	if (inf->fn && !inf->fn(addr, fsr & ~FSR_LNX_PF, regs))
		return;
	report_unhandled("fault", inf, fsr, addr, regs);
}

void do_PrefetchAbort(unsigned long addr, unsigned int ifsr,
		      struct pt_regs *regs)
{
	const struct fsr_info *inf = ifsr_info + fsr_fs(ifsr);

	if (inf->fn && !inf->fn(addr, ifsr | FSR_LNX_PF, regs))
		return;
	report_unhandled("prefetch abort", inf, ifsr, addr, regs);
}
