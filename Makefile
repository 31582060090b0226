# The course's entry points.  `make help` lists them.
#
# Everything is built under build/ and nothing outside it is written,
# except by `make lab` (regenerates labs/) and `make lab-start`.

TREE ?= labs
MACH ?= both
PY := python3
SHELL := /bin/bash

ifeq ($(MACH),both)
MACHS := host arm
else
MACHS := $(MACH)
endif

BUILD_NAME = $(notdir $(abspath $(1)))
IMAGE_host = build/$(call BUILD_NAME,$(1))/host/ktest
IMAGE_arm = build/$(call BUILD_NAME,$(1))/arm/ktest.elf

.PHONY: help deps deps-book build test test-machines test-harness clean \
	needs-solutions

# The instructor's edition has solutions/; the student edition (make
# student-edition) has not, and its `make help` lists only what works there.
HAVE_SOLUTIONS := $(wildcard solutions/.)

ifneq ($(HAVE_SOLUTIONS),)
help:
	@echo "Course targets (instructor's edition):"
	@echo "  make grade [CH=N] [UPTO=N] [TREE=labs|solutions|DIR] [TEST=name]"
	@echo "                     grade a tree on both machines (default: labs/)"
	@echo "  make test          the repository's own full self-test (what CI runs)"
	@echo "  make book          the handbook: build/book/handbook.{pdf,html}"
	@echo "  make book-student  the student edition (stubs, no answers)"
	@echo "  make shell [TREE=..] [MACH=host|arm] [BOARD=vexpress-256m|-512m|-1g|-cma]"
	@echo "             [CH=N] [SCRIPT=file]   a console on the running kernel"
	@echo "  make build [TREE=..] [MACH=host|arm|both]"
	@echo "  make real-linux [BOARD=vexpress-256m|...] [SCRIPT=file] [CHECK=1] [APPEND=args]"
	@echo "             [MODULE=\"crc7 ...\"]   Debian's modules into the initramfs, for insmod /NAME.ko"
	@echo "                     Debian's Linux 5.10 on the same board: the same views"
	@echo "  make validity      prove every exercise's stub fails its tests"
	@echo "  make mutants [CH=N]  realistic student bugs must lose points"
	@echo "  make qemu-gdb CH=N [TEST=name]   debug a test on the board"
	@echo "  make coverage      gcovr report of the tests over the tree"
	@echo "  make bench         page-allocator, kmalloc and TLB-model benchmarks (figures, host)"
	@echo "  make lab-start CH=N [PACK=file] [DEST=dir]   a tree solved up to chapter N-1"
	@echo "  make catch-up CH=N   build/catch-up/catch-up-chNN.tar.gz: the pack for lab-start"
	@echo "  make student-edition DEST=dir | grade-all SUBMISSIONS=dir | gradescope"
	@echo "  make deps          install and build what the course needs (idempotent)"
	@echo "  make clean         remove build/"
else
help:
	@echo "Course targets:"
	@echo "  make grade [CH=N] [UPTO=N] [TEST=name]   grade your labs/ on both machines"
	@echo "  make grade TREE=dir [CH=N]   grade a copy as a submission is graded"
	@echo "  make shell [MACH=host|arm] [BOARD=vexpress-256m|-512m|-1g|-cma]"
	@echo "             [CH=N] [SCRIPT=file]   a console on your running kernel"
	@echo "  make build [TREE=..] [MACH=host|arm|both]"
	@echo "  make qemu-gdb CH=N [TEST=name]   debug a test on the board"
	@echo "  make book-student  your handbook, listings from labs/: build/book/handbook-student.{pdf,html}"
	@echo "  make real-linux [BOARD=vexpress-256m|...] [SCRIPT=file] [CHECK=1] [APPEND=args]"
	@echo "             [MODULE=\"crc7 ...\"]   Debian's modules into the initramfs, for insmod /NAME.ko"
	@echo "                     Debian's Linux 5.10 on the same board: the same views"
	@echo "  make lab-start CH=N PACK=file [DEST=dir]   behind? chapters before N from"
	@echo "                     the instructor's catch-up pack, your own code from N on"
	@echo "  make deps          install and build what the course needs (idempotent)"
	@echo "  make deps-book     install what make book-student needs"
	@echo "  make clean         remove build/"
endif

# Targets that need the reference solutions: in the student edition they
# stop at once and say why.
INSTRUCTOR_ONLY := test test-book test-grader test-shell test-machines \
	test-harness test-edition test-catch-up book bench validity mutants \
	student-edition check-edition catch-up \
	gradescope lab lab-check
$(INSTRUCTOR_ONLY): needs-solutions
needs-solutions:
ifeq ($(HAVE_SOLUTIONS),)
	@echo "make $(or $(firstword $(filter $(INSTRUCTOR_ONLY),$(MAKECMDGOALS))),$@):" \
		"an instructor's target: it needs solutions/, which the student" \
		"edition does not ship (make help lists yours)" >&2; exit 2
