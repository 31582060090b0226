/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The board's copies between kernel and user memory (cf. 5.10's
 * arch/arm/lib/copy_from_user.S and copy_to_user.S).
 *
 *   unsigned long arm_copy_from_user(void *to, const void *from, n)
 *   unsigned long arm_copy_to_user(void *to, const void *from, n)
 *
 * return the number of bytes not copied.  The caller has opened the
 * user domain (uaccess_save_and_enable()).  Each load or store of user
 * memory is listed in __ex_table with a fixup: if it faults and
 * do_page_fault() cannot map the page, the exception returns to the
 * fixup, which returns what was left.
 * SIMPLIFIED(v5.10): a byte at a time; 5.10 copies words and cache
 * lines, with an entry for every user access of its unrolled loops.
 */
	.syntax unified
	.arm
	.text

	.global	arm_copy_from_user
arm_copy_from_user:
1:	subs	r2, r2, #1
	bmi	3f
2:	ldrb	r3, [r1], #1		@ the user's byte: may fault
	strb	r3, [r0], #1
	b	1b
3:	mov	r0, #0
	bx	lr
9:	add	r0, r2, #1		@ this byte and the rest: not copied
	bx	lr
	.pushsection __ex_table, "a"
	.align	2
	.long	2b, 9b
	.popsection

	.global	arm_copy_to_user
arm_copy_to_user:
1:	subs	r2, r2, #1
	bmi	3f
	ldrb	r3, [r1], #1
2:	strb	r3, [r0], #1		@ the user's byte: may fault
	b	1b
3:	mov	r0, #0
	bx	lr
9:	add	r0, r2, #1
	bx	lr
	.pushsection __ex_table, "a"
	.align	2
	.long	2b, 9b
	.popsection
