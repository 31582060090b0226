#!/usr/bin/env python3
"""Prove every exercise's tests: they pass when solved, fail on the stub.

    validity.py [--src solutions] [--rubric FILE]... [--ch N]...
                [--time-limit SECONDS] [--again]

Let T(N) be the tree solved below N (`labgen.py SRC DIR --solved-below
N`): chapters before N keep their solutions, N and later are stubs.
For every chapter N that has exercises, T(N) is built and run on both
machines, and chapter N is valid when

  - every graded test of N fails on every machine that runs it (a test
    that passes against a stub tests nothing), and
  - every test of the graded chapter just before N passes: that
    chapter's tests need nothing of chapter N or later.  Chapter by
    chapter this proves each chapter's tests pass with every later
    chapter stubbed; `make test` runs every suite on solutions/ (every
    chapter solved), the other end.

The all-stub tree (labs/, T of the first chapter) runs every graded
chapter: no graded test may pass on it (a student who hands in nothing
earns nothing); it is the first chapter's tree, so one run proves both.  A chapter with exercises but no rubric line is invalid.

Cost: one scratch tree and one build directory serve every T(N); only
the files that differ from the previous tree are recompiled, and each
tree runs two chapters, so the proof grows linearly with the course.
A proof is remembered with a hash of what it depended on (the tree, the
tests, the harness, the rubric, the build rules): an unchanged chapter
is not proved again (--again proves everything).  Work: build/validity/.
"""
import argparse
import json
import os
import sys
import tempfile
import time

TOOLS = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(TOOLS))
sys.path.insert(0, TOOLS)
import grade  # noqa: E402
import labgen  # noqa: E402
from scratch import ScratchTree  # noqa: E402

INPUTS = ('autograder/tests', 'autograder/harness', 'autograder/mk')


def exercise_chapters(src):
    """Sorted chapter numbers ('04', ...) that have exercises in SRC."""
    with tempfile.TemporaryDirectory(prefix='validity-') as tmp:
        ex, _ = labgen.generate(src, os.path.join(tmp, 'tree'))
    return sorted({'%02d' % ch for ch, _, _ in ex})


# The trees here are solutions/ with exercises stubbed by labgen: ours,
# so the build skips the tree check that guards the grader.
OURS = ('TREECHECK=n',)


def run_tree(tree, outdir, chapters, a, must_fail=()):
    """Build TREE and run CHAPTERS on both machines (and, when a test of
    MUST_FAIL passes there, in its chapter's other builds).

    Returns (records {mach: [record]}, listed {mach: {(ch, test)}},
    problems, seconds).
    """
    start = time.time()
    built = grade.build(tree.path, outdir, extra=OURS)
    broken = [m for m, (ok, _) in built.items() if not ok]
    if broken:
        return None, None, ['the tree does not compile for %s:\n%s' % (
            ', '.join(broken), grade.first_errors(built[broken[0]][1]))], \
            time.time() - start
    images = {m: os.path.join(outdir, m, grade.IMAGE[m]) for m in grade.MACHS}
    listed = {m: {(c, t) for c, t, _, _ in grade.list_image(m, images[m])}
              for m in grade.MACHS}
    results = grade.run_machines(images, chapters, None, outdir,
                                 a.time_limit, None)
    problems = ['%s: the runner failed' % m for m in grade.MACHS
                if results[m] is None]
    # A chapter's other builds (grade.CONFIGS): a test that fails in any
    # of them fails on that machine, as grade counts it.  They can only
    # turn passes into failures: built only for a test of MUST_FAIL that
    # passed in the default build.
    configs = grade.read_configs()
    passed = {k[0] for m in grade.MACHS for r in results[m] or []
              for k in [(r['chapter'], r['test'])]
              if k in must_fail and r['status'] == 'pass'}
    for build in sorted({b for c in passed for b in configs.get(c, ())}):
        runs = [c for c in passed if build in configs.get(c, ())]
        built, images = grade.build_config(tree.path, outdir, build,
                                           extra=OURS)
        broken = [m for m, (ok, _) in built.items() if not ok]
        if broken:
            problems.append('the tree does not compile for %s with %s:\n%s'
                            % (', '.join(broken), ' '.join(
                                grade.BUILDS[build]),
                               grade.first_errors(built[broken[0]][1])))
            continue
        more = grade.run_machines(images, runs, None, outdir, a.time_limit,
                                  None)
        for m in grade.MACHS:
            name = '%s-%s' % (m, build)
            if results[m] is None or more[name] is None:
                problems.append('%s: the runner failed' % name)
                continue
            failed = {(r['chapter'], r['test']): r for r in more[name]
                      if r['status'] != 'pass'}
            results[m] = [failed.get((r['chapter'], r['test']), r)
                          for r in results[m]]
    return results, listed, problems, time.time() - start


def judge(results, listed, must_fail, must_pass_chapter):
    """Problems of one run: tests of MUST_FAIL that passed, tests of
    MUST_PASS_CHAPTER that did not."""
    problems, failing, passing = [], 0, 0
    for key in sorted(must_fail):
        if not any(key in listed[m] for m in grade.MACHS):
            problems.append('ch%s %s is in the rubric but not in the tests'
                            % key)
    for m in grade.MACHS:
        got = {(r['chapter'], r['test']): r for r in results[m] or []}
        for key, r in sorted(got.items()):
            if key[0] == must_pass_chapter:
                if r['status'] != 'pass':
                    problems.append(
                        'ch%s %s [%s] fails with the later chapters '
                        'stubbed: %s' % (key[0], key[1], m, r['message']))
                else:
                    passing += 1
        for key in sorted(must_fail):
            if key not in listed[m]:
                continue
            r = got.get(key)
            if r is None:
                problems.append('ch%s %s [%s]: no result' % (key + (m,)))
            elif r['status'] == 'pass':
                problems.append('ch%s %s [%s] PASSES on the stub: it tests '
                                'nothing' % (key + (m,)))
            else:
                failing += 1
    return problems, failing, passing


