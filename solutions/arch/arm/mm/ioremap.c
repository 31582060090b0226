// SPDX-License-Identifier: GPL-2.0
/*
 * ioremap: a device's registers at a kernel virtual address (v5.10
 * arch/arm/mm/ioremap.c).  A device is not RAM: it has no struct page
 * and no place in the linear map.  ioremap() takes a vmalloc area of
 * the right size (flagged VM_IOREMAP, so /proc/vmallocinfo says
 * "ioremap" and the physical address) and maps the device's frames
 * there with a device memory type: MT_DEVICE for ioremap(), MT_DEVICE_WC
 * for ioremap_wc(), MT_DEVICE_CACHED for ioremap_cache().  iounmap()
 * gives the area back.  The registers are then read and written with
 * readl()/writel() (asm/io.h), never plain loads and stores.
 *
 * SIMPLIFIED(v5.10 arch/arm/mm/ioremap.c): no static mappings
 * (iotable_init, find_static_vm_paddr), no section or supersection
 * mappings (5.10 builds them only without CONFIG_SMP, and Debian's
 * kernel, like ours, has it), no pci_remap_iospace; the caller is
 * recorded as 5.10 does.
 */
#include <linux/ioport.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/vmalloc.h>
#include <asm/io.h>
#include <asm/mach/map.h>
#include <asm/pgtable.h>
#include <asm-generic/early_ioremap.h>
#include "mm.h"

//> ch27 arm_ioremap_pfn_caller
/**
 * __arm_ioremap_pfn_caller - map @size bytes of a device at frame @pfn
 * @pfn: the device's first frame
 * @offset: where in that frame the caller's address lies
 * @size: bytes from @offset on
 * @mtype: MT_DEVICE, MT_DEVICE_WC, MT_DEVICE_CACHED ...
 * @caller: who asked, for /proc/vmallocinfo
 *
 * The size is rounded up to whole pages, counting the offset.  RAM is
 * refused (with a WARN) for any type but MT_MEMORY_RW: the same frame
 * mapped normal cacheable in the linear map and device here is a
 * mismatch ARMv6 and later forbid.  The area comes from vmalloc's
 * space; ioremap_page_range() fills its PTEs.
 *
 * Return: the virtual address of the byte at @offset, or NULL.
 */
void __iomem *__arm_ioremap_pfn_caller(unsigned long pfn, unsigned long offset,
				       size_t size, unsigned int mtype,
				       void *caller)
{
	const struct mem_type *type;
	int err;
	unsigned long addr;
	struct vm_struct *area;
	phys_addr_t paddr = __pfn_to_phys(pfn);

	type = get_mem_type(mtype);
	if (!type)
		return NULL;

	// BEGIN SOLUTION ch27
	/*
	 * Page align the mapping size, taking account of any offset.
	 */
	size = PAGE_ALIGN(offset + size);

	/*
	 * Don't allow RAM to be mapped with mismatched attributes - this
	 * causes problems with ARMv6+
	 */
	if (WARN_ON(memblock_is_map_memory(PFN_PHYS(pfn)) &&
		    mtype != MT_MEMORY_RW))
		return NULL;

	area = get_vm_area_caller(size, VM_IOREMAP, caller);
	if (!area)
		return NULL;
	addr = (unsigned long)area->addr;
	area->phys_addr = paddr;

	err = ioremap_page_range(addr, addr + size, paddr,
				 __pgprot(type->prot_pte));
	if (err) {
		vunmap((void *)addr);
		return NULL;
	}

	return (void __iomem *)(offset + addr);
	// STUB
	// /* TODO(ch27): whole pages, no RAM, a VM_IOREMAP area, its PTEs,
	//    the caller's offset; see chapters/27-ioremap.md,
	//    "__arm_ioremap_pfn_caller". */
	// (void)offset, (void)size, (void)caller, (void)err, (void)addr;
	// (void)area, (void)paddr;
	// return NULL;
	// END SOLUTION
}
//< ch27 arm_ioremap_pfn_caller

//> ch27 ioremap
static void __iomem *__arm_ioremap_caller(phys_addr_t phys_addr, size_t size,
					  unsigned int mtype, void *caller)
{
	phys_addr_t last_addr;
	unsigned long offset = phys_addr & ~PAGE_MASK;
	unsigned long pfn = __phys_to_pfn(phys_addr);

	/*
	 * Don't allow wraparound or zero size
	 */
	last_addr = phys_addr + size - 1;
	if (!size || last_addr < phys_addr)
		return NULL;

	return __arm_ioremap_pfn_caller(pfn, offset, size, mtype, caller);
}

void __iomem *ioremap(resource_size_t res_cookie, size_t size)
{
	return __arm_ioremap_caller(res_cookie, size, MT_DEVICE,
				    __builtin_return_address(0));
}

void __iomem *ioremap_cache(resource_size_t res_cookie, size_t size)
{
	return __arm_ioremap_caller(res_cookie, size, MT_DEVICE_CACHED,
				    __builtin_return_address(0));
}

void __iomem *ioremap_wc(resource_size_t res_cookie, size_t size)
{
	return __arm_ioremap_caller(res_cookie, size, MT_DEVICE_WC,
				    __builtin_return_address(0));
}

/* Unmap what ioremap() mapped: @io_addr may be anywhere in its page. */
void iounmap(volatile void __iomem *io_addr)
{
	void *addr = (void *)(PAGE_MASK & (unsigned long)io_addr);

	vunmap(addr);
}
//< ch27 ioremap

/* setup_arch()'s step after early_fixmap_init() (v5.10 arch/arm/mm/ioremap.c) */
void early_ioremap_init(void)
{
	early_ioremap_setup();
}
