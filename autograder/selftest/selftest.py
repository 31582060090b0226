#!/usr/bin/env python3
"""The grader's self-test: broken submissions must get what they deserve.

    selftest.py [--case NAME]...

Each submission is a copy of the base tree made now (solutions/: a
student who solved every exercise; labs/ changes while chapters are
written and may not build between regenerations), with one function that
every test's boot runs (setup_machine_fdt, in arch/arm/kernel/devtree.c)
patched to misbehave: an infinite loop, a NULL dereference, abort(), an
early exit(0) (Check's fork mode would score that as a pass), a 100 MB
output flood on the host, a syntax error; and attacks on the grader:
forged result lines on the console, a header that redefines Check's
assertions, a shadow check.h, a constructor, a definition that replaces
a library function or a __wrap_ function of the harness, a detached
process that rewrites results.json after the grade, a fork bomb, a
memory hog, and on the board semihosting calls that would run a host
command and write a host file; a call of the harness's ktest_event()
from kernel code and a system call made by hand (both refused at
build); result lines written by hand on the result channel with the
run's token (on the board, through semihosting: refused for being out
of the runner's order) and 96 MB written into the work folder (the
machine is stopped).  The board's semihosting attacks are planted in
the machine code, where the build allows trap instructions.  run.py's
Sequence is checked on made-up event streams, and every tool's
temporary folders must be gone at the end (TMPDIR is WORK/tmp).  Each is graded on
chapter 00 with a rubric fixture of our own (10 points; the real rubric
is not touched), a 2 s per-test timeout and a 20 s bound per machine,
and must get exactly what its honest part deserves, with no hang; after
each, no process of the grade may be left (the process table is read).
Two workers share the cases, each with one scratch tree and build, so a
case recompiles only what its patch changed.

Two cases grade real chapters with the course's rubric, each in a build
of its own kept from run to run.  `arraysize`: the all-stub labs/ with,
outside any exercise, a header line that redefines ARRAY_SIZE to 0 when
the tests include it (their loops then check nothing): graded as it is
it earns points, graded as a submission it earns nothing and the grade
names the ignored line, file:line; the same lines inside the header's
exercise are refused there (its stub is graded), named too.  `stale`: at one path, a tree with
chapter 10 stubbed, then one with it solved whose files are dated 2001
(older than the build's objects, as `cp -a` or tar leave them), then
the stubbed one dated 2001 again: each is graded on its own code.

Then grade-all runs over a folder of three submissions (laid over the
base tree instead of labs/): an archive of the untouched base, a folder that edits a test, the rubric and a
non-student file, and a zip (tree in a sub-folder) whose student file
crashes.  Only the student files may count; for the fixture the student
file is devtree.c.

Two more cases plant a mistake in chapter 10's own exercise
__free_pages_memory(), which chapter 10's boot runs, and grade chapter
10 with the course's rubric: a NULL write must be reported on both
machines as a fault in __free_pages_memory() (mm/memblock.c:...), an
exercise of chapter 10 (this chapter); an endless loop must be named
the same way and cost one timeout on each machine, not one per test
(each machine's test time is printed).  Prints each case, the worst-case time of grading one
submission, and exits 0 when every check holds.  Work: build/selftest/.
"""
import argparse
import concurrent.futures
import csv
import glob
import json
import os
import queue
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
TOOLS = os.path.join(REPO, 'autograder', 'tools')
WORK = os.path.join(REPO, 'build', 'selftest')
sys.path.insert(0, TOOLS)
import labgen  # noqa: E402
from scratch import ScratchTree, files_of  # noqa: E402
DEVTREE = 'arch/arm/kernel/devtree.c'
BASE = os.path.join(REPO, 'solutions')
ANCHOR = 'int setup_machine_fdt(const void *fdt)\n{\n'
RUBRIC = ('00 devtree_describes_the_board 2\n'
          '00 devtree_ram_sizes 3\n'
          '00 mmu_section_and_small_page 5\n')
FULL = 10
LIMIT, TEST_TIMEOUT = 20, 2
LOG_CAP = 50 * 1024 * 1024

# name -> (code put first in setup_machine_fdt, expected score, words
# expected in the failure messages)
HOST_ONLY = '#ifdef __x86_64__\n%s#endif\n'
ARM_ONLY = '#ifdef __arm__\n%s#endif\n'
RESULTS_OF = os.path.join(WORK, 'results', '%s', 'results.json')
PWNED = os.path.join(WORK, 'pwned')

# A detached grandchild that rewrites results.json after the grade.
DETACH_CODE = (
    '\t{\n\t\textern int fork(void), setsid(void), open(const char *, '
    'int, ...);\n\t\textern long write(int, const void *, unsigned long);'
    '\n\t\textern unsigned int sleep(unsigned int);\n\t\textern void '
    '_exit(int);\n\n\t\tif (fork() == 0) {\n\t\t\tsetsid();\n'
    '\t\t\tif (fork() == 0) {\n\t\t\t\tint fd;\n\n\t\t\t\t'
    'sleep(3);\n\t\t\t\tfd = open("%s", 01 | 01000);\n\t\t\t\t'
    'write(fd, "{\\"score\\": 1000, \\"tests\\": []}", 31);\n'
    '\t\t\t}\n\t\t\t_exit(0);\n\t\t}\n\t}\n' %
    (RESULTS_OF % 'detach'))
