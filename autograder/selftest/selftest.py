#!/usr/bin/env python3
"""The grader's self-test: broken submissions must get what they deserve.

    selftest.py [--keep]

Each submission is a copy of the base tree made now (solutions/: a
student who solved every exercise; labs/ changes while chapters are
written and may not build between regenerations), with one function that
every test's boot runs (setup_machine_fdt, in arch/arm/kernel/devtree.c)
patched to misbehave: an infinite loop, a NULL dereference, abort(), an
early exit(0) (Check's fork mode would score that as a pass), a 100 MB
output flood on the host, a syntax error.  Each is graded on chapter 00
with a rubric fixture of our own (10 points; the real rubric is not
touched), a 2 s per-test timeout and a 20 s bound per machine, and must
get exactly the expected score, with no hang.

Then grade-all runs over a folder of three submissions (laid over the
base tree instead of labs/): an archive of the untouched base, a folder that edits a test, the rubric and a
non-student file, and a zip (tree in a sub-folder) whose student file
crashes.  Only the student files may count; for the fixture the student
file is devtree.c.  Prints each case, the worst-case time of grading one
submission, and exits 0 when every check holds.  Work: build/selftest/.
"""
import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
TOOLS = os.path.join(REPO, 'autograder', 'tools')
WORK = os.path.join(REPO, 'build', 'selftest')
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
CASES = {
    'good': ('', FULL, None),
    'hang': ('\tfor (volatile int i = 0;; i++)\n\t\t;\n', 0, 'no result'),
    'null': ('\t*(volatile int *)0 = 1;\n', 0, 'Internal error'),
    'abort': ('\t{\n\t\textern void abort(void);\n\n\t\tabort();\n\t}\n', 0,
              None),
    'exit0': ('\t{\n\t\textern void exit(int);\n\n\t\texit(0);\n\t}\n', 0,
              None),
    # 8 MB per boot on the host: 15 tests write 120 MB; 40 KB on the board.
    'flood': ('\tfor (int i = 0; i < (machine_name[0] == \'h\' ? 8192 : 40);'
              ' i++)\n\t\tprintk("%0*d\\n", 1023, i);\n', FULL, None),
    'nocompile': ('\tthis is not C;\n', 0, None),
}


def patched_labs(dest, code, path=DEVTREE):
    """A copy of BASE at DEST with CODE first in setup_machine_fdt."""
    shutil.copytree(BASE, dest)
    f = os.path.join(dest, path)
    with open(f) as fh:
        text = fh.read()
    if ANCHOR not in text:
        raise SystemExit('selftest: %s no longer defines setup_machine_fdt '
                         'as expected; update ANCHOR' % path)
    with open(f, 'w') as fh:
        fh.write(text.replace(ANCHOR, ANCHOR + code, 1))


def grade_tree(name, tree, rubric):
    res = os.path.join(WORK, 'results', name)
    cmd = [sys.executable, os.path.join(TOOLS, 'grade.py'), '--tree', tree,
           '--ch', '00', '--rubric', rubric, '--results', res, '--build',
           os.path.join(WORK, 'out', name), '--time-limit', str(LIMIT),
           '--test-timeout', str(TEST_TIMEOUT)]
    start = time.time()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True, timeout=2 * LIMIT + 120)
    took = time.time() - start
    with open(os.path.join(res, 'results.json')) as f:
        return p, json.load(f), took


def check_case(name, rubric):
    code, want, words = CASES[name]
    tree = os.path.join(WORK, 'subs', name)
    patched_labs(tree, code)
    p, res, took = grade_tree(name, tree, rubric)
    bad = []
    if res['score'] != want:
        bad.append('score %g, expected %g' % (res['score'], want))
    if (p.returncode == 0) != (want == FULL):
        bad.append('exit status %d with score %g' % (p.returncode,
                                                      res['score']))
    outputs = '\n'.join(t['output'] for t in res['tests'])
    if words and words not in outputs:
        bad.append('no "%s" in the results' % words)
    if name == 'exit0' and 'exit()' not in outputs:
        bad.append('the early exit is not named in the results')
    if name == 'nocompile' and ('error' not in outputs or
                                'DOES NOT COMPILE' not in p.stdout):
        bad.append('the compiler errors are not reported')
    if name == 'flood':
        log = os.path.join(WORK, 'out', name, 'host', 'ktest.log')
        size = os.path.getsize(log)
        if size > LOG_CAP + 4096:
            bad.append('the host log has %d bytes' % size)
        with open(os.path.join(WORK, 'out', name, 'host',
                               'results.json')) as f:
            biggest = max(len(r['output']) for r in json.load(f))
        if biggest > 17 * 1024:
            bad.append('a test record keeps %d bytes of output' % biggest)
        words = 'log %d MB, largest record %d KB' % (size >> 20,
                                                      biggest >> 10)
    return bad, res['score'], took, words or ''


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
    want = {'alice': FULL, 'bob': FULL, 'carol': 0}
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
    return bad


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--keep', action='store_true',
                    help='keep build/selftest/ afterwards')
    a = ap.parse_args()
    if os.path.isdir(WORK):
        shutil.rmtree(WORK)
    os.makedirs(WORK)
    rubric = os.path.join(WORK, 'rubric')
    with open(rubric, 'w') as f:
        f.write('# Fixture of the grader self-test: not the course rubric.\n'
                + RUBRIC)
    start, failures, worst = time.time(), [], (0.0, '')
    for name in CASES:
        bad, score, took, note = check_case(name, rubric)
        worst = max(worst, (took, name))
        print('  %-4s %-10s score %4g/%d  %5.1fs  %s' % (
            'ok' if not bad else 'FAIL', name, score, FULL, took,
            '; '.join(bad) or note), flush=True)
        failures += ['%s: %s' % (name, b) for b in bad]
    print('  grade-all over 3 submissions:', flush=True)
    failures += check_grade_all(rubric)
    for f in failures:
        print('selftest: FAIL ' + f)
    print('selftest: %d cases, %d failures; worst case for one submission: '
          '%.1fs (%s); total %.0fs' % (len(CASES) + 1, len(failures),
                                       worst[0], worst[1],
                                       time.time() - start))
    if not a.keep and not failures:
        shutil.rmtree(WORK)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
