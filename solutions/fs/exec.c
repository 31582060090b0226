// SPDX-License-Identifier: GPL-2.0
/*
 * A new program in a process (fs/exec.c, fs/binfmt_elf.c).
 *
 * Our programs are the user image (samples/user/), one binary as busybox
 * is one: exec gives a new address space three VMAs, as an ELF loader
 * gives a static binary's segments and setup_arg_pages() its stack:
 *
 *   text   USER_TEXT_ADDR          r-xp  the image, copied in
 *   data   USER_DATA_ADDR, a page  rw-p  zero-filled on first touch (bss)
 *   stack  below TASK_SIZE         rw-p  VM_GROWSDOWN, 132 KiB to start
 *
 * SIMPLIFIED(v5.10): there is no file system yet, so the text is not
 * mapped from a file's page cache (chapter 37) but copied into pages of
 * its own at exec; no argv or envp on the stack; no randomisation (the
 * stack ends at TASK_SIZE, STACK_TOP with ASLR off; the heap starts
 * right after the data page, as 5.10's does without randomize_va_space
 * 2, so /proc/PID/maps names the data page [heap], as 5.10 names a
 * static binary's bss).
 */
#include <string.h>
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <asm/machine.h>
#include <asm/memory.h>
#include <asm/pgtable.h>
#include <linux/binfmts.h>

/* A VMA [start, end) with @flags, linked into @mm. */
static struct vm_area_struct *exec_vma(struct mm_struct *mm,
				       unsigned long start, unsigned long end,
				       unsigned long flags)
{
	struct vm_area_struct *vma = vm_area_alloc(mm);

	if (!vma)
		return NULL;
	vma->vm_start = start;
	vma->vm_end = end;
	vma->vm_flags = flags;
	vma->vm_page_prot = vm_get_page_prot(flags);
	if (insert_vm_struct(mm, vma)) {
		vm_area_free(vma);
		return NULL;
	}
	vm_stat_account(mm, flags, (long)vma_pages(vma));
	return vma;
}

/* The image's pages, copied and mapped read-only into @vma. */
static int map_user_text(struct vm_area_struct *vma, const char *image,
			 unsigned long size)
{
	for (unsigned long off = 0; off < size; off += PAGE_SIZE) {
		unsigned long addr = vma->vm_start + off;
		struct page *page = alloc_page(GFP_HIGHUSER_MOVABLE);
		char *dst;
		pte_t *pte;

		if (!page)
			return -ENOMEM;
		pte = pte_alloc_map(vma->vm_mm, pmd_off(vma->vm_mm, addr),
				    addr);
		if (!pte) {
			__free_page(page);
			return -ENOMEM;
		}
		dst = kmap(page);
		memcpy(dst, image + off, min(PAGE_SIZE, size - off));
		if (size - off < PAGE_SIZE)
			memset(dst + (size - off), 0, PAGE_SIZE - (size - off));
		kunmap(page);
		page->_mapcount++;
		vma->vm_mm->rss++;
		set_pte_at(vma->vm_mm, addr, pte,
			   mk_pte(page, vma->vm_page_prot));
	}
	return 0;
}

/**
 * exec_user_image - the user image as a new program in @mm, which has
 * no VMA yet
 * @mm: from mm_alloc()
 * @sp: the stack pointer the program starts with
 * Return: 0, or -ENOMEM (what was made stays for mmput() to free).
 */
int exec_user_image(struct mm_struct *mm, unsigned long *sp)
{
	unsigned long size, text_end;
	const char *image = machine_user_image(&size);
	struct vm_area_struct *vma;

	arch_pick_mmap_layout(mm); /* setup_new_exec() */
	text_end = USER_TEXT_ADDR + PAGE_ALIGN(size);
	if (text_end > USER_DATA_ADDR)
		return -ENOMEM; /* the image outgrew its 64 KiB */
	vma = exec_vma(mm, USER_TEXT_ADDR, text_end,
		       VM_READ | VM_EXEC | VM_MAYREAD | VM_MAYWRITE |
			       VM_MAYEXEC);
	if (!vma || map_user_text(vma, image, size))
		return -ENOMEM;
	mm->start_code = USER_TEXT_ADDR;
	mm->end_code = USER_TEXT_ADDR + size;
	mm->start_data = mm->end_data = USER_DATA_ADDR;
	if (!exec_vma(mm, USER_DATA_ADDR, USER_DATA_ADDR + PAGE_SIZE,
		      VM_DATA_DEFAULT_FLAGS | VM_ACCOUNT))
		return -ENOMEM;
	/* set_brk(): the heap starts where the data (the bss) ends */
	mm->start_brk = mm->brk = USER_DATA_ADDR + PAGE_SIZE;
	/* setup_arg_pages(): the argument page, then 128 KiB more */
	vma = exec_vma(mm, TASK_SIZE - PAGE_SIZE, TASK_SIZE, VM_STACK_FLAGS);
	if (!vma || expand_stack(vma, vma->vm_start - SZ_128K))
		return -ENOMEM;
	mm->start_stack = TASK_SIZE;
	*sp = TASK_SIZE;
	return 0;
}
