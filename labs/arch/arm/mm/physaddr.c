// SPDX-License-Identifier: GPL-2.0
/*
 * __pa() that checks its argument (arch/arm/mm/physaddr.c,
 * CONFIG_DEBUG_VIRTUAL), chapter 21.
 *
 * __pa() is arithmetic: it subtracts the linear map's offset from any
 * number it is given.  Given a vmalloc, fixmap or module address, or the
 * __va() of a highmem frame, it returns a physical address that has
 * nothing to do with the memory behind the virtual one, and the caller
 * maps or frees the wrong frame.  With CONFIG_DEBUG_VIRTUAL the kernel
 * warns, naming the address and its caller, and still returns the
 * arithmetic, as 5.10 does.
 */
#include <linux/bug.h>
#include <linux/kernel.h>
#include <asm/memory.h>

/* Linux builds this file only with the option (obj-$(CONFIG_DEBUG_VIRTUAL)) */
#ifdef CONFIG_DEBUG_VIRTUAL

/*
 * A DMA limit some callers __pa(): on ARM without a DMA zone it is the
 * top of the address space (arch/arm/include/asm/dma.h).
 */
#define MAX_DMA_ADDRESS 0xffffffffUL

//> ch21 virt-addr-valid-debug
/**
 * __virt_addr_valid - is @x an address of the linear map?
 * @x: a kernel virtual address
 *
 * From PAGE_OFFSET to high_memory.  Before adjust_lowmem_bounds() has
 * set high_memory (it is NULL until then), every address from
 * PAGE_OFFSET up passes: early code takes __pa() of the image's
 * symbols.  MAX_DMA_ADDRESS passes too, as in 5.10: enough code relies
 * on __pa(MAX_DMA_ADDRESS).
 */
static bool __virt_addr_valid(unsigned long x)
{
	/* TODO(ch21): PAGE_OFFSET up to high_memory (anything from
	   PAGE_OFFSET while high_memory is NULL), and MAX_DMA_ADDRESS;
	   see chapters/21-linear-map.md, "When __pa() lies". */
	(void)x;
	return true;
}
//< ch21 virt-addr-valid-debug

/**
 * __virt_to_phys - __pa() with CONFIG_DEBUG_VIRTUAL
 * @x: a linear-map address
 *
 * Return: the physical address; a WARN first when @x is not in the
 * linear map ("virt_to_phys used for non-linear address").
 */
phys_addr_t __virt_to_phys(unsigned long x)
{
	WARN(!__virt_addr_valid(x),
	     "virt_to_phys used for non-linear address: %pK (%pS)\n", (void *)x,
	     (void *)x);

	return __virt_to_phys_nodebug(x);
}
#endif /* CONFIG_DEBUG_VIRTUAL */
