// SPDX-License-Identifier: GPL-2.0
/*
 * A console for exploring the running kernel: `make shell`.
 *
 *   ktest --shell [--board NAME] [--upto N]
 *
 * Boots the tree's kernel on a board (the device tree NAME, default
 * vexpress-256m) up to the boot stage chapter N needs, then reads
 * commands from the console (standard input: the terminal on the host,
 * QEMU's semihosting console on the board) and prints what they show
 * in Linux's formats.  `help` lists the commands.
 *
 * The console survives the kernel's bugs as the grader does: a BUG(),
 * an oops or a bad access during a command prints the kernel's report
 * and returns to the prompt (the kernel's exit hook jumps back here);
 * `reset` boots a fresh machine.
 */
#include <ctype.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/cma.h>
#include <linux/compaction.h>
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/memblock.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/ioport.h>
#include <linux/slub_def.h>
#include <linux/vmstat.h>
#include <asm/machine.h>
#include <asm/cp15.h>
#include <asm/fixmap.h>
#include <asm/module.h>
#include <asm/pgtable.h>
#include <asm/setup.h>
#include <asm/tlbflush.h>
#include <asm/pgwalk.h>
#include <asm/ptdump.h>
#include "mm/internal.h"
#include "ktest.h"

#define SHELL_MAX_ARGS 8
/* --upto of a tree with every chapter done (autograder/tools/shell.py) */
#define SHELL_ALL_CHAPTERS 99

static struct {
	const char *board;
	int upto; /* the chapter whose boot stage we reached */
	bool booted;
	bool echo; /* input is a script: show each command */
	unsigned long last_pfn, last_order; /* the last alloc_pages block */
	unsigned long cma_pfn, cma_count; /* the last cma_alloc range */
	bool have_last, have_cma;
} sh;

static jmp_buf shell_jmp;

/* The kernel ended the "task": back to the prompt. */
static void shell_task_exit(long code)
{
	longjmp(shell_jmp, 1);
}

/* Chapter 12's kernel path to CMA, then the end of boot. */
static void shell_boot_12(void)
{
	ktest_boot_rmem_cma();
	free_initmem();
}

/* Chapter 13's boot, then the end of boot. */
static void shell_boot_13(void)
{
	ktest_boot_slab();
	free_initmem();
}

/* Chapter 18's boot, on the kernel's page tables, then the end of boot. */
static void shell_boot_18(void)
{
	ktest_boot_paging();
	free_initmem();
}

/*
 * Chapter 30's boot with earlycon's part: at parse_early_param()'s
 * place, map the UART at FIX_EARLYCON_MEM_BASE as 5.10's earlycon_map()
 * does (the course has no earlycon driver: this stands in for it).
 */
static void shell_earlycon(void)
{
	const struct iomem_desc *uart = find_iomem("arm,pl011");

	if (!uart)
		return;
	set_fixmap_io(FIX_EARLYCON_MEM_BASE, uart->base & PAGE_MASK);
	printf("shell: earlycon's stand-in: the UART at %#lx mapped at "
	       "FIX_EARLYCON_MEM_BASE (%#lx)\n",
	       (unsigned long)uart->base, __fix_to_virt(FIX_EARLYCON_MEM_BASE));
}

static void shell_boot_30(void)
{
	ktest_early_param = shell_earlycon;
	ktest_boot_fixmap();
	ktest_early_param = NULL;
}

/* The boot stage of each chapter (boot.c), the last that applies. */
static const struct {
	int chapter;
	void (*stage)(void);
	const char *what;
} stages[] = {
	{ 3, ktest_boot_zones, "zones and mem_map" },
	{ 4, ktest_boot_buddy, "the buddy allocator" },
	{ 6, ktest_boot_pcp, "per-CPU page lists" },
	{ 7, ktest_boot_alloc, "zonelists and watermarks: alloc_pages()" },
	{ 8, ktest_boot_cma, "CMA areas" },
	{ 9, ktest_boot_memblock, "memblock" },
	{ 10, ktest_boot_memblock_free, "memblock_free_all" },
	{ 11, ktest_boot_initmem, "init sections freed" },
	{ 12, shell_boot_12, "CMA by rmem_cma_setup; init sections freed" },
	{ 13, shell_boot_13, "the slab allocator: kmem_cache_init()" },
	{ 18, shell_boot_18, "the kernel's page tables: swapper_pg_dir" },
	{ 25, ktest_boot_rwx,
	  "the image's section permissions and the vectors page" },
	{ 27, ktest_boot_io, "the resource tree: /proc/iomem" },
	{ 28, ktest_boot_highmem, "the pkmap and fixmap page tables" },
	{ 30, shell_boot_30, "the early fixmap; earlycon's slot kept" },
};

