// SPDX-License-Identifier: GPL-2.0
/*
 * A memory leak detector after Linux's kmemleak (mm/kmemleak.c).
 *
 * A leak in the narrow sense is a block that is still allocated but
 * that no pointer reaches: nobody can ever free it.  kmemleak finds
 * such blocks the way a tracing garbage collector finds garbage, except
 * that it only reports them:
 *
 *   1. every allocation is recorded as an object: address, size, call
 *      site (kmemleak_alloc); every free removes it (kmemleak_free);
 *   2. a scan starts with every object white and its count at 0;
 *   3. the roots (in Linux: the kernel's data and bss, the task stacks;
 *      here: the areas given to kmemleak_add_root) are read word by
 *      word; a word whose value points into an object adds one to that
 *      object's count, and an object whose count reaches min_count
 *      turns grey and goes on the grey list;
 *   4. grey objects are scanned in turn, since what they point to is
 *      reachable too;
 *   5. objects still white are unreferenced: each is reported once.
 *
 *   root: [ &A ]        A: [ &B ]      B: [ 0 ]      C: [ &D ]  D: [ 0 ]
 *         grey <-------- grey <------- grey          white      white
 *                                                    (C and D reported)
 *
 * Like Linux's, the scan is conservative: any word that happens to hold
 * an object's address keeps it alive, so kmemleak can miss a leak but a
 * report always names a block no scanned word points to.
 *
 * SIMPLIFIED(v5.10 mm/kmemleak.c: kmemleak_scan): a fixed table searched
 * linearly instead of an rbtree and a slab cache; roots registered by
 * the caller instead of the kernel's sections and stacks; no locking,
 * no scan thread, no checksum, no comm/pid/jiffies line in the report;
 * the call site is file:line instead of a stack trace.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <linux/bug.h>
#include <linux/kernel.h>
#include <linux/kmemleak.h>

#define HEX_ROW_SIZE 16
#define HEX_MAX_LINES 2

struct kmemleak_root {
	unsigned long start; /* first byte of the area */
	unsigned long end; /* one past its last byte */
};

static struct kmemleak_object objects[KMEMLEAK_MAX_OBJECTS];
static struct kmemleak_root roots[KMEMLEAK_MAX_ROOTS];
static int nr_roots;

/* Objects turned grey by the current scan, in the order found. */
static struct kmemleak_object *gray_list[KMEMLEAK_MAX_OBJECTS];
static int nr_gray;

/* The live object whose block contains @ptr, or NULL. */
static struct kmemleak_object *lookup_object(unsigned long ptr)
{
	for (int i = 0; i < KMEMLEAK_MAX_OBJECTS; i++) {
		struct kmemleak_object *o = &objects[i];

		if ((o->flags & OBJECT_ALLOCATED) && ptr >= o->pointer &&
		    ptr - o->pointer < o->size)
			return o;
	}
	return NULL;
}

/* A free slot of the table, or NULL when all are in use. */
static struct kmemleak_object *object_slot(void)
{
	for (int i = 0; i < KMEMLEAK_MAX_OBJECTS; i++)
		if (!(objects[i].flags & OBJECT_ALLOCATED))
			return &objects[i];
	return NULL;
}

/* Does [ptr, ptr + size) overlap a live object? */
static bool overlaps_object(unsigned long ptr, size_t size)
{
	for (int i = 0; i < KMEMLEAK_MAX_OBJECTS; i++) {
		struct kmemleak_object *o = &objects[i];

		if ((o->flags & OBJECT_ALLOCATED) &&
		    ptr < o->pointer + o->size && o->pointer < ptr + size)
			return true;
	}
	return false;
}

//> ch02 kmemleak-alloc
/**
 * __kmemleak_alloc - record a newly allocated block
 * @ptr: its first byte; NULL is ignored
 * @size: its length in bytes
 * @min_count: references that keep it alive (1, 0 or KMEMLEAK_BLACK)
 * @file: the allocation call site's file ...
 * @line: ... and line
 * @gfp: the allocation flags (unused here)
 *
 * Called through kmemleak_alloc(), which supplies the call site.
 * A block that overlaps one already recorded, or a full table, is
 * reported with WARN and not recorded.
 */
