#!/usr/bin/env python3
"""`make real-linux`: Debian 11's Linux 5.10 on the course's boards.

    real_linux.py [--board NAME] [--script FILE] [--tree DIR] [--timeout S]
                  [--append ARGS] [--module NAME ...]
    real_linux.py --board NAME --check
    real_linux.py --fetch

The ground truth beside the course's kernel: Debian 11 "bullseye"'s
armhf kernel (linux-image-5.10.0-N-armmp, Linux 5.10.y) boots on
qemu-system-arm -M vexpress-a9 with the board's RAM and device tree (the
same .dts files as `make shell`), with an initramfs whose only program
is Debian's busybox-static, and prints the /proc and debugfs views
`make shell` prints.  Each view is saved as build/real-linux/BOARD/NAME.txt.

Fetching (once; build/real-linux/ is a cache that can always be rebuilt):
the suites' InRelease files are checked with gpgv against Debian's
archive keyring, the SHA256 of main/binary-armhf/Packages.xz is taken
from the signed text, and each .deb's SHA256 from Packages.  When a step
fails (no network, the archive moved, a checksum differs) the tool says
which and exits with status 1; nothing unchecked is ever used.

--script FILE runs the lines of a `make shell` script that make sense on
Linux (`cat PATH` of /proc, /sys/kernel/debug or /sys/module, `grep
[-OPTS] PATTERN PATH`, `dmesg`, `lsmod`, each maybe followed by `| grep
[-OPTS] PATTERN`; `insmod /NAME.ko [ARGS]`, `rmmod NAME`) and lists the
ones it skips (the course's own commands: alloc_pages, cma_alloc ...).
A PATTERN is words, or anything between single quotes.

--module NAME (repeatable; chapter 31) copies the module NAME.ko of the
same kernel package (lib/modules/VERSION/kernel/.../NAME.ko; NAME may be
a path under kernel/, e.g. lib/crc7, when two modules share a name)
into the initramfs as /NAME.ko, for a script's `insmod /NAME.ko`; the
modules an --module needs (`depends=` in its .modinfo) are named, not
added.  Without --script, --module runs the modules' own session: insmod
each, /proc/modules, each one's /sys/module/NAME/sections, the
vmallocinfo lines of the modules area (0xbf000000-0xbfffffff with the
3G/1G split), kernel_page_tables (Debian's configuration has no
CONFIG_ARM_PTDUMP_DEBUGFS: reported as not in this kernel), the kernel
log's lines about them, rmmod each (the last first), /proc/modules and
vmallocinfo again.  The initramfs runs as root with kptr_restrict=1, so
/proc/modules and the sections show the real addresses.
--check runs jc's /proc parsers over the saved views of a board and
reports which parse.

Not part of `make test`: it needs the network once, and an archive can
move.
"""
import argparse
import functools
import glob
import gzip
import hashlib
import io
import json
import lzma
import os
import re
import selectors
import shutil
import struct
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.error
import urllib.request

TOOLS = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(TOOLS))
CACHE = os.path.join(REPO, 'build', 'real-linux')
OVERLAY = os.path.join(REPO, 'autograder', 'real-linux', 'vexpress-linux.dtsi')

def apt_archive():
    """The Debian archive apt already uses (its first 'debian' URI)."""
    for path in sorted(glob.glob('/etc/apt/sources.list.d/*.sources')):
        for line in open(path, errors='replace'):
            if line.startswith('URIs:'):
                for uri in line.split()[1:]:
                    if uri.rstrip('/').endswith('/debian'):
                        return uri.rstrip('/')
    for path in ['/etc/apt/sources.list'] + sorted(
            glob.glob('/etc/apt/sources.list.d/*.list')):
        if os.path.exists(path):
            for line in open(path, errors='replace'):
                words = line.split()
                if len(words) > 2 and words[0] == 'deb':
                    uri = [w for w in words[1:] if '://' in w]
                    if uri and uri[0].rstrip('/').endswith('/debian'):
                        return uri[0].rstrip('/')
    raise SystemExit('real-linux: no Debian archive in apt\'s sources '
                     '(/etc/apt/sources.list*): add one, or run on Debian')


# bullseye's last point release (11.11) carries Linux 5.10.223.  Only
# that suite is used, so that every machine boots the same kernel (the
# security suite's armhf index is gone from the archive, and would give
# a newer 5.10.y where it can still be reached).
SUITES = [('bullseye', True)]
KEYRING = '/usr/share/keyrings/debian-archive-keyring.gpg'
INDEX = 'main/binary-armhf/Packages.xz'
KERNEL = re.compile(r'^linux-image-5\.10\.0-\d+-armmp$')
BUSYBOX = 'busybox-static'

