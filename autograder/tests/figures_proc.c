// SPDX-License-Identifier: GPL-2.0
/*
 * Figures of Part V for the handbook, drawn from the running kernel (the
 * suite of chapter "fig", as figures.c): a process's VMAs beside its
 * page tables, a page shared copy-on-write before and after fork, and
 * the faults of a process and its child, VMAs merging.
 * Each program asserts what it draws.
 */
#include <stdio.h>
#include <string.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/printk.h>
#include <linux/proc_fs.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <asm/pgtable.h>
#include <asm/ptrace.h>
#include <asm/traps.h>
#include <uapi/asm-generic/fcntl.h>
#include "ktest.h"
#include "proc_util.h"

#define FIG_BEGIN(name) printk(KERN_NOTICE "-----BEGIN FIGURE " name "-----\n")
#define FIG_END() printk(KERN_NOTICE "-----END FIGURE-----\n")

/* "rw-p" of @flags, as /proc/PID/maps prints them. */
static const char *perms(unsigned long flags)
{
	static char s[5];

	s[0] = flags & VM_READ ? 'r' : '-';
	s[1] = flags & VM_WRITE ? 'w' : '-';
	s[2] = flags & VM_EXEC ? 'x' : '-';
	s[3] = flags & VM_MAYSHARE ? 's' : 'p';
	s[4] = 0;
	return s;
}

/* The Linux PTE's software bits, short. */
static const char *pte_bits(pte_t pte)
{
	static char s[40];

	snprintf(s, sizeof(s), "%s%s%s%s", pte_write(pte) ? "RW" : "RO",
		 pte_young(pte) ? " young" : " old",
		 pte_dirty(pte) ? " dirty" : "", pte_exec(pte) ? " X" : "");
	return s;
}

/*
 * Chapter 32: a process made by exec, its data page and one page of an
 * anonymous mapping written and its stack's top page touched; each VMA
 * beside the pgd entry and the PTEs that map it now.
 */
START_TEST(fig_vmas_and_tables)
{
	static struct task_struct t;
	struct pt_regs regs;
	struct mm_struct *mm;
	unsigned long anon;
	int rows = 0;

	ktest_reboot("vexpress-256m", ktest_boot_fixmap);
	exec_proc(&t, 1, "fig", hello_main, 0, &regs);
	mm = t.mm;
	current = &t;
	anon = do_mmap(NULL, 0, 4 * PAGE_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, 0);
	current = &init_task;
	ck_assert_uint_lt(anon, TASK_SIZE);
	fault_in(mm, 0x00020000, true);
	fault_in(mm, anon + PAGE_SIZE, true);
	fault_in(mm, TASK_SIZE - PAGE_SIZE, true);
	FIG_BEGIN("ch32-vmas");
	printk(KERN_NOTICE
	       "digraph ch32_vmas {\n"
	       " node [shape=plaintext, fontsize=9];\n"
	       " t [label=<<table border=\"0\" cellborder=\"1\" "
	       "cellspacing=\"0\" cellpadding=\"3\">\n"
	       "<tr><td bgcolor=\"#c6dbef\">VMA (mm-&gt;mmap, in order)</td>"
	       "<td bgcolor=\"#c6dbef\">flags</td>"
	       "<td bgcolor=\"#fdd0a2\">pgd entry</td>"
	       "<td bgcolor=\"#fdd0a2\">present PTEs: VA, PA, "
	       "bits</td></tr>\n");
	for (struct vm_area_struct *v = mm->mmap; v; v = v->vm_next) {
		unsigned int idx = pgd_index(v->vm_start);
		int present = 0;

		printk(KERN_NOTICE "<tr><td align=\"left\">%08lx-%08lx<br/>"
				   "%lu page%s</td><td>%s</td>"
				   "<td>%u: %08x</td><td align=\"left\">",
		       v->vm_start, v->vm_end, vma_pages(v),
		       vma_pages(v) == 1 ? "" : "s", perms(v->vm_flags), idx,
		       mm->pgd[idx][0]);
		for (unsigned long a = v->vm_start; a < v->vm_end;
		     a += PAGE_SIZE) {
			pte_t *pte = user_pte(mm, a);

			if (!pte || !pte_present(*pte))
				continue;
			printk(KERN_NOTICE "%s%08lx: %08lx %s",
			       present ? "<br/>" : "", a,
			       (unsigned long)pte_pfn(*pte) << PAGE_SHIFT,
			       pte_bits(*pte));
			present++;
		}
		printk(KERN_NOTICE "%s</td></tr>\n",
		       present ? "" : "none yet: the first touch brings it");
		rows++;
	}
	printk(KERN_NOTICE "<tr><td colspan=\"4\">user entries 0 to %u: "
			   "this process's; from %u on: swapper_pg_dir's, "
			   "copied by pgd_alloc()</td></tr>\n"
			   "</table>>];\n}\n",
	       (unsigned int)USER_PTRS_PER_PGD - 1,
	       (unsigned int)USER_PTRS_PER_PGD);
	FIG_END();
	ck_assert_int_eq(rows, 4);
	ck_assert_int_eq(mm->map_count, 4);
	mmput(mm);
}
END_TEST

