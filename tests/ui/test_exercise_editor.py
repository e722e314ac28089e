"""Issue 21, the editor: a coding exercise in Browse, written, run and read back by keyboard."""

from __future__ import annotations

import itertools
import time

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from desktop.core.exercises import Status
from desktop.core.markup import code_styles
from desktop.ui import theme
from desktop.ui.widgets.exercise_results import DETAILS_TAB, TEST_ROLE
from tests.ui.exercise_bank import SOLUTION

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
RUN_TIMEOUT_MS = 20000  # a run takes ~0.2 s; a loaded machine gets room


def browse_on(window, qid: str):  # type: ignore[no-untyped-def]
    mode = window.mode("browse")
    mode.open_question(qid)
    return mode


def start_typing(qtbot, editor) -> None:  # type: ignore[no-untyped-def]
    """Focus the editor and clear it, as a user does with Ctrl+A and Delete."""
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    qtbot.keyClick(editor, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    assert editor.toPlainText() == ""


def type_lines(qtbot, editor, *lines: str) -> None:  # type: ignore[no-untyped-def]
    """Each line typed as written after the editor's own indentation: Enter between them."""
    for i, line in enumerate(lines):
        if i:
            qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.keyClicks(editor, line)


def run_by_keyboard(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, CTRL)
    assert panel.running
    qtbot.waitUntil(lambda: not panel.running, timeout=RUN_TIMEOUT_MS)


def foreground(editor, line: int) -> list[tuple[int, int, str]]:  # type: ignore[no-untyped-def]
    """The colours Qt actually draws a line with: (start, length, #rrggbb)."""
    block = editor.document().findBlockByNumber(line)
    return [(r.start, r.length, r.format.foreground().color().name()) for r in block.layout().formats()]


def test_the_editor_indents_dedents_and_comments_by_keyboard(coding_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = coding_window()
    editor = browse_on(window, "add-two").exercise.editor
    start_typing(qtbot, editor)
    type_lines(qtbot, editor, "def add(a, b):", "if a < 0:", "return -a", "return a + b")
    # one level in after a colon, the same level on, one level out after return
    assert editor.toPlainText() == "def add(a, b):\n    if a < 0:\n        return -a\n    return a + b"

    qtbot.keyClick(editor, Qt.Key.Key_Home)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)  # four spaces, not a tab character
    assert editor.toPlainText().splitlines()[3] == "        return a + b"
    qtbot.keyClick(editor, Qt.Key.Key_Backtab, SHIFT)
    qtbot.keyClick(editor, Qt.Key.Key_Backtab, SHIFT)
    assert editor.toPlainText().splitlines()[3] == "return a + b"
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)  # in the indentation, Backspace takes a whole level
    assert editor.toPlainText().splitlines()[3] == "    return a + b"

    before = editor.toPlainText()
    qtbot.keyClick(editor, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(editor, Qt.Key.Key_Slash, CTRL)  # comment every selected line, at their common indentation
    assert editor.toPlainText().splitlines() == [
        "# def add(a, b):", "#     if a < 0:", "#         return -a", "#     return a + b"]
    qtbot.keyClick(editor, Qt.Key.Key_Slash, CTRL)  # and back
    assert editor.toPlainText() == before
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)  # Ctrl+Z is the editor's own undo: one step per toggle
    assert editor.toPlainText().startswith("# def add(a, b):")

    qtbot.keyClick(editor, Qt.Key.Key_Tab, CTRL)  # Tab indents, so Ctrl+Tab is the way out
    assert not editor.hasFocus()


