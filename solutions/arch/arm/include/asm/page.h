/* SPDX-License-Identifier: GPL-2.0 */
/* Page size (arch/arm/include/asm/page.h): 4 KiB pages on ARM32. */
#ifndef _ASM_ARM_PAGE_H
#define _ASM_ARM_PAGE_H

#include <linux/const.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE (_AC(1, UL) << PAGE_SHIFT)
#define PAGE_MASK (~((1 << PAGE_SHIFT) - 1))

#ifndef __ASSEMBLY__
/* Has the frame a struct page with RAM behind it? (arch/arm/mm/init.c) */
int pfn_valid(unsigned long pfn);
#endif

#endif /* _ASM_ARM_PAGE_H */
