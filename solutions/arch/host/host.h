/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The host port's private interfaces: its simulated CPU, RAM and TLB.
 * Nothing outside arch/host includes this file.
 */
#ifndef _ARCH_HOST_HOST_H
#define _ARCH_HOST_HOST_H

#include <linux/types.h>
#include "walk.h"

/* The CP15 state of the simulated Cortex-A9, and its mode. */
struct host_cpu {
	u32 sctlr, ttbr0, ttbr1, ttbcr, dacr, contextidr;
	u32 dfsr, dfar, ifsr, ifar; /* written on every simulated abort */
	bool user; /* executing at PL0 */
	unsigned long host_pc; /* host instruction of the last trap */
	unsigned long return_pc; /* where it returns instead: a fixup */
	/* raw writes (write_sysreg) waiting for a context synchronisation */
	u32 pending_mask; /* bit n: register n of enum cp15_sysreg */
	u32 pending[6];
	bool tlbiall_requested; /* a raw TLBIALL waiting for its DSB */
};
extern struct host_cpu host_cpu;
void host_context_sync(void); /* cpu.c: ISB, exception entry/return */

/* ram.c: physical memory is a memfd; simulated VAs live below 4 GiB. */
void host_reserve_address_space(void);
void host_ram_create(u32 base, u32 size);
bool host_is_ram(u32 pa, u32 len);
u32 host_read_phys(u32 pa, bool *ok);
void *host_ram_ptr(u32 pa);
/* tlb.c: the physical address of an access, or the fault status */
u32 host_mmu_translate(unsigned long va, enum hw_access acc, u32 *pa);
/* mmio.c: the device models start afresh at every boot */
void host_mmio_reset(void);
void host_map(u32 va, u32 pa, u32 size, bool writable);
void host_unmap(u32 va, u32 size);
void host_unmap_all(void);

/* tlb.c: translations cached as host mappings. */
u32 host_mmu_access(unsigned long va, enum hw_access acc);
void host_tlb_reset(void);
void host_tlb_boot(void);
void host_tlb_changed_context(void);
void host_tlb_dsb(void); /* table writes so far reach the walk */
void host_tlbiall(void); /* TLBIALL without the barriers after it */

/* user.c: exception entry from user mode, and the return to it */
void host_enter_kernel(void);
void host_enter_user(void);
struct pt_regs;
void host_user_sigfpe(struct pt_regs *regs);

/* trap.c */
void host_install_traps(void);

#endif /* _ARCH_HOST_HOST_H */
