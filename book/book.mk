# The handbook: chapters/*.md -> build/book/handbook.{pdf,html}.
# Included by the top-level Makefile; see book/README.md.
#
#   make book          solution edition: listings from solutions/
#   make book-student  student edition: listings from labs/, no answers
#   make test-book     both editions, then the checks (prints the time)
#   make book BOOK_DRAFT=1   unused listing regions only warn
#
# Figures: book/figures/NAME.dot are drawn by hand; the figure programs
# (the "fig" suite, autograder/tests/figures.c) draw the others from the
# running kernel, on the host port (a tree without solutions/, the
# student edition, renders the copies in book/figures/live/ instead).
# All become build/book/fig/NAME.pdf (for the PDF) and NAME.svg (HTML).

BOOK_OUT := build/book
BOOK_PY := python3
# BOOK_DRAFT=1: listing regions that no chapter includes yet are only
# warnings (for authors while chapters are written; test-book ignores it).
BOOK_DRAFT ?=
BOOK_FLAGS := $(if $(BOOK_DRAFT),--draft)
BOOK_KERNEL := $(BOOK_OUT)/kernel/ktest
BOOK_DRAWN := $(patsubst book/figures/%.dot,%,$(wildcard book/figures/*.dot))
BOOK_DRAWN_OUT := $(foreach n,$(BOOK_DRAWN),$(BOOK_OUT)/fig/$(n).pdf \
	$(BOOK_OUT)/fig/$(n).svg)
BOOK_DOT := dot -Gmargin=0 -Gfontname="Noto Sans CJK SC" -Nfontname="Noto Sans CJK SC" \
	-Efontname="Noto Sans CJK SC"

.PHONY: book book-student test-book book-figures book-live-figures book-kernel-2g \
	book-kernel book-tools book-sessions

book-tools:
	@command -v pandoc >/dev/null && command -v xelatex >/dev/null && \
		command -v dot >/dev/null && command -v pdftotext >/dev/null || \
		bash autograder/setup.sh book

book: needs-solutions book-figures
	@$(BOOK_PY) book/tools/build.py --edition solution --out $(BOOK_OUT) \
		$(BOOK_FLAGS)

book-student: book-figures
	@$(BOOK_PY) book/tools/build.py --edition student --out $(BOOK_OUT) \
		$(BOOK_FLAGS)

# The two editions build side by side (separate work folders), each
# into its own log, shown when both are done.  Each pandoc needs about
# 1 GB; combine.py refuses the open "[" that once made it need 13.
BOOK_T0 := $(shell date +%s)
test-book: needs-solutions book-figures
	@start=$(BOOK_T0); \
	$(BOOK_PY) book/tools/build.py --edition solution --out $(BOOK_OUT) \
		> $(BOOK_OUT)/build-solution.log 2>&1 & sol=$$!; \
	$(BOOK_PY) book/tools/build.py --edition student --out $(BOOK_OUT) \
		> $(BOOK_OUT)/build-student.log 2>&1 & stu=$$!; \
	wait $$sol; a=$$?; wait $$stu; b=$$?; \
	cat $(BOOK_OUT)/build-solution.log $(BOOK_OUT)/build-student.log; \
	[ $$a = 0 ] && [ $$b = 0 ] && \
	$(BOOK_PY) book/tools/checkbook.py --out $(BOOK_OUT) && \
	echo "== make test-book: all passed in $$(( $$(date +%s) - start )) s"

book-figures: book-tools $(BOOK_DRAWN_OUT) book-live-figures book-sessions

# Shell sessions (autograder/shell/*.script) run on the host port; the
# student edition ships their text in book/sessions/live/.
ifneq ($(wildcard solutions/.),)
book-sessions: book-kernel
	@$(BOOK_PY) book/tools/sessions.py $(BOOK_KERNEL) $(BOOK_OUT)/sessions
else
book-sessions:
	@mkdir -p $(BOOK_OUT)/sessions && cp book/sessions/live/*.txt \
		$(BOOK_OUT)/sessions/
endif

# Drawn figures.
$(BOOK_OUT)/fig/%.pdf: book/figures/%.dot
	@mkdir -p $(@D)
	@$(BOOK_DOT) -Tpdf -o $@ $<
$(BOOK_OUT)/fig/%.svg: book/figures/%.dot
	@mkdir -p $(@D)
	@$(BOOK_DOT) -Tsvg -o $@ $<

# Live figures: run the figure programs on the host port, cut the
# Graphviz text out of their output, render what changed.
book-kernel:
	@$(MAKE) -s --no-print-directory -f autograder/mk/kernel.mk \
		TREE=solutions MACH=host OUT=$(BOOK_OUT)/kernel

# Chapter 20's layout figure is drawn by the 2G/2G build too.
book-kernel-2g:
	@$(MAKE) -s --no-print-directory -f autograder/mk/kernel.mk \
		TREE=solutions MACH=host VMSPLIT=2G OUT=$(BOOK_OUT)/kernel-2g

ifneq ($(wildcard solutions/.),)
book-live-figures: book-kernel book-kernel-2g
	@$(BOOK_PY) autograder/tools/run.py --mach host --bin $(BOOK_KERNEL) \
		--chapter fig --quiet --json $(BOOK_OUT)/figures.json \
		--log $(BOOK_OUT)/figures.log
	@$(BOOK_PY) book/tools/figures.py $(BOOK_OUT)/figures.json \
		$(BOOK_OUT)/figures
	@$(BOOK_PY) autograder/tools/run.py --mach host \
		--bin $(BOOK_OUT)/kernel-2g/ktest --chapter fig \
		--test fig_vm_layout --quiet --json $(BOOK_OUT)/figures-2g.json \
		--log $(BOOK_OUT)/figures-2g.log
	@$(BOOK_PY) book/tools/figures.py $(BOOK_OUT)/figures-2g.json \
		$(BOOK_OUT)/figures
else
# The student edition has no solutions/ to run: it ships the live
# figures' Graphviz text in book/figures/live/ (book/tools/edition.py).
book-live-figures:
	@mkdir -p $(BOOK_OUT)/figures && \
	for f in book/figures/live/*.dot; do \
		cmp -s $$f $(BOOK_OUT)/figures/$$(basename $$f) || \
			cp $$f $(BOOK_OUT)/figures/ || exit 1; \
	done
endif
	@mkdir -p $(BOOK_OUT)/fig; \
	for f in $(BOOK_OUT)/figures/*.dot; do \
		n=$$(basename $$f .dot); \
		if [ -e book/figures/$$n.dot ]; then \
			echo "book: figure $$n is both drawn and live" >&2; \
			exit 1; fi; \
		for x in pdf svg; do \
			o=$(BOOK_OUT)/fig/$$n.$$x; \
			[ $$o -nt $$f ] || $(BOOK_DOT) -T$$x -o $$o $$f || exit 1; \
		done; \
	done