FORK_BOMB_CODE = (
    '\tfor (int i = 0; i < 2000; i++) {\n\t\textern int fork(void);\n\n'
    '\t\tif (fork() == 0)\n\t\t\tfor (;;)\n\t\t\t\t;\n\t}\n')
# The two attacks above call the C library's fork(), open() and write():
# the build refuses that outside the machine code (treecheck rule 6), so
# it is planted in the host's machine code to prove the run-time bounds;
# 'reach' proves the refusal.
HOST_ATTACK = 'arch/host/attack.c'


def host_fn(name, body):
    return '\nvoid %s(void);\nvoid %s(void)\n{\n%s}\n' % (name, name, body)


def host_call(name):
    return HOST_ONLY % ('\t{\n\t\textern void %s(void);\n\n\t\t%s();\n'
                        '\t}\n' % (name, name))


DETACH = host_call('selftest_detach')
FORK_BOMB = host_call('selftest_fork_bomb')
# 256 MiB at a time (at every boot), every page of the first
# 64 MiB touched: the address-space limit must stop it long before the
# machine's 24 GiB.
HOG = HOST_ONLY % (
    '\tfor (int i = 0; i < 1024; i++) {\n\t\textern void *malloc('
    'unsigned long);\n\t\tchar *p = malloc(256UL << 20);\n\n'
    '\t\tif (!p)\n\t\t\tbreak;\n\t\tfor (unsigned long j = 0; '
    'j < (i ? 1 : 64UL << 20); j += 4096)\n\t\t\tp[j] = 1;\n\t}\n')
# Attacks that need the board's semihosting calls, made by hand: the
# build refuses trap instructions outside the machine code (treecheck
# rule 7), so they are planted there, in a file of their own, and
# called from the fixture's function.
MACH_ATTACK = 'arch/arm/mach-vexpress/attack.c'
SEMI = (
    '\nint selftest_semi(int op, void *arg);\n'
    'int selftest_semi(int op, void *arg)\n{\n'
    '\tregister int r0 __asm__("r0") = op;\n'
    '\tregister void *r1 __asm__("r1") = arg;\n\n'
    '\t__asm__ volatile("svc 0x123456" : "+r"(r0) : "r"(r1) : "memory");\n'
    '\treturn r0;\n}\n')
SEMIHOST_FN = SEMI + (
    '\nvoid selftest_semihost(void);\nvoid selftest_semihost(void)\n{\n'
    '\tstatic const char cmd[] = "touch %s-system";\n'
    '\tstatic const char name[] = "%s-open";\n'
    '\tstruct { const char *p; int n; } sys = { cmd, sizeof(cmd) - 1 };\n'
    '\tstruct { const char *p; int mode, n; } op = { name, 4, '
    'sizeof(name) - 1 };\n\n'
    '\tselftest_semi(0x12, &sys);\n\tselftest_semi(0x01, &op);\n}\n' % (
        PWNED, PWNED))
SEMIHOST = ARM_ONLY % ('\t{\n\t\textern void selftest_semihost(void);\n\n'
                       '\t\tselftest_semihost();\n\t}\n')
# Result lines with the run's token, written on the result channel by
# hand: the token read from the board's command line, the FIFO opened
# through semihosting.  Every boot writes an end and a pass for each
# test of the rubric: whatever test the runner started, the channel
# leaves its order.
CHANNEL_FN = SEMI + (
    '\nvoid selftest_channel(void);\nvoid selftest_channel(void)\n{\n'
    '\tstatic char cmd[512], line[1024];\n'
    '\tstatic const char *const names[] = { "devtree_describes_the_board",'
    ' "devtree_ram_sizes", "mmu_section_and_small_page" };\n'
    '\tstatic const char chan[] = "ktest.chan";\n'
    '\tstruct { char *p; int n; } cl = { cmd, sizeof(cmd) - 1 };\n'
    '\tstruct { const char *p; int mode, n; } op = { chan, 4, '
    'sizeof(chan) - 1 };\n'
    '\tstruct { int fd; const char *p; int n; } wr;\n'
    '\tchar *tok = 0;\n\tint n = 0;\n\n'
    '\tif (selftest_semi(0x15, &cl))\n\t\treturn;\n'
    '\tfor (char *p = cmd; *p; p++)\n'
    '\t\tif (p[0] == \'-\' && p[1] == \'-\' && p[2] == \'t\' && '
    'p[3] == \'o\' && p[4] == \'k\')\n\t\t\ttok = p + 8;\n'
    '\tif (!tok)\n\t\treturn;\n'
    '\tfor (char *p = tok; *p; p++)\n\t\tif (*p == \' \')\n'
    '\t\t\t*p = 0;\n'
    '\tfor (unsigned int i = 0; i < 3; i++) {\n'
    '\t\tconst char *parts[] = { "KTEST ", tok, " end 00\\nKTEST ", '
    'tok, " pass 00 ", names[i], " x.c:1: ok\\n" };\n\n'
    '\t\tfor (unsigned int j = 0; j < 7; j++)\n'
    '\t\t\tfor (const char *c = parts[j]; *c && n < 1000; c++)\n'
    '\t\t\t\tline[n++] = *c;\n\t}\n'
    '\twr.fd = selftest_semi(0x01, &op);\n'
    '\tif (wr.fd < 0)\n\t\treturn;\n'
    '\twr.p = line;\n\twr.n = n;\n\tselftest_semi(0x05, &wr);\n'
    '\tselftest_semi(0x02, &wr.fd);\n}\n')
