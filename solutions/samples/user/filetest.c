// SPDX-License-Identifier: GPL-2.0
/*
 * filetest: files of diskfs (/mnt), on the RAM disk, through the page
 * cache (the user side of lectures 37 and 38).  @how picks the
 * experiment:
 *   0  a new file written, read back, grown with a hole
 *   1  /mnt/disk, whose blocks the kernel wrote on the disk before:
 *      read() brings its pages in
 *   2  a write across a page boundary, read back across it
 *   3  what open(), read() and write() refuse
 *   4  a file unlinked while open: it lives until close()
 *   5  a shared mapping: its pages are the page cache's, both ways
 *   6  a private mapping written: the file keeps its bytes
 *   7  a mapping at an offset (vm_pgoff), and its page past the end
 *      of the file: SIGBUS
 *   8  reads of /mnt/odd, whose pages the kernel put on the disk, at
 *      odd places: across pages, past the end, into a bad buffer and
 *      into one that ends in the middle
 *   9  a shared mapping written back: msync(), fsync(), and what
 *      msync() refuses
 *   16 to RANDOM_MAP - 1: random reads and writes of /mnt/random
 *      against a model of the file in memory, @how the seed
 *   RANDOM_MAP and up: random accesses to /mnt/random through two
 *      shared mappings, a private one, read(), write(), msync() and
 *      fsync(), against a model, @how - RANDOM_MAP the seed
 * Each line it prints is checked by the test that runs it.
 */
#include "user.h"

#define PAGE 4096L

/* What read() finds at @off: up to @n bytes, as text. */
static void show_file(int fd, long off, unsigned long n)
{
	char buf[32] = { 0 };
	long got;

	lseek(fd, off, SEEK_SET);
	got = read(fd, buf, n);
	show("read", got);
	print("file: ");
	puts(got > 0 && !buf[0] ? "(zeroes)" : buf);
}

static int new_file(void)
{
	long fd = open("/mnt/hello", O_RDWR | O_CREAT);

	show("open", fd);
	show("write", write((int)fd, "hello, page cache", 17));
	show_file((int)fd, 0, 17);
	show("size", lseek((int)fd, 0, SEEK_END));
	lseek((int)fd, 5000, SEEK_SET);
	show("write past the end", write((int)fd, "x", 1));
	show("size", lseek((int)fd, 0, SEEK_END));
	show_file((int)fd, PAGE, 4); /* the hole reads as zeroes */
	lseek((int)fd, 0, SEEK_END);
	show("read at the end", read((int)fd, (char[4]){ 0 }, 4));
	show("close", close((int)fd));
	return 0;
}

static int from_disk(void)
{
	long fd = open("/mnt/disk", O_RDONLY);

	show("open", fd);
	show_file((int)fd, 0, 11);
	show_file((int)fd, 2 * PAGE, 11);
	show_file((int)fd, 2 * PAGE + 5, 5);
	return 0;
}

static int across(void)
{
	long fd = open("/mnt/across", O_RDWR | O_CREAT);

	lseek((int)fd, PAGE - 4, SEEK_SET);
	show("write", write((int)fd, "01234567", 8));
	show_file((int)fd, PAGE - 4, 8);
	show("size", lseek((int)fd, 0, SEEK_END));
	return 0;
}

static int refusals(void)
{
	long fd = open("/mnt/wo", O_WRONLY | O_CREAT);

	show("open missing", open("/mnt/missing", O_RDONLY));
	show("create outside /mnt", open("/dev/new", O_RDWR | O_CREAT));
	show("read of a write-only file", read((int)fd, (char[4]){ 0 }, 4));
	show("write from a bad address", write((int)fd, (char *)16, 4));
	lseek((int)fd, 4 * 1024 * 1024 - 2, SEEK_SET);
	show("write at the largest size", write((int)fd, "abcd", 4));
	show("write past it", write((int)fd, "abcd", 4));
	return 0;
}

static int unlinked(void)
{
	long fd = open("/mnt/tmp", O_RDWR | O_CREAT);

	show("write", write((int)fd, "still here", 11));
	show("unlink", unlink("/mnt/tmp"));
	show("open again", open("/mnt/tmp", O_RDONLY));
	show_file((int)fd, 0, 11);
	show("close", close((int)fd));
	show("unlink again", unlink("/mnt/tmp"));
	return 0;
}

/* A file of two pages: "page zero" at 0, "page one" at 4096. */
static long two_pages(const char *name)
{
	long fd = open(name, O_RDWR | O_CREAT);

	write((int)fd, "page zero", 10);
	lseek((int)fd, PAGE, SEEK_SET);
	write((int)fd, "page one", 9);
	return fd;
}

