// SPDX-License-Identifier: GPL-2.0
/*
 * The layout of a new address space (mm/util.c's arch_pick_mmap_layout(),
 * which ARM uses since 5.2: ARCH_WANT_DEFAULT_TOPDOWN_MMAP_LAYOUT).
 *
 * SIMPLIFIED(v5.10): no randomisation (PF_RANDOMIZE, arch_mmap_rnd()):
 * every process gets the layout `setarch -R` gives, so that tests and
 * figures see the same addresses each time; no personality(2)
 * ADDR_COMPAT_LAYOUT.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/sched.h>

/* /proc/sys/vm/legacy_va_layout: 1 asks for the bottom-up layout. */
int sysctl_legacy_va_layout;

/* The least and most room mmap_base leaves for the stack. */
#define MIN_GAP (128UL * 1024 * 1024)
#define MAX_GAP (TASK_SIZE / 6 * 5)

//> ch35 arch_pick_mmap_layout
/* Legacy when asked, or when the stack has no limit to plan around. */
static bool mmap_is_legacy(void)
{
	if (rlimit(RLIMIT_STACK) == RLIM_INFINITY)
		return true;
	return sysctl_legacy_va_layout;
}

/*
 * Top-down mappings start below the stack's room: its limit and the
 * guard gap, at least 128 MiB (with no randomisation the 8 MiB limit
 * gives exactly that: TASK_SIZE - 128 MiB).
 */
static unsigned long mmap_base(void)
{
	unsigned long gap = rlimit(RLIMIT_STACK) + stack_guard_gap;

	gap = clamp(gap, MIN_GAP, MAX_GAP);
	return PAGE_ALIGN(TASK_SIZE - gap);
}

/* arch_pick_mmap_layout - the search and its start for @mm (at exec) */
void arch_pick_mmap_layout(struct mm_struct *mm)
{
	if (mmap_is_legacy()) {
		mm->mmap_base = TASK_UNMAPPED_BASE;
		mm->get_unmapped_area = arch_get_unmapped_area;
	} else {
		mm->mmap_base = mmap_base();
		mm->get_unmapped_area = arch_get_unmapped_area_topdown;
	}
}
//< ch35 arch_pick_mmap_layout
