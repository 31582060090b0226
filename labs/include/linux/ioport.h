/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Resources: ranges of the physical address space and who has them
 * (v5.10 include/linux/ioport.h).  iomem_resource is the root of a tree
 * of memory-mapped ranges: "System RAM" with the kernel's code and data
 * inside it, each device the device tree describes, and inside a device
 * the range its driver claimed with request_mem_region().  /proc/iomem
 * prints the tree (chapter 27).
 */
#ifndef _LINUX_IOPORT_H
#define _LINUX_IOPORT_H

#include <linux/types.h>

struct seq_file;

struct resource {
	resource_size_t start;
	resource_size_t end; /* the last byte, not the one after */
	const char *name;
	unsigned long flags;
	unsigned long desc;
	struct resource *parent, *sibling, *child;
};

#define IORESOURCE_MEM 0x00000200
#define IORESOURCE_SYSRAM 0x01000000
#define IORESOURCE_BUSY 0x80000000 /* a driver has it */
#define IORESOURCE_SYSTEM_RAM (IORESOURCE_MEM | IORESOURCE_SYSRAM)

#define IORES_DESC_NONE 0

extern struct resource iomem_resource;

static inline resource_size_t resource_size(const struct resource *res)
{
	return res->end - res->start + 1;
}

struct resource *request_resource_conflict(struct resource *root,
					   struct resource *new);
int request_resource(struct resource *root, struct resource *new);
int release_resource(struct resource *new);
struct resource *__request_region(struct resource *parent,
				  resource_size_t start, resource_size_t n,
				  const char *name, int flags);
void __release_region(struct resource *parent, resource_size_t start,
		      resource_size_t n);

#define request_mem_region(start, n, name) \
	__request_region(&iomem_resource, (start), (n), (name), 0)
#define release_mem_region(start, n) \
	__release_region(&iomem_resource, (start), (n))

/* /proc/iomem */
void iomem_show(struct seq_file *m);
/* arch/arm/kernel/setup.c: RAM and the kernel; each device's range */
void request_standard_resources(void);
void of_iomem_populate(void);

#endif /* _LINUX_IOPORT_H */
