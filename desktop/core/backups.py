"""Rotating backups of the user's database, thinning, restore, and recovery at start-up.

Backups are whole-database copies (core.backup_copy: SQLite's backup API, then zstd) in
`<data>/backups/mlcoach-YYYYMMDD-HHMMSS-NNNNNN.db.zst`: the time it was taken (UTC) and a sequence
number that only goes up. "Newest" always means the highest sequence number, the last one
written, because the clock can go backwards. Thinning keeps the newest 10, plus the newest of
each day for a week and of each ISO week for a month, and never judges one dated in the future.
Backups from before compression (`.db`, plain SQLite files) are listed, thinned and restored alike.
"""

from __future__ import annotations

import contextlib
import filecmp
import os
import re
import shutil
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from desktop.core import backup_copy
from desktop.core.note_store import UserData, read_user_data
from desktop.core.store import (
    BUSY_TIMEOUT_S,
    DB_NAME,
    Clock,
    Health,
    Store,
    StoreError,
    copy_database,
    diagnose,
    health_of,
    is_healthy,
    migrate,
    utc_now,
)
from desktop.core.wording import count

BACKUP_DIR = "backups"
_STAMP = "%Y%m%d-%H%M%S"
# mlcoach-20261206-054100.db (before sequence numbers) or mlcoach-20261206-054100-000042.db
_NAME = re.compile(r"^mlcoach-(\d{8}-\d{6})(?:-(\d{6,}))?\.db(?:\.zst)?$")
KEEP_LATEST = 10
DAILY_FOR = timedelta(days=7)
WEEKLY_FOR = timedelta(days=31)
INTERVAL = timedelta(minutes=30)  # periodic backups while something changed
LEFTOVER_AGE_S = 120  # a half-written file untouched this long belongs to no running backup or import


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    notes: int
    bookmarks: int

    def describe(self) -> str:
        local = self.taken_at.astimezone()
        return f"{local:%a %d %b %Y, %H:%M} · {count(self.notes, 'note')}, {count(self.bookmarks, 'bookmark')}"


@dataclass(frozen=True, order=True)
class BackupFile:
    """One complete backup. Ordered by when it was made: sequence first, the (fallible) clock second."""

    seq: int
    taken_at: datetime
    path: Path = field(compare=False)


def backup_name(at: datetime, seq: int) -> str:
    return f"mlcoach-{at.astimezone(UTC):{_STAMP}}-{seq:06d}.db{backup_copy.PACKED}"


def parse_backup_name(path: Path) -> BackupFile | None:
    match = _NAME.match(path.name)
    if match is None:
        return None
    try:
        taken = datetime.strptime(match[1], _STAMP).replace(tzinfo=UTC)
    except ValueError:
        return None
    return BackupFile(int(match[2] or 0), taken, path)


def backup_files(folder: Path) -> list[BackupFile]:
    """Every complete backup in `folder`, newest (last made) first."""
    found = [b for p in folder.glob("mlcoach-*.db*") if (b := parse_backup_name(p)) is not None]
    return sorted(found, reverse=True)


def next_backup_path(folder: Path, clock: Clock) -> Path:
    files = backup_files(folder)
    return folder / backup_name(clock(), (files[0].seq if files else 0) + 1)


def thin(files: list[BackupFile], now: datetime) -> set[Path]:
    """Which backups to keep: the last KEEP_LATEST made, one a day for a week, one a week for a month.

    One dated after `now` means the clock went back since it was made: it is kept, not judged.
    """
    ordered = sorted(files, reverse=True)
    keep = {b.path for b in ordered[:KEEP_LATEST]}
    days: set[object] = set()
    weeks: set[object] = set()
    for b in ordered:  # newest first, so the first seen in each bucket is the newest of it
        age = now - b.taken_at
        if age < timedelta(0):
            keep.add(b.path)
            continue
        if age <= DAILY_FOR and b.taken_at.date() not in days:
            days.add(b.taken_at.date())
            keep.add(b.path)
        week = b.taken_at.isocalendar()[:2]
        if age <= WEEKLY_FOR and week not in weeks:
            weeks.add(week)
            keep.add(b.path)
    return keep


