/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Start-up of the Versatile Express A9 image (cf. arch/arm/kernel/head.S).
 *
 * QEMU loads the ELF at its physical address, 0x60010000, and jumps
 * here in SVC mode with the MMU and caches off.  The image is linked at
 * its linear-map address, PAGE_OFFSET + 0x10000 (kernel.lds.S), so until
 * the MMU is on this code must not use an address it was linked with:
 * like Linux's stext, it finds its physical place with adr and works
 * out the rest from the difference.
 *
 * It builds the machine's own first-level table, machine_pgd, with 1 MiB
 * sections: the board's devices and its RAM window at their own
 * addresses, as a boot loader's identity map would leave them, and the
 * image window at PAGE_OFFSET, where the image is linked.  Then it turns
 * the MMU on and jumps to the linked address, __mmap_switched as in
 * Linux.  This table is the test harness's, not the kernel's: every test
 * starts on it (machine_boot()), and the kernel's head code (chapters 15
 * and 18) runs with the MMU off through machine_run_mmu_off().
 *
 *   devices  0x10000000..0x1fffffff  AP = 01, B, XN (shared device)
 *   RAM      0x60000000..0x9fffffff  AP = 01, TEX 001 C B (write-back)
 *   image    PAGE_OFFSET + 0..8 MiB  the same, written last (with
 *                                    PAGE_OFFSET 0x80000000 it replaces
 *                                    the identity entries there)
 *   all      domain 0, client in DACR
 */
#include <asm/memory.h>

#define SECT_RAM	0x140e		/* section, AP=01, TEX=001, C, B */
#define SECT_DEV	0x0416		/* section, AP=01, B, XN */
#define IMAGE_MB	((KERNEL_IMAGE_END - KERNEL_IMAGE_START) >> 20)

	.syntax unified
	.arm

/* Entries first..end-1 of the table at r7: sections at their own address. */
	.macro	identity_sections flags, first, end
	ldr	r3, =\flags
	mov	r1, #\first
