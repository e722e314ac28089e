"""Progress: where you stand, at a glance. Every figure has a plain-words label."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core import progress
from desktop.core.settings import INTERVIEW_DATE
from desktop.core.wording import count
from desktop.ui.context import AppContext
from desktop.ui.widgets import two_line_list as two_line
from desktop.ui.widgets.charts import BarList, Columns, Heatmap, ScoreLine
from desktop.ui.widgets.on_resize import OnResize
from desktop.ui.widgets.scrolling import scrolling


def _card(title: str, caption: str, body: QWidget | None = None) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setObjectName("card")
    v = QVBoxLayout(frame)
    v.setContentsMargins(16, 12, 16, 14)
    v.setSpacing(4)
    heading = QLabel(title)
    font = heading.font()
    font.setWeight(font.Weight.DemiBold)
    font.setPointSizeF(font.pointSizeF() * 1.1)
    heading.setFont(font)
    explain = QLabel(caption)
    explain.setObjectName("mutedLabel")
    explain.setWordWrap(True)
    v.addWidget(heading)
    v.addWidget(explain)
    if body is not None:
        v.addSpacing(6)
        v.addWidget(body)
    v.addStretch(1)  # when the grid row is taller than the content, keep the content at the top
    return frame, v


def _tile(value: str, label: str) -> tuple[QWidget, QLabel, QLabel]:
    w = QWidget()
    v = QVBoxLayout(w)
    v.setContentsMargins(0, 0, 24, 0)
    v.setSpacing(0)
    number = QLabel(value)
    font = number.font()
    font.setPointSizeF(font.pointSizeF() * 2.0)
    font.setWeight(font.Weight.DemiBold)
    number.setFont(font)
    caption = QLabel(label)
    caption.setObjectName("mutedLabel")
    v.addWidget(number)
    v.addWidget(caption)
    return w, number, caption


TWO_COLUMNS_FROM = 880  # px of page width: below it, cards stack in one column


class ProgressMode:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self._weakest: list[str] = []
        self._build()
        self.refresh_action = QAction("Refresh", self.scroll)
        self.refresh_action.setShortcut(QKeySequence("F5"))
        self.refresh_action.triggered.connect(lambda _c=False: self.refresh())
        self.drill_action = QAction("Drill the weakest questions", self.scroll)
        self.drill_action.setShortcut(QKeySequence("Ctrl+Shift+D"))
        self.drill_action.triggered.connect(lambda _c=False: self.drill())

    def _build(self) -> None:
        self._resize_watcher = OnResize(self._fit_width)
        page = QWidget()
        page.setObjectName("progressMode")
        outer = QVBoxLayout(page)
        outer.setContentsMargins(24, 18, 24, 18)
        outer.setSpacing(14)

        tiles = QHBoxLayout()
        w, self.streak_value, _ = _tile("0", "days in a row")
        tiles.addWidget(w)
        w, self.due_value, _ = _tile("0", "reviews due today")
        tiles.addWidget(w)
        w, self.studied_value, self.studied_caption = _tile("0", "questions studied")
        tiles.addWidget(w)
        w, self.countdown_value, self.countdown_caption = _tile("–", "set your interview date →")
        tiles.addWidget(w)
        tiles.addStretch(1)
        self._date_widget = QWidget()  # beside the tiles when wide, under them when narrow
        date_box = QVBoxLayout(self._date_widget)
        date_box.setContentsMargins(0, 0, 0, 0)
        self.has_date = QCheckBox("I have an interview on")
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("ddd d MMM yyyy")
        self.date_edit.setMinimumDate(QDate.currentDate())
        saved = self.ctx.prefs.get(INTERVIEW_DATE)
        if saved:
            self.date_edit.setDate(QDate.fromString(str(saved), Qt.DateFormat.ISODate))
            self.has_date.setChecked(True)
        else:
            self.date_edit.setDate(QDate.currentDate().addDays(14))
        self.date_edit.setEnabled(self.has_date.isChecked())
        date_box.addWidget(self.has_date)
        date_box.addWidget(self.date_edit)
        self._tiles = tiles
        tiles.addWidget(self._date_widget)
        outer.addLayout(tiles)
        self._date_row = QHBoxLayout()
        self._date_row.addStretch(1)
        outer.addLayout(self._date_row)

        self.grid = grid = QGridLayout()
        grid.setSpacing(14)
        self.readiness = BarList()
        readiness, _ = _card("Readiness by category",
                             "The average chance you would recall a category's questions today. "
                             "Questions you have not studied count as zero.", self.readiness)
        self.heatmap = Heatmap(26)
        calendar, _ = _card("Study calendar", "Each square is a day; darker means more reviews and interview "
                            "questions. The last 26 weeks.", self.heatmap)
        self.due_chart = Columns()
        due, _ = _card("Due in the next 14 days", "Reviews that Quiz will ask for each day. Overdue ones count "
                       "as today.", self.due_chart)
        self.scores = ScoreLine()
        scores, _ = _card("Mock interview scores", "Your average self-score (1 to 5) in each reviewed interview, "
                          "oldest on the left.", self.scores)
        self.weak_list = QListWidget()
        self.weak_list.setObjectName("weakestList")
        self.weak_list.setItemDelegate(two_line.TwoLineDelegate(self.weak_list))
        self.weak_list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.weak_list.itemActivated.connect(self._open_weak)
        self.drill_button = QPushButton("Drill these in Quiz")
        self.drill_button.setObjectName("primaryButton")
        self.drill_button.clicked.connect(self.drill)
        card, v = _card("Your five weakest questions", "Studied questions you are least likely to recall today. "
                        "Double-click one to open it.", self.weak_list)
        row = QHBoxLayout()
        row.addWidget(self.drill_button)
        row.addStretch(1)
        v.insertLayout(v.count() - 1, row)
        self._cards = [readiness, calendar, due, scores, card]  # in reading order, for one column
        self._columns = 0
        self._arrange(2)
        outer.addLayout(grid)
        outer.addStretch(1)

        self.scroll = scrolling(page)
        self.scroll.viewport().installEventFilter(self._resize_watcher)
        self.has_date.toggled.connect(self._on_date)
        self.date_edit.dateChanged.connect(lambda _d: self._on_date(self.has_date.isChecked()))

    def _fit_width(self, width: int) -> None:
        """Two columns of cards when there is room; one, in reading order, in a narrow window."""
        self._arrange(2 if width >= TWO_COLUMNS_FROM else 1)

    def _arrange(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        for card in self._cards:
            self.grid.removeWidget(card)
        readiness, calendar, due, scores, weakest = self._cards
        if columns == 2:
            for card, spot in ((readiness, (0, 0, 2, 1)), (calendar, (0, 1, 1, 1)), (due, (1, 1, 1, 1)),
                               (scores, (2, 0, 1, 1)), (weakest, (2, 1, 1, 1))):
                self.grid.addWidget(card, *spot)
            self.grid.setColumnStretch(1, 1)
            self._date_row.removeWidget(self._date_widget)
            self._tiles.addWidget(self._date_widget)
        else:
            for row, card in enumerate((readiness, weakest, due, calendar, scores)):  # what to act on first
                self.grid.addWidget(card, row, 0)
            self.grid.setColumnStretch(1, 0)
            self._tiles.removeWidget(self._date_widget)
            self._date_row.insertWidget(0, self._date_widget)
        self.grid.setColumnStretch(0, 1)
        if not self.has_date.isChecked():
            self.countdown_caption.setText(f"set your interview date {'→' if columns == 2 else '↓'}")

    # --------------------------------------------------------------- interface

    def widget(self) -> QWidget:
        return self.scroll

    def actions(self) -> list[QAction]:
        return [self.refresh_action, self.drill_action]

    def activate(self) -> None:
        self.refresh()

    def deactivate(self) -> None:
        pass

    def unsaved(self) -> dict[str, str]:
        return {}

    def restyle(self) -> None:
        for w in (self.readiness, self.heatmap, self.due_chart, self.scores):
            w.update()

    def reload_user_data(self) -> None:
        self.refresh()

    # -------------------------------------------------------------------- data

    def refresh(self) -> None:
        bank, sr, store = self.ctx.bank, self.ctx.scheduler, self.ctx.store
        now = sr.clock()
        today = now.astimezone().date()
        ready = progress.readiness_by_category(bank, sr, now)
        self.readiness.set_rows([(r.title, r.readiness, f"{r.readiness:.0%}") for r in ready])
        days = progress.study_days(store)
        self.heatmap.set_counts(days, today)
        self.streak_value.setText(str(progress.streak(days, today)))
        due = progress.due_per_day(sr, 14, now)
        self.due_value.setText(str(due[0][1]))
        self.due_chart.set_bars([("today" if i == 0 else str(d.day), n) for i, (d, n) in enumerate(due)])
        studied = sum(r.studied for r in ready)
        self.studied_value.setText(str(studied))
        self.studied_caption.setText(f"of {len(bank.questions)} questions studied")
        self.scores.set_points([(f"{t.astimezone():%d %b}", s) for t, s in progress.interview_scores(store)])
        self._weakest = progress.weakest_questions(bank, sr, 5, now)
        self.weak_list.clear()
        for qid in self._weakest:
            q = bank.get(qid)
            r = sr.retrievability(qid, now)
            cat = bank.category(q.category) if q else None
            self.weak_list.addItem(two_line.item(q.title if q else qid,
                                                 f"{cat.title if cat else ''} · {r or 0:.0%} chance to recall today",
                                                 qid))
        if not self._weakest:
            self.weak_list.addItem(two_line.item("Nothing to show yet", "Study a few questions in Quiz first"))
        self.weak_list.setFixedHeight(5 * self.weak_list.sizeHintForRow(0) + 6)  # five rows, no scrolling
        self.drill_button.setEnabled(bool(self._weakest))
        self.drill_action.setEnabled(bool(self._weakest))
        self._show_plan(today)

    def _show_plan(self, today: date) -> None:
        if not self.has_date.isChecked():
            self.countdown_value.setText("–")
            self.countdown_caption.setText(f"set your interview date {'→' if self._columns == 2 else '↓'}")
            return
        qd = self.date_edit.date()
        plan = progress.plan_for(date(qd.year(), qd.month(), qd.day()), self.ctx.bank, self.ctx.scheduler)
        self.countdown_value.setText(str(plan.days_left))
        if plan.days_left == 0:
            self.countdown_caption.setText("It's today. Good luck!")
        else:
            self.countdown_caption.setText(
                f"days to go · {plan.per_day} a day covers everything ({plan.to_learn} new, "
                f"{count(plan.reviews_due, 'review')})")

    def _on_date(self, on: bool) -> None:
        self.date_edit.setEnabled(on)
        self.ctx.prefs.set(INTERVIEW_DATE, self.date_edit.date().toString(Qt.DateFormat.ISODate) if on else "")
        self._show_plan(self.ctx.scheduler.clock().astimezone().date())

    def drill(self) -> None:
        if self._weakest and self.ctx.drill is not None:
            self.ctx.drill(list(self._weakest))

    def _open_weak(self, item) -> None:
        qid = item.data(Qt.ItemDataRole.UserRole)
        if qid and self.ctx.open_question is not None:
            self.ctx.open_question(str(qid))
