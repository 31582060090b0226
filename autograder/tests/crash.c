// SPDX-License-Identifier: GPL-2.0
/*
 * Self-test of the harness: tests that crash or hang on purpose.
 * `make test` runs this group ("crash") and checks that each culprit is
 * reported as that test's error and that the tests after it pass.  It
 * is never part of a grade.
 */
#include <linux/bug.h>
#include <linux/kernel.h>
#include "ktest.h"

START_TEST(passes_first)
{
	ck_assert_int_eq(1 + 1, 2);
}
END_TEST

START_TEST(null_dereference)
{
	volatile int *p = NULL;

	*p = 1;
}
END_TEST

START_TEST(passes_after_null)
{
	ck_assert_int_eq(2 + 2, 4);
}
END_TEST

START_TEST(undefined_instruction)
{
	__builtin_trap();
}
END_TEST

START_TEST(passes_after_undef)
{
	ck_assert(true);
}
END_TEST

START_TEST(kernel_bug)
{
	BUG_ON(1 + 1 == 2);
}
END_TEST

START_TEST(hangs)
{
	for (volatile int i = 0;; i++)
		;
}
END_TEST

START_TEST(passes_after_hang)
{
	ck_assert(true);
}
END_TEST

KTEST_SUITE(crash) = {
	.chapter = "crash",
	.title = "Harness self-test: crashes and hangs",
	.timeout = 3,
	.tests = KTESTS(passes_first, null_dereference, passes_after_null,
			undefined_instruction, passes_after_undef, kernel_bug,
			hangs, passes_after_hang),
};
