#!/usr/bin/env python3
"""The chapters as the student edition ships them.

    edition.py CHAPTERS [--tree labs]      rewrite CHAPTERS in place
    edition.py CHAPTERS --answers          print the answers' text

rewrite_chapters(folder, tree) rewrites a copied chapters/ folder:

  - every `::: solution` ... `:::` block (chapters/CONVENTIONS.md), with
    everything inside it, becomes one line, NOTE;
  - every listing, an include block whose body is empty in the source,

        ```{.c include="ch08 alloc_contig_range"}
        ```

    gets a one-line body that says where the code is, read from the
    listing index of TREE (book/tools/listings.py):

        /* solutions-free listing: see labs/mm/cma.c, region
           "ch08 alloc_contig_range" (alloc_contig_range()) */  (one line)

    The handbook ignores a listing's body, so `make book-student` still
    fills in the code.

autograder/tools/instructor.py (student-edition) calls student_edition()
on the copy it makes (the chapters, and the live figures as Graphviz
text, since the copy cannot draw them); book/tools/build.py calls it for the student handbook, which is
therefore built from exactly the Markdown a student gets.  answers()
gives each answer's text, for the check that none survives
(book/tools/checkbook.py).  Standard library only.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import listings  # noqa: E402

NOTE = "*(The answer is in the instructor's edition.)*"
CODE_FENCE = re.compile(r'^\s*(`{3,}|~{3,})')
DIV_OPEN = re.compile(r'^(\s*):{3,}\s*(\S.*?)\s*$')
DIV_CLOSE = re.compile(r'^\s*:{3,}\s*$')
SOLUTION = re.compile(r'^(?:solution|\{[^}]*(?<![\w-])\.solution(?![\w-])'
                      r'[^}]*\})\s*:*$')
INCLUDE = re.compile(r'include="([^"]+)"')


def _fence_end(lines, i):
    """Index of the line that closes the code fence opened at lines[i]."""
    m = CODE_FENCE.match(lines[i])
    mark = m.group(1)
    close = re.compile(r'^\s*' + re.escape(mark[0]) + '{%d,}\\s*$' %
                       len(mark))
    for j in range(i + 1, len(lines)):
        if close.match(lines[j]):
            return j
    return len(lines) - 1


def solution_blocks(text):
    """[(first, last, indent)] line indexes of the ::: solution blocks.

    first is the opening fence, last the fence that closes it (nested
    divs and code fences inside are skipped over)."""
    lines = text.split('\n')
    out, i = [], 0
    while i < len(lines):
        if CODE_FENCE.match(lines[i]):
            i = _fence_end(lines, i) + 1
            continue
        m = DIV_OPEN.match(lines[i])
        if m and SOLUTION.match(m.group(2)):
            depth, j = 1, i + 1
            while j < len(lines):
                if CODE_FENCE.match(lines[j]):
                    j = _fence_end(lines, j) + 1
                    continue
                if DIV_CLOSE.match(lines[j]):
                    depth -= 1
                    if depth == 0:
                        break
                elif DIV_OPEN.match(lines[j]):
                    depth += 1
                j += 1
            if j >= len(lines):
                raise ValueError('line %d: a ::: solution block is not '
                                 'closed' % (i + 1))
            out.append((i, j, m.group(1)))
            i = j + 1
            continue
        i += 1
    return out


def strip_solutions(text):
    """(text without its answers, number of answers removed)."""
    lines = text.split('\n')
    blocks = solution_blocks(text)
    for first, last, indent in reversed(blocks):
        lines[first:last + 1] = [indent + NOTE]
    return '\n'.join(lines), len(blocks)


def answers(text):
    """The Markdown inside each ::: solution block of TEXT."""
    lines = text.split('\n')
    return ['\n'.join(lines[a + 1:b]) for a, b, _ in solution_blocks(text)]


# A function's definition at the start of a line: "int f(" or "f(void)".
DEFINITION = re.compile(r'^[A-Za-z_][\w \t*]*?\b(\w+)\(')


def functions_in(region):
    """The functions a region defines, by name: lines move as students
    write, names do not."""
    names = []
    for line in region.get('text', []):
        m = DEFINITION.match(line)
        if m and not line.rstrip().endswith(';') and m.group(1) not in names:
            names.append(m.group(1))
    return names


def comment(region, tree, name):
    funcs = functions_in(region)
    where = 'solutions-free listing: see %s/%s, region "%s"%s' % (
        os.path.basename(os.path.normpath(tree)), region['file'], name,
        ' (%s)' % ', '.join(f + '()' for f in funcs[:4]) if funcs else '')
    if region.get('lang') == 'gnuassembler':
        return '@ ' + where
    return '/* %s */' % where


def locate_listings(text, regions, tree):
    """(text whose include blocks name their code, number of blocks)."""
    lines, out, i, n = text.split('\n'), [], 0, 0
    while i < len(lines):
        line = lines[i]
        if not CODE_FENCE.match(line):
            out.append(line)
            i += 1
            continue
        end = _fence_end(lines, i)
        m = INCLUDE.search(line)
        if m and m.group(1) in regions:
            indent = re.match(r'^\s*', line).group(0)
            out += [line, indent + comment(regions[m.group(1)], tree,
                                           m.group(1)), lines[end]]
            n += 1
        else:
            out += lines[i:end + 1]
        i = end + 1
    return '\n'.join(out), n


def rewrite_chapters(folder, tree='labs'):
    """Rewrite the chapter files of FOLDER (a copy!) in place.

    Returns {'solutions': answers removed, 'listings': blocks located}."""
    regions = listings.scan_tree(tree)
    count = {'solutions': 0, 'listings': 0}
    for path in listings.chapter_files(folder):
        with open(path, encoding='utf-8') as f:
            text = f.read()
        try:
            new, n = strip_solutions(text)
        except ValueError as e:
            raise ValueError('%s: %s' % (path, e))
        count['solutions'] += n
        new, n = locate_listings(new, regions, tree)
        count['listings'] += n
        if new != text:
            with open(path, 'w', encoding='utf-8') as f:
                f.write(new)
    return count


def student_edition(dest, repo):
    """Finish the student edition that instructor.py copied to DEST.

    Its chapters are rewritten (rewrite_chapters, listings located in
    DEST/labs), and the live figures, which only a tree with solutions/
    can draw, are shipped as Graphviz text in DEST/book/figures/live/
    (and the shell sessions as text in DEST/book/sessions/live/):
    book/book.mk renders them there instead, so `make book-student`
    works in the student edition too.  Returns rewrite_chapters' counts.
    """
    n = rewrite_chapters(os.path.join(dest, 'chapters'),
                         os.path.join(dest, 'labs'))
    if os.path.isdir(os.path.join(repo, 'solutions')):
        if subprocess.run(['make', '-s', '--no-print-directory', '-C',
                           repo, 'book-live-figures', 'book-sessions'],
                          stdout=subprocess.DEVNULL).returncode:
            raise SystemExit('edition: `make book-live-figures '
                             'book-sessions` failed: the live figures and '
                             'shell sessions cannot be made')
        srcs = [os.path.join(repo, 'build', 'book', d)
                for d in ('figures', 'sessions')]
    else:  # a student edition made from a student edition
        srcs = [os.path.join(repo, 'book', d, 'live')
                for d in ('figures', 'sessions')]
    for src, kind, ext in zip(srcs, ('figures', 'sessions'),
                              ('.dot', '.txt')):
        live = os.path.join(dest, 'book', kind, 'live')
        os.makedirs(live, exist_ok=True)
        for f in sorted(os.listdir(src)):
            if f.endswith(ext):
                shutil.copyfile(os.path.join(src, f), os.path.join(live, f))
    return n


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('chapters')
    ap.add_argument('--tree', default='labs')
    ap.add_argument('--answers', action='store_true',
                    help='print the answers and stop (nothing is written)')
    a = ap.parse_args()
    try:
        if a.answers:
            for path in listings.chapter_files(a.chapters):
                with open(path, encoding='utf-8') as f:
                    for text in answers(f.read()):
                        print('--- %s\n%s' % (path, text))
            return 0
        n = rewrite_chapters(a.chapters, a.tree)
    except ValueError as e:
        print('edition: error: %s' % e, file=sys.stderr)
        return 1
    print('edition: %s: %d answers left out, %d listings located' % (
        a.chapters, n['solutions'], n['listings']))
    return 0


if __name__ == '__main__':
    sys.exit(main())