CHANNEL = ARM_ONLY % ('\t{\n\t\textern void selftest_channel(void);\n\n'
                      '\t\tselftest_channel();\n\t}\n')
# 96 MiB through semihosting at every boot, in 8 files of the work
# folder: each file the board writes is cut at run.FILE_LIMIT
# (RLIMIT_FSIZE), and the folder is watched (run.WORK_LIMIT).
DISKFILL_FN = SEMI + (
    '\nvoid selftest_diskfill(void);\nvoid selftest_diskfill(void)\n{\n'
    '\tstatic char buf[65536];\n'
    '\tstatic char name[] = "big0";\n'
    '\tstruct { const char *p; int mode, n; } op = { name, 4, '
    'sizeof(name) - 1 };\n'
    '\tstruct { int fd; const char *p; int n; } wr = { 0, buf, '
    'sizeof(buf) };\n\n'
    '\tfor (int f = 0; f < 8; f++) {\n'
    '\t\tname[3] = \'0\' + f;\n'
    '\t\twr.fd = selftest_semi(0x01, &op);\n'
    '\t\tfor (int i = 0; wr.fd >= 0 && i < 192; i++)\n'
    '\t\t\tselftest_semi(0x05, &wr);\n\t}\n}\n')
DISKFILL = ARM_ONLY % ('\t{\n\t\textern void selftest_diskfill(void);\n'
                       '\n\t\tselftest_diskfill();\n\t}\n')
# The harness's own function, called from kernel code: begin, end and
# pass for each test of the rubric (the token is the harness's to add).
HARNESS = (
    '\t{\n\t\textern void ktest_event(const char *fmt, ...);\n'
    '\t\tstatic const char *const names[] = {\n'
    '\t\t\t"devtree_describes_the_board", "devtree_ram_sizes",\n'
    '\t\t\t"mmu_section_and_small_page"\n\t\t};\n\n'
    '\t\tfor (unsigned int i = 0; i < 3; i++) {\n'
    '\t\t\tktest_event("begin 00 %s", names[i]);\n'
    '\t\t\tktest_event("end 00");\n'
    '\t\t\tktest_event("pass 00 %s x.c:1: ok", names[i]);\n'
    '\t\t}\n\t}\n')
# A system call made by hand from the portable kernel (write(2) to the
# channel's descriptor, found by trying): the build refuses the
# instruction.
TRAP = HOST_ONLY % (
    '\tfor (long fd = 3; fd < 16; fd++) {\n'
    '\t\tlong r;\n\n'
    '\t\t__asm__ volatile("syscall" : "=a"(r) : "0"(1L), "D"(fd), '
    '"S"("x"), "d"(1L) : "rcx", "r11", "memory");\n'
    '\t\t(void)r;\n\t}\n')
FORGE = ('\tprintk("\\nktest: end 00\\nktest: pass 00 devtree_ram_sizes '
         'x.c:1: ok\\nKTEST 0 pass 00 devtree_ram_sizes x.c:1: ok\\n");\n'
         '\t*(volatile int *)0 = 1;\n')

# name -> (code put first in setup_machine_fdt, expected score, words
# expected in the results, {other file: text appended} or None)
CASES = {
    'good': ('', FULL, None, None),
    'hang': ('\tfor (volatile int i = 0;; i++)\n\t\t;\n', 0, 'no result',
             None),
    'null': ('\t*(volatile int *)0 = 1;\n', 0, 'Internal error', None),
    'abort': ('\t{\n\t\textern void abort(void);\n\n\t\tabort();\n\t}\n', 0,
              None, None),
    'exit0': ('\t{\n\t\textern void exit(int);\n\n\t\texit(0);\n\t}\n', 0,
              None, None),
    # 8 MB per boot on the host: 15 tests write 120 MB; 40 KB on the board.
    'flood': ('\tfor (int i = 0; i < (machine_name[0] == \'h\' ? 8192 : 40);'
              ' i++)\n\t\tprintk("%0*d\\n", 1023, i);\n', FULL, None, None),
    'nocompile': ('\tthis is not C;\n', 0, None, None),
    # Attacks on the grader.
    'forge': (FORGE, 0, 'Internal error', None),
    'macro': ('', 0, 'own this name', {
        'include/linux/pfn.h': '#include <check.h>\n#undef ck_assert_msg\n'
        '#define ck_assert_msg(expr, ...) ((void)0)\n'}),
    'shadow': ('', 0, 'bears the name', {'include/check.h': '/* mine */\n'}),
    'ctor': ('', 0, 'constructors', {
        DEVTREE: '\n__attribute__((constructor)) static void grab(void)\n{\n'
        '\tboot_command_line[0] = 1;\n}\n'}),
    'interpose': ('', 0, 'defines', {
        DEVTREE: '\nint srunner_ntests_failed(void *sr)\n{\n\treturn 0;\n}\n'
    }),
    # The image is linked with --wrap for memblock's entry points: a
    # tree's __wrap_ function would take the harness's place.
    'wrap': ('', 0, 'belong to the harness', {
        DEVTREE: '\nint __wrap_memblock_add(unsigned int base, unsigned int '
        'size)\n{\n\treturn 0;\n}\n'}),
    'detach': (DETACH, FULL, None,
               {HOST_ATTACK: host_fn('selftest_detach', DETACH_CODE)}),
    'forkbomb': (FORK_BOMB, FULL, None,
                 {HOST_ATTACK: host_fn('selftest_fork_bomb', FORK_BOMB_CODE)}),
    # The same from the portable kernel: refused at build.
    'reach': (HOST_ONLY % DETACH_CODE, 0, 'references fork', None),
    # The hog leaves no address space for the machine's RAM: the limit
    # holds, the boot fails and says why.
    'hog': (HOG, 0, 'Cannot allocate memory', None),
    'semihost': (SEMIHOST, None, None, {MACH_ATTACK: SEMIHOST_FN}),
    # Calling the harness, or looking for it: refused at build.
    'harness': (HARNESS, 0, 'references ktest_event', None),
    'trap': (TRAP, 0, 'made by hand', None),
    # The channel written by hand on the board: out of the runner's order.
    'channel': (CHANNEL, 0, 'out of the runner\'s order',
                {MACH_ATTACK: CHANNEL_FN}),
    # The boots between two looks at the folder may pass: no score asked.
    'diskfill': (DISKFILL, None, 'into its work folder',
                 {MACH_ATTACK: DISKFILL_FN}),
}