/* One row of the COW figure: @who's PTE of @addr and its page. */
static void cow_row(const char *when, const char *who, struct mm_struct *mm,
		    unsigned long addr)
{
	pte_t pte = *user_pte(mm, addr);
	struct page *frame = pte_page(pte);

	printk(KERN_NOTICE "<tr><td align=\"left\">%s</td><td>%s</td>"
			   "<td>%08lx</td><td>%d</td><td>%d</td>"
			   "<td align=\"left\">%s</td></tr>\n",
	       when, who, (unsigned long)pte_pfn(pte) << PAGE_SHIFT,
	       page_count(frame), page_mapcount(frame), pte_bits(pte));
}

/*
 * Chapter 32: a private data page before fork, after it (one page, two
 * read-only PTEs), and after the child's first write (two pages).
 */
START_TEST(fig_cow)
{
	struct mm_struct *parent, *child;
	const unsigned long data = 0x00020000;
	unsigned long sp;

	ktest_reboot("vexpress-256m", ktest_boot_fixmap);
	parent = mm_alloc();
	ck_assert_ptr_nonnull(parent);
	ck_assert_int_eq(exec_user_image(parent, &sp), 0);
	fault_in(parent, data, true);
	FIG_BEGIN("ch32-cow");
	printk(KERN_NOTICE
	       "digraph ch32_cow {\n"
	       " node [shape=plaintext, fontsize=9];\n"
	       " t [label=<<table border=\"0\" cellborder=\"1\" "
	       "cellspacing=\"0\" cellpadding=\"3\">\n"
	       "<tr><td bgcolor=\"#c6dbef\">when</td><td bgcolor=\"#c6dbef\">"
	       "whose PTE of %08lx</td><td bgcolor=\"#fdd0a2\">page (PA)</td>"
	       "<td bgcolor=\"#fdd0a2\">count</td><td bgcolor=\"#fdd0a2\">"
	       "mapcount</td><td bgcolor=\"#fdd0a2\">PTE</td></tr>\n",
	       data);
	cow_row("before fork", "parent", parent, data);
	child = copy_mm(parent);
	ck_assert(!pte_write(*user_pte(parent, data)));
	cow_row("after fork", "parent", parent, data);
	cow_row("after fork", "child", child, data);
	fault_in(child, data, true);
	ck_assert_uint_ne(pte_pfn(*user_pte(child, data)),
			  pte_pfn(*user_pte(parent, data)));
	cow_row("child writes", "parent", parent, data);
	cow_row("child writes", "child", child, data);
	fault_in(parent, data, true); /* the last mapper reuses its page */
	cow_row("parent writes", "parent", parent, data);
	printk(KERN_NOTICE "</table>>];\n}\n");
	FIG_END();
	ck_assert(pte_write(*user_pte(parent, data)));
	mmput(child);
	mmput(parent);
}
END_TEST

/*
 * One row of the fault log: the fault @who takes at @addr (a write if
 * @write), what handle_mm_fault() did, read from the state before and
 * after, and the PTE and the page after it.
 */
