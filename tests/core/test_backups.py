from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import zstandard

from desktop.core import backup_copy, backups
from desktop.core.backups import (
    BACKUP_DIR,
    KEEP_LATEST,
    BackupFile,
    list_backups,
    make_backup,
    open_data,
    restore_backup,
    thin,
)
from desktop.core.store import DB_NAME, Store, StoreError
from tests.core.fakes import FakeClock

NOW = datetime(2026, 6, 30, 12, 0, tzinfo=UTC)


def files(times: list[datetime]) -> list[BackupFile]:
    """Backups made in the order of `times` (oldest first), named as make_backup names them."""
    return [BackupFile(seq, t, Path(backups.backup_name(t, seq))) for seq, t in enumerate(sorted(times), 1)]


def kept_times(times: list[datetime], now: datetime) -> set[datetime]:
    made = files(times)
    keep = thin(made, now)
    return {b.taken_at for b in made if b.path in keep}


def test_thinning_keeps_latest_ten_one_per_day_for_a_week_one_per_week_for_a_month() -> None:
    hourly_for_60_days = [NOW - timedelta(hours=h) for h in range(0, 24 * 60)]
    keep = kept_times(hourly_for_60_days, NOW)
    newest = sorted(hourly_for_60_days, reverse=True)
    assert set(newest[:KEEP_LATEST]) <= keep
    days = {t.date() for t in keep if NOW - t <= timedelta(days=7)}
    assert len(days) == 8  # today plus the seven days before it, each kept once
    older = [t for t in keep if timedelta(days=7) < NOW - t <= timedelta(days=31)]
    weeks = {t.isocalendar()[:2] for t in older}
    assert len(weeks) == len(older)  # at most one per week beyond the first week
    assert not [t for t in keep if NOW - t > timedelta(days=31)]
    assert len(keep) < 30


def test_thinning_never_drops_a_small_set() -> None:
    few = [NOW - timedelta(days=d * 40) for d in range(5)]  # sparse and old
    assert kept_times(few, NOW) == set(few)


def test_backup_restore_round_trip_backs_up_current_state_first(tmp_path: Path) -> None:
    clock = FakeClock(NOW)
    store = Store.open(tmp_path / DB_NAME, clock)
    folder = tmp_path / BACKUP_DIR
    store.note_store.save_note("q", "version A")
    store.note_store.toggle_bookmark("q")
    first = make_backup(store, folder, clock)
    clock.advance(minutes=5)
    store.note_store.save_note("q", "version B")
    assert store.changed_since_backup()
    safety = restore_backup(store, first, folder, clock)
    assert store.note_store.note("q") == "version A"
    infos = list_backups(folder)
    assert [i.path for i in infos] == [safety, first]
    assert (infos[1].notes, infos[1].bookmarks) == (1, 1)
    assert "1 note, 1 bookmark" in infos[1].describe()
    # the safety copy really holds what was there before the restore
    with backup_copy.unpacked(safety) as plain:
        assert Store.open_read_only(plain).note_store.note("q") == "version B"


def test_make_backup_prunes_old_ones(tmp_path: Path) -> None:
    clock = FakeClock(NOW - timedelta(days=90))
    store = Store.open(tmp_path / DB_NAME, clock)
    folder = tmp_path / BACKUP_DIR
    for _ in range(40):
        store.note_store.save_note("q", str(clock()))
        make_backup(store, folder, clock)
        clock.advance(days=2)
    remaining = backups.backup_files(folder)
    assert 10 <= len(remaining) < 40
    assert remaining[0].taken_at == clock() - timedelta(days=2)


