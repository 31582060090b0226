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
 * the task dies.  Until the page-fault chapters give the kernel address
 * spaces, every fault the kernel takes is fatal: __do_kernel_fault()
 * prints "Unable to handle kernel ... at virtual address".
 * hook_fault_code() lets a caller replace one entry, as Linux's
 * platform code does; our tests use it to watch aborts.
 */
#include <linux/bug.h>
#include <linux/kernel.h>
#include <linux/sched.h>
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
	pr_alert("8<--- cut here ---\n");
	pr_alert("Unable to handle kernel %s at virtual address %08lx\n",
		 addr < PAGE_SIZE ? "NULL pointer dereference"
				  : "paging request",
		 addr);
	die("Oops", regs, fsr);
}

static int do_bad(unsigned long addr, unsigned int fsr, struct pt_regs *regs)
{
	(void)addr, (void)fsr, (void)regs;
	return 1;
}

static int do_translation_fault(unsigned long addr, unsigned int fsr,
				struct pt_regs *regs)
{
	__do_kernel_fault(addr, fsr, regs);
	return 0;
}

static int do_page_fault(unsigned long addr, unsigned int fsr,
			 struct pt_regs *regs)
{
	__do_kernel_fault(addr, fsr, regs);
	return 0;
}

static int do_sect_fault(unsigned long addr, unsigned int fsr,
			 struct pt_regs *regs)
{
	__do_kernel_fault(addr, fsr, regs);
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
	die(kind, regs, fsr);
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
