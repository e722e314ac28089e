from __future__ import annotations

import pytest
from fsrs import State

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
)
from desktop.core.scheduler import Grade, SpacedRepetition, describe_interval
from desktop.core.study_plan import StudyPlan
from tests.core.fakes import FakeClock, Ticker


def q(qid: str, category: str = "a", difficulty: str = "easy", tags: tuple[str, ...] = ()) -> Question:
    return Question(id=qid, category=category, difficulty=difficulty, title=qid, answer="x", key_points=("k",),
                    tags=tags)


BANK = Bank(
    (Category("a", "A"), Category("b", "B")),
    (q("a1"), q("a2", difficulty="hard", tags=("t",)), q("a3"), q("b1", "b"), q("b2", "b", "medium", ("t",))),
)


def test_new_only_and_custom_decks(sr: SpacedRepetition) -> None:
    sr.grade("a1", Grade.GOOD)
    assert new_only(BANK, sr, StudyPlan(), 2) == ["b1", "a3"]  # the plan's mix: Beta first, easy before hard
    assert custom_deck(BANK, CustomDeck(categories={"b"}, shuffle=False)) == ["b1", "b2"]
    assert custom_deck(BANK, CustomDeck(tags={"t"}, difficulties={"hard"}, shuffle=False)) == ["a2"]
    assert custom_deck(BANK, CustomDeck(bookmarked_only=True, shuffle=False), bookmarks={"a3"}) == ["a3"]
    assert custom_deck(BANK, CustomDeck(with_notes_only=True, shuffle=False), noted={"b2"}) == ["b2"]
    shuffled = custom_deck(BANK, CustomDeck(count=5, seed=7))
    assert sorted(shuffled) == sorted(x.id for x in BANK.questions) and len(custom_deck(BANK, CustomDeck(count=2))) == 2
    assert custom_deck(BANK, CustomDeck(seed=7)) == shuffled  # a seed makes the order repeatable


@pytest.mark.parametrize(("ticked", "total", "seconds", "grade"), [
    (0, 4, None, Grade.AGAIN), (1, 5, None, Grade.AGAIN), (1, 3, 5.0, Grade.AGAIN),  # under half: not recalled
    (2, 4, None, Grade.HARD), (3, 5, 5.0, Grade.HARD), (2, 3, None, Grade.HARD),  # half or more, not all
    (4, 4, None, Grade.GOOD), (4, 4, 20.1, Grade.GOOD), (4, 4, 20.0, Grade.EASY), (3, 3, 4.0, Grade.EASY),
    (0, 0, None, Grade.GOOD), (0, 0, 1.0, Grade.GOOD),  # nothing to check against
])
def test_the_share_of_key_points_recalled_and_the_time_suggest_a_grade(ticked: int, total: int, seconds: float | None,
                                                                      grade: Grade) -> None:
    assert suggest_grade(ticked, total, seconds) is grade


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
    # half the key points or more is a Pass, fewer a Fail, and an answer without key points passes
    assert [g.suggest(t, 4) for t in (0, 1, 2, 3, 4)] == [Grade.AGAIN, Grade.AGAIN, Grade.GOOD, Grade.GOOD, Grade.GOOD]
    assert g.suggest(4, 4, 1.0) is Grade.GOOD  # fast is still a Pass: Easy is not offered
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
    s.grade(Grade.EASY)
    assert s.elapsed() == 0.0  # the next question starts from zero
    tick.advance(3)
    assert s.elapsed() == 3.0
    s.reveal()
    s.grade(Grade.EASY)
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
    s.grade(Grade.EASY)
    assert (s.phase, s.current) == (Phase.QUESTION, "a2")
    assert s.results[0].seconds_to_reveal == 7.5 and s.results[0].seconds_total == 10.0
    assert sr.store.review_log.reviews()[0][3] == 10000  # the duration reached the review log
    s.reveal()
    s.grade(Grade.EASY)
    assert s.phase is Phase.FINISHED and s.current is None and s.remaining == 0


