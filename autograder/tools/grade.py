#!/usr/bin/env python3
"""Grade one tree (labs/, solutions/ or a student's copy) on both machines.

    grade.py [--tree DIR] [--ch N] [--upto N] [--test NAME]
             [--results DIR] [--build DIR] [--rubric FILE]...
             [--time-limit SECONDS] [--test-timeout SECONDS]
             [--whole-tree] [--labs DIR] [--student-file PATH]...

What is graded.  A tree other than the course's own labs/ and solutions/
is a submission: only the code of its exercises is graded (what replaces
each stub, between the given lines around it), in the course's files
(--labs, default labs/); every change outside an exercise is ignored and
listed, file:line, at the top of the grade, in results.json's output and
in submission.txt (autograder/tools/submission.py).  The graded copy is
<build>/src.  --whole-tree grades a tree as it is; so are labs/ and
solutions/, and for labs/ (a student's own, in the student edition) the
changes a submission's grade would ignore are listed as warnings.
--student-file takes that file whole from a submission.

Builds follow the content of the files, not their times: a tree put back
with old times (cp -a, tar) over a newer build is recompiled where its
content changed (follow_content()).

Builds the tree for the host and the board (in parallel), runs the
graded chapters' suites on both (run.py, in parallel), and prints one
table row per chapter: its title, the tests passed on each machine and
the points earned.  A test earns its rubric points only when it passes
on every machine that runs it (both, except for arm-only suites).

Which chapters: --ch N grades chapter N alone (graded or not).  By
default every chapter with rubric lines that the tree has *reached*: a
chapter is reached when its suite is compiled into the image (the
course has tests for it) and, with --upto N, its number is at most N.
Labs are cumulative, so a student at chapter N runs `make grade
UPTO=N` to see chapters 01..N only.

Outputs in --results (default build/grade/): results.json (Gradescope),
results.tap, results.xml (JUnit), each machine's full log next to its
image.  results.json is written first with every test at 0 ("grading
did not finish"), so a grader that dies midway still leaves a valid
file.  Exit status: 0 for a full score, 1 otherwise, 2 for a usage
error.
"""
import argparse
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from xml.sax.saxutils import escape, quoteattr

TOOLS = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(TOOLS))
sys.path.insert(0, TOOLS)
import run  # noqa: E402
import submission  # noqa: E402
from scratch import ScratchTree  # noqa: E402

MACHS = ('host', 'arm')
IMAGE = {'host': 'ktest', 'arm': 'ktest.elf'}
RUBRICS = [('autograder/tests/rubric', 'visible'),
           ('autograder/hidden/rubric', 'after_published')]
# Chapters whose tests also run in other builds of the kernel: lines
# `<chapter> <build>...`, a build being a split (1G, 2G, 3G: chapter 20)
# or nohighmem (CONFIG_HIGHMEM off: chapter 28).  A test of such a
# chapter earns its points only when it passes in every build, on both
# machines.
CONFIGS = 'autograder/tests/configs'
BUILDS = {'1G': ['VMSPLIT=1G'], '2G': ['VMSPLIT=2G'], '3G': ['VMSPLIT=3G'],
          'nohighmem': ['HIGHMEM=n']}
TIME_LIMIT = 900.0    # seconds per machine for a whole grade
ERROR_LINES = 40      # compiler lines shown when a tree does not build
BUILD_INPUTS = ('.c', '.h', '.S', '.lds', '.dts', '.dtsi')
NOTES_KEPT = 400      # notes on a submission kept in results.json


def rel(path):
    """PATH relative to the repository when inside it, for messages."""
    r = os.path.relpath(os.path.abspath(path), REPO)
    return path if r.startswith('..') else r


# --- the rubric -----------------------------------------------------------

def read_rubric(files):
    """[(chapter, test, points, visibility)] from rubric FILES.

    FILES is [(path, visibility)]; a missing file is empty.  Lines are
    `<chapter> <test> <points>`; '#' starts a comment.
    """
    items, seen = [], {}
    for path, vis in files:
        if not os.path.exists(path):
            continue
        with open(path) as f:
            for no, line in enumerate(f, 1):
                words = line.split('#', 1)[0].split()
                if not words:
                    continue
                if len(words) != 3 or not re.match(r'^\d+(\.\d+)?$',
                                                   words[2]):
                    raise SystemExit('grade: %s:%d: expected "<chapter> '
                                     '<test> <points>"' % (rel(path), no))
                ch = words[0].zfill(2) if words[0].isdigit() else words[0]
                key = (ch, words[1])
                if key in seen:
                    raise SystemExit('grade: %s:%d: %s %s is already in the '
                                     'rubric at %s' % (rel(path), no, ch,
                                                       words[1], seen[key]))
                seen[key] = '%s:%d' % (rel(path), no)
                items.append((ch, words[1], float(words[2]), vis))
    return items


