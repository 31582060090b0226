/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel memory leak detector's interface (include/linux/kmemleak.h).
 *
 * An allocator tells kmemleak about every block it hands out and takes
 * back; kmemleak_scan() then looks for blocks nobody points to any more
 * and reports each as "unreferenced object 0x... (size N):" with the
 * place it was allocated.  The allocation call site is recorded by the
 * kmemleak_alloc() macro as file:line, where Linux saves a stack trace.
 *
 * min_count says how many references keep an object alive: 1 for an
 * ordinary allocation, 0 for one that is never reported (but whose
 * contents are scanned), -1 for one that is ignored altogether.
 */
#ifndef _LINUX_KMEMLEAK_H
#define _LINUX_KMEMLEAK_H

#include <linux/types.h>

#define KMEMLEAK_MAX_OBJECTS 256 /* objects tracked at once */
#define KMEMLEAK_MAX_ROOTS 8 /* areas scanned for references */

/* object->flags */
#define OBJECT_ALLOCATED (1 << 0) /* the slot tracks a live block */
#define OBJECT_REPORTED (1 << 1) /* already reported as a leak */

/* Colour of an object with min_count -1: never scanned or reported. */
#define KMEMLEAK_BLACK -1

/*
 * One tracked block.  During a scan, count is the number of references
 * found so far: the object is white (a leak suspect) while count <
 * min_count and grey (alive, its contents scanned too) afterwards.
 */
struct kmemleak_object {
	unsigned int flags; /* OBJECT_* */
	unsigned long pointer; /* first byte of the block */
	size_t size; /* its length */
	int min_count; /* references needed to be alive */
	int count; /* references found by this scan */
	const char *file; /* allocation call site ... */
	int line; /* ... and its line */
};

void __kmemleak_alloc(const void *ptr, size_t size, int min_count,
		      const char *file, int line, gfp_t gfp);
void kmemleak_free(const void *ptr);
void kmemleak_not_leak(const void *ptr);
void kmemleak_add_root(const void *ptr, size_t size);
int kmemleak_scan(void);

/* Record a block of @size bytes at @ptr, allocated here. */
#define kmemleak_alloc(ptr, size, min_count, gfp) \
	__kmemleak_alloc(ptr, size, min_count, __FILE__, __LINE__, gfp)

#endif /* _LINUX_KMEMLEAK_H */
