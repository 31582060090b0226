#!/usr/bin/env python3
"""Combine the chapters into one Markdown document for pandoc.

    combine.py --chapters chapters --out build/book/book.md

Chapters are read in the order of their numbers (NN-slug.md, or a folder
NN-slug/ whose .md files are read in name order); CONVENTIONS.md and any
file not named NN-... is skipped.  Each chapter's YAML front matter
(chapters/CONVENTIONS.md) is taken off and turned into:

  - a part heading `# Part title {.part number=P}` before the first
    chapter of each part that has chapters (chapter 00 has part 0 and
    comes before the parts, as the introduction);
  - the chapter's own level-1 heading, given the id chNN, the class
    `chapter` and its number (the introduction is chapter 0);
  - a box, `::: linuxbox`, with the seed lecture's Chinese title and the
    Linux v5.10 files the chapter mirrors.

The book filter (book/filters/book.lua) does the rest: it shifts the
chapters' headings one level down under the parts, numbers figures and
listings, and builds the glossary and the index.
"""
import argparse
import os
import re
import sys

PARTS = {
    1: 'Memory and physical pages',
    2: 'Boot-time memory and small objects',
    3: 'MMU and page tables',
    4: "The kernel's virtual address space",
    5: 'Processes and mappings',
}
FENCE = re.compile(r'^(```+|~~~+)')
H1 = re.compile(r'^#\s+(.*?)\s*(\{[^}]*\})?\s*$')


def parse_scalar(v):
    v = v.strip()
    if len(v) >= 2 and v[0] == v[-1] and v[0] in '"\'':
        return v[1:-1]
    if re.fullmatch(r'-?\d+', v):
        return int(v)
    return v


def parse_front_matter(text, path):
    """(metadata dict, body) for the flat YAML this course uses."""
    if not text.startswith('---\n'):
        raise ValueError('%s: no YAML front matter (see '
                         'chapters/CONVENTIONS.md)' % path)
    end = text.find('\n---\n', 4)
    if end < 0:
        raise ValueError('%s: the front matter is not closed' % path)
    meta, key = {}, None
    for no, line in enumerate(text[4:end].split('\n'), 2):
        if not line.strip() or line.lstrip().startswith('#'):
            continue
        m = re.match(r'^([A-Za-z_][\w-]*):\s*(.*)$', line)
        if m:
            key, v = m.group(1), m.group(2).strip()
            if v.startswith('[') and v.endswith(']'):
                meta[key] = [parse_scalar(x) for x in v[1:-1].split(',')
                             if x.strip()]
            elif v == '':
                meta[key] = []
            else:
                meta[key] = parse_scalar(v)
            continue
        m = re.match(r'^\s+-\s+(.*)$', line)
        if m and key and isinstance(meta.get(key), list):
            meta[key].append(parse_scalar(m.group(1)))
            continue
        raise ValueError('%s:%d: cannot read this front-matter line: %s' % (
            path, no, line))
    for k in ('chapter', 'title', 'lecture', 'part', 'linux'):
        if k not in meta:
            raise ValueError('%s: front matter lacks "%s"' % (path, k))
    return meta, text[end + 5:]


def chapter_sources(chapters):
    out = []
    for entry in sorted(os.listdir(chapters)):
        m = re.match(r'^(\d\d)-', entry)
        if not m:
            continue
        path = os.path.join(chapters, entry)
        if os.path.isdir(path):
            files = [os.path.join(path, f) for f in sorted(os.listdir(path))
                     if f.endswith('.md')]
            if files:
                out.append((int(m.group(1)), path, files))
        elif entry.endswith('.md'):
            out.append((int(m.group(1)), path, [path]))
    return out


CODE_SPAN = re.compile(r'(`+)(?:(?!\1).)+?\1', re.S)


