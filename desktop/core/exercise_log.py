"""The user's work on coding exercises: the code as last typed (saved like a note, with every
keystroke) and every run of it. A part of the Store, over the same connection; reached as
`store.exercises`. Writes raise StoreWriteError like the Store's own, so the editor can keep the code
on screen and retry; each committed change is announced on the Store's ChangeFeed as Change.EXERCISES.

    log = store.exercises
    log.save_code(question_id, code)      # every keystroke (debounced by the UI); unchanged code writes nothing
    log.code(question_id) -> str | None   # None: never saved, so the editor shows the starter
    log.saved(question_id) -> SavedCode | None
    log.forget_code(question_id)          # back to the starter
    log.record_run(question_id, result, interview_id=None, code=None) -> ExerciseRun  # result: exercises.RunResult;
                                          # interview_id: run during that mock interview's coding round;
                                          # code: what ran, kept as its code_digest()
    log.runs(question_id=None) -> list[ExerciseRun]        # newest first; all exercises when None
    log.interview_runs(interview_id) -> list[ExerciseRun]  # the runs made during one interview, oldest first
    log.last_run(question_id) -> ExerciseRun | None
    log.solved() -> set[str]              # exercises with at least one passing run

    run_verdict(run) -> str               # "3 of 5 passed · 0.3 s", "time limit · 10.2 s"
    code_digest(code) -> str              # how a run's code is kept, to compare with other code
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from desktop.core.changes import Change
from desktop.core.exercises import RunResult, Status

if TYPE_CHECKING:
    from desktop.core.store import Store


@dataclass(frozen=True)
class SavedCode:
    question_id: str
    code: str
    updated_at: datetime


@dataclass(frozen=True)
class ExerciseRun:
    id: int
    question_id: str
    at: datetime
    passed: int
    total: int
    status: Status
    seconds: float
    interview_id: int | None = None  # made during this mock interview's coding round
    code_digest: str | None = None  # of the code it ran (None: recorded before runs kept it, or not given)

    @property
    def solved(self) -> bool:
        return self.status is Status.PASSED


_RUN_COLUMNS = "id, question_id, at, passed, total, status, seconds, interview_id, code_sha256"


def code_digest(code: str) -> str:
    """What a run keeps of its code: enough to tell whether other code is exactly the same."""
    return hashlib.sha256(code.encode("utf-8")).hexdigest()


def run_verdict(run: ExerciseRun) -> str:
    """What a run came to: "3 of 5 passed · 0.3 s", "time limit · 10.2 s"."""
    if run.status in (Status.PASSED, Status.FAILED):
        verdict = f"{run.passed} of {run.total} passed"
    else:
        verdict = {Status.TIME_LIMIT: "time limit", Status.MEMORY_LIMIT: "memory limit", Status.CRASHED: "crashed",
                   Status.CANCELLED: "cancelled"}[run.status] + (f", {run.passed} of {run.total} passed"
                                                                  if run.passed else "")
    return f"{verdict} · {run.seconds:.1f} s"


class ExerciseLog:
    def __init__(self, store: Store) -> None:
        self._store = store

    def _stamp(self) -> str:
        # Fixed width, so text order is time order; a run's order is still its id (clocks go backwards).
        return self._store.clock().astimezone(UTC).isoformat(timespec="microseconds")

    # ------------------------------------------------------------------ code

    def saved(self, question_id: str) -> SavedCode | None:
        row = self._store._db.execute("SELECT code, updated_at FROM exercise_code WHERE question_id = ?",
                                      (question_id,)).fetchone()
        return SavedCode(question_id, str(row[0]), datetime.fromisoformat(row[1])) if row else None

    def code(self, question_id: str) -> str | None:
        saved = self.saved(question_id)
        return saved.code if saved else None

    def save_code(self, question_id: str, code: str) -> None:
        if self.code(question_id) == code:
            return
        self._store._write(
            "INSERT INTO exercise_code (question_id, code, updated_at) VALUES (?, ?, ?) ON CONFLICT (question_id) "
            "DO UPDATE SET code = excluded.code, updated_at = excluded.updated_at",
            (question_id, code, self._stamp()))
        self._store._announce(Change.EXERCISES, question_id)

    def forget_code(self, question_id: str) -> None:
        if self.saved(question_id) is None:
            return
        self._store._write("DELETE FROM exercise_code WHERE question_id = ?", (question_id,))
        self._store._announce(Change.EXERCISES, question_id)

    # ------------------------------------------------------------------ runs

    def record_run(self, question_id: str, result: RunResult, interview_id: int | None = None,
                   code: str | None = None) -> ExerciseRun:
        at = self._stamp()
        digest = code_digest(code) if code is not None else None
        cur = self._store._write(
            "INSERT INTO exercise_runs (question_id, at, passed, total, status, seconds, interview_id, code_sha256) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (question_id, at, result.passed, result.total, result.status.value, result.seconds, interview_id, digest))
        self._store._announce(Change.EXERCISES, question_id)
        return ExerciseRun(int(cur.lastrowid or 0), question_id, datetime.fromisoformat(at), result.passed,
                           result.total, result.status, result.seconds, interview_id, digest)

    def runs(self, question_id: str | None = None) -> list[ExerciseRun]:
        if question_id is None:
            rows = self._store._db.execute(f"SELECT {_RUN_COLUMNS} FROM exercise_runs ORDER BY id DESC")
        else:
            rows = self._store._db.execute(f"SELECT {_RUN_COLUMNS} FROM exercise_runs WHERE question_id = ? "
                                           "ORDER BY id DESC", (question_id,))
        return [_run(row) for row in rows]

    def interview_runs(self, interview_id: int) -> list[ExerciseRun]:
        """The runs made during one mock interview, every exercise, oldest first."""
        rows = self._store._db.execute(f"SELECT {_RUN_COLUMNS} FROM exercise_runs WHERE interview_id = ? "
                                       "ORDER BY id", (interview_id,))
        return [_run(row) for row in rows]

    def last_run(self, question_id: str) -> ExerciseRun | None:
        row = self._store._db.execute(f"SELECT {_RUN_COLUMNS} FROM exercise_runs WHERE question_id = ? "
                                      "ORDER BY id DESC LIMIT 1", (question_id,)).fetchone()
        return _run(row) if row else None

    def solved(self) -> set[str]:
        rows = self._store._db.execute("SELECT DISTINCT question_id FROM exercise_runs WHERE status = ?",
                                       (Status.PASSED.value,))
        return {str(r[0]) for r in rows}


def _run(row: tuple[object, ...]) -> ExerciseRun:
    rid, qid, at, passed, total, status, seconds, interview_id, digest = row
    return ExerciseRun(int(str(rid)), str(qid), datetime.fromisoformat(str(at)), int(str(passed)), int(str(total)),
                       Status(str(status)), float(str(seconds)),
                       None if interview_id is None else int(str(interview_id)),
                       None if digest is None else str(digest))