def read_configs(path=None):
    """{chapter: [build, ...]}: the other builds each chapter runs in."""
    path = path or os.path.join(REPO, CONFIGS)
    out = {}
    if not os.path.exists(path):
        return out
    with open(path) as f:
        for no, line in enumerate(f, 1):
            words = line.split('#', 1)[0].split()
            if not words:
                continue
            if len(words) < 2 or any(w not in BUILDS for w in words[1:]):
                raise SystemExit('grade: %s:%d: expected "<chapter> '
                                 '<build>...", a build one of %s'
                                 % (rel(path), no, ' '.join(BUILDS)))
            out[words[0].zfill(2)] = words[1:]
    return out


def run_mach(run_name):
    """The machine of a run: 'host' for 'host' and 'host-2G'."""
    return run_name.split('-', 1)[0]


# --- building -------------------------------------------------------------

def tree_content(tree):
    """{path: sha256} of the files of TREE that a build reads."""
    out = {}
    for root, dirs, names in os.walk(tree):
        dirs[:] = [d for d in dirs if not d.startswith('.')]
        for n in names:
            if n.endswith(BUILD_INPUTS):
                full = os.path.join(root, n)
                with open(full, 'rb') as f:
                    out[os.path.relpath(full, tree)] = hashlib.sha256(
                        f.read()).hexdigest()
    return out


def dep_files(path):
    """The files a compiler dependency file (.d) names."""
    with open(path, errors='replace') as f:
        words = f.read().replace('\\\n', ' ').split()
    return {os.path.normpath(w) for w in words if not w.endswith(':')}


def follow_content(tree, out, content):
    """Make the build in OUT follow TREE's CONTENT (tree_content()).

    make rebuilds what is older than its sources, so a tree put back with
    old times (cp -a, tar) over a newer build would not be recompiled:
    the previous tree's objects would be graded.  OUT/content.json keeps
    the content the build was made from; the objects whose dependency
    files name a file whose content changed, or that is gone, are
    removed, with the archives and the image (relinked: the linker
    scripts are no prerequisites).  A new source file is simply
    compiled; the objects linked from a list of files (the user image,
    the modules) are made again when their list changed.  Everything is
    removed when the tree's path changed or a header was added (a new
    header may hide another one of its name).
    """
    record = os.path.join(out, 'content.json')
    try:
        with open(record) as f:
            old = json.load(f)
    except (OSError, ValueError):
        old = {}
    if old.get('tree') == tree and old.get('files') == content:
        return
    objdir = os.path.join(out, 'obj')
    old_files = old.get('files', {}) if old.get('tree') == tree else {}
    added = set(content) - set(old_files)
    removed = set(old_files) - set(content)
    if old_files and not any(f.endswith('.h') for f in added):
        changed = {os.path.join(tree, r) for r, h in content.items()
                   if r in old_files and old_files[r] != h}
        changed |= {os.path.join(tree, r) for r in removed}
        for d in os.listdir(objdir) if os.path.isdir(objdir) else ():
            if d.endswith('.d') and dep_files(os.path.join(objdir, d)) & \
                    changed:
                for f in (d, d[:-2]):
                    if os.path.exists(os.path.join(objdir, f)):
                        os.remove(os.path.join(objdir, f))
        touched = {os.path.relpath(f, tree) for f in changed} | added
        stale = []
        if any(f.endswith(('.dts', '.dtsi')) for f in touched):
            shutil.rmtree(os.path.join(out, 'dtb'), ignore_errors=True)
            stale.append('dtbs.c')
        if any(f.startswith('samples/user/') for f in added | removed):
            stale.append('user.o')
        if any(f.startswith('samples/modules/') for f in added | removed):
            stale.append('modules.c')
        for f in stale:
            if os.path.exists(os.path.join(out, f)):
                os.remove(os.path.join(out, f))
    else:
        for d in ('obj', 'dtb'):
            shutil.rmtree(os.path.join(out, d), ignore_errors=True)
        if os.path.exists(os.path.join(out, 'dtbs.c')):
            os.remove(os.path.join(out, 'dtbs.c'))
    for f in tuple(IMAGE.values()) + ('libkernel.a', 'libmach.a'):
        if os.path.exists(os.path.join(out, f)):
            os.remove(os.path.join(out, f))
    with open(record + '.tmp', 'w') as f:
        json.dump({'tree': tree, 'files': content}, f)
    os.replace(record + '.tmp', record)


