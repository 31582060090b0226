#!/usr/bin/env python3
"""Check the built handbook (make test-book runs this after the build).

    checkbook.py [--out build/book] [--chapters chapters] [--no-edition]

For both editions (handbook and handbook-student, PDF and HTML):
  - every chapter's English title and Chinese lecture title is in the
    PDF's text (pdftotext) and in the HTML;
  - there are as many "Listing N.M:" captions as the chapters have
    include blocks, and as many "Figure N.M:" captions as they have
    figures, in both outputs: no listing or figure went missing;
  - the HTML is self-contained: every image is embedded (data: URI);
  - the student edition takes its listings from labs/ and shows no
    answers; the solution edition takes them from solutions/.
Fit to print (PDF) and to read (HTML):
  - no overfull box wider than 5 pt (the LaTeX log): no line runs into
    the margin or the next table column;
  - every figure's smallest text is at least 6 pt printed: the smallest
    font-size of the Graphviz SVG, times the scale at which the PDF
    includes the figure (the width LaTeX printed it at, which
    preamble.tex logs as "book-figure: FILE WIDTH HEIGHT", over the
    figure PDF's own width, pdfinfo);
  - HTML: a figure is never wider than the text column (figure img
    {max-width: 100%} in book.css; the column is body's max-width) and
    its smallest text, at the width it is shown, is at least 8 px
    (6 pt); a table's narrowest layout (its longest unbreakable words,
    with <wbr> break points) fits the column;
  - no listing caption, figure caption or table prints "--", in the PDF
    or the HTML, and no "--" in the LaTeX prose or the index (TeX
    ligatures are off, so "--" would print as two hyphens).
The student edition of the course (autograder/tools/instructor.py
student-edition, into OUT/student-edition): its chapters have no
::: solution block, every listing names its file and lines, and no
sentence of any answer appears in any of its files, in its handbook
(built from its own chapters and labs/, HTML) or in the student
handbook; the solution handbook must show them (so the check can see).
The build itself (build.py) already failed on pandoc warnings, missing
glyphs and undefined references.  Exit 1 if anything failed.
"""
import argparse
import base64
import html as htmlmod
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BOOK = os.path.dirname(HERE)
REPO = os.path.dirname(BOOK)
sys.path.insert(0, HERE)
import combine  # noqa: E402
import edition  # noqa: E402
import listings  # noqa: E402

FIG = re.compile(r'^!\[[^\]]*\]\(figures/[\w.-]+\.dot\)', re.M)
MAX_OVERFULL = 5.0      # pt
MIN_FIG_PT = 6.0        # smallest figure text, printed
MIN_FIG_PX = 8.0        # smallest figure text in the HTML (6 pt)
PX_PER_PT = 96 / 72


def squash(s):
    # xelatex's fonts give pdftotext U+2010/U+2011 for an ASCII hyphen
    s = s.replace('\u2010', '-').replace('\u2011', '-')
    return re.sub(r'\s+', '', s)


def expected(chapters):
    titles, n_lst, n_fig = [], 0, 0
    for num, path, files in combine.chapter_sources(chapters):
        text = ''.join(open(f, encoding='utf-8').read() for f in files)
        meta, body = combine.parse_front_matter(text, files[0])
        titles.append((meta['title'], meta['lecture']))
        n_fig += len(FIG.findall(body))
    n_lst = sum(len(v) for v in listings.includes(chapters).values())
    return titles, n_lst, n_fig


def check(label, text, titles, n_lst, n_fig, tree, student):
    errors = []
    flat = squash(text)
    for title, lecture in titles:
        for t in (title, lecture):
            if squash(t) not in flat:
                errors.append('chapter title "%s" is missing' % t)
    got_lst = len(re.findall(r'Listing \d+\.\d+\s*:', text))
    got_fig = len(re.findall(r'Figure \d+\.\d+\s*:', text))
    if got_lst != n_lst:
        errors.append('%d listing captions, the chapters include %d' % (
            got_lst, n_lst))
    if got_fig != n_fig:
        errors.append('%d figure captions, the chapters have %d' % (
            got_fig, n_fig))
    other = 'solutions/' if student else 'labs/'
    if n_lst and tree + '/' not in text:
        errors.append('no listing is taken from %s/' % tree)
    if re.search(r'Listing \d+\.\d+\s*:\s*' + re.escape(other), text):
        errors.append('a listing is taken from %s' % other)
    if student and 'solution edition only' in text:
        errors.append('the student edition shows an answer')
    return errors


