// SPDX-License-Identifier: GPL-2.0
/*
 * The host harness's sandbox: what a test process may do.
 *
 * On the host every test runs in a process of its own (Check's fork
 * mode), and the kernel under test is the student's code.  Before that
 * code runs, the fixture calls ktest_sandbox(), which confines the
 * process for the rest of its life:
 *
 *   - resource limits: 8 GiB of address space (the port reserves 4 GiB
 *     of it for the simulated 32-bit machine), no core files;
 *   - a seccomp filter that allows the system calls the port and Check
 *     need (memory mappings, signals, timers, writing to the descriptors
 *     it already has) and answers every other one with EPERM: no new
 *     process, no program started, no file opened, renamed or removed,
 *     no signal to another process, no socket.
 *
 * So a test can neither leave a process behind nor touch the grader's
 * files.  The board needs none of this: code in QEMU reaches the host
 * only through semihosting, which the runner confines (run.py).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/syscall.h>

/*
 * The kernel's UAPI names, written out here: <linux/...> in this build
 * is the course's own include/linux, not the host's.
 */
#if defined(__x86_64__)
#define KTEST_AUDIT_ARCH 0xc000003eu /* AUDIT_ARCH_X86_64 */
#elif defined(__aarch64__)
#define KTEST_AUDIT_ARCH 0xc00000b7u /* AUDIT_ARCH_AARCH64 */
#endif
#define PR_SET_SECCOMP 22
#define PR_SET_NO_NEW_PRIVS 38
#define SECCOMP_MODE_FILTER 2
#define SECCOMP_RET_KILL_PROCESS 0x80000000u
#define SECCOMP_RET_ERRNO 0x00050000u
#define SECCOMP_RET_ALLOW 0x7fff0000u
#define BPF_LD 0x00
#define BPF_JMP 0x05
#define BPF_RET 0x06
#define BPF_W 0x00
#define BPF_ABS 0x20
#define BPF_JEQ 0x10
#define BPF_K 0x00
#define BPF_STMT(code, k)                       \
	{                                       \
		(unsigned short)(code), 0, 0, k \
	}
#define BPF_JUMP(code, k, jt, jf)                 \
	{                                         \
		(unsigned short)(code), jt, jf, k \
	}

int prctl(int option, ...);

struct sock_filter {
	uint16_t code;
	uint8_t jt, jf;
	uint32_t k;
};

struct sock_fprog {
	unsigned short len;
	struct sock_filter *filter;
};

struct seccomp_data {
	int nr;
	uint32_t arch;
	uint64_t instruction_pointer;
	uint64_t args[6];
};

#define AS_LIMIT (8UL << 30)

static void set_limit(int resource, rlim_t value)
{
	struct rlimit r = { value, value };

	if (setrlimit(resource, &r))
		perror("ktest: setrlimit");
}

#ifdef KTEST_AUDIT_ARCH
#define LOAD(off) BPF_STMT(BPF_LD | BPF_W | BPF_ABS, (off))
#define ALLOW(nr)                                        \
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (nr), 0, 1), \
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW)
#define NR offsetof(struct seccomp_data, nr)
#define ARG0 offsetof(struct seccomp_data, args[0])

static void install_filter(void)
{
	const unsigned int self = (unsigned int)getpid();
	struct sock_filter prog[] = {
		LOAD(offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, KTEST_AUDIT_ARCH, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
		LOAD(NR),
		ALLOW(SYS_read),
		ALLOW(SYS_write),
		ALLOW(SYS_writev),
		ALLOW(SYS_lseek),
		ALLOW(SYS_close),
		ALLOW(SYS_fstat),
		ALLOW(SYS_newfstatat),
		ALLOW(SYS_mmap),
		ALLOW(SYS_munmap),
		ALLOW(SYS_mprotect),
		ALLOW(SYS_mremap),
		ALLOW(SYS_madvise),
		ALLOW(SYS_brk),
		ALLOW(SYS_memfd_create),
		ALLOW(SYS_ftruncate),
		ALLOW(SYS_fallocate),
		ALLOW(SYS_rt_sigaction),
		ALLOW(SYS_rt_sigprocmask),
		ALLOW(SYS_rt_sigreturn),
		ALLOW(SYS_sigaltstack),
		ALLOW(SYS_getpid),
		ALLOW(SYS_gettid),
		ALLOW(SYS_getpgrp),
		ALLOW(SYS_clock_gettime),
		ALLOW(SYS_clock_nanosleep),
		ALLOW(SYS_nanosleep),
		ALLOW(SYS_gettimeofday),
		ALLOW(SYS_getrandom),
		ALLOW(SYS_futex),
		ALLOW(SYS_timer_create),
		ALLOW(SYS_timer_settime),
		ALLOW(SYS_timer_delete),
		ALLOW(SYS_exit),
		ALLOW(SYS_exit_group),
		ALLOW(SYS_prlimit64),
		/* signals to itself only (abort() and raise() use tgkill) */
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_tgkill, 1, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_kill, 0, 3),
		LOAD(ARG0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, self, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
	};
	struct sock_fprog fprog = {
		.len = sizeof(prog) / sizeof(prog[0]),
		.filter = prog,
	};

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &fprog))
		perror("ktest: seccomp");
}
#else
static void install_filter(void)
{
	/* SIMPLIFIED: no system-call filter on this host architecture */
}
#endif

void ktest_sandbox(void)
{
	static int done;

	if (done)
		return;
	done = 1;
	set_limit(RLIMIT_AS, AS_LIMIT);
	set_limit(RLIMIT_CORE, 0);
	install_filter();
}
