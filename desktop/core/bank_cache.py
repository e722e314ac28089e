"""A prepared question bank: the parsed questions and their search index saved in one file, reused while
the content and the code that reads it are unchanged, so a launch need not parse and index every file.

A cache file is a magic line, one line of JSON and a pickled payload (the Bank and the index's SQLite
snapshot). The JSON holds `code`, a hash of the modules that parse and index (with the Python and
SQLite versions), `content`, a hash of every file load_bank reads (names and bytes, per root, in
order), and the payload's length and CRC32. A file is used only when all of them match and the index
covers exactly the bank's questions; anything else (missing, stale, truncated, damaged, written by
another version) is a miss, and the caller parses as before. So it is never a wrong bank.

Question and problem paths are stored relative to their root and rebased on reading, so a file built
at packaging time is right wherever the app is installed. Pickle is fine here: the files are the app's
own, in its bundle or in folders only the user can write.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import sqlite3
import sys
import time
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from desktop.core import bank as bank_module
from desktop.core import search as search_module
from desktop.core.bank import Bank, Problem, Question, question_files
from desktop.core.search import SearchIndex

FORMAT = 1  # raise when the layout of the file changes
MAGIC = b"mlcoach-bank-cache\n"
LEFTOVER_AGE_S = 120  # a half-written file this old belongs to no running writer
_ROOT_MARK = "\x00"  # "<root number>\x00<path inside it>": a stored path, relative to its root


@dataclass(frozen=True)
class Prepared:
    bank: Bank
    index: SearchIndex


@cache
def code_key() -> str | None:
    """What the stored objects depend on besides the content: the parser's and the indexer's code (the
    .py files from source, the .pyc files in a frozen bundle, whose shipped cache that same bundle wrote).
    None if they cannot be read: then nothing is cached."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{FORMAT} {sys.version_info[:2]} {sqlite3.sqlite_version}".encode())
    for module in (bank_module, search_module):
        try:
            digest.update(Path(str(module.__file__)).read_bytes())
        except OSError:
            return None
    return digest.hexdigest()


class BankCache:
    """The cache for one list of content roots (the bundled bank, then the user's decks)."""

    def __init__(self, roots: Sequence[Path]) -> None:
        self.roots = tuple(roots)
        self._content: str | None = None
        self.miss = ""  # why the last read() found nothing usable, in words (for tests and diagnostics)

    def content_key(self) -> str:
        """A hash of every file load_bank reads under the roots: their names and their bytes."""
        if self._content is None:
            digest = hashlib.blake2b(digest_size=20)
            for i, root in enumerate(self.roots):
                digest.update(f"\x00root {i}\x00".encode())
                skip = len(os.fspath(root)) + 1  # names inside the root, as strings: pathlib costs more than hashing
                for path in [os.fspath(root / "categories.yaml"), *map(os.fspath, question_files(root))]:
                    digest.update(f"\x00{path[skip:]}\x00".encode())
                    try:
                        with open(path, "rb") as f:
                            digest.update(f.read())
                    except OSError as exc:  # missing or unreadable: load_bank reports it; the key records it
                        digest.update(f"\x00unreadable {exc.errno}".encode())
            self._content = digest.hexdigest()
        return self._content

    def read(self, path: Path) -> Prepared | None:
        """The bank and index stored at `path`, if it is a complete cache of exactly this content."""
        try:
            data = path.read_bytes()
        except OSError as exc:
            self.miss = f"cannot read: {exc.strerror or exc}"
            return None
        try:
            return self._parse(data)
        except Exception as exc:  # a damaged file can fail in any way: it is a miss, never an error
            self.miss = f"damaged: {type(exc).__name__}: {exc}"
            return None

    def _parse(self, data: bytes) -> Prepared | None:
        if not data.startswith(MAGIC):
            self.miss = "not a bank cache"
            return None
        end = data.index(b"\n", len(MAGIC))
        header = json.loads(data[len(MAGIC):end])
        payload = memoryview(data)[end + 1:]
        if code_key() is None or header.get("code") != code_key():
            self.miss = "written by other code"
            return None
        if header.get("content") != self.content_key():
            self.miss = "the content changed"
            return None
        if header.get("length") != len(payload) or header.get("crc") != zlib.crc32(payload):
            self.miss = "damaged: the payload does not match its checksum"
            return None
        bank, snapshot = pickle.loads(payload)
        if not isinstance(bank, Bank) or not isinstance(snapshot, bytes):
            self.miss = "damaged: unexpected payload"
            return None
        self._rebase(bank)
        return Prepared(bank, SearchIndex.restore(bank.questions, snapshot))

    def write(self, path: Path, bank: Bank, snapshot: bytes) -> bool:
        """Store `bank` and its index snapshot at `path` (atomically); False if the folder cannot be written."""
        if code_key() is None:
            return False
        payload = pickle.dumps((self._relative(bank), snapshot), protocol=pickle.HIGHEST_PROTOCOL)
        header = json.dumps({"code": code_key(), "content": self.content_key(), "length": len(payload),
                             "crc": zlib.crc32(payload)}).encode()
        tmp = path.with_name(f".{path.name}.{os.getpid()}.partial")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            for leftover in path.parent.glob(f".{path.name}.*.partial"):  # a writer killed half-way
                if time.time() - leftover.stat().st_mtime > LEFTOVER_AGE_S:
                    leftover.unlink()
            with open(tmp, "wb") as f:
                f.write(MAGIC + header + b"\n")
                f.write(payload)
            os.replace(tmp, path)  # a reader sees the old file or the new one, never half of one
        except OSError:
            with contextlib.suppress(OSError):  # the folder itself may be what failed
                tmp.unlink()
            return False
        return True

    # Paths are stored as "<root number>\x00<relative path>", so the file does not depend on where it was made.

    def _relative(self, bank: Bank) -> Bank:
        from dataclasses import replace

        return Bank(bank.categories, tuple(replace(q, path=self._to_relative(q.path)) for q in bank.questions),
                    tuple(replace(p, path=self._to_relative(p.path)) for p in bank.problems))

    def _to_relative(self, path: str) -> str:
        for i, root in enumerate(self.roots):
            if Path(path).is_relative_to(root):
                return f"{i}{_ROOT_MARK}{Path(path).relative_to(root).as_posix()}"
        return path

    def _rebase(self, bank: Bank) -> None:
        """Turn stored paths back into real ones, in place: these objects were just unpickled and are not
        shared or hashed yet, and rebuilding 541 frozen dataclasses would cost more than the rest."""
        items: list[Question | Problem] = [*bank.questions, *bank.problems]
        for item in items:
            number, mark, rest = item.path.partition(_ROOT_MARK)
            if mark:
                object.__setattr__(item, "path", str(self.roots[int(number)] / rest))


