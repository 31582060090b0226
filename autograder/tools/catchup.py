#!/usr/bin/env python3
"""Catch-up packs: a way into chapter N for a student behind on earlier ones.

    catchup.py pack N [--out FILE]             (instructors: needs solutions/)
    catchup.py apply N PACK [--labs labs] [--dest DIR]
    catchup.py selftest                        (make test-catch-up)

`pack` (make catch-up CH=N) writes build/catch-up/catch-up-chNN.tar.gz:
the lab files with exercises as `labgen.py solutions DIR --solved-below N`
writes them (the exercises of chapters before N solved, the others
stubs), under catch-up-chNN/labs/, and catch-up-chNN/manifest.json
(the chapter, each file's digest, and the digest of the course's own lab
file, so that a pack made for another version of the course is refused).
It holds the solutions of chapters before N: publish it after chapter
N-1's deadline.

`apply` (make lab-start CH=N PACK=file [DEST=dir]) copies the student's
LABS to DEST (default build/lab-start-chNN; it must not exist) and, in
each lab file with exercises, takes the code of the exercises of the
chapters before N from the pack and keeps the student's own code of
chapter N and later (autograder/tools/submission.py finds both, between
the given lines around each stub).  An exercise of N or later whose
code cannot be found in the student's file (its given lines were
changed) gets its stub, and says so; labs/ itself is never written.

Standard library only.
"""
import argparse
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile

TOOLS = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(TOOLS))
sys.path.insert(0, TOOLS)
import labgen  # noqa: E402
import submission  # noqa: E402

MAX_MEMBER = 16 * 1024 * 1024


def name_of(ch):
    return 'catch-up-ch%02d' % ch


def sha(data):
    return hashlib.sha256(data).hexdigest()


def rel(path):
    r = os.path.relpath(os.path.abspath(path), os.getcwd())
    return path if r.startswith('..') else r


def cmd_pack(a):
    src = os.path.join(REPO, 'solutions')
    if not os.path.isdir(src):
        print('catch-up: a pack is made from solutions/ (the instructor\'s '
              'edition)', file=sys.stderr)
        return 2
    ch = a.ch
    man = labgen.manifest(src)
    out = a.out or os.path.join(REPO, 'build', 'catch-up', name_of(ch) +
                                '.tar.gz')
    top = name_of(ch)
    with tempfile.TemporaryDirectory(prefix='catch-up-') as tmp:
        tree = os.path.join(tmp, 'labs')
        labgen.generate(src, tree, solved_below=ch)
        files, info = {}, {}
        for r in sorted(man['files']):
            with open(os.path.join(tree, r), 'rb') as f:
                files[r] = f.read()
            info[r] = {'sha256': sha(files[r]),
                       'course_sha256': man['sha256'][r]}
        meta = {'format': 1, 'chapter': ch,
                'solved': 'the exercises of chapters 01-%02d' % (ch - 1),
                'files': info}
        os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
        part = out + '.part'
        with tarfile.open(part, 'w:gz', format=tarfile.PAX_FORMAT) as t:
            def add(name, data):
                ti = tarfile.TarInfo(top + '/' + name)
                ti.size, ti.mode, ti.mtime = len(data), 0o644, 0
                t.addfile(ti, io.BytesIO(data))
            add('manifest.json', json.dumps(meta, indent=1,
                                            sort_keys=True).encode())
            for r, data in files.items():
                add('labs/' + r, data)
        os.replace(part, out)
    print('catch-up: wrote %s (%d lab files, chapters before %02d solved): '
          'publish it after chapter %02d\'s deadline; a student runs `make '
          'lab-start CH=%d PACK=%s`' % (rel(out), len(files), ch, ch - 1,
                                        ch, os.path.basename(out)))
    return 0


