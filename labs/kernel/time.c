// SPDX-License-Identifier: GPL-2.0
/* jiffies (kernel/time/timer.c): see include/linux/jiffies.h. */
#include <linux/jiffies.h>
#include <linux/module.h>

unsigned long volatile jiffies = INITIAL_JIFFIES;
EXPORT_SYMBOL(jiffies);
