/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Red-black trees (include/linux/rbtree.h): balanced binary search trees
 * whose nodes are embedded in the objects they sort, as list_head is.
 * The tree only keeps itself balanced; the caller searches it and picks
 * where a new node goes, so there is no compare callback:
 *
 *     struct rb_node **link = &root->rb_node, *parent = NULL;
 *     while (*link) {
 *             parent = *link;
 *             if (key < rb_entry(parent, struct thing, node)->key)
 *                     link = &parent->rb_left;
 *             else
 *                     link = &parent->rb_right;
 *     }
 *     rb_link_node(&new->node, parent, link);
 *     rb_insert_color(&new->node, root);
 *
 * The five rules that keep the longest path at most twice the shortest:
 *  1. Every node is red or black.
 *  2. The root is black.
 *  3. Every leaf (the NULL below a node) is black.
 *  4. A red node has no red child.
 *  5. Every path from a node down to a leaf passes the same number of
 *     black nodes.
 *
 * A node's parent pointer and colour share one word: nodes are aligned
 * to sizeof(long), so bit 0 of the address is free for the colour.
 *
 * SIMPLIFIED(v5.10 include/linux/rbtree.h): no augmented trees
 * (rbtree_augmented.h), no rb_root_cached, no RCU variants and no
 * postorder iteration.
 */
#ifndef _LINUX_RBTREE_H
#define _LINUX_RBTREE_H

#include <linux/kernel.h>

struct rb_node {
	unsigned long __rb_parent_color; /* parent | colour (bit 0) */
	struct rb_node *rb_right;
	struct rb_node *rb_left;
} __attribute__((aligned(sizeof(long))));

struct rb_root {
	struct rb_node *rb_node;
};

#define rb_parent(r) ((struct rb_node *)((r)->__rb_parent_color & ~3UL))

#define RB_ROOT                 \
	(struct rb_root)        \
	{                       \
		.rb_node = NULL \
	}

#define rb_entry(ptr, type, member) container_of(ptr, type, member)

static inline void *__rb_entry_safe(const struct rb_node *node, size_t offset)
{
	return node ? (char *)node - offset : NULL;
}

/* As rb_entry(), but NULL stays NULL; ptr is evaluated once. */
#define rb_entry_safe(ptr, type, member) \
	((type *)__rb_entry_safe(ptr, offsetof(type, member)))

#define RB_EMPTY_ROOT(root) (READ_ONCE((root)->rb_node) == NULL)

/* A node that points to itself is known to be in no tree. */
#define RB_EMPTY_NODE(node) ((node)->__rb_parent_color == (unsigned long)(node))
#define RB_CLEAR_NODE(node) ((node)->__rb_parent_color = (unsigned long)(node))

/*
 * Hang @node, red and childless, at *@rb_link below @parent (NULL for the
 * root); rb_insert_color() then restores the rules.
 */
static inline void rb_link_node(struct rb_node *node, struct rb_node *parent,
				struct rb_node **rb_link)
{
	node->__rb_parent_color = (unsigned long)parent;
	node->rb_left = node->rb_right = NULL;
	*rb_link = node;
}

void rb_insert_color(struct rb_node *node, struct rb_root *root);
void rb_erase(struct rb_node *node, struct rb_root *root);

/* In-order traversal: NULL past either end. */
struct rb_node *rb_first(const struct rb_root *root);
struct rb_node *rb_last(const struct rb_root *root);
struct rb_node *rb_next(const struct rb_node *node);
struct rb_node *rb_prev(const struct rb_node *node);

/* Put @new where @victim is, without rebalancing: the keys must agree. */
void rb_replace_node(struct rb_node *victim, struct rb_node *new,
		     struct rb_root *root);

#endif /* _LINUX_RBTREE_H */
