/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The CP15 system-control registers the memory manager programs
 * (arch/arm/include/asm/cp15.h, proc-fns.h, domain.h, tlbflush.h).
 *
 * Every machine implements these functions: the ARM board with MRC/MCR
 * instructions, inlined where they are used as Linux's are
 * (asm/cp15-v7.h), the host port with functions on the registers of its
 * simulated CPU.  Code above this line never knows which machine it
 * runs on.
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

#ifndef __arm__
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
#endif

/*
 * TLB maintenance, by the ARM ARM's operation names (B4.2.2).  Each is
 * complete when it returns: the machine issues the DSB and ISB after
 * it.  The DSB before it is the caller's: a translation table write
 * reaches the table walk only once a DSB completes it, and without one
 * the walk may refill the invalidated entry from the old descriptor
 * (B3.10.1).  The host port's TLB model reports that race.
 */
#ifndef __arm__
void tlbiall(void); /* every entry */
void tlbimva(u32 mva); /* one page: VA[31:12] | ASID[7:0] */
void tlbiasid(u32 asid); /* non-global entries of an ASID */
void tlbimvaa(u32 va); /* one page, any ASID */
#endif

/*
 * The TLB's event counters, where the machine has them: the host port
 * counts in its TLB model; QEMU exposes none, so the board returns
 * false.  A "hit" is a lookup that found an entry, a "walk" a miss that
 * read the tables and filled one (see arch/host/tlb.c for what the host
 * cannot count).
 */
struct machine_tlb_stats {
	u64 hits, walks, faults, evictions;
	u64 tlbiall, tlbimva, tlbiasid, tlbimvaa;
	u32 entries; /* valid now */
};
bool machine_tlb_stats(struct machine_tlb_stats *st);

/* One valid TLB entry, for pictures: machine_tlb_entries() fills up to
 * @max of them, newest last, and returns how many (-1: not available). */
struct machine_tlb_entry {
	u32 va, pa, size, asid;
	bool ng;
};
int machine_tlb_entries(struct machine_tlb_entry *e, int max);

/* Barriers: no-ops on the host, the real instructions on ARM. */
#ifndef __arm__
void dsb(void);
void isb(void);
#endif

/*
 * Raw accessors: one MRC or MCR each, no barrier implied (Linux v5.10
 * arch/arm/include/asm/vdso/cp15.h: read_sysreg()/write_sysreg() on
 * __ACCESS_CP15 names).  v5.10 names only BPIALL, ICIALLU and CNTVCT
 * there; SCTLR, TTBR0_32, TTBR1_32, TTBCR and DACR are the names 32-bit
 * KVM gave them in asm/kvm_hyp.h until 5.6 (after the ARM ARM's), which
 * we keep; 5.10 reaches these registers through set_cr(), cpu_set_ttbr()
 * and inline MCRs in head.S and proc-v7.S.  A raw write of SCTLR, TTBR0/1, TTBCR,
 * DACR or CONTEXTIDR is guaranteed to take effect only at the next
 * context synchronisation event (an ISB, an exception entry or return:
 * ARM ARM B3.15.5): the caller places the isb().  ICIALLU, BPIALL and
 * TLBIALL are write-only operations (write 0); they are complete only
 * after a dsb().  The helpers above (set_cr() ...) keep their barriers
 * for the machine and the harness.
 * SIMPLIFIED(v5.10 arch/arm/include/asm/cp15.h): a register is a number,
 * not a token pasted into an MCR, so that the host port can take it as
 * a function argument and simulate the register; on the board an
 * inlined switch on the constant compiles to the one instruction.
 */
enum cp15_sysreg {
	SCTLR, /* c1, 0, c0, 0 */
	TTBR0_32, /* c2, 0, c0, 0 */
	TTBR1_32, /* c2, 0, c0, 1 */
	TTBCR, /* c2, 0, c0, 2 */
	DACR, /* c3, 0, c0, 0 */
	CONTEXTIDR, /* c13, 0, c0, 1 */
	ICIALLU, /* c7, 0, c5, 0: invalidate I-cache (and BTB) */
	BPIALL, /* c7, 0, c5, 6: invalidate the branch predictor */
	TLBIALL, /* c8, 0, c7, 0: invalidate the unified TLB; not in
		    Linux's cp15.h, which issues it from tlbflush.h */
};
#ifdef __arm__
#include <asm/cp15-v7.h> /* the board: the instructions, inlined */
#else
u32 read_sysreg(enum cp15_sysreg reg);
void write_sysreg(u32 val, enum cp15_sysreg reg);
#endif

static inline void bpiall(void)
{
	write_sysreg(0, BPIALL);
}

/* Linux's domains (arch/arm/include/asm/domain.h, v5.10, !LPAE). */
#define DOMAIN_KERNEL 0
#define DOMAIN_USER 1
#define DOMAIN_IO 2
#define DOMAIN_VECTORS 3
/*
 * The value head.S loads.  Linux's DOMAIN_MANAGER is 1, a client, unless
 * CONFIG_CPU_USE_DOMAINS, which no ARMv7 kernel selects, so the
 * descriptors' AP bits are always checked.  A default 5.10 kernel
 * without LPAE has CONFIG_CPU_SW_DOMAIN_PAN, privileged access never in
 * software: the user domain is no access while the kernel runs, and
 * uaccess_enable() makes it a client only around copy_from_user() and
 * friends (Part V).  So DACR_INIT == 0x51: kernel, IO and vectors
 * clients, user no access.
 */
#define DACR_INIT                                   \
	(domain_val(DOMAIN_USER, DOMAIN_NOACCESS) | \
	 domain_val(DOMAIN_KERNEL, DOMAIN_CLIENT) | \
	 domain_val(DOMAIN_IO, DOMAIN_CLIENT) |     \
	 domain_val(DOMAIN_VECTORS, DOMAIN_CLIENT))

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