static int shell_boot(void)
{
	const void *fdt = find_builtin_dtb(sh.board);
	void (*stage)(void) = NULL;
	const char *what = "the machine only";
	int reached = 0;

	if (!fdt) {
		printf("shell: no built-in device tree named %s\n", sh.board);
		return -1;
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(stages); i++)
		if (stages[i].chapter <= sh.upto) {
			stage = stages[i].stage;
			what = stages[i].what;
			reached = stages[i].chapter;
		}
	sh.booted = sh.have_last = sh.have_cma = false;
	task_exit_hook = shell_task_exit;
	if (setjmp(shell_jmp)) {
		printf("shell: the boot oopsed (the report is above); fix the "
		       "code, or boot less far with CH=N\n");
		return -1;
	}
	/* the kernel's adjust_lowmem_bounds() once chapter 22 is in */
	ktest_kernel_lowmem_bounds = sh.upto >= 22;
	machine_boot(fdt);
	page_address_init(); /* start_kernel(), before setup_arch() */
	ktest_boot_fdt = fdt;
	ktest_harness_map(reached >= 18);
	bootmem_early_stand_in(BOOTMEM_REAL);
	if (stage)
		stage();
	sh.booted = true;
	/* A chapter without a stage of its own boots as the one before. */
	if (sh.upto > reached && sh.upto < SHELL_ALL_CHAPTERS)
		printf("shell: %s booted for chapter %02d: its boot goes up to "
		       "chapter %02d (%s)\n",
		       sh.board, sh.upto, reached, what);
	else
		printf("shell: %s booted up to chapter %02d (%s)\n", sh.board,
		       reached, what);
	return 0;
}

/* --- the commands ---------------------------------------------------- */

static char view_buf[256 * 1024];

/* Print a view; with @grep, only its lines that contain @grep. */
static void show(void (*view)(struct seq_file *m), const char *grep)
{
	struct seq_file m;

	seq_init(&m, view_buf, sizeof(view_buf));
	view(&m);
	for (char *line = m.buf, *end; grep && *line; line = end) {
		char keep;
		bool hit;

		end = strchr(line, '\n');
		end = end ? end + 1 : line + strlen(line);
		keep = *end;
		*end = 0;
		hit = strstr(line, grep);
		*end = keep;
		if (hit)
			fwrite(line, 1, end - line, stdout);
	}
	if (!grep)
		fwrite(m.buf, 1, m.count, stdout);
	if (m.overflow)
		printf("shell: (the view was cut at %zu bytes)\n", m.count);
}

/* debugfs: DEFINE_SHOW_ATTRIBUTE(memblock_debug), once per type */
static void memblock_memory_show(struct seq_file *m)
{
	memblock_debug_show(m, &memblock.memory);
}

static void memblock_reserved_show(struct seq_file *m)
{
	memblock_debug_show(m, &memblock.reserved);
}

static int cmd_cat(int argc, char **argv)
{
	static const struct {
		const char *path;
		void (*view)(struct seq_file *m);
		int chapter;
	} views[] = {
		{ "/proc/zoneinfo", zoneinfo_show, 3 },
		{ "/proc/buddyinfo", buddyinfo_show, 4 },
		{ "/proc/pagetypeinfo", pagetypeinfo_show, 5 },
		{ "/proc/meminfo", meminfo_show, 7 },
		{ "/sys/kernel/debug/memblock/memory", memblock_memory_show,
		  9 },
		{ "/sys/kernel/debug/memblock/reserved", memblock_reserved_show,
		  9 },
		{ "/proc/slabinfo", slabinfo_show, 13 },
		{ "/sys/kernel/debug/kernel_page_tables",
		  kernel_page_tables_show, 18 },
		{ "/proc/vmallocinfo", vmallocinfo_show, 26 },
		{ "/proc/iomem", iomem_show, 27 },
		{ "/proc/modules", modules_show, 31 },
	};

	if (argc != 2 &&
	    (argc != 5 || strcmp(argv[2], "|") || strcmp(argv[3], "grep"))) {
		printf("usage: cat FILE [| grep TEXT] (FILE one of "
		       "/proc/zoneinfo, /proc/buddyinfo, /proc/pagetypeinfo, "
		       "/proc/meminfo, /sys/kernel/debug/memblock/memory, "
		       "/sys/kernel/debug/memblock/reserved, "
		       "/proc/slabinfo, /proc/vmallocinfo, /proc/iomem, "
		       "/sys/kernel/debug/kernel_page_tables)\n");
		return -1;
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(views); i++) {
		if (strcmp(argv[1], views[i].path))
			continue;
		if (sh.upto < views[i].chapter) {
			printf("cat: %s needs chapter %02d's boot; this one "
			       "stops at chapter %02d\n",
			       argv[1], views[i].chapter, sh.upto);
			return -1;
		}
		show(views[i].view, argc == 5 ? argv[4] : NULL);
		return 0;
	}
	printf("cat: %s: No such file (try `help`)\n", argv[1]);
	return -1;
}

static int cmd_dmesg(int argc, char **argv)
{
	static char buf[64 * 1024];
	size_t n = syslog_read_all(buf, sizeof(buf) - 1);

	if (argc == 4 && !strcmp(argv[1], "|") && !strcmp(argv[2], "grep")) {
		buf[n] = 0;
		for (char *line = buf, *end; *line; line = end) {
			char keep;
			bool hit;

			end = strchr(line, '\n');
			end = end ? end + 1 : line + strlen(line);
			keep = *end;
			*end = 0;
			hit = strstr(line, argv[3]) != NULL;
			*end = keep;
			if (hit)
				fwrite(line, 1, end - line, stdout);
		}
		return 0;
	}
	if (argc != 1) {
		printf("usage: dmesg [| grep TEXT]\n");
		return -1;
	}
	fwrite(buf, 1, n, stdout);
	return 0;
}