# Mistakes in one of chapter 10's own exercises that chapter 10's boot
# runs (__free_pages_memory(), through memblock_free_all()), graded on
# chapter 10 with the course's rubric: every failure must name the
# function and say that it is chapter 10's, on both machines; and a boot
# that hangs must cost one timeout, not one per test of the chapter.
# name -> (code put after the anchor, words every failure must hold)
MEMBLOCK = 'mm/memblock.c'
BOOT_ANCHOR = '\t\tmemblock_free_pages(pfn_to_page(start), start, order);\n'
BOOT_CHAPTER, BOOT_TIMEOUT = '10', 30    # ch10.c's suite timeout
BOOT_CASES = {
    'boot-fault': ('\t\tif (end - start < 4)\n'
                   '\t\t\t*(volatile unsigned long *)0 = start;\n',
                   ('faulted in __free_pages_memory() (mm/memblock.c:',
                    'an exercise of chapter 10 (this chapter)')),
    'boot-hang': ('\t\twhile (end - start < 4)\n\t\t\tbarrier();\n',
                  ('no result within',
                   'still running __free_pages_memory() (mm/memblock.c:',
                   'an exercise of chapter 10 (this chapter)')),
}


def plant(f, anchor, code, what):
    """CODE written into file F right after ANCHOR (WHAT says what the
    anchor should be, for the error when the file changed)."""
    with open(f) as fh:
        text = fh.read()
    if anchor not in text:
        raise SystemExit('selftest: %s no longer %s as expected; update '
                         'the anchor' % (f, what))
    with open(f, 'w') as fh:
        fh.write(text.replace(anchor, anchor + code, 1))


def patched_labs(dest, code, path=DEVTREE, extra=None):
    """DEST (a folder, or a ScratchTree) as BASE with CODE first in
    setup_machine_fdt and EXTRA's texts appended to its files."""
    if isinstance(dest, ScratchTree):
        dest.sync(BASE)
        dest = dest.path
    else:
        shutil.copytree(BASE, dest)
    plant(os.path.join(dest, path), ANCHOR, code,
          'defines setup_machine_fdt')
    for rel, more in (extra or {}).items():
        with open(os.path.join(dest, rel), 'a') as fh:
            fh.write(more)


def grade_tree(name, tree, rubric, out, ch='00', whole=True):
    """Grade TREE's chapter CH (RUBRIC None: the course's rubric); the
    attacks on the build are graded whole, as the course's own trees.
    The bound is generous: a first build on a loaded machine is slow."""
    res = os.path.join(WORK, 'results', name)
    cmd = [sys.executable, os.path.join(TOOLS, 'grade.py'), '--tree', tree,
           '--ch', ch, '--results', res, '--build', out, '--time-limit',
           str(LIMIT)]
    if rubric:
        cmd += ['--rubric', rubric, '--test-timeout', str(TEST_TIMEOUT)]
    if whole:
        cmd.append('--whole-tree')
    start = time.time()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True, timeout=2 * LIMIT + 600)
    took = time.time() - start
    with open(os.path.join(res, 'results.json')) as f:
        return p, json.load(f), took


def survivors():
    """Processes (pid, command) whose command line names WORK."""
    found = []
    for pid in os.listdir('/proc'):
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            with open('/proc/%s/cmdline' % pid, 'rb') as f:
                cmd = f.read().replace(b'\0', b' ').decode('utf-8', 'replace')
        except OSError:
            continue
        if WORK in cmd and 'selftest.py' not in cmd:
            found.append((int(pid), cmd[:100]))
    return found


