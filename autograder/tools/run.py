#!/usr/bin/env python3
"""Run the kernel's test image on one machine and collect the results.

    run.py --mach host|arm --bin IMAGE [--chapter ID]... [--test NAME]
           [--json OUT] [--log OUT] [--quiet]

host: IMAGE is a Linux program; Check forks one process per test and
      enforces each suite's timeout.
arm:  IMAGE is booted in qemu-system-arm -M vexpress-a9 with semihosting.
      The board cannot kill a test, so this script does: if a test gives
      no result within its timeout, or the machine stops in the middle of
      a test, QEMU is killed, the test is recorded as an error, and the
      machine is booted again to resume after it.

Every test yields one record: chapter, test, machine, status (pass, fail
or error), where (file:line), message, and the output it printed.

A pass counts only if the harness's "ktest: end" line (printed by the
fixture's teardown, after the test body returned) came first: on the
host Check scores a test process that calls exit(0) early as a pass.

Bounds, so that a hostile image cannot stall or swamp a grade:
--time-limit caps the whole run (the tests not finished by then are
errors); a test's record keeps 16 KiB of its output, the log keeps the
first 50 MB of the machine's output and then notes the cut.
"""
import argparse
import json
import os
import selectors
import subprocess
import sys
import tempfile
import time

RESULT_WORDS = ('pass', 'fail', 'error')
OUTPUT_LIMIT = 16 * 1024  # bytes of a test's output kept in its record
ARM_SLACK = 5.0           # seconds of boot and emulation overhead per test
LOG_LIMIT = 50 * 1024 * 1024  # bytes of machine output kept in the log
LINE_LIMIT = 64 * 1024   # a longer line without a newline is split
END_MARK = 'ktest: end '


def qemu_command(image, args, workdir):
    """The qemu-system-arm command line that boots IMAGE with ARGS."""
    semi = ','.join(['enable=on', 'target=native', 'arg=ktest'] +
                    ['arg=' + a for a in args])
    return ['qemu-system-arm', '-M', 'vexpress-a9', '-m', '1024',
            '-display', 'none', '-monitor', 'none',
            '-audiodev', 'none,id=snd0', '-global', 'lm4549.audiodev=snd0',
            '-serial', 'file:' + os.path.join(workdir, 'uart.log'),
            '-semihosting-config', semi, '-kernel', image]


def command(mach, image, args, workdir):
    if mach == 'host':
        return [image] + args
    return qemu_command(image, args, workdir)


def list_tests(mach, image, selection, workdir):
    """[(chapter, test, timeout, title)] in the order the image runs them."""
    out = subprocess.run(command(mach, image, ['--list'] + selection, workdir),
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         timeout=60, cwd=workdir, text=True, errors='replace')
    tests = []
    for line in out.stdout.splitlines():
        parts = line.split(' ', 3)
        if len(parts) == 4:
            tests.append((parts[0], parts[1], float(parts[2]), parts[3]))
    if out.returncode != 0 or not tests and out.stderr.strip():
        raise RuntimeError('cannot list the tests of %s: %s' %
                           (image, out.stderr.strip()[-2000:]))
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
    """One boot of the image: reads its lines, enforces per-test time."""

    def __init__(self, mach, image, args, workdir, tests, log):
        self.proc = subprocess.Popen(
            command(mach, image, args, workdir), stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, cwd=workdir)
        self.tests, self.log = tests, log
        self.sel = selectors.DefaultSelector()
        self.sel.register(self.proc.stdout, selectors.EVENT_READ)
        self.buf = b''

    def lines(self, deadline_of):
        """Yield output lines; yield None when the current deadline passes."""
        while True:
            deadline = deadline_of()
            wait = None if deadline is None else max(0, deadline - time.time())
            if not self.sel.select(wait):
                yield None
                return
            chunk = os.read(self.proc.stdout.fileno(), 65536)
            if not chunk:
                if self.buf:
                    yield self.buf.decode('utf-8', 'replace')
                return
            self.log.write(chunk.decode('utf-8', 'replace'))
            self.buf += chunk
            while b'\n' in self.buf:
                line, self.buf = self.buf.split(b'\n', 1)
                yield line.decode('utf-8', 'replace')
            while len(self.buf) > LINE_LIMIT:
                line, self.buf = self.buf[:LINE_LIMIT], self.buf[LINE_LIMIT:]
                yield line.decode('utf-8', 'replace')

    def stop(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        return self.proc.returncode


def record(chapter, test, mach, status, where, message, output):
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
            'output': text}


