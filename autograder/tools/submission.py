#!/usr/bin/env python3
"""What a submission is graded on: its exercise code in the course's files.

Students are asked to write the exercises: in labs/, the code that takes
the place of each stub.  Everything else (the given code around the
stubs, the files without exercises, the tests, the build) is the
course's.  assemble() makes the tree that is graded: every lab file with
exercises is the course's given code with the submission's code in place
of each stub, every other file is the course's lab file, and every
change outside an exercise is listed as ignored, with file and line, so
that the student learns it before the deadline.

Finding the exercises in a submitted file.  labs/ has no markers, so the
file is matched against the course's lab file (labgen.manifest(): the
given code before, between and after the stubs).  Lines are compared
without their white space.  When every given part is there, in order,
the first at the start and the last at the end, what lies between two
given parts is the student's code for the exercise between them: the
file is taken as it is.  When the given code was edited, the file is
compared line by line with the course's (difflib): an exercise is still
found when the two given lines on each side of its stub are unchanged
and in place, and what lies between them is taken; the edits elsewhere
are ignored and listed.  An exercise whose neighbouring given lines were
changed cannot be told apart from them: its stub is graded (no points
for it) and the message says where.  So is an exercise in a header (the
tests include it) with a directive its stub has not: a #define or
#undef of another macro than the stub's, an #include, a #pragma.

    submission.py SUBMISSION [--labs DIR]     what would be taken, ignored

Standard library only.
"""
import argparse
import difflib
import hashlib
import json
import os
import re
import sys

TOOLS = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(TOOLS))
sys.path.insert(0, TOOLS)
import labgen  # noqa: E402

# The exercise list shipped where there is no solutions/ (the student
# edition, the Gradescope bundle): labgen.manifest() of solutions/.
MANIFEST = 'autograder/exercises.json'
CONTEXT = 2                      # given lines that locate a stub, each side
MAX_FILE = 16 * 1024 * 1024      # bytes; a larger submitted file is ignored
EXCERPT = 60                     # characters of a line quoted in a note
SHOWN = 40                       # notes printed; results.json has them all
DIRECTIVE = re.compile(r'^\s*#\s*(\w+)\s*(\w*)')


def load_manifest(repo=REPO):
    """The course's exercise manifest (labgen.manifest), or None."""
    src = os.path.join(repo, 'solutions')
    if os.path.isdir(src):
        return labgen.manifest(src)
    try:
        with open(os.path.join(repo, MANIFEST)) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def key(line):
    """A line as the alignment compares it: without its white space."""
    return ' '.join(line.split())


def excerpt(line):
    s = ' '.join(line.split())
    return '"%s"' % (s if len(s) <= EXCERPT else s[:EXCERPT - 3] + '...')


def lines_of(text):
    return text.splitlines(True)


def stub_lines(entry):
    """The course's line number of each stub's first line."""
    out, at = [], 1
    for given, stub in zip(entry['given'], entry['stubs']):
        at += given.count('\n')
        out.append(at)
        at += stub['text'].count('\n')
    return out


def find(seq, part, lo, hi):
    """The first i in [lo, hi - len(part)] with seq[i:i+len(part)] == part,
    or -1."""
    if not part:
        return lo
    first, n = part[0], len(part)
    for i in range(lo, hi - n + 1):
        if seq[i] == first and seq[i:i + n] == part:
            return i
    return -1


def exact(given, sub):
    """[(start, end)] of each exercise's code in SUB (keys) when the given
    parts are all there, unchanged and in order; else None."""
    head, tail = given[0], given[-1]
    n = len(sub)
    if len(head) + len(tail) > n or sub[:len(head)] != head or \
            sub[n - len(tail):] != tail:
        return None
    pos, end, spans = len(head), n - len(tail), []
    for part in given[1:-1]:
        at = find(sub, part, pos, end)
        if at < 0:
            return None
        spans.append((pos, at))
        pos = at + len(part)
    spans.append((pos, end))
    return spans


