#!/usr/bin/env python3
"""Index the named listing regions of a source tree for the handbook.

    listings.py --tree solutions|labs --chapters chapters --out INDEX.json

Reads every .c, .h, .S and .lds file of the tree, finds the regions
written as whole-line comments (autograder/MARKERS.md)

    //> ch04 expand            (or @> in .S files)
    ...
    //< ch04 expand

and writes a JSON object {name: {file, first, last, lang, text}}: the
file relative to the tree, the range of source lines between the two
markers, and the lines to display.  Inner region markers and exercise
markers are dropped; in solutions/ the stub lines of an exercise are
dropped too (the reader sees the reference code), while labs/ already
holds the stubs in place of the solutions.  Tabs are expanded to 8
columns; a line wider than 72 columns is reported as a warning.

The chapters are searched for ```{.c include="NAME"} blocks: a name no
region defines, or a region no chapter includes, is an error (exit 1);
with --draft the second is only a warning.
"""
import argparse
import json
import os
import re
import sys

SOURCE_EXT = ('.c', '.h', '.S', '.lds')
OPEN = re.compile(r'^\s*(?://|@)> (ch\d\d(?: [\w.-]+)+)\s*$')
CLOSE = re.compile(r'^\s*(?://|@)< (ch\d\d(?: [\w.-]+)+)\s*$')
BEGIN = re.compile(r'^\s*(?://|@) BEGIN SOLUTION ch\d\d\s*$')
STUB = re.compile(r'^\s*(?://|@) STUB\s*$')
END = re.compile(r'^\s*(?://|@) END SOLUTION\s*$')
INCLUDE = re.compile(r'include="([^"]+)"')
WIDTH = 72
LANG = {'.c': 'c', '.h': 'c', '.S': 'gnuassembler', '.lds': 'default'}


def scan_file(rel, lines):
    """{name: region} of one file; raises ValueError on bad markers."""
    regions, open_ = {}, {}
    state = 'code'
    for no, line in enumerate(lines, 1):
        m = OPEN.match(line)
        if m:
            if m.group(1) in open_ or m.group(1) in regions:
                raise ValueError('%s:%d: listing "%s" opened twice' % (
                    rel, no, m.group(1)))
            open_[m.group(1)] = {'file': rel, 'first': no + 1, 'text': []}
            continue
        m = CLOSE.match(line)
        if m:
            r = open_.pop(m.group(1), None)
            if r is None:
                raise ValueError('%s:%d: "%s" closes a listing that is not '
                                 'open' % (rel, no, m.group(1)))
            r['last'] = no - 1
            regions[m.group(1)] = r
            continue
        if BEGIN.match(line):
            state = 'solution'
            continue
        if STUB.match(line):
            state = 'stub'
            continue
        if END.match(line):
            state = 'code'
            continue
        if state == 'stub':
            continue  # solutions/: the reader sees the reference lines
        for r in open_.values():
            r['text'].append(line.rstrip('\n').expandtabs(8).rstrip())
    if open_:
        raise ValueError('%s: listing "%s" is not closed' % (
            rel, next(iter(open_))))
    return regions


def scan_tree(tree):
    regions = {}
    for root, dirs, files in os.walk(tree):
        dirs.sort()
        for f in sorted(files):
            if not f.endswith(SOURCE_EXT):
                continue
            full = os.path.join(root, f)
            rel = os.path.relpath(full, tree)
            with open(full, encoding='utf-8') as fh:
                found = scan_file(rel, fh.readlines())
            for name, r in found.items():
                if name in regions:
                    raise ValueError('%s: listing "%s" is also in %s' % (
                        rel, name, regions[name]['file']))
                r['lang'] = LANG[os.path.splitext(f)[1]]
                regions[name] = r
    return regions


def chapter_files(chapters):
    """The chapter sources, in order (CONVENTIONS.md is not a chapter)."""
    out = []
    for entry in sorted(os.listdir(chapters)):
        if not re.match(r'^\d\d-', entry):
            continue
        path = os.path.join(chapters, entry)
        if os.path.isdir(path):
            out += [os.path.join(path, f) for f in sorted(os.listdir(path))
                    if f.endswith('.md')]
        elif entry.endswith('.md'):
            out.append(path)
    return out


def includes(chapters):
    """{name: [file:line, ...]} of every listing the chapters include."""
    used = {}
    for path in chapter_files(chapters):
        with open(path, encoding='utf-8') as fh:
            for no, line in enumerate(fh, 1):
                if line.lstrip().startswith('```'):
                    for name in INCLUDE.findall(line):
                        used.setdefault(name, []).append('%s:%d' % (path, no))
    return used


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--tree', required=True)
    ap.add_argument('--chapters', default='chapters')
    ap.add_argument('--out', required=True)
    ap.add_argument('--draft', action='store_true',
                    help='report unused regions as warnings (chapters '
                    'still being written); never used by make test-book')
    a = ap.parse_args()
    try:
        regions = scan_tree(a.tree)
    except ValueError as e:
        print('listings: error: %s' % e, file=sys.stderr)
        return 1
    used = includes(a.chapters)
    errors = 0
    for name, where in sorted(used.items()):
        if name not in regions:
            print('listings: error: %s includes "%s", which no region of '
                  '%s/ defines' % (where[0], name, a.tree), file=sys.stderr)
            errors += 1
    unused = sorted(set(regions) - set(used))
    if unused:
        print('listings: %s: %d listing region(s) that no chapter '
              'includes:' % ('warning' if a.draft else 'error',
                             len(unused)), file=sys.stderr)
        for name in unused:
            r = regions[name]
            print('  "%s" %s/%s:%d' % (name, a.tree, r['file'],
                                       r['first'] - 1), file=sys.stderr)
        if not a.draft:
            errors += len(unused)
    for name, r in sorted(regions.items()):
        for i, line in enumerate(r['text']):
            if len(line) > WIDTH:
                print('listings: warning: "%s" (%s/%s) has a line of %d '
                      'columns (limit %d): %s' % (
                          name, a.tree, r['file'], len(line), WIDTH,
                          line.strip()[:40]), file=sys.stderr)
    if errors:
        return 1
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(a.out, 'w', encoding='utf-8') as fh:
        json.dump({'tree': a.tree, 'regions': regions}, fh, indent=1,
                  ensure_ascii=False, sort_keys=True)
    print('listings: %d regions of %s/, %d included' % (
        len(regions), a.tree, len(set(regions) & set(used))))
    return 0


if __name__ == '__main__':
    sys.exit(main())
