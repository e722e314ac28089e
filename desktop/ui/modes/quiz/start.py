"""The quiz's start page: today's study, new questions only, the custom quiz builder and the quiz settings."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.core.bank import DIFFICULTIES
from desktop.core.pace import Pace
from desktop.core.quiz import CustomDeck
from desktop.core.settings import (
    NEW_PER_DAY,
    QUIZ_BOOKMARKED,
    QUIZ_CATEGORIES,
    QUIZ_COUNT,
    QUIZ_DIFFICULTIES,
    QUIZ_NOTED,
    QUIZ_SHUFFLE,
    RETENTION,
    names,
)
from desktop.core.settings import PASS_FAIL as PASS_FAIL_GRADING
from desktop.core.study_plan import StudyPlan, days_to_go, short_date
from desktop.core.today import counts_line, todays_study, tomorrow
from desktop.core.wording import difficulty_name
from desktop.ui.context import AppContext
from desktop.ui.widgets.category_checklist import CategoryChecklist
from desktop.ui.widgets.category_list import category_item, category_panel, side_width
from desktop.ui.widgets.flow_layout import flow
from desktop.ui.widgets.form_labels import FormLabel
from desktop.ui.widgets.labels import heading, muted
from desktop.ui.widgets.on_resize import OnResize
from desktop.ui.widgets.scrolling import scrolling
from desktop.ui.widgets.spin_boxes import DoubleSpinBox, SpinBox

START_HINT = ("Press Enter to start. Space reveals, a–f tick key points, 1–4 grade, Enter accepts the suggested "
              "grade, Ctrl+Z undoes.")
NOTHING_DUE_HINT = "Nothing is due now. New questions only, or a custom quiz, starts a session."


class StartPage(QWidget):
    """Shows what is due; asks for a deck. The settings here are saved as they change."""

    today_requested = Signal()
    new_only_requested = Signal()
    custom_requested = Signal()
    new_limit_changed = Signal()  # the daily limit of new questions was changed (and saved) here

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.sr = ctx.scheduler
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.setChildrenCollapsible(False)

        side, self.due_list = category_panel("Today by category", "today's study by category",
                                                 ctx.settings, "quiz/categories_folded")
        self.side = side
        self.due_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # read-only counts: keys stay with the quiz

        main = QWidget()
        mv = QVBoxLayout(main)
        mv.setContentsMargins(48, 40, 48, 24)
        mv.setSpacing(10)
        self._main_layout = mv
        self.start_title = heading("Today's study", 1.8)
        self.start_counts = muted()
        self.start_counts.setObjectName("startCounts")
        self.plan_line = muted()
        self.start_button = QPushButton("Start today's study")
        self.start_button.setObjectName("primaryButton")
        self.start_button.setDefault(True)
        self.start_hint = muted()
        self.new_button = QPushButton("New questions only")
        self.custom_button = QPushButton("Custom quiz")
        self.custom_button.setCheckable(True)
        buttons = flow(self.start_button, self.new_button, self.custom_button)  # wraps in a narrow window

        self.custom_panel = self._build_custom()
        self.custom_panel.setVisible(False)

        settings = QFrame()
        settings.setObjectName("card")
        settings.setMaximumWidth(520)
        form = QFormLayout(settings)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.new_limit = SpinBox()
        self.new_limit.setRange(int(NEW_PER_DAY.low or 0), int(NEW_PER_DAY.high or 0))
        self.new_limit.setValue(self.ctx.prefs.get(NEW_PER_DAY))
        self.new_limit.setPrefix("at most ")
        self.new_limit.setSuffix(" a day")
        self.new_limit.setToolTip("Your limit. With an interview date, the plan may ask for fewer; "
                                  "Progress says when it needs more.")
        self.retention = DoubleSpinBox()
        self.retention.setRange(RETENTION.low or 0, RETENTION.high or 1)
        self.retention.setSingleStep(0.01)
        self.retention.setDecimals(2)
        self.retention.setValue(self.sr.desired_retention)
        self.retention.setToolTip("The chance of recalling a question when it comes back. "
                                  "Higher means more frequent reviews.")
        self.pass_fail_box = QCheckBox("Grade with two buttons: Pass / Fail")
        self.pass_fail_box.setChecked(self.ctx.prefs.get(PASS_FAIL_GRADING))
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # a narrow card puts each field under its label
        form.addRow(FormLabel("New questions", self.new_limit), self.new_limit)
        form.addRow(FormLabel("Desired retention", self.retention), self.retention)
        form.addRow(self.pass_fail_box)

        mv.addWidget(self.start_title)
        mv.addWidget(self.start_counts)
        mv.addWidget(self.plan_line)
        mv.addSpacing(8)
        mv.addWidget(buttons)
        mv.addWidget(self.start_hint)
        mv.addWidget(self.custom_panel)
        mv.addStretch(1)
        mv.addWidget(muted("Settings"))
        mv.addWidget(settings)

        split.addWidget(side)
        self._area = area = scrolling(main)  # a short window (or the plan panel above) scrolls it, never squeezes it
        split.addWidget(area)
        split.setSizes([side_width(self.due_list, (c.title for c in ctx.bank.categories)), 900])
        split.setStretchFactor(1, 1)
        self._margins_watcher = OnResize(self._fit_margins)
        area.viewport().installEventFilter(self._margins_watcher)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(split)

        self.start_button.clicked.connect(self.today_requested)
        self.new_button.clicked.connect(self.new_only_requested)
        self.custom_button.toggled.connect(self._show_custom)
        self.new_limit.valueChanged.connect(self._on_new_limit)
        self.retention.valueChanged.connect(self._on_retention)
        self.pass_fail_box.toggled.connect(lambda on: self.ctx.prefs.set(PASS_FAIL_GRADING, on))
        ctx.day_watch.follow(self, self.refresh)  # left open past midnight: the new day's study

    def _build_custom(self) -> QWidget:
        """Categories, then the other choices in rows that wrap: nothing is squeezed in a narrow window."""
        panel = QFrame()
        panel.setObjectName("card")
        v = QVBoxLayout(panel)
        v.setSpacing(6)
        self.custom_categories = CategoryChecklist(self.ctx.bank.categories, 180)
        self.custom_difficulty = {d: QCheckBox(difficulty_name(d)) for d in DIFFICULTIES}
        self.custom_bookmarked = QCheckBox("Bookmarked only")
        self.custom_noted = QCheckBox("With my notes only")
        self.custom_count = SpinBox()
        self.custom_count.setRange(1, 500)
        self.custom_count.setValue(20)
        self.custom_count.setPrefix("Questions: ")
        self.custom_shuffle = QCheckBox("Shuffle")
        self.custom_shuffle.setChecked(True)
        self.custom_start = QPushButton("Start custom quiz")
        v.addWidget(self.custom_categories.caption)
        v.addWidget(self.custom_categories)
        v.addWidget(muted("Difficulty (none ticked: all)"))
        v.addWidget(flow(*self.custom_difficulty.values(), self.custom_bookmarked, self.custom_noted, spacing=14))
        v.addWidget(flow(self.custom_count, self.custom_shuffle, self.custom_start, spacing=14))
        self.custom_start.clicked.connect(self.custom_requested)
        self._restore_custom()
        return panel

    def _restore_custom(self) -> None:
        """The choices of the last custom quiz started."""
        prefs = self.ctx.prefs
        self.custom_categories.set_checked(names(prefs.get(QUIZ_CATEGORIES)))
        difficulties = names(prefs.get(QUIZ_DIFFICULTIES))
        for d, box in self.custom_difficulty.items():
            box.setChecked(d in difficulties)
        self.custom_bookmarked.setChecked(prefs.get(QUIZ_BOOKMARKED))
        self.custom_noted.setChecked(prefs.get(QUIZ_NOTED))
        self.custom_count.setValue(prefs.get(QUIZ_COUNT))
        self.custom_shuffle.setChecked(prefs.get(QUIZ_SHUFFLE))

    def remember_custom(self) -> None:
        """A custom quiz started: the builder opens with its choices next time, also after a relaunch."""
        deck, prefs = self.custom_deck(), self.ctx.prefs
        prefs.set(QUIZ_CATEGORIES, ",".join(self.custom_categories.checked()))
        prefs.set(QUIZ_DIFFICULTIES, ",".join(d for d in DIFFICULTIES if d in deck.difficulties))
        prefs.set(QUIZ_BOOKMARKED, deck.bookmarked_only)
        prefs.set(QUIZ_NOTED, deck.with_notes_only)
        prefs.set(QUIZ_COUNT, self.custom_count.value())
        prefs.set(QUIZ_SHUFFLE, deck.shuffle)

    # ------------------------------------------------------------------ reading

    def custom_deck(self) -> CustomDeck:
        """The deck the custom builder describes."""
        return CustomDeck(
            categories=set(self.custom_categories.checked()),
            difficulties={d for d, box in self.custom_difficulty.items() if box.isChecked()},
            bookmarked_only=self.custom_bookmarked.isChecked(),
            with_notes_only=self.custom_noted.isChecked(),
            count=self.custom_count.value(),
            shuffle=self.custom_shuffle.isChecked(),
        )

    def new_only_count(self) -> int:
        return max(1, self.new_limit.value())

    def in_custom_builder(self, widget: QWidget | None) -> bool:
        return widget is not None and self.custom_panel.isAncestorOf(widget)

    # ------------------------------------------------------------------ drawing

    def refresh(self) -> None:
        """Today's counts, in all and by category: the numbers the status bar and Progress show too."""
        self.restyle()  # the limit may have been changed elsewhere (Progress, Settings)
        bank = self.ctx.bank
        plan = StudyPlan.load(self.ctx.prefs)
        today = todays_study(bank, self.sr, plan)
        started = f" · {today.new_seen} new started today" if today.new_seen else ""
        if today.total:
            self.start_title.setText("Today's study")
            self.start_counts.setText(f"{counts_line(today)}{started}")
        else:
            self.start_title.setText("All caught up")
            self.start_counts.setText(f"Tomorrow: {counts_line(tomorrow(bank, self.sr, plan))}{started}")
        self.plan_line.setText(plan_line(plan, today.pace))
        self.start_button.setEnabled(today.total > 0)
        self.start_hint.setText(START_HINT if today.total else NOTHING_DUE_HINT)
        self.due_list.clear()
        per_cat = Counter(q.category for q in map(bank.get, today.deck) if q is not None)
        for cat in bank.categories:
            n = per_cat.get(cat.id, 0)
            self.due_list.addItem(category_item(cat.title, n, cat.id, f"{cat.title}: {n} to study today"))

    def restyle(self) -> None:
        """The settings may have changed elsewhere (the Settings dialog): show them without saving again."""
        for widget, value in ((self.new_limit, self.ctx.prefs.get(NEW_PER_DAY)),
                              (self.retention, self.sr.desired_retention)):
            widget.blockSignals(True)
            widget.setValue(value)  # type: ignore[arg-type]  # an int for the spin box, a float for retention
            widget.blockSignals(False)
        self.pass_fail_box.blockSignals(True)
        self.pass_fail_box.setChecked(self.ctx.prefs.get(PASS_FAIL_GRADING))
        self.pass_fail_box.blockSignals(False)

    def _show_custom(self, on: bool) -> None:
        self.custom_panel.setVisible(on)
        if on:  # the builder just opened below the buttons: bring it into view
            QTimer.singleShot(0, lambda: self._area.ensureWidgetVisible(self.custom_panel, 0, 0))

    def _fit_margins(self, width: int) -> None:
        """Generous margins in a wide window; in a narrow one the room goes to the text."""
        side = 48 if width >= 700 else 20
        self._main_layout.setContentsMargins(side, 40 if width >= 700 else 20, side, 24)

    # ------------------------------------------------------------------ settings

    def _on_new_limit(self, value: int) -> None:
        self.ctx.prefs.set(NEW_PER_DAY, value)
        self.new_limit_changed.emit()

    def _on_retention(self, value: float) -> None:
        self.ctx.prefs.set(RETENTION, round(value, 2))
        self.sr.set_retention(round(value, 2))


def plan_line(plan: StudyPlan, pace: Pace) -> str:
    """One line on the plan in force, and where to change it."""
    if pace.interview_day is None:
        passed = plan.interview_day is not None and plan.interview_day < pace.today  # as Progress says too
        return (f"Plan: {plan.focus_title.lower() if plan.focus == 'balanced' else plan.focus_title}, "
                f"{pace.daily_new} new a day. "
                + ("Your interview date has passed: set the next one in Progress (Ctrl+4)." if passed
                   else "Set your interview date in Progress (Ctrl+4)."))
    when = f"{short_date(pace.interview_day)} ({days_to_go(pace.days_left)})"
    line = f"Plan: {plan.focus_title}, interview {when}, {pace.daily_new} new a day"
    if pace.raise_to is not None:
        line += f" (it needs {pace.raise_to}: raise your limit in Progress)"
    elif pace.days_left and not pace.spaced:
        line += " (too close to the day to review everything: study what matters most)"
    elif pace.needed > pace.cap:
        line += f" (it needs {pace.needed}, more than a day can take: study what matters most)"
    return line + "."
