"""The study plan: focuses and their weights, the interleaved draw of new questions, and the pace that
gets every weighted question seen twice (studied, then reviewed on a later day) before the interview."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

import pytest

from desktop.core.bank import Bank, Category, Question
from desktop.core.focus import (
    FOCUSES,
    adjustments_between,
    focus,
    format_adjustments,
    parse_adjustments,
    weights_for,
)
from desktop.core.quiz import QuizSession
from desktop.core.scheduler import Grade, SpacedRepetition, showings_if_recalled
from desktop.core.settings import Settings
from desktop.core.store import DB_NAME, Store
from desktop.core.study_plan import StudyPlan, draw_new, new_order
from desktop.core.today import todays_study
from tests.conftest import bundled_bank
from tests.core.fakes import T0, FakeClock, Ticker
from tests.core.test_settings import Ini

DIFFS = ("hard", "easy", "medium")


def bank_of(sizes: dict[str, int]) -> Bank:
    """Categories with `n` questions each, difficulties mixed so that bank order is not easiest first."""
    questions = [Question(id=f"{c}{i}", category=c, difficulty=DIFFS[i % 3], title=f"{c}{i}", answer="x",
                          key_points=("k",)) for c, n in sizes.items() for i in range(n)]
    return Bank(tuple(Category(c, c.upper()) for c in sizes), tuple(questions))


BANK = bank_of({"a": 6, "b": 6, "c": 6, "d": 6})


def category(qid: str) -> str:
    return qid.rstrip("0123456789")


# ------------------------------------------------------------------ focuses


def test_every_focus_names_only_real_categories_with_weights_0_to_3() -> None:

    ids = {c.id for c in bundled_bank().categories}
    assert [f.id for f in FOCUSES] == ["balanced", "ml-engineer", "applied-scientist", "data-scientist", "llm-engineer"]
    for f in FOCUSES:
        assert set(f.weights) <= ids, f.id
        assert all(w in (0, 1, 2, 3) for w in f.weights.values())
    assert focus("ml-engineer").weight("ml-system-design") == 3
    assert focus("llm-engineer").weight("trees-and-ensembles") == 0
    assert focus("no-such-focus") is FOCUSES[0]


def test_adjustments_are_stored_as_pairs_and_only_where_they_differ_from_the_focus() -> None:
    assert parse_adjustments("a=3, b=0") == {"a": 3, "b": 0}
    assert parse_adjustments("") == {}
    for bad in ("a=4", "a", "=2", "a=two", "a=1,b"):
        assert parse_adjustments(bad) is None, bad
    assert format_adjustments({"a": 3, "b": 0}) == "a=3,b=0"
    weights = weights_for("llm-engineer", {"linear-models": 2}, ["linear-models", "llms-genai", "imported-deck"])
    assert weights == {"linear-models": 2, "llms-genai": 3, "imported-deck": 1}  # an imported deck gets the default
    assert adjustments_between("llm-engineer", weights) == {"linear-models": 2}


def test_the_plan_is_read_from_and_written_to_settings() -> None:
    prefs = Settings(Ini())
    assert StudyPlan.load(prefs) == StudyPlan()  # nothing chosen: a mix of everything, no date, 15 a day
    plan = StudyPlan("data-scientist", {"llms-genai": 0}, date(2026, 3, 23), 30)
    plan.save(prefs)
    assert StudyPlan.load(prefs) == plan
    assert prefs.backend.value("plan/weights") == "llms-genai=0"  # type: ignore[attr-defined]
    told: list[str] = []
    bad = Settings(Ini({"plan/weights": "llms-genai=9", "plan/focus": "astronaut"}), told.append)
    assert StudyPlan.load(bad) == StudyPlan()
    assert len(told) == 2 and "category=weight pairs" in told[1]


# --------------------------------------------------------------- interleaving


def test_new_questions_are_interleaved_across_categories_easy_first() -> None:
    order = new_order(BANK, StudyPlan(), studied=())
    assert [category(q) for q in order[:8]] == ["a", "b", "c", "d"] * 2  # one from each, in turn
    for c in "abcd":
        mine = [BANK.get(q).difficulty for q in order if category(q) == c]  # type: ignore[union-attr]
        assert mine == ["easy", "easy", "medium", "medium", "hard", "hard"]


def test_weights_set_the_pace_and_zero_leaves_a_category_out() -> None:
    plan = StudyPlan(adjustments={"a": 3, "b": 1, "c": 0, "d": 1})
    order = new_order(BANK, plan, studied=())
    assert "c" not in {category(q) for q in order} and len(order) == 18
    first = Counter(category(q) for q in order[:10])
    assert first == {"a": 6, "b": 2, "d": 2}  # three times the pace: all of "a" while a third of the others
    assert len(plan.weighted(BANK)) == 18


def test_what_was_studied_before_counts_so_no_category_is_left_behind() -> None:
    studied = {"a0", "a1", "a2"}  # half of "a" done in a custom quiz
    order = new_order(BANK, StudyPlan(), studied)
    assert [category(q) for q in order[:3]] == ["b", "c", "d"]
    assert not set(order) & studied


def test_a_days_draw_is_never_all_from_one_category() -> None:
    skewed = bank_of({"big": 60, "small": 3})
    plan = StudyPlan(adjustments={"big": 3, "small": 1})
    assert {category(q) for q in new_order(skewed, plan, ())[:5]} == {"big"}  # the pure pace would be all "big"
    for n in (2, 5, 15):
        drawn = draw_new(skewed, plan, (), n)
        assert len(drawn) == n and {category(q) for q in drawn} == {"big", "small"}
    only = bank_of({"solo": 5})
    assert draw_new(only, StudyPlan(), (), 3) == ["solo1", "solo4", "solo2"]  # one category: nothing to mix in


def test_a_first_day_on_the_real_bank_follows_the_focus() -> None:

    bank = bundled_bank()
    for f in FOCUSES:
        plan = StudyPlan(f.id)
        drawn = [bank.get(q) for q in draw_new(bank, plan, (), 15)]
        cats = Counter(q.category for q in drawn if q)
        assert len(cats) >= 8, (f.id, cats)  # a mix, not a run of one category
        assert all(plan.weights(bank)[c] > 0 for c in cats)
    ml = Counter(bank.get(q).category for q in draw_new(bank, StudyPlan("ml-engineer"), (), 60))  # type: ignore[union-attr]
    ds = Counter(bank.get(q).category for q in draw_new(bank, StudyPlan("data-scientist"), (), 60))  # type: ignore[union-attr]
    assert ml["ml-system-design"] > ds["ml-system-design"] and ds["experimentation-causal"] > ml["experimentation-causal"]
    assert ds["ml-infra-scale"] == 0


# --------------------------------------------------------------------- pace


def sr_at(tmp_path: Path, clock: FakeClock, retention: float = 0.9) -> SpacedRepetition:
    return SpacedRepetition(Store.open(tmp_path / DB_NAME, clock), retention, clock)


def test_a_question_recalled_every_time_is_first_reviewed_two_days_after_it_was_learned() -> None:
    assert showings_if_recalled(0.9, 30) == (0, 0, 2, 13)  # learning steps on day 0, then 2 and 13 days on
    assert showings_if_recalled(0.8, 30)[2] == 8  # lower retention: a longer first gap


def test_the_daily_number_covers_the_plan_with_a_review_before_the_day(tmp_path: Path) -> None:
    clock = FakeClock(T0)  # Monday 2 March 2026, 09:00
    sr = sr_at(tmp_path, clock)
    plan = StudyPlan(interview_day=T0.date() + timedelta(days=10), cap=15)
    pace = todays_study(BANK, sr, plan).pace
    # 24 questions; studied by Wed 9 March at the latest, each is reviewed 2 days later, before Thu 12 March
    assert (pace.days_left, pace.review_gap, pace.to_learn, pace.covered) == (10, 2, 24, 24)
    assert pace.last_new_day == date(2026, 3, 9) and pace.needed == 3 and pace.daily_new == 3  # ⌈24 / 8⌉
    assert pace.on_track and pace.busiest >= 3 * 2  # at least the new ones and their learning step

    tight = todays_study(BANK, sr, StudyPlan(interview_day=T0.date() + timedelta(days=4), cap=5)).pace
    assert (tight.needed, tight.daily_new, tight.on_track) == (12, 5, False)  # ⌈24 / 2⌉ needed, 5 allowed
    assert todays_study(BANK, sr, StudyPlan(cap=5)).pace.daily_new == 5  # no date: the limit itself
    on_the_day = todays_study(BANK, sr, StudyPlan(interview_day=T0.date(), cap=5))
    assert on_the_day.pace.daily_new == 0 and on_the_day.new == ()  # the interview is today: review only
    past = todays_study(BANK, sr, StudyPlan(interview_day=T0.date() - timedelta(days=1), cap=5)).pace
    assert past.interview_day is None and past.daily_new == 5  # a date gone by is no plan
    too_close = todays_study(BANK, sr, StudyPlan(interview_day=T0.date() + timedelta(days=2), cap=50)).pace
    assert not too_close.spaced and too_close.needed == 24 and not too_close.on_track


def test_new_questions_started_today_still_count_towards_todays_number(tmp_path: Path) -> None:
    clock = FakeClock(T0)
    sr = sr_at(tmp_path, clock)
    plan = StudyPlan(interview_day=T0.date() + timedelta(days=10), cap=15)
    sr.grade("a1", Grade.EASY)
    clock.advance(hours=2)
    today = todays_study(BANK, sr, plan)
    assert (today.pace.needed, today.new_seen, len(today.new)) == (3, 1, 2)  # the same 3 a day, 1 done


@pytest.mark.parametrize(("sizes", "days", "focus_adjust"), [
    ({"a": 20, "b": 14, "c": 9, "d": 5}, 21, {}),  # three weeks, a small bank
    ({"a": 30, "b": 30, "c": 30}, 10, {"c": 0}),  # ten days, one category left out
])
def test_following_the_plan_sees_every_weighted_question_twice_before_the_interview(
        tmp_path: Path, sizes: dict[str, int], days: int, focus_adjust: dict[str, int]) -> None:
    bank = bank_of(sizes)
    clock = FakeClock(T0)
    sr = sr_at(tmp_path, clock)
    interview = T0.date() + timedelta(days=days)
    plan = StudyPlan(adjustments=focus_adjust, interview_day=interview, cap=200)
    seen: dict[str, set[date]] = defaultdict(set)
    daily_new = []
    for day in range(days):
        clock.now = T0 + timedelta(days=day)
        today = todays_study(bank, sr, plan)
        daily_new.append(len(today.new))
        assert len({category(q) for q in today.new}) >= min(2, len(today.new))  # a mix every day
        session = QuizSession(today.deck, sr, monotonic=Ticker())
        while not session.finished:
            seen[session.current].add(clock().date())  # type: ignore[index]
            session.reveal()
            session.grade(Grade.GOOD)
            clock.advance(seconds=40)
    weighted = {q.id for q in plan.weighted(bank)}
    assert set(seen) == weighted  # nothing left out, nothing outside the focus
    assert all(len(days_seen) >= 2 and max(days_seen) < interview for days_seen in seen.values())
    assert daily_new[0] == -(-len(weighted) // (days - 2))  # the first day's number is the plan's


def test_new_questions_drawn_lazily_follow_the_placing_rule_for_any_weights_and_studied_questions() -> None:
    # The placing rule of new_order's docstring, worked out for every question and sorted: draw_new and
    # new_order (which merge the categories lazily) must give exactly this order.
    import random

    rng = random.Random(5)
    bank = bank_of({"a": 40, "b": 7, "c": 25, "d": 1})
    rank = {"easy": 0, "medium": 1, "hard": 2}
    order = {c.id: i for i, c in enumerate(bank.categories)}
    for _ in range(30):
        plan = StudyPlan(adjustments={c: rng.choice((0, 1, 2, 3)) for c in "abcd"})
        studied = set(rng.sample([q.id for q in bank.questions], rng.randrange(60))) | {"not-in-the-bank"}
        weights = plan.weights(bank)
        placed = []
        for c in "abcd":
            if weights[c] == 0:
                continue
            members = [q for q in bank.questions if q.category == c]
            done = sum(q.id in studied for q in members)
            fresh = sorted((q for q in members if q.id not in studied), key=lambda q: rank[q.difficulty])
            placed += [((done + j + 0.5) / (weights[c] * len(members)), order[c], q.id) for j, q in enumerate(fresh)]
        expected = [qid for _k, _o, qid in sorted(placed)]
        assert new_order(bank, plan, studied) == expected
        for count in (0, 1, 3, 10, 1000):
            drawn = draw_new(bank, plan, studied, count)
            assert drawn[:-1] == expected[:count][:-1] and len(drawn) == min(count, len(expected))
