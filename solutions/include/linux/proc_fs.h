/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The views of /proc/PID that this kernel prints (fs/proc/).
 *
 * Linux 5.10 has no public prototype for them: /proc/PID/maps is a file
 * whose seq_operations (fs/proc/task_mmu.c: proc_pid_maps_op, m_start,
 * m_next, show_map) print one VMA per call.  We have no procfs, so the
 * tests and the shell call the whole view at once.
 */
#ifndef _LINUX_PROC_FS_H
#define _LINUX_PROC_FS_H

struct mm_struct;
struct seq_file;
struct task_struct;
struct vm_area_struct;

/* fs/proc/task_mmu.c: every line of /proc/PID/maps for @task */
void proc_pid_maps_show(struct seq_file *m, struct task_struct *task);

/*
 * arch/arm/kernel/process.c: the vectors page, which every process sees
 * at VECTORS_BASE, and its name in the maps.  5.10 declares both in
 * include/linux/mm.h.
 */
struct vm_area_struct *get_gate_vma(struct mm_struct *mm);
const char *arch_vma_name(struct vm_area_struct *vma);

#endif /* _LINUX_PROC_FS_H */
