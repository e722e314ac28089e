"""A daily review driven by keyboard only, checked against what the store holds."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.core.scheduler import Grade
from desktop.ui.modes.quiz import Page


def key(qtbot, window, k, mod=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, k, mod)


def start_quiz(make_window, qtbot):  # type: ignore[no-untyped-def]
    window = make_window()
    key(qtbot, window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key == "quiz"
    return window, window.mode("quiz")


def heading_in_view(view, heading: str) -> bool:  # type: ignore[no-untyped-def]
    """A section's heading is on screen in a QuestionView, with room for a line of the section under it."""
    block = view.document().firstBlock()
    while block.isValid() and block.text() != heading:
        block = block.next()
    top = view.document().documentLayout().blockBoundingRect(block).top() - view.verticalScrollBar().value()
    return bool(block.isValid()) and 0 <= top < view.viewport().height() - 40


def answer_in(quiz, seconds: float) -> None:  # type: ignore[no-untyped-def]
    """Put the session's clock `seconds` after the question was shown, as if the user thought that long."""
    shown_at = quiz.session.monotonic()
    quiz.session.monotonic = lambda: shown_at + seconds


def test_a_whole_review_by_keyboard(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, quiz = start_quiz(make_window, qtbot)
    store = window.ctx.store
    assert quiz.start_counts.text() == "0 due · 0 learning · 4 new"  # a first-time user has something to do at once
    key(qtbot, window, Qt.Key.Key_Return)  # Enter starts today's study
    assert quiz.session is not None and quiz.session.current == "gradient-descent"
    assert "Answer hidden" in quiz.view.toPlainText()
    assert not quiz.grade_row.isVisible()

    answer_in(quiz, 30)
    key(qtbot, window, Qt.Key.Key_Space)  # reveal
    assert "It steps against the gradient" in quiz.view.toPlainText()
    assert quiz.card_page.ticks.points() == [
        "point one of gradient-descent", "point two", "point three"]
    assert "(a–c to tick)" in quiz.checklist_title.text()  # the hint names only the letters in use
    assert quiz.card_page.suggested is Grade.AGAIN  # nothing ticked yet
    key(qtbot, window, Qt.Key.Key_A)
    assert quiz.card_page.suggested is Grade.AGAIN  # one of three: under half
    key(qtbot, window, Qt.Key.Key_C)
    assert quiz.card_page.ticked() == [True, False, True]
    assert quiz.card_page.suggested is Grade.HARD  # two of three
    key(qtbot, window, Qt.Key.Key_B)
    assert quiz.card_page.suggested is Grade.GOOD  # all three, in 30 s: Good (under 15 s would be Easy)
    assert "<10m" in quiz.grade_buttons[Grade.GOOD].text()  # when it comes back, on the button: this session
    assert "<1m" in quiz.grade_buttons[Grade.AGAIN].text() and "8d" in quiz.grade_buttons[Grade.EASY].text()
    key(qtbot, window, Qt.Key.Key_Return)  # accept the suggestion
    assert [r[:2] for r in store.review_log.reviews()] == [("gradient-descent", 3)]

    assert quiz.session.current == "decision-tree"  # the next new one comes from the other category
    key(qtbot, window, Qt.Key.Key_Space)
    key(qtbot, window, Qt.Key.Key_1)  # override: Again
    assert quiz.session.current == "learning-rate" and quiz.session.learning == 2
    key(qtbot, window, Qt.Key.Key_Space)
    key(qtbot, window, Qt.Key.Key_4)  # Easy: graduates at once
    assert [r[:2] for r in store.review_log.reviews()] == [("gradient-descent", 3), ("decision-tree", 1), ("learning-rate", 4)]

    key(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo the Easy
    assert window.ctx.scheduler.is_new("learning-rate")
    assert quiz.session.current == "learning-rate" and quiz.grade_row.isVisible()
    key(qtbot, window, Qt.Key.Key_4)
    key(qtbot, window, Qt.Key.Key_Space)
    key(qtbot, window, Qt.Key.Key_3)
    # every new question has been shown; the learning steps (decision-tree's Again, the Goods) come back now
    assert quiz.page is Page.CARD and "learning step" in quiz.card_page.progress.text()
    steps = 0
    while quiz.page is Page.CARD:
        key(qtbot, window, Qt.Key.Key_Space)
        key(qtbot, window, Qt.Key.Key_3)
        steps += 1
    assert steps == 4  # gradient-descent and random-forest once, decision-tree twice (Again, then two Goods)
    assert quiz.page is Page.SUMMARY
    assert quiz.summary_values["done"].text() == "4" and quiz.summary_page.summary_captions["done"].text() == (
        "questions + 4 repeats")
    assert quiz.summary_values["recall"].text() == "75%"  # decision-tree failed at first sight
    assert "Well done" not in quiz.summary_page.verdict.text()
    assert quiz.drill_button.isVisible() and "1 question you missed" in quiz.drill_button.text()
    ratings = [r[:2] for r in store.review_log.reviews()]
    assert ratings[:5] == [("gradient-descent", 3), ("decision-tree", 1), ("learning-rate", 4),
                           ("random-forest", 3), ("decision-tree", 3)]  # the step due soonest comes first
    assert len(ratings) == 8 and {q for q, _r in ratings} == {"gradient-descent", "decision-tree", "learning-rate",
                                                              "random-forest"}
    assert not window.ctx.scheduler.due(window.ctx.scheduler.clock() + timedelta(hours=1))  # all graduated


def test_undo_restores_the_exact_card_in_the_store(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, quiz = start_quiz(make_window, qtbot)
    key(qtbot, window, Qt.Key.Key_Return)
    key(qtbot, window, Qt.Key.Key_Space)
    key(qtbot, window, Qt.Key.Key_3)  # gradient-descent: Good, a learning step
    before = window.ctx.store.review_log.card_json("gradient-descent")
    while quiz.session.current != "gradient-descent":  # it comes back in this session
        key(qtbot, window, Qt.Key.Key_Space)
        key(qtbot, window, Qt.Key.Key_4)
    key(qtbot, window, Qt.Key.Key_Space)
    key(qtbot, window, Qt.Key.Key_1)
    assert window.ctx.store.review_log.card_json("gradient-descent") != before
    key(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.ctx.store.review_log.card_json("gradient-descent") == before


def test_typing_digits_and_letters_in_the_note_does_not_grade(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, quiz = start_quiz(make_window, qtbot)
    key(qtbot, window, Qt.Key.Key_Return)
    key(qtbot, window, Qt.Key.Key_Space)
    key(qtbot, window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is quiz.notes.edit
    qtbot.keyClicks(quiz.notes.edit, "a 1 b 4")
    assert quiz.notes.text() == "a 1 b 4"
    assert window.ctx.store.review_log.reviews() == [] and not any(quiz.card_page.ticked())
    quiz.notes.flush()
    assert window.ctx.store.note_store.note("gradient-descent") == "a 1 b 4"


def test_pass_fail_grading(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, quiz = start_quiz(make_window, qtbot)
    quiz.pass_fail_box.setChecked(True)
    key(qtbot, window, Qt.Key.Key_Return)
    key(qtbot, window, Qt.Key.Key_Space)
    visible = [g for g, b in quiz.grade_buttons.items() if not b.isHidden()]
    assert visible == [Grade.AGAIN, Grade.GOOD]
    assert "Pass" in quiz.grade_buttons[Grade.GOOD].text()
    key(qtbot, window, Qt.Key.Key_2)  # 2 is Pass
    key(qtbot, window, Qt.Key.Key_Space)
    key(qtbot, window, Qt.Key.Key_1)  # 1 is Fail
    assert [r[1] for r in window.ctx.store.review_log.reviews()] == [3, 1]


def test_progress_survives_a_restart_and_todays_limit_holds(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, quiz = start_quiz(make_window, qtbot)
    quiz.new_limit.setValue(2)
    key(qtbot, window, Qt.Key.Key_Return)
    assert len(quiz.session.question_ids) == 2
    for _ in range(2):
        key(qtbot, window, Qt.Key.Key_Space)
        key(qtbot, window, Qt.Key.Key_4)
    window.close()
    again = make_window()
    again.switch_to("quiz")
    quiz2 = again.mode("quiz")
    assert quiz2.new_limit.value() == 2
    assert quiz2.start_page.start_title.text() == "All caught up"
    assert quiz2.start_counts.text() == "Tomorrow: 0 due · 0 learning · 2 new · 2 new started today"
    assert not again.ctx.scheduler.is_new("gradient-descent")


def test_custom_quiz_by_category(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, quiz = start_quiz(make_window, qtbot)
    quiz.custom_button.click()
    quiz.custom_categories.item(1).setCheckState(Qt.CheckState.Checked)  # Trees
    quiz.custom_shuffle.setChecked(False)
    quiz.custom_start.click()
    assert quiz.session.question_ids == ["decision-tree", "random-forest"]


def test_enter_in_the_custom_builder_starts_the_custom_quiz(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, quiz = start_quiz(make_window, qtbot)
    quiz.custom_button.click()
    quiz.custom_categories.item(1).setCheckState(Qt.CheckState.Checked)  # Trees
    quiz.custom_shuffle.setChecked(False)
    quiz.custom_count.setFocus()
    key(qtbot, window, Qt.Key.Key_Return)
    assert quiz.session.question_ids == ["decision-tree", "random-forest"]


def test_the_stopwatch_shows_the_sessions_own_clock(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, quiz = start_quiz(make_window, qtbot)
    assert quiz.page is Page.START
    key(qtbot, window, Qt.Key.Key_Return)
    assert quiz.page is Page.CARD
    t0 = quiz.session.monotonic()
    quiz.session.monotonic = lambda: t0 + 65  # 65 s later on the session's clock, whatever the wall says
    key(qtbot, window, Qt.Key.Key_Space)
    assert quiz.card_page.stopwatch.text() == "Time 1:05"
    key(qtbot, window, Qt.Key.Key_Escape)  # graded nothing: back to the start
    assert quiz.page is Page.START and quiz.session is None


def test_a_reveal_in_a_short_window_scrolls_just_enough_to_show_the_answer_begin(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, quiz = start_quiz(make_window, qtbot)
    view = quiz.view

    def answer_heading_in_view() -> bool:
        return heading_in_view(view, "Answer")

    window.resize(1360, 820)  # tall: the whole card fits, nothing scrolls
    key(qtbot, window, Qt.Key.Key_Return)  # today's study
    key(qtbot, window, Qt.Key.Key_Space)  # reveal
    qtbot.wait(50)
    assert view.verticalScrollBar().value() == 0 and answer_heading_in_view()
    key(qtbot, window, Qt.Key.Key_Return)  # graded: the next card

    window.set_text_scale(1.5)
    window.resize(760, 420)  # short, with big text: the title and its line of tags fill the view
    qtbot.wait(50)
    assert quiz.session is not None and view.verticalScrollBar().value() == 0
    key(qtbot, window, Qt.Key.Key_Space)
    assert "Answer" in view.toPlainText()
    qtbot.waitUntil(answer_heading_in_view)
    assert view.verticalScrollBar().value() > 0


def test_a_question_that_slipped_on_a_later_step_is_offered_for_a_drill(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Good at first sight, then Again on its learning step: the summary said it slipped but offered no drill,
    as Drill counted only first-sight misses."""
    window, quiz = start_quiz(make_window, qtbot)
    key(qtbot, window, Qt.Key.Key_Return)
    first_seen: list[str] = []
    slipped = None
    while quiz.page is Page.CARD:
        current = quiz.session.current
        key(qtbot, window, Qt.Key.Key_Space)
        if current not in first_seen:
            first_seen.append(current)
            key(qtbot, window, Qt.Key.Key_3)  # recalled at first sight
        elif slipped is None:
            slipped = current
            key(qtbot, window, Qt.Key.Key_1)  # then forgotten on its step
        else:
            key(qtbot, window, Qt.Key.Key_3)
    assert slipped is not None and quiz.summary_values["recall"].text() == "100%"
    assert "slipped on a later step" in quiz.summary_page.verdict.text()
    assert quiz.drill_button.isVisible() and quiz.drill_button.text() == "Drill the 1 question you missed"
    quiz.drill_button.click()
    assert quiz.page is Page.CARD and quiz.session.question_ids == [slipped]
