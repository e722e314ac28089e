"""The first-run question, as a panel at the top of the main window (never a dialog): when is the
interview, and for what role? It never takes the keyboard focus by itself, so every shortcut works
while it shows, and a user who ignores it studies with the default plan: a mix of every category at
the daily limit. Answered or put away, it does not come back; Progress keeps the plan editable."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from desktop.core.settings import PLAN_ASKED, Settings
from desktop.core.study_plan import StudyPlan
from desktop.ui.widgets.labels import heading, muted
from desktop.ui.widgets.plan_fields import FocusChoice, InterviewDate


class PlanPanel(QWidget):
    plan_saved = Signal()  # the plan changed: what is due and new must be redrawn
    adjust_requested = Signal()  # the user wants the per-category weights (they live in Progress)
    closed = Signal()  # answered or put away: the panel is gone

    def __init__(self, prefs: Settings, today: Callable[[], date]) -> None:
        super().__init__()
        self.prefs = prefs
        self.setObjectName("planPanel")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 2)
        card = QFrame()
        card.setObjectName("card")
        outer.addWidget(card)
        v = QVBoxLayout(card)
        v.setContentsMargins(16, 10, 16, 10)
        v.setSpacing(6)
        self.title = heading("When is your interview, and for what role?", 1.15)
        plan = StudyPlan.load(prefs)
        self.explain = muted(
            "Quiz then mixes new questions from the categories that role needs, easier first, and paces them "
            "so each gets a review before the day. Not now: a mix of every category, "
            f"{plan.cap} new a day. You can plan later in Progress (Ctrl+4).")
        self.when = InterviewDate(today, focus=Qt.FocusPolicy.ClickFocus)
        self.when.set_day(plan.interview_day)
        self.focus = FocusChoice()
        self.focus.set_focus_id(plan.focus if plan.focus != "balanced" else "ml-engineer")
        self.use_button = QPushButton("&Use this plan")
        self.use_button.setObjectName("primaryButton")
        self.adjust_button = QPushButton("&Adjust categories…")
        self.later_button = QPushButton("&Not now")
        for w in (self.focus, self.use_button, self.adjust_button, self.later_button):
            w.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # never the first stop of the keyboard focus
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(self.when)
        row.addWidget(muted("as"))
        row.addWidget(self.focus)
        row.addStretch(1)
        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        buttons.addWidget(self.use_button)
        buttons.addWidget(self.adjust_button)
        buttons.addWidget(self.later_button)
        buttons.addStretch(1)
        v.addWidget(self.title)
        v.addWidget(self.explain)
        v.addLayout(row)
        v.addLayout(buttons)
        self.use_button.clicked.connect(self.use)
        self.adjust_button.clicked.connect(self._adjust)
        self.later_button.clicked.connect(self.later)
        self.setVisible(not prefs.get(PLAN_ASKED))

    def chosen(self) -> StudyPlan:
        """The plan the panel shows: its date and focus, the daily limit as it is."""
        return StudyPlan(focus=self.focus.focus_id(), interview_day=self.when.day(),
                         cap=StudyPlan.load(self.prefs).cap)

    def use(self) -> None:
        self.chosen().save(self.prefs)
        self.hide()
        self.plan_saved.emit()
        self.closed.emit()

    def later(self) -> None:
        self.prefs.set(PLAN_ASKED, True)
        self.hide()
        self.closed.emit()

    def _adjust(self) -> None:
        self.use()
        self.adjust_requested.emit()

    @staticmethod
    def above(content: QWidget, panel: PlanPanel) -> QWidget:
        """The window's central widget: the panel over the modes."""
        holder = QWidget()
        v = QVBoxLayout(holder)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(0)
        v.addWidget(panel)
        v.addWidget(content, 1)
        return holder
