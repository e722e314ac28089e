"""Where a mode keeps its exercise panel: built the first time a coding exercise is shown, so a start-up
on an ordinary question (and every mode that never meets an exercise) pays nothing for the editor, the
results and the runner (together about 25 ms to import and 20 ms to build on the shared test machine).

The mode's keyboard actions live here from the start, so its menu lists them before any exercise has
been seen: Run (Ctrl+Enter) and Reset (Ctrl+Shift+R) are enabled while an exercise is on show, Cancel (Esc)
while a run goes on, Show solution (Ctrl+Shift+S) once the exercise has been run.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction

from desktop.core.bank import Question
from desktop.core.store import Store
from desktop.ui.actions import action

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from desktop.ui.widgets.exercise_panel import ExercisePanel


class ExerciseSlot(QObject):
    built = Signal(object)  # the ExercisePanel, the moment it exists: place it and connect to it

    def __init__(self, store: Store, owner: QWidget, keeps_code: bool = True, offers_solution: bool = True) -> None:
        super().__init__(owner)
        self._store = store
        self._keeps_code, self._offers_solution = keeps_code, offers_solution
        self.panel: ExercisePanel | None = None
        self.run_action: QAction = action(owner, "Run the code", ["Ctrl+Return", "Ctrl+Enter"], self.run)
        self.cancel_action: QAction = action(owner, "Cancel the run", "Escape", self.cancel)
        # The panel's buttons, in the menu and on keys too (a reset is one Ctrl+Z from undone).
        self.reset_action: QAction = action(owner, "Reset the code to the starter", "Ctrl+Shift+R", self._reset)
        self.solution_action: QAction = action(owner, "Show the solution (after a run)", "Ctrl+Shift+S",
                                               self._show_solution, True)
        self._sync()

    def get(self) -> ExercisePanel:
        """The panel, built now if it was not yet."""
        if self.panel is None:
            from desktop.ui.widgets.exercise_panel import ExercisePanel

            self.panel = ExercisePanel(self._store, keeps_code=self._keeps_code,
                                       offers_solution=self._offers_solution)
            self.panel.running_changed.connect(lambda _running: self._sync())
            self.panel.solution_button.toggled.connect(self._mirror_solution)
            self.built.emit(self.panel)
        return self.panel

    # ------------------------------------------------------------------ forwarded

    @property
    def question(self) -> Question | None:
        return self.panel.question if self.panel is not None else None

    @property
    def running(self) -> bool:
        return self.panel is not None and self.panel.running

    def set_question(self, q: Question | None, code: str | None = None) -> None:
        """Show an exercise (building the panel if this is the first), or nothing."""
        if self.panel is not None or (q is not None and q.is_exercise):
            self.get().set_question(q, code)
        self._sync()

    def run(self) -> None:
        if self.panel is not None:
            self.panel.run()

    def cancel(self) -> None:
        if self.panel is not None:
            self.panel.cancel()

    def flush(self) -> bool:
        return self.panel.flush() if self.panel is not None else True

    def unsaved(self) -> dict[str, str]:
        return self.panel.unsaved() if self.panel is not None else {}

    def reload(self) -> None:
        if self.panel is not None:
            self.panel.reload()

    def restyle(self) -> None:
        if self.panel is not None:
            self.panel.restyle()

    def _reset(self) -> None:
        if self.panel is not None:
            self.panel.reset_to_starter()

    def _show_solution(self, on: bool) -> None:
        if self.panel is not None and not self.panel.solution_button.isHidden():
            self.panel.solution_button.setChecked(on)
        self._sync()

    def _mirror_solution(self, on: bool) -> None:
        self.solution_action.blockSignals(True)
        self.solution_action.setChecked(on)
        self.solution_action.blockSignals(False)

    def _sync(self) -> None:
        self.run_action.setEnabled(self.question is not None)
        self.cancel_action.setEnabled(self.running)
        self.reset_action.setEnabled(self.question is not None)
        offered = self.panel is not None and self.question is not None and not self.panel.solution_button.isHidden()
        self.solution_action.setEnabled(offered)
        self._mirror_solution(offered and self.panel is not None and self.panel.solution_button.isChecked())
