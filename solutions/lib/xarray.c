// SPDX-License-Identifier: GPL-2.0
/*
 * The XArray (lib/xarray.c): see include/linux/xarray.h for its shape.
 *
 * A store grows the tree at the top until the top node's reach covers
 * the index (each new top node takes the old one as slot 0), then
 * makes the nodes down to the index; an erase frees every node it
 * leaves empty, then shrinks the top while the top node holds only
 * slot 0.  So the tree is never deeper than its largest index needs,
 * and an empty array holds no node.  Marks are kept up the path: a
 * node's mark for a slot is set exactly when an entry below has it.
 *
 * SIMPLIFIED(v5.10): 5.10 does all this through an xa_state cursor
 * (xas_create(), xas_expand(), xas_delete_node(), xas_shrink()); here
 * each operation walks from the head itself.  The nodes come from the
 * "radix_tree_node" cache, as in 5.10, made at the first node (5.10's
 * radix_tree_init() at boot).
 */
#include <string.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/xarray.h>

static struct kmem_cache *radix_tree_node_cachep;

static struct xa_node *xa_node_alloc(struct xarray *xa, gfp_t gfp,
				     unsigned int shift)
{
	struct xa_node *node;

	if (!radix_tree_node_cachep)
		radix_tree_node_cachep = kmem_cache_create(
			"radix_tree_node", sizeof(struct xa_node), 0, 0, NULL);
	if (!radix_tree_node_cachep)
		return NULL;
	node = kmem_cache_zalloc(radix_tree_node_cachep, gfp);
	if (node) {
		node->shift = (unsigned char)shift;
		node->array = xa;
	}
	return node;
}

static void xa_node_free(struct xa_node *node)
{
	kmem_cache_free(radix_tree_node_cachep, node);
}

/* Bit @offset of a node's @mark. */
static bool node_get_mark(const struct xa_node *node, unsigned int offset,
			  xa_mark_t mark)
{
	return node->marks[mark][offset / BITS_PER_LONG] >>
		       (offset % BITS_PER_LONG) &
	       1;
}

static void node_set_mark(struct xa_node *node, unsigned int offset,
			  xa_mark_t mark)
{
	node->marks[mark][offset / BITS_PER_LONG] |=
		1UL << (offset % BITS_PER_LONG);
}

static void node_clear_mark(struct xa_node *node, unsigned int offset,
			    xa_mark_t mark)
{
	node->marks[mark][offset / BITS_PER_LONG] &=
		~(1UL << (offset % BITS_PER_LONG));
}

static bool node_any_mark(const struct xa_node *node, xa_mark_t mark)
{
	for (unsigned int i = 0; i < XA_MARK_LONGS; i++)
		if (node->marks[mark][i])
			return true;
	return false;
}

/* The largest index a tree whose top node is @node reaches. */
static unsigned long node_reach(const struct xa_node *node)
{
	unsigned int bits = node->shift + XA_CHUNK_SHIFT;

	return bits >= BITS_PER_LONG ? ~0UL : (1UL << bits) - 1;
}

static unsigned int node_offset(const struct xa_node *node, unsigned long index)
{
	return (index >> node->shift) & XA_CHUNK_MASK;
}

/*
 * The leaf node that holds @index and its slot, or NULL when the path
 * stops early (no entry there).
 */
static struct xa_node *xa_leaf(struct xarray *xa, unsigned long index,
			       unsigned int *offset)
{
	void *entry = xa->xa_head;
	struct xa_node *node;

	if (!xa_is_node(entry))
		return NULL;
	node = xa_to_node(entry);
	if (index > node_reach(node))
		return NULL;
	while (node->shift) {
		entry = node->slots[node_offset(node, index)];
		if (!entry)
			return NULL;
		node = xa_to_node(entry);
	}
	*offset = node_offset(node, index);
	return node;
}

/**
 * xa_load - the entry at @index
 * Return: it, or NULL.
 */
void *xa_load(struct xarray *xa, unsigned long index)
{
	struct xa_node *node;
	unsigned int offset;

	if (!xa_is_node(xa->xa_head))
		return index ? NULL : xa->xa_head;
	node = xa_leaf(xa, index, &offset);
	return node ? node->slots[offset] : NULL;
}

/* The shift of a top node that reaches @index. */
static unsigned int xa_shift_for(unsigned long index)
{
	unsigned int shift = 0;

	while (shift + XA_CHUNK_SHIFT < BITS_PER_LONG &&
	       (index >> shift) > XA_CHUNK_MASK)
		shift += XA_CHUNK_SHIFT;
	return shift;
}

/*
 * A new top node with the old head in slot 0 (an empty array: a top
 * node that reaches @index at once); false without memory.
 */