class Merge:
    """One submitted lab file with exercises, matched against the course's.

    .text is what is graded, .code each exercise's code as submitted
    (None where it cannot be found); .ignored and .lost are notes
    [(line in the submitted file, text)]: changes outside the exercises
    that were ignored, and exercises that could not be found.
    """

    def __init__(self, rel, entry, text):
        self.rel, self.ignored, self.lost = rel, [], []
        given = [lines_of(g) for g in entry['given']]
        stubs = [lines_of(s['text']) for s in entry['stubs']]
        self.chapters = [s['chapter'] for s in entry['stubs']]
        self.stub_at = stub_lines(entry)
        sub = lines_of(text.replace('\r\n', '\n'))
        gk = [[key(x) for x in g] for g in given]
        sk = [key(x) for x in sub]
        spans = exact(gk, sk)
        if spans is None:
            spans = self.align(gk, sk, sub)
        if rel.endswith('.h'):
            spans = [self.macros_only(i, span, sub, stubs[i]) if span
                     else None for i, span in enumerate(spans)]
        # Each exercise's code as submitted (None: not found).
        self.code = [''.join(sub[s[0]:s[1]]) if s else None for s in spans]
        out = list(given[0])
        for i, span in enumerate(spans):
            out += sub[span[0]:span[1]] if span else stubs[i]
            out += given[i + 1]
        self.text = ''.join(out)

    def macros_only(self, i, span, sub, stub):
        """SPAN, or None when exercise I of a header (the tests include
        it) has a directive its stub has not: a #define or #undef of
        another name (the tests' ARRAY_SIZE...), an #include, a #pragma
        or a #line."""
        own = {m.group(1, 2) for m in map(DIRECTIVE.match, stub) if m}
        for j in range(*span):
            m = DIRECTIVE.match(sub[j])
            if not m or m.group(1) not in ('define', 'undef', 'include',
                                           'include_next', 'pragma',
                                           'line'):
                continue
            if m.group(1, 2) in own or (m.group(1) in ('define', 'undef')
                                        and ('define', m.group(2)) in own):
                continue
            self.lost.append((j + 1, 'exercise ch%s: %s: an exercise in a '
                              'header may #define only the macros of its '
                              'stub (%s), and nothing else the tests could '
                              'see; its stub is graded (no points for it)' %
                              (self.chapters[i].replace(' ', '/ch'),
                               excerpt(sub[j]), ', '.join(sorted(
                                   n for d, n in own if d == 'define')) or
                               'none')))
            return None
        return span

    def align(self, gk, sk, sub):
        """Spans as exact() when the given code was edited: None for an
        exercise that cannot be found.  Notes what is ignored."""
        a, where = [], []             # keys (a stub: a tuple), its part
        for i, part in enumerate(gk):
            a += part
            where += [(i, j) for j in range(len(part))]
            if i < len(gk) - 1:
                a.append(('stub', i))
                where.append(('stub', i))
        sm = difflib.SequenceMatcher(None, a, sk, autojunk=False)
        amap = {}
        for x, y, size in sm.get_matching_blocks():
            for d in range(size):
                amap[x + d] = y + d
        spans, guess = [], []
        for s, w in enumerate(where):
            if w[0] != 'stub':
                continue
            i = w[1]
            before = [s - d for d in range(1, CONTEXT + 1)
                      if s - d >= 0 and where[s - d][0] == i]
            after = [s + d for d in range(1, CONTEXT + 1)
                     if s + d < len(a) and where[s + d][0] == i + 1]
            ok = all(x in amap for x in before + after)
            start = amap[before[0]] + 1 if before and ok else 0
            end = amap[after[0]] if after and ok else len(sk)
            # The context lines must sit next to each other, as given.
            ok = ok and all(amap[x] == start - 1 - d
                            for d, x in enumerate(before)) and \
                all(amap[x] == end + d for d, x in enumerate(after)) and \
                start <= end
            spans.append((start, end) if ok else None)
            # Where the student's code for it probably is, for messages.
            lo = max([amap[x] + 1 for x in range(s) if x in amap] or [0])
            hi = min([amap[x] for x in range(s + 1, len(a)) if x in amap] or
                     [len(sk)])
            guess.append((start, end) if ok else (lo, max(lo, hi)))
            if not ok:
                self.lost.append((lo + 1, 'exercise ch%s (the stub at line %d '
                                  'of the course\'s file) cannot be found: '
                                  'the given lines next to it were changed, '
                                  'so its stub is graded (no points for it);'
                                  ' restore them' % (
                                      self.chapters[i].replace(' ', '/ch'),
                                      self.stub_at[i])))
        taken = set()
        for lo, hi in guess:
            taken.update(range(lo, hi))
        for tag, i1, i2, j1, j2 in sm.get_opcodes():
            if tag == 'equal':
                continue
            mine = [j for j in range(j1, j2) if j not in taken and sk[j]]
            course = [i for i in range(i1, i2)
                      if where[i][0] != 'stub' and a[i]]
            if mine:
                self.ignored.append((mine[0] + 1, '%s outside the exercises, '
                                     'ignored: %s%s' % (
                                         'changed' if course else 'added',
                                         excerpt(sub[mine[0]]),
                                         ' (and %d more lines)' %
                                         (len(mine) - 1) if len(mine) > 1
                                         else '')))
            elif course and not any(j in taken for j in range(j1, j2)):
                self.ignored.append((j1 + 1, 'given line%s removed, the '
                                     'course\'s kept: %s' % (
                                         's' if len(course) > 1 else '',
                                         excerpt(a[course[0]]))))
        return spans


