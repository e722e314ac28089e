"""A coding round's clock runs out while the code is running (adversary testing: the run was cut short and
dropped, so a candidate who pressed Ctrl+Enter in the last second saw "Never run during the round").

The code on screen at time-up is the answer. A run of exactly that code counts when it finishes, and the
review says so meanwhile and updates; a run of code changed since is stopped and never reported as the
answer's result. The interview's clock is a fake one, moved by the test.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from desktop.core.exercises import Status
from desktop.core.interview import Plan, PlannedQuestion
from desktop.ui.modes.interview import Page
from tests.core.fakes import Ticker
from tests.ui.test_exercise_editor import CTRL, RUN_TIMEOUT_MS, start_typing, type_lines

ROUND_S = 30  # a question's time; a leap of the clock over a minute would read as the computer asleep
# Correct, and slow enough (3 s) to be still running when the test moves the clock past the deadline and looks.
SLOW_ADD = ("import time", "time.sleep(3)", "def add(a, b):", "return a + b")


def shown_text(widget: QWidget) -> str:
    return "\n".join(label.text() for label in widget.findChildren(QLabel) if label.isVisible())


def start_round(window, qtbot, *exercises: str) -> tuple[object, Ticker]:  # type: ignore[no-untyped-def]
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_3, CTRL)
    mode = window.mode("interview")
    clock = Ticker()
    mode.monotonic = clock
    mode.start(Plan("Coding round", tuple(PlannedQuestion(q, 0, ROUND_S) for q in exercises), kind="coding"))
    return mode, clock


def run_and_let_time_run_out(qtbot, mode, clock: Ticker) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, CTRL)  # Ctrl+Enter: run
    assert mode.runner.code.running
    clock.advance(ROUND_S)  # the clock hits zero while the code runs; the next repaint sees it


def test_a_run_going_when_time_runs_out_counts_when_it_finishes_and_the_review_updates(coding_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = coding_window()
    mode, clock = start_round(window, qtbot, "add-two")
    editor = mode.runner.code.editor
    start_typing(qtbot, editor)
    type_lines(qtbot, editor, *SLOW_ADD)
    submitted = editor.toPlainText()
    run_and_let_time_run_out(qtbot, mode, clock)
    qtbot.waitUntil(lambda: mode.page is Page.REVIEW)
    interview = mode.interview_id
    review = mode.review.code_review
    assert review.code.toPlainText() == submitted
    assert "still going" in shown_text(review)  # said at once: the result is on its way

    store = window.ctx.store
    qtbot.waitUntil(lambda: store.exercises.interview_runs(interview) != [], timeout=RUN_TIMEOUT_MS)
    (run,) = store.exercises.interview_runs(interview)
    assert (run.question_id, run.status, run.passed, run.total) == ("add-two", Status.PASSED, 2, 2)
    qtbot.waitUntil(lambda: "As submitted: 2 of 2 passed" in shown_text(review))  # the review updated
    assert "still going" not in shown_text(review)
    assert review.progress.text().startswith("1 run: 2/2")
    assert review.runs.count() == 1


def test_a_run_of_code_changed_since_is_stopped_and_not_taken_as_the_answers_result(coding_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = coding_window()
    mode, clock = start_round(window, qtbot, "add-two")
    editor = mode.runner.code.editor
    start_typing(qtbot, editor)
    type_lines(qtbot, editor, *SLOW_ADD)
    qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL)  # run this…
    assert mode.runner.code.running
    type_lines(qtbot, editor, "", "# one more line")  # …then change it before time is up
    submitted = editor.toPlainText()
    clock.advance(ROUND_S)
    qtbot.waitUntil(lambda: mode.page is Page.REVIEW)
    review = mode.review.code_review
    assert review.code.toPlainText() == submitted
    assert "still going" not in shown_text(review)  # that run is not the answer's
    store = window.ctx.store
    # Stopped (had it run on, it would have passed), and kept as a stopped run, as one stopped with Esc is: the
    # candidate saw it going.
    qtbot.waitUntil(lambda: store.exercises.interview_runs(mode.interview_id) != [], timeout=RUN_TIMEOUT_MS)
    (run,) = store.exercises.interview_runs(mode.interview_id)
    assert run.status is Status.CANCELLED
    qtbot.waitUntil(lambda: "Not run as submitted: the code changed after its last run." in shown_text(review))
    assert "As submitted" not in shown_text(review)


@pytest.mark.parametrize("moved_on_by", ["the clock", "Alt+Enter"])
def test_the_first_exercise_closing_mid_run_records_its_run_while_the_second_is_on_screen(
        coding_window, qtbot, moved_on_by: str) -> None:  # type: ignore[no-untyped-def]
    window = coding_window()
    mode, clock = start_round(window, qtbot, "add-two", "double-it")
    panel = mode.runner.code
    start_typing(qtbot, panel.editor)
    type_lines(qtbot, panel.editor, *SLOW_ADD)
    if moved_on_by == "the clock":
        run_and_let_time_run_out(qtbot, mode, clock)
    else:
        qtbot.keyClick(panel.editor, Qt.Key.Key_Return, CTRL)
        assert panel.running
        qtbot.keyClick(panel.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.AltModifier)  # done with it: next
    qtbot.waitUntil(lambda: mode.session.index == 1)  # on to the second exercise, its starter, no run going
    assert panel.question.id == "double-it" and not panel.running
    interview = mode.interview_id
    store = window.ctx.store
    qtbot.waitUntil(lambda: store.exercises.interview_runs(interview) != [], timeout=RUN_TIMEOUT_MS)
    assert [(r.question_id, r.status) for r in store.exercises.interview_runs(interview)] == \
        [("add-two", Status.PASSED)]
    assert panel.last_result is None and panel.results.tabs.tabText(2) == "Runs"  # not shown as the second's
    assert panel.results.history.item(0).text() == "No runs yet."
    mode.end_early()
    assert mode.page is Page.REVIEW
    assert "As submitted: 2 of 2 passed" in shown_text(mode.review.code_review)