static bool xa_expand(struct xarray *xa, unsigned long index, gfp_t gfp)
{
	void *head = xa->xa_head;
	unsigned int shift = 0;
	struct xa_node *node;

	if (xa_is_node(head))
		shift = xa_to_node(head)->shift + XA_CHUNK_SHIFT;
	else if (!head)
		shift = xa_shift_for(index);
	node = xa_node_alloc(xa, gfp, shift);
	if (!node)
		return false;
	if (head) {
		node->slots[0] = head;
		node->count = 1;
		if (xa_is_node(head))
			xa_to_node(head)->parent = node;
		else if (xa_is_value(head))
			node->nr_values = 1;
		/* the old head's marks are the whole array's */
		for (xa_mark_t m = 0; m < XA_MAX_MARKS; m++)
			if (xa_marked(xa, m))
				node_set_mark(node, 0, m);
	}
	xa->xa_head = xa_mk_node(node);
	return true;
}

/* A node's marks changed at @offset: carry the change up to the head. */
static void xa_mark_up(struct xarray *xa, struct xa_node *node,
		       unsigned int offset, xa_mark_t mark, bool set)
{
	for (;;) {
		if (set)
			node_set_mark(node, offset, mark);
		else
			node_clear_mark(node, offset, mark);
		if (!set && node_any_mark(node, mark))
			return; /* another slot keeps the mark above */
		if (!node->parent)
			break;
		offset = node->offset;
		node = node->parent;
	}
	if (set)
		xa->xa_flags |= XA_FLAGS_MARK(mark);
	else
		xa->xa_flags &= ~XA_FLAGS_MARK(mark);
}

/*
 * The top node holds only slot 0: its entry becomes the head (an entry
 * only if the node was a leaf, as an entry at the head is index 0's).
 */
static void xa_shrink(struct xarray *xa)
{
	while (xa_is_node(xa->xa_head)) {
		struct xa_node *node = xa_to_node(xa->xa_head);
		void *entry = node->slots[0];

		if (node->count != 1 || !entry)
			break;
		if (!xa_is_node(entry) && node->shift)
			break;
		xa->xa_head = entry;
		if (xa_is_node(entry))
			xa_to_node(entry)->parent = NULL;
		xa_node_free(node);
	}
	if (!xa->xa_head)
		xa->xa_flags &= ~(XA_FLAGS_MARK(0) | XA_FLAGS_MARK(1) |
				  XA_FLAGS_MARK(2));
}

/* @node is empty: free it and every ancestor it leaves empty. */
static void xa_delete_node(struct xarray *xa, struct xa_node *node)
{
	while (node->count == 0) {
		struct xa_node *parent = node->parent;

		if (!parent) {
			xa->xa_head = NULL;
			xa_node_free(node);
			return;
		}
		parent->slots[node->offset] = NULL;
		parent->count--;
		for (xa_mark_t m = 0; m < XA_MAX_MARKS; m++)
			if (node_get_mark(parent, node->offset, m))
				xa_mark_up(xa, parent, node->offset, m, false);
		xa_node_free(node);
		node = parent;
	}
}

/**
 * xa_erase - remove the entry at @index
 * Return: the entry that was there, or NULL.
 */
void *xa_erase(struct xarray *xa, unsigned long index)
{
	struct xa_node *node;
	unsigned int offset;
	void *old;

	if (!xa_is_node(xa->xa_head)) {
		old = index ? NULL : xa->xa_head;
		if (old)
			xa_init(xa);
		return old;
	}
	node = xa_leaf(xa, index, &offset);
	if (!node || !node->slots[offset])
		return NULL;
	old = node->slots[offset];
	for (xa_mark_t m = 0; m < XA_MAX_MARKS; m++)
		if (node_get_mark(node, offset, m))
			xa_mark_up(xa, node, offset, m, false);
	node->slots[offset] = NULL;
	node->count--;
	if (xa_is_value(old))
		node->nr_values--;
	xa_delete_node(xa, node);
	xa_shrink(xa);
	return old;
}

/**
 * xa_store - put @entry at @index
 * @xa: the array
 * @index: where
 * @entry: a pointer aligned to 4 bytes or a value entry; NULL erases
 * @gfp: for the nodes it may need
 *
 * The marks of @index stay.
 * Return: the entry that was there (or NULL), or an error entry
 * (xa_is_err(): -ENOMEM without a node, -EINVAL for an entry the
 * XArray keeps for itself).
 */
void *xa_store(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp)
{
	struct xa_node *node;
	unsigned int offset;
	void *old;

	if (!entry)
		return xa_erase(xa, index);
	if (WARN_ON_ONCE(xa_is_internal(entry)))
		return XA_ERROR(-EINVAL);
	if (!xa->xa_head && index == 0) {
		xa->xa_head = entry;
		return NULL;
	}
	if (!xa_is_node(xa->xa_head) && index == 0) {
		old = xa->xa_head;
		xa->xa_head = entry;
		return old;
	}
	while (!xa_is_node(xa->xa_head) ||
	       index > node_reach(xa_to_node(xa->xa_head)))
		if (!xa_expand(xa, index, gfp))
			goto nomem;
	node = xa_to_node(xa->xa_head);
	while (node->shift) {
		unsigned int off = node_offset(node, index);
		struct xa_node *child;

		if (node->slots[off]) {
			node = xa_to_node(node->slots[off]);
			continue;
		}
		child = xa_node_alloc(xa, gfp, node->shift - XA_CHUNK_SHIFT);
		if (!child)
			goto nomem;
		child->offset = (unsigned char)off;
		child->parent = node;
		node->slots[off] = xa_mk_node(child);
		node->count++;
		node = child;
	}
	offset = node_offset(node, index);
	old = node->slots[offset];
	node->slots[offset] = entry;
	if (!old)
		node->count++;
	node->nr_values +=
		(unsigned char)(xa_is_value(entry) - xa_is_value(old));
	return old;
nomem:
	/* the nodes made for nothing go again (5.10's xas_destroy()) */
	if (xa_is_node(xa->xa_head)) {
		node = xa_to_node(xa->xa_head);
		while (node->shift) {
			void *e = node->slots[node_offset(node, index)];

			if (!e)
				break;
			node = xa_to_node(e);
		}
		if (!node->count)
			xa_delete_node(xa, node);
		xa_shrink(xa);
	}
	return XA_ERROR(-ENOMEM);
}