def list_backups(folder: Path) -> list[BackupInfo]:
    """Every readable backup, newest first, with what it holds."""
    infos = []
    for b in backup_files(folder):
        try:
            counts = backup_copy.holds(b.path)
        except Exception:
            continue
        infos.append(BackupInfo(b.path, b.taken_at, counts["notes"], counts["bookmarks"]))
    return infos


_writing = threading.Lock()  # one backup at a time: each takes the next sequence number in the folder


def make_backup(store: Store, folder: Path, clock: Clock = utc_now) -> Path:
    """Back up now, then thin the folder (on the store's thread; write_backup does the rest anywhere)."""
    store.mark_backed_up()
    return write_backup(store_file(store), folder, clock)


def write_backup(db: Path, folder: Path, clock: Clock = utc_now, thin_after: bool = True) -> Path:
    """Copy the database at `db` into `folder` as its newest backup, then thin the folder. Reads `db`
    through its own connection, so a worker thread can run it while the app goes on (DataController)."""
    return back_up(db, folder, clock, thin_after)[0]


def back_up(db: Path, folder: Path, clock: Clock = utc_now, thin_after: bool = True) -> tuple[Path, bool]:
    """write_backup(), saying whether the backup is new: when the copy holds byte for byte what the newest
    backup holds (the data is unchanged since), that one stands for it and no new one is kept. Else each
    retried import, restore or backup of unchanged data would push a real earlier state out of the kept set."""
    with _writing:
        writable(folder)
        files = backup_files(folder)
        path = backup_copy.write(db, next_backup_path(folder, clock))
        if files and backup_copy.is_packed(files[0].path) and filecmp.cmp(files[0].path, path, shallow=False):
            path.unlink()
            return files[0].path, False
        if thin_after:
            prune(folder, clock())
    return path, True


def writable(folder: Path) -> None:
    """Make `folder` if need be; StoreError, in words, if backups cannot be written into it. (Else SQLite says
    only 'unable to open database file', as if the user's database were broken, and a restore, whose work files
    go there too, called every backup 'damaged'.)"""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"the backups folder {folder} cannot be made ({exc.strerror or exc})") from exc
    if not os.access(folder, os.W_OK | os.X_OK):
        raise StoreError(f"the backups folder {folder} cannot be written to (permission denied)")


def store_file(store: Store) -> Path:
    if store.path is None:
        raise StoreError("there is no database file to back up")
    return store.path


def prune(folder: Path, now: datetime) -> list[Path]:
    existing = backup_files(folder)
    keep = thin(existing, now)
    removed = [b.path for b in existing if b.path not in keep]
    for p in removed:
        p.unlink(missing_ok=True)
    return removed


def restore_backup(store: Store, backup: Path, folder: Path, clock: Clock = utc_now) -> Path:
    """Replace the live data with `backup`, after backing up the current state. Returns that safety copy."""
    store.mark_backed_up()
    safety = restore_file(store_file(store), backup, folder, clock)
    store.replaced()
    return safety


def restore_file(db: Path, backup: Path, folder: Path, clock: Clock = utc_now) -> Path:
    """The work of a restore, on any thread: unpack and check `backup`, back up the database at `db` as it
    is, then copy the backup over it through its own connection. Returns the safety copy; the store
    that has `db` open must then be told (Store.replaced). Raises StoreError, changing nothing, if the
    backup is damaged."""
    try:
        writable(folder)  # the safety copy goes there (and a compressed backup is unpacked beside itself)
    except StoreError as exc:
        raise StoreError(f"{exc}, so your data as it is now could not be kept first") from exc
    with contextlib.ExitStack() as stack:
        try:
            plain = stack.enter_context(backup_copy.unpacked(backup))
        except ValueError as exc:  # a compressed file cut short or scrambled
            raise StoreError(f"{backup.name} is damaged and cannot be restored ({exc})") from exc
        except OSError as exc:  # the disk, not the backup: full, or the file unreadable
            raise StoreError(f"{backup.name} could not be unpacked ({exc.strerror or exc})") from exc
        if not is_healthy(plain):
            raise StoreError(f"{backup.name} is damaged and cannot be restored")
        safety = write_backup(db, folder, clock, thin_after=False)
        copy_database(plain, db)
    return safety


