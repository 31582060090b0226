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
 * kernel oopses.  A translation or permission fault in a process's
 * memory goes to do_page_fault(), which asks the process's VMAs and
 * handle_mm_fault() (chapters 32 and 33); a fault nothing fixes kills
 * the process (__do_user_fault()), or in the kernel is an oops,
 * "Unable to handle kernel ... at virtual address", unless the
 * exception table has a fixup for it (a uaccess).
 * hook_fault_code() lets a caller replace one entry, as Linux's
 * platform code does; our tests use it to watch aborts.
 */
#include <linux/bug.h>
#include <linux/extable.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <asm/machine.h>
#include <asm/memory.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/cp15.h>
#include <asm/tlbflush.h>
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

/* Beside VM_FAULT_*: no VMA there, or one that forbids the access. */
#define VM_FAULT_BADMAP 0x010000
#define VM_FAULT_BADACCESS 0x020000

//> ch33 access_error
/*
 * Does @vma forbid the access?  A write needs VM_WRITE and an
 * instruction fetch VM_EXEC; a read, or a cache maintenance operation
 * (FSR_CM, which the hardware reports as a write), needs any of the
 * three, as an ARM PTE cannot give write or execute without read.
 */
static bool access_error(unsigned int fsr, struct vm_area_struct *vma)
{
	/* TODO(ch33): the VM_* flag this access needs: VM_WRITE for a
	   write (FSR_WRITE without FSR_CM), VM_EXEC for a fetch
	   (FSR_LNX_PF), any of the three otherwise; see
	   chapters/33-page-faults.md, "Who may fault where". */
	(void)fsr, (void)vma;
	return false;
}
//< ch33 access_error

//> ch33 __do_page_fault
/*
 * The VMA of @addr, grown down to it if it is a stack, and the fault
 * handled there; VM_FAULT_BADMAP or VM_FAULT_BADACCESS if not.
 */
static vm_fault_t __do_page_fault(struct mm_struct *mm, unsigned long addr,
				  unsigned int fsr, unsigned int flags,
				  struct pt_regs *regs)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	if (!vma)
		return VM_FAULT_BADMAP;
	if (vma->vm_start > addr) {
		/* TODO(ch33): below a VM_GROWSDOWN VMA, at or above
		   FIRST_USER_ADDRESS, the stack grows (expand_stack()); see
		   chapters/33-page-faults.md, "Growing the stack". */
		return VM_FAULT_BADMAP;
	}
	if (access_error(fsr, vma))
		return VM_FAULT_BADACCESS;
	return handle_mm_fault(vma, addr & PAGE_MASK, flags, regs);
}
//< ch33 __do_page_fault

/*
 * do_page_fault - a fault in a page's worth of a process's memory
 * (arch/arm/mm/fault.c).  The process's VMAs say whether the access is
 * allowed; if it is, handle_mm_fault() brings the page and the access
 * is retried.  If not, a process gets SIGSEGV (MAPERR: nothing mapped
 * there; ACCERR: mapped, but not for this access), and the kernel, in
 * copy_from_user() and co., its exception-table fixup or an oops.
 * SIMPLIFIED(v5.10): no mmap_lock, no retry, no OOM killer (a process
 * whose fault finds no memory is killed with SIGKILL).
 */
static int do_page_fault(unsigned long addr, unsigned int fsr,
			 struct pt_regs *regs)
{
	struct mm_struct *mm = current->mm;
	unsigned int flags = 0;
	vm_fault_t fault;

	if (!mm) /* no user context: a kernel thread, or a test's tables */
		goto no_context;
	if (user_mode(regs))
		flags |= FAULT_FLAG_USER;
	if ((fsr & FSR_WRITE) && !(fsr & FSR_CM))
		flags |= FAULT_FLAG_WRITE;
	fault = __do_page_fault(mm, addr, fsr, flags, regs);
	if (!(fault & (VM_FAULT_ERROR | VM_FAULT_BADMAP | VM_FAULT_BADACCESS)))
		return 0;
	if (!user_mode(regs))
		goto no_context;
	if (fault & VM_FAULT_OOM)
		__do_user_fault(addr, fsr, SIGKILL, 0, regs);
	else if (fault & VM_FAULT_SIGBUS)
		__do_user_fault(addr, fsr, SIGBUS, BUS_ADRERR, regs);
	else
		__do_user_fault(addr, fsr, SIGSEGV,
				fault == VM_FAULT_BADACCESS ? SEGV_ACCERR
							    : SEGV_MAPERR,
				regs);
	return 0;
no_context:
	if (user_mode(regs))
		__do_user_fault(addr, fsr, SIGSEGV,
				fsr_fs(fsr) == 15 ? SEGV_ACCERR : SEGV_MAPERR,
				regs);
	else
		__do_kernel_fault(addr, fsr, regs);
	return 0;
}

/* The first-level table the CPU walks now (TTBR0's, as a pointer). */
static inline pgd_t *cpu_get_pgd(void)
{
	return (pgd_t *)__va(cpu_get_ttbr(0) & ~0x3fffU);
}

//> ch34 do_translation_fault
/*
 * A section translation fault.  Below TASK_SIZE, a process's address:
 * do_page_fault().  Above, a kernel address whose first-level entry
 * swapper_pg_dir got after this process's table was copied from it
 * (a vmalloc area's new PTE page, chapter 26): copy the entry and retry
 * (5.10's do_translation_fault()).  The hardware entry of the faulting
 * megabyte decides, not the first of the pair.
 */
static int do_translation_fault(unsigned long addr, unsigned int fsr,
				struct pt_regs *regs)
{
	unsigned int index = pgd_index(addr);
	pmd_t *pmd, *pmd_k;

	if (addr < TASK_SIZE)
		return do_page_fault(addr, fsr, regs);
	/* TODO(ch34): a kernel address: copy init_mm's entry into the
	   table the CPU walks, if init_mm has one; see
	   chapters/34-table-sync.md, "The kernel half". */
	(void)index, (void)pmd, (void)pmd_k;
	goto bad_area;
bad_area:
	do_bad_area(addr, fsr, regs);
	return 0;
}
//< ch34 do_translation_fault

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