else
	@:
endif

# --- dependencies ------------------------------------------------------
build/deps/.base:
	@bash autograder/setup.sh base
	@bash autograder/mk/deps-arm.sh build/deps/arm
	@mkdir -p $(@D) && touch $@

deps: build/deps/.base

include autograder/mk/grade.mk
include book/book.mk

deps-book:
	@bash autograder/setup.sh book

# --- building ----------------------------------------------------------
build: deps
	@$(MAKE) --no-print-directory -j2 $(addprefix build-,$(MACHS)) TREE=$(TREE)

build-host build-arm: build-%:
	@$(MAKE) -s --no-print-directory -f autograder/mk/kernel.mk TREE=$(TREE) MACH=$*

# --- the student tree ----------------------------------------------------
.PHONY: lab lab-check lab-start
lab:
	@$(PY) autograder/tools/labgen.py solutions labs

lab-check:
	@$(PY) autograder/tools/labgen.py solutions labs --check

# A tree in which chapters before CH are solved: from solutions/
# (instructors), or from a catch-up pack (students; make catch-up makes
# it, autograder/tools/catchup.py), keeping the student's own code of
# chapter CH and later.
lab-start:
	@test -n "$(CH)" || { echo "usage: make lab-start CH=N PACK=file [DEST=dir]"; exit 2; }
ifneq ($(PACK),)
	@$(PY) autograder/tools/catchup.py apply $(CH) $(PACK) $(if $(DEST),--dest $(DEST))
else ifneq ($(HAVE_SOLUTIONS),)
	@$(PY) autograder/tools/labgen.py solutions $(or $(DEST),build/lab-start-ch$(CH)) \
		--solved-below $(CH)
	@echo "grade it with: make grade TREE=$(or $(DEST),build/lab-start-ch$(CH)) CH=$(CH)"
else
	@echo "lab-start: chapters before $(CH) come from your instructor's catch-up pack," \
		"catch-up-ch$$(printf %02d $(CH)).tar.gz (published with the course after" \
		"the deadline of the chapter before $(CH)): download it, then" \
		"make lab-start CH=$(CH) PACK=path/to/catch-up-ch$$(printf %02d $(CH)).tar.gz" >&2; exit 2
endif

# The pack lab-start takes: chapters before CH solved (publish it after
# chapter CH-1's deadline).
.PHONY: catch-up
catch-up:
	@test -n "$(CH)" || { echo "usage: make catch-up CH=N"; exit 2; }
	@$(PY) autograder/tools/catchup.py pack $(CH)

# --- a console on the running kernel (autograder/tools/shell.py) ---------
.PHONY: shell test-shell
shell: deps
	@$(PY) autograder/tools/shell.py --tree $(TREE) \
		--mach $(if $(filter both,$(MACH)),host,$(MACH)) \
		$(if $(BOARD),--board $(BOARD)) $(if $(CH),--ch $(CH)) \
		$(if $(SCRIPT),--script $(SCRIPT))

test-shell:
	@$(PY) autograder/tools/shell.py --selftest

# --- Debian's Linux 5.10 on the same boards (autograder/tools/real_linux.py) --
# Fetches two Debian packages once (build/real-linux/); not part of `make test`.
.PHONY: real-linux
real-linux:
	@bash autograder/setup.sh real-linux
	@$(PY) autograder/tools/real_linux.py --tree $(TREE) $(if $(BOARD),--board $(BOARD)) \
		$(if $(SCRIPT),--script $(SCRIPT)) $(if $(CHECK),--check) \
		$(if $(APPEND),--append "$(APPEND)") $(foreach m,$(MODULE),--module $(m))

# --- benchmarks: figures printed, never asserted ------------------------
.PHONY: bench
bench: needs-solutions deps
	@$(MAKE) -s --no-print-directory build TREE=solutions MACH=host
	@$(MAKE) -s --no-print-directory -f autograder/mk/kernel.mk \
		TREE=solutions MACH=host DEBUG_VM=n
	@echo "bench: == the teaching build (CONFIG_DEBUG_VM, CONFIG_DEBUG_VIRTUAL: every page checked as it enters and leaves a per-CPU list)"
	@$(call IMAGE_host,solutions) --chapter bench | grep '^bench:'
	@echo "bench: == the build a distribution ships (DEBUG_VM=n: pages checked when a batch moves them from the buddy)"
	@build/solutions/host-nodebug/ktest --chapter bench | grep '^bench:'

