#!/usr/bin/env python3
"""Generate the student tree from solutions/ (see autograder/MARKERS.md).

    labgen.py SRC DST [--solved-below N]   write DST from SRC
    labgen.py SRC DST --check               is DST what SRC generates?
    labgen.py SRC --list                    exercises and listings
    labgen.py SRC --manifest FILE           what labs/ holds, as JSON

DST is replaced whole.  With --solved-below N, exercises of chapters
before N keep their solution (a catch-up tree for chapter N).
"""
import argparse
import filecmp
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile

SOURCE_EXT = ('.c', '.h', '.S', '.lds')
BEGIN = re.compile(r'^\s*(?://|@) BEGIN SOLUTION ch(\d\d)\s*$')
STUB = re.compile(r'^\s*(?://|@) STUB\s*$')
END = re.compile(r'^\s*(?://|@) END SOLUTION\s*$')
STUB_LINE = re.compile(r'^(\s*)(//|@) ?(.*)$')
REGION_OPEN = re.compile(r'^\s*(?://|@)> (ch\d\d(?: [\w.-]+)+)\s*$')
REGION_CLOSE = re.compile(r'^\s*(?://|@)< (ch\d\d(?: [\w.-]+)+)\s*$')


class MarkerError(Exception):
    pass


def transform(path, lines, solved_below, spans=None):
    """Return (new lines, exercises [(chapter, line)], regions {name: line}).

    SPANS, a list, receives (chapter, first, end) per exercise: the
    exercise's lines in the new lines, new[first:end] (the stub, or the
    solution when it is kept).
    """
    out, exercises, regions, open_regions = [], [], {}, []
    state, chapter, start = 'code', None, 0
    for no, line in enumerate(lines, 1):
        where = '%s:%d' % (path, no)
        m = BEGIN.match(line)
        if m:
            if state != 'code':
                raise MarkerError('%s: BEGIN SOLUTION inside an exercise '
                                  '(opened at line %d)' % (where, start))
            state, chapter, start = 'solution', int(m.group(1)), no
            exercises.append((chapter, no))
            first = len(out)
            continue
        if STUB.match(line):
            if state != 'solution':
                raise MarkerError('%s: STUB outside BEGIN SOLUTION' % where)
            state = 'stub'
            continue
        if END.match(line):
            if state != 'stub':
                raise MarkerError('%s: END SOLUTION without %s' % (
                    where, 'STUB' if state == 'solution' else 'BEGIN'))
            state = 'code'
            if spans is not None:
                spans.append((chapter, first, len(out)))
            continue
        keep = solved_below is not None and chapter is not None and \
            chapter < solved_below
        if state == 'solution':
            if keep:
                out.append(line)
            continue
        if state == 'stub':
            m = STUB_LINE.match(line)
            if not m:
                raise MarkerError('%s: a stub line must be a comment' % where)
            if not keep:
                out.append(m.group(1) + m.group(3) + '\n' if m.group(3)
                           else '\n')
            continue
        m = REGION_OPEN.match(line)
        if m:
            name = m.group(1)
            if name in regions:
                raise MarkerError('%s: listing "%s" already opened at %s' % (
                    where, name, regions[name]))
            regions[name] = where
            open_regions.append(name)
        m = REGION_CLOSE.match(line)
        if m:
            if not open_regions or m.group(1) not in open_regions:
                raise MarkerError('%s: "%s" closes a listing that is not '
                                  'open' % (where, m.group(1)))
            open_regions.remove(m.group(1))
        out.append(line)
    if state != 'code':
        raise MarkerError('%s: exercise opened at line %d is not closed' % (
            path, start))
    if open_regions:
        raise MarkerError('%s: listing "%s" is not closed' % (
            path, open_regions[0]))
    return out, exercises, regions


def walk(src):
    for root, dirs, files in os.walk(src):
        dirs.sort()
        for f in sorted(files):
            full = os.path.join(root, f)
            yield full, os.path.relpath(full, src)


def generate(src, dst, solved_below=None):
    """Write the lab tree; return (exercises, regions) of the whole tree."""
    exercises, regions = [], {}
    if os.path.exists(dst):
        shutil.rmtree(dst)
    for full, rel in walk(src):
        target = os.path.join(dst, rel)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if not rel.endswith(SOURCE_EXT):
            shutil.copy2(full, target)
            continue
        with open(full) as f:
            lines = f.readlines()
        out, ex, reg = transform(rel, lines, solved_below)
        exercises += [(ch, rel, no) for ch, no in ex]
        for name, where in reg.items():
            if name in regions:
                raise MarkerError('%s: listing "%s" is also at %s' % (
                    where, name, regions[name]))
            regions[name] = where
        with open(target, 'w') as f:
            f.writelines(out)
        shutil.copymode(full, target)
    return exercises, regions


