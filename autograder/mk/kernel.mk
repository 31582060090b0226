# Build one tree (solutions/, labs/ or a student's copy) for one machine.
#
#   make -f autograder/mk/kernel.mk TREE=labs MACH=host|arm [OUT=dir]
#
# Produces $(OUT)/ktest (host) or $(OUT)/ktest.elf (arm): the kernel of
# the tree, linked with the Check suites of autograder/tests and the
# harness.  The portable kernel goes into libkernel.a, the machine into
# libmach.a: the ARM linker script keeps libkernel.a's variables apart so
# that the board can reset them between tests.

TREE ?= solutions
MACH ?= host
# A split other than 3G builds apart: the flags are not in the objects' names.
OUT ?= build/$(notdir $(abspath $(TREE)))/$(MACH)$(if $(filter-out 3G,$(VMSPLIT)),-vmsplit-$(VMSPLIT))$(if $(filter n,$(HIGHMEM)),-nohighmem)$(if $(filter n,$(DEBUG_VM)),-nodebug)
DEPS ?= build/deps/arm
TESTDIRS ?= autograder/tests $(wildcard autograder/hidden/tests)
V ?= 0

ifeq ($(V),0)
Q := @
msg = @printf '  %-6s %s\n' '$(1)' '$(2)'
else
Q :=
msg =
endif

KDIRS := init kernel kernel/dma mm lib fs fs/proc fs/diskfs drivers/block \
	drivers/char drivers/of \
	arch/arm/kernel arch/arm/mm