1:	orr	r0, r3, r1, lsl #20
	str	r0, [r7, r1, lsl #2]
	add	r1, r1, #1
	cmp	r1, #\end
	blo	1b
	.endm

/*
 * Make the table at physical \pgd the MMU's, as machine_boot() leaves
 * it: TTBR0 and TTBR1 (unused with N = 0), TTBCR 0, domain 0 client, an
 * empty TLB.  SCTLR is the caller's.  Clobbers \tmp.
 */
	.macro	load_machine_table pgd, tmp
	mcr	p15, 0, \pgd, c2, c0, 0	@ TTBR0
	mcr	p15, 0, \pgd, c2, c0, 1	@ TTBR1
	mov	\tmp, #0
	mcr	p15, 0, \tmp, c2, c0, 2	@ TTBCR: TTBR0 for every address
	mov	\tmp, #1
	mcr	p15, 0, \tmp, c3, c0, 0	@ DACR: domain 0 client
	mcr	p15, 0, \tmp, c8, c7, 0	@ TLBIALL
	dsb
	isb
	.endm

	.section .text.head, "ax"
	.global _start
_start:
	cpsid	if, #0x13		@ SVC mode, IRQ and FIQ masked
	adr	r4, _start		@ where we run
	ldr	r5, =_start		@ where we are linked
	sub	r6, r5, r4		@ r6 = PAGE_OFFSET - PHYS_OFFSET
	ldr	r7, =machine_pgd
	sub	r7, r7, r6		@ r7 = machine_pgd's physical address

	mov	r0, #0			@ clear the table
	mov	r1, #0
1:	str	r0, [r7, r1, lsl #2]
	add	r1, r1, #1
	cmp	r1, #4096
	blo	1b

	identity_sections SECT_DEV, 0x100, 0x200	@ the devices
	identity_sections SECT_RAM, 0x600, 0xa00	@ the RAM window

	ldr	r3, =SECT_RAM
	mov	r1, #(KERNEL_IMAGE_START >> 20)	@ the image at PAGE_OFFSET
	add	r2, r1, #IMAGE_MB
4:	orr	r0, r3, r1, lsl #20
	add	r8, r1, r6, lsr #20
	ubfx	r8, r8, #0, #12		@ modulo 4 GiB (PAGE_OFFSET < PHYS_OFFSET)
	str	r0, [r7, r8, lsl #2]
	add	r1, r1, #1
	cmp	r1, r2
	blo	4b

	load_machine_table r7, r0
	mrc	p15, 0, r0, c1, c0, 0
	orr	r0, r0, #1		@ SCTLR.M
	bic	r0, r0, #(1 << 13)	@ SCTLR.V = 0: vectors at VBAR
	mcr	p15, 0, r0, c1, c0, 0
	isb
	ldr	pc, =__mmap_switched	@ from here on, the linked addresses

__mmap_switched:
	cps	#0x17			@ abort mode
	ldr	sp, =abt_scratch
	cps	#0x1b			@ undefined mode
	ldr	sp, =und_scratch
	cps	#0x12			@ IRQ mode
	ldr	sp, =irq_scratch
	cps	#0x11			@ FIQ mode
	ldr	sp, =fiq_scratch
	cps	#0x13
	ldr	sp, =__stack_top

	ldr	r0, =__vectors_start	@ VBAR: vectors at our table
	mcr	p15, 0, r0, c12, c0, 0
	isb

	mov	r0, #0			@ clear .bss and the kernel's .bss
	ldr	r1, =__bss_start__
	ldr	r2, =__bss_end__
5:	cmp	r1, r2
	strlo	r0, [r1], #4
	blo	5b

	bl	vexpress_start		@ never returns
	b	.

/*
 * unsigned long machine_run_mmu_off(unsigned long (*fn)(unsigned long),
 *                                   unsigned long arg,
 *                                   const struct machine_boot_regs *regs)
 *
 * Run fn(arg) at its physical address with the MMU off, as Linux's head
 * code runs, after loading @regs (if not NULL) as a boot loader would
 * leave them.  It must run from the identity-mapped .idmap.text: the
 * table that is live on entry maps it at its own address (machine_pgd
 * does), and so must any table that fn turns on.  If fn returns with
 * the MMU on, the machine carries on with fn's table, which must map
 * the image at PAGE_OFFSET; if off, it goes back to machine_pgd.
 *
 * Linux's head code needs no stack; ours is C, and the frames of
 * __turn_mmu_on's callers are still in use after the MMU is on.  So fn
 * runs on __head_stack, in the image's first megabyte with .idmap.text,
 * where the identity map that fn's table must hold keeps it reachable.
 */
	.section .idmap.text, "ax"
	.global machine_run_mmu_off
machine_run_mmu_off:
	push	{r4-r11, lr}
	ldr	r4, =(PAGE_OFFSET - PHYS_OFFSET)
	mov	r9, r2			@ the registers: read them now,
	cmp	r9, #0			@ through their virtual address
	ldmne	r9, {r5-r8, r10}	@ sctlr, ttbr0, ttbr1, ttbcr, dacr
	sub	r11, r0, r4		@ fn's physical address
	ldr	r3, =6f
	sub	r3, r3, r4
	bx	r3			@ to our own physical address
6:	mrc	p15, 0, r2, c1, c0, 0
	bic	r2, r2, #1
	mcr	p15, 0, r2, c1, c0, 0	@ MMU off
	isb
	cmp	r9, #0
	beq	7f
	mcr	p15, 0, r6, c2, c0, 0	@ TTBR0
	mcr	p15, 0, r7, c2, c0, 1	@ TTBR1
	mcr	p15, 0, r8, c2, c0, 2	@ TTBCR
	mcr	p15, 0, r10, c3, c0, 0	@ DACR
	bic	r5, r5, #1
	mcr	p15, 0, r5, c1, c0, 0	@ SCTLR, M clear
	isb
7:	mov	r7, sp			@ the caller's stack, for later
	ldr	sp, =__head_stack_top	@ a stack the identity map holds
	sub	sp, sp, r4
	mov	r0, r1
	blx	r11			@ fn(arg), physically
	mov	r5, r0
	mrc	p15, 0, r2, c1, c0, 0
	tst	r2, #1
	bne	8f
	ldr	r0, =machine_pgd	@ still off: back on our table
	sub	r0, r0, r4
	load_machine_table r0, r3
	orr	r2, r2, #1
	mcr	p15, 0, r2, c1, c0, 0	@ MMU on
	isb
8:	mov	sp, r7
	ldr	pc, =9f			@ back to the linked addresses
9:	mov	r0, r5
	pop	{r4-r11, pc}
	.ltorg

	.section .head.stack, "aw", %nobits
	.align	3
	.space	4096
	.global	__head_stack_top
__head_stack_top:

	.section .machine_pgd, "aw", %nobits
	.align	14
	.global machine_pgd
machine_pgd:
	.space	16384

	.bss
	.align	3
	.global abt_scratch, und_scratch, irq_scratch, fiq_scratch
abt_scratch:	.space	12
und_scratch:	.space	12
irq_scratch:	.space	12
fiq_scratch:	.space	12
