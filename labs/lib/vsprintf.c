// SPDX-License-Identifier: GPL-2.0
/*
 * Formatting as the kernel formats (lib/vsprintf.c, much reduced).
 *
 * The C libraries of our two machines format a few conversions
 * differently from each other and from the kernel, and those few are
 * exactly the ones a report of a broken page uses:
 *
 *   conversion      kernel        glibc (host)   newlib (board)
 *   %p of NULL      00000000      (nil)          0x0
 *   %#lx of 0       0x0           0              0
 *
 * vscnprintf() walks the format itself.  It formats %p and the "#" form
 * of %x and %X the kernel's way, and hands every other conversion, one
 * at a time, to the C library's snprintf(), which agrees with the
 * kernel there.  So printk() prints the same text on both machines, and
 * the same text as Linux.  The host port simulates a 32-bit machine:
 * a pointer has at least 8 hex digits on both.
 *
 * SIMPLIFIED(v5.10 lib/vsprintf.c: pointer): %p prints the address
 * itself, as %px does; Linux prints a hash of it (and "(ptrval)" until
 * the hash key is ready) so as not to leak kernel addresses.  NULL is
 * printed as itself in both.  %pa (and %pap) prints the phys_addr_t
 * it is given the address of, as Linux does: "0x" and all its digits,
 * 0x60000000 (memblock's views, chapter 9).  %pGg prints the gfp_t it
 * is given the address of as flag names ("GFP_KERNEL|__GFP_ZERO"), %pGp
 * the PG_ bits of the page->flags it is given ("reserved|slab").  %pS
 * and %ps name a code address ("func+0x1c/0x80", "func") where the
 * machine knows its symbols (the host), and print it as 0x and its
 * digits where it does not (the board), as a kernel without kallsyms
 * does.  The other extensions are skipped, and, as in Linux, a
 * conversion the kernel does not know ends the output.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/gfp.h>
#include "../mm/internal.h" /* for the trace_print_flags arrays */
#include <asm/machine.h>

#define PTR_DIGITS 8 /* 2 * sizeof(void *) on a 32-bit machine */

/* The output buffer: at most size - 1 characters and a NUL. */
struct vbuf {
	char *buf;
	size_t size, len;
};

/* One conversion as written: %[flags][width][.precision][length]type */
struct fmt_spec {
	char flags[8]; /* any of "-+ #0", in the order written */
	int width, precision; /* -1 when absent */
	char length[3]; /* "", "hh", "h", "l", "ll", "z", "t" or "j" */
	char type;
};

static void put_str(struct vbuf *o, const char *s, size_t n)
{
	for (size_t i = 0; i < n && o->len + 1 < o->size; i++)
		o->buf[o->len++] = s[i];
}

static void put_pad(struct vbuf *o, char c, int n)
{
	while (n-- > 0)
		put_str(o, &c, 1);
}

static bool has_flag(const struct fmt_spec *s, char flag)
{
	return strchr(s->flags, flag) != NULL;
}

/* A width or precision: digits, or '*' taken from the arguments. */
static const char *parse_number(const char *fmt, int *out, va_list *ap)
{
	if (*fmt == '*') {
		*out = va_arg(*ap, int);
		return fmt + 1;
	}
	*out = 0;
	while (*fmt >= '0' && *fmt <= '9')
		*out = *out * 10 + (*fmt++ - '0');
	return fmt;
}

/* Parse the conversion after its '%'; return what follows it. */
static const char *parse_spec(const char *fmt, struct fmt_spec *s, va_list *ap)
{
	size_t n = 0, l = 0;

	memset(s, 0, sizeof(*s));
	while (*fmt && strchr("-+ #0", *fmt) && n + 2 < sizeof(s->flags))
		s->flags[n++] = *fmt++;
	s->width = -1;
	if (*fmt == '*' || (*fmt >= '0' && *fmt <= '9')) {
		fmt = parse_number(fmt, &s->width, ap);
		if (s->width < 0) { /* a negative '*' width means '-' */
			s->width = -s->width;
			s->flags[n++] = '-';
		}
	}
	s->precision = -1;
	if (*fmt == '.')
		fmt = parse_number(fmt + 1, &s->precision, ap);
	while (*fmt && strchr("hlztj", *fmt) && l + 1 < sizeof(s->length))
		s->length[l++] = *fmt++;
	s->type = *fmt;
	return *fmt ? fmt + 1 : fmt;
}

/*
 * The C library's format for one conversion of @s, always with '*' for
 * the width and '.*' for the precision (a negative precision counts as
 * none), and with @length in place of the one written.
 */
