#!/usr/bin/env python3
"""Refuse a tree that reaches into the test harness (run by kernel.mk).

    treecheck.py --tree DIR --harness DIR --tests 'SRC...'
                 --cc 'CC CFLAGS...' --check-headers 'check.h check_stdint.h'
    treecheck.py --tree DIR --harness DIR --archives 'libkernel.a ...'
                 --nm NM --readelf READELF --libs 'LIB...'
                 --harness-objs 'OBJ...'

The first form reads test sources for macros (rules 1 and 2; kernel.mk
runs it as each test is compiled), the second the tree's objects
(rules 3 and 4; before the image is linked).

The tests are compiled with the tree's headers, and the image links the
tree's objects with Check and the harness, so a tree could change how
tests judge it.  Four rules, each a build error that names the culprit:

1. No file in the tree may bear the name of a header of Check or of the
   harness (check.h, ktest.h ...): it would shadow the real one.
2. No file outside the harness and Check may #define or #undef a macro
   that they define, a name of theirs (ck_*, ktest*, START_TEST ...) or
   a C keyword: found in each test's preprocessed output (-E -dD), which
   records every definition with the file it came from.
3. No object of the tree may define a global symbol that the harness,
   Check or the C library defines: a definition in the program would
   take the place of theirs.  Machine code (arch/host, arch/arm/
   mach-vexpress) may, as newlib's stubs require.
   Nor may it define a __wrap_ or __real_ symbol: the image is linked
   with --wrap for the boot-time allocator's entry points, so that the
   harness can stand in for them (bootmem_early.c); a tree's __wrap_X
   would take calls meant for the kernel's X.
4. No object of the tree may have constructors (.init_array, .ctors):
   code that runs before the harness has opened its result channel.

Prints nothing and exits 0 when the tree keeps to them.
"""
import argparse
import concurrent.futures
import os
import re
import shlex
import subprocess
import sys

KEYWORDS = set('''auto break case char const continue default do double else
enum extern float for goto if inline int long register restrict return short
signed sizeof static struct switch typedef union unsigned void volatile while
_Bool _Static_assert _Noreturn _Thread_local _Alignas _Alignof'''.split())
PREFIXES = ('ck_', '_ck_', 'CK_', 'ktest', 'KTEST', 'KT_', 'tcase_',
            'srunner_', 'suite_', 'START_TEST', 'END_TEST', 'mark_point',
            'fail_', 'tr_', 'check_')
MACHINE_DIRS = ('arch/host/', 'arch/arm/mach-vexpress/')
CTOR_SECTIONS = ('.init_array', '.preinit_array', '.ctors')
MARKER = re.compile(r'^# (\d+) "(.*)"')
DEFINE = re.compile(r'^#\s*(define|undef)\s+([A-Za-z_]\w*)')


def fail(msg):
    sys.stderr.write('treecheck: %s\n' % msg)
    return 1


def shadow_headers(tree, harness, check_headers):
    names = {n for n in os.listdir(harness) if n.endswith('.h')}
    names.update(os.path.basename(h) for h in check_headers)
    bad = []
    for root, _, files in os.walk(tree):
        for n in files:
            if n in names:
                bad.append(os.path.relpath(os.path.join(root, n), tree))
    return ['%s shadows the harness\'s or Check\'s %s: a tree may not '
            'replace the test harness' % (b, os.path.basename(b))
            for b in sorted(bad)]


def macro_defs(cc, src):
    """[(file, line, 'define'|'undef', name)] of SRC's preprocessing."""
    out = subprocess.run(cc + ['-E', '-dD', src], stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, text=True,
                         errors='replace')
    defs, cur, line = [], src, 0
    for text in out.stdout.splitlines():
        m = MARKER.match(text)
        if m:
            line, cur = int(m.group(1)), m.group(2)
            continue
        d = DEFINE.match(text)
        if d:
            defs.append((cur, line, d.group(1), d.group(2)))
        line += 1
    return defs


