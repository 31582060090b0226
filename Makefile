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
	@echo "  make build [TREE=..] [MACH=host|arm|both]"
	@echo "  make deps          install and build what the course needs (idempotent)"
	@echo "  make clean         remove build/"

# --- dependencies ------------------------------------------------------
build/deps/.base:
	@bash autograder/setup.sh base
	@bash autograder/mk/deps-arm.sh build/deps/arm
	@mkdir -p $(@D) && touch $@

deps: build/deps/.base

deps-book:
	@bash autograder/setup.sh book

# --- building ----------------------------------------------------------
build: deps
	@$(MAKE) --no-print-directory -j2 $(addprefix build-,$(MACHS)) TREE=$(TREE)

build-host build-arm: build-%:
	@$(MAKE) -s --no-print-directory -f autograder/mk/kernel.mk TREE=$(TREE) MACH=$*

# --- the repository's self-test -----------------------------------------
test: deps
	@echo "== building solutions/ for both machines"
	@$(MAKE) --no-print-directory build TREE=solutions MACH=both
	@$(MAKE) --no-print-directory -j2 test-machines test-harness
	@echo "== make test: all passed"

test-machines: test-machines-host test-machines-arm
test-machines-host test-machines-arm: test-machines-%:
	@echo "== chapter 00 (the two machines) on $*"
	@$(PY) autograder/tools/run.py --mach $* --bin $(call IMAGE_$*,solutions) \
		--chapter 00 --quiet --json build/test-00-$*.json

test-harness: test-harness-host test-harness-arm
test-harness-host test-harness-arm: test-harness-%:
	@$(PY) autograder/tools/selftest_harness.py --mach $* \
		--bin $(call IMAGE_$*,solutions)

clean:
	rm -rf build
