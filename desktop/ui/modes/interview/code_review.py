"""A coding round's answer in the review: the final code, highlighted, and the tests it passed over time
(every run made during the interview), beside the reference solution the review page shows."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QVBoxLayout, QWidget

from desktop.core.exercise_log import ExerciseRun
from desktop.core.exercises import Status
from desktop.core.wording import clock_text, count
from desktop.ui.widgets.code_editor import CodeEditor
from desktop.ui.widgets.exercise_results import run_verdict
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
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel("Your final code")
        self.title.setObjectName("sectionLabel")
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
        layout.addWidget(self.code, 1)
        layout.addWidget(runs_title)
        layout.addWidget(self.progress)
        layout.addWidget(self.runs)
        self._fit_code()

    def show_answer(self, code: str, runs: Sequence[ExerciseRun], started: datetime, starter: str = "") -> None:
        """`runs`: this exercise's runs during the interview, oldest first; `starter`: the code it began with."""
        unchanged = bool(starter.strip()) and code.strip() == starter.strip()  # e.g. a round ended at once
        self.title.setText("Your final code: the starter, unchanged" if unchanged else "Your final code")
        self.code.setPlainText(code or "# (nothing was written)")
        self.progress.setText(progress_line(runs, started))
        self.runs.clear()
        for run in runs:
            into = clock_text(max(0.0, (run.at - started).total_seconds()))
            self.runs.addItem(f"{into} in · {run_verdict(run)}")
        self.runs.setVisible(bool(runs))
        rows = min(len(runs), RUNS_IN_VIEW)
        self.runs.setFixedHeight(self.runs.sizeHintForRow(0) * rows + 2 * self.runs.frameWidth() + 4 if rows else 0)

    def _fit_code(self) -> None:
        lines = self.code.fontMetrics().lineSpacing() * CODE_LINES
        frame = 2 * self.code.frameWidth() + 12  # and the document's margins
        self.code.setMinimumHeight(lines + frame + self.code.horizontalScrollBar().sizeHint().height())

    def restyle(self) -> None:
        self.code.restyle()
        self._fit_code()  # the text size may have changed
