#!/usr/bin/env python3
"""Cut the figures printed by the kernel's figure programs out of a run.

    figures.py RESULTS.json OUTDIR

RESULTS.json is what `autograder/tools/run.py --chapter fig --json`
wrote.  Each test of the "fig" suite prints one or more blocks

    -----BEGIN FIGURE <name>-----
    ... Graphviz text ...
    -----END FIGURE-----

and each becomes OUTDIR/<name>.dot.  A figure program whose test did not
pass, a block that is not closed, a name printed twice or a run without
any figure is an error: the book must not show a picture that its own
test does not vouch for.
"""
import json
import os
import re
import sys

BEGIN = re.compile(r'^-----BEGIN FIGURE ([\w.-]+)-----$')
END = '-----END FIGURE-----'


def extract(results):
    figures, errors = {}, []
    for r in results:
        if r['chapter'] != 'fig':
            continue
        if r['status'] != 'pass':
            errors.append('figure program %s did not pass (%s: %s)' % (
                r['test'], r['status'], r['message']))
            continue
        name, lines = None, []
        for line in r['output'].splitlines():
            m = BEGIN.match(line.strip())
            if m:
                if name:
                    errors.append('%s: figure %s is not closed' % (
                        r['test'], name))
                name, lines = m.group(1), []
            elif line.strip() == END and name:
                if name in figures:
                    errors.append('figure %s is printed twice' % name)
                figures[name] = '\n'.join(lines) + '\n'
                name = None
            elif name:
                lines.append(line)
        if name:
            errors.append('%s: figure %s is not closed' % (r['test'], name))
    if not figures and not errors:
        errors.append('the run printed no figure')
    return figures, errors


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip().split('\n')[2], file=sys.stderr)
        return 2
    with open(sys.argv[1]) as f:
        figures, errors = extract(json.load(f))
    for e in errors:
        print('figures: error: %s' % e, file=sys.stderr)
    if errors:
        return 1
    os.makedirs(sys.argv[2], exist_ok=True)
    for name, text in sorted(figures.items()):
        path = os.path.join(sys.argv[2], name + '.dot')
        old = open(path).read() if os.path.exists(path) else None
        if old != text:  # keep the time stamp when nothing changed
            with open(path, 'w') as f:
                f.write(text)
        print('figures: %s (live)' % path)
    return 0


if __name__ == '__main__':
    sys.exit(main())