def diff_notes(old, new, limit=3):
    """[(line, text)]: the changed hunks of NEW against OLD (texts)."""
    ok, nk = [key(x) for x in lines_of(old)], [key(x) for x in lines_of(new)]
    nl = lines_of(new)
    notes = []
    sm = difflib.SequenceMatcher(None, ok, nk, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        mine = [j for j in range(j1, j2) if nk[j]]
        if tag == 'equal' or not (mine or any(ok[i] for i in range(i1, i2))):
            continue
        notes.append((j1 + 1, 'changed, ignored: %s' % excerpt(nl[mine[0]])
                      if mine else 'lines removed, ignored'))
    if len(notes) > limit:
        notes = notes[:limit] + [(notes[limit][0], 'and %d more changes' %
                                  (len(notes) - limit))]
    return notes


def read_text(path):
    """The text of regular file PATH (None: absent, a link, too large)."""
    if os.path.islink(path) or not os.path.isfile(path) or \
            os.path.getsize(path) > MAX_FILE:
        return None
    with open(path, 'rb') as f:
        return f.read().decode('utf-8', 'surrogateescape')


def files_under(top):
    out = []
    for root, dirs, names in os.walk(top):
        dirs[:] = sorted(d for d in dirs if not d.startswith('.'))
        for n in sorted(names):
            out.append(os.path.relpath(os.path.join(root, n), top))
    return out


class Report:
    """What was taken from a submission and what was ignored."""

    def __init__(self):
        self.taken, self.missing, self.whole = [], [], []
        self.notes = []           # (file, line or None, text)
        self.lost = []

    def note(self, rel, line, text):
        self.notes.append((rel, line, text))

    def lines(self, limit=None):
        """The notes as `file:line: text`, at most LIMIT of them."""
        out = ['%s:%d: %s' % (r, n, t) if n else '%s: %s' % (r, t)
               for r, n, t in self.lost + self.notes]
        if limit is not None and len(out) > limit:
            out = out[:limit] + ['... and %d more (see submission.txt)' %
                                 (len(out) - limit)]
        return out

    def summary(self, tree_name, whole=False):
        """The paragraph printed first and put first in results.json."""
        if whole:
            head = ('%s is graded as it is.' % tree_name)
            if self.notes or self.lost:
                head += (' A grade of your submission takes only the code '
                         'of the exercises; it would ignore these changes '
                         'outside them:')
        else:
            head = ('Graded: the code of the exercises (what replaces each '
                    'stub, between the given lines around it) from %s; '
                    'everything else from the course.' % tree_name)
            if self.missing:
                head += ' Missing, their stubs graded: %s.' % ', '.join(
                    self.missing)
            if self.lost:
                head += ' %d exercise%s graded on %s stub (no points for ' \
                    '%s), as said first below.' % (
                        len(self.lost), 's are' if len(self.lost) > 1 else
                        ' is', 'their' if len(self.lost) > 1 else 'its',
                        'them' if len(self.lost) > 1 else 'it')
            if self.notes:
                head += ' %d change%s outside the exercises %s ignored:' % (
                    len(self.notes), 's' if len(self.notes) > 1 else '',
                    'are' if len(self.notes) > 1 else 'is')
            else:
                head += ' Nothing outside the exercises was changed.'
        return head


def assemble(root, labs, manifest, extra=()):
    """The tree to grade: ({path: bytes}, Report).

    ROOT is the submitted labs/-shaped folder, LABS the course's lab
    tree (the files without exercises), MANIFEST labgen.manifest() of
    the course; EXTRA names files taken whole from the submission.
    """
    rep, files = Report(), {}
    extra = sorted(set(extra) | set(manifest.get('whole', ())))
    for rel in files_under(labs):
        with open(os.path.join(labs, rel), 'rb') as f:
            files[rel] = f.read()
    course = set(files) | set(manifest['files'])
    for rel, entry in sorted(manifest['files'].items()):
        text = read_text(os.path.join(root, rel))
        if text is None:
            rep.missing.append(rel)
            files[rel] = (entry['given'][0] + ''.join(
                s['text'] + g for s, g in zip(entry['stubs'],
                                              entry['given'][1:]))).encode()
            continue
        m = Merge(rel, entry, text)
        rep.taken.append(rel)
        files[rel] = m.text.encode('utf-8', 'surrogateescape')
        rep.lost += [(rel, n, t) for n, t in m.lost]
        for n, t in m.ignored:
            rep.note(rel, n, t)
    for rel in extra:
        text = read_text(os.path.join(root, rel))
        if text is None:
            rep.missing.append(rel)
        else:
            files[rel] = text.encode('utf-8', 'surrogateescape')
            rep.whole.append(rel)
    skip = set(manifest['files']) | set(extra)
    for rel in files_under(root):
        if rel in skip:
            continue
        if rel not in course:
            rep.note(rel, None, 'not a file of the course, ignored')
            continue
        mine = read_text(os.path.join(root, rel))
        if mine is None:
            continue
        theirs = files[rel].decode('utf-8', 'surrogateescape')
        if [key(x) for x in lines_of(mine)] != \
                [key(x) for x in lines_of(theirs)]:
            for n, t in diff_notes(theirs, mine):
                rep.note(rel, n, 'a file without exercises: ' + t)
    return files, rep


def check_tree(tree, manifest):
    """A Report of the changes outside the exercises in TREE, graded as it
    is (a student's own labs/): what a grade of it as a submission would
    ignore."""
    rep = Report()
    for rel, entry in sorted(manifest['files'].items()):
        text = read_text(os.path.join(tree, rel))
        if text is None:
            rep.missing.append(rel)
            continue
        m = Merge(rel, entry, text)
        rep.lost += [(rel, n, t) for n, t in m.lost]
        for n, t in m.ignored:
            rep.note(rel, n, t)
    for rel in files_under(tree):
        if rel in manifest['files']:
            continue
        want = manifest['sha256'].get(rel)
        if want is None:
            rep.note(rel, None, 'not a file of the course, ignored')
            continue
        with open(os.path.join(tree, rel), 'rb') as f:
            if hashlib.sha256(f.read()).hexdigest() != want:
                rep.note(rel, None, 'changed, but it has no exercise: the '
                         'course\'s copy is graded')
    return rep


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('submission')
    ap.add_argument('--labs', default=os.path.join(REPO, 'labs'))
    ap.add_argument('--out', help='write the graded tree here')
    a = ap.parse_args(argv)
    man = load_manifest()
    if man is None:
        print('submission: no exercise list (solutions/ or %s)' % MANIFEST)
        return 2
    files, rep = assemble(a.submission, a.labs, man)
    print(rep.summary(a.submission))
    for ln in rep.lines():
        print('  ' + ln)
    if a.out:
        for rel, data in files.items():
            path = os.path.join(a.out, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, 'wb') as f:
                f.write(data)
    return 0


if __name__ == '__main__':
    sys.exit(main())
