/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reverse mapping (include/linux/rmap.h): from a page to the PTEs that
 * map it.  Writeback needs it for a file's pages (page_mkclean());
 * chapter 43 is about the rest (rmap_walk(), try_to_unmap()).
 */
#ifndef _LINUX_RMAP_H
#define _LINUX_RMAP_H

#include <linux/mm.h>

int page_mkclean(struct page *page);

#endif /* _LINUX_RMAP_H */
