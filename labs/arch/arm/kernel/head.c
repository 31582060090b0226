// SPDX-License-Identifier: GPL-2.0
/*
 * The MMU part of arch/arm/kernel/head.S, in C (chapters 15 and 18).
 *
 * Linux's stext runs with the MMU off, at whatever physical address the
 * boot loader chose.  It builds the first page table,
 * __create_page_tables, calls the processor's set-up (__v7_setup,
 * proc-v7.c), and jumps to __enable_mmu, which loads DACR and TTBR0 and
 * branches to __turn_mmu_on: ISB, write SCTLR, ISB.  From the
 * instruction after that write on, every fetch and every access is
 * translated.  __turn_mmu_on lives in .idmap.text, a section the table
 * maps at its own physical address, so that the next instruction is
 * found whether the CPU fetches it by the old (physical) or the new
 * (virtual) meaning of the PC.
 *
 * As Linux's, our image is linked at its linear-map address (on the
 * board PAGE_OFFSET + 0x10000, loaded at 0x60010000), and this code runs
 * at its physical address with the MMU off: it is __head code
 * (asm/proc-fns.h), and after __turn_mmu_on it returns through the
 * identity map into the machine's trampoline (machine_run_mmu_off()),
 * which jumps to the linked address as head.S's __mmap_switched does.
 * SIMPLIFIED(v5.10 arch/arm/kernel/head.S): stext's other work (the
 * processor and machine lookups, the ATAGs/DTB checks, the SMP fix-ups)
 * belongs to other code or to nothing here; our head code is C,
 * compiled without jump tables, rather than position-independent
 * assembler.
 */
#include <string.h>
#include <asm-generic/sections.h>
#include <asm/cp15.h>
#include <asm/memory.h>
#include <asm/pgtable.h>
#include <asm/proc-fns.h>

//> ch15 enable-mmu
/**
 * __enable_mmu - load the domains and the table, then turn the MMU on
 * @sctlr: the SCTLR value from __v7_setup()
 * @pgd: physical address of the first-level table
 */
void __head __enable_mmu(u32 sctlr, phys_addr_t pgd)
{
	/* TODO(ch15): DACR, then TTBR0, then __turn_mmu_on(); see
	   chapters/15-virtual-address-mmu.md, "Turning it on". */
	(void)sctlr, (void)pgd;
}
//< ch15 enable-mmu

//> ch15 turn-mmu-on
/**
 * __turn_mmu_on - write SCTLR between two context synchronisations
 * @sctlr: the value to write, M set
 *
 * In .idmap.text: the table must map this code at its own address.
 */
__attribute__((section(".idmap.text"), noinline)) void __turn_mmu_on(u32 sctlr)
{
	/* TODO(ch15): write SCTLR, each side of it an isb(); see
	   chapters/15-virtual-address-mmu.md, "Turning it on". */
	(void)sctlr;
}
//< ch15 turn-mmu-on

/*
 * stext's MMU steps: the processor's set-up, then __enable_mmu with
 * what it returned (head.S: "ldr pc, [r10, #PROCINFO_INITFUNC]" with
 * lr = __enable_mmu's branch).
 */
void __head stext_enable_mmu(phys_addr_t pgd)
{
	u32 sctlr = __v7_setup(pgd);

	__enable_mmu(sctlr, pgd);
}

/*
 * swapper_pg_dir's physical address, as head.S's pgtbl macro computes
 * it: from the physical offset, not with __pa(), which with
 * CONFIG_DEBUG_VIRTUAL is a function that reads high_memory.
 */
#define SWAPPER_PG_DIR_PA (PHYS_OFFSET + TEXT_OFFSET - PG_DIR_SIZE)

//> ch18 create-page-tables
/**
 * __create_page_tables - swapper_pg_dir for the switch
 * @fdt_pa: physical address of the device tree blob, or 0
 *
 * Runs with the MMU off, at its physical address (__head), so it writes
 * the table through its physical address and may touch no variable.
 * Every entry is a 1 MiB section with v7's mm_mmuflags.
 *
 * Return: the table's physical address, for TTBR0 and TTBR1.
 */
phys_addr_t __head __create_page_tables(phys_addr_t fdt_pa)
{
	u32 *pgd = (u32 *)(uintptr_t)SWAPPER_PG_DIR_PA;
	const u32 flags = MM_MMUFLAGS;
	/* TODO(ch18): clear the table, then the identity map of
	   .idmap.text, the image at PAGE_OFFSET, the DTB's two sections;
	   see chapters/18-create-page-tables.md, "Three mappings". */
	(void)pgd, (void)flags, (void)fdt_pa;
	return SWAPPER_PG_DIR_PA;
}
//< ch18 create-page-tables
