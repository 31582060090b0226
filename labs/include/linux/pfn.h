/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Page frame numbers (include/linux/pfn.h).
 *
 * Physical memory is handed out in page frames of PAGE_SIZE bytes.  A
 * page frame number (PFN) is a physical address divided by PAGE_SIZE:
 *
 *   physical address  0x6000_3abc
 *                     |<-- PFN -->|<off>|   PFN 0x60003, offset 0xabc
 *                      bits 31..12  11..0
 *
 * PFN_DOWN names the frame an address lies in; PFN_UP the first frame
 * that starts at or after it (so a range [start, end) holds the whole
 * frames PFN_UP(start) .. PFN_DOWN(end) - 1); PFN_PHYS goes back from
 * a frame to the address of its first byte.  The macros are generic in
 * their argument's type, as in Linux; the caller picks a type wide
 * enough for the sum in PFN_UP (see chapters/01-memory-management.md,
 * "The top of the address space").
 */
#ifndef _LINUX_PFN_H
#define _LINUX_PFN_H

#include <linux/types.h>
#include <asm/page.h>

//> ch01 pfn
/* x rounded up to a page boundary, for virtual addresses (pointers). */
#define PFN_ALIGN(x) (((unsigned long)(x) + PAGE_SIZE - 1) & PAGE_MASK)

/* The first frame at or above address x: 0x1001 -> 2, 0x1000 -> 1. */
/* TODO(ch01): round x up to a whole frame, then drop the offset;
   see chapters/01-memory-management.md, "Page arithmetic". */
#define PFN_UP(x) ((x) & 0)

/* The frame that contains address x: 0x1fff -> 1, 0x2000 -> 2. */
/* TODO(ch01): drop the offset bits of x;
   see chapters/01-memory-management.md, "Page arithmetic". */
#define PFN_DOWN(x) ((x) & 0)

/* The physical address of frame x's first byte: 2 -> 0x2000. */
/* TODO(ch01): widen x to phys_addr_t first, then shift it back;
   see chapters/01-memory-management.md, "Page arithmetic". */
#define PFN_PHYS(x) ((phys_addr_t)(x) & 0)

/* The frame of physical address x, as an unsigned long. */
#define PHYS_PFN(x) ((unsigned long)((x) >> PAGE_SHIFT))
//< ch01 pfn

#endif /* _LINUX_PFN_H */
