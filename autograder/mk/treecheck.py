#!/usr/bin/env python3
"""Refuse a tree that reaches into the test harness (run by kernel.mk).

    treecheck.py --tree DIR --harness DIR --tests 'SRC...'
                 --cc 'CC CFLAGS...' --check-headers 'check.h check_stdint.h'
    treecheck.py --tree DIR --harness DIR --archives 'libkernel.a ...'
                 --nm NM --readelf READELF --objdump OBJDUMP --libs 'LIB...'
                 --harness-objs 'OBJ...'

The first form reads test sources for macros (rules 1 and 2; kernel.mk
runs it as each test is compiled), the second the tree's objects
(rules 3 to 7; before the image is linked).

The tests are compiled with the tree's headers, and the image links the
tree's objects with Check and the harness, so a tree could change how
tests judge it.  Seven rules, each a build error that names the culprit:

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
5. No object of the tree may refer to a symbol that the harness or
   Check defines (ktest_event, srunner_run ...): kernel code that calls
   the harness could write its results.  The board's start code may
   call main, the runner's entry point.
6. Nor to a way of finding or reaching them at run time: the dynamic
   linker (dlsym, dlopen, dladdr, dl_iterate_phdr ...), the program's
   own headers (getauxval, _DYNAMIC, __ehdr_start), the C library's
   internal entry points (__libc_*), system calls made by hand
   (syscall), or the file descriptors and command line of the process
   (write, open, fdopen, dprintf, environ, program_invocation_name ...,
   where the result channel and its token live).  The machine code
   (arch/host, arch/arm/mach-vexpress) calls the C library for the
   port: it may use the descriptors and system calls, but of the
   lookups only what the host port needs to name a faulting PC
   (dladdr, dladdr1, __executable_start; MACHINE_MAY).
7. No object of the portable kernel (outside the machine code) may hold
   a trap instruction (svc, bkpt, hlt on the board; syscall, sysenter,
   int on the host): a system call or semihosting call made by hand.

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
# Rule 6: symbols through which code finds or reaches the harness at run
# time.  LOOKUP is refused everywhere (but MACHINE_MAY), REACH outside
# the machine code.
LOOKUP = set('''dlsym dlvsym dlopen dlmopen dladdr dladdr1 dlinfo dlerror
dlclose dl_iterate_phdr getauxval __getauxval _r_debug _DYNAMIC
__ehdr_start __executable_start'''.split())
LOOKUP_PREFIXES = ('_dl_', '__dl_', '__libc_', '_r_debug')
REACH = set('''syscall __syscall __syscall_cp ptrace process_vm_readv
process_vm_writev write writev pwrite pwrite64 pwritev pwritev2 send sendto
sendmsg dprintf vdprintf fdopen fopen fopen64 freopen freopen64 open open64
openat openat64 creat creat64 dup dup2 dup3 fcntl fcntl64 ioctl mmap mmap64
mremap read readv pread pread64 fork vfork clone clone3 execve execv execvp
execl execlp execle system popen posix_spawn posix_spawnp kill tgkill
sigqueue getenv secure_getenv environ __environ _environ
program_invocation_name program_invocation_short_name __progname
__progname_full _swiwrite _swiopen _swilseek _write _write_r _open _open_r
_read _read_r initialise_monitor_handles'''.split())
# The host port names the function a PC lies in (arch/host/machine.c).
MACHINE_MAY = {'arch/host/': {'dladdr', 'dladdr1', '__executable_start'},
               'arch/arm/mach-vexpress/': {'main'}}
# Rule 7: trap instructions, as objdump -d spells them.
TRAPS = re.compile(r'\t(svc|swi|bkpt|hlt|smc|hvc|syscall|sysenter|'
                   r'int|int3|into)\b')
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


def symbol_kinds(nm, paths):
    """{symbol: 'function'|'variable'} of the globals PATHS define."""
    kinds = {}
    if not paths:
        return kinds
    out = subprocess.run([nm, '--defined-only', '-g'] + list(paths),
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                         text=True)
    for ln in out.stdout.splitlines():
        parts = ln.split()
        if len(parts) >= 3:
            kinds.setdefault(parts[-1].split('@')[0],
                             'function' if parts[-2] in 'TtWi'
                             else 'variable')
    return kinds


def undefined_symbols(nm, archives):
    """[(member, symbol)] of the symbols the archives' objects refer to
    but do not define."""
    out = subprocess.run([nm, '-u', '-A'] + list(archives),
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                         text=True)
    refs = []
    for ln in out.stdout.splitlines():
        parts = ln.split()
        if len(parts) >= 3 and parts[-2] in 'Uw':
            # "lib.a:member.o:         U name"
            refs.append((parts[0].rstrip(':'), parts[-1].split('@')[0]))
    return refs


def machine_may(src):
    for d, names in MACHINE_MAY.items():
        if src.startswith(d):
            return names
    return set()


def references(nm, archives, libs, harness_objs, tree):
    """Rules 5 and 6: what the tree's objects call or read."""
    check_libs = [lib for lib in libs
                  if re.search(r'(check|compat)', os.path.basename(lib))]
    theirs = {}
    theirs.update((s, (k, 'Check')) for s, k in
                  symbol_kinds(nm, check_libs).items())
    theirs.update((s, (k, 'the test harness')) for s, k in
                  symbol_kinds(nm, harness_objs).items())
    bad = set()
    for member, sym in undefined_symbols(nm, archives):
        src = source_of(member, tree)
        obj = os.path.splitext(os.path.basename(src))[0] + '.o'
        if sym in machine_may(src):
            continue
        if sym in theirs:
            kind, owner = theirs[sym]
            bad.add('%s: %s references %s, a %s of %s: kernel code may '
                    'not call the harness' % (src, obj, sym, kind, owner))
        elif sym in LOOKUP or sym.startswith(LOOKUP_PREFIXES):
            bad.add('%s: %s references %s, which finds code and data at '
                    'run time (the dynamic linker, the program\'s headers, '
                    'the C library\'s insides): kernel code may not look '
                    'for the harness' % (src, obj, sym))
        elif sym in REACH and not src.startswith(MACHINE_DIRS):
            bad.add('%s: %s references %s, which reaches the process\'s '
                    'files, system calls or command line: only the machine '
                    'code (%s) may, and kernel code may not reach the '
                    'harness\'s result channel' % (
                        src, obj, sym, ', '.join(d.rstrip('/') for d in
                                                 MACHINE_DIRS)))
    return sorted(bad)


def traps(objdump, archives, tree):
    """Rule 7: trap instructions in the portable kernel's objects."""
    bad = set()
    for a in archives:
        out = subprocess.run([objdump, '-d', a], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True,
                             errors='replace')
        member = None
        for ln in out.stdout.splitlines():
            if ln.startswith('In archive '):
                continue
            if ':     file format ' in ln:
                member = ln.split(':     file format ')[0]
            elif member and TRAPS.search(ln):
                src = source_of(member.replace('(', ':').rstrip(')'), tree)
                if src.startswith(MACHINE_DIRS):
                    continue
                ins = ln.split('\t')[-1].strip()
                bad.add('%s: %s holds "%s", a system or semihosting call '
                        'made by hand: only the machine code may make '
                        'them' % (src, os.path.splitext(
                            os.path.basename(src))[0] + '.o', ins))
    return sorted(bad)


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
                '--objdump',
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
        problems += references(a.nm, archives, a.libs.split(),
                               a.harness_objs.split(), tree)
        if a.objdump:
            problems += traps(a.objdump, archives, tree)
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
