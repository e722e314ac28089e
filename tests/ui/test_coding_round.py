"""Issue 21: a Coding round in Mock interview, run by keyboard to its review."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.core.exercises import Status
from desktop.ui.modes.interview import Page
from desktop.ui.widgets.two_line_list import SUBTITLE_ROLE
from tests.ui.test_exercise_editor import CTRL, run_by_keyboard, start_typing, type_lines

ALT = Qt.KeyboardModifier.AltModifier
CODE = {"add-two": ("def add(a, b):", "return a + b"), "double-it": ("def double(x):", "return x + x")}
WRONG = {"add-two": ("def add(a, b):", "return a * b"), "double-it": ("def double(x):", "return x")}


def key(qtbot, window, k, mod=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(QApplication.focusWidget() or window, k, mod)


def test_a_coding_round_runs_code_against_the_clock_and_is_reviewed_beside_the_solution(coding_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = coding_window()
    key(qtbot, window, Qt.Key.Key_3, CTRL)
    mode = window.mode("interview")
    presets = mode.picker.presets
    presets.setCurrentRow(next(i for i in range(presets.count())
                               if presets.item(i).data(Qt.ItemDataRole.UserRole) == "coding"))
    assert "Two coding exercises in 35 min" in presets.currentItem().data(SUBTITLE_ROLE)
    key(qtbot, window, Qt.Key.Key_Return)  # Enter starts the selected preset
    assert mode.page is Page.RUNNER
    runner = mode.runner
    assert runner.phase_label.text() == "Coding" and runner.clock.text() == "17:30"
    assert runner.total_clock.text() == "35:00"
    assert runner.code.isVisible() and not mode.answer.isVisible()  # the editor replaces the answer box
    assert runner.code.editor.hasFocus()
    first = mode.session.current.question_id
    assert runner.code.editor.toPlainText() == window.ctx.bank.get(first).starter  # it starts from the starter
    assert not runner.code.solution_button.isVisible()  # no peeking during the round

    start_typing(qtbot, runner.code.editor)
    type_lines(qtbot, runner.code.editor, *WRONG[first])
    run_by_keyboard(qtbot, runner.code)  # Ctrl+Enter runs here; it does not move on
    assert mode.session.index == 0 and not runner.code.last_result.ok
    start_typing(qtbot, runner.code.editor)
    type_lines(qtbot, runner.code.editor, *CODE[first])
    run_by_keyboard(qtbot, runner.code)
    assert runner.code.last_result.ok
    final_first = runner.code.editor.toPlainText()

    key(qtbot, window, Qt.Key.Key_Return, ALT)  # done with this exercise: the next one
    assert mode.session.index == 1
    second = mode.session.current.question_id
    assert second != first and runner.code.editor.toPlainText() == window.ctx.bank.get(second).starter
    assert runner.code.results.tabs.tabText(2) == "Runs"  # this exercise's runs in this interview: none yet
    start_typing(qtbot, runner.code.editor)
    type_lines(qtbot, runner.code.editor, *WRONG[second])
    key(qtbot, window, Qt.Key.Key_Escape)
    key(qtbot, window, Qt.Key.Key_Escape)  # Esc twice ends it
    assert mode.page is Page.REVIEW
    interview = mode.interview_id

    answers = window.ctx.store.interview_store.answers(interview)
    assert [a.answer for a in answers] == [final_first, "\n    ".join(WRONG[second])]  # the final code is the answer
    runs = window.ctx.store.exercises.interview_runs(interview)
    assert [(r.question_id, r.status) for r in runs] == [(first, Status.FAILED), (first, Status.PASSED)]

    review = mode.review
    assert review.code_review.isVisible() and not review.your_answer.isVisible()
    assert review.code_review.code.toPlainText() == final_first
    assert review.code_review.title.text() == "Your final code"  # written: not the starter
    assert review.code_review.code.isReadOnly()
    assert review.code_review.progress.text().startswith("2 runs: ")
    assert "all passed" in review.code_review.progress.text()
    tests = window.ctx.bank.get(first).tests.count("def test_")
    assert review.code_review.runs.count() == 2
    assert f"{tests} of {tests} passed" in review.code_review.runs.item(1).text()
    solution = window.ctx.bank.get(first).solution
    assert solution.strip().splitlines()[-1].strip() in review.model_view.toPlainText()  # the reference, beside it
    review.step(1)
    assert review.code_review.code.toPlainText() == "\n    ".join(WRONG[second])
    assert review.code_review.progress.text() == "Never run during the round."
    mode.set_score(2)
    assert window.ctx.store.interview_store.answers(interview)[1].score == 2

    browse = window.mode("browse")  # the runs are the exercise's too, marked as the interview's
    browse.open_question(first)
    history = browse.exercise.results.history
    assert [history.item(i).text().endswith("· mock interview") for i in range(history.count())] == [True, True]


def test_esc_cancels_a_run_first_and_a_round_resumes_with_its_code(coding_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from desktop.core.interview import Plan, PlannedQuestion

    window = coding_window()
    key(qtbot, window, Qt.Key.Key_3, CTRL)
    mode = window.mode("interview")
    mode.start(Plan("Coding round", (PlannedQuestion("add-two", 0, 600), PlannedQuestion("double-it", 0, 600)),
                    kind="coding"))
    editor = mode.runner.code.editor
    start_typing(qtbot, editor)
    type_lines(qtbot, editor, "def add(a, b):", "while True:", "pass")
    key(qtbot, window, Qt.Key.Key_Return, CTRL)
    assert mode.runner.code.running
    key(qtbot, window, Qt.Key.Key_Escape)  # stops the run; the round goes on
    qtbot.waitUntil(lambda: not mode.runner.code.running, timeout=3000)
    assert mode.page is Page.RUNNER and mode.session is not None and not mode.session.done
    typed = editor.toPlainText()
    interview = mode.interview_id
    mode.runner.pause_and_quit()  # as "Pause and quit" does, and then the window closes
    window.close()

    again = coding_window()
    resumed = again.mode("interview")
    again.switch_to("interview")
    assert resumed.picker.resume_id == interview
    assert resumed.resume(interview)
    assert resumed.runner.code.isVisible() and resumed.runner.code.editor.toPlainText() == typed
    assert resumed.runner.code.interview_id == interview
    resumed.runner.pause_and_quit()  # so closing this window asks nothing


def test_a_small_window_at_large_text_gives_the_code_the_height_and_the_tests_on_request(coding_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Issue 20: at 760x520 and 150 % text the code kept three lines while the tests took the rest."""
    from desktop.ui import theme

    window = coding_window()
    window.resize(760, 520)
    window.set_text_scale(1.5)
    try:
        key(qtbot, window, Qt.Key.Key_3, CTRL)
        mode = window.mode("interview")
        presets = mode.picker.presets
        presets.setCurrentRow(next(i for i in range(presets.count())
                                   if presets.item(i).data(Qt.ItemDataRole.UserRole) == "coding"))
        key(qtbot, window, Qt.Key.Key_Return)
        runner, panel = mode.runner, mode.runner.code
        QApplication.processEvents()
        assert runner.lap_clock.isVisible() and runner.lap_clock.text() == "17:30"  # the clock on the top row…
        assert not runner.clock_slot.isVisible()  # …not on a row of its own
        line = panel.editor.fontMetrics().lineSpacing()
        first = mode.session.current.question_id
        start_typing(qtbot, panel.editor)
        type_lines(qtbot, panel.editor, *WRONG[first])
        run_by_keyboard(qtbot, panel)
        QApplication.processEvents()
        assert panel.short and panel.results.summary.text().startswith("✗")  # the verdict, beside Run
        assert panel.editor.isVisible() and not panel.results.tabs.isVisible()
        assert panel.editor.height() >= 7 * line  # the code keeps the height after a run
        assert panel.results_button.isVisible() and panel.results_button.text() == "Tests"
        qtbot.mouseClick(panel.results_button, Qt.MouseButton.LeftButton)  # the tests, in the code's place
        assert panel.results.tabs.isVisible() and not panel.editor.isVisible()
        assert panel.results.tabs.currentWidget() is panel.results.tests and panel.results_button.text() == "Code"
        qtbot.waitUntil(lambda: panel.results.tests.height() >= 4 * line)  # laid out: the tests have the room
        assert panel.results.tests.hasFocus()  # the keys go with what is shown
        qtbot.mouseClick(panel.results_button, Qt.MouseButton.LeftButton)  # and back
        assert panel.editor.isVisible() and not panel.results.tabs.isVisible() and panel.editor.hasFocus()
        key(qtbot, window, Qt.Key.Key_P, CTRL)
        assert runner.clock_slot.isVisible() and runner.pause_banner.isVisible()  # paused: the banner says so
        key(qtbot, window, Qt.Key.Key_P, CTRL)
        assert not runner.clock_slot.isVisible()
        window.set_text_scale(1.0)
        window.resize(1360, 820)  # room for both: the tabs under the code, the big clock back
        qtbot.waitUntil(lambda: panel.results.tabs.isVisible() and panel.editor.isVisible())
        assert not panel.results_button.isVisible() and runner.clock_slot.isVisible()
        window.resize(760, 520)
        window.set_text_scale(1.5)
        key(qtbot, window, Qt.Key.Key_Escape)
        key(qtbot, window, Qt.Key.Key_Escape)  # ended: the review keeps ten lines of the final code in view
        review = mode.review.code_review
        QApplication.processEvents()
        assert review.code.height() >= 10 * review.code.fontMetrics().lineSpacing()
    finally:
        theme.set_text_scale(QApplication.instance(), 1.0)


def test_a_coding_round_ended_at_once_says_the_code_is_the_starter_unchanged(coding_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from desktop.core.interview import Plan, PlannedQuestion

    window = coding_window()
    key(qtbot, window, Qt.Key.Key_3, CTRL)
    mode = window.mode("interview")
    mode.start(Plan("Coding round", (PlannedQuestion("add-two", 0, 600),), kind="coding"))
    key(qtbot, window, Qt.Key.Key_Escape)
    key(qtbot, window, Qt.Key.Key_Escape)  # Esc twice ends it, nothing typed
    review = mode.review
    assert review.code_review.code.toPlainText() == window.ctx.bank.get("add-two").starter
    assert review.code_review.title.text() == "Your final code: the starter, unchanged"
    assert review.tick_list.points() and not any(review.tick_list.ticked())  # its docstrings suggest nothing
