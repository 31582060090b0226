// SPDX-License-Identifier: GPL-2.0
/*
 * devtest: /dev/membuf through its file and through its mapping (the
 * user side of lecture 35's example).  @how picks the experiment:
 *   0  write(), lseek(), read(): the file position, the end of the buffer
 *   1  a shared mapping written, read() sees it; write(), the mapping
 *      sees it
 *   2  a mapping at an offset (mmap's last argument, vm_pgoff)
 *   3  what open() and mmap() refuse
 *   4  a child writes through the mapping fork gave it, the parent
 *      reads the file
 *   5  a private mapping written: the file keeps its bytes
 *   6  the end of the buffer: a write and a read cut short, nothing
 *      after; a read to a bad address and a read of nothing leave
 *      the position where it was; a read into a buffer whose second
 *      page is not mapped copies what fits in the first
 * Each line it prints is checked by the test that runs it.
 */
#include "user.h"

#define PAGE 4096UL
#define SIZE (4 * PAGE) /* the device's buffer */

/* Bytes @n at file offset @off, read() back and shown as text. */
static void show_file(int fd, long off, unsigned long n)
{
	char buf[32] = { 0 };

	lseek(fd, off, SEEK_SET);
	show("read", read(fd, buf, n));
	print("file: ");
	puts(buf);
}

static int file_io(int fd)
{
	char buf[16] = { 0 };

	show("write", write(fd, "hello, membuf", 13));
	show("lseek set", lseek(fd, 7, SEEK_SET));
	show("read", read(fd, buf, 6));
	print("got: ");
	puts(buf);
	show("lseek end", lseek(fd, 0, SEEK_END));
	show("write at end", write(fd, "x", 1));
	show("read at end", read(fd, buf, 1));
	show("lseek past end", lseek(fd, 1, SEEK_END));
	return 0;
}

static int both_ways(int fd)
{
	char *p = mmap(0, SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);

	if ((unsigned long)p >= MAP_FAILED_MIN) {
		show("mmap", (long)p);
		return 1;
	}
	copy(p + PAGE, "through the mapping", 20);
	show_file(fd, (long)PAGE, 20);
	lseek(fd, (long)(2 * PAGE), SEEK_SET);
	show("write", write(fd, "through write()", 16));
	print("mapping: ");
	puts(p + 2 * PAGE);
	show("munmap", munmap(p, SIZE));
	return 0;
}

static int at_offset(int fd)
{
	char *p;

	lseek(fd, (long)(3 * PAGE), SEEK_SET);
	write(fd, "page three", 11);
	p = mmap(0, PAGE, PROT_READ, MAP_SHARED, fd, 3 * PAGE);
	if ((unsigned long)p >= MAP_FAILED_MIN) {
		show("mmap", (long)p);
		return 1;
	}
	print("mapping at offset 3 pages: ");
	puts(p);
	return differs(p, "page three", 11) < 0 ? 0 : 2;
}

static int refusals(void)
{
	long ro = open("/dev/membuf", O_RDONLY), fd;

	show("open missing", open("/dev/nothing", O_RDWR));
	show("open ro", ro);
	show("write ro", write((int)ro, "x", 1));
	show("mmap shared writable of ro",
	     (long)mmap(0, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, (int)ro,
			0));
	fd = (long)mmap(0, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, (int)ro,
			0);
	show("mmap private writable of ro ok", fd > 0 || fd < -4095);
	show("mmap past the end",
	     (long)mmap(0, 2 * PAGE, PROT_READ, MAP_SHARED, (int)ro, 3 * PAGE));
	show("mmap bad fd", (long)mmap(0, PAGE, PROT_READ, MAP_SHARED, 9, 0));
	show("close", close((int)ro));
	show("close again", close((int)ro));
	fd = open("/dev/membuf", O_RDWR);
	show("lowest free fd", fd);
	return 0;
}

static int shared_with_child(int fd)
{
	char *p = mmap(0, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	int status = -1;
	long pid;

	if ((unsigned long)p >= MAP_FAILED_MIN)
		return 1;
	pid = fork();
	if (pid == 0) {
		copy(p, "from the child", 15);
		exit(0);
	}
	wait4(pid, &status, 0, 0);
	show("child status", status);
	show_file(fd, 0, 15);
	return 0;
}

static int private_copy(int fd)
{
	char *p = mmap(0, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);

	if ((unsigned long)p >= MAP_FAILED_MIN)
		return 1;
	write(fd, "the device's", 13);
	print("private mapping reads: ");
	puts(p);
	copy(p, "mine", 5);
	print("private mapping after a write: ");
	puts(p);
	show_file(fd, 0, 13);
	return 0;
}

/* A read into a buffer whose end is not mapped: what fits is copied. */
static int partly(int fd)
{
	char *p = mmap(0, 2 * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char buf[8] = { 0 };

	if ((unsigned long)p >= MAP_FAILED_MIN || munmap(p + PAGE, PAGE))
		return 1;
	lseek(fd, 100, SEEK_SET);
	write(fd, "0123456789", 10);
	lseek(fd, 100, SEEK_SET);
	show("read into a buffer half mapped", read(fd, p + PAGE - 4, 10));
	show("position", lseek(fd, 0, SEEK_CUR));
	copy(buf, p + PAGE - 4, 4);
	print("got: ");
	puts(buf);
	return 0;
}

static int at_the_end(int fd)
{
	char buf[16] = { 0 };

	show("lseek", lseek(fd, (long)SIZE - 4, SEEK_SET));
	show("write across the end", write(fd, "abcdefgh", 8));
	show("write at the end", write(fd, "x", 1));
	show("position", lseek(fd, 0, SEEK_CUR));
	lseek(fd, (long)SIZE - 4, SEEK_SET);
	show("read across the end", read(fd, buf, 10));
	print("got: ");
	puts(buf);
	show("read at the end", read(fd, buf, 10));
	show("position", lseek(fd, 0, SEEK_CUR));
	lseek(fd, 8, SEEK_SET);
	show("read to a bad address", read(fd, (void *)0x1000, 4));
	show("position", lseek(fd, 0, SEEK_CUR));
	show("read nothing", read(fd, buf, 0));
	show("position", lseek(fd, 0, SEEK_CUR));
	return partly(fd);
}

int devtest_main(long how)
{
	int fd;

	if (how == 3)
		return refusals();
	fd = (int)open("/dev/membuf", O_RDWR);
	show("open", fd);
	if (fd < 0)
		return 1;
	switch (how) {
	case 0:
		return file_io(fd);
	case 1:
		return both_ways(fd);
	case 2:
		return at_offset(fd);
	case 4:
		return shared_with_child(fd);
	case 5:
		return private_copy(fd);
	case 6:
		return at_the_end(fd);
	}
	return 1;
}
