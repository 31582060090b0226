/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The XArray (include/linux/xarray.h): an array of pointers indexed by
 * an unsigned long, sparse and as deep as its largest index needs.  It
 * is what 5.10's page cache is: a file's address_space keeps its pages
 * in one, at the page's index in the file (chapter 37).
 *
 * A tree of nodes of XA_CHUNK_SIZE (64) slots, each node taking
 * XA_CHUNK_SHIFT (6) bits of the index: a node of shift s holds, in
 * slot (index >> s) & 63, the entry (s = 0) or the node below.  The
 * head is NULL, the entry of index 0 alone, or the top node.  Each node
 * keeps three marks per slot (XA_MARK_0..2: the page cache's dirty,
 * writeback and towrite tags); a slot's mark is set in a node when an
 * entry below it has the mark, so a search for marked entries skips
 * what holds none.
 *
 * Entries are pointers aligned to 4 bytes, or values made by
 * xa_mk_value() (bit 0 set); a pointer with bits 1:0 = 10 is the
 * XArray's own (a node, or an error from xa_store()).
 *
 * SIMPLIFIED(v5.10): no xa_state (the advanced API), no multi-index
 * entries, no RCU or lock (one CPU, callers serialise), no allocating
 * arrays (xa_alloc); the functions below are the normal API's.
 */
#ifndef _LINUX_XARRAY_H
#define _LINUX_XARRAY_H

#include <linux/bug.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/types.h>

/* A value entry: @v shifted up, bit 0 set, never mistaken for a pointer. */
static inline void *xa_mk_value(unsigned long v)
{
	WARN_ON((long)v < 0);
	return (void *)((v << 1) | 1);
}

static inline unsigned long xa_to_value(const void *entry)
{
	return (unsigned long)entry >> 1;
}

static inline bool xa_is_value(const void *entry)
{
	return (unsigned long)entry & 1;
}

/* The XArray's own entries: bits 1:0 = 10. */
static inline void *xa_mk_internal(unsigned long v)
{
	return (void *)((v << 2) | 2);
}

static inline unsigned long xa_to_internal(const void *entry)
{
	return (unsigned long)entry >> 2;
}

static inline bool xa_is_internal(const void *entry)
{
	return ((unsigned long)entry & 3) == 2;
}

/* An error from xa_store(): -errno as an internal entry. */
static inline bool xa_is_err(const void *entry)
{
	return xa_is_internal(entry) &&
	       entry >= xa_mk_internal((unsigned long)-MAX_ERRNO);
}

static inline int xa_err(void *entry)
{
	if (xa_is_err(entry))
		return (int)((long)entry >> 2);
	return 0;
}

#define XA_ERROR(errno) xa_mk_internal((unsigned long)(long)(errno))

typedef unsigned int xa_mark_t;
#define XA_MARK_0 ((xa_mark_t)0U)
#define XA_MARK_1 ((xa_mark_t)1U)
#define XA_MARK_2 ((xa_mark_t)2U)
#define XA_PRESENT ((xa_mark_t)8U) /* xa_find(): any entry, marked or not */
#define XA_MARK_MAX XA_MARK_2

#define XA_CHUNK_SHIFT 6
#define XA_CHUNK_SIZE (1UL << XA_CHUNK_SHIFT)
#define XA_CHUNK_MASK (XA_CHUNK_SIZE - 1)
#define XA_MAX_MARKS 3
#define XA_MARK_LONGS DIV_ROUND_UP(XA_CHUNK_SIZE, 8 * sizeof(long))

/* A node: 64 slots, their marks, where it hangs. */
struct xa_node {
	unsigned char shift; /* bits of the index below this node */
	unsigned char offset; /* its slot in the parent */
	unsigned char count; /* slots in use */
	unsigned char nr_values; /* of them, value entries */
	struct xa_node *parent; /* NULL at the top */
	struct xarray *array;
	void *slots[XA_CHUNK_SIZE];
	unsigned long marks[XA_MAX_MARKS][XA_MARK_LONGS];
};

/*
 * The array: its head, and in xa_flags which marks some entry has
 * (XA_FLAGS_MARK(), what a search for a mark checks first).
 */
struct xarray {
	unsigned int xa_flags;
	void *xa_head;
};

#define XA_FLAGS_MARK(mark) (1U << (8 + (mark)))

#define XARRAY_INIT(name, flags)                   \
	{                                          \
		.xa_flags = flags, .xa_head = NULL \
	}
#define DEFINE_XARRAY(name) struct xarray name = XARRAY_INIT(name, 0)

static inline void xa_init(struct xarray *xa)
{
	xa->xa_flags = 0;
	xa->xa_head = NULL;
}

static inline bool xa_empty(const struct xarray *xa)
{
	return xa->xa_head == NULL;
}

/* Has any entry @mark? */
static inline bool xa_marked(const struct xarray *xa, xa_mark_t mark)
{
	return xa->xa_flags & XA_FLAGS_MARK(mark);
}

/* Internal: a node as an entry of its parent or the head. */
static inline void *xa_mk_node(const struct xa_node *node)
{
	return (void *)((unsigned long)node | 2);
}

static inline struct xa_node *xa_to_node(const void *entry)
{
	return (struct xa_node *)((unsigned long)entry - 2);
}

static inline bool xa_is_node(const void *entry)
{
	return xa_is_internal(entry) && (unsigned long)entry > 4096;
}

void *xa_load(struct xarray *xa, unsigned long index);
void *xa_store(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp);
void *xa_erase(struct xarray *xa, unsigned long index);
bool xa_get_mark(struct xarray *xa, unsigned long index, xa_mark_t mark);
void xa_set_mark(struct xarray *xa, unsigned long index, xa_mark_t mark);
void xa_clear_mark(struct xarray *xa, unsigned long index, xa_mark_t mark);
void *xa_find(struct xarray *xa, unsigned long *index, unsigned long max,
	      xa_mark_t filter);
void *xa_find_after(struct xarray *xa, unsigned long *index, unsigned long max,
		    xa_mark_t filter);
void xa_destroy(struct xarray *xa);

/* Every entry from @start on, in index order; @entry is NULL at the end. */
#define xa_for_each_start(xa, index, entry, start)                         \
	for (index = start, entry = xa_find(xa, &index, ~0UL, XA_PRESENT); \
	     entry; entry = xa_find_after(xa, &index, ~0UL, XA_PRESENT))
/* Every entry, or every one with mark @filter, in index order. */
#define xa_for_each_marked(xa, index, entry, filter)                      \
	for (index = 0, entry = xa_find(xa, &index, ~0UL, filter); entry; \
	     entry = xa_find_after(xa, &index, ~0UL, filter))
#define xa_for_each(xa, index, entry) xa_for_each_start(xa, index, entry, 0)

#endif /* _LINUX_XARRAY_H */
