// SPDX-License-Identifier: GPL-2.0
/*
 * Where the kernel was, for the grader to name (the host).
 *
 * An oops reaches the harness inside the handler of the signal that
 * raised it (arch/host/trap.c), so libgcc's unwinder can walk back
 * through the signal frame to the instruction that faulted and on to
 * its callers; the frame just past the signal is the one whose address
 * is exact (_Unwind_GetIPInfo says so), the others are return
 * addresses.  A panic() has no signal frame: the place is the caller of
 * panic(), and run.py skips the frames that only report it.  A test
 * that gives no result is sampled the same way, by a timer's signal
 * shortly before Check's timeout kills it.
 *
 * The image is position-independent: addresses go on the result
 * channel as offsets from its load address, the addresses of its debug
 * information, which run.py reads with addr2line (symbols.py).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include <unwind.h>
#include "ktest.h"

#define TRACE_MAX 40 /* frames walked */
#define TRACE_SENT 16 /* frames sent, from the faulting one */

struct walk {
	uintptr_t ip[TRACE_MAX];
	bool exact[TRACE_MAX];
	int n;
};

static _Unwind_Reason_Code one_frame(struct _Unwind_Context *ctx, void *arg)
{
	struct walk *w = arg;
	int before = 0;
	uintptr_t ip = _Unwind_GetIPInfo(ctx, &before);

	if (w->n == TRACE_MAX || !ip)
		return _URC_END_OF_STACK;
	w->ip[w->n] = ip;
	w->exact[w->n++] = before;
	return _URC_NO_REASON;
}

static uintptr_t image_base(void)
{
	Dl_info info;

	if (!dladdr((void *)(uintptr_t)image_base, &info))
		return 0;
	return (uintptr_t)info.dli_fbase;
}

unsigned long ktest_code_offset(const void *fn)
{
	if (!fn)
		return 0;
	return (uintptr_t)fn - image_base();
}

static volatile int walking; /* a walk is under way */

/*
 * Send "trace <why> <pc> <caller>..." from the frame that was
 * interrupted.  Once: a walk that faults on a broken stack ends the
 * test again, and must not walk again.
 */
static void send_trace(const char *why, bool panicked)
{
	struct walk w = { .n = 0 };
	uintptr_t base = image_base();
	char line[TRACE_SENT * 20 + 1];
	int from = -1, len = 0;

	if (walking++)
		return;
	_Unwind_Backtrace(one_frame, &w);
	for (int i = 0; i < w.n && from < 0; i++)
		if (w.exact[i])
			from = i;
	if (from < 0 && panicked) {
		/* panic(): run.py skips the frames that only report it */
		from = 0;
		why = "panic";
	}
	if (from < 0 || from >= w.n)
		return;
	for (int i = from; i < w.n && i < from + TRACE_SENT; i++)
		len += snprintf(line + len, sizeof(line) - len, " %lx",
				(unsigned long)(w.ip[i] - base));
	ktest_event("trace %s%s", why, line);
}

void ktest_trace_oops(void)
{
	send_trace("oops", true);
}

static void sample_hang(int sig)
{
	(void)sig;
	send_trace("hang", false);
}

/*
 * A test starts: sample where it is half a second before its timeout,
 * with a real-time timer of this process (the test's own; Check's timer
 * is in the runner, which kills the test at the timeout).
 */
void ktest_trace_start(double timeout)
{
	struct sigaction sa = { .sa_handler = sample_hang,
				.sa_flags = SA_ONSTACK | SA_RESTART };
	struct sigevent sev = { .sigev_notify = SIGEV_SIGNAL,
				.sigev_signo = SIGALRM };
	struct itimerspec when = { 0 };
	double at = timeout > 1.0 ? timeout - 0.5 : timeout * 0.75;
	timer_t timer;

	walking = 0;
	if (at <= 0)
		return;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	if (timer_create(CLOCK_MONOTONIC, &sev, &timer))
		return;
	when.it_value.tv_sec = (time_t)at;
	when.it_value.tv_nsec = (long)((at - (time_t)at) * 1e9);
	timer_settime(timer, 0, &when, NULL);
}
