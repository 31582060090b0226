// SPDX-License-Identifier: GPL-2.0
/*
 * Where the kernel was, for the grader to name (the board).
 *
 * die() keeps the registers the exception saved (oops_regs): the pc of
 * the instruction that faulted, and lr.  The image has no unwind
 * tables, so the callers are found the way a debugger without them
 * does: each word of the stack above the faulting sp that points just
 * past a BL instruction of the image is a candidate return address, sent
 * with the BL's target.  run.py keeps only a chain in which each BL
 * calls the function of the frame before it (or one that jumps to it, a
 * tail call), so that a stale word left on the stack is not taken for a
 * caller.  lr goes first, checked alike.  A panic() saves no registers:
 * the stack is read from here, and run.py starts the chain at the call
 * of panic().
 *
 * A hang is sampled by run.py through QEMU's monitor, not here.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <asm/ptrace.h>
#include <asm/traps.h>
#include "ktest.h"

#define TRACE_SCAN 4096 /* bytes of stack read above the faulting sp */
#define TRACE_SENT 24 /* candidates sent */

extern char __kernel_rodata_start[];
extern char _sinittext[], _einittext[];
extern char __stack_top[], __stack_limit[];

unsigned long ktest_code_offset(const void *fn)
{
	return (uintptr_t)fn; /* linked where it runs */
}

static bool in_text(uintptr_t a)
{
	return (a >= (uintptr_t)__vectors_start &&
		a < (uintptr_t)__kernel_rodata_start) ||
	       (a >= (uintptr_t)_sinittext && a < (uintptr_t)_einittext);
}

/*
 * If @ret follows a call instruction, its target (1 for a call through
 * a register, which cannot be checked); 0 if it does not.
 */
static uintptr_t call_target(uintptr_t ret)
{
	u32 insn;
	int32_t off;

	if ((ret & 3) || !in_text(ret - 4))
		return 0;
	insn = *(const u32 *)(ret - 4);
	if ((insn & 0x0ffffff0) == 0x012fff30 && insn >> 28 != 0xf)
		return 1; /* blx <reg> */
	if ((insn & 0x0f000000) != 0x0b000000 &&
	    (insn & 0xfe000000) != 0xfa000000)
		return 0; /* neither bl nor blx <label> */
	off = (int32_t)(insn << 8) >> 6;
	return ret - 4 + 8 + off +
	       ((insn & 0xfe000000) == 0xfa000000 ? (insn >> 23 & 2) : 0);
}

static int add_candidate(char *line, int len, size_t size, uintptr_t ret)
{
	uintptr_t target = call_target(ret);

	if (!target)
		return len;
	return len + snprintf(line + len, size - len, " %lx:%lx",
			      (unsigned long)ret, (unsigned long)target);
}

/* The call-checked candidates of the stack from @sp up, after @len. */
static int scan(char *line, int len, size_t size, uintptr_t sp)
{
	int sent = 0;

	if (sp < (uintptr_t)__stack_limit)
		return len; /* not a stack: no scan */
	for (uintptr_t p = sp & ~3UL; p < (uintptr_t)__stack_top &&
				      p < sp + TRACE_SCAN && sent < TRACE_SENT;
	     p += 4) {
		int before = len;

		len = add_candidate(line, len, size, *(const u32 *)p);
		sent += len != before;
	}
	return len;
}

/* A walk is under way: a fault while reading the stack does not walk again. */
static volatile int walking;

void ktest_trace_start(double timeout)
{
	(void)timeout; /* run.py samples a hang through QEMU's monitor */
	walking = 0;
}

void ktest_trace_oops(void)
{
	struct pt_regs regs = oops_regs;
	char line[TRACE_SENT * 20 + 32];
	int len;

	memset(&oops_regs, 0, sizeof(oops_regs));
	if (walking++)
		return;
	if (!regs.ARM_pc) {
		/* a panic(): no registers, run.py finds its caller's call */
		len = scan(line, 0, sizeof(line),
			   (uintptr_t)__builtin_frame_address(0));
		ktest_event("trace panic%s", line);
		return;
	}
	len = snprintf(line, sizeof(line), " %lx", (unsigned long)regs.ARM_pc);
	len = add_candidate(line, len, sizeof(line), regs.ARM_lr);
	len = scan(line, len, sizeof(line), regs.ARM_sp);
	ktest_event("trace oops%s", line);
}
