/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Layout of the ARM image (cf. arch/arm/kernel/vmlinux.lds.S), run
 * through the C preprocessor for asm/memory.h's constants.
 *
 * As Linux's, the image is linked at its linear-map address and loaded
 * at its physical one (the ELF's LMA, where QEMU puts it):
 *
 *   virtual (VMA)          physical (LMA)
 *   PAGE_OFFSET+0x10000    0x60010000  .head.text: head.S, then the code
 *                                      that runs with the MMU off
 *                                      (head.c, proc-v7.c) and
 *                                      .idmap.text; the head stack; a
 *                                      harness array
 *   PAGE_OFFSET+0x100000   0x60100000  .text (the kernel's first, then
 *                                      the vectors and the harness's),
 *                                      .rodata on the next page
 *   next megabyte                      the init sections
 *   next megabyte                      .kdata, .data, .kbss, .bss, the
 *                                      heap growing up, the SVC stack
 *                                      below
 *   PAGE_OFFSET+0x800000   0x60800000  KERNEL_IMAGE_END: the kernel's
 *                                      RAM starts
 *
 * The megabyte boundaries are CONFIG_STRICT_KERNEL_RWX's (chapter 25):
 * each part gets the section permissions 5.10 gives it.  .kdata and
 * .kbss hold the portable kernel's variables (the objects of
 * libkernel.a) so that machine_boot() can reset them between tests
 * without touching the test harness's own state.  The kernel's code and
 * read-only data come first in .text and .rodata, marked for the boot
 * log's "Memory:" line (asm-generic/sections.h).  The init sections
 * lie between __init_begin and __init_end, whole megabytes, so that
 * free_initmem() frees whole pages (chapter 11) and fix_kernmem_perms()
 * whole sections.
 */
#include <asm/memory.h>

/* virtual - physical, Linux's LOAD_OFFSET for this image */
#define LOAD_OFFSET (PAGE_OFFSET - PHYS_OFFSET)

OUTPUT_ARCH(arm)
/* QEMU jumps to the entry at its physical address, the MMU off */
ENTRY(_start_phys)

SECTIONS
{
	. = PAGE_OFFSET + 0x00010000;
	_text = .;
	/*
	 * What runs at its physical address: head.S until it has turned the
	 * machine's MMU on, and the kernel's own MMU-off code (chapters 15
	 * and 18), with the CP15 accessors it calls.  __turn_mmu_on returns
	 * into its callers here after the MMU is on: the section that
	 * identity-maps .idmap.text must map them too.  (Linux's head code
	 * needs no such thing: its __turn_mmu_on jumps to __mmap_switched
	 * and never comes back to .head.text, which with
	 * CONFIG_STRICT_KERNEL_RWX lies a megabyte below .text.)
	 */
	.head.text : AT(ADDR(.head.text) - LOAD_OFFSET) {
		KEEP(*(.text.head))
		*(.head.text)
		. = ALIGN(32);
		__idmap_text_start = .;
		KEEP(*(.idmap.text))
		__idmap_text_end = .;
	}
	/* machine_run_mmu_off()'s stack, in the same megabyte (head.S) */
	.head.stack (NOLOAD) : { *(.head.stack) }
	ASSERT((_text >> 20) == ((__head_stack_top - 1) >> 20),
	       ".head.text, .idmap.text and the head stack must share the image's first megabyte")
	_start_phys = _start - LOAD_OFFSET;
	/*
	 * CONFIG_STRICT_KERNEL_RWX (chapter 25): the text starts on a
	 * megabyte, so that its sections can be made read-only and the
	 * megabyte before it execute-never ("pre-text NX": swapper_pg_dir
	 * and the head code, which runs only at its physical address).
	 * The rest of that megabyte would be padding: the harness's largest
	 * array (harness/movable.c) fills it, so that the 8 MiB window keeps
	 * room for the heap.  It is writable and never executed, as the
	 * megabyte becomes.
	 */
	.pretext.bss (NOLOAD) : ALIGN(64) { *movable.c.o(.bss .bss.* COMMON) }
	ASSERT(. <= PAGE_OFFSET + 0x00100000,
	       "the first megabyte is full: move less of the harness into it")
	. = ALIGN(0x00100000); /* 1 << SECTION_SHIFT */
	.text : {
		__kernel_text_start = .;
		*libkernel.a:*(.text .text.*)
		__kernel_text_end = .;
		. = ALIGN(32);
		KEEP(*(.vectors))
		*(.text .text.*)
		*(.glue_7 .glue_7t .vfp11_veneer .v4_bx)
		KEEP(*(.init)) KEEP(*(.fini))
	}
	/* 5.10's RO_DATA(PAGE_SIZE): rodata follows the text on a page */
	. = ALIGN(4096);
	.rodata : {
		__kernel_rodata_start = .;
		*libkernel.a:*(.rodata .rodata.*)
		__kernel_rodata_end = .;
		*(.rodata .rodata.*)
	}
	.ARM.extab : { *(.ARM.extab* .gnu.linkonce.armextab.*) }
	.ARM.exidx : {
		__exidx_start = .;
		*(.ARM.exidx* .gnu.linkonce.armexidx.*)
		__exidx_end = .;
	}
	.init_array : {
		PROVIDE_HIDDEN(__preinit_array_start = .);
		KEEP(*(.preinit_array))
		PROVIDE_HIDDEN(__preinit_array_end = .);
		PROVIDE_HIDDEN(__init_array_start = .);
		KEEP(*(SORT(.init_array.*))) KEEP(*(.init_array))
		PROVIDE_HIDDEN(__init_array_end = .);
		PROVIDE_HIDDEN(__fini_array_start = .);
		KEEP(*(SORT(.fini_array.*))) KEEP(*(.fini_array))
		PROVIDE_HIDDEN(__fini_array_end = .);
	}
	/* copy_from_user() and co.: faulting instructions and their fixups */
	__ex_table : ALIGN(4) {
		__start___ex_table = .;
		KEEP(*(__ex_table))
		__stop___ex_table = .;
	}
	/*
	 * The user image (samples/user, Part V): linked at USER_TEXT_ADDR,
	 * where a process sees it, and loaded here after the read-only data,
	 * from where exec copies it into a process's pages.  Its objects'
	 * sections were renamed .user.* when they were built (kernel.mk).
	 */
	. = ALIGN(4096);
	__user_load = .;
	.user USER_TEXT_ADDR : AT(__user_load - LOAD_OFFSET) {
		__user_text_start = .;
		*(.user.text .user.text.* .user.rodata .user.rodata.*)
		__user_text_end = .;
	}
	. = __user_load + SIZEOF(.user);
	/* the init sections in megabytes of their own (STRICT_KERNEL_RWX) */
	. = ALIGN(0x00100000);
	__init_begin = .;
	/* AT: the load addresses follow the linked ones again after .user */
	.init.text : AT(ADDR(.init.text) - LOAD_OFFSET) {
		_sinittext = .;
		*(.init.text .init.text.*)
		_einittext = .;
	}
	.init.data : { *(.init.data .init.data.*) }
	__init_data_end = .; /* what a reboot restores (kernel_state.c) */
	. = ALIGN(0x00100000);
	__init_end = .;
	.kdata : ALIGN(8) {
		__kernel_data_start = .;
		*libkernel.a:*(.data .data.*)
		. = ALIGN(8);
		__kernel_data_end = .;
	}
	.data : ALIGN(8) {
		*(.data .data.*)
		__user_data_start = .;
		*(.user.data .user.data.* .user.bss .user.bss.* .user.COMMON)
		__user_data_end = .;
	}
	ASSERT(__user_data_end == __user_data_start,
	       "samples/user: a user program has static writable data; keep it on the stack (samples/user/user.h)")
	/* head.S's first table, outside .bss: in use when .bss is cleared */
	.machine_pgd (NOLOAD) : ALIGN(16384) { *(.machine_pgd) }
	. = ALIGN(8);
	__bss_start__ = .;
	.kbss (NOLOAD) : ALIGN(8) {
		__kernel_bss_start = .;
		*libkernel.a:*(.bss .bss.* COMMON)
		. = ALIGN(8);
		__kernel_bss_end = .;
	}
	.bss (NOLOAD) : ALIGN(8) {
		*(.bss .bss.* COMMON)
		. = ALIGN(8);
	}
	__bss_end__ = .;
	end = .;
	_end = .;

	__stack_top = PAGE_OFFSET + 0x00800000;
	__stack_limit = PAGE_OFFSET + 0x00700000;
	ASSERT(end <= __stack_limit - 0x200000,
	       "image too large: it must leave 2 MiB of heap below the stack")

	/DISCARD/ : { *(.note.GNU-stack) *(.ARM.attributes.discard) }
}
