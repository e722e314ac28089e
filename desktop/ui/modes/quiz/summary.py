"""The quiz's summary page: how many, how much recalled, the time spent, what is due tomorrow,
the weakest categories, and a drill on the questions graded Again."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.core.bank import Bank
from desktop.core.quiz import Summary
from desktop.ui.widgets.labels import heading, muted


class SummaryPage(QWidget):
    drill_requested = Signal()
    back_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        v = QVBoxLayout(self)
        v.setContentsMargins(48, 40, 48, 24)
        v.setSpacing(12)
        v.addWidget(heading("Session complete", 1.8))
        self.summary_grid = QGridLayout()
        self.summary_grid.setHorizontalSpacing(32)
        self.summary_values: dict[str, QLabel] = {}
        for col, (key, label) in enumerate((("done", "questions"), ("recall", "recalled"),
                                            ("time", "spent"), ("tomorrow", "due tomorrow"))):
            value = heading("–", 2.0)
            self.summary_values[key] = value
            self.summary_grid.addWidget(value, 0, col)
            self.summary_grid.addWidget(muted(label), 1, col)
        self.summary_grid.setColumnStretch(4, 1)  # keep the figures together on the left
        v.addLayout(self.summary_grid)
        v.addSpacing(6)
        self.summary_weak = muted()
        v.addWidget(self.summary_weak)
        buttons = QHBoxLayout()
        self.drill_button = QPushButton()
        self.drill_button.setObjectName("primaryButton")
        self.drill_button.clicked.connect(self.drill_requested)
        self.back_button = QPushButton("Back to start")
        self.back_button.clicked.connect(self.back_requested)
        buttons.addWidget(self.drill_button)
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        v.addLayout(buttons)
        v.addStretch(1)

    def show_summary(self, summary: Summary, bank: Bank) -> None:
        minutes, seconds = divmod(round(summary.seconds), 60)
        self.summary_values["done"].setText(str(summary.done))
        self.summary_values["recall"].setText(f"{summary.recall_rate:.0%}")
        self.summary_values["time"].setText(f"{minutes}:{seconds:02d}")
        self.summary_values["tomorrow"].setText(str(summary.due_tomorrow))
        if summary.weakest_categories:
            titles = ", ".join(f"{_title(bank, c)} ({rate:.0%})" for c, rate in summary.weakest_categories)
            self.summary_weak.setText(f"Weakest today: {titles}")
        else:
            self.summary_weak.setText("Everything recalled. Well done.")
        self.drill_button.setText(f"Drill the {len(summary.again_ids)} graded Again")
        self.drill_button.setVisible(bool(summary.again_ids))


def _title(bank: Bank, category_id: str) -> str:
    category = bank.category(category_id)
    return category.title if category else category_id
