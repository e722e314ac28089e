"""Test doubles for core: clocks that only move when told."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.core.store import Store

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class FakeClock:
    def __init__(self, start: datetime = T0) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


class Ticker:
    """A monotonic clock for stopwatches that moves only when told."""

    def __init__(self, start: float = 100.0) -> None:
        self.t = start

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


def scored_interview(store: Store, preset: str, scores: list[tuple[str, int | None]]) -> int:
    """A finished interview whose questions were all asked, scored as given (None: not scored)."""
    from desktop.core.interview import Plan, PlannedQuestion, QuestionRecord
    from desktop.core.interview_status import Status
    from desktop.core.interview_store import Part

    log = store.interview_store
    iid = log.start(Plan(preset, tuple(PlannedQuestion(qid, 0.0, 60.0) for qid, _s in scores)))
    log.finish(iid, {i: QuestionRecord(qid, asked=True) for i, (qid, _s) in enumerate(scores)}, Status.FINISHED)
    for i, (_qid, score) in enumerate(scores):
        if score is not None:
            log.save_review(iid, i, Part.MAIN, score, [])
    return iid