def read_pack(path, ch):
    """(manifest dict, {lab path: text}) of the pack at PATH for chapter CH."""
    top = name_of(ch) + '/'
    meta, files = None, {}
    try:
        with tarfile.open(path) as t:
            for m in t:
                if not m.isfile() or m.size > MAX_MEMBER or \
                        not m.name.startswith(top) or '..' in \
                        m.name.split('/'):
                    continue
                data = t.extractfile(m).read()
                name = m.name[len(top):]
                if name == 'manifest.json':
                    meta = json.loads(data)
                elif name.startswith('labs/'):
                    files[name[len('labs/'):]] = data.decode(
                        'utf-8', 'surrogateescape')
    except (OSError, tarfile.TarError, ValueError) as e:
        raise SystemExit('lab-start: %s is not a catch-up pack: %s' % (
            path, e))
    if meta is None:
        raise SystemExit('lab-start: %s is not the catch-up pack of chapter '
                         '%02d (it has no %smanifest.json)' % (path, ch, top))
    if meta.get('chapter') != ch:
        raise SystemExit('lab-start: %s is the pack of chapter %02d, not %02d'
                         % (path, meta.get('chapter'), ch))
    for r, want in meta['files'].items():
        if r not in files or sha(files[r].encode(
                'utf-8', 'surrogateescape')) != want['sha256']:
            raise SystemExit('lab-start: %s is damaged: %s is missing or '
                             'differs from its manifest' % (path, r))
    return meta, files


def merge(man, meta, pack, labs, ch):
    """({lab path: new text}, [notes]) for the lab files with exercises."""
    out, notes = {}, []
    for r, entry in sorted(man['files'].items()):
        if meta['files'].get(r, {}).get('course_sha256') != \
                man['sha256'].get(r):
            raise SystemExit(
                'lab-start: the pack was made for another version of the '
                'course (its %s differs from this course\'s): ask for the '
                'pack of this version' % r)
        mp = submission.Merge(r, entry, pack[r])
        if mp.lost or None in mp.code:
            raise SystemExit('lab-start: the pack\'s %s does not match the '
                             'course\'s given code' % r)
        mine = submission.read_text(os.path.join(labs, r))
        ms = submission.Merge(r, entry, mine) if mine is not None else None
        if ms is None:
            notes.append('%s: not in your labs/: the pack\'s file, stubs '
                         'from chapter %02d on' % (r, ch))
        text = entry['given'][0]
        for i, stub in enumerate(entry['stubs']):
            chapters = [int(c) for c in stub['chapter'].split()]
            if all(c < ch for c in chapters):
                code = mp.code[i]
            elif ms is not None and ms.code[i] is not None:
                code = ms.code[i]
                if any(c < ch for c in chapters):
                    notes.append('%s: exercise ch%s: your code kept (it '
                                 'spans chapter %02d)' % (
                                     r, stub['chapter'], ch))
            else:
                code = stub['text']
                if ms is not None:
                    notes.append(
                        '%s: exercise ch%s: your code cannot be found (the '
                        'given lines around its stub were changed): its '
                        'stub is here, your code is still in labs/%s' % (
                            r, stub['chapter'].replace(' ', '/ch'), r))
            text += code + entry['given'][i + 1]
        if ms is not None and ms.ignored:
            notes.append('%s: %d change(s) outside the exercises not carried '
                         'over (they are never graded), first at line %d' % (
                             r, len(ms.ignored), ms.ignored[0][0]))
        out[r] = text
    return out, notes


def cmd_apply(a):
    ch = a.ch
    man = submission.load_manifest()
    if man is None:
        print('lab-start: no exercise list (solutions/ or %s)' %
              submission.MANIFEST, file=sys.stderr)
        return 2
    labs = os.path.abspath(a.labs)
    dest = os.path.abspath(a.dest or os.path.join(
        REPO, 'build', 'lab-start-ch%02d' % ch))
    if not os.path.isdir(labs):
        raise SystemExit('lab-start: %s is not a directory' % a.labs)
    if os.path.exists(dest):
        raise SystemExit('lab-start: %s exists (your work?): remove it or '
                         'choose another DEST=' % rel(dest))
    meta, pack = read_pack(a.pack, ch)
    texts, notes = merge(man, meta, pack, labs, ch)
    parent = os.path.dirname(dest)
    os.makedirs(parent, exist_ok=True)
    work = tempfile.mkdtemp(prefix='.%s.partial-' % os.path.basename(dest),
                            dir=parent)
    try:
        stage = os.path.join(work, 'tree')
        shutil.copytree(labs, stage, symlinks=True)
        for r, text in texts.items():
            path = os.path.join(stage, r)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, 'w', encoding='utf-8',
                      errors='surrogateescape') as f:
                f.write(text)
        os.rename(stage, dest)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for n in notes:
        print('lab-start: note: ' + n)
    print('lab-start: wrote %s: your %s with the exercises of chapters '
          '01-%02d from the pack and your own code from chapter %02d on' % (
              rel(dest), rel(labs), ch - 1, ch))
    print('lab-start: grade it with `make grade TREE=%s CH=%02d`; work on '
          'in it, or copy it over labs/ once you have checked it '
          '(`cp -r %s/. labs/`)' % (rel(dest), ch, rel(dest)))
    return 0


