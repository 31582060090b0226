#!/usr/bin/env python3
"""Mutation testing: realistic student bugs must lose points.

    mutants.py [--ch N]... [--mutant NAME]... [--list]

A mutant is a small bug a student could write in an exercise, kept as
autograder/mutants/chNN-NAME.diff: a few header lines, then a unified
diff against solutions/ (a/ and b/ prefixes):

    Mutant: ch05 steal-ignores-half-pageblock
    Bug: steal_suitable_fallback() retypes a pageblock whatever it holds
    Rule: the half-pageblock rule (chapter 5, "Stealing a pageblock")

    --- a/mm/page_alloc.c
    +++ b/mm/page_alloc.c
    @@ ...

Each mutant is applied to a scratch copy of solutions/ and graded like a
submission on chapter NN's graded tests: first on the host; on the board
too when the host alone takes no points (a test earns points only when
it passes on both machines, so a failure on either machine costs them).
The mutant is *killed* when it loses points.  Before that, its diff must
change only code inside chapter NN's exercise regions (what labgen
replaces by the stubs): a bug in given code is not a student's bug.

Prints one row per mutant (name, chapter, points lost, machine, seconds
or "mem" when remembered, the first failure's message) and exits non-zero when any mutant keeps full
marks, does not apply, strays outside its chapter's exercises or does
not compile.  Two workers (the cores), each with one scratch tree and
build directory, share the mutants, so each costs one recompiled file
and one chapter's run.  A mutant already killed is not graded again
while nothing it depends on changed (the mutant, solutions/, the tests,
the harness, the build rules, the rubric); --again grades every one.
Work: build/mutants/.
"""
import argparse
import concurrent.futures
import filecmp
import glob
import hashlib
import json
import os
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import time

TOOLS = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(TOOLS))
sys.path.insert(0, TOOLS)
import grade  # noqa: E402
import labgen  # noqa: E402
from scratch import ScratchTree, digest_dirs, files_of  # noqa: E402

MUTANTS = os.path.join(REPO, 'autograder', 'mutants')
NAME = re.compile(r'^ch(\d\d)-([\w.-]+)\.diff$')


class Mutant:
    def __init__(self, path):
        self.path = path
        m = NAME.match(os.path.basename(path))
        if not m:
            raise SystemExit('mutants: %s: the name must be '
                             'chNN-name.diff' % grade.rel(path))
        self.chapter, self.name = m.group(1), m.group(2)
        self.bug = self.rule = ''
        self.headers = []  # the headers it changes
        with open(path) as f:
            for line in f:
                if line.startswith('+++ b/') and \
                        line.split()[1].endswith('.h'):
                    self.headers.append(line.split()[1][2:])
                if line.startswith('Bug:'):
                    self.bug = line[4:].strip()
                elif line.startswith('Rule:'):
                    self.rule = line[5:].strip()
        if not self.bug:
            raise SystemExit('mutants: %s has no "Bug:" line' %
                             grade.rel(path))


def same(a, b):
    """Do folders A and B hold the same files with the same content?"""
    fa, fb = files_of(a), files_of(b)
    if fa != fb:
        return False
    _, mismatch, errors = filecmp.cmpfiles(a, b, fa, shallow=False)
    return not mismatch and not errors


class Regions:
    """Is a change confined to chapter N's exercise regions?

    labgen's tree with chapters before N solved replaces chapter N's
    regions by their stubs: the mutated tree and solutions/ must give
    the same tree there, and different trees with chapter N solved too.
    """

    def __init__(self, src, work):
        self.src, self.work, self.cache = src, work, {}

    def tree_of(self, src, solved_below, name):
        out = os.path.join(self.work, name)
        labgen.generate(src, out, solved_below)
        return out

    def reference(self, n):
        if n not in self.cache:
            self.cache[n] = self.tree_of(self.src, n, 'ref-%d' % n)
        return self.cache[n]

    def problem(self, mutated, n):
        if not same(self.tree_of(mutated, n, 'mut'), self.reference(n)):
            return 'it changes code outside the exercises of chapter %02d ' \
                '(given code, or an earlier chapter)' % n
        if same(self.tree_of(mutated, n + 1, 'mut'), self.reference(n + 1)):
            return 'it changes nothing in the exercises of chapter %02d' % n
        return None


def apply(mutant, tree):
    p = subprocess.run(['patch', '-p1', '-s', '--no-backup-if-mismatch',
                        '-r', '-', '-d', tree.path, '-i', mutant.path],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True)
    return None if p.returncode == 0 else 'the diff does not apply to ' \
        'solutions/: %s' % p.stdout.strip()[-300:]


