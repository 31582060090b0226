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

.PHONY: help deps deps-book build test test-machines test-harness clean

help:
	@echo "Course targets:"
	@echo "  make grade [CH=N] [TREE=labs|solutions|DIR] [TEST=name]"
	@echo "                     grade a tree on both machines (default: labs/)"
	@echo "  make test          the repository's own full self-test (what CI runs)"
	@echo "  make book          the handbook: build/book/handbook.{pdf,html}"
	@echo "  make book-student  the student edition (stubs, no answers)"
	@echo "  make shell [TREE=..] [MACH=host|arm] [BOARD=vexpress-256m|-512m|-1g|-cma]"
	@echo "             [CH=N] [SCRIPT=file]   a console on the running kernel"
	@echo "  make build [TREE=..] [MACH=host|arm|both]"
	@echo "  make real-linux [BOARD=vexpress-256m|...] [SCRIPT=file] [CHECK=1]"
	@echo "                     Debian's Linux 5.10 on the same board: the same views"
	@echo "  make validity      prove every exercise's stub fails its tests"
	@echo "  make mutants [CH=N]  realistic student bugs must lose points"
	@echo "  make qemu-gdb CH=N [TEST=name]   debug a test on the board"
	@echo "  make coverage      gcovr report of the tests over the tree"
	@echo "  make bench         page-allocator, kmalloc and TLB-model benchmarks (figures, host)"
	@echo "  make lab-start CH=N [DEST=dir]   a tree solved up to chapter N-1"
	@echo "  make student-edition DEST=dir | grade-all SUBMISSIONS=dir | gradescope"
	@echo "  make deps          install and build what the course needs (idempotent)"
	@echo "  make clean         remove build/"

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

# A tree in which chapters before CH are solved (instructors; needs solutions/).
lab-start:
	@test -n "$(CH)" || { echo "usage: make lab-start CH=N [DEST=dir]"; exit 2; }
	@test -d solutions || { echo "lab-start needs solutions/ (instructor edition)"; exit 2; }
	@$(PY) autograder/tools/labgen.py solutions $(or $(DEST),build/lab-start-ch$(CH)) \
		--solved-below $(CH)
	@echo "grade it with: make grade TREE=$(or $(DEST),build/lab-start-ch$(CH)) CH=$(CH)"

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
		$(if $(SCRIPT),--script $(SCRIPT)) $(if $(CHECK),--check)

# --- benchmarks: figures printed, never asserted ------------------------
.PHONY: bench
bench: deps
	@$(MAKE) -s --no-print-directory build TREE=solutions MACH=host
	@$(call IMAGE_host,solutions) --chapter bench | grep '^bench:'

# --- the repository's self-test -----------------------------------------
# Every step prints its own progress; the first failure stops the run.
test: deps
	@start=$$(date +%s); step() { echo "== [$$1/7] $$2 ($$(( $$(date +%s) - start ))s so far)"; }; \
	step 1 "labs/ is generated from solutions/; the tree is clang-formatted" && \
	$(MAKE) -s --no-print-directory lab-check format-check && \
	step 2 "building solutions/ for both machines" && \
	$(MAKE) -s --no-print-directory build TREE=solutions MACH=both && \
	step 3 "every suite on both machines, crash isolation, the shell" && \
	$(MAKE) -s --no-print-directory -j2 test-machines test-harness && \
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
	echo "== make test: all passed in $$(( $$(date +%s) - start ))s"

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

test-harness: test-harness-host test-harness-arm
test-harness-host test-harness-arm: test-harness-%:
	@$(PY) autograder/tools/selftest_harness.py --mach $* \
		--bin $(call IMAGE_$*,solutions)

clean:
	rm -rf build
