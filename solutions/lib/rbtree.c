// SPDX-License-Identifier: GPL-2.0
/*
 * Red-black trees (lib/rbtree.c): rebalancing after an insert or an
 * erase, and in-order traversal.  The rules that the fix-ups restore:
 *  1. Every node is red or black.
 *  2. The root is black.
 *  3. Every leaf is black; a leaf is a NULL child, so no sentinel nodes.
 *  4. A red node has no red child.
 *  5. All paths from a node down to its leaves hold the same black count.
 * The fix-ups are the textbook's (CLRS), written once for both mirror
 * images: child(n, dir) is n's child on side dir, !dir the other side.
 */
#include <linux/kernel.h>
#include <linux/rbtree.h>

#define RB_RED 0
#define RB_BLACK 1

enum { LEFT, RIGHT };

static struct rb_node **child(struct rb_node *node, int dir)
{
	return dir == LEFT ? &node->rb_left : &node->rb_right;
}

static int rb_color(const struct rb_node *node)
{
	return node->__rb_parent_color & RB_BLACK;
}

/* NULL is a leaf, and leaves are black (rule 3). */
static bool is_red(const struct rb_node *node)
{
	return node && rb_color(node) == RB_RED;
}

static void set_color(struct rb_node *node, int color)
{
	node->__rb_parent_color = (unsigned long)rb_parent(node) | color;
}

static void set_parent(struct rb_node *node, struct rb_node *parent)
{
	node->__rb_parent_color = (unsigned long)parent | rb_color(node);
}

/* Make whatever pointed to @old (@parent's link or the root) point to @new. */
static void change_child(struct rb_node *old, struct rb_node *new,
			 struct rb_node *parent, struct rb_root *root)
{
	if (!parent)
		root->rb_node = new;
	else if (parent->rb_left == old)
		parent->rb_left = new;
	else
		parent->rb_right = new;
}

/*
 * Rotate @node down to side @dir; its child on the other side takes its
 * place.  The in-order sequence and every node's colour are unchanged.
 *
 *        node                   up
 *       /    \                 /  \
 *      a      up     ==>    node   c      (dir == LEFT)
 *            /  \           /  \
 *           b    c         a    b
 */
static void rotate(struct rb_node *node, int dir, struct rb_root *root)
{
	struct rb_node *up = *child(node, !dir);
	struct rb_node *parent = rb_parent(node);
	struct rb_node *moved = *child(up, dir);

	*child(node, !dir) = moved;
	if (moved)
		set_parent(moved, node);
	*child(up, dir) = node;
	set_parent(up, parent);
	change_child(node, up, parent, root);
	set_parent(node, up);
}

/*
 * @node is red and newly linked; the only rule it can break is 4, when
 * its parent is red too.  Each pass either fixes that with rotations or
 * moves the red-red pair two levels up.
 */
void rb_insert_color(struct rb_node *node, struct rb_root *root)
{
	struct rb_node *parent, *gparent, *uncle;
	int dir;

	while ((parent = rb_parent(node)) && is_red(parent)) {
		/* A red parent is not the root, so the grandparent exists. */
		gparent = rb_parent(parent);
		dir = parent == gparent->rb_left ? LEFT : RIGHT;
		uncle = *child(gparent, !dir);
		if (is_red(uncle)) {
			/* Case 1: move gparent's black down to both children. */
			set_color(parent, RB_BLACK);
			set_color(uncle, RB_BLACK);
			set_color(gparent, RB_RED);
			node = gparent;
			continue;
		}
		if (node == *child(parent, !dir)) {
			/* Case 2: an inner grandchild; turn it into an outer one. */
			rotate(parent, dir, root);
			node = parent;
			parent = rb_parent(node);
		}
		/* Case 3: lift parent over gparent; no path changes its count. */
		set_color(parent, RB_BLACK);
		set_color(gparent, RB_RED);
		rotate(gparent, !dir, root);
	}
	/* Case 1 may have reddened the root; blackening it breaks nothing. */
	set_color(root->rb_node, RB_BLACK);
}

/*
 * A black node was removed above @node (NULL for a leaf), a child of
 * @parent: paths through @node are one black short.  Each pass either
 * repairs that with rotations or moves the shortage one level up.
 */
static void erase_fixup(struct rb_node *node, struct rb_node *parent,
			struct rb_root *root)
{
	struct rb_node *sibling;
	int dir;

