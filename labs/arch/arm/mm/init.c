// SPDX-License-Identifier: GPL-2.0
/*
 * Boot-time memory set-up of ARM (arch/arm/mm/init.c).
 *
 *   arm_memblock_init()  memblock learns the RAM banks (memblock_add),
 *                        the kernel image and /reserved-memory
 *                        (memblock_reserve; memblock_remove for no-map)
 *   bootmem_init()       find the limits of RAM and lowmem (find_limits)
 *                        and size the zones (zone_sizes_init ->
 *                        free_area_init, whose mem_map and pageblock
 *                        bitmaps come from memblock_alloc())
 *   mem_init()           hand every free page to the buddy allocator:
 *                        lowmem in large blocks (memblock_free_all),
 *                        highmem page by page (free_highpages), then
 *                        print the "Memory:" line
 *   pfn_valid()          is a frame RAM the kernel may look at?
 *   free_initmem()       when boot is over, poison the image's init
 *                        sections and give their pages to the buddy
 *                        (chapter 11)
 *   print_vm_layout()    the "Virtual kernel memory layout" banner
 *                        that mem_init() printed until v5.0 (chapter 20)
 */
#include <string.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/panic.h>
#include <asm/fixmap.h>
#include <asm/highmem.h>
#include <asm/machine.h>
#include <asm/memory.h>
#include <asm/pgtable.h>
#include <asm/ptdump.h>
#include <asm/set_memory.h>
#include <asm/setup.h>
#include <asm/tlbflush.h>
#include <asm-generic/sections.h>
#include "../../../mm/internal.h"
#include "mm.h"

/**
 * pfn_valid - may the kernel look at this frame's memory?
 * @pfn: a frame number
 *
 * ARM's answer: memblock_is_map_memory(), the frame is in a memory
 * region that is not no-map.  A no-map hole has struct pages in mem_map
 * (FLATMEM covers it) but no frames behind them.
 */
int pfn_valid(unsigned long pfn)
{
	return memblock_is_map_memory(__pfn_to_phys(pfn));
}

//> ch09 arm_memblock_init
/*
 * The /reserved-memory regions (drivers/of/fdt.c:
 * early_init_dt_reserve_memory_arch in v5.10): a no-map region leaves
 * memory altogether, any other is reserved.  Linux 5.12 later marked
 * no-map regions MEMBLOCK_NOMAP instead of removing them.
 */
static void early_init_fdt_scan_reserved_mem(void)
{
	for (int i = 0; i < reserved_mem_count; i++) {
		const struct reserved_mem *r = &reserved_mem[i];

		if (r->nomap)
			memblock_remove(r->base, r->size);
		else
			memblock_reserve(r->base, r->size);
	}
}

/**
 * arm_memblock_init - tell memblock what RAM there is and what is taken
 *
 * The device tree's banks become memblock.memory (Linux adds them in
 * early_init_dt_add_memory_arch(), while the tree is scanned); the
 * kernel image and the /reserved-memory regions become
 * memblock.reserved.
 *
 * SIMPLIFIED(v5.10 arch/arm/mm/init.c: arm_memblock_init): we reserve
 * the whole 8 MiB image window (page tables, image, heap and stacks),
 * where Linux reserves _stext.._end and swapper_pg_dir apart.  The
 * device tree blob is built into the image on both machines, so the
 * image's reservation covers it (Linux reserves the blob a boot loader
 * placed in RAM with early_init_fdt_reserve_self()).
 */
void __init arm_memblock_init(void)
{
	for (int i = 0; i < meminfo.nr_banks; i++)
		memblock_add(meminfo.bank[i].start, meminfo.bank[i].size);
	memblock_reserve(KERNEL_IMAGE_START,
			 KERNEL_IMAGE_END - KERNEL_IMAGE_START);
	early_init_fdt_scan_reserved_mem();
}
//< ch09 arm_memblock_init

static void find_limits(unsigned long *min, unsigned long *max_low,
			unsigned long *max_high)
{
	*max_low = PFN_DOWN(memblock_get_current_limit());
	*min = PFN_UP(memblock_start_of_DRAM());
	*max_high = PFN_DOWN(memblock_end_of_DRAM());
}

static void zone_sizes_init(unsigned long min, unsigned long max_low,
			    unsigned long max_high)
{
	unsigned long max_zone_pfn[MAX_NR_ZONES] = { 0 };

	(void)min;
	max_zone_pfn[ZONE_NORMAL] = max_low;
#ifdef CONFIG_HIGHMEM
	max_zone_pfn[ZONE_HIGHMEM] = max_high;
#endif
	free_area_init(max_zone_pfn);
}

/*
 * bootmem_init - zones and mem_map, from memblock's view of RAM: lowmem
 * up to memblock's limit, which setup_arch's adjust_lowmem_bounds() and
 * paging_init() have set
 */
void __init bootmem_init(void)
{
	memblock_allow_resize();
	find_limits(&min_low_pfn, &max_low_pfn, &max_pfn);
	zone_sizes_init(min_low_pfn, max_low_pfn, max_pfn);
}

