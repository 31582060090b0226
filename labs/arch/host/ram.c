// SPDX-License-Identifier: GPL-2.0
/*
 * Physical memory of the host port.
 *
 * The board's RAM is a memfd, a file in memory, as large as the device
 * tree's banks.  The simulator reads it through a private alias (for
 * table walks); the simulated kernel reads it only through mappings that
 * the TLB code places in the low 4 GiB of the host process, at the
 * simulated virtual address:
 *
 *   host process (x86-64)                   memfd "ram"
 *   0x0000_0001_0000 +-------------------+
 *                    | PROT_NONE reserve |   an access here faults:
 *   VA 0xc0000000 -> | [mapped by TLB] --+-->  offset PA - base
 *                    |                   |
 *   0x0001_0000_0000 +-------------------+
 *   0x55..., 0x7f... the host program, libc, stacks (never below 4 GiB)
 *
 * Mapping one file page at two addresses is what makes the alias of a
 * physical page (a kernel VA and a user VA, a stale TLB entry and the
 * new one) behave as on real hardware: a write through one shows through
 * the other.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/kernel.h>
#include <linux/panic.h>
#include "host.h"

#define LOW_START 0x10000UL /* vm.mmap_min_addr: nothing maps below */
#define LOW_END 0x100000000UL

static struct {
	int fd;
	u32 base, size;
	u8 *alias;
} ram = { .fd = -1 };

static void *must_mmap(void *addr, size_t len, int prot, int flags, int fd,
		       off_t off)
{
	void *p = mmap(addr, len, prot, flags, fd, off);

	if (p == MAP_FAILED) {
		perror("host: mmap");
		abort();
	}
	return p;
}

/* Claim [64 KiB, 4 GiB) so that nothing of the host lands there. */
void host_reserve_address_space(void)
{
	void *p = mmap((void *)LOW_START, LOW_END - LOW_START, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE |
			       MAP_FIXED_NOREPLACE,
		       -1, 0);

	if (p != (void *)LOW_START) {
		fprintf(stderr, "host: the low 4 GiB of the address space are "
				"taken; build the host port as PIE\n");
		abort();
	}
}

/* Create (or re-create, zeroed) the RAM: @size bytes at physical @base. */
void host_ram_create(u32 base, u32 size)
{
	if (ram.fd >= 0) {
		munmap(ram.alias, ram.size);
		close(ram.fd);
	}
	ram.fd = memfd_create("ram", MFD_CLOEXEC);
	if (ram.fd < 0 || ftruncate(ram.fd, size)) {
		perror("host: memfd");
		abort();
	}
	ram.base = base;
	ram.size = size;
	ram.alias = must_mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED,
			      ram.fd, 0);
}

bool host_is_ram(u32 pa, u32 len)
{
	return pa >= ram.base && (u64)pa + len <= (u64)ram.base + ram.size;
}

/* Where the host keeps the RAM byte at @pa (host_is_ram() first). */
void *host_ram_ptr(u32 pa)
{
	return ram.alias + (pa - ram.base);
}

/* A word of physical memory, for the table walker. */
u32 host_read_phys(u32 pa, bool *ok)
{
	if (!host_is_ram(pa & ~3U, 4)) {
		*ok = false;
		return 0;
	}
	*ok = true;
	return *(u32 *)(ram.alias + ((pa & ~3U) - ram.base));
}

/*
 * Map [va, va+size) to [pa, pa+size), keeping only the part that is RAM
 * and above LOW_START; the rest stays unmapped and keeps faulting.
 */
void host_map(u32 va, u32 pa, u32 size, bool writable)
{
	u64 lo = max((u64)pa, (u64)ram.base);
	u64 hi = min((u64)pa + size, (u64)ram.base + ram.size);
	int prot = PROT_READ | (writable ? PROT_WRITE : 0);

	if (va + (lo - pa) < LOW_START)
		lo = pa + (LOW_START - va);
	if (lo >= hi)
		return;
	must_mmap((void *)(uintptr_t)(va + (lo - pa)), hi - lo, prot,
		  MAP_SHARED | MAP_FIXED, ram.fd, lo - ram.base);
}

/* Forget the mappings of [va, va+size): the next access faults. */
void host_unmap(u32 va, u32 size)
{
	u64 lo = max((u64)va, (u64)LOW_START), hi = (u64)va + size;

	if (lo < hi)
		must_mmap((void *)(uintptr_t)lo, hi - lo, PROT_NONE,
			  MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE |
				  MAP_FIXED,
			  -1, 0);
}

void host_unmap_all(void)
{
	host_unmap(LOW_START, (u32)(LOW_END - LOW_START));
}
