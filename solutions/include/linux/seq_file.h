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
	bool overflow;
};

static inline void seq_init(struct seq_file *m, char *buf, size_t size)
{
	m->buf = buf;
	m->size = size;
	m->count = 0;
	m->overflow = false;
	if (size)
		buf[0] = 0;
}

__printf(2, 3) void seq_printf(struct seq_file *m, const char *fmt, ...);
void seq_putc(struct seq_file *m, char c);
void seq_puts(struct seq_file *m, const char *s);

#endif /* _LINUX_SEQ_FILE_H */