static const struct {
	const char *name;
	gfp_t gfp;
} gfp_names[] = {
	{ "GFP_KERNEL", GFP_KERNEL },
	{ "GFP_ATOMIC", GFP_ATOMIC },
	{ "GFP_NOWAIT", GFP_NOWAIT },
	{ "GFP_NOIO", GFP_NOIO },
	{ "GFP_NOFS", GFP_NOFS },
	{ "GFP_USER", GFP_USER },
	{ "GFP_DMA", GFP_DMA },
	{ "GFP_HIGHUSER", GFP_HIGHUSER },
	{ "GFP_HIGHUSER_MOVABLE", GFP_HIGHUSER_MOVABLE },
	{ "GFP_KERNEL_ACCOUNT", GFP_KERNEL_ACCOUNT },
	{ "__GFP_DMA", __GFP_DMA },
	{ "__GFP_HIGHMEM", __GFP_HIGHMEM },
	{ "__GFP_MOVABLE", __GFP_MOVABLE },
	{ "__GFP_RECLAIMABLE", __GFP_RECLAIMABLE },
	{ "__GFP_HIGH", __GFP_HIGH },
	{ "__GFP_ATOMIC", __GFP_ATOMIC },
	{ "__GFP_ZERO", __GFP_ZERO },
	{ "__GFP_NOWARN", __GFP_NOWARN },
	{ "__GFP_COMP", __GFP_COMP },
};

/* "GFP_KERNEL|__GFP_ZERO" -> flags; -1 and a message if a name is bad. */
static int parse_gfp(char *text, gfp_t *gfp)
{
	*gfp = 0;
	for (char *name = strtok(text, "|"); name; name = strtok(NULL, "|")) {
		unsigned int i;

		for (i = 0; i < ARRAY_SIZE(gfp_names); i++)
			if (!strcmp(name, gfp_names[i].name))
				break;
		if (i == ARRAY_SIZE(gfp_names)) {
			printf("shell: unknown gfp flag %s (try `help gfp`)\n",
			       name);
			return -1;
		}
		*gfp |= gfp_names[i].gfp;
	}
	return 0;
}

/* A number in C syntax (0x.. or decimal), within [0, max]. */
static int parse_ulong(const char *text, unsigned long max, unsigned long *val,
		       const char *what)
{
	char *end;

	/* HEX arguments take bare hex digits too: "desc 6040d41e" */
	*val = strtoul(text, &end, strcmp(what, "HEX") ? 0 : 16);
	if (!*text || *end || *val > max) {
		printf("shell: %s: expected a number from 0 to %lu, not '%s'\n",
		       what, max, text);
		return -1;
	}
	return 0;
}

static bool needs(int chapter, const char *cmd)
{
	if (sh.upto >= chapter)
		return true;
	printf("%s: needs chapter %02d's boot; this one stops at chapter "
	       "%02d\n",
	       cmd, chapter, sh.upto);
	return false;
}

static int cmd_alloc_pages(int argc, char **argv)
{
	unsigned long order;
	struct page *page;
	gfp_t gfp;

	if (argc != 3) {
		printf("usage: alloc_pages GFP ORDER (e.g. alloc_pages "
		       "GFP_KERNEL|__GFP_ZERO 3)\n");
		return -1;
	}
	if (!needs(7, argv[0]) || parse_gfp(argv[1], &gfp) ||
	    parse_ulong(argv[2], MAX_ORDER - 1, &order, "ORDER"))
		return -1;
	page = alloc_pages(gfp, order);
	if (!page) {
		printf("alloc_pages: no page of order %lu (NULL)\n", order);
		return -1;
	}
	sh.last_pfn = page_to_pfn(page);
	sh.last_order = order;
	sh.have_last = true;
	printf("alloc_pages: pfn %#lx, order %lu, zone %s\n", sh.last_pfn,
	       order, page_zone(page)->name);
	return 0;
}

static int cmd_free_pages(int argc, char **argv)
{
	unsigned long pfn = sh.last_pfn, order = sh.last_order;

	if (argc != 3 && (argc != 1 || !sh.have_last)) {
		printf("usage: free_pages PFN ORDER (without them: the last "
		       "block alloc_pages gave)\n");
		return -1;
	}
	if (!needs(4, argv[0]) ||
	    (argc == 3 &&
	     (parse_ulong(argv[1], ~0UL, &pfn, "PFN") ||
	      parse_ulong(argv[2], MAX_ORDER - 1, &order, "ORDER"))))
		return -1;
	sh.have_last = false;
	if (!pfn_valid(pfn)) {
		printf("free_pages: pfn %#lx is not a page of this machine\n",
		       pfn);
		return -1;
	}
	__free_pages(pfn_to_page(pfn), order);
	printf("free_pages: pfn %#lx, order %lu freed\n", pfn, order);
	return 0;
}

static int cmd_cma_alloc(int argc, char **argv)
{
	unsigned long count, align;
	struct page *page;

	if (argc != 3) {
		printf("usage: cma_alloc COUNT ALIGN (pages; ALIGN an "
		       "order)\n");
		return -1;
	}
	if (!needs(8, argv[0]) ||
	    parse_ulong(argv[1], 1UL << 20, &count, "COUNT") ||
	    parse_ulong(argv[2], MAX_ORDER - 1, &align, "ALIGN"))
		return -1;
	if (!cma_area_count) {
		printf("cma_alloc: this board has no CMA area (try "
		       "BOARD=vexpress-cma)\n");
		return -1;
	}
	page = cma_alloc(&cma_areas[0], count, align, false);
	if (!page) {
		printf("cma_alloc: failed (NULL)\n");
		return -1;
	}
	sh.cma_pfn = page_to_pfn(page);
	sh.cma_count = count;
	sh.have_cma = true;
	printf("cma_alloc: pfn %#lx, %lu pages from %s\n", sh.cma_pfn, count,
	       cma_areas[0].name);
	return 0;
}