def test_damaged_database_is_moved_aside_and_newest_good_backup_restored(tmp_path: Path) -> None:
    clock = FakeClock(NOW)
    store = Store.open(tmp_path / DB_NAME, clock)
    store.note_store.save_note("q", "older")
    make_backup(store, tmp_path / BACKUP_DIR, clock)
    clock.advance(hours=1)
    store.note_store.save_note("q", "newest backed up")
    make_backup(store, tmp_path / BACKUP_DIR, clock)
    clock.advance(hours=1)
    store.close()
    # the newest backup is itself damaged: recovery must skip it
    clock.advance(hours=1)
    (tmp_path / BACKUP_DIR / backups.backup_name(clock(), 99)).write_bytes(b"junk")
    (tmp_path / DB_NAME).write_bytes(b"garbage" * 1000)

    opened = open_data(tmp_path, clock)
    assert opened.store.note_store.note("q") == "newest backed up"
    assert len(opened.messages) == 1 and "damaged" in opened.messages[0]
    kept = list(tmp_path.glob(f"{DB_NAME}.damaged-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == b"garbage" * 1000  # never deleted


def test_damaged_database_without_backups_starts_fresh_and_says_so(tmp_path: Path) -> None:
    (tmp_path / DB_NAME).write_bytes(b"garbage")
    opened = open_data(tmp_path, FakeClock(NOW))
    assert opened.store.note_store.notes() == {}
    assert "no backup" in opened.messages[0]
    opened.store.note_store.save_note("q", "works")


def test_unwritable_data_folder_via_access_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backups.os, "access", lambda _p, _m: False)
    opened = open_data(tmp_path, FakeClock(NOW))
    assert opened.store.read_only and "can't be written" in opened.messages[0]


def test_a_data_folder_that_is_a_file_says_so_and_the_file_is_untouched(tmp_path: Path) -> None:
    mistaken = tmp_path / "cards.csv"  # --data-dir given a file by mistake
    mistaken.write_text("question,answer\n", encoding="utf-8")
    opened = open_data(mistaken, FakeClock(NOW))
    assert opened.store.read_only and "is a file, not a folder" in opened.messages[0]
    assert mistaken.read_text(encoding="utf-8") == "question,answer\n"


def test_restoring_a_damaged_backup_is_refused(tmp_path: Path) -> None:
    store = Store.open(tmp_path / DB_NAME)
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"junk")
    with pytest.raises(StoreError):
        restore_backup(store, bad, tmp_path / BACKUP_DIR)


# ----------------------------------------------------------- compressed backups


def year_like_store(path: Path, clock: FakeClock) -> Store:
    """A database with some bulk, like months of notes, so compression has something to do."""
    store = Store.open(path, clock)
    with store.transaction():
        for i in range(300):
            store.note_store.save_note(f"q{i}", f"My note number {i} on regularisation and the bias-variance trade-off. " * 8)
    store.note_store.toggle_bookmark("q1")
    return store


def test_backups_are_compressed_and_say_what_they_hold_without_being_unpacked(tmp_path: Path) -> None:
    clock = FakeClock(NOW)
    store = year_like_store(tmp_path / DB_NAME, clock)
    path = make_backup(store, tmp_path / BACKUP_DIR, clock)
    assert path.name.endswith(".db.zst") and backups.parse_backup_name(path) is not None
    assert backup_copy.holds(path) == {"notes": 300, "bookmarks": 1}  # read from its header frame
    [info] = list_backups(tmp_path / BACKUP_DIR)
    assert (info.notes, info.bookmarks) == (300, 1)
    with backup_copy.unpacked(path) as plain:
        assert Store.open_read_only(plain).note_store.note("q7").startswith("My note number 7 ")
        assert path.stat().st_size < plain.stat().st_size / 3
        # A standard zstd stream (the header is a skippable frame): any zstd tool unpacks it by hand.
        reader = zstandard.ZstdDecompressor().stream_reader(io.BytesIO(path.read_bytes()), read_across_frames=True)
        assert b"".join(iter(lambda: reader.read(1 << 20), b"")) == plain.read_bytes()
    assert [p.name for p in (tmp_path / BACKUP_DIR).iterdir()] == [path.name]  # no work or journal files left


def test_old_plain_backups_are_still_listed_thinned_and_restored(tmp_path: Path) -> None:
    """Backups made before compression are plain SQLite files named .db: they stay usable."""
    clock = FakeClock(NOW)
    store = Store.open(tmp_path / DB_NAME, clock)
    folder = tmp_path / BACKUP_DIR
    store.note_store.save_note("q", "in the old plain backup")
    old = folder / "mlcoach-20260629-120000-000001.db"  # the name the app gave backups before compression
    backup_copy.write(tmp_path / DB_NAME, old)
    assert old.read_bytes().startswith(b"SQLite format 3")
    store.note_store.save_note("q", "in a new compressed backup")
    new = make_backup(store, folder, clock)
    assert [b.path for b in backups.backup_files(folder)] == [new, old]  # by sequence: the new one is newer
    assert [i.notes for i in list_backups(folder)] == [1, 1]
    store.note_store.save_note("q", "now")
    restore_backup(store, old, folder, clock)
    assert store.note_store.note("q") == "in the old plain backup"
    restore_backup(store, new, folder, clock)
    assert store.note_store.note("q") == "in a new compressed backup"


