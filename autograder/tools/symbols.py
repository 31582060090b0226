#!/usr/bin/env python3
"""Name where the kernel was when a test crashed or hung, and whose it is.

    symbols.py --mach host|arm --bin IMAGE ADDRESS...   (to try it by hand)

The harness sends "trace <why> <pc> <caller>..." on the result channel
(autograder/harness/trace_host.c, trace_arm.c): code addresses as
offsets in the image.  This module names them with addr2line and the
image's debug information (functions inlined into others included, with
file:line), and tells whose code each function is: a function whose body
holds an exercise of chapter NN (the course's labs/ keeps a
"TODO(chNN)" in each stub, solutions/ a "BEGIN SOLUTION chNN" marker) is
chapter NN's exercise; any other function of the kernel is given code;
the harness and the tests are the grader's.  run.py adds the sentence
that explain() makes to the test's message.

On the board the image has no unwind tables: the harness sends the
faulting pc, then lr and the words of the stack that point just past a
BL instruction, each with the BL's target ("ret:target").  Only a chain
in which each BL calls the function of the frame before it (or one that
jumps to it) is kept; a panic's chain starts at the call of panic().
"""
import argparse
import bisect
import os
import re
import shutil
import struct
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
# Frames that only report the crash: the place is their caller.
REPORTERS = {'__bug', 'panic', 'do_exit', 'die', 'ktest_task_exit',
             'ktest_trace_oops', 'send_trace'}
MARK = re.compile(r'TODO\(ch(\d\d)\)|BEGIN SOLUTION ch(\d\d)')
FRAMES_SHOWN = 12


def tool(mach, name):
    """The binutils program NAME for MACH's images, or None."""
    for prog in (['arm-none-eabi-' + name, name] if mach == 'arm'
                 else [name]):
        if shutil.which(prog):
            return prog
    return None


class Symbols:
    """The names of an image's code addresses."""

    def __init__(self, mach, image):
        self.mach, self.image = mach, image
        self._starts, self._jumps, self._named = None, {}, {}
        self._code = None

    def lookup(self, addrs):
        """{addr: [(function, path, line)...]}, innermost inline first."""
        prog = tool(self.mach, 'addr2line')
        if not prog or not addrs:
            return {}
        try:
            out = subprocess.run(
                [prog, '-a', '-f', '-i', '-e', self.image] +
                ['0x%x' % a for a in addrs], stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL, text=True, timeout=30).stdout
        except (OSError, subprocess.SubprocessError):
            return {}
        found, current, lines = {}, None, out.splitlines()
        i = 0
        while i < len(lines):
            if lines[i].startswith('0x'):
                current = int(lines[i], 16)
                found[current] = []
                i += 1
                continue
            func = lines[i]
            where = lines[i + 1] if i + 1 < len(lines) else '??:0'
            path, _, line = where.rpartition(':')
            line = re.match(r'\d*', line).group(0)
            if current is not None and func != '??':
                found[current].append((func, path, int(line or 0)))
            i += 2
        return found

    def function_start(self, addr):
        """The address of the symbol (function) that holds ADDR, or None."""
        if self._starts is None:
            self._starts = []
            prog = tool(self.mach, 'nm')
            try:
                out = subprocess.run(
                    [prog, '-n', '--defined-only', self.image],
                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                    text=True, timeout=30).stdout if prog else ''
            except (OSError, subprocess.SubprocessError):
                out = ''
            for ln in out.splitlines():
                parts = ln.split()
                if len(parts) == 3 and parts[1] in 'tTwW' and \
                        not parts[2].startswith('$'):
                    self._starts.append(int(parts[0], 16))
                    self._named.setdefault(parts[2], int(parts[0], 16))
        i = bisect.bisect_right(self._starts, addr)
        return self._starts[i - 1] if i else None

    def code_word(self, addr):
        """The 32-bit word of the image's code at ADDR (the board's ELF:
        executable sections only), or None."""
        if self._code is None:
            self._code = []
            try:
                with open(self.image, 'rb') as f:
                    elf = f.read()
                if elf[:4] == b'\x7fELF' and elf[4] == 1 and elf[5] == 1:
                    shoff, = struct.unpack_from('<I', elf, 32)
                    shentsize, shnum = struct.unpack_from('<HH', elf, 46)
                    for i in range(shnum):
                        _, kind, flags, vaddr, off, size = \
                            struct.unpack_from('<IIIIII', elf,
                                               shoff + i * shentsize)
                        if kind == 1 and flags & 4:     # PROGBITS, EXEC
                            self._code.append((vaddr, elf[off:off + size]))
            except (OSError, struct.error):
                pass
        for vaddr, data in self._code:
            if vaddr <= addr and addr + 4 <= vaddr + len(data) and \
                    not addr & 3:
                return struct.unpack_from('<I', data, addr - vaddr)[0]
        return None

    def address_of(self, name):
        """The address of function NAME, or None."""
        self.function_start(0)
        return self._named.get(name)

    def tail_calls(self, start):
        """The functions that the function at START jumps to without a
        return (b, not bl), on the board; a chain may pass through them."""
        if start in self._jumps:
            return self._jumps[start]
        i = bisect.bisect_right(self._starts, start)
        stop = self._starts[i] if i < len(self._starts) else start + 4096
        prog, out = tool(self.mach, 'objdump'), ''
        try:
            if prog:
                out = subprocess.run(
                    [prog, '-d', '--start-address=0x%x' % start,
                     '--stop-address=0x%x' % min(stop, start + 65536),
                     self.image], stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL, text=True, timeout=30).stdout
        except (OSError, subprocess.SubprocessError):
            pass
        self._jumps[start] = {
            int(m.group(1), 16) for m in re.finditer(
                r'\tb(?:eq|ne|cs|cc|mi|pl|vs|vc|hi|ls|ge|lt|gt|le|al)?\t'
                r'([0-9a-f]+) <[^>+]+>$', out, re.M)}
        return self._jumps[start]


