# Grading, debugging and instructors' targets; the top-level Makefile
# includes this file.  Every tool is in autograder/tools/ (see
# autograder/README.md); these rules only pass the variables on.
#
#   make grade [CH=N] [UPTO=N] [TREE=labs|solutions|DIR] [TEST=name]
#              [WHOLE_TREE=1]   (a DIR is graded as a submission: only the
#              code of its exercises, in the course's files; see grade.py)
#   make qemu-gdb CH=N [TEST=name] [TREE=..]
#   make coverage [CH=N] [TREE=..]
#   make validity
#   make test-grader
#   make student-edition DEST=dir
#   make check-edition DEST=dir   (no solution text in an edition)
#   make grade-all SUBMISSIONS=dir [JOBS=n]
#   make mutants [CH=N]
#   make gradescope

TREE ?= labs
PY ?= python3
GRADE_TOOLS := autograder/tools

grade_args = --tree $(TREE) $(if $(CH),--ch $(CH)) $(if $(UPTO),--upto $(UPTO)) \
	$(if $(TEST),--test $(TEST)) $(if $(LIMIT),--time-limit $(LIMIT)) \
	$(if $(WHOLE_TREE),--whole-tree)

.PHONY: grade qemu-gdb coverage validity test-grader student-edition check-edition \
	grade-all gradescope mutants

grade: deps
	@$(PY) $(GRADE_TOOLS)/grade.py $(grade_args)

qemu-gdb: deps
	@test -n "$(CH)" || { echo "usage: make qemu-gdb CH=N [TEST=name]"; exit 2; }
	@$(PY) $(GRADE_TOOLS)/devtools.py qemu-gdb --tree $(TREE) --ch $(CH) \
		$(if $(TEST),--test $(TEST))

coverage: deps
	@$(PY) $(GRADE_TOOLS)/devtools.py coverage --tree $(TREE) $(if $(CH),--ch $(CH))

validity: needs-solutions deps
	@$(PY) $(GRADE_TOOLS)/validity.py $(if $(AGAIN),--again)

mutants: needs-solutions deps
	@$(PY) $(GRADE_TOOLS)/mutants.py $(if $(CH),--ch $(CH))

test-grader: needs-solutions deps
	@$(PY) autograder/selftest/selftest.py

# Its own make book-student needs the live figures and sessions, drawn
# here from solutions/ (book-tools installs Graphviz, pandoc...).
student-edition: needs-solutions deps book-tools
	@test -n "$(DEST)" || { echo "usage: make student-edition DEST=dir"; exit 2; }
	@$(PY) $(GRADE_TOOLS)/instructor.py student-edition $(DEST)

check-edition: needs-solutions
	@test -n "$(DEST)" || { echo "usage: make check-edition DEST=dir"; exit 2; }
	@$(PY) $(GRADE_TOOLS)/instructor.py check-edition $(DEST)

grade-all: deps
	@test -n "$(SUBMISSIONS)" || { echo "usage: make grade-all SUBMISSIONS=dir"; exit 2; }
	@$(PY) $(GRADE_TOOLS)/instructor.py grade-all $(SUBMISSIONS) \
		$(if $(JOBS),--jobs $(JOBS)) \
		$(if $(CH),--ch $(CH)) $(if $(LIMIT),--time-limit $(LIMIT))

gradescope:
	@$(PY) $(GRADE_TOOLS)/instructor.py gradescope
