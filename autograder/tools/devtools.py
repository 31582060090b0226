#!/usr/bin/env python3
"""Students' debugging tools: a debugger on the board, and test coverage.

    devtools.py qemu-gdb --ch N [--test NAME] [--tree DIR] [--port P]
                         [--print-only]
    devtools.py coverage [--tree DIR] [--ch N]

qemu-gdb builds the tree for the board, writes a .gdbinit next to the
image (the image's symbols, `target remote`, a breakpoint on the test's
function, or on every test of the chapter) and starts QEMU halted at its
first instruction, waiting for gdb on a TCP port derived from your user
id (so that two users of one machine do not collide).  Attach with

    gdb-multiarch -x build/grade/<tree>/arm/.gdbinit

On the host no QEMU is needed; run the test in the foreground process:

    CK_FORK=no gdb --args build/grade/<tree>/host/ktest --chapter N \\
        --test NAME

coverage builds the host image with gcc --coverage into build/coverage/,
runs the chapter suites (every chapter, or --ch N) and writes gcovr's
HTML report of the tree's own files (build/coverage/index.html) and a
summary (build/coverage/summary.txt).
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

TOOLS = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(TOOLS))
sys.path.insert(0, TOOLS)
import grade  # noqa: E402
import run  # noqa: E402


def gdb_port():
    """A TCP port for this user: 20000 + uid mod 10000."""
    return 20000 + os.getuid() % 10000


def build_or_die(tree, outdir, machs, extra=()):
    built = grade.build(tree, outdir, machs, extra)
    for m, (ok, text) in built.items():
        if not ok:
            print('%s does not compile for %s:\n%s' % (
                grade.rel(tree), m, grade.first_errors(text)))
            raise SystemExit(1)


def cmd_qemu_gdb(a):
    tree = os.path.abspath(a.tree)
    outdir = os.path.join(REPO, 'build', 'grade', os.path.basename(tree))
    build_or_die(tree, outdir, ('arm',))
    image = os.path.join(outdir, 'arm', 'ktest.elf')
    ch = a.ch.zfill(2) if a.ch.isdigit() else a.ch
    sel = ['--chapter', ch] + (['--test', a.test] if a.test else [])
    tests = [t[1] for t in grade.list_image('arm', image) if t[0] == ch and
             (not a.test or t[1] == a.test)]
    if not tests:
        print('qemu-gdb: the image has no test %s in chapter %s' % (
            a.test or '', ch))
        return 1
    port = a.port or gdb_port()
    gdbinit = os.path.join(outdir, 'arm', '.gdbinit')
    with open(gdbinit, 'w') as f:
        f.write('# Written by `make qemu-gdb`: attach with\n'
                '#   gdb-multiarch -x %s\n' % grade.rel(gdbinit))
        f.write('set architecture arm\nfile %s\ntarget remote :%d\n' % (
            image, port))
        # START_TEST(name) defines the function name_fn.
        for t in tests:
            f.write('break %s_fn\n' % t)
        f.write('echo \\nQEMU is halted at reset; `continue` runs to the '
                'test.\\n\n')
    workdir = tempfile.mkdtemp(prefix='qemu-gdb-')
    cmd = run.qemu_command(image, sel, workdir) + ['-S', '-gdb',
                                                   'tcp::%d' % port]
    print('qemu-gdb: QEMU waits for gdb on port %d (20000 + your uid %% '
          '10000); in another terminal:\n\n    gdb-multiarch -x %s\n\n'
          'Breakpoints: %s.  Quit gdb with `kill` then `quit`, or stop '
          'QEMU here with Ctrl-C.\nOn the host, without QEMU:\n\n'
          '    CK_FORK=no gdb --args %s --chapter %s%s\n' % (
              port, grade.rel(gdbinit),
              ', '.join(t + '_fn' for t in tests),
              grade.rel(os.path.join(outdir, 'host', 'ktest')), ch,
              ' --test ' + a.test if a.test else ''), flush=True)
    if a.print_only:
        print(' '.join(cmd))
        return 0
    try:
        return subprocess.call(cmd, cwd=workdir)
    except KeyboardInterrupt:
        return 0
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def cmd_coverage(a):
    tree = os.path.abspath(a.tree)
    out = os.path.join(REPO, 'build', 'coverage')
    if os.path.isdir(os.path.join(out, 'host')):
        shutil.rmtree(os.path.join(out, 'host'))
    build_or_die(tree, out, ('host',), ['EXTRA_CFLAGS=--coverage',
                                        'EXTRA_LDFLAGS=--coverage'])
    image = os.path.join(out, 'host', 'ktest')
    cmd = [sys.executable, os.path.join(TOOLS, 'run.py'), '--mach', 'host',
           '--bin', image, '--quiet', '--log',
           os.path.join(out, 'ktest.log')]
    if a.ch:
        cmd += ['--chapter', a.ch.zfill(2) if a.ch.isdigit() else a.ch]
    subprocess.call(cmd)
    rel_tree = os.path.relpath(tree, REPO)
    gcovr = ['gcovr', '--root', REPO, '--object-directory',
             os.path.join(out, 'host', 'obj'),
             '--filter', os.path.join(REPO, rel_tree, ''),
             '--exclude', os.path.join(REPO, rel_tree, 'arch', 'host', ''),
             '--html-details', os.path.join(out, 'index.html'),
             '--txt', os.path.join(out, 'summary.txt'), '--print-summary']
    r = subprocess.run(gcovr, cwd=REPO, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    print(r.stdout.strip()[-3000:])
    if r.returncode:
        return r.returncode
    print('coverage: %s (per line), %s (per file)' % (
        grade.rel(os.path.join(out, 'index.html')),
        grade.rel(os.path.join(out, 'summary.txt'))))
    return 0


def main(argv=None):
    ap = argparse.ArgumentParser(
        description=__doc__.split('\n')[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split('\n', 2)[2])
    sub = ap.add_subparsers(dest='cmd', required=True)
    p = sub.add_parser('qemu-gdb')
    p.add_argument('--ch', required=True)
    p.add_argument('--test')
    p.add_argument('--tree', default=os.path.join(REPO, 'labs'))
    p.add_argument('--port', type=int)
    p.add_argument('--print-only', action='store_true',
                   help='write .gdbinit, print the QEMU command, exit')
    p = sub.add_parser('coverage')
    p.add_argument('--tree', default=os.path.join(REPO, 'labs'))
    p.add_argument('--ch')
    a = ap.parse_args(argv)
    return {'qemu-gdb': cmd_qemu_gdb, 'coverage': cmd_coverage}[a.cmd](a)


if __name__ == '__main__':
    sys.exit(main())
