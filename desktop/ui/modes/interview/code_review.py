"""A coding round's answer in the review: the final code, highlighted, and the tests it passed over time
(every run made during the interview), beside the reference solution the review page shows."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QVBoxLayout, QWidget

from desktop.core.exercise_log import ExerciseRun, run_verdict
from desktop.core.exercises import Status
from desktop.core.final_runs import FinalRuns, final_code_line
from desktop.core.interview_store import Interview, InterviewAnswer, Part
from desktop.core.store import Store
from desktop.core.wording import clock_text, count
from desktop.ui.widgets.code_editor import CodeEditor
from desktop.ui.widgets.labels import muted

RUNS_IN_VIEW = 5  # more scroll
CODE_LINES = 10  # the final code keeps this many lines in view; a short review page scrolls instead


def progress_line(runs: Sequence[ExerciseRun], started: datetime) -> str:
    """The runs in one line: "4 runs: 0/7 → 3/7 → 7/7 · all passed 14:20 into the round"."""
    if not runs:
        return "Never run during the round."
    steps = " → ".join(f"{r.passed}/{r.total}" for r in runs[-8:])
    text = f"{count(len(runs), 'run')}: {'… → ' if len(runs) > 8 else ''}{steps}"
    first_pass = next((r for r in runs if r.status is Status.PASSED), None)
    if first_pass is not None:
        # Wall-clock times: a clock set back during the round must not read as overtime ("+5:00 into the round")
        text += f" · all passed {clock_text(max(0.0, (first_pass.at - started).total_seconds()))} into the round"
    return text


class CodeReview(QWidget):
    def __init__(self, store: Store, final_runs: FinalRuns, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._final_runs = store, final_runs
        self._showing: tuple[Interview, InterviewAnswer, str] | None = None
        self.title = QLabel("Your final code")
        self.title.setObjectName("sectionLabel")
        self.final = muted()  # what the code as submitted came to, when that can be said
        self.final.setWordWrap(True)
        self.final.setContentsMargins(8, 0, 8, 0)
        self.code = CodeEditor()
        self.code.setObjectName("codeEditor")
        self.code.setReadOnly(True)
        self.code.document().setDocumentMargin(6)
        runs_title = QLabel("Tests passed over time")
        runs_title.setObjectName("sectionLabel")
        self.progress = muted()
        self.progress.setContentsMargins(8, 0, 8, 0)
        self.runs = QListWidget()
        self.runs.setObjectName("interviewRuns")
        self.runs.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # a narrow window elides
        self.runs.setTextElideMode(Qt.TextElideMode.ElideRight)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.final)
        layout.addWidget(self.code, 1)
        layout.addWidget(runs_title)
        layout.addWidget(self.progress)
        layout.addWidget(self.runs)
        self._fit_code()

    def show_answer(self, interview: Interview, row: InterviewAnswer, starter: str = "") -> None:
        """`row`: one of the round's exercises; `starter`: the code it began with."""
        self._showing = interview, row, starter
        code = row.answer if row.asked(Part.MAIN) else ""
        runs = [r for r in self._store.exercises.interview_runs(interview.id) if r.question_id == row.question_id]
        unchanged = bool(starter.strip()) and code.strip() == starter.strip()  # e.g. a round ended at once
        self.title.setText("Your final code: the starter, unchanged" if unchanged else "Your final code")
        if self.code.toPlainText() != (code or "# (nothing was written)"):  # a refresh keeps where it is scrolled
            self.code.setPlainText(code or "# (nothing was written)")
        self.final.setText(final_code_line(code, runs, self._final_runs.pending(interview.id, row.question_id)))
        self.final.setVisible(bool(self.final.text()))
        self.progress.setText(progress_line(runs, interview.started_at))
        self.runs.clear()
        for run in runs:
            into = clock_text(max(0.0, (run.at - interview.started_at).total_seconds()))
            self.runs.addItem(f"{into} in · {run_verdict(run)}")
        self.runs.setVisible(bool(runs))
        rows = min(len(runs), RUNS_IN_VIEW)
        self.runs.setFixedHeight(self.runs.sizeHintForRow(0) * rows + 2 * self.runs.frameWidth() + 4 if rows else 0)

    def refresh(self) -> None:
        """Show again what is shown, as it stands now (a run that was going as the question closed ended)."""
        if self._showing is not None:
            self.show_answer(*self._showing)

    def _fit_code(self) -> None:
        lines = self.code.fontMetrics().lineSpacing() * CODE_LINES
        frame = 2 * self.code.frameWidth() + 12  # and the document's margins
        self.code.setMinimumHeight(lines + frame + self.code.horizontalScrollBar().sizeHint().height())

    def restyle(self) -> None:
        self.code.restyle()
        self._fit_code()  # the text size may have changed
