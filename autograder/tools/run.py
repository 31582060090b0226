#!/usr/bin/env python3
"""Run the kernel's test image on one machine and collect the results.

    run.py --mach host|arm --bin IMAGE [--chapter ID]... [--test NAME]
           [--json OUT] [--log OUT] [--quiet]

The log goes to --log, by default ktest-MACH.log beside --json (or in
the repository's build/).  The work folder (the channel's FIFO, the board's
UART log) is temporary and removed however the run ends.

host: IMAGE is a Linux program; Check forks one process per test and
      enforces each suite's timeout.
arm:  IMAGE is booted in qemu-system-arm -M vexpress-a9 with semihosting.
      The board cannot kill a test, so this script does: if a test gives
      no result within its timeout, or the machine stops in the middle of
      a test, QEMU is killed, the test is recorded as an error, and the
      machine is booted again to resume after it.

Every test yields one record: chapter, test, machine, status (pass, fail
or error), where (file:line), message, seconds, and the output it
printed.  A crash's or a hang's message names the function the kernel
was in, its caller, and whose exercise it is (class Place, symbols.py);
after a test hung in its boot stage, the later tests that boot the same
stage on the same board fail at once with its message.

Verdicts come only from the result channel: a FIFO in the work folder
that the image's runner opens before any kernel code runs, each line
carrying a token made afresh for each boot (autograder/harness/
ktest_main.c).  What the kernel prints goes to the console and is kept
as output; a verdict printed there, however well forged, counts for
nothing.  A pass counts only after the channel's "end" event (sent by the
fixture's teardown, after the test body returned): on the host Check
scores a test process that calls exit(0) early as a pass.  And the
channel is believed only in the order the runner writes it (Sequence):
a line out of that order was written by someone else, and fails the
test it came in and every verdict of the same boot.

Confinement: the image runs under bubblewrap where it works (read-only
file system but the work folder, no network, its own PID namespace),
in a session of its own, with no core files and 8 GiB of address space;
QEMU's sandbox forbids it to start programs.  When a session ends its
process group is killed, and before run.py returns it kills every
process left below it (it is their subreaper), so no process of a run
outlives it.

The work folder (the FIFO, the board's UART log, what semihosting
writes) is removed however run.py ends, but for SIGKILL (grade.py gives
it a TMPDIR of its own for that).  On the board each file there is cut
at FILE_LIMIT and the folder is watched: past WORK_LIMIT or WORK_FILES
the machine is stopped and the test fails, saying why.

Bounds, so that a hostile image cannot stall or swamp a grade:
--time-limit caps the whole run (the tests not finished by then are
errors); a test's record keeps 16 KiB of its output, the log keeps the
first 50 MB of the machine's output and then notes the cut.
"""
import argparse
import ctypes
import json
import os
import re
import resource
import secrets
import selectors
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

TOOLS = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(TOOLS))
sys.path.insert(0, TOOLS)
import symbols  # noqa: E402

RESULT_WORDS = ('pass', 'fail', 'error')
OUTPUT_LIMIT = 16 * 1024  # bytes of a test's output kept in its record
ARM_SLACK = 5.0           # seconds of boot and emulation overhead per test
LOG_LIMIT = 50 * 1024 * 1024  # bytes of machine output kept in the log
LINE_LIMIT = 64 * 1024   # a longer line without a newline is split


QEMU_SANDBOX = 'on,obsolete=deny,elevateprivileges=deny,spawn=deny,' \
    'resourcecontrol=deny'
CHANNEL = 'ktest.chan'   # the result channel's FIFO, in the work folder
MONITOR = 'qemu.mon'     # QEMU's monitor socket, in the work folder
UART_KEEP = 64 * 1024     # bytes of the board's UART copied into the log
AS_LIMIT = 8 << 30       # bytes of address space for the image's process
SEMIHOSTING_CMDLINE = 255  # newlib's rdimon reads argv into a 256-byte buffer
FILE_LIMIT = 16 << 20    # bytes of one file the machine writes (UART log,
                         # semihosting's files): RLIMIT_FSIZE
WORK_LIMIT = 64 << 20    # bytes, and WORK_FILES files, of the work folder
WORK_FILES = 256
WORK_POLL = 0.5          # seconds between two looks at the work folder