def bl_target(ret, insn):
    """The target of the ARM call instruction INSN just before RET: its
    address, 1 for a call through a register, 0 if INSN is no call (the
    harness's call_target(), trace_arm.c)."""
    if insn is None:
        return 0
    if insn & 0x0ffffff0 == 0x012fff30 and insn >> 28 != 0xf:
        return 1
    if insn & 0x0f000000 != 0x0b000000:
        return 0
    off = (insn & 0xffffff) - (1 << 24 if insn & 0x800000 else 0)
    return (ret - 4 + 8 + (off << 2)) & 0xffffffff


def board_trace(symbols, pc, lr, stack):
    """A board's trace words from its registers and the words of its
    stack from sp up, as the harness would send them for an oops."""
    words = ['%x' % pc]
    for w in [lr] + list(stack):
        target = bl_target(w, symbols.code_word(w - 4))
        if target:
            words.append('%x:%x' % (w, target))
    return words


def chain(symbols, why, words):
    """The code addresses of a trace, innermost first, for addr2line.

    The first address of an oops or a hang is the instruction itself;
    the others are return addresses, looked up one byte back (the call).
    """
    if symbols.mach == 'arm' and words:
        if why == 'panic':
            # no registers: the chain starts at the call of panic()
            addrs, current = [], symbols.address_of('panic')
        else:
            pc = int(words[0], 16)
            addrs, current = [pc], symbols.function_start(pc)
            words = words[1:]
        for w in words:
            ret, _, target = w.partition(':')
            if not target or current is None:
                break
            target = int(target, 16)
            if target == current or target > 1 and \
                    current in symbols.tail_calls(target):
                addrs.append(int(ret, 16) - 1)
                current = symbols.function_start(int(ret, 16) - 1)
        return addrs
    addrs = [int(w, 16) for w in words if re.fullmatch(r'[0-9a-f]+', w)]
    exact = 1 if why in ('oops', 'hang') else 0
    return addrs[:exact] + [a - 1 for a in addrs[exact:]]


def tree_file(path):
    """('tree', path relative to its tree) or ('grader', name) or None."""
    norm = path.replace('\\', '/')
    for mark in ('/autograder/harness/', '/autograder/tests/'):
        if mark in norm:
            return 'grader', norm[norm.index(mark) + 1:]
    d = os.path.dirname(os.path.abspath(path))
    while d and d != os.path.dirname(d):
        if all(os.path.isdir(os.path.join(d, x))
               for x in ('mm', 'kernel', 'include/linux')):
            return 'tree', os.path.relpath(os.path.abspath(path), d)
        d = os.path.dirname(d)
    return None


_bodies = {}


def function_body(path, name):
    """The lines of function NAME's definition in PATH, or []."""
    key = (path, name)
    if key in _bodies:
        return _bodies[key]
    try:
        with open(path, errors='replace') as f:
            lines = f.read().split('\n')
    except OSError:
        lines = []
    head = re.compile(r'^[A-Za-z_].*\b%s\s*\(' % re.escape(name))
    body = []
    for i, ln in enumerate(lines):
        if not head.match(ln):
            continue
        j = i
        while j < len(lines) and not lines[j].startswith('{') and \
                not lines[j].rstrip().endswith(';'):
            j += 1
        if j >= len(lines) or not lines[j].startswith('{'):
            continue            # a declaration
        k = j
        while k < len(lines) and not lines[k].startswith('}'):
            k += 1
        body = lines[i:k + 1]
        break
    _bodies[key] = body
    return body