static int shared_map(void)
{
	long fd = two_pages("/mnt/shared");
	char *p = mmap(0, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, (int)fd,
		       0);

	if ((unsigned long)p >= MAP_FAILED_MIN)
		return 1;
	print("mapping: ");
	puts(p);
	print("mapping + 4096: ");
	puts(p + PAGE);
	copy(p + 100, "through the mapping", 20);
	show_file((int)fd, 100, 20);
	lseek((int)fd, PAGE + 200, SEEK_SET);
	write((int)fd, "through write()", 16);
	print("mapping: ");
	puts(p + PAGE + 200);
	show("munmap", munmap(p, 2 * PAGE));
	return 0;
}

static int private_map(void)
{
	long fd = two_pages("/mnt/private");
	char *p = mmap(0, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE,
		       (int)fd, 0);

	if ((unsigned long)p >= MAP_FAILED_MIN)
		return 1;
	copy(p, "mine", 5);
	print("private mapping: ");
	puts(p);
	show_file((int)fd, 0, 10);
	print("its second page: ");
	puts(p + PAGE);
	return 0;
}

static int offset_map(void)
{
	long fd = two_pages("/mnt/offset");
	char *p = mmap(0, 2 * PAGE, PROT_READ, MAP_SHARED, (int)fd, PAGE);

	if ((unsigned long)p >= MAP_FAILED_MIN)
		return 1;
	print("mapping at offset 4096: ");
	puts(p);
	puts("now past the end of the file:");
	print_dec(p[PAGE]); /* SIGBUS: no page 2 */
	return 0;
}

/* read() of @n bytes at @off into @buf (zeroes), shown as text */
static void show_at(int fd, char *buf, long off, unsigned long n)
{
	long got;

	lseek(fd, off, SEEK_SET);
	got = read(fd, buf, n);
	show("read", got);
	print("file: ");
	puts(buf);
	show("position", lseek(fd, 0, SEEK_CUR));
}

