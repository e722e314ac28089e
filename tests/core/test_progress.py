from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest

from desktop.core.bank import Bank, Category, Question
from desktop.core.progress import (
    due_per_day,
    interview_scores,
    plan_for,
    readiness_by_category,
    streak,
    study_days,
    weak_categories,
    weakest_questions,
)
from desktop.core.scheduler import Grade, SpacedRepetition
from tests.core.fakes import T0, FakeClock, scored_interview


def q(qid: str, category: str) -> Question:
    return Question(id=qid, category=category, difficulty="easy", title=qid, answer="a", key_points=("k",))


BANK = Bank((Category("a", "Alpha"), Category("b", "Beta")), (q("a1", "a"), q("a2", "a"), q("b1", "b")))


def learn(sr: SpacedRepetition, qid: str, clock: FakeClock) -> None:
    sr.grade(qid, Grade.GOOD)
    clock.advance(minutes=10)
    sr.grade(qid, Grade.GOOD)


def test_readiness_is_mean_retrievability_with_unstudied_as_zero(sr: SpacedRepetition, clock: FakeClock) -> None:
    assert [(r.category, r.readiness, r.studied, r.total) for r in readiness_by_category(BANK, sr)] == [
        ("a", 0.0, 0, 2), ("b", 0.0, 0, 1)]
    learn(sr, "a1", clock)
    ready = {r.category: r for r in readiness_by_category(BANK, sr)}
    r_a1 = sr.retrievability("a1")
    assert ready["a"].readiness == pytest.approx(r_a1 / 2) and ready["a"].studied == 1
    clock.advance(days=60)
    assert readiness_by_category(BANK, sr)[0].readiness < ready["a"].readiness  # forgetting lowers it


def test_weak_categories_are_the_studied_ones_least_ready_first(sr: SpacedRepetition, clock: FakeClock) -> None:
    assert weak_categories(BANK, sr) == []  # nothing studied: nothing to lean towards
    learn(sr, "b1", clock)
    assert weak_categories(BANK, sr) == ["b"]  # "a" was never studied: no measured weakness
    learn(sr, "a1", clock)
    assert weak_categories(BANK, sr) == ["a", "b"]  # a2 unstudied counts as zero: Alpha is half as ready
    learn(sr, "a2", clock)
    sr.grade("b1", Grade.AGAIN)
    clock.advance(days=3)
    assert weak_categories(BANK, sr) == ["b", "a"]  # a lapse, and days go by: Beta is now the weaker


def test_study_days_and_streak(sr: SpacedRepetition, clock: FakeClock) -> None:
    for _ in range(3):
        sr.grade("a1", Grade.AGAIN)
        clock.advance(days=1)
    days = study_days(sr.store)
    assert days == Counter({T0.date(): 1, T0.date() + timedelta(days=1): 1, T0.date() + timedelta(days=2): 1})
    assert streak(days, T0.date() + timedelta(days=2)) == 3
    assert streak(days, T0.date() + timedelta(days=3)) == 3  # today not started yet: the streak holds
    assert streak(days, T0.date() + timedelta(days=4)) == 0
    assert streak(Counter(), date(2026, 1, 1)) == 0


def test_due_per_day_counts_overdue_as_today(sr: SpacedRepetition, clock: FakeClock) -> None:
    learn(sr, "a1", clock)
    sr.grade("b1", Grade.AGAIN)  # due in minutes: today
    due_date = sr.card("a1").due.date()  # type: ignore[union-attr]
    days = dict(due_per_day(sr, 14))
    assert len(days) == 14 and days[T0.date()] == 1
    if due_date - T0.date() < timedelta(days=14):
        assert days[due_date] == 1
    clock.advance(days=30)
    assert dict(due_per_day(sr, 3))[clock().date()] == 2  # both overdue now


def test_weakest_questions_prefers_low_recall_then_lapses(sr: SpacedRepetition, clock: FakeClock) -> None:
    learn(sr, "a1", clock)
    sr.grade("a2", Grade.AGAIN)
    sr.grade("b1", Grade.AGAIN)
    sr.grade("b1", Grade.AGAIN)
    weakest = weakest_questions(BANK, sr, 2)
    assert "a1" not in weakest and len(weakest) == 2


def test_interview_scores_over_time(sr: SpacedRepetition) -> None:
    store = sr.store
    scored_interview(store, "Phone screen", [("a1", 2), ("a2", 4)])
    scored_interview(store, "Rapid fire", [("b1", None)])  # not scored: not plotted
    assert [s for _t, s in interview_scores(store)] == [3.0]


def test_interview_date_plan(sr: SpacedRepetition, clock: FakeClock) -> None:
    learn(sr, "a1", clock)
    plan = plan_for(T0.date() + timedelta(days=10), BANK, sr)
    assert (plan.days_left, plan.to_learn) == (10, 2)
    assert plan.per_day == -(-(plan.to_learn + plan.reviews_due) // 10)
    same_day = plan_for(T0.date(), BANK, sr)
    assert same_day.days_left == 0 and same_day.per_day == same_day.to_learn + same_day.reviews_due