def selftest():
    """A pack made from solutions/, applied: to the all-stub labs/ it
    gives labgen's --solved-below tree, and graded, chapter N-1's full
    marks; to a tree with every exercise solved it changes nothing (the
    student's own code of N and later is kept)."""
    src = os.path.join(REPO, 'solutions')
    bad = []
    with tempfile.TemporaryDirectory(prefix='catch-up-test-') as tmp:
        def run(*argv):
            p = main([str(x) for x in argv])
            if p:
                raise SystemExit('catch-up: FAIL: catchup.py %s exited %d' % (
                    ' '.join(map(str, argv)), p))
        for ch, labs in ((3, os.path.join(REPO, 'labs')), (5, None)):
            pack = os.path.join(tmp, name_of(ch) + '.tar.gz')
            run('pack', ch, '--out', pack)
            if labs is None:     # a student who has done every chapter
                labs = os.path.join(tmp, 'all-solved')
                labgen.generate(src, labs, solved_below=99)
                want = labs
            else:
                want = os.path.join(tmp, 'want-%d' % ch)
                labgen.generate(src, want, solved_below=ch)
            dest = os.path.join(tmp, 'start-%d' % ch)
            run('apply', ch, pack, '--labs', labs, '--dest', dest)
            diffs = labgen.same_tree(want, dest)
            if diffs:
                bad.append('the pack of chapter %02d over %s: %s' % (
                    ch, os.path.basename(labs), ', '.join(diffs[:5])))
        # Chapter 02 of the chapter-03 start, graded as a submission.
        res = os.path.join(tmp, 'results')
        p = subprocess.run([sys.executable, os.path.join(TOOLS, 'grade.py'),
                            '--tree', os.path.join(tmp, 'start-3'), '--ch',
                            '02', '--results', res, '--build',
                            os.path.join(REPO, 'build', 'catch-up-test')],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           text=True, cwd=REPO)
        try:
            with open(os.path.join(res, 'results.json')) as f:
                r = json.load(f)
            got = sum(t['score'] for t in r['tests'])
            full = sum(t.get('max_score', 0) for t in r['tests'])
        except (OSError, ValueError, KeyError):
            got, full = 0, -1
        if not full or got != full:
            bad.append('chapter 02 of the chapter-03 start earns %g of %g:\n'
                       '%s' % (got, full, p.stdout[-1500:]))
        else:
            print('catch-up: chapter 02 of the chapter-03 start: %g of %g '
                  'points' % (got, full))
    for b in bad:
        print('catch-up: FAIL: ' + b)
    print('catch-up: %s' % ('%d problems' % len(bad) if bad else
                            'packs of chapters 03 and 05 applied as expected'))
    return 1 if bad else 0


def main(argv=None):
    ap = argparse.ArgumentParser(
        description=__doc__.split('\n')[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split('\n', 2)[2])
    sub = ap.add_subparsers(dest='cmd', required=True)
    p = sub.add_parser('pack')
    p.add_argument('ch', type=int)
    p.add_argument('--out')
    p = sub.add_parser('apply')
    p.add_argument('ch', type=int)
    p.add_argument('pack')
    p.add_argument('--labs', default=os.path.join(REPO, 'labs'))
    p.add_argument('--dest')
    sub.add_parser('selftest')
    a = ap.parse_args(argv)
    if a.cmd == 'selftest':
        return selftest()
    if a.ch < 2:
        ap.error('N: chapter 02 or later (chapter 01 has nothing before it)')
    return {'pack': cmd_pack, 'apply': cmd_apply}[a.cmd](a)


if __name__ == '__main__':
    sys.exit(main())
