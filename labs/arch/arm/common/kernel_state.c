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
#include <asm/machine.h>

void kernel_state_reset(void)
{
	static char *image;
	size_t n = __kernel_data_end - __kernel_data_start;

	if (!image) {
		image = malloc(n ? n : 1);
		memcpy(image, __kernel_data_start, n);
	}
	memcpy(__kernel_data_start, image, n);
	memset(__kernel_bss_start, 0, __kernel_bss_end - __kernel_bss_start);
}