def qemu_command(image, args, workdir, monitor=False):
    """The qemu-system-arm command line that boots IMAGE with ARGS.

    With MONITOR, QEMU's monitor listens on a socket in WORKDIR, where
    run.py asks where a board that gives no result is (monitor_sample).

    QEMU's own sandbox forbids it to start programs (semihosting's
    SYS_SYSTEM would otherwise run a shell command for the image).
    """
    line = ' '.join(['ktest'] + list(args))
    if len(line) > SEMIHOSTING_CMDLINE:
        raise RuntimeError(
            'the board\'s command line would be %d bytes (%s); semihosting '
            'passes at most %d, and a cut token makes every result look '
            'forged' % (len(line), line, SEMIHOSTING_CMDLINE))
    # QEMU's option syntax doubles a comma inside a value
    semi = ','.join(['enable=on', 'target=native', 'arg=ktest'] +
                    ['arg=' + a.replace(',', ',,') for a in args])
    return ['qemu-system-arm', '-M', 'vexpress-a9', '-m', '1024',
            '-display', 'none', '-monitor',
            'unix:%s,server=on,wait=off' % os.path.join(workdir, MONITOR)
            if monitor else 'none',
            '-audiodev', 'none,id=snd0', '-global', 'pl041.audiodev=snd0',
            '-serial', 'file:' + os.path.join(workdir, 'uart.log'),
            '-sandbox', QEMU_SANDBOX,
            '-semihosting-config', semi, '-kernel', image]


_bwrap = []


def confinement(workdir, image):
    """The command prefix that confines IMAGE to WORKDIR, or [].

    bubblewrap, where it works: the whole file system read-only but the
    work folder and a /tmp of its own, no network, a PID namespace whose processes all die with
    its first (so nothing outlives a session), and the runner's death
    ends it.  Without it the runner still kills the session's process
    group and sweeps up every descendant (reap_descendants).
    """
    if not _bwrap:
        ok = shutil.which('bwrap') and subprocess.run(
            ['bwrap', '--ro-bind', '/', '/', '--dev', '/dev',
             '--unshare-all', '--die-with-parent', 'true'],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0
        _bwrap.append(bool(ok))
    if not _bwrap[0]:
        return []
    # /tmp of its own; the image's folder (which may lie under /tmp)
    # read-only, the work folder writable
    here = os.path.dirname(image)
    return ['bwrap', '--ro-bind', '/', '/', '--dev', '/dev', '--proc',
            '/proc', '--tmpfs', '/tmp', '--ro-bind', here, here,
            '--bind', workdir, workdir,
            '--unshare-all', '--die-with-parent', '--new-session',
            '--chdir', workdir, '--']


def command(mach, image, args, workdir, confined=True, monitor=False):
    prefix = confinement(workdir, image) if confined else []
    if mach == 'host':
        return prefix + [image] + args
    return prefix + qemu_command(image, args, workdir, monitor)


def limit_resources(mach='host'):
    """In the image's process, before it starts: bounded and alone.

    On the board QEMU writes files (the UART's log, semihosting's): each
    is bounded.  The host image may write none (its sandbox opens no
    file), and its RAM is a memory file larger than any such bound.
    """
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_AS, (AS_LIMIT, AS_LIMIT))
    if mach == 'arm':
        resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_LIMIT, FILE_LIMIT))


def work_overflow(workdir):
    """Why WORK_DIR holds too much (its files' bytes or their number),
    or ''.  What the machine writes there (the board's UART log, files
    made through semihosting) may not fill the disk."""
    size = files = 0
    for root, _, names in os.walk(workdir):
        for n in names:
            files += 1
            try:
                size += os.lstat(os.path.join(root, n)).st_blocks * 512
            except OSError:
                pass
    if files > WORK_FILES:
        return 'the machine made more than %d files in its work folder' % (
            WORK_FILES)
    if size > WORK_LIMIT:
        return 'the machine wrote more than %d MB into its work folder' % (
            WORK_LIMIT >> 20)
    return ''


def clear_work(workdir):
    """Remove what the machine wrote in WORKDIR; the channel and the
    owner stay."""
    for n in os.listdir(workdir):
        if n in (CHANNEL, work_folder.OWNER):
            continue
        p = os.path.join(workdir, n)
        if os.path.isdir(p) and not os.path.islink(p):
            shutil.rmtree(p, ignore_errors=True)
        else:
            try:
                os.remove(p)
            except OSError:
                pass


def exit_on_signals():
    """SIGTERM and SIGHUP end the program as SystemExit does, so that
    its finally clauses run and its temporary folders go."""
    def stop(signum, frame):
        raise SystemExit(128 + signum)
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, stop)


