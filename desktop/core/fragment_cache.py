"""Rendered HTML fragments kept by what they were rendered from, so a PDF export renders only what changed.

Turning the whole bank's Markdown into HTML (markdown-it, Pygments) costs about 1 s of CPU per export and
gives the same HTML every time. Each fragment is stored under a hash of what it was made from (a
question's fields and the layout), in a file that also records `code`, a hash of the code that renders
(its modules' files, the libraries' versions): a file written by other code is not read. A missing,
stale or damaged file is a miss and everything renders as before, so a stored fragment is never a wrong
one; the user's notes are never stored.

The app reads the file a package ships (built with the prepared bank, read-only) and the one in the
user's cache folder, and writes only the latter, after an export that rendered something new.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import sys
import zlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import ModuleType

from desktop.core.markup import Rendered

MAGIC = b"mlcoach-fragments\n"
FORMAT = 1  # raise when the layout of the file changes
FILE_NAME = "pdf-fragments.cache"
# Beyond this many (about 12 MB; the bundled bank in both layouts is 1,148), a rewrite keeps only what the
# last export used: edited questions' old HTML goes, and the file stays quick to read.
MAX_ENTRIES = 5_000


def code_key(modules: Iterable[ModuleType], versions: Iterable[str]) -> str | None:
    """A hash of the modules' files (the .py from source, the .pyc in a frozen bundle) and of `versions`
    (the libraries they call); None if a file cannot be read: then nothing is stored or read."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{FORMAT} {sys.version_info[:2]} {' '.join(versions)}".encode())
    for module in modules:
        try:
            digest.update(Path(str(module.__file__)).read_bytes())
        except OSError:
            return None
    return digest.hexdigest()


def key(*parts: str) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass") + b"\x00")
    return digest.hexdigest()


class Fragments:
    """The fragments stored in `read_only` files and in `mine`, for code `code`; new ones are saved in `mine`."""

    def __init__(self, code: str | None, mine: Path | None = None, read_only: Sequence[Path] = ()) -> None:
        self.code = code
        self.mine = mine
        self._theirs: dict[str, Rendered] = {}
        self._mine: dict[str, Rendered] = {}
        self._new: dict[str, Rendered] = {}
        self._used: set[str] = set()
        if code is not None:
            for path in read_only:
                self._theirs.update(_read(path, code))
            if mine is not None:
                self._mine = _read(mine, code)

    def get(self, fragment_key: str) -> Rendered | None:
        found = self._new.get(fragment_key) or self._mine.get(fragment_key) or self._theirs.get(fragment_key)
        if found is not None:
            self._used.add(fragment_key)
        return found

    def put(self, fragment_key: str, rendered: Rendered) -> None:
        self._new[fragment_key] = rendered
        self._used.add(fragment_key)

    @property
    def changed(self) -> bool:
        return bool(self._new)

    @property
    def added(self) -> int:
        """How many fragments were put (rendered anew) since the file was read or last saved."""
        return len(self._new)

    def save(self) -> bool:
        """Write `mine` (atomically) if anything new was rendered; False if nothing was written."""
        if not self._new or self.mine is None or self.code is None:
            return False
        entries = {**self._mine, **self._new}
        if len(entries) > MAX_ENTRIES:
            entries = {k: v for k, v in entries.items() if k in self._used}
        if not _write(self.mine, self.code, entries):
            return False
        self._mine, self._new = entries, {}
        return True


def _read(path: Path, code: str) -> dict[str, Rendered]:
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    try:
        if not data.startswith(MAGIC):
            return {}
        end = data.index(b"\n", len(MAGIC))
        header = json.loads(data[len(MAGIC):end])
        payload = memoryview(data)[end + 1:]
        if header.get("code") != code or header.get("length") != len(payload) \
                or header.get("crc") != zlib.crc32(payload):
            return {}
        entries = pickle.loads(payload)
        if not isinstance(entries, dict) or not all(isinstance(v, Rendered) for v in entries.values()):
            return {}
        return entries
    except Exception:  # a damaged file can fail in any way: it is a miss, never an error
        return {}


def _write(path: Path, code: str, entries: dict[str, Rendered]) -> bool:
    payload = pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL)
    header = json.dumps({"code": code, "length": len(payload), "crc": zlib.crc32(payload)}).encode()
    tmp = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as f:
            f.write(MAGIC + header + b"\n")
            f.write(payload)
        os.replace(tmp, path)  # a reader sees the old file or the new one, never half of one
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()
        return False
    return True