def test_undo_goes_back_to_the_revealed_question_and_restores_the_card(sr: SpacedRepetition) -> None:
    s = QuizSession(["a1", "a2"], sr, monotonic=Ticker())
    s.reveal()
    s.grade(Grade.EASY)
    s.reveal()
    s.grade(Grade.AGAIN)
    assert s.current == "a2" and s.learning == 0  # nothing else left: its learning step is shown early
    assert s.undo() == "a2"
    assert (s.phase, s.current) == (Phase.REVEALED, "a2") and sr.is_new("a2")
    assert s.undo() == "a1" and s.current == "a1" and sr.is_new("a1")
    assert s.undo() is None
    s.grade(Grade.GOOD)
    assert s.current == "a2" and s.phase is Phase.QUESTION
    assert s.remaining == 2 and s.learning == 1  # a2 on screen, a1 waiting for its ten-minute step


def test_empty_session_is_finished_at_once(sr: SpacedRepetition) -> None:
    assert QuizSession([], sr).phase is Phase.FINISHED


def test_summary_counts_first_showings_only(sr: SpacedRepetition, clock: FakeClock) -> None:
    tick = Ticker()
    s = QuizSession(["a1", "a2", "b1"], sr, monotonic=tick)
    for grade in (Grade.EASY, Grade.AGAIN, Grade.EASY, Grade.GOOD, Grade.GOOD):  # a2 fails, then its two steps
        s.reveal()
        tick.t += 20
        s.grade(grade)
    assert s.finished and [r.first for r in s.results] == [True, True, True, False, False]
    summary = s.summary(BANK)
    assert (summary.shown, summary.reviews, summary.passed_first, summary.seconds) == (3, 5, 2, 100.0)
    assert summary.recall_rate == pytest.approx(2 / 3)  # a2 came right on its step: still a miss
    assert summary.weakest_categories == [("a", 0.5)]
    assert summary.missed_ids == ["a2"]
    assert not summary.ended_early and "Well done" not in summary.verdict
    assert summary.verdict == ("1 question missed at first sight came back until you had it; it returns sooner in "
                               "the coming days.")  # one question: "it returns", not "they return"


def test_praise_only_for_a_whole_session_recalled_in_full(sr: SpacedRepetition) -> None:
    s = QuizSession(["a1", "b1"], sr, monotonic=Ticker())
    for _ in range(2):
        s.reveal()
        s.grade(Grade.EASY)
    assert s.summary(BANK).verdict == "Every question recalled in full at first sight. Well done."
    partly = QuizSession(["a3", "b2"], sr, monotonic=Ticker())
    for grade in (Grade.HARD, Grade.EASY):
        partly.reveal()
        partly.grade(grade)
    while not partly.finished:  # a3's Hard was a learning step: finish it
        partly.reveal()
        partly.grade(Grade.GOOD)
    assert partly.summary(BANK).recall_rate == 1.0
    assert partly.summary(BANK).verdict == "All recalled at first sight, 1 of them only partly (Hard)."


def test_again_on_every_learning_step_after_a_good_first_sight_is_not_praised(sr: SpacedRepetition,
                                                                             clock: FakeClock) -> None:
    """New questions graded Good at first sight come back on their ten-minute step; graded Again there (nine
    Again grades in all) the summary said "Every question recalled in full at first sight. Well done."."""
    s = QuizSession(["a1", "a2", "a3"], sr, monotonic=Ticker())
    again = {"a1": [Grade.GOOD, Grade.AGAIN, Grade.AGAIN, Grade.AGAIN, Grade.AGAIN],
             "a2": [Grade.GOOD, Grade.AGAIN, Grade.AGAIN, Grade.AGAIN, Grade.AGAIN],
             "a3": [Grade.GOOD, Grade.AGAIN]}
    run(s, again, clock, seconds=120)
    summary = s.summary(BANK)
    assert sum(r.grade is Grade.AGAIN for r in s.results) == 9
    assert summary.recall_rate == 1.0 and summary.slipped_later == 3  # at first sight they were recalled
    assert "Well done" not in summary.verdict and "in full" not in summary.verdict
    assert summary.verdict == ("All recalled at first sight, but 3 questions slipped on a later step (Again); "
                               "they come back sooner in the coming days.")
    assert summary.missed_ids == [] and summary.to_drill == ["a1", "a2", "a3"]  # the summary's Drill offers them