/* Is @mark set on the entry at @index? */
bool xa_get_mark(struct xarray *xa, unsigned long index, xa_mark_t mark)
{
	struct xa_node *node;
	unsigned int offset;

	if (!xa_is_node(xa->xa_head))
		return index == 0 && xa->xa_head && xa_marked(xa, mark);
	node = xa_leaf(xa, index, &offset);
	return node && node->slots[offset] && node_get_mark(node, offset, mark);
}

/* Set @mark on the entry at @index; nothing if there is none. */
void xa_set_mark(struct xarray *xa, unsigned long index, xa_mark_t mark)
{
	struct xa_node *node;
	unsigned int offset;

	if (!xa_is_node(xa->xa_head)) {
		if (index == 0 && xa->xa_head)
			xa->xa_flags |= XA_FLAGS_MARK(mark);
		return;
	}
	node = xa_leaf(xa, index, &offset);
	if (node && node->slots[offset] && !node_get_mark(node, offset, mark))
		xa_mark_up(xa, node, offset, mark, true);
}

void xa_clear_mark(struct xarray *xa, unsigned long index, xa_mark_t mark)
{
	struct xa_node *node;
	unsigned int offset;

	if (!xa_is_node(xa->xa_head)) {
		if (index == 0)
			xa->xa_flags &= ~XA_FLAGS_MARK(mark);
		return;
	}
	node = xa_leaf(xa, index, &offset);
	if (node && node_get_mark(node, offset, mark))
		xa_mark_up(xa, node, offset, mark, false);
}

/*
 * The first entry in [*@index, @max] below @node, which covers the
 * indices from @base; with @filter a mark, only entries that have it.
 */
static void *xa_find_below(struct xa_node *node, unsigned long base,
			   unsigned long *index, unsigned long max,
			   xa_mark_t filter)
{
	unsigned int off = *index > base ? node_offset(node, *index) : 0;

	for (; off < XA_CHUNK_SIZE; off++) {
		unsigned long first =
			base + ((unsigned long)off << node->shift);
		void *entry = node->slots[off];

		if (first > max || (off && first == base))
			break; /* past @max, or wrapped past ~0UL */
		if (!entry ||
		    (filter != XA_PRESENT && !node_get_mark(node, off, filter)))
			continue;
		if (!node->shift) {
			*index = first;
			return entry;
		}
		entry = xa_find_below(xa_to_node(entry), first, index, max,
				      filter);
		if (entry)
			return entry;
	}
	return NULL;
}

/**
 * xa_find - the first entry at or after *@index, up to @max
 * @filter: XA_PRESENT for any entry, or a mark
 *
 * Return: the entry, with *@index set to its index; or NULL, *@index
 * unchanged.
 */
void *xa_find(struct xarray *xa, unsigned long *index, unsigned long max,
	      xa_mark_t filter)
{
	void *head = xa->xa_head;
	unsigned long at = *index;
	void *entry;

	if (filter != XA_PRESENT && !xa_marked(xa, filter))
		return NULL;
	if (!xa_is_node(head))
		return head && at == 0 ? head : NULL;
	if (at > node_reach(xa_to_node(head)))
		return NULL;
	entry = xa_find_below(xa_to_node(head), 0, &at, max, filter);
	if (entry)
		*index = at;
	return entry;
}

/* xa_find() from the index after *@index (none after ~0UL). */
void *xa_find_after(struct xarray *xa, unsigned long *index, unsigned long max,
		    xa_mark_t filter)
{
	unsigned long at = *index + 1;
	void *entry;

	if (!at || at > max)
		return NULL;
	entry = xa_find(xa, &at, max, filter);
	if (entry)
		*index = at;
	return entry;
}

static void xa_destroy_node(struct xa_node *node)
{
	if (node->shift)
		for (unsigned int off = 0; off < XA_CHUNK_SIZE; off++)
			if (node->slots[off])
				xa_destroy_node(xa_to_node(node->slots[off]));
	xa_node_free(node);
}

/* xa_destroy - free every node; the entries are the caller's */
void xa_destroy(struct xarray *xa)
{
	if (xa_is_node(xa->xa_head))
		xa_destroy_node(xa_to_node(xa->xa_head));
	xa_init(xa);
}
