"""A coding round's question closes while its code runs (core/final_runs.py): the code at the close is the
answer; a run of exactly that code counts when it ends, a run of other code is stopped, and the review's line
about the answer never quotes a result of other code. The interview runs on a fake monotonic clock, the
store on a fake wall clock; the runs are stand-ins that end when the test says.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.exercise_log import code_digest
from desktop.core.exercises import RunResult, Status, TestResult
from desktop.core.final_runs import FinalRuns, final_code_line
from desktop.core.interview import InterviewSession, Phase, Plan, PlannedQuestion
from desktop.core.store import DB_NAME, Store
from tests.core.fakes import FakeClock, Ticker

ADD = "def add(a, b):\n    return a + b\n"
PLAN = Plan("Coding round", (PlannedQuestion("add-two", 0, 600), PlannedQuestion("double-it", 0, 600)),
            kind="coding")


class Run:
    """An ExerciseRunner as far as FinalRuns sees one: its code, and cancel()."""

    def __init__(self, code: str) -> None:
        self.code = code
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True


def result(status: Status, passed: int, total: int = 2) -> RunResult:
    return RunResult(status, "", tuple(TestResult(f"test_{i}", i < passed) for i in range(total)), seconds=2.1)


@pytest.fixture
def store(tmp_path: Path, clock: FakeClock) -> Store:
    return Store.open(tmp_path / DB_NAME, clock)


def test_a_run_of_the_submitted_code_going_at_time_up_counts_when_it_ends(store: Store, clock: FakeClock) -> None:
    ticker = Ticker()
    session = InterviewSession(PLAN, ticker)
    session.start()
    interview = store.interview_store.start(PLAN)
    final = FinalRuns(store)
    run = Run(ADD)  # Ctrl+Enter with ten seconds left
    ticker.advance(590)
    session.update()
    assert (session.index, session.phase) == (0, Phase.ANSWER)
    ticker.advance(10)
    session.update()
    assert session.index == 1  # time is up: on to the next exercise, the run still going
    assert final.close(interview, "add-two", ADD, run) and not run.cancelled
    assert final.pending(interview, "add-two") and not final.pending(interview, "double-it")
    assert final_code_line(ADD, [], pending=True) == ("As submitted: its run was still going when the question "
                                                      "closed; the result shows here when it ends.")
    clock.advance(seconds=2)
    recorded = final.finished(run, result(Status.PASSED, 2))
    assert recorded is not None and not final.pending(interview, "add-two")
    assert store.exercises.interview_runs(interview) == [recorded]
    assert (recorded.question_id, recorded.status, recorded.code_digest) == ("add-two", Status.PASSED, code_digest(ADD))
    assert final_code_line(ADD, [recorded], pending=False) == "As submitted: 2 of 2 passed · 2.1 s"


def test_a_run_of_code_changed_after_run_was_pressed_is_stopped_and_never_quoted(store: Store) -> None:
    ticker = Ticker()
    session = InterviewSession(PLAN, ticker)
    session.start()
    interview = store.interview_store.start(PLAN)
    final = FinalRuns(store)
    earlier = store.exercises.record_run("add-two", result(Status.FAILED, 1), interview, code="def add(a, b): 0")
    run = Run(ADD)
    submitted = ADD + "# a last comment\n"  # typed after Ctrl+Enter
    ticker.advance(600)
    session.update()
    assert not final.close(interview, "add-two", submitted, run)
    assert run.cancelled and not final.pending(interview, "add-two")
    # Its result still arrives (the kill takes a moment, or it had just finished): kept as what that code did.
    stopped = final.finished(run, result(Status.PASSED, 2))
    assert stopped is not None and stopped.code_digest == code_digest(ADD)
    runs = store.exercises.interview_runs(interview)
    assert runs == [earlier, stopped]
    assert final_code_line(submitted, runs, pending=False) == "Not run as submitted: the code changed after its last run."
    assert final_code_line(ADD, runs, pending=False) == "As submitted: 2 of 2 passed · 2.1 s"  # only for ADD itself


def test_the_line_for_each_way_a_round_can_end(store: Store) -> None:
    log = store.exercises
    assert final_code_line(ADD, [], pending=False) == ""  # never run: the review already says so
    cancelled = log.record_run("add-two", result(Status.CANCELLED, 0), code=ADD)
    assert final_code_line(ADD, [cancelled], pending=False) == "As submitted: its run was cancelled, so it has no result."
    passed = log.record_run("add-two", result(Status.PASSED, 2), code=ADD)
    timed_out = log.record_run("add-two", result(Status.TIME_LIMIT, 1), code=ADD)
    assert final_code_line(ADD, [passed, timed_out], pending=False) == "As submitted: time limit, 1 of 2 passed · 2.1 s"
    assert final_code_line(ADD, [timed_out, cancelled], pending=False).startswith("As submitted: time limit")
    old = log.record_run("add-two", result(Status.PASSED, 2))  # recorded before runs kept their code
    assert old.code_digest is None and final_code_line(ADD, [old], pending=False) == ""


def test_no_run_going_at_the_close_is_nothing_to_keep(store: Store) -> None:
    final = FinalRuns(store)
    assert not final.close(1, "add-two", ADD, None)
    assert not final.pending(1, "add-two")
    assert final.finished(Run(ADD), result(Status.PASSED, 2)) is None  # a run it never saw: not its to record
    assert store.exercises.runs() == []


def test_quitting_stops_every_run_still_going(store: Store) -> None:
    final = FinalRuns(store)
    runs = [Run(ADD), Run("x = 1")]
    final.close(None, "add-two", ADD, runs[0])
    final.close(None, "double-it", "x = 1", runs[1])
    final.cancel_all()
    assert all(r.cancelled for r in runs)