class work_folder:
    """A temporary folder, removed however the run ends: normally, by an
    exception, or by SIGTERM, SIGHUP or SIGINT (turned into SystemExit or
    KeyboardInterrupt while it exists, so that the removal runs).  Only
    SIGKILL leaves it; grade.py runs run.py with a TMPDIR of its own and
    removes that too, and each new folder sweeps away the folders of
    its kind whose run is gone (their OWNER file names a dead process,
    or they have none and are an hour old: a crashed or older run's)."""

    SIGNALS = (signal.SIGTERM, signal.SIGHUP)

    def __init__(self, prefix):
        self.prefix, self.saved = prefix, {}

    @staticmethod
    def _stop(signum, frame):
        raise SystemExit(128 + signum)

    OWNER = 'owner.pid'

    def __enter__(self):
        for sig in self.SIGNALS:
            self.saved[sig] = signal.signal(sig, self._stop)
        self._sweep()
        self.path = tempfile.mkdtemp(prefix=self.prefix)
        with open(os.path.join(self.path, self.OWNER), 'w') as f:
            f.write('%d\n' % os.getpid())
        return self.path

    def _sweep(self):
        """Remove the left-overs of runs that are gone."""
        top = tempfile.gettempdir()
        for name in os.listdir(top):
            path = os.path.join(top, name)
            if not name.startswith(self.prefix) or not os.path.isdir(path):
                continue
            try:
                with open(os.path.join(path, self.OWNER)) as f:
                    alive = os.path.exists('/proc/%d' % int(f.read()))
            except (OSError, ValueError):
                try:
                    alive = time.time() - os.path.getmtime(path) < 3600
                except OSError:
                    continue
            if not alive:
                shutil.rmtree(path, ignore_errors=True)

    def __exit__(self, *exc):
        shutil.rmtree(self.path, ignore_errors=True)
        for sig, old in self.saved.items():
            signal.signal(sig, old)
        return False


def set_subreaper():
    """Orphans of our descendants become our children, not init's."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(36, 1, 0, 0, 0)      # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        pass


def reap_descendants():
    """Kill and reap every process left below this one.

    With set_subreaper(), a process that detached itself (double fork,
    setsid) is still our child once its parent is gone; so kill our
    children until none is left.  Returns how many were killed.
    """
    me, killed = os.getpid(), 0
    for _ in range(100):
        kids = []
        for pid in os.listdir('/proc'):
            if not pid.isdigit():
                continue
            try:
                with open('/proc/%s/stat' % pid) as f:
                    stat = f.read()
            except OSError:
                continue
            fields = stat[stat.rindex(')') + 2:].split()
            if int(fields[1]) == me:
                kids.append(int(pid))
                # a zombie (bwrap's inner process, handed to us) is only
                # reaped; anything else was still running
                killed += fields[0] != 'Z'

        if not kids:
            break
        for pid in kids:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        for pid in kids:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass
    return killed


WHERE = {}  # (chapter, test) -> 'file:line' of the test, from --list


def list_tests(mach, image, selection, workdir):
    """[(chapter, test, timeout, title)] in the order the image runs them.

    Each test's source location goes to WHERE, for the records of tests
    that never report (a hang points at the test, not at the harness).
    """
    out = subprocess.run(command(mach, image, ['--list'] + selection, workdir),
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         timeout=60, cwd=workdir, text=True, errors='replace',
                         preexec_fn=lambda: limit_resources(mach),
                         start_new_session=True)
    tests = []
    for line in out.stdout.splitlines():
        parts = line.split(' ', 4)
        if len(parts) == 5:
            tests.append((parts[0], parts[1], float(parts[2]), parts[4]))
            WHERE[(parts[0], parts[1])] = parts[3]
    if out.returncode != 0 or not tests and out.stderr.strip():
        raise RuntimeError('cannot list the tests of %s: %s' %
                           (image, out.stderr.strip()[-2000:]))
    if not tests and selection:
        raise RuntimeError('%s has no test that matches %s (an image '
                           'built before its tests?)' % (
                               image, ' '.join(selection)))
    return tests


class CappedLog:
    """A log file that keeps the first LOG_LIMIT bytes, then notes the cut."""

    def __init__(self, f, limit=LOG_LIMIT):
        self.f, self.limit, self.written, self.cut = f, limit, 0, 0

    def write(self, text):
        room = self.limit - self.written
        if room > 0:
            self.f.write(text[:room])
            self.written += min(room, len(text))
            text = text[room:]
        if text and not self.cut:
            self.f.write('\n[run.py: the log is cut at %d MB; the test '
                         'records keep the end of each test\'s output]\n' %
                         (self.limit >> 20))
        self.cut += len(text)


class Output:
    """A test's output: the first and the last OUTPUT_LIMIT/2 bytes."""

    def __init__(self):
        self.head, self.tail, self.size = [], [], 0
        self.head_size = self.tail_size = 0

    def append(self, line):
        self.size += len(line)
        if self.head_size < OUTPUT_LIMIT // 2:
            self.head.append(line)
            self.head_size += len(line)
            return
        self.tail.append(line)
        self.tail_size += len(line)
        while self.tail_size > OUTPUT_LIMIT // 2 and len(self.tail) > 1:
            self.tail_size -= len(self.tail.pop(0))

    def __iter__(self):
        return iter(self.head + self.tail)

    def text(self):
        kept = self.head_size + self.tail_size
        if self.size == kept:
            return ''.join(self.head + self.tail)
        return ''.join(self.head) + \
            '\n[... %d bytes cut; the full log has them ...]\n' % (
                self.size - kept) + ''.join(self.tail)


