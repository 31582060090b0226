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

    def stop(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        return self.proc.returncode


def record(chapter, test, mach, status, where, message, output):
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


def run_all(mach, image, selection, workdir, log, progress):
    tests = list_tests(mach, image, selection, workdir)
    results, index = [], 0
    while index < len(tests):
        args = selection + ['--skip', str(index)]
        session = Session(mach, image, args, workdir, tests, log)
        current, output, deadline = None, [], [None]
        # The first test must begin within the boot slack.
        deadline[0] = time.time() + ARM_SLACK + 10
        for line in session.lines(lambda: deadline[0]):
            if line is None:
                break
            if line.startswith('ktest: begin '):
                current, output = index, []
                timeout = tests[index][2]
                slack = ARM_SLACK if mach == 'arm' else 5.0
                deadline[0] = time.time() + timeout + slack
                continue
            parsed = parse_result(line)
            if parsed and current is not None:
                status, ch, name, where, msg = parsed
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
        if current is None:
            # The machine stopped or hung between tests: blame the next.
            output = []
        why = ('no result within %gs: the test hangs (the machine was '
               'restarted after it)' % timeout if line is None else
               'the machine stopped during this test (exit status %s)' % status)
        results.append(record(ch, name, mach, 'error', '', why, output))
        progress(results[-1])
        index += 1
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
    a = ap.parse_args()
    selection = []
    for ch in a.chapter:
        selection += ['--chapter', ch]
    if a.test:
        selection += ['--test', a.test]
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
        results = run_all(a.mach, image, selection, workdir, log, progress)
    if a.json:
        with open(a.json, 'w') as f:
            json.dump(results, f, indent=1)
    passed = sum(r['status'] == 'pass' for r in results)
    print('%s: %d passed, %d failed (log: %s)' % (
        a.mach, passed, len(results) - passed, logpath))
    return 0 if passed == len(results) else 1


if __name__ == '__main__':
    sys.exit(main())
