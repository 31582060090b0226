/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The end of a task (include/linux/sched/task.h).  Our kernel has one
 * flow of control, the current task; on the course's machines that is
 * the running test.  do_exit() ends it: a test harness installs
 * task_exit_hook to turn that into a failed test, otherwise the machine
 * halts with the exit code.
 */
#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H

#include <linux/compiler.h>
#include <linux/list.h>
#include <linux/wait.h>
#include <asm/processor.h>

/* Signal numbers used as exit codes, as on Linux/ARM. */
#define SIGILL 4
#define SIGTRAP 5
#define SIGBUS 7
#define SIGFPE 8
#define SIGKILL 9
#define SIGSEGV 11

#define SEGV_MAPERR 1
#define SEGV_ACCERR 2
#define ILL_ILLOPC 1
#define FPE_INTDIV 1
#define BUS_ADRALN 1
#define BUS_ADRERR 2
#define BUS_OBJERR 3

/* Resource limits (uapi/asm-generic/resource.h, uapi/linux/resource.h) */
#define RLIMIT_STACK 3
#define RLIM_INFINITY (~0UL)
#define _STK_LIM (8UL * 1024 * 1024)

/*
 * The limit of current (linux/sched/signal.h): 8 MiB of stack, the
 * rest unlimited.  SIMPLIFIED(v5.10): every process has the defaults a
 * shell's `ulimit -s` shows; there is no setrlimit(2).
 */
static inline unsigned long rlimit(unsigned int limit)
{
	return limit == RLIMIT_STACK ? _STK_LIM : RLIM_INFINITY;
}

extern void (*task_exit_hook)(long code);
__noreturn void do_exit(long code);

/*
 * A user process (include/linux/sched.h's task_struct, a few of its
 * fields).  SIMPLIFIED: the kernel itself is one flow of control, the
 * running test, which plays init: run_user_task() runs processes in
 * user mode, round robin, switching only at system calls (sched_yield,
 * and a process's exit), until none is left, and returns the first
 * one's wait status (exit code << 8, or the number of the signal that
 * killed it).
 */
#define TASK_COMM_LEN 16
#define TASK_INTERRUPTIBLE 0x0001
#define EXIT_DEAD 0x0010
#define EXIT_ZOMBIE 0x0020
#ifndef WNOHANG /* the host C library has it, with this value */
#define WNOHANG 0x00000001
#endif

struct mm_struct;
struct pt_regs;

/* What a signal says of its cause (5.10's struct kernel_siginfo, cut). */
struct kernel_siginfo {
	int si_signo; /* SIGSEGV ... */
	int si_code; /* SEGV_MAPERR, SEGV_ACCERR, BUS_ADRERR ... */
	unsigned long si_addr; /* the faulting address */
};

struct files_struct;

struct task_struct {
	long state; /* TASK_RUNNING, TASK_INTERRUPTIBLE in wait4(), or
		       EXIT_ZOMBIE until its parent reaps it, then EXIT_DEAD */
	int pid;
	char comm[TASK_COMM_LEN];
	struct mm_struct *mm; /* NULL: the address space is the current one */
	int exit_code; /* the wait status, once it has ended */
	bool need_resched; /* switch at the end of this system call */
	struct list_head run_list; /* on the run queue (kernel/sched.c) */
	struct list_head tasks; /* on the list of every process */
	struct task_struct *parent; /* who reaps it: NULL for init's */
	bool freeable; /* fork() allocated it: release_task() frees it */
	struct thread_struct thread; /* its registers while it waits */
	unsigned long min_flt; /* page faults handled (mm_account_fault()) */
	unsigned long maj_flt; /* those that read the page in (38) */
	struct kernel_siginfo fatal_info; /* the signal that killed it */
	struct files_struct *files; /* its descriptors (fs/file.c) */
};

extern struct task_struct init_task; /* the kernel: pid 0, swapper/0 */
extern struct task_struct *current;
extern const char *current_comm; /* current->comm, for reports */

int run_user_task(struct task_struct *tsk, const struct pt_regs *regs);
void start_user_task(struct task_struct *tsk, const struct pt_regs *regs);
void wake_up_new_task(struct task_struct *tsk); /* its registers set */
void wake_up_process(struct task_struct *tsk);
void sleep_in_syscall(void); /* off the run queue until woken */
extern struct list_head task_list;
void release_task(struct task_struct *p);
void free_task(struct task_struct *tsk); /* kernel/fork.c */
extern int last_pid;
/* After a system call: switch to the next process if one is due. */
void syscall_exit_work(struct pt_regs *regs);
/* kernel/signal.c: the default action of @sig, death for every one here */
void force_sig_fault(int sig, int code, unsigned long addr);

#endif /* _LINUX_SCHED_H */