KSRC := $(sort $(foreach d,$(KDIRS),$(wildcard $(TREE)/$(d)/*.c)))
TSRC := $(sort $(wildcard autograder/harness/*.c) \
	$(foreach d,$(TESTDIRS),$(wildcard $(d)/*.c)))
DTS := $(sort $(wildcard $(TREE)/arch/arm/boot/dts/*.dts))

# Where user space ends and the kernel begins (arch/arm/Kconfig's
# VMSPLIT_* choice, chapter 20): 3G (the default), 2G or 1G.
VMSPLIT ?= 3G
PAGE_OFFSET_3G := 0xC0000000
PAGE_OFFSET_2G := 0x80000000
PAGE_OFFSET_1G := 0x40000000
ifeq ($(PAGE_OFFSET_$(VMSPLIT)),)
$(error VMSPLIT must be 3G, 2G or 1G, not '$(VMSPLIT)')
endif
CONFIG := -DCONFIG_VMSPLIT_$(VMSPLIT) -DCONFIG_PAGE_OFFSET=$(PAGE_OFFSET_$(VMSPLIT))
# CONFIG_HIGHMEM (chapter 28): on, as in Debian's armmp kernel; off,
# the RAM above lowmem is dropped at boot and there is no ZONE_HIGHMEM.
# The suites of chapters 1-27 are written for a kernel with highmem:
# the build without it carries the suites of chapter 28 on.
HIGHMEM ?= y
ifeq ($(HIGHMEM),y)
CONFIG += -DCONFIG_HIGHMEM
else ifneq ($(HIGHMEM),n)
$(error HIGHMEM must be y or n, not '$(HIGHMEM)')
endif
# The teaching build checks what Linux's debug options check
# (CONFIG_DEBUG_VM, CONFIG_DEBUG_VIRTUAL, CONFIG_DEBUG_HIGHMEM);
# DEBUG_VM=n builds the kernel a distribution ships, for `make bench`.
DEBUG_VM ?= y
ifeq ($(DEBUG_VM),y)
CONFIG += -DCONFIG_DEBUG_VM -DCONFIG_DEBUG_VIRTUAL -DCONFIG_DEBUG_HIGHMEM
else ifneq ($(DEBUG_VM),n)
$(error DEBUG_VM must be y or n, not '$(DEBUG_VM)')
endif

WARN := -Wall -Wextra -Werror -Wno-unused-parameter
# __FILE__ relative to the tree, as Linux prints it ("kernel BUG at
# mm/page_alloc.c:718!"), wherever the tree lies.
CFLAGS_COMMON := -std=gnu11 -g -O2 $(WARN) $(CONFIG) -fno-common -fno-strict-aliasing \
	-fmacro-prefix-map=$(abspath $(TREE))/= -fmacro-prefix-map=$(TREE)/= \
	-I$(TREE)/include -I$(TREE)/arch/arm/include -I$(TREE) -Iautograder/harness

ifeq ($(HIGHMEM),n)
TSRC := $(filter-out $(foreach n,01 02 03 04 05 06 07 08 09 10 11 12 13 14 \
	15 16 17 18 19 20 21 22 23 24 25 26 27,%/ch$(n).c) %/figures.c,$(TSRC))
endif

ifeq ($(MACH),host)
# Suites in *_arm.c need the board's own hardware (ATS1CPR, the UART).
TSRC := $(filter-out %_arm.c,$(TSRC))
CC := gcc
MSRC := $(sort $(wildcard $(TREE)/arch/host/*.c $(TREE)/arch/arm/common/*.c))
CFLAGS := $(CFLAGS_COMMON) -fPIE $(EXTRA_CFLAGS)
LDFLAGS := -pie -rdynamic -Wl,-T,$(TREE)/arch/host/kernel-sections.lds \
	$(EXTRA_LDFLAGS)
LDLIBS := -lfdt $(shell pkg-config --libs check) -ldl
BIN := $(OUT)/ktest
CHECK_INC := $(shell pkg-config --variable=includedir check)
NM := nm
READELF := readelf
OBJDUMP := objdump
THEIR_LIBS := $(shell $(CC) -print-file-name=libc.so.6) \
	$(wildcard $(addprefix $(shell pkg-config --variable=libdir check)/, \
		libcheck.so libcheck.a libcheck_pic.a))
else ifeq ($(MACH),arm)
# Suites in *_host.c read the host's clock (benchmarks).
TSRC := $(filter-out %_host.c,$(TSRC))
CC := arm-none-eabi-gcc
MSRC := $(sort $(wildcard $(TREE)/arch/arm/mach-vexpress/*.c) \
	$(wildcard $(TREE)/arch/arm/common/*.c) \
	$(filter-out %.lds.S,$(wildcard $(TREE)/arch/arm/mach-vexpress/*.S)))
# The walker of the host port is compiled for the board too: a test
# checks it against the real MMU.
TSRC += $(TREE)/arch/host/walk.c
ARCHFLAGS := -mcpu=cortex-a9 -marm -mfloat-abi=soft -mno-unaligned-access
CFLAGS := $(CFLAGS_COMMON) $(ARCHFLAGS) -I$(DEPS)/check/include \
	-I$(DEPS)/libfdt $(EXTRA_CFLAGS)
LDS := $(OUT)/kernel.lds
LDFLAGS := $(ARCHFLAGS) -nostartfiles --specs=rdimon.specs \
	-T $(LDS) -Wl,--no-warn-rwx-segments
LDLIBS := $(DEPS)/check/lib/libcheck.a $(DEPS)/check/lib/libcompat.a \
	$(DEPS)/libfdt/libfdt.a -lm
BIN := $(OUT)/ktest.elf
CHECK_INC := $(DEPS)/check/include
NM := arm-none-eabi-nm
READELF := arm-none-eabi-readelf
OBJDUMP := arm-none-eabi-objdump
THEIR_LIBS := $(DEPS)/check/lib/libcheck.a $(DEPS)/check/lib/libcompat.a \
	$(shell $(CC) $(ARCHFLAGS) -print-file-name=libc.a)
else
$(error MACH must be host or arm, not '$(MACH)')
endif

# A tree file named like a header of Check or of the harness would be
# included in its place; refuse before compiling anything.
SHADOW := $(shell find $(TREE) \( -name check.h -o -name check_stdint.h \
	$(foreach h,$(notdir $(wildcard autograder/harness/*.h)),-o -name $(h)) \
	\) -print 2>/dev/null)
ifneq ($(SHADOW),)
$(error $(SHADOW): a file of the tree bears the name of a header of Check \
	or of the test harness; a tree may not replace them)
endif

# The boot of chapters 3-8 runs before memblock is written: the
# harness's bootmem_early.c stands in for these entry points, and calls
# the kernel's (__real_...) for the boot stages of chapter 9 on; so for
# adjust_lowmem_bounds(), chapter 22's, from chapter 22's suites on.  It
# also counts the blocks memblock_free_pages() is given (chapter 10), and
# setpte.c the kernel's set_pte_ext() calls (chapter 23).
comma := ,
BOOTMEM_WRAP := $(addprefix -Wl$(comma)--wrap=,memblock_add memblock_reserve \
	memblock_remove memblock_alloc_try_nid memblock_free_all \
	memblock_free_pages adjust_lowmem_bounds cpu_v7_set_pte_ext)

obj = $(patsubst %,$(OUT)/obj/%.o,$(subst /,__,$(1)))
KOBJ := $(foreach f,$(KSRC),$(call obj,$(f)))
MOBJ := $(foreach f,$(MSRC),$(call obj,$(f))) $(OUT)/obj/dtbs.o \
	$(OUT)/obj/modules.o
TOBJ := $(foreach f,$(TSRC),$(call obj,$(f)))
DTB := $(patsubst $(TREE)/arch/arm/boot/dts/%.dts,$(OUT)/dtb/%.dtb,$(DTS))

all: $(BIN)

# TREECHECK=n: the course's own trees (mutants, the stubbed trees of
# validity), whose every line is ours, skip the check a submission gets.
$(BIN): $(OUT)/libkernel.a $(OUT)/libmach.a $(OUT)/user.o $(TOBJ) \
		$(if $(filter n,$(TREECHECK)),,$(OUT)/treecheck.ok) $(LDS)
	$(call msg,LD,$@)
	$(Q)$(CC) $(LDFLAGS) $(BOOTMEM_WRAP) -o $@ $(TOBJ) $(OUT)/user.o \
		-Wl,--whole-archive $(OUT)/libkernel.a $(OUT)/libmach.a \
		-Wl,--no-whole-archive $(LDLIBS)

# The tree may not reach into the harness (autograder/mk/treecheck.py).
$(OUT)/treecheck.ok: $(OUT)/libkernel.a $(OUT)/libmach.a $(TOBJ) \
		autograder/mk/treecheck.py
	$(call msg,CHECK,$(TREE))
	$(Q)python3 autograder/mk/treecheck.py --tree $(TREE) \
		--cc "$(CC) $(CFLAGS)" --nm $(NM) --readelf $(READELF) \
		--objdump $(OBJDUMP) --libs "$(THEIR_LIBS)" \
		--archives "$(OUT)/libkernel.a $(OUT)/libmach.a" \
		--harness-objs "$(TOBJ)" --harness autograder/harness
	$(Q)touch $@

# Each test and harness file, when it is compiled, is read for macros
# that the tree redefines.
MACROCHECK = python3 autograder/mk/treecheck.py --tree $(TREE) \
	--cc "$(CC) $(CFLAGS)" --tests $(1) --harness autograder/harness \
	--check-headers "$(CHECK_INC)/check.h $(CHECK_INC)/check_stdint.h"

$(OUT)/libkernel.a: $(KOBJ)
	$(Q)rm -f $@ && $(CROSS)ar rcs $@ $^
$(OUT)/libmach.a: $(MOBJ)
	$(Q)rm -f $@ && $(CROSS)ar rcs $@ $^

ifeq ($(MACH),arm)
CROSS := arm-none-eabi-
endif

# The board's linker script takes asm/memory.h's constants through the
# C preprocessor, as Linux's vmlinux.lds.S does.
$(OUT)/kernel.lds: $(TREE)/arch/arm/mach-vexpress/kernel.lds.S | $(OUT)/obj
	$(call msg,LDS,$<)
	$(Q)$(CC) $(CFLAGS) -D__ASSEMBLY__ -E -P -x c -MMD -MP -MT $@ \
		-MF $(OUT)/obj/kernel.lds.d $< -o $@

# Code that runs at its physical address with the MMU off (__head,
# asm/proc-fns.h) must not jump through a table of linked addresses.
HEAD_SRC := $(addprefix $(TREE)/,arch/arm/kernel/head.c \
	arch/arm/mm/proc-v7.c)

# One rule per source: object names flatten the path (a/b.c -> a__b.c.o).
define compile
$(call obj,$(1)): $(1) | $(OUT)/obj
	$$(call msg,CC,$(1))
	$$(Q)$$(CC) $$(CFLAGS) $(if $(filter %.S,$(1)),-D__ASSEMBLY__) \
		$(if $(filter $(HEAD_SRC),$(1)),-fno-jump-tables) \
		-MMD -MP -MT $$@ -c $(1) -o $$@.tmp
	$(if $(filter $(TSRC),$(1)),$$(Q)$$(call MACROCHECK,$(1)))
	$$(Q)mv $$@.tmp $$@
endef
$(foreach f,$(KSRC) $(MSRC) $(TSRC),$(eval $(call compile,$(f))))

$(OUT)/obj/dtbs.o: $(OUT)/dtbs.c
	$(call msg,CC,$<)
	$(Q)$(CC) $(CFLAGS) -c $< -o $@
$(OUT)/dtbs.c: $(DTB) autograder/mk/blob2c.py
	$(Q)python3 autograder/mk/blob2c.py dtb $@ $(DTB)
$(OUT)/dtb/%.dtb: $(TREE)/arch/arm/boot/dts/%.dts $(wildcard $(TREE)/arch/arm/boot/dts/*.dtsi) | $(OUT)/dtb
	$(call msg,DTC,$<)
	$(Q)dtc -q -I dts -O dtb -o $@ $<

# Modules (chapter 31): relocatable ARM objects, built for the board as
# Kbuild builds a .ko whichever machine the image is for, and embedded
# for the loader to take (the host loads them, only the board runs them).
MODSRC := $(sort $(wildcard $(TREE)/samples/modules/*.c))
MODKO := $(patsubst $(TREE)/samples/modules/%.c,$(OUT)/modules/%.ko,$(MODSRC))
MODCFLAGS := -std=gnu11 -O2 $(WARN) $(CONFIG) -DMODULE -fno-common \
	-fno-pic -ffreestanding -mcpu=cortex-a9 -marm -mfloat-abi=soft \
	-mno-unaligned-access -I$(TREE)/include -I$(TREE)/arch/arm/include
$(OUT)/modules/%.ko: $(TREE)/samples/modules/%.c | $(OUT)/modules
	$(call msg,CC [M],$<)
	$(Q)arm-none-eabi-gcc $(MODCFLAGS) -MMD -MP -MT $@ -c $< -o $@
$(OUT)/obj/modules.o: $(OUT)/modules.c
	$(call msg,CC,$<)
	$(Q)$(CC) $(CFLAGS) -c $< -o $@
$(OUT)/modules.c: $(MODKO) autograder/mk/blob2c.py | $(OUT)/obj
	$(Q)python3 autograder/mk/blob2c.py ko $@ $(MODKO)

# User programs (samples/user, Part V): freestanding, built for the
# machine, their sections renamed .user.* so that the linker scripts put
# them in the user image (code and read-only data only).  On the board
# they may call nothing outside the image, which a process could not
# execute: no libgcc, no libc.
USRC := $(sort $(wildcard $(TREE)/samples/user/*.c))
UOBJ := $(patsubst $(TREE)/samples/user/%.c,$(OUT)/user/%.o,$(USRC))
UCFLAGS := -std=gnu11 -O2 $(WARN) -nostdinc -ffreestanding -fno-builtin \
	-fno-tree-loop-distribute-patterns -fno-stack-protector \
	-fno-unwind-tables -fno-asynchronous-unwind-tables
ifeq ($(MACH),arm)
UCFLAGS += $(ARCHFLAGS) -fno-pic
else
UCFLAGS += -fPIE -fcf-protection=none
endif
$(OUT)/user/%.o: $(TREE)/samples/user/%.c | $(OUT)/user
	$(call msg,CC [U],$<)
	$(Q)$(CC) $(UCFLAGS) -MMD -MP -MT $@ -c $< -o $@.tmp
	$(Q)$(CROSS)objcopy --remove-section=.note.gnu.property \
		--prefix-alloc-sections=.user $@.tmp $@ && rm -f $@.tmp
# One object, as a program is one binary: only the programs' entries
# (*_main, user_start) stay global, so that the library's strlen() or
# puts() can never stand in for the C library's in the kernel.
$(OUT)/user.o: $(UOBJ)
	$(Q)$(CROSS)ld -r -o $@.tmp $^
	$(Q)$(CROSS)objcopy -w --keep-global-symbol='*_main' \
		--keep-global-symbol=user_start $@.tmp $@ && rm -f $@.tmp
ifeq ($(MACH),arm)
	$(Q)undef=$$($(NM) -u $@); if [ -n "$$undef" ]; then \
		echo "samples/user: calls outside the user image, which a" \
		"process cannot reach:" $$undef; rm -f $@; exit 1; fi
endif

$(OUT)/obj $(OUT)/dtb $(OUT)/modules $(OUT)/user:
	$(Q)mkdir -p $@

-include $(wildcard $(OUT)/obj/*.d $(OUT)/modules/*.d $(OUT)/user/*.d)
.PHONY: all