def build(tree, outdir, machs=MACHS, extra=(), suffix=''):
    """Build TREE for MACHS in parallel into OUTDIR/<mach><SUFFIX>.

    Returns {mach: (ok, output)}.  EXTRA is added to make's arguments.
    What is rebuilt follows the files' content (follow_content()).
    """
    procs = {}
    tree = os.path.abspath(tree)
    content = tree_content(tree)
    for m in machs:
        out = os.path.join(outdir, m + suffix)
        os.makedirs(out, exist_ok=True)
        follow_content(tree, out, content)
        cmd = ['make', '--no-print-directory', '-f', 'autograder/mk/kernel.mk',
               'TREE=' + os.path.abspath(tree), 'MACH=' + m,
               'OUT=' + os.path.abspath(out)] + list(extra)
        procs[m] = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE,
                                    stderr=subprocess.STDOUT, text=True,
                                    errors='replace')
    done = {}
    for m, p in procs.items():
        text, _ = p.communicate()
        done[m] = (p.returncode == 0, text)
    return done


def build_config(source, outdir, name, machs=MACHS, extra=()):
    """Build SOURCE as the kernel NAME of CONFIGS ('2G', 'nohighmem' ...)
    for MACHS: (build()'s results, {run name: image}), a run being named
    MACH-NAME."""
    built = build(source, outdir, machs=machs,
                  extra=list(BUILDS[name]) + list(extra),
                  suffix='-' + name)
    return built, {'%s-%s' % (m, name): os.path.join(
        outdir, '%s-%s' % (m, name), IMAGE[m]) for m in machs}


def first_errors(text, limit=ERROR_LINES):
    """The compiler's first error lines, without make's progress lines."""
    lines = [ln for ln in text.splitlines()
             if not re.match(r'^\s+(CC|LD|DTC)\s', ln)]
    for i, ln in enumerate(lines):
        if 'error' in ln.lower() or ln.startswith('treecheck:'):
            return '\n'.join(lines[max(0, i - 2):i + limit])
    return '\n'.join(lines[-limit:])


# --- running --------------------------------------------------------------

def list_image(mach, image):
    """[(chapter, test, timeout, title)] of every non-self-test suite."""
    with tempfile.TemporaryDirectory(prefix='grade-list-') as wd:
        return run.list_tests(mach, os.path.abspath(image), [], wd)


def run_machines(images, chapters, test, outdir, time_limit, test_timeout):
    """Run CHAPTERS on every run of IMAGES at once; {run: records}.

    IMAGES is {run: image}, a run being a machine ('host') or a machine
    in another build ('host-2G'); CHAPTERS a list, or {run: list}.

    Each machine runs in its own run.py bounded by TIME_LIMIT; if run.py
    itself does not finish in time it is killed and its tests are errors.
    """
    # run.py removes its work folder however it ends, but for SIGKILL
    # (below): its temporary files go to a folder removed here.
    with tempfile.TemporaryDirectory(prefix='grade-run-') as tmp:
        return _run_machines(images, chapters, test, outdir, time_limit,
                             test_timeout, dict(os.environ, TMPDIR=tmp))


def _run_machines(images, chapters, test, outdir, time_limit, test_timeout,
                  env):
    procs = {}
    for m, image in images.items():
        out = os.path.join(outdir, m)
        cmd = [sys.executable, os.path.join(TOOLS, 'run.py'), '--mach',
               run_mach(m),
               '--bin', image, '--quiet', '--json',
               os.path.join(out, 'results.json'), '--log',
               os.path.join(out, 'ktest.log'), '--time-limit',
               '%g' % time_limit]
        for ch in (chapters[m] if isinstance(chapters, dict) else chapters):
            cmd += ['--chapter', ch]
        if test:
            cmd += ['--test', test]
        if test_timeout:
            cmd += ['--test-timeout', '%g' % test_timeout]
        if os.path.exists(os.path.join(out, 'results.json')):
            os.remove(os.path.join(out, 'results.json'))
        procs[m] = subprocess.Popen(cmd, stdout=subprocess.PIPE,
                                    stderr=subprocess.STDOUT, text=True,
                                    errors='replace', start_new_session=True,
                                    env=env)
    results = {}
    for m, p in procs.items():
        try:
            text, _ = p.communicate(timeout=time_limit + 120)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            text, _ = p.communicate()
            text += '\nrun.py did not finish within its time limit'
        path = os.path.join(outdir, m, 'results.json')
        if os.path.exists(path):
            with open(path) as f:
                results[m] = json.load(f)
        else:
            results[m] = None
            sys.stderr.write('grade: %s: the runner failed:\n%s\n' % (
                m, text[-3000:]))
    return results