def test_python_is_highlighted_in_the_colours_of_each_theme(coding_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = coding_window()
    editor = browse_on(window, "add-two").exercise.editor
    assert editor.toPlainText().startswith("def add(a, b):")  # the starter, before anything is typed
    assert editor.highlighter.spans(0)[0] == (0, 3, "k")  # `def`: a keyword
    assert editor.highlighter.spans(1)[0][2] == "sd"  # the docstring
    light = code_styles(theme.LIGHT.code_bg)
    assert (0, 3, QColor(light["k"].color).name()) in foreground(editor, 0)
    window.set_theme("dark")
    dark = code_styles(theme.DARK.code_bg)
    assert light["k"].color != dark["k"].color
    assert (0, 3, QColor(dark["k"].color).name()) in foreground(editor, 0)  # repainted for the dark background


def test_ctrl_enter_runs_the_code_to_a_green_result_and_keeps_the_run(coding_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = coding_window()
    panel = browse_on(window, "add-two").exercise
    assert panel.results.summary.text() == "Ctrl+Enter runs 2 hidden tests."
    start_typing(qtbot, panel.editor)
    type_lines(qtbot, panel.editor, "def add(a, b):", "return a + b")
    qtbot.keyClick(panel.editor, Qt.Key.Key_Return, CTRL)
    assert panel.running and panel.results.summary.text().startswith("Running")
    assert panel.editor.toPlainText() == SOLUTION.rstrip()  # Ctrl+Enter typed nothing into the code
    qtbot.waitUntil(lambda: not panel.running, timeout=RUN_TIMEOUT_MS)
    assert panel.results.summary.text().startswith("✓ All 2 tests passed")
    rows = [panel.results.tests.item(i).data(TEST_ROLE) for i in range(panel.results.tests.count())]
    assert [(t.name, t.passed) for t in rows] == [("test_small_numbers", True), ("test_a_negative_number", True)]
    runs = window.ctx.store.exercises.runs("add-two")
    assert [(r.passed, r.total, r.status) for r in runs] == [(2, 2, Status.PASSED)]
    assert panel.results.history.item(0).text().endswith(f"· 2 of 2 passed · {runs[0].seconds:.1f} s")
    assert panel.results.tabs.tabText(2) == "Runs (1)"


def test_a_failing_run_names_the_test_and_says_why(coding_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = coding_window()
    panel = browse_on(window, "add-two").exercise
    start_typing(qtbot, panel.editor)
    type_lines(qtbot, panel.editor, "def add(a, b):", 'print("adding", a, b)', "return abs(a) + b")
    run_by_keyboard(qtbot, panel)
    assert panel.results.summary.text().startswith("✗ 1 of 2 tests passed")
    assert "Printed:\nadding 2 3" in panel.results.output.toPlainText()  # what the code printed, in Details
    failing = panel.results.tests.item(1).data(TEST_ROLE)
    assert failing.name == "test_a_negative_number" and not failing.passed
    assert failing.message == "expected 0, got 2"
    assert "test_a_negative_number: expected 0, got 2" in panel.results.output.toPlainText()
    assert 'File "test_solution.py"' in panel.results.output.toPlainText()  # the traceback, in Details
    qtbot.keyClick(panel.results.tests, Qt.Key.Key_Return)  # Enter on a test opens its details
    assert panel.results.tabs.currentIndex() == DETAILS_TAB


@pytest.mark.serial  # wall-clock bars: run alone, not beside other tests
def test_esc_cancels_an_endless_loop_and_the_window_never_stops_responding(coding_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = coding_window()
    panel = browse_on(window, "add-two").exercise
    start_typing(qtbot, panel.editor)
    type_lines(qtbot, panel.editor, "def add(a, b):", "while True:", "pass")
    beats: list[float] = []
    timer = QTimer(interval=20)
    timer.timeout.connect(lambda: beats.append(time.monotonic()))
    timer.start()
    qtbot.keyClick(panel.editor, Qt.Key.Key_Return, CTRL)
    assert panel.running
    qtbot.wait(1000)  # the loop spins in its own process; the UI thread goes on
    assert panel.running
    assert len(beats) >= 20, f"the UI thread ticked only {len(beats)} times in 1 s"  # 50 on an idle machine
    assert max(b - a for a, b in itertools.pairwise(beats)) < 0.5
    pressed = time.monotonic()
    qtbot.keyClick(panel.editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not panel.running, timeout=3000)
    timer.stop()
    assert time.monotonic() - pressed < 2.0  # long before the 5 s time limit
    assert panel.results.summary.text().startswith("– Cancelled")
    assert window.ctx.store.exercises.last_run("add-two").status is Status.CANCELLED  # it was seen, so it is kept


def test_ctrl_enter_while_running_cancels_that_run_and_runs_the_code_now_on_screen(coding_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = coding_window()
    panel = browse_on(window, "add-two").exercise
    start_typing(qtbot, panel.editor)
    type_lines(qtbot, panel.editor, "def add(a, b):", "while True:", "pass")
    qtbot.keyClick(panel.editor, Qt.Key.Key_Return, CTRL)
    assert panel.running
    qtbot.wait(300)
    start_typing(qtbot, panel.editor)
    type_lines(qtbot, panel.editor, "def add(a, b):", "return a + b")
    run_by_keyboard(qtbot, panel)
    assert panel.results.summary.text().startswith("✓ All 2 tests passed")
    # the run it replaced was never shown, so only the one on screen is kept
    assert [r.status for r in window.ctx.store.exercises.runs("add-two")] == [Status.PASSED]


@pytest.mark.serial  # wall-clock bars: run alone, not beside other tests
def test_the_code_is_on_disk_within_a_second_and_survives_a_new_window(coding_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = coding_window()
    store = window.ctx.store
    panel = browse_on(window, "add-two").exercise
    start_typing(qtbot, panel.editor)
    type_lines(qtbot, panel.editor, "def add(a, b):", "return a")
    typed = panel.editor.toPlainText()
    started = time.monotonic()
    qtbot.waitUntil(lambda: store.exercises.code("add-two") == typed, timeout=1500)  # a crash now loses nothing
    assert time.monotonic() - started < 1.5
    qtbot.keyClicks(panel.editor, " + b")  # and quit at once: closing saves what is pending
    window.close()
    again = coding_window()
    mode = again.mode("browse")
    assert mode.current_id() == "add-two"
    assert mode.exercise.editor.toPlainText() == "def add(a, b):\n    return a + b"


def test_the_solution_is_hidden_until_a_run_and_then_shown_on_request(coding_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = coding_window()
    mode = browse_on(window, "add-two")
    panel = mode.exercise
    page = mode.view.toPlainText()
    assert "Hidden until you have run your code once" in page
    assert "return a + b" not in page and "raise NotImplementedError" not in page  # the starter is in the editor
    assert "test_small_numbers" not in page  # the tests stay hidden, always
    assert not panel.solution_button.isVisible()
    menu = window.mode_menu.actions()  # every button is in the Browse menu too
    assert mode.exercise_slot.solution_action in menu and mode.exercise_slot.reset_action in menu
    assert not mode.exercise_slot.solution_action.isEnabled()
    panel.editor.setFocus()
    run_by_keyboard(qtbot, panel)  # the starter, as given: it fails
    assert panel.solution_button.isVisible() and not panel.solution_button.isChecked()
    assert mode.exercise_slot.solution_action.isEnabled()
    assert "return a + b" not in mode.view.toPlainText()  # a run offers the solution; it does not show it
    qtbot.keyClick(panel.editor, Qt.Key.Key_S, CTRL | SHIFT)  # the menu's Show solution, by its key
    assert panel.solution_button.isChecked() and panel.solution_button.text() == "Hide solution"
    assert "def add(a, b):\n    return a + b" in mode.view.toPlainText()
    qtbot.mouseClick(panel.solution_button, Qt.MouseButton.LeftButton)  # and the button hides it again
    assert "return a + b" not in mode.view.toPlainText() and not mode.exercise_slot.solution_action.isChecked()
    qtbot.mouseClick(panel.solution_button, Qt.MouseButton.LeftButton)
    assert "def add(a, b):\n    return a + b" in mode.view.toPlainText()
    assert "test_small_numbers" not in mode.view.toPlainText()
    mode.open_question("double-it")
    assert not panel.solution_button.isVisible()  # never run: nothing to offer
    mode.open_question("add-two")
    assert panel.solution_button.isVisible() and "return a + b" not in mode.view.toPlainText()


def test_reset_puts_the_starter_back_and_ctrl_z_undoes_it(coding_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = coding_window()
    panel = browse_on(window, "add-two").exercise
    starter = panel.editor.toPlainText()
    start_typing(qtbot, panel.editor)
    type_lines(qtbot, panel.editor, "def add(a, b):", "return b + a")
    mine = panel.editor.toPlainText()
    qtbot.mouseClick(panel.reset_button, Qt.MouseButton.LeftButton)
    assert panel.editor.toPlainText() == starter
    assert "Undo" in panel.state.text()
    assert panel.editor.hasFocus()
    qtbot.keyClick(panel.editor, Qt.Key.Key_Z, CTRL)
    assert panel.editor.toPlainText() == mine
    qtbot.keyClick(panel.editor, Qt.Key.Key_R, CTRL | SHIFT)  # Reset by its key
    assert panel.editor.toPlainText() == starter


def test_the_editor_sits_beside_the_question_below_it_or_in_a_tab_as_the_window_allows(coding_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from desktop.ui.widgets.adaptive_split import Shape

    window = coding_window()
    mode = browse_on(window, "add-two")
    body = mode.reading.body
    assert mode.exercise.isVisible()
    window.resize(1900, 900)
    qtbot.waitUntil(lambda: body.shape is Shape.BESIDE and body.split.orientation() is Qt.Orientation.Horizontal)
    window.resize(1000, 700)
    qtbot.waitUntil(lambda: body.shape is Shape.ABOVE and body.split.orientation() is Qt.Orientation.Vertical)
    assert mode.view.isVisible() and mode.exercise.isVisible()
    window.resize(760, 520)  # too small for both at a usable size: two tabs
    qtbot.waitUntil(lambda: body.shape is Shape.TABS)
    assert mode.view.isVisible() and not mode.exercise.isVisible()  # the statement first
    assert [body.tabs.tabText(i) for i in range(2)] == ["Question", "Your code"]
    qtbot.keyClick(mode.list, Qt.Key.Key_Return, CTRL)  # Ctrl+Enter from anywhere: run, and show the code
    assert mode.exercise.isVisible() and mode.exercise.running
    assert not mode.exercise.title.isVisible()  # the tab says "Your code": the panel does not say it again
    qtbot.waitUntil(lambda: not mode.exercise.running, timeout=RUN_TIMEOUT_MS)
    mode.edit_note()  # Ctrl+E: the note is with the statement
    assert mode.notes.edit.hasFocus()
    window.resize(1900, 900)
    qtbot.waitUntil(lambda: body.shape is Shape.BESIDE)
    assert mode.view.isVisible() and mode.exercise.isVisible()  # both panes back from the tabs
    assert mode.exercise.title.isVisible()
    mode.open_question("what-is-overfitting")
    assert not mode.exercise.isVisible()  # an ordinary question has no editor
    assert not mode.exercise_slot.run_action.isEnabled()


def test_the_editor_and_the_runner_load_only_when_an_exercise_is_first_shown(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Start-up (and every mode on ordinary questions) pays nothing for the code editor or the runner."""
    import subprocess
    import sys

    from tests.conftest import REPO
    from tests.ui.exercise_bank import write_bank

    root = write_bank(tmp_path / "bank")
    script = f"""
import sys
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
app = QApplication([])
from desktop.core.bank import load_bank
from desktop.core.search import SearchIndex
from desktop.core.store import DB_NAME, Store
from desktop.ui.context import AppContext
from desktop.ui.main_window import MainWindow
data = Path({str(tmp_path / 'data')!r}); data.mkdir()
settings = QSettings(str(data / "s.ini"), QSettings.Format.IniFormat)
settings.setValue("browse/question", "what-is-overfitting")
bank = load_bank(Path({str(root)!r}))
index = SearchIndex(); index.add(bank.questions)
ctx = AppContext(bank=bank, index=index, settings=settings, store=Store.open(data / DB_NAME), data_dir=data,
                 status=lambda _m: None)
window = MainWindow(ctx); window.show(); app.processEvents()
for key in ("quiz", "interview", "progress", "browse"):
    window.switch_to(key)
heavy = ("desktop.ui.widgets.exercise_panel", "desktop.ui.widgets.code_editor", "desktop.core.exercises")
print(window.mode("browse").current_id(), [m for m in heavy if m in sys.modules])
window.mode("browse").open_question("add-two")
print([m for m in heavy if m in sys.modules])
"""
    out = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=120,
                         env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.returncode == 0, out.stderr[-2000:]
    before, after = out.stdout.splitlines()[-2:]
    assert before == "what-is-overfitting []"
    assert after == "['desktop.ui.widgets.exercise_panel', 'desktop.ui.widgets.code_editor', 'desktop.core.exercises']"


def test_an_untouched_starter_opens_with_its_placeholder_selected_so_typing_goes_where_the_code_goes(
        coding_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Typing at once used to land at the very top of the starter, above its imports and its `def`."""
    window = coding_window()
    panel = browse_on(window, "add-two").exercise
    editor = panel.editor
    assert editor.textCursor().selectedText() == "raise NotImplementedError"
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    qtbot.keyClicks(editor, "return a + b")
    assert editor.toPlainText() == 'def add(a, b):\n    """Return a + b."""\n    return a + b\n'  # where the raise was
    run_by_keyboard(qtbot, panel)
    assert panel.last_result is not None and panel.last_result.status is Status.PASSED
    mode = window.mode("browse")
    mode.open_question("double-it")
    mode.open_question("add-two")  # code of one's own: the cursor is not moved onto anything
    assert not panel.editor.textCursor().hasSelection()
