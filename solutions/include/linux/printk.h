/* SPDX-License-Identifier: GPL-2.0 */
/*
 * printk and its levels (include/linux/printk.h, kern_levels.h).
 *
 * A message starts with a level marker, "\001" plus a digit, exactly as
 * in Linux; the console strips it.  Messages at KERN_DEBUG are printed
 * only when console_loglevel allows, so tests can stay quiet.
 */
#ifndef _LINUX_PRINTK_H
#define _LINUX_PRINTK_H

#include <stdarg.h>
#include <linux/compiler.h>
#include <linux/types.h>

#define KERN_SOH "\001"
#define KERN_EMERG KERN_SOH "0"
#define KERN_ALERT KERN_SOH "1"
#define KERN_CRIT KERN_SOH "2"
#define KERN_ERR KERN_SOH "3"
#define KERN_WARNING KERN_SOH "4"
#define KERN_NOTICE KERN_SOH "5"
#define KERN_INFO KERN_SOH "6"
#define KERN_DEBUG KERN_SOH "7"
#define KERN_CONT KERN_SOH "c"

/* Messages with a level below this number reach the console. */
extern int console_loglevel;
/* Set while die() reports an oops (bust_spinlocks() in 5.10). */
extern int oops_in_progress;

__printf(1, 2) int printk(const char *fmt, ...);
int vprintk(const char *fmt, va_list args);

/* Test seams over the log buffer (kernel/printk.c). */
bool printk_log_contains(const char *needle);
void printk_log_clear(void);
size_t syslog_read_all(char *buf, size_t size);

/*
 * A file may prefix its messages: #define pr_fmt(fmt) "cma: " fmt
 * before its #includes (mm/cma.c).  pr_cont() continues a line and
 * takes no prefix.
 */
#ifndef pr_fmt
#define pr_fmt(fmt) fmt
#endif

#define pr_emerg(fmt, ...) printk(KERN_EMERG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_alert(fmt, ...) printk(KERN_ALERT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_crit(fmt, ...) printk(KERN_CRIT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err(fmt, ...) printk(KERN_ERR pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn(fmt, ...) printk(KERN_WARNING pr_fmt(fmt), ##__VA_ARGS__)
#define pr_notice(fmt, ...) printk(KERN_NOTICE pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info(fmt, ...) printk(KERN_INFO pr_fmt(fmt), ##__VA_ARGS__)
/*
 * Without DEBUG or CONFIG_DYNAMIC_DEBUG, 5.10's pr_debug() is
 * no_printk(): the arguments are type-checked and nothing is printed.
 * Lines that 5.10 prints at KERN_DEBUG call printk(KERN_DEBUG ...).
 */
#define no_printk(fmt, ...)                         \
	do {                                        \
		if (0)                              \
			printk(fmt, ##__VA_ARGS__); \
	} while (0)
#define pr_debug(fmt, ...) no_printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_cont(fmt, ...) printk(KERN_CONT fmt, ##__VA_ARGS__)

#endif /* _LINUX_PRINTK_H */
