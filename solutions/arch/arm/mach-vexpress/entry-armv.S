/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Exception vectors and entry (cf. arch/arm/kernel/entry-armv.S).
 *
 * Every exception is taken in its own mode with its own banked sp and
 * lr.  As in Linux's vector_stub, the stub saves r0, the return address
 * and SPSR in three words of that mode's scratch area, switches to SVC
 * mode, and builds a struct pt_regs on the SVC stack:
 *
 *   sp+0  r0 ... r12    sp+52 sp     sp+56 lr     sp+60 pc
 *   sp+64 cpsr          sp+68 ORIG_r0               (72 bytes)
 *
 * The C handler then runs in SVC mode, where a nested abort (the fault
 * handler touching an unmapped page) simply stacks another frame, and
 * where do_exit() may longjmp out.  On return the frame is unwound into
 * the mode it came from: SVC via "ldmia sp, {r0-pc}^", user or system
 * mode via the user-bank load and "movs pc, lr".
 */
	.syntax unified
	.arm

#define S_FRAME_SIZE	72
#define S_SP		52
#define S_LR		56
#define S_PC		60
#define S_PSR		64
#define S_OLD_R0	68

	.section .vectors, "ax"
	.align	5
	.global	__vectors_start
__vectors_start:
	b	.			@ reset: never taken
	ldr	pc, .Lvec_und
	ldr	pc, .Lvec_swi
	ldr	pc, .Lvec_pabt
	ldr	pc, .Lvec_dabt
	b	.			@ reserved
	ldr	pc, .Lvec_irq
	ldr	pc, .Lvec_fiq
.Lvec_und:	.word	vector_und
.Lvec_swi:	.word	vector_swi
.Lvec_pabt:	.word	vector_pabt
.Lvec_dabt:	.word	vector_dabt
.Lvec_irq:	.word	vector_irq
.Lvec_fiq:	.word	vector_fiq
	.global	__vectors_end
__vectors_end:				@ copied to the vectors page (traps.c)

	.text
/*
 * vector_stub name, correction, handler: lr minus correction is the
 * address to return to (the faulting instruction for aborts).
 */
	.macro	vector_stub, name, correction, handler
	.align	5
vector_\name:
	sub	lr, lr, #\correction
	stmia	sp, {r0, lr}		@ r0 and the return address
	mrs	lr, spsr
	str	lr, [sp, #8]		@ the interrupted CPSR
	mov	r0, sp
	cps	#0x13			@ to SVC mode, IRQs still masked
	sub	sp, sp, #S_FRAME_SIZE
	stmib	sp, {r1 - r12}
	ldmia	r0, {r3 - r5}		@ r3 = r0, r4 = pc, r5 = cpsr
	str	r3, [sp]
	str	r4, [sp, #S_PC]
	str	r5, [sp, #S_PSR]
	mvn	r6, #0
	str	r6, [sp, #S_OLD_R0]
	add	r2, sp, #S_SP
	and	r6, r5, #0x1f
	cmp	r6, #0x13
	addeq	r7, sp, #S_FRAME_SIZE	@ from SVC: its sp before the frame,
	moveq	r8, lr			@ and its lr, which we still hold
	stmiaeq	r2, {r7, r8}
	stmiane	r2, {sp, lr}^		@ from USR/SYS: the user-bank sp, lr
	mov	r0, sp
	mov	r9, sp
	bic	sp, sp, #7		@ AAPCS: 8-byte aligned stack at calls
	bl	\handler
	mov	sp, r9
	b	ret_from_exception
	.endm

	vector_stub	dabt, 8, arm_do_dabt
	vector_stub	pabt, 4, arm_do_pabt
	vector_stub	und, 4, arm_do_und
	vector_stub	irq, 4, arm_do_bad_irq
	vector_stub	fiq, 4, arm_do_bad_irq

ret_from_exception:
	ldr	r1, [sp, #S_PSR]
	and	r2, r1, #0x1f
	cmp	r2, #0x10		@ user mode
	cmpne	r2, #0x1f		@ system mode shares the user bank
	beq	1f
	msr	spsr_cxsf, r1		@ back to SVC mode
	ldmia	sp, {r0 - pc}^		@ r0-r15, and CPSR from SPSR
1:	ldr	lr, [sp, #S_PC]!
	msr	spsr_cxsf, r1
	ldmdb	sp, {r0 - lr}^		@ user-bank r0-r14
	add	sp, sp, #S_FRAME_SIZE - S_PC
	movs	pc, lr

/*
 * SVC: the only supervisor calls we expect are semihosting's, which
 * QEMU intercepts; anything else is reported as a bad mode.
 */
	.align	5
vector_swi:
	sub	sp, sp, #S_FRAME_SIZE
	stmia	sp, {r0 - r12}
	sub	r0, lr, #4
	str	r0, [sp, #S_PC]
	mrs	r0, spsr
	str	r0, [sp, #S_PSR]
	mov	r0, sp
	bic	sp, sp, #7
	bl	arm_do_bad_svc
	b	.