# --- the PDF: boxes, figures, dashes ---------------------------------------

def read_log(path):
    with open(path, encoding='utf-8', errors='replace') as f:
        log = f.read()
    # TeX wraps log lines at 79 columns; join them back.
    return re.sub(r'(?m)^(.{79})\n', r'\1', log)


def overfull(log):
    """[(points, description)] of every overfull box in a LaTeX log."""
    out, lines = [], log.split('\n')
    for i, line in enumerate(lines):
        m = re.match(r'Overfull \\([hv])box \(([\d.]+)pt too (?:wide|high)\)'
                     r' (.*)', line)
        if m:
            ctx = lines[i + 1].strip() if i + 1 < len(lines) else ''
            ctx = re.sub(r'\\TU/[^ ]+ ', '', ctx)[:70]
            out.append((float(m.group(2)), '%sbox %s %s' % (
                m.group(1), m.group(3), ctx)))
    return out


def svg_text_size(svg):
    """(smallest text in pt at natural size, width pt, height pt)."""
    m = re.search(r'<svg\b[^>]*>', svg)
    tag = m.group(0) if m else ''

    def attr(name):
        a = re.search(r'\s%s="([^"]*)"' % name, tag)
        return a.group(1) if a else None

    def length(v):
        n = re.match(r'([\d.]+)\s*(pt|px)?', v or '')
        if not n:
            return None
        return float(n.group(1)) * (0.75 if n.group(2) == 'px' else 1.0)
    w, h = length(attr('width')), length(attr('height'))
    unit = 1.0
    vb = attr('viewBox')
    if vb and w:
        unit = w / float(vb.split()[2])
    g = re.search(r'<g id="graph0"[^>]*transform="scale\(([\d.]+)', svg)
    if g:
        unit *= float(g.group(1))
    sizes = [float(x) for x in re.findall(r'font-size="([\d.]+)', svg)]
    sizes += [float(x) for x in re.findall(r'font-size:\s*([\d.]+)', svg)]
    return (min(sizes) * unit if sizes else None), w, h


def pdf_width(path):
    out = subprocess.run(['pdfinfo', path], stdout=subprocess.PIPE,
                         text=True, check=True).stdout
    m = re.search(r'Page size:\s*([\d.]+) x ([\d.]+) pts', out)
    return float(m.group(1))


def pdf_figures(log, figdir):
    """[(name, smallest printed text in pt, scale)] from the LaTeX log."""
    out = []
    for path, w, h in re.findall(
            r'book-figure: (\S+) ([\d.]+)pt ([\d.]+)pt', log):
        name = os.path.splitext(os.path.basename(path))[0]
        svg = os.path.join(figdir, name + '.svg')
        with open(svg, encoding='utf-8') as f:
            small, _, _ = svg_text_size(f.read())
        scale = float(w) / pdf_width(path)
        out.append((name, small * scale if small else None, scale))
    return out


TEXTTT = re.compile(r'\\texttt\{(?:[^{}]|\{[^{}]*\})*\}')


def tex_dashes(tex):
    """Places where the LaTeX prose (not code) has "--": with TeX
    ligatures off these print as two hyphens."""
    body = tex.split('\\begin{document}', 1)[-1]
    body = re.sub(r'(?s)\\begin\{(Highlighting|verbatim|Verbatim)\}.*?'
                  r'\\end\{\1\}', '', body)
    body = TEXTTT.sub('', body)
    body = re.sub(r'\\index\{(?:[^{}]|\{[^{}]*\})*\}', '', body)
    body = re.sub(r'(?m)(?<!\\)%.*$', '', body)
    bad = []
    for m in re.finditer(r'--', body):
        start = body.rfind('\n', 0, m.start()) + 1
        end = body.find('\n', m.end())
        bad.append(body[start:end if end >= 0 else None].strip()[:80])
    tables = [t for t in re.findall(
        r'(?s)\\begin\{longtable\}.*?\\end\{longtable\}', body) if '--' in t]
    return bad, tables


