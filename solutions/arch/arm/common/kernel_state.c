// SPDX-License-Identifier: GPL-2.0
/*
 * Restoring the portable kernel's variables between boots, for both
 * machines (arch/arm/common: code the machines share, outside the
 * kernel whose state it restores; its own copy must survive the reset).
 *
 * Tests boot the machine again and again in one program (the board has
 * no fork; a host test may reboot on another device tree), and each
 * boot must find the kernel's variables as the image had them.
 */
#include <stdlib.h>
#include <string.h>
#include <linux/sched.h>
#include <asm/machine.h>
#include <asm-generic/sections.h>

/*
 * The init sections too: free_initmem() (chapter 11) poisons them and,
 * on the board, gives their pages to the buddy allocator, whose users
 * write over them.  A real reboot loads the image again; this puts the
 * copy taken at the first boot back.
 */
static void init_sections_reset(void)
{
	extern char __init_data_end[]; /* the rest up to __init_end: padding */
	static char *image;
	size_t n = __init_data_end - __init_begin;

	if (!image) {
		image = malloc(n ? n : 1);
		memcpy(image, __init_begin, n);
		return;
	}
	machine_text_writable(__init_begin, n, true);
	memcpy(__init_begin, image, n);
	machine_text_writable(__init_begin, n, false);
}

void kernel_state_reset(void)
{
	static char *image;
	size_t n = __kernel_data_end - __kernel_data_start;
	/* the runner's handler of a dying task stays: the boot may oops */
	void (*hook)(long code) = task_exit_hook;

	if (!image) {
		image = malloc(n ? n : 1);
		memcpy(image, __kernel_data_start, n);
	}
	memcpy(__kernel_data_start, image, n);
	memset(__kernel_bss_start, 0, __kernel_bss_end - __kernel_bss_start);
	init_sections_reset();
	task_exit_hook = hook;
}
