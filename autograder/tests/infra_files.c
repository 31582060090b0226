// SPDX-License-Identifier: GPL-2.0
/*
 * Files and devices under processes (chapter 0's suite, not graded):
 * open/read/write/lseek/close on /dev/membuf, its mmap() through
 * remap_pfn_range() in both directions and at an offset, what open()
 * and mmap() refuse, a device mapping shared across fork and copied on
 * a private write; anonymous mappings side by side merging into one
 * VMA (vma_merge()), and the legacy bottom-up layout.  Each process's
 * console output is compared whole, and every page must come back.
 */
#include <stdio.h>
#include <string.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/proc_fs.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/syscalls.h>
#include <asm/memory.h>
#include <asm/pgtable.h>
#include <uapi/asm-generic/fcntl.h>
#include "ktest.h"
#include "proc_util.h"

/* Run devtest @how twice (the first grows the caches): same output,
 * exit 0, and no page kept by the second run. */
static void devtest(long how, const char *want)
{
	unsigned long before;

	ktest_reboot("vexpress-256m", ktest_boot_paging);
	ck_assert_int_eq(run_proc("devtest", devtest_main, how), 0);
	ck_assert_str_eq(user_console, want);
	before = free_pages_now();
	ck_assert_int_eq(run_proc("devtest", devtest_main, how), 0);
	ck_assert_str_eq(user_console, want);
	ck_assert_msg(free_pages_now() == before,
		      "devtest %ld kept %ld pages after its exit", how,
		      (long)(before - free_pages_now()));
}

START_TEST(device_read_write_and_seek)
{
	devtest(0, "open = 3\nwrite = 13\nlseek set = 7\nread = 6\n"
		   "got: membuf\nlseek end = 16384\nwrite at end = 0\n"
		   "read at end = 0\nlseek past end = -22\n");
}
END_TEST

START_TEST(device_mapping_and_file_agree)
{
	devtest(1, "open = 3\nread = 20\nfile: through the mapping\n"
		   "write = 16\nmapping: through write()\nmunmap = 0\n");
	devtest(2, "open = 3\nmapping at offset 3 pages: page three\n");
}
END_TEST

START_TEST(open_and_mmap_refuse)
{
	devtest(3, "open missing = -2\nopen ro = 3\nwrite ro = -9\n"
		   "mmap shared writable of ro = -13\n"
		   "mmap private writable of ro ok = 1\n"
		   "mmap past the end = -22\nmmap bad fd = -9\nclose = 0\n"
		   "close again = -9\nlowest free fd = 3\n");
}
END_TEST

START_TEST(device_mapping_shared_and_private)
{
	devtest(4, "open = 3\nchild status = 0\nread = 15\n"
		   "file: from the child\n");
	devtest(5, "open = 3\nprivate mapping reads: the device's\n"
		   "private mapping after a write: mine\nread = 13\n"
		   "file: the device's\n");
}
END_TEST

/* An anonymous mapping of @pages at @addr (0: anywhere) in current's mm. */
static unsigned long map_anon(unsigned long addr, unsigned long pages)
{
	unsigned long a = do_mmap(
		NULL, addr, pages * PAGE_SIZE, PROT_READ | PROT_WRITE,
		MAP_PRIVATE | MAP_ANONYMOUS | (addr ? MAP_FIXED : 0), 0);

	ck_assert_msg(!IS_ERR_VALUE(a), "mmap of %lu pages: %ld", pages,
		      (long)a);
	return a;
}