def check_pdf(pdf, text, out, stem, figdir):
    errors, report = [], {}
    work = os.path.join(out, 'solution' if stem == 'handbook' else 'student')
    log = read_log(os.path.join(work, stem + '.log'))
    boxes = overfull(log)
    report['overfull'] = (len(boxes), max([b[0] for b in boxes] or [0]))
    for pt, what in boxes:
        if pt > MAX_OVERFULL:
            errors.append('overfull box of %.1f pt (limit %.0f): %s' % (
                pt, MAX_OVERFULL, what))
    figs = pdf_figures(log, figdir)
    if not figs:
        errors.append('the log has no "book-figure:" line (preamble.tex '
                      'logs every picture)')
    for name, small, scale in figs:
        if small is None:
            continue
        if small < MIN_FIG_PT:
            errors.append('figure %s: smallest text %.1f pt printed (scale '
                          '%.2f; limit %.0f pt)' % (name, small, scale,
                                                    MIN_FIG_PT))
    sizes = [(s, n) for n, s, _ in figs if s]
    report['figure'] = min(sizes) if sizes else None
    for line in text.split('\n'):
        # pdftotext gives U+2010/U+2011 for an ASCII hyphen
        line = line.replace('\u2010', '-').replace('\u2011', '-')
        if re.match(r'\s*(Listing|Figure) \d+\.\d+\s*:', line) and \
                '--' in line:
            errors.append('a caption prints "--": %s' % line.strip()[:80])
    with open(os.path.join(work, stem + '.tex'), encoding='utf-8') as f:
        prose, tables = tex_dashes(f.read())
    # The index (makeindex writes "--" in page ranges; preamble.tex
    # prints an en dash): its printed text.
    heads = [m.start() for m in re.finditer(r'(?m)^\f?Index$', text)]
    for line in (text[heads[-1]:] if heads else '').split('\n'):
        line = line.replace('\u2010', '-').replace('\u2011', '-')
        if '--' in line:
            errors.append('the index prints "--": %s' % line.strip()[:80])
    for t in tables:
        errors.append('a table prints "--": %s' % t[t.find('--') - 40:
                                                 t.find('--') + 20])
    for p in prose:
        errors.append('the text prints "--": %s' % p)
    return errors, report


# --- the HTML: figures and tables at the column's width ---------------------

def css_column_px(css):
    m = re.search(r'(?s)\bbody\s*\{[^}]*max-width:\s*([\d.]+)(em|px)', css)
    if not m:
        return None
    return float(m.group(1)) * (16 if m.group(2) == 'em' else 1)


def text_px(s, code):
    w = 0.0
    for c in s:
        if ord(c) >= 0x2e80:
            w += 16
        elif code:
            w += 16 * 0.88 * 0.6
        else:
            w += 16 * (0.72 if c.isupper() else 0.5)
    return w


def table_min_px(table):
    """The narrowest a table can be laid out (its longest unbreakable
    words, a cell's padding), in px."""
    rows = re.findall(r'(?s)<tr\b.*?</tr>', table)
    cols = {}
    for row in rows:
        for i, cell in enumerate(re.findall(r'(?s)<t[dh]\b.*?</t[dh]>',
                                            row)):
            need = 0.0
            parts = re.split(r'(<code>.*?</code>)', cell)
            for part in parts:
                code = part.startswith('<code>')
                text = re.sub(r'<wbr\s*/?>', ' ', part)
                text = htmlmod.unescape(re.sub(r'<[^>]+>', '', text))
                for word in text.split():
                    need = max(need, text_px(word, code))
            cols[i] = max(cols.get(i, 0), need + 2 * 0.8 * 16)
    return sum(cols.values())


