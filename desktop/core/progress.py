"""The numbers behind the Progress dashboard. No Qt: every figure here is tested directly.

Readiness of a category is the mean chance of recalling its questions today
(fsrs retrievability; a question never studied counts as 0), so it rises as you
learn and falls as you forget.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from fsrs import Card

from desktop.core.bank import Bank
from desktop.core.scheduler import SpacedRepetition
from desktop.core.store import Store


@dataclass(frozen=True)
class Readiness:
    category: str
    title: str
    readiness: float  # 0..1
    studied: int
    total: int


def readiness_by_category(bank: Bank, sr: SpacedRepetition, now: datetime | None = None) -> list[Readiness]:
    now = now or sr.clock()
    cards = sr.store.cards()
    out = []
    for cat in bank.categories:
        ids = [q.id for q in bank.questions if q.category == cat.id]
        if not ids:
            continue
        total = 0.0
        studied = 0
        for qid in ids:
            if qid in cards:
                studied += 1
                total += sr.retrievability(qid, now) or 0.0
        out.append(Readiness(cat.id, cat.title, total / len(ids), studied, len(ids)))
    return out


def weak_categories(bank: Bank, sr: SpacedRepetition, now: datetime | None = None) -> list[str]:
    """Categories with at least one studied question, least ready first (ties in bank order).

    What a mock interview leans towards. A category never studied has no measured weakness, so it is
    left out (it is still asked, after these); with nothing studied yet there is nothing to lean to.
    """
    studied = [r for r in readiness_by_category(bank, sr, now) if r.studied]
    return [r.category for r in sorted(studied, key=lambda r: r.readiness)]


def study_days(store: Store) -> Counter[date]:
    """How much was done on each local day: quiz reviews plus interview questions."""
    days: Counter[date] = Counter()
    for _qid, _rating, at, _ms in store.reviews():
        days[at.astimezone().date()] += 1
    for row in store.interviews():
        days[datetime.fromisoformat(str(row["started_at"])).astimezone().date()] += int(str(row["questions"]))
    return days


def streak(days: Counter[date], today: date) -> int:
    """Consecutive days with some study, ending today (or yesterday, if today is still empty)."""
    day = today if days.get(today) else today - timedelta(days=1)
    count = 0
    while days.get(day):
        count += 1
        day -= timedelta(days=1)
    return count


def due_per_day(sr: SpacedRepetition, days: int = 14, now: datetime | None = None) -> list[tuple[date, int]]:
    """Reviews falling due on each of the next `days` local days; overdue ones count today."""
    now = now or sr.clock()
    today = now.astimezone().date()
    counts: Counter[date] = Counter()
    for text in sr.store.cards().values():
        due = Card.from_json(text).due.astimezone().date()
        counts[max(due, today)] += 1
    return [(today + timedelta(days=i), counts.get(today + timedelta(days=i), 0)) for i in range(days)]


def interview_scores(store: Store) -> list[tuple[datetime, float]]:
    """Average self-score (1-5) of each scored interview, oldest first."""
    out = []
    for row in reversed(store.interviews()):
        if row["average_score"] is not None:
            out.append((datetime.fromisoformat(str(row["started_at"])), float(str(row["average_score"]))))
    return out


def weakest_questions(bank: Bank, sr: SpacedRepetition, count: int = 5, now: datetime | None = None) -> list[str]:
    """Studied questions least likely to be recalled today, with lapses (Again grades) as the tie-breaker."""
    now = now or sr.clock()
    lapses = Counter(qid for qid, rating, _at, _ms in sr.store.reviews() if rating == 1)
    known = {q.id for q in bank.questions}
    scored = []
    for qid in sr.store.cards():
        if qid in known:
            r = sr.retrievability(qid, now)
            scored.append((r if r is not None else 0.0, -lapses[qid], qid))
    scored.sort()
    return [qid for _r, _l, qid in scored[:count]]


@dataclass(frozen=True)
class ExamPlan:
    days_left: int
    to_learn: int  # never studied yet
    reviews_due: int  # reviews falling due before the date
    per_day: int  # reviews a day that cover everything before the date


def plan_for(interview_day: date, bank: Bank, sr: SpacedRepetition, now: datetime | None = None) -> ExamPlan:
    """How much to do each day so every question is studied and every due review done before the interview."""
    now = now or sr.clock()
    today = now.astimezone().date()
    days_left = max(0, (interview_day - today).days)
    cards = sr.store.cards()
    to_learn = sum(1 for q in bank.questions if q.id not in cards)
    reviews_due = sum(1 for text in cards.values() if Card.from_json(text).due.astimezone().date() < interview_day)
    work = to_learn + reviews_due
    per_day = math.ceil(work / days_left) if days_left else work
    return ExamPlan(days_left, to_learn, reviews_due, per_day)
