"""A quiz session: question shown → answer revealed → graded → next … → finished. No Qt.

Decks: today's study (desktop.core.today: everything due, then the plan's new questions),
new questions only, or a custom set. A card graded into a learning step comes back in the same
session. A per-question stopwatch on a monotonic clock records the time to reveal; the share of
key points ticked (and, when all are, the time taken) suggests a grade; for a coding exercise, the
tests its last run passed do. Grades are offered as four buttons (Again, Hard, Good, Easy) or, with
Pass / Fail grading, as two.
"""

from __future__ import annotations

import random
import time
from collections import defaultdict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum

from desktop.core.bank import Bank, Question
from desktop.core.scheduler import Grade, SpacedRepetition, day_horizon
from desktop.core.study_plan import StudyPlan, draw_new
from desktop.core.wording import count


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


def new_only(bank: Bank, sr: SpacedRepetition, plan: StudyPlan, count: int) -> list[str]:
    """New questions only, drawn the way today's study draws them (the plan's mix, easy first)."""
    return draw_new(bank, plan, sr.store.review_log.cards().keys(), count)


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


EASY_SECONDS_PER_POINT = 5.0  # all key points recalled this fast (before revealing) suggests Easy


def suggest_grade(ticked: int, total: int, seconds_to_reveal: float | None = None) -> Grade:
    """The share of key points recalled decides: under half → Again; half or more but not all → Hard;
    all → Good, or Easy when the answer came within EASY_SECONDS_PER_POINT a point. An answer without
    key points cannot be checked, so it suggests Good."""
    if total <= 0:
        return Grade.GOOD
    if ticked * 2 < total:
        return Grade.AGAIN
    if ticked < total:
        return Grade.HARD
    if seconds_to_reveal is not None and seconds_to_reveal <= EASY_SECONDS_PER_POINT * total:
        return Grade.EASY
    return Grade.GOOD


def suggest_from_tests(passed: int, total: int) -> Grade:
    """A coding exercise is graded by its tests: all passed → Good; some → Hard; none, or not run → Again."""
    if total <= 0 or passed <= 0:
        return Grade.AGAIN
    return Grade.GOOD if passed >= total else Grade.HARD


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

    def suggest(self, ticked: int, total: int, seconds_to_reveal: float | None = None) -> Grade:
        """`suggest_grade`; under Pass / Fail, half the key points or more is a Pass."""
        suggested = suggest_grade(ticked, total, seconds_to_reveal)
        if self.pass_fail and suggested is not Grade.AGAIN:
            return Grade.GOOD
        return suggested

    def suggest_from_tests(self, passed: int, total: int) -> Grade:
        """`suggest_from_tests`; under Pass / Fail only code that passes every test is a Pass."""
        suggested = suggest_from_tests(passed, total)
        return Grade.AGAIN if self.pass_fail and suggested is Grade.HARD else suggested


@dataclass(frozen=True)
class Result:
    question_id: str
    grade: Grade
    seconds_to_reveal: float
    seconds_total: float
    first: bool  # its first showing in this session (later ones are learning steps)


