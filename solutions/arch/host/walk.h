/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A model of the ARMv7-A MMU's short-descriptor table walk and
 * permission check (ARM ARM B3.5-B3.7, B3.12).  The host port runs it on
 * every TLB miss; the ARM machine runs it in a test to prove that it
 * agrees with the real (emulated) MMU.  Plain C, no machine dependency.
 */
#ifndef _ARCH_HOST_WALK_H
#define _ARCH_HOST_WALK_H

#include <linux/types.h>

/* The registers that steer a walk. */
struct hw_mmu_regs {
	u32 ttbr0, ttbr1; /* table bases; low bits are walk attributes */
	u32 ttbcr; /* N and PD0/PD1 */
};

enum hw_access { HW_READ = 0, HW_WRITE = 1, HW_EXEC = 2 };

/* Fault status values, FS[4:0] of the DFSR/IFSR (B4.1.52, table B3-23). */
#define FSR_FS_ALIGNMENT 0x01
#define FSR_FS_TRANS_SECT 0x05
#define FSR_FS_TRANS_PAGE 0x07
#define FSR_FS_EXT_WALK_L1 0x0c
#define FSR_FS_EXT_WALK_L2 0x0e
#define FSR_FS_DOMAIN_SECT 0x09
#define FSR_FS_DOMAIN_PAGE 0x0b
#define FSR_FS_PERM_SECT 0x0d
#define FSR_FS_PERM_PAGE 0x0f
#define FSR_FS_EXT_ABORT 0x08
#define FSR_WRITE (1U << 11) /* WnR */
#define FSR_FS4 (1U << 10)
#define FSR_DOMAIN(d) ((u32)(d) << 4)

/* One translation, as a TLB entry would hold it. */
struct hw_walk {
	u32 va_base; /* first VA the entry covers */
	u32 pa_base; /* first PA it maps to */
	u32 shift; /* log2 of the size: 12, 16, 20 or 24 */
	u32 ap; /* APX:AP[1:0], three bits */
	u32 domain; /* 0..15 */
	bool xn; /* execute never */
	bool ng; /* not global: tagged with the ASID */
	bool page; /* came from a second-level table */
	u32 desc[2]; /* the descriptors read, for reports */
	u32 desc_pa[2]; /* where they were read */
	u32 fsr; /* 0, or the fault status of a failed walk */
};

/* Reads one word of physical memory; sets *ok = false on a bus error. */
typedef u32 (*hw_read_phys_t)(u32 pa, bool *ok);

int hw_walk(const struct hw_mmu_regs *regs, u32 va, hw_read_phys_t rd,
	    struct hw_walk *w);
u32 hw_check_access(const struct hw_walk *w, u32 dacr, bool user,
		    enum hw_access acc);
int hw_ap_perms(u32 ap, bool user);

#define HW_PERM_R 1
#define HW_PERM_W 2

#endif /* _ARCH_HOST_WALK_H */
