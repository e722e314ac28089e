"""Spaced repetition on the fsrs library (FSRS, as in Anki), keyed by question id.

fsrs wants integer card ids; ours are question ids, so each question id maps to a
stable integer (`card_id`). Card state is stored as fsrs JSON per question and every
grade is appended to the review log with the card as it was, so undo puts back the
exact prior card. Fuzzing is off: the interval shown on a button is the one you get.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime, timedelta
from enum import IntEnum

from fsrs import Card, Rating, Scheduler, State

from desktop.core.store import Clock, Store, utc_now

DEFAULT_RETENTION = 0.9
DEFAULT_NEW_PER_DAY = 15


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
    """Local midnight: 'today' for the daily new-question limit follows the user's clock."""
    local = now.astimezone()
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


def describe_interval(delta: timedelta) -> str:
    """Like Anki's button labels: 10m, 3h, 4d, 2.5mo, 1.2y."""
    minutes = delta.total_seconds() / 60
    if minutes < 60:
        return f"{max(1, round(minutes))}m"
    hours = minutes / 60
    if hours < 24:
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
        self._scheduler = Scheduler(desired_retention=desired_retention, enable_fuzzing=False)

    # ------------------------------------------------------------- reading

    def card(self, question_id: str) -> Card | None:
        """The stored card, or None for a question never graded."""
        text = self.store.card_json(question_id)
        return Card.from_json(text) if text else None

    def is_new(self, question_id: str) -> bool:
        return self.store.card_json(question_id) is None

    def due(self, now: datetime | None = None) -> list[str]:
        """Question ids due now (most overdue first)."""
        return self.store.due_ids(now or self.clock())

    def new(self, question_ids: Iterable[str]) -> list[str]:
        seen = self.store.cards()
        return [q for q in question_ids if q not in seen]

    def new_seen_today(self, now: datetime | None = None) -> int:
        return self.store.first_reviews_since(start_of_day(now or self.clock()))

    def retrievability(self, question_id: str, now: datetime | None = None) -> float | None:
        card = self.card(question_id)
        if card is None or card.last_review is None:
            return None
        return float(self._scheduler.get_card_retrievability(card, now or self.clock()))

    def preview(self, question_id: str, now: datetime | None = None) -> dict[Grade, timedelta]:
        """How long until the question comes back after each grade (nothing is saved)."""
        now = now or self.clock()
        card = self.card(question_id) or Card(card_id=card_id(question_id), due=now)
        out = {}
        for grade in Grade:
            after, _log = self._scheduler.review_card(Card.from_json(card.to_json()), Rating(grade), now)
            out[grade] = after.due - now
        return out

    def due_between(self, start: datetime, end: datetime) -> list[str]:
        """Cards (already learned or learning) falling due in [start, end)."""
        out = []
        for qid, text in self.store.cards().items():
            due = Card.from_json(text).due
            if start <= due < end:
                out.append(qid)
        return out

    # ------------------------------------------------------------- writing

    def grade(self, question_id: str, grade: Grade, duration_ms: int | None = None,
              now: datetime | None = None) -> Card:
        now = now or self.clock()
        card = self.card(question_id) or Card(card_id=card_id(question_id), due=now)
        after, _log = self._scheduler.review_card(card, Rating(grade), now, duration_ms)
        self.store.record_review(question_id, int(grade), now, duration_ms, after.to_json(), after.due)
        return after

    def undo(self, expected: str | None = None) -> str | None:
        """Undo the newest grade exactly; returns the question id it belonged to (None: nothing undone)."""
        return self.store.undo_last_review(expected)


def is_learned(card: Card) -> bool:
    return card.state == State.Review
