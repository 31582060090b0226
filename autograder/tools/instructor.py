#!/usr/bin/env python3
"""Instructors' tools: grade many submissions, publish, export to Gradescope.

    instructor.py grade-all SUBMISSIONS [--out DIR] [grading options]
    instructor.py grade-one SUBMISSION --results DIR [grading options]
    instructor.py student-edition DEST
    instructor.py check-edition DEST
    instructor.py gradescope [--out DIR]

A submission is a labs/-shaped directory, or a .tar.gz/.tgz/.tar/.zip
of one (the tree may sit in a sub-folder).  Only what students are asked
to write is taken from it: the code of each exercise, what replaces its
stub between the given lines around it (autograder/tools/submission.py),
plus any --student-file whole.  Everything else is the course's: its
labs/ (--labs), tests, rubric and build files, so a submission that
edits a header, a test, the rubric or a makefile changes nothing; every
change outside an exercise is listed for the student (results.json's
output, submission.txt).

grade-all writes DIR/grades.csv (student, points per chapter, total)
and DIR/<student>/results.json (.tap, .xml) and submission.txt for each
submission.
"""
import argparse
import concurrent.futures
import csv
import json
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile

TOOLS = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(TOOLS))
sys.path.insert(0, TOOLS)
import grade  # noqa: E402
import labgen  # noqa: E402
import submission  # noqa: E402
sys.path.insert(0, os.path.join(REPO, 'book', 'tools'))
import edition  # noqa: E402

MAX_MEMBER = 16 * 1024 * 1024                # bytes; larger members skipped
GRADE_SLACK = 600                            # seconds beyond the run limits


def student_files(extra=()):
    """Paths (relative to labs/) that hold what students write, sorted:
    the lab files with exercises, and EXTRA."""
    man = submission.load_manifest() or {}
    return sorted(set(extra) | set(man.get('files', ())) |
                  set(man.get('whole', ())))


# --- unpacking a submission -----------------------------------------------

def safe_name(name):
    parts = [p for p in name.replace('\\', '/').split('/') if p not in
             ('', '.')]
    if not parts or name.startswith('/') or '..' in parts:
        return None
    return os.path.join(*parts)


def unpack(archive, dest):
    """Extract regular files of ARCHIVE into DEST, refusing unsafe paths."""
    if archive.endswith('.zip'):
        with zipfile.ZipFile(archive) as z:
            for info in z.infolist():
                name = safe_name(info.filename)
                if info.is_dir() or not name or info.file_size > MAX_MEMBER:
                    continue
                target = os.path.join(dest, name)
                os.makedirs(os.path.dirname(target), exist_ok=True)
                with z.open(info) as src, open(target, 'wb') as out:
                    shutil.copyfileobj(src, out)
        return
    with tarfile.open(archive) as t:
        for m in t:
            name = safe_name(m.name)
            if not m.isfile() or not name or m.size > MAX_MEMBER:
                continue
            target = os.path.join(dest, name)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with t.extractfile(m) as src, open(target, 'wb') as out:
                shutil.copyfileobj(src, out)


def find_root(top, files):
    """The folder under TOP that holds the submission's labs/ tree.

    The folder with the most student FILES wins, then one with arch/ and
    include/, then the shallowest.
    """
    best = None
    for root, dirs, _ in os.walk(top):
        dirs.sort()
        depth = os.path.relpath(root, top).count(os.sep)
        score = (sum(os.path.isfile(os.path.join(root, f)) for f in files),
                 os.path.isdir(os.path.join(root, 'arch')) +
                 os.path.isdir(os.path.join(root, 'include')), -depth)
        if best is None or score > best[0]:
            best = (score, root)
    return best[1]


def student_name(path):
    name = os.path.basename(path.rstrip('/'))
    for ext in ('.tar.gz', '.tgz', '.tar', '.zip'):
        if name.endswith(ext):
            return name[:-len(ext)]
    return name


