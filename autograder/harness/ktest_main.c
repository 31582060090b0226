// SPDX-License-Identifier: GPL-2.0
/*
 * The test runner inside the image: same source on both machines.
 *
 *   ktest [--list] [--chapter ID[,ID...]]... [--test NAME] [--skip N]
 *         [--timeout SECONDS] [--channel PATH --token WORD]
 *   ktest --shell [--board NAME] [--upto N] [--echo]     (shell.c)
 *
 * --list prints "<chapter> <test> <timeout> <file>:<line> <suite title>"
 * per test.
 *
 * It runs the selected tests one by one, each in its own Check runner so
 * that results stream out as they happen.  The console is for people:
 *
 *   ktest: begin <chapter> <test>
 *   ... whatever the test and the kernel print ...
 *   ktest: <pass|fail|error> <chapter> <test> <file>:<line>: <message>
 *
 * The grader (autograder/tools/run.py) believes none of that.  It opens
 * a result channel, a FIFO named by --channel, and gives a per-run word
 * with --token; the runner writes the same events there, each line
 * "KTEST <token> ...".  Kernel code prints to the console only, so a
 * forged line on the console earns nothing.  The channel is opened here,
 * before any kernel code runs (the build refuses kernel objects with
 * constructors, autograder/mk/treecheck.py).
 *
 * "end" comes from the fixture's teardown, which runs only when the test
 * body returned: in fork mode Check scores a test process that calls
 * exit(0) early as a pass, so run.py counts a pass only after it.
 * Between "begin" and the verdict the channel may also carry "doing
 * <what>" (ktest_doing()), "boot <stage> <board>" and "booted" around
 * the test's boot stage, and "trace <why> <address>..." (trace_host.c,
 * trace_arm.c): run.py names where a test crashed or hung, and after a
 * boot stage hung does not wait for it again.
 *
 * --skip N resumes after the N-th selected test: the board cannot kill
 * a hung test, so the runner restarts QEMU past it.
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include "mm/internal.h"
#include <asm/machine.h>
#include <asm/memory.h>
#include <asm/pgtable-2level-hwdef.h>
#include <asm/ptrace.h>
#include <asm/traps.h>
#include "ktest.h"

extern const struct ktest_suite *const __start_ktest_suites[];
extern const struct ktest_suite *const __stop_ktest_suites[];

static const struct ktest_suite *current_suite;
extern char oops_summary[];

#define DEFAULT_DTB "vexpress-256m"
#define DEFAULT_TIMEOUT 10.0

jmp_buf ktest_oops_jmp;
volatile int ktest_expect_oops;

/*
 * ktest_sandbox - confine the test process before kernel code runs.
 * The host harness (sandbox_host.c) limits memory and system calls; the
 * board has nothing to confine.
 */
__attribute__((weak)) void ktest_sandbox(void)
{
}

static const TTest *current_test;
static double current_timeout; /* seconds, the current test's */
static bool in_fixture; /* the suite's boot stage is running */

/* An oops ends the test: reported at the test, not at this line. */
static void ktest_task_exit(long code)
{
	if (ktest_expect_oops) {
		ktest_expect_oops = 0;
		memset(&oops_regs, 0, sizeof(oops_regs)); /* not this one's */
		longjmp(ktest_oops_jmp, 1);
	}
	ktest_trace_oops(); /* run.py names the function and its chapter */
	if (in_fixture)
		_ck_assert_failed(
			current_test->file, current_test->line, "Failed",
			"the kernel ended the test while booting, before its "
			"body ran (exit code %ld): %s",
			code,
			oops_summary[0] ? oops_summary : "see the log above");
	_ck_assert_failed(current_test->file, current_test->line, "Failed",
			  "the kernel ended the test (exit code %ld): %s", code,
			  oops_summary[0] ? oops_summary : "see the log above");
}

/* The boot stage of the current test: the suite's, or its early one. */
static void (*test_boot_stage(void))(void)
{
	const struct ktest_suite *s = current_suite;

	for (const TTest *const *const *tp = s->early_tests; tp && *tp; tp++)
		if (**tp == current_test)
			return s->early_boot;
	return s->boot;
}

