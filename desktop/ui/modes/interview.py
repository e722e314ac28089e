"""Mock interview: pick a preset, answer against the clock, then review against the model answers.

Running: the answer box has the focus from the moment a question appears; Ctrl+Enter
moves on, Ctrl+P pauses, Ctrl+Shift+Enter skips, Esc twice ends early. The clock is the
core session's deadline; the Qt timer only repaints. Every keystroke of an answer is
saved (debounced), so a crash loses nothing.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.interview import (
    PRESETS,
    InterviewSession,
    Phase,
    Plan,
    Preset,
    overall_score,
    plan_from_preset,
    score_to_grade,
    suggest_ticks,
)
from desktop.core.scheduler import Grade
from desktop.core.settings import ANSWER_S, BEEP, LEAN_WEAK, THINK_S
from desktop.core.store import StoreWriteError
from desktop.core.wording import count
from desktop.ui import theme
from desktop.ui.actions import TICK_KEYS, action, tick_range
from desktop.ui.context import AppContext
from desktop.ui.widgets import two_line_list as two_line
from desktop.ui.widgets.autosave import SaveSoon
from desktop.ui.widgets.category_checklist import CategoryChecklist
from desktop.ui.widgets.countdown import Countdown, format_clock
from desktop.ui.widgets.labels import heading, muted
from desktop.ui.widgets.note_editor import NoteEditor
from desktop.ui.widgets.question_view import QuestionView
from desktop.ui.widgets.scrolling import scrolling

CUSTOM = "custom"
RETRY_MS = 3000  # how soon an answer that could not be written is tried again
DESCRIPTIONS = {
    "phone": "6 questions on fundamentals and models · 1 min to think, 3 min to answer",
    "deep-dive": "4 hard questions with a follow-up each · 1 min to think, 6 min to answer, 1 min follow-up",
    "behavioural": "5 behavioural questions · 30 s to think, 3½ min to answer",
    "rapid": "15 questions from anywhere · 60 s each, no thinking time",
    CUSTOM: "Choose categories, difficulty, how many, the times, follow-ups and what happens at zero",
}


class InterviewMode:
    def __init__(self, ctx: AppContext, monotonic: Callable[[], float] = time.monotonic) -> None:
        self.ctx = ctx
        self.monotonic = monotonic  # the session's clock; tests inject a fake one
        self.session: InterviewSession | None = None
        self.interview_id: int | None = None
        self._pending_start: tuple[str, str, list[tuple[str, float]]] | None = None  # not yet on disk
        self._unsaved_answers: dict[int, str] = {}  # question index -> text not yet on disk
        self._shown_index = -1
        self._phase_seen: tuple[int, Phase] | None = None
        self._beeped_for: tuple[int, Phase] | None = None
        self._esc_at = 0.0
        self._review: list[dict[str, Any]] = []
        self._review_plan: dict[str, Any] = {}
        self._review_row = 0
        self._boxes: list[QCheckBox] = []
        self._build()
        self._build_actions()
        self.show_start()

    # ------------------------------------------------------------------ building

    def _build(self) -> None:
        self.pages = QStackedWidget()
        self.pages.setObjectName("interviewMode")
        self._answer_autosave = SaveSoon(self._save_answer, self.pages)
        self._answer_retry = QTimer(self.pages, singleShot=True, interval=RETRY_MS)
        self._answer_retry.timeout.connect(self._save_answer)
        self.pages.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.pages.addWidget(self._build_start())
        self.pages.addWidget(self._build_running())
        self.pages.addWidget(self._build_review())
        self._repaint_timer = QTimer(self.pages, interval=100)  # repaints only; time comes from the deadline
        self._repaint_timer.timeout.connect(self._tick)


    def _build_start(self) -> QWidget:
        page = QWidget()
        split = QSplitter(Qt.Orientation.Horizontal, page)
        split.setChildrenCollapsible(False)

        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(40, 32, 24, 16)
        lv.setSpacing(10)
        lv.addWidget(heading("Mock interview", 1.8))
        lv.addWidget(muted("Answer out loud or in the box, against the clock. The model answers stay hidden "
                            "until the end. Enter starts the selected interview."))
        self.presets = QListWidget()
        self.presets.setObjectName("presetList")
        for preset in (*PRESETS, None):
            key = preset.key if preset else CUSTOM
            title = preset.title if preset else "Custom"
            self.presets.addItem(two_line.item(title, DESCRIPTIONS[key], key))
        self.presets.setItemDelegate(two_line.TwoLineDelegate(self.presets))
        self.presets.setCurrentRow(0)
        self.presets.setFixedHeight(self.presets.sizeHintForRow(0) * self.presets.count() + 8)
        self.custom_panel = self._build_custom()
        options = QHBoxLayout()
        self.lean_weak = QCheckBox("Lean towards my weak categories")
        self.lean_weak.setChecked(self.ctx.prefs.get(LEAN_WEAK))
        self.beep = QCheckBox("Beep when time is up")
        self.beep.setChecked(self.ctx.prefs.get(BEEP))
        options.addWidget(self.lean_weak)
        options.addWidget(self.beep)
        options.addStretch(1)
        self.start_button = QPushButton("Start interview")
        self.start_button.setObjectName("primaryButton")
        row = QHBoxLayout()
        row.addWidget(self.start_button)
        row.addStretch(1)
        lv.addWidget(self.presets)
        lv.addWidget(self.custom_panel)
        lv.addLayout(options)
        lv.addLayout(row)
        lv.addStretch(1)

        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(8, 32, 16, 16)
        label = QLabel("History")
        label.setObjectName("sectionLabel")
        self.history = QListWidget()
        self.history.setObjectName("historyList")
        self.history.setItemDelegate(two_line.TwoLineDelegate(self.history))
        self.history_hint = muted("Your past interviews appear here. Double-click one to review it again.")
        rv.addWidget(label)
        rv.addWidget(self.history, 1)
        rv.addWidget(self.history_hint)

        presets_area = scrolling(left)  # a short window scrolls the presets rather than overlapping them
        presets_area.setMinimumWidth(450)  # the presets' descriptions and the two options stay readable
        split.addWidget(presets_area)
        split.addWidget(right)
        split.setSizes([760, 420])
        split.setStretchFactor(0, 1)
        outer = QVBoxLayout(page)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(split)

        self.presets.currentRowChanged.connect(lambda _r: self._on_preset())
        # Enter on the focused list arrives as `activated` (the list consumes the key, so the window's
        # Return shortcut does not also fire); a double-click starts too.
        self.presets.itemActivated.connect(lambda _i: self.start_selected())
        self.start_button.clicked.connect(self.start_selected)
        self.history.itemActivated.connect(lambda item: self.open_review(int(item.data(Qt.ItemDataRole.UserRole))))
        self.lean_weak.toggled.connect(lambda on: self.ctx.prefs.set(LEAN_WEAK, on))
        self.beep.toggled.connect(lambda on: self.ctx.prefs.set(BEEP, on))
        return page

    def _build_custom(self) -> QWidget:
        panel = QFrame()
        panel.setObjectName("card")
        grid = QGridLayout(panel)
        self.custom_categories = CategoryChecklist(self.ctx.bank.categories, 150)
        self.custom_difficulty = QComboBox()
        self.custom_difficulty.addItem("Any difficulty", ())
        for d in ("easy", "medium", "hard"):
            self.custom_difficulty.addItem(d.capitalize(), (d,))
        self.custom_count = QSpinBox()
        self.custom_count.setRange(1, 30)
        self.custom_count.setValue(5)
        self.custom_think = QSpinBox()
        self.custom_think.setRange(int(THINK_S.low or 0), int(THINK_S.high or 0))
        self.custom_think.setSingleStep(15)
        self.custom_think.setValue(self.ctx.prefs.get(THINK_S))
        self.custom_think.setSuffix(" s")
        self.custom_answer = QSpinBox()
        self.custom_answer.setRange(int(ANSWER_S.low or 0), int(ANSWER_S.high or 0))
        self.custom_answer.setSingleStep(30)
        self.custom_answer.setValue(self.ctx.prefs.get(ANSWER_S))
        self.custom_answer.setSuffix(" s")
        self.custom_follow = QCheckBox("Ask a follow-up (60 s)")
        self.custom_at_zero = QComboBox()
        self.custom_at_zero.addItem("Move on", False)
        self.custom_at_zero.addItem("Keep going in overtime", True)
        form = QFormLayout()
        form.addRow("Difficulty", self.custom_difficulty)
        form.addRow("Questions", self.custom_count)
        form.addRow("Thinking time", self.custom_think)
        form.addRow("Answer time", self.custom_answer)
        form.addRow("At zero", self.custom_at_zero)
        form.addRow("", self.custom_follow)
        grid.addWidget(muted("Categories (none ticked: all)"), 0, 0)
        grid.addWidget(self.custom_categories, 1, 0)
        grid.addLayout(form, 0, 1, 2, 1)
        panel.setVisible(False)
        return panel

    def _build_running(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        v.setContentsMargins(32, 16, 32, 16)
        v.setSpacing(8)
        top = QHBoxLayout()
        self.phase_label = heading("Thinking", 1.2)
        self.phase_label.setObjectName("phaseLabel")
        self.position_label = muted()
        self.total_clock = Countdown(13)
        self.total_clock.setToolTip("Time left in the whole interview")
        top.addWidget(self.phase_label)
        top.addSpacing(12)
        top.addWidget(self.position_label, 1)
        top.addWidget(muted("Total"))
        top.addWidget(self.total_clock)
        self.clock = Countdown(54)
        self.clock.setObjectName("bigCountdown")
        self.question_label = heading("", 1.45)
        self.question_label.setObjectName("interviewQuestion")
        self.follow_label = heading("", 1.15)
        self.follow_label.setObjectName("followUpLabel")
        self.answer = QPlainTextEdit()
        self.answer.setObjectName("interviewAnswer")
        self.answer.setPlaceholderText("Jot your thoughts while thinking, and key points while answering. "
                                       "Everything you type is saved as you go.")
        self.answer.setStyleSheet(theme.reading_style())
        self.answer.textChanged.connect(self._answer_autosave.poke)
        self.pause_banner = heading("Paused: Ctrl+P to resume", 1.2)
        self.pause_banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pause_banner.setVisible(False)
        hints = muted("Ctrl+Enter  done, next     Ctrl+P  pause     Ctrl+Shift+Enter  skip question     "
                       "Esc twice  end interview")
        hints.setAlignment(Qt.AlignmentFlag.AlignCenter)
        v.addLayout(top)
        v.addWidget(self.clock)
        v.addWidget(self.question_label)
        v.addWidget(self.follow_label)
        v.addWidget(self.pause_banner)
        v.addWidget(self.answer, 1)
        v.addWidget(hints)
        return page

    def _build_review(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        v.setContentsMargins(16, 10, 16, 10)
        head = QHBoxLayout()
        self.review_title = heading("Review", 1.3)
        self.review_title.setWordWrap(False)
        self.overall_label = heading("", 1.1)
        self.overall_label.setWordWrap(False)
        self.schedule_button = QPushButton("Schedule by score in Quiz")
        self.schedule_button.setToolTip("Low scores make the question due sooner in Quiz; high scores push it out.")
        self.back_button = QPushButton("Back to start")
        head.addWidget(self.review_title)
        head.addStretch(1)
        head.addWidget(self.overall_label)
        head.addSpacing(16)
        head.addWidget(self.schedule_button)
        head.addWidget(self.back_button)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        self.review_list = QListWidget()
        self.review_list.setObjectName("reviewList")
        self.review_list.setItemDelegate(two_line.TwoLineDelegate(self.review_list))
        body = QWidget()
        bv = QVBoxLayout(body)
        bv.setContentsMargins(0, 0, 0, 0)
        self.review_meta = muted()
        self.review_meta.setContentsMargins(12, 0, 0, 2)  # in line with the section labels beside it
        answers = QSplitter(Qt.Orientation.Horizontal)
        mine = QWidget()
        mv = QVBoxLayout(mine)
        mv.setContentsMargins(0, 0, 0, 0)
        label = QLabel("Your answer")
        label.setObjectName("sectionLabel")
        self.your_answer = QPlainTextEdit()
        self.your_answer.setReadOnly(True)
        self.your_answer.setObjectName("yourAnswer")
        self.your_answer.setStyleSheet(theme.reading_style())
        mv.addWidget(label)
        mv.addWidget(self.your_answer)
        self.model_view = QuestionView()
        answers.addWidget(mine)
        answers.addWidget(self.model_view)
        answers.setSizes([420, 620])
        self.review_checklist = QFrame()
        self.review_checklist.setObjectName("card")
        self.review_checklist_layout = QVBoxLayout(self.review_checklist)
        self.review_checklist_layout.setContentsMargins(12, 8, 12, 8)
        score_row = QHBoxLayout()
        score_row.addWidget(QLabel("Your score"))
        self.score_group = QButtonGroup(page)
        self.score_group.setExclusive(True)
        self.score_buttons: dict[int, QPushButton] = {}
        for n in range(1, 6):
            b = QPushButton(str(n))
            b.setCheckable(True)
            b.setFixedWidth(44)
            self.score_group.addButton(b, n)
            self.score_buttons[n] = b
            score_row.addWidget(b)
        self.score_hint = muted("1 missed it · 3 partly · 5 interview-ready (keys 1–5)")
        score_row.addWidget(self.score_hint, 1)
        self.notes = NoteEditor(self.ctx.store)
        self.notes.saved.connect(lambda qid, text: self.ctx.index.set_note(qid, text))
        self.notes.save_failed.connect(self.ctx.status)
        self.notes.setMaximumHeight(150)
        bv.addWidget(self.review_meta)
        bv.addWidget(answers, 1)
        bv.addWidget(self.review_checklist)
        bv.addLayout(score_row)
        bv.addWidget(self.notes)
        answers.setMinimumHeight(180)  # below this the review page scrolls instead of squeezing the answers
        split.addWidget(self.review_list)
        split.addWidget(scrolling(body))
        split.setSizes([260, 1000])
        split.setStretchFactor(1, 1)
        v.addLayout(head)
        v.addWidget(split, 1)

        self.review_list.currentRowChanged.connect(self._show_review_row)
        self.score_group.idClicked.connect(self.set_score)
        self.schedule_button.clicked.connect(self.schedule_scores)
        self.back_button.clicked.connect(self.show_start)
        return page

    def _build_actions(self) -> None:
        parent = self.pages

        self.start_action = action(parent, "Start interview", ["Return", "Enter"], self.start_selected)
        self.next_action = action(parent, "Done, next", ["Ctrl+Return", "Ctrl+Enter"], self.next_phase)
        self.pause_action = action(parent, "Pause or resume", ["Ctrl+P"], self.toggle_pause)
        self.skip_action = action(parent, "Skip question", ["Ctrl+Shift+Return", "Ctrl+Shift+Enter"], self.skip)
        self.end_action = action(parent, "End interview (press twice)", ["Escape"], self.escape)
        self.score_actions = [action(parent, f"Score {n}", [str(n)], lambda n=n: self.set_score(n))
                              for n in range(1, 6)]
        self.tick_actions = [action(parent, f"Tick key point {k}", [k.upper()], lambda i=i: self.toggle_point(i))
                             for i, k in enumerate(TICK_KEYS)]
        self.review_next = action(parent, "Next question in review", ["Ctrl+Down"], lambda: self._step_review(1))
        self.review_prev = action(parent, "Previous question in review", ["Ctrl+Up"], lambda: self._step_review(-1))
        self.note_action = action(parent, "Edit my note", ["Ctrl+E"], self.notes.focus_editor)

    # --------------------------------------------------------------- interface

    def widget(self) -> QWidget:
        return self.pages

    def actions(self) -> list[QAction]:
        return [self.start_action, self.next_action, self.pause_action, self.skip_action, self.end_action,
                *self.score_actions, *self.tick_actions, self.review_next, self.review_prev, self.note_action]

    def activate(self) -> None:
        self._sync_actions()
        if self.pages.currentIndex() == 1:
            self.answer.setFocus()

    def deactivate(self) -> None:
        self._save_answer()
        self.notes.flush()
        if self.session is not None and not self.session.done and not self.session.paused:
            self.session.pause()  # leaving the mode mid-interview pauses the clock
            self._paint()

    def unsaved(self) -> dict[str, str]:
        return self.notes.unsaved()

    def restyle(self) -> None:
        self.answer.setStyleSheet(theme.reading_style())
        self.your_answer.setStyleSheet(theme.reading_style())
        s = self.ctx.settings
        for widget, key, default in ((self.custom_think, "interview/think_s", 60),
                                     (self.custom_answer, "interview/answer_s", 180)):
            widget.blockSignals(True)
            widget.setValue(int(s.value(key, default)))
            widget.blockSignals(False)
        self.beep.blockSignals(True)
        self.beep.setChecked(s.value("interview/beep", False, type=bool))
        self.beep.blockSignals(False)
        self.model_view.restyle()
        self.notes.restyle()
        self._paint()

    def reload_user_data(self) -> None:
        self.notes.reload()
        if self.pages.currentIndex() == 0:
            self.show_start()

    # ------------------------------------------------------------------ start

    def selected_key(self) -> str:
        item = self.presets.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else PRESETS[0].key

    def _on_preset(self) -> None:
        self.custom_panel.setVisible(self.selected_key() == CUSTOM)

    def show_start(self) -> None:
        self.notes.flush()
        self._repaint_timer.stop()
        self.session = None
        self.history.clear()
        for row in self.ctx.store.interviews():
            started = datetime.fromisoformat(str(row["started_at"])).astimezone()
            avg = row["average_score"]
            score = f" · {float(avg):.1f}/5" if avg is not None else " · not scored"
            status = "" if row["status"] == "finished" else f" · {row['status']}"
            self.history.addItem(two_line.item(f"{row['preset']} · {started:%a %d %b %Y, %H:%M}",
                                               f"{count(int(row['questions']), 'question')}{score}{status}", row["id"]))
        self.history_hint.setVisible(self.history.count() == 0)
        self.pages.setCurrentIndex(0)
        self._sync_actions()
        self.presets.setFocus()

    def build_plan(self) -> Plan:
        key = self.selected_key()
        avoid = self.ctx.store.recent_interview_questions(last=3)
        weak = self._weak_categories() if self.lean_weak.isChecked() else []
        if key == CUSTOM:
            cats = self.custom_categories.checked()
            follow = self.custom_follow.isChecked()
            preset = Preset(CUSTOM, "Custom", self.custom_count.value(), self.custom_think.value(),
                            self.custom_answer.value(), cats, tuple(self.custom_difficulty.currentData()),
                            follow, 60.0 if follow else 0.0, bool(self.custom_at_zero.currentData()))
            self.ctx.prefs.set(THINK_S, self.custom_think.value())
            self.ctx.prefs.set(ANSWER_S, self.custom_answer.value())
        else:
            preset = next(p for p in PRESETS if p.key == key)
        return plan_from_preset(self.ctx.bank, preset, avoid, weak)

    def _weak_categories(self) -> list[str]:
        from desktop.core.progress import weak_categories  # fsrs is imported only when asked for

        return weak_categories(self.ctx.bank, self.ctx.scheduler)

    def start_selected(self) -> None:
        self.start(self.build_plan())

    def start(self, plan: Plan) -> None:
        if not plan.questions:
            self.ctx.status("No questions match that interview. Try other categories or difficulties.")
            return
        plan_json = json.dumps({"name": plan.name, "overtime": plan.overtime, "questions": [
            {"id": q.question_id, "think_s": q.think_s, "answer_s": q.answer_s, "follow_up": q.follow_up,
             "follow_up_s": q.follow_up_s} for q in plan.questions]})
        self.interview_id = None
        self._unsaved_answers = {}
        self._pending_start = (plan.name, plan_json,
                               [(q.question_id, q.think_s + q.answer_s + q.follow_up_s) for q in plan.questions])
        if not self._record_start():
            self.ctx.status("This interview can't be saved yet (the data folder can't be written); you can "
                            "still practise, and what you type is kept and saved as soon as it can be.")
        self.session = InterviewSession(plan, self.monotonic)
        self.session.start()
        self._shown_index = -1
        self._beeped_for = None
        self.pages.setCurrentIndex(1)
        self._repaint_timer.start()
        self._tick()

    # --------------------------------------------------------------- running

    def next_phase(self) -> None:
        if self.session is not None and not self.session.done and not self.session.paused:
            self.session.next()
            self._tick()

    def skip(self) -> None:
        if self.session is not None and not self.session.done:
            self.session.skip()
            self._tick()

    def toggle_pause(self) -> None:
        s = self.session
        if s is None or s.done:
            return
        if s.paused:
            s.resume()
        else:
            s.pause()
        self._paint()

    def escape(self) -> None:
        page = self.pages.currentIndex()
        if page == 2:
            self.show_start()
            return
        if page != 1 or self.session is None:
            return
        now = self.monotonic()
        if now - self._esc_at <= 3.0:
            self.end_early()
        else:
            self._esc_at = now
            self.ctx.status("Press Esc again to end the interview")

    def end_early(self) -> None:
        if self.session is not None and not self.session.done:
            self.session.end_early()
            self._tick()

    def _tick(self) -> None:
        s = self.session
        if s is None:
            return
        s.update()
        if s.done:
            self._finish()
            return
        if s.index != self._shown_index:
            self._save_timing(self._shown_index)
            self._show_question()
        key = (s.index, s.phase)
        if self._phase_seen != key:
            self._phase_seen = key
            self.answer.setFocus(Qt.FocusReason.OtherFocusReason)
        self._paint()

    def _show_question(self) -> None:
        s = self.session
        assert s is not None and s.current is not None
        self._save_answer()
        self._shown_index = s.index
        q = self.ctx.bank.get(s.current.question_id)
        self.question_label.setText(q.title if q else s.current.question_id)
        self.answer.blockSignals(True)
        self.answer.clear()
        self.answer.blockSignals(False)
        self.answer.setFocus(Qt.FocusReason.OtherFocusReason)

    def _paint(self) -> None:
        s = self.session
        if s is None or s.done or s.current is None:
            return
        remaining = s.remaining()
        self.clock.show_seconds(remaining)
        self.total_clock.show_seconds(s.total_remaining(), warn=False)
        names = {Phase.THINK: "Thinking", Phase.ANSWER: "Answering", Phase.FOLLOW_UP: "Follow-up"}
        self.phase_label.setText(names.get(s.phase, ""))
        self.position_label.setText(f"Question {s.index + 1} of {len(s.plan.questions)}")
        follow = s.phase is Phase.FOLLOW_UP and bool(s.current.follow_up)
        self.follow_label.setText(f"Follow-up: {s.current.follow_up}" if follow else "")
        self.follow_label.setVisible(follow)
        self.pause_banner.setVisible(s.paused)
        self.answer.setEnabled(not s.paused)
        key = (s.index, s.phase)
        if remaining <= 0 and self._beeped_for != key:
            self._beeped_for = key
            if self.beep.isChecked():
                QApplication.beep()
        self._sync_actions()

    def _record_start(self) -> bool:
        """Write the interview's row, if not yet written (the disk may have been full when it began)."""
        if self.interview_id is None and self._pending_start is not None:
            try:
                self.interview_id = self.ctx.store.start_interview(*self._pending_start)
            except StoreWriteError:
                return False
            self._pending_start = None
        return self.interview_id is not None

    def _save_answer(self) -> None:
        """Write every answer typed and not yet on disk; keep them, and retry, while writes fail."""
        self._answer_autosave.stop()
        if self._shown_index >= 0:
            self._unsaved_answers[self._shown_index] = self.answer.toPlainText()
        if not self._unsaved_answers or (self.interview_id is None and self._pending_start is None):
            return
        try:
            if not self._record_start():
                raise StoreWriteError("the interview itself could not be recorded yet")
            for index, text in list(self._unsaved_answers.items()):
                self.ctx.store.save_interview_answer(self.interview_id, index, text)  # type: ignore[arg-type]
                del self._unsaved_answers[index]
        except StoreWriteError as exc:
            self.ctx.status(f"Your answer could not be saved ({exc}); it is kept and retried.")
            self._answer_retry.start()

    def _save_timing(self, index: int) -> None:
        s = self.session
        if s is None or self.interview_id is None or index < 0:
            return
        record = s.records[index]
        used = {phase.value: round(seconds, 1) for phase, seconds in record.used_s.items()}
        try:
            self.ctx.store.save_interview_timing(self.interview_id, index, json.dumps(used),
                                                 round(record.overtime_s, 1), record.skipped)
        except StoreWriteError as exc:
            self.ctx.status(f"Timing could not be saved ({exc}).")

    def _finish(self) -> None:
        s = self.session
        assert s is not None
        self._repaint_timer.stop()
        self._save_answer()
        for i in range(len(s.records)):
            self._save_timing(i)
        if self.interview_id is not None:
            try:
                self.ctx.store.finish_interview(self.interview_id, s.phase.value)
            except StoreWriteError as exc:
                self.ctx.status(f"The interview could not be marked finished ({exc}).")
            self.session = None
            self.open_review(self.interview_id, fresh=True)
        else:
            self.session = None
            self.show_start()

    # ----------------------------------------------------------------- review

    def open_review(self, interview_id: int, fresh: bool = False) -> None:
        info = self.ctx.store.interview(interview_id)
        if info is None:
            return
        self.interview_id = interview_id
        self._review_plan = json.loads(str(info["plan"]))
        self._review = self.ctx.store.interview_answers(interview_id)
        for row in self._review:
            q = self.ctx.bank.get(str(row["question_id"]))
            ticks = json.loads(str(row["ticked"]))
            if fresh and q is not None and not ticks:
                # A suggestion from an offline keyword match; the user confirms or changes each tick.
                row["ticked"] = json.dumps(suggest_ticks(str(row["answer"]), q.key_points))
                row["suggested"] = True
        started = datetime.fromisoformat(str(info["started_at"])).astimezone()
        self.review_title.setText(f"{info['preset']} · {started:%d %b %Y, %H:%M}")
        self.schedule_button.setEnabled(not info["scheduled"])
        self.schedule_button.setText("Scheduled in Quiz" if info["scheduled"] else "Schedule by score in Quiz")
        self.review_list.blockSignals(True)
        self.review_list.clear()
        for row in self._review:
            self.review_list.addItem(two_line.item(*self._review_item_text(row)))
        self.review_list.blockSignals(False)
        self.pages.setCurrentIndex(2)
        self.review_list.setCurrentRow(0)
        self._show_review_row(0)
        self._update_overall()
        self._sync_actions()
        self.pages.setFocus()

    def _review_item_text(self, row: dict[str, Any]) -> tuple[str, str]:
        q = self.ctx.bank.get(str(row["question_id"]))
        score = f"Score {row['score']}/5" if row["score"] is not None else "Not scored yet"
        return (q.title if q else str(row["question_id"])), score

    def _show_review_row(self, row_index: int) -> None:
        if not 0 <= row_index < len(self._review):
            return
        self.notes.flush()
        self._review_row = row_index
        row = self._review[row_index]
        q = self.ctx.bank.get(str(row["question_id"]))
        self.your_answer.setPlainText(str(row["answer"]) or "(nothing typed)")
        cat = self.ctx.bank.category(q.category) if q else None
        self.model_view.show_question(q, cat.title if cat else "", True, key_points=False)
        used = json.loads(str(row["used"]))
        spent = sum(float(v) for v in used.values())
        over = float(row["overtime_s"])
        timing = f"Used {format_clock(spent)} of {format_clock(float(row['allotted_s']))}"
        if over > 0:
            timing += f", {format_clock(over).lstrip('+')} over"
        if row["skipped"]:
            timing += " · skipped"
        previous = self.ctx.store.past_scores(str(row["question_id"]), before_interview=self.interview_id)
        if previous:
            timing += " · earlier scores: " + ", ".join(
                f"{s}/5 ({datetime.fromisoformat(t).astimezone():%d %b})" for t, s in previous[-4:])
        plan_q = self._review_plan.get("questions", [])[row_index] if self._review_plan else {}
        if plan_q.get("follow_up"):
            timing += f" · follow-up asked: {plan_q['follow_up']}"
        self.review_meta.setText(timing)
        self._fill_review_checklist(q.key_points if q else (), json.loads(str(row["ticked"])),
                                    bool(row.get("suggested")))
        for n, b in self.score_buttons.items():
            b.setChecked(row["score"] == n)
        if row["score"] is None:
            self.score_group.setExclusive(False)
            for b in self.score_buttons.values():
                b.setChecked(False)
            self.score_group.setExclusive(True)
        self.notes.set_question(q.id if q else None)

    def _fill_review_checklist(self, points: tuple[str, ...], ticked: list[bool], suggested: bool) -> None:
        while self.review_checklist_layout.count():
            item = self.review_checklist_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        keys = tick_range(len(points))
        title = QLabel("Key points you covered" + (f"  (suggested from your answer: confirm or change, {keys})"
                                                    if suggested else f"  ({keys} to tick)"))
        title.setObjectName("sectionLabel")
        self.review_checklist_layout.addWidget(title)
        self._boxes = []
        for i, point in enumerate(points[: len(TICK_KEYS)]):
            box = QCheckBox(f"{TICK_KEYS[i]}   {point}")
            box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            box.setChecked(i < len(ticked) and bool(ticked[i]))
            box.toggled.connect(lambda _on: self._save_review_row())
            self.review_checklist_layout.addWidget(box)
            self._boxes.append(box)

    def toggle_point(self, index: int) -> None:
        if self.pages.currentIndex() == 2 and index < len(self._boxes):
            self._boxes[index].setChecked(not self._boxes[index].isChecked())

    def set_score(self, score: int) -> None:
        if self.pages.currentIndex() != 2 or not self._review:
            return
        self._review[self._review_row]["score"] = score
        self.score_buttons[score].setChecked(True)
        self._save_review_row()
        _title, subtitle = self._review_item_text(self._review[self._review_row])
        self.review_list.item(self._review_row).setData(two_line.SUBTITLE_ROLE, subtitle)
        self._update_overall()

    def _save_review_row(self) -> None:
        row = self._review[self._review_row]
        row["ticked"] = json.dumps([b.isChecked() for b in self._boxes])
        row.pop("suggested", None)
        if self.interview_id is None:
            return
        try:
            self.ctx.store.save_interview_review(self.interview_id, int(row["position"]), row["score"],
                                                 str(row["ticked"]))
        except StoreWriteError as exc:
            self.ctx.status(f"The review could not be saved ({exc}).")

    def _update_overall(self) -> None:
        avg = overall_score([r["score"] for r in self._review])
        scored = sum(r["score"] is not None for r in self._review)
        self.overall_label.setText(f"Overall {avg:.1f}/5 ({scored} of {len(self._review)} scored)"
                                   if avg is not None else "Score each answer 1–5")

    def _step_review(self, delta: int) -> None:
        if self.pages.currentIndex() == 2 and self._review:
            self.review_list.setCurrentRow(max(0, min(len(self._review) - 1, self._review_row + delta)))

    def schedule_scores(self) -> None:
        """Feed the self-scores into spaced repetition: a low score brings the question back sooner."""
        if self.interview_id is None:
            return
        scored = [r for r in self._review if r["score"] is not None]
        if not scored:
            self.ctx.status("Score at least one answer first")
            return
        try:
            for r in scored:
                self.ctx.scheduler.grade(str(r["question_id"]), Grade(score_to_grade(int(r["score"]))))
            self.ctx.store.mark_interview_scheduled(self.interview_id)
        except StoreWriteError as exc:
            self.ctx.status(f"Could not schedule ({exc}).")
            return
        self.schedule_button.setEnabled(False)
        self.schedule_button.setText("Scheduled in Quiz")
        self.ctx.status(f"{count(len(scored), 'question')} scheduled in Quiz by their scores")

    # ------------------------------------------------------------------ actions

    def _sync_actions(self) -> None:
        page = self.pages.currentIndex()
        running = page == 1 and self.session is not None and not self.session.done
        self.start_action.setEnabled(page == 0)
        for a in (self.next_action, self.skip_action):
            a.setEnabled(running and not (self.session and self.session.paused))
        self.pause_action.setEnabled(running)
        self.end_action.setEnabled(page in (1, 2))
        for a in (*self.score_actions, *self.tick_actions, self.review_next, self.review_prev, self.note_action):
            a.setEnabled(page == 2)
