"""The study plan the user chose: an interview date, a focus (weights over categories) and a daily
limit of new questions; and the order in which new questions are drawn under it.

New questions come interleaved across the weighted categories, each category at a pace proportional to
its weight times its size, so every weighted category is finished at about the same time and none is
left for the last week; within a category, easy before medium before hard.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Collection, Iterator, KeysView, Mapping
from dataclasses import dataclass, field
from datetime import date
from itertools import islice

from desktop.core.bank import Bank, Question
from desktop.core.focus import focus, format_adjustments, parse_adjustments, weights_for
from desktop.core.settings import INTERVIEW_DATE, NEW_PER_DAY, PLAN_ASKED, PLAN_FOCUS, PLAN_WEIGHTS, Settings

# The furthest ahead an interview is planned. The pace is modelled day by day up to the interview, so a
# date years away (the date field's year 9999) froze the window for seconds or overflowed the calendar.
PLAN_HORIZON_DAYS = 2 * 366


def planned_day(day: date | None, today: date) -> date | None:
    """The interview day the pace is worked out for: None once it is past, at most PLAN_HORIZON_DAYS ahead."""
    if day is None or day < today:
        return None
    return min(day, date.fromordinal(today.toordinal() + PLAN_HORIZON_DAYS))


@dataclass(frozen=True)
class StudyPlan:
    focus: str = "balanced"
    adjustments: Mapping[str, int] = field(default_factory=dict)  # per category, on top of the focus
    interview_day: date | None = None
    cap: int = int(NEW_PER_DAY.default)  # the user's limit of new questions a day

    @classmethod
    def load(cls, prefs: Settings) -> StudyPlan:
        day = prefs.get(INTERVIEW_DATE)
        return cls(focus=prefs.get(PLAN_FOCUS), adjustments=parse_adjustments(prefs.get(PLAN_WEIGHTS)) or {},
                   interview_day=date.fromisoformat(day) if day else None, cap=prefs.get(NEW_PER_DAY))

    def save(self, prefs: Settings) -> None:
        """Store the plan (the cap too) and mark the first-run question as answered."""
        prefs.set(PLAN_FOCUS, self.focus)
        prefs.set(PLAN_WEIGHTS, format_adjustments(self.adjustments))
        prefs.set(INTERVIEW_DATE, self.interview_day.isoformat() if self.interview_day else "")
        prefs.set(NEW_PER_DAY, self.cap)
        prefs.set(PLAN_ASKED, True)

    @property
    def focus_title(self) -> str:
        return focus(self.focus).title

    def weights(self, bank: Bank) -> dict[str, int]:
        return weights_for(self.focus, self.adjustments, (c.id for c in bank.categories))

    def weighted(self, bank: Bank) -> list[Question]:
        """The questions the plan covers: those in categories weighted above zero, in bank order."""
        weights = self.weights(bank)
        return [q for q in bank.questions if weights.get(q.category, 0) > 0]


def new_order(bank: Bank, plan: StudyPlan, studied: Collection[str]) -> list[str]:
    """Every never-studied question the plan covers, in the order new study draws them.

    The j-th question still new in category c (which has n_c questions, s_c of them studied, weight
    w_c) is placed at (s_c + j + ½) / (w_c · n_c): each category advances through its share of the
    bank at a pace set by its weight, so consecutive questions come from different categories.
    Ties go to the category listed first.
    """
    return list(_new_in_order(bank, plan, studied))


def draw_new(bank: Bank, plan: StudyPlan, studied: Collection[str], count: int) -> list[str]:
    """The next `count` new questions. Never all from one category while another weighted category
    still has new questions: the last pick gives way to the first question of another category."""
    order = _new_in_order(bank, plan, studied)  # drawn lazily: today's few, not the whole bank's order
    picked = list(islice(order, count)) if count >= 0 else new_order(bank, plan, studied)[:count]
    categories = {_category(bank, qid) for qid in picked}
    if len(picked) >= 2 and len(categories) == 1:
        other = next((qid for qid in order if _category(bank, qid) not in categories), None)
        if other is not None:
            picked[-1] = other
    return picked


def _new_in_order(bank: Bank, plan: StudyPlan, studied: Collection[str]) -> Iterator[str]:
    """new_order's ids one at a time: each category's new questions come in rising key order, so merging
    the categories gives the sorted order without placing the whole bank (10,000 questions: tens of ms)."""
    weights = plan.weights(bank)
    studied = studied if isinstance(studied, (set, frozenset, KeysView)) else set(studied)
    done: Counter[str] = Counter()
    for qid in studied:
        q = bank.get(qid)
        if q is not None:
            done[q.category] += 1
    order = {c.id: i for i, c in enumerate(bank.categories)}
    sizes, ranked = bank.sizes, bank.ranked

    def keyed(category: str) -> Iterator[tuple[float, int, str]]:
        pace, start, rank = weights[category] * sizes[category], done[category], order.get(category, len(order))
        fresh = (q for q in ranked[category] if q.id not in studied)
        for j, q in enumerate(fresh):
            yield (start + j + 0.5) / pace, rank, q.id

    streams = [keyed(c) for c in ranked if weights.get(c, 0) > 0]
    return (qid for _key, _cat, qid in heapq.merge(*streams))


def _category(bank: Bank, question_id: str) -> str:
    q = bank.get(question_id)
    return q.category if q else ""


def days_to_go(days: int) -> str:
    """'1 day to go', '21 days to go'; 'today' on the day."""
    if days <= 0:
        return "today"
    return f"{days} day{'s' if days != 1 else ''} to go"


def short_date(day: date) -> str:
    """'Mon 23 Mar' on every system (strftime's no-padding flags differ between them)."""
    return f"{day:%a} {day.day} {day:%b}"
