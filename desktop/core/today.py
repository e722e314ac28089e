"""Today's study, and every count of it: the one place due, learning and new numbers come from.

Quiz's start page and its deck, the status bar, Progress's tiles and its due chart, and the quiz
summary's "tomorrow" all call `todays_study` (or `due_by_day`, which sorts cards the same way), so
no two screens can disagree about what is due.

- due: learned questions due before the day's horizon (local midnight), overdue ones included;
- learning: questions in their learning or relearning steps due before the horizon;
- new: questions never studied that today's study will introduce, in the plan's interleaved order,
  up to the plan's daily number less those already started today.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from fsrs import Card

from desktop.core.bank import Bank
from desktop.core.local_day import next_day_start
from desktop.core.pace import Pace, pace_for
from desktop.core.scheduler import SpacedRepetition, day_horizon, is_learning, start_of_day
from desktop.core.study_plan import StudyPlan, draw_new, new_order
from desktop.core.study_record import StudyRecord

CATEGORY_NEW = 10  # new questions a "study this category" session takes on at most


@dataclass(frozen=True)
class Today:
    at: datetime
    due: tuple[str, ...]  # most overdue first
    learning: tuple[str, ...]  # soonest first
    new: tuple[str, ...]  # in the order they will be shown
    new_seen: int  # questions started today already
    pace: Pace
    soonest: tuple[str, ...]  # due and learning together, soonest due first: the order they are shown

    @property
    def reviews(self) -> int:
        """Everything already studied that is due today: learned and learning."""
        return len(self.due) + len(self.learning)

    @property
    def total(self) -> int:
        return self.reviews + len(self.new)

    @property
    def deck(self) -> list[str]:
        """What 'Today's study' shows, in order: everything due (soonest due first), then the new ones."""
        return [*self.soonest, *self.new]


def stored_cards(bank: Bank, sr: SpacedRepetition, record: StudyRecord | None = None) -> dict[str, Card]:
    """The cards of the bank's questions (a card whose question left the bank is not counted); `record`:
    the app's StudyRecord, which keeps them parsed between readings."""
    if record is not None:
        return {qid: card for qid, card in record.cards().items() if bank.get(qid) is not None}
    return {qid: Card.from_json(text) for qid, text in sr.store.review_log.cards().items() if bank.get(qid) is not None}


def todays_study(bank: Bank, sr: SpacedRepetition, plan: StudyPlan, now: datetime | None = None,
                 cards: Mapping[str, Card] | None = None) -> Today:
    """`cards`: the stored cards when the caller has read them already (Progress reads them once)."""
    now = now or sr.clock()
    cards = cards if cards is not None else stored_cards(bank, sr)
    horizon = day_horizon(now)
    soon = sorted(((c.due, qid) for qid, c in cards.items() if c.due < horizon))
    first_today = sr.store.review_log.first_reviewed_since(start_of_day(now))
    pace = pace_for(plan, bank, sr, now, cards, first_today)
    allowance = max(0, pace.daily_new - len(first_today))
    return Today(
        at=now,
        due=tuple(qid for _due, qid in soon if not is_learning(cards[qid])),
        learning=tuple(qid for _due, qid in soon if is_learning(cards[qid])),
        new=tuple(draw_new(bank, plan, cards.keys(), allowance)),
        new_seen=len(first_today),
        pace=pace,
        soonest=tuple(qid for _due, qid in soon),
    )


def tomorrow(bank: Bank, sr: SpacedRepetition, plan: StudyPlan, now: datetime | None = None) -> Today:
    """Tomorrow's study as it stands now (what is left undone today is still due tomorrow)."""
    now = now or sr.clock()
    return todays_study(bank, sr, plan, next_day_start(now))


def due_by_day(bank: Bank, sr: SpacedRepetition, plan: StudyPlan, days: int = 14,
               now: datetime | None = None, cards: Mapping[str, Card] | None = None,
               first: Today | None = None) -> list[tuple[date, int]]:
    """Reviews falling due on each of the next `days` local days; the first is today's `reviews` (`first`:
    today's study, when the caller has it already, for the same `now` and `cards`)."""
    now = now or sr.clock()
    cards = cards if cards is not None else stored_cards(bank, sr)
    first = first if first is not None else todays_study(bank, sr, plan, now, cards)
    today = now.astimezone().date()
    horizon = day_horizon(now)
    counts = [first.reviews] + [0] * (days - 1)
    for card in cards.values():
        if card.due >= horizon:
            day = (card.due.astimezone().date() - today).days
            if 0 < day < days:
                counts[day] += 1
    return [(today + timedelta(days=i), n) for i, n in enumerate(counts)]


def category_study(bank: Bank, sr: SpacedRepetition, plan: StudyPlan, category: str,
                   now: datetime | None = None) -> list[str]:
    """A session on one category: what is due in it today, then up to CATEGORY_NEW new ones, easy first."""
    now = now or sr.clock()
    today = todays_study(bank, sr, plan, now)
    ids = [qid for qid in today.deck if _in(bank, qid, category)]
    one = StudyPlan(adjustments={c.id: int(c.id == category) for c in bank.categories})
    fresh = [qid for qid in new_order(bank, one, stored_cards(bank, sr).keys()) if qid not in ids]
    return ids + fresh[:CATEGORY_NEW]


def _in(bank: Bank, question_id: str, category: str) -> bool:
    q = bank.get(question_id)
    return q is not None and q.category == category


def counts_line(today: Today) -> str:
    """The counts as every screen words them: '12 due · 2 learning · 15 new'."""
    return f"{len(today.due)} due · {len(today.learning)} learning · {len(today.new)} new"
