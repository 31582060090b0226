/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A text buffer for /proc views (include/linux/seq_file.h, reduced).
 * A view function seq_printf()s into it; the caller reads m->buf.
 * Output beyond the buffer is dropped and m->overflow set, as Linux's
 * seq_file marks an overflow before retrying with a larger buffer.
 */
#ifndef _LINUX_SEQ_FILE_H
#define _LINUX_SEQ_FILE_H

#include <linux/compiler.h>
#include <linux/types.h>

struct seq_file {
	char *buf;
	size_t size; /* bytes available in buf */
	size_t count; /* bytes written, without the NUL */
	size_t pad_until; /* where seq_pad() pads to (seq_setwidth()) */
	bool overflow;
};

static inline void seq_init(struct seq_file *m, char *buf, size_t size)
{
	m->buf = buf;
	m->size = size;
	m->count = 0;
	m->pad_until = 0;
	m->overflow = false;
	if (size)
		buf[0] = 0;
}

__printf(2, 3) void seq_printf(struct seq_file *m, const char *fmt, ...);
void seq_putc(struct seq_file *m, char c);
void seq_puts(struct seq_file *m, const char *s);

/*
 * Numbers without the cost of a format (5.10's fast paths for the views
 * with many numbers, /proc/PID/maps first): @delimiter, if not NULL, is
 * printed before the number; the hexadecimal one is at least @width
 * digits, filled with zeros (seq_put_hex_ll(m, NULL, v, 8) prints what
 * "%08llx" does).
 */
void seq_put_hex_ll(struct seq_file *m, const char *delimiter,
		    unsigned long long v, unsigned int width);
void seq_put_decimal_ull(struct seq_file *m, const char *delimiter,
			 unsigned long long num);

/*
 * Columns: seq_setwidth() marks where a field should end, @size bytes on
 * from what is written now; seq_pad() fills with spaces up to there,
 * then writes @c unless it is 0.
 */
static inline void seq_setwidth(struct seq_file *m, size_t size)
{
	m->pad_until = m->count + size;
}

void seq_pad(struct seq_file *m, char c);

#endif /* _LINUX_SEQ_FILE_H */
