// SPDX-License-Identifier: GPL-2.0
/*
 * User mode on the host port.
 *
 * The board enters user mode with an exception return and runs the
 * process's ARM code from its pages.  The host cannot run ARM code: a
 * process's code is the host's own build of the same C (samples/user),
 * run as a coroutine whose stack is the process's user stack, at its
 * simulated address.  While it runs, the port is in user mode: every
 * data access it makes (its stack, and every pointer it follows) goes
 * through the MMU model with PL0's permissions and the DACR of user
 * mode, so that it faults where the board's would.  Its code and the
 * image's read-only data are the host's and are not checked.
 *
 * host_svc() is the process's "svc #0": it switches back to the kernel
 * (machine_user_run()'s loop, on the kernel's host stack), which leaves
 * user mode and runs invoke_syscall() with the registers the board's
 * vector would have saved, then resumes the process with r0.  A pointer
 * into the image's read-only data is given to the kernel as its user
 * address (a string's, for write()), where exec put the same bytes.
 * Each process has its own coroutine (thread.machine), whose saved
 * registers point into its own user stack; machine_user_stop() returns
 * from machine_user_run() by longjmp, from a system call or from the
 * fault handler (trap.c), leaving the coroutine where it was.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>
#include <linux/kernel.h>
#include <linux/panic.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <asm/machine.h>
#include <asm/memory.h>
#include <asm/ptrace.h>
#include <asm/uaccess.h>
#include "host.h"

/* The host stack a process may use below its sp: all in user memory. */
#define USER_HOST_STACK (64 * 1024)

static ucontext_t kernel_uc; /* the kernel, while a process runs */
static jmp_buf user_stop_jmp;
/*
 * What a process and the kernel exchange at a system call, in the host's
 * memory, which the process reaches in user mode as a board's process
 * reaches its registers: the running coroutine, and r0-r7.
 */
static ucontext_t *running_uc;
static struct pt_regs svc_frame;
/*
 * The pc a system call returns to, as the kernel sees it: a restarted
 * call (syscall_exit_work()) moves it back 4, to "the svc", and
 * host_svc() then makes the call again.
 */
#define SVC_PC 4U

/* Exception entry from user mode, and the return: mode and DACR. */
void host_enter_kernel(void)
{
	host_cpu.user = false;
	host_cpu.dacr = DACR_UACCESS_DISABLE;
	host_tlb_changed_context();
}

void host_enter_user(void)
{
	host_cpu.user = true;
	host_cpu.dacr = DACR_UACCESS_ENABLE;
	host_tlb_changed_context();
}

/*
 * A host division by zero in a process's code (the board's programs
 * have no divide instruction; libgcc's __aeabi_idiv0 would raise the
 * same signal): SIGFPE, its default action death.
 */
void host_user_sigfpe(struct pt_regs *regs)
{
	host_enter_kernel();
	force_sig_fault(SIGFPE, FPE_INTDIV, regs->ARM_pc);
}

/* A host address in the user image, as the process sees it. */
static long user_arg(long a)
{
	const char *p = (const char *)a;

	if (p >= __user_text_start && p < __user_text_end)
		return (long)(USER_TEXT_ADDR + (p - __user_text_start));
	return a;
}

long host_svc(long nr, long a, long b, long c, long d, long e, long f)
{
	long args[6] = { a, b, c, d, e, f };

	do { /* again while the kernel puts the pc back on the svc */
		for (int i = 0; i < 6; i++)
			svc_frame.uregs[i] = (u32)user_arg(args[i]);
		svc_frame.uregs[7] = (u32)nr;
		swapcontext(running_uc, &kernel_uc); /* the svc */
	} while (svc_frame.ARM_pc == SVC_PC - 4);
	/* r0 is 32 bits: an error (-4095..-1) widens signed, an address
	 * (mmap's, above 2 GiB) unsigned, as the board's long would hold. */
	if (svc_frame.ARM_r0 >= (u32)-4095)
		return (long)(s32)svc_frame.ARM_r0;
	return (long)svc_frame.ARM_r0;
}