def test_a_session_ended_early_reports_only_what_was_shown(sr: SpacedRepetition) -> None:
    s = QuizSession(["a1", "a2", "b1"], sr, monotonic=Ticker())
    s.reveal()
    s.grade(Grade.EASY)
    summary = s.summary(BANK)  # ended here, with a2 on screen
    assert (summary.shown, summary.passed_first, summary.left, summary.still_learning) == (1, 1, 2, 0)
    assert summary.ended_early and "Well done" not in summary.verdict
    assert summary.verdict == "Ended early after 1 question; 2 not reached. They stay in today's study."
    s.reveal()
    s.grade(Grade.AGAIN)
    assert s.summary(BANK).still_learning == 1 and s.summary(BANK).left == 1


# ----------------------------------------------------------------- learning steps


def run(s: QuizSession, grades: dict[str, list[Grade]], clock: FakeClock | None = None,
        seconds: float = 30) -> list[str]:
    """Answer the session: each question takes its grades in turn (Good once they run out). Returns what was shown."""
    shown = []
    while not s.finished:
        qid = s.current
        assert qid is not None
        shown.append(qid)
        s.reveal()
        s.grade(grades.get(qid, []).pop(0) if grades.get(qid) else Grade.GOOD)
        if clock is not None:
            clock.advance(seconds=seconds)
    return shown


def test_again_comes_back_in_the_same_session_once_its_step_is_due(sr: SpacedRepetition, clock: FakeClock) -> None:
    s = QuizSession(["a1", "a2", "a3", "b1", "b2"], sr, monotonic=Ticker())
    shown = run(s, {"a1": [Grade.AGAIN]}, clock, seconds=30)
    # a1 failed: its 1-minute step fell due after two more questions (30 s each), and it came back then;
    # Good on its steps (10 minutes) came back before the session could end, early when nothing else was left
    assert shown[:4] == ["a1", "a2", "a3", "a1"]
    assert shown.count("a1") == 3 and all(shown.count(q) == 2 for q in ("a2", "a3", "b1", "b2"))
    assert s.finished and all(sr.card(q).state == State.Review for q in s.question_ids)  # type: ignore[union-attr]


def test_hard_while_learning_and_again_on_a_learned_card_come_back(sr: SpacedRepetition, clock: FakeClock) -> None:
    s = QuizSession(["a1"], sr, monotonic=Ticker())
    shown = run(s, {"a1": [Grade.HARD, Grade.HARD, Grade.GOOD, Grade.GOOD]})
    assert shown == ["a1"] * 4  # Hard keeps the step: it comes back; two Goods graduate it
    clock.now = sr.card("a1").due  # type: ignore[union-attr]
    again = QuizSession(["a1"], sr, monotonic=Ticker())
    assert run(again, {"a1": [Grade.AGAIN]}) == ["a1", "a1"]  # a lapse relearns in this session
    assert sr.card("a1").state == State.Review  # type: ignore[union-attr]


def test_the_session_ends_only_when_nothing_is_due_again_today(sr: SpacedRepetition) -> None:
    s = QuizSession(["a1"], sr, monotonic=Ticker())
    s.reveal()
    s.grade(Grade.GOOD)  # a new card's Good is a ten-minute learning step
    assert not s.finished and s.current == "a1"
    s.reveal()
    s.grade(Grade.GOOD)  # graduated: back in days
    assert s.finished


@pytest.mark.parametrize("grades", [[Grade.AGAIN], [Grade.HARD], [Grade.GOOD], [Grade.EASY],
                                    [Grade.AGAIN, Grade.HARD], [Grade.GOOD, Grade.AGAIN], [Grade.GOOD, Grade.GOOD]])
