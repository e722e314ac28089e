"""SIGTERM (a logout, a shutdown, `kill PID`) closes the app as Ctrl+Q does: nothing typed is lost."""

from __future__ import annotations

import os
import signal
import sys

import pytest

from desktop.ui.terminate import close_on_terminate


@pytest.mark.skipif(sys.platform == "win32", reason="Windows has no SIGTERM to send")
def test_sigterm_mid_keystroke_saves_the_note_inside_its_autosave_delay_and_closes(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Python's default SIGTERM ended the app at once: the words typed in the last second were never written."""
    window = make_window()
    undo = close_on_terminate(window, window.close_without_asking)
    try:
        browse = window.mode("browse")
        browse.edit_note()
        qtbot.keyClicks(browse.notes.edit, "typed just before the logout")
        assert window.ctx.store.note_store.note("gradient-descent") == ""  # still inside the autosave delay
        os.kill(os.getpid(), signal.SIGTERM)
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=3000)
    finally:
        undo()
    assert window.ctx.store.note_store.note("gradient-descent") == "typed just before the logout"
    assert window.ctx.settings.value("window/mode") == "browse"  # and closed as Ctrl+Q does: its place kept


@pytest.mark.skipif(sys.platform == "win32", reason="Windows has no SIGTERM to send")
def test_sigterm_during_an_interview_closes_without_a_question_and_the_answer_is_kept(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    window = make_window()
    undo = close_on_terminate(window, window.close_without_asking)
    try:
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
        interview = window.mode("interview")
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Return)  # start the default preset
        assert interview.runner.running
        qtbot.keyClicks(QApplication.focusWidget(), "an answer being typed")
        os.kill(os.getpid(), signal.SIGTERM)
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=3000)  # no "Quit during an interview?" box
    finally:
        undo()
    from desktop.core.interview_status import waiting_at_launch

    assert waiting_at_launch(window.ctx.store)  # the next launch offers to resume it
    interviews = window.ctx.store.interview_store
    answers = [a.answer for s in interviews.summaries() for a in interviews.answers(s.id)]
    assert "an answer being typed" in answers
