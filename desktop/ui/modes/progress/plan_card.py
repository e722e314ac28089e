"""Progress's study plan: the interview date, the focus and each category's weight, and what the plan
asks for: the daily number of new questions, whether it fits the user's limit (one click raises the
limit to it), and the busiest day ahead. Every change is saved at once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.core.bank import Bank
from desktop.core.focus import WEIGHTS, adjustments_between
from desktop.core.pace import Pace
from desktop.core.settings import NEW_PER_DAY, Settings
from desktop.core.study_plan import StudyPlan, short_date
from desktop.core.today import Today, counts_line
from desktop.ui import theme
from desktop.ui.modes.progress.cards import card
from desktop.ui.widgets.labels import muted, plain
from desktop.ui.widgets.plan_fields import FocusChoice, InterviewDate, WeightGrid


class PlanCard(QWidget):
    changed = Signal()  # the plan or the daily limit was changed (and saved) here

    def __init__(self, prefs: Settings, bank: Bank, today: Callable[[], date]) -> None:
        super().__init__()
        self.prefs = prefs
        body = QWidget()
        v = QVBoxLayout(body)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(8)
        self.when = InterviewDate(today, optional=True)
        self.focus = FocusChoice()
        focus_row = QHBoxLayout()
        focus_row.addWidget(QLabel("Focus"))
        focus_row.addWidget(self.focus)
        focus_row.addStretch(1)
        self.status = plain()
        self.status.setObjectName("planStatus")
        self.status.setWordWrap(True)
        theme.set_font(self.status, bold=True)
        self.apply_button = QPushButton()
        self.apply_button.setObjectName("primaryButton")
        self.numbers = muted()
        self.numbers.setObjectName("planNumbers")
        self.today_line = muted()
        self.weights_button = QPushButton("Adjust categories")
        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.apply_button, 0, Qt.AlignmentFlag.AlignTop)
        adjust_row = QHBoxLayout()
        adjust_row.addWidget(self.weights_button)
        adjust_row.addStretch(1)
        for part in (self.when, focus_row, status_row, self.numbers, self.today_line, adjust_row):
            if isinstance(part, QWidget):
                v.addWidget(part)
            else:
                v.addLayout(part)
        self.frame: QFrame
        self.frame, self._frame_layout = card(
            "Your study plan", "When the interview is and what it is for decide which new questions Quiz brings and "
            "how many a day.", body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.frame)
        self._bank = bank
        self._body = v
        # The category weights are folded away until asked for: their grid (a box per category, ~30-50 ms
        # with the bundled bank's categories) is built then, not with the page (Progress's first open).
        self._grid: WeightGrid | None = None
        self._chosen: dict[str, int] = {}  # what the grid shows, or would show
        self.when.changed.connect(self._save)
        self.focus.currentIndexChanged.connect(self._focus_changed)
        self.weights_button.clicked.connect(
            lambda: self._show_weights(self._grid is None or not self._grid.isVisibleTo(self)))
        self.apply_button.clicked.connect(self._apply)
        self._needed = 0
        self._room = 0  # px the card's content may take (0: not known yet): the weights' grid is fitted to it

    # ------------------------------------------------------------------ drawing

    def show_plan(self, plan: StudyPlan, today: Today) -> None:
        """Fields as saved, then what the plan asks for and how today stands."""
        self.when.blockSignals(True)
        self.when.set_day(plan.interview_day)
        self.when.blockSignals(False)
        self.focus.set_focus_id(plan.focus)
        self._set_weights(plan.weights(self._bank))
        pace = today.pace
        self._needed = pace.needed
        passed = plan.interview_day is not None and pace.interview_day is None
        self.status.setText("That date has passed: set the date of your next interview." if passed
                            else status_text(pace))
        self.apply_button.setText(f"Use {pace.needed} a day")
        self.apply_button.setVisible(pace.raise_to is not None)
        self.numbers.setText(numbers_text(pace))
        self.numbers.setVisible(pace.covered > 0)  # (not "0 of the 0 questions … 0 a day until …")
        self.today_line.setText(f"Today: {counts_line(today)}"
                                + (f" ({today.new_seen} new started)" if today.new_seen else "") + ".")

    def fit_width(self, width: int) -> None:
        """The card is `width` px wide: the category weights take two columns only if they fit in it."""
        m = self._frame_layout.contentsMargins()
        self._room = width - m.left() - m.right()
        if self._grid is not None:
            self._grid.fit(self._room)

    def open_weights(self) -> None:
        self._show_weights(True)

    @property
    def weights(self) -> WeightGrid:
        """The category weights' grid, built on first use."""
        if self._grid is None:
            self._grid = WeightGrid(self._bank.categories)
            if self._room:
                self._grid.fit(self._room)
            self._grid.setVisible(False)
            self._grid.set_weights(self._chosen)
            self._grid.changed.connect(self._save)
            self._body.addWidget(self._grid)
        return self._grid

    def _set_weights(self, weights: dict[str, int]) -> None:
        # As the grid would hold them: a weight for each category, one of its choices (else its first).
        chosen = {c.id: weights.get(c.id, 1) for c in self._bank.categories}
        self._chosen = {c: w if w in WEIGHTS else WEIGHTS[0] for c, w in chosen.items()}
        if self._grid is not None:
            self._grid.set_weights(self._chosen)

    def _show_weights(self, on: bool) -> None:
        self.weights.setVisible(on)
        self.weights_button.setText("Hide categories" if on else "Adjust categories")

    # ------------------------------------------------------------------ saving

    def _plan(self) -> StudyPlan:
        return StudyPlan(focus=self.focus.focus_id(),
                         adjustments=adjustments_between(self.focus.focus_id(), self._current_weights()),
                         interview_day=self.when.day(), cap=StudyPlan.load(self.prefs).cap)

    def _current_weights(self) -> dict[str, int]:
        return self._grid.weights() if self._grid is not None else dict(self._chosen)

    def _save(self) -> None:
        self._plan().save(self.prefs)
        self.changed.emit()

    def _focus_changed(self) -> None:
        self._set_weights(StudyPlan(focus=self.focus.focus_id()).weights(self._bank))  # the focus's own
        self._save()

    def _apply(self) -> None:
        self.prefs.set(NEW_PER_DAY, self._needed)
        self.changed.emit()


ALL_SKIPPED = ("Every category is set to Skip: Quiz brings no new questions, only reviews. "
               "Set one to Some or more below.")


def status_text(pace: Pace) -> str:
    if pace.covered == 0:  # (not "15 new a day from your focus", nor "on track" for 0 of 0)
        return ALL_SKIPPED
    if pace.interview_day is None:
        return f"No interview date: Quiz brings {pace.daily_new} new questions a day from your focus."
    if pace.days_left == 0:
        return "The interview is today: review only. Good luck!"
    if not pace.spaced:
        return (f"Too close to review everything before the day: a question started now comes back in "
                f"{pace.review_gap} days. Study what matters most.")
    if pace.on_track:
        return f"On track: {pace.needed} new a day fits your limit of {pace.cap}."
    return f"Not on track: the plan needs {pace.needed} new a day and your limit is {pace.cap}."


def numbers_text(pace: Pace) -> str:
    left = f"{pace.never_studied} of the {pace.covered} questions in your focus are still new"
    if pace.interview_day is None or not pace.spaced or pace.last_new_day is None:
        return f"{left}."
    return (f"{left}. {pace.needed} a day until {short_date(pace.last_new_day)} gives each one a review "
            f"before the interview; the busiest day will be about {pace.busiest} cards.")
