/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reclaim's constants (include/linux/swap.h).  The rest of the file
 * arrives with page reclaim; the page allocator needs one number now.
 */
#ifndef _LINUX_SWAP_H
#define _LINUX_SWAP_H

/*
 * How many pages reclaim handles in one batch, and the smallest min
 * watermark of a highmem zone (__setup_per_zone_wmarks()).
 */
#define SWAP_CLUSTER_MAX 32UL

#endif /* _LINUX_SWAP_H */