	while (node != root->rb_node && !is_red(node)) {
		/* The sibling's side had a black more, so it is not NULL. */
		dir = parent->rb_left == node ? LEFT : RIGHT;
		sibling = *child(parent, !dir);
		if (is_red(sibling)) {
			/* Case 1: rotate so that the sibling is black. */
			set_color(sibling, RB_BLACK);
			set_color(parent, RB_RED);
			rotate(parent, dir, root);
			sibling = *child(parent, !dir);
		}
		if (!is_red(sibling->rb_left) && !is_red(sibling->rb_right)) {
			/* Case 2: shorten the sibling's side too, go up. */
			set_color(sibling, RB_RED);
			node = parent;
			parent = rb_parent(node);
			continue;
		}
		if (!is_red(*child(sibling, !dir))) {
			/* Case 3: only the near nephew is red; make it far. */
			set_color(*child(sibling, dir), RB_BLACK);
			set_color(sibling, RB_RED);
			rotate(sibling, !dir, root);
			sibling = *child(parent, !dir);
		}
		/* Case 4: the far nephew is red; a rotation adds a black. */
		set_color(sibling, rb_color(parent));
		set_color(parent, RB_BLACK);
		set_color(*child(sibling, !dir), RB_BLACK);
		rotate(parent, dir, root);
		return;
	}
	/* A red node absorbs the missing black; the root may be blackened. */
	if (node)
		set_color(node, RB_BLACK);
}

void rb_erase(struct rb_node *node, struct rb_root *root)
{
	struct rb_node *parent, *next, *succ;
	int color;

	if (!node->rb_left || !node->rb_right) {
		/* At most one child: it takes the node's place. */
		next = node->rb_left ? node->rb_left : node->rb_right;
		parent = rb_parent(node);
		color = rb_color(node);
		change_child(node, next, parent, root);
		if (next)
			set_parent(next, parent);
	} else {
		/*
		 * Two children: the successor (no left child) takes the
		 * node's place and colour, so it is at the successor's old
		 * spot that a node of the successor's colour goes missing.
		 */
		succ = node->rb_right;
		while (succ->rb_left)
			succ = succ->rb_left;
		color = rb_color(succ);
		next = succ->rb_right;
		if (succ == node->rb_right) {
			parent = succ;
		} else {
			parent = rb_parent(succ);
			parent->rb_left = next;
			if (next)
				set_parent(next, parent);
			succ->rb_right = node->rb_right;
			set_parent(succ->rb_right, succ);
		}
		succ->rb_left = node->rb_left;
		set_parent(succ->rb_left, succ);
		change_child(node, succ, rb_parent(node), root);
		succ->__rb_parent_color = node->__rb_parent_color;
	}
	/* Removing a red node shortens no path. */
	if (color == RB_BLACK)
		erase_fixup(next, parent, root);
}

void rb_replace_node(struct rb_node *victim, struct rb_node *new,
		     struct rb_root *root)
{
	/* @new inherits parent, colour and children: nothing to rebalance. */
	*new = *victim;
	if (victim->rb_left)
		set_parent(victim->rb_left, new);
	if (victim->rb_right)
		set_parent(victim->rb_right, new);
	change_child(victim, new, rb_parent(victim), root);
}

/* The node farthest down side @dir from @node (NULL if @node is). */
static struct rb_node *outermost(struct rb_node *node, int dir)
{
	while (node && *child(node, dir))
		node = *child(node, dir);
	return node;
}

/* The in-order neighbour of @node on side @dir (RIGHT: the next one). */
static struct rb_node *step(const struct rb_node *cnode, int dir)
{
	struct rb_node *node = (struct rb_node *)cnode, *parent;

	if (RB_EMPTY_NODE(node))
		return NULL;
	/* Below us on that side: the nearest node of that subtree. */
	if (*child(node, dir))
		return outermost(*child(node, dir), !dir);
	/* Otherwise climb until we come up from the other side. */
	while ((parent = rb_parent(node)) && node == *child(parent, dir))
		node = parent;
	return parent;
}

struct rb_node *rb_first(const struct rb_root *root)
{
	return outermost(root->rb_node, LEFT);
}

struct rb_node *rb_last(const struct rb_root *root)
{
	return outermost(root->rb_node, RIGHT);
}

struct rb_node *rb_next(const struct rb_node *node)
{
	return step(node, RIGHT);
}

struct rb_node *rb_prev(const struct rb_node *node)
{
	return step(node, LEFT);
}
