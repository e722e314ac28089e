"""The quiz's summary as a user reads it: its figures and its sentences never contradict each other."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt

from tests.ui.test_quiz import key, start_quiz


def test_the_summarys_tomorrow_figure_agrees_with_its_tomorrow_line(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A question missed and ended early on is still in learning steps: the figure said "1 due tomorrow" beside
    "Tomorrow: 0 due · 1 learning · …"."""
    window, quiz = start_quiz(make_window, qtbot)
    key(qtbot, window, Qt.Key.Key_Return)
    key(qtbot, window, Qt.Key.Key_Space)
    key(qtbot, window, Qt.Key.Key_1)  # Again: back in a minute, in learning steps
    key(qtbot, window, Qt.Key.Key_Escape)  # end the session early
    page = quiz.summary_page
    line = page.next_line.text()
    tomorrow = re.search(r"Tomorrow: (\d+) due · (\d+) learning", line)
    assert tomorrow is not None, line
    due, learning = (int(n) for n in tomorrow.groups())
    assert (due, learning) == (0, 1)
    figure, caption = int(page.summary_values["tomorrow"].text()), page.summary_captions["tomorrow"].text()
    assert figure == due + learning
    assert "due" not in caption  # the line says what is due; the figure counts every review, learning ones too
    assert caption == "to review tomorrow"