@dataclass(frozen=True)
class Summary:
    """What a session did, counting only what was shown. The recall rate is over first showings:
    a question failed and then got right on its learning step was still missed."""

    shown: int  # questions graded at least once
    reviews: int  # grades given, learning steps included
    passed_first: int  # questions recalled (Hard, Good or Easy) at their first showing
    easy_first: int  # of those, graded Good or Easy
    seconds: float
    weakest_categories: list[tuple[str, float]]  # (category, first-showing recall), worst first, under 100 %
    missed_ids: list[str]  # failed at their first showing
    left: int  # never graded: the session was ended before them
    still_learning: int  # graded but due again in this session when it was ended
    slipped_ids: list[str] = field(default_factory=list)  # recalled at first sight, then Again on a later step

    @property
    def slipped_later(self) -> int:
        return len(self.slipped_ids)

    @property
    def to_drill(self) -> list[str]:
        """Every question failed in the session, at first sight or on a later step, in the order first shown."""
        return [*self.missed_ids, *self.slipped_ids]

    @property
    def recall_rate(self) -> float:
        return self.passed_first / self.shown if self.shown else 0.0

    @property
    def ended_early(self) -> bool:
        return bool(self.left or self.still_learning)

    @property
    def verdict(self) -> str:
        """One plain sentence; praise only for a whole session recalled with ease at first sight and never
        failed afterwards (Good at first sight, then Again on every learning step, is no success)."""
        if not self.shown:
            return "Nothing was graded."
        if self.ended_early:
            parts = [f"Ended early after {count(self.shown, 'question')}"]
            if self.left:
                parts.append(f"{self.left} not reached")
            if self.still_learning:
                parts.append(f"{self.still_learning} still in learning steps")
            return "; ".join(parts) + ". They stay in today's study."
        missed = self.shown - self.passed_first
        if missed:
            it, returns = ("it", "it returns") if missed == 1 else ("them", "they return")
            return (f"{count(missed, 'question')} missed at first sight came back until you had {it}; "
                    f"{returns} sooner in the coming days.")
        if self.slipped_later:
            n = self.slipped_later
            return (f"All recalled at first sight, but {count(n, 'question')} slipped on a later step "
                    f"(Again); {'it comes' if n == 1 else 'they come'} back sooner in the coming days.")
        if self.easy_first < self.shown:
            hard = self.shown - self.easy_first
            return f"All recalled at first sight, {hard} of them only partly (Hard)."
        return "Every question recalled in full at first sight. Well done."


@dataclass(frozen=True)
class _Snapshot:
    """The queue as it was before a grade, so undo can put it back exactly."""

    pending: tuple[str, ...]
    returning: tuple[str, ...]


