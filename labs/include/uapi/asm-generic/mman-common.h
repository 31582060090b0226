/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * mmap()'s protections and flags (include/uapi/asm-generic/mman-common.h
 * and mman.h, which ARM uses as they are): shared by the kernel and the
 * user programs of samples/user/, so plain C.
 */
#ifndef __ASM_GENERIC_MMAN_COMMON_H
#define __ASM_GENERIC_MMAN_COMMON_H

#define PROT_READ 0x1 /* page can be read */
#define PROT_WRITE 0x2 /* page can be written */
#define PROT_EXEC 0x4 /* page can be executed */
#define PROT_NONE 0x0 /* page can not be accessed */

#define MAP_SHARED 0x01 /* share changes */
#define MAP_PRIVATE 0x02 /* changes are private */
#define MAP_SHARED_VALIDATE 0x03 /* share + validate extension flags */
#define MAP_TYPE 0x0f /* mask for type of mapping */
#define MAP_FIXED 0x10 /* interpret addr exactly */
#define MAP_ANONYMOUS 0x20 /* don't use a file */
#define MAP_GROWSDOWN 0x0100 /* stack-like segment */
#define MAP_FIXED_NOREPLACE 0x100000 /* MAP_FIXED which doesn't unmap */

/* msync()'s flags */
#define MS_ASYNC 1 /* sync memory asynchronously */
#define MS_INVALIDATE 2 /* invalidate the caches */
#define MS_SYNC 4 /* synchronous memory sync */

#endif /* __ASM_GENERIC_MMAN_COMMON_H */