# A mutant changes only exercise regions of solutions/ (Regions), so the
# build skips the tree check that guards the grader from a submission.
OURS = ('TREECHECK=n',)


def run_on(mach, tree, outdir, chapter, rubric, a, split=None):
    """(lost, possible, first failure record) of CHAPTER on MACH (in the
    kernel built with VMSPLIT=SPLIT), or a string saying why it could
    not run."""
    if split:
        built, images = grade.build_config(tree.path, outdir, split,
                                           machs=(mach,), extra=OURS)
    else:
        built = grade.build(tree.path, outdir, machs=(mach,), extra=OURS)
        images = {mach: os.path.join(outdir, mach, grade.IMAGE[mach])}
    name, = images
    if not built[mach][0]:
        return 'it does not compile (%s): %s' % (
            name, grade.first_errors(built[mach][1], 6))
    results = grade.run_machines(images, [chapter], None, outdir,
                                 a.time_limit, None)[name]
    if results is None:
        return 'the runner failed on %s' % mach
    got = {r['test']: r for r in results}
    lost, possible, first = 0.0, 0.0, None
    for ch, test, pts, _ in rubric:
        if ch != chapter:
            continue
        possible += pts
        r = got.get(test)
        if r is None or r['status'] != 'pass':
            lost += pts
            first = first or r
    return lost, possible, first


class KeepBuild:
    """The build of a tree about to get a mutant that changes HEADERS,
    kept to be put back afterwards.

    A changed header recompiles most of the kernel, and putting it back
    (a fresh time) would recompile all that again for the next mutant.
    Instead the build folder is copied before and restored after, and
    the headers get their old times back: the objects are those of the
    tree as it is again.  (The build follows content anyway: grade's
    follow_content() removes every object a changed file reaches.)
    """

    def __init__(self, tree, outdir, headers):
        self.outdir, self.copy = outdir, outdir + '.kept'
        self.times = {}
        shutil.rmtree(self.copy, ignore_errors=True)
        if not os.path.isdir(outdir):
            return
        for h in headers:
            path = os.path.join(tree.path, h)
            if os.path.exists(path):
                st = os.stat(path)
                self.times[path] = (st.st_atime, st.st_mtime)
        shutil.copytree(outdir, self.copy, symlinks=True)

    def restore(self):
        """After the tree was synced back: the old build, the old times."""
        if not os.path.isdir(self.copy):
            return
        for path, times in self.times.items():
            os.utime(path, times)
        shutil.rmtree(self.outdir, ignore_errors=True)
        os.rename(self.copy, self.outdir)


def grade_mutant(m, tree, outdir, regions, rubric, src, a):
    """A row: (name, chapter, lost, possible, machine, message, ok)."""
    tree.sync(src)
    why = apply(m, tree) or regions.problem(tree.path, int(m.chapter))
    if why:
        return (m.name, m.chapter, None, None, '-', why, False)
    # the machines, then the chapter's other builds (grade.CONFIGS)
    runs = [(mach, None) for mach in grade.MACHS] + [
        (mach, split) for split in grade.read_configs().get(m.chapter, ())
        for mach in grade.MACHS]
    for mach, split in runs:
        res = run_on(mach, tree, outdir, m.chapter, rubric, a, split)
        where = mach + ('-' + split if split else '')
        if isinstance(res, str):
            return (m.name, m.chapter, None, None, where, res, False)
        lost, possible, first = res
        if lost:
            msg = first['message'] if first else 'no result'
            return (m.name, m.chapter, lost, possible, where,
                    '%s: %s' % (first['test'] if first else '?', msg), True)
    return (m.name, m.chapter, 0.0, possible, 'both',
            'KEPT FULL MARKS: no graded test of chapter %s sees "%s"' % (
                m.chapter, m.bug), False)


INPUTS = ('solutions', 'autograder/tests', 'autograder/harness',
          'autograder/mk')


def inputs_digest():
    """A hash of everything a mutant's grade depends on but the mutant."""
    return digest_dirs(*[os.path.join(REPO, d) for d in INPUTS])


def mutant_digest(base, m):
    with open(m.path, 'rb') as f:
        return hashlib.sha256(base.encode() + f.read()).hexdigest()


