// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/membuf: a character device whose contents are 16 KiB of RAM
 * (the example driver of lecture 35, mmap编程实例).  read() and write()
 * copy through the file position; mmap() maps the same pages into the
 * process with remap_pfn_range(), so what one side writes the other
 * reads: through the mapping, or through the file.
 *
 * The buffer is four physically contiguous pages (an order-2 block),
 * which the driver owns from boot: mappings neither count nor free
 * them (VM_PFNMAP).
 */
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>

#define MEMBUF_ORDER 2
#define MEMBUF_SIZE (PAGE_SIZE << MEMBUF_ORDER)

static struct page *membuf_pages;

static void *membuf_data(void)
{
	return page_address(membuf_pages);
}

static ssize_t membuf_read(struct file *file, char __user *buf, size_t count,
			   loff_t *ppos)
{
	(void)file;
	return simple_read_from_buffer(buf, count, ppos, membuf_data(),
				       MEMBUF_SIZE);
}

static ssize_t membuf_write(struct file *file, const char __user *buf,
			    size_t count, loff_t *ppos)
{
	(void)file;
	return simple_write_to_buffer(membuf_data(), MEMBUF_SIZE, ppos, buf,
				      count);
}

static loff_t membuf_llseek(struct file *file, loff_t offset, int whence)
{
	return fixed_size_llseek(file, offset, whence, MEMBUF_SIZE);
}

/*
 * The VMA's pages are the buffer's from vm_pgoff (mmap's offset in
 * pages) on; the range must lie in the buffer.
 */
static int membuf_mmap(struct file *file, struct vm_area_struct *vma)
{
	unsigned long size = vma->vm_end - vma->vm_start;
	unsigned long off = vma->vm_pgoff << PAGE_SHIFT;

	(void)file;
	if (vma->vm_pgoff >= MEMBUF_SIZE >> PAGE_SHIFT ||
	    size > MEMBUF_SIZE - off)
		return -EINVAL;
	return remap_pfn_range(vma, vma->vm_start,
			       page_to_pfn(membuf_pages) + vma->vm_pgoff, size,
			       vma->vm_page_prot);
}

static const struct file_operations membuf_fops = {
	.llseek = membuf_llseek,
	.read = membuf_read,
	.write = membuf_write,
	.mmap = membuf_mmap,
};

static struct miscdevice membuf_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "membuf",
	.fops = &membuf_fops,
};

/* membuf_init - the buffer, zeroed, and the device (an initcall) */
int membuf_init(void)
{
	int error;

	membuf_pages = alloc_pages(GFP_KERNEL | __GFP_ZERO, MEMBUF_ORDER);
	if (!membuf_pages)
		return -ENOMEM;
	error = misc_register(&membuf_dev);
	if (error) {
		__free_pages(membuf_pages, MEMBUF_ORDER);
		membuf_pages = NULL;
	}
	return error;
}