def read_restored(db: Path) -> UserData | None:
    """After `restore_file`, on the same thread: bring the restored database's schema forward through a
    connection of its own and read its notes and bookmarks, for `Store.replaced` to hand on. None if that
    fails: the restore itself is done, and the UI thread's store migrates and reads them as before."""
    try:
        conn = sqlite3.connect(db, timeout=BUSY_TIMEOUT_S)
        try:
            migrate(conn)
        finally:
            conn.close()
        return read_user_data(db)
    except sqlite3.Error:
        return None


# ------------------------------------------------------------------ start-up


@dataclass
class Opened:
    store: Store
    messages: list[str] = field(default_factory=list)  # plain words for the user, if anything went wrong


def check_ahead(data_dir: Path) -> Callable[[], Health]:
    """Start checking the user's database now, on a thread: SQLite reads it without holding the GIL, so
    the check overlaps the start-up's other work. The returned function waits for the answer, for open_data."""
    found: list[Health] = []
    thread = threading.Thread(target=lambda: found.append(diagnose(data_dir / DB_NAME, quick=True)),
                              name="check-data", daemon=True)
    thread.start()

    def result() -> Health:
        thread.join()
        return found[0] if found else diagnose(data_dir / DB_NAME, quick=True)

    return result


def open_data(data_dir: Path, clock: Clock = utc_now, checked: Callable[[], Health] | None = None) -> Opened:
    """Open the user's database, whatever state it is in. The app always starts, and says what it did.

    Only a file SQLite reports as corrupt (or that is not a database) is damaged: it is moved aside
    under a name never used before and the newest good backup restored. A zero-byte file is set
    aside the same way when a backup can replace it. Everything else (a full disk, a lock held by
    another program, a read-only file or folder, a file from a newer version) is a circumstance:
    the file stays exactly where and as it is, and the app opens read-only and says why.
    """
    db = data_dir / DB_NAME
    folder = data_dir / BACKUP_DIR
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        writable = os.access(data_dir, os.W_OK)
    except OSError:
        writable = False
    if data_dir.exists() and not data_dir.is_dir():  # e.g. --data-dir naming a file by mistake
        return _read_only(db, clock, f"Your data folder {data_dir} is a file, not a folder, so notes and progress "
                          "can't be saved. Start with --data-dir to choose a folder.")
    if not writable:
        return _read_only(db, clock, f"Your data folder {data_dir} can't be written to, so notes and progress "
                          "can't be saved. You can still browse and study; anything you type stays on screen, "
                          "marked unsaved. Fix the folder's permissions or start with --data-dir to choose "
                          "another folder.")
    messages: list[str] = []
    health = checked() if checked is not None else diagnose(db, quick=True)
    if health is Health.DAMAGED:
        messages.append(_recover(db, folder, clock))
    elif health is Health.EMPTY:
        restored = _restore_newest(db, folder, clock, "empty")
        if restored:
            messages.append(restored)
    elif health is not Health.OK and health is not Health.MISSING:
        return _read_only(db, clock, circumstance_message(health, db))
    if health is Health.OK and not os.access(db, os.W_OK):
        return _read_only(db, clock, circumstance_message(Health.READ_ONLY, db))
    try:
        return Opened(Store.open(db, clock), messages)
    except StoreError as exc:  # a circumstance that shows only on opening for writing (e.g. the disk filled)
        cause = exc.__cause__
        found = health_of(cause, data_dir) if isinstance(cause, sqlite3.Error) else Health.UNREADABLE
        return _read_only(db, clock, circumstance_message(found, db), messages)


def circumstance_message(health: Health, db: Path) -> str:
    why = {
        Health.NEWER: "was written by a newer version of ML Interview Coach. Update the app to keep writing to it",
        Health.LOCKED: "is in use by another program. Close it (or another copy of this app) and restart",
        Health.FULL: "can't be written because the disk is full. Free some space and restart",
        Health.READ_ONLY: "is read-only. Make it writable and restart",
        Health.DAMAGED: "could not be read",
    }.get(health, "could not be opened for writing. Check the file's permissions and the disk, then restart")
    return (f"Your data file {db} {why}. It was left exactly as it is and nothing was restored over it; "
            "the app is read-only until then, and anything you type stays on screen, marked unsaved.")


