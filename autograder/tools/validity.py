#!/usr/bin/env python3
"""Prove every exercise's tests: they pass when solved, fail on the stub.

    validity.py [--src solutions] [--rubric FILE]... [--ch N]...
                [--time-limit SECONDS]

For every chapter N that has exercises (`labgen.py SRC --list`), the
tree solved below N (`labgen.py SRC DIR --solved-below N`) is built for
both machines and run on both.  The chapter is valid when

  - every test of the graded chapters before N passes on both machines
    (the earlier solutions still work with N's stubs in place), and
  - every graded test of chapter N (its rubric lines) fails on every
    machine that runs it: a test that passes against a stub tests
    nothing.

A chapter with exercises but no rubric line is reported invalid too.
One line per chapter; exit status 0 when all are valid.  Chapters run
one after another, each building and running its two machines in
parallel (two cores).  Trees and logs: build/validity/chNN/.
"""
import argparse
import os
import shutil
import subprocess
import sys

TOOLS = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(TOOLS))
sys.path.insert(0, TOOLS)
import grade  # noqa: E402


def exercise_chapters(src):
    """Sorted chapter numbers ('04', ...) that have exercises in SRC."""
    out = subprocess.run([sys.executable, os.path.join(TOOLS, 'labgen.py'),
                          src, '--list'], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    if out.returncode:
        raise SystemExit('validity: labgen failed:\n' + out.stderr)
    return sorted({ln.split()[1][2:] for ln in out.stdout.splitlines()
                   if ln.startswith('exercise ')})


def check_chapter(n, src, rubric, outdir, a):
    """(ok, line) for chapter N."""
    graded = sorted({r[0] for r in rubric})
    before = [c for c in graded if c.isdigit() and int(c) < int(n)]
    mine = [(c, t) for c, t, _, _ in rubric if c == n]
    tag = 'ch%s  validity' % n
    if not mine:
        return False, '%s FAILED: chapter %s has exercises but no rubric ' \
            'line, so no test proves them' % (tag, n)
    tree = os.path.join(outdir, 'tree')
    gen = subprocess.run([sys.executable, os.path.join(TOOLS, 'labgen.py'),
                          src, tree, '--solved-below', str(int(n))],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         text=True)
    if gen.returncode:
        return False, '%s FAILED: labgen: %s' % (tag, gen.stdout.strip())
    built = grade.build(tree, outdir)
    broken = [m for m, (ok, _) in built.items() if not ok]
    if broken:
        return False, '%s FAILED: the tree with chapter %s stubbed does not ' \
            'compile for %s:\n%s' % (tag, n, ', '.join(broken),
                                     grade.first_errors(built[broken[0]][1]))
    images = {m: os.path.join(outdir, m, grade.IMAGE[m]) for m in grade.MACHS}
    results = grade.run_machines(images, before + [n], None, outdir,
                                 a.time_limit, None)
    problems, earlier, failing = [], 0, 0
    listed = {m: {(c, t) for c, t, _, _ in grade.list_image(m, images[m])}
              for m in grade.MACHS}
    for key in mine:
        if not any(key in listed[m] for m in grade.MACHS):
            problems.append('ch%s %s is in the rubric but not in the '
                            'tests' % key)
    for m in grade.MACHS:
        if results[m] is None:
            problems.append('%s: the runner failed' % m)
        recs = results[m] or []
        got = {(r['chapter'], r['test']): r for r in recs}
        for r in recs:
            if r['chapter'] in before and r['status'] != 'pass':
                problems.append('ch%s %s [%s] fails with chapter %s '
                                'stubbed: %s' % (r['chapter'], r['test'], m,
                                                 n, r['message']))
            elif r['chapter'] in before:
                earlier += 1
        for key in mine:
            r = got.get(key)
            if key not in listed[m]:
                continue
            if r is None:
                problems.append('ch%s %s [%s]: no result' % (key + (m,)))
            elif r['status'] == 'pass':
                problems.append('ch%s %s [%s] PASSES on the stub: it tests '
                                'nothing' % (key + (m,)))
            else:
                failing += 1
    if problems:
        return False, '%s FAILED:\n%s' % (tag, '\n'.join(
            '    ' + p for p in problems))
    return True, '%s ok: %d tests fail on the stub, %d earlier tests ' \
        'pass (host and arm runs counted apart)' % (tag, failing, earlier)


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
    a = ap.parse_args(argv)
    rubric = grade.read_rubric(
        [(os.path.join(REPO, p), v) for p, v in grade.RUBRICS]
        if not a.rubric else [(p, 'visible') for p in a.rubric])
    chapters = exercise_chapters(os.path.abspath(a.src))
    if a.ch:
        chapters = [c for c in chapters if c in
                    {x.zfill(2) for x in a.ch}]
    if not chapters:
        print('validity: no chapter has exercises yet; nothing to prove')
        return 0
    bad = 0
    for n in chapters:
        outdir = os.path.join(os.path.abspath(a.out), 'ch' + n)
        if os.path.isdir(outdir):
            shutil.rmtree(outdir)
        os.makedirs(outdir)
        ok, line = check_chapter(n, os.path.abspath(a.src), rubric, outdir,
                                 a)
        print(line, flush=True)
        bad += not ok
    print('validity: %d of %d chapters valid' % (len(chapters) - bad,
                                                  len(chapters)))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
