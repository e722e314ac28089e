"""A quiz session: question shown → answer revealed → graded → next … → finished. No Qt.

Decks: today's study (everything due, then new questions up to the daily limit),
new questions only, or a custom set. A per-question stopwatch on a monotonic
clock records the time to reveal; key points ticked suggest a grade. Grades are offered
as four buttons (Again, Hard, Good, Easy) or, with Pass / Fail grading, as two.
"""

from __future__ import annotations

import random
import time
from collections import defaultdict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import Enum

from desktop.core.bank import Bank, Question
from desktop.core.scheduler import Grade, SpacedRepetition, start_of_day


class Phase(Enum):
    QUESTION = "question"  # the question alone
    REVEALED = "revealed"  # answer and key points shown, waiting for a grade
    FINISHED = "finished"


@dataclass(frozen=True)
class CustomDeck:
    categories: Collection[str] = ()  # empty: all
    difficulties: Collection[str] = ()
    tags: Collection[str] = ()
    bookmarked_only: bool = False
    with_notes_only: bool = False
    count: int | None = None
    shuffle: bool = True
    seed: int | None = None


def todays_study(bank: Bank, sr: SpacedRepetition, new_per_day: int, now: datetime | None = None) -> list[str]:
    """Everything due (most overdue first), then new questions up to what is left of today's limit."""
    now = now or sr.clock()
    known = {q.id for q in bank.questions}
    due = [q for q in sr.due(now) if q in known]
    allowance = max(0, new_per_day - sr.new_seen_today(now))
    fresh = sr.new(q.id for q in bank.questions)[:allowance]
    return due + fresh


def new_only(bank: Bank, sr: SpacedRepetition, count: int) -> list[str]:
    return sr.new(q.id for q in bank.questions)[:count]


def custom_deck(bank: Bank, deck: CustomDeck, bookmarks: Collection[str] = (),
                noted: Collection[str] = ()) -> list[str]:
    def keep(q: Question) -> bool:
        return (
            (not deck.categories or q.category in deck.categories)
            and (not deck.difficulties or q.difficulty in deck.difficulties)
            and (not deck.tags or bool(set(q.tags) & set(deck.tags)))
            and (not deck.bookmarked_only or q.id in bookmarks)
            and (not deck.with_notes_only or q.id in noted)
        )

    ids = [q.id for q in bank.questions if keep(q)]
    if deck.shuffle:
        random.Random(deck.seed).shuffle(ids)
    return ids[: deck.count] if deck.count else ids


def suggest_grade(ticked: int, total: int) -> Grade:
    """All key points recalled → Good; none → Again; some → Hard."""
    if total <= 0 or ticked >= total:
        return Grade.GOOD
    if ticked == 0:
        return Grade.AGAIN
    return Grade.HARD


PASS_FAIL: dict[Grade, str] = {Grade.AGAIN: "Fail", Grade.GOOD: "Pass"}  # the two grades Pass / Fail shows


@dataclass(frozen=True)
class Grading:
    """How grades are offered: all four on keys 1–4, or Pass / Fail on keys 1 (Fail) and 2 (Pass)."""

    pass_fail: bool = False

    @property
    def shown(self) -> tuple[Grade, ...]:
        """The grades offered, in key order."""
        return tuple(PASS_FAIL) if self.pass_fail else tuple(Grade)

    def name(self, grade: Grade) -> str:
        return PASS_FAIL.get(grade, grade.label) if self.pass_fail else grade.label

    def key(self, grade: Grade) -> str:
        """The digit that gives `grade`."""
        if self.pass_fail:
            return "1" if grade is Grade.AGAIN else "2"
        return str(int(grade))

    def for_key(self, digit: int) -> Grade | None:
        """The grade a digit key gives, or None where the key does nothing (3 and 4 under Pass / Fail)."""
        if self.pass_fail:
            return {1: Grade.AGAIN, 2: Grade.GOOD}.get(digit)
        return Grade(digit) if digit in set(Grade) else None

    def suggest(self, ticked: int, total: int) -> Grade:
        """`suggest_grade`, where Pass / Fail counts any recall short of none as a Pass."""
        suggested = suggest_grade(ticked, total)
        if self.pass_fail and suggested is not Grade.AGAIN:
            return Grade.GOOD
        return suggested


