"""The numbers behind the Progress dashboard. No Qt: every figure here is tested directly.

Readiness of a category is the mean chance of recalling its questions if asked tomorrow
(fsrs's forgetting curve, counting part days; a question never studied counts as 0), so it rises
as you learn and falls as you forget, and a question failed a minute ago does not read as 100 %.
Due counts are not computed here: they come from desktop.core.today, like everywhere else.

Progress opens within 100 ms after a year of use because its figures share one StudyRecord
(core/study_record.py): the cards parsed once, the review log counted once and then kept current.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from fsrs import Card

from desktop.core.bank import Bank
from desktop.core.scheduler import SpacedRepetition
from desktop.core.store import Store
from desktop.core.study_plan import StudyPlan
from desktop.core.study_record import StudyRecord
from desktop.core.today import stored_cards

ASKED_IN = timedelta(days=1)  # readiness and the weakest questions look at recall a day from now


@dataclass(frozen=True)
class Readiness:
    category: str
    title: str
    readiness: float  # 0..1
    studied: int
    total: int


def readiness_by_category(bank: Bank, sr: SpacedRepetition, now: datetime | None = None,
                          cards: Mapping[str, Card] | None = None) -> list[Readiness]:
    """`cards`: the stored cards when the caller has read them already (Progress reads them once)."""
    now = now or sr.clock()
    cards = cards if cards is not None else stored_cards(bank, sr)
    out = []
    for cat in bank.categories:
        ids = [q.id for q in bank.questions if q.category == cat.id]
        if not ids:
            continue
        studied = [cards[qid] for qid in ids if qid in cards]
        total = sum(sr.recall_chance(card, now + ASKED_IN) for card in studied)
        out.append(Readiness(cat.id, cat.title, total / len(ids), len(studied), len(ids)))
    return out


def weak_categories(bank: Bank, sr: SpacedRepetition, now: datetime | None = None) -> list[str]:
    """Categories with at least one studied question, least ready first (ties in bank order).

    What a mock interview leans towards. A category never studied has no measured weakness, so it is
    left out (it is still asked, after these); with nothing studied yet there is nothing to lean to.
    """
    studied = [r for r in readiness_by_category(bank, sr, now) if r.studied]
    return [r.category for r in sorted(studied, key=lambda r: r.readiness)]


def study_days(store: Store, record: StudyRecord | None = None) -> Counter[date]:
    """How much was done on each local day: quiz reviews plus interview questions asked."""
    return (record or StudyRecord(store)).study_days()


def streak(days: Counter[date], today: date) -> int:
    """Consecutive days with some study, ending today (or yesterday, if today is still empty)."""
    day = today if days.get(today) else today - timedelta(days=1)
    count = 0
    while days.get(day):
        count += 1
        day -= timedelta(days=1)
    return count


def interview_scores(store: Store, record: StudyRecord | None = None) -> list[tuple[datetime, float]]:
    """Average self-score (1-5) of each scored interview, oldest first."""
    interviews = record.interviews() if record is not None else store.interview_store.summaries()
    return [(i.started_at, i.average_score) for i in reversed(interviews) if i.average_score is not None]


@dataclass(frozen=True)
class Weak:
    question_id: str
    chance: float  # of recalling it tomorrow
    lapses: int  # times graded Again
    reviews: int


def weakest_questions(bank: Bank, sr: SpacedRepetition, count: int = 5, now: datetime | None = None) -> list[str]:
    return [w.question_id for w in weakest(bank, sr, count, now)]


def weakest(bank: Bank, sr: SpacedRepetition, count: int = 5, now: datetime | None = None,
            cards: Mapping[str, Card] | None = None, record: StudyRecord | None = None) -> list[Weak]:
    """The questions least likely to be recalled tomorrow, among those with real evidence: reviewed at
    least twice, or failed. One look at a question says little, so it is not called weak yet."""
    now = now or sr.clock()
    counts = (record or StudyRecord(sr.store)).review_counts()
    found = []
    for qid, card in (cards if cards is not None else stored_cards(bank, sr)).items():
        reviews, lapses = counts.get(qid, (0, 0))
        if reviews >= 2 or lapses:
            found.append(Weak(qid, sr.recall_chance(card, now + ASKED_IN), lapses, reviews))
    found.sort(key=lambda w: (w.chance, -w.lapses, w.question_id))
    return found[:count]


@dataclass(frozen=True)
class NextStep:
    category: str
    title: str
    weight: int
    readiness: float
    target: float
    studied: int
    total: int

    @property
    def gap(self) -> float:
        """How far below the target, counted heavier for the categories the focus weighs more."""
        return self.weight * max(0.0, self.target - self.readiness)


def what_next(bank: Bank, sr: SpacedRepetition, plan: StudyPlan, count: int = 3, now: datetime | None = None,
              readiness: list[Readiness] | None = None) -> list[NextStep]:
    """The weighted categories furthest below the plan's target (readiness at the desired retention)."""
    weights = plan.weights(bank)
    ready = readiness if readiness is not None else readiness_by_category(bank, sr, now)
    steps = [NextStep(r.category, r.title, weights.get(r.category, 0), r.readiness, sr.desired_retention,
                      r.studied, r.total) for r in ready]
    behind = [s for s in steps if s.weight > 0 and s.gap > 0]
    order = {c.id: i for i, c in enumerate(bank.categories)}
    behind.sort(key=lambda s: (-s.gap, order.get(s.category, 0)))
    return behind[:count]