# --- scoring --------------------------------------------------------------

class Grade:
    """Everything a grade reports: per-test verdicts and per-chapter sums."""

    def __init__(self, rubric, chapters, test):
        self.rubric = [r for r in rubric if r[0] in chapters and
                       (not test or r[1] == test)]
        self.chapters, self.titles = chapters, {}
        self.runs = list(MACHS)  # the machines, then other builds on them
        self.records = {}       # (ch, test) -> {run: record}
        self.expected = {}      # (ch, test) -> set of runs listing it
        self.build_error = None
        self.note = None
        self.preface = None     # what was graded, what was ignored

    def add_listing(self, mach, listing):
        for ch, test, _, title in listing:
            if ch in self.chapters:
                self.titles.setdefault(ch, title)
                self.expected.setdefault((ch, test), set()).add(mach)

    def add_records(self, mach, records, why=None):
        """Records of one machine; None: the runner failed (WHY)."""
        if records is None:
            for key, machs in self.expected.items():
                if mach in machs:
                    self.records.setdefault(key, {})[mach] = run.record(
                        key[0], key[1], mach, 'error', '', why or
                        'the runner failed', [])
            return
        for r in records:
            self.records.setdefault((r['chapter'], r['test']),
                                    {})[mach] = dict(r, machine=mach)

    def verdict(self, ch, test):
        """(passed, [failing records]) of one test over its machines."""
        machs = self.expected.get((ch, test), set())
        got = self.records.get((ch, test), {})
        bad = []
        for m in self.runs:
            if m not in machs:
                continue
            r = got.get(m) or run.record(ch, test, m, 'error', '',
                                         'no result (not run)', [])
            if r['status'] != 'pass':
                bad.append(r)
        if not machs:
            bad.append(run.record(ch, test, '-', 'error', '',
                                  'the image has no test of this name: it '
                                  'is in the rubric but not in the tests', []))
        if self.build_error:
            bad = [run.record(ch, test, 'build', 'error', '',
                              'the tree does not compile', [])]
        return not bad, bad

    def points(self):
        """[(ch, test, points, max, visibility, bad records)]."""
        out = []
        for ch, test, pts, vis in self.rubric:
            ok, bad = self.verdict(ch, test)
            out.append((ch, test, pts if ok else 0.0, pts, vis, bad))
        return out

    def graded(self, ch, test):
        return any(r[0] == ch and r[1] == test for r in self.rubric)

    def table_rows(self):
        """[(ch, title, {mach: (passed, total)}, ungraded failures,
        earned, possible)]: the counts are of graded tests only (all of
        the chapter's tests when it has no rubric lines)."""
        rows = []
        pts = self.points()
        for ch in self.chapters:
            has_rubric = any(r[0] == ch for r in self.rubric)
            counts, ungraded_bad = {}, set()
            for m in self.runs:
                keys = [k for k, ms in self.expected.items()
                        if k[0] == ch and m in ms and
                        (not has_rubric or self.graded(*k))]
                passed = sum(1 for k in keys
                             if self.records.get(k, {}).get(m, {}).get(
                                 'status') == 'pass')
                counts[m] = (passed, len(keys))
                ungraded_bad.update(
                    k for k, r in self.records.items()
                    if k[0] == ch and has_rubric and not self.graded(*k)
                    and m in r and r[m]['status'] != 'pass')
            earned = sum(p[2] for p in pts if p[0] == ch)
            possible = sum(p[3] for p in pts if p[0] == ch)
            rows.append((ch, self.titles.get(ch, '(no tests yet)'), counts,
                         len(ungraded_bad), earned, possible))
        return rows

    def total(self):
        pts = self.points()
        return sum(p[2] for p in pts), sum(p[3] for p in pts)


def fmt_points(x):
    return ('%g' % x)


