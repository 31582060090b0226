/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The owner of a page (include/linux/fs.h, reduced): an address_space
 * and its operations.  Chapter 8 needs only the three operations a
 * driver gives its movable pages (balloon and zsmalloc pages in Linux):
 * how to take one aside, move it, and put it back.  Chapter 35 adds
 * the open file: struct file, its file_operations, and the inode a name
 * leads to; chapter 37 gives inodes an address_space of their own.
 */
#ifndef _LINUX_FS_H
#define _LINUX_FS_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/xarray.h>

struct page;
struct address_space;
struct file;
struct writeback_control;

typedef unsigned int isolate_mode_t;
enum migrate_mode { MIGRATE_ASYNC, MIGRATE_SYNC_LIGHT, MIGRATE_SYNC };

//> ch37 address_space
/*
 * What the owner of pages does for them: a file system for its files'
 * pages in the page cache (chapter 37: read one in from the backing
 * store, prepare and finish a write; chapter 38: dirty one, write one
 * back), a driver for the movable pages it lends (chapter 8).
 */
struct address_space_operations {
	int (*writepage)(struct page *page, struct writeback_control *wbc);
	int (*readpage)(struct file *file, struct page *page);
	int (*set_page_dirty)(struct page *page);
	int (*write_begin)(struct file *file, struct address_space *mapping,
			   loff_t pos, unsigned int len, unsigned int flags,
			   struct page **pagep, void **fsdata);
	int (*write_end)(struct file *file, struct address_space *mapping,
			 loff_t pos, unsigned int len, unsigned int copied,
			 struct page *page, void *fsdata);
	bool (*isolate_page)(struct page *page, isolate_mode_t mode);
	int (*migratepage)(struct address_space *mapping, struct page *newpage,
			   struct page *page, enum migrate_mode mode);
	void (*putback_page)(struct page *page);
};

/*
 * The pages of one object (5.10's address_space): a file's page cache,
 * its pages at their index in the file in i_pages, an XArray whose
 * marks are the pages' PAGECACHE_TAG_*s.
 */
struct address_space {
	struct inode *host; /* the file */
	struct xarray i_pages; /* page cache pages, by index */
	gfp_t gfp_mask; /* how its pages are allocated */
	unsigned long nrpages; /* pages in i_pages */
	struct list_head i_mmap; /* the VMAs that map it (vm_area->shared) */
	const struct address_space_operations *a_ops;
	void *private_data;
};
//< ch37 address_space

/* f_mode: what the file was opened for (5.10's FMODE_*) */
#define FMODE_READ 0x1
#define FMODE_WRITE 0x2
#define FMODE_LSEEK 0x4 /* llseek() may move f_pos */

/* i_mode's file types (uapi/linux/stat.h) */
#define S_IFMT 00170000
#define S_IFCHR 0020000
#define S_IFREG 0100000
#define S_ISCHR(m) (((m)&S_IFMT) == S_IFCHR)
#define S_ISREG(m) (((m)&S_IFMT) == S_IFREG)

/* The largest file: a page cache index of 32 bits on a 32-bit kernel */
#define MAX_LFS_FILESIZE ((loff_t)0xffffffffUL << PAGE_SHIFT)

#define MINORBITS 20
#define MKDEV(ma, mi) (((ma) << MINORBITS) | (mi))
#define MAJOR(dev) ((unsigned int)((dev) >> MINORBITS))
#define MINOR(dev) ((unsigned int)((dev) & ((1U << MINORBITS) - 1)))

#define SEEK_SET 0 /* seek relative to beginning of file */
#define SEEK_CUR 1 /* seek relative to current file position */
#define SEEK_END 2 /* seek relative to end of file */

struct file;
struct inode;
struct vm_area_struct;

/*
 * What a driver or a file system does for its files.  A NULL method is
 * refused by the VFS (read: -EINVAL, mmap: -ENODEV), as in 5.10.
 */
struct file_operations {
	loff_t (*llseek)(struct file *, loff_t, int);
	ssize_t (*read)(struct file *, char __user *, size_t, loff_t *);
	ssize_t (*write)(struct file *, const char __user *, size_t, loff_t *);
	int (*mmap)(struct file *, struct vm_area_struct *);
	int (*open)(struct inode *, struct file *);
	int (*release)(struct inode *, struct file *);
	int (*fsync)(struct file *, loff_t, loff_t, int datasync);
};