def redefinitions(cc, tests, harness, check_headers, tree):
    check_headers = {os.path.abspath(h) for h in check_headers}

    def ours(path):
        p = os.path.abspath(path)
        return p.startswith(harness + os.sep) or p in check_headers

    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        all_defs = list(pool.map(lambda s: macro_defs(cc, s), tests))
    protected = set(KEYWORDS)
    for defs in all_defs:
        protected.update(n for f, _, kind, n in defs
                         if kind == 'define' and ours(f))
    bad = set()
    for defs in all_defs:
        for f, line, kind, n in defs:
            if not os.path.abspath(f).startswith(tree + os.sep):
                continue        # only the tree's files are the student's
            if n in protected or n.startswith(PREFIXES):
                where = os.path.relpath(os.path.abspath(f), tree)
                bad.add('%s:%d: #%s %s: the test harness and Check own '
                        'this name; a tree may not change it' % (
                            where, line, kind, n))
    return sorted(bad)


def defined_symbols(nm, paths, dynamic=False):
    """{symbol: member} of the global symbols defined in PATHS (one nm
    for them all: starting a process is the expensive part)."""
    syms = {}
    if not paths:
        return syms
    cmd = [nm, '--defined-only', '-g', '-A'] + (['-D'] if dynamic
                                                 else []) + list(paths)
    out = subprocess.run(cmd, stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, text=True)
    for ln in out.stdout.splitlines():
        parts = ln.split()
        if len(parts) >= 3:
            # "lib.a:member.o:00001234 T name" (-A puts the address after
            # the member's name)
            syms.setdefault(parts[-1].split('@')[0],
                            parts[0].rsplit(':', 1)[0])
    return syms


def source_of(member, tree):
    """'lib.a:mm__page_alloc.c.o' -> 'mm/page_alloc.c'."""
    name = member.rsplit(':', 1)[-1]
    name = name[:-2] if name.endswith('.o') else name
    path = os.path.abspath(name.replace('__', '/'))
    return os.path.relpath(path, tree) if path.startswith(tree) else path


def interpositions(nm, archives, libs, harness_objs, tree):
    shared = [lib for lib in libs if lib.endswith('.so') or '.so.' in lib]
    theirs = defined_symbols(nm, list(harness_objs) +
                             [lib for lib in libs if lib not in shared])
    theirs.update(defined_symbols(nm, shared, dynamic=True))
    bad = []
    for sym, member in sorted(defined_symbols(nm, archives).items()):
        src = source_of(member, tree)
        if sym.startswith(('__wrap_', '__real_')):
            bad.append('%s defines %s: the image is linked with --wrap, '
                       'and __wrap_ and __real_ names belong to the harness '
                       '(autograder/harness/bootmem_early.c)' % (src, sym))
        elif sym in theirs and not src.startswith(MACHINE_DIRS):
            bad.append('%s defines %s, which %s defines: a tree may not '
                       'replace the harness\'s or the library\'s code' % (
                           src, sym, os.path.basename(theirs[sym].split(
                               ':')[0])))
    return bad


def constructors(readelf, archives, tree):
    bad = []
    for a in archives:
        out = subprocess.run([readelf, '-SW', a], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True)
        member = None
        for ln in out.stdout.splitlines():
            if ln.startswith('File: '):
                member = ln[6:].strip()
            elif any(' %s' % s in ln for s in CTOR_SECTIONS):
                bad.append('%s has constructors (code that runs before '
                           'main): not allowed in the kernel' %
                           source_of(member.replace('(', ':').rstrip(')'),
                                     tree))
    return sorted(set(bad))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    for opt in ('--tree', '--out', '--cc', '--nm', '--readelf', '--libs',
                '--archives', '--tests', '--harness-objs', '--harness',
                '--check-headers'):
        ap.add_argument(opt, default='')
    a = ap.parse_args()
    tree = os.path.abspath(a.tree)
    harness = os.path.abspath(a.harness)
    check_headers = a.check_headers.split()
    archives = a.archives.split()
    problems = []
    if a.tests:
        problems += shadow_headers(tree, harness, check_headers)
        problems += redefinitions(shlex.split(a.cc), a.tests.split(),
                                  harness, check_headers, tree)
    if archives:
        problems += interpositions(a.nm, archives, a.libs.split(),
                                   a.harness_objs.split(), tree)
        problems += constructors(a.readelf, archives, tree)
    for p in problems:
        fail(p)
    if problems:
        sys.stderr.write('treecheck: %d problem(s): this tree reaches into '
                         'the test harness; the image is not built\n' %
                         len(problems))
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