def check_html(page, css):
    errors, report = [], {}
    col = css_column_px(css)
    if col is None:
        return ['book.css: no max-width for body: the column width is '
                'unknown'], report
    fits = bool(re.search(r'figure\s+img\s*\{[^}]*max-width:\s*100%', css))
    smallest = []
    for src in re.findall(r'<img[^>]*\ssrc="data:image/svg\+xml;base64,'
                          r'([^"]*)"', page):
        svg = base64.b64decode(src).decode('utf-8', 'replace')
        small, w, h = svg_text_size(svg)
        title = re.search(r'<title>([^<]*)</title>', svg)
        name = title.group(1) if title else '?'
        wpx = w * PX_PER_PT
        if wpx > col and not fits:
            errors.append('figure %s is %.0f px wide, the column %.0f px '
                          '(book.css lacks figure img {max-width: 100%%})'
                          % (name, wpx, col))
        scale = min(1.0, col / wpx) if fits else 1.0
        if small:
            px = small * PX_PER_PT * scale
            smallest.append((px, name))
            if px < MIN_FIG_PX:
                errors.append('figure %s: smallest text %.1f px at the '
                              'width shown (limit %.0f px)' % (
                                  name, px, MIN_FIG_PX))
    report['figure'] = min(smallest) if smallest else None
    for table in re.findall(r'(?s)<table\b.*?</table>', page):
        need = table_min_px(table)
        if need > col:
            first = re.sub(r'<[^>]+>', ' ', table)
            errors.append('a table needs %.0f px, the column is %.0f: %s' % (
                need, col, ' '.join(first.split())[:60]))
        plain = re.sub(r'(?s)<code>.*?</code>', '', table)
        if '--' in htmlmod.unescape(re.sub(r'<[^>]+>', '', plain)):
            errors.append('a table prints "--": %s' % ' '.join(
                re.sub(r'<[^>]+>', ' ', plain).split())[:80])
    for cap in re.findall(r'(?s)<div class="listing-caption">.*?</div>|'
                          r'<figcaption.*?</figcaption>', page):
        plain = re.sub(r'(?s)<code>.*?</code>', '', cap)
        if '--' in htmlmod.unescape(re.sub(r'<[^>]+>', '', plain)):
            errors.append('a caption prints "--": %s' % ' '.join(
                re.sub(r'<[^>]+>', ' ', cap).split())[:80])
    return errors, report


# --- the student edition -----------------------------------------------------

def plain(md):
    """Markdown to the letters and digits a reader sees, lower case."""
    md = re.sub(r'\]\([^)]*\)', ']', md)            # links
    md = re.sub(r'\{[^}]*\}', '', md)               # attributes
    return ''.join(c for c in md if c.isalnum()).lower()


def answer_sentences(chapters):
    """The sentences of every answer that the rest of the text lacks."""
    sentences, others = [], ''
    for path in listings.chapter_files(chapters):
        with open(path, encoding='utf-8') as f:
            text = f.read()
        for a in edition.answers(text):
            for s in re.split(r'(?<=[.;:?!])\s+', a):
                if len(plain(s)) >= 24:
                    sentences.append((path, s.strip()))
        others += plain(edition.strip_solutions(text)[0])
    return [(p, s) for p, s in sentences if plain(s) not in others]


def leaks(sentences, text):
    flat = plain(text)
    return [(p, s) for p, s in sentences if plain(s) in flat]


def tree_text(root):
    parts = []
    for d, dirs, files in os.walk(root):
        dirs[:] = [x for x in dirs if x not in ('.git', '__pycache__')]
        for f in files:
            p = os.path.join(d, f)
            if os.path.islink(p) or os.path.getsize(p) > 4 << 20:
                continue
            with open(p, 'rb') as fh:
                data = fh.read()
            if b'\0' in data[:4096]:
                continue
            parts.append(data.decode('utf-8', 'replace'))
    return '\n'.join(parts)