def test_a_buttons_label_says_whether_the_card_comes_back_this_session(sr: SpacedRepetition, clock: FakeClock,
                                                                       grades: list[Grade]) -> None:
    *before, last = grades
    s = QuizSession(["a1", "a2"], sr, monotonic=Ticker())
    for grade in before:
        while s.current != "a1":
            s.reveal()
            s.grade(Grade.EASY)
        s.reveal()
        s.grade(grade)
    while s.current != "a1":
        s.reveal()
        s.grade(Grade.EASY)
    label = describe_interval(sr.preview("a1")[last])
    s.reveal()
    s.grade(last)
    comes_back = s.current == "a1" or s.learning > 0
    assert label.startswith("<") == comes_back, (label, comes_back)


def test_undo_after_a_learning_step_restores_the_queue(sr: SpacedRepetition) -> None:
    s = QuizSession(["a1", "a2"], sr, monotonic=Ticker())
    s.reveal()
    s.grade(Grade.AGAIN)
    assert (s.current, s.learning) == ("a2", 1)
    s.reveal()
    s.grade(Grade.EASY)
    assert s.current == "a1"  # the step, shown early
    assert s.undo() == "a2" and s.learning == 1 and s.current == "a2"
    assert s.undo() == "a1" and s.learning == 0 and sr.is_new("a1")
    s.grade(Grade.EASY)
    assert s.current == "a2" and s.remaining == 1


@pytest.mark.parametrize(("passed", "total", "grade", "pass_fail_grade"), [
    (5, 5, Grade.GOOD, Grade.GOOD),  # every test passed
    (3, 5, Grade.HARD, Grade.AGAIN),  # some: Hard, but only code that passes everything is a Pass
    (0, 5, Grade.AGAIN, Grade.AGAIN),  # none
    (0, 0, Grade.AGAIN, Grade.AGAIN),  # not run (or no tests ran): nothing shows it works
])
def test_a_coding_exercise_is_graded_by_its_tests(passed: int, total: int, grade: Grade,
                                                  pass_fail_grade: Grade) -> None:
    from desktop.core.quiz import suggest_from_tests

    assert suggest_from_tests(passed, total) is grade
    assert Grading().suggest_from_tests(passed, total) is grade
    assert Grading(pass_fail=True).suggest_from_tests(passed, total) is pass_fail_grade


def test_time_away_from_the_quiz_counts_neither_to_the_stopwatch_nor_to_the_review(sr: SpacedRepetition) -> None:
    tick = Ticker()
    s = QuizSession(["a1", "a2"], sr, monotonic=tick)
    tick.advance(2)
    s.pause()  # the user switched to Browse mid-question
    tick.advance(20 * 60)
    assert s.elapsed() == 2.0  # the stopwatch stands still while away
    s.resume()
    tick.advance(1)
    s.reveal()
    assert s.seconds_to_reveal == 3.0  # quick enough for Easy's "answered within about 5 s a point"
    tick.advance(1)
    s.pause()  # away again with the answer shown
    tick.advance(600)
    s.resume()
    s.pause()
    s.resume()  # pausing twice or resuming without a pause changes nothing
    s.resume()
    tick.advance(1)
    s.grade(Grade.EASY)
    assert (s.results[0].seconds_to_reveal, s.results[0].seconds_total) == (3.0, 5.0)
    assert sr.store.review_log.reviews()[0][3] == 5000  # the review's duration leaves the 30 minutes away out
    assert s.elapsed() == 0.0  # the next question starts from nothing


def test_a_question_shown_while_paused_starts_its_time_on_the_return(sr: SpacedRepetition) -> None:
    tick = Ticker()
    s = QuizSession(["a1", "a2"], sr, monotonic=tick)
    s.reveal()
    s.pause()
    s.grade(Grade.GOOD)  # graded, say, from a menu while away: the next card waits for the user to come back
    tick.advance(300)
    assert s.elapsed() == 0.0
    s.resume()
    tick.advance(4)
    assert s.elapsed() == 4.0
