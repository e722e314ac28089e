"""A coding round's question closes while its code runs: the run leaves the editor for core.final_runs.FinalRuns,
which decides whether it counts, and its result comes back here, on the UI thread, to be recorded; `ended`
then tells the review to show it. FinalRuns (and the runner's modules) load only when first needed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from desktop.core.store import StoreWriteError
from desktop.ui.context import AppContext

if TYPE_CHECKING:
    from desktop.core.exercises import ExerciseRunner, RunResult
    from desktop.core.final_runs import FinalRuns
    from desktop.ui.widgets.exercise_panel import ExercisePanel


class FinalRunRelay(QObject):
    ended = Signal()  # a run that was going as its question closed has ended (and is recorded)

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._final_runs: FinalRuns | None = None

    @property
    def final_runs(self) -> FinalRuns:
        if self._final_runs is None:
            from desktop.core.final_runs import FinalRuns

            self._final_runs = FinalRuns(self.ctx.store)
            app = QApplication.instance()
            if app is not None:
                app.aboutToQuit.connect(self._final_runs.cancel_all)  # never leave a child running behind the app
        return self._final_runs

    def close(self, panel: ExercisePanel, interview_id: int | None) -> None:
        """The exercise in `panel` closes with its code as the answer (just saved): a run going on is handed to
        FinalRuns, which lets it finish if it runs exactly that code, and stops it otherwise."""
        if panel.question is None:
            return
        runner = panel.release_run(self._done)
        if runner is not None:
            self.final_runs.close(interview_id, panel.question.id, panel.code(), runner)

    def _done(self, runner: ExerciseRunner, result: RunResult) -> None:
        try:
            self.final_runs.finished(runner, result)
        except StoreWriteError as exc:
            self.ctx.status(f"A run that ended after its question closed could not be recorded ({exc}).")
        self.ended.emit()
