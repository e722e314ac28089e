"""The mock interview's start page by keyboard: Enter does what the focus ring shows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.core.interview_status import Status
from desktop.ui.modes.interview import Page
from tests.core.fakes import Ticker
from tests.ui.test_interview_resume import CTRL, answer_quit, key, running


def test_enter_on_end_and_review_ends_the_stopped_interview_instead_of_starting_another(make_window,
                                                                                       qtbot) -> None:  # type: ignore[no-untyped-def]
    """An interview paused and quit is offered at the next launch, the focus on Resume. Tab to 'End and review'
    and Enter started a new phone screen instead, the stopped one left waiting behind it."""
    clock = Ticker(1000.0)
    window, mode = running(make_window, qtbot, clock)
    stopped = mode.interview_id
    key(qtbot, window, Qt.Key.Key_Q, CTRL)
    answer_quit(qtbot, mode, "Pause and quit")
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=2000)

    again = make_window()
    m2 = again.mode("interview")
    assert m2.page is Page.PICKER and QApplication.focusWidget() is m2.picker.resume_button
    key(qtbot, again, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is m2.picker.end_button
    key(qtbot, again, Qt.Key.Key_Return)
    assert m2.page is Page.REVIEW and m2.interview_id == stopped and m2.session is None
    log = again.ctx.store.interview_store
    assert log.get(stopped).status is Status.ENDED_EARLY and m2.history.count() == 1  # no new interview
