// SPDX-License-Identifier: GPL-2.0
/*
 * cmatest: /dev/cmabuf, an 8 MiB buffer of contiguous frames from CMA
 * for each open(), mapped into the process (the user side of lecture
 * 36's example).  @how picks the experiment:
 *   0  the whole buffer mapped shared and written through at each MiB;
 *      read() sees the bytes: one buffer, two views
 *   1  close() before munmap(): the mapping keeps the buffer
 *   2  a child writes through the mapping fork gave it; the parent
 *      sees it in its own
 *   3  a private mapping written: the buffer keeps its bytes
 *   4  what mmap() refuses: offsets and lengths past the buffer
 * Each line it prints is checked by the test that runs it.
 */
#include "user.h"

#define PAGE 4096UL
#define MIB (1024 * 1024UL)
#define SIZE (8 * MIB) /* a buffer */
#define RW (PROT_READ | PROT_WRITE)

static int failed(const void *p)
{
	return (unsigned long)p >= MAP_FAILED_MIN;
}

/* What read() finds at @off: the kernel's view of the buffer. */
static void show_file(int fd, unsigned long off, unsigned long n)
{
	char buf[32] = { 0 };

	lseek(fd, (long)off, SEEK_SET);
	show("read", read(fd, buf, n));
	print("file: ");
	puts(buf[0] ? buf : "(zeroes)");
}

static int whole(int fd)
{
	char *p = mmap(0, SIZE, RW, MAP_SHARED, fd, 0);
	char text[] = "MiB 0";

	if (failed(p)) {
		show("mmap", (long)p);
		return 1;
	}
	for (unsigned long m = 0; m < 8; m++) {
		text[4] = (char)('0' + m);
		copy(p + m * MIB, text, sizeof(text));
	}
	show_file(fd, 5 * MIB, sizeof(text));
	show_file(fd, 7 * MIB + PAGE, 4); /* written by nobody */
	show("munmap", munmap(p, SIZE));
	return 0;
}

static int close_first(int fd)
{
	char *p = mmap(0, PAGE, RW, MAP_SHARED, fd, 2 * PAGE);

	if (failed(p))
		return 1;
	show("close", close(fd));
	copy(p, "after close", 12);
	print("mapping: ");
	puts(p);
	show("munmap", munmap(p, PAGE));
	return 0;
}

static int with_child(int fd)
{
	char *p = mmap(0, 2 * PAGE, RW, MAP_SHARED, fd, 0);
	int status = -1;
	long pid;

	if (failed(p))
		return 1;
	pid = fork();
	if (pid == 0) {
		copy(p + PAGE, "from the child", 15);
		exit(0);
	}
	wait4(pid, &status, 0, 0);
	show("child status", status);
	print("parent's mapping: ");
	puts(p + PAGE);
	return 0;
}

static int private_copy(int fd)
{
	char *p = mmap(0, 2 * PAGE, RW, MAP_PRIVATE, fd, PAGE);

	if (failed(p))
		return 1;
	copy(p + PAGE, "mine", 5);
	print("private mapping: ");
	puts(p + PAGE);
	show_file(fd, 2 * PAGE, 5);
	return 0;
}

static int refusals(int fd)
{
	show("one page past the end",
	     (long)mmap(0, PAGE, PROT_READ, MAP_SHARED, fd, SIZE));
	show("more than the buffer",
	     (long)mmap(0, SIZE + PAGE, PROT_READ, MAP_SHARED, fd, 0));
	show("two pages from the last",
	     (long)mmap(0, 2 * PAGE, PROT_READ, MAP_SHARED, fd, SIZE - PAGE));
	show("the last page ok",
	     !failed(mmap(0, PAGE, PROT_READ, MAP_SHARED, fd, SIZE - PAGE)));
	return 0;
}

int cmatest_main(long how)
{
	long fd = open("/dev/cmabuf", O_RDWR);

	show("open", fd);
	if (fd < 0)
		return 1;
	switch (how) {
	case 0:
		return whole((int)fd);
	case 1:
		return close_first((int)fd);
	case 2:
		return with_child((int)fd);
	case 3:
		return private_copy((int)fd);
	default:
		return refusals((int)fd);
	}
}
