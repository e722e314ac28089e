from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from desktop.core.bank import Bank, Category, Question
from desktop.core.quiz import (
    PASS_FAIL,
    CustomDeck,
    Grading,
    Phase,
    QuizSession,
    custom_deck,
    new_only,
    suggest_grade,
    todays_study,
)
from desktop.core.scheduler import Grade, SpacedRepetition
from tests.core.fakes import T0, FakeClock, Ticker


def q(qid: str, category: str = "a", difficulty: str = "easy", tags: tuple[str, ...] = ()) -> Question:
    return Question(id=qid, category=category, difficulty=difficulty, title=qid, answer="x", key_points=("k",),
                    tags=tags)


BANK = Bank(
    (Category("a", "A"), Category("b", "B")),
    (q("a1"), q("a2", difficulty="hard", tags=("t",)), q("a3"), q("b1", "b"), q("b2", "b", "medium", ("t",))),
)


def test_todays_study_for_a_first_time_user_is_new_questions_up_to_the_limit(sr: SpacedRepetition) -> None:
    assert todays_study(BANK, sr, new_per_day=3) == ["a1", "a2", "a3"]


def test_todays_study_puts_due_first_and_counts_new_already_seen_today(sr: SpacedRepetition, clock: FakeClock) -> None:
    sr.grade("b1", Grade.GOOD)
    sr.grade("a1", Grade.AGAIN)
    clock.advance(minutes=15)
    deck = todays_study(BANK, sr, new_per_day=3)
    assert deck[:2] == ["a1", "b1"]  # both due; a1 is more overdue
    assert deck[2:] == ["a2"]  # two of today's three new ones were already used


def test_new_only_and_custom_decks(sr: SpacedRepetition) -> None:
    sr.grade("a1", Grade.GOOD)
    assert new_only(BANK, sr, 2) == ["a2", "a3"]
    assert custom_deck(BANK, CustomDeck(categories={"b"}, shuffle=False)) == ["b1", "b2"]
    assert custom_deck(BANK, CustomDeck(tags={"t"}, difficulties={"hard"}, shuffle=False)) == ["a2"]
    assert custom_deck(BANK, CustomDeck(bookmarked_only=True, shuffle=False), bookmarks={"a3"}) == ["a3"]
    assert custom_deck(BANK, CustomDeck(with_notes_only=True, shuffle=False), noted={"b2"}) == ["b2"]
    shuffled = custom_deck(BANK, CustomDeck(count=5, seed=7))
    assert sorted(shuffled) == sorted(x.id for x in BANK.questions) and len(custom_deck(BANK, CustomDeck(count=2))) == 2
    assert custom_deck(BANK, CustomDeck(seed=7)) == shuffled  # a seed makes the order repeatable


@pytest.mark.parametrize(("ticked", "total", "grade"), [(0, 4, Grade.AGAIN), (2, 4, Grade.HARD), (4, 4, Grade.GOOD),
                                                        (0, 0, Grade.GOOD)])
def test_key_points_suggest_a_grade(ticked: int, total: int, grade: Grade) -> None:
    assert suggest_grade(ticked, total) is grade


def test_four_button_grading_offers_every_grade_on_its_own_digit() -> None:
    g = Grading()
    assert g.shown == (Grade.AGAIN, Grade.HARD, Grade.GOOD, Grade.EASY)
    assert [g.key(x) for x in g.shown] == ["1", "2", "3", "4"]
    assert [g.name(x) for x in g.shown] == ["Again", "Hard", "Good", "Easy"]
    assert [g.for_key(d) for d in (1, 2, 3, 4)] == [Grade.AGAIN, Grade.HARD, Grade.GOOD, Grade.EASY]
    assert g.for_key(0) is None and g.for_key(5) is None
    assert [g.suggest(t, 4) for t in (0, 2, 4)] == [Grade.AGAIN, Grade.HARD, Grade.GOOD]


def test_pass_fail_grading_is_fail_on_1_and_pass_on_2() -> None:
    g = Grading(pass_fail=True)
    assert PASS_FAIL == {Grade.AGAIN: "Fail", Grade.GOOD: "Pass"}
    assert g.shown == (Grade.AGAIN, Grade.GOOD)
    assert [(g.key(x), g.name(x)) for x in g.shown] == [("1", "Fail"), ("2", "Pass")]
    assert [g.for_key(d) for d in (1, 2, 3, 4)] == [Grade.AGAIN, Grade.GOOD, None, None]
    assert g.name(Grade.EASY) == "Easy"  # a grade it does not offer keeps its own name
    # some key points recalled is a Pass, none is a Fail, and an answer without key points passes
    assert [g.suggest(t, 4) for t in (0, 1, 3, 4)] == [Grade.AGAIN, Grade.GOOD, Grade.GOOD, Grade.GOOD]
    assert g.suggest(0, 0) is Grade.GOOD