/* Checked fixture: runs before every test, in the test's process. */
/*
 * Does @suite run the kernel's code of chapter @ch?  A chapter's suite
 * from that chapter on; the figure and benchmark programs (named, not
 * numbered) always, as they run on solutions/.
 */
static bool ktest_chapter_has(const struct ktest_suite *suite, int ch)
{
	const char *c = suite->chapter;

	if (c[0] < '0' || c[0] > '9')
		return true;
	return atoi(c) >= ch;
}

static void ktest_setup(void)
{
	void (*stage)(void) = test_boot_stage();
	const char *name =
		current_suite->dtb ? current_suite->dtb : DEFAULT_DTB;
	const void *fdt = find_builtin_dtb(name);

	ktest_sandbox();
	ck_assert_msg(fdt, "no built-in device tree named %s", name);
	/*
	 * Which boot this is, so that run.py can tell a hang in the boot
	 * (every test booting the same way would hang alike) from a hang in
	 * the test's body; and where a test that hangs is, shortly before
	 * its timeout.
	 */
	ktest_event("boot %lx %s", ktest_code_offset(stage), name);
	ktest_trace_start(current_timeout);
	in_fixture = true;
	task_exit_hook = ktest_task_exit; /* machine_boot() may oops */
	ktest_page_poison = current_suite->page_poison;
	ktest_kernel_lowmem_bounds = ktest_chapter_has(current_suite, 22);
	ktest_vmalloc_arg = NULL;
	ktest_early_param = ktest_setup_arch = NULL;
	machine_boot(fdt);
	page_address_init(); /* start_kernel(), before setup_arch() */
	if (ktest_page_poison)
		early_page_poison_param("on");
	task_exit_hook = ktest_task_exit;
	ktest_boot_fdt = fdt;
	ktest_harness_map(ktest_stage_pages(stage));
	bootmem_early_stand_in(BOOTMEM_REAL);
	if (stage)
		stage();
	in_fixture = false;
	ktest_event("booted");
}

/* Checked teardown: the test body returned; say so before the verdict. */
static void ktest_teardown(void)
{
	printf("\nktest: end %s\n", current_suite->chapter);
	fflush(stdout);
	ktest_event("end %s", current_suite->chapter);
}

bool ktest_page_poison;
const char *ktest_vmalloc_arg;

/* Boot again, on another board, up to @stage (NULL: the identity map). */
void ktest_reboot(const char *dtb, void (*stage)(void))
{
	const void *fdt = find_builtin_dtb(dtb);

	ck_assert_msg(fdt, "no built-in device tree named %s", dtb);
	machine_boot(fdt);
	page_address_init(); /* start_kernel(), before setup_arch() */
	if (ktest_page_poison)
		early_page_poison_param("on");
	if (ktest_vmalloc_arg)
		early_vmalloc((char *)ktest_vmalloc_arg);
	task_exit_hook = ktest_task_exit;
	ktest_boot_fdt = fdt;
	ktest_harness_map(ktest_stage_pages(stage));
	bootmem_early_stand_in(BOOTMEM_REAL);
	if (stage)
		stage();
}

struct options {
	const char *chapters[64];
	int nr_chapters;
	const char *test;
	const char *channel, *token;
	const char *board; /* --shell */
	long upto;
	bool shell, echo;
	long skip;
	double timeout;
	bool list;
};

/* Is @word one of the comma-separated words of @list ("03,04,05")? */
static bool in_list(const char *list, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = list; p; p = strchr(p, ',')) {
		if (*p == ',')
			p++;
		if (!strncmp(p, word, n) && (p[n] == ',' || !p[n]))
			return true;
	}
	return false;
}

static bool selected_suite(const struct options *o, const struct ktest_suite *s)
{
	if (s->arm_only && strcmp(machine_name, "arm"))
		return false;
	/* by default: every chapter and the figures, not the self-test
	 * crashes or the benchmarks */
	if (!o->nr_chapters)
		return strcmp(s->chapter, "crash") &&
		       strcmp(s->chapter, "bench");
	for (int i = 0; i < o->nr_chapters; i++)
		if (in_list(o->chapters[i], s->chapter))
			return true;
	return false;
}

static const char *result_word(int rtype)
{
	return rtype == CK_PASS	     ? "pass"
	       : rtype == CK_FAILURE ? "fail"
				     : "error";
}

