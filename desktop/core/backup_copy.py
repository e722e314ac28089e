"""One backup file: a consistent copy of the user's database, compressed, that says what it holds.

A copy is taken with SQLite's backup API through its own read-only connection, so it can be made on
any thread while the app goes on writing (WAL gives it a consistent snapshot). It is compressed with
zstd (level 3: a year of data, 58 MB, becomes about 11 MB in 0.2 s), and a zstd skippable frame in
front holds its note and bookmark counts as JSON, so the restore list can describe a backup without
unpacking it. `zstd -d` unpacks one by hand. Backups made before this were plain SQLite files
(`.db`); they are read as they are.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from desktop.core.store import summarize

PACKED = ".zst"  # a compressed backup is named <name>.db.zst; a plain one <name>.db
LEVEL = 3
_SKIPPABLE = 0x184D2A5B  # one of zstd's skippable-frame magic numbers (0x184D2A50-0x184D2A5F)
_FRAME_HEAD = struct.Struct("<II")  # magic, length of what follows


def is_packed(path: Path) -> bool:
    return path.name.endswith(PACKED)


def write(db: Path, dest: Path) -> Path:
    """Copy the database at `db` into `dest` (compressed when `dest` ends in .zst). Nothing is left at
    `dest` unless the whole copy is there: work files end in .partial (tidy_leftovers removes strays)."""
    plain = dest.with_name(dest.name + ".copy.partial") if is_packed(dest) else dest.with_name(dest.name + ".partial")
    packed = dest.with_name(dest.name + ".partial")
    dest.parent.mkdir(parents=True, exist_ok=True)
    try:
        source = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
        try:
            target = sqlite3.connect(plain)
            try:
                source.backup(target)
            finally:
                target.close()
        finally:
            source.close()
        if is_packed(dest):
            _compress(plain, packed, summarize(plain))
        packed.replace(dest)
    finally:
        for work in {plain, packed}:
            _remove(work)
    return dest


def holds(path: Path) -> dict[str, int]:
    """What a backup holds (notes, bookmarks), read from its header frame, or from the plain database."""
    if not is_packed(path):
        return summarize(path)
    with open(path, "rb") as f:
        head = f.read(_FRAME_HEAD.size)
        magic, length = _FRAME_HEAD.unpack(head) if len(head) == _FRAME_HEAD.size else (0, 0)
        if magic != _SKIPPABLE:
            raise ValueError(f"{path.name} is not a backup made by this app")
        counts = json.loads(f.read(length))
    return {"notes": int(counts["notes"]), "bookmarks": int(counts["bookmarks"])}


@contextlib.contextmanager
def unpacked(path: Path) -> Iterator[Path]:
    """The backup as a plain SQLite file: itself if plain, else unpacked next to it for as long as needed."""
    if not is_packed(path):
        yield path
        return
    import zstandard

    plain = path.with_name(path.name + ".unpacked.partial")
    try:
        try:
            with open(path, "rb") as src, open(plain, "wb") as out:
                _skip_header(src)
                zstandard.ZstdDecompressor().copy_stream(src, out)
        except zstandard.ZstdError as exc:
            raise ValueError(f"{path.name} cannot be unpacked: {exc}") from exc
        yield plain
    finally:
        _remove(plain)


def _remove(work: Path) -> None:
    """A work file and the journal files SQLite leaves beside a WAL database that was only read."""
    for path in (work, *(work.with_name(work.name + side) for side in ("-wal", "-shm", "-journal"))):
        with contextlib.suppress(OSError):
            path.unlink()


def _compress(plain: Path, out: Path, counts: dict[str, int]) -> None:
    import zstandard  # only backups need it, and they run after the start-up

    header = json.dumps(counts).encode()
    with open(plain, "rb") as src, open(out, "wb") as dst:
        dst.write(_FRAME_HEAD.pack(_SKIPPABLE, len(header)) + header)
        zstandard.ZstdCompressor(level=LEVEL).copy_stream(src, dst, size=plain.stat().st_size)


def _skip_header(f: BinaryIO) -> None:
    head = f.read(_FRAME_HEAD.size)
    magic, length = _FRAME_HEAD.unpack(head) if len(head) == _FRAME_HEAD.size else (0, 0)
    f.seek(_FRAME_HEAD.size + length if magic == _SKIPPABLE else 0)