def test_a_cut_short_compressed_backup_is_refused_and_skipped_by_recovery(tmp_path: Path) -> None:
    clock = FakeClock(NOW)
    store = year_like_store(tmp_path / DB_NAME, clock)
    good = make_backup(store, tmp_path / BACKUP_DIR, clock)
    store.note_store.save_note("q0", "newer")
    bad = make_backup(store, tmp_path / BACKUP_DIR, clock)
    bad.write_bytes(bad.read_bytes()[: bad.stat().st_size // 2])
    with pytest.raises(StoreError):
        restore_backup(store, bad, tmp_path / BACKUP_DIR, clock)
    assert store.note_store.note("q0") == "newer"  # nothing changed
    store.close()
    (tmp_path / DB_NAME).write_bytes(b"garbage" * 1000)
    for side in ("-wal", "-shm"):
        (tmp_path / (DB_NAME + side)).unlink(missing_ok=True)
    opened = open_data(tmp_path, clock)
    assert opened.store.note_store.note("q0").startswith("My note number 0")  # from `good`, the one before
    assert good.exists() and "restored" in opened.messages[0]


def test_a_restore_reads_the_restored_notes_and_bookmarks_on_its_own_thread(tmp_path: Path) -> None:
    import threading

    clock = FakeClock(NOW)
    store = Store.open(tmp_path / DB_NAME, clock)
    folder = tmp_path / BACKUP_DIR
    store.note_store.save_note("q", "kept in the backup")
    store.note_store.toggle_bookmark("b")
    backup = make_backup(store, folder, clock)
    store.note_store.save_note("q", "")
    store.note_store.save_note("r", "written after it")
    db = backups.store_file(store)

    read: list[object] = []

    def work() -> None:  # as the restore's worker does, beside the store's own connection
        backups.restore_file(db, backup, folder, clock)
        read.append(backups.read_restored(db))

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    [restored] = read
    assert restored is not None
    assert (restored.notes, restored.bookmarks) == ({"q": "kept in the backup"}, frozenset({"b"}))
    seen: list[object] = []
    store.changes.subscribe(lambda changed: seen.append(changed.restored))
    store.replaced(restored)
    assert seen == [restored]  # handed on with the change, so listeners need not read them again
    assert store.note_store.notes() == {"q": "kept in the backup"}  # and the same as the store reads


def test_reading_what_was_restored_fails_softly(tmp_path: Path) -> None:
    garbage = tmp_path / DB_NAME
    garbage.write_bytes(b"not a database " * 100)
    assert backups.read_restored(garbage) is None  # the UI thread's store reads them instead


def test_a_backup_made_by_the_first_version_is_listed_restored_and_brought_forward(tmp_path: Path) -> None:
    """A backup kept from an early version of the app (schema 1: notes and bookmarks only, a plain .db) is
    listed with what it holds and restored with its note, bookmark and history, at today's schema; the notes
    written since are in the safety copy."""
    from desktop.core.store import SCHEMA_VERSION
    from tests.core.test_store import write_version_1_database

    clock = FakeClock(NOW)
    folder = tmp_path / BACKUP_DIR
    folder.mkdir()
    old = folder / "mlcoach-20250101-120000-000001.db"
    write_version_1_database(old, "written in version 1")
    store = Store.open(tmp_path / DB_NAME, clock)
    store.note_store.save_note("q-new", "written today")
    (listed,) = list_backups(folder)
    assert (listed.path, listed.notes, listed.bookmarks) == (old, 1, 1)
    safety = restore_backup(store, old, folder, clock)
    assert store.schema_version == SCHEMA_VERSION
    assert store.note_store.notes() == {"q-old": "written in version 1"} and store.note_store.bookmarks() == {"q-old"}
    assert [r.text for r in store.note_store.revisions("q-old")] == ["written in version 1"]
    store.note_store.save_note("q-old", "and more")  # the restored database takes writes at today's schema
    assert store.review_log.reviews() == [] and store.interview_store.summaries() == []
    with backup_copy.unpacked(safety) as plain:
        assert Store.open_read_only(plain).note_store.note("q-new") == "written today"