def parse_result(line):
    """'ktest: fail 04 name file:12: msg' -> (status, ch, name, where, msg)."""
    parts = line.split(' ', 5)
    if len(parts) < 5 or parts[0] != 'ktest:' or parts[1] not in RESULT_WORDS:
        return None
    where = parts[4].rstrip(':')
    message = parts[5] if len(parts) > 5 else ''
    return parts[1], parts[2], parts[3], where, message


def run_all(mach, image, selection, workdir, log, progress,
            time_limit=None):
    """Run the selected tests, restarting the machine past a hung test.

    Returns one record per listed test.  With TIME_LIMIT (seconds), the
    run stops then and every test without a result is an error.
    """
    if not isinstance(log, CappedLog):
        log = CappedLog(log)
    tests = list_tests(mach, image, selection, workdir)
    results, index = [], 0
    end = None if time_limit is None else time.time() + time_limit

    def bounded(deadline):
        if end is None:
            return deadline
        return end if deadline is None else min(deadline, end)

    current, output = None, Output()
    while index < len(tests):
        if end is not None and time.time() >= end:
            break
        args = selection + ['--skip', str(index)]
        session = Session(mach, image, args, workdir, tests, log)
        current, output, deadline = None, Output(), [None]
        ended, line = False, ''
        # The first test must begin within the boot slack.
        deadline[0] = time.time() + ARM_SLACK + 10
        for line in session.lines(lambda: bounded(deadline[0])):
            if line is None:
                break
            if line.startswith('ktest: begin '):
                current, output, ended = index, Output(), False
                timeout = tests[index][2]
                slack = ARM_SLACK if mach == 'arm' else 5.0
                deadline[0] = time.time() + timeout + slack
                continue
            if line.startswith(END_MARK) and current is not None:
                ended = True
                continue
            parsed = parse_result(line)
            if parsed and current is not None:
                status, ch, name, where, msg = parsed
                if status == 'pass' and not ended:
                    status, msg = 'error', (
                        'the test process ended before the test finished '
                        '(exit status 0: a call to exit()?); Check counts '
                        'that as a pass, the grader does not')
                results.append(record(ch, name, mach, status, where, msg,
                                      output))
                progress(results[-1])
                index, current = index + 1, None
                deadline[0] = time.time() + ARM_SLACK + 10
                continue
            if line.startswith('ktest: done'):
                deadline[0] = None
                continue
            if current is not None:
                output.append(line + '\n')
        status = session.stop()
        if index >= len(tests):
            break
        ch, name, timeout, _ = tests[index]
        if end is not None and time.time() >= end:
            break
        if current is None:
            # The machine stopped or hung between tests: blame the next.
            output = []
        why = ('no result within %gs: the test hangs (the machine was '
               'restarted after it)' % timeout if line is None else
               'the machine stopped during this test (exit status %s)' % status)
        results.append(record(ch, name, mach, 'error', '', why, output))
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
    for ch in a.chapter:
        selection += ['--chapter', ch]
    if a.test:
        selection += ['--test', a.test]
    if a.test_timeout:
        selection += ['--timeout', '%g' % a.test_timeout]
    image = os.path.abspath(a.bin)
    workdir = tempfile.mkdtemp(prefix='ktest-%s-' % a.mach)
    logpath = a.log or os.path.join(workdir, 'ktest.log')
    os.makedirs(os.path.dirname(os.path.abspath(logpath)), exist_ok=True)

    def progress(r):
        if not a.quiet:
            print('  %-5s %-4s %-5s %s %s' % (
                r['status'].upper(), r['machine'], r['chapter'], r['test'],
                '' if r['status'] == 'pass' else '-- ' + r['message']),
                flush=True)

    with open(logpath, 'w') as log:
        results = run_all(a.mach, image, selection, workdir, log, progress,
                          a.time_limit)
    if a.json:
        with open(a.json, 'w') as f:
            json.dump(results, f, indent=1)
    passed = sum(r['status'] == 'pass' for r in results)
    print('%s: %d passed, %d failed (log: %s)' % (
        a.mach, passed, len(results) - passed, logpath))
    return 0 if passed == len(results) else 1


if __name__ == '__main__':
    sys.exit(main())
