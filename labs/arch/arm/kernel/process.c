// SPDX-License-Identifier: GPL-2.0
/*
 * The registers in an oops (arch/arm/kernel/process.c: __show_regs, and
 * lib/dump_stack.c: dump_stack_print_info).
 *
 * An ARM oops in Linux 5.10 reads
 *
 *   Internal error: Oops: 805 [#1] SMP ARM          (traps.c: __die)
 *   Modules linked in:
 *   CPU: 0 PID: 0 Comm: swapper/0 Not tainted 5.10.0 #1
 *   Hardware name: ARM-Versatile Express
 *   PC is at __free_pages_memory+0x1c/0x80
 *   LR is at memblock_free_all+0x30/0x94
 *   pc : [<c01234a8>]    lr : [<c0123510>]    psr: 60000013
 *   sp : c0801f40  ip : 00000000  fp : 00000000
 *   r10: ...                                         (r10 to r0)
 *   Flags: nZCv  IRQs on  FIQs on  Mode SVC_32  ISA ARM  Segment none
 *   Control: 10c5387d  Table: 6000406a  DAC: 00000051
 *
 * and we print the same lines on both machines, then one line of our own
 * with what the machine knows besides (the fault registers; on the host,
 * where the host's instruction pointer was).  "Segment none" is what a
 * kernel with CONFIG_CPU_SW_DOMAIN_PAN prints when the user domain is
 * closed; with it open (inside uaccess), "user" in a process, whose
 * addr_limit is USER_DS, and "kernel" in the kernel's own task
 * (KERNEL_DS).
 *
 * SIMPLIFIED(v5.10 arch/arm/kernel/traps.c: __die): no "Process ...
 * (pid: ..., stack limit ...)" line, no "Stack:" dump, backtrace or
 * "Code:" line; the grader names the faulting function and its callers
 * instead.  Without kallsyms on the board, %pS prints the address, as a
 * 5.10 kernel built without CONFIG_KALLSYMS does.
 */
#include <string.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/panic.h>
#include <linux/proc_fs.h>
#include <linux/sched.h>
#include <asm/cp15.h>
#include <asm/machine.h>
#include <asm/memory.h>
#include <asm/ptrace.h>

/* The release and version our oopses print (init/version.c's utsname). */
#define UTS_RELEASE "5.10.0"
#define UTS_VERSION "#1"

/*
 * The machine descriptor's name (mach-vexpress/v2m.c: DT_MACHINE_START),
 * which setup_arch() gives dump_stack_set_arch_desc(); the host port
 * simulates the same board.
 */
static const char hardware_name[] = "ARM-Versatile Express";

static const char *const processor_modes[] = {
	"USER_26", "FIQ_26",   "IRQ_26",  "SVC_26",  "UK4_26",	"UK5_26",
	"UK6_26",  "UK7_26",   "UK8_26",  "UK9_26",  "UK10_26", "UK11_26",
	"UK12_26", "UK13_26",  "UK14_26", "UK15_26", "USER_32", "FIQ_32",
	"IRQ_32",  "SVC_32",   "UK4_32",  "UK5_32",  "MON_32",	"ABT_32",
	"UK8_32",  "UK9_32",   "HYP_32",  "UND_32",  "UK12_32", "UK13_32",
	"UK14_32", "SYSTEM_32"
};

static const char *const isa_modes[] = { "ARM", "Thumb", "Jazelle", "ThumbEE" };

#define PSR_T_BIT 0x20U
#define PSR_J_BIT 0x01000000U

/* dump_stack_print_info(): which CPU and task, and the kernel's name. */
static void show_regs_print_info(void)
{
	pr_emerg("CPU: %d PID: %d Comm: %s %s %s %s\n", smp_processor_id(),
		 current->pid, current->comm, print_tainted(), UTS_RELEASE,
		 UTS_VERSION);
	pr_emerg("Hardware name: %s\n", hardware_name);
}

/* The Flags line: condition codes, interrupts, mode, ISA, segment. */
static void show_flags(const struct pt_regs *regs, u32 domain)
{
	u32 psr = regs->ARM_cpsr;
	unsigned int isa = ((psr & PSR_J_BIT) >> 23) | ((psr & PSR_T_BIT) >> 5);
	bool no_user = (domain & domain_val(DOMAIN_USER, 3)) ==
		       domain_val(DOMAIN_USER, DOMAIN_NOACCESS);
	char buf[5];

	buf[0] = psr & (1U << 31) ? 'N' : 'n';
	buf[1] = psr & (1U << 30) ? 'Z' : 'z';
	buf[2] = psr & (1U << 29) ? 'C' : 'c';
	buf[3] = psr & (1U << 28) ? 'V' : 'v';
	buf[4] = '\0';
	pr_emerg("Flags: %s  IRQs o%s  FIQs o%s  Mode %s  ISA %s  Segment %s\n",
		 buf, psr & PSR_I_BIT ? "ff" : "n",
		 psr & PSR_F_BIT ? "ff" : "n", processor_modes[psr & MODE_MASK],
		 isa_modes[isa],
		 no_user		 ? "none"
		 : current == &init_task ? "kernel"
					 : "user");
}

