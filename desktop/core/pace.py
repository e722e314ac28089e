"""How fast to take on new questions so the plan fits before the interview.

A question counts as covered when it has been studied and then reviewed on a later day before the
interview: seen at least twice. Recalled each time, a question first studied on day d comes back on
day d + g (g from fsrs at the desired retention: 2 days at 0.90), so new questions must all have been
started by the interview day minus g minus one. The daily number spreads what is left of the plan
evenly over the days until then; the user's limit caps it, and Progress offers to raise the limit
when the plan needs more. The expected load adds each question's later reviews and, for every review,
the chance (1 − retention) of a lapse that brings it back once more that day.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from fsrs import Card

from desktop.core.bank import Bank
from desktop.core.scheduler import SpacedRepetition, showings_if_recalled
from desktop.core.settings import NEW_PER_DAY
from desktop.core.study_plan import StudyPlan, planned_day


@dataclass(frozen=True)
class Pace:
    today: date
    interview_day: date | None  # None: no date, or one already past
    to_learn: int  # questions in the plan not studied before today
    review_gap: int  # days from a question's first study to its first review, if recalled
    needed: int  # new questions a day that cover the plan in time (0 without a date)
    cap: int  # the user's limit of new questions a day
    busiest: int  # cards expected on the busiest day at the plan's pace (0 without a date)
    covered: int  # questions the plan covers (categories weighted above zero)
    never_studied: int  # of them, not studied at all yet (to_learn less those started today)

    @property
    def days_left(self) -> int:
        return (self.interview_day - self.today).days if self.interview_day else 0

    @property
    def spaced(self) -> bool:
        """There is time for a later-day review of each question started from today."""
        return self.interview_day is not None and self.days_left - self.review_gap >= 1

    @property
    def last_new_day(self) -> date | None:
        """The last day a question started still gets its review before the interview."""
        if not self.spaced:
            return None
        return self.today + timedelta(days=self.days_left - self.review_gap - 1)

    @property
    def daily_new(self) -> int:
        """New questions a day for today's study: the plan's number within the user's limit."""
        if self.interview_day is None:
            return self.cap
        if self.days_left == 0:
            return 0  # the interview is today: review only
        return min(self.needed, self.cap)

    @property
    def raise_to(self) -> int | None:
        """The daily limit that would put the plan on track, when raising the limit can: there is time for a
        later-day review, and the number is one the limit can be set to. None otherwise (too close to the day,
        or more a day than any limit allows): no setting helps then, so none is suggested."""
        if self.spaced and self.cap < self.needed <= int(NEW_PER_DAY.high or self.needed):
            return self.needed
        return None

    @property
    def on_track(self) -> bool:
        return self.interview_day is None or self.days_left == 0 or (self.spaced and self.needed <= self.cap)


def pace_for(plan: StudyPlan, bank: Bank, sr: SpacedRepetition, now: datetime,
             cards: Mapping[str, Card], first_today: Collection[str]) -> Pace:
    """The pace the plan asks for at `now`. `cards` are the stored cards of the bank's questions and
    `first_today` the questions first studied today (they count towards today's new questions)."""
    today = now.astimezone().date()
    day = planned_day(plan.interview_day, today)
    # Counted by category, not question by question: the same numbers in O(categories + cards).
    weights = plan.weights(bank)
    covered = sum(n for c, n in bank.sizes.items() if weights.get(c, 0) > 0)
    seen = [q for q in map(bank.get, cards) if q is not None and weights.get(q.category, 0) > 0]
    never = covered - len(seen)
    to_learn = never + sum(1 for q in seen if q.id in first_today)
    retention = sr.desired_retention
    days_left = (day - today).days if day else 0
    shown = showings_if_recalled(retention, max(days_left, 1))
    gap = next((d for d in showings_if_recalled(retention, 400) if d > 0), 1)
    if day is None or days_left == 0:
        return Pace(today, day, to_learn, gap, 0, plan.cap, 0, covered, never)
    needed = math.ceil(to_learn / max(1, days_left - gap))
    earlier = {qid: card for qid, card in cards.items() if qid not in first_today}  # today's are in the model
    busiest = _busiest(needed, to_learn, days_left, shown, _reviews_by_day(earlier, now, days_left), retention)
    return Pace(today, day, to_learn, gap, needed, plan.cap, busiest, covered, never)


def _reviews_by_day(cards: Mapping[str, Card], now: datetime, days: int) -> list[int]:
    """Reviews of cards already studied falling due on each of the next `days` days (overdue: today)."""
    today = now.astimezone().date()
    counts = Counter(max(0, (c.due.astimezone().date() - today).days) for c in cards.values())
    return [counts.get(i, 0) for i in range(days)]


def _busiest(per_day: int, to_learn: int, days: int, shown: tuple[int, ...], reviews: list[int],
             retention: float) -> int:
    """The most cards any day asks for when `per_day` new questions are started each day."""
    lapse = 2 - retention  # a review is failed with chance 1 − retention, and then shown once more
    load = [r * lapse for r in reviews]
    left = to_learn
    for start in range(days):
        started = min(per_day, left)
        left -= started
        for i, offset in enumerate(shown):
            if start + offset < days:
                load[start + offset] += started * (1 if i == 0 else lapse)
    return math.ceil(max(load, default=0))