def describe(r, logs):
    """Lines that explain one failing record."""
    head = '  %s %s %s [%s]' % (r['status'].upper(), 'ch' + r['chapter'],
                                r['test'], r['machine'])
    if r.get('where'):
        head += ' ' + r['where']
    lines = [head, '      ' + (r['message'] or '(no message)')]
    if r['machine'] in logs:
        lines.append('      full log: ' + rel(logs[r['machine']]))
    return lines


def report(g, logs, out=sys.stdout):
    """Print the table, the failures and the total."""
    rows = g.table_rows()
    w = max([len(r[1]) for r in rows] + [5])
    w = min(w, 40)
    runs = g.runs
    out.write('%-4s %-*s %s %11s\n' % ('ch', w, 'title', ' '.join(
        '%7s' % r for r in runs), 'points'))
    notes = False
    for ch, title, counts, ungraded_bad, earned, possible in rows:
        cells = ['%d/%d' % counts[m] if counts[m][1] else '-' for m in runs]
        out.write('%-4s %-*s %s %11s%s\n' % (
            ch, w, title[:w], ' '.join('%7s' % c for c in cells),
            '%s/%s' % (fmt_points(earned), fmt_points(possible)),
            '  (+%d ungraded failing)' % ungraded_bad if ungraded_bad
            else ''))
        notes = notes or ungraded_bad
    earned, possible = g.total()
    out.write('%-4s %-*s %s %11s\n' % ('', w, 'total', ' '.join(
        '%7s' % '' for _ in runs), '%s/%s' % (fmt_points(earned),
                                             fmt_points(possible))))
    out.write('(host and arm count the graded tests passed on each machine%s)'
              '\n' % ('; host-2G and arm-2G on the kernel built for the '
                       '2G/2G split' if len(runs) > len(MACHS) else ''))
    failures = [r for recs in g.records.values() for r in recs.values()
                if r['status'] != 'pass']
    key = (lambda r: (r['chapter'], r['test'], r['machine']))
    graded = [r for r in failures if g.graded(r['chapter'], r['test']) or
              not any(x[0] == r['chapter'] for x in g.rubric)]
    ungraded = [r for r in failures if r not in graded]
    if graded:
        out.write('\nFailures (%d):\n' % len(graded))
        for r in sorted(graded, key=key):
            out.write('\n'.join(describe(r, logs)) + '\n')
    if ungraded:
        out.write('\nUngraded tests failing (%d; they earn no points: they '
                  'check given code, so a failure there usually means a bug '
                  'of yours shows up in it):\n' % len(ungraded))
        for r in sorted(ungraded, key=key):
            out.write('\n'.join(describe(r, logs)) + '\n')


# --- result files ---------------------------------------------------------

def test_output(ch, test, earned, possible, bad, g):
    if g.build_error:
        return 'The tree does not compile:\n\n' + g.build_error
    if not bad:
        machs = ' and '.join(sorted(g.expected.get((ch, test), ())))
        return 'passed on %s' % machs
    parts = []
    for r in bad:
        parts.append('%s on %s%s: %s' % (
            r['status'], r['machine'], ' at ' + r['where'] if r['where']
            else '', r['message']))
        if r.get('output'):
            parts.append(r['output'].rstrip())
    return '\n'.join(parts)


