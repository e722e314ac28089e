"""The exercise desk shared by Browse, Quiz and the coding round: the code editor, Run and Cancel, Reset to
the starter, Show solution, and what the last run said. Its keys (Ctrl+Enter, Esc, Ctrl+Shift+R and S) are
the owner's: an ExerciseSlot's actions in Browse and Quiz, the mock interview's own in a coding round.

A run never blocks the UI: ExerciseRunner.run() goes on a worker thread and its result comes back as a
queued signal. Ctrl+Enter while a run is going cancels it and runs the code as it is now; the run it
replaced, and one cut short by moving to another question, are not recorded (nobody saw them). A run
cancelled with Esc is recorded as cancelled: the user saw it. Every other run is kept in the history,
with the code it ran. A coding round whose question closes mid-run takes the run with release_run(), so
it goes on without the panel (core/final_runs.py decides whether it counts).

The code is saved like a note (widgets/autosave.py: within a second of a keystroke, at once on
flush()), unless `keeps_code` is off: in a mock interview the code is the answer and the interview
saves it.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.core.bank import Question
from desktop.core.changes import Change, Changed
from desktop.core.exercise_log import ExerciseRun
from desktop.core.exercises import ExerciseRunner, RunResult
from desktop.core.store import Store, StoreWriteError
from desktop.ui import theme
from desktop.ui.widgets.autosave import SaveSoon
from desktop.ui.widgets.buttons import tool_button
from desktop.ui.widgets.code_editor import CodeEditor
from desktop.ui.widgets.exercise_results import RunResults
from desktop.ui.widgets.on_resize import OnResize

RETRY_MS = 3000  # a save that failed is tried again this often
NO_LIMIT = 16777215  # QWIDGETSIZE_MAX
RUN_TEXT, CANCEL_TEXT = "Run   Ctrl+Enter", "Cancel   Esc"  # a key beside its button's word, as "Show answer   Space"
SHORT_LINES = 22  # a panel shorter than this many lines of text shows the code or the tests, not both squeezed
TESTS_TEXT, CODE_TEXT = "Tests", "Code"  # short: the summary beside them needs the width


class _Relay(QObject):
    """Lives on the UI thread, so a result emitted from the worker arrives there (a queued signal)."""

    done = Signal(int, object)  # the run's number, its RunResult


class ExercisePanel(QWidget):
    ran = Signal(object)  # a RunResult for the question on show, once it is displayed
    edited = Signal()  # the user changed the code (never for code put there by set_question or reload)
    running_changed = Signal(bool)
    solution_toggled = Signal(bool)  # the user asked to see (or hide) the reference solution
    save_failed = Signal(str)  # a plain message for the status bar

    def __init__(self, store: Store, keeps_code: bool = True, offers_solution: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exercisePanel")
        self.store = store
        self.keeps_code = keeps_code
        self.offers_solution = offers_solution
        self.question: Question | None = None
        self.interview_id: int | None = None  # runs are recorded as made during this mock interview
        self.last_result: RunResult | None = None  # of this showing of the question
        self._runner: ExerciseRunner | None = None
        self._run_qid = ""
        self._number = 0  # of the latest run: a result carrying another number was replaced, and is dropped
        self._released: dict[int, tuple[ExerciseRunner, Callable[[ExerciseRunner, RunResult], None]]] = {}
        self._loading = False
        self._dirty = False
        self._pending: dict[str, str] = {}  # code whose save failed, by question id: retried until it lands
        self._failing = False
        self._relay = _Relay(self)
        self._relay.done.connect(self._on_done)
        self._arranged: tuple[bool, bool] | None = None  # (the tabs shown, in place of the code)
        self._build()
        self._fit_watcher = OnResize(lambda _w: self._show_results())
        self.installEventFilter(self._fit_watcher)
        self.results.summary.installEventFilter(self._fit_watcher)  # it wraps: the row under the code grows
        self._autosave = SaveSoon(self.flush, self)
        self._retry = QTimer(self, singleShot=True, interval=RETRY_MS)
        self._retry.timeout.connect(self.flush)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.cancel)  # never leave a child running behind a closed app
        store.changes.subscribe_while_alive(self._on_data_changed)
        self._fit_run_button()
        self.set_question(None)

    def _build(self) -> None:
        self.title = QLabel("Your code")
        self.title.setObjectName("sectionLabel")
        self.state = QLabel()
        self.state.setTextFormat(Qt.TextFormat.RichText)  # only our own words and an Undo link
        self.editor = CodeEditor()
        self.state.linkActivated.connect(lambda _link: self.editor.undo())
        self.reset_button = tool_button("Reset")
        self.reset_button.setAutoRaise(True)
        self.reset_button.setToolTip("Put the starter code back (Ctrl+Shift+R; Ctrl+Z undoes it)")
        self.solution_button = tool_button("Show solution")
        self.solution_button.setAutoRaise(True)
        self.solution_button.setCheckable(True)
        self.solution_button.setToolTip("Show the reference solution with the question (Ctrl+Shift+S)")
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.title)
        head.addWidget(self.state, 1)
        head.addWidget(self.reset_button)
        head.addWidget(self.solution_button)
        self.editor.document().setDocumentMargin(6)
        self.run_button = QPushButton(RUN_TEXT)
        self.run_button.setObjectName("primaryButton")
        self.run_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.run_button.setToolTip("Run your code against the exercise's hidden tests (Ctrl+Enter)")
        self.results = RunResults()
        # A short panel (a small window, large text) shows the code or the run's tabs, one at a time: the summary
        # beside Run still says how the run went, and this button swaps the code for the tabs and back.
        self.results_button = tool_button(TESTS_TEXT)
        self.results_button.setObjectName("resultsButton")
        self.results_button.setCheckable(True)
        self.results_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # a click keeps the keys here: _swap moves them
        self.results_button.setToolTip("Show the tests, details and runs in place of the code (and back)")
        self.results_button.hide()
        self.run_area = QWidget()  # Run and the summary of the last run, then (once there is something) the tabs
        lv = QVBoxLayout(self.run_area)
        lv.setContentsMargins(0, 4, 0, 0)
        lv.setSpacing(4)
        run_row = QHBoxLayout()
        run_row.addWidget(self.run_button)
        run_row.addWidget(self.results.summary, 1)
        run_row.addWidget(self.results_button)
        lv.addLayout(run_row)
        lv.addWidget(self.results, 1)
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.setChildrenCollapsible(False)
        self.split.addWidget(self.editor)
        self.split.addWidget(self.run_area)
        self.split.setStretchFactor(0, 1)
        self.editor.setMinimumHeight(90)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(head)
        layout.addWidget(self.split, 1)

        # The keys (Ctrl+Enter, Esc) are the owner's: an ExerciseSlot's actions in Browse and Quiz; a mock
        # interview routes its own Ctrl+Enter and Esc here, since those keys already mean "done" and "end" there.
        self.run_button.clicked.connect(lambda _c=False: self.cancel() if self.running else self.run())
        self.reset_button.clicked.connect(lambda _c=False: self.reset_to_starter())
        self.solution_button.toggled.connect(
            lambda on: self.solution_button.setText("Hide solution" if on else "Show solution"))
        self.solution_button.toggled.connect(self.solution_toggled)
        self.results_button.toggled.connect(self._swap)
        self.editor.textChanged.connect(self._on_text_changed)

    # ------------------------------------------------------------------ state

    @property
    def running(self) -> bool:
        return self._runner is not None

    def code(self) -> str:
        return self.editor.toPlainText()

    def solution_shown(self) -> bool:
        return self.solution_button.isChecked()

    @property
    def short(self) -> bool:
        """Too short for the code and the run's tabs both at a usable height."""
        return self.height() < SHORT_LINES * self.fontMetrics().lineSpacing()

    # ------------------------------------------------------------------ API

    def set_question(self, q: Question | None, code: str | None = None) -> None:
        """Show an exercise (None, or a question that is no exercise: nothing), saving the code on show first.
        `code`: what to put in the editor instead of the saved code or the starter."""
        self.flush()
        if self._runner is not None:  # cut short by moving on: nobody will see it, so it is not recorded
            self._number += 1
            self._runner.cancel()
            self._runner = None
            self.running_changed.emit(False)
        q = q if q is not None and q.is_exercise else None
        self.question = q
        self.last_result = None
        if code is None and q is not None:
            code = self._pending.get(q.id) or (self.store.exercises.code(q.id) if self.keeps_code else None)
        self._load(code if code is not None else q.starter if q else "")
        if q is not None and self.code() == q.starter and (span := q.starter_placeholder) is not None:
            cursor = self.editor.textCursor()  # typing replaces the placeholder, indented where the code goes
            cursor.setPosition(span[0])
            cursor.setPosition(span[1], cursor.MoveMode.KeepAnchor)
            self.editor.setTextCursor(cursor)
        self.results.show_idle(q.tests.count("def test_") if q else 0)
        self.solution_button.blockSignals(True)
        self.solution_button.setChecked(False)
        self.solution_button.setText("Show solution")
        self.solution_button.blockSignals(False)
        self.results_button.setChecked(False)  # a new question starts on its code
        self._show_history()
        self._show_state()
        self._sync()
        self._show_results()

    def run(self) -> None:
        """Run the code on screen against the tests (Ctrl+Enter). Running already: that run is cancelled and
        this code runs instead."""
        q = self.question
        if q is None or not self.isEnabled():
            return
        if self._runner is not None:
            self._runner.cancel()  # its result arrives with an old number and is dropped
        self.flush()
        runner = ExerciseRunner.for_question(q, self.code())
        self._number += 1
        self._runner, self._run_qid = runner, q.id
        threading.Thread(target=_work, args=(runner, self._number, self._relay), name="exercise-run",
                         daemon=True).start()
        self.results.show_running()
        self._sync()
        self.running_changed.emit(True)

    def cancel(self) -> None:
        """Esc: stop the run (the result says Cancelled and is kept)."""
        if self._runner is not None:
            self._runner.cancel()

    def release_run(self, on_result: Callable[[ExerciseRunner, RunResult], None]) -> ExerciseRunner | None:
        """Let the run going on (if any) go on without this panel: its result goes to `on_result`, on the UI
        thread, and the panel is free for another question. Returns the run, or None if there is none."""
        runner = self._runner
        if runner is None:
            return None
        self._released[self._number] = runner, on_result
        self._number += 1  # a later run starts afresh
        self._runner = None
        self._sync()
        self.running_changed.emit(False)
        return runner

    def reset_to_starter(self) -> None:
        """Put the starter back as one edit, so Ctrl+Z (or the Undo link) brings the code back."""
        q = self.question
        if q is None:
            return
        if self.code() == q.starter:
            self._set_state("This is the starter already.")
            return
        cursor = self.editor.textCursor()
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(q.starter)
        cursor.endEditBlock()
        cursor.movePosition(QTextCursor.MoveOperation.Start)
        self.editor.setTextCursor(cursor)
        self.editor.setFocus()
        self._set_state('Reset to the starter. <a href="undo">Undo</a> (Ctrl+Z)')

    def flush(self) -> bool:
        """Write the code now. False if it could not be: it is kept and retried."""
        self._autosave.stop()
        if not self.keeps_code:
            return True
        if self._dirty and self.question is not None:
            self._pending[self.question.id] = self.code()
            self._dirty = False
        error = ""
        for qid, code in list(self._pending.items()):
            try:
                self.store.exercises.save_code(qid, code)
            except StoreWriteError as exc:
                error = str(exc)
                continue
            del self._pending[qid]
            if self.question is not None and qid == self.question.id:
                self._set_state("Saved")
        if self._pending:
            self._retry.start()
            self._show_state()
            if not self._failing:
                self.save_failed.emit(f"Your code could not be saved ({error}). It is kept and retried.")
            self._failing = True
            return False
        self._retry.stop()
        self._failing = False
        return True

    def reload(self) -> None:
        """Re-read the code and the runs from the store (after a restore replaced the data)."""
        self._dirty = False
        self._pending.clear()
        self.set_question(self.question)

    def unsaved(self) -> dict[str, str]:
        """Code typed but not on disk, keyed "<question id> (code)" beside the notes."""
        pending = dict(self._pending)
        if self._dirty and self.question is not None:
            pending[self.question.id] = self.code()
        return {f"{qid} (code)": code for qid, code in pending.items()}

    def restyle(self) -> None:
        self._fit_run_button()
        self.editor.restyle()
        self.results.restyle()
        self._show_state()
        self._show_results()  # the text size may have made the panel short, or tall enough

    # ----------------------------------------------------------------- internal

    def _fit_run_button(self) -> None:
        """Wide enough for either label in the bold the style sheet gives it (its size hint misses the bold)."""
        font = QFont(self.run_button.font())
        font.setWeight(QFont.Weight.Bold)
        metrics = QFontMetrics(font)
        self.run_button.setFixedWidth(max(metrics.horizontalAdvance(t) for t in (RUN_TEXT, CANCEL_TEXT)) + 44)

    def _load(self, code: str) -> None:
        self._loading = True
        self.editor.setPlainText(code)
        self._loading = False
        self.editor.document().clearUndoRedoStacks()
        self._dirty = False
        self.editor.setReadOnly(self.question is None)

    def _on_text_changed(self) -> None:
        if self._loading or self.question is None:
            return
        self.edited.emit()
        if self.keeps_code:
            self._dirty = True
            if self.question.id not in self._pending:
                self._set_state("Editing")
            self._autosave.poke()

    def _on_done(self, number: int, result: RunResult) -> None:
        if number in self._released:
            runner, on_result = self._released.pop(number)
            on_result(runner, result)
            return
        if number != self._number or self._runner is None:
            return  # replaced by a later run, or the question changed
        code, self._runner = self._runner.code, None
        qid = self._run_qid
        try:
            self.store.exercises.record_run(qid, result, self.interview_id, code=code)
        except StoreWriteError as exc:
            self.save_failed.emit(f"The run could not be recorded ({exc}).")
        self.last_result = result
        self.results.show_result(result)
        self._show_history()
        self._show_results()
        self._sync()
        self.running_changed.emit(False)
        self.ran.emit(result)

    def _on_data_changed(self, changed: Changed) -> None:
        """Code or runs of the exercise on show written elsewhere (Quiz and Browse show the same exercise)."""
        if not shiboken6.isValid(self) or self.question is None or not changed.touches(Change.EXERCISES):
            return
        if changed.question_ids and self.question.id not in changed.question_ids:
            return
        self._show_history()
        if self.keeps_code and not self._dirty and self.question.id not in self._pending:
            stored = self.store.exercises.code(self.question.id)
            if stored is not None and stored != self.code():
                self._load(stored)

    def _runs(self) -> list[ExerciseRun]:
        """The history on show: every run of the exercise, or in a mock interview only its own."""
        if self.question is None:
            return []
        runs = self.store.exercises.runs(self.question.id)
        return runs if self.interview_id is None else [r for r in runs if r.interview_id == self.interview_id]

    def _show_history(self) -> None:
        runs = self._runs()
        self.results.show_runs(runs)
        self.solution_button.setVisible(self.offers_solution and bool(runs))  # only once the code has been run

    def _swap(self, tests: bool) -> None:
        """Show tests / Back to code, with the keyboard's focus on what is now shown."""
        focus = QApplication.focusWidget()
        had_focus = focus is not None and (focus is self.editor or self.results.isAncestorOf(focus))
        self._show_results()
        if had_focus or self.results_button.hasFocus():
            (self.results.tabs.currentWidget() if tests else self.editor).setFocus()

    def _show_results(self) -> None:
        """The tabs take room only when there is something in them (a result, earlier runs): until then
        the editor has the height, and the summary line beside Run says what Ctrl+Enter does. In a short
        panel they take the code's place only when asked (Show tests), so the code keeps a usable height."""
        wanted = self.last_result is not None or bool(self._runs())
        short = self.short
        self.results_button.setVisible(wanted and short)
        instead = wanted and short and self.results_button.isChecked()
        self.results_button.setText(CODE_TEXT if instead else TESTS_TEXT)
        shown = wanted and (instead or not short)
        if (shown, instead) == self._arranged:
            self._fit_run_area()
            return
        self._arranged = shown, instead
        self.editor.setVisible(not instead)
        self.results.setVisible(shown)
        self._fit_run_area()
        if shown and not instead:
            total = sum(self.split.sizes()) or self.split.height()
            self.split.setSizes([round(total * 0.55), total - round(total * 0.55)])

    def _fit_run_area(self) -> None:
        """Without its tabs the run area is one row: the Run button, or the summary beside it if that wraps."""
        if self._arranged is not None and self._arranged[0]:
            self.run_area.setMaximumHeight(NO_LIMIT)
            return
        summary = self.results.summary
        row = max(self.run_button.sizeHint().height(), summary.heightForWidth(summary.width())) + 8
        self.run_area.setMaximumHeight(row)
        total = sum(self.split.sizes())
        if self.editor.isVisibleTo(self) and total > row and self.split.sizes()[1] != row:
            self.split.setSizes([total - row, row])  # a splitter keeps its sizes when a maximum grows

    def _sync(self) -> None:
        has = self.question is not None
        self.run_button.setEnabled(has)
        self.run_button.setText(CANCEL_TEXT if self.running else RUN_TEXT)
        self.run_button.setToolTip("Stop the run (Esc)" if self.running else
                                   "Run your code against the exercise's hidden tests (Ctrl+Enter)")
        self.reset_button.setEnabled(has)

    def _show_state(self) -> None:
        if self.question is not None and self.question.id in self._pending:
            self._set_state("Not saved: retrying", error=True)
        else:
            self._set_state("")

    def _set_state(self, text: str, error: bool = False) -> None:
        c = theme.current()
        self.state.setText(text)
        self.state.setStyleSheet(f"color: {c.bad if error else c.muted}; padding-left: 6px;")


def _work(runner: ExerciseRunner, number: int, relay: _Relay) -> None:
    """On the worker thread: run, and hand the result to the UI thread."""
    result = runner.run()
    with contextlib.suppress(RuntimeError):  # the panel was deleted while its run went on (the window closed)
        relay.done.emit(number, result)
