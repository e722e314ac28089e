"""No start ever deletes or replaces data it should not: damage is told from circumstance.

Each case here was seen to lose a note before issue 13: a full disk, a lock held by another
program, a zero-byte file, a newer version's file, a clock that jumped backwards.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop.core import backup_copy, backups
from desktop.core.backups import BACKUP_DIR, make_backup, open_data, tidy_leftovers
from desktop.core.store import DB_NAME, Health, Store, StoreWriteError, diagnose
from tests.core.fakes import FakeClock

NOW = datetime(2026, 6, 30, 12, 0, tzinfo=UTC)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def data_with_note(folder: Path, text: str = "my precious note", clock: FakeClock | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    store = Store.open(folder / DB_NAME, clock or FakeClock(NOW))
    store.note_store.save_note("q", text)
    store.close()
    return folder / DB_NAME


def set_aside(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if ".damaged-" in p.name or ".empty-" in p.name)


# ------------------------------------------------------------------ full disk


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 1 MiB file system (tmpfs) to fill up: the kernel, not a mock, says ENOSPC."""
    mount = tmp_path / "small-disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True)
    assert done.returncode == 0, f"this test mounts a tmpfs as root: {done.stderr!r}"
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(disk: Path) -> None:
    fd = os.open(disk / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError:
        pass
    finally:
        os.close(fd)


def test_a_start_on_a_full_disk_keeps_the_healthy_database_and_shows_its_notes(small_disk: Path) -> None:
    data = small_disk / "data"
    db = data_with_note(data)
    for side in ("-wal", "-shm"):
        (data / (DB_NAME + side)).unlink(missing_ok=True)  # a clean close: the -shm must be created anew
    before = digest(db)
    fill(small_disk)

    opened = open_data(data, FakeClock(NOW))
    assert opened.store.note_store.note("q") == "my precious note"
    assert opened.store.read_only
    assert "disk is full" in opened.messages[0]
    assert digest(db) == before and set_aside(data) == []
    with pytest.raises(StoreWriteError):
        opened.store.note_store.save_note("q", "cannot land")
    opened.store.close()
    # twice in the same second: still nothing moved, nothing overwritten
    again = open_data(data, FakeClock(NOW))
    again.store.close()
    assert digest(db) == before and set_aside(data) == []


def test_a_full_disk_while_running_refuses_the_write_and_the_next_try_lands(small_disk: Path) -> None:
    data = small_disk / "data"
    data_with_note(data)
    store = open_data(data, FakeClock(NOW)).store
    fill(small_disk)
    with pytest.raises(StoreWriteError):
        store.note_store.save_note("q", "x" * 400_000)
    (small_disk / "filler").unlink()
    store.note_store.save_note("q", "x" * 400_000)
    assert store.note_store.note("q") == "x" * 400_000


def test_the_write_layer_reports_an_injected_enospc_as_a_circumstance(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The same path without a tmpfs: SQLite's own 'database or disk is full' from the health check."""
    db = data_with_note(tmp_path)
    before = digest(db)
    real_connect = sqlite3.connect

    def full(*args: object, **kwargs: object) -> sqlite3.Connection:
        if "mode=ro" in str(args[0]) and "immutable" not in str(args[0]):
            exc = sqlite3.OperationalError("database or disk is full")
            exc.sqlite_errorcode = 13  # SQLITE_FULL
            raise exc
        return real_connect(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sqlite3, "connect", full)
    assert diagnose(db) is Health.FULL
    opened = open_data(tmp_path, FakeClock(NOW))
    assert "disk is full" in opened.messages[0] and opened.store.note_store.note("q") == "my precious note"
    assert digest(db) == before and set_aside(tmp_path) == []


# --------------------------------------------------------------------- locked


def test_a_database_locked_by_another_program_is_left_in_place_and_not_restored_over(tmp_path: Path) -> None:
    db = data_with_note(tmp_path, "newest note")
    store = Store.open(db, FakeClock(NOW))
    make_backup(store, tmp_path / BACKUP_DIR, FakeClock(NOW - timedelta(days=1)))
    store.close()
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("PRAGMA locking_mode=EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    try:
        started = time.monotonic()
        opened = open_data(tmp_path, FakeClock(NOW))
        waited = time.monotonic() - started
        assert "in use by another program" in opened.messages[0]
        assert opened.store.read_only and set_aside(tmp_path) == []
        assert waited < 3, "the old 5 s busy wait per check is back"  # not a benchmark: a hang guard
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert Store.open(db).note_store.note("q") == "newest note"


def test_a_write_lock_held_elsewhere_fails_fast_and_the_write_can_be_retried(tmp_path: Path) -> None:
    db = data_with_note(tmp_path)
    store = Store.open(db, FakeClock(NOW))
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    started = time.monotonic()
    with pytest.raises(StoreWriteError):
        store.note_store.save_note("q", "typed while locked")
    assert time.monotonic() - started < 1.5
    other.execute("ROLLBACK")
    store.note_store.save_note("q", "typed while locked")
    assert store.note_store.note("q") == "typed while locked"


# ---------------------------------------------------------- zero-byte, newer


def test_a_zero_byte_database_with_backups_gets_the_newest_backup(tmp_path: Path) -> None:
    clock = FakeClock(NOW)
    db = data_with_note(tmp_path, "older", clock)
    store = Store.open(db, clock)
    make_backup(store, tmp_path / BACKUP_DIR, clock)
    clock.advance(hours=1)
    store.note_store.save_note("q", "newest backed up")
    make_backup(store, tmp_path / BACKUP_DIR, clock)
    store.close()
    for side in ("-wal", "-shm"):
        (tmp_path / (DB_NAME + side)).unlink(missing_ok=True)
    db.write_bytes(b"")

    opened = open_data(tmp_path, clock)
    assert opened.store.note_store.note("q") == "newest backed up"
    assert "empty" in opened.messages[0] and "restored" in opened.messages[0]
    kept = set_aside(tmp_path)
    assert len(kept) == 1 and kept[0].stat().st_size == 0


def test_a_zero_byte_database_without_backups_simply_starts_fresh(tmp_path: Path) -> None:
    (tmp_path / DB_NAME).write_bytes(b"")
    opened = open_data(tmp_path, FakeClock(NOW))
    assert opened.messages == [] and not opened.store.read_only
    opened.store.note_store.save_note("q", "works")


def test_a_newer_versions_database_is_opened_read_only_and_never_renamed(tmp_path: Path) -> None:
    db = data_with_note(tmp_path)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    before = digest(db)
    opened = open_data(tmp_path, FakeClock(NOW))
    assert "newer version" in opened.messages[0]
    assert opened.store.read_only and opened.store.note_store.note("q") == "my precious note"
    opened.store.close()
    assert digest(db) == before and set_aside(tmp_path) == []


def test_recovery_skips_a_backup_from_a_newer_version_and_names_are_never_reused(tmp_path: Path) -> None:
    clock = FakeClock(NOW)
    db = data_with_note(tmp_path, "good backup", clock)
    store = Store.open(db, clock)
    make_backup(store, tmp_path / BACKUP_DIR, clock)
    store.note_store.toggle_bookmark("q")  # changed, so a second backup is made (unchanged data reuses the first)
    newer = make_backup(store, tmp_path / BACKUP_DIR, clock)
    store.close()
    with backup_copy.unpacked(newer) as plain:  # as if a newer version of the app had made it
        conn = sqlite3.connect(plain)
        conn.execute("PRAGMA user_version = 99")
        conn.commit()
        conn.close()
        backup_copy.write(plain, newer)
    for attempt in (b"garbage one" * 100, b"garbage two" * 100):  # damaged twice in the same second
        for side in ("-wal", "-shm"):
            (tmp_path / (DB_NAME + side)).unlink(missing_ok=True)
        db.write_bytes(attempt)
        opened = open_data(tmp_path, clock)
        assert opened.store.note_store.note("q") == "good backup"
        opened.store.close()
    kept = set_aside(tmp_path)
    assert [p.read_bytes()[:11] for p in kept] == [b"garbage one", b"garbage two"]


# ------------------------------------------------------- the clock goes back


def test_a_backward_clock_jump_never_thins_away_fresh_backups(tmp_path: Path) -> None:
    clock = FakeClock(NOW)
    store = Store.open(tmp_path / DB_NAME, clock)
    folder = tmp_path / BACKUP_DIR
    fresh = []
    for i in range(3):
        store.note_store.save_note("q", f"fresh {i}")
        fresh.append(make_backup(store, folder, clock))
        clock.advance(minutes=30)
    clock.now = NOW - timedelta(days=365)
    store.note_store.save_note("q", "after the jump")
    after = make_backup(store, folder, clock)
    assert all(p.exists() for p in fresh)
    # newest is the last one made, whatever its date says
    assert backups.backup_files(folder)[0].path == after
    store.close()
    (tmp_path / DB_NAME).write_bytes(b"garbage" * 100)
    for side in ("-wal", "-shm"):
        (tmp_path / (DB_NAME + side)).unlink(missing_ok=True)
    assert open_data(tmp_path, clock).store.note_store.note("q") == "after the jump"


def test_an_edit_after_the_clock_went_back_keeps_the_earlier_revision(tmp_path: Path) -> None:
    clock = FakeClock(NOW)
    store = Store.open(tmp_path / DB_NAME, clock)
    store.note_store.save_note("q", "written at noon")
    clock.advance(hours=-1)
    store.note_store.save_note("q", "written after the clock went back")
    texts = [r.text for r in store.note_store.revisions("q")]
    assert texts == ["written after the clock went back", "written at noon"]


# ------------------------------------------------------------------ leftovers


def test_leftovers_of_killed_backups_and_imports_are_tidied_but_live_ones_are_not(tmp_path: Path) -> None:
    folder = tmp_path / BACKUP_DIR
    folder.mkdir(parents=True)
    stale = [folder / "mlcoach-20260101-000000-000001.partial", folder / "mlcoach-20260101-000000-000001.db-wal",
             folder / "mlcoach-20260101-000000-000001.db-shm", tmp_path / "decks" / ".staging-abc"]
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.name.startswith(".staging"):
            path.mkdir()
            (path / "q.md").write_text("half an import")
        else:
            path.write_bytes(b"x" * 1000)
    live = folder / "mlcoach-20260101-000000-000002.partial"
    live.write_bytes(b"being written")
    complete = folder / "mlcoach-20260101-000000-000003.db"
    complete.write_bytes(b"a complete backup")
    old = time.time() - 3600
    for path in [*stale, complete]:
        os.utime(path, (old, old))

    removed = tidy_leftovers(tmp_path)
    assert sorted(removed) == sorted(stale)
    assert live.exists() and complete.exists()
    assert not any(p.exists() for p in stale)


def test_a_read_only_database_file_in_a_writable_folder_is_said_at_start(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    db = data_with_note(tmp_path)
    real_access = os.access
    monkeypatch.setattr(backups.os, "access", lambda p, m: False if Path(p) == db else real_access(p, m))
    opened = open_data(tmp_path, FakeClock(NOW))
    assert opened.store.read_only and "is read-only" in opened.messages[0]
    assert opened.store.note_store.note("q") == "my precious note"
