"""Issue 21: a coding exercise as a Quiz card: the editor instead of the checklist, the tests suggest the grade."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.core.scheduler import Grade
from tests.ui.test_exercise_editor import CTRL, run_by_keyboard, start_typing, type_lines


def key(qtbot, window, k, mod=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(QApplication.focusWidget() or window, k, mod)


def test_passing_tests_suggest_good_and_enter_accepts_it(coding_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = coding_window()
    key(qtbot, window, Qt.Key.Key_2, CTRL)
    quiz = window.mode("quiz")
    quiz.start_drill(["add-two", "double-it"])
    card = quiz.card_page
    panel = quiz.exercise
    assert panel.isVisible() and panel.editor.hasFocus()  # write the code first
    assert "Answer hidden" in quiz.view.toPlainText() and not card.checklist.isVisible()
    start_typing(qtbot, panel.editor)
    type_lines(qtbot, panel.editor, "def add(a, b):", "return a + b")
    run_by_keyboard(qtbot, panel)
    assert panel.results.summary.text().startswith("✓ All 2 tests passed")
    key(qtbot, window, Qt.Key.Key_Tab, CTRL)  # out of the editor, where Space types a space
    assert not panel.editor.hasFocus()
    key(qtbot, window, Qt.Key.Key_Space)  # reveal
    assert "Return a + b" in quiz.view.toPlainText()  # the answer, with its key points on the page
    assert "Handle negative numbers" in quiz.view.toPlainText()
    assert not card.checklist.isVisible() and card.test_hint.isVisible()  # graded by the tests, not ticks
    assert card.suggested is Grade.GOOD
    assert "passed 2 of 2 tests: Good is suggested" in card.test_hint.text()
    key(qtbot, window, Qt.Key.Key_Return)  # accept the suggestion
    assert [r[:2] for r in window.ctx.store.review_log.reviews()] == [("add-two", int(Grade.GOOD))]
    assert quiz.session.current == "double-it"
    assert panel.editor.toPlainText().startswith("def double(x):") and panel.last_result is None  # a fresh card


def test_the_reveal_buttons_keys_reveal_an_exercise_card_typed_into(coding_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The button names the keys that reveal: on a coding card the editor has the focus, and Space there types a
    space, so it names Ctrl+Tab first; pressing what it says, in order, reveals without touching the code."""
    window = coding_window()
    key(qtbot, window, Qt.Key.Key_2, CTRL)
    quiz = window.mode("quiz")
    quiz.start_drill(["add-two"])
    card, panel = quiz.card_page, quiz.exercise
    start_typing(qtbot, panel.editor)
    type_lines(qtbot, panel.editor, "def add(a, b):")
    code = panel.editor.toPlainText()
    assert "from the code: Ctrl+Tab, Space" in quiz.view.toPlainText()  # the hidden answer's line says it too
    keys = card.reveal_button.text().split("   ")[1].split(", ")
    assert keys == ["Ctrl+Tab", "Space"]
    for name in keys:
        qtbot.keyClick(QApplication.focusWidget(), *{"Ctrl+Tab": (Qt.Key.Key_Tab, CTRL), "Space": (Qt.Key.Key_Space,)}[name])
    assert "Return a + b" in quiz.view.toPlainText() and panel.editor.toPlainText() == code


def test_some_tests_passing_suggest_hard_none_suggest_again_and_the_user_can_override(coding_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = coding_window()
    key(qtbot, window, Qt.Key.Key_2, CTRL)
    quiz = window.mode("quiz")
    quiz.start_drill(["add-two"])
    card = quiz.card_page
    panel = quiz.exercise
    start_typing(qtbot, panel.editor)
    type_lines(qtbot, panel.editor, "def add(a, b):", "return abs(a) + b")
    run_by_keyboard(qtbot, panel)
    qtbot.mouseClick(card.reveal_button, Qt.MouseButton.LeftButton)
    assert card.suggested is Grade.HARD  # one of two
    start_typing(qtbot, panel.editor)
    type_lines(qtbot, panel.editor, "def add(a, b):", "return None")
    run_by_keyboard(qtbot, panel)  # running again after the reveal re-suggests
    assert card.suggested is Grade.AGAIN
    quiz.pages.setFocus()
    key(qtbot, window, Qt.Key.Key_3)  # the user knows better: Good
    assert [r[:2] for r in window.ctx.store.review_log.reviews()] == [("add-two", int(Grade.GOOD))]


def test_esc_on_a_card_cancels_the_run_before_it_ends_the_session(coding_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = coding_window()
    key(qtbot, window, Qt.Key.Key_2, CTRL)
    quiz = window.mode("quiz")
    quiz.start_drill(["add-two"])
    panel = quiz.exercise
    start_typing(qtbot, panel.editor)
    type_lines(qtbot, panel.editor, "def add(a, b):", "while True:", "pass")
    qtbot.keyClick(panel.editor, Qt.Key.Key_Return, CTRL)
    assert panel.running
    key(qtbot, window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not panel.running, timeout=3000)
    assert quiz.session is not None and quiz.card_page.isVisible()  # still on the card
    assert panel.results.summary.text().startswith("– Cancelled")
