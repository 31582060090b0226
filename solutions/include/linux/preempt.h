/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Atomic sections (include/linux/preempt.h, include/linux/uaccess.h's
 * pagefault_disable()).  Our CPUs are simulated and never preempted,
 * but the count is kept per CPU as Linux keeps it, so that a function
 * that may sleep, called where it must not (inside kmap_atomic(),
 * chapter 29), is reported as CONFIG_DEBUG_ATOMIC_SLEEP reports it.
 */
#ifndef _LINUX_PREEMPT_H
#define _LINUX_PREEMPT_H

#include <linux/mmzone.h>

extern int __preempt_count[NR_CPUS];

static inline int preempt_count(void)
{
	return __preempt_count[smp_processor_id()];
}

#define in_atomic() (preempt_count() != 0)
#define preempt_disable() (__preempt_count[smp_processor_id()]++)
#define preempt_enable() (__preempt_count[smp_processor_id()]--)
/* SIMPLIFIED: no page faults are handled in the kernel before Part V */
#define pagefault_disable() ((void)0)
#define pagefault_enable() ((void)0)

void ___might_sleep(const char *file, int line);
/*
 * might_sleep - the caller may sleep: report a call from an atomic
 * section ("BUG: sleeping function called from invalid context").
 */
#define might_sleep() ___might_sleep(__FILE__, __LINE__)

#endif /* _LINUX_PREEMPT_H */
