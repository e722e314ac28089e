"""Tab and Shift+Tab in Quiz and Mock interview stop only on controls a user can act on, each marked where it
stands: never on the stack of pages or a page's frame, which took the focus with nothing to show for it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QTabBar,
    QTextEdit,
    QWidget,
)

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
CONTROLS = (QAbstractButton, QComboBox, QAbstractSpinBox, QLineEdit, QAbstractItemView, QTextEdit, QPlainTextEdit,
            QTabBar)


def _describe(w: QWidget | None) -> str:
    return "nothing" if w is None else f"{type(w).__name__} {w.objectName()!r} {w.accessibleName()!r}"


def _actionable(window: QWidget, w: QWidget | None) -> bool:
    """A control the user can press, type into, choose from or move through, on screen in this window. A page
    that scrolls counts (the arrow keys move it, and it takes a ring); one that cannot is only a frame."""
    if w is None or w.window() is not window or not w.isVisible() or not w.isEnabled():
        return False
    if isinstance(w, QScrollArea):
        return w.verticalScrollBar().maximum() > 0
    return isinstance(w, CONTROLS)


def _walk(qtbot, window: QWidget, page: str, presses: int = 24) -> list[str]:  # type: ignore[no-untyped-def]
    """Tab `presses` times, then Shift+Tab as many: every stop, described, that is not a control."""
    wrong: list[str] = []
    for modifier in (Qt.KeyboardModifier.NoModifier, SHIFT):
        for _ in range(presses):
            qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Tab, modifier)
            w = QApplication.focusWidget()
            if not _actionable(window, w):
                wrong.append(f"{page}: {_describe(w)}")
    return wrong


def _key(qtbot, window: QWidget, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(QApplication.focusWidget() or window, key, modifier)


SIZES = [((1360, 820), 1.0), ((760, 520), 1.5)]


@pytest.mark.parametrize(("size", "scale"), SIZES)
def test_tab_in_quiz_stops_only_on_controls(make_window, qtbot, size, scale) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.resize(*size)
    window.set_text_scale(scale)
    quiz = window.mode("quiz")
    _key(qtbot, window, Qt.Key.Key_2, CTRL)
    # The quiz arrives on its first control, ringed, which Enter and Space both start (not on its side panel's
    # fold button, the first stop Qt finds once the stack is none).
    assert QApplication.focusWidget() is quiz.start_page.start_button
    wrong = _walk(qtbot, window, "start")
    _key(qtbot, window, Qt.Key.Key_Return)  # today's study
    assert quiz.session is not None
    wrong += _walk(qtbot, window, "card, question")
    _key(qtbot, window, Qt.Key.Key_Space)
    assert quiz.grade_row.isVisible()
    wrong += _walk(qtbot, window, "card, answer")
    for _ in range(12):  # Easy on each, until the summary
        if quiz.grade_row.isVisible():
            _key(qtbot, window, Qt.Key.Key_4)
        elif quiz.session is not None and not quiz.session.finished:
            _key(qtbot, window, Qt.Key.Key_Space)
    assert quiz.summary_page.isVisible()
    wrong += _walk(qtbot, window, "summary")
    stops = list(dict.fromkeys(wrong))
    assert not stops, "\n".join(stops)


@pytest.mark.parametrize(("size", "scale"), SIZES)
def test_tab_in_mock_interview_stops_only_on_controls(make_window, qtbot, size, scale) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.resize(*size)
    window.set_text_scale(scale)
    interview = window.mode("interview")
    _key(qtbot, window, Qt.Key.Key_3, CTRL)
    assert QApplication.focusWidget() is interview.presets
    wrong = _walk(qtbot, window, "picker")
    _key(qtbot, window, Qt.Key.Key_1, CTRL)
    _key(qtbot, window, Qt.Key.Key_3, CTRL)  # back to the picker's presets
    _key(qtbot, window, Qt.Key.Key_Return)  # the selected preset
    assert interview.runner.isVisible() and QApplication.focusWidget() is interview.answer
    wrong += _walk(qtbot, window, "runner")  # Tab types into the answer; Shift+Tab leaves it
    _key(qtbot, window, Qt.Key.Key_Escape)
    _key(qtbot, window, Qt.Key.Key_Escape)  # twice: the interview ends early, to its review
    assert interview.review.isVisible()
    wrong += _walk(qtbot, window, "review")
    stops = list(dict.fromkeys(wrong))
    assert not stops, "\n".join(stops)
