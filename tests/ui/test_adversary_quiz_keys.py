"""A quiz driven by the keyboard alone, as a user writing notes on their cards drives it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.core.quiz import Phase
from desktop.core.scheduler import Grade
from desktop.ui.modes.quiz import Page
from tests.ui.test_quiz import key, start_quiz

CTRL = Qt.KeyboardModifier.ControlModifier


def test_esc_in_a_note_leaves_the_note_and_the_next_keys_grade_the_card(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Esc while writing a note ended the whole session (back to the start page when nothing was graded yet),
    so the 3 pressed next to grade the card did nothing; the first Esc now leaves the note, the second ends."""
    window, quiz = start_quiz(make_window, qtbot)
    store = window.ctx.store
    key(qtbot, window, Qt.Key.Key_Return)  # today's study
    first = quiz.session.current
    key(qtbot, window, Qt.Key.Key_Space)
    key(qtbot, window, Qt.Key.Key_E, CTRL)
    qtbot.keyClicks(quiz.notes.edit, "recall 3 of 4 points")
    key(qtbot, window, Qt.Key.Key_Escape)  # out of the note
    assert quiz.page is Page.CARD and quiz.session is not None and quiz.session.current == first
    assert not quiz.notes.edit.hasFocus()
    assert "Esc again ends the session" in window.statusBar().currentMessage()
    assert store.note_store.note(first) == "recall 3 of 4 points"  # on disk as it is left
    key(qtbot, window, Qt.Key.Key_3)  # now a grade, not a character of the note
    assert [r[:2] for r in store.review_log.reviews()] == [(first, int(Grade.GOOD))]
    assert quiz.notes.text() != "recall 3 of 4 points3"

    key(qtbot, window, Qt.Key.Key_Space)
    key(qtbot, window, Qt.Key.Key_Escape)  # not in a note: ends the session at once, as before
    assert quiz.page is Page.SUMMARY
    assert quiz.summary_values["done"].text() == "1"
    key(qtbot, window, Qt.Key.Key_Return)  # back to the start
    assert quiz.page is Page.START
    key(qtbot, window, Qt.Key.Key_Return)  # and another session, on what is left of today
    assert quiz.page is Page.CARD and QApplication.focusWidget() is quiz.pages


def test_ctrl_d_bookmarks_the_card_and_browse_shows_it(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+D, 'bookmark the current question' in the keyboard table, did nothing in Quiz: a card worth keeping
    could only be found again by leaving the quiz for Browse and searching for it."""
    window, quiz = start_quiz(make_window, qtbot)
    notes = window.ctx.store.note_store
    key(qtbot, window, Qt.Key.Key_D, CTRL)  # on the start page: no card, nothing to bookmark
    assert notes.bookmarks() == set()
    key(qtbot, window, Qt.Key.Key_Return)
    card = quiz.session.current
    key(qtbot, window, Qt.Key.Key_D, CTRL)  # the question alone, before its answer
    assert notes.bookmarks() == {card}
    assert window.statusBar().currentMessage().startswith("Bookmarked")
    key(qtbot, window, Qt.Key.Key_Space)
    key(qtbot, window, Qt.Key.Key_E, CTRL)
    qtbot.keyClicks(quiz.notes.edit, "why")
    key(qtbot, window, Qt.Key.Key_D, CTRL)  # from inside the note too, as every Ctrl key
    assert notes.bookmarks() == set() and quiz.notes.text() == "why"
    assert window.statusBar().currentMessage() == "Bookmark removed"
    key(qtbot, window, Qt.Key.Key_D, CTRL)
    assert notes.bookmarks() == {card} and quiz.session.current == card and not window.ctx.store.review_log.reviews()
    assert "Ctrl+D" in [a.shortcut().toString() for a in window.mode_menu.actions()]  # in the Quiz menu, and F1

    key(qtbot, window, Qt.Key.Key_1, CTRL)  # Browse, on that same question: its button says so
    browse = window.mode("browse")
    browse.open_question(card)
    assert browse.reading.bookmark_button.text().startswith("★")
    browse.results.bookmarked_only.setChecked(True)
    assert browse.visible_ids() == [card]


def test_enter_presses_the_button_tab_reached_rather_than_the_pages_default(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """With the focus ring on 'Drill the 1 question you missed', Enter went back to the start page; on a card, Tab
    out of the note onto '1  Again' and Enter graded the suggested grade instead. Enter presses the button."""
    window, quiz = start_quiz(make_window, qtbot)
    store = window.ctx.store
    key(qtbot, window, Qt.Key.Key_Return)
    missed = quiz.session.current
    key(qtbot, window, Qt.Key.Key_Space)
    key(qtbot, window, Qt.Key.Key_A)
    key(qtbot, window, Qt.Key.Key_B)
    key(qtbot, window, Qt.Key.Key_C)  # every point recalled: Good is suggested
    assert quiz.card_page.suggested is not Grade.AGAIN
    key(qtbot, window, Qt.Key.Key_E, CTRL)
    qtbot.keyClicks(quiz.notes.edit, "I mixed it up")
    key(qtbot, window, Qt.Key.Key_Tab)  # out of the note, onto the first grade button
    assert QApplication.focusWidget() is quiz.grade_buttons[Grade.AGAIN]
    key(qtbot, window, Qt.Key.Key_Return)
    assert [r[:2] for r in store.review_log.reviews()] == [(missed, int(Grade.AGAIN))]

    key(qtbot, window, Qt.Key.Key_Escape)  # the summary, a drill offered
    assert quiz.page is Page.SUMMARY and quiz.drill_button.isVisible()
    key(qtbot, window, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is quiz.drill_button
    key(qtbot, window, Qt.Key.Key_Return)
    assert quiz.page is Page.CARD and quiz.session.question_ids == [missed]

    key(qtbot, window, Qt.Key.Key_Escape)  # nothing graded in the drill: back to the start page
    assert quiz.page is Page.START
    quiz.custom_button.click()  # a checkable button keeps the focus after a click: Enter is no toggle
    quiz.custom_button.setFocus()
    key(qtbot, window, Qt.Key.Key_Return)
    assert quiz.page is Page.CARD and quiz.session.question_ids != [missed]  # today's study, as before


def test_enter_after_leaving_an_exercises_code_still_reveals_its_answer(coding_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """On a card Enter presses only a grade button the focus is on: Ctrl+Tab leaves the code editor for the
    exercise's own buttons, and Enter there reveals the answer as it always has, without running the code."""
    window = coding_window()
    key(qtbot, window, Qt.Key.Key_2, CTRL)
    quiz = window.mode("quiz")
    quiz.start_drill(["add-two"])
    panel = quiz.exercise
    assert panel.editor.hasFocus()
    key(qtbot, window, Qt.Key.Key_Tab, CTRL)
    assert not panel.editor.hasFocus()
    key(qtbot, window, Qt.Key.Key_Return)
    assert quiz.session.phase is Phase.REVEALED and not panel.running and panel.last_result is None
