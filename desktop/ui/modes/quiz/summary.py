"""The quiz's summary page: how many questions, how many recalled at first sight, the time spent, what
is to review tomorrow, one honest sentence about the session, the weakest categories, what is still to do
today, and a drill on the questions missed."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.core.bank import Bank
from desktop.core.quiz import Summary
from desktop.core.today import Today, counts_line
from desktop.core.wording import count
from desktop.ui.widgets.flow_layout import flow
from desktop.ui.widgets.labels import heading, muted
from desktop.ui.widgets.scrolling import scrolling


class SummaryPage(QWidget):
    drill_requested = Signal()
    back_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        page = QWidget()
        v = QVBoxLayout(page)
        v.setContentsMargins(40, 32, 40, 24)
        v.setSpacing(12)
        self.title = heading("Session complete", 1.8)
        v.addWidget(self.title)
        self.summary_values: dict[str, QLabel] = {}
        self.summary_captions: dict[str, QLabel] = {}
        figures = []
        for key, label in (("done", "questions"), ("recall", "recalled at first sight"), ("time", "spent"),
                           ("tomorrow", "to review tomorrow")):  # due and learning: the line below splits them
            value = heading("–", 2.0)
            value.setWordWrap(False)
            caption = muted(label)
            caption.setWordWrap(False)  # short words under their figures, on one line
            self.summary_values[key] = value
            self.summary_captions[key] = caption
            figure = QWidget()
            fv = QVBoxLayout(figure)
            fv.setContentsMargins(0, 0, 0, 0)
            fv.setSpacing(0)
            fv.addWidget(value)
            fv.addWidget(caption)
            figures.append(figure)
        v.addWidget(flow(*figures, spacing=32))  # the figures side by side, wrapping in a narrow window
        v.addSpacing(6)
        self.verdict = heading("", 1.05, bold=False)
        self.verdict.setObjectName("verdict")
        self.summary_weak = muted()
        self.next_line = muted()
        v.addWidget(self.verdict)
        v.addWidget(self.summary_weak)
        v.addWidget(self.next_line)
        self.drill_button = QPushButton()
        self.drill_button.setObjectName("primaryButton")
        self.drill_button.clicked.connect(self.drill_requested)
        self.back_button = QPushButton("Back to start   Enter")
        self.back_button.clicked.connect(self.back_requested)
        v.addWidget(flow(self.drill_button, self.back_button))
        v.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolling(page))  # a short window scrolls the summary rather than squeezing it

    def show_summary(self, summary: Summary, bank: Bank, today: Today, tomorrow: Today) -> None:
        """`today` and `tomorrow` come from the one function every screen counts with."""
        minutes, seconds = divmod(round(summary.seconds), 60)
        self.title.setText("Session ended early" if summary.ended_early else "Session complete")
        self.summary_values["done"].setText(str(summary.shown))
        repeats = summary.reviews - summary.shown  # learning steps
        self.summary_captions["done"].setText(("question" if summary.shown == 1 else "questions")
                                              + (f" + {count(repeats, 'repeat')}" if repeats else ""))
        self.summary_values["recall"].setText(f"{summary.recall_rate:.0%}")
        self.summary_values["time"].setText(f"{minutes}:{seconds:02d}")
        self.summary_values["tomorrow"].setText(str(tomorrow.reviews))
        self.verdict.setText(summary.verdict)
        if summary.weakest_categories:
            titles = ", ".join(f"{_title(bank, c)} ({rate:.0%})" for c, rate in summary.weakest_categories)
            self.summary_weak.setText(f"Weakest at first sight: {titles}")
        self.summary_weak.setVisible(bool(summary.weakest_categories))
        still = f"Still to do today: {counts_line(today)}." if today.total else "Nothing more is due today."
        self.next_line.setText(f"{still} Tomorrow: {counts_line(tomorrow)}.")
        self.drill_button.setText(f"Drill the {count(len(summary.to_drill), 'question')} you missed")
        self.drill_button.setVisible(bool(summary.to_drill))  # at first sight or on a later step


def _title(bank: Bank, category_id: str) -> str:
    category = bank.category(category_id)
    return category.title if category else category_id
