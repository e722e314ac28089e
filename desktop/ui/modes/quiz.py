"""Quiz: spaced-repetition self-testing, entirely by keyboard.

Start page (Enter: today's study) → question alone → Space reveals the answer and
its key points as a checklist (a–f tick) → the ticks suggest a grade, Enter accepts
it or 1–4 override → next … → a summary. Ctrl+Z takes back the last grade exactly.
"""

from __future__ import annotations

import time
from collections import Counter
from datetime import timedelta

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.quiz import CustomDeck, Phase, QuizSession, custom_deck, new_only, suggest_grade, todays_study
from desktop.core.scheduler import Grade, describe_interval
from desktop.core.settings import NEW_PER_DAY, RETENTION
from desktop.core.settings import PASS_FAIL as PASS_FAIL_GRADING
from desktop.core.store import StoreWriteError
from desktop.ui import theme
from desktop.ui.actions import TICK_KEYS, action, tick_range
from desktop.ui.context import AppContext
from desktop.ui.widgets.category_checklist import CategoryChecklist
from desktop.ui.widgets.category_list import COUNT_ROLE, category_panel
from desktop.ui.widgets.labels import heading, muted
from desktop.ui.widgets.note_editor import NoteEditor
from desktop.ui.widgets.question_view import QuestionView

PASS_FAIL = {Grade.AGAIN: "Fail", Grade.GOOD: "Pass"}