def unmatched_brackets(text):
    """Line numbers of each '[' in prose that no ']' closes.

    pandoc's reader takes such a '[' (a half-open interval, [a, b)) for the
    start of a link and looks for its end through the rest of the document,
    so every one makes reading the whole book slower: 45 of them made it
    quadratic (5 minutes and 13 GB at 36 chapters; 10 s once escaped).
    A link's text cannot span a blank line, so each paragraph is a unit.
    """
    lines, fence, prose = text.split('\n'), None, []
    for line in lines:
        m = FENCE.match(line)
        if m:
            fence = None if fence and line.startswith(fence) else (
                fence or m.group(1))
            prose.append('')
        else:
            prose.append('' if fence else line)
    found, para, start = [], [], 0
    for no, line in enumerate(prose + [''], 1):
        if line.strip():
            if not para:
                start = no
            para.append(line)
            continue
        if para:
            blank = CODE_SPAN.sub(lambda m: re.sub(r'[^\n]', ' ',
                                                   m.group(0)),
                                  '\n'.join(para))
            opens = []
            for i, ch in enumerate(blank):
                if i and blank[i - 1] == '\\':
                    continue
                if ch == '[':
                    opens.append(i)
                elif ch == ']' and opens:
                    opens.pop()
            found += [start + blank.count('\n', 0, i) for i in opens]
        para = []
    return found


def attr_quote(s):
    return '"%s"' % str(s).replace('\\', '\\\\').replace('"', '\\"')


def chapter_block(meta, body, path):
    """The chapter's Markdown with its heading marked and its box added."""
    n = meta['chapter']
    cls = '.chapter'
    head = '# %s {#ch%02d %s number=%d lecture=%s}' % (
        meta['title'], n, cls, n, attr_quote(meta['lecture']))
    files = ', '.join('`%s`' % f for f in meta['linux'])
    lecture = ('Introduction to the course' if n == 0 else
               'Lecture %d' % n)
    box = ('::: {.linuxbox}\n**%s:** %s\\\n**Linux v5.10 files this '
           'chapter mirrors:** %s\n:::\n' % (lecture, meta['lecture'],
                                            files or 'none'))
    lines, out, fence, done = body.split('\n'), [], None, False
    for line in lines:
        m = FENCE.match(line)
        if m:
            fence = None if fence and line.startswith(fence) else (
                fence or m.group(1))
        if not done and fence is None and H1.match(line):
            out += [head, '', box]
            done = True
            continue
        out.append(line)
    if not done:
        out = [head, '', box] + out
    return '\n'.join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--chapters', default='chapters')
    ap.add_argument('--out', required=True)
    ap.add_argument('--list', action='store_true',
                    help='print "NN<TAB>title" per chapter and stop')
    a = ap.parse_args()
    parts_seen, out, seen, brackets = set(), [], {}, []
    try:
        for num, path, files in chapter_sources(a.chapters):
            text = ''
            for f in files:
                with open(f, encoding='utf-8') as fh:
                    part_text = fh.read()
                brackets += ['%s:%d' % (f, no)
                             for no in unmatched_brackets(part_text)]
                text += part_text.rstrip('\n') + '\n\n'
            meta, body = parse_front_matter(text, files[0])
            if meta['chapter'] != num:
                raise ValueError('%s: front matter says chapter %s' % (
                    path, meta['chapter']))
            if num in seen:
                raise ValueError('%s: chapter %02d is also %s' % (
                    path, num, seen[num]))
            seen[num] = path
            part = meta['part']
            if num == 0:
                part = 0
            elif part not in PARTS:
                raise ValueError('%s: part must be 1-5' % path)
            if a.list:
                print('%02d\t%s\t%s' % (num, meta['title'], meta['lecture']))
                continue
            if part and part not in parts_seen:
                parts_seen.add(part)
                out.append('# %s {.part number=%d}\n' % (PARTS[part], part))
            out.append(chapter_block(meta, body, path))
    except ValueError as e:
        print('combine: error: %s' % e, file=sys.stderr)
        return 1
    for where in brackets:
        print('combine: error: %s: a "[" that no "]" closes (a half-open '
              'interval?): write "\\["' % where, file=sys.stderr)
    if brackets:
        print('combine: pandoc reads an open "[" as the start of a link and '
              'looks for its end through the rest of the book; %d of them '
              'make the build quadratic' % len(brackets), file=sys.stderr)
        return 1
    if a.list:
        return 0
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(a.out, 'w', encoding='utf-8') as fh:
        fh.write('\n\n'.join(out))
    print('combine: %d chapters in %d parts -> %s' % (
        len(seen), len(parts_seen), a.out))
    return 0


if __name__ == '__main__':
    sys.exit(main())
