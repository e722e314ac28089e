"""One source of numbers: today's due, learning and new counts, the deck they make, tomorrow's, and
the due chart all come from the same sorting of the same cards."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from desktop.core.bank import Bank, Category, Question
from desktop.core.quiz import QuizSession
from desktop.core.scheduler import Grade, SpacedRepetition
from desktop.core.study_plan import StudyPlan
from desktop.core.today import category_study, due_by_day, todays_study, tomorrow
from tests.core.fakes import T0, FakeClock, Ticker


def q(qid: str, category: str, difficulty: str = "easy") -> Question:
    return Question(id=qid, category=category, difficulty=difficulty, title=qid, answer="x", key_points=("k",))


BANK = Bank((Category("a", "A"), Category("b", "B")),
            (q("a1", "a"), q("a2", "a", "hard"), q("a3", "a"), q("b1", "b"), q("b2", "b", "medium"), q("b3", "b")))
PLAN = StudyPlan(cap=3)


def graduate(sr: SpacedRepetition, qid: str, at: datetime) -> None:
    sr.grade(qid, Grade.GOOD, now=at)
    sr.grade(qid, Grade.GOOD, now=at + timedelta(minutes=10))


def test_a_first_day_is_new_questions_only_from_every_category(sr: SpacedRepetition) -> None:
    today = todays_study(BANK, sr, PLAN)
    assert (today.due, today.learning, today.new_seen) == ((), (), 0)
    assert today.new == ("a1", "b1", "a3") and today.deck == ["a1", "b1", "a3"] and today.total == 3


def test_review_cards_due_any_time_today_are_due_now_and_learning_ones_count_apart(
        sr: SpacedRepetition, clock: FakeClock) -> None:
    graduate(sr, "b2", T0 - timedelta(days=2, hours=-5))  # graduated two days ago at 14:00: due today at 14:00
    assert sr.card("b2").due == datetime(2026, 3, 2, 14, 10, tzinfo=UTC)  # type: ignore[union-attr]
    sr.grade("a2", Grade.AGAIN)  # learning: due in a minute
    today = todays_study(BANK, sr, PLAN)
    assert today.due == ("b2",) and today.learning == ("a2",) and today.reviews == 2
    assert today.new_seen == 1 and len(today.new) == 2  # a2 was today's first new question
    assert today.deck[:2] == ["a2", "b2"]  # soonest due first, then the new ones
    assert todays_study(BANK, sr, PLAN, T0 + timedelta(hours=15)).due == ("b2",)  # still due tonight if not done


def test_tomorrow_counts_what_is_left_today_and_a_fresh_allowance(sr: SpacedRepetition, clock: FakeClock) -> None:
    graduate(sr, "b2", T0 - timedelta(days=2))  # due today, not done
    session = QuizSession(todays_study(BANK, sr, PLAN).deck[1:], sr, monotonic=Ticker())  # skip b2
    while not session.finished:
        session.reveal()
        session.grade(Grade.EASY)
    after = todays_study(BANK, sr, PLAN)
    assert (after.reviews, len(after.new), after.new_seen) == (1, 0, 3)
    ahead = tomorrow(BANK, sr, PLAN)
    assert ahead.due == ("b2",) and ahead.new == ("a2", "b3") and ahead.new_seen == 0  # the last two new ones


def test_the_due_chart_starts_with_todays_count(sr: SpacedRepetition, clock: FakeClock) -> None:
    graduate(sr, "a1", T0 - timedelta(hours=1))  # due in two days
    sr.grade("b1", Grade.AGAIN)  # learning, due in a minute
    graduate(sr, "b3", T0 - timedelta(days=3))  # overdue
    days = due_by_day(BANK, sr, PLAN, 5)
    assert [d for d, _n in days] == [T0.date() + timedelta(days=i) for i in range(5)]
    assert days[0][1] == todays_study(BANK, sr, PLAN).reviews == 2
    assert days[2][1] == 1 and sum(n for _d, n in days) == 3
    clock.advance(days=30)
    assert due_by_day(BANK, sr, PLAN, 3)[0][1] == todays_study(BANK, sr, PLAN).reviews == 3


def test_questions_that_left_the_bank_are_not_counted(sr: SpacedRepetition) -> None:
    sr.grade("gone-from-the-bank", Grade.AGAIN)
    assert todays_study(BANK, sr, PLAN).reviews == 0 and due_by_day(BANK, sr, PLAN, 2)[0][1] == 0


def test_studying_one_category_takes_its_due_then_its_new_ones_easy_first(sr: SpacedRepetition) -> None:
    sr.grade("a1", Grade.AGAIN)
    sr.grade("b1", Grade.AGAIN)
    assert category_study(BANK, sr, PLAN, "b") == ["b1", "b3", "b2"]