class Session:
    """One boot of the image: its console, its result channel, its time.

    events() yields ('console', line) for what the machine printed,
    ('event', words) for each line on the result channel that carries
    this run's token, and finally None when the deadline passed or the
    machine stopped.  Before an event, the console is drained: what a
    test printed always comes before its verdict (on the host the test
    process has exited before the runner writes the verdict; QEMU writes
    both streams in the guest's order).
    """

    def __init__(self, mach, image, args, workdir, log, token):
        chan = os.path.join(workdir, CHANNEL)
        if not os.path.exists(chan):
            os.mkfifo(chan, 0o600)
        # Read and write, so that the FIFO never reports end-of-file
        # while no writer has opened it yet.
        self.chan = os.open(chan, os.O_RDWR | os.O_NONBLOCK)
        path = chan if mach == 'host' else CHANNEL
        self.proc = subprocess.Popen(
            command(mach, image, args + ['--channel', path, '--token', token],
                    workdir, monitor=True),
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=workdir,
            preexec_fn=lambda: limit_resources(mach),
            start_new_session=True)
        self.log, self.token, self.workdir = log, token, workdir
        self.forged, self.overflow, self.looked = 0, '', time.time()
        self.sel = selectors.DefaultSelector()
        self.out = self.proc.stdout.fileno()
        os.set_blocking(self.out, False)
        self.sel.register(self.out, selectors.EVENT_READ)
        self.sel.register(self.chan, selectors.EVENT_READ)
        self.buf, self.cbuf, self.closed = b'', b'', False

    def _console(self):
        """Console lines read now (without waiting)."""
        lines = []
        while not self.closed:
            try:
                chunk = os.read(self.out, 65536)
            except BlockingIOError:
                break
            if not chunk:
                self.closed = True
                if self.buf:
                    lines.append(self.buf)
                    self.buf = b''
                break
            self.log.write(chunk.decode('utf-8', 'replace'))
            self.buf += chunk
            while b'\n' in self.buf:
                line, self.buf = self.buf.split(b'\n', 1)
                lines.append(line)
            while len(self.buf) > LINE_LIMIT:
                lines.append(self.buf[:LINE_LIMIT])
                self.buf = self.buf[LINE_LIMIT:]
        return [ln.decode('utf-8', 'replace') for ln in lines]

    def _channel(self):
        """Result-channel lines read now; forgeries are counted, not used."""
        words = []
        while True:
            try:
                chunk = os.read(self.chan, 65536)
            except BlockingIOError:
                break
            if not chunk:
                break
            self.cbuf += chunk
        while b'\n' in self.cbuf:
            line, self.cbuf = self.cbuf.split(b'\n', 1)
            text = line.decode('utf-8', 'replace')
            head = 'KTEST %s ' % self.token
            if text.startswith(head):
                words.append(text[len(head):])
            else:
                self.forged += 1
        if len(self.cbuf) > LINE_LIMIT:
            self.cbuf, self.forged = b'', self.forged + 1
        return words

    def events(self, deadline_of):
        while True:
            deadline = deadline_of()
            wait = None if deadline is None else max(0, deadline - time.time())
            if self.closed:
                # The console is closed: the machine is stopping.
                try:
                    self.proc.wait(timeout=min(wait or 2, 2))
                except subprocess.TimeoutExpired:
                    pass
                for ln in self._console():
                    yield ('console', ln)
                for w in self._channel():
                    yield ('event', w)
                if self.proc.poll() is not None or (
                        deadline is not None and time.time() >= deadline):
                    yield None
                    return
                continue
            ready = self.sel.select(WORK_POLL if wait is None else
                                    min(wait, WORK_POLL))
            if time.time() >= self.looked + WORK_POLL:
                self.looked = time.time()
                self.overflow = work_overflow(self.workdir)
                if self.overflow:
                    yield None
                    return
            if not ready:
                if wait is not None and time.time() >= deadline:
                    yield None
                    return
                continue
            for ln in self._console():
                yield ('console', ln)
            for w in self._channel():
                for ln in self._console():
                    yield ('console', ln)
                yield ('event', w)

    def stop(self):
        """Kill the machine and everything it started; its exit status."""
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.proc.wait()
        self.sel.close()
        os.close(self.chan)
        self.proc.stdout.close()
        self._uart()
        return self.proc.returncode

    def _uart(self):
        """What the board's PL011 sent (QEMU's -serial file), into the
        log: a driver's writes to its registers (chapter 27).  The host
        port's model prints on the console itself."""
        path = os.path.join(self.workdir, 'uart.log')
        try:
            with open(path, errors='replace') as f:
                text = f.read(UART_KEEP)
            os.remove(path)
        except OSError:
            return
        if text:
            self.log.write("[run.py: the board's UART (PL011) received:]\n"
                           + text + ('' if text.endswith('\n') else '\n'))