class QuizMode:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self.sr = ctx.scheduler
        self.session: QuizSession | None = None
        self._boxes: list[QCheckBox] = []
        self._suggested = Grade.GOOD
        self._build()
        self._build_actions()
        self.show_start()

    # ------------------------------------------------------------------ settings

    @property
    def pass_fail(self) -> bool:
        return self.ctx.prefs.get(PASS_FAIL_GRADING)

    @property
    def new_per_day(self) -> int:
        return self.ctx.prefs.get(NEW_PER_DAY)

    # ------------------------------------------------------------------ building

    def _build(self) -> None:
        self.pages = QStackedWidget()
        self.pages.setObjectName("quizMode")
        # The page itself holds the keyboard focus during a quiz, so letters and digits reach
        # the shortcuts instead of a text view (the note editor still takes them when focused).
        self.pages.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.pages.addWidget(self._build_start())
        self.pages.addWidget(self._build_card())
        self.pages.addWidget(self._build_summary())

    def _build_start(self) -> QWidget:
        page = QWidget()
        split = QSplitter(Qt.Orientation.Horizontal, page)
        split.setChildrenCollapsible(False)

        side, self.due_list = category_panel("Due by category")
        self.due_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # read-only counts: keys stay with the quiz

        main = QWidget()
        mv = QVBoxLayout(main)
        mv.setContentsMargins(48, 40, 48, 24)
        mv.setSpacing(10)
        self.start_title = heading("Today's study", 1.8)
        self.start_counts = muted()
        self.start_button = QPushButton("Start today's study")
        self.start_button.setObjectName("primaryButton")
        self.start_button.setDefault(True)
        self.start_hint = muted("Press Enter to start. Space reveals, a–f tick key points, "
                                 "1–4 grade, Enter accepts the suggested grade, Ctrl+Z undoes.")
        self.new_button = QPushButton("New questions only")
        self.custom_button = QPushButton("Custom quiz")
        self.custom_button.setCheckable(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.custom_button)
        buttons.addStretch(1)

        self.custom_panel = self._build_custom()
        self.custom_panel.setVisible(False)

        settings = QFrame()
        settings.setObjectName("card")
        settings.setMaximumWidth(520)
        form = QFormLayout(settings)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.new_limit = QSpinBox()
        self.new_limit.setRange(int(NEW_PER_DAY.low or 0), int(NEW_PER_DAY.high or 0))
        self.new_limit.setValue(self.new_per_day)
        self.new_limit.setSuffix(" a day")
        self.retention = QDoubleSpinBox()
        self.retention.setRange(RETENTION.low or 0, RETENTION.high or 1)
        self.retention.setSingleStep(0.01)
        self.retention.setDecimals(2)
        self.retention.setValue(self.sr.desired_retention)
        self.retention.setToolTip("The chance of recalling a question when it comes back. "
                                  "Higher means more frequent reviews.")
        self.pass_fail_box = QCheckBox("Grade with two buttons: Pass / Fail")
        self.pass_fail_box.setChecked(self.pass_fail)
        form.addRow("New questions", self.new_limit)
        form.addRow("Desired retention", self.retention)
        form.addRow("", self.pass_fail_box)

        mv.addWidget(self.start_title)
        mv.addWidget(self.start_counts)
        mv.addSpacing(8)
        mv.addLayout(buttons)
        mv.addWidget(self.start_hint)
        mv.addWidget(self.custom_panel)
        mv.addStretch(1)
        mv.addWidget(muted("Settings"))
        mv.addWidget(settings)

        split.addWidget(side)
        split.addWidget(main)
        split.setSizes([250, 900])
        split.setStretchFactor(1, 1)
        outer = QVBoxLayout(page)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(split)

        self.start_button.clicked.connect(self.start_today)
        self.new_button.clicked.connect(self.start_new_only)
        self.custom_button.toggled.connect(self.custom_panel.setVisible)
        self.new_limit.valueChanged.connect(self._on_new_limit)
        self.retention.valueChanged.connect(self._on_retention)
        self.pass_fail_box.toggled.connect(lambda on: self.ctx.prefs.set(PASS_FAIL_GRADING, on))
        return page

    def _build_custom(self) -> QWidget:
        panel = QFrame()
        panel.setObjectName("card")
        grid = QGridLayout(panel)
        self.custom_categories = CategoryChecklist(self.ctx.bank.categories, 180)
        self.custom_difficulty = {d: QCheckBox(d.capitalize()) for d in ("easy", "medium", "hard")}
        self.custom_bookmarked = QCheckBox("Bookmarked only")
        self.custom_noted = QCheckBox("With my notes only")
        self.custom_count = QSpinBox()
        self.custom_count.setRange(1, 500)
        self.custom_count.setValue(20)
        self.custom_shuffle = QCheckBox("Shuffle")
        self.custom_shuffle.setChecked(True)
        self.custom_start = QPushButton("Start custom quiz")
        grid.addWidget(muted("Categories (none ticked: all)"), 0, 0)
        grid.addWidget(self.custom_categories, 1, 0, 6, 1)
        grid.addWidget(muted("Difficulty (none ticked: all)"), 0, 1)
        for row, box in enumerate(self.custom_difficulty.values(), start=1):
            grid.addWidget(box, row, 1)
        grid.addWidget(self.custom_bookmarked, 4, 1)
        grid.addWidget(self.custom_noted, 5, 1)
        count_row = QHBoxLayout()
        count_row.addWidget(QLabel("Questions"))
        count_row.addWidget(self.custom_count)
        count_row.addWidget(self.custom_shuffle)
        count_row.addStretch(1)
        grid.addLayout(count_row, 7, 0)
        grid.addWidget(self.custom_start, 7, 1)
        self.custom_start.clicked.connect(self.start_custom)
        return panel

    def _build_card(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        v.setContentsMargins(16, 10, 16, 10)
        v.setSpacing(8)
        top = QHBoxLayout()
        self.progress = muted()
        self.stopwatch = muted()
        self.stopwatch.setObjectName("stopwatch")
        top.addWidget(self.progress, 1)
        top.addWidget(self.stopwatch)
        self.view = QuestionView()
        self.view.reveal_requested.connect(self.reveal)

        self.checklist = QFrame()
        self.checklist.setObjectName("card")
        self.checklist_layout = QVBoxLayout(self.checklist)
        self.checklist_layout.setContentsMargins(12, 8, 12, 8)
        self.checklist_title = QLabel("Which key points did you recall?  (a–f to tick)")
        self.checklist_title.setObjectName("sectionLabel")

        self.reveal_button = QPushButton("Show answer   Space")
        self.reveal_button.setObjectName("primaryButton")
        self.reveal_button.clicked.connect(self.reveal)
        self.grade_buttons: dict[Grade, QPushButton] = {}
        grades = QHBoxLayout()
        grades.setSpacing(8)
        for grade in Grade:
            button = QPushButton()
            button.setObjectName("gradeButton")
            button.setMinimumHeight(48)
            button.clicked.connect(lambda _=False, g=grade: self.grade(g))
            grades.addWidget(button, 1)
            self.grade_buttons[grade] = button
        self.grade_row = QWidget()
        self.grade_row.setLayout(grades)
        grades.setContentsMargins(0, 0, 0, 0)

        self.notes = NoteEditor(self.ctx.store)
        self.notes.saved.connect(lambda qid, text: self.ctx.index.set_note(qid, text))
        self.notes.save_failed.connect(self.ctx.status)

        self.card_split = QSplitter(Qt.Orientation.Vertical)
        self.card_split.setChildrenCollapsible(False)
        upper = QWidget()
        uv = QVBoxLayout(upper)
        uv.setContentsMargins(0, 0, 0, 0)
        uv.addWidget(self.view, 1)
        uv.addWidget(self.checklist)
        self.card_split.addWidget(upper)
        self.card_split.addWidget(self.notes)
        self.card_split.setSizes([560, 160])

        v.addLayout(top)
        v.addWidget(self.card_split, 1)
        v.addWidget(self.reveal_button)
        v.addWidget(self.grade_row)

        self._tick = QTimer(page, interval=1000)
        self._tick.timeout.connect(self._update_stopwatch)
        return page

    def _build_summary(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
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
        self.drill_button.clicked.connect(self.drill_again)
        self.back_button = QPushButton("Back to start")
        self.back_button.clicked.connect(self.show_start)
        buttons.addWidget(self.drill_button)
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        v.addLayout(buttons)
        v.addStretch(1)
        return page

    def _build_actions(self) -> None:
        parent = self.pages
        self.start_action = action(parent, "Start today's study", ["Return", "Enter"], self._on_enter)
        self.reveal_action = action(parent, "Reveal answer", "Space", self.reveal)
        self.grade_actions = [action(parent, f"Grade {g.label}", str(int(g)), lambda g=g: self._grade_key(g))
                              for g in Grade]
        self.tick_actions = [action(parent, f"Tick key point {k}", k.upper(), lambda i=i: self.toggle_point(i))
                             for i, k in enumerate(TICK_KEYS)]
        self.undo_action = action(parent, "Undo last grade", "Ctrl+Z", self.undo)
        self.end_action = action(parent, "End session", "Escape", self.end_session)
        self.note_action = action(parent, "Edit my note", "Ctrl+E", self.notes.focus_editor)

    # --------------------------------------------------------------- interface

    def widget(self) -> QWidget:
        return self.pages

    def actions(self) -> list[QAction]:
        return [self.start_action, self.reveal_action, *self.grade_actions, *self.tick_actions,
                self.undo_action, self.end_action, self.note_action]

    def activate(self) -> None:
        if self.session is None:
            self.show_start()
        self._sync_actions()

    def deactivate(self) -> None:
        self.notes.flush()

    def unsaved(self) -> dict[str, str]:
        return self.notes.unsaved()

    def restyle(self) -> None:
        for widget, value in ((self.new_limit, self.new_per_day), (self.retention, self.sr.desired_retention)):
            widget.blockSignals(True)
            widget.setValue(value)
            widget.blockSignals(False)
        self.pass_fail_box.blockSignals(True)
        self.pass_fail_box.setChecked(self.pass_fail)
        self.pass_fail_box.blockSignals(False)
        self.view.restyle()
        self.notes.restyle()
        if self.session is not None and self.session.phase is Phase.REVEALED:
            self._update_grades()
        self._style_grades()

    def reload_user_data(self) -> None:
        self.notes.reload()
        if self.session is None:
            self.show_start()

    # ------------------------------------------------------------------ flow

    def show_start(self) -> None:
        self.notes.flush()
        self.session = None
        self._tick.stop()
        bank = self.ctx.bank
        due = set(self.sr.due())
        new_today = todays_study(bank, self.sr, self.new_per_day)
        fresh = [q for q in new_today if q not in due]
        self.start_counts.setText(
            f"{len(due & {q.id for q in bank.questions})} due for review · {len(fresh)} new · "
            f"{self.sr.new_seen_today()} new seen today")
        total = len(new_today)
        self.start_button.setEnabled(total > 0)
        self.start_title.setText("Today's study" if total else "All caught up")
        self.due_list.clear()
        per_cat = Counter(q.category for q in bank.questions if q.id in due)
        for cat in bank.categories:
            item = QListWidgetItem(f"{cat.title}")
            item.setData(COUNT_ROLE, per_cat.get(cat.id, 0))
            self.due_list.addItem(item)
        self.pages.setCurrentIndex(0)
        self._sync_actions()

    def start_today(self) -> None:
        self._start(todays_study(self.ctx.bank, self.sr, self.new_per_day), "Today's study")

    def start_new_only(self) -> None:
        self._start(new_only(self.ctx.bank, self.sr, max(1, self.new_limit.value())), "New questions")

    def start_custom(self) -> None:
        deck = CustomDeck(
            categories=set(self.custom_categories.checked()),
            difficulties={d for d, box in self.custom_difficulty.items() if box.isChecked()},
            bookmarked_only=self.custom_bookmarked.isChecked(),
            with_notes_only=self.custom_noted.isChecked(),
            count=self.custom_count.value(),
            shuffle=self.custom_shuffle.isChecked(),
        )
        ids = custom_deck(self.ctx.bank, deck, self.ctx.store.bookmarks(), set(self.ctx.store.notes()))
        if not ids:
            self.ctx.status("No question matches those choices")
            return
        self._start(ids, "Custom quiz")

    def start_drill(self, question_ids: list[str]) -> None:
        """A session on exactly these questions (from Progress's weakest, or a summary's misses)."""
        self._start(list(question_ids), "Drill")

    def drill_again(self) -> None:
        if self.session is not None:
            again = self.session.summary(self.ctx.bank).again_ids
            if again:
                self.start_drill(again)

    def _start(self, ids: list[str], label: str) -> None:
        if not ids:
            self.ctx.status("Nothing to study right now")
            return
        self.session = QuizSession(ids, self.sr)
        self._label = label
        self.pages.setCurrentIndex(1)
        self._tick.start()
        self._show_card()

    def reveal(self) -> None:
        if self.session is None or self.session.phase is not Phase.QUESTION:
            return
        self.session.reveal()
        self._show_card()

    def toggle_point(self, index: int) -> None:
        if self.session is None or self.session.phase is not Phase.REVEALED or index >= len(self._boxes):
            return
        box = self._boxes[index]
        box.setChecked(not box.isChecked())

    def grade(self, grade: Grade) -> None:
        if self.session is None or self.session.phase is not Phase.REVEALED:
            return
        self.notes.flush()
        try:
            self.session.grade(grade)
        except StoreWriteError as exc:
            self.ctx.status(f"Could not save the grade ({exc}); nothing was recorded. Try again.")
            return
        self.ctx.status(f"{grade.label}: back in {describe_interval(self._last_due_delta())}")
        if self.session.phase is Phase.FINISHED:
            self._show_summary()
        else:
            self._show_card()

    def undo(self) -> None:
        if self.session is None:
            return
        qid = self.session.undo()
        if qid is None:
            self.ctx.status("Nothing to undo")
            return
        self.pages.setCurrentIndex(1)
        self._tick.start()
        self._show_card()
        self.ctx.status("Last grade undone")

    def end_session(self) -> None:
        if self.session is None:
            return
        if self.session.results:
            self._show_summary()
        else:
            self.show_start()

    # --------------------------------------------------------------- display

    def _show_card(self) -> None:
        s = self.session
        assert s is not None and s.current is not None
        q = self.ctx.bank.get(s.current)
        assert q is not None
        revealed = s.phase is Phase.REVEALED
        title = self.ctx.bank.category(q.category)
        self.progress.setText(f"{self._label} · {s.index + 1} of {len(s.question_ids)} · "
                              f"{'new' if self.sr.is_new(q.id) else 'review'}")
        self.view.show_question(q, title.title if title else "", revealed, key_points=False)
        self._fill_checklist(q.key_points if revealed else ())
        self.checklist.setVisible(revealed)
        self.notes.setVisible(revealed)
        self.notes.set_question(q.id if revealed else None)
        self.reveal_button.setVisible(not revealed)
        self.grade_row.setVisible(revealed)
        if revealed:
            self._update_grades()
        self._update_stopwatch()
        self._sync_actions()
        if not self.notes.edit.hasFocus():
            self.pages.setFocus(Qt.FocusReason.OtherFocusReason)

    def _fill_checklist(self, points: tuple[str, ...]) -> None:
        while self.checklist_layout.count():
            item = self.checklist_layout.takeAt(0)
            if item.widget() is not None and item.widget() is not self.checklist_title:
                item.widget().deleteLater()
        self.checklist_title.setText(f"Which key points did you recall?  ({tick_range(len(points))} to tick)")
        self.checklist_layout.addWidget(self.checklist_title)
        self._boxes = []
        for i, point in enumerate(points[: len(TICK_KEYS)]):
            box = QCheckBox(f"{TICK_KEYS[i]}   {point}")
            box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            box.toggled.connect(lambda _on: self._update_grades())
            self.checklist_layout.addWidget(box)
            self._boxes.append(box)

    def _update_grades(self) -> None:
        s = self.session
        if s is None or s.current is None:
            return
        ticked = sum(b.isChecked() for b in self._boxes)
        suggested = suggest_grade(ticked, len(self._boxes))
        if self.pass_fail:
            suggested = Grade.GOOD if suggested is not Grade.AGAIN else Grade.AGAIN
        self._suggested = suggested
        preview = self.sr.preview(s.current)
        for grade, button in self.grade_buttons.items():
            shown = not self.pass_fail or grade in PASS_FAIL
            button.setVisible(shown)
            key = self._key_for(grade)
            name = PASS_FAIL.get(grade, grade.label) if self.pass_fail else grade.label
            button.setText(f"{key}  {name}\n{describe_interval(preview[grade])}")
            button.setProperty("suggested", grade is suggested)
        self._style_grades()

    def _style_grades(self) -> None:
        c = theme.current()
        for button in self.grade_buttons.values():
            if button.property("suggested"):
                button.setStyleSheet(f"QPushButton {{ border: 2px solid {c.accent}; border-radius: 6px; "
                                     f"background: {c.base}; font-weight: 600; }}")
            else:
                button.setStyleSheet("")

    def _key_for(self, grade: Grade) -> str:
        if self.pass_fail:
            return "1" if grade is Grade.AGAIN else "2"
        return str(int(grade))

    def _grade_key(self, grade: Grade) -> None:
        """1–4 grade; in Pass/Fail mode 1 is Fail and 2 is Pass."""
        if self.pass_fail:
            if grade in (Grade.AGAIN, Grade.HARD):
                self.grade(Grade.AGAIN if grade is Grade.AGAIN else Grade.GOOD)
            return
        self.grade(grade)

    def _on_enter(self) -> None:
        page = self.pages.currentIndex()
        focus = QApplication.focusWidget()
        if page == 0 and focus is not None and self.custom_panel.isAncestorOf(focus):
            self.start_custom()  # Enter in the custom builder starts what it describes
        elif page == 0:
            self.start_today()
        elif page == 1 and self.session is not None:
            if self.session.phase is Phase.QUESTION:
                self.reveal()
            else:
                self.grade(self._suggested)
        elif page == 2:
            self.show_start()

    def _show_summary(self) -> None:
        s = self.session
        assert s is not None
        self.notes.flush()
        self._tick.stop()
        summary = s.summary(self.ctx.bank)
        minutes, seconds = divmod(round(summary.seconds), 60)
        self.summary_values["done"].setText(str(summary.done))
        self.summary_values["recall"].setText(f"{summary.recall_rate:.0%}")
        self.summary_values["time"].setText(f"{minutes}:{seconds:02d}")
        self.summary_values["tomorrow"].setText(str(summary.due_tomorrow))
        if summary.weakest_categories:
            titles = ", ".join(
                f"{(self.ctx.bank.category(c).title if self.ctx.bank.category(c) else c)} ({rate:.0%})"
                for c, rate in summary.weakest_categories)
            self.summary_weak.setText(f"Weakest today: {titles}")
        else:
            self.summary_weak.setText("Everything recalled. Well done.")
        self.drill_button.setText(f"Drill the {len(summary.again_ids)} graded Again")
        self.drill_button.setVisible(bool(summary.again_ids))
        self.pages.setCurrentIndex(2)
        self._sync_actions()

    def _update_stopwatch(self) -> None:
        s = self.session
        if s is None or s.phase is Phase.FINISHED:
            self.stopwatch.setText("")
            return
        elapsed = int(time.monotonic() - s._shown_at)
        self.stopwatch.setText(f"Time {elapsed // 60}:{elapsed % 60:02d}")

    def _last_due_delta(self) -> timedelta:
        s = self.session
        assert s is not None and s.results
        card = self.sr.card(s.results[-1].question_id)
        assert card is not None
        return card.due - self.sr.clock()

    def _sync_actions(self) -> None:
        page = self.pages.currentIndex()
        phase = self.session.phase if self.session else None
        revealed = page == 1 and phase is Phase.REVEALED
        self.reveal_action.setEnabled(page == 1 and phase is Phase.QUESTION)
        for a in (*self.grade_actions, *self.tick_actions):
            a.setEnabled(revealed)
        self.undo_action.setEnabled(self.session is not None and bool(self.session.results))
        self.end_action.setEnabled(page == 1)
        self.note_action.setEnabled(revealed)

    def _on_new_limit(self, value: int) -> None:
        self.ctx.prefs.set(NEW_PER_DAY, value)
        if self.session is None:
            self.show_start()

    def _on_retention(self, value: float) -> None:
        self.ctx.prefs.set(RETENTION, round(value, 2))
        self.sr.set_retention(round(value, 2))
