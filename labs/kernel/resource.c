// SPDX-License-Identifier: GPL-2.0
/*
 * The resource tree (v5.10 kernel/resource.c): who has which range of
 * the physical address space.  A resource's children lie inside it,
 * sorted by address, without overlap; siblings are a singly linked
 * list.  request_resource() claims a range for whoever asks, if nothing
 * there overlaps it; __request_region(), for a driver, goes down into a
 * range that is not busy (a device's own resource) and claims inside
 * it.  /proc/iomem prints the tree under iomem_resource.
 *
 * SIMPLIFIED(v5.10 kernel/resource.c): no resource_lock (one CPU), no
 * insert_resource() (the device resources never overlap here), no
 * IORESOURCE_MUXED waiting, no ioport_resource, no revoke_iomem().
 */
#include <linux/errno.h>
#include <linux/ioport.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/seq_file.h>
#include <linux/slab.h>

struct resource iomem_resource = {
	.name = "PCI mem",
	.start = 0,
	.end = -1,
	.flags = IORESOURCE_MEM,
};

//> ch27 request_resource
/**
 * __request_resource - link @new under @root, or say what is in the way
 * @root: the parent range
 * @new: the range to claim (start and end inclusive)
 *
 * @new must lie inside @root.  The children of @root are sorted and
 * disjoint: @new goes before the first child that starts after its
 * end, provided every child before that one ends before its start.
 *
 * Return: NULL when @new is linked; otherwise the resource that
 * conflicts: @root itself for a range outside it (or with end before
 * start), else the first child that overlaps @new.
 */
static struct resource *__request_resource(struct resource *root,
					   struct resource *new)
{
	/* TODO(ch27): check @new against @root, then walk the children
	   to its place, linking it or returning what overlaps; see
	   chapters/27-ioremap.md, "The resource tree". */
	(void)root, (void)new;
	return root;
}
//< ch27 request_resource

/* Unlink @old from its parent's children; -EINVAL if it is not there. */
static int __release_resource(struct resource *old)
{
	struct resource *tmp, **p;

	p = &old->parent->child;
	for (;;) {
		tmp = *p;
		if (!tmp)
			break;
		if (tmp == old) {
			*p = tmp->sibling;
			old->parent = NULL;
			return 0;
		}
		p = &tmp->sibling;
	}
	return -EINVAL;
}

struct resource *request_resource_conflict(struct resource *root,
					   struct resource *new)
{
	return __request_resource(root, new);
}

/* 0, or -EBUSY when something overlaps @new */
int request_resource(struct resource *root, struct resource *new)
{
	struct resource *conflict = request_resource_conflict(root, new);

	return conflict ? -EBUSY : 0;
}

int release_resource(struct resource *old)
{
	return __release_resource(old);
}

//> ch27 request_region
/**
 * __request_region - a driver claims [@start, @start + @n) for itself
 * @parent: where to look, &iomem_resource for request_mem_region()
 * @start: the first byte
 * @n: the length in bytes
 * @name: who claims it
 * @flags: more flags for the new resource
 *
 * The new resource is busy.  When it overlaps a resource that is not
 * busy (a device's range, "System RAM" is busy), the claim is tried
 * again inside that one; a busy one is a conflict.
 *
 * Return: the new resource, or NULL.
 */
struct resource *__request_region(struct resource *parent,
				  resource_size_t start, resource_size_t n,
				  const char *name, int flags)
{
	struct resource *res = kzalloc(sizeof(*res), GFP_KERNEL);

	if (ZERO_OR_NULL_PTR(res)) /* as vmalloc's kzalloc() */
		return NULL;

	res->name = name;
	res->start = start;
	res->end = start + n - 1;

	for (;;) {
		struct resource *conflict;

		res->flags = (parent->flags & IORESOURCE_MEM) |
			     IORESOURCE_BUSY | (unsigned int)flags;
		res->desc = parent->desc;

		conflict = __request_resource(parent, res);
		if (!conflict)
			break;
		if (conflict != parent) {
			if (!(conflict->flags & IORESOURCE_BUSY)) {
				parent = conflict;
				continue;
			}
		}
		/* Uhhuh, that didn't work out.. */
		kfree(res);
		res = NULL;
		break;
	}
	return res;
}
//< ch27 request_region

/**
 * __release_region - give back what __request_region() claimed
 * @parent: where it was claimed
 * @start: its first byte
 * @n: its length
 *
 * Goes down through the ranges that hold it and are not busy; the busy
 * one must match exactly.  Anything else is reported, as 5.10 does.
 */
void __release_region(struct resource *parent, resource_size_t start,
		      resource_size_t n)
{
	struct resource **p = &parent->child;
	resource_size_t end = start + n - 1;

	for (;;) {
		struct resource *res = *p;

		if (!res)
			break;
		if (res->start <= start && res->end >= end) {
			if (!(res->flags & IORESOURCE_BUSY)) {
				p = &res->child;
				continue;
			}
			if (res->start != start || res->end != end)
				break;
			*p = res->sibling;
			kfree(res);
			return;
		}
		p = &res->sibling;
	}

	printk(KERN_WARNING "Trying to free nonexistent resource "
			    "<%016llx-%016llx>\n",
	       (unsigned long long)start, (unsigned long long)end);
}

//> ch27 iomem_show
#define MAX_IORES_LEVEL 5

/* The next resource of a walk in address order: children first. */
static struct resource *next_resource(struct resource *p)
{
	if (p->child)
		return p->child;
	while (!p->sibling && p->parent)
		p = p->parent;
	return p->sibling;
}

/**
 * iomem_show - /proc/iomem: every resource under iomem_resource
 * @m: where to print
 *
 * One line each, in address order, indented two spaces per level below
 * the root, with 5.10's r_show() format: "start-end : name", the
 * addresses 8 hex digits wide (4 for a root that ends below 64 KiB).
 * 5.10 prints zeros for the addresses unless the reader has
 * CAP_SYS_ADMIN; we print them as root would see them.
 */
void iomem_show(struct seq_file *m)
{
	struct resource *root = &iomem_resource, *r, *p;
	int width = root->end < 0x10000 ? 4 : 8;

	for (r = root->child; r; r = next_resource(r)) {
		int depth;

		for (depth = 0, p = r; depth < MAX_IORES_LEVEL;
		     depth++, p = p->parent)
			if (p->parent == root)
				break;
		seq_printf(m, "%*s%0*llx-%0*llx : %s\n", depth * 2, "", width,
			   (unsigned long long)r->start, width,
			   (unsigned long long)r->end,
			   r->name ? r->name : "<BAD>");
	}
}
//< ch27 iomem_show
