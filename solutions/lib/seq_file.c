// SPDX-License-Identifier: GPL-2.0
/*
 * seq_printf() and friends (fs/seq_file.c, reduced to one fixed buffer):
 * the /proc views of this course print into a caller's buffer.
 */
#include <stdarg.h>
#include <linux/kernel.h>
#include <linux/seq_file.h>

void seq_printf(struct seq_file *m, const char *fmt, ...)
{
	va_list args;
	int len;

	if (m->overflow || m->count + 1 >= m->size) {
		m->overflow = true;
		return;
	}
	va_start(args, fmt);
	/* the kernel's formats: %pK, %pS, %pa ... (lib/vsprintf.c) */
	len = vscnprintf(m->buf + m->count, m->size - m->count, fmt, args);
	va_end(args);
	if (len < 0 || m->count + len + 1 >= m->size) {
		m->overflow = true;
		m->count = m->size - 1;
		m->buf[m->count] = 0;
		return;
	}
	m->count += len;
}

void seq_putc(struct seq_file *m, char c)
{
	seq_printf(m, "%c", c);
}

void seq_puts(struct seq_file *m, const char *s)
{
	seq_printf(m, "%s", s);
}
