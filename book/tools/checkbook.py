#!/usr/bin/env python3
"""Check the built handbook (make test-book runs this after the build).

    checkbook.py [--out build/book] [--chapters chapters]

For both editions (handbook and handbook-student, PDF and HTML):
  - every chapter's English title and Chinese lecture title is in the
    PDF's text (pdftotext) and in the HTML;
  - there are as many "Listing N.M:" captions as the chapters have
    include blocks, and as many "Figure N.M:" captions as they have
    figures, in both outputs: no listing or figure went missing;
  - the HTML is self-contained: every image is embedded (data: URI);
  - the student edition takes its listings from labs/ and shows no
    answers; the solution edition takes them from solutions/.
The build itself (build.py) already failed on pandoc warnings, missing
glyphs and undefined references.  Exit 1 on the first failed file.
"""
import argparse
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import combine  # noqa: E402
import listings  # noqa: E402

FIG = re.compile(r'^!\[[^\]]*\]\(figures/[\w.-]+\.dot\)', re.M)


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
    for e in errors:
        print('checkbook: %s: %s' % (label, e), file=sys.stderr)
    return not errors


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--out', default='build/book')
    ap.add_argument('--chapters', default='chapters')
    a = ap.parse_args()
    titles, n_lst, n_fig = expected(a.chapters)
    ok = True
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
        ok &= check(pdf, text, titles, n_lst, n_fig, tree, student)
        page = open(html, encoding='utf-8').read()
        srcs = re.findall(r'<img[^>]*\ssrc="([^"]*)"', page)
        bad = [s[:60] for s in srcs if not s.startswith('data:')]
        if bad:
            print('checkbook: %s: images not embedded: %s' % (html, bad),
                  file=sys.stderr)
            ok = False
        if len(srcs) < n_fig:
            print('checkbook: %s: %d images for %d figures' % (
                html, len(srcs), n_fig), file=sys.stderr)
            ok = False
        body = re.sub(r'<[^>]+>', ' ', re.sub(
            r'(?s)<(style|script)\b.*?</\1>', '', page))
        import html as h
        ok &= check(html, h.unescape(body), titles, n_lst, n_fig, tree,
                    student)
        if ok:
            print('checkbook: %s and %s: %d chapters, %d listings, %d '
                  'figures, all present' % (pdf, html, len(titles), n_lst,
                                            n_fig))
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