//> ch10 mem_init
/*
 * Highmem goes to the allocator one page at a time, as ARM's
 * free_highpages() does it: each free range of memblock above lowmem,
 * page by page through free_highmem_page(), __free_page() and the
 * (boot) per-CPU lists to the buddy.
 */
static void free_highpages(void)
{
#ifdef CONFIG_HIGHMEM
	unsigned long max_low = max_low_pfn;
	phys_addr_t range_start, range_end;
	u64 i;

	for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, &range_start,
				&range_end, NULL) {
		unsigned long start = PFN_UP(range_start);
		unsigned long end = PFN_DOWN(range_end);

		/* Ignore complete lowmem entries */
		if (end <= max_low)
			continue;
		/* Truncate partial highmem entries */
		if (start < max_low)
			start = max_low;
		for (; start < end; start++)
			free_highmem_page(pfn_to_page(start));
	}
#endif
}

/**
 * mem_init - hand the free RAM to the buddy allocator
 *
 * Lowmem first, in large blocks (memblock_free_all(), chapter 10),
 * then highmem, page by page; then the boot log's "Memory:" line.
 */
void __init mem_init(void)
{
	memblock_free_all();
	free_highpages();
	mem_init_print_info(NULL);
}
//< ch10 mem_init

//> ch11 free_initmem
/*
 * Fill the init sections with an undefined instruction, a word at a
 * time: whoever calls an __init function from now on takes an undefined
 * instruction exception instead of running stale code.
 */
static void poison_init_mem(void *s, size_t count)
{
	u32 *p = (u32 *)s;
	size_t n = count;

	machine_text_writable(s, n, true);
	for (; count != 0; count -= 4)
		*p++ = machine_undef_insn;
	machine_text_writable(s, n, false);
}

/**
 * free_initmem - boot is over: the init sections go back to the buddy
 *
 * Poisoned first (poison_init_mem), then freed without a second poison
 * (-1): free_initmem_default() hands [__init_begin, __init_end) to
 * free_reserved_area().  ARM skips that step on the Integrator boards;
 * we skip it on the host, whose image is not in the board's RAM.
 */
void free_initmem(void)
{
	fix_kernmem_perms(); /* chapter 25: init, and all but the text, NX */
	poison_init_mem(__init_begin, __init_end - __init_begin);
	if (machine_image_in_ram())
		free_initmem_default(-1);
}
//< ch11 free_initmem

//> ch20 print_vm_layout
/*
 * Where a section of the kernel's image lies at PAGE_OFFSET.  On the
 * board, the symbol's own address; on the host, where the host
 * program's section would lie in the image window (virt_to_idmap()).
 */
static __maybe_unused unsigned long image_va(const char *sym)
{
	return __phys_to_virt(virt_to_idmap(sym));
}

#define MLK(b, t) \
	(unsigned long)(b), (unsigned long)(t), (long)(((t) - (b)) >> 10)
#define MLM(b, t) \
	(unsigned long)(b), (unsigned long)(t), (long)(((t) - (b)) >> 20)
#define MLK_ROUNDUP(b, t) (b), (t), (long)DIV_ROUND_UP((t) - (b), 1024UL)

/**
 * print_vm_layout - the kernel's virtual address space, region by region
 *
 * The lecture's patch: what ARM's mem_init() printed after the
 * "Memory:" line up to v5.0, each region from the variables and
 * constants that define it, its size in kB or MB (the image's sections
 * rounded up to a kB).  ARM 8820/1 (v5.1) stopped printing it: the
 * addresses tell an attacker where the kernel is, and %p had printed
 * the sections' addresses hashed since v4.15 anyway.
 * SIMPLIFIED(v5.0 arch/arm/mm/init.c: mem_init): no DTCM/ITCM lines (no
 * TCM on our board); the sections print as 0x%08lx, not %p.
 */
void print_vm_layout(void)
{
	/* TODO(ch20): one line per region, from the variables that
	   define it; see chapters/20-virtual-memory.md, "The banner". */
	pr_notice("Virtual kernel memory layout:\n");
}
//< ch20 print_vm_layout

//> ch25 section_perm
/*
 * CONFIG_STRICT_KERNEL_RWX: the permissions of the image's sections.
 * map_lowmem() maps the megabytes from _stext to __init_end read,
 * write and execute, because boot runs the init code and writes the
 * data around it.  When boot is over, free_initmem() takes execute away
 * from everything but the text (nx_perms, fix_kernmem_perms()), and
 * mark_rodata_ro() takes write away from the text and read-only data
 * (ro_perms).  Each entry changes whole sections of swapper_pg_dir:
 * (pmd & mask) | prot, or | clear to undo (set_kernel_text_rw()).
 *
 * SIMPLIFIED(v5.10 arch/arm/mm/init.c): 5.10's tables are static
 * initialisers of linker symbols, with __start_rodata_section_aligned
 * from vmlinux.lds.S; ours are filled in by section_perms_init() from
 * image_va(), because on the host the symbols are the host program's
 * and only image_va() says where the image window holds them.  No
 * stop_machine(): one CPU.
 */
