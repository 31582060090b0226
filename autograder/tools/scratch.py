#!/usr/bin/env python3
"""A scratch tree that is rebuilt incrementally as its content changes.

Validity, mutants and the grader's self-test build many trees that
differ from each other in a few files: solutions/ with some chapters
stubbed, with one bug planted, with one attack.  Each tool keeps one
folder and one build directory; sync() rewrites only the files whose
content changed, so make recompiles only those files and what depends
on them (seconds, not a full build per tree).

    tree = ScratchTree('build/validity/tree')
    tree.sync(generated_dir)       # content of generated_dir, in place
    tree.digest()                  # a hash of the content, for caches
"""
import hashlib
import os
import shutil
import sys
import tempfile

TOOLS = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, TOOLS)
import labgen  # noqa: E402


def files_of(top):
    """Sorted relative paths of the regular files under TOP."""
    out = []
    for root, dirs, names in os.walk(top):
        dirs.sort()
        for n in sorted(names):
            out.append(os.path.relpath(os.path.join(root, n), top))
    return out


class ScratchTree:
    def __init__(self, path):
        self.path = os.path.abspath(path)
        os.makedirs(self.path, exist_ok=True)

    def sync(self, src):
        """Make the tree's content that of folder SRC; returns the paths
        written (changed or new) and removed."""
        return self._sync({rel: os.path.join(src, rel)
                           for rel in files_of(src)})

    def sync_content(self, files):
        """Make the tree's content FILES, {path: bytes}; returns the
        paths written and removed."""
        return self._sync(files)

    def _sync(self, want):
        """WANT: {path: bytes or the file to read them from}.  A file is
        written (with a fresh time, so make rebuilds what depends on it)
        only when its content differs."""
        changed = []
        for rel in sorted(want):
            data = want[rel]
            if isinstance(data, str):
                with open(data, 'rb') as f:
                    data = f.read()
            b = os.path.join(self.path, rel)
            try:
                with open(b, 'rb') as f:
                    if f.read() == data:
                        continue
            except OSError:
                os.makedirs(os.path.dirname(b), exist_ok=True)
            with open(b + '.new', 'wb') as f:
                f.write(data)
            os.replace(b + '.new', b)
            changed.append(rel)
        for rel in files_of(self.path):
            if rel not in want:
                os.remove(os.path.join(self.path, rel))
                changed.append(rel)
        return changed

    def sync_generated(self, src, solved_below=None):
        """Sync to labgen's tree of SRC with chapters before SOLVED_BELOW
        solved (None: solutions itself)."""
        if solved_below is None:
            return self.sync(src)
        tmp = tempfile.mkdtemp(prefix='scratch-')
        try:
            labgen.generate(src, tmp, solved_below)
            return self.sync(tmp)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    def digest(self, *extra_dirs):
        """A hash of the tree's content and of EXTRA_DIRS' files."""
        return digest_dirs(self.path, *extra_dirs)


def digest_dirs(*dirs):
    """A hash of the names and contents of every file under DIRS."""
    h = hashlib.sha256()
    for top in dirs:
        for rel in files_of(top):
            if '__pycache__' in rel:
                continue
            h.update(rel.encode() + b'\0')
            with open(os.path.join(top, rel), 'rb') as f:
                h.update(hashlib.sha256(f.read()).digest())
    return h.hexdigest()