def write_results(g, resdir, elapsed=0.0):
    """results.json (Gradescope), results.tap, results.xml (JUnit)."""
    os.makedirs(resdir, exist_ok=True)
    pts = g.points()
    tests = []
    for ch, test, earned, possible, vis, bad in pts:
        tests.append({'name': 'ch%s %s' % (ch, test), 'score': earned,
                      'max_score': possible, 'visibility': vis,
                      'output': test_output(ch, test, earned, possible, bad,
                                            g)})
    if g.build_error:
        tests.insert(0, {'name': 'build', 'score': 0, 'max_score': 0,
                         'visibility': 'visible',
                         'output': 'The tree does not compile:\n\n' +
                         g.build_error})
    earned, possible = g.total()
    summary = g.note or 'Score %s/%s' % (fmt_points(earned),
                                          fmt_points(possible))
    if g.preface:
        summary = g.preface + '\n\n' + summary
    doc = {'score': earned, 'execution_time': round(elapsed, 1),
           'output': summary, 'stdout_visibility': 'visible',
           'tests': tests}
    tmp = os.path.join(resdir, 'results.json.tmp')
    with open(tmp, 'w') as f:
        json.dump(doc, f, indent=1)
    os.replace(tmp, os.path.join(resdir, 'results.json'))
    records = sorted((r for recs in g.records.values() for r in recs.values()),
                     key=lambda r: (r['chapter'], r['test'], r['machine']))
    with open(os.path.join(resdir, 'results.tap'), 'w') as f:
        f.write('TAP version 13\n1..%d\n' % len(records))
        for i, r in enumerate(records, 1):
            ok = r['status'] == 'pass'
            f.write('%s %d - ch%s %s [%s]\n' % ('ok' if ok else 'not ok', i,
                                                r['chapter'], r['test'],
                                                r['machine']))
            if not ok:
                f.write('  ---\n  status: %s\n  where: %s\n  message: %s\n'
                        '  ...\n' % (r['status'], json.dumps(r['where']),
                                     json.dumps(r['message'])))
        if g.build_error:
            f.write('Bail out! the tree does not compile\n')
    with open(os.path.join(resdir, 'results.xml'), 'w') as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n')
        groups = {}
        for r in records:
            groups.setdefault((r['chapter'], r['machine']), []).append(r)
        if g.build_error:
            f.write(' <testsuite name="build" tests="1" failures="0" '
                    'errors="1">\n  <testcase classname="build" '
                    'name="compile"><error message="the tree does not '
                    'compile">%s</error></testcase>\n </testsuite>\n' %
                    escape(g.build_error))
        for (ch, m), rs in sorted(groups.items()):
            fails = sum(r['status'] == 'fail' for r in rs)
            errs = sum(r['status'] == 'error' for r in rs)
            f.write(' <testsuite name=%s tests="%d" failures="%d" '
                    'errors="%d">\n' % (quoteattr('ch%s %s' % (ch, m)),
                                        len(rs), fails, errs))
            for r in rs:
                f.write('  <testcase classname=%s name=%s' % (
                    quoteattr('ch%s.%s' % (ch, m)), quoteattr(r['test'])))
                if r['status'] == 'pass':
                    f.write('/>\n')
                    continue
                tag = 'failure' if r['status'] == 'fail' else 'error'
                f.write('><%s message=%s>%s</%s><system-out>%s'
                        '</system-out></testcase>\n' % (
                            tag, quoteattr('%s %s' % (r['where'],
                                                      r['message'])),
                            escape(r['message']), tag,
                            escape(r.get('output', ''))))
            f.write(' </testsuite>\n')
        f.write('</testsuites>\n')


# --- the whole grade ------------------------------------------------------

def choose_chapters(rubric, listing, ch, upto):
    """The chapters to grade (see the module's docstring)."""
    if ch is not None:
        return [ch]
    in_image = {c for c, _, _, _ in listing}
    graded = sorted({c for c, _, _, _ in rubric if c in in_image})
    if upto is not None:
        graded = [c for c in graded if c.isdigit() and int(c) <= upto]
    return graded


def unfinished(rubric, ch, test, note):
    """A grade of zero for every rubric test in scope, saying NOTE.

    Used before the images can list their chapters, and when the grader
    stops early: every test the rubric names is "not run".
    """
    g = Grade(rubric, [ch] if ch else sorted({r[0] for r in rubric}), test)
    for c, t, _, _ in g.rubric:
        g.expected[(c, t)] = set(MACHS)
    g.note = note
    return g


def course_own(tree):
    """'labs' or 'solutions' when TREE is the course's own, else None."""
    for name in ('labs', 'solutions'):
        if os.path.realpath(tree) == os.path.realpath(os.path.join(REPO,
                                                                   name)):
            return name
    return None


def prepare(a, tree, outdir):
    """(the tree to build, the notes for the student or None).

    A submission (see the module's docstring) is assembled into
    OUTDIR/src: its exercises' code in the course's files.
    """
    own = course_own(tree)
    if own == 'solutions':
        return tree, None
    man = submission.load_manifest()
    if man is None:
        return tree, ('%s is graded as it is: the course\'s list of '
                      'exercises (solutions/ or %s) is missing.' % (
                          rel(tree), submission.MANIFEST), [])
    name = a.name or rel(tree)
    if a.whole_tree or own:
        rep = submission.check_tree(tree, man)
        if not rep.notes and not rep.lost:
            return tree, None
        return tree, (rep.summary(name, whole=True), rep.lines())
    labs = os.path.abspath(a.labs or os.path.join(REPO, 'labs'))
    files, rep = submission.assemble(tree, labs, man, a.student_file or ())
    src = ScratchTree(os.path.join(outdir, 'src'))
    src.sync_content(files)
    lines = rep.lines()
    if rep.notes or rep.lost:
        lines.append('(line numbers above are those of your files; in the '
                     'messages below, those of the graded copy, %s)' %
                     rel(src.path))
    return src.path, (rep.summary(name), lines)