struct section_perm nx_perms[] = {
	/* Make pages tables, etc before _stext RW (set NX). */
	{ .name = "pre-text NX", .mask = ~PMD_SECT_XN, .prot = PMD_SECT_XN },
	/* Make init RW (set NX). */
	{ .name = "init NX", .mask = ~PMD_SECT_XN, .prot = PMD_SECT_XN },
	/* Make rodata NX (set RO in ro_perms below). */
	{ .name = "rodata NX", .mask = ~PMD_SECT_XN, .prot = PMD_SECT_XN },
};

struct section_perm ro_perms[] = {
	/* Make kernel code and rodata RX (set RO). */
	{
		.name = "text/rodata RO",
		.mask = ~(PMD_SECT_APX | PMD_SECT_AP_WRITE),
		.prot = PMD_SECT_APX | PMD_SECT_AP_WRITE,
		.clear = PMD_SECT_AP_WRITE,
	},
};

static void section_perms_init(void)
{
	nx_perms[0].start = PAGE_OFFSET;
	nx_perms[0].end = image_va(_stext);
	nx_perms[1].start = image_va(__init_begin);
	nx_perms[1].end = image_va(_sdata);
	/* the first section boundary at or after __start_rodata */
	nx_perms[2].start = ALIGN(image_va(__start_rodata), SECTION_SIZE);
	nx_perms[2].end = image_va(__init_begin);
	ro_perms[0].start = image_va(_stext);
	ro_perms[0].end = image_va(__init_begin);
}
//< ch25 section_perm

//> ch25 section_update
/**
 * section_update - change one section entry of @pgdir: (entry & mask) | prot
 * @addr: the section's address, a multiple of SECTION_SIZE
 * @mask: the bits to keep
 * @prot: the bits to set
 * @pgdir: the first-level table (5.10 passes the mm)
 *
 * A pgd entry is a pair of hardware entries, one megabyte each: @addr's
 * bit 20 says which of the two maps it.  The entry is cleaned to the
 * table walk and the section's TLB entries go, so that the next access
 * sees the new permissions.
 */
void section_update(unsigned long addr, pmdval_t mask, pmdval_t prot,
		    pgd_t *pgdir)
{
	/* TODO(ch25): find the pmd pair of @addr, change the half that
	   maps it, flush the entry and the section's TLB entries; see
	   chapters/25-strict-rwx.md, "section_update". */
	(void)addr, (void)mask, (void)prot, (void)pgdir;
}
//< ch25 section_update

/* ARMv6 descriptors (SCTLR.XP) are needed for APX and XN. */
static bool arch_has_strict_perms(void)
{
	return !!(get_cr() & CR_XP);
}

//> ch25 set_section_perms
/**
 * set_section_perms - apply, or undo, a table of section permissions
 * @perms: the table
 * @n: its number of entries
 * @set: apply each entry's prot (true) or its clear (false)
 * @pgdir: the first-level table
 *
 * An entry whose start or end is not on a section boundary is refused
 * whole, with 5.10's "BUG: ... not aligned" line: a section entry
 * cannot give part of its megabyte other permissions.
 */
void set_section_perms(struct section_perm *perms, int n, bool set,
		       pgd_t *pgdir)
{
	if (!arch_has_strict_perms())
		return;

	/* TODO(ch25): refuse an entry off a section boundary with the
	   BUG line, else update each of its sections with prot or clear;
	   see chapters/25-strict-rwx.md, "set_section_perms". */
	(void)perms, (void)n, (void)set, (void)pgdir;
}
//< ch25 set_section_perms

//> ch25 fix_kernmem_perms
/*
 * 5.10 runs these under stop_machine(), so that no other CPU runs
 * kernel code while its permissions change; on one CPU the calls are
 * direct.  Each table goes to swapper_pg_dir (init_mm's table: 5.10's
 * update_sections_early() also walks every process's mm, which we do
 * not have yet).
 */
static void update_sections_early(struct section_perm perms[], int n)
{
	section_perms_init();
	set_section_perms(perms, n, true, swapper_pg_dir);
}

/* free_initmem(): everything of the image but the text execute-never */
void fix_kernmem_perms(void)
{
	update_sections_early(nx_perms, ARRAY_SIZE(nx_perms));
}

/* kernel_init(), boot's last step: the text and rodata read-only */
void mark_rodata_ro(void)
{
	update_sections_early(ro_perms, ARRAY_SIZE(ro_perms));
	debug_checkwx();
}

/* kprobes and ftrace write the text: the table's clear, then back */
void set_kernel_text_rw(void)
{
	section_perms_init();
	set_section_perms(ro_perms, ARRAY_SIZE(ro_perms), false,
			  swapper_pg_dir);
}

void set_kernel_text_ro(void)
{
	section_perms_init();
	set_section_perms(ro_perms, ARRAY_SIZE(ro_perms), true, swapper_pg_dir);
}
//< ch25 fix_kernmem_perms