static int cmd_cma_release(int argc, char **argv)
{
	unsigned long pfn = sh.cma_pfn, count = sh.cma_count;

	if (argc != 3 && (argc != 1 || !sh.have_cma)) {
		printf("usage: cma_release PFN COUNT (without them: the last "
		       "range cma_alloc gave)\n");
		return -1;
	}
	if (!needs(8, argv[0]) ||
	    (argc == 3 && (parse_ulong(argv[1], ~0UL, &pfn, "PFN") ||
			   parse_ulong(argv[2], 1UL << 20, &count, "COUNT"))))
		return -1;
	sh.have_cma = false;
	if (!cma_area_count || !pfn_valid(pfn)) {
		printf("cma_release: no CMA area, or pfn %#lx is not a page\n",
		       pfn);
		return -1;
	}
	printf("cma_release: %s\n",
	       cma_release(&cma_areas[0], pfn_to_page(pfn), count)
		       ? "released"
		       : "refused (not pages of this area)");
	return 0;
}

static int cmd_cpu(int argc, char **argv)
{
	unsigned long cpu;

	if (argc == 1) {
		printf("cpu %d\n", smp_processor_id());
		return 0;
	}
	if (argc != 2 || parse_ulong(argv[1], NR_CPUS - 1, &cpu, "CPU"))
		return -1;
	__smp_processor_id = cpu;
	printf("cpu %lu\n", cpu);
	return 0;
}

static int cmd_drain(int argc, char **argv)
{
	if (!needs(6, argv[0]))
		return -1;
	drain_all_pages(NULL);
	printf("drain: every CPU's lists are back in the buddy\n");
	return 0;
}

static int cmd_compact(int argc, char **argv)
{
	static const char *const result[] = { "skipped", "continue", "complete",
					      "success" };
	unsigned long order = MAX_ORDER - 1;
	pg_data_t *pgdat = NODE_DATA(0);

	if (!needs(5, argv[0]) ||
	    (argc == 2 && parse_ulong(argv[1], MAX_ORDER - 1, &order, "ORDER")))
		return -1;
	for (int i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *z = &pgdat->node_zones[i];

		if (!z->present_pages)
			continue;
		printf("compact: zone %s: %s\n", z->name,
		       result[compact_zone_order(z, order,
						 COMPACT_PRIO_SYNC_FULL)]);
	}
	return 0;
}

/* Call an __init function after boot: after free_initmem(), an oops. */
static int cmd_call_init(int argc, char **argv)
{
	void (*volatile fn)(void) = bootmem_init;

	if (argc != 2 || strcmp(argv[1], "bootmem_init")) {
		printf("usage: call_init bootmem_init\n");
		return -1;
	}
	if (!needs(11, argv[0]))
		return -1;
	printf("call_init: calling bootmem_init(), an __init function\n");
	fn();
	printf("call_init: bootmem_init() returned\n");
	return 0;
}

/* kmalloc SIZE [GFP]: the address, its cache and ksize */
static int cmd_kmalloc(int argc, char **argv)
{
	unsigned long size;
	gfp_t gfp = GFP_KERNEL;
	struct page *page;
	void *p;

	if (argc != 2 && argc != 3) {
		printf("usage: kmalloc SIZE [GFP] (e.g. kmalloc 100)\n");
		return -1;
	}
	if (!needs(14, argv[0]) ||
	    parse_ulong(argv[1], 64UL << 20, &size, "SIZE") ||
	    (argc == 3 && parse_gfp(argv[2], &gfp)))
		return -1;
	p = kmalloc(size, gfp);
	if (ZERO_OR_NULL_PTR(p)) {
		printf("kmalloc: %s\n", p ? "ZERO_SIZE_PTR" : "NULL");
		return 0;
	}
	page = virt_to_head_page(p);
	printf("kmalloc: %p from %s, ksize %lu\n", p,
	       PageSlab(page) ? page->slab_cache->name : "the page allocator",
	       (unsigned long)ksize(p));
	return 0;
}

/* kfree ADDR */
static int cmd_kfree(int argc, char **argv)
{
	unsigned long addr;

	if (argc != 2) {
		printf("usage: kfree ADDR (as kmalloc printed it)\n");
		return -1;
	}
	if (!needs(14, argv[0]) ||
	    parse_ulong(argv[1], UINTPTR_MAX, &addr, "ADDR"))
		return -1;
	kfree((void *)(uintptr_t)addr);
	printf("kfree: %#lx\n", addr);
	return 0;
}

/* vmalloc SIZE: the address and the pages behind it */
static int cmd_vmalloc(int argc, char **argv)
{
	unsigned long size;
	struct vm_struct *vm;
	void *p;

	if (argc != 2) {
		printf("usage: vmalloc SIZE (e.g. vmalloc 20000)\n");
		return -1;
	}
	if (!needs(26, argv[0]) ||
	    parse_ulong(argv[1], 64UL << 20, &size, "SIZE"))
		return -1;
	/*
	 * No caller recorded: /proc/vmallocinfo would print this code's
	 * address, which differs between the machines (the board has no
	 * kallsyms to name it).
	 */
	p = __vmalloc_node_range(size, 1, VMALLOC_START, VMALLOC_END,
				 GFP_KERNEL, PAGE_KERNEL, 0, NUMA_NO_NODE,
				 NULL);
	if (!p) {
		printf("vmalloc: NULL\n");
		return 0;
	}
	vm = find_vm_area(p);
	printf("vmalloc: %p, %u pages (pfn", p, vm->nr_pages);
	for (unsigned int i = 0; i < vm->nr_pages && i < 8; i++)
		printf(" %lu", page_to_pfn(vm->pages[i]));
	printf("%s), guard page at %p\n", vm->nr_pages > 8 ? " ..." : "",
	       (void *)((char *)vm->addr + get_vm_area_size(vm)));
	return 0;
}

