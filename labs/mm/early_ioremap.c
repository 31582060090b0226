// SPDX-License-Identifier: GPL-2.0
/*
 * Mappings before paging_init() (mm/early_ioremap.c, chapter 30).
 *
 * setup_arch() reads firmware tables and pokes devices long before
 * vmalloc and ioremap() exist, and even before memblock knows the RAM.
 * It borrows the fixmap instead: FIX_BTMAPS_SLOTS (7) slots of
 * NR_FIX_BTMAPS (32) pages each, whose PTEs live in bm_pte (mmu.c).
 * Slot i starts at fix_to_virt(FIX_BTMAP_BEGIN - 32 * i); a mapping's
 * pages take falling indices, so rising addresses.  A mapping is the
 * caller's until early_iounmap() with the same address and size; the
 * slot goes to the next caller.  These are the same pages kmap_atomic()
 * uses later: early_ioremap() is over once paging_init() runs
 * (early_ioremap_reset() makes any later use a BUG on ARM), and every
 * mapping must have been given back, or a late initcall says so.
 *
 * SIMPLIFIED(v5.10 mm/early_ioremap.c): no system_state WARN (the
 * after_paging_init BUG is the same rule here); early_ioremap_debug is
 * a variable a test sets, not an early_param; no
 * early_memremap_prot() or the x86 hooks.
 */
#include <string.h>
#include <linux/bug.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <asm/fixmap.h>
#include <asm/io.h>
#include <asm-generic/early_ioremap.h>

int early_ioremap_debug;

static int after_paging_init;

void early_ioremap_reset(void)
{
	after_paging_init = 1;
}

/*
 * Generally, ioremap() is available after paging_init() has been called.
 * Architectures wanting to allow early_ioremap after paging_init() can
 * define __late_set_fixmap and __late_clear_fixmap to do the right thing;
 * ARM does not.
 */
static inline void __late_set_fixmap(enum fixed_addresses idx, phys_addr_t phys,
				     pgprot_t prot)
{
	(void)idx, (void)phys, (void)prot;
	BUG();
}

static inline void __late_clear_fixmap(enum fixed_addresses idx)
{
	(void)idx;
	BUG();
}

static void __iomem *prev_map[FIX_BTMAPS_SLOTS];
static unsigned long prev_size[FIX_BTMAPS_SLOTS] __maybe_unused;
static unsigned long slot_virt[FIX_BTMAPS_SLOTS];

void early_ioremap_setup(void)
{
	int i;

	for (i = 0; i < FIX_BTMAPS_SLOTS; i++)
		if (WARN_ON(prev_map[i]))
			break;

	for (i = 0; i < FIX_BTMAPS_SLOTS; i++)
		slot_virt[i] =
			__fix_to_virt(FIX_BTMAP_BEGIN - NR_FIX_BTMAPS * i);
}

/* late_initcall(check_early_ioremap_leak): the harness calls it */
int check_early_ioremap_leak(void)
{
	int count = 0;
	int i;

	for (i = 0; i < FIX_BTMAPS_SLOTS; i++)
		if (prev_map[i])
			count++;

	if (WARN(count,
		 KERN_WARNING "Debug warning: early ioremap leak of %d areas "
			      "detected.\n"
			      "please boot with early_ioremap_debug and report "
			      "the dmesg.\n",
		 count))
		return 1;
	return 0;
}

//> ch30 early_ioremap
/**
 * __early_ioremap - map @size bytes at @phys_addr into a free slot
 * @phys_addr: any byte address; the mapping covers its whole pages
 * @size: bytes, at least one, at most NR_FIX_BTMAPS pages with the
 *        offset counted
 * @prot: FIXMAP_PAGE_IO for a device, FIXMAP_PAGE_NORMAL for RAM
 *
 * The lowest free slot is taken.  Its first page maps @phys_addr's
 * page, and the address returned keeps @phys_addr's offset in it.
 * Refused with a WARN, returning NULL: no free slot, a size of zero or
 * one that wraps, more pages than a slot has.  After paging_init() it
 * is a BUG: the slots are kmap_atomic()'s then.
 *
 * Return: the virtual address of @phys_addr, or NULL.
 */
static void __iomem *__early_ioremap(resource_size_t phys_addr,
				     unsigned long size, pgprot_t prot)
{
	/* TODO(ch30): take the lowest free slot, refuse what does not
	   fit, map each page of the range, remember the mapping; see
	   chapters/30-fixmap.md, "early_ioremap". */
	(void)phys_addr, (void)size, (void)prot;
	return NULL;
}
//< ch30 early_ioremap

//> ch30 early_iounmap
/**
 * early_iounmap - give back a mapping of early_ioremap()
 * @addr: the address early_ioremap() or early_memremap() returned
 * @size: the size it was given
 *
 * Each page of the mapping is cleared (and flushed) and the slot is
 * free again.  An address that no slot holds, or a size other than the
 * one mapped, is refused with a WARN and the mapping stays.
 */
void early_iounmap(void __iomem *addr, unsigned long size)
{
	/* TODO(ch30): find the slot, refuse a wrong address or size,
	   clear each page of the mapping, free the slot; see
	   chapters/30-fixmap.md, "early_iounmap". */
	(void)addr, (void)size;
}
//< ch30 early_iounmap

/* Remap an IO device */
void __iomem *early_ioremap(resource_size_t phys_addr, unsigned long size)
{
	return __early_ioremap(phys_addr, size, FIXMAP_PAGE_IO);
}

/* Remap memory */
void *early_memremap(resource_size_t phys_addr, unsigned long size)
{
	return (void *)__early_ioremap(phys_addr, size, FIXMAP_PAGE_NORMAL);
}

void *early_memremap_ro(resource_size_t phys_addr, unsigned long size)
{
	return (void *)__early_ioremap(phys_addr, size, FIXMAP_PAGE_RO);
}

void early_memunmap(void *addr, unsigned long size)
{
	early_iounmap((void __iomem *)addr, size);
}

#define MAX_MAP_CHUNK (NR_FIX_BTMAPS << PAGE_SHIFT)

void copy_from_early_mem(void *dest, phys_addr_t src, unsigned long size)
{
	unsigned long slop, clen;
	char *p;

	while (size) {
		slop = offset_in_page(src);
		clen = size;
		if (clen > MAX_MAP_CHUNK - slop)
			clen = MAX_MAP_CHUNK - slop;
		p = early_memremap(src & PAGE_MASK, clen + slop);
		memcpy(dest, p + slop, clen);
		early_memunmap(p, clen + slop);
		dest = (char *)dest + clen;
		src += clen;
		size -= clen;
	}
}
