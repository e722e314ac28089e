"""The user's exercise code, saved like a note, and every run kept; announced on the ChangeFeed."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.core.changes import Change, Changed
from desktop.core.exercise_log import ExerciseRun, SavedCode, code_digest
from desktop.core.exercises import RunResult, Status, TestResult
from desktop.core.store import DB_NAME, MIGRATIONS, Store, StoreWriteError
from tests.core.fakes import T0, FakeClock


@pytest.fixture
def store(tmp_path: Path, clock: FakeClock) -> Store:
    return Store.open(tmp_path / DB_NAME, clock)


def result(status: Status, passed: int, total: int, seconds: float = 0.42) -> RunResult:
    tests = tuple(TestResult(f"test_{i}", i < passed) for i in range(total))
    return RunResult(status, "whatever", tests, seconds=seconds)


def test_code_is_saved_and_read_back_across_a_reopen(tmp_path: Path, store: Store, clock: FakeClock) -> None:
    log = store.exercises
    assert log.code("softmax") is None and log.saved("softmax") is None  # never typed: the editor shows the starter
    log.save_code("softmax", "def softmax(z):\n    pass\n")
    clock.advance(seconds=5)
    log.save_code("softmax", "def softmax(z):\n    return z\n")
    store.close()
    again = Store.open(tmp_path / DB_NAME, clock).exercises
    assert again.saved("softmax") == SavedCode("softmax", "def softmax(z):\n    return z\n", T0.replace(second=5))


def test_saving_the_same_code_writes_and_announces_nothing(store: Store, clock: FakeClock) -> None:
    seen: list[Changed] = []
    store.changes.subscribe(seen.append)
    store.exercises.save_code("q", "x = 1")
    clock.advance(minutes=1)
    store.exercises.save_code("q", "x = 1")
    assert store.exercises.saved("q") == SavedCode("q", "x = 1", T0)
    assert seen == [Changed(Change.EXERCISES, frozenset({"q"}))]


def test_forgetting_the_code_goes_back_to_the_starter(store: Store) -> None:
    store.exercises.save_code("q", "x = 1")
    store.exercises.forget_code("q")
    assert store.exercises.code("q") is None


def test_every_run_is_kept_newest_first(store: Store, clock: FakeClock) -> None:
    log = store.exercises
    first = log.record_run("softmax", result(Status.FAILED, 3, 7, 0.5))
    clock.advance(minutes=2)
    log.record_run("kmeans", result(Status.TIME_LIMIT, 1, 5, 11.0))
    clock.advance(minutes=2)
    last = log.record_run("softmax", result(Status.PASSED, 7, 7, 0.31))
    assert first == ExerciseRun(first.id, "softmax", T0, 3, 7, Status.FAILED, 0.5) and not first.solved
    assert last.solved and last.at == T0.replace(minute=4)
    assert log.runs("softmax") == [last, first]
    assert [r.question_id for r in log.runs()] == ["softmax", "kmeans", "softmax"]
    assert log.last_run("softmax") == last and log.last_run("nothing") is None
    assert log.solved() == {"softmax"}


def test_runs_are_ordered_by_when_they_were_made_even_if_the_clock_goes_back(store: Store, clock: FakeClock) -> None:
    log = store.exercises
    log.record_run("q", result(Status.FAILED, 0, 4))
    clock.advance(hours=-3)
    latest = log.record_run("q", result(Status.PASSED, 4, 4))
    assert log.last_run("q") == latest


def test_changes_are_announced_after_commit(store: Store) -> None:
    seen: list[Changed] = []
    store.changes.subscribe(seen.append)
    with store.transaction():
        store.exercises.record_run("q", result(Status.PASSED, 4, 4))
        assert seen == []  # not before the commit
    assert seen == [Changed(Change.EXERCISES, frozenset({"q"}))]
    assert Change.EXERCISES in Change.ALL  # a restore tells exercise views to reload too


def test_a_read_only_store_reads_but_refuses_writes(tmp_path: Path, store: Store, clock: FakeClock) -> None:
    store.exercises.save_code("q", "kept")
    store.close()
    ro = Store.open_read_only(tmp_path / DB_NAME, clock)
    assert ro.exercises.code("q") == "kept"
    with pytest.raises(StoreWriteError):
        ro.exercises.save_code("q", "new")
    with pytest.raises(StoreWriteError):
        ro.exercises.record_run("q", result(Status.PASSED, 1, 1))
    assert ro.exercises.code("q") == "kept"


def test_an_older_database_gains_the_exercise_tables_and_keeps_its_notes(tmp_path: Path, clock: FakeClock) -> None:
    path = tmp_path / DB_NAME
    before = max(n for n, sql in MIGRATIONS.items() if "exercise_code" in sql) - 1
    conn = sqlite3.connect(path)
    conn.executescript("".join(MIGRATIONS[n] for n in range(1, before + 1)) + f"PRAGMA user_version = {before};")
    conn.execute("INSERT INTO notes VALUES ('q', 'older note', '2025-01-01T10:00:00+00:00')")
    conn.commit()
    conn.close()
    store = Store.open(path, clock)
    assert store.note_store.note("q") == "older note"
    store.exercises.save_code("q", "x = 1")
    assert store.exercises.code("q") == "x = 1" and store.exercises.runs() == []


def test_runs_made_in_a_mock_interview_belong_to_it(store: Store, clock: FakeClock) -> None:
    from desktop.core.interview import Plan, PlannedQuestion

    log = store.exercises
    interview = store.interview_store.start(Plan("Coding round", (PlannedQuestion("softmax", 0, 600),), kind="coding"))
    log.record_run("softmax", result(Status.FAILED, 1, 4))  # in Browse, before the round
    clock.advance(minutes=3)
    first = log.record_run("softmax", result(Status.FAILED, 2, 4), interview_id=interview)
    clock.advance(minutes=5)
    second = log.record_run("softmax", result(Status.PASSED, 4, 4), interview_id=interview)
    assert first.interview_id == interview and log.runs("softmax")[0] == second
    assert log.interview_runs(interview) == [first, second]  # oldest first: the tests passed over time
    assert log.interview_runs(interview + 1) == []
    assert log.runs("softmax")[-1].interview_id is None


def _one_run_before(tmp_path: Path, migration: Callable[[str], bool]) -> Path:
    """A database left at the version before the first migration `migration` picks, holding one failed run."""
    path = tmp_path / DB_NAME
    before = max(n for n, sql in MIGRATIONS.items() if migration(sql)) - 1
    conn = sqlite3.connect(path)
    conn.executescript("".join(MIGRATIONS[n] for n in range(1, before + 1)) + f"PRAGMA user_version = {before};")
    conn.execute("INSERT INTO exercise_runs (question_id, at, passed, total, status, seconds) "
                 "VALUES ('q', '2025-01-01T10:00:00.000000+00:00', 2, 3, 'failed', 0.4)")
    conn.commit()
    conn.close()
    return path


def test_runs_recorded_before_the_interview_column_read_back_as_outside_any_interview(tmp_path: Path,
                                                                                       clock: FakeClock) -> None:
    path = _one_run_before(tmp_path, lambda sql: "interview_id" in sql and "exercise_runs" in sql)
    runs = Store.open(path, clock).exercises.runs("q")
    assert [(r.passed, r.total, r.status, r.interview_id) for r in runs] == [(2, 3, Status.FAILED, None)]


def test_a_run_keeps_a_digest_of_its_code_and_older_runs_read_back_without_one(tmp_path: Path,
                                                                                clock: FakeClock) -> None:
    path = _one_run_before(tmp_path, lambda sql: "code_sha256" in sql)
    store = Store.open(path, clock)
    new = store.exercises.record_run("q", result(Status.PASSED, 3, 3), code="x = 1\n")
    assert new.code_digest == code_digest("x = 1\n") != code_digest("x = 1")
    store.close()
    runs = Store.open(path, clock).exercises.runs("q")
    assert [r.code_digest for r in runs] == [code_digest("x = 1\n"), None]  # newest first