/* vfree ADDR */
static int cmd_vfree(int argc, char **argv)
{
	unsigned long addr;

	if (argc != 2) {
		printf("usage: vfree ADDR (as vmalloc printed it)\n");
		return -1;
	}
	if (!needs(26, argv[0]) ||
	    parse_ulong(argv[1], UINTPTR_MAX, &addr, "ADDR"))
		return -1;
	vfree((void *)(uintptr_t)addr);
	printf("vfree: %#lx (its addresses wait for a purge)\n", addr);
	return 0;
}

/* kmap PFN / kunmap PFN: the lecture's experiment (chapter 29) */
static int cmd_kmap(int argc, char **argv)
{
	bool un = !strcmp(argv[0], "kunmap");
	unsigned long pfn;
	struct page *page;
	void *addr;

	if (argc != 2) {
		printf("usage: %s PFN (as alloc_pages printed it)\n", argv[0]);
		return -1;
	}
	if (!needs(29, argv[0]) ||
	    parse_ulong(argv[1], max_pfn - 1, &pfn, "PFN"))
		return -1;
	if (pfn < min_low_pfn) {
		printf("%s: pfn %lu is below RAM\n", argv[0], pfn);
		return -1;
	}
	page = pfn_to_page(pfn);
	if (un) {
		kunmap(page);
		printf("kunmap: pfn %#lx, page_address %p\n", pfn,
		       page_address(page));
		return 0;
	}
	addr = kmap(page);
	printf("kmap: pfn %#lx (%s) -> %p\n", pfn,
	       PageHighMem(page) ? "highmem" : "lowmem", addr);
	return 0;
}

/* busybox's moderror(): what insmod says of the kernel's error */
static const char *moderror(long err)
{
	switch (err) {
	case -ENOEXEC:
		return "invalid module format";
	case -ENOENT:
		return "unknown symbol in module, or unknown parameter";
	case -EEXIST:
		return "File exists";
	case -ENOMEM:
		return "Out of memory";
	case -ENODEV:
		return "No such device";
	}
	return "error";
}

/*
 * insmod NAME / rmmod NAME: a module built with the image (chapter 31),
 * with busybox's messages, as Debian's initramfs prints them.
 */
static int cmd_insmod(int argc, char **argv)
{
	const struct builtin_module *m;
	struct module *mod;
	int err;

	if (argc != 2) {
		printf("usage: %s NAME (a module of samples/modules)\n",
		       argv[0]);
		return -1;
	}
	if (!needs(31, argv[0]))
		return -1;
	if (!strcmp(argv[0], "rmmod")) {
		err = sys_delete_module(argv[1], 0);
		if (err) {
			printf("rmmod: can't unload module '%s': %s\n", argv[1],
			       err == -EBUSY ? "Device or resource busy"
					     : "No such file or directory");
			return -1;
		}
		return 0;
	}
	m = find_builtin_module(argv[1]);
	if (!m) {
		printf("insmod: can't insert '%s.ko': No such file or "
		       "directory (samples/modules has no such module)\n",
		       argv[1]);
		return -1;
	}
	mod = find_module(m->name) ? ERR_PTR(-EEXIST)
				   : load_module(m->data, m->size, m->name);
	err = IS_ERR(mod) ? PTR_ERR(mod) : do_init_module(mod);
	if (err == -ENOEXEC && !IS_ERR(mod) && !machine_runs_modules()) {
		printf("insmod: %s loaded at %p; the host does not run its ARM "
		       "code\n",
		       m->name, mod->core_layout.base);
		return 0;
	}
	if (err) {
		printf("insmod: can't insert '%s.ko': %s\n", m->name,
		       moderror(err));
		return -1;
	}
	return 0;
}

/* The name of fixmap slot @idx after paging_init (asm/fixmap.h). */
static const char *fixmap_name(unsigned int idx, char *buf, size_t size)
{
	if (idx == FIX_EARLYCON_MEM_BASE)
		return "FIX_EARLYCON_MEM_BASE";
	if (idx >= FIX_KMAP_BEGIN && idx <= FIX_KMAP_END)
		snprintf(buf, size, "FIX_KMAP_BEGIN+%u (CPU %u)",
			 idx - FIX_KMAP_BEGIN,
			 (idx - FIX_KMAP_BEGIN) / KM_TYPE_NR);
	else if (idx == FIX_TEXT_POKE0 || idx == FIX_TEXT_POKE1)
		snprintf(buf, size, "FIX_TEXT_POKE%u", idx - FIX_TEXT_POKE0);
	else
		snprintf(buf, size, "(early_ioremap's only)");
	return buf;
}

