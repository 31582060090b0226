// SPDX-License-Identifier: GPL-2.0
/*
 * panic(), BUG() and WARN() (kernel/panic.c, lib/bug.c).
 *
 * panic() is for a boot that cannot go on: it prints "Kernel panic - not
 * syncing:" and stops the machine.  BUG() reports a corrupt state and
 * then traps, like ARM Linux, so that the undefined-instruction handler
 * produces the oops and ends the task.  WARN() reports and returns.
 * bug_counts lets tests prove that misuse was detected.
 */
#include <stdarg.h>
#include <stdio.h>
#include <linux/bug.h>
#include <linux/kernel.h>
#include <linux/panic.h>
#include <linux/sched.h>
#include <asm/machine.h>
#include <asm/traps.h>

struct bug_counts bug_counts;

/* Set between "kernel BUG at" and the trap, so the trap says "BUG". */
bool bug_pending;

void panic(const char *fmt, ...)
{
	char buf[256];
	va_list args;

	va_start(args, fmt);
	vsnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	snprintf(oops_summary, sizeof(oops_summary),
		 "Kernel panic - not syncing: %.200s", buf);
	pr_emerg("Kernel panic - not syncing: %s\n", buf);
	pr_emerg("---[ end Kernel panic - not syncing: %s ]---\n", buf);
	do_exit(SIGKILL);
}

void __bug(const char *file, int line)
{
	bug_counts.bugs++;
	pr_crit("kernel BUG at %s:%d!\n", file, line);
	bug_pending = true;
	__builtin_trap();
}

void __warn_printf(const char *file, int line, const char *fmt, ...)
{
	va_list args;

	bug_counts.warnings++;
	pr_warn("------------[ cut here ]------------\n");
	pr_warn("WARNING: at %s:%d\n", file, line);
	if (fmt[0] && !(fmt[0] == '%' && fmt[1] == 's' && !fmt[2])) {
		va_start(args, fmt);
		vprintk(fmt, args);
		va_end(args);
	}
	pr_warn("---[ end trace ]---\n");
}

/*
 * Taint (kernel/panic.c): a report of a corrupted slab taints the kernel
 * with TAINT_BAD_PAGE, and every later report says so in its header
 * ("Not tainted" before, "Tainted: G    B            " after).
 */
static unsigned long tainted_mask;

static const char taint_chars[TAINT_FLAGS_COUNT + 1] = "PFSRMBUDAWCIOELKXT";

void add_taint(unsigned int flag)
{
	tainted_mask |= 1UL << flag;
}

const char *print_tainted(void)
{
	static char buf[TAINT_FLAGS_COUNT + 32];

	if (!tainted_mask)
		return "Not tainted";
	char *s = buf + snprintf(buf, sizeof(buf), "Tainted: ");
	for (int i = 0; i < TAINT_FLAGS_COUNT; i++) {
		if (tainted_mask & (1UL << i))
			*s++ = taint_chars[i];
		else
			*s++ = i == 0 ? 'G' : ' ';
	}
	*s = 0;
	return buf;
}