# The views of `make shell`'s default session, as (name, command).
DEFAULT_VIEWS = [
    ('meminfo', 'cat /proc/meminfo'),
    ('buddyinfo', 'cat /proc/buddyinfo'),
    ('pagetypeinfo', 'cat /proc/pagetypeinfo'),
    ('zoneinfo', 'cat /proc/zoneinfo'),
    ('slabinfo', 'cat /proc/slabinfo'),
    ('vmallocinfo', 'cat /proc/vmallocinfo'),
    ('iomem', 'cat /proc/iomem'),
    ('dmesg', 'dmesg'),
    ('memblock-memory', 'cat /sys/kernel/debug/memblock/memory'),
    ('memblock-reserved', 'cat /sys/kernel/debug/memblock/reserved'),
    ('kernel_page_tables', 'cat /sys/kernel/debug/kernel_page_tables'),
]
# A script line the board can run: a file, the kernel log or the module
# list, maybe filtered; or loading and unloading a module of the package.
# A grep pattern is words, or anything between single quotes.
_PATH = r'/(?:proc|sys/kernel/debug|sys/module)/[\w./+-]*'
_GREP = r"grep(?: -[A-Za-z]+)* (?:'[^']*'|[\w:.,()=/-]+)"
RUNNABLE = re.compile(
    r'^(?:(?:cat|%s) %s|dmesg|lsmod)' % (_GREP, _PATH) +
    r"(?: \| grep(?: -[A-Za-z]+)* (?:'[^']*'|[\w :.,()=/-]+))?$"
    r'|^insmod /[\w.+-]+\.ko(?: [\w.,=-]+)*$|^rmmod [\w-]+$')
# The file a view reads, which the board may not have.
VIEW_PATH = re.compile(r'^(?:cat|grep(?: -[A-Za-z]+)* (?:\'[^\']*\'|\S+)) '
                       r'(/\S+)')
# An in-tree module of the kernel package: kernel/<dirs>/<name>.ko[.xz|.gz]
MODULE_PATH = re.compile(r'^\./lib/modules/([^/]+)/kernel/(.+)\.ko'
                         r'(\.xz|\.gz)?$')
# jc's /proc parsers, by the file they read.
JC_PARSERS = {'meminfo': 'meminfo', 'buddyinfo': 'buddyinfo',
              'pagetypeinfo': 'pagetypeinfo', 'zoneinfo': 'zoneinfo',
              'slabinfo': 'slabinfo', 'vmallocinfo': 'vmallocinfo',
              'iomem': 'iomem'}

BOOT_TIMEOUT = 300   # seconds; a TCG boot takes 10-60 s on a busy machine


class Failure(Exception):
    """A step that did not work, with the sentence that says why."""


def say(msg):
    print('real-linux: ' + msg, flush=True)


# --- fetching and checking ------------------------------------------------