/* fixmap: every mapped slot of the fixmap, from the kernel's table */
static int cmd_fixmap(int argc, char **argv)
{
	unsigned int shown = 0;

	if (argc != 1) {
		printf("usage: fixmap\n");
		return -1;
	}
	if (!needs(30, argv[0]))
		return -1;
	printf("fixmap: %u slots from %#lx down to %#lx\n",
	       (unsigned int)__end_of_fixed_addresses, FIXADDR_TOP,
	       __fix_to_virt(__end_of_fixed_addresses - 1));
	for (unsigned int idx = 0; idx < __end_of_fixed_addresses; idx++) {
		unsigned long va = __fix_to_virt(idx);
		pte_t *ptep = virt_to_kpte(va);
		pte_t pte;
		char name[40];

		if (!ptep || pte_none(*ptep))
			continue;
		pte = *ptep;
		printf("  %3u %#010lx %-26s PTE %08x -> %#010lx\n", idx, va,
		       fixmap_name(idx, name, sizeof(name)), (u32)pte_val(pte),
		       (unsigned long)PFN_PHYS(pte_pfn(pte)));
		shown++;
	}
	printf("fixmap: %u mapped\n", shown);
	return 0;
}

/* kmem_cache_create NAME SIZE: a cache that /proc/slabinfo shows */
static int cmd_kmem_cache_create(int argc, char **argv)
{
	static char names[8][32];
	static int nr_names;
	unsigned long size, count = 0;
	struct kmem_cache *s;

	if (argc != 3 && argc != 4) {
		printf("usage: kmem_cache_create NAME SIZE [OBJECTS] "
		       "(allocates OBJECTS of it)\n");
		return -1;
	}
	if (!needs(13, argv[0]) ||
	    parse_ulong(argv[2], 1UL << 20, &size, "SIZE") ||
	    (argc == 4 && parse_ulong(argv[3], 100000, &count, "OBJECTS")))
		return -1;
	if (nr_names == ARRAY_SIZE(names)) {
		printf("kmem_cache_create: the shell keeps 8 names\n");
		return -1;
	}
	snprintf(names[nr_names], sizeof(names[0]), "%s", argv[1]);
	s = kmem_cache_create(names[nr_names], size, 0, 0, NULL);
	if (!s)
		return -1;
	nr_names++;
	for (unsigned long i = 0; i < count; i++)
		kmem_cache_alloc(s, GFP_KERNEL);
	printf("kmem_cache_create: %s: size %u, objects per slab %u, "
	       "order %u\n",
	       argv[1], s->size, s->oo.x & 0xffff, s->oo.x >> 16);
	return 0;
}

/* tick N: advance jiffies (our kernel has no timer interrupt) */
static int cmd_tick(int argc, char **argv)
{
	unsigned long n = 1;

	if (argc == 2 && parse_ulong(argv[1], 1000000, &n, "N"))
		return -1;
	jiffies += n;
	printf("jiffies: %lu\n", jiffies);
	return 0;
}

/* A count as perf stat prints it: thousands separated by commas. */
static void perf_line(bool have, u64 count, const char *event, const char *note)
{
	char num[32], out[40];
	int n, len, o = 0;

	if (!have) {
		printf("%18s      %-25s # %s\n", "<not supported>", event,
		       note);
		return;
	}
	len = snprintf(num, sizeof(num), "%llu", (unsigned long long)count);
	for (n = 0; n < len; n++) {
		if (n && (len - n) % 3 == 0)
			out[o++] = ',';
		out[o++] = num[n];
	}
	out[o] = 0;
	printf("%18s      %-25s # %s\n", out, event, note);
}

/* `perf stat`: the TLB's event counters since boot, where the machine has
 * them. */
static int cmd_perf(int argc, char **argv)
{
	struct machine_tlb_stats st = { 0 };
	bool have;

	if (argc != 2 || strcmp(argv[1], "stat")) {
		printf("usage: perf stat\n");
		return -1;
	}
	have = machine_tlb_stats(&st);
	printf("\n Performance counter stats for the TLB since boot:\n\n");
	perf_line(have, st.hits, "tlb-hits", "lookups that found an entry");
	perf_line(have, st.walks, "tlb-walks", "misses: walk + fill");
	perf_line(have, st.faults, "tlb-walk-faults", "walks with no entry");
	perf_line(have, st.evictions, "tlb-evictions", "entries pushed out");
	perf_line(have, st.entries, "tlb-entries", "valid now");
	perf_line(have, st.tlbiall, "tlbiall", "flush_tlb_all");
	perf_line(have, st.tlbimva, "tlbimva", "flush_tlb_*page, *range");
	perf_line(have, st.tlbiasid, "tlbiasid", "flush_tlb_mm");
	perf_line(have, st.tlbimvaa, "tlbimvaa", "a page, every ASID");
	printf("\n");
	return 0;
}

/*
 * walk VA: the first line as Linux's show_pte() (arch/arm/mm/fault.c)
 * prints it, *pgd being the first entry of the 2 MiB pair; then the
 * hardware walk of the live table (chapter 16).
 */
static int cmd_walk(int argc, char **argv)
{
	u32 *l1 = __va(cpu_get_ttbr(0) & ~0x3fffU);
	struct hw_translation t;
	unsigned long va;

	if (!needs(16, "walk"))
		return -1;
	if (argc != 2 || parse_ulong(argv[1], 0xffffffffUL, &va, "VA"))
		return -1;
	printf("[%08lx] *pgd=%08llx\n", va,
	       (long long)pgd_val(*pgd_offset_pgd((pgd_t *)l1, va)));
	if (hw_walk_tables(l1, va, &t))
		printf("hw: L1[%03x]=%08x%s -> translation fault %#x\n",
		       hw_l1_index(va), t.l1,
		       t.fs == HW_FS_TRANS_PAGE ? ", L2 fault" : "", t.fs);
	else if (t.size >= SECTION_SIZE)
		printf("hw: L1[%03x]=%08x -> PA %08x (%s, domain %u)\n",
		       hw_l1_index(va), t.l1, t.pa,
		       t.size == SECTION_SIZE ? "section" : "supersection",
		       t.domain);
	else
		printf("hw: L1[%03x]=%08x L2[%02x]=%08x -> PA %08x (%s page, "
		       "domain %u)\n",
		       hw_l1_index(va), t.l1, hw_l2_index(va), t.l2, t.pa,
		       t.size == PAGE_SIZE ? "small" : "large", t.domain);
	return 0;
}

