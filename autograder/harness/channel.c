// SPDX-License-Identifier: GPL-2.0
/*
 * The result channel: the only place a test's result is believed.
 *
 * run.py makes a FIFO and a per-run word and passes them as --channel
 * and --token; the runner opens the FIFO before any kernel code runs
 * (ktest_main.c) and every event goes there as one line
 * "KTEST <token> <event>".  Kernel code prints to the console only.
 */
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <linux/printk.h>
#include "ktest.h"

static int chan_fd = -1; /* the result channel, or -1 */
static char chan_token[64];

/* One event on the result channel: "KTEST <token> <event>\n". */
void ktest_event(const char *fmt, ...)
{
	char line[1024];
	int n = snprintf(line, sizeof(line), "KTEST %s ", chan_token);
	va_list ap;

	if (chan_fd < 0)
		return;
	va_start(ap, fmt);
	n += vsnprintf(line + n, sizeof(line) - n - 1, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(line) - 2)
		n = sizeof(line) - 2;
	/* one line, whatever the message holds */
	for (int i = 0; i < n; i++)
		if (line[i] == '\n')
			line[i] = ' ';
	line[n++] = '\n';
	for (int off = 0; off < n;) {
		ssize_t w = write(chan_fd, line + off, n - off);

		if (w <= 0)
			break;
		off += w;
	}
}

/* Open the channel; without one, events go nowhere.  -1 on failure. */
int ktest_channel_open(const char *path, const char *token)
{
	chan_fd = open(path, O_WRONLY);
	snprintf(chan_token, sizeof(chan_token), "%s", token ? token : "-");
	return chan_fd < 0 ? -1 : 0;
}

void ktest_doing(const char *fmt, ...)
{
	char what[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	ktest_event("doing %s", what);
}

/* The log's first line that contains @what, or "" (for messages). */
const char *ktest_log_line(const char *what)
{
	static char buf[64 * 1024];
	static char line[160];
	size_t n = syslog_read_all(buf, sizeof(buf) - 1);
	char *p, *start;

	buf[n] = 0;
	line[0] = 0;
	p = strstr(buf, what);
	if (!p)
		return line;
	for (start = p; start > buf && start[-1] != '\n'; start--)
		;
	snprintf(line, sizeof(line), "%.*s", (int)strcspn(start, "\n"), start);
	return line;
}