# --- the repository's self-test -----------------------------------------
# Every step prints its own progress; the first failure stops the run.
test: needs-solutions deps
	@start=$$(date +%s); step() { echo "== [$$1/8] $$2 ($$(( $$(date +%s) - start ))s so far)"; }; \
	step 1 "labs/ is generated from solutions/; the tree is clang-formatted" && \
	$(MAKE) -s --no-print-directory lab-check format-check && \
	step 2 "building solutions/ for both machines" && \
	$(MAKE) -s --no-print-directory build TREE=solutions MACH=both && \
	step 3 "every suite on both machines, crash isolation, the 2G/2G split, the kernel without highmem, the shell" && \
	$(MAKE) -s --no-print-directory -j2 test-machines test-harness && \
	$(MAKE) -s --no-print-directory -j2 test-vmsplit && \
	$(MAKE) -s --no-print-directory -j2 test-nohighmem && \
	$(MAKE) -s --no-print-directory test-shell && \
	step 4 "validity: every graded test fails on its stub" && \
	$(PY) autograder/tools/validity.py && \
	step 5 "mutants: realistic student bugs lose points" && \
	$(PY) autograder/tools/mutants.py $(if $(MUTANTS_PER_CHAPTER),--per-chapter $(MUTANTS_PER_CHAPTER)) && \
	step 6 "the grader against hostile submissions" && \
	$(PY) autograder/selftest/selftest.py && \
	step 7 "the handbook" && \
	bash autograder/setup.sh book && \
	$(MAKE) -s --no-print-directory test-book && \
	step 8 "the student edition: no solution or answer in any file it ships; catch-up packs" && \
	$(MAKE) -s --no-print-directory test-edition test-catch-up && \
	echo "== make test: all passed in $$(( $$(date +%s) - start ))s"

# A student edition made afresh, which make student-edition checks for
# every line of the solutions' exercises and every sentence of the
# chapters' answers (instructor.py check-edition), then kept for a look.
.PHONY: test-edition test-catch-up
test-edition: needs-solutions
	@rm -rf build/test-edition && \
	$(MAKE) -s --no-print-directory student-edition DEST=build/test-edition/course

# A catch-up pack over the all-stub labs/ and over a finished tree
# (autograder/tools/catchup.py selftest).
test-catch-up: needs-solutions deps
	@$(PY) autograder/tools/catchup.py selftest

# The C sources obey .clang-format (solutions/, the harness, the tests).
FORMAT_FILES = $(shell git ls-files 'solutions/*.[ch]' 'autograder/*.[ch]' 2>/dev/null)
.PHONY: format-check
format-check:
	@clang-format --dry-run -Werror $(FORMAT_FILES) 2>&1 | head -20; \
	clang-format --dry-run -Werror $(FORMAT_FILES) >/dev/null 2>&1 || \
	{ echo "format-check: run clang-format -i on the files above"; exit 1; }

test-machines: test-machines-host test-machines-arm
test-machines-host test-machines-arm: test-machines-%:
	@$(PY) autograder/tools/run.py --mach $* --bin $(call IMAGE_$*,solutions) \
		--quiet --json build/test-suites-$*.json

# The kernel built for the 2G/2G split (VMSPLIT=2G, chapter 20): the
# machines' own suite, the chapters that switch tables and build the
# kernel's map, and the modules' area below PAGE_OFFSET (31) run on both
# machines with PAGE_OFFSET 0x80000000.
VMSPLIT_CHAPTERS := 00 15 18 19 31
.PHONY: test-vmsplit test-vmsplit-host test-vmsplit-arm
test-vmsplit: test-vmsplit-host test-vmsplit-arm
test-vmsplit-host test-vmsplit-arm: test-vmsplit-%:
	@$(MAKE) -s --no-print-directory -f autograder/mk/kernel.mk \
		TREE=solutions MACH=$* VMSPLIT=2G
	@$(PY) autograder/tools/run.py --mach $* --quiet \
		--bin $(subst /$*/,/$*-vmsplit-2G/,$(call IMAGE_$*,solutions)) \
		$(foreach c,$(VMSPLIT_CHAPTERS),--chapter $(c)) \
		--json build/test-vmsplit-2G-$*.json

# The kernel built without CONFIG_HIGHMEM (HIGHMEM=n, chapter 28): the
# suites written for both kernels, on both machines.
NOHIGHMEM_CHAPTERS := 28
.PHONY: test-nohighmem test-nohighmem-host test-nohighmem-arm
test-nohighmem: test-nohighmem-host test-nohighmem-arm
test-nohighmem-host test-nohighmem-arm: test-nohighmem-%:
	@$(MAKE) -s --no-print-directory -f autograder/mk/kernel.mk \
		TREE=solutions MACH=$* HIGHMEM=n
	@$(PY) autograder/tools/run.py --mach $* --quiet \
		--bin $(subst /$*/,/$*-nohighmem/,$(call IMAGE_$*,solutions)) \
		$(foreach c,$(NOHIGHMEM_CHAPTERS),--chapter $(c)) \
		--json build/test-nohighmem-$*.json

test-harness: test-harness-host test-harness-arm
test-harness-host test-harness-arm: test-harness-%:
	@$(PY) autograder/tools/selftest_harness.py --mach $* \
		--bin $(call IMAGE_$*,solutions)

clean:
	rm -rf build