def check_case(name, rubric, tree, out):
    code, want, words, extra = CASES[name]
    patched_labs(tree, code, extra=extra)
    p, res, took = grade_tree(name, tree.path, rubric, out)
    bad = []
    if want is not None and res['score'] != want:
        bad.append('score %g, expected %g' % (res['score'], want))
    if want is not None and (p.returncode == 0) != (want == FULL):
        bad.append('exit status %d with score %g' % (p.returncode,
                                                      res['score']))
    outputs = '\n'.join(t['output'] for t in res['tests'])
    for m in ('host', 'arm'):
        # every test's message, graded by the fixture's rubric or not
        try:
            with open(os.path.join(out, m, 'results.json')) as f:
                outputs += '\n'.join(r['message'] for r in json.load(f))
        except (OSError, ValueError):
            pass
    if words and words not in outputs:
        bad.append('no "%s" in the results' % words)
    if name == 'exit0' and 'exit()' not in outputs:
        bad.append('the early exit is not named in the results')
    if name == 'nocompile' and ('error' not in outputs or
                                'DOES NOT COMPILE' not in p.stdout):
        bad.append('the compiler errors are not reported')
    if name == 'flood':
        log = os.path.join(out, 'host', 'ktest.log')
        size = os.path.getsize(log)
        if size > LOG_CAP + 4096:
            bad.append('the host log has %d bytes' % size)
        with open(os.path.join(out, 'host', 'results.json')) as f:
            biggest = max(len(r['output']) for r in json.load(f))
        if biggest > 17 * 1024:
            bad.append('a test record keeps %d bytes of output' % biggest)
        words = 'log %d MB, largest record %d KB' % (size >> 20,
                                                      biggest >> 10)
    if name == 'detach':
        time.sleep(4)       # the helper would have written by now
        with open(RESULTS_OF % name) as f:
            again = json.load(f)['score']
        if again != res['score']:
            bad.append('results.json was rewritten after the grade: score '
                       '%s' % again)
    if name == 'semihost':
        made = glob.glob(PWNED + '*')
        if made:
            bad.append('the image wrote on the host: %s' % ' '.join(made))
        words = 'score %g; no host file written' % res['score']
    left = [x for x in survivors() if out in x[1]]
    if left:
        bad.append('processes left after the grade: %s' % '; '.join(
            '%d %s' % x for x in left))
        for pid, _ in left:
            try:
                os.kill(pid, 9)
            except OSError:
                pass
    return bad, res['score'], took, words or ''


def check_sequence():
    """run.py's Sequence on made-up event streams: what the runner
    writes passes, every other order is refused and says why."""
    sys.path.insert(0, TOOLS)
    import run
    tests = [('00', 'a', 2, ''), ('00', 'b', 2, ''), ('00', 'c', 2, '')]
    ok = ('begin 00 a', 'doing x', 'end 00', 'pass 00 a t.c:1: ok')
    streams = [
        # (first test, events, expected kinds; 'broken' ends the stream)
        (0, ok + ('begin 00 b', 'fail 00 b t.c:2: no', 'begin 00 c',
                  'end 00', 'error 00 c t.c:3: oops', 'done 1 2'),
         'begin doing end verdict begin verdict begin end verdict done'),
        (1, ('begin 00 b', 'error 00 b t.c:1: Test timeout expired'),
         'begin verdict'),
        # the forgery of the issue: a second begin in the test's boot
        (0, ('begin 00 a', 'begin 00 a'), 'begin broken'),
        # a begin for a test the runner did not start
        (0, ('begin 00 b',), 'broken'),
        # a verdict naming another test
        (0, ('begin 00 a', 'end 00', 'pass 00 b t.c:1: ok'),
         'begin end broken'),
        # forged end and pass, then the runner's own: a second end
        (0, ok + ('end 00',), 'begin doing end verdict broken'),
        (0, ok + ('pass 00 a t.c:1: ok',), 'begin doing end verdict broken'),
        # a verdict before the end
        (0, ('begin 00 a', 'pass 00 a t.c:1: ok', 'end 00'),
         'begin verdict broken'),
        (0, ('begin 00 a', 'end 00', 'end 00'), 'begin end broken'),
        (0, ('pass 00 a t.c:1: ok',), 'broken'),
        (0, ('begin 00 a', 'done 0 0'), 'begin broken'),
        (2, ('begin 00 c', 'fail 00 c t.c:1: x', 'done 0 1', 'begin 00 c'),
         'begin verdict done broken'),
        # words the runner does not use change nothing
        (0, ('hello', 'begin 00 a', 'mystery 1 2'), 'ignore begin ignore'),
    ]
    bad = []
    for first, events, want in streams:
        seq, got = run.Sequence(tests, first), []
        for e in events:
            step = seq.feed(e)
            got.append(step[0])
            if step[0] == 'broken':
                if not step[2]:
                    bad.append('sequence: no reason given for %r' % e)
                break
        if ' '.join(got) != want:
            bad.append('sequence: %s gave %s, expected %s' % (
                ' | '.join(events), ' '.join(got), want))
    return bad, len(streams)