def test_elapsed_runs_on_the_sessions_clock_and_restarts_with_each_question(sr: SpacedRepetition) -> None:
    tick = Ticker()
    s = QuizSession(["a1", "a2"], sr, monotonic=tick)
    assert s.elapsed() == 0.0
    tick.advance(65)
    assert s.elapsed() == 65.0
    s.reveal()
    tick.advance(5)
    assert s.elapsed() == 70.0  # revealing does not stop the stopwatch
    s.grade(Grade.GOOD)
    assert s.elapsed() == 0.0  # the next question starts from zero
    tick.advance(3)
    assert s.elapsed() == 3.0
    s.reveal()
    s.grade(Grade.GOOD)
    assert s.phase is Phase.FINISHED and s.elapsed() == 0.0
    tick.advance(100)
    assert s.elapsed() == 0.0


def test_elapsed_after_undo_goes_on_from_the_time_to_reveal(sr: SpacedRepetition) -> None:
    tick = Ticker()
    s = QuizSession(["a1", "a2"], sr, monotonic=tick)
    tick.advance(12)
    s.reveal()
    tick.advance(30)
    s.grade(Grade.GOOD)
    tick.advance(4)
    assert s.undo() == "a1"
    assert s.elapsed() == 12.0
    tick.advance(2)
    assert s.elapsed() == 14.0


def test_session_walks_question_reveal_grade_next_finished(sr: SpacedRepetition) -> None:
    tick = Ticker()
    s = QuizSession(["a1", "a2"], sr, monotonic=tick)
    assert (s.phase, s.current, s.remaining) == (Phase.QUESTION, "a1", 2)
    with pytest.raises(RuntimeError):
        s.grade(Grade.GOOD)  # cannot grade before revealing
    tick.t += 7.5
    s.reveal()
    assert s.phase is Phase.REVEALED
    tick.t += 2.5
    s.grade(Grade.GOOD)
    assert (s.phase, s.current) == (Phase.QUESTION, "a2")
    assert s.results[0].seconds_to_reveal == 7.5 and s.results[0].seconds_total == 10.0
    assert sr.store.reviews()[0][3] == 10000  # the duration reached the review log
    s.reveal()
    s.grade(Grade.AGAIN)
    assert s.phase is Phase.FINISHED and s.current is None and s.remaining == 0


def test_undo_goes_back_to_the_revealed_question_and_restores_the_card(sr: SpacedRepetition) -> None:
    s = QuizSession(["a1", "a2"], sr, monotonic=Ticker())
    s.reveal()
    s.grade(Grade.EASY)
    s.reveal()
    s.grade(Grade.AGAIN)
    assert s.phase is Phase.FINISHED
    assert s.undo() == "a2"
    assert (s.phase, s.current) == (Phase.REVEALED, "a2") and sr.is_new("a2")
    assert s.undo() == "a1" and s.current == "a1" and sr.is_new("a1")
    assert s.undo() is None
    s.grade(Grade.GOOD)
    assert s.current == "a2" and s.phase is Phase.QUESTION


def test_empty_session_is_finished_at_once(sr: SpacedRepetition) -> None:
    assert QuizSession([], sr).phase is Phase.FINISHED


def test_summary_counts_recall_weak_categories_again_list_and_tomorrow(sr: SpacedRepetition,
                                                                       clock: FakeClock) -> None:
    tick = Ticker()
    s = QuizSession(["a1", "a2", "b1"], sr, monotonic=tick)
    for grade in (Grade.GOOD, Grade.AGAIN, Grade.GOOD):
        s.reveal()
        tick.t += 20
        s.grade(grade)
    # a card graduated earlier falls due tomorrow
    sr.grade("b2", Grade.GOOD, now=T0 - timedelta(days=1))
    sr.grade("b2", Grade.GOOD, now=T0 - timedelta(days=1) + timedelta(minutes=10))
    summary = s.summary(BANK)
    assert (summary.done, summary.recalled, summary.seconds) == (3, 2, 60.0)
    assert summary.recall_rate == pytest.approx(2 / 3)
    assert summary.weakest_categories == [("a", 0.5)]
    assert summary.again_ids == ["a2"]
    due = sr.card("b2").due  # type: ignore[union-attr]
    expected = 1 if datetime(2026, 3, 3, tzinfo=UTC) <= due < datetime(2026, 3, 4, tzinfo=UTC) else 0
    assert summary.due_tomorrow == expected
