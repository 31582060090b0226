// SPDX-License-Identifier: GPL-2.0
/*
 * printk: format a message, keep it in the log buffer, show it on the
 * console (kernel/printk/printk.c, much reduced).
 *
 * A message may start with a level, KERN_SOH followed by a digit.  Every
 * message goes into log_buf, a ring of the most recent output that tests
 * search to check that the kernel reported what it should ("BUG: Bad
 * page state", "WARNING:").  Only messages more urgent than
 * console_loglevel reach the console, which is the machine's:
 * semihosting on the ARM board, standard output on the host.
 *
 * The text is formatted by vscnprintf() (lib/vsprintf.c), as in Linux,
 * not by the C library: %p and %#x read as the kernel's on both machines.
 *
 * SIMPLIFIED(v5.10 kernel/printk/printk.c: vprintk_emit): no records,
 * timestamps, rate limits or locking; one CPU prints at a time.
 */
#include <stdio.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <asm/machine.h>

#define LOG_BUF_LEN (64 * 1024)

int console_loglevel = 7; /* everything but KERN_DEBUG */

static char log_buf[LOG_BUF_LEN];
char printk_last_urgent[160]; /* last KERN_ERR-or-worse line, for oopses */
static size_t log_next; /* where the next byte goes */
static bool log_wrapped;

static void log_store(const char *text, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		log_buf[log_next++] = text[i];
		if (log_next == LOG_BUF_LEN) {
			log_next = 0;
			log_wrapped = true;
		}
	}
}

/* The level of a message: its KERN_SOH digit, else the default (4). */
static int printk_get_level(const char **fmt)
{
	const char *s = *fmt;

	if (s[0] == KERN_SOH[0] && s[1]) {
		*fmt = s + 2;
		if (s[1] >= '0' && s[1] <= '7')
			return s[1] - '0';
		return -1; /* KERN_CONT: same as the previous message */
	}
	return 4;
}

int vprintk(const char *fmt, va_list args)
{
	static int last_level = 4;
	char text[1024];
	int level = printk_get_level(&fmt);
	int len = vscnprintf(text, sizeof(text), fmt, args);

	if (level < 0)
		level = last_level;
	last_level = level;
	if (level <= 3 && strncmp(text, "8<---", 5)) {
		size_t n = min(strcspn(text, "\n"),
			       sizeof(printk_last_urgent) - 1);

		memcpy(printk_last_urgent, text, n);
		printk_last_urgent[n] = 0;
	}
	log_store(text, len);
	if (level < console_loglevel)
		machine_console_write(text, len);
	return len;
}

int printk(const char *fmt, ...)
{
	va_list args;
	int r;

	va_start(args, fmt);
	r = vprintk(fmt, args);
	va_end(args);
	return r;
}
EXPORT_SYMBOL(printk);

/**
 * printk_log_contains - test seam: was @needle printed since the last
 * printk_log_clear()?
 * @needle: text to look for; it may not straddle the ring's wrap point
 *
 * Return: true if found.
 */
bool printk_log_contains(const char *needle)
{
	size_t n = strlen(needle);
	size_t len = log_wrapped ? LOG_BUF_LEN : log_next;
	size_t start = log_wrapped ? log_next : 0;

	for (size_t i = 0; i + n <= len; i++) {
		size_t j = 0;

		while (j < n &&
		       log_buf[(start + i + j) % LOG_BUF_LEN] == needle[j])
			j++;
		if (j == n)
			return true;
	}
	return false;
}

/* Test seam: forget what was logged. */
void printk_log_clear(void)
{
	log_next = 0;
	log_wrapped = false;
}

/**
 * syslog_read_all - copy the log, oldest byte first, into @buf
 * @buf: where to copy
 * @size: its size
 *
 * What dmesg(1) reads with syslog(SYSLOG_ACTION_READ_ALL): the newest
 * @size bytes of the ring.
 *
 * Return: the number of bytes copied.
 */
size_t syslog_read_all(char *buf, size_t size)
{
	size_t len = log_wrapped ? LOG_BUF_LEN : log_next;
	size_t start = log_wrapped ? log_next : 0;
	size_t skip = len > size ? len - size : 0;

	for (size_t i = skip; i < len; i++)
		buf[i - skip] = log_buf[(start + i) % LOG_BUF_LEN];
	return len - skip;
}