def check_sweep(tmp):
    """run.py's work folder sweeps the folders that runs which died
    (SIGKILL) left: an owner that is gone, or none and an hour old;
    a live run's folder stays."""
    sys.path.insert(0, TOOLS)
    import run
    gone = subprocess.Popen(['true'])
    gone.wait()
    plan = {'ktest-host-dead': (gone.pid, 0), 'ktest-arm-old': (None, 7200),
            'ktest-host-live': (os.getpid(), 0)}
    for name, (pid, age) in plan.items():
        path = os.path.join(tmp, name)
        os.makedirs(path)
        if pid:
            with open(os.path.join(path, run.work_folder.OWNER), 'w') as f:
                f.write('%d\n' % pid)
        os.utime(path, (time.time() - age, time.time() - age))
    for prefix in ('ktest-host-', 'ktest-arm-'):
        with run.work_folder(prefix):
            pass
    left = sorted(n for n in plan if os.path.isdir(os.path.join(tmp, n)))
    shutil.rmtree(os.path.join(tmp, 'ktest-host-live'), ignore_errors=True)
    return [] if left == ['ktest-host-live'] else [
        'sweep: left %s, expected only the live run\'s folder' % left]


def left_in(tmp):
    """What the tools left in the temporary folder TMP (removed)."""
    left = sorted(os.listdir(tmp))
    for n in left:
        shutil.rmtree(os.path.join(tmp, n), ignore_errors=True)
    return left


def check_boot_case(name, tree, out):
    """Grade BOOT_CASES[name] on chapter 10; what is wrong, the score,
    the seconds and a note with each machine's test time."""
    code, words = BOOT_CASES[name]
    tree.sync(BASE)
    plant(os.path.join(tree.path, MEMBLOCK), BOOT_ANCHOR, code,
          'calls memblock_free_pages()')
    res_dir = os.path.join(WORK, 'results', name)
    start = time.time()
    subprocess.run([sys.executable, os.path.join(TOOLS, 'grade.py'),
                    '--tree', tree.path, '--ch', BOOT_CHAPTER, '--results',
                    res_dir, '--build', out, '--time-limit', '300'],
                   stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
                   timeout=900)
    took = time.time() - start
    with open(os.path.join(res_dir, 'results.json')) as fh:
        score = json.load(fh)['score']
    bad, note = [], []
    if score:
        bad.append('score %g, expected 0' % score)
    for mach in ('host', 'arm'):
        with open(os.path.join(out, mach, 'results.json')) as fh:
            recs = [r for r in json.load(fh)
                    if r['chapter'] == BOOT_CHAPTER]
        if not recs:
            bad.append('%s: no test of chapter %s ran' % (mach, BOOT_CHAPTER))
        for r in recs:
            missing = [w for w in words if w not in r['message']]
            if r['status'] == 'pass' or missing:
                bad.append('%s %s: %s: %s' % (mach, r['test'], r['status'],
                                              r['message'][:300]))
        seconds = sum(r['seconds'] for r in recs)
        note.append('%s: %d tests in %.1fs' % (mach, len(recs), seconds))
        if name == 'boot-hang':
            again = sum('not run again' in r['message'] for r in recs)
            if again != len(recs) - 1:
                bad.append('%s: %d of %d tests waited for the hung boot' % (
                    mach, len(recs) - again, len(recs)))
            if seconds > 2 * BOOT_TIMEOUT:
                bad.append('%s: the hung boot cost %.0fs, more than one '
                           'timeout (%ds)' % (mach, seconds, BOOT_TIMEOUT))
    return bad, score, took, ', '.join(note)


# Outside any exercise of include/linux/pfn.h: the tests' loops over
# ARRAY_SIZE(cases) check nothing (libfdt.h comes first in the tests; a
# zero the compiler cannot see, or -Wtype-limits would refuse the loops).
ARRAY_ATTACK = ('#if defined(LIBFDT_H)\nstatic inline unsigned long '
                '__pfn_count(unsigned long n)\n{\n\treturn n & 0;\n}\n'
                '#undef ARRAY_SIZE\n#define ARRAY_SIZE(a) '
                '__pfn_count(sizeof(a))\n#endif\n\n')
ARRAY_FILE = 'include/linux/pfn.h'
ARRAY_ANCHOR = '#endif /* _LINUX_PFN_H */'
ARRAY_STUB = '#define PFN_UP(x) ((x) & 0)'   # inside the exercise
STALE_CH = 10       # its exercise is in one .c file: a quick rebuild


def keep(name):
    """A folder of WORK kept from run to run (a build worth keeping)."""
    return os.path.join(WORK, 'keep-' + name)


def full_marks(res):
    return sum(t['max_score'] for t in res['tests'])


def labs_with(path, pfn_h):
    """A ScratchTree at PATH: labs/ with ARRAY_FILE's text PFN_H (synced
    at once: a file whose content is unchanged keeps its time, and its
    objects)."""
    labs = os.path.join(REPO, 'labs')
    files = {rel: os.path.join(labs, rel) for rel in files_of(labs)}
    files[ARRAY_FILE] = pfn_h.encode()
    tree = ScratchTree(path)
    tree.sync_content(files)
    return tree


