"""What to study next: the categories furthest below the plan's target, each with a button that starts it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.core.progress import NextStep
from desktop.ui import theme
from desktop.ui.modes.progress.cards import card
from desktop.ui.widgets.labels import muted, plain

ROWS = 4
AT_TARGET = "Every category in your focus is at its target. Keep up with the reviews."
NO_FOCUS = "Nothing to aim for while every category is set to Skip."


class NextCard(QWidget):
    study_requested = Signal(str)  # a category id

    def __init__(self) -> None:
        super().__init__()
        body = QWidget()
        self.grid = QGridLayout(body)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setVerticalSpacing(2)
        self.grid.setColumnStretch(0, 1)
        self.titles: list[QLabel] = []
        self.details: list[QLabel] = []
        self.buttons: list[QPushButton] = []
        for i in range(ROWS):
            title = plain()
            theme.set_font(title, bold=True)
            detail = muted()
            button = QPushButton("Study")
            button.clicked.connect(lambda _=False, i=i: self._study(i))
            self.grid.addWidget(title, i * 2, 0)
            self.grid.addWidget(detail, i * 2 + 1, 0)
            self.grid.addWidget(button, i * 2, 1, 2, 1)
            self.titles.append(title)
            self.details.append(detail)
            self.buttons.append(button)
        self.empty = muted(AT_TARGET)
        self.grid.addWidget(self.empty, ROWS * 2, 0, 1, 2)
        self.frame, _ = card("What to study next", "The categories in your focus furthest below the plan's target: "
                             "recalling their questions tomorrow at your desired retention.", body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.frame)
        self._steps: list[NextStep] = []

    def show_steps(self, steps: list[NextStep], focus_empty: bool = False) -> None:
        """`focus_empty`: every category is skipped, so none is behind (or at) a target."""
        self._steps = steps[:ROWS]
        self.empty.setText(NO_FOCUS if focus_empty else AT_TARGET)
        for i in range(ROWS):
            on = i < len(self._steps)
            for w in (self.titles[i], self.details[i], self.buttons[i]):
                w.setVisible(on)
            if on:
                s = self._steps[i]
                self.titles[i].setText(s.title)
                self.details[i].setText(f"{s.readiness:.0%} ready, target {s.target:.0%} · "
                                        f"{s.studied} of {s.total} studied")
                self.buttons[i].setToolTip(f"A quiz on {s.title}: what is due in it, then new questions, easy first")
        self.empty.setVisible(not self._steps)

    def _study(self, i: int) -> None:
        if i < len(self._steps):
            self.study_requested.emit(self._steps[i].category)