static void fault_row(const char *who, struct mm_struct *mm, unsigned long addr,
		      bool write)
{
	pte_t *ptep = user_pte(mm, addr), before = ptep ? *ptep : __pte(0);
	struct vm_area_struct *vma = find_vma(mm, addr);
	unsigned long start = vma->vm_start;
	unsigned int fsr = fsr_for(mm, addr, write ? FSR_WRITE : 0);
	const char *what;
	pte_t after;
	struct page *frame;

	ck_assert(kfault(mm, addr, write ? WRITE : READ));
	after = *user_pte(mm, addr);
	frame = pte_page(after);
	if (!pte_present(before))
		what = vma->vm_start < start ? "expand_stack(), new page"
					     : "do_anonymous_page(): new page";
	else if (write && !pte_write(before))
		what = pte_pfn(after) != pte_pfn(before)
			       ? "do_wp_page(): mapped twice, copied"
			       : "do_wp_page(): its own, reused";
	else
		what = "young set, nothing else";
	printk(KERN_NOTICE "<tr><td align=\"left\">%s %s %08lx</td>"
			   "<td>%03x</td><td align=\"left\">%s</td>"
			   "<td>%08lx</td><td>%d/%d</td>"
			   "<td align=\"left\">%s</td></tr>\n",
	       who, write ? "writes" : "reads", addr, fsr, what,
	       (unsigned long)pte_pfn(after) << PAGE_SHIFT, page_count(frame),
	       page_mapcount(frame), pte_bits(after));
}

/*
 * Chapter 33: the faults of a process and of its child, in order, each
 * taken through do_DataAbort() with the status the CPU would report.
 */
START_TEST(fig_faults)
{
	struct mm_struct *mm, *child;
	const unsigned long data = 0x00020000;
	const unsigned long below = TASK_SIZE - SZ_128K - PAGE_SIZE - 0x10;
	unsigned long sp;

	ktest_reboot("vexpress-256m", ktest_boot_fixmap);
	mm = mm_alloc();
	ck_assert_ptr_nonnull(mm);
	ck_assert_int_eq(exec_user_image(mm, &sp), 0);
	FIG_BEGIN("ch33-faults");
	printk(KERN_NOTICE "digraph ch33_faults {\n"
			   " node [shape=plaintext, fontsize=9];\n"
			   " t [label=<<table border=\"0\" cellborder=\"1\" "
			   "cellspacing=\"0\" cellpadding=\"3\">\n"
			   "<tr><td bgcolor=\"#c6dbef\">fault</td>"
			   "<td bgcolor=\"#c6dbef\">DFSR</td>"
			   "<td bgcolor=\"#c6dbef\">what the kernel did</td>"
			   "<td bgcolor=\"#fdd0a2\">page (PA)</td>"
			   "<td bgcolor=\"#fdd0a2\">count/map</td>"
			   "<td bgcolor=\"#fdd0a2\">PTE after</td></tr>\n");
	fault_row("parent", mm, data, false);
	fault_row("parent", mm, below, true);
	ck_assert_uint_eq(find_vma(mm, below)->vm_start, below & PAGE_MASK);
	child = copy_mm(mm);
	printk(KERN_NOTICE "<tr><td colspan=\"6\">fork(): both PTEs of "
			   "%08lx read-only, the child's old</td></tr>\n",
	       data);
	fault_row("child", child, data, false);
	fault_row("child", child, data, true);
	fault_row("parent", mm, data, true);
	printk(KERN_NOTICE "</table>>];\n}\n");
	FIG_END();
	ck_assert(pte_write(*user_pte(mm, data)));
	ck_assert_int_eq(page_mapcount(pte_page(*user_pte(mm, data))), 1);
	mmput(child);
	mmput(mm);
}
END_TEST

/* One row of ch35-merge: @what was done, then the VMAs in [lo, hi). */
static void merge_row(struct mm_struct *mm, const char *what, unsigned long lo,
		      unsigned long hi)
{
	struct vm_area_struct *v = find_vma(mm, lo);
	char cell[512];
	int len = 0, n = 0;

	cell[0] = 0;
	for (; v && v->vm_start < hi; v = v->vm_next, n++)
		len += snprintf(cell + len, sizeof(cell) - (size_t)len,
				"%s%08lx-%08lx %s %08lx%s",
				n ? "<br align=\"left\"/>" : "", v->vm_start,
				v->vm_end, perms(v->vm_flags),
				v->vm_file ? v->vm_pgoff << PAGE_SHIFT : 0,
				v->vm_file ? " /dev/membuf" : "");
	printk(KERN_NOTICE "<tr><td align=\"left\">%s<br align=\"left\"/></td>"
			   "<td align=\"left\">%s<br align=\"left\"/></td>"
			   "<td>%d</td></tr>\n",
	       what, cell, mm->map_count);
}

/*
 * Chapter 35: mappings made side by side merge into one VMA, mprotect
 * splits and merges them again, and a device's mapping stays apart.
 */
