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

/* asm/uaccess.h: the DACR in the kernel and in user mode (SW PAN) */
#define DACR_UACCESS_DISABLE	0x51
#define DACR_UACCESS_ENABLE	0x55

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
	cmp	r6, #0x10		@ from user mode: uaccess_disable
	moveq	r6, #DACR_UACCESS_DISABLE
	mcreq	p15, 0, r6, c3, c0, 0
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
1:	cmp	r2, #0x10		@ to user mode: uaccess_enable
	moveq	r2, #DACR_UACCESS_ENABLE
	mcreq	p15, 0, r2, c3, c0, 0
	ldr	lr, [sp, #S_PC]!
	msr	spsr_cxsf, r1
	ldmdb	sp, {r0 - lr}^		@ user-bank r0-r14
	add	sp, sp, #S_FRAME_SIZE - S_PC
	movs	pc, lr

/*
 * SVC (cf. 5.10's vector_swi, entry-common.S): a system call from user
 * mode.  The frame is the same as an abort's, so that the way back is
 * ret_from_exception's; ORIG_r0 keeps the first argument, as 5.10's.
 * Semihosting's "svc 0x123456" from SVC mode never arrives: QEMU takes
 * it.  Any other svc from a privileged mode is reported (arm_do_svc).
 */
	.align	5
vector_swi:
	sub	sp, sp, #S_FRAME_SIZE
	stmia	sp, {r0 - r12}
	add	r8, sp, #S_PC
	stmdb	r8, {sp, lr}^		@ the user-bank sp and lr
	mrs	r8, spsr
	str	lr, [sp, #S_PC]		@ the instruction after the svc
	str	r8, [sp, #S_PSR]
	str	r0, [sp, #S_OLD_R0]
	and	r8, r8, #0x1f
	cmp	r8, #0x10		@ from user mode: uaccess_disable
	moveq	r8, #DACR_UACCESS_DISABLE
	mcreq	p15, 0, r8, c3, c0, 0
	mov	r0, sp
	mov	r9, sp
	bic	sp, sp, #7
	bl	arm_do_svc
	mov	sp, r9
	b	ret_from_exception

/*
 * __ret_to_user(regs): enter user mode with @regs (start_thread()), as
 * 5.10's ret_to_user does at the end of execve: the registers are
 * copied to a frame on this stack and unwound into USR mode.  The SVC
 * stack is then empty again down to our caller's frame: the exceptions
 * the process takes build their frames there, and machine_user_exit()
 * returns to machine_user_run() by longjmp.
 */
	.global	__ret_to_user
__ret_to_user:
	sub	sp, sp, #S_FRAME_SIZE
	mov	r1, sp
	ldmia	r0!, {r2 - r10}
	stmia	r1!, {r2 - r10}
	ldmia	r0!, {r2 - r10}
	stmia	r1!, {r2 - r10}
	b	ret_from_exception