def manifest(src):
    """What the lab tree of SRC holds, for the grader (see grade.py).

    {'format': 1,
     'files': {path: {'given': [text, ...], 'stubs': [{'chapter': 'NN',
               'text': stub}, ...]}},
     'sha256': {path: hex digest of the lab file}}

    'files' has every lab file with exercises: its text is given[0] +
    stubs[0] + given[1] + ... + given[-1], the given code around each
    exercise's stub.  Exercises with no given line between them (one
    right after the other) are one stub here.  'sha256' has every file
    of the lab tree.
    """
    files, sums = {}, {}
    for full, rel in walk(src):
        with open(full, 'rb') as f:
            data = f.read()
        if rel.endswith(SOURCE_EXT) and b'BEGIN SOLUTION' in data:
            spans = []
            out, _, _ = transform(rel, data.decode().splitlines(True), None,
                                  spans)
            given, stubs, at = [], [], 0
            for ch, first, end in spans:
                if given and first == at:
                    stubs[-1]['text'] += ''.join(out[first:end])
                    stubs[-1]['chapter'] += ' %02d' % ch
                else:
                    given.append(''.join(out[at:first]))
                    stubs.append({'chapter': '%02d' % ch,
                                  'text': ''.join(out[first:end])})
                at = end
            given.append(''.join(out[at:]))
            if stubs:
                files[rel] = {'given': given, 'stubs': stubs}
            data = ''.join(out).encode()
        sums[rel] = hashlib.sha256(data).hexdigest()
    return {'format': 1, 'files': files, 'sha256': sums}


def same_tree(a, b):
    """List the differences between two directory trees."""
    diffs = []
    cmp = filecmp.dircmp(a, b)

    def visit(c, prefix):
        diffs.extend(os.path.join(prefix, x) + ' (only in %s)' % c.left
                     for x in c.left_only)
        diffs.extend(os.path.join(prefix, x) + ' (only in %s)' % c.right
                     for x in c.right_only)
        for f in c.common_files:
            if not filecmp.cmp(os.path.join(c.left, f),
                               os.path.join(c.right, f), shallow=False):
                diffs.append(os.path.join(prefix, f) + ' differs')
        for d, sub in c.subdirs.items():
            visit(sub, os.path.join(prefix, d))
    visit(cmp, '')
    return diffs


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('src')
    ap.add_argument('dst', nargs='?')
    ap.add_argument('--solved-below', type=int)
    ap.add_argument('--check', action='store_true')
    ap.add_argument('--list', action='store_true')
    ap.add_argument('--manifest', metavar='FILE')
    a = ap.parse_args()
    try:
        if a.manifest:
            with open(a.manifest, 'w') as f:
                json.dump(manifest(a.src), f, indent=0)
            return 0
        if a.list:
            with tempfile.TemporaryDirectory(prefix='labgen-') as tmp:
                ex, reg = generate(a.src, tmp)
            lines = {}
            for rel, entry in manifest(a.src)['files'].items():
                at = 1
                for given, stub in zip(entry['given'], entry['stubs']):
                    at += given.count('\n')
                    n = stub['text'].count('\n')
                    for ch in stub['chapter'].split():
                        lines.setdefault((rel, int(ch)), []).append(
                            (at, at + n - 1))
                    at += n
            for ch, rel, no in ex:
                span = lines.get((rel, ch), [])
                a_, b_ = span.pop(0) if span else (0, -1)
                print('exercise ch%02d %s:%d (labs/ lines %d-%d)' % (
                    ch, rel, no, a_, b_))
            for name, where in sorted(reg.items()):
                print('listing "%s" %s' % (name, where))
            return 0
        if not a.dst:
            ap.error('DST is required')
        if a.check:
            with tempfile.TemporaryDirectory(prefix='labgen-') as tmp:
                generate(a.src, tmp)
                diffs = same_tree(tmp, a.dst)
            if diffs:
                print('labgen: %s is out of date with %s; run `make lab`:' % (
                    a.dst, a.src))
                for d in diffs[:20]:
                    print('  ' + d)
                return 1
            print('labgen: %s is in sync with %s' % (a.dst, a.src))
            return 0
        ex, reg = generate(a.src, a.dst, a.solved_below)
        print('labgen: wrote %s: %d exercises%s, %d listings' % (
            a.dst, len(ex), '' if a.solved_below is None else
            ' (chapters before %d solved)' % a.solved_below, len(reg)))
        return 0
    except MarkerError as e:
        print('labgen: error: %s' % e, file=sys.stderr)
        return 2


if __name__ == '__main__':
    sys.exit(main())
