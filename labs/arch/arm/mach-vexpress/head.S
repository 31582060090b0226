/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Start-up of the Versatile Express A9 image (cf. arch/arm/kernel/head.S).
 *
 * QEMU loads the ELF at 0x60010000 and jumps here in SVC mode with the
 * MMU and caches off.  We give every exception mode the three words its
 * vector stub needs (entry-armv.S switches to SVC mode at once), set the
 * SVC stack at the top of the 8 MiB image window, point VBAR at our
 * vectors, clear .bss and enter C.
 */
	.syntax unified
	.arm

	.section .text.head, "ax"
	.global _start
_start:
	cpsid	if, #0x13		@ SVC mode, IRQ and FIQ masked
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
	mrc	p15, 0, r0, c1, c0, 0
	bic	r0, r0, #(1 << 13)	@ SCTLR.V = 0: use VBAR, not 0xffff0000
	mcr	p15, 0, r0, c1, c0, 0
	isb

	mov	r0, #0			@ clear .bss and the kernel's .bss
	ldr	r1, =__bss_start__
	ldr	r2, =__bss_end__
1:	cmp	r1, r2
	strlo	r0, [r1], #4
	blo	1b

	bl	vexpress_start		@ never returns
	b	.

	.bss
	.align	3
	.global abt_scratch, und_scratch, irq_scratch, fiq_scratch
abt_scratch:	.space	12
und_scratch:	.space	12
irq_scratch:	.space	12
fiq_scratch:	.space	12