/* vmlayout: the banner v5.0's mem_init() printed (chapter 20) */
static int cmd_vmlayout(int argc, char **argv)
{
	(void)argv;
	if (!needs(20, "vmlayout") || argc != 1)
		return -1;
	print_vm_layout();
	return 0;
}

/* desc HEX [LEVEL]: the fields of a descriptor (chapter 17) */
static int cmd_desc(int argc, char **argv)
{
	unsigned long val, level = 1;
	struct hw_desc d;

	if (!needs(17, "desc"))
		return -1;
	if ((argc != 2 && argc != 3) ||
	    parse_ulong(argv[1], 0xffffffffUL, &val, "HEX") ||
	    (argc == 3 && parse_ulong(argv[2], 2, &level, "LEVEL")))
		return -1;
	if (hw_desc_decode(val, level, &d))
		return -1;
	printf("%08lx: L%lu %s", val, level, hw_desc_type_name(d.type));
	if (d.type != HW_DESC_FAULT)
		printf(" base %08x", d.base);
	if (d.type == HW_DESC_TABLE)
		printf(" domain %u%s", d.domain, d.ns ? " NS" : "");
	else if (d.type != HW_DESC_FAULT)
		printf(" APX:AP %u%u%u TEX %u C%d B%d domain %u%s%s%s%s",
		       d.ap >> 2, (d.ap >> 1) & 1, d.ap & 1, d.tex, d.c, d.b,
		       d.domain, d.xn ? " XN" : "", d.ng ? " nG" : "",
		       d.s ? " S" : "", d.ns ? " NS" : "");
	printf("\n");
	return 0;
}

/*
 * `tlb_demo`: chapter 19's stale-translation experiment on a kernel
 * page of the vmalloc range, in the live first-level table.
 */
static int cmd_tlb_demo(int argc, char **argv)
{
	u32 *pgd = (u32 *)__va(cpu_get_ttbr(0) & ~0x3fffU);
	struct page *a, *b, *l2p;
	u32 idx = 0xf0000000U >> SECTION_SHIFT, va, *l2, prot;

	if (!needs(19, "tlb_demo"))
		return -1;
	while (pgd[idx] && idx < HW_L1_ENTRIES - 16)
		idx++;
	a = alloc_page(GFP_KERNEL);
	b = alloc_page(GFP_KERNEL);
	l2p = alloc_page(GFP_KERNEL | __GFP_ZERO);
	if (pgd[idx] || !a || !b || !l2p) {
		printf("tlb_demo: no free megabyte or no memory\n");
		return -1;
	}
	*(u32 *)page_address(a) = 0xaaaa;
	*(u32 *)page_address(b) = 0xbbbb;
	l2 = page_address(l2p);
	va = idx << SECTION_SHIFT;
	prot = PTE_TYPE_SMALL | PTE_EXT_AP_UNO_SRW | PTE_BUFFERABLE |
	       PTE_CACHEABLE | PTE_EXT_TEX(1);
	pgd[idx] = (u32)__pa((unsigned long)l2) | PMD_TYPE_TABLE;
	l2[0] = (u32)page_to_pfn(a) << PAGE_SHIFT | prot;
	printf("PTE -> page A, read %#x: %#x\n", va,
	       *(volatile u32 *)(uintptr_t)va);
	l2[0] = (u32)page_to_pfn(b) << PAGE_SHIFT | prot;
	printf("PTE -> page B, no flush, read: %#x (stale)\n",
	       *(volatile u32 *)(uintptr_t)va);
	flush_tlb_kernel_page(va);
	printf("flush_tlb_kernel_page, read: %#x\n",
	       *(volatile u32 *)(uintptr_t)va);
	pgd[idx] = 0;
	flush_tlb_all();
	__free_page(l2p);
	__free_page(b);
	__free_page(a);
	return 0;
}

static int cmd_reset(int argc, char **argv)
{
	return shell_boot();
}

static int cmd_help(int argc, char **argv);