class Proofs:
    """Remembered proofs: {name: digest} in build/validity/proofs.json."""

    def __init__(self, path, again):
        self.path, self.done = path, {}
        if not again and os.path.exists(path):
            with open(path) as f:
                self.done = json.load(f)

    def known(self, name, digest):
        return self.done.get(name) == digest

    def remember(self, name, digest):
        self.done[name] = digest
        with open(self.path, 'w') as f:
            json.dump(self.done, f, indent=1)


def prove(name, tree, outdir, chapters, must_fail, must_pass, a, proofs,
          src, n):
    """Prove one tree; prints its line; returns True when valid."""
    tree.sync_generated(src, n)
    digest = tree.digest(*[os.path.join(REPO, d) for d in INPUTS]) + \
        grade_rubric_digest(a)
    if proofs.known(name, digest):
        print('%s ok (proved before; nothing it depends on changed)' % name,
              flush=True)
        return True
    results, listed, problems, took = run_tree(tree, outdir, chapters, a,
                                               must_fail)
    failing = passing = 0
    if results is not None and not problems:
        problems, failing, passing = judge(results, listed, must_fail,
                                           must_pass)
    if problems:
        print('%s FAILED:\n%s' % (name, '\n'.join('    ' + p
                                                  for p in problems)),
              flush=True)
        return False
    proofs.remember(name, digest)
    print('%s ok: %d runs of graded tests fail on the stub%s (%.1fs)' % (
        name, failing, ', %d runs of chapter %s pass' % (passing, must_pass)
        if must_pass else '', took), flush=True)
    return True


def grade_rubric_digest(a):
    import hashlib
    h = hashlib.sha256()
    for path, _ in rubric_files(a):
        if os.path.exists(path):
            with open(path, 'rb') as f:
                h.update(f.read())
    return h.hexdigest()[:16]


def rubric_files(a):
    return ([(os.path.join(REPO, p), v) for p, v in grade.RUBRICS]
            if not a.rubric else [(p, 'visible') for p in a.rubric])


def main(argv=None):
    ap = argparse.ArgumentParser(
        description=__doc__.split('\n')[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split('\n', 2)[2])
    ap.add_argument('--src', default=os.path.join(REPO, 'solutions'))
    ap.add_argument('--rubric', action='append')
    ap.add_argument('--ch', action='append', help='check only these')
    ap.add_argument('--out', default=os.path.join(REPO, 'build', 'validity'))
    ap.add_argument('--time-limit', type=float, default=grade.TIME_LIMIT)
    ap.add_argument('--again', action='store_true',
                    help='prove everything, remembered or not')
    a = ap.parse_args(argv)
    start = time.time()
    grade.run.set_subreaper()
    src = os.path.abspath(a.src)
    rubric = grade.read_rubric(rubric_files(a))
    graded = sorted({r[0] for r in rubric if r[0].isdigit()})
    chapters = exercise_chapters(src)
    if a.ch:
        chapters = [c for c in chapters if c in {x.zfill(2) for x in a.ch}]
    if not chapters:
        print('validity: no chapter has exercises yet; nothing to prove')
        return 0
    out = os.path.abspath(a.out)
    os.makedirs(out, exist_ok=True)
    tree = ScratchTree(os.path.join(out, 'tree'))
    outdir = os.path.join(out, 'build')
    proofs = Proofs(os.path.join(out, 'proofs.json'), a.again)
    held = []           # one entry per proof: did it hold?
    merged = False      # was the all-stub tree proved with chapter 1's?
    every = {(c, t) for c, t, _, _ in rubric if c in graded}
    for i, n in enumerate(chapters):
        mine = {(c, t) for c, t, _, _ in rubric if c == n}
        if not mine:
            print('ch%s validity FAILED: chapter %s has exercises but no '
                  'rubric line, so no test proves them' % (n, n))
            held.append(False)
            continue
        before = [c for c in graded if int(c) < int(n)]
        prev = before[-1] if before else None
        if i == 0 and not a.ch and not prev:
            # The first chapter's tree has every exercise stubbed: it is
            # also the all-stub tree, where nothing may be earned.
            merged = True
            held.append(prove('ch%s validity and the all-stub tree' % n,
                              tree, outdir, graded, every, None, a, proofs,
                              src, int(n)))
        else:
            held.append(prove('ch%s validity' % n, tree, outdir,
                              ([prev] if prev else []) + [n], mine, prev,
                              a, proofs, src, int(n)))
    if not a.ch and not merged:
        held.append(prove('all-stub tree', tree, outdir, graded, every, None,
                          a, proofs, src, int(chapters[0])))
    grade.run.reap_descendants()
    print('validity: %d of %d proofs hold (%.0fs)' % (
        held.count(True), len(held), time.time() - start))
    return 0 if all(held) else 1


if __name__ == '__main__':
    grade.run.exit_on_signals()
    sys.exit(main())