/**
 * __show_regs - the registers of an exception, as a 5.10 oops shows them
 * @regs: the registers saved when the exception was taken
 */
void __show_regs(struct pt_regs *regs)
{
	u32 domain = get_domain();

	show_regs_print_info();
	pr_emerg("PC is at %pS\n", (void *)machine_show_pc(regs));
	pr_emerg("LR is at %pS\n", (void *)(uintptr_t)regs->ARM_lr);
	pr_emerg("pc : [<%08x>]    lr : [<%08x>]    psr: %08x\n", regs->ARM_pc,
		 regs->ARM_lr, regs->ARM_cpsr);
	pr_emerg("sp : %08x  ip : %08x  fp : %08x\n", regs->ARM_sp,
		 regs->ARM_ip, regs->ARM_fp);
	pr_emerg("r10: %08x  r9 : %08x  r8 : %08x\n", regs->uregs[10],
		 regs->uregs[9], regs->uregs[8]);
	pr_emerg("r7 : %08x  r6 : %08x  r5 : %08x  r4 : %08x\n", regs->uregs[7],
		 regs->uregs[6], regs->uregs[5], regs->uregs[4]);
	pr_emerg("r3 : %08x  r2 : %08x  r1 : %08x  r0 : %08x\n", regs->uregs[3],
		 regs->uregs[2], regs->uregs[1], regs->uregs[0]);
	show_flags(regs, domain);
	pr_emerg("Control: %08x  Table: %08x  DAC: %08x\n", get_cr(),
		 cpu_get_ttbr(0), domain);
	machine_show_regs(regs);
}

/**
 * start_thread - the registers a process starts with in user mode
 * @regs: to fill
 * @pc: its first instruction (ARM state)
 * @sp: the top of its stack
 *
 * As 5.10's (arch/arm/include/asm/processor.h), for an ARM-state EABI
 * program: USR mode, interrupts enabled, every other register zero.
 */
void start_thread(struct pt_regs *regs, unsigned long pc, unsigned long sp)
{
	memset(regs, 0, sizeof(*regs));
	regs->ARM_cpsr = USR_MODE;
	regs->ARM_pc = pc & ~1UL;
	regs->ARM_sp = sp;
}

/**
 * copy_thread - the child's registers: its parent's at the fork() call,
 * with r0 = 0, so that fork() returns 0 in the child (as 5.10's, for a
 * fork without a new stack or TLS)
 * @p: the child
 * @regs: the parent's, as the system call will return with them
 */
void copy_thread(struct task_struct *p, const struct pt_regs *regs)
{
	p->thread.regs = *regs;
	p->thread.regs.ARM_r0 = 0;
	machine_copy_thread(p, current);
}

/*
 * The vectors page (CONFIG_KUSER_HELPERS): user space may read it for
 * the kuser helpers, so /proc/PID/maps shows it after the VMAs of every
 * process.  It belongs to no mm and is in no list; 5.10 fills it in
 * gate_vma_init(), with vm_page_prot PAGE_READONLY_EXEC besides, which
 * no one reads here.
 */
static struct vm_area_struct gate_vma = {
	.vm_start = VECTORS_BASE,
	.vm_end = VECTORS_BASE + PAGE_SIZE,
	.vm_flags = VM_READ | VM_EXEC | VM_MAYREAD | VM_MAYEXEC,
};

/**
 * get_gate_vma - the VMA of the vectors page, the same for every @mm
 * @mm: the address space whose maps are shown
 */
struct vm_area_struct *get_gate_vma(struct mm_struct *mm)
{
	return &gate_vma;
}

/**
 * arch_vma_name - the name the architecture gives a VMA, or NULL
 * @vma: a VMA of a process, or the gate VMA
 *
 * ARM names only the vectors page; its sigpage is named by its special
 * mapping (vm_ops->name), and we have none.
 */
const char *arch_vma_name(struct vm_area_struct *vma)
{
	return vma == &gate_vma ? "[vectors]" : NULL;
}
