#!/usr/bin/env python3
"""Prove that the harness isolates crashes and hangs, on one machine.

    selftest_harness.py --mach host|arm --bin IMAGE

Runs the "crash" group (autograder/tests/crash.c) and checks that every
culprit fails with the right reason and names the function it crashed or
hung in, that the hang is cut off, and that every test after a culprit
still passes.
"""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402

# test -> (status, words its message must hold): a crash or a hang names
# the function it happened in (symbols.py); a hang in a test's body
# costs that test alone (the next one, booting alike, still runs).
EXPECT = {
    'passes_first': ('pass', ''),
    'null_dereference': ('fail', ('NULL pointer dereference',
                                  'faulted in null_dereference_fn() '
                                  '(autograder/tests/crash.c:')),
    'passes_after_null': ('pass', ''),
    'undefined_instruction': ('fail', ('undefined instruction',
                                       'faulted in undefined_instruction_fn()'
                                       )),
    'passes_after_undef': ('pass', ''),
    'kernel_bug': ('fail', ('kernel BUG at', 'faulted in kernel_bug_fn()')),
    'hangs': ('error', 'still running hangs_fn() (autograder/tests/crash.c:'),
    'passes_after_hang': ('pass', ''),
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--mach', required=True)
    ap.add_argument('--bin', required=True)
    a = ap.parse_args()
    start = time.time()
    with run.work_folder('selftest-') as workdir, \
            open(os.path.join(workdir, 'log'), 'w') as log:
        results = run.run_all(a.mach, os.path.abspath(a.bin),
                              ['--chapter', 'crash'], workdir, log,
                              lambda r: None)
    got = {r['test']: r for r in results}
    bad = []
    for test, (status, words) in EXPECT.items():
        r = got.get(test)
        words = (words,) if isinstance(words, str) else words
        if not r:
            bad.append('%s: no result' % test)
        elif r['status'] != status or \
                any(w not in r['message'] for w in words):
            bad.append('%s: expected %s%s, got %s: %s' % (
                test, status, ' with "%s"' % '", "'.join(words)
                if any(words) else '', r['status'], r['message']))
    took = time.time() - start
    for b in bad:
        print('selftest(%s): FAIL %s' % (a.mach, b))
    print('selftest(%s): crash isolation: %d checks, %d bad, %.1fs' % (
        a.mach, len(EXPECT), len(bad), took))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