static int odd_reads(void)
{
	long fd = open("/mnt/odd", O_RDONLY);
	char *p = mmap(0, 2 * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (fd < 0 || (unsigned long)p >= MAP_FAILED_MIN)
		return 1;
	show_at((int)fd, p, PAGE - 5, 10); /* across pages 0 and 1 */
	show_at((int)fd, p + 256, 2 * PAGE, 100); /* stops at the end */
	show("read at the end", read((int)fd, p, 4));
	show_at((int)fd, p + 512, 2 * PAGE + 2, 3);
	lseek((int)fd, 3 * PAGE, SEEK_SET);
	show("read past the end", read((int)fd, p, 4));
	lseek((int)fd, 0, SEEK_SET);
	show("read into a bad address", read((int)fd, (char *)16, 4));
	show("position", lseek((int)fd, 0, SEEK_CUR));
	munmap(p + PAGE, PAGE);
	lseek((int)fd, PAGE - 5, SEEK_SET);
	show("read into a buffer that ends", read((int)fd, p + PAGE - 6, 10));
	print("buffer: ");
	for (int i = 0; i < 6; i++)
		print((char[2]){ p[PAGE - 6 + i], 0 });
	puts("");
	show("position", lseek((int)fd, 0, SEEK_CUR));
	show("read of nothing", read((int)fd, p, 0));
	return 0;
}

#define RANDOM_SIZE (4 * PAGE) /* the file stays within 4 pages */
#define RANDOM_OPS 3000
#define PAGE_MASK_USER (~(PAGE - 1))

static unsigned int next(unsigned int *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 17;
	*x ^= *x << 5;
	return *x;
}

/*
 * Random writes and reads of /mnt/random at random places and lengths
 * (within pages, across them, past the end), each compared with a
 * model of the file in anonymous memory: what read() returns, its
 * bytes, and where it leaves the position.  The first difference is
 * printed and ends the run.
 */
static int random_rw(long seed)
{
	long fd = open("/mnt/random", O_RDWR | O_CREAT);
	char *model = mmap(0, 2 * RANDOM_SIZE, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *buf = model + RANDOM_SIZE;
	unsigned int x = (unsigned int)seed * 2654435761u | 1;
	long size = 0;

	if (fd < 0 || (unsigned long)model >= MAP_FAILED_MIN)
		return 1;
	for (int op = 0; op < RANDOM_OPS; op++) {
		/* masks, not %: the board's user image has no division */
		long pos = next(&x) & (RANDOM_SIZE - 1);
		long len = 1 + (next(&x) & (op & 1 ? RANDOM_SIZE - 1 : 2047));
		long want, got;

		lseek((int)fd, pos, SEEK_SET);
		if ((next(&x) & 3) == 0) { /* a write */
			if (pos + len > RANDOM_SIZE)
				len = RANDOM_SIZE - pos;
			for (long i = 0; i < len; i++)
				model[pos + i] = buf[i] = (char)next(&x);
			got = write((int)fd, buf, (unsigned long)len);
			want = len;
			if (pos + len > size)
				size = pos + len;
		} else {
			for (long i = 0; i < len; i++)
				buf[i] = 0x5a;
			got = read((int)fd, buf, (unsigned long)len);
			want = pos >= size	  ? 0
			       : len < size - pos ? len
						  : size - pos;
			for (long i = 0; got == want && i < len; i++) {
				char c = i < want ? model[pos + i] : 0x5a;

				if (buf[i] != c) {
					print("op ");
					print_dec(op);
					print(": read(");
					print_dec(pos);
					print(", ");
					print_dec(len);
					print("): byte ");
					print_dec(i);
					print(" differs from the model's");
					puts("");
					return 2;
				}
			}
		}
		if (got != want || lseek((int)fd, 0, SEEK_CUR) != pos + want) {
			print("op ");
			print_dec(op);
			print(": ");
			print_dec(pos);
			print(", ");
			print_dec(len);
			print(": returned ");
			print_dec(got);
			print(" and moved to ");
			print_dec(lseek((int)fd, 0, SEEK_CUR));
			print(", expected ");
			print_dec(want);
			print(" and ");
			print_dec(pos + want);
			puts("");
			return 2;
		}
	}
	print("random: seed ");
	print_dec(seed);
	print(", ");
	print_dec(RANDOM_OPS);
	print(" reads and writes, size ");
	print_dec(size);
	puts(", as the model");
	return close((int)fd) ? 3 : 0;
}

static int msync_map(void)
{
	long fd = two_pages("/mnt/sync"); /* 4105 bytes, both pages dirty */
	char *p = mmap(0, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, (int)fd,
		       0);
	char *q;

	if ((unsigned long)p >= MAP_FAILED_MIN)
		return 1;
	copy(p + 10, "written", 8);
	show("msync", msync(p, PAGE, MS_SYNC)); /* page 0 only */
	copy(p + 20, "again", 6); /* faults: msync cleaned the PTE */
	copy(p + PAGE + 100, "tail", 5); /* past the end of the file */
	show("fsync", fsync((int)fd));
	print("past the end after fsync: ");
	puts(p[PAGE + 100] ? p + PAGE + 100 : "(zeroes)");
	show("msync, nothing dirty", msync(p, 2 * PAGE, MS_SYNC));
	show("msync unaligned", msync(p + 1, PAGE, MS_SYNC));
	show("msync async and sync", msync(p, PAGE, MS_SYNC | MS_ASYNC));
	show("msync bad flag", msync(p, PAGE, 8));
	copy(p + 40, "async", 6);
	show("msync async", msync(p, PAGE, MS_ASYNC)); /* writes nothing */
	show("msync of nothing", msync(p, 0, MS_SYNC));
	/* below p, and not merged with it: page 1 of the file at q */
	q = mmap(0, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, (int)fd, PAGE);
	if ((unsigned long)q >= MAP_FAILED_MIN)
		return 1;
	copy(q + 5, "ONE", 3);
	show("msync at an offset", msync(q, PAGE, MS_SYNC));
	munmap(p + PAGE, PAGE);
	copy(p + 30, "hole", 5);
	show("msync over a hole", msync(p, 3 * PAGE, MS_SYNC));
	show("fsync of the console", fsync(1));
	return 0;
}

#define MAP_OPS 2000

static int map_failed(int op, const char *what, long pos, long at)
{
	print("op ");
	print_dec(op);
	print(": ");
	print(what);
	print(" at ");
	print_dec(pos);
	print(": byte ");
	print_dec(at);
	puts(" differs from the model's");
	return 2;
}

/*
 * Random accesses to a file of RANDOM_SIZE bytes through a shared
 * mapping of all of it (m1), a shared mapping of its pages 1 to 3 (m2),
 * a private mapping of all of it (priv), read(), write(), msync() and
 * fsync(), each compared with a model of the file (and of the private
 * mapping: a page it wrote is its own copy, the others the file's).
 */
static int random_map(long seed)
{
	long fd = open("/mnt/random", O_RDWR | O_CREAT);
	char *mem = mmap(0, 4 * RANDOM_SIZE, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *model = mem, *pmodel = mem + RANDOM_SIZE;
	char *buf = mem + 2 * RANDOM_SIZE, *m1, *m2, *priv;
	unsigned int x = (unsigned int)seed * 2654435761u | 1;
	int copied[RANDOM_SIZE / PAGE] = { 0 };

	if (fd < 0 || (unsigned long)mem >= MAP_FAILED_MIN)
		return 1;
	write((int)fd, model, RANDOM_SIZE); /* zeroes: the file's size */
	m1 = mmap(0, RANDOM_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, (int)fd,
		  0);
	m2 = mmap(0, RANDOM_SIZE - PAGE, PROT_READ | PROT_WRITE, MAP_SHARED,
		  (int)fd, PAGE);
	priv = mmap(0, RANDOM_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE,
		    (int)fd, 0);
	if ((unsigned long)m1 >= MAP_FAILED_MIN ||
	    (unsigned long)m2 >= MAP_FAILED_MIN ||
	    (unsigned long)priv >= MAP_FAILED_MIN)
		return 1;
	for (int op = 0; op < MAP_OPS; op++) {
		long pos = next(&x) & (RANDOM_SIZE - 1);
		long len = 1 + (next(&x) & (op & 1 ? PAGE - 1 : 255));
		unsigned int what = next(&x) & 7;
		long at;

		if (pos + len > RANDOM_SIZE)
			len = RANDOM_SIZE - pos;
		for (long i = 0; i < len; i++)
			buf[i] = (char)next(&x);
		switch (what) {
		case 0: /* a write through m1 */
			copy(m1 + pos, buf, (unsigned long)len);
			copy(model + pos, buf, (unsigned long)len);
			break;
		case 1: /* a write through m2, one page further in the file */
			if (pos < PAGE)
				pos += PAGE;
			if (pos + len > RANDOM_SIZE)
				len = RANDOM_SIZE - pos;
			copy(m2 + pos - PAGE, buf, (unsigned long)len);
			copy(model + pos, buf, (unsigned long)len);
			break;
		case 2: /* write() */
			lseek((int)fd, pos, SEEK_SET);
			if (write((int)fd, buf, (unsigned long)len) != len)
				return map_failed(op, "write()", pos, 0);
			copy(model + pos, buf, (unsigned long)len);
			break;
		case 3: /* read() */
			lseek((int)fd, pos, SEEK_SET);
			if (read((int)fd, buf, (unsigned long)len) != len)
				return map_failed(op, "read()", pos, 0);
			at = differs(buf, model + pos, len);
			if (at >= 0)
				return map_failed(op, "read()", pos, at);
			break;
		case 4: /* reads through both shared mappings */
			at = differs(m1 + pos, model + pos, len);
			if (at >= 0)
				return map_failed(op, "m1", pos, at);
			if (pos >= PAGE) {
				at = differs(m2 + pos - PAGE, model + pos, len);
				if (at >= 0)
					return map_failed(op, "m2", pos, at);
			}
			break;
		case 5: /* a write through the private mapping: copies */
			for (long pg = pos / PAGE; pg <= (pos + len - 1) / PAGE;
			     pg++)
				if (!copied[pg]) {
					copy(pmodel + pg * PAGE,
					     model + pg * PAGE, PAGE);
					copied[pg] = 1;
				}
			copy(priv + pos, buf, (unsigned long)len);
			copy(pmodel + pos, buf, (unsigned long)len);
			break;
		case 6: /* reads through the private mapping */
			for (long i = 0; i < len; i++) {
				long b = pos + i;
				char want =
					copied[b / PAGE] ? pmodel[b] : model[b];

				if (priv[b] != want)
					return map_failed(op, "priv", pos, i);
			}
			break;
		default: /* write back some of it, or all */
			if (op & 2) {
				if (msync(m1 + (pos & PAGE_MASK_USER),
					  (unsigned long)len, MS_SYNC))
					return map_failed(op, "msync", pos, 0);
			} else if (fsync((int)fd)) {
				return map_failed(op, "fsync", pos, 0);
			}
		}
	}
	if (fsync((int)fd))
		return 3;
	print("random mappings: seed ");
	print_dec(seed);
	print(", ");
	print_dec(MAP_OPS);
	puts(" accesses, as the model");
	return 0;
}

int filetest_main(long how)
{
	if (how >= RANDOM_MAP)
		return random_map(how - RANDOM_MAP);
	if (how >= 16)
		return random_rw(how);
	switch (how) {
	case 0:
		return new_file();
	case 1:
		return from_disk();
	case 2:
		return across();
	case 3:
		return refusals();
	case 4:
		return unlinked();
	case 5:
		return shared_map();
	case 6:
		return private_map();
	case 7:
		return offset_map();
	case 9:
		return msync_map();
	default:
		return odd_reads();
	}
}
