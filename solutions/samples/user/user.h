/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The user programs' library: Linux/ARM EABI system calls and the few
 * string functions the programs need.  There is no libc in user space:
 * these programs are freestanding, like a static binary's own start-up
 * code, and every one of them is linked into the same user image
 * (samples/user/, one image as busybox is one binary), which exec copies
 * into a process at USER_TEXT_ADDR.
 *
 * The image holds code and read-only data only.  A program keeps its
 * writable state on its stack or in memory it asks the kernel for: on
 * the board every access goes through the MMU in user mode; on the host
 * port the code is the host's and is not fetched through the model, but
 * the stack and every pointer a program follows are simulated user
 * memory, checked with user permissions.
 */
#ifndef _SAMPLES_USER_H
#define _SAMPLES_USER_H

/* Where a process sees the image: ld's default for arm-linux ELF. */
#define USER_TEXT_ADDR 0x00010000UL

/* A page of data exec gives every program (its .bss, fs/exec.c). */
#define USER_DATA_ADDR 0x00020000UL

/* System call numbers of the ARM EABI, mmap's flags: the kernel's uapi. */
#include "../../arch/arm/include/uapi/asm/unistd.h"
#include "../../include/uapi/asm-generic/mman-common.h"
#include "../../include/uapi/asm-generic/fcntl.h"

#ifdef __arm__
/* r7 holds the number, r0-r5 the arguments, r0 the result: svc #0. */
static inline long syscall6(long nr, long a, long b, long c, long d, long e,
			    long f)
{
	register long r0 __asm__("r0") = a;
	register long r1 __asm__("r1") = b;
	register long r2 __asm__("r2") = c;
	register long r3 __asm__("r3") = d;
	register long r4 __asm__("r4") = e;
	register long r5 __asm__("r5") = f;
	register long r7 __asm__("r7") = nr;

	__asm__ volatile("svc #0"
			 : "+r"(r0)
			 : "r"(r1), "r"(r2), "r"(r3), "r"(r4), "r"(r5), "r"(r7)
			 : "memory");
	return r0;
}

/* The image's code at its user address is itself. */
#define user_fn(va) ((void *)(va))
#else
/*
 * The host port's supervisor call (arch/host/user.c): it leaves user
 * mode for the kernel, which runs the call on a stack of its own.
 */
long host_svc(long nr, long a, long b, long c, long d, long e, long f);
#define syscall6 host_svc

/* The host function whose user address is @va. */
extern const char __user_text_start[];
#define user_fn(va) ((void *)(__user_text_start + ((va)-USER_TEXT_ADDR)))
#endif

#define syscall3(nr, a, b, c) \
	syscall6(nr, (long)(a), (long)(b), (long)(c), 0, 0, 0)

static inline long write(int fd, const void *buf, unsigned long count)
{
	return syscall3(__NR_write, fd, buf, count);
}

static inline long read(int fd, void *buf, unsigned long count)
{
	return syscall3(__NR_read, fd, buf, count);
}

static inline long open(const char *path, int flags)
{
	return syscall3(__NR_open, path, flags, 0666); /* O_CREAT's mode */
}

static inline long unlink(const char *path)
{
	return syscall3(__NR_unlink, path, 0, 0);
}

static inline long close(int fd)
{
	return syscall3(__NR_close, fd, 0, 0);
}

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

static inline long lseek(int fd, long offset, int whence)
{
	return syscall3(__NR_lseek, fd, offset, whence);
}

static inline long getpid(void)
{
	return syscall3(__NR_getpid, 0, 0, 0);
}

static inline long fork(void)
{
	return syscall3(__NR_fork, 0, 0, 0);
}

static inline long wait4(long pid, int *status, int options, void *rusage)
{
	return syscall6(__NR_wait4, pid, (long)status, options, (long)rusage, 0,
			0);
}

static inline long sched_yield(void)
{
	return syscall3(__NR_sched_yield, 0, 0, 0);
}

/* mmap(2) is mmap2 on ARM: the offset in pages.  An error is -4095..-1. */
static inline void *mmap(void *addr, unsigned long len, int prot, int flags,
			 int fd, unsigned long offset)
{
	return (void *)syscall6(__NR_mmap2, (long)addr, (long)len, prot, flags,
				fd, (long)(offset >> 12));
}

#define MAP_FAILED_MIN ((unsigned long)-4095)

static inline long munmap(void *addr, unsigned long len)
{
	return syscall3(__NR_munmap, addr, len, 0);
}

static inline long mprotect(void *addr, unsigned long len, int prot)
{
	return syscall3(__NR_mprotect, addr, len, prot);
}

static inline long msync(void *addr, unsigned long len, int flags)
{
	return syscall3(__NR_msync, addr, len, flags);
}

/* brk(2) as the kernel has it: the break after the call */
static inline long brk(unsigned long addr)
{
	return syscall3(__NR_brk, addr, 0, 0);
}

static inline long fsync(int fd)
{
	return syscall3(__NR_fsync, fd, 0, 0);
}

static inline __attribute__((noreturn)) void exit(int status)
{
	syscall3(__NR_exit, status, 0, 0);
	__builtin_unreachable();
}

/* lib.c */
unsigned long strlen(const char *s);
int puts(const char *s); /* @s and a newline on fd 1 */
int print(const char *s); /* @s alone */
int print_hex(unsigned long v); /* 0x%08lx */
int print_dec(long v);
void show(const char *what, long v); /* "what = v" */
void copy(char *to, const char *from, unsigned long n);
long differs(const char *a, const char *b, long n); /* first index, or -1 */

/* The entry of every program: start.c calls main(arg), then exit(). */
typedef int (*user_main_t)(long arg);
void user_start(unsigned long main_va, long arg) __attribute__((noreturn));

/* The programs (one file each). */
int hello_main(long arg);
int peek_main(long addr);
int poke_main(long addr);
int badcall_main(long arg);
int undef_main(long arg);
int pingpong_main(long letter);
int forktest_main(long arg);
int waittest_main(long arg);
int mmaptest_main(long arg);
int cowtest_main(long arg);
int jump_main(long addr);
int protecttest_main(long how);
int asidtest_main(long n);
int devtest_main(long how);
int cmatest_main(long how);
int filetest_main(long how);
int brktest_main(long arg);
#define RANDOM_MAP 100000 /* filetest: from here, random_map() */

#endif /* _SAMPLES_USER_H */