void __kmemleak_alloc(const void *ptr, size_t size, int min_count,
		      const char *file, int line, gfp_t gfp)
{
	// BEGIN SOLUTION ch02
	unsigned long p = (unsigned long)ptr;
	struct kmemleak_object *o;

	if (!ptr)
		return;
	if (WARN(overlaps_object(p, size),
		 "kmemleak: Cannot insert 0x%lx into the object search "
		 "tree (overlaps existing)\n",
		 p))
		return;
	o = object_slot();
	if (WARN(!o, "kmemleak: Cannot allocate a kmemleak_object "
		     "structure\n"))
		return;
	*o = (struct kmemleak_object){ .flags = OBJECT_ALLOCATED,
				       .pointer = p,
				       .size = size,
				       .min_count = min_count,
				       .file = file,
				       .line = line };
	// STUB
	// /* TODO(ch02): fill a free slot with the block and its call
	//    site, refusing overlaps; see
	//    chapters/02-memory-hardware.md, "A leak detector". */
	// (void)object_slot;
	// (void)overlaps_object;
	// END SOLUTION
}
//< ch02 kmemleak-alloc

//> ch02 kmemleak-free
/**
 * kmemleak_free - forget a block that is being freed
 * @ptr: the pointer the allocation returned; NULL is ignored
 *
 * Freeing a block kmemleak does not know (never allocated, or freed
 * twice) is reported with WARN: "Freeing unknown object at 0x...".
 */
void kmemleak_free(const void *ptr)
{
	// BEGIN SOLUTION ch02
	unsigned long p = (unsigned long)ptr;
	struct kmemleak_object *o = lookup_object(p);

	if (!ptr)
		return;
	/* Only the block's own start frees it, not a pointer inside. */
	if (WARN(!o || o->pointer != p,
		 "kmemleak: Freeing unknown object at 0x%08lx\n", p))
		return;
	o->flags = 0;
	// STUB
	// /* TODO(ch02): find the object that starts at ptr and free
	//    its slot, or WARN; see chapters/02-memory-hardware.md,
	//    "A leak detector". */
	// (void)lookup_object;
	// END SOLUTION
}
//< ch02 kmemleak-free

/**
 * kmemleak_not_leak - never report the block at @ptr as a leak
 * @ptr: a block recorded by kmemleak_alloc
 *
 * Its contents are still scanned, so what it points to stays alive.
 */
void kmemleak_not_leak(const void *ptr)
{
	struct kmemleak_object *o = lookup_object((unsigned long)ptr);

	if (!WARN(!o,
		  "kmemleak: Trying to color unknown object at "
		  "0x%08lx as grey\n",
		  (unsigned long)ptr))
		o->min_count = 0;
}

/**
 * kmemleak_add_root - scan [@ptr, @ptr + @size) for references
 * @ptr: an area that is always live, e.g. a global table
 * @size: its length in bytes
 */
void kmemleak_add_root(const void *ptr, size_t size)
{
	if (WARN(nr_roots == KMEMLEAK_MAX_ROOTS, "kmemleak: too many roots\n"))
		return;
	roots[nr_roots].start = (unsigned long)ptr;
	roots[nr_roots].end = (unsigned long)ptr + size;
	nr_roots++;
}

/* Put @o on the grey list: it is alive and must itself be scanned. */
static void make_gray(struct kmemleak_object *o)
{
	gray_list[nr_gray++] = o;
}

//> ch02 scan-block
/*
 * Count the references in [start, end): every aligned word whose value
 * points into a live object that is not black.  An object whose count
 * reaches its min_count turns grey.
 */
