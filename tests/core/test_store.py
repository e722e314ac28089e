from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop.core.store import DB_NAME, MIGRATIONS, SCHEMA_VERSION, Store, StoreError, StoreWriteError
from tests.core.fakes import FakeClock


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(tmp_path: Path, clock: FakeClock) -> Store:
    return Store.open(tmp_path / DB_NAME, clock)


def test_new_database_is_wal_and_at_the_current_schema(tmp_path: Path, store: Store) -> None:
    assert store.schema_version == SCHEMA_VERSION
    reader = sqlite3.connect(tmp_path / DB_NAME)  # WAL is a property of the file, seen by any connection
    assert reader.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    reader.close()


def test_notes_round_trip_and_survive_reopening(tmp_path: Path, store: Store, clock: FakeClock) -> None:
    assert store.note_store.note("q1") == ""
    store.note_store.save_note("q1", "remember: $\\lambda$ shrinks")
    store.note_store.save_note("q2", "")
    store.close()
    again = Store.open(tmp_path / DB_NAME, clock)
    assert again.note_store.note("q1") == "remember: $\\lambda$ shrinks"
    assert again.note_store.notes() == {"q1": "remember: $\\lambda$ shrinks"}  # empty notes are not listed


def test_typing_coalesces_into_one_revision_and_pauses_start_new_ones(store: Store, clock: FakeClock) -> None:
    for i in range(1, 60):  # a minute of typing, one save a second
        store.note_store.save_note("q", "x" * i)
        clock.advance(seconds=1)
    assert [r.text for r in store.note_store.revisions("q")] == ["x" * 59]
    clock.advance(minutes=30)
    store.note_store.save_note("q", "rewritten")
    revs = store.note_store.revisions("q")
    assert [r.text for r in revs] == ["rewritten", "x" * 59]
    assert revs[0].saved_at > revs[1].saved_at


def test_restoring_a_revision_keeps_the_current_text_as_history(store: Store, clock: FakeClock) -> None:
    store.note_store.save_note("q", "first idea")
    clock.advance(hours=1)
    store.note_store.save_note("q", "second idea")
    old = store.note_store.revisions("q")[1]
    assert store.note_store.restore_revision(old.id) == "first idea"
    assert store.note_store.note("q") == "first idea"
    assert [r.text for r in store.note_store.revisions("q")] == ["first idea", "second idea", "first idea"]


def test_saving_the_same_text_writes_nothing(store: Store) -> None:
    store.note_store.save_note("q", "same")
    store.mark_backed_up()
    store.note_store.save_note("q", "same")
    assert not store.changed_since_backup()  # not a row written, so nothing new to back up


def test_bookmarks_toggle(store: Store) -> None:
    assert store.note_store.toggle_bookmark("q1") is True
    assert store.note_store.toggle_bookmark("q2") is True
    assert store.note_store.toggle_bookmark("q1") is False
    assert store.note_store.bookmarks() == {"q2"} and store.note_store.is_bookmarked("q2")


def write_version_1_database(path: Path, note: str) -> None:
    """A database as the app's first version left it: schema 1, question q-old with `note` and a bookmark."""
    conn = sqlite3.connect(path)
    conn.executescript(MIGRATIONS[1] + "PRAGMA user_version = 1;")
    conn.execute("INSERT INTO notes VALUES ('q-old', ?, '2025-01-01T10:00:00+00:00')", (note,))
    conn.execute("INSERT INTO bookmarks VALUES ('q-old', '2025-01-01T10:00:00+00:00')")
    conn.commit()
    conn.close()


def test_a_version_1_database_is_migrated_and_keeps_its_notes(tmp_path: Path, clock: FakeClock) -> None:
    path = tmp_path / DB_NAME
    write_version_1_database(path, "written in v1")
    store = Store.open(path, clock)
    assert store.schema_version == SCHEMA_VERSION
    assert store.note_store.note("q-old") == "written in v1"
    assert store.note_store.bookmarks() == {"q-old"}
    assert [r.text for r in store.note_store.revisions("q-old")] == ["written in v1"]  # the migration seeded history


def test_a_database_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / DB_NAME
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer version"):
        Store.open(path)


def test_garbage_file_raises_store_error(tmp_path: Path) -> None:
    path = tmp_path / DB_NAME
    path.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StoreError):
        Store.open(path)


def test_read_only_store_reads_but_every_write_raises(tmp_path: Path, store: Store, clock: FakeClock) -> None:
    store.note_store.save_note("q", "kept")
    store.close()
    ro = Store.open_read_only(tmp_path / DB_NAME, clock)
    assert ro.note_store.note("q") == "kept" and ro.read_only
    with pytest.raises(StoreWriteError):
        ro.note_store.save_note("q", "new text")
    with pytest.raises(StoreWriteError):
        ro.note_store.toggle_bookmark("q")
    assert ro.note_store.note("q") == "kept"
    empty = Store.open_read_only(None, clock)
    assert empty.note_store.note("q") == ""
    with pytest.raises(StoreWriteError):
        empty.note_store.save_note("q", "x")


def test_a_failed_write_leaves_no_half_transaction(tmp_path: Path, clock: FakeClock) -> None:
    store = Store.open(tmp_path / DB_NAME, clock, busy_timeout_s=0.05)
    store.note_store.save_note("q", "before")
    other = sqlite3.connect(tmp_path / DB_NAME, timeout=0)
    other.execute("BEGIN EXCLUSIVE")  # another writer holds the lock: our write must fail cleanly
    with pytest.raises(StoreWriteError):
        store.note_store.save_note("q", "after")
    other.rollback()
    other.execute("BEGIN IMMEDIATE")  # we hold no write lock after the failure: another writer gets in at once
    other.rollback()
    other.close()
    store.note_store.save_note("q", "after")  # and a retry succeeds
    assert store.note_store.note("q") == "after"
    store.close()


def test_reviews_are_counted_per_question_and_per_local_day_undone_ones_left_out(tmp_path: Path) -> None:
    from datetime import UTC, date, datetime, timedelta

    from desktop.core.study_record import StudyRecord

    store = Store.open(tmp_path / DB_NAME)
    at = datetime(2026, 3, 2, 23, 30, tzinfo=UTC)
    for i, (qid, rating) in enumerate((("a", 1), ("a", 3), ("b", 3), ("b", 1))):
        store.review_log.record_review(qid, rating, at + timedelta(hours=i), None, '{"due": "2026-03-05T00:00:00+00:00"}', at)
    store.review_log.undo_last_review()  # b's Again
    record = StudyRecord(store)
    assert record.review_counts() == {"a": (2, 1), "b": (1, 0)}
    assert record.review_totals().days == {date(2026, 3, 2): 1, date(2026, 3, 3): 2}  # TZ is UTC in tests
