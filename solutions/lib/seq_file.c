// SPDX-License-Identifier: GPL-2.0
/*
 * seq_printf() and friends (fs/seq_file.c, reduced to one fixed buffer):
 * the /proc views of this course print into a caller's buffer.
 */
#include <stdarg.h>
#include <string.h>
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

/*
 * Room for @len more bytes and the NUL after them: where to write them,
 * counted as written, or NULL with the overflow marked.
 */
static char *seq_reserve(struct seq_file *m, size_t len)
{
	char *p;

	if (m->overflow || m->count + len >= m->size) {
		m->overflow = true;
		return NULL;
	}
	p = m->buf + m->count;
	m->count += len;
	m->buf[m->count] = 0;
	return p;
}

/* The delimiter before a number: none when NULL or empty. */
static void seq_put_delimiter(struct seq_file *m, const char *delimiter)
{
	if (delimiter && delimiter[0])
		seq_puts(m, delimiter);
}

/**
 * seq_put_hex_ll - @v in lower-case hexadecimal, at least @width digits
 * @m: the buffer
 * @delimiter: printed first, unless NULL
 * @v: the number
 * @width: the fewest digits, filled with zeros on the left
 */
void seq_put_hex_ll(struct seq_file *m, const char *delimiter,
		    unsigned long long v, unsigned int width)
{
	unsigned int len = 1;
	char *p;

	seq_put_delimiter(m, delimiter);
	while (len < 16 && v >> (4 * len))
		len++;
	if (len < width)
		len = width;
	p = seq_reserve(m, len);
	if (!p)
		return;
	while (len--) {
		p[len] = "0123456789abcdef"[v & 0xf];
		v >>= 4;
	}
}

/**
 * seq_put_decimal_ull - @num in decimal, as "%llu" prints it
 * @m: the buffer
 * @delimiter: printed first, unless NULL
 * @num: the number
 */
void seq_put_decimal_ull(struct seq_file *m, const char *delimiter,
			 unsigned long long num)
{
	char digits[20]; /* 2^64 - 1 has 20 */
	unsigned int len = 0;
	char *p;

	seq_put_delimiter(m, delimiter);
	do {
		digits[len++] = '0' + num % 10;
		num /= 10;
	} while (num);
	p = seq_reserve(m, len);
	if (!p)
		return;
	while (len--)
		*p++ = digits[len];
}

/**
 * seq_pad - spaces up to the width seq_setwidth() set, then @c
 * @m: the buffer
 * @c: written after the spaces, unless it is 0
 *
 * A field already as wide as the width gets no spaces, but still @c:
 * the maps always keep one space before a VMA's name.
 */
void seq_pad(struct seq_file *m, char c)
{
	char *p;

	if (m->pad_until > m->count) {
		size_t len = m->pad_until - m->count;

		p = seq_reserve(m, len);
		if (!p)
			return;
		memset(p, ' ', len);
	}
	if (c)
		seq_putc(m, c);
}
