/* SPDX-License-Identifier: GPL-2.0 */
/* The /proc views of mm/vmstat.c. */
#ifndef _LINUX_VMSTAT_H
#define _LINUX_VMSTAT_H

struct seq_file;

void buddyinfo_show(struct seq_file *m);
void zoneinfo_show(struct seq_file *m);
void pagetypeinfo_show(struct seq_file *m);

/* fs/proc/meminfo.c */
void meminfo_show(struct seq_file *m);
unsigned long si_mem_available(void);
extern unsigned long totalcma_pages;

#endif /* _LINUX_VMSTAT_H */