static void libc_format(char *f, size_t size, const struct fmt_spec *s,
			const char *flags, const char *length)
{
	snprintf(f, size, "%%%s*.*%s%c", flags, length, s->type);
}

/* snprintf() one value into the output, through a small buffer. */
static void put_formatted(struct vbuf *o, const char *f, ...)
{
	char t[64];
	va_list ap;
	int n;

	va_start(ap, f);
	n = vsnprintf(t, sizeof(t), f, ap);
	va_end(ap);
	if (n > 0)
		put_str(o, t, min((size_t)n, sizeof(t) - 1));
}

/* An unsigned argument of the length @s names, widened. */
static unsigned long long get_unsigned(const struct fmt_spec *s, va_list *ap)
{
	if (!strcmp(s->length, "ll") || !strcmp(s->length, "j"))
		return va_arg(*ap, unsigned long long);
	if (s->length[0] == 'l' || s->length[0] == 'z' || s->length[0] == 't')
		return va_arg(*ap, unsigned long);
	if (!strcmp(s->length, "hh")) /* promoted to int, printed narrow */
		return (unsigned char)va_arg(*ap, unsigned int);
	if (!strcmp(s->length, "h"))
		return (unsigned short)va_arg(*ap, unsigned int);
	return va_arg(*ap, unsigned int);
}

/* The same for a signed argument. */
static long long get_signed(const struct fmt_spec *s, va_list *ap)
{
	if (!strcmp(s->length, "ll") || !strcmp(s->length, "j"))
		return va_arg(*ap, long long);
	if (s->length[0] == 'l' || s->length[0] == 'z' || s->length[0] == 't')
		return va_arg(*ap, long);
	if (!strcmp(s->length, "hh"))
		return (signed char)va_arg(*ap, int);
	if (!strcmp(s->length, "h"))
		return (short)va_arg(*ap, int);
	return va_arg(*ap, int);
}

/* @n characters of @str, padded with spaces to the width of @s. */
static void put_padded(struct vbuf *o, const struct fmt_spec *s,
		       const char *str, size_t n)
{
	int pad = s->width - (int)n;

	if (!has_flag(s, '-'))
		put_pad(o, ' ', pad);
	put_str(o, str, n);
	if (has_flag(s, '-'))
		put_pad(o, ' ', pad);
}

/* %s: NULL prints as "(null)", as in the kernel. */
static void put_string(struct vbuf *o, const struct fmt_spec *s,
		       const char *str)
{
	size_t n = 0;

	if (!str)
		str = "(null)";
	while (str[n] && (s->precision < 0 || n < (size_t)s->precision))
		n++;
	put_padded(o, s, str, n);
}

/*
 * The kernel's "0x" form: always the prefix, 0 included, counted in
 * the width, with the zeroes of '0' padding between prefix and digits.
 */
static void put_hex_prefixed(struct vbuf *o, const struct fmt_spec *s,
			     unsigned long long v)
{
	char digits[24];
	int n = snprintf(digits, sizeof(digits),
			 s->type == 'X' ? "%.*llX" : "%.*llx",
			 s->precision < 0 ? 1 : s->precision, v);
	int pad = s->width - (n + 2);

	if (!has_flag(s, '-') && !has_flag(s, '0'))
		put_pad(o, ' ', pad);
	put_str(o, s->type == 'X' ? "0X" : "0x", 2);
	if (!has_flag(s, '-') && has_flag(s, '0'))
		put_pad(o, '0', pad);
	put_str(o, digits, (size_t)n);
	if (has_flag(s, '-'))
		put_pad(o, ' ', pad);
}

/* %p: hex digits, zero-padded to PTR_DIGITS unless a width is given. */
static void put_pointer(struct vbuf *o, const struct fmt_spec *s, const void *p)
{
	bool left = has_flag(s, '-');
	int width = s->width < 0 ? PTR_DIGITS : s->width;

	put_formatted(o,
		      left	     ? "%-*lx"
		      : s->width < 0 ? "%0*lx"
				     : "%*lx",
		      width, (unsigned long)(uintptr_t)p);
}