def main(argv=None):
    ap = argparse.ArgumentParser(
        description=__doc__.split('\n')[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split('\n', 2)[2])
    ap.add_argument('--ch', action='append', help='this chapter only')
    ap.add_argument('--mutant', action='append', help='this mutant only')
    ap.add_argument('--src', default=os.path.join(REPO, 'solutions'))
    ap.add_argument('--out', default=os.path.join(REPO, 'build', 'mutants'))
    ap.add_argument('--list', action='store_true')
    ap.add_argument('--again', action='store_true',
                    help='grade every mutant, remembered or not')
    ap.add_argument('--jobs', type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument('--per-chapter', type=int,
                    help='a fixed sample: the first N mutants of each '
                    'chapter, in name order (default: all)')
    ap.add_argument('--time-limit', type=float, default=120)
    a = ap.parse_args(argv)
    start = time.time()
    mutants = [Mutant(p) for p in sorted(glob.glob(os.path.join(
        MUTANTS, 'ch*.diff')))]
    if a.ch:
        mutants = [m for m in mutants if m.chapter in
                   {c.zfill(2) for c in a.ch}]
    if a.mutant:
        mutants = [m for m in mutants if m.name in a.mutant or
                   'ch%s-%s' % (m.chapter, m.name) in a.mutant]
    if a.per_chapter:
        seen = {}
        kept = []
        for m in mutants:
            seen[m.chapter] = seen.get(m.chapter, 0) + 1
            if seen[m.chapter] <= a.per_chapter:
                kept.append(m)
        print('mutants: a fixed sample, the first %d of each chapter: %d '
              'of %d' % (a.per_chapter, len(kept), len(mutants)))
        mutants = kept
    if a.list:
        for m in mutants:
            print('ch%s-%s: %s' % (m.chapter, m.name, m.bug))
        return 0
    if not mutants:
        print('mutants: none selected')
        return 1
    grade.run.set_subreaper()
    src = os.path.abspath(a.src)
    rubric = grade.read_rubric([(os.path.join(REPO, p), v)
                                for p, v in grade.RUBRICS])
    out = os.path.abspath(a.out)
    os.makedirs(out, exist_ok=True)
    memo_path = os.path.join(out, 'killed.json')
    memo = {}
    if os.path.exists(memo_path) and not a.again:
        with open(memo_path) as f:
            memo = json.load(f)
    base = inputs_digest()
    work = tempfile.mkdtemp(prefix='mutants-')
    slots = queue.Queue()
    for i in range(max(1, a.jobs)):
        slots.put(i)
    print('mutants: %d to grade, %d at a time (host first, the board when '
          'the host takes no points)' % (len(mutants), max(1, a.jobs)),
          flush=True)

    def one(m):
        key = 'ch%s-%s' % (m.chapter, m.name)
        digest = mutant_digest(base, m)
        if memo.get(key, [None])[0] == digest:
            return list(memo[key][1]) + [True, 0.0]
        i = slots.get()
        t0 = time.time()
        try:
            tree = ScratchTree(os.path.join(out, 'w%d' % i, 'tree'))
            regions = Regions(src, os.path.join(work, str(i)))
            build = os.path.join(out, 'w%d' % i, 'build')
            tree.sync(src)
            kept = KeepBuild(tree, build, m.headers) if m.headers else None
            row = grade_mutant(m, tree, build, regions, rubric, src, a)
            tree.sync(src)
            if kept:
                kept.restore()
        finally:
            slots.put(i)
        if row[6]:
            memo[key] = [digest, list(row)]
        return list(row) + [False, time.time() - t0]

    rows = []
    try:
        with concurrent.futures.ThreadPoolExecutor(max(1, a.jobs)) as pool:
            for res in pool.map(one, mutants):
                name, ch, lost, possible, mach, msg, ok, old, secs = res
                rows.append(tuple(res[:7]))
                pts = '-' if lost is None else '-%g/%g' % (lost, possible)
                print('  %-4s ch%s %-34s %9s %-4s %4s %s' % (
                    'ok' if ok else 'FAIL', ch, name[:34], pts, mach,
                    'mem' if old else '%.0fs' % secs,
                    msg.splitlines()[0][:76] if msg else ''), flush=True)
    finally:
        with open(memo_path, 'w') as f:
            json.dump(memo, f, indent=1)
        shutil.rmtree(work, ignore_errors=True)
        grade.run.reap_descendants()
    per = {}
    for r in rows:
        per.setdefault(r[1], [0, 0])
        per[r[1]][0] += r[6]
        per[r[1]][1] += 1
    print('mutants: killed per chapter: %s' % ', '.join(
        'ch%s %d/%d' % (c, k, n) for c, (k, n) in sorted(per.items())))
    bad = [r for r in rows if not r[6]]
    print('mutants: %d of %d killed (%.0fs)%s' % (
        len(rows) - len(bad), len(rows), time.time() - start,
        '' if not bad else '; %d FAILED' % len(bad)))
    return 1 if bad else 0


if __name__ == '__main__':
    grade.run.exit_on_signals()
    sys.exit(main())
