#!/usr/bin/env python3
"""Build one edition of the handbook: PDF (xelatex) and HTML.

    build.py --edition solution|student [--out build/book] [--only pdf|html]
             [--draft]

solution edition: listings from solutions/, answers shown;
                  build/book/handbook.pdf and handbook.html
student edition:  listings from labs/ (the stubs show), answers left
                  out; build/book/handbook-student.pdf and .html.  It is
                  built from the chapters as the student edition of the
                  course ships them (edition.py rewrites a copy into
                  OUT/student/chapters: no ::: solution blocks).

The figures must already be rendered into OUT/fig (book/book.mk does
that).  Steps: index the listings (listings.py), combine the chapters
(combine.py), pandoc with book/filters/book.lua to LaTeX and to HTML,
then xelatex, makeindex, xelatex, xelatex.  Any pandoc warning, and any
LaTeX warning about a missing glyph, an undefined reference or an
undefined font shape, fails the build; overfull and underfull boxes are
counted here, and checkbook.py fails on an overfull box over 5 pt.
LaTeX is written with pandoc's smart extension off (--to latex-smart):
en and em dashes stay Unicode characters instead of -- and ---, which
the PDF would print as such (book/metadata.yaml turns TeX ligatures off).
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
BOOK = os.path.dirname(HERE)

FATAL_LATEX = [
    (re.compile(r'Missing character: There is no .*'), 'missing glyph'),
    (re.compile(r'LaTeX Warning: Reference .* undefined.*'),
     'undefined reference'),
    (re.compile(r'LaTeX Warning: Hyper reference .* undefined.*'),
     'undefined reference'),
    (re.compile(r'LaTeX Warning: There were undefined references.*'),
     'undefined references'),
    (re.compile(r'LaTeX Warning: Label .* multiply defined.*'),
     'duplicate label'),
    (re.compile(r"LaTeX Font Warning: Font shape .* undefined.*"),
     'font shape substituted'),
    (re.compile(r'Package hyperref Warning: .*'), 'hyperref'),
    (re.compile(r'LaTeX Warning: File .* not found.*'), 'missing file'),
]
BOXES = re.compile(r'^(Overfull|Underfull) \\[hv]box')
OVERFULL = re.compile(r'^Overfull \\[hv]box \(([\d.]+)pt too')


def sessions_dir(out):
    """The shell sessions: run for this build (book-sessions), else the
    copies a student edition ships in book/sessions/live/."""
    made = os.path.join(out, 'sessions')
    if os.path.isdir(made):
        return os.path.abspath(made)
    return os.path.join(BOOK, 'sessions', 'live')


def run(cmd, cwd=None, what=None):
    t = time.time()
    p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True, errors='replace')
    if p.returncode != 0:
        print(p.stdout[-6000:], file=sys.stderr)
        raise SystemExit('book: %s failed (exit %d): %s' % (
            what or cmd[0], p.returncode, ' '.join(cmd)))
    return p.stdout, time.time() - t


def pandoc(args, what):
    out, dt = run(['pandoc', '--fail-if-warnings'] + args, what=what)
    if out.strip():  # --fail-if-warnings already stopped on warnings
        print(out.strip())
    return dt


def check_latex_log(log_path):
    with open(log_path, encoding='utf-8', errors='replace') as f:
        log = f.read()
    # TeX wraps log lines at 79 columns; join them back for matching.
    text = re.sub(r'(?m)^(.{79})\n', r'\1', log)
    fatal = []
    for line in text.splitlines():
        for rx, why in FATAL_LATEX:
            if rx.search(line):
                fatal.append('%s: %s' % (why, line.strip()))
    boxes = sum(1 for line in text.splitlines() if BOXES.match(line))
    over = [float(m.group(1)) for m in map(OVERFULL.match,
                                           text.splitlines()) if m]
    return fatal, boxes, over


def build(edition, out, only, draft=False, chapters='chapters',
          figures=None):
    tree = 'solutions' if edition == 'solution' else 'labs'
    stem = 'handbook' if edition == 'solution' else 'handbook-student'
    work = os.path.join(out, edition)
    os.makedirs(work, exist_ok=True)
    if edition == 'student':
        # The chapters as the student edition ships them.
        import edition as ed
        copy = os.path.join(work, 'chapters')
        if os.path.exists(copy):
            shutil.rmtree(copy)
        shutil.copytree(chapters, copy)
        try:
            n = ed.rewrite_chapters(copy, tree)
        except ValueError as e:
            raise SystemExit('book: student chapters: %s' % e)
        print('book: student chapters in %s (%d answers left out, %d '
              'listings located)' % (copy, n['solutions'], n['listings']))
        chapters = copy
    index = os.path.join(work, 'listings.json')
    md = os.path.join(work, 'book.md')
    run([sys.executable, os.path.join(HERE, 'listings.py'), '--tree', tree,
         '--chapters', chapters, '--out', index] +
        (['--draft'] if draft else []), what='listings')
    run([sys.executable, os.path.join(HERE, 'combine.py'), '--chapters',
         chapters, '--out', md], what='combine')
    common = ['--from', 'markdown-smart', '--standalone',
              '--metadata-file', os.path.join(BOOK, 'metadata.yaml'),
              '--lua-filter', os.path.join(BOOK, 'filters', 'book.lua'),
              '--top-level-division=part', '--toc', '--toc-depth=3',
              '-M', 'edition=' + edition, '-M', 'listings-index=' + index,
              '-M', 'figures-dir=' + os.path.abspath(
                  figures or os.path.join(out, 'fig')),
              '-M', 'sessions-dir=' + sessions_dir(out)]
    if edition == 'student':
        common += ['-M', 'subtitle=Student edition: the labs/ tree, '
                   'without the answers']
    times = {}
    if only in (None, 'html'):
        html = os.path.join(out, stem + '.html')
        times['pandoc html'] = pandoc(
            common + ['-M', 'figure-ext=svg', '--to', 'html5',
                      '--self-contained', '--css',
                      os.path.join(BOOK, 'book.css'),
                      '--metadata', 'pagetitle=Linux memory management, '
                      'built by hand', '-o', html, md], 'pandoc (HTML)')
        print('book: %s' % html)
    if only in (None, 'pdf'):
        tex = os.path.join(work, stem + '.tex')
        times['pandoc latex'] = pandoc(
            common + ['-M', 'figure-ext=pdf', '--to', 'latex-smart',
                      '--number-sections', '--include-in-header',
                      os.path.join(BOOK, 'preamble.tex'), '-o', tex, md],
            'pandoc (LaTeX)')
        tex_name = os.path.basename(tex)
        xe = ['xelatex', '-interaction=nonstopmode', '-halt-on-error',
              '-file-line-error', tex_name]
        t = 0
        for step in ('xelatex', 'makeindex', 'xelatex', 'xelatex'):
            if step == 'makeindex':
                _, dt = run(['makeindex', '-q', stem + '.idx'], cwd=work,
                            what='makeindex')
            else:
                _, dt = run(xe, cwd=work, what='xelatex')
            t += dt
        times['xelatex x3 + makeindex'] = t
        fatal, boxes, over = check_latex_log(
            os.path.join(work, stem + '.log'))
        if fatal:
            for f in fatal:
                print('book: LaTeX: ' + f, file=sys.stderr)
            raise SystemExit('book: %d LaTeX warning(s) that must be fixed '
                             '(see %s/%s.log)' % (len(fatal), work, stem))
        if boxes:
            print('book: note: %d overfull/underfull boxes, %d overfull '
                  '(worst %.1f pt; see %s/%s.log)' % (
                      boxes, len(over), max(over or [0]), work, stem))
        pdf = os.path.join(out, stem + '.pdf')
        shutil.copyfile(os.path.join(work, stem + '.pdf'), pdf)
        print('book: %s' % pdf)
    for k, v in times.items():
        print('book: %-24s %5.1f s' % (k, v))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--edition', choices=('solution', 'student'),
                    required=True)
    ap.add_argument('--out', default='build/book')
    ap.add_argument('--only', choices=('pdf', 'html'))
    ap.add_argument('--chapters', default='chapters')
    ap.add_argument('--figures', help='the rendered figures (default '
                    'OUT/fig)')
    ap.add_argument('--draft', action='store_true',
                    help='listing regions no chapter includes are only '
                    'warnings (for authors; make test-book never uses it)')
    a = ap.parse_args()
    build(a.edition, a.out, a.only, a.draft, a.chapters, a.figures)
    return 0


if __name__ == '__main__':
    sys.exit(main())
