/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Device registers (v5.10 arch/arm/include/asm/io.h): ioremap() gives a
 * device's registers a kernel address; readl()/writel() and their
 * 8- and 16-bit twins access them.  A register access is not a memory
 * access the compiler may merge, split or move: each is one volatile
 * load or store of its width.  readl() is followed by a barrier so that
 * reads of memory after it (a DMA buffer the device just filled) are
 * not made before it; writel() is preceded by one so that memory
 * writes before it (a descriptor) reach memory before the device is
 * told to look.  The _relaxed forms order nothing but the device's own
 * accesses.
 *
 * On the board each accessor is the instruction itself, inlined.  The
 * host's registers are models in the port (arch/host/mmio.c): its
 * __raw_read/__raw_write translate the address through the simulated
 * MMU, as the core does, and call the device model of the physical
 * address it reaches.
 *
 * __iomem marks a pointer to device registers (sparse checks it in
 * Linux; here it is documentation).
 */
#ifndef _ASM_ARM_IO_H
#define _ASM_ARM_IO_H

#include <linux/types.h>
#include <asm/cp15.h>
#include <asm/pgtable-2level-types.h>

#define __iomem

#ifdef __arm__
static inline void __raw_writeb(u8 val, volatile void __iomem *addr)
{
	__asm__ volatile("strb %1, %0"
			 : "+Qo"(*(volatile u8 *)addr)
			 : "r"(val));
}

static inline void __raw_writew(u16 val, volatile void __iomem *addr)
{
	__asm__ volatile("strh %1, %0"
			 : "+Q"(*(volatile u16 *)addr)
			 : "r"(val));
}

static inline void __raw_writel(u32 val, volatile void __iomem *addr)
{
	__asm__ volatile("str %1, %0"
			 : "+Qo"(*(volatile u32 *)addr)
			 : "r"(val));
}

static inline u8 __raw_readb(const volatile void __iomem *addr)
{
	u8 val;

	__asm__ volatile("ldrb %0, %1"
			 : "=r"(val)
			 : "Qo"(*(const volatile u8 *)addr));
	return val;
}

static inline u16 __raw_readw(const volatile void __iomem *addr)
{
	u16 val;

	__asm__ volatile("ldrh %0, %1"
			 : "=r"(val)
			 : "Q"(*(const volatile u16 *)addr));
	return val;
}

static inline u32 __raw_readl(const volatile void __iomem *addr)
{
	u32 val;

	__asm__ volatile("ldr %0, %1"
			 : "=r"(val)
			 : "Qo"(*(const volatile u32 *)addr));
	return val;
}
#else
void __raw_writeb(u8 val, volatile void __iomem *addr);
void __raw_writew(u16 val, volatile void __iomem *addr);
void __raw_writel(u32 val, volatile void __iomem *addr);
u8 __raw_readb(const volatile void __iomem *addr);
u16 __raw_readw(const volatile void __iomem *addr);
u32 __raw_readl(const volatile void __iomem *addr);
#endif

/* 5.10: rmb() and wmb(), a DSB each (CONFIG_ARM_DMA_MEM_BUFFERABLE) */
#define __iormb() dsb()
#define __iowmb() dsb()

#define readb_relaxed(c) __raw_readb(c)
#define readw_relaxed(c) __raw_readw(c)
#define readl_relaxed(c) __raw_readl(c)
#define writeb_relaxed(v, c) __raw_writeb(v, c)
#define writew_relaxed(v, c) __raw_writew(v, c)
#define writel_relaxed(v, c) __raw_writel(v, c)

#define readb(c)                           \
	({                                 \
		u8 __v = readb_relaxed(c); \
		__iormb();                 \
		__v;                       \
	})
#define readw(c)                            \
	({                                  \
		u16 __v = readw_relaxed(c); \
		__iormb();                  \
		__v;                        \
	})
#define readl(c)                            \
	({                                  \
		u32 __v = readl_relaxed(c); \
		__iormb();                  \
		__v;                        \
	})
#define writeb(v, c)                  \
	({                            \
		__iowmb();            \
		writeb_relaxed(v, c); \
	})
#define writew(v, c)                  \
	({                            \
		__iowmb();            \
		writew_relaxed(v, c); \
	})
#define writel(v, c)                  \
	({                            \
		__iowmb();            \
		writel_relaxed(v, c); \
	})

void __iomem *ioremap(resource_size_t res_cookie, size_t size);
void __iomem *ioremap_cache(resource_size_t res_cookie, size_t size);
void __iomem *ioremap_wc(resource_size_t res_cookie, size_t size);
void iounmap(volatile void __iomem *io_addr);
void __iomem *__arm_ioremap_pfn_caller(unsigned long pfn, unsigned long offset,
				       size_t size, unsigned int mtype,
				       void *caller);
int ioremap_page_range(unsigned long addr, unsigned long end,
		       phys_addr_t phys_addr, pgprot_t prot);

#endif /* _ASM_ARM_IO_H */