def check_arraysize():
    """The all-stub tree with ARRAY_ATTACK: points when graded whole (the
    attack works), none as a submission, and the ignored line named."""
    with open(os.path.join(REPO, 'labs', ARRAY_FILE)) as f:
        text = f.read()
    for anchor in (ARRAY_ANCHOR, ARRAY_STUB):
        if anchor not in text:
            raise SystemExit('selftest: %s has no "%s"; update the '
                             'selftest' % (ARRAY_FILE, anchor))
    line = text[:text.index(ARRAY_ANCHOR)].count('\n') + 1
    tree = labs_with(keep('arraysize-tree'), text.replace(
        ARRAY_ANCHOR, ARRAY_ATTACK + ARRAY_ANCHOR))
    bad, took = [], 0.0
    _, whole, t = grade_tree('arraysize-whole', tree.path, None,
                             keep('arraysize-whole'), '01')
    took += t
    if whole['score'] <= 0:
        bad.append('graded whole, the attack earns nothing: it no longer '
                   'shows what it should')
    p, sub, t = grade_tree('arraysize', tree.path, None, keep('arraysize'),
                           '01', whole=False)
    took += t
    if sub['score'] != 0:
        bad.append('graded as a submission it earns %g' % sub['score'])
    where = '%s:%d' % (ARRAY_FILE, line)
    if where not in sub['output'] or where not in p.stdout:
        bad.append('the ignored line %s is not named in the grade and in '
                   'results.json\'s output' % where)
    # The same lines inside an exercise of the header: its stub is graded.
    at = text.index(ARRAY_STUB)
    inside = labs_with(keep('arraysize-inside'), text[:at] + ARRAY_ATTACK +
                       text[at:])
    where2 = '%s:%d' % (ARRAY_FILE, text[:at].count('\n') + 1 +
                        ARRAY_ATTACK[:ARRAY_ATTACK.index('#undef')].count(
                            '\n'))
    p, sub2, t = grade_tree('arraysize-inside', inside.path, None,
                            keep('arraysize'), '01', whole=False)
    took += t
    if sub2['score'] != 0:
        bad.append('inside an exercise, it earns %g' % sub2['score'])
    if where2 not in sub2['output'] or 'may #define only' not in p.stdout:
        bad.append('inside an exercise, %s is not named as refused' % where2)
    return bad, sub['score'], took, 'whole tree %g/%g, as a submission ' \
        '%g, %s named; inside an exercise %g, %s named' % (
            whole['score'], full_marks(whole), sub['score'], where,
            sub2['score'], where2)


def check_stale():
    """At one path: chapter STALE_CH stubbed, then solved with 2001 times,
    then stubbed with 2001 times: each graded on its own code."""
    path = keep('stale-tree')
    out = keep('stale-out')
    steps = [('stubbed', STALE_CH, False, 0), ('solved, dated 2001',
                                              STALE_CH + 1, True, 'full'),
             ('stubbed, dated 2001', STALE_CH, True, 0)]
    bad, took, got = [], 0.0, []
    for what, below, old, want in steps:
        if old:
            shutil.rmtree(path, ignore_errors=True)
            labgen.generate(BASE, path, below)
        else:
            # Rewritten where its content differs only: a quick rebuild.
            ScratchTree(path).sync_generated(BASE, below)
        if old:
            for root, _, names in os.walk(path):
                for n in names:
                    os.utime(os.path.join(root, n), (978307200, 978307200))
        _, res, t = grade_tree('stale', path, None, out, '%02d' % STALE_CH)
        took += t
        expect = full_marks(res) if want == 'full' else want
        got.append('%s %g' % (what, res['score']))
        if res['score'] != expect or not full_marks(res):
            bad.append('%s: score %g, expected %g' % (what, res['score'],
                                                      expect))
    return bad, 0, took, 'ch%02d: %s' % (STALE_CH, ', '.join(got))


SPECIAL = {'arraysize': check_arraysize, 'stale': check_stale}


