"""Spaced repetition on the fsrs library (FSRS, as in Anki), keyed by question id.

fsrs wants integer card ids; ours are question ids, so each question id maps to a
stable integer (`card_id`). Card state is stored as fsrs JSON per question and every
grade is appended to the review log with the card as it was, so undo puts back the
exact prior card. Fuzzing is off: the interval shown on a button is the one you get.

Learning steps, as in Anki: a new question graded Again comes back in a minute, Hard in about six,
Good in ten, and then graduates to days; a learned one graded Again relearns ten minutes later. Those
short intervals fall within LEARN_AHEAD, so the card returns in the same session (shown early if
nothing else is left, as Anki's learn-ahead limit does), and the button says "<10m" for it.
"""

from __future__ import annotations

import hashlib
import math
from datetime import UTC, datetime, timedelta
from enum import IntEnum
from functools import cache

from fsrs import Card, Rating, Scheduler, State

from desktop.core.local_day import day_start, next_day_start
from desktop.core.store import Clock, Store, utc_now

DEFAULT_RETENTION = 0.9
DEFAULT_NEW_PER_DAY = 15
LEARNING_STEPS = (timedelta(minutes=1), timedelta(minutes=10))  # fsrs's (and Anki's) defaults, said aloud
RELEARNING_STEPS = (timedelta(minutes=10),)
LEARN_AHEAD = timedelta(minutes=20)  # Anki's learn-ahead limit: a card due within it belongs to this session


class Grade(IntEnum):
    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4

    @property
    def label(self) -> str:
        return self.name.capitalize()


def card_id(question_id: str) -> int:
    """A stable positive 62-bit integer for a question id."""
    return int.from_bytes(hashlib.sha1(question_id.encode()).digest()[:8], "big") >> 2


def start_of_day(now: datetime) -> datetime:
    """Local midnight: 'today' for the daily new-question limit follows the user's clock (its clock changes too)."""
    return day_start(now)


def day_horizon(now: datetime) -> datetime:
    """Where 'today' ends for what is due: the next local midnight, or the learn-ahead limit if that is later
    (a learning card due five minutes after midnight still belongs to tonight's session)."""
    return max(next_day_start(now), now + LEARN_AHEAD)


def describe_interval(delta: timedelta) -> str:
    """Like Anki's button labels: <1m, <10m (back in this session), 3h, 4d, 2.5mo, 1.2y."""
    if delta <= LEARN_AHEAD:
        return f"<{max(1, math.ceil(delta.total_seconds() / 60))}m"
    minutes = delta.total_seconds() / 60
    if minutes < 60:
        return f"{max(1, round(minutes))}m"
    hours = minutes / 60
    if round(hours) < 24:  # 23 h 59 min reads "1d", not "24h"
        return f"{round(hours)}h"
    days = hours / 24
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{days / 30:.1f}mo".replace(".0mo", "mo")
    return f"{days / 365:.1f}y".replace(".0y", "y")


class SpacedRepetition:
    def __init__(self, store: Store, desired_retention: float = DEFAULT_RETENTION, clock: Clock = utc_now) -> None:
        self.store = store
        self.clock = clock
        self.set_retention(desired_retention)

    def set_retention(self, desired_retention: float) -> None:
        if not 0.7 <= desired_retention <= 0.99:
            raise ValueError("desired retention must be between 0.70 and 0.99")
        self.desired_retention = desired_retention
        self._scheduler = _scheduler(desired_retention)

    # ------------------------------------------------------------- reading

    def card(self, question_id: str) -> Card | None:
        """The stored card, or None for a question never graded."""
        text = self.store.review_log.card_json(question_id)
        return Card.from_json(text) if text else None

    def is_new(self, question_id: str) -> bool:
        return self.store.review_log.card_json(question_id) is None

    def due(self, now: datetime | None = None) -> list[str]:
        """Question ids due now (most overdue first)."""
        return self.store.review_log.due_ids(now or self.clock())

    def retrievability(self, question_id: str, now: datetime | None = None) -> float | None:
        card = self.card(question_id)
        if card is None or card.last_review is None:
            return None
        return float(self._scheduler.get_card_retrievability(card, now or self.clock()))

    def recall_chance(self, card: Card, at: datetime) -> float:
        """The chance of recalling the card at `at`, from its stability, counting part days.

        fsrs's own retrievability counts whole days, so a question failed a minute ago reads 100 %;
        this one does not round the time away (and is 0 for a card never studied)."""
        if card.last_review is None or card.stability is None:
            return 0.0
        decay = -self._scheduler.parameters[20]
        factor = 0.9 ** (1 / decay) - 1
        days = max(0.0, (at - card.last_review).total_seconds() / 86400)
        return float((1 + factor * days / card.stability) ** decay)

    def preview(self, question_id: str, now: datetime | None = None) -> dict[Grade, timedelta]:
        """How long until the question comes back after each grade (nothing is saved)."""
        now = now or self.clock()
        card = self.card(question_id) or Card(card_id=card_id(question_id), due=now)
        out = {}
        for grade in Grade:
            after, _log = self._scheduler.review_card(Card.from_json(card.to_json()), Rating(grade), now)
            out[grade] = after.due - now
        return out

    def grade(self, question_id: str, grade: Grade, duration_ms: int | None = None,
              now: datetime | None = None) -> Card:
        now = now or self.clock()
        card = self.card(question_id) or Card(card_id=card_id(question_id), due=now)
        after, _log = self._scheduler.review_card(card, Rating(grade), now, duration_ms)
        self.store.review_log.record_review(question_id, int(grade), now, duration_ms, after.to_json(), after.due)
        return after

    def undo(self, expected: str | None = None) -> str | None:
        """Undo the newest grade exactly; returns the question id it belonged to (None: nothing undone)."""
        return self.store.review_log.undo_last_review(expected)


def is_learning(card: Card) -> bool:
    """In its learning or relearning steps: it comes back within minutes, not days."""
    return card.state in (State.Learning, State.Relearning)


@cache
def _scheduler(desired_retention: float) -> Scheduler:
    return Scheduler(desired_retention=desired_retention, learning_steps=LEARNING_STEPS,
                     relearning_steps=RELEARNING_STEPS, enable_fuzzing=False)


@cache
def showings_if_recalled(desired_retention: float, days: int) -> tuple[int, ...]:
    """The days (0 = the day it is first studied) on which a new question is shown when it is graded
    Good every time, within `days`: its learning steps on day 0, then each review. What the study plan
    counts on when it promises a review of every question before the interview."""
    scheduler = _scheduler(desired_retention)
    start = datetime(2026, 1, 5, 9, tzinfo=UTC)  # any fixed time: the path depends only on the gaps
    card = Card(card_id=0, due=start)
    shown = []
    at = start
    while (at - start).days < days:
        shown.append((at - start).days)
        card, _log = scheduler.review_card(card, Rating.Good, at)
        at = card.due
    return tuple(shown)