# ------------------------------------------------------------------ at start-up

REWRITE_AFTER = 16  # notes changed since the data folder's cache was written: write it again


@dataclass(frozen=True)
class CacheFiles:
    """Where prepared banks are looked for, in this order, and written."""

    mine: Path | None  # in the data folder: its index holds the user's notes too
    shared: Path | None  # in the user's cache folder, no notes: written after a parse
    shipped: Path | None = None  # built at packaging time, never written


SHARED_PREFIX, SHARED_SUFFIX = "bank-", ".cache"
SHARED_KEPT = 3  # shared files kept: the newest, for the lists of roots (data folders, deck sets) used last


def shared_name(roots: Sequence[Path]) -> str:
    """One shared file per list of roots, so data folders with different decks do not evict each other."""
    digest = hashlib.blake2b(repr([os.fspath(r) for r in roots]).encode(), digest_size=6).hexdigest()
    return f"{SHARED_PREFIX}{digest}{SHARED_SUFFIX}"


class Preparation:
    """The bank and its index, from the first usable cache file in `files`, else parsed by `parse`.

    Then add_notes() brings the user's notes into the index, and write() saves whatever cache files
    are missing or stale: a caller runs it once the bank is on screen, as writing takes a few tens of
    ms that need not delay it.
    """

    def __init__(self, roots: Sequence[Path], files: CacheFiles,
                 parse: Callable[[Callable[[], None] | None], Bank],
                 breathe: Callable[[], None] | None = None) -> None:
        self._cache = BankCache(roots)
        self._files = files
        self._breathe = breathe
        self._writes: list[tuple[Path, Bank, bytes]] = []
        found = None
        self.source: Path | None = None  # the cache file used; None when the bank was parsed
        for path in (files.mine, files.shared, files.shipped):
            if path is not None and (found := self._cache.read(path)) is not None:
                self.source = path
                break
        if found is None:
            bank = parse(breathe)
            index = SearchIndex()
            index.add(bank.questions, {}, breathe)
            if files.shared is not None:
                self._writes.append((files.shared, bank, index.snapshot()))
            found = Prepared(bank, index)
        self.bank, self.index = found.bank, found.index

    def add_notes(self, notes: dict[str, str], keep: bool = True) -> int:
        """Index `notes`; returns how many questions' notes differed from the cached index's. With `keep`
        (the data folder can be written), many differences are saved in the data folder's own file."""
        changed = self.index.sync_notes(notes, self._breathe)
        mine = self._files.mine
        if keep and mine is not None:
            if changed >= REWRITE_AFTER:
                self._writes.append((mine, self.bank, self.index.snapshot()))  # now: the UI thread owns it next
            elif self.source != mine:  # a stale one would be read and refused at every launch
                with contextlib.suppress(OSError):
                    mine.unlink()
        return changed

    def write(self) -> None:
        for path, bank, snapshot in self._writes:
            if self._cache.write(path, bank, snapshot) and path == self._files.shared:
                prune_shared(path)
        self._writes.clear()


def prune_shared(kept: Path, keep: int = SHARED_KEPT) -> None:
    """Remove all but the `keep` newest shared files beside `kept` (which was just written). Each list of
    roots has its own file, so every deck imported left a ~7 MB file behind for a bank no longer studied;
    one evicted by mistake costs a single parse (~1 s) at its next launch."""
    others = []
    for sibling in kept.parent.glob(f"{SHARED_PREFIX}*{SHARED_SUFFIX}"):
        with contextlib.suppress(OSError):  # another app may be pruning too
            if sibling != kept:
                others.append((sibling.stat().st_mtime, sibling))
    for _mtime, stale in sorted(others, reverse=True)[keep - 1:]:
        with contextlib.suppress(OSError):
            stale.unlink()


def build(bank: Bank, root: Path, out: Path) -> int:
    """Index `bank`, parsed from `root`, and write both to `out` (the package step ships it); an exit code."""
    if bank.problems:
        for problem in bank.problems:
            print(problem, file=sys.stderr)
        return 1
    index = SearchIndex()
    index.add(bank.questions)
    if not BankCache([root]).write(out, bank, index.snapshot()):
        print(f"could not write {out}", file=sys.stderr)
        return 1
    print(f"{len(bank.questions)} questions prepared in {out}")
    return 0
