"""A card's time is the time spent on it: Browse (Ctrl+1) and back (Ctrl+2) 20 minutes later adds nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.core.scheduler import Grade
from desktop.ui.modes.quiz import Page
from tests.core.fakes import Ticker
from tests.ui.test_quiz import key, start_quiz

CTRL = Qt.KeyboardModifier.ControlModifier


def test_time_in_another_mode_is_not_time_on_the_card(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, quiz = start_quiz(make_window, qtbot)
    key(qtbot, window, Qt.Key.Key_Return)  # today's study
    assert quiz.page is Page.CARD and quiz.session.current == "gradient-descent"
    tick = Ticker(quiz.session.monotonic())
    quiz.session.monotonic = tick  # the session's clock, moved only by the test
    tick.advance(2)
    key(qtbot, window, Qt.Key.Key_1, CTRL)  # off to Browse mid-question
    assert window.current_key == "browse"
    tick.advance(20 * 60)
    key(qtbot, window, Qt.Key.Key_2, CTRL)  # back 20 minutes later
    assert window.current_key == "quiz" and quiz.page is Page.CARD
    assert quiz.session.elapsed() == pytest.approx(2.0, abs=0.5)
    assert quiz.card_page.stopwatch.text() == "Time 0:02"  # repainted on return, the 20 minutes left out
    tick.advance(1)
    key(qtbot, window, Qt.Key.Key_Space)  # reveal after 3 s on the card
    assert quiz.session.seconds_to_reveal == pytest.approx(3.0, abs=0.5)  # (the real clock ran till the swap)
    for letter in (Qt.Key.Key_A, Qt.Key.Key_B, Qt.Key.Key_C):
        key(qtbot, window, letter)
    assert quiz.card_page.suggested is Grade.EASY  # all three points within about 5 s a point

    key(qtbot, window, Qt.Key.Key_4, CTRL)  # Progress with the answer shown, and back
    tick.advance(600)
    key(qtbot, window, Qt.Key.Key_2, CTRL)
    tick.advance(2)
    key(qtbot, window, Qt.Key.Key_Return)  # accept the suggested grade
    reviews = window.ctx.store.review_log.reviews()
    assert [r[0] for r in reviews] == ["gradient-descent"]
    assert reviews[0][3] == pytest.approx(5000, abs=500)  # 5 s on the card, not 35 minutes


def test_time_with_the_window_minimised_is_not_time_on_the_card(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, quiz = start_quiz(make_window, qtbot)
    key(qtbot, window, Qt.Key.Key_Return)
    tick = Ticker(quiz.session.monotonic())
    quiz.session.monotonic = tick
    tick.advance(4)
    window.showMinimized()
    qtbot.waitUntil(window.isMinimized)
    tick.advance(30 * 60)  # the user went to lunch with the question up
    window.showNormal()
    qtbot.waitUntil(lambda: not window.isMinimized())
    assert quiz.session.elapsed() == pytest.approx(4.0, abs=0.5)
    assert quiz.card_page.stopwatch.text() == "Time 0:04"