START_TEST(fig_merge)
{
	struct task_struct *saved;
	struct mm_struct *mm;
	struct file *f;
	unsigned long a, b, c, lo, hi;

	ktest_reboot("vexpress-256m", ktest_boot_paging);
	mm = exec_mm();
	saved = enter_mm(mm);
	FIG_BEGIN("ch35-merge");
	printk(KERN_NOTICE
	       "digraph ch35_merge {\n"
	       " node [shape=plaintext, fontsize=9];\n"
	       " t [label=<<table border=\"0\" cellborder=\"1\" "
	       "cellspacing=\"0\" cellpadding=\"3\">\n"
	       "<tr><td bgcolor=\"#c6dbef\">the process calls</td>"
	       "<td bgcolor=\"#c6dbef\">its VMAs below mmap_base "
	       "after:<br/>start-end, perms, offset</td>"
	       "<td bgcolor=\"#c6dbef\">map_<br/>count</td></tr>\n");
	hi = mm->mmap_base;
	lo = hi - 16 * PAGE_SIZE;
	a = do_mmap(NULL, 0, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, 0);
	ck_assert_uint_eq(a, hi - 2 * PAGE_SIZE);
	merge_row(mm, "mmap(2 pages, rw,<br align=\"left\"/>private anonymous)",
		  lo, hi);
	b = do_mmap(NULL, 0, 3 * PAGE_SIZE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, 0);
	ck_assert_uint_eq(b, a - 3 * PAGE_SIZE);
	merge_row(mm,
		  "mmap(3 pages, rw):<br align=\"left\"/>right below, case 3",
		  lo, hi);
	ck_assert_int_eq(sys_mprotect(b + PAGE_SIZE, 2 * PAGE_SIZE, PROT_READ),
			 0);
	merge_row(
		mm,
		"mprotect(2nd and 3rd page, r):<br align=\"left\"/>split twice",
		lo, hi);
	ck_assert_int_eq(sys_mprotect(b + PAGE_SIZE, 2 * PAGE_SIZE,
				      PROT_READ | PROT_WRITE),
			 0);
	merge_row(
		mm,
		"mprotect(the same, rw):<br align=\"left\"/>case 6, one again",
		lo, hi);
	ck_assert_int_eq(sys_mprotect(b, PAGE_SIZE, PROT_READ), 0);
	ck_assert_int_eq(sys_mprotect(b + PAGE_SIZE, PAGE_SIZE, PROT_READ), 0);
	merge_row(mm,
		  "mprotect(1st page, r),<br align=\"left\"/>then the 2nd: "
		  "case 5",
		  lo, hi);
	f = filp_open("/dev/membuf", O_RDWR, 0);
	ck_assert(!IS_ERR(f));
	c = do_mmap(f, 0, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, 1);
	ck_assert_uint_eq(c, b - 2 * PAGE_SIZE);
	merge_row(mm,
		  "mmap(/dev/membuf, 2 pages, rw,<br align=\"left\"/>shared, "
		  "offset 1 "
		  "page):<br align=\"left\"/>VM_PFNMAP, never merged",
		  lo, hi);
	printk(KERN_NOTICE "</table>>];\n}\n");
	FIG_END();
	ck_assert_int_eq(mm->map_count, 6);
	fput(f);
	current = saved;
	mmput(mm);
}
END_TEST

/* The line of /proc/PID/maps for the VMA at @start, into @line. */
static void maps_line(struct task_struct *t, unsigned long start, char *line,
		      size_t size)
{
	static char buf[2048];
	struct seq_file m;
	char key[16];
	const char *at;
	size_t n;

	seq_init(&m, buf, sizeof(buf));
	proc_pid_maps_show(&m, t);
	snprintf(key, sizeof(key), "%08lx-", start);
	at = strstr(buf, key);
	ck_assert_ptr_nonnull(at);
	n = strcspn(at, "\n");
	ck_assert_uint_lt(n, size);
	memcpy(line, at, n);
	line[n] = 0;
	/* the maps line pads before the path: one space is enough here */
	for (char *p = strstr(line, "  "); p; p = strstr(line, "  "))
		memmove(p, p + 1, strlen(p));
}