def check_grade_all(rubric):
    subs = os.path.join(WORK, 'submissions')
    os.makedirs(subs)
    good = os.path.join(WORK, 'ga', 'good')
    shutil.copytree(BASE, good)
    with tarfile.open(os.path.join(subs, 'alice.tar.gz'), 'w:gz') as t:
        t.add(good, arcname='labs')
    # bob edits a test, the rubric and printk (not a student file).
    bob = os.path.join(subs, 'bob')
    patched_labs(bob, '', path=DEVTREE)
    os.makedirs(os.path.join(bob, 'autograder', 'tests'))
    with open(os.path.join(bob, 'autograder', 'tests', 'rubric'), 'w') as f:
        f.write('00 devtree_describes_the_board 1000\n')
    shutil.copy(os.path.join(REPO, 'autograder', 'tests', 'infra.c'),
                os.path.join(bob, 'autograder', 'tests', 'infra.c'))
    with open(os.path.join(bob, 'autograder', 'tests', 'infra.c'), 'a') as f:
        f.write('\n#error "a test edited by a student"\n')
    with open(os.path.join(bob, 'kernel', 'printk.c'), 'a') as f:
        f.write('\n#error "not a student file"\n')
    # carol's student file crashes; her zip holds the tree in a folder.
    carol = os.path.join(WORK, 'ga', 'carol')
    patched_labs(carol, CASES['null'][0])
    # dave forges result lines and then crashes: nothing may count.
    dave = os.path.join(subs, 'dave')
    patched_labs(dave, FORGE)
    with zipfile.ZipFile(os.path.join(subs, 'carol.zip'), 'w') as z:
        for root, _, names in os.walk(carol):
            for n in names:
                full = os.path.join(root, n)
                z.write(full, os.path.join('carol-lab',
                                           os.path.relpath(full, carol)))
    out = os.path.join(WORK, 'grade-all')
    cmd = [sys.executable, os.path.join(TOOLS, 'instructor.py'), 'grade-all',
           subs, '--out', out, '--ch', '00', '--rubric', rubric,
           '--time-limit', str(LIMIT), '--test-timeout', str(TEST_TIMEOUT),
           '--student-file', DEVTREE, '--labs', BASE]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True, timeout=600)
    print('\n'.join('    ' + ln for ln in p.stdout.splitlines()))
    want = {'alice': FULL, 'bob': FULL, 'carol': 0, 'dave': 0}
    bad = []
    with open(os.path.join(out, 'grades.csv')) as f:
        got = {row['student']: float(row['total'])
               for row in csv.DictReader(f)}
    for s, w in want.items():
        if got.get(s) != w:
            bad.append('grade-all: %s got %s, expected %g' % (s, got.get(s),
                                                             w))
        if not os.path.exists(os.path.join(out, s, 'results.json')):
            bad.append('grade-all: no results.json for %s' % s)
    # bob's edits outside the exercises are listed for him.
    with open(os.path.join(out, 'bob', 'results.json')) as f:
        told = json.load(f)['output']
    for words in ('kernel/printk.c:', 'autograder/tests/rubric: not a file'):
        if words not in told:
            bad.append('grade-all: bob\'s results do not say "%s"' % words)
    return bad


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--case', action='append',
                    choices=list(CASES) + list(SPECIAL) + list(BOOT_CASES) +
                    ['sequence', 'grade-all'],
                    help='only these cases (grade-all: the grade-all run)')
    a = ap.parse_args()
    # The scratch trees and builds stay from run to run (only the files
    # a case changes are recompiled); everything else is made afresh.
    os.makedirs(WORK, exist_ok=True)
    for n in os.listdir(WORK):
        if not re.match(r'^(tree|out)\d+$|^grade-all$|^keep-', n):
            shutil.rmtree(os.path.join(WORK, n), ignore_errors=True)
    ga = os.path.join(WORK, 'grade-all')
    for n in os.listdir(ga) if os.path.isdir(ga) else []:
        if n != '.work':
            shutil.rmtree(os.path.join(ga, n), ignore_errors=True)
    # Every tool's temporary folders go here, which must be empty after.
    tmp = os.path.join(WORK, 'tmp')
    os.makedirs(tmp)
    os.environ['TMPDIR'] = tmp
    tempfile.tempdir = None
    rubric = os.path.join(WORK, 'rubric')
    with open(rubric, 'w') as f:
        f.write('# Fixture of the grader self-test: not the course rubric.\n'
                + RUBRIC)
    start, failures, worst = time.time(), [], (0.0, '')
    # Two workers (the cores), each with its own scratch tree and build.
    workers = queue.Queue()
    for i in range(2):
        workers.put(i)

    def one(name):
        i = workers.get()
        try:
            if name in SPECIAL:
                return name, SPECIAL[name]()
            tree = ScratchTree(os.path.join(WORK, 'tree%d' % i))
            check = check_boot_case if name in BOOT_CASES else \
                lambda n, t, o: check_case(n, rubric, t, o)
            return name, check(name, tree, os.path.join(WORK, 'out%d' % i))
        finally:
            workers.put(i)

    if not a.case or 'sequence' in a.case:
        bad, n = check_sequence()
        bad += check_sweep(tmp)
        print('  %-4s %-10s %d event streams, the sweep of dead runs\' '
              'folders  %s' % ('ok' if not bad else 'FAIL', 'sequence', n,
                              '; '.join(bad)), flush=True)
        failures += bad
    cases = [c for c in a.case or list(SPECIAL) + list(CASES) +
             list(BOOT_CASES) if c not in ('sequence', 'grade-all')]
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        for name, (bad, score, took, note) in pool.map(one, cases):
            if name not in SPECIAL and name not in BOOT_CASES:
                worst = max(worst, (took, name))
            print('  %-4s %-10s %-14s %5.1fs  %s' % (
                'ok' if not bad else 'FAIL', name, 'score %4g/%d' % (
                    score, FULL) if name not in SPECIAL else '', took,
                '; '.join(bad) or note), flush=True)
            failures += ['%s: %s' % (name, b) for b in bad]
    if not a.case or 'grade-all' in a.case:
        print('  grade-all over 4 submissions:', flush=True)
        failures += check_grade_all(rubric)
    left = survivors()
    if left:
        failures.append('grade-all: processes left: %s' % left)
    left = left_in(tmp)
    print('  %-4s %-10s %s' % ('ok' if not left else 'FAIL', 'tmp',
                               'temporary folders left: %s' % ' '.join(left)
                               if left else 'no temporary folder left'))
    if left:
        failures.append('temporary folders left in %s: %s' % (
            tmp, ' '.join(left)))
    for f in failures:
        print('selftest: FAIL ' + f)
    print('selftest: %d cases, %d failures; worst case for one submission: '
          '%.1fs (%s); total %.0fs' % (len(CASES) + len(BOOT_CASES) +
                                       len(SPECIAL) + 2,
                                       len(failures),
                                       worst[0], worst[1],
                                       time.time() - start))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