static const struct {
	const char *name, *args, *help;
	int (*fn)(int argc, char **argv);
} cmds[] = {
	{ "help", "[gfp]", "this list; `help gfp`: the gfp names", cmd_help },
	{ "cat", "FILE [| grep TEXT]",
	  "/proc/{zoneinfo,buddyinfo,pagetypeinfo,meminfo,slabinfo,"
	  "vmallocinfo,iomem}, "
	  "/sys/kernel/debug/{memblock/{memory,reserved},kernel_page_tables}",
	  cmd_cat },
	{ "dmesg", "[| grep TEXT]", "the kernel's log since boot", cmd_dmesg },
	{ "alloc_pages", "GFP ORDER", "allocate 2^ORDER pages; prints the pfn",
	  cmd_alloc_pages },
	{ "free_pages", "[PFN ORDER]", "free a block (default: the last one)",
	  cmd_free_pages },
	{ "cma_alloc", "COUNT ALIGN", "COUNT pages from the first CMA area",
	  cmd_cma_alloc },
	{ "cma_release", "[PFN COUNT]", "give them back (default: the last)",
	  cmd_cma_release },
	{ "kmem_cache_create", "NAME SIZE [OBJECTS]",
	  "a slab cache (and OBJECTS allocated from it)",
	  cmd_kmem_cache_create },
	{ "kmalloc", "SIZE [GFP]", "allocate; prints the address and cache",
	  cmd_kmalloc },
	{ "kfree", "ADDR", "free what kmalloc returned", cmd_kfree },
	{ "vmalloc", "SIZE", "virtually contiguous memory (ch. 26)",
	  cmd_vmalloc },
	{ "vfree", "ADDR", "free what vmalloc returned", cmd_vfree },
	{ "kmap", "PFN", "map a page: its address (ch. 29)", cmd_kmap },
	{ "kunmap", "PFN", "one user fewer of kmap's slot", cmd_kmap },
	{ "fixmap", "", "the fixmap's mapped slots (ch. 30)", cmd_fixmap },
	{ "insmod", "NAME", "load a module of samples/modules (ch. 31)",
	  cmd_insmod },
	{ "rmmod", "NAME", "unload it", cmd_insmod },
	{ "tick", "[N]", "advance jiffies by N", cmd_tick },
	{ "cpu", "[N]", "the simulated CPU we run on (0-3)", cmd_cpu },
	{ "drain", "", "empty every CPU's per-CPU lists", cmd_drain },
	{ "compact", "[ORDER]", "compact every zone", cmd_compact },
	{ "call_init", "bootmem_init",
	  "call an __init function after boot (chapter 11)", cmd_call_init },
	{ "perf", "stat", "the TLB's counters since boot (chapter 19)",
	  cmd_perf },
	{ "tlb_demo", "", "a stale translation, then the flush (chapter 19)",
	  cmd_tlb_demo },
	{ "walk", "VA", "show_pte()'s line, then the hardware walk (ch. 16)",
	  cmd_walk },
	{ "desc", "HEX [LEVEL]", "the fields of a descriptor (ch. 17)",
	  cmd_desc },
	{ "vmlayout", "", "the virtual memory layout banner (ch. 20)",
	  cmd_vmlayout },
	{ "reset", "", "boot a fresh machine", cmd_reset },
	{ "quit", "", "leave (end of input does too)", NULL },
};

static int cmd_help(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "gfp")) {
		for (unsigned int i = 0; i < ARRAY_SIZE(gfp_names); i++)
			printf("  %-22s %#x\n", gfp_names[i].name,
			       gfp_names[i].gfp);
		printf("combine them with |, e.g. GFP_KERNEL|__GFP_ZERO\n");
		return 0;
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(cmds); i++)
		printf("  %-12s %-12s %s\n", cmds[i].name, cmds[i].args,
		       cmds[i].help);
	return 0;
}

/* Run command @i; an oops inside it comes back here. */
static void run_command(unsigned int i, int argc, char **argv)
{
	task_exit_hook = shell_task_exit;
	if (setjmp(shell_jmp)) {
		printf("shell: the kernel oopsed in `%s` (the report is "
		       "above); the machine may be inconsistent: `reset` "
		       "boots a fresh one\n",
		       cmds[i].name);
		return;
	}
	cmds[i].fn(argc, argv);
}

/* Run one command line; false when it was `quit`. */
static bool shell_command(char *line)
{
	char *argv[SHELL_MAX_ARGS + 1];
	int argc = 0;

	for (char *w = strtok(line, " \t\r\n"); w && argc < SHELL_MAX_ARGS;
	     w = strtok(NULL, " \t\r\n"))
		argv[argc++] = w;
	argv[argc] = NULL;
	if (!argc || argv[0][0] == '#')
		return true;
	if (!strcmp(argv[0], "quit") || !strcmp(argv[0], "exit"))
		return false;
	for (unsigned int i = 0; i < ARRAY_SIZE(cmds); i++) {
		if (strcmp(argv[0], cmds[i].name) || !cmds[i].fn)
			continue;
		if (!sh.booted && cmds[i].fn != cmd_help &&
		    cmds[i].fn != cmd_reset && cmds[i].fn != cmd_dmesg) {
			printf("%s: the machine is not booted; `reset` "
			       "boots it\n",
			       argv[0]);
			return true;
		}
		run_command(i, argc, argv);
		return true;
	}
	printf("shell: %s: unknown command (try `help`)\n", argv[0]);
	return true;
}

/**
 * ktest_shell - boot BOARD up to chapter UPTO's stage, then read commands.
 * @board: a built-in device tree's name, or NULL for vexpress-256m
 * @upto: the chapter whose boot stage to reach
 * @echo: print each command read (the input is a script)
 *
 * Return: the exit status (0).
 */
int ktest_shell(const char *board, int upto, bool echo)
{
	static char line[512];

	sh.board = board ? board : "vexpress-256m";
	sh.upto = upto;
	sh.echo = echo;
	setvbuf(stdout, NULL, _IOLBF, 0);
	shell_boot();
	for (;;) {
		printf("mm> ");
		fflush(stdout);
		if (!fgets(line, sizeof(line), stdin))
			break;
		if (sh.echo) /* a script: show the command after the prompt */
			printf("%s%s", line, strchr(line, '\n') ? "" : "\n");
		if (!shell_command(line))
			break;
	}
	printf("\n");
	return 0;
}