def show_notes(notes, resdir):
    """Print NOTES (summary, lines) and keep them in RESDIR/submission.txt;
    the text for results.json."""
    path = os.path.join(resdir, 'submission.txt')
    if not notes:
        if os.path.exists(path):
            os.remove(path)
        return None
    head, lines = notes
    with open(path, 'w') as f:
        f.write(head + '\n' + ''.join('  %s\n' % ln for ln in lines))
    shown = lines[:submission.SHOWN]
    if len(lines) > len(shown):
        shown.append('... and %d more (see %s)' % (
            len(lines) - len(shown), rel(path)))
    print('grade: ' + head)
    print(''.join('  %s\n' % ln for ln in shown), end='', flush=True)
    kept = lines[:NOTES_KEPT]
    if len(lines) > len(kept):
        kept.append('... and %d more' % (len(lines) - len(kept)))
    return '\n'.join([head] + ['  ' + ln for ln in kept])


def stages_line(stages):
    return 'grade: time ' + ', '.join('%s %.1fs' % kv for kv in stages)


def builds_ok(built, tree, how, provisional, resdir, start):
    """True when every build of BUILT compiled; else say so (the first
    errors, a score of zero) in PROVISIONAL's results and on the
    terminal.  HOW names the build: '' or ' with VMSPLIT=2G'."""
    failed = [m for m, (ok, _) in built.items() if not ok]
    if not failed:
        return True
    provisional.build_error = first_errors(built[failed[0]][1])
    provisional.note = 'The tree does not compile%s (%s).' % (
        how, ', '.join(failed))
    write_results(provisional, resdir, time.time() - start)
    print('\ngrade: %s DOES NOT COMPILE%s for %s. The first errors:\n' % (
        rel(tree), how, ' and '.join(failed)))
    print('\n'.join('  ' + ln for ln in provisional.build_error.splitlines()))
    print('\nscore: 0/%s (results: %s)' % (fmt_points(
        provisional.total()[1]), rel(os.path.join(resdir, 'results.json'))))
    return False


