"""Tab leaves the interview's answer box for the runner's own buttons; the code editor keeps Tab to indent."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from desktop.core.interview import Phase
from desktop.ui.modes.interview import Page
from tests.ui.test_interview import CTRL, key, open_interview

SHIFT = Qt.KeyboardModifier.ShiftModifier


def test_tab_from_the_answer_reaches_the_runners_buttons_and_shift_tab_goes_back(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, mode = open_interview(make_window, qtbot)
    key(qtbot, window, Qt.Key.Key_Return)  # the default preset
    assert mode.page is Page.RUNNER and QApplication.focusWidget() is mode.answer
    qtbot.keyClicks(mode.answer, "bias")
    key(qtbot, window, Qt.Key.Key_Tab)
    focused = QApplication.focusWidget()
    assert isinstance(focused, QPushButton) and focused is mode.runner.buttons.done_button
    assert focused.isVisible() and focused.isEnabled() and focused.hasFocus()
    assert "\t" not in mode.answer.toPlainText()
    ringed = focused.grab().toImage()
    key(qtbot, window, Qt.Key.Key_Tab)  # on along the row
    assert QApplication.focusWidget() is mode.runner.buttons.skip_button
    assert focused.grab().toImage() != ringed  # the ring drawn on the button with the focus is a visible one
    key(qtbot, window, Qt.Key.Key_Tab, SHIFT)
    key(qtbot, window, Qt.Key.Key_Tab, SHIFT)  # back into the box, typing where it stopped
    assert QApplication.focusWidget() is mode.answer
    qtbot.keyClicks(mode.answer, " and variance")
    assert mode.answer.toPlainText() == "bias and variance"


def test_the_buttons_do_what_their_keys_do(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, mode = open_interview(make_window, qtbot)
    key(qtbot, window, Qt.Key.Key_Return)
    buttons = mode.runner.buttons
    assert mode.session.phase is Phase.THINK
    key(qtbot, window, Qt.Key.Key_Tab)
    key(qtbot, window, Qt.Key.Key_Return)  # Enter presses Done, next: thinking is over
    assert mode.session.phase is Phase.ANSWER
    assert QApplication.focusWidget() is mode.answer  # and the box has the keys for the answer
    for _ in range(3):
        key(qtbot, window, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is buttons.pause_button
    key(qtbot, window, Qt.Key.Key_Space)  # Space presses it too
    assert mode.session.paused and buttons.pause_button.text() == "Resume"
    assert not buttons.done_button.isEnabled() and not buttons.skip_button.isEnabled()
    assert QApplication.focusWidget() is buttons.pause_button  # the ring stays where the user is
    key(qtbot, window, Qt.Key.Key_Return)
    assert not mode.session.paused and QApplication.focusWidget() is mode.answer
    index = mode.session.index
    key(qtbot, window, Qt.Key.Key_Tab)
    key(qtbot, window, Qt.Key.Key_Tab)
    key(qtbot, window, Qt.Key.Key_Return)  # Skip
    assert mode.session.index == index + 1
    key(qtbot, window, Qt.Key.Key_Tab, SHIFT)  # back from the box: the last stop, End and review
    assert QApplication.focusWidget() is buttons.end_button
    key(qtbot, window, Qt.Key.Key_Return)
    assert mode.page is Page.REVIEW


def test_ctrl_enter_still_means_done_in_the_answer_box(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, mode = open_interview(make_window, qtbot)
    key(qtbot, window, Qt.Key.Key_Return)
    key(qtbot, window, Qt.Key.Key_Return, CTRL)
    assert mode.session.phase is Phase.ANSWER
    key(qtbot, window, Qt.Key.Key_Return)  # Enter in the box is a new line, not a button's press
    assert mode.answer.toPlainText() == "\n" and mode.session.phase is Phase.ANSWER