@dataclass
class QuizSession:
    """Shows `question_ids` in order; a card graded into a learning step (due again before the day's
    horizon) comes back: as soon as it is due, or early when nothing else is left, as Anki does.
    The session is finished only when no card of it is due again today."""

    question_ids: Sequence[str]
    sr: SpacedRepetition
    monotonic: Callable[[], float] = time.monotonic
    phase: Phase = Phase.QUESTION
    results: list[Result] = field(default_factory=list)
    _current: str | None = None
    _pending: list[str] = field(default_factory=list)  # not shown yet, in deck order
    _returning: list[str] = field(default_factory=list)  # graded here and due again today
    _undo: list[_Snapshot] = field(default_factory=list)
    _shown_at: float = 0.0
    _revealed_at: float | None = None
    _paused_at: float | None = None  # on the clock: since then the user is elsewhere (another mode)

    def __post_init__(self) -> None:
        self.question_ids = list(dict.fromkeys(self.question_ids))
        self._pending = list(self.question_ids)
        self._shown_at = self._now()
        self._advance()

    def _now(self) -> float:
        """The session's time: it stands still while paused."""
        return self._paused_at if self._paused_at is not None else self.monotonic()

    @property
    def paused(self) -> bool:
        return self._paused_at is not None

    def pause(self) -> None:
        """The user left the quiz (another mode): the card's time stops until resume()."""
        if self._paused_at is None:
            self._paused_at = self.monotonic()

    def resume(self) -> None:
        """Back on the quiz: the time away counts neither to the reveal nor to the review's duration."""
        if self._paused_at is None:
            return
        away = self.monotonic() - self._paused_at
        self._paused_at = None
        self._shown_at += away
        if self._revealed_at is not None:
            self._revealed_at += away

    @property
    def current(self) -> str | None:
        return None if self.phase is Phase.FINISHED else self._current

    @property
    def finished(self) -> bool:
        return self.phase is Phase.FINISHED

    @property
    def remaining(self) -> int:
        """Cards still to show, the one on screen included (learning steps to come count once each)."""
        return len(self._pending) + len(self._returning) + (self.current is not None)

    @property
    def learning(self) -> int:
        """Cards waiting for their next learning step in this session."""
        return len(self._returning)

    @property
    def seconds_to_reveal(self) -> float | None:
        """How long the question was shown before its answer (None until revealed)."""
        return None if self._revealed_at is None else self._revealed_at - self._shown_at

    def is_repeat(self) -> bool:
        """The card on screen was already graded in this session: a learning step."""
        return any(r.question_id == self._current for r in self.results)

    def elapsed(self) -> float:
        """Seconds the current question has been shown, on the session's clock, pauses excluded; 0 once
        finished. After an undo it goes on from the time it had taken to reveal that question."""
        if self.phase is Phase.FINISHED:
            return 0.0
        return self._now() - self._shown_at

    def reveal(self) -> None:
        if self.phase is Phase.QUESTION:
            self._revealed_at = self._now()
            self.phase = Phase.REVEALED

    def grade(self, grade: Grade) -> None:
        if self.phase is not Phase.REVEALED or self._current is None:
            raise RuntimeError("reveal the answer before grading")
        qid = self._current
        now = self._now()
        revealed = self._revealed_at if self._revealed_at is not None else now
        before = _Snapshot(tuple(self._pending), tuple(self._returning))
        first = not self.is_repeat()
        card = self.sr.grade(qid, grade, duration_ms=int((now - self._shown_at) * 1000))
        self.results.append(Result(qid, grade, revealed - self._shown_at, now - self._shown_at, first))
        self._undo.append(before)
        if card.due < day_horizon(self.sr.clock()):
            self._returning.append(qid)
        self._advance(just_graded=qid)

    def undo(self) -> str | None:
        """Take back the last grade of this session: the card is restored and the question shown again."""
        if not self.results:
            return None
        last = self.results[-1]
        if self.sr.undo(expected=last.question_id) is None:
            return None  # the newest review is not ours (graded elsewhere): never restore the wrong card
        self.results.pop()
        before = self._undo.pop()
        self._pending, self._returning = list(before.pending), list(before.returning)
        self._current = last.question_id
        self.phase = Phase.REVEALED
        self._shown_at = self._now() - last.seconds_to_reveal
        self._revealed_at = self._now()
        return last.question_id

    def _advance(self, just_graded: str | None = None) -> None:
        self._revealed_at = None
        self._shown_at = self._now()
        self._current = self._next(just_graded)
        self.phase = Phase.QUESTION if self._current is not None else Phase.FINISHED

    def _next(self, just_graded: str | None) -> str | None:
        """A learning card that is due; else the next unseen card; else the learning card due soonest
        (shown early), preferring one other than the card just graded."""
        now = self.sr.clock()
        due = sorted(((self._due(q), q) for q in self._returning), key=lambda dq: (dq[1] == just_graded, dq[0]))
        ready = [q for at, q in due if at <= now]
        if ready:
            pick = ready[0]
        elif self._pending:
            return self._pending.pop(0)
        elif due:
            pick = due[0][1]
        else:
            return None
        self._returning.remove(pick)
        return pick

    def _due(self, question_id: str) -> datetime:
        card = self.sr.card(question_id)
        return card.due if card is not None else self.sr.clock()

    def summary(self, bank: Bank) -> Summary:
        first = [r for r in self.results if r.first]
        per_category: dict[str, list[bool]] = defaultdict(list)
        for r in first:
            q = bank.get(r.question_id)
            if q is not None:
                per_category[q.category].append(r.grade is not Grade.AGAIN)
        rates = sorted(((c, sum(v) / len(v)) for c, v in per_category.items()), key=lambda cr: (cr[1], cr[0]))
        graded = {r.question_id for r in self.results}
        current = [] if self.current is None else [self.current]
        slipped = {r.question_id for r in self.results if not r.first and r.grade is Grade.AGAIN}
        return Summary(
            shown=len(first),
            reviews=len(self.results),
            passed_first=sum(r.grade is not Grade.AGAIN for r in first),
            easy_first=sum(r.grade in (Grade.GOOD, Grade.EASY) for r in first),
            seconds=sum(r.seconds_total for r in self.results),
            weakest_categories=[cr for cr in rates if cr[1] < 1.0][:3],
            missed_ids=[r.question_id for r in first if r.grade is Grade.AGAIN],
            left=len(self._pending) + sum(q not in graded for q in current),
            still_learning=len(self._returning) + sum(q in graded for q in current),
            slipped_ids=[r.question_id for r in first if r.grade is not Grade.AGAIN and r.question_id in slipped],
        )