/*
 * An object in the file system: here a device node, or (chapter 37) a
 * file with pages.  SIMPLIFIED(v5.10): no dentries.
 */
/* What a file system does for its inodes (5.10's super_operations). */
struct super_operations {
	void (*evict_inode)(struct inode *inode); /* the last iput() */
};

/* A mounted file system: its device number, what it does for inodes. */
struct super_block {
	u32 s_dev; /* dev_t: devtmpfs's is an anonymous 0:N */
	loff_t s_maxbytes; /* the largest file */
	const struct super_operations *s_op;
};

struct inode {
	umode_t i_mode; /* S_IFCHR | 0666, ... */
	unsigned long i_ino; /* its number in its file system */
	struct super_block *i_sb; /* the file system it is in */
	u32 i_rdev; /* a device node's major and minor (dev_t) */
	loff_t i_size;
	int i_count; /* names, open files (iget(), iput()) */
	const struct file_operations *i_fop; /* what open() starts with */
	struct address_space *i_mapping; /* its pages: &i_data */
	struct address_space i_data;
	void *i_private;
};

/* fs/inode.c */
void inode_init_once(struct inode *inode, struct super_block *sb);
void ihold(struct inode *inode);
void iput(struct inode *inode);

/* An open file: one per open(), shared by the descriptors fork copies. */
struct file {
	const struct file_operations *f_op;
	struct inode *f_inode;
	fmode_t f_mode; /* FMODE_READ, FMODE_WRITE, FMODE_LSEEK */
	unsigned int f_flags; /* open()'s O_* flags */
	loff_t f_pos; /* where read() and write() go next */
	char f_path[32]; /* the name it was opened by (5.10: a dentry) */
	long f_count; /* descriptors and VMAs holding it */
	void *private_data; /* the driver's */
};

static inline struct inode *file_inode(const struct file *f)
{
	return f->f_inode;
}

/* fs/file_table.c */
struct file *alloc_file(struct inode *inode, unsigned int flags,
			const struct file_operations *fop);
void fput(struct file *file);
int vfs_fsync_range(struct file *file, loff_t start, loff_t end, int datasync);
int vfs_fsync(struct file *file, int datasync);
int generic_file_fsync(struct file *file, loff_t start, loff_t end,
		       int datasync);
static inline struct file *get_file(struct file *f)
{
	f->f_count++;
	return f;
}

/* fs/file.c: a process's descriptors */
struct file *fget(unsigned int fd);
int get_unused_fd_flags(unsigned int flags);
void put_unused_fd(unsigned int fd);
void fd_install(unsigned int fd, struct file *file);

/* fs/open.c, fs/namei.c: names to inodes (a flat name space) */
struct file *filp_open(const char *filename, int flags, umode_t mode);
int filp_close(struct file *filp);
struct inode *lookup_inode(const char *name);
extern struct super_block devtmpfs_sb; /* /dev's nodes are in it */
int link_inode(const char *name, struct inode *inode);
void unlink_inode(const char *name);
struct inode *vfs_create(const char *name, umode_t mode);
long do_unlink(const char *name);

/* fs/diskfs: the file system on /dev/ram0, mounted at /mnt */
extern struct super_block diskfs_sb;
struct inode *diskfs_create(const char *name, umode_t mode);

/* fs/read_write.c */
ssize_t vfs_read(struct file *file, char __user *buf, size_t count,
		 loff_t *pos);
ssize_t vfs_write(struct file *file, const char __user *buf, size_t count,
		  loff_t *pos);
loff_t vfs_llseek(struct file *file, loff_t offset, int whence);
loff_t fixed_size_llseek(struct file *file, loff_t offset, int whence,
			 loff_t size);
loff_t generic_file_llseek(struct file *file, loff_t offset, int whence);
loff_t generic_file_llseek_size(struct file *file, loff_t offset, int whence,
				loff_t maxsize, loff_t eof);

/* fs/libfs.c: the read() and write() of a buffer in kernel memory */
ssize_t simple_read_from_buffer(void __user *to, size_t count, loff_t *ppos,
				const void *from, size_t available);
ssize_t simple_write_to_buffer(void *to, size_t available, loff_t *ppos,
			       const void __user *from, size_t count);

/* fs/file.c: what a process holds; kernel/fork.c and do_exit() call */
struct task_struct;
int copy_files(struct task_struct *tsk);
void exit_files(struct task_struct *tsk);

#endif /* _LINUX_FS_H */
