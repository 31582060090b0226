/* SPDX-License-Identifier: GPL-2.0 */
/*
 * From mmap()'s PROT_* and MAP_* to a VMA's VM_* (include/linux/mman.h).
 */
#ifndef _LINUX_MMAN_H
#define _LINUX_MMAN_H

#include <linux/mm.h>
#include <uapi/asm-generic/mman-common.h>

/* PROT_READ, PROT_WRITE, PROT_EXEC are VM_READ, VM_WRITE, VM_EXEC. */
static inline unsigned long calc_vm_prot_bits(unsigned long prot)
{
	return (prot & PROT_READ ? VM_READ : 0) |
	       (prot & PROT_WRITE ? VM_WRITE : 0) |
	       (prot & PROT_EXEC ? VM_EXEC : 0);
}

static inline unsigned long calc_vm_flag_bits(unsigned long flags)
{
	return flags & MAP_GROWSDOWN ? VM_GROWSDOWN : 0;
}

#endif /* _LINUX_MMAN_H */
