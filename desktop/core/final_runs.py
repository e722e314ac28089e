"""A coding round's question closes (its time ran out, or the candidate moved on, skipped or ended the
round) while the code is running. No Qt, no threads.

What is fair: the code on screen at the close is the answer, and it is what is graded. A run of exactly
that code that is still going counts: it goes on, its result is recorded against the round when it
arrives, and the review says meanwhile that it is on its way. A run of other code (changed after Run was
pressed) is stopped, and recorded as stopped, as a run cancelled with Esc is: the candidate saw it going.
Every run is recorded with its code (as a digest), so nothing reports a result for code that was not
submitted.

    final = FinalRuns(store)
    final.close(interview_id, question_id, submitted, run) -> bool   # the run going at the close (or None):
                                            # True if it counts (it runs `submitted`), else it is cancelled
    final.finished(run, result) -> ExerciseRun | None   # its result, on the thread that owns the store:
                                            # recorded with the round and its code (StoreWriteError if it
                                            # cannot be); None for a run close() never saw
    final.pending(interview_id, question_id) -> bool     # a run that counts is still going
    final.cancel_all()                      # the app is quitting: nothing is left running

    final_code_line(code, runs, pending) -> str   # what the review says of the submitted code's result

The UI starts runs on worker threads and hands each result back on its own thread; this decides what counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from desktop.core.exercise_log import ExerciseRun, code_digest, run_verdict
from desktop.core.exercises import RunResult, Status

if TYPE_CHECKING:
    from desktop.core.store import Store


class Run(Protocol):
    """What this needs of a run (an ExerciseRunner): the code it runs, and a way to stop it."""

    @property
    def code(self) -> str: ...

    def cancel(self) -> None: ...


@dataclass(frozen=True)
class _Kept:
    run: Run
    interview_id: int | None
    question_id: str
    counts: bool  # it runs the submitted code


class FinalRuns:
    def __init__(self, store: Store) -> None:
        self._store = store
        self._kept: list[_Kept] = []

    def close(self, interview_id: int | None, question_id: str, submitted: str, run: Run | None) -> bool:
        """The question closed with `submitted` as its answer while `run` was going: keep it if it runs exactly
        that code, else stop it (its result would be of code that was not submitted)."""
        if run is None:
            return False
        counts = run.code == submitted
        self._kept.append(_Kept(run, interview_id, question_id, counts))
        if not counts:
            run.cancel()
        return counts

    def pending(self, interview_id: int | None, question_id: str) -> bool:
        return any(k.counts and k.interview_id == interview_id and k.question_id == question_id for k in self._kept)

    def finished(self, run: Run, result: RunResult) -> ExerciseRun | None:
        kept = next((k for k in self._kept if k.run is run), None)
        if kept is None:
            return None
        self._kept.remove(kept)  # first: a write that fails must not leave the review saying "still going"
        return self._store.exercises.record_run(kept.question_id, result, kept.interview_id, code=run.code)

    def cancel_all(self) -> None:
        for kept in self._kept:
            kept.run.cancel()


def final_code_line(code: str, runs: Sequence[ExerciseRun], pending: bool) -> str:
    """What the review says of the submitted `code`'s own result, given the exercise's runs in the round
    (oldest first) and whether a run of it is still going. Never a result of other code; "" when nothing
    can be said (no runs: the review says "Never run"; runs from before runs kept their code)."""
    if pending:
        return "As submitted: its run was still going when the question closed; the result shows here when it ends."
    digest = code_digest(code)
    same = [r for r in runs if r.code_digest == digest]
    finished = [r for r in same if r.status is not Status.CANCELLED]
    if finished:
        return f"As submitted: {run_verdict(finished[-1])}"
    if same:
        return "As submitted: its run was cancelled, so it has no result."
    if any(r.code_digest is not None for r in runs):
        return "Not run as submitted: the code changed after its last run."
    return ""
