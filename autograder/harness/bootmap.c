// SPDX-License-Identifier: GPL-2.0
/*
 * The identity map a boot loader leaves behind.
 *
 * Before every test the harness maps, with 1 MiB sections, every RAM
 * bank, the 8 MiB image window and every device of the device tree at
 * their own physical addresses, maps lowmem a second time at PAGE_OFFSET
 * (the kernel's linear map, so that __va() works, and where the board's
 * image is linked), and switches to that table.  The first megabyte stays unmapped, so that a NULL pointer faults
 * on the board as it does on the host.  Chapter 18 teaches the kernel
 * to build its own tables and switch to them: the boots of chapter 18
 * and later never build this map (ktest_harness_map() poisons it).
 *
 *   RAM, image  AP = 01 (privileged RW), TEX 001 C B (write-back)
 *   devices     AP = 01, TEX 000 C=0 B=1 (shared device), XN
 *   all         domain 0, client in DACR
 */
#include <string.h>
#include <linux/kernel.h>
#include <asm/cp15.h>
#include <asm/memory.h>
#include <asm/machine.h>
#include <asm/pgtable-2level-hwdef.h>
#include <asm/proc-fns.h>
#include <asm/setup.h>
#include "ktest.h"

#define SECT_RAM                                                             \
	(PMD_TYPE_SECT | PMD_SECT_AP_WRITE | PMD_SECT_TEX(1) | PMD_SECT_WB | \
	 PMD_DOMAIN(0))
#define SECT_DEV                                                               \
	(PMD_TYPE_SECT | PMD_SECT_AP_WRITE | PMD_SECT_BUFFERED | PMD_SECT_XN | \
	 PMD_DOMAIN(0))

static void map_identity(u32 *pgd, phys_addr_t start, phys_addr_t size,
			 u32 prot)
{
	u64 end = (u64)start + size;

	for (u64 a = start & PMD_SECT_BASE_MASK; a < end; a += SECTION_SIZE)
		if (a >= SECTION_SIZE)
			pgd[a >> SECTION_SHIFT] = (u32)a | prot;
}

/* Lowmem at PAGE_OFFSET: up to vmalloc_min (arch/arm/mm/mmu.c). */
/* ktest.h: every RAM bank at its own address, sections with @prot */
void ktest_map_ram(u32 *pgd, u32 prot)
{
	for (int i = 0; i < meminfo.nr_banks; i++)
		map_identity(pgd, meminfo.bank[i].start, meminfo.bank[i].size,
			     prot);
}

static void map_linear(u32 *pgd)
{
	const u32 lowmem = 0xf0000000U - PAGE_OFFSET;

	for (int i = 0; i < meminfo.nr_banks; i++) {
		u32 start = meminfo.bank[i].start;
		u32 end = start + meminfo.bank[i].size;

		end = min(end, (u32)(PHYS_OFFSET + lowmem));
		for (u32 pa = start; pa < end; pa += SECTION_SIZE)
			pgd[__phys_to_virt(pa) >> SECTION_SHIFT] =
				pa | SECT_RAM;
	}
}

void boot_identity_map(void)
{
	u32 *pgd = (u32 *)(uintptr_t)BOOT_PGD_PHYS;

	memset(pgd, 0, HW_L1_ENTRIES * sizeof(u32));
	map_identity(pgd, KERNEL_IMAGE_START,
		     KERNEL_IMAGE_END - KERNEL_IMAGE_START, SECT_RAM);
	ktest_map_ram(pgd, SECT_RAM);
	for (int i = 0; i < iomem_count; i++)
		map_identity(pgd, iomem[i].base, iomem[i].size, SECT_DEV);
	map_linear(pgd);
	cpu_set_ttbcr(0);
	cpu_set_ttbr(0, BOOT_PGD_PHYS);
	set_domain(domain_val(0, DOMAIN_CLIENT));
	tlbiall();
	set_cr(get_cr() | CR_M);
}

/*
 * The image's window at PAGE_OFFSET, where the board's image is linked
 * and runs: every table a test makes live on the board must hold it.
 * The host's image is the host program, outside the simulated memory:
 * nothing to add.
 */
void ktest_map_image(u32 *pgd)
{
	if (!machine_image_in_ram())
		return;
	for (u32 pa = KERNEL_IMAGE_START; pa < KERNEL_IMAGE_END;
	     pa += SECTION_SIZE)
		pgd[__phys_to_virt(pa) >> SECTION_SHIFT] = pa | SECT_RAM;
}

/*
 * The address at which code whose identity map lies at @pa would be
 * linked: the inverse of virt_to_idmap().  On the board that is the
 * linear-map address (32-bit arithmetic, so that the last megabyte of
 * the address space has one too); on the host, @pa itself.
 */
const char *ktest_idmap_to_virt(u32 pa)
{
	if (!machine_image_in_ram())
		return (const char *)(uintptr_t)pa;
	return (const char *)(uintptr_t)(u32)(pa - PHYS_OFFSET + PAGE_OFFSET);
}

/* Run physically by machine_run_mmu_off(): the TLB emptied, M set. */
static unsigned long __head mmu_on_phys(unsigned long unused)
{
	(void)unused;
	tlbiall();
	set_cr(get_cr() | CR_M);
	return 0;
}

static unsigned long __head nothing_phys(unsigned long unused)
{
	return unused;
}

void ktest_mmu_switch(u32 ttbr0, u32 ttbr1, u32 ttbcr, u32 dacr)
{
	const struct machine_boot_regs regs = {
		.sctlr = get_cr() & ~CR_M,
		.ttbr0 = ttbr0,
		.ttbr1 = ttbr1,
		.ttbcr = ttbcr,
		.dacr = dacr,
	};

	machine_run_mmu_off(mmu_on_phys, 0, &regs);
}

void ktest_mmu_off(void)
{
	machine_run_mmu_off(nothing_phys, 0, NULL);
}

/*
 * The stages before chapter 18 run on the harness's identity map
 * (bootmap.c).  The paging stage must run on the kernel's tables
 * alone: the harness's table is never built, and its region is filled
 * with fault descriptors, so that nothing could use it by mistake and
 * ch18.c can check afterwards that nothing wrote it.
 */
void ktest_harness_map(bool kernel_tables)
{
	u32 *pgd = (u32 *)(uintptr_t)BOOT_PGD_PHYS;

	if (!kernel_tables) {
		boot_identity_map();
		return;
	}
	for (int i = 0; i < HW_L1_ENTRIES; i++)
		pgd[i] = KTEST_PGD_POISON;
}