def grade_one(sub, outdir, files, opts, labs, slot=None, extra=()):
    """Grade submission SUB into OUTDIR; returns its results.json dict.

    grade.py takes the exercises' code from it into the course's LABS
    (EXTRA whole) and lists what it ignored.  SLOT, a folder of the
    worker's own, keeps the graded copy and its build from one
    submission to the next: only the files whose content differs from
    the previous submission's are rewritten, and recompiled.
    """
    os.makedirs(outdir, exist_ok=True)
    work = tempfile.mkdtemp(prefix='submission-')
    try:
        if os.path.isdir(sub):
            top = sub
        else:
            unpack(sub, work)
            top = work
        root = find_root(top, files)
        build_dir = os.path.join(slot or outdir, 'build')
        argv = [sys.executable, os.path.join(TOOLS, 'grade.py'), '--tree',
                root, '--results', outdir, '--build', build_dir, '--labs',
                labs, '--name', 'the submission']
        for f in extra:
            argv += ['--student-file', f]
        argv += opts
        limit = 2 * float(_opt(opts, '--time-limit', grade.TIME_LIMIT)) + \
            GRADE_SLACK
        with open(os.path.join(outdir, 'grade.log'), 'w') as log:
            p = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT,
                                 cwd=REPO, start_new_session=True)
            try:
                p.wait(timeout=limit)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()
                log.write('\ninstructor: the grade did not finish in %gs\n' %
                          limit)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    # grade.py kills what its tests leave before it writes results; what
    # escaped it is swept when every grade has finished (cmd_grade_all).
    with open(os.path.join(outdir, 'results.json')) as f:
        return json.load(f)


def _opt(opts, name, default):
    return opts[opts.index(name) + 1] if name in opts else default


def grading_opts(a):
    opts = []
    if a.ch:
        opts += ['--ch', a.ch]
    for r in a.rubric or []:
        opts += ['--rubric', os.path.abspath(r)]
    if a.time_limit:
        opts += ['--time-limit', '%g' % a.time_limit]
    if a.test_timeout:
        opts += ['--test-timeout', '%g' % a.test_timeout]
    return opts


def chapter_points(results):
    """{chapter: points} from a results.json dict."""
    per = {}
    for t in results.get('tests', []):
        if t['name'].startswith('ch'):
            ch = t['name'][2:].split()[0]
            per[ch] = per.get(ch, 0) + t['score']
    return per


def cmd_grade_all(a):
    subs = sorted(os.path.join(a.submissions, s)
                  for s in os.listdir(a.submissions)
                  if not s.startswith('.'))
    files = student_files(a.student_file)
    opts = grading_opts(a)
    out = os.path.abspath(a.out)
    os.makedirs(out, exist_ok=True)
    jobs = max(1, min(a.jobs or os.cpu_count() or 1, len(subs) or 1))
    grade.run.set_subreaper()
    print('grade-all: %d submissions, %d at a time; taking the exercises '
          'of %d files%s' % (len(subs), jobs, len(files) - len(
              set(a.student_file)), ' and whole: ' + ' '.join(
                  a.student_file) if a.student_file else ''), flush=True)
    slots = queue.Queue()
    for i in range(jobs):
        slots.put(os.path.join(out, '.work', str(i)))
    start = time.time()

    def one(sub):
        slot = slots.get()
        try:
            t0 = time.time()
            res = grade_one(sub, os.path.join(out, student_name(sub)),
                            files, opts, os.path.abspath(a.labs), slot,
                            a.student_file)
            return sub, res, time.time() - t0
        finally:
            slots.put(slot)

    rows, chapters, worst = [], set(), 0.0
    with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
        for sub, res, took in pool.map(one, subs):
            name = student_name(sub)
            worst = max(worst, took)
            per = chapter_points(res)
            chapters.update(per)
            rows.append((name, per, res.get('score', 0)))
            # The score's line, then how many notes submission.txt has.
            said = res.get('output', '').split('\n\n')[-1].splitlines()
            notes = os.path.join(out, name, 'submission.txt')
            if os.path.exists(notes):
                with open(notes) as f:
                    n = sum(1 for ln in f if ln.startswith('  ') and
                            not ln.startswith('  (line numbers'))
                if n:
                    said = said[:1] + ['(%d note%s in %s)' % (
                        n, 's' if n > 1 else '', grade.rel(notes))]
            print('  %-24s %6g points  (%.0fs)  %s' % (
                name, res.get('score', 0), took, ' '.join(said[:2])),
                flush=True)
    grade.run.reap_descendants()
    chapters = sorted(chapters)
    with open(os.path.join(out, 'grades.csv'), 'w', newline='') as f:
        w = csv.writer(f)
        w.writerow(['student'] + ['ch' + c for c in chapters] + ['total'])
        for name, per, total in rows:
            w.writerow([name] + ['%g' % per.get(c, 0) for c in chapters] +
                       ['%g' % total])
    print('grade-all: wrote %s (slowest submission: %.0fs; all: %.0fs)' % (
        grade.rel(os.path.join(out, 'grades.csv')), worst,
        time.time() - start))
    return 0


