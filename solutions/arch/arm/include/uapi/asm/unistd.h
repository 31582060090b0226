/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * The system call numbers of the ARM EABI (arch/arm/tools/syscall.tbl,
 * from which 5.10 generates this header): the kernel's table and the
 * user programs' library both read them here.  Plain C, no kernel types:
 * samples/user/ includes it without the kernel's headers.
 */
#ifndef _UAPI__ASM_ARM_UNISTD_H
#define _UAPI__ASM_ARM_UNISTD_H

#define __NR_exit 1
#define __NR_fork 2
#define __NR_read 3
#define __NR_write 4
#define __NR_open 5
#define __NR_close 6
#define __NR_unlink 10
#define __NR_lseek 19
#define __NR_getpid 20
#define __NR_brk 45
#define __NR_munmap 91
#define __NR_wait4 114
#define __NR_fsync 118
#define __NR_mprotect 125
#define __NR_msync 144
#define __NR_sched_yield 158
#define __NR_mmap2 192

#endif /* _UAPI__ASM_ARM_UNISTD_H */
