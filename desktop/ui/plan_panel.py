"""The first-run question, as a panel at the top of the main window (never a dialog): when is the
interview, and for what role? It never takes the keyboard focus by itself, so every shortcut works
while it shows, and a user who ignores it studies with the default plan: a mix of every category at
the daily limit. Answered or put away, it does not come back; Progress keeps the plan editable."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.settings import PLAN_ASKED, Settings
from desktop.core.study_plan import StudyPlan
from desktop.ui import theme
from desktop.ui.context import AppContext
from desktop.ui.widgets.flow_layout import flow
from desktop.ui.widgets.labels import heading, muted
from desktop.ui.widgets.plan_fields import FocusChoice, InterviewDate

COMPACT_BELOW = 600  # px of window below the mode bar, at 100 % text: shorter, the panel is one line


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
        self.card = QFrame()
        self.card.setObjectName("card")
        outer.addWidget(self.card)
        v = QVBoxLayout(self.card)
        v.setContentsMargins(16, 10, 16, 10)
        v.setSpacing(6)
        self.title = heading("When is your interview, and for what role?", 1.15)
        plan = StudyPlan.load(prefs)
        self.explain = muted(
            "Quiz will bring new questions from that role's categories, easier first, paced so each gets a "
            f"review before the day. Not now: a mix of everything, {plan.cap} new a day; plan any time in "
            "Progress (Ctrl+4).")
        self.when = InterviewDate(today, focus=Qt.FocusPolicy.ClickFocus)
        self.when.set_day(plan.interview_day)
        self.focus = FocusChoice()
        self.focus.set_focus_id(plan.focus if plan.focus != "balanced" else "ml-engineer")
        self.use_button = QPushButton("&Use this plan")
        self.use_button.setObjectName("primaryButton")
        self.adjust_button = QPushButton("&Categories…")
        self.adjust_button.setToolTip("Use this plan, then weigh each category in Progress")
        self.later_button = QPushButton("&Not now")
        self.open_button = QPushButton("&Plan it…")  # a short window shows the question alone, on one line
        self.open_button.setObjectName("primaryButton")
        self.open_button.setToolTip("Set the date and the role here")
        for w in (self.focus, self.use_button, self.adjust_button, self.later_button, self.open_button):
            w.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # never the first stop of the keyboard focus
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.later_button, 0, Qt.AlignmentFlag.AlignTop)
        role = QWidget()
        r = QHBoxLayout(role)
        r.setContentsMargins(0, 0, 0, 0)
        r.addWidget(muted("as"))
        r.addWidget(self.focus)
        v.addLayout(top)
        v.addWidget(self.explain)
        # Fields and buttons on one row when they fit; in a narrow window they wrap onto the next.
        self.fields = flow(self.when, role, self.use_button, self.adjust_button)
        v.addWidget(self.fields)
        self._opened = False  # the user asked for the whole panel in a short window
        self._compact: bool | None = None
        self._host: QWidget | None = None
        self.open_button.clicked.connect(self._open)
        # However short the window, the panel keeps the height its text needs: the page below it scrolls.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.use_button.clicked.connect(self.use)
        self.adjust_button.clicked.connect(self._adjust)
        self.later_button.clicked.connect(self.later)
        self.setVisible(not prefs.get(PLAN_ASKED))
        # A plan saved elsewhere (Progress) answers the question: the panel goes rather than stay on offer
        # with its own date and role, whose "Use this plan" would replace the plan just made there.
        unsubscribe = prefs.subscribe(self._answered_elsewhere)
        self.destroyed.connect(lambda _obj=None: unsubscribe())

    # ------------------------------------------------------------- short windows

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        host = self.parentWidget()
        if host is not None and host is not self._host:
            self._host = host
            host.installEventFilter(self)
        self.fit()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self._host and event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def fit(self) -> None:
        """In a short window (or at a large text size) the panel is the question on one line, so the page
        below keeps its room; "Plan it…" opens the rest."""
        tall = self._host is None or self._host.height() >= COMPACT_BELOW * max(1.0, theme.text_scale())
        compact = not (tall or self._opened)
        if compact == self._compact:
            return
        self._compact = compact
        self.explain.setVisible(not compact)
        self.fields.setVisible(not compact)
        self.open_button.setVisible(compact)

    def _open(self) -> None:
        self._opened = True
        self.fit()

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

    def _answered_elsewhere(self, key: str) -> None:
        if key == PLAN_ASKED.key and self.prefs.get(PLAN_ASKED):
            self.hide()  # no `closed`: the keyboard focus stays in the field the plan was set with

    def _adjust(self) -> None:
        self.use()
        self.adjust_requested.emit()


def first_run_panel(ctx: AppContext, layout: QVBoxLayout, saved: Callable[[], None], adjust: Callable[[], None],
                    closed: Callable[[], None]) -> PlanPanel | None:
    """The panel, put at the top of the window's `layout`, unless the plan was answered already."""
    if ctx.prefs.get(PLAN_ASKED):
        return None
    panel = PlanPanel(ctx.prefs, lambda: ctx.store.clock().astimezone().date())
    panel.plan_saved.connect(saved)
    panel.adjust_requested.connect(adjust)
    panel.closed.connect(closed)
    layout.insertWidget(0, panel)
    return panel


class PlanHost:
    """Room above the modes for the first-run panel, and today's counts in the status bar. The panel
    is built with the first mode, once the bank is in: never before the first frame."""

    def __init__(self, window: QMainWindow, stack: QStackedWidget, ctx: AppContext) -> None:
        from desktop.ui.study_status import StudyStatus

        self.ctx, self.stack = ctx, stack
        self.panel: PlanPanel | None = None
        holder = QWidget()
        self.layout = QVBoxLayout(holder)
        self.layout.setContentsMargins(0, 0, 0, 0)
        self.layout.setSpacing(0)
        self.layout.addWidget(stack, 1)
        window.setCentralWidget(holder)
        self.status = StudyStatus(ctx)
        window.statusBar().addPermanentWidget(self.status)

    def offer(self, saved: Callable[[], None], adjust: Callable[[], None]) -> None:
        """Show the panel if the plan was never answered, and count today's study."""
        if self.panel is None:  # closed, the keys go back to the mode
            self.panel = first_run_panel(self.ctx, self.layout, saved, adjust,
                                         lambda: (self.stack.currentWidget() or self.stack).setFocus())
        self.status.refresh()  # now, not soon: in the first complete frame rather than a frame after it

    def restyle(self) -> None:
        """The text size or a setting changed: the panel may need to fold, the counts to be redrawn."""
        if self.panel is not None:
            self.panel.fit()
        self.status.refresh_soon()