/* Run one test in a runner of its own and print its result line. */
static int run_one(const struct ktest_suite *s, const TTest *t, double tmo)
{
	Suite *suite = suite_create(s->chapter);
	TCase *tc = tcase_create(t->name);
	SRunner *sr;
	TestResult *r;
	int rtype;

	tcase_add_checked_fixture(tc, ktest_setup, ktest_teardown);
	current_timeout = s->timeout > 0 ? s->timeout : tmo;
	tcase_set_timeout(tc, current_timeout);
	_tcase_add_test(tc, t, 0, 0, 0, 1);
	suite_add_tcase(suite, tc);
	sr = srunner_create(suite);
	current_suite = s;
	current_test = t;
	printf("ktest: begin %s %s\n", s->chapter, t->name);
	fflush(stdout);
	ktest_event("begin %s %s", s->chapter, t->name);
	srunner_run(sr, NULL, NULL, CK_SILENT);
	r = srunner_results(sr)[0];
	rtype = tr_rtype(r);
	printf("\nktest: %s %s %s %s:%d: %s\n", result_word(rtype), s->chapter,
	       t->name, tr_lfile(r) ? tr_lfile(r) : t->file, tr_lno(r),
	       tr_msg(r) ? tr_msg(r) : "");
	fflush(stdout);
	ktest_event("%s %s %s %s:%d: %s", result_word(rtype), s->chapter,
		    t->name, tr_lfile(r) ? tr_lfile(r) : t->file, tr_lno(r),
		    tr_msg(r) ? tr_msg(r) : "");
	srunner_free(sr);
	return rtype == CK_PASS;
}

static void parse_args(int argc, char **argv, struct options *o)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--list") || !strcmp(a, "--shell") ||
		    !strcmp(a, "--echo")) {
			o->list |= !strcmp(a, "--list");
			o->shell |= !strcmp(a, "--shell");
			o->echo |= !strcmp(a, "--echo");
			continue;
		}
		if (!v) {
			fprintf(stderr, "ktest: %s needs a value\n", a);
			exit(2);
		}
		i++;
		if (!strcmp(a, "--chapter") && o->nr_chapters < 64)
			o->chapters[o->nr_chapters++] = v;
		else if (!strcmp(a, "--test"))
			o->test = v;
		else if (!strcmp(a, "--board"))
			o->board = v;
		else if (!strcmp(a, "--upto"))
			o->upto = atol(v);
		else if (!strcmp(a, "--channel"))
			o->channel = v;
		else if (!strcmp(a, "--token"))
			o->token = v;
		else if (!strcmp(a, "--skip"))
			o->skip = atol(v);
		else if (!strcmp(a, "--timeout"))
			o->timeout = atof(v);
		else {
			fprintf(stderr, "ktest: unknown option %s\n", a);
			exit(2);
		}
	}
}

int main(int argc, char **argv)
{
	struct options o = { .timeout = DEFAULT_TIMEOUT, .upto = 99 };
	long index = 0, passed = 0, failed = 0;

	parse_args(argc, argv, &o);
	if (o.shell)
		return ktest_shell(o.board, o.upto, o.echo);
	if (o.channel && ktest_channel_open(o.channel, o.token) < 0) {
		fprintf(stderr, "ktest: cannot open %s\n", o.channel);
		return 2;
	}
	for (const struct ktest_suite *const *s = __start_ktest_suites;
	     s < __stop_ktest_suites; s++) {
		if (!selected_suite(&o, *s))
			continue;
		for (const TTest *const *const *tp = (*s)->tests; *tp; tp++) {
			const TTest *t = **tp;

			if (o.test && strcmp(o.test, t->name))
				continue;
			if (o.list) {
				printf("%s %s %g %s:%d %s\n", (*s)->chapter,
				       t->name,
				       (*s)->timeout > 0 ? (*s)->timeout
							 : o.timeout,
				       t->file, t->line, (*s)->title);
				continue;
			}
			if (index++ < o.skip)
				continue;
			if (run_one(*s, t, o.timeout))
				passed++;
			else
				failed++;
		}
	}
	if (!o.list) {
		printf("ktest: done %ld passed, %ld failed\n", passed, failed);
		fflush(stdout);
		ktest_event("done %ld %ld", passed, failed);
	}
	return failed ? 1 : 0;
}