def cmd_grade_one(a):
    files = student_files(a.student_file)
    res = grade_one(a.submission, os.path.abspath(a.results), files,
                    grading_opts(a), os.path.abspath(a.labs),
                    extra=a.student_file)
    print(res.get('output', ''))
    return 0


# --- publishing -----------------------------------------------------------

# Never copied into anything students see: the reference code, the hidden
# tests, the mutants (diffs against solutions/ whose context lines are
# the reference code, and whose headers name the bugs the tests look
# for), builds and history.
PRIVATE = ('solutions', 'autograder/hidden', 'autograder/mutants', 'build',
           '.git')
SKIP_NAMES = ('__pycache__', '.pytest_cache')
SKIP_EXT = ('.pyc', '.o', '.swp')


def course_files(repo=REPO, private=PRIVATE):
    """The course's files under REPO (relative paths, sorted), without
    the PRIVATE paths: git's tracked and untracked-but-not-ignored files
    when REPO is a git checkout (no build caches, editor files or local
    trees), otherwise every file but caches."""
    def public(rel):
        parts = rel.split('/')
        return not any('/'.join(parts[:i + 1]) in private
                       for i in range(len(parts))) and \
            not any(p in SKIP_NAMES for p in parts) and \
            not rel.endswith(SKIP_EXT)
    if os.path.exists(os.path.join(repo, '.git')):
        p = subprocess.run(['git', '-C', repo, 'ls-files', '-z', '--cached',
                            '--others', '--exclude-standard'],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        if p.returncode == 0:
            names = {n for n in p.stdout.decode().split('\0') if n}
            return sorted(n for n in names if public(n) and
                          os.path.lexists(os.path.join(repo, n)))
    out = []
    for root, dirs, names in os.walk(repo):
        dirs.sort()
        for n in names:
            rel = os.path.relpath(os.path.join(root, n), repo)
            if public(rel.replace(os.sep, '/')):
                out.append(rel)
    return sorted(out)


def copy_course(dest, private=PRIVATE):
    """Copy the course's files (course_files) to DEST, a new folder."""
    if os.path.exists(dest):
        raise SystemExit('instructor: %s exists; choose a new DEST' % dest)
    for rel in course_files(REPO, private):
        src, dst = os.path.join(REPO, rel), os.path.join(dest, rel)
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        if os.path.islink(src):
            os.symlink(os.readlink(src), dst)
        else:
            shutil.copy2(src, dst)
    os.makedirs(dest, exist_ok=True)


def write_manifest(dest, whole=()):
    """The course's exercises (given code, stubs), for a copy without
    solutions/: its grader and its warnings need them.  WHOLE: files its
    grader takes whole from a submission."""
    man = labgen.manifest(os.path.join(REPO, 'solutions'))
    if whole:
        man['whole'] = sorted(whole)
    with open(os.path.join(dest, submission.MANIFEST), 'w') as f:
        json.dump(man, f)


# --- no solution in what students get -------------------------------------

MIN_KEY = 24          # characters (white space collapsed) of a telling line
# Solution lines that a test must write too, telling nothing of the
# exercise: a test clears the table it switches to, and sizes a word.
COMMON = frozenset(('memset(pgd, 0, PG_DIR_SIZE);',
                    'const unsigned long w = sizeof(unsigned long);'))


def solution_lines(src):
    """{line without its white space: 'file:line'} of the reference code
    that students must not see: the lines of every exercise's solution
    (BEGIN SOLUTION .. STUB in SRC) that are long enough to tell (MIN_KEY)
    and are not given code anywhere in the lab tree (a line the lab tree
    ships is no secret)."""
    secret, given = {}, set()
    for full, rel in labgen.walk(src):
        if not rel.endswith(labgen.SOURCE_EXT):
            continue
        with open(full, errors='replace') as f:
            lines = f.readlines()
        out, _, _ = labgen.transform(rel, lines, None)
        given.update(submission.key(x) for x in out)
        state = None
        for no, line in enumerate(lines, 1):
            if labgen.BEGIN.match(line):
                state = 'solution'
            elif labgen.STUB.match(line):
                state = 'stub'
            elif labgen.END.match(line):
                state = None
            elif state == 'solution':
                k = submission.key(line)
                if len(k) >= MIN_KEY:
                    secret.setdefault(k, '%s:%d' % (rel, no))
    return {k: v for k, v in secret.items()
            if k not in given and k not in COMMON}


def answer_sentences(chapters):
    """[(chapter file, sentence)] of the chapters' answers (book/tools/
    checkbook.py), with the sentence as checkbook.plain() reduces it."""
    import checkbook
    return [(os.path.basename(p), s, checkbook.plain(s))
            for p, s in checkbook.answer_sentences(chapters)]


QUESTION = re.compile(r'^\s{0,3}\d+\.\s')
ODD_HEX = re.compile(r'\b0x([0-9a-f]{5,})\b', re.I)
SESSIONS = ('book/sessions', 'autograder/shell')


def question_values(chapters):
    """{hex digits: 'chapter question N'}: the numbers a question asks
    about (0x..., five digits or more, not a round one nor zero), which a shell
    session's output must not show decoded beside it."""
    import listings
    out = {}
    for path in listings.chapter_files(chapters):
        with open(path, encoding='utf-8') as f:
            text = f.read()
        lines = text.split('\n')
        for first, _, _ in edition.solution_blocks(text):
            q = first - 1
            while q > 0 and not QUESTION.match(lines[q]):
                q -= 1
            for m in ODD_HEX.finditer('\n'.join(lines[q:first])):
                digits = m.group(1).lower().lstrip('0')
                if digits and not digits.endswith('000'):
                    out.setdefault(digits, '%s, question %s' % (
                        os.path.basename(path), lines[q].split('.')[0]
                        .strip()))
    return out


def edition_leaks(dest, repo=REPO):
    """['file:line: what'] for every shipped file of DEST that holds a
    line of the reference solutions (solution_lines, also as a diff's
    line) or a sentence of a chapter's answer.  Empty when clean."""
    import checkbook
    secret = solution_lines(os.path.join(repo, 'solutions'))
    sentences = answer_sentences(os.path.join(repo, 'chapters'))
    values = question_values(os.path.join(repo, 'chapters'))
    found = []
    for root, dirs, names in os.walk(dest):
        dirs.sort()
        for n in sorted(names):
            path = os.path.join(root, n)
            rel = os.path.relpath(path, dest)
            if os.path.islink(path):
                continue
            with open(path, 'rb') as f:
                data = f.read()
            if b'\0' in data[:8192]:
                continue
            lines = data.decode('utf-8', 'replace').splitlines()
            for no, line in enumerate(lines, 1):
                for k in (submission.key(line), submission.key(line[1:])):
                    if k in secret:
                        found.append('%s:%d: the solution of %s: %s' % (
                            rel, no, secret[k], submission.excerpt(line)))
                        break
            if rel.startswith(SESSIONS):
                for no, line in enumerate(lines, 1):
                    for w in re.findall(r'\b(?:0x)?([0-9a-fA-F]{5,})\b',
                                        line):
                        w = w.lower().lstrip('0')
                        if w in values:
                            found.append('%s:%d: a session shows the value '
                                         'of %s: %s' % (
                                             rel, no, values[w],
                                             submission.excerpt(line)))
            if not sentences:
                continue
            # Sentences may wrap: compare the letters and digits, and
            # name the line where the sentence starts.
            flat, starts = '', []
            for line in lines:
                starts.append(len(flat))
                flat += checkbook.plain(line)
            for chap, s, key in sentences:
                at = flat.find(key)
                if at >= 0:
                    no = max(i for i, x in enumerate(starts) if x <= at) + 1
                    found.append('%s:%d: an answer of %s: "%s"' % (
                        rel, no, chap, s[:60]))
    return found


def check_edition(dest, label=None):
    """Print the leaks of DEST (named LABEL); True when there are none."""
    if not os.path.isdir(os.path.join(REPO, 'solutions')):
        print('check-edition: no solutions/ here: nothing to compare with')
        return True
    t0 = time.time()
    found = edition_leaks(dest)
    for x in found:
        print('check-edition: %s' % x)
    nfiles = sum(len(n) for _, _, n in os.walk(dest))
    print('check-edition: %s: %d files, %d solution lines, %d answer '
          'sentences and %d questions\' values looked for: %s (%.1fs)' % (
              label or grade.rel(dest), nfiles,
              len(solution_lines(os.path.join(REPO, 'solutions'))),
              len(answer_sentences(os.path.join(REPO, 'chapters'))),
              len(question_values(os.path.join(REPO, 'chapters'))),
              '%d found' % len(found) if found else 'none found',
              time.time() - t0))
    return not found


def cmd_check_edition(a):
    return 0 if check_edition(os.path.abspath(a.dest)) else 1


def cmd_student_edition(a):
    dest = os.path.abspath(a.dest)
    if dest.startswith(REPO + os.sep) and not dest.startswith(
            os.path.join(REPO, 'build') + os.sep):
        raise SystemExit('instructor: DEST must be outside the repository '
                         '(or under build/)')
    if os.path.exists(dest):
        raise SystemExit('instructor: %s exists; choose a new DEST' % dest)
    # Built beside DEST and renamed when complete: a failed run leaves
    # nothing that blocks the next.
    parent = os.path.dirname(dest)
    os.makedirs(parent, exist_ok=True)
    work = tempfile.mkdtemp(prefix='.%s.partial-' % os.path.basename(dest),
                            dir=parent)
    stage = os.path.join(work, os.path.basename(dest))
    try:
        copy_course(stage)
        write_manifest(stage)
        n = edition.student_edition(stage, REPO)
        if not check_edition(stage, dest):
            raise SystemExit('student-edition: solution text in the '
                             'edition (above); nothing written')
        os.rename(stage, dest)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print('student-edition: wrote %s (no solutions/, autograder/hidden, '
          'autograder/mutants; chapters: %d answers left out, %d listings '
          'located)' % (dest, n['solutions'], n['listings']))
    print('student-edition: check it with `make -C %s grade CH=01`' % dest)
    return 0


def cmd_gradescope(a):
    out = os.path.abspath(a.out)
    os.makedirs(out, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix='gradescope-') as stage:
        return gradescope_bundle(a, out, stage)


def gradescope_bundle(a, out, stage):
    course = os.path.join(stage, 'course')
    # The autograder keeps the hidden tests; only the solutions stay home.
    copy_course(course, private=('solutions', 'autograder/mutants', 'build',
                                 '.git'))
    write_manifest(course, a.student_file)
    deps = os.path.join(REPO, 'build', 'deps', 'arm')
    if os.path.isdir(deps):
        # Prebuilt ARM Check and libfdt; setup.sh rebuilds them if absent.
        shutil.copytree(deps, os.path.join(course, 'build', 'deps', 'arm'),
                        ignore=shutil.ignore_patterns('src'))
    gs = os.path.join(REPO, 'autograder', 'gradescope')
    for f in ('setup.sh', 'run_autograder'):
        shutil.copy2(os.path.join(gs, f), os.path.join(stage, f))
    zpath = os.path.join(out, 'autograder.zip')
    with zipfile.ZipFile(zpath, 'w', zipfile.ZIP_DEFLATED) as z:
        for root, dirs, names in os.walk(stage):
            dirs.sort()
            for n in sorted(names):
                full = os.path.join(root, n)
                info = zipfile.ZipInfo.from_file(
                    full, os.path.relpath(full, stage))
                with open(full, 'rb') as src:
                    z.writestr(info, src.read(), zipfile.ZIP_DEFLATED)
    print('gradescope: wrote %s (%d KB)' % (grade.rel(zpath),
                                            os.path.getsize(zpath) >> 10))
    return 0


def main(argv=None):
    ap = argparse.ArgumentParser(
        description=__doc__.split('\n')[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split('\n', 2)[2])
    sub = ap.add_subparsers(dest='cmd', required=True)

    def grading(p):
        p.add_argument('--ch')
        p.add_argument('--rubric', action='append')
        p.add_argument('--time-limit', type=float)
        p.add_argument('--test-timeout', type=float)
        p.add_argument('--student-file', action='append', default=[],
                       help='also take this file (relative to labs/)')
        p.add_argument('--labs', default=os.path.join(REPO, 'labs'),
                       help='the fresh tree submissions are laid over')
    p = sub.add_parser('grade-all')
    p.add_argument('submissions')
    p.add_argument('--jobs', type=int,
                   help='submissions graded at once (default: the cores)')
    p.add_argument('--out', default=os.path.join(REPO, 'build', 'grade-all'))
    grading(p)
    p = sub.add_parser('grade-one')
    p.add_argument('submission')
    p.add_argument('--results', required=True)
    grading(p)
    p = sub.add_parser('student-edition')
    p.add_argument('dest')
    p = sub.add_parser('check-edition')
    p.add_argument('dest')
    p = sub.add_parser('gradescope')
    p.add_argument('--out', default=os.path.join(REPO, 'build', 'gradescope'))
    p.add_argument('--student-file', action='append', default=[])
    a = ap.parse_args(argv)
    return {'grade-all': cmd_grade_all, 'grade-one': cmd_grade_one,
            'student-edition': cmd_student_edition,
            'check-edition': cmd_check_edition,
            'gradescope': cmd_gradescope}[a.cmd](a)


if __name__ == '__main__':
    grade.run.exit_on_signals()
    sys.exit(main())
