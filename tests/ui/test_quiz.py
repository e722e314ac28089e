"""A daily review driven by keyboard only, checked against what the store holds."""

from __future__ import annotations

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


def test_a_whole_review_by_keyboard(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, quiz = start_quiz(make_window, qtbot)
    store = window.ctx.store
    assert "4 new" in quiz.start_counts.text()  # a first-time user has something to do at once
    key(qtbot, window, Qt.Key.Key_Return)  # Enter starts today's study
    assert quiz.session is not None and quiz.session.current == "gradient-descent"
    assert "Answer hidden" in quiz.view.toPlainText()
    assert not quiz.grade_row.isVisible()

    key(qtbot, window, Qt.Key.Key_Space)  # reveal
    assert "It steps against the gradient" in quiz.view.toPlainText()
    assert [b.text().split("   ", 1)[1] for b in quiz.card_page.boxes] == [
        "point one of gradient-descent", "point two", "point three"]
    assert "(a–c to tick)" in quiz.checklist_title.text()  # the hint names only the letters in use
    assert quiz.card_page.suggested is Grade.AGAIN  # nothing ticked yet
    key(qtbot, window, Qt.Key.Key_A)
    key(qtbot, window, Qt.Key.Key_C)
    assert [b.isChecked() for b in quiz.card_page.boxes] == [True, False, True]
    assert quiz.card_page.suggested is Grade.HARD
    key(qtbot, window, Qt.Key.Key_B)
    assert quiz.card_page.suggested is Grade.GOOD
    assert "10m" in quiz.grade_buttons[Grade.GOOD].text()  # when it comes back, on the button
    key(qtbot, window, Qt.Key.Key_Return)  # accept the suggestion
    assert [r[:2] for r in store.reviews()] == [("gradient-descent", 3)]

    assert quiz.session.current == "learning-rate"
    key(qtbot, window, Qt.Key.Key_Space)
    key(qtbot, window, Qt.Key.Key_1)  # override: Again
    key(qtbot, window, Qt.Key.Key_Space)
    key(qtbot, window, Qt.Key.Key_4)  # Easy
    assert [r[:2] for r in store.reviews()] == [("gradient-descent", 3), ("learning-rate", 1), ("decision-tree", 4)]

    key(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo the Easy
    assert window.ctx.scheduler.is_new("decision-tree")
    assert quiz.session.current == "decision-tree" and quiz.grade_row.isVisible()
    key(qtbot, window, Qt.Key.Key_3)
    key(qtbot, window, Qt.Key.Key_Space)
    key(qtbot, window, Qt.Key.Key_3)
    assert quiz.page is Page.SUMMARY
    assert quiz.summary_values["done"].text() == "4"
    assert quiz.summary_values["recall"].text() == "75%"
    assert quiz.drill_button.isVisible() and "1 graded Again" in quiz.drill_button.text()
    ratings = [r[:2] for r in store.reviews()]
    assert ratings == [("gradient-descent", 3), ("learning-rate", 1), ("decision-tree", 3), ("random-forest", 3)]


def test_undo_restores_the_exact_card_in_the_store(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, quiz = start_quiz(make_window, qtbot)
    key(qtbot, window, Qt.Key.Key_Return)
    key(qtbot, window, Qt.Key.Key_Space)
    key(qtbot, window, Qt.Key.Key_3)
    before = window.ctx.store.card_json("gradient-descent")
    quiz.session.question_ids.append("gradient-descent")  # see it again in this session
    for _ in range(3):
        key(qtbot, window, Qt.Key.Key_Space)
        key(qtbot, window, Qt.Key.Key_3)
    key(qtbot, window, Qt.Key.Key_Space)
    key(qtbot, window, Qt.Key.Key_1)
    assert window.ctx.store.card_json("gradient-descent") != before
    key(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.ctx.store.card_json("gradient-descent") == before


def test_typing_digits_and_letters_in_the_note_does_not_grade(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, quiz = start_quiz(make_window, qtbot)
    key(qtbot, window, Qt.Key.Key_Return)
    key(qtbot, window, Qt.Key.Key_Space)
    key(qtbot, window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is quiz.notes.edit
    qtbot.keyClicks(quiz.notes.edit, "a 1 b 4")
    assert quiz.notes.text() == "a 1 b 4"
    assert window.ctx.store.reviews() == [] and not any(b.isChecked() for b in quiz.card_page.boxes)
    quiz.notes.flush()
    assert window.ctx.store.note("gradient-descent") == "a 1 b 4"


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
    assert [r[1] for r in window.ctx.store.reviews()] == [3, 1]


def test_progress_survives_a_restart_and_todays_limit_holds(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, quiz = start_quiz(make_window, qtbot)
    quiz.new_limit.setValue(2)
    key(qtbot, window, Qt.Key.Key_Return)
    assert len(quiz.session.question_ids) == 2
    for _ in range(2):
        key(qtbot, window, Qt.Key.Key_Space)
        key(qtbot, window, Qt.Key.Key_3)
    window.close()
    again = make_window()
    again.switch_to("quiz")
    quiz2 = again.mode("quiz")
    assert quiz2.new_limit.value() == 2
    assert "0 new" in quiz2.start_counts.text() and "2 new seen today" in quiz2.start_counts.text()
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
