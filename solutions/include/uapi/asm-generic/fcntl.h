/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * open(2)'s flags (include/uapi/asm-generic/fcntl.h; ARM's own header
 * changes only O_DIRECTORY and its neighbours, which we do not have).
 * Plain C: samples/user/ includes it without the kernel's headers.
 */
#ifndef _ASM_GENERIC_FCNTL_H
#define _ASM_GENERIC_FCNTL_H

#define O_ACCMODE 00000003
#define O_RDONLY 00000000
#define O_WRONLY 00000001
#define O_RDWR 00000002
#define O_CREAT 00000100
#define O_TRUNC 00001000
#define O_APPEND 00002000

#endif /* _ASM_GENERIC_FCNTL_H */
