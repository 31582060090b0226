// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/membuf: a character device whose contents are 16 KiB of RAM
 * (the example driver of lecture 35, mmap编程实例).  read() and write()
 * copy through the file position; mmap() maps the same pages into the
 * process with remap_pfn_range(), so what one side writes the other
 * reads: through the mapping, or through the file.
 *
 * The buffer is four physically contiguous pages (an order-2 block),
 * zeroed, which the driver takes at the first open() and keeps:
 * mappings neither count nor free them (VM_PFNMAP).  A boot that never
 * opens the device spends nothing on it.
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

/* The first open() takes the buffer; it stays until the machine stops. */
static int membuf_open(struct inode *inode, struct file *file)
{
	(void)inode, (void)file;
	if (!membuf_pages)
		membuf_pages =
			alloc_pages(GFP_KERNEL | __GFP_ZERO, MEMBUF_ORDER);
	return membuf_pages ? 0 : -ENOMEM;
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

//> ch35 membuf_fops
/*
 * The VMA's pages are the buffer's from vm_pgoff (mmap's offset in
 * pages) on; the range must lie in the buffer.
 */
static int membuf_mmap(struct file *file, struct vm_area_struct *vma)
{
	unsigned long size = vma->vm_end - vma->vm_start;
	unsigned long off = vma->vm_pgoff << PAGE_SHIFT;

	// BEGIN SOLUTION ch35
	(void)file;
	if (vma->vm_pgoff >= MEMBUF_SIZE >> PAGE_SHIFT ||
	    size > MEMBUF_SIZE - off)
		return -EINVAL;
	return remap_pfn_range(vma, vma->vm_start,
			       page_to_pfn(membuf_pages) + vma->vm_pgoff, size,
			       vma->vm_page_prot);
	// STUB
	// /* TODO(ch35): refuse a range outside the buffer, then map the
	//    buffer's frames from vm_pgoff on, now; see
	//    chapters/35-mmap-example.md, "The driver's mmap". */
	// (void)file, (void)size, (void)off;
	// return -ENODEV;
	// END SOLUTION
}

static const struct file_operations membuf_fops = {
	.llseek = membuf_llseek,
	.read = membuf_read,
	.write = membuf_write,
	.mmap = membuf_mmap,
	.open = membuf_open,
};
//< ch35 membuf_fops

static struct miscdevice membuf_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "membuf",
	.fops = &membuf_fops,
};

/* membuf_init - the device and its node (an initcall) */
int membuf_init(void)
{
	return misc_register(&membuf_dev);
}