START_TEST(neighbours_merge)
{
	struct task_struct *saved;
	struct mm_struct *mm;
	unsigned long a, b, c;
	int n;

	ktest_reboot("vexpress-256m", ktest_boot_paging);
	mm = exec_mm();
	saved = enter_mm(mm);
	n = mm->map_count;
	a = map_anon(0, 2);
	b = map_anon(0, 3); /* top-down: right below a */
	ck_assert_uint_eq(b + 3 * PAGE_SIZE, a);
	ck_assert_msg(mm->map_count == n + 1,
		      "two anonymous mappings side by side: %d VMAs, expected "
		      "one",
		      mm->map_count - n);
	ck_assert_uint_eq(vma_at(mm, b)->vm_end, a + 2 * PAGE_SIZE);
	/* the middle read-only: three VMAs; writable again: one */
	ck_assert_int_eq(sys_mprotect(b + PAGE_SIZE, 2 * PAGE_SIZE, PROT_READ),
			 0);
	ck_assert_int_eq(mm->map_count, n + 3);
	ck_assert_int_eq(sys_mprotect(b + PAGE_SIZE, 2 * PAGE_SIZE,
				      PROT_READ | PROT_WRITE),
			 0);
	ck_assert_msg(mm->map_count == n + 1,
		      "mprotect back: %d VMAs, expected one (cases 1 and 6)",
		      mm->map_count - n);
	/* the head read-only, then writable: prev shrinks, next grows */
	ck_assert_int_eq(sys_mprotect(b, PAGE_SIZE, PROT_READ), 0);
	ck_assert_int_eq(sys_mprotect(b + PAGE_SIZE, PAGE_SIZE, PROT_READ), 0);
	ck_assert_int_eq(mm->map_count, n + 2);
	ck_assert_uint_eq(vma_at(mm, b)->vm_end, b + 2 * PAGE_SIZE);
	ck_assert_uint_eq(vma_at(mm, b + 2 * PAGE_SIZE)->vm_pgoff,
			  (b + 2 * PAGE_SIZE) >> PAGE_SHIFT);
	/* a fixed mapping filling a hole joins both sides */
	ck_assert_int_eq(do_munmap(mm, a, PAGE_SIZE), 0);
	c = map_anon(a, 1);
	ck_assert_uint_eq(c, a);
	ck_assert_uint_eq(vma_at(mm, a)->vm_end, a + 2 * PAGE_SIZE);
	ck_assert_uint_eq(vma_at(mm, a)->vm_start, b + 2 * PAGE_SIZE);
	current = saved;
	mmput(mm);
}
END_TEST

START_TEST(legacy_layout_grows_up)
{
	struct task_struct *saved;
	struct mm_struct *mm;
	unsigned long a, b;

	ktest_reboot("vexpress-256m", ktest_boot_paging);
	sysctl_legacy_va_layout = 1;
	mm = exec_mm();
	sysctl_legacy_va_layout = 0;
	ck_assert_uint_eq(mm->mmap_base, TASK_UNMAPPED_BASE);
	saved = enter_mm(mm);
	a = map_anon(0, 1);
	b = map_anon(0, 2);
	ck_assert_uint_eq(a, TASK_UNMAPPED_BASE);
	ck_assert_uint_eq(b, a + PAGE_SIZE);
	ck_assert_uint_eq(vma_at(mm, a)->vm_end, a + 3 * PAGE_SIZE);
	current = saved;
	mmput(mm);
	mm = exec_mm();
	ck_assert_uint_eq(mm->mmap_base, PAGE_ALIGN(TASK_SIZE - SZ_128M));
	mmput(mm);
}
END_TEST

/*
 * /proc/PID/maps of a device mapping: its offset in bytes, the device
 * of devtmpfs (0:5, as Debian 11's kernel shows on this board), the
 * node's inode and its path, in 5.10's columns.
 */
START_TEST(maps_shows_a_device_mapping)
{
	static char buf[1024], line[128];
	struct task_struct *saved;
	struct mm_struct *mm;
	struct file *f;
	struct seq_file m;
	unsigned long a;
	int n;

	ktest_reboot("vexpress-256m", ktest_boot_paging);
	mm = exec_mm();
	f = filp_open("/dev/membuf", O_RDWR, 0);
	ck_assert(!IS_ERR(f));
	saved = enter_mm(mm);
	a = do_mmap(f, 0, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, 1);
	ck_assert_msg(!IS_ERR_VALUE(a), "mmap: %ld", (long)a);
	seq_init(&m, buf, sizeof(buf));
	proc_pid_maps_show(&m, current);
	current = saved;
	n = snprintf(line, sizeof(line), "%08lx-%08lx rw-s 00001000 00:05 %lu ",
		     a, a + 2 * PAGE_SIZE, file_inode(f)->i_ino);
	snprintf(line + n, sizeof(line) - (size_t)n, "%*s/dev/membuf\n",
		 48 - n + 1, "");
	ck_assert_msg(strstr(buf, line), "no line\n%sin\n%s", line, buf);
	fput(f);
	mmput(mm);
}
END_TEST

KTEST_SUITE(infra_files) = {
	.chapter = "00",
	.title = "Files, devices and mappings under processes",
	.tests = KTESTS(device_read_write_and_seek,
			device_mapping_and_file_agree, open_and_mmap_refuse,
			device_mapping_shared_and_private, neighbours_merge,
			legacy_layout_grows_up, maps_shows_a_device_mapping),
};
