#!/usr/bin/env python3
"""`make shell`: a console on the running kernel, on either machine.

    shell.py [--tree labs|solutions|DIR] [--mach host|arm]
             [--board NAME] [--ch N] [--script FILE]
    shell.py --selftest

Builds the tree for the machine, boots it on the board (a device tree
of the tree's arch/arm/boot/dts, default vexpress-256m) up to the boot
stage chapter N needs, and reads commands: from the terminal, or from
FILE (then each command is shown after the prompt, and the shell quits
at the end of the file).  `help` lists the commands.

Which chapter, by default: as far as the tree's code goes.  The tree
is searched for exercise stubs (`TODO(chNN)`); the boot stops before
the first chapter that still has one, and says where it is.  CH=N
boots to chapter N's stage whatever the stubs say.

--selftest runs the scripts of autograder/shell/ on both machines over
solutions/ and checks what they print (make test runs it): the same
output on host and board except the numbers of the /proc views (the
host's struct page is larger, so its mem_map takes more pages: chapter
3), what each script expects, and that a kernel BUG inside a command is
reported and the shell goes on.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys

TOOLS = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(TOOLS))
sys.path.insert(0, TOOLS)
import grade  # noqa: E402
import run  # noqa: E402
from scratch import ScratchTree  # noqa: E402

TODO = re.compile(r'TODO\(ch(\d\d)\)')
STUB_OPEN = re.compile(r'^\s*(//|@) STUB\s*$')
STUB_CLOSE = re.compile(r'^\s*(//|@) END SOLUTION\s*$')
SCRIPTS = os.path.join(REPO, 'autograder', 'shell')
# A kernel BUG in free_pages of an order-1 block: a student's bug.
BROKEN = ('mm/page_alloc.c',
          'void __free_pages(struct page *page, unsigned int order)\n{\n',
          '\tBUG_ON(order == 1);\n')


def first_stub(tree):
    """(chapter, 'file:line') of the lowest chapter with a stub, or None."""
    best = None
    for root, _, names in os.walk(tree):
        for n in sorted(names):
            if not n.endswith(('.c', '.h', '.S')):
                continue
            path = os.path.join(root, n)
            with open(path, errors='replace') as f:
                in_stub = False     # solutions/ keeps stubs as comments
                for no, line in enumerate(f, 1):
                    if STUB_OPEN.match(line) or STUB_CLOSE.match(line):
                        in_stub = bool(STUB_OPEN.match(line))
                        continue
                    m = not in_stub and TODO.search(line)
                    if m and (best is None or int(m.group(1)) < best[0]):
                        best = (int(m.group(1)), '%s:%d' % (
                            os.path.relpath(path, tree), no))
    return best


def build(tree, mach, outdir):
    built = grade.build(tree, outdir, machs=(mach,))
    if not built[mach][0]:
        sys.stderr.write('shell: %s does not compile for %s:\n%s\n' % (
            grade.rel(tree), mach, grade.first_errors(built[mach][1])))
        return None
    return os.path.join(outdir, mach, grade.IMAGE[mach])


def command(mach, image, board, upto, echo, workdir):
    """The shell's command line; the board's UART log goes to WORKDIR."""
    args = ['--shell', '--board', board, '--upto', str(upto)] + \
        (['--echo'] if echo else [])
    if mach == 'host':
        return [image] + args
    return run.qemu_command(image, args, workdir)


def board_of(script_text):
    """The board a script names on a '# board: NAME' line, or the default."""
    m = re.search(r'^# board: (\S+)', script_text, re.M)
    return m.group(1) if m else 'vexpress-256m'


def stage_of(script_text):
    """The chapter whose boot a script needs, from its '# chapter: NN'
    line (the book shows its transcript at that stage, and its caption
    says `make shell CH=NN`), or 99: as far as the tree goes."""
    m = re.search(r'^# chapter: (\d+)', script_text, re.M)
    return int(m.group(1)) if m else 99


def run_script(mach, image, board, upto, script_text):
    """What the shell prints for SCRIPT_TEXT (quit appended)."""
    with run.work_folder('shell-') as wd:
        p = subprocess.run(command(mach, image, board, upto, True, wd),
                           input=script_text + '\nquit\n', text=True,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=120, errors='replace', cwd=wd)
    return p.stdout


def interactive(a):
    tree = os.path.abspath(a.tree)
    if not os.path.isdir(tree):
        raise SystemExit('shell: %s is not a directory' % a.tree)
    outdir = os.path.join(REPO, 'build', 'shell',
                          os.path.basename(tree.rstrip('/')))
    print('shell: building %s for %s' % (grade.rel(tree), a.mach),
          flush=True)
    image = build(tree, a.mach, outdir)
    if not image:
        return 1
    stub = first_stub(tree)
    if a.ch is not None:
        upto = int(a.ch)
        if stub and stub[0] <= upto:
            print('shell: note: chapter %02d is still a stub (TODO(ch%02d) '
                  'at %s); the boot may fail there' % (stub[0], stub[0],
                                                       stub[1]))
    elif stub:
        upto = stub[0] - 1
        print('shell: chapter %02d is not done in this tree (TODO(ch%02d) '
              'at %s): booting up to chapter %02d (CH=N to choose)' % (
                  stub[0], stub[0], stub[1], upto))
    else:
        upto = 99
    if a.script:
        with open(a.script) as f:
            sys.stdout.write(run_script(a.mach, image, a.board, upto,
                                        f.read()))
        return 0
    print('shell: `help` lists the commands, `quit` leaves', flush=True)
    with run.work_folder('shell-') as wd:
        return subprocess.call(command(a.mach, image, a.board, upto,
                                       not sys.stdin.isatty(), wd), cwd=wd)


# --- the self-test ----------------------------------------------------------

VIEW_LINE = re.compile(r'^(Node\s+\d+, zone|\s+\w|[A-Z][\w()]*:\s+\d|'
                       r'\S+\s+\d+\s+\d+\s+\d+.* : tunables )')
PFN = re.compile(r'pfn 0x[0-9a-f]+')
MEMBLOCK_LINE = re.compile(r'^\s*\d+: 0x[0-9a-f]+\.\.0x[0-9a-f]+$')
HEX = re.compile(r'0x[0-9a-f]+')
# print_vm_layout()'s image sections: the host's are the host program's
BANNER_SECTION = re.compile(r'^\s+\.\w+ : 0x')
# /proc/iomem's kernel lines: the host's sections are the host program's
IOMEM_KERNEL = re.compile(r'^\s*[0-9a-f]{8}-[0-9a-f]{8} : Kernel (code|data)$')
# /proc/vmallocinfo's callers: a name on the host, an address on the
# board (its image has no kallsyms)
VMALLOC_CALLER = re.compile(r'^(0x[0-9a-f]+-0x[0-9a-f]+\s+\d+ )'
                            r'(\S+\+0x[0-9a-f]+/0x[0-9a-f]+|0x[0-9a-f]+) ')
# `perf stat`'s lines: a count, or "<not supported>" where the machine
# has no counter (the board), then the event.
PERF_LINE = re.compile(r'^\s*([\d,]+|<not supported>)(\s{6}\S.*)$')


def masked(text):
    """The shell's output after its first prompt, with what legitimately
    differs between the machines masked: the numbers of the /proc views
    (/proc/slabinfo's too: a struct kmem_cache is larger on the host),
    the pfns allocations return and the addresses of memblock's regions
    (the host's mem_map is larger), /proc/vmallocinfo's callers, the image's sections in the layout
    banner and /proc/iomem (the host's are the host program's), the
    log (dmesg), what insmod and rmmod print (only the board runs a
    module's init and exit) and the boot messages after `reset`, and an oops's
    machine-specific lines (registers)."""
    text = text[text.find('mm> '):]
    out, skip = [], None
    for ln in text.splitlines():
        if skip and ln.startswith(skip):
            skip = None
            if ln.startswith('---[ end trace'):
                continue
        if skip:
            continue
        if ln.startswith('mm> dmesg'):
            skip = 'mm> '
        elif ln.startswith(('mm> insmod', 'mm> rmmod')):
            skip = 'mm> '   # only the board runs a module's init and exit
            out.append(ln)
            continue
        elif ln.startswith('mm> reset'):
            skip = 'shell: '        # the boot's messages, to the banner
        elif ln.startswith('Modules linked in:'):
            skip = '---[ end trace'     # the registers differ
            continue
        ln = PFN.sub('pfn 0x#', ln)
        ln = VMALLOC_CALLER.sub(r'\1caller ', ln)
        ln = PERF_LINE.sub(r'#\2', ln)
        if MEMBLOCK_LINE.match(ln):     # memblock's regions: mem_map's size
            ln = HEX.sub('0x#', ln)
        if BANNER_SECTION.match(ln):    # the host's image is the program
            ln = re.sub(r'\(\s*', '(',
                        re.sub(r'\d+', '#', HEX.sub('0x#', ln)))
        if IOMEM_KERNEL.match(ln):
            ln = re.sub(r'[0-9a-f]{8}-[0-9a-f]{8}', '#-#', ln)
        out.append(re.sub(r'\d+', '#', ln) if VIEW_LINE.match(ln) else ln)
    return out


def expectations(path):
    """The script's '#> text' lines: text its output must contain."""
    with open(path) as f:
        text = f.read()
    return text, [ln[3:].strip() for ln in text.splitlines()
                  if ln.startswith('#> ')]


def selftest():
    scripts = sorted(os.path.join(SCRIPTS, n) for n in os.listdir(SCRIPTS)
                     if n.endswith('.script'))
    work = os.path.join(REPO, 'build', 'shell-selftest')
    tree = ScratchTree(os.path.join(work, 'tree'))
    bad = []
    for broken in (False, True):
        tree.sync(os.path.join(REPO, 'solutions'))
        if broken:
            path = os.path.join(tree.path, BROKEN[0])
            with open(path) as f:
                text = f.read()
            if BROKEN[1] not in text:
                raise SystemExit('shell: %s changed; update BROKEN' %
                                 BROKEN[0])
            with open(path, 'w') as f:
                f.write(text.replace(BROKEN[1], BROKEN[1] + BROKEN[2], 1))
        images = {}
        for mach in grade.MACHS:
            images[mach] = build(tree.path, mach, os.path.join(work, 'build'))
            if not images[mach]:
                return 1
        for path in scripts:
            name = os.path.basename(path)
            if name.startswith('broken-') != broken:
                continue
            text, wants = expectations(path)
            board = board_of(text)
            outs = {m: run_script(m, images[m], board, stage_of(text),
                                  text)
                    for m in grade.MACHS}
            for m, out in outs.items():
                # what the kernel printed, not the script's lines echoed
                said = '\n'.join(ln for ln in out.splitlines()
                                 if not ln.startswith('mm> '))
                for w in wants:
                    if w not in said:
                        bad.append('%s [%s]: no "%s" in the output' % (
                            name, m, w))
                if out.count('mm> ') < text.count('\n') // 2:
                    bad.append('%s [%s]: the shell stopped early' % (name,
                                                                     m))
            h, b = masked(outs['host']), masked(outs['arm'])
            if h != b:
                diff = next(i for i, (x, y) in enumerate(
                    zip(h + [''], b + [''])) if x != y)
                bad.append('%s: host and arm differ at line %d:\n  host: '
                           '%s\n  arm:  %s' % (name, diff, (h + [''])[diff],
                                               (b + [''])[diff]))
            print('  %-4s %s (%d commands, %d lines)' % (
                'ok' if not any(x.startswith(name) for x in bad) else 'FAIL',
                name, outs['host'].count('mm> '),
                len(outs['host'].splitlines())), flush=True)
    for x in bad:
        print('shell: FAIL ' + x)
    print('shell: %d scripts, %d problems' % (len(scripts), len(bad)))
    return 1 if bad else 0


def main():
    ap = argparse.ArgumentParser(
        description=__doc__.split('\n')[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split('\n', 2)[2])
    ap.add_argument('--tree', default=os.path.join(REPO, 'labs'))
    ap.add_argument('--mach', choices=grade.MACHS, default='host')
    ap.add_argument('--board', default='vexpress-256m')
    ap.add_argument('--ch')
    ap.add_argument('--script')
    ap.add_argument('--selftest', action='store_true')
    a = ap.parse_args()
    if a.selftest:
        return selftest()
    return interactive(a)


if __name__ == '__main__':
    sys.exit(main())