static void scan_block(unsigned long start, unsigned long end)
{
	// BEGIN SOLUTION ch02
	const unsigned long w = sizeof(unsigned long);

	for (unsigned long p = ALIGN(start, w); p + w <= end; p += w) {
		unsigned long v = *(const unsigned long *)p;
		struct kmemleak_object *o = lookup_object(v);

		if (!o || o->min_count == KMEMLEAK_BLACK)
			continue;
		if (++o->count == o->min_count)
			make_gray(o);
	}
	// STUB
	// /* TODO(ch02): read each aligned word, find the object it
	//    points into, count it, grey it at min_count; see
	//    chapters/02-memory-hardware.md, "Scanning". */
	// (void)start;
	// (void)end;
	// (void)make_gray;
	// END SOLUTION
}
//< ch02 scan-block

/* The first bytes of a leaked block, as Linux's hex_dump_object. */
static void hex_dump_object(const struct kmemleak_object *o)
{
	const u8 *p = (const u8 *)o->pointer;
	size_t len = min_t(size_t, o->size, HEX_ROW_SIZE * HEX_MAX_LINES);

	pr_info("  hex dump (first %lu bytes):\n", (unsigned long)len);
	for (size_t row = 0; row < len; row += HEX_ROW_SIZE) {
		size_t n = min_t(size_t, len - row, HEX_ROW_SIZE);
		char hex[3 * HEX_ROW_SIZE + 1] = "", asc[HEX_ROW_SIZE + 1];

		for (size_t i = 0; i < n; i++) {
			u8 c = p[row + i];

			snprintf(hex + 3 * i, 4, "%02x ", c);
			asc[i] = isprint(c) ? c : '.';
		}
		asc[n] = 0;
		pr_info("    %-*.*s  %s\n", 3 * HEX_ROW_SIZE - 1,
			(int)(3 * n - 1), hex, asc);
	}
}

/* The report of one leak, in the format of /sys/kernel/debug/kmemleak. */
static void print_unreferenced(const struct kmemleak_object *o)
{
	/* %lu, not %zu: newlib's printf on the board lacks it. */
	pr_info("unreferenced object 0x%08lx (size %lu):\n", o->pointer,
		(unsigned long)o->size);
	hex_dump_object(o);
	pr_info("  backtrace:\n");
	pr_info("    %s:%d\n", o->file, o->line);
}

/* White and still allocated: nothing found points to it. */
static bool unreferenced_object(const struct kmemleak_object *o)
{
	return (o->flags & OBJECT_ALLOCATED) &&
	       o->min_count != KMEMLEAK_BLACK && o->count < o->min_count;
}

/* Scan every grey object; the list grows while we walk it. */
static void scan_gray_list(void)
{
	for (int g = 0; g < nr_gray; g++) {
		struct kmemleak_object *o = gray_list[g];

		scan_block(o->pointer, o->pointer + o->size);
	}
}

//> ch02 kmemleak-scan
/**
 * kmemleak_scan - find and report the blocks nothing points to
 *
 * Each leak is reported once, however many scans see it.
 *
 * Return: the number of leaks reported by this scan.
 */
int kmemleak_scan(void)
{
	int new_leaks = 0;

	nr_gray = 0;
	for (int i = 0; i < KMEMLEAK_MAX_OBJECTS; i++) {
		objects[i].count = 0;
		/* min_count 0: alive from the start, and scanned. */
		if ((objects[i].flags & OBJECT_ALLOCATED) &&
		    objects[i].min_count == 0)
			make_gray(&objects[i]);
	}
	for (int r = 0; r < nr_roots; r++)
		scan_block(roots[r].start, roots[r].end);
	scan_gray_list();
	for (int i = 0; i < KMEMLEAK_MAX_OBJECTS; i++) {
		struct kmemleak_object *o = &objects[i];

		if (!unreferenced_object(o))
			continue;
		if (o->flags & OBJECT_REPORTED) /* once is enough */
			continue;
		o->flags |= OBJECT_REPORTED;
		print_unreferenced(o);
		new_leaks++;
	}
	if (new_leaks)
		pr_info("kmemleak: %d new suspected memory leaks (see "
			"/sys/kernel/debug/kmemleak)\n",
			new_leaks);
	return new_leaks;
}
//< ch02 kmemleak-scan