def check_student_edition(out, chapters, sentences):
    errors = []
    dest = os.path.abspath(os.path.join(out, 'student-edition'))
    if os.path.exists(dest):
        shutil.rmtree(dest)
    p = subprocess.run([sys.executable, os.path.join(
        REPO, 'autograder', 'tools', 'instructor.py'), 'student-edition',
        dest], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if p.returncode:
        return ['make student-edition failed:\n' + p.stdout[-2000:]]
    ch = os.path.join(dest, 'chapters')
    regions = listings.scan_tree(os.path.join(dest, 'labs'))
    for path in listings.chapter_files(ch):
        with open(path, encoding='utf-8') as f:
            text = f.read()
        if edition.solution_blocks(text):
            errors.append('%s still has a ::: solution block' % path)
        lines = text.split('\n')
        for i, line in enumerate(lines):
            m = re.search(r'include="([^"]+)"', line)
            if m and line.lstrip().startswith('```'):
                want = edition.comment(regions[m.group(1)], 'labs',
                                       m.group(1)) if m.group(1) in \
                    regions else None
                if want is None or i + 1 >= len(lines) or \
                        lines[i + 1].strip() != want:
                    errors.append('%s:%d: listing "%s" does not say where '
                                  'its code is' % (path, i + 1, m.group(1)))
    for p_, s in leaks(sentences, tree_text(dest)):
        errors.append('an answer of %s is in the student edition: "%s"' % (
            p_, s[:60]))
    # Its own handbook, from its chapters and its labs/ (HTML: the PDF
    # is built from the same Markdown by make test-book, which has also
    # refused listing regions that no chapter includes: --draft here).
    book = os.path.join(dest, 'build', 'book')
    p = subprocess.run([sys.executable, os.path.join(
        dest, 'book', 'tools', 'build.py'), '--edition', 'student',
        '--out', book, '--only', 'html', '--draft', '--figures',
        os.path.abspath(os.path.join(out, 'fig'))], cwd=dest,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if p.returncode:
        return errors + ['the student edition\'s handbook does not build:\n'
                         + p.stdout[-2000:]]
    with open(os.path.join(book, 'handbook-student.html'),
              encoding='utf-8') as f:
        page = f.read()
    for p_, s in leaks(sentences, html_text(page)):
        errors.append('an answer of %s is in the student edition\'s '
                      'handbook: "%s"' % (p_, s[:60]))
    return errors


def html_text(page):
    body = re.sub(r'<[^>]+>', ' ', re.sub(
        r'(?s)<(style|script)\b.*?</\1>', '', page))
    return htmlmod.unescape(body)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--out', default='build/book')
    ap.add_argument('--chapters', default='chapters')
    ap.add_argument('--no-edition', action='store_true',
                    help='skip the student edition of the course')
    a = ap.parse_args()
    titles, n_lst, n_fig = expected(a.chapters)
    sentences = answer_sentences(a.chapters)
    with open(os.path.join(BOOK, 'book.css'), encoding='utf-8') as f:
        css = f.read()
    figdir = os.path.join(a.out, 'fig')
    failed = []

    def fail(label, errors):
        for e in errors:
            print('checkbook: %s: %s' % (label, e), file=sys.stderr)
        if errors:
            failed.append(label)

    for stem, tree, student in (('handbook', 'solutions', False),
                                ('handbook-student', 'labs', True)):
        pdf = os.path.join(a.out, stem + '.pdf')
        html = os.path.join(a.out, stem + '.html')
        for f in (pdf, html):
            if not os.path.exists(f):
                print('checkbook: %s was not built' % f, file=sys.stderr)
                return 1
        text = subprocess.run(['pdftotext', '-enc', 'UTF-8', pdf, '-'],
                              stdout=subprocess.PIPE, check=True,
                              text=True).stdout
        errors = check(pdf, text, titles, n_lst, n_fig, tree, student)
        e, rp = check_pdf(pdf, text, a.out, stem, figdir)
        errors += e
        page = open(html, encoding='utf-8').read()
        body = html_text(page)
        errs_h = check(html, body, titles, n_lst, n_fig, tree, student)
        srcs = re.findall(r'<img[^>]*\ssrc="([^"]*)"', page)
        bad = [s[:60] for s in srcs if not s.startswith('data:')]
        if bad:
            errs_h.append('images not embedded: %s' % bad)
        if len(srcs) < n_fig:
            errs_h.append('%d images for %d figures' % (len(srcs), n_fig))
        e, rh = check_html(page, css)
        errs_h += e
        for label, t in ((pdf, text), (html, body)):
            found = leaks(sentences, t)
            if student:
                for p_, s in found:
                    (errors if label == pdf else errs_h).append(
                        'an answer of %s is shown: "%s"' % (p_, s[:60]))
            elif len(found) < 0.9 * len(sentences):
                (errors if label == pdf else errs_h).append(
                    'only %d of the %d answer sentences found: the answer '
                    'check cannot see them' % (len(found), len(sentences)))
        fail(pdf, errors)
        fail(html, errs_h)
        fig_pdf = rp['figure']
        fig_html = rh.get('figure')
        print('checkbook: %s: %d chapters, %d listings, %d figures; '
              '%d overfull boxes (worst %.1f pt); smallest figure text '
              '%.1f pt (%s)' % (pdf, len(titles), n_lst, n_fig,
                                rp['overfull'][0], rp['overfull'][1],
                                fig_pdf[0] if fig_pdf else 0,
                                fig_pdf[1] if fig_pdf else '-'))
        print('checkbook: %s: smallest figure text %.1f px at the column '
              'width (%s)' % (html, fig_html[0] if fig_html else 0,
                              fig_html[1] if fig_html else '-'))
    if not a.no_edition:
        fail('student edition', check_student_edition(a.out, a.chapters,
                                                      sentences))
        if 'student edition' not in failed:
            print('checkbook: student edition (%s): no answer in its '
                  'files or its handbook (%d answer sentences checked); '
                  'every listing says where its code is' % (
                      os.path.join(a.out, 'student-edition'),
                      len(sentences)))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
