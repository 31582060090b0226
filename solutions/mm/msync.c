// SPDX-License-Identifier: GPL-2.0
/*
 * msync(2) (mm/msync.c): the dirty pages of the shared file mappings in
 * a range of a process written back to their files.
 *
 * MS_ASYNC does nothing (since 2.6.19 dirty pages are known to the page
 * cache as soon as they are written: writenotify, page_mkwrite); MS_SYNC
 * writes them and waits; MS_INVALIDATE has nothing to invalidate.
 *
 * SIMPLIFIED(v5.10): no mmap lock to drop around the write; no
 * VM_LOCKED, so MS_INVALIDATE is never -EBUSY.
 */
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/sched.h>
#include <linux/syscalls.h>

//> ch38 sys_msync
/**
 * sys_msync - write back the shared file mappings of [@start, @start +
 * @len)
 * @start: page aligned
 * @len: rounded up to pages
 * @flags: MS_ASYNC or MS_SYNC, and MS_INVALIDATE
 *
 * Each VMA of the range that maps a file shared has its part of the file,
 * bytes fstart to fend, synced; a hole in the range is skipped and
 * reported at the end.
 * Return: 0; -EINVAL for bad flags or an unaligned @start; -ENOMEM when
 * part of the range is not mapped, or it wraps; vfs_fsync_range()'s
 * error.
 */
long sys_msync(unsigned long start, size_t len, int flags)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	int unmapped_error = 0;
	int error = -EINVAL;
	unsigned long end;

	if (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC))
		return error;
	if (offset_in_page(start))
		return error;
	if ((flags & MS_ASYNC) && (flags & MS_SYNC))
		return error;
	len = (len + ~PAGE_MASK) & PAGE_MASK;
	end = start + len;
	if (end < start)
		return -ENOMEM;
	if (end == start)
		return 0;
	vma = find_vma(mm, start);
	// BEGIN SOLUTION ch38
	for (;;) {
		struct file *file;
		loff_t fstart, fend;

		/* Still start < end. */
		if (!vma)
			return -ENOMEM;
		/* Here start < vma->vm_end. */
		if (start < vma->vm_start) {
			start = vma->vm_start;
			if (start >= end)
				return -ENOMEM;
			unmapped_error = -ENOMEM;
		}
		/* Here vma->vm_start <= start < vma->vm_end. */
		file = vma->vm_file;
		fstart = (start - vma->vm_start) +
			 ((loff_t)vma->vm_pgoff << PAGE_SHIFT);
		fend = fstart + (min(end, vma->vm_end) - start) - 1;
		start = vma->vm_end;
		if ((flags & MS_SYNC) && file && (vma->vm_flags & VM_SHARED)) {
			error = vfs_fsync_range(file, fstart, fend, 1);
			if (error || start >= end)
				break;
			vma = find_vma(mm, start);
		} else {
			if (start >= end) {
				error = 0;
				break;
			}
			vma = vma->vm_next;
		}
	}
	// STUB
	// /* TODO(ch38): each VMA of [start, end): its bytes of the file,
	//    fstart to fend, synced if it maps a file shared and MS_SYNC
	//    asks; a hole is -ENOMEM at the end; see
	//    chapters/38-file-faults.md, "msync". */
	// (void)vma, (void)end, (void)unmapped_error;
	// return -ENOSYS;
	// END SOLUTION
	return error ? error : unmapped_error;
}
//< ch38 sys_msync