READ_ONLY_BY_CHOICE = ("Opened read-only, as chosen: nothing you do is saved, and anything you type stays on "
                       "screen, marked unsaved.")


def open_read_only(data_dir: Path, message: str, clock: Clock = utc_now) -> Opened:
    """The user's data, read without changing a byte (another copy of the app owns it, or it was asked for)."""
    return _read_only(data_dir / DB_NAME, clock, message)


def _read_only(db: Path, clock: Clock, message: str, earlier: list[str] | None = None) -> Opened:
    store = Store.open_read_only(db if db.exists() else None, clock)
    return Opened(store, [*(earlier or []), message])


def _recover(db: Path, folder: Path, clock: Clock) -> str:
    restored = _restore_newest(db, folder, clock, "damaged")
    if restored:
        return restored
    kept = _move_aside(db, "damaged", clock)
    return (f"Your data file was damaged and there was no backup to restore. It was kept as {kept.name}, "
            "and a new, empty one was started.")


def _restore_newest(db: Path, folder: Path, clock: Clock, why: str) -> str:
    """Set `db` aside and copy the newest good backup in its place; "" (and nothing moved) if none is good."""
    for b in backup_files(folder):
        with contextlib.ExitStack() as stack:
            try:
                plain = stack.enter_context(backup_copy.unpacked(b.path))
            except (OSError, ValueError):  # a compressed backup cut short or scrambled: try the one before it
                continue
            if not is_healthy(plain):
                continue
            kept = _move_aside(db, why, clock)
            shutil.copyfile(plain, db)
        local = b.taken_at.astimezone()
        state = "damaged" if why == "damaged" else "empty"
        return (f"Your data file was {state}. It was kept as {kept.name}, and your notes were restored "
                f"from the backup of {local:%d %b %Y at %H:%M}. Anything written after that backup "
                "could not be recovered.")
    return ""


def _move_aside(db: Path, why: str, clock: Clock) -> Path:
    """Rename `db` (and its journal) to a name no file has: nothing is ever renamed over another file."""
    stamp = clock().astimezone(UTC).strftime(_STAMP)
    n = 1
    while True:
        kept = db.with_name(f"{db.name}.{why}-{stamp}" + (f"-{n}" if n > 1 else ""))
        sides = [kept.with_name(kept.name + extra) for extra in ("-wal", "-shm")]
        if not kept.exists() and not any(p.exists() for p in sides):
            break
        n += 1
    os.rename(db, kept)
    for extra, side_kept in zip(("-wal", "-shm"), sides, strict=True):  # the journal belongs to the kept file
        side = db.with_name(db.name + extra)
        if side.exists():
            os.rename(side, side_kept)
    return kept


def tidy_leftovers(data_dir: Path, now_s: float | None = None) -> list[Path]:
    """Remove what a killed backup or import left behind: half-written backups, their journals, staging folders;
    put back a deck whose update was killed between its two renames.

    Only files untouched for LEFTOVER_AGE_S (either way: the clock may have jumped) are taken, so a
    backup or an import that another process is writing right now is left alone.
    """
    now_s = time.time() if now_s is None else now_s
    folder = data_dir / BACKUP_DIR
    candidates = [*folder.glob("*.partial"), *folder.glob("*.db-wal"), *folder.glob("*.db-shm"),
                  *folder.glob("*.partial-wal"), *folder.glob("*.partial-shm"),
                  *(data_dir / "decks").glob(".staging-*")]
    removed = []
    for aside in (data_dir / "decks").glob(".replaced-*"):  # an update of a deck killed between its two renames
        deck = aside.with_name(aside.name.removeprefix(".replaced-"))
        try:
            if deck.exists():
                candidates.append(aside)  # the new version made it in: the old one is done with
            elif abs(now_s - aside.stat().st_mtime) >= LEFTOVER_AGE_S:
                aside.replace(deck)  # it did not: the old version goes back, nothing is lost
        except OSError:
            continue
    for path in candidates:
        try:
            if abs(now_s - path.stat().st_mtime) < LEFTOVER_AGE_S:
                continue
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
        except OSError:
            continue
        removed.append(path)
    return removed
