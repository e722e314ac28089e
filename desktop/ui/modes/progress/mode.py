"""Progress: where you stand, at a glance, and what to do next. Every figure has a plain-words label,
and every count of today's study comes from desktop.core.today, as in Quiz and the status bar."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QListWidget, QPushButton, QVBoxLayout, QWidget

from desktop.core import progress
from desktop.core.note_store import UserData
from desktop.core.study_plan import StudyPlan, days_to_go
from desktop.core.today import category_study, counts_line, due_by_day, stored_cards, todays_study
from desktop.ui.context import AppContext
from desktop.ui.modes.progress.cards import card, tile
from desktop.ui.modes.progress.next_card import ROWS, NextCard
from desktop.ui.modes.progress.plan_card import PlanCard
from desktop.ui.widgets import two_line_list as two_line
from desktop.ui.widgets.charts import BarList, Columns, Heatmap, ScoreLine
from desktop.ui.widgets.on_resize import OnResize
from desktop.ui.widgets.scrolling import scrolling

TWO_COLUMNS_FROM = 880  # px of page width: below it, cards stack in one column
WEAKEST = 5


class ProgressMode:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self._weakest: list[str] = []
        self._scored: object = None  # the interview list the score chart was last drawn from
        self._build()
        self.refresh_action = QAction("Refresh", self.scroll)
        self.refresh_action.setShortcut(QKeySequence("F5"))
        self.refresh_action.triggered.connect(lambda _c=False: self.refresh())
        self.drill_action = QAction("Drill the weakest questions", self.scroll)
        self.drill_action.setShortcut(QKeySequence("Ctrl+Shift+D"))
        self.drill_action.triggered.connect(lambda _c=False: self.drill())
        ctx.day_watch.follow(self.scroll, self.refresh)  # left open past midnight: the new day's figures

    def _build(self) -> None:
        self._resize_watcher = OnResize(self._fit_width)
        page = QWidget()
        page.setObjectName("progressMode")
        outer = QVBoxLayout(page)
        outer.setContentsMargins(24, 18, 24, 18)
        self._page_margins = outer.contentsMargins()
        outer.setSpacing(14)

        tiles = QHBoxLayout()
        w, self.today_value, self.today_caption = tile("0", "to study today")
        tiles.addWidget(w, 3, Qt.AlignmentFlag.AlignTop)
        w, self.streak_value, _ = tile("0", "days in a row")
        tiles.addWidget(w, 2, Qt.AlignmentFlag.AlignTop)
        w, self.studied_value, self.studied_caption = tile("0", "questions studied")
        tiles.addWidget(w, 2, Qt.AlignmentFlag.AlignTop)
        w, self.countdown_value, self.countdown_caption = tile("–", "no interview date yet")
        tiles.addWidget(w, 2, Qt.AlignmentFlag.AlignTop)
        outer.addLayout(tiles)

        self.grid = grid = QGridLayout()
        grid.setSpacing(14)
        today = lambda: self.ctx.scheduler.clock().astimezone().date()  # noqa: E731
        self.plan_card = PlanCard(self.ctx.prefs, self.ctx.bank, today)
        self.plan_card.changed.connect(self.refresh)
        self.next_card = NextCard()
        self.next_card.study_requested.connect(self.study_category)
        self.readiness = BarList()
        readiness, _ = card("Readiness by category",
                            "The average chance you would recall a category's questions if asked tomorrow. "
                            "Questions you have not studied count as zero.", self.readiness)
        self.heatmap = Heatmap(26)
        calendar, _ = card("Study calendar", "Each square is a day; darker means more reviews and interview "
                           "questions. The last 26 weeks.", self.heatmap)
        self.due_chart = Columns("Nothing due in these 14 days. Questions you study in Quiz come back here.")
        due, _ = card("Due in the next 14 days", "Reviews that Quiz will ask for each day, learning steps "
                      "included. Overdue ones count as today.", self.due_chart)
        self.scores = ScoreLine()
        scores, _ = card("Mock interview scores", "Your average self-score (1 to 5) in each reviewed interview, "
                         "oldest on the left.", self.scores)
        self.weak_list = QListWidget()
        self.weak_list.setObjectName("weakestList")
        self.weak_list.setAccessibleName("Your weakest questions")
        self.weak_list.setItemDelegate(two_line.TwoLineDelegate(self.weak_list))
        self.weak_list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.weak_list.itemActivated.connect(self._open_weak)
        self.drill_button = QPushButton("Drill these in Quiz")
        self.drill_button.setObjectName("primaryButton")
        self.drill_button.clicked.connect(self.drill)
        weakest, v = card("Your weakest questions", "Among questions reviewed at least twice or failed: the least "
                          "likely to be recalled tomorrow. Enter or a double-click opens one.", self.weak_list)
        row = QHBoxLayout()
        row.addWidget(self.drill_button)
        row.addStretch(1)
        v.insertLayout(v.count() - 1, row)
        # in reading order, for one column: what to act on first
        self._cards: list[QWidget] = [self.plan_card, self.next_card, weakest, readiness, due, calendar, scores]
        self._columns = 0
        self._arrange(2)
        outer.addLayout(grid)
        outer.addStretch(1)

        self.scroll = scrolling(page)
        self.scroll.viewport().installEventFilter(self._resize_watcher)

    def _fit_width(self, width: int) -> None:
        """Two columns of cards when there is room; one, in reading order, in a narrow window."""
        self._arrange(2 if width >= TWO_COLUMNS_FROM else 1)
        m = self._page_margins
        room = width - m.left() - m.right()
        self.plan_card.fit_width((room - self.grid.horizontalSpacing()) // 2 if self._columns == 2 else room)

    def _arrange(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        for c in self._cards:
            self.grid.removeWidget(c)
        plan, nxt, weakest, readiness, due, calendar, scores = self._cards
        if columns == 2:
            for c, spot in ((plan, (0, 0, 1, 1)), (nxt, (0, 1, 1, 1)), (readiness, (1, 0, 2, 1)),
                            (weakest, (1, 1, 1, 1)), (due, (2, 1, 1, 1)), (calendar, (3, 0, 1, 1)),
                            (scores, (3, 1, 1, 1))):
                self.grid.addWidget(c, *spot)
            self.grid.setColumnStretch(1, 1)
        else:
            for r, c in enumerate(self._cards):
                self.grid.addWidget(c, r, 0)
            self.grid.setColumnStretch(1, 0)
        self.grid.setColumnStretch(0, 1)

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
        self._fit_width(self.scroll.viewport().width())  # the text size may have changed what fits
        self.refresh()  # the plan or the daily limit may have changed too

    def reload_user_data(self, _restored: UserData | None) -> None:
        self.refresh()

    def edit_plan(self) -> None:
        """Open the category weights and bring the plan into view."""
        self.plan_card.open_weights()
        self.scroll.ensureWidgetVisible(self.plan_card.weights_button)

    # -------------------------------------------------------------------- data

    def refresh(self) -> None:
        bank, sr, store, record = self.ctx.bank, self.ctx.scheduler, self.ctx.store, self.ctx.study_record
        now = sr.clock()
        day = now.astimezone().date()
        plan = StudyPlan.load(self.ctx.prefs)
        cards = stored_cards(bank, sr, record)  # parsed once, kept between openings, shared by every figure
        today = todays_study(bank, sr, plan, now, cards)
        self.today_value.setText(str(today.total))
        self.today_caption.setText(f"to study today: {counts_line(today)}")
        self.plan_card.show_plan(plan, today)
        pace = today.pace
        self.countdown_value.setText(str(pace.days_left) if pace.interview_day else "–")
        if pace.interview_day is None:
            self.countdown_caption.setText("no interview date yet")
        else:  # "1 day to go", under its number
            self.countdown_caption.setText(days_to_go(pace.days_left).removeprefix(f"{pace.days_left} ")
                                           if pace.days_left else "the interview is today")
        ready = progress.readiness_by_category(bank, sr, now, cards)
        self.readiness.set_rows([(r.title, r.readiness, f"{r.readiness:.0%}") for r in ready])
        self.next_card.show_steps(progress.what_next(bank, sr, plan, ROWS, now, ready),
                                  focus_empty=today.pace.covered == 0)
        days = progress.study_days(store, record)
        self.heatmap.set_counts(days, day)
        self.streak_value.setText(str(progress.streak(days, day)))
        due = due_by_day(bank, sr, plan, 14, now, cards, today)
        self.due_chart.set_bars([("today" if i == 0 else str(d.day), n) for i, (d, n) in enumerate(due)])
        studied = sum(r.studied for r in ready)
        self.studied_value.setText(str(studied))
        self.studied_caption.setText(f"of {len(bank.questions)} questions studied")
        if record.interviews() is not self._scored:  # the same list until an interview changes: 500 dates a year
            self._scored = record.interviews()
            scores = progress.interview_scores(store, record)
            self.scores.set_points([(f"{t.astimezone():%d %b}", s) for t, s in scores])
        self._show_weakest(now, cards)

    def _show_weakest(self, now, cards) -> None:
        bank = self.ctx.bank
        weakest = progress.weakest(bank, self.ctx.scheduler, WEAKEST, now, cards, self.ctx.study_record)
        self._weakest = [w.question_id for w in weakest]
        self.weak_list.clear()
        for w in weakest:
            q = bank.get(w.question_id)
            cat = bank.category(q.category) if q else None
            evidence = f"failed {w.lapses}×" if w.lapses else f"reviewed {w.reviews}×"
            self.weak_list.addItem(two_line.item(q.title if q else w.question_id,
                                                 f"{cat.title if cat else ''} · {evidence} · "
                                                 f"{w.chance:.0%} chance to recall tomorrow", w.question_id))
        if not weakest:
            self.weak_list.addItem(two_line.item("Nothing to show yet",
                                                 "A question appears here once it is reviewed twice or failed"))
        self.weak_list.setFixedHeight(WEAKEST * self.weak_list.sizeHintForRow(0) + 6)  # no scrolling
        self.drill_button.setEnabled(bool(weakest))
        self.drill_action.setEnabled(bool(weakest))

    # ----------------------------------------------------------------- actions

    def study_category(self, category: str) -> None:
        bank, sr = self.ctx.bank, self.ctx.scheduler
        ids = category_study(bank, sr, StudyPlan.load(self.ctx.prefs), category)
        title = bank.category(category).title if bank.category(category) else category  # type: ignore[union-attr]
        if not ids:
            self.ctx.status(f"Nothing left to study in {title} today")
        elif self.ctx.drill is not None:
            self.ctx.drill(ids, f"Study: {title}")

    def drill(self) -> None:
        if self._weakest and self.ctx.drill is not None:
            self.ctx.drill(list(self._weakest), "Drill")

    def _open_weak(self, item) -> None:
        qid = item.data(Qt.ItemDataRole.UserRole)
        if qid and self.ctx.open_question is not None:
            self.ctx.open_question(str(qid))
