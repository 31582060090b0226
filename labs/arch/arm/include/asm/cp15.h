/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The CP15 system-control registers the memory manager programs
 * (arch/arm/include/asm/cp15.h, proc-fns.h, domain.h, tlbflush.h).
 *
 * Every machine implements these functions: the ARM board with MRC/MCR
 * instructions, the host port with the registers of its simulated CPU.
 * Code above this line never knows which machine it runs on.
 */
#ifndef _ASM_ARM_CP15_H
#define _ASM_ARM_CP15_H

#include <linux/types.h>

/* SCTLR bits (ARM ARM B4.1.130) */
#define CR_M (1U << 0) /* MMU enable */
#define CR_A (1U << 1) /* alignment fault checking */
#define CR_C (1U << 2) /* data cache */
#define CR_Z (1U << 11) /* branch prediction */
#define CR_I (1U << 12) /* instruction cache */
#define CR_V (1U << 13) /* high vectors at 0xffff0000 */
#define CR_XP (1U << 23) /* ARMv6 descriptors, always 1 on ARMv7 */
#define CR_TRE (1U << 28) /* TEX remap */
#define CR_AFE (1U << 29) /* access flag enable */

/* TTBCR (B4.1.153): N selects the TTBR0/TTBR1 split; PDn stop walks. */
#define TTBCR_N_MASK 7U
#define TTBCR_PD0 (1U << 4)
#define TTBCR_PD1 (1U << 5)

/* DACR: two bits per domain (B4.1.43) */
#define DOMAIN_NOACCESS 0U
#define DOMAIN_CLIENT 1U
#define DOMAIN_MANAGER 3U
#define domain_val(dom, type) ((type) << (2 * (dom)))

u32 get_cr(void); /* read SCTLR */
void set_cr(u32 val); /* write SCTLR, then ISB */
u32 cpu_get_ttbr(int nr); /* read TTBR0 or TTBR1 */
void cpu_set_ttbr(int nr, u32 val); /* write TTBR0 or TTBR1 */
u32 cpu_get_ttbcr(void);
void cpu_set_ttbcr(u32 val);
u32 get_domain(void); /* read DACR */
void set_domain(u32 val); /* write DACR, then ISB */
u32 cpu_get_contextidr(void); /* ASID in bits 7:0 */
void cpu_set_contextidr(u32 val);

/*
 * TLB maintenance, by the ARM ARM's operation names (B4.2.2).  Each is
 * complete when it returns: the machine issues the DSB and ISB.
 */
void tlbiall(void); /* every entry */
void tlbimva(u32 mva); /* one page: VA[31:12] | ASID[7:0] */
void tlbiasid(u32 asid); /* non-global entries of an ASID */
void tlbimvaa(u32 va); /* one page, any ASID */

/* Barriers: no-ops on the host, the real instructions on ARM. */
void dsb(void);
void isb(void);

/*
 * ats1c - the address-translation operations ATS1C{P,U}{R,W} (B4.2.4):
 * translate va as the current tables and DACR say, result in the PAR:
 * PA[31:12] with PAR_F clear (a supersection gives PA[31:24] and sets
 * PAR_SS), or PAR_F set and the fault status in PAR_FS.  The host port
 * walks its model's tables afresh (no memory attributes in its PAR).
 */
#define PAR_F (1U << 0)
#define PAR_SS (1U << 1)
#define PAR_FS(par) ((((par) >> 1) & 0xf) | (((par) >> 2) & 0x10))
u32 ats1c(u32 va, bool user, bool write);

#endif /* _ASM_ARM_CP15_H */