/* A new process's coroutine: its first frame on its user stack. */
static ucontext_t *new_user_context(const struct pt_regs *regs)
{
	unsigned long sp = regs->ARM_sp & ~15UL;
	ucontext_t *uc = calloc(1, sizeof(*uc));
	unsigned int ua;

	if (!uc)
		panic("host: no memory for a process's context");
	getcontext(uc);
	uc->uc_stack.ss_sp = (void *)(sp - USER_HOST_STACK);
	uc->uc_stack.ss_size = USER_HOST_STACK;
	uc->uc_link = NULL;
	/* makecontext() writes the first frame: a write to user memory */
	ua = uaccess_save_and_enable();
	makecontext(uc,
		    (void (*)(void))(__user_text_start +
				     (regs->ARM_pc - USER_TEXT_ADDR)),
		    2, (unsigned long)regs->ARM_r0,
		    (unsigned long)regs->uregs[1]);
	uaccess_restore(ua);
	return uc;
}

void machine_user_run(struct task_struct *tsk)
{
	if (setjmp(user_stop_jmp))
		return;
	if (!tsk->thread.machine)
		tsk->thread.machine = new_user_context(&tsk->thread.regs);
	for (;;) {
		struct pt_regs *regs = &tsk->thread.regs;

		running_uc = tsk->thread.machine;
		svc_frame.ARM_r0 = regs->ARM_r0; /* the last call's result */
		svc_frame.ARM_pc = regs->ARM_pc; /* SVC_PC - 4: call again */
		host_enter_user();
		swapcontext(&kernel_uc, running_uc);
		host_enter_kernel();
		memcpy(regs->uregs, svc_frame.uregs, 8 * sizeof(u32));
		regs->ARM_pc = SVC_PC;
		regs->ARM_cpsr = USR_MODE;
		invoke_syscall(regs);
	}
}

/*
 * fork: the child's coroutine is its parent's, saved in host_svc(): the
 * same registers, its stack pointer into the child's copy of the stack
 * at the same address.  So the child returns from the same host_svc()
 * call, as a forked process returns from the same svc.
 */
void machine_copy_thread(struct task_struct *child,
			 const struct task_struct *parent)
{
	ucontext_t *uc = malloc(sizeof(*uc));

	if (!uc)
		panic("host: no memory for a process's context");
	*uc = *(const ucontext_t *)parent->thread.machine;
	uc->uc_mcontext.fpregs = &uc->__fpregs_mem; /* points into itself */
	child->thread.machine = uc;
}

void machine_user_stop(struct task_struct *tsk)
{
	if (host_cpu.user)
		host_enter_kernel();
	if (tsk->state == EXIT_DEAD) {
		free(tsk->thread.machine);
		tsk->thread.machine = NULL;
	}
	longjmp(user_stop_jmp, 1);
}

const void *machine_user_image(unsigned long *size)
{
	*size = (unsigned long)(__user_text_end - __user_text_start);
	return __user_text_start;
}

/* trap.c returns from the exception there. */
void machine_set_return_pc(struct pt_regs *regs, uintptr_t pc)
{
	(void)regs;
	host_cpu.return_pc = pc;
}

/*
 * The copies between kernel and user memory, as the board's uaccess.S:
 * a byte at a time, the user access of each (@LOAD2 or @STORE2: the one
 * labelled 2) listed in __ex_table with a fixup that returns the bytes
 * not copied (%rdx: this one and the rest).
 */
#define COPY_USER(name, load, store)               \
	".globl " #name "\n"                       \
	".type " #name ", @function\n" #name ":\n" \
	"1:	test %rdx, %rdx\n"                     \
	"	jz 3f\n" load "\n" store "\n"      \
	"	inc %rsi\n"                              \
	"	inc %rdi\n"                              \
	"	dec %rdx\n"                              \
	"	jmp 1b\n"                                \
	"3:	xor %eax, %eax\n"                      \
	"	ret\n"                                   \
	"9:	mov %rdx, %rax\n"                      \
	"	ret\n"                                   \
	".pushsection __ex_table, \"aw\"\n"        \
	".balign 8\n"                              \
	".quad 2b, 9b\n"                           \
	".popsection\n"

__asm__(".text\n" COPY_USER(arm_copy_from_user, "2:	movb (%rsi), %al",
			    "	movb %al, (%rdi)")
		COPY_USER(arm_copy_to_user, "	movb (%rsi), %al",
			  "2:	movb %al, (%rdi)"));