@dataclass(frozen=True)
class Result:
    question_id: str
    grade: Grade
    seconds_to_reveal: float
    seconds_total: float


@dataclass(frozen=True)
class Summary:
    done: int
    recalled: int  # graded Hard, Good or Easy
    seconds: float
    weakest_categories: list[tuple[str, float]]  # (category, recall rate), worst first
    again_ids: list[str]
    due_tomorrow: int

    @property
    def recall_rate(self) -> float:
        return self.recalled / self.done if self.done else 0.0


@dataclass
class QuizSession:
    question_ids: Sequence[str]
    sr: SpacedRepetition
    monotonic: Callable[[], float] = time.monotonic
    phase: Phase = Phase.QUESTION
    index: int = 0
    results: list[Result] = field(default_factory=list)
    _shown_at: float = 0.0
    _revealed_at: float | None = None

    def __post_init__(self) -> None:
        self.question_ids = list(self.question_ids)
        if not self.question_ids:
            self.phase = Phase.FINISHED
        self._shown_at = self.monotonic()

    @property
    def current(self) -> str | None:
        return None if self.phase is Phase.FINISHED else self.question_ids[self.index]

    @property
    def finished(self) -> bool:
        return self.phase is Phase.FINISHED

    @property
    def remaining(self) -> int:
        return 0 if self.phase is Phase.FINISHED else len(self.question_ids) - self.index

    def elapsed(self) -> float:
        """Seconds the current question has been shown, on the session's clock; 0 once finished.
        After an undo it goes on from the time it had taken to reveal that question."""
        if self.phase is Phase.FINISHED:
            return 0.0
        return self.monotonic() - self._shown_at

    def reveal(self) -> None:
        if self.phase is Phase.QUESTION:
            self._revealed_at = self.monotonic()
            self.phase = Phase.REVEALED

    def grade(self, grade: Grade) -> None:
        if self.phase is not Phase.REVEALED:
            raise RuntimeError("reveal the answer before grading")
        qid = self.question_ids[self.index]
        now = self.monotonic()
        revealed = self._revealed_at if self._revealed_at is not None else now
        self.sr.grade(qid, grade, duration_ms=int((now - self._shown_at) * 1000))
        self.results.append(Result(qid, grade, revealed - self._shown_at, now - self._shown_at))
        self._advance()

    def undo(self) -> str | None:
        """Take back the last grade of this session: the card is restored and the question shown again."""
        if not self.results:
            return None
        last = self.results[-1]
        if self.sr.undo(expected=last.question_id) is None:
            return None  # the newest review is not ours (graded elsewhere): never restore the wrong card
        self.results.pop()
        self.index = len(self.results)  # each grade advanced by exactly one question
        self.phase = Phase.REVEALED
        self._shown_at = self.monotonic() - last.seconds_to_reveal
        self._revealed_at = self.monotonic()
        return last.question_id

    def _advance(self) -> None:
        self.index += 1
        self._revealed_at = None
        self._shown_at = self.monotonic()
        if self.index >= len(self.question_ids):
            self.phase = Phase.FINISHED
            self.index = len(self.question_ids)
        else:
            self.phase = Phase.QUESTION

    def summary(self, bank: Bank, now: datetime | None = None) -> Summary:
        now = now or self.sr.clock()
        per_category: dict[str, list[bool]] = defaultdict(list)
        for r in self.results:
            q = bank.get(r.question_id)
            if q is not None:
                per_category[q.category].append(r.grade is not Grade.AGAIN)
        rates = sorted(((c, sum(v) / len(v)) for c, v in per_category.items()), key=lambda cr: (cr[1], cr[0]))
        tomorrow = start_of_day(now) + timedelta(days=1)
        due_tomorrow = len(self.sr.due_between(tomorrow, tomorrow + timedelta(days=1)))
        return Summary(
            done=len(self.results),
            recalled=sum(r.grade is not Grade.AGAIN for r in self.results),
            seconds=sum(r.seconds_total for r in self.results),
            weakest_categories=[cr for cr in rates if cr[1] < 1.0][:3],
            again_ids=list(dict.fromkeys(r.question_id for r in self.results if r.grade is Grade.AGAIN)),
            due_tomorrow=due_tomorrow,
        )
