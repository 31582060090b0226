/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Debug checks of the memory manager (include/linux/mmdebug.h).
 *
 * VM_BUG_ON(cond) states an invariant; VM_BUG_ON_PAGE also prints the
 * page (dump_page(), mm/debug.c) before the BUG.  With CONFIG_DEBUG_VM
 * off they still type-check their argument but generate no code.  This
 * course builds with CONFIG_DEBUG_VM on (autograder/mk/kernel.mk: the
 * default DEBUG_VM=y): its tests prove that broken invariants are
 * caught.  `make bench` also builds without it (DEBUG_VM=n), as a
 * distribution's kernel is built, and times both.
 */
#ifndef _LINUX_MMDEBUG_H
#define _LINUX_MMDEBUG_H

#include <linux/bug.h>

struct page;
void dump_page(struct page *page, const char *reason);

#ifdef CONFIG_DEBUG_VM
#define VM_BUG_ON(cond) BUG_ON(cond)
#define VM_BUG_ON_PAGE(cond, page)                                    \
	do {                                                          \
		if (unlikely(cond)) {                                 \
			dump_page(page, "VM_BUG_ON_PAGE(" #cond ")"); \
			BUG();                                        \
		}                                                     \
	} while (0)
#define VM_WARN_ON(cond) (void)WARN_ON(cond)
#else
#define VM_BUG_ON(cond) ((void)sizeof(!!(cond)))
#define VM_BUG_ON_PAGE(cond, page) VM_BUG_ON(cond)
#define VM_WARN_ON(cond) ((void)sizeof(!!(cond)))
#endif

#endif /* _LINUX_MMDEBUG_H */
