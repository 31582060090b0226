#!/usr/bin/env python3
"""Shell sessions for the handbook, run on the real kernel at build time.

    sessions.py KERNEL OUTDIR

Runs every script of autograder/shell/ (but the broken-* ones, which
need a planted bug) through `ktest --shell` on the host port, booted to
the stage its '# chapter: NN' line names (what `make shell CH=NN
SCRIPT=...` shows a student who has done chapters up to NN), and writes
OUTDIR/NAME.txt: what the console showed from the first prompt on, the
script's own comment lines left out.  A chapter shows one with

    ```{.console session="first-session"}
    ```

so a transcript in the book is always what the code does today.
"""
import os
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
SCRIPTS = os.path.join(REPO, 'autograder', 'shell')
sys.path.insert(0, os.path.join(REPO, 'autograder', 'tools'))
import shell  # noqa: E402


def transcript(kernel, script):
    with open(script) as f:
        text = f.read()
    out = shell.run_script('host', kernel, shell.board_of(text),
                           shell.stage_of(text), text)
    out = out[out.find('mm> '):]
    keep = [ln for ln in out.splitlines()
            if not ln.startswith('mm> #') and ln.strip() not in
            ('mm>', 'mm> quit')]
    return '\n'.join(keep).rstrip() + '\n'


def main():
    kernel, outdir = os.path.abspath(sys.argv[1]), sys.argv[2]
    os.makedirs(outdir, exist_ok=True)
    for n in sorted(os.listdir(SCRIPTS)):
        if not n.endswith('.script') or n.startswith('broken-'):
            continue
        text = transcript(kernel, os.path.join(SCRIPTS, n))
        path = os.path.join(outdir, n[:-len('.script')] + '.txt')
        old = open(path).read() if os.path.exists(path) else None
        if old != text:
            with open(path, 'w') as f:
                f.write(text)
    return 0


if __name__ == '__main__':
    sys.exit(main())