def record(chapter, test, mach, status, where, message, output,
           seconds=0.0):
    if isinstance(output, Output):
        output = [output.text()]
    text = ''.join(output)
    if len(text) > OUTPUT_LIMIT:
        cut = len(text) - OUTPUT_LIMIT
        text = text[:OUTPUT_LIMIT // 2] + \
            '\n[... %d bytes cut; the full log has them ...]\n' % cut + \
            text[-OUTPUT_LIMIT // 2:]
    return {'chapter': chapter, 'test': test, 'machine': mach,
            'status': status, 'where': where, 'message': message,
            'output': text, 'seconds': round(seconds, 3)}


def parse_result(words):
    """'fail 04 name file:12: msg' -> (status, ch, name, where, msg)."""
    parts = words.split(' ', 4)
    if len(parts) < 4 or parts[0] not in RESULT_WORDS:
        return None
    where = parts[3].rstrip(':')
    message = parts[4] if len(parts) > 4 else ''
    return parts[0], parts[1], parts[2], where, message


class Sequence:
    """The order in which one boot's runner may report, and nothing else.

    The runner (autograder/harness/ktest_main.c) starts the listed tests
    in order from FIRST, the index run.py asked it to skip to.  For each:
    "begin <ch> <test>", any number of "doing ...", at most one
    "end <ch>" (the teardown, once the body returned; a failed or crashed
    test may have none), then one verdict naming the same test; "done"
    after the last.  A crash on the board is caught in the test (longjmp)
    and ends in its verdict; a hung test is cut by run.py and the board
    booted again from the next test, a new Sequence.  Nothing the runner
    writes leaves that order, so a line that does was written by someone
    else: kernel code reaching the channel.

    feed() takes one event and returns one of
      ('begin', i), ('end', i), ('doing', i, what), ('done',),
      ('verdict', i, (status, ch, test, where, message)), ('ignore',)
      ('broken', i, why): out of sequence; i is the test it happened in
        (or the next one the runner would start; None past the last).
    """

    def __init__(self, tests, first=0):
        self.tests, self.next, self.current = tests, first, None
        self.ended, self.done = False, False
        self.judged = {}        # (ch, test) -> index, judged in this boot

    def _name(self, i):
        return '%s %s' % tuple(self.tests[i][:2])

    def _broken(self, why):
        at = self.current if self.current is not None else (
            self.next if self.next < len(self.tests) else None)
        return ('broken', at, why)

    def feed(self, text):
        word, _, rest = text.partition(' ')
        if word == 'doing':
            return ('doing', self.current, rest) if self.current is not None \
                else ('ignore',)
        if word not in ('begin', 'end', 'done') and not parse_result(text):
            return ('ignore',)
        if self.done:
            return self._broken('"%s" after the runner\'s "done"' % text)
        if word == 'begin':
            if self.current is not None:
                return self._broken('a second begin ("%s") while test %s '
                                    'was running' % (
                                        text, self._name(self.current)))
            if self.next >= len(self.tests):
                return self._broken('"%s" after the last test' % text)
            if rest.split(' ') != list(self.tests[self.next][:2]):
                return self._broken('"%s" where the runner starts %s' % (
                    text, self._name(self.next)))
            self.current, self.ended = self.next, False
            return ('begin', self.current)
        if word == 'end':
            if self.current is None:
                return self._broken('"%s" outside any test (after its '
                                    'verdict, or before its begin)' % text)
            if self.ended:
                return self._broken('a second "end" in test %s' %
                                    self._name(self.current))
            if rest != self.tests[self.current][0]:
                return self._broken('"%s" in test %s' % (
                    text, self._name(self.current)))
            self.ended = True
            return ('end', self.current)
        if word == 'done':
            if self.current is not None:
                return self._broken('"done" while test %s was running' %
                                    self._name(self.current))
            self.done = True
            return ('done',)
        verdict = parse_result(text)
        named = '%s %s' % verdict[1:3]
        if self.current is None:
            if verdict[1:3] in self.judged:
                return self._broken('a second verdict for %s ("%s")' % (
                    named, text[:200]))
            return self._broken('a verdict for %s outside any test ("%s")'
                                % (named, text[:200]))
        if tuple(verdict[1:3]) != tuple(self.tests[self.current][:2]):
            return self._broken('a verdict for %s in test %s ("%s")' % (
                named, self._name(self.current), text[:200]))
        i, self.current = self.current, None
        self.judged[tuple(verdict[1:3])] = i
        self.next = i + 1
        return ('verdict', i, verdict)


OUT_OF_SEQUENCE = ('the result channel was written out of the runner\'s '
                   'order: %s.  Only the test runner writes there; kernel '
                   'code that does forges results')


def hang_message(timeout, doing=''):
    if doing:
        return 'no result within %gs while %s' % (timeout, doing)
    return ('no result within %gs: the test hangs (an endless loop, or '
            'waiting for something that never happens)' % timeout)


def monitor_sample(workdir, syms):
    """Where the board is now, through QEMU's monitor: its pc, lr and the
    call-checked words of its stack, as a trace's words, or None."""
    path = os.path.join(workdir, MONITOR)
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(2)
            sock.connect(path)

            def ask(cmd):
                buf = b''
                if cmd:
                    sock.sendall(cmd.encode() + b'\n')
                while not buf.endswith(b'(qemu) '):
                    chunk = sock.recv(65536)
                    if not chunk:
                        break
                    buf += chunk
                return buf.decode('utf-8', 'replace')
            ask('')             # the banner
            regs = dict(re.findall(r'R(\d\d)=([0-9a-f]{8})',
                                   ask('info registers')))
            pc, lr, sp = (int(regs[r], 16) for r in ('15', '14', '13'))
            stack = []
            for ln in ask('x /1024wx 0x%x' % (sp & ~3)).splitlines():
                if re.match(r'^[0-9a-f]+:', ln):
                    stack += [int(w, 16) for w in
                              re.findall(r'0x([0-9a-f]{8})', ln)]
            return symbols.board_trace(syms, pc, lr, stack)
    except (OSError, KeyError, ValueError):
        return None


class Place:
    """Where the current test is, from the result channel, and what the
    grader says about it.

    The harness sends "boot <stage> <board>" before a test's boot stage
    and "booted" after it, and "trace <why> <address>..." when an oops or
    a panic ends the test or shortly before its timeout
    (autograder/harness/trace_*.c).  A crash's or a hang's message then
    names the function, its caller and whose exercise it is
    (symbols.py).  A boot stage that hung is remembered: every later test
    of the run that boots the same stage on the same board fails at once
    with the first one's message, instead of waiting out its own timeout
    (the boot does the same thing every time).  A test whose body hangs
    costs only its own timeout.
    """

    def __init__(self, mach, image):
        self.mach = mach
        self.symbols = symbols.Symbols(mach, image)
        self.hung = {}          # "<stage> <board>" -> (test, message)
        self.said = {}          # a trace -> its sentence
        self.begin()

    def begin(self):
        self.boot, self.booted, self.traces = None, False, {}

    def event(self, word, text):
        """Take a boot, booted or trace event; False for any other."""
        if word == 'boot':
            self.boot = text[len('boot '):]
        elif word == 'booted':
            self.booted = True
        elif word == 'trace' and len(text.split()) > 2:
            why = text.split()[1]
            self.traces[why] = text.split()[2:]
        else:
            return False
        return True

    def in_boot(self):
        return self.boot is not None and not self.booted

    def hung_before(self):
        """The (test, message) of an earlier hang in this boot, or None."""
        return self.hung.get(self.boot) if self.in_boot() else None

    def sentence(self, why, chapter, output=None):
        """The sentence of the trace WHY, or None; its whole chain goes
        to OUTPUT (the test's output, kept in its record)."""
        words = self.traces.get(why)
        if not words:
            return None
        # the tests of a chapter often crash alike: name a place once
        key = (why, tuple(words), chapter, self.in_boot())
        if key not in self.said:
            fr = symbols.frames(self.symbols, why, words)
            self.said[key] = (symbols.explain(fr, why, chapter,
                                              self.in_boot()), fr)
        said, fr = self.said[key]
        if fr and isinstance(output, Output):
            output.append('[run.py: where the kernel was, innermost first]\n')
            for func, where, owner in fr:
                output.append(
                    '  (the C library, or Check)\n' if owner == 'outside'
                    else '  %s() %s%s\n' % (
                        func, where, ': chapter %s\'s exercise' % owner
                        if owner not in ('given', 'grader') else ''))
        return said

    def crashed(self, msg, chapter, output=None):
        """MSG of a failed test, with where the oops or panic was."""
        said = self.sentence('oops', chapter, output) or \
            self.sentence('panic', chapter, output)
        if said:
            return '%s; %s' % (msg, said)
        if self.in_boot() and 'while booting' in msg:
            return ('%s; where is not known: chapter %s\'s boot runs this '
                    'chapter\'s exercises and those of the chapters before '
                    'it' % (msg, chapter))
        return msg

    def sample(self, workdir):
        """Where the board is now (it gives no result): QEMU's monitor.
        On the host the test process samples itself before its timeout."""
        if self.mach == 'arm':
            words = monitor_sample(workdir, self.symbols)
            if words:
                self.traces['hang'] = words

    def hang(self, msg, chapter, test, output=None):
        """MSG of a hung test, with where it was; a hung boot is kept."""
        said = self.sentence('hang', chapter, output)
        if said:
            msg = '%s; %s' % (msg, said)
        if self.in_boot():
            self.hung[self.boot] = (test, msg)
        return msg

    def skipped(self):
        """The message of a test whose boot hung before: not waited for."""
        test, msg = self.hung_before()
        return ('its boot stage hung in %s on the same board; not run '
                'again: %s' % (test, msg))


def run_all(mach, image, selection, workdir, log, progress,
            time_limit=None):
    """Run the selected tests, restarting the machine past a hung test.

    Returns one record per listed test.  With TIME_LIMIT (seconds), the
    run stops then and every test without a result is an error.  Only
    the result channel decides a verdict; the console is the output.
    """
    if not isinstance(log, CappedLog):
        log = CappedLog(log)
    tests = list_tests(mach, image, selection, workdir)
    results, index = [], 0
    end = None if time_limit is None else time.time() + time_limit
    slack = ARM_SLACK if mach == 'arm' else 2.0

    def bounded(deadline):
        if end is None:
            return deadline
        return end if deadline is None else min(deadline, end)

    current, output, forged = None, Output(), 0
    place = Place(mach, image)
    while index < len(tests):
        if end is not None and time.time() >= end:
            break
        args = selection + ['--skip', str(index)]
        # A token of its own for each boot: what a machine killed a moment
        # ago still writes cannot count in the next one's sequence.
        session = Session(mach, image, args, workdir, log,
                          secrets.token_hex(16))
        seq, here, broken = Sequence(tests, index), [], None
        current, output, deadline = None, Output(), [None]
        ended, ev, started = False, None, time.time()
        doing, skipped = '', False
        # The first test must begin within the boot slack.
        deadline[0] = time.time() + slack + 10
        for ev in session.events(lambda: bounded(deadline[0])):
            if ev is None:
                break
            kind, text = ev
            if kind == 'console':
                if current is not None:
                    output.append(text + '\n')
                continue
            step = seq.feed(text)
            if step[0] == 'begin':
                current, output, ended = index, Output(), False
                doing = ''
                place.begin()
                started = time.time()
                deadline[0] = started + tests[index][2] + slack
            elif step[0] == 'ignore' and current is not None and \
                    place.event(text.partition(' ')[0], text):
                if place.hung_before():
                    # the same boot hung before: do not wait for it again
                    ch, name = tests[index][:2]
                    results.append(record(ch, name, mach, 'error',
                                          WHERE.get((ch, name), ''),
                                          place.skipped(), output,
                                          time.time() - started))
                    progress(results[-1])
                    index, current, skipped = index + 1, None, True
                    break
            elif step[0] == 'end':
                ended = True
            elif step[0] == 'doing':
                doing = step[2]
            elif step[0] == 'done':
                deadline[0] = time.time() + slack
            elif step[0] == 'verdict':
                status, ch, name, where, msg = step[2]
                if status == 'pass' and not ended:
                    status, msg = 'error', (
                        'the test process ended before the test finished '
                        '(exit status 0: a call to exit()?); Check counts '
                        'that as a pass, the grader does not')
                if msg == 'Test timeout expired':
                    where = WHERE.get((ch, name), '')
                    msg = place.hang(hang_message(tests[index][2], doing),
                                     ch, name, output)
                elif status != 'pass':
                    msg = place.crashed(msg, ch, output)
                results.append(record(ch, name, mach, status, where, msg,
                                      output, time.time() - started))
                here.append(len(results) - 1)
                progress(results[-1])
                index, current = index + 1, None
                deadline[0] = time.time() + slack + 10
            elif step[0] == 'broken':
                broken = step
                break
        if broken:
            # Nothing this boot reported can be believed: the test it
            # happened in fails, and so do the verdicts before it.
            session.stop()
            forged += session.forged
            why = OUT_OF_SEQUENCE % broken[2]
            for i in here:
                results[i].update(status='fail', message=(
                    'its verdict is not believed: later in the same boot, '
                    + why))
                progress(results[i])
            if broken[1] is None:
                index = len(tests)
                continue
            ch, name = tests[broken[1]][:2]
            results.append(record(ch, name, mach, 'fail',
                                  WHERE.get((ch, name), ''), why,
                                  output if current is not None else [],
                                  time.time() - started))
            progress(results[-1])
            index, current = broken[1] + 1, None
            continue
        if current is not None and session.proc.poll() is None:
            place.sample(workdir)   # where the board hangs, before the kill
        status = session.stop()
        forged += session.forged
        if skipped:
            continue
        if index >= len(tests):
            break
        ch, name, timeout, _ = tests[index]
        if end is not None and time.time() >= end:
            break
        if current is None:
            # The machine stopped or hung between tests: blame the next.
            output = []
        why = (hang_message(timeout, doing if current is not None else '')
               if session.proc.returncode in
               (-signal.SIGKILL, None) or ev is None and
               time.time() >= (deadline[0] or 0) else
               'the machine stopped during this test (exit status %s)' %
               status)
        if session.overflow or status in (-signal.SIGXFSZ,
                                          128 + signal.SIGXFSZ):
            why = '%s (a flood on the UART, or files written through ' \
                'semihosting): the machine was stopped' % (
                    session.overflow or 'the machine wrote a file larger '
                    'than %d MB into its work folder' % (FILE_LIMIT >> 20))
            clear_work(workdir)
        if current is not None and why.startswith('no result'):
            why = place.hang(why, ch, name, output)
        results.append(record(ch, name, mach, 'error',
                              WHERE.get((ch, name), ''), why, output,
                              time.time() - started))
        progress(results[-1])
        index += 1
    for ch, name, _, _ in tests[index:]:
        # Only a time limit leaves tests without a result.
        why = 'the run reached its time limit of %gs %s this test' % (
            time_limit, 'during' if current is not None else 'before')
        results.append(record(ch, name, mach, 'error', '', why,
                              output if current is not None else []))
        progress(results[-1])
        current = None
    if forged:
        log.write('\n[run.py: %d line(s) on the result channel without their '
                  'boot\'s token were ignored]\n' % forged)
    return results


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--mach', choices=('host', 'arm'), required=True)
    ap.add_argument('--bin', required=True)
    ap.add_argument('--chapter', action='append', default=[])
    ap.add_argument('--test')
    ap.add_argument('--json')
    ap.add_argument('--log')
    ap.add_argument('--quiet', action='store_true')
    ap.add_argument('--time-limit', type=float,
                    help='seconds for the whole run (default: no limit)')
    ap.add_argument('--test-timeout', type=float,
                    help="seconds per test for suites without their own")
    a = ap.parse_args()
    selection = []
    if a.chapter:
        # one word: the board's semihosting command line is short
        selection += ['--chapter', ','.join(a.chapter)]
    if a.test:
        selection += ['--test', a.test]
    if a.test_timeout:
        selection += ['--timeout', '%g' % a.test_timeout]
    image = os.path.abspath(a.bin)
    logpath = a.log or os.path.join(
        os.path.dirname(os.path.abspath(a.json)) if a.json else
        os.path.join(REPO, 'build'),
        'ktest-%s.log' % a.mach)
    os.makedirs(os.path.dirname(os.path.abspath(logpath)), exist_ok=True)

    def progress(r):
        if not a.quiet:
            print('  %-5s %-4s %-5s %s %s' % (
                r['status'].upper(), r['machine'], r['chapter'], r['test'],
                '' if r['status'] == 'pass' else '-- ' + r['message']),
                flush=True)

    set_subreaper()
    with work_folder('ktest-%s-' % a.mach) as workdir:
        try:
            with open(logpath, 'w') as log:
                results = run_all(a.mach, image, selection, workdir, log,
                                  progress, a.time_limit)
        finally:
            reap_descendants()
    if a.json:
        with open(a.json, 'w') as f:
            json.dump(results, f, indent=1)
    passed = sum(r['status'] == 'pass' for r in results)
    print('%s: %d passed, %d failed (log: %s)' % (
        a.mach, passed, len(results) - passed, logpath))
    return 0 if passed == len(results) else 1


if __name__ == '__main__':
    sys.exit(main())
