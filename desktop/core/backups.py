"""Rotating backups of the user's database, thinning, restore, and recovery at start-up.

Backups are whole-database copies made with SQLite's backup API into
`<data>/backups/mlcoach-YYYYMMDD-HHMMSS.db`. Thinning keeps the newest 10, plus
the newest of each day for a week and of each ISO week for a month.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from desktop.core.store import DB_NAME, Clock, Store, StoreError, is_healthy, summarize, utc_now
from desktop.core.wording import count

BACKUP_DIR = "backups"
_PREFIX, _SUFFIX, _STAMP = "mlcoach-", ".db", "%Y%m%d-%H%M%S"
KEEP_LATEST = 10
DAILY_FOR = timedelta(days=7)
WEEKLY_FOR = timedelta(days=31)
INTERVAL = timedelta(minutes=30)  # periodic backups while something changed


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    notes: int
    bookmarks: int

    def describe(self) -> str:
        local = self.taken_at.astimezone()
        return f"{local:%a %d %b %Y, %H:%M} · {count(self.notes, 'note')}, {count(self.bookmarks, 'bookmark')}"


def backup_name(at: datetime) -> str:
    return f"{_PREFIX}{at.astimezone(UTC):{_STAMP}}{_SUFFIX}"


def backup_time(path: Path) -> datetime | None:
    name = path.name
    if not (name.startswith(_PREFIX) and name.endswith(_SUFFIX)):
        return None
    try:
        return datetime.strptime(name[len(_PREFIX) : -len(_SUFFIX)], _STAMP).replace(tzinfo=UTC)
    except ValueError:
        return None


def thin(times: Iterable[datetime], now: datetime) -> set[datetime]:
    """Which backups to keep: the last KEEP_LATEST, one a day for a week, one a week for a month."""
    ordered = sorted(set(times), reverse=True)
    keep = set(ordered[:KEEP_LATEST])
    days: set[object] = set()
    weeks: set[object] = set()
    for t in ordered:  # newest first, so the first seen in each bucket is the newest of it
        age = now - t
        if age <= DAILY_FOR and t.date() not in days:
            days.add(t.date())
            keep.add(t)
        week = t.isocalendar()[:2]
        if age <= WEEKLY_FOR and week not in weeks:
            weeks.add(week)
            keep.add(t)
    return keep


def backup_paths(folder: Path) -> list[tuple[datetime, Path]]:
    found = [(t, p) for p in folder.glob(f"{_PREFIX}*{_SUFFIX}") if (t := backup_time(p)) is not None]
    return sorted(found, reverse=True)


def list_backups(folder: Path) -> list[BackupInfo]:
    """Every readable backup, newest first, with what it holds."""
    infos = []
    for taken, path in backup_paths(folder):
        try:
            counts = summarize(path)
        except Exception:
            continue
        infos.append(BackupInfo(path, taken, counts["notes"], counts["bookmarks"]))
    return infos


def make_backup(store: Store, folder: Path, clock: Clock = utc_now) -> Path:
    """Back up now, then thin the folder."""
    now = clock()
    path = folder / backup_name(now)
    store.backup_to(path)
    prune(folder, now)
    return path


def prune(folder: Path, now: datetime) -> list[Path]:
    existing = backup_paths(folder)
    keep = thin((t for t, _ in existing), now)
    removed = [p for t, p in existing if t not in keep]
    for p in removed:
        p.unlink(missing_ok=True)
    return removed


def restore_backup(store: Store, backup: Path, folder: Path, clock: Clock = utc_now) -> Path:
    """Replace the live data with `backup`, after backing up the current state. Returns that safety copy."""
    if not is_healthy(backup):
        raise StoreError(f"{backup.name} is damaged and cannot be restored")
    safety = folder / backup_name(clock())
    if safety == backup:  # same second as the chosen backup: keep both
        safety = safety.with_name(safety.stem + "-before-restore" + _SUFFIX)
    store.backup_to(safety)
    store.replace_with(backup)
    return safety


# ------------------------------------------------------------------ start-up


@dataclass
class Opened:
    store: Store
    messages: list[str] = field(default_factory=list)  # plain words for the user, if anything went wrong


def open_data(data_dir: Path, clock: Clock = utc_now) -> Opened:
    """Open the user's database, whatever state it is in. The app always starts.

    - damaged database: moved aside (never deleted), newest good backup restored, user told;
    - folder that cannot be written: opened read-only, user told;
    """
    db = data_dir / DB_NAME
    folder = data_dir / BACKUP_DIR
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        writable = os.access(data_dir, os.W_OK)
    except OSError:
        writable = False
    if not writable:
        return Opened(
            Store.open_read_only(db if db.exists() else None, clock),
            [f"Your data folder {data_dir} can't be written to, so notes and progress can't be saved. "
             "You can still browse and study; anything you type stays on screen, marked unsaved. "
             "Fix the folder's permissions or start with --data-dir to choose another folder."],
        )
    messages: list[str] = []
    if db.exists() and not is_healthy(db):
        messages.append(_recover(db, folder, clock))
    try:
        return Opened(Store.open(db, clock), messages)
    except StoreError:
        # Healthy on disk but unusable (e.g. written by a newer version): keep it, start afresh beside it.
        kept = _move_aside(db, clock)
        messages.append(f"Your data file could not be opened by this version, so it was kept as {kept.name} "
                        "and a new one was started.")
        return Opened(Store.open(db, clock), messages)


def _recover(db: Path, folder: Path, clock: Clock) -> str:
    kept = _move_aside(db, clock)
    for taken, path in backup_paths(folder):
        if is_healthy(path):
            import shutil  # only recovery needs it

            shutil.copyfile(path, db)
            local = taken.astimezone()
            return (f"Your data file was damaged. It was kept as {kept.name}, and your notes were restored "
                    f"from the backup of {local:%d %b %Y at %H:%M}. Anything written after that backup "
                    "could not be recovered.")
    return (f"Your data file was damaged and there was no backup to restore. It was kept as {kept.name}, "
            "and a new, empty one was started.")


def _move_aside(db: Path, clock: Clock) -> Path:
    stamp = clock().astimezone(UTC).strftime(_STAMP)
    kept = db.with_name(f"{db.name}.damaged-{stamp}")
    db.replace(kept)
    for extra in ("-wal", "-shm"):  # the journal belongs to the damaged file
        side = db.with_name(db.name + extra)
        if side.exists():
            side.replace(kept.with_name(kept.name + extra))
    return kept