def exercise_chapter(rel, name, repo=REPO):
    """The chapter ('10') whose exercise is in function NAME of REL, or None.

    The course's own copy of the file is read (labs/, else solutions/),
    not the graded tree's: whose exercise a function is does not depend
    on what a submission wrote in it.
    """
    for tree in ('labs', 'solutions'):
        body = function_body(os.path.join(repo, tree, rel), name)
        for ln in body:
            m = MARK.search(ln)
            if m:
                return m.group(1) or m.group(2)
        if body:
            return None
    return None


def frames(symbols, why, words):
    """[(function, 'file:line', owner)] innermost first; owner is a
    chapter ('10'), 'given' (the kernel's given code), 'grader', or
    'outside' for a first frame outside the course's code (the C
    library's memset() called by the kernel, say)."""
    addrs = chain(symbols, why, words)
    names = symbols.lookup(addrs)
    out, outside = [], None
    for a in addrs:
        mine = []
        for func, path, line in names.get(a, []):
            where = tree_file(path)
            if where is None:
                mine = None     # the C library, Check
                break
            kind, rel = where
            owner = 'grader' if kind == 'grader' else \
                exercise_chapter(rel, func) or 'given'
            mine.append((func, '%s:%d' % (rel, line), owner))
        if not mine:
            if out:
                break           # past the course's code: the end
            if outside is None:
                found = names.get(a)
                outside = found[0][0] if found else '??'
            continue
        out += mine
        if len(out) >= FRAMES_SHOWN:
            break
    while len(out) > 1 and out[0][0] in REPORTERS:
        out.pop(0)
    if out and outside is not None:
        out.insert(0, (outside, '', 'outside'))
    return out


def whose(owner, chapter):
    if owner == chapter:
        return 'an exercise of chapter %s (this chapter)' % owner
    if owner < chapter:
        return 'an exercise of chapter %s: grade chapter %s first' % (
            owner, owner)
    return 'an exercise of chapter %s' % owner


def explain(fr, why, chapter, in_boot):
    """One sentence: where it happened and whose code that is.

    FR is frames()'s list, CHAPTER the test's chapter, IN_BOOT whether
    the test's boot stage was running.
    """
    what = 'the boot' if in_boot else 'the test'
    if not fr:
        return None
    verb = {'oops': 'faulted in', 'panic': 'panicked in',
            'hang': 'was still running'}.get(why, 'stopped in')
    if fr[0][2] == 'outside':
        # a library function: the place is the course's code that called it
        lib = fr[0][0]
        func, where, owner = fr[1]
        text = '%s %s %s, called from %s() (%s)' % (
            what, verb, 'the C library (or Check)' if lib == '??' else
            '%s() (the C library\'s, or Check\'s)' % lib, func, where)
        if len(fr) > 2:
            text += ', itself called from %s()' % fr[2][0]
        fr = fr[1:]
    else:
        func, where, owner = fr[0]
        text = '%s %s %s() (%s)' % (what, verb, func, where)
        if len(fr) > 1:
            text += ', called from %s()' % fr[1][0]
    if owner not in ('given', 'grader'):
        return text + ': %s() is %s' % (func, whose(owner, chapter))
    mine = 'given code' if owner == 'given' else \
        'the test\'s own code' if where.startswith('autograder/tests/') \
        else 'the test harness\'s code'
    for f, w, o in fr[1:]:
        if o not in ('given', 'grader'):
            return text + (': %s() is %s; the nearest exercise among its '
                           'callers is %s() (%s), %s' % (
                               func, mine, f, w, whose(o, chapter)))
    if in_boot:
        return text + (': %s() is %s and no exercise called it: the state '
                       'it works on comes from chapter %s\'s boot, which '
                       'runs this chapter\'s exercises and those before '
                       'it' % (func, mine, chapter))
    return text + ': %s() is %s' % (func, mine)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--mach', choices=('host', 'arm'), required=True)
    ap.add_argument('--bin', required=True)
    ap.add_argument('--why', default='oops')
    ap.add_argument('--chapter', default='00')
    ap.add_argument('addr', nargs='+')
    a = ap.parse_args()
    fr = frames(Symbols(a.mach, a.bin), a.why, a.addr)
    for func, where, owner in fr:
        print('%-40s %-36s %s' % (func, where, owner))
    print(explain(fr, a.why, a.chapter, True))
    return 0


if __name__ == '__main__':
    sys.exit(main())
