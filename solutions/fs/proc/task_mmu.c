// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/PID/maps (fs/proc/task_mmu.c): a process's VMAs in address
 * order, one a line, then the vectors page every process can read:
 *
 *   00010000-00012000 r-xp 00000000 00:00 0
 *   00020000-00021000 rw-p 00000000 00:00 0
 *   b6ffd000-b7000000 rw-p 00000000 00:00 0
 *   befdf000-bf000000 rw-p 00000000 00:00 0          [stack]
 *   ffff0000-ffff1000 r-xp 00000000 00:00 0          [vectors]
 *
 * start-end; read, write, execute, then s (shared) or p (private); the
 * offset in the file; the file's device major:minor and inode; a name
 * from column 49.  A line without a name ends with a space after the
 * inode (not shown above), as in 5.10, which pads only before a name.
 *
 * SIMPLIFIED(v5.10 fs/proc/task_mmu.c: show_map_vma): a file mapping's
 * path is the name it was opened by (no dentries: d_path()); no
 * vm_ops->name (the special mappings, ARM's
 * [sigpage]) and no [vdso].  5.10 prints one VMA per show_map() call of
 * the seq_operations (m_start, m_next: the gate VMA after the last) under
 * the mmap lock; we print them all at once, on one CPU, with nothing
 * changing the VMAs meanwhile.
 */
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/proc_fs.h>
#include <linux/sched.h>
#include <linux/seq_file.h>

/*
 * Where the name is padded to: 5.10's 25 + sizeof(void *) * 6 - 1 on
 * the board, whose pointers are 4 bytes, then one space.  A constant,
 * so that the host port, with 8-byte pointers, prints the same lines.
 */
#define MAPS_NAME_PAD (25 + 4 * 6 - 1)

/* The VMA holding where the stack began: 5.10 guesses no further. */
static bool is_stack(struct vm_area_struct *vma)
{
	return vma->vm_start <= vma->vm_mm->start_stack &&
	       vma->vm_end >= vma->vm_mm->start_stack;
}

/* [vectors], [heap], [stack], or NULL for an anonymous mapping. */
static const char *vma_name(struct vm_area_struct *vma)
{
	struct mm_struct *mm = vma->vm_mm;
	const char *name = arch_vma_name(vma);

	/* 5.10 names a VMA without an mm [vdso]: ours is the gate, named */
	if (name || !mm)
		return name;
	/* any VMA touching [start_brk, brk], ends included, as 5.10 tests */
	if (vma->vm_start <= mm->brk && vma->vm_end >= mm->start_brk)
		return "[heap]";
	if (is_stack(vma))
		return "[stack]";
	return NULL;
}

/* Everything up to the name, and the width the name is padded to. */
static void show_vma_header_prefix(struct seq_file *m, unsigned long start,
				   unsigned long end, unsigned long flags,
				   unsigned long long pgoff, u32 dev,
				   unsigned long ino)
{
	seq_setwidth(m, MAPS_NAME_PAD);
	seq_put_hex_ll(m, NULL, start, 8);
	seq_put_hex_ll(m, "-", end, 8);
	seq_putc(m, ' ');
	seq_putc(m, flags & VM_READ ? 'r' : '-');
	seq_putc(m, flags & VM_WRITE ? 'w' : '-');
	seq_putc(m, flags & VM_EXEC ? 'x' : '-');
	seq_putc(m, flags & VM_MAYSHARE ? 's' : 'p');
	seq_put_hex_ll(m, " ", pgoff, 8);
	/* the file's device, MAJOR:MINOR, and 00:00 without a file */
	seq_put_hex_ll(m, " ", MAJOR(dev), 2);
	seq_put_hex_ll(m, ":", MINOR(dev), 2);
	seq_put_decimal_ull(m, " ", ino);
	seq_putc(m, ' ');
}

/* One line of the maps. */
static void show_map_vma(struct seq_file *m, struct vm_area_struct *vma)
{
	struct file *file = vma->vm_file;
	const char *name = file ? file->f_path : vma_name(vma);
	/*
	 * Offset, device and inode are the file's: an anonymous VMA's
	 * vm_pgoff is its address in pages, which 5.10 does not show.
	 */
	unsigned long long pgoff = 0;
	unsigned long ino = 0;
	u32 dev = 0;

	if (file) {
		struct inode *inode = file_inode(file);

		dev = inode->i_sb ? inode->i_sb->s_dev : 0;
		ino = inode->i_ino;
		pgoff = (unsigned long long)vma->vm_pgoff << PAGE_SHIFT;
	}
	show_vma_header_prefix(m, vma->vm_start, vma->vm_end, vma->vm_flags,
			       pgoff, dev, ino);
	if (name) {
		seq_pad(m, ' ');
		seq_puts(m, name);
	}
	seq_putc(m, '\n');
}

/**
 * proc_pid_maps_show - /proc/PID/maps of @task
 * @m: where the lines go
 * @task: the process; a kernel task, with no mm, shows nothing
 */
void proc_pid_maps_show(struct seq_file *m, struct task_struct *task)
{
	struct mm_struct *mm = task->mm;
	struct vm_area_struct *vma;

	if (!mm)
		return;
	for (vma = mm->mmap; vma; vma = vma->vm_next)
		show_map_vma(m, vma);
	show_map_vma(m, get_gate_vma(mm));
}