def download(url, what):
    try:
        with urllib.request.urlopen(url, timeout=60) as r:
            return r.read()
    except urllib.error.HTTPError as e:
        raise Failure('cannot fetch %s: %s answers HTTP %d (%s); has the '
                      'archive moved?' % (what, url, e.code, e.reason))
    except (urllib.error.URLError, OSError) as e:
        reason = getattr(e, 'reason', e)
        raise Failure('cannot fetch %s from %s: %s (is the network '
                      'reachable?)' % (what, url, reason))


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def verified_release(base, suite, workdir):
    """The text of SUITE's InRelease that gpgv found signed by Debian."""
    if not os.path.exists(KEYRING):
        raise Failure('%s is missing: run `bash autograder/setup.sh '
                      'real-linux` (package debian-archive-keyring)' % KEYRING)
    if not shutil.which('gpgv'):
        raise Failure('gpgv is missing: run `bash autograder/setup.sh '
                      'real-linux`')
    url = '%s/dists/%s/InRelease' % (base, suite)
    signed = os.path.join(workdir, suite + '.InRelease')
    plain = signed + '.verified'
    with open(signed, 'wb') as f:
        f.write(download(url, suite + "'s InRelease"))
    # Only the text gpgv writes out is trusted: what it checked.
    p = subprocess.run(['gpgv', '--keyring', KEYRING, '--output', plain,
                        signed], stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    if p.returncode != 0:
        raise Failure('the signature of %s does not check against %s:\n%s'
                      % (url, KEYRING, p.stdout.strip()))
    with open(plain) as f:
        return f.read()


def release_sha256(release, path):
    """(sha256, size) of PATH in a Release file's SHA256 list."""
    in_list = False
    for line in release.splitlines():
        if not line.startswith(' '):
            in_list = line.startswith('SHA256:')
            continue
        if in_list:
            fields = line.split()
            if len(fields) == 3 and fields[2] == path:
                return fields[0], int(fields[1])
    return None


def stanzas(text):
    """The stanzas of a Packages file, as dictionaries."""
    for block in text.split('\n\n'):
        d = {}
        for line in block.splitlines():
            if line[:1] in (' ', '\t') or ':' not in line:
                continue
            k, v = line.split(':', 1)
            d[k] = v.strip()
        if 'Package' in d:
            yield d


def version_cmp(a, b):
    if a == b:
        return 0
    p = subprocess.run(['dpkg', '--compare-versions', a, 'lt', b])
    return -1 if p.returncode == 0 else 1


def suite_packages(base, suite, workdir):
    """The armhf packages of SUITE that we want, checked from InRelease."""
    say('fetching %s/dists/%s/InRelease and checking its signature'
        % (base, suite))
    release = verified_release(base, suite, workdir)
    want = release_sha256(release, INDEX)
    if not want:
        raise Failure('%s/dists/%s/InRelease lists no %s' % (base, suite,
                                                              INDEX))
    # The archive keeps each index under its hash too (Acquire-By-Hash),
    # which stays valid while a mirror is mid-sync: try it first.
    urls = ['%s/dists/%s/%s' % (base, suite, INDEX)]
    if re.search(r'^Acquire-By-Hash: yes$', release, re.M):
        urls.insert(0, '%s/dists/%s/%s/by-hash/SHA256/%s' % (
            base, suite, os.path.dirname(INDEX), want[0]))
    url = urls[-1]
    say('fetching %s (%d KiB)' % (url, want[1] // 1024))
    try:
        data = download(urls[0], suite + "'s package index")
    except Failure:
        if len(urls) == 1:
            raise
        data = download(urls[1], suite + "'s package index")
    if sha256(data) != want[0] or len(data) != want[1]:
        raise Failure('%s: SHA256 %s (%d bytes), but the signed InRelease '
                      'says %s (%d bytes)' % (url, sha256(data), len(data),
                                              want[0], want[1]))
    found = []
    for st in stanzas(lzma.decompress(data).decode('utf-8', 'replace')):
        if KERNEL.match(st['Package']) or st['Package'] == BUSYBOX:
            st['Base'] = base
            st['Suite'] = suite
            found.append(st)
    return found


def newest(pkgs, match):
    pkgs = [p for p in pkgs if match(p['Package'])]
    if not pkgs:
        return None
    key = functools.cmp_to_key(version_cmp)
    return max(pkgs, key=lambda p: key(p['Version']))


def fetch():
    """The two checked .deb files, downloaded once: {'kernel','busybox'}."""
    os.makedirs(CACHE, exist_ok=True)
    manifest = os.path.join(CACHE, 'debs.json')
    if os.path.exists(manifest):
        with open(manifest) as f:
            debs = json.load(f)
        ok = True
        for d in debs.values():
            path = os.path.join(CACHE, d['file'])
            if not os.path.exists(path):
                ok = False
                break
            with open(path, 'rb') as f:
                if sha256(f.read()) != d['sha256']:
                    ok = False
                    break
        if ok:
            return debs
        say('the cached packages are incomplete or changed: fetching again')
    with tempfile.TemporaryDirectory() as workdir:
        pkgs = []
        base = apt_archive()
        for suite, required in SUITES:
            try:
                pkgs += suite_packages(base, suite, workdir)
            except Failure as e:
                if required:
                    raise
                say('warning: %s; going on without %s' % (e, suite))
    # Linux 5.10.0-N: the highest ABI number, then the highest version.
    abi = functools.cmp_to_key(version_cmp)
    kernel = max((p for p in pkgs if KERNEL.match(p['Package'])),
                 key=lambda p: (int(p['Package'].split('-')[3]),
                                abi(p['Version'])), default=None)
    busybox = newest(pkgs, lambda n: n == BUSYBOX)
    if not kernel or not busybox:
        raise Failure('the armhf indexes of %s list no %s' % (
            ' and '.join(s[0] for s in SUITES),
            'linux-image-5.10.0-N-armmp' if not kernel else BUSYBOX))
    debs = {}
    for role, p in (('kernel', kernel), ('busybox', busybox)):
        url = p['Base'] + '/' + p['Filename']
        say('fetching %s %s (%s, %d KiB)' % (
            p['Package'], p['Version'], p['Suite'], int(p['Size']) // 1024))
        data = download(url, p['Package'])
        if sha256(data) != p['SHA256']:
            raise Failure('%s: SHA256 %s, but the signed index of %s says %s'
                          % (url, sha256(data), p['Suite'], p['SHA256']))
        name = os.path.basename(p['Filename'])
        with open(os.path.join(CACHE, name), 'wb') as f:
            f.write(data)
        debs[role] = {'package': p['Package'], 'version': p['Version'],
                      'suite': p['Suite'], 'file': name, 'url': url,
                      'sha256': p['SHA256']}
    with open(manifest, 'w') as f:
        json.dump(debs, f, indent=1)
    return debs


# --- the kernel, busybox and the initramfs ---------------------------------

def deb_member(deb, pattern):
    """(name, bytes) of the first file of DEB whose path matches PATTERN."""
    p = subprocess.run(['dpkg-deb', '--fsys-tarfile', deb],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode != 0:
        raise Failure('dpkg-deb cannot read %s: %s' % (
            deb, p.stderr.decode(errors='replace').strip()))
    with tarfile.open(fileobj=io.BytesIO(p.stdout)) as tar:
        for m in tar:
            if m.isfile() and re.search(pattern, m.name):
                return m.name, tar.extractfile(m).read()
    raise Failure('%s holds no file matching %s' % (deb, pattern))


def unpack(debs):
    """Paths of vmlinuz, Debian's config and busybox, extracted once."""
    out = os.path.join(CACHE, 'unpacked')
    names = {'vmlinuz': r'^\./boot/vmlinuz-', 'config': r'^\./boot/config-',
             'busybox': r'^\./bin/busybox$'}
    paths = {k: os.path.join(out, k) for k in names}
    stamp = os.path.join(out, 'from')
    source = debs['kernel']['file'] + ' ' + debs['busybox']['file']
    if os.path.exists(stamp) and open(stamp).read() == source and \
            all(os.path.exists(p) for p in paths.values()):
        return paths
    os.makedirs(out, exist_ok=True)
    for k, pat in names.items():
        deb = debs['busybox' if k == 'busybox' else 'kernel']['file']
        name, data = deb_member(os.path.join(CACHE, deb), pat)
        with open(paths[k], 'wb') as f:
            f.write(data)
        if k == 'config':
            shutil.copy(paths[k], os.path.join(out, os.path.basename(name)))
    with open(stamp, 'w') as f:
        f.write(source)
    return paths


# --- modules of the kernel package (--module) --------------------------------

def elf_sections(data, what):
    """{name: (flags, size, bytes)} of the sections of a 32-bit
    little-endian ELF file."""
    if data[:4] != b'\x7fELF' or data[4] != 1 or data[5] != 1:
        raise Failure('%s is not a 32-bit little-endian ELF file' % what)
    shoff, = struct.unpack_from('<I', data, 0x20)
    shentsize, shnum, shstrndx = struct.unpack_from('<HHH', data, 0x2e)
    hdrs = [struct.unpack_from('<10I', data, shoff + i * shentsize)
            for i in range(shnum)]
    names = hdrs[shstrndx][4]
    out = {}
    for name, typ, flags, _, off, size in (h[:6] for h in hdrs):
        start = names + name
        key = data[start:data.index(b'\0', start)].decode('ascii', 'replace')
        out[key] = (flags, size, data[off:off + size] if typ != 8 else b'')
    return out


def modinfo(data, what):
    """The key=value pairs of a module's .modinfo (the last of each key)."""
    secs = elf_sections(data, what)
    if '.modinfo' not in secs:
        raise Failure('%s has no .modinfo section: not a kernel module'
                      % what)
    info = {}
    for item in secs['.modinfo'][2].split(b'\0'):
        if b'=' in item:
            k, v = item.decode('utf-8', 'replace').split('=', 1)
            info[k] = v
    return info


def module_index(debs):
    """{path under kernel/ without .ko: (tar member, suffix)} of the kernel
    package, listed once (the package has no modules.dep: depmod makes it
    on installation)."""
    out = os.path.join(CACHE, 'unpacked', 'modules')
    index = os.path.join(out, 'index.json')
    source = debs['kernel']['file']
    if os.path.exists(index):
        with open(index) as f:
            cached = json.load(f)
        if cached.get('from') == source:
            return cached['modules']
    deb = os.path.join(CACHE, source)
    say('listing the modules of %s' % source)
    p = subprocess.run(['dpkg-deb', '--contents', deb], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        raise Failure('dpkg-deb cannot read %s: %s' % (deb, p.stderr.strip()))
    modules = {}
    for line in p.stdout.splitlines():
        m = MODULE_PATH.match(line.split()[-1]) if line.strip() else None
        if m:
            modules[m.group(2)] = (m.group(0), m.group(3) or '')
    if not modules:
        raise Failure('%s holds no lib/modules/*/kernel/**.ko' % deb)
    os.makedirs(out, exist_ok=True)
    with open(index, 'w') as f:
        json.dump({'from': source, 'modules': modules}, f, indent=0)
    return modules


def find_module(modules, name):
    """The path under kernel/ of the module NAME (crc7, crc7.ko, lib/crc7;
    - and _ alike, as the kernel's module names)."""
    name = re.sub(r'\.ko(\.xz|\.gz)?$', '', name.strip('/'))
    if name in modules:
        return name

    def norm(s):
        return s.replace('-', '_')
    hits = sorted(k for k in modules
                  if norm(k) == norm(name) or
                  norm(k).endswith('/' + norm(name)))
    if len(hits) == 1:
        return hits[0]
    if hits:
        raise Failure('--module %s: %d modules have that name (%s): give '
                      'the path under kernel/' % (name, len(hits),
                                                  ', '.join(hits)))
    near = sorted(k for k in modules
                  if norm(os.path.basename(name)) in norm(k))[:8]
    raise Failure('--module %s: the kernel package has no %s.ko%s' % (
        name, os.path.basename(name),
        ' (near: %s)' % ', '.join(near) if near else ''))


def kernel_modules(debs, names):
    """[{file, name, rel, data, info}] of the modules NAMES of the kernel
    package, extracted once into build/real-linux/unpacked/modules/."""
    if not names:
        return []
    modules = module_index(debs)
    rels = []
    for n in names:
        rel = find_module(modules, n)
        if rel not in rels:
            rels.append(rel)
    out = os.path.join(CACHE, 'unpacked', 'modules')
    stamp = os.path.join(out, 'from')
    source = debs['kernel']['file']
    if not (os.path.exists(stamp) and open(stamp).read() == source):
        for e in os.listdir(out):
            if e != 'index.json':
                path = os.path.join(out, e)
                (shutil.rmtree if os.path.isdir(path) else os.remove)(path)
        with open(stamp, 'w') as f:
            f.write(source)
    missing = {modules[r][0]: r for r in rels
               if not os.path.exists(os.path.join(out, r + '.ko'))}
    if missing:
        deb = os.path.join(CACHE, source)
        say('extracting %s from %s' % (', '.join(
            os.path.basename(r) + '.ko' for r in missing.values()), source))
        p = subprocess.Popen(['dpkg-deb', '--fsys-tarfile', deb],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        with tarfile.open(fileobj=p.stdout, mode='r|') as tar:
            for m in tar:
                if m.name in missing and m.isfile():
                    data = tar.extractfile(m).read()
                    suffix = modules[missing[m.name]][1]
                    if suffix == '.xz':
                        data = lzma.decompress(data)
                    elif suffix == '.gz':
                        data = gzip.decompress(data)
                    path = os.path.join(out, missing[m.name] + '.ko')
                    os.makedirs(os.path.dirname(path), exist_ok=True)
                    with open(path, 'wb') as f:
                        f.write(data)
        err = p.stderr.read().decode(errors='replace').strip()
        if p.wait() != 0:
            raise Failure('dpkg-deb cannot read %s: %s' % (deb, err))
    result = []
    for rel in rels:
        path = os.path.join(out, rel + '.ko')
        if not os.path.exists(path):
            raise Failure('%s: %s is listed but could not be extracted' % (
                source, modules[rel][0]))
        with open(path, 'rb') as f:
            data = f.read()
        info = modinfo(data, rel + '.ko')
        result.append({'file': os.path.basename(rel) + '.ko',
                       'name': info.get('name',
                                        os.path.basename(rel)).replace(
                                            '-', '_'),
                       'rel': rel, 'data': data, 'info': info})
    files = [m['file'] for m in result]
    if len(set(files)) != len(files):
        raise Failure('--module: two modules would both be /%s' % next(
            f for f in files if files.count(f) > 1))
    return result


def module_views(mods):
    """The session of --module without --script."""
    views = [('insmod-' + m['name'], 'insmod /' + m['file']) for m in mods]
    views.append(('modules', 'cat /proc/modules'))
    for m in mods:
        views.append(('module-%s-sections' % m['name'],
                      'grep -r . /sys/module/%s/sections' % m['name']))
    # The modules area: MODULES_VADDR = PAGE_OFFSET - 16 MiB (3G/1G split).
    views.append(('vmallocinfo-modules',
                  "cat /proc/vmallocinfo | grep -E '^0xbf|load_module'"))
    views.append(('kernel_page_tables',
                  'cat /sys/kernel/debug/kernel_page_tables'))
    words = sorted({w for m in mods
                    for w in (m['name'], m['name'].replace('_', '-'))})
    views.append(('dmesg-modules', "dmesg | grep -i -E '%s|module|symbol'"
                  % '|'.join(words)))
    views += [('rmmod-' + m['name'], 'rmmod ' + m['name'])
              for m in reversed(mods)]
    views.append(('modules-after', 'cat /proc/modules'))
    views.append(('vmallocinfo-modules-after',
                  "cat /proc/vmallocinfo | grep -E '^0xbf|load_module'"))
    return views


def cpio_newc(entries):
    """A cpio archive (newc) of (path, mode, data, rdev) entries."""
    out = io.BytesIO()

    def pad(n):
        out.write(b'\0' * (-n % 4))
    for ino, (path, mode, data, rdev) in enumerate(
            entries + [('TRAILER!!!', 0, b'', (0, 0))], 1):
        name = path.encode() + b'\0'
        fields = [ino, mode, 0, 0, 1, 0, len(data), 0, 0, rdev[0], rdev[1],
                  len(name), 0]
        hdr = b'070701' + b''.join(b'%08X' % f for f in fields)
        out.write(hdr + name)
        pad(len(hdr) + len(name))
        out.write(data)
        pad(len(data))
    return out.getvalue()


def init_script(views):
    """/init: mount what the views read, run each, mark its output."""
    lines = ['#!/bin/busybox sh',
             '/bin/busybox --install -s',
             'export PATH=/bin:/sbin:/usr/bin:/usr/sbin',
             'mount -t devtmpfs devtmpfs /dev',
             'mount -t proc proc /proc',
             'mount -t sysfs sysfs /sys',
             'mount -t debugfs debugfs /sys/kernel/debug',
             '# the kernel\'s own messages would interleave with the views',
             'echo 1 > /proc/sys/kernel/printk',
             '# %pK prints addresses to root, not (ptrval) (vmallocinfo)',
             'echo 1 > /proc/sys/kernel/kptr_restrict',
             'echo "@@real-linux: ready $(uname -r)"']
    for i, (name, cmd) in enumerate(views):
        path = VIEW_PATH.match(cmd)
        lines.append('echo "@@real-linux: begin %d"' % i)
        if path:
            # A file this kernel does not have is reported, not an error.
            lines.append('if [ -e %s ]; then %s; else echo "@@real-linux: '
                         'absent"; fi' % (path.group(1), cmd))
        else:
            lines.append(cmd)
        lines.append('echo "@@real-linux: end %d $?"' % i)
    lines += ['echo "@@real-linux: done"', 'sync', 'poweroff -f']
    return '\n'.join(lines) + '\n'


def initramfs(busybox, views, path, modules=()):
    """/init, busybox and each module of MODULES as /FILE."""
    with open(busybox, 'rb') as f:
        bb = f.read()
    d, x = 0o040755, 0o100755
    entries = [(n, d, b'', (0, 0)) for n in
               ('bin', 'sbin', 'usr', 'usr/bin', 'usr/sbin', 'dev', 'proc',
                'sys', 'tmp', 'root')]
    entries += [('dev/console', 0o020600, b'', (5, 1)),
                ('bin/busybox', x, bb, (0, 0)),
                ('init', x, init_script(views).encode(), (0, 0))]
    entries += [(m['file'], 0o100644, m['data'], (0, 0)) for m in modules]
    with open(path, 'wb') as f:
        f.write(gzip.compress(cpio_newc(entries), mtime=0))


# --- the board: device tree and where things go in RAM ----------------------

def fdt_cells(dtb, node, prop):
    p = subprocess.run(['fdtget', '-t', 'x', dtb, node, prop],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True)
    return [int(c, 16) for c in p.stdout.split()] if p.returncode == 0 \
        else None


def fdt_subnodes(dtb, node):
    p = subprocess.run(['fdtget', '-l', dtb, node], stdout=subprocess.PIPE,
                       stderr=subprocess.DEVNULL, text=True)
    return p.stdout.split() if p.returncode == 0 else []


def board_layout(dtb):
    """(ram base, ram size, [(start, end) of reserved-memory]) of a DTB."""
    banks = []
    for n in fdt_subnodes(dtb, '/'):
        if n.startswith('memory'):
            reg = fdt_cells(dtb, '/' + n, 'reg') or []
            banks += [(reg[i], reg[i + 1]) for i in range(0, len(reg), 2)]
    if len(banks) != 1:
        raise Failure('%s: expected one memory bank, found %d' % (dtb,
                                                                  len(banks)))
    reserved = []
    for n in fdt_subnodes(dtb, '/reserved-memory'):
        reg = fdt_cells(dtb, '/reserved-memory/' + n, 'reg') or []
        reserved += [(reg[i], reg[i] + reg[i + 1])
                     for i in range(0, len(reg), 2)]
    return banks[0][0], banks[0][1], sorted(reserved)


def align(x, a=4096):
    return (x + a - 1) // a * a


def place(base, size, reserved, length):
    """Where LENGTH bytes of initrd + device tree go in RAM.

    QEMU's ARM boot loader (hw/arm/boot.c) puts the initrd at
    min(RAM/2, 128 MiB) from the base of RAM and the device tree just
    after it, whatever the device tree reserves: on vexpress-cma that is
    0x68000000, the first byte of the CMA pool, whose pages the kernel
    hands to the buddy allocator before it unpacks the initramfs (and
    whose device tree it reads for as long as it runs).  We start where
    QEMU would and move past every reserved region in the way.
    """
    at = base + min(size // 2, 128 << 20)
    moved = True
    while moved:
        moved = False
        for start, end in reserved:
            if at < end and start < at + length:
                at, moved = align(end), True
    if at + length > base + size:
        raise Failure('no room for the initrd and device tree outside the '
                      'reserved regions')
    return at


def stub(kernel, dtb):
    """The boot loader QEMU writes for -kernel: r0 = 0, r1 = ~0 (no
    machine number: a device tree), r2 = the device tree, jump."""
    words = [0xe3a00000,    # mov r0, #0
             0xe59f1004,    # ldr r1, [pc, #4]
             0xe59f2004,    # ldr r2, [pc, #4]
             0xe59ff004,    # ldr pc, [pc, #4]
             0xffffffff, dtb, kernel]
    return b''.join(w.to_bytes(4, 'little') for w in words)


def dts_dir(tree):
    for t in ([tree] if tree else []) + ['solutions', 'labs']:
        d = os.path.join(REPO, t, 'arch', 'arm', 'boot', 'dts')
        if os.path.isdir(d):
            return d
    raise Failure('no arch/arm/boot/dts in solutions/ or labs/')


def boards(tree=None):
    d = dts_dir(tree)
    return sorted(n[:-4] for n in os.listdir(d) if n.endswith('.dts'))


def dtc(src, out):
    p = subprocess.run(['dtc', '-q', '-I', 'dts', '-O', 'dtb', '-o', out,
                        src], stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    if p.returncode != 0:
        raise Failure('dtc %s:\n%s' % (src, p.stdout))


def prepare(board, tree, paths, views, work, append='', modules=()):
    """The QEMU command line that boots Linux on BOARD with VIEWS (and
    MODULES in the initramfs), and APPEND after the command line's own
    arguments."""
    src = os.path.join(dts_dir(tree), board + '.dts')
    if not os.path.exists(src):
        raise Failure('no board %s (boards: %s)' % (board,
                                                     ', '.join(boards(tree))))
    course_dtb = os.path.join(work, board + '.dtb')
    dtc(src, course_dtb)             # as autograder/mk/kernel.mk does
    base, size, reserved = board_layout(course_dtb)
    initrd = os.path.join(work, 'initramfs.cpio.gz')
    initramfs(paths['busybox'], views, initrd, modules)
    ilen = os.path.getsize(initrd)
    # The device tree grows by the chosen properties; 64 KiB is ample.
    at = place(base, size, reserved, align(ilen) + (64 << 10))
    dtb_at = at + align(ilen)
    wrapper = os.path.join(work, board + '-linux.dts')
    with open(wrapper, 'w') as f:
        f.write('/include/ "%s"\n/include/ "%s"\n' % (src, OVERLAY))
        f.write('/ {\n\tchosen {\n\t\tbootargs = "console=ttyAMA0 '
                'rdinit=/init%s";\n\t\tlinux,initrd-start = <0x%x>;\n\t\t'
                'linux,initrd-end = <0x%x>;\n\t};\n};\n' % (
                    ' ' + append if append else '', at, at + ilen))
    dtb = os.path.join(work, board + '-linux.dtb')
    dtc(wrapper, dtb)
    kernel_at = base + 0x10000       # where QEMU's -kernel loads a zImage
    with open(os.path.join(work, 'boot.bin'), 'wb') as f:
        f.write(stub(kernel_at, dtb_at))
    layout = {'ram': (base, size), 'reserved': reserved,
              'initrd': (at, at + ilen), 'dtb': dtb_at, 'kernel': kernel_at}

    def load(path, addr, extra=''):
        return ['-device', 'loader,file=%s,addr=0x%x,force-raw=on%s' % (
            path, addr, extra)]
    cmd = ['qemu-system-arm', '-M', 'vexpress-a9', '-m', str(size >> 20),
           '-display', 'none', '-monitor', 'none', '-serial', 'stdio',
           '-no-reboot', '-audiodev', 'none,id=snd0',
           '-global', 'pl041.audiodev=snd0'] + \
        load(paths['vmlinuz'], kernel_at) + load(initrd, at) + \
        load(dtb, dtb_at) + \
        load(os.path.join(work, 'boot.bin'), base, ',cpu-num=0')
    return cmd, layout


# --- booting and reading the views ---------------------------------------

def boot(cmd, views, timeout, log_path):
    """Run QEMU until the init script is done: (console lines, outputs)."""
    start = time.time()
    p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         start_new_session=True)
    sel = selectors.DefaultSelector()
    sel.register(p.stdout, selectors.EVENT_READ)
    buf, lines = b'', []
    outputs, current, done, why = {}, None, False, None
    try:
        while not done:
            left = timeout - (time.time() - start)
            if left <= 0:
                why = 'not done within the bound of %d s (--timeout S ' \
                    'raises it)' % timeout
                break
            if not sel.select(min(left, 1.0)):
                continue
            chunk = os.read(p.stdout.fileno(), 65536)
            if not chunk:
                why = 'QEMU exited (status %s) after %.0f s' % (
                    p.wait(), time.time() - start)
                break
            buf += chunk
            while b'\n' in buf:
                raw, buf = buf.split(b'\n', 1)
                line = raw.decode('utf-8', 'replace').rstrip('\r')
                lines.append(line)
                m = re.match(r'@@real-linux: (\w+) ?(\d+)? ?(\d+)?', line)
                if not m:
                    if current is not None:
                        outputs[current][0].append(line)
                    elif re.search(r'Linux version|Kernel panic|Run /init|'
                                   r'\] Memory: ',
                                   line):
                        say('%5.1fs  %s' % (time.time() - start,
                                            line.strip()))
                    continue
                what = m.group(1)
                if what == 'ready':
                    say('%5.1fs  booted; running %d commands' % (
                        time.time() - start, len(views)))
                elif what == 'begin':
                    current = int(m.group(2))
                    outputs[current] = ([], None)
                    say('%5.1fs  %s' % (time.time() - start,
                                        views[current][1]))
                elif what == 'end' and current is not None:
                    if outputs[current][1] != 'absent':
                        outputs[current] = (outputs[current][0],
                                            int(m.group(3) or 0))
                    current = None
                elif what == 'absent' and current is not None:
                    outputs[current] = (outputs[current][0], 'absent')
                elif what == 'done':
                    done = True
            if any('Kernel panic' in ln for ln in lines[-5:]):
                why = 'the kernel panicked after %.0f s' % (
                    time.time() - start)
                time.sleep(0.5)
                break
    finally:
        if p.poll() is None:
            os.killpg(p.pid, 15)
            try:
                p.wait(5)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, 9)
                p.wait()
        with open(log_path, 'w') as f:
            f.write('\n'.join(lines) + '\n')
    return lines, outputs, why, time.time() - start


def slug(cmd):
    """A file name for a command (`cat /proc/meminfo | grep Cma`:
    meminfo-grep-Cma; `cat /sys/module/crc7/sections/.text`:
    module-crc7-sections-.text; `insmod /crc7.ko`: insmod-crc7.ko)."""
    m = re.match(r'cat /(?:proc/|sys/kernel/debug/|sys/)(\S+)(.*)', cmd)
    name, rest = (m.group(1), m.group(2)) if m else (cmd.split()[0],
                                                     cmd[len(cmd.split()[0]):])
    rest = re.sub(r' /(?:proc/|sys/kernel/debug/|sys/)?', ' ', rest)
    name = name.replace('/', '-') + re.sub(r'[|\s/]+', '-', rest)
    return re.sub(r'[^\w.-]', '', name).strip('-')


def script_views(path):
    """The commands of a `make shell` script Linux can run, and the skipped."""
    views, skipped, names = [], [], set()
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith('#'):
                continue
            if RUNNABLE.match(line):
                name, n = slug(line), 2
                while name in names:
                    name, n = '%s-%d' % (slug(line), n), n + 1
                names.add(name)
                views.append((name, line))
            else:
                skipped.append(line)
    return views, skipped


def run(a):
    if a.board not in boards(a.tree):
        raise Failure('no board %s (boards: %s)' % (
            a.board, ', '.join(boards(a.tree))))
    debs = fetch()
    paths = unpack(debs)
    say('Linux %s (%s) and busybox %s from Debian %s' % (
        debs['kernel']['version'], debs['kernel']['package'],
        debs['busybox']['version'], debs['kernel']['suite']))
    mods = kernel_modules(debs, a.module or [])
    for m in mods:
        deps = [d for d in m['info'].get('depends', '').split(',') if d]
        absent = [d for d in deps if d.replace('-', '_') not in
                  [n['name'] for n in mods]]
        say('module %s: kernel/%s.ko, %d bytes, in the initramfs as /%s; '
            'depends on %s%s' % (
                m['name'], m['rel'], len(m['data']), m['file'],
                ', '.join(deps) or 'no module',
                ' (not given with --module: its insmod will find no %s)'
                % ', '.join(absent) if absent else ''))
    if a.script:
        views, skipped = script_views(a.script)
        for s in skipped:
            say('skipped (the course\'s shell only): %s' % s)
        if not views:
            raise Failure('%s has no command Linux can run (cat /proc/..., '
                          'cat /sys/kernel/debug/..., cat /sys/module/..., '
                          'dmesg, insmod /NAME.ko, rmmod NAME)' % a.script)
        files = [m['file'] for m in mods]
        for _, cmd in views:
            ko = re.match(r'insmod /(\S+)', cmd)
            if ko and ko.group(1) not in files:
                raise Failure('%s: `%s`, but no --module %s puts /%s in the '
                              'initramfs' % (a.script, cmd, ko.group(1)[:-3],
                                             ko.group(1)))
    elif mods:
        views = module_views(mods)
    else:
        views = DEFAULT_VIEWS
    outdir = os.path.join(CACHE, a.board)
    os.makedirs(outdir, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        cmd, lay = prepare(a.board, a.tree, paths, views, work, a.append,
                           mods)
        say('booting %s: %d MiB at 0x%08x, initrd at 0x%08x-0x%08x, device '
            'tree at 0x%08x (reserved: %s)' % (
                a.board, lay['ram'][1] >> 20, lay['ram'][0], lay['initrd'][0],
                lay['initrd'][1], lay['dtb'],
                ', '.join('0x%08x-0x%08x' % r for r in lay['reserved'])
                or 'none'))
        if a.verbose:
            say(' '.join(cmd))
        lines, outputs, why, took = boot(
            cmd, views, a.timeout, os.path.join(outdir, 'console.txt'))
    for i, (name, command) in enumerate(views):
        if i not in outputs:
            continue
        out, status = outputs[i]
        if status == 'absent':
            if '/sys/module/' in command:
                say('%s: no such file (the module is not loaded, or has no '
                    'such section or parameter)' % command)
            else:
                say('%s: not in this kernel (Debian\'s configuration)'
                    % command)
            continue
        text = '\n'.join(out) + '\n' if out else ''
        with open(os.path.join(outdir, name + '.txt'), 'w') as f:
            f.write(text)
        print('$ %s' % command)
        sys.stdout.write(text)
        if status == 1 and '| grep' in command:
            say('%s: no line matches' % command)
        elif status:
            say('%s: exit status %s' % (command, status))
    if why:
        tail = '\n'.join('    ' + ln for ln in lines[-15:])
        raise Failure('%s: %s; the console\'s last lines '
                      '(all of it in %s):\n%s' % (
                          a.board, why,
                          os.path.relpath(os.path.join(outdir, 'console.txt'),
                                          REPO), tail))
    say('%s: %d views in %s, in %.0f s' % (
        a.board, sum(1 for i in outputs if outputs[i][1] != 'absent'),
        os.path.relpath(outdir, REPO), took))
    return 0


# --- jc ----------------------------------------------------------------------

def check(a):
    """Parse the saved views of a board with jc's /proc parsers."""
    if not shutil.which('jc'):
        raise Failure('jc is missing: run `bash autograder/setup.sh '
                      'real-linux`')
    outdir = os.path.join(CACHE, a.board)
    if not os.path.isdir(outdir):
        raise Failure('no views of %s yet: run `make real-linux BOARD=%s` '
                      'first' % (a.board, a.board))
    bad = 0
    for name, parser in sorted(JC_PARSERS.items()):
        path = os.path.join(outdir, name + '.txt')
        if not os.path.exists(path):
            say('%-13s not saved' % name)
            continue
        with open(path) as f:
            text = f.read()
        p = subprocess.run(['jc', '--proc-' + parser], input=text,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True)
        try:
            data = json.loads(p.stdout) if p.returncode == 0 else None
        except ValueError:
            data = None
        if data:
            n = len(data) if isinstance(data, (list, dict)) else 1
            say('%-13s parses (jc --proc-%s: %d %s)' % (
                name, parser, n, 'entries' if isinstance(data, list)
                else 'fields'))
        else:
            bad += 1
            say('%-13s does NOT parse (jc --proc-%s): %s' % (
                name, parser, (p.stderr.strip() or 'empty result')[:200]))
    return 1 if bad else 0


def main():
    ap = argparse.ArgumentParser(
        description=__doc__.split('\n')[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split('\n', 1)[1])
    ap.add_argument('--board', default='vexpress-256m')
    ap.add_argument('--script', help='a `make shell` script')
    ap.add_argument('--tree', help='where the .dts files are (default: '
                    'solutions/, else labs/)')
    ap.add_argument('--append', default='',
                    help='more kernel arguments, e.g. "earlycon"')
    ap.add_argument('--module', action='append', metavar='NAME',
                    help='put the package\'s NAME.ko in the initramfs as '
                    '/NAME.ko (repeatable); alone, run the modules\' session')
    ap.add_argument('--timeout', type=int, default=BOOT_TIMEOUT,
                    help='seconds for the boot and the commands (%(default)s)')
    ap.add_argument('--check', action='store_true',
                    help='parse the saved views with jc')
    ap.add_argument('--fetch', action='store_true',
                    help='only fetch and check the packages')
    ap.add_argument('--verbose', action='store_true',
                    help='print the QEMU command line')
    a = ap.parse_args()
    try:
        if a.fetch:
            debs = fetch()
            for d in debs.values():
                say('%s %s: %s' % (d['package'], d['version'],
                                   os.path.join('build', 'real-linux',
                                                d['file'])))
            return 0
        return check(a) if a.check else run(a)
    except Failure as e:
        sys.stderr.write('real-linux: %s\n' % e)
        return 1


if __name__ == '__main__':
    sys.exit(main())
