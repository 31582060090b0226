/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The course's test harness, on top of the Check unit-test library.
 *
 * A chapter's tests are ordinary Check tests (START_TEST ... END_TEST,
 * ck_assert_*), grouped in one struct ktest_suite per chapter:
 *
 *   KTEST_SUITE(ch04) = {
 *           .chapter = "04", .title = "The buddy system",
 *           .boot = boot_buddy,          // extra boot stage, may be NULL
 *           .tests = KTESTS(test_split, test_merge),
 *   };
 *
 * Before every test the harness boots a fresh machine on the suite's
 * device tree (default vexpress-256m), installs the identity map a boot
 * loader would leave (MMU on, the first megabyte unmapped so NULL
 * dereferences fault), and runs the suite's boot stage.  On the host
 * each test runs in its own process (Check's fork mode); on the board
 * the machine is reset in place.  A kernel oops, BUG() or panic inside
 * a test fails that test with the oops's reason.
 */
#ifndef _KTEST_H
#define _KTEST_H

#include <check.h>
#include <setjmp.h>
#include <linux/types.h>

/*
 * Check records every assertion that passes (_mark_point() sends the
 * runner a message); in a loop over 65536 pages that is most of a
 * test's time.  Ours reports failures only.
 */
#undef ck_assert_msg
#define ck_assert_msg(expr, ...)                                    \
	((expr) ? (void)0                                           \
		: _ck_assert_failed(__FILE__, __LINE__,             \
				    "Assertion '" #expr "' failed", \
				    ##__VA_ARGS__))

struct ktest_suite {
	const char *chapter; /* "00".."44", or a self-test group name */
	const char *title; /* shown in reports */
	const char *dtb; /* device tree; NULL: vexpress-256m */
	void (*boot)(void); /* boot stage after the identity map */
	const TTest *const *const *tests; /* NULL-terminated */
	/*
	 * Tests of @tests that boot only up to @early_boot: what they check
	 * needs less of the chapter than @boot does, so that they can pass
	 * (and name a mistake) while the rest of the chapter is unwritten.
	 */
	void (*early_boot)(void);
	const TTest *const *const *early_tests; /* NULL-terminated */
	double timeout; /* seconds per test; 0: the default */
	bool arm_only; /* needs the real MMU (e.g. ATS1CPR) */
	/*
	 * Boot with "page_poison=on" (mm/page_poison.c): free pages are
	 * filled with 0xaa and checked when allocated, so that a write to
	 * a freed page is reported ("pagealloc: memory corruption").  It
	 * costs a memset of the RAM at every boot; the suites that watch
	 * freed pages ask for it.
	 */
	bool page_poison;
};

/* KT_MAP(m, a, b, ...) expands to m(a), m(b), ...: up to 64 items. */
#define KT_MAP1(m, a) m(a)
#define KT_MAP2(m, a, ...) m(a), KT_MAP1(m, __VA_ARGS__)
#define KT_MAP3(m, a, ...) m(a), KT_MAP2(m, __VA_ARGS__)
#define KT_MAP4(m, a, ...) m(a), KT_MAP3(m, __VA_ARGS__)
#define KT_MAP5(m, a, ...) m(a), KT_MAP4(m, __VA_ARGS__)
#define KT_MAP6(m, a, ...) m(a), KT_MAP5(m, __VA_ARGS__)
#define KT_MAP7(m, a, ...) m(a), KT_MAP6(m, __VA_ARGS__)
#define KT_MAP8(m, a, ...) m(a), KT_MAP7(m, __VA_ARGS__)
#define KT_MAP9(m, a, ...) m(a), KT_MAP8(m, __VA_ARGS__)
#define KT_MAP10(m, a, ...) m(a), KT_MAP9(m, __VA_ARGS__)
#define KT_MAP11(m, a, ...) m(a), KT_MAP10(m, __VA_ARGS__)
#define KT_MAP12(m, a, ...) m(a), KT_MAP11(m, __VA_ARGS__)
#define KT_MAP13(m, a, ...) m(a), KT_MAP12(m, __VA_ARGS__)
#define KT_MAP14(m, a, ...) m(a), KT_MAP13(m, __VA_ARGS__)
#define KT_MAP15(m, a, ...) m(a), KT_MAP14(m, __VA_ARGS__)
#define KT_MAP16(m, a, ...) m(a), KT_MAP15(m, __VA_ARGS__)
#define KT_MAP17(m, a, ...) m(a), KT_MAP16(m, __VA_ARGS__)
#define KT_MAP18(m, a, ...) m(a), KT_MAP17(m, __VA_ARGS__)
#define KT_MAP19(m, a, ...) m(a), KT_MAP18(m, __VA_ARGS__)
#define KT_MAP20(m, a, ...) m(a), KT_MAP19(m, __VA_ARGS__)
#define KT_MAP21(m, a, ...) m(a), KT_MAP20(m, __VA_ARGS__)
#define KT_MAP22(m, a, ...) m(a), KT_MAP21(m, __VA_ARGS__)
#define KT_MAP23(m, a, ...) m(a), KT_MAP22(m, __VA_ARGS__)
#define KT_MAP24(m, a, ...) m(a), KT_MAP23(m, __VA_ARGS__)
#define KT_MAP25(m, a, ...) m(a), KT_MAP24(m, __VA_ARGS__)
#define KT_MAP26(m, a, ...) m(a), KT_MAP25(m, __VA_ARGS__)
#define KT_MAP27(m, a, ...) m(a), KT_MAP26(m, __VA_ARGS__)
#define KT_MAP28(m, a, ...) m(a), KT_MAP27(m, __VA_ARGS__)
#define KT_MAP29(m, a, ...) m(a), KT_MAP28(m, __VA_ARGS__)
#define KT_MAP30(m, a, ...) m(a), KT_MAP29(m, __VA_ARGS__)
#define KT_MAP31(m, a, ...) m(a), KT_MAP30(m, __VA_ARGS__)
#define KT_MAP32(m, a, ...) m(a), KT_MAP31(m, __VA_ARGS__)
#define KT_MAP33(m, a, ...) m(a), KT_MAP32(m, __VA_ARGS__)
#define KT_MAP34(m, a, ...) m(a), KT_MAP33(m, __VA_ARGS__)
#define KT_MAP35(m, a, ...) m(a), KT_MAP34(m, __VA_ARGS__)
#define KT_MAP36(m, a, ...) m(a), KT_MAP35(m, __VA_ARGS__)
#define KT_MAP37(m, a, ...) m(a), KT_MAP36(m, __VA_ARGS__)
#define KT_MAP38(m, a, ...) m(a), KT_MAP37(m, __VA_ARGS__)
#define KT_MAP39(m, a, ...) m(a), KT_MAP38(m, __VA_ARGS__)
#define KT_MAP40(m, a, ...) m(a), KT_MAP39(m, __VA_ARGS__)
#define KT_MAP41(m, a, ...) m(a), KT_MAP40(m, __VA_ARGS__)
#define KT_MAP42(m, a, ...) m(a), KT_MAP41(m, __VA_ARGS__)
#define KT_MAP43(m, a, ...) m(a), KT_MAP42(m, __VA_ARGS__)
#define KT_MAP44(m, a, ...) m(a), KT_MAP43(m, __VA_ARGS__)
#define KT_MAP45(m, a, ...) m(a), KT_MAP44(m, __VA_ARGS__)
#define KT_MAP46(m, a, ...) m(a), KT_MAP45(m, __VA_ARGS__)
#define KT_MAP47(m, a, ...) m(a), KT_MAP46(m, __VA_ARGS__)
#define KT_MAP48(m, a, ...) m(a), KT_MAP47(m, __VA_ARGS__)
#define KT_MAP49(m, a, ...) m(a), KT_MAP48(m, __VA_ARGS__)
#define KT_MAP50(m, a, ...) m(a), KT_MAP49(m, __VA_ARGS__)
#define KT_MAP51(m, a, ...) m(a), KT_MAP50(m, __VA_ARGS__)
#define KT_MAP52(m, a, ...) m(a), KT_MAP51(m, __VA_ARGS__)
#define KT_MAP53(m, a, ...) m(a), KT_MAP52(m, __VA_ARGS__)
#define KT_MAP54(m, a, ...) m(a), KT_MAP53(m, __VA_ARGS__)
#define KT_MAP55(m, a, ...) m(a), KT_MAP54(m, __VA_ARGS__)
#define KT_MAP56(m, a, ...) m(a), KT_MAP55(m, __VA_ARGS__)
#define KT_MAP57(m, a, ...) m(a), KT_MAP56(m, __VA_ARGS__)
#define KT_MAP58(m, a, ...) m(a), KT_MAP57(m, __VA_ARGS__)
#define KT_MAP59(m, a, ...) m(a), KT_MAP58(m, __VA_ARGS__)
#define KT_MAP60(m, a, ...) m(a), KT_MAP59(m, __VA_ARGS__)
#define KT_MAP61(m, a, ...) m(a), KT_MAP60(m, __VA_ARGS__)
#define KT_MAP62(m, a, ...) m(a), KT_MAP61(m, __VA_ARGS__)
#define KT_MAP63(m, a, ...) m(a), KT_MAP62(m, __VA_ARGS__)
#define KT_MAP64(m, a, ...) m(a), KT_MAP63(m, __VA_ARGS__)
#define KT_PICK(_1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, _13, _14, \
		_15, _16, _17, _18, _19, _20, _21, _22, _23, _24, _25, _26,  \
		_27, _28, _29, _30, _31, _32, _33, _34, _35, _36, _37, _38,  \
		_39, _40, _41, _42, _43, _44, _45, _46, _47, _48, _49, _50,  \
		_51, _52, _53, _54, _55, _56, _57, _58, _59, _60, _61, _62,  \
		_63, _64, n, ...)                                            \
	n
#define KT_MAP(m, ...)                                                         \
	KT_PICK(__VA_ARGS__, KT_MAP64, KT_MAP63, KT_MAP62, KT_MAP61, KT_MAP60, \
		KT_MAP59, KT_MAP58, KT_MAP57, KT_MAP56, KT_MAP55, KT_MAP54,    \
		KT_MAP53, KT_MAP52, KT_MAP51, KT_MAP50, KT_MAP49, KT_MAP48,    \
		KT_MAP47, KT_MAP46, KT_MAP45, KT_MAP44, KT_MAP43, KT_MAP42,    \
		KT_MAP41, KT_MAP40, KT_MAP39, KT_MAP38, KT_MAP37, KT_MAP36,    \
		KT_MAP35, KT_MAP34, KT_MAP33, KT_MAP32, KT_MAP31, KT_MAP30,    \
		KT_MAP29, KT_MAP28, KT_MAP27, KT_MAP26, KT_MAP25, KT_MAP24,    \
		KT_MAP23, KT_MAP22, KT_MAP21, KT_MAP20, KT_MAP19, KT_MAP18,    \
		KT_MAP17, KT_MAP16, KT_MAP15, KT_MAP14, KT_MAP13, KT_MAP12,    \
		KT_MAP11, KT_MAP10, KT_MAP9, KT_MAP8, KT_MAP7, KT_MAP6,        \
		KT_MAP5, KT_MAP4, KT_MAP3, KT_MAP2, KT_MAP1)                   \
	(m, __VA_ARGS__)
#define KT_TTEST(name) &name

#define KTESTS(...) \
	((const TTest *const *const[]){ KT_MAP(KT_TTEST, __VA_ARGS__), NULL })

/* Register a suite: the harness finds every one in the image. */
#define KTEST_SUITE(var)                                               \
	static const struct ktest_suite var;                           \
	static const struct ktest_suite *const var##_entry             \
		__attribute__((used, section("ktest_suites"))) = &var; \
	static const struct ktest_suite var

/* The machine the test runs on: "host" or "arm". */
extern const char machine_name[];

/* The identity map the harness installs before each test. */
void boot_identity_map(void);

/*
 * A test's own tables (bootmap.c).  The board's image is linked at
 * PAGE_OFFSET and cannot run with the MMU off, so the harness's "MMU
 * off" is the state machine_boot() leaves, where RAM and the devices are
 * reached at their physical addresses: on the host SCTLR.M clear, on
 * the board the machine's own table.  ktest_mmu_switch() loads the four
 * registers with the MMU off (machine_run_mmu_off()), empties the TLB
 * and turns the MMU on; on the board the new tables must map the image
 * at PAGE_OFFSET (ktest_map_image()) and the RAM it lies in at its own
 * address (where the switch runs).
 */
void ktest_mmu_off(void);
void ktest_mmu_switch(u32 ttbr0, u32 ttbr1, u32 ttbcr, u32 dacr);
void ktest_map_image(u32 *pgd);
void ktest_map_ram(u32 *pgd, u32 prot); /* RAM's identity map, sections */
/* Where code whose identity map lies at @pa is linked (virt_to_idmap's
 * inverse): the board's linear address, the host's @pa. */
const char *ktest_idmap_to_virt(u32 pa);

/* Boot again on another board, up to @stage (may be NULL). */
void ktest_reboot(const char *dtb, void (*stage)(void));

/*
 * ktest_doing - what the test does next, for the grader to name if it
 * never returns: "no result within 5s while <what>".  Say the rule a
 * hang there would break.
 */
void ktest_doing(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The result channel (channel.c): run.py's FIFO and the run's word. */
int ktest_channel_open(const char *path, const char *token);
void ktest_event(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Where the kernel was (trace_host.c, trace_arm.c), for run.py to name
 * with the image's symbols: "trace <why> <pc> <caller>...", addresses as
 * offsets in the image.  ktest_trace_start() is called as a test
 * starts, with its timeout: on the host it samples where the test is
 * half a second before (a test that gives no result; on the board
 * run.py asks QEMU).  ktest_trace_oops() reports the oops or panic that
 * is ending the test.  ktest_code_offset() is @fn's offset in the
 * image, the same in every run.
 */
void ktest_trace_start(double timeout);
void ktest_trace_oops(void);
unsigned long ktest_code_offset(const void *fn);

/* The kernel log's first line that contains @what, or "" (for messages). */
const char *ktest_log_line(const char *what);

/*
 * KTEST_EXPECT_OOPS(stmt): run stmt, which must end in an oops (BUG,
 * VM_BUG_ON, a bad access); evaluates to 1 if it did, 0 if stmt
 * completed.  The kernel's report is in the log (printk_log_contains).
 */
extern jmp_buf ktest_oops_jmp;
extern volatile int ktest_expect_oops;
#define KTEST_EXPECT_OOPS(stmt)                    \
	({                                         \
		volatile int __oopsed = 1;         \
		ktest_expect_oops = 1;             \
		if (setjmp(ktest_oops_jmp) == 0) { \
			stmt;                      \
			__oopsed = 0;              \
		}                                  \
		ktest_expect_oops = 0;             \
		__oopsed;                          \
	})

/*
 * ktest_check_free_lists - every free block of @zone well formed, no
 * frame free twice, counters equal to a recount (mmcheck.c).
 * Return: the number of free pages found.
 */
struct zone;
unsigned long ktest_check_free_lists(struct zone *zone);

/*
 * ktest_check_slab_cache - every slab of @s found once (a CPU's slab,
 * a CPU partial list, the node's partial list, or full and on no
 * list), free lists well formed, counters equal to a recount, and
 * @live objects in use (mmcheck.c).  @seed goes into failure messages.
 * Return: the number of free objects found.
 */
struct kmem_cache;
unsigned long ktest_check_slab_cache(struct kmem_cache *s, unsigned long live,
				     unsigned int seed);

/* A driver with movable pages (movable.c), for compaction and CMA. */
#define KTEST_MAX_MOVABLE 150000
extern struct page *ktest_movable[KTEST_MAX_MOVABLE];
extern int ktest_nr_movable, ktest_nr_migrated;
extern struct page *ktest_pinned_page;
void ktest_movable_reset(void);
struct page *ktest_movable_adopt(struct page *page);
struct page *ktest_movable_alloc(void);
void ktest_movable_free(int i);
void ktest_movable_check_data(void);

/*
 * A small deterministic generator for randomised tests: seed it with
 * ktest_rng = SEED and print the seed in failure messages.
 */
extern unsigned int ktest_rng;
static inline unsigned int ktest_rand(void)
{
	ktest_rng = ktest_rng * 1103515245u + 12345u;
	return ktest_rng >> 8;
}

/* The console of `make shell` (shell.c). */
int ktest_shell(const char *board, int upto, bool echo);

/* Boot stages for .boot (boot.c). */
void ktest_boot_zones(void);
void ktest_boot_buddy(void);
void ktest_boot_pcp(void);
void ktest_boot_alloc(void);
void ktest_boot_cma(void);
void ktest_boot_memblock(void);
void ktest_boot_memblock_free(void);
void ktest_boot_initmem(void);
void ktest_boot_rmem_cma(void);
/* The CMA stand-in of chapters 8-11 (boot.c). */
void ktest_cma_reserve_from_dt(void);
void ktest_cma_activate_areas(void);

/* bootmem_early.c: what stands in for memblock before chapters 9-10 */
enum bootmem_early {
	BOOTMEM_REAL, /* the kernel's memblock throughout */
	BOOTMEM_EARLY, /* chapters 3-8: bump allocator, old hand-over */
	BOOTMEM_MEMBLOCK, /* chapter 9: memblock, the old hand-over */
};
void bootmem_early_stand_in(enum bootmem_early mode);
extern phys_addr_t early_alloc_end;
void ktest_boot_slab(void);
/*
 * Chapter 18 on: the kernel's own page tables.  The harness's map is
 * never built for this stage: its table region is poisoned instead
 * (ktest_harness_map), so any use of it faults.
 */
void ktest_boot_paging(void);
void ktest_boot_rwx(void);
void ktest_boot_io(void);
void ktest_boot_highmem(void);
void ktest_boot_fixmap(void);
/*
 * Called, when set, in the boots on the kernel's tables: where
 * setup_arch() runs parse_early_param() (before pgprot_kernel is set)
 * and where it runs efi_init() (after).  Cleared before every test.
 */
extern void (*ktest_early_param)(void);
extern void (*ktest_setup_arch)(void);
bool ktest_stage_pages(void (*stage)(void));
/*
 * The kernel's set_pte_ext() calls since the test reset this (setpte.c):
 * how many, and the OR and AND of their @ext (set ext_and to ~0 first).
 */
struct ktest_set_pte {
	unsigned long calls;
	unsigned int ext_or, ext_and;
};
extern struct ktest_set_pte ktest_set_pte;
/*
 * Called by ktest_boot_paging() right after paging_init(), while memblock
 * still allocates (for tests of what the kernel maps at boot).
 */
extern void (*ktest_after_paging_init)(void);
/*
 * stext_enable_mmu(@pgd_pa) in the form machine_run_mmu_off() runs:
 * head.S's MMU steps, at their physical address (boot.c; chapter 15's
 * tests run it too).
 */
unsigned long ktest_enable_mmu_phys(unsigned long pgd_pa);
extern const void *ktest_boot_fdt; /* the blob machine_boot() was given */
/* swapper_pg_dir as the paging stage switched to it, before paging_init() */
extern u32 ktest_head_pgd[4096];

/*
 * The next boots pass "page_poison=on" (struct ktest_suite
 * .page_poison): set from the suite before each test; a test may change
 * it before ktest_reboot().
 */
extern bool ktest_page_poison;

/*
 * The kernel's adjust_lowmem_bounds() (chapter 22), or the harness's
 * stand-in (bootmem_early.c): set from the suite before each boot.
 * ktest_vmalloc_arg, when set, is given to early_vmalloc() at the next
 * ktest_reboot(), as "vmalloc=" on the command line.
 */
extern bool ktest_kernel_lowmem_bounds;
extern const char *ktest_vmalloc_arg;

/*
 * The blocks memblock_free_pages() was given, by order (bootmem_early.c;
 * MAX_ORDER entries): clear them before memblock_free_all().
 */
extern unsigned long ktest_free_blocks[];
/* Where the paging stage copies the blob, as a boot loader would. */
#define KTEST_FDT_PHYS (PHYS_OFFSET + 0xc000)
#define KTEST_FDT_MAX 0x4000
/* The fault descriptor the harness's table region holds for stage 18+. */
#define KTEST_PGD_POISON 0xbad0bad0U
/*
 * Before a stage: the harness's identity map, or, for a stage that runs
 * on the kernel's tables (@kernel_tables), its region poisoned.
 */
void ktest_harness_map(bool kernel_tables);

#endif /* _KTEST_H */
