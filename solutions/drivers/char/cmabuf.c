// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/cmabuf: each open() gets its own buffer of physically contiguous
 * memory from the CMA area, which mmap() gives to the process (the
 * example of lecture 36, remap_pfn_range).  It is what a driver does
 * for the buffer a device reaches by DMA, a camera's frames or a
 * display's framebuffer: user space fills or reads it in place, and
 * the device is given its bus address.
 *
 * A buffer is 8 MiB, twice the largest block the buddy allocator has
 * (order MAX_ORDER - 1, 4 MiB): only CMA hands out that much in one
 * piece, and surely, however long the machine has run.  mmap() maps
 * its frames with vm_iomap_memory(), as fbdev's fb_mmap() maps a
 * framebuffer, write-combined: no cache may hold what a device reads
 * behind the CPU's back.  A mapping holds the file (vm_file), so the
 * buffer goes back to CMA at the last close() or munmap(), whichever
 * comes later: release runs only when nothing can reach the frames.
 *
 * SIMPLIFIED(v5.10): 5.10's dma_alloc_wc() also gives the kernel's own
 * view of the buffer (its linear mapping) the write-combining type
 * (__dma_remap()), because ARMv7 forbids two mappings of a frame with
 * different memory types; ours keeps write-back there.  QEMU models no
 * caches, so nothing can show the difference.
 */
#include <string.h>
#include <linux/dma-map-ops.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/log2.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <asm/memory.h>
#include <asm/pgtable.h>

#define CMABUF_SIZE (8 * SZ_1M)
#define CMABUF_PAGES (CMABUF_SIZE >> PAGE_SHIFT)

/* One open()'s buffer: file->private_data. */
struct cmabuf {
	struct page *pages; /* the first of CMABUF_PAGES contiguous pages */
};

//> ch36 cmabuf
/*
 * The buffer of this open(): CMABUF_PAGES pages from the CMA area,
 * aligned as dma_alloc_coherent() aligns (to the order of its size,
 * which CMA caps at CONFIG_CMA_ALIGNMENT), and zeroed: whatever the
 * frames held before must not reach the process.
 */
static int cmabuf_open(struct inode *inode, struct file *file)
{
	struct cmabuf *buf;

	(void)inode;
	// BEGIN SOLUTION ch36
	buf = kmalloc(sizeof(*buf), GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	buf->pages = dma_alloc_from_contiguous(NULL, CMABUF_PAGES,
					       get_order(CMABUF_SIZE), false);
	if (!buf->pages) {
		kfree(buf);
		return -ENOMEM;
	}
	memset(page_address(buf->pages), 0, CMABUF_SIZE);
	file->private_data = buf;
	return 0;
	// STUB
	// /* TODO(ch36): a struct cmabuf, its pages from the CMA area,
	//    zeroed, in file->private_data; see
	//    chapters/36-remap-pfn-range.md, "A device with a CMA buffer". */
	// (void)buf, (void)file;
	// return -ENODEV;
	// END SOLUTION
}

/*
 * The buffer's frames from vm_pgoff on, write-combined, into the whole
 * VMA, as fb_mmap() maps a framebuffer.
 */
static int cmabuf_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct cmabuf *buf = file->private_data;

	// BEGIN SOLUTION ch36
	vma->vm_page_prot = pgprot_writecombine(vma->vm_page_prot);
	return vm_iomap_memory(vma, page_to_phys(buf->pages), CMABUF_SIZE);
	// STUB
	// /* TODO(ch36): the memory type, then the frames; see
	//    chapters/36-remap-pfn-range.md, "A device with a CMA buffer". */
	// (void)buf, (void)vma;
	// return -ENODEV;
	// END SOLUTION
}

/* The last reference to the file is gone: the buffer goes back to CMA. */
static int cmabuf_release(struct inode *inode, struct file *file)
{
	struct cmabuf *buf = file->private_data;

	(void)inode;
	// BEGIN SOLUTION ch36
	dma_release_from_contiguous(NULL, buf->pages, CMABUF_PAGES);
	kfree(buf);
	// STUB
	// /* TODO(ch36): give the pages back, then the struct; see
	//    chapters/36-remap-pfn-range.md, "A device with a CMA buffer". */
	// (void)buf;
	// END SOLUTION
	return 0;
}
//< ch36 cmabuf

/* read(): the buffer as a file, so the kernel's view can be checked. */
static ssize_t cmabuf_read(struct file *file, char __user *ubuf, size_t count,
			   loff_t *ppos)
{
	struct cmabuf *buf = file->private_data;

	return simple_read_from_buffer(ubuf, count, ppos,
				       page_address(buf->pages), CMABUF_SIZE);
}

static loff_t cmabuf_llseek(struct file *file, loff_t offset, int whence)
{
	return fixed_size_llseek(file, offset, whence, CMABUF_SIZE);
}

static const struct file_operations cmabuf_fops = {
	.llseek = cmabuf_llseek,
	.read = cmabuf_read,
	.mmap = cmabuf_mmap,
	.open = cmabuf_open,
	.release = cmabuf_release,
};

static struct miscdevice cmabuf_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "cmabuf",
	.fops = &cmabuf_fops,
};

/* cmabuf_init - the device and its node (an initcall) */
int cmabuf_init(void)
{
	return misc_register(&cmabuf_dev);
}