/* Format one conversion; return false to stop at one we do not know. */
static bool format_one(struct vbuf *o, const struct fmt_spec *s, va_list *ap)
{
	char f[24], c;

	switch (s->type) {
	case 'c':
		c = (char)va_arg(*ap, int);
		put_padded(o, s, &c, 1);
		return true;
	case 's':
		put_string(o, s, va_arg(*ap, const char *));
		return true;
	case 'p':
		put_pointer(o, s, va_arg(*ap, void *));
		return true;
	case 'd':
	case 'i':
		libc_format(f, sizeof(f), s, s->flags, "ll");
		put_formatted(o, f, max(s->width, 0), s->precision,
			      get_signed(s, ap));
		return true;
	case 'x':
	case 'X':
		if (has_flag(s, '#')) {
			put_hex_prefixed(o, s, get_unsigned(s, ap));
			return true;
		}
		/* fall through */
	case 'u':
	case 'o':
		libc_format(f, sizeof(f), s, s->flags, "ll");
		put_formatted(o, f, max(s->width, 0), s->precision,
			      get_unsigned(s, ap));
		return true;
	default:
		return false;
	}
}

/* format_flags: the names of @names whose whole mask is in @flags, '|' between */
static void format_flags(struct vbuf *o, unsigned long flags,
			 const struct trace_print_flags *names)
{
	for (; flags && names->name; names++) {
		if ((flags & names->mask) != names->mask)
			continue;
		put_str(o, names->name, strlen(names->name));
		flags &= ~names->mask;
		if (flags)
			put_str(o, "|", 1);
	}
	if (flags)
		put_formatted(o, "%#lx", flags);
}

/* %pS (offset and size) or %ps (the name alone) of a code address */
static void put_symbol(struct vbuf *o, void *addr, bool offset)
{
	char name[128];

	if (!machine_symbol((uintptr_t)addr, name, sizeof(name))) {
		put_formatted(o, "0x%0*lx", PTR_DIGITS, (unsigned long)addr);
		return;
	}
	if (!offset)
		name[strcspn(name, "+")] = 0;
	put_str(o, name, strlen(name));
}

/**
 * vscnprintf - format into a buffer, as the kernel does
 * @buf: the buffer
 * @size: its size, NUL included
 * @fmt: a printf format
 * @args: its arguments
 *
 * Return: the number of characters written into @buf, without the NUL
 * (never more than @size - 1, unlike vsnprintf()).
 */
int vscnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	struct vbuf o = { buf, size, 0 };
	struct fmt_spec s;
	va_list ap;

	if (!size)
		return 0;
	va_copy(ap, args);
	while (*fmt) {
		const char *start = fmt;

		while (*fmt && *fmt != '%')
			fmt++;
		put_str(&o, start, (size_t)(fmt - start));
		if (!*fmt)
			break;
		if (fmt[1] == '%') {
			put_str(&o, "%", 1);
			fmt += 2;
			continue;
		}
		fmt = parse_spec(fmt + 1, &s, &ap);
		if (s.type == 'p' && *fmt == 'a') {
			/* %pa[p]: a phys_addr_t, by reference, as 0x + all
			   its hex digits (special_hex_number) */
			const phys_addr_t *pa = va_arg(ap, const phys_addr_t *);

			put_formatted(&o, "0x%0*llx", (int)(2 * sizeof(*pa)),
				      (unsigned long long)*pa);
			fmt += fmt[1] == 'p' ? 2 : 1;
			continue;
		}
		if (s.type == 'p' && (fmt[0] == 'S' || fmt[0] == 's')) {
			put_symbol(&o, va_arg(ap, void *), fmt[0] == 'S');
			fmt++;
			continue;
		}
		if (s.type == 'p' && (fmt[0] == 'K' || fmt[0] == 'x')) {
			/* %pK with kptr_restrict 0, and %px: the address */
			put_pointer(&o, &s, va_arg(ap, void *));
			fmt++;
			continue;
		}
		if (s.type == 'p' && fmt[0] == 'G' && fmt[1] == 'g') {
			const gfp_t *gfp = va_arg(ap, const gfp_t *);

			format_flags(&o, *gfp, gfpflag_names);
			fmt += 2;
			continue;
		}
		if (s.type == 'p' && fmt[0] == 'G' && fmt[1] == 'p') {
			/* page->flags: the PG_ bits, not the zone's */
			const unsigned long *flags =
				va_arg(ap, const unsigned long *);

			format_flags(&o, *flags & ((1UL << __NR_PAGEFLAGS) - 1),
				     pageflag_names);
			fmt += 2;
			continue;
		}
		if (!format_one(&o, &s, &ap))
			break;
		if (s.type == 'p') /* the kernel's %p extensions */
			while ((*fmt >= 'a' && *fmt <= 'z') ||
			       (*fmt >= 'A' && *fmt <= 'Z') ||
			       (*fmt >= '0' && *fmt <= '9'))
				fmt++;
	}
	va_end(ap);
	buf[o.len] = 0;
	return (int)o.len;
}

/* scnprintf - the same, with the arguments in line */
int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vscnprintf(buf, size, fmt, args);
	va_end(args);
	return n;
}