def grade(a):
    """Grade per the parsed arguments A; returns the exit status."""
    start = time.time()
    run.set_subreaper()
    stages = []
    tree = os.path.abspath(a.tree)
    name = os.path.basename(tree.rstrip('/'))
    outdir = os.path.abspath(a.build or os.path.join(REPO, 'build', 'grade',
                                                     name))
    resdir = os.path.abspath(a.results or os.path.join(REPO, 'build',
                                                       'grade'))
    rubric = read_rubric([(os.path.join(REPO, p), v) for p, v in RUBRICS]
                         if not a.rubric else [(p, 'visible')
                                               for p in a.rubric])
    ch = None if a.ch is None else (a.ch.zfill(2) if a.ch.isdigit()
                                    else a.ch)
    provisional = unfinished(rubric, ch, a.test, 'Grading did not finish.')
    write_results(provisional, resdir)
    if not os.path.isdir(tree):
        print('grade: %s is not a directory' % tree)
        return 2
    t0 = time.time()
    source, notes = prepare(a, tree, outdir)
    preface = show_notes(notes, resdir)
    if preface:
        provisional.preface = preface
        write_results(provisional, resdir)
    stages.append(('assemble', time.time() - t0))
    print('grade: building %s for host and arm (into %s)' % (
        rel(source), rel(outdir)), flush=True)
    t0 = time.time()
    built = build(source, outdir)
    stages.append(('build', time.time() - t0))
    if not builds_ok(built, tree, '', provisional, resdir, start):
        return 1
    images = {m: os.path.join(outdir, m, IMAGE[m]) for m in MACHS}
    listings = {m: list_image(m, images[m]) for m in MACHS}
    chapters = choose_chapters(rubric, listings['host'] + listings['arm'],
                               ch, a.upto)
    # the other builds the chosen chapters run in (CONFIGS)
    configs = read_configs()
    runs_chapters = {m: chapters for m in MACHS}
    for split in sorted({s for c in chapters for s in configs.get(c, ())}):
        how = ' '.join(BUILDS[split])
        print('grade: building %s for host and arm with %s' % (
            rel(source), how), flush=True)
        t0 = time.time()
        built, more = build_config(source, outdir, split)
        stages.append(('build %s' % split, time.time() - t0))
        if not builds_ok(built, tree, ' with ' + how, provisional,
                         resdir, start):
            return 1
        for m in MACHS:
            name = '%s-%s' % (m, split)
            images[name] = more[name]
            runs_chapters[name] = [c for c in chapters
                                   if split in configs.get(c, ())]
            listings[name] = [t for t in list_image(m, images[name])
                              if t[0] in runs_chapters[name]]
    g = Grade(rubric, chapters, a.test)
    g.runs = list(images)
    g.preface = preface
    for m in images:
        g.add_listing(m, [t for t in listings[m]
                          if not a.test or t[1] == a.test])
    if not chapters:
        print('grade: no graded chapter yet (the rubric names none that '
              'the tests reach); try `make grade CH=00`.')
        write_results(g, resdir, time.time() - start)
        return 0
    print('grade: running chapter%s %s on host and arm' % (
        's' if len(chapters) > 1 else '', ' '.join(chapters)), flush=True)
    t0 = time.time()
    results = run_machines(images, runs_chapters, a.test, outdir,
                           a.time_limit, a.test_timeout)
    stages.append(('tests', time.time() - t0))
    for m in images:
        stages.append(('%s tests' % m, sum(r.get('seconds', 0) for r in
                                           results[m] or [])))
    # Nothing of the submission may run once results are written.
    stray = run.reap_descendants()
    for m in images:
        g.add_records(m, results[m])
    logs = {m: os.path.join(outdir, m, 'ktest.log') for m in images}
    print()
    report(g, logs)
    earned, possible = g.total()
    write_results(g, resdir, time.time() - start)
    if stray:
        print('grade: killed %d process(es) the tests left behind' % stray)
    print('\n' + stages_line(stages))
    print('score: %s/%s in %.1fs (results: %s, .tap, .xml)' % (
        fmt_points(earned), fmt_points(possible), time.time() - start,
        rel(os.path.join(resdir, 'results.json'))))
    if g.rubric:
        return 0 if earned == possible else 1
    # Nothing graded (e.g. CH=00): succeed when every test passed.
    return 0 if all(r['status'] == 'pass' for recs in g.records.values()
                    for r in recs.values()) else 1


def arguments(argv=None):
    ap = argparse.ArgumentParser(
        description=__doc__.split('\n')[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split('\n', 2)[2])
    ap.add_argument('--tree', default=os.path.join(REPO, 'labs'))
    ap.add_argument('--ch', help='grade this chapter only')
    ap.add_argument('--upto', type=int, help='grade chapters up to N')
    ap.add_argument('--test', help='run this test only')
    ap.add_argument('--results', help='where results.* go '
                    '(default build/grade)')
    ap.add_argument('--build', help='where the images go '
                    '(default build/grade/<tree name>)')
    ap.add_argument('--rubric', action='append',
                    help='use this rubric instead of the course\'s')
    ap.add_argument('--time-limit', type=float, default=TIME_LIMIT,
                    help='seconds per machine for all tests (default %g)' %
                    TIME_LIMIT)
    ap.add_argument('--test-timeout', type=float,
                    help='seconds per test (default: each suite\'s own)')
    ap.add_argument('--whole-tree', action='store_true',
                    help='grade the tree as it is, not only its exercises')
    ap.add_argument('--labs', help='the course tree whose files surround '
                    'a submission\'s exercises (default labs/)')
    ap.add_argument('--student-file', action='append', metavar='PATH',
                    help='take this file whole from a submission')
    ap.add_argument('--name', help='the tree\'s name in messages')
    return ap.parse_args(argv)


def main(argv=None):
    a = arguments(argv)
    try:
        return grade(a)
    except SystemExit:
        raise
    except BaseException:
        # Leave a results.json that says what happened, then fail.
        err = traceback.format_exc()
        rubric = read_rubric([(os.path.join(REPO, p), v) for p, v in RUBRICS]
                             if not a.rubric else [(p, 'visible')
                                                   for p in a.rubric])
        g = unfinished(rubric, a.ch and a.ch.zfill(2), a.test,
                       'The grader failed:\n' + err[-4000:])
        write_results(g, os.path.abspath(a.results or os.path.join(
            REPO, 'build', 'grade')))
        sys.stderr.write('grade: the grader failed:\n' + err)
        return 3


if __name__ == '__main__':
    run.exit_on_signals()
    sys.exit(main())
