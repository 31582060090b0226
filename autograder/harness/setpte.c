// SPDX-License-Identifier: GPL-2.0
/*
 * A window on set_pte_ext() for the tests of chapter 23.
 *
 * The test image is linked with --wrap=cpu_v7_set_pte_ext
 * (autograder/mk/kernel.mk), so every PTE the kernel writes passes
 * here first: the tests count the calls and see the @ext each one
 * passes, which they could not read back while set_pte_ext()'s
 * hardware half (chapter 24's exercise) may still be a stub.
 */
#include <asm/pgtable.h>
#include "ktest.h"

struct ktest_set_pte ktest_set_pte;

void __real_cpu_v7_set_pte_ext(pte_t *ptep, pte_t pte, unsigned int ext);
void __wrap_cpu_v7_set_pte_ext(pte_t *ptep, pte_t pte, unsigned int ext);

void __wrap_cpu_v7_set_pte_ext(pte_t *ptep, pte_t pte, unsigned int ext)
{
	ktest_set_pte.calls++;
	ktest_set_pte.ext_or |= ext;
	ktest_set_pte.ext_and &= ext;
	__real_cpu_v7_set_pte_ext(ptep, pte, ext);
}
