from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest

from desktop.core.bank import Bank, Category, Question
from desktop.core.progress import (
    interview_scores,
    readiness_by_category,
    streak,
    study_days,
    weak_categories,
    weakest,
    weakest_questions,
    what_next,
)
from desktop.core.scheduler import Grade, SpacedRepetition
from desktop.core.study_plan import StudyPlan
from tests.core.fakes import T0, FakeClock, scored_interview


def q(qid: str, category: str) -> Question:
    return Question(id=qid, category=category, difficulty="easy", title=qid, answer="a", key_points=("k",))


BANK = Bank((Category("a", "Alpha"), Category("b", "Beta")), (q("a1", "a"), q("a2", "a"), q("b1", "b")))


def learn(sr: SpacedRepetition, qid: str, clock: FakeClock) -> None:
    sr.grade(qid, Grade.GOOD)
    clock.advance(minutes=10)
    sr.grade(qid, Grade.GOOD)


def test_readiness_is_the_mean_chance_of_recall_tomorrow_with_unstudied_as_zero(sr: SpacedRepetition,
                                                                              clock: FakeClock) -> None:
    assert [(r.category, r.readiness, r.studied, r.total) for r in readiness_by_category(BANK, sr)] == [
        ("a", 0.0, 0, 2), ("b", 0.0, 0, 1)]
    learn(sr, "a1", clock)
    ready = {r.category: r for r in readiness_by_category(BANK, sr)}
    r_a1 = sr.retrievability("a1", clock() + timedelta(days=1))  # fsrs's own curve, a day on
    assert ready["a"].readiness == pytest.approx(r_a1 / 2) and ready["a"].studied == 1
    sr.grade("b1", Grade.AGAIN)
    assert 0 < readiness_by_category(BANK, sr)[1].readiness < 0.85  # just failed: not "100 %"
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


def test_weakest_questions_need_evidence_and_put_failures_first(sr: SpacedRepetition, clock: FakeClock) -> None:
    sr.grade("b1", Grade.EASY)  # seen once, recalled: no evidence of weakness yet
    assert weakest_questions(BANK, sr) == []
    learn(sr, "a1", clock)  # two reviews: evidence
    sr.grade("a2", Grade.AGAIN)  # failed: evidence
    found = weakest(BANK, sr)
    assert [w.question_id for w in found] == ["a2", "a1"]
    assert (found[0].lapses, found[0].reviews) == (1, 1) and found[0].chance < found[1].chance < 1.0
    assert weakest_questions(BANK, sr, 1) == ["a2"]


def test_interview_scores_over_time(sr: SpacedRepetition) -> None:
    store = sr.store
    scored_interview(store, "Phone screen", [("a1", 2), ("a2", 4)])
    scored_interview(store, "Rapid fire", [("b1", None)])  # not scored: not plotted
    assert [s for _t, s in interview_scores(store)] == [3.0]


def test_what_next_is_the_weighted_categories_furthest_below_the_target(sr: SpacedRepetition,
                                                                        clock: FakeClock) -> None:
    steps = what_next(BANK, sr, StudyPlan(adjustments={"a": 1, "b": 3}))
    assert [s.category for s in steps] == ["b", "a"]  # nothing studied: the heavier category first
    assert steps[0].target == 0.9 and steps[0].readiness == 0.0 and steps[0].gap == pytest.approx(2.7)
    for qid in ("b1",):
        sr.grade(qid, Grade.EASY)
    assert [s.category for s in what_next(BANK, sr, StudyPlan(adjustments={"a": 1, "b": 3}))] == ["a"]  # b is ready
    assert what_next(BANK, sr, StudyPlan(adjustments={"a": 0, "b": 3})) == []  # a is outside the focus
