"""The mock interview's review page: each answer beside the model answer, key points, score and notes."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.core.interview import (
    InterviewAnswer,
    Plan,
    overall_score,
    plan_from_json,
    review_points,
    score_to_grade,
    suggest_ticks,
)
from desktop.core.scheduler import Grade
from desktop.core.store import StoreWriteError
from desktop.core.wording import count
from desktop.ui import theme
from desktop.ui.actions import TICK_KEYS, tick_range
from desktop.ui.context import AppContext
from desktop.ui.widgets import two_line_list as two_line
from desktop.ui.widgets.countdown import format_clock
from desktop.ui.widgets.labels import heading, muted
from desktop.ui.widgets.note_editor import NoteEditor
from desktop.ui.widgets.question_view import QuestionView
from desktop.ui.widgets.scrolling import scrolling

CHECKLIST_MAX_HEIGHT = 190  # about six items; more scroll
CHECKLIST_MIN_HEIGHT = 130  # the title and four items stay in view, however short the window


class ReviewPage(QWidget):
    back_requested = Signal()

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.interview_id: int | None = None
        self._plan = Plan("", ())
        self._rows: list[InterviewAnswer] = []
        self._suggested: set[int] = set()  # rows whose ticks are a guess the user has not yet confirmed
        self._row = 0
        self._boxes: list[QCheckBox] = []
        self._build()

    def _build(self) -> None:
        v = QVBoxLayout(self)
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
        self.score_group = QButtonGroup(self)
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
        # A design case's rubric runs to 8 items: the list scrolls in its own area, leaving the answers the height.
        checklist_area = scrolling(self.review_checklist)
        checklist_area.setMaximumHeight(CHECKLIST_MAX_HEIGHT)
        checklist_area.setMinimumHeight(CHECKLIST_MIN_HEIGHT)
        bv.addWidget(checklist_area)
        bv.addLayout(score_row)
        bv.addWidget(self.notes)
        answers.setMinimumHeight(180)  # below this the review page scrolls instead of squeezing the answers
        split.addWidget(self.review_list)
        split.addWidget(scrolling(body))
        split.setSizes([260, 1000])
        split.setStretchFactor(1, 1)
        v.addLayout(head)
        v.addWidget(split, 1)

        self.review_list.currentRowChanged.connect(self.show_row)
        self.score_group.idClicked.connect(self.set_score)
        self.schedule_button.clicked.connect(self.schedule_scores)
        self.back_button.clicked.connect(lambda _checked=False: self.back_requested.emit())

    # ------------------------------------------------------------------ showing

    def open(self, interview_id: int, fresh: bool = False) -> bool:
        """Fill the page with a stored interview (False if there is none). A fresh one gets its key points
        suggested from the typed answers."""
        info = self.ctx.store.interview(interview_id)
        if info is None:
            return False
        self.interview_id = interview_id
        self._plan = plan_from_json(str(info["plan"]))
        self._rows = [InterviewAnswer.from_row(r) for r in self.ctx.store.interview_answers(interview_id)]
        self._suggested = set()
        for i, row in enumerate(self._rows):
            q = self.ctx.bank.get(row.question_id)
            if fresh and q is not None and not row.ticked:
                # A suggestion from an offline keyword match; the user confirms or changes each tick.
                self._rows[i] = replace(row, ticked=tuple(suggest_ticks(row.answer, review_points(q))))
                self._suggested.add(i)
        started = datetime.fromisoformat(str(info["started_at"])).astimezone()
        self.review_title.setText(f"{info['preset']} · {started:%d %b %Y, %H:%M}")
        self.schedule_button.setEnabled(not info["scheduled"])
        self.schedule_button.setText("Scheduled in Quiz" if info["scheduled"] else "Schedule by score in Quiz")
        self.review_list.blockSignals(True)
        self.review_list.clear()
        for row in self._rows:
            self.review_list.addItem(two_line.item(*self._item_text(row)))
        self.review_list.blockSignals(False)
        return True

    def show_first(self) -> None:
        self.review_list.setCurrentRow(0)
        self.show_row(0)
        self._update_overall()

    def _item_text(self, row: InterviewAnswer) -> tuple[str, str]:
        q = self.ctx.bank.get(row.question_id)
        score = f"Score {row.score}/5" if row.score is not None else "Not scored yet"
        return (q.title if q else row.question_id), score

    def show_row(self, row_index: int) -> None:
        if not 0 <= row_index < len(self._rows):
            return
        self.notes.flush()
        self._row = row_index
        row = self._rows[row_index]
        q = self.ctx.bank.get(row.question_id)
        self.your_answer.setPlainText(row.answer or "(nothing typed)")
        cat = self.ctx.bank.category(q.category) if q else None
        self.model_view.show_question(q, cat.title if cat else "", True, key_points=False)
        timing = f"Used {format_clock(row.total_used_s)} of {format_clock(row.allotted_s)}"
        if row.overtime_s > 0:
            timing += f", {format_clock(row.overtime_s).lstrip('+')} over"
        if row.skipped:
            timing += " · skipped"
        previous = self.ctx.store.past_scores(row.question_id, before_interview=self.interview_id)
        if previous:
            timing += " · earlier scores: " + ", ".join(
                f"{s}/5 ({datetime.fromisoformat(t).astimezone():%d %b})" for t, s in previous[-4:])
        asked = self._plan.questions[row_index].follow_up if row_index < len(self._plan.questions) else ""
        if asked:
            timing += f" · follow-up asked: {asked}"
        self.review_meta.setText(timing)
        self._fill_checklist(review_points(q) if q else (), row.ticked, row_index in self._suggested,
                             rubric=bool(q and q.rubric))
        for n, b in self.score_buttons.items():
            b.setChecked(row.score == n)
        if row.score is None:
            self.score_group.setExclusive(False)
            for b in self.score_buttons.values():
                b.setChecked(False)
            self.score_group.setExclusive(True)
        self.notes.set_question(q.id if q else None)

    def _fill_checklist(self, points: tuple[str, ...], ticked: tuple[bool, ...], suggested: bool,
                        rubric: bool = False) -> None:
        while self.review_checklist_layout.count():
            item = self.review_checklist_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # gone from the screen now, not when the event loop gets to it
                widget.deleteLater()
        keys = tick_range(len(points))
        what = "Rubric: what an interviewer scores" if rubric else "Key points you covered"
        title = QLabel(what + (f"  (suggested from your answer: confirm or change, {keys})"
                               if suggested else f"  ({keys} to tick)"))
        title.setObjectName("sectionLabel")
        self.review_checklist_layout.addWidget(title)
        self._boxes = []
        for i, point in enumerate(points[: len(TICK_KEYS)]):
            box = QCheckBox(f"{TICK_KEYS[i]}   {point}")
            box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            box.setChecked(i < len(ticked) and ticked[i])
            box.toggled.connect(lambda _on: self._save_row())
            self.review_checklist_layout.addWidget(box)
            self._boxes.append(box)

    def _update_overall(self) -> None:
        avg = overall_score([r.score for r in self._rows])
        scored = sum(r.score is not None for r in self._rows)
        self.overall_label.setText(f"Overall {avg:.1f}/5 ({scored} of {len(self._rows)} scored)"
                                   if avg is not None else "Score each answer 1–5")

    def restyle(self) -> None:
        self.your_answer.setStyleSheet(theme.reading_style())
        self.model_view.restyle()
        self.notes.restyle()

    # ----------------------------------------------------------------- commands

    def ticked(self) -> list[bool]:
        """The key-point boxes of the answer on screen, as ticked now."""
        return [b.isChecked() for b in self._boxes]

    def checklist(self) -> list[str]:
        """What the boxes on screen tick off: the key points, or a design case's rubric."""
        return [b.text().split(None, 1)[1] for b in self._boxes]

    def toggle_point(self, index: int) -> None:
        if index < len(self._boxes):
            self._boxes[index].setChecked(not self._boxes[index].isChecked())

    def set_score(self, score: int) -> None:
        if not self._rows:
            return
        self._rows[self._row] = replace(self._rows[self._row], score=score)
        self.score_buttons[score].setChecked(True)
        self._save_row()
        _title, subtitle = self._item_text(self._rows[self._row])
        self.review_list.item(self._row).setData(two_line.SUBTITLE_ROLE, subtitle)
        self._update_overall()

    def step(self, delta: int) -> None:
        if self._rows:
            self.review_list.setCurrentRow(max(0, min(len(self._rows) - 1, self._row + delta)))

    def _save_row(self) -> None:
        row = replace(self._rows[self._row], ticked=tuple(self.ticked()))
        self._rows[self._row] = row
        self._suggested.discard(self._row)
        if self.interview_id is None:
            return
        try:
            self.ctx.store.save_interview_review(self.interview_id, row.position, row.score, row.ticked_json)
        except StoreWriteError as exc:
            self.ctx.status(f"The review could not be saved ({exc}).")

    def schedule_scores(self) -> None:
        """Feed the self-scores into spaced repetition: a low score brings the question back sooner."""
        if self.interview_id is None:
            return
        scored = [(r.question_id, r.score) for r in self._rows if r.score is not None]
        if not scored:
            self.ctx.status("Score at least one answer first")
            return
        try:
            for qid, score in scored:
                self.ctx.scheduler.grade(qid, Grade(score_to_grade(score)))
            self.ctx.store.mark_interview_scheduled(self.interview_id)
        except StoreWriteError as exc:
            self.ctx.status(f"Could not schedule ({exc}).")
            return
        self.schedule_button.setEnabled(False)
        self.schedule_button.setText("Scheduled in Quiz")
        self.ctx.status(f"{count(len(scored), 'question')} scheduled in Quiz by their scores")
