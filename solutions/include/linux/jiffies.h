/* SPDX-License-Identifier: GPL-2.0 */
/*
 * jiffies: ticks of the timer since boot (include/linux/jiffies.h).
 *
 * Linux starts the counter at INITIAL_JIFFIES, five minutes before it
 * wraps, so that wrap-around bugs show early, and the timer interrupt
 * adds one every 1/HZ seconds.  SIMPLIFIED(v5.10 kernel/time/timer.c:
 * do_timer): our kernel has no timer interrupt yet; jiffies is a plain
 * counter that the test harness (or `make shell`'s `tick N`) advances.
 * SLUB's allocation tracking prints ages in it ("age=").
 */
#ifndef _LINUX_JIFFIES_H
#define _LINUX_JIFFIES_H

#define HZ 100 /* CONFIG_HZ of the vexpress defconfig */
#define INITIAL_JIFFIES ((unsigned long)(unsigned int)(-300 * HZ))

extern unsigned long volatile jiffies;

#endif /* _LINUX_JIFFIES_H */