/* A row of the four-types figure: the VMA at @a and its first PTE. */
static void four_row(struct task_struct *t, const char *type, unsigned long a,
		     const char *when)
{
	struct vm_area_struct *vma = find_vma(t->mm, a);
	pte_t pte = *user_pte(t->mm, a);
	struct page *page = vm_normal_page(vma, a, pte);
	static const char *const types[16] = {
		[0x0] = "uncached",
		[0x1] = "write-combined",
		[0x3] = "write-back",
		[0x7] = "write-alloc",
	};
	const char *type_name =
		types[(pte_val(pte) & L_PTE_MT_MASK) >> 2] ?: "other";
	char line[128], counted[48];

	maps_line(t, vma->vm_start, line, sizeof(line));
	if (page)
		snprintf(counted, sizeof(counted),
			 "a page: count %d,<br/>"
			 "mapcount %d",
			 page_count(page), page_mapcount(page));
	else
		snprintf(counted, sizeof(counted), "no: a driver's<br/>frame");
	printk(KERN_NOTICE "<tr><td align=\"left\">%s<br align=\"left\"/>"
			   "%s<br align=\"left\"/></td>"
			   "<td align=\"left\">%s<br align=\"left\"/></td>"
			   "<td>%08lx<br/>%s, %s</td><td>%s</td></tr>\n",
	       type, when, line, (unsigned long)pte_pfn(pte) << PAGE_SHIFT,
	       type_name, pte_write(pte) ? "RW" : "RO", counted);
}

/*
 * Chapter 36: the four mapping types in one process, after a write to
 * each (a device's private mapping before and after), on vexpress-cma:
 * what backs each page, its memory type, and whether a struct page is
 * counted for it.
 */
START_TEST(fig_four_maps)
{
	static struct task_struct t;
	struct pt_regs regs;
	struct task_struct *saved;
	struct file *membuf, *cmabuf;
	unsigned long anon, priv, shanon, dev;
	const unsigned long rw = PROT_READ | PROT_WRITE;

	ktest_reboot("vexpress-cma", ktest_boot_paging);
	exec_proc(&t, 1, "maps", hello_main, 0, &regs);
	saved = current;
	current = &t;
	membuf = filp_open("/dev/membuf", O_RDWR, 0);
	cmabuf = filp_open("/dev/cmabuf", O_RDWR, 0);
	ck_assert(!IS_ERR(membuf) && !IS_ERR(cmabuf));
	anon = do_mmap(NULL, 0, 64 * PAGE_SIZE, rw, MAP_PRIVATE | MAP_ANONYMOUS,
		       0);
	priv = do_mmap(membuf, 0, PAGE_SIZE, rw, MAP_PRIVATE, 0);
	shanon = do_mmap(NULL, 0, PAGE_SIZE, rw, MAP_SHARED | MAP_ANONYMOUS, 0);
	dev = do_mmap(cmabuf, 0, 2 * PAGE_SIZE, rw, MAP_SHARED, 0);
	ck_assert(anon < TASK_SIZE && priv < TASK_SIZE && shanon < TASK_SIZE &&
		  dev < TASK_SIZE);
	fault_in(t.mm, anon, true);
	fault_in(t.mm, shanon, true);
	FIG_BEGIN("ch36-four-maps");
	printk(KERN_NOTICE
	       "digraph ch36_four_maps {\n"
	       " node [shape=plaintext, fontsize=9];\n"
	       " t [label=<<table border=\"0\" cellborder=\"1\" "
	       "cellspacing=\"0\" cellpadding=\"3\">\n"
	       "<tr><td bgcolor=\"#c6dbef\">mapping</td>"
	       "<td bgcolor=\"#c6dbef\">its line of /proc/PID/maps</td>"
	       "<td bgcolor=\"#fdd0a2\">first PTE: physical<br/>address, type, "
	       "permission</td>"
	       "<td bgcolor=\"#fdd0a2\">counted?<br/>(vm_normal_page)</td>"
	       "</tr>\n");
	four_row(&t, "private anonymous", anon, "after a write");
	four_row(&t, "private file (/dev/membuf)", priv, "before a write");
	fault_in(t.mm, priv, true);
	four_row(&t, "private file (/dev/membuf)", priv, "after a write");
	four_row(&t, "shared anonymous", shanon, "after a write");
	four_row(&t, "shared file (/dev/cmabuf)", dev, "at mmap time");
	printk(KERN_NOTICE "</table>>];\n}\n");
	FIG_END();
	fput(membuf);
	fput(cmabuf);
	current = saved;
	mmput(t.mm);
}
END_TEST

KTEST_SUITE(figures_proc) = {
	.chapter = "fig",
	.title = "Figures for the handbook: processes",
	.tests = KTESTS(fig_vmas_and_tables, fig_cow, fig_faults, fig_merge,
			fig_four_maps),
};
