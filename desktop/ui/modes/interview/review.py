"""The mock interview's review page: each answer beside the model answer, key points, score and notes.

A coding round's exercise shows the final code and the tests it passed over time (code_review.py) beside
the reference solution.

It is a true record: every question says what happened to it (asked or not, time against the time
allowed, overtime, skipped, where the interview ended), a follow-up that was asked is an answer of
its own, listed under its question, and only answers that were asked are scored and counted.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
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

from desktop.core.bank import Question
from desktop.core.interview import Phase, Plan, PlannedQuestion, phase_name
from desktop.core.interview_review import (
    follow_up_facts,
    follow_up_points,
    question_facts,
    review_points,
    send_scores,
    suggest,
    tally,
)
from desktop.core.interview_store import Interview, InterviewAnswer, Part
from desktop.core.scheduler import describe_interval
from desktop.core.store import StoreWriteError
from desktop.core.wording import count
from desktop.ui import theme
from desktop.ui.actions import tick_range
from desktop.ui.context import AppContext
from desktop.ui.widgets import two_line_list as two_line
from desktop.ui.widgets.labels import ElidedLabel, muted
from desktop.ui.widgets.note_editor import NoteEditor
from desktop.ui.widgets.on_resize import OnResize
from desktop.ui.widgets.question_view import QuestionView
from desktop.ui.widgets.scrolling import page_height, scrolling
from desktop.ui.widgets.side_panel import SidePanel
from desktop.ui.widgets.tick_list import TickList
from desktop.ui.widgets.typeset_label import TypesetLabel

if TYPE_CHECKING:
    from collections.abc import Callable

    from desktop.core.final_runs import FinalRuns
    from desktop.ui.modes.interview.code_review import CodeReview

CHECKLIST_MAX_HEIGHT = 216  # the eight items a rubric has at most, at 1360 px; more, or narrower, scroll
CHECKLIST_MIN_HEIGHT = 130  # the title and four items stay in view, however short the window
SIDE_BY_SIDE_FROM = 720  # px of page: narrower, your answer goes above the model answer
FOLD_BELOW = 900  # px of page: narrower, the list of answers folds to a strip (Ctrl+Up/Down still step)
SCHEDULE = "Schedule by score in Quiz"
FOLLOWING = "Quiz follows your scores"
SEND_AGAIN = "Send changed scores to Quiz"


def score_buttons(owner: QWidget) -> tuple[QHBoxLayout, QButtonGroup, dict[int, QPushButton]]:
    """'Your score' and the buttons 1-5, of which one at most is down."""
    row = QHBoxLayout()
    row.addWidget(QLabel("Your score"))
    group = QButtonGroup(owner)
    group.setExclusive(True)
    buttons: dict[int, QPushButton] = {}
    for n in range(1, 6):
        b = QPushButton(str(n))
        b.setCheckable(True)
        b.setFixedWidth(44)
        group.addButton(b, n)
        buttons[n] = b
        row.addWidget(b)
    row.addStretch(1)
    return row, group, buttons


class ReviewPage(QWidget):
    back_requested = Signal()

    def __init__(self, ctx: AppContext, final_runs: Callable[[], FinalRuns]) -> None:
        super().__init__()
        self.ctx = ctx
        self.final_runs = final_runs  # runs of a coding round's final code still going as its question closed
        self.interview: Interview | None = None
        self._rows: list[InterviewAnswer] = []
        self._items: list[tuple[int, Part]] = []  # the list's rows: each question, then its follow-up if asked
        self._item = 0
        self._suggested: set[tuple[int, Part]] = set()  # ticks that are a guess the user has not yet confirmed
        self._build()

    def _build(self) -> None:
        v = QVBoxLayout(self)
        v.setContentsMargins(16, 10, 16, 10)
        head = QHBoxLayout()
        self.review_title = ElidedLabel("Review")  # a narrow window shortens it, never cuts it
        theme.set_font(self.review_title, 1.3, bold=True)
        self.overall_label = ElidedLabel()
        theme.set_font(self.overall_label, 1.05, bold=True)
        self.overall_label.explain = "Only answers that were asked count: each question and each follow-up"
        self.schedule_button = QPushButton(SCHEDULE)
        self.schedule_button.setToolTip("Low scores make the question due sooner in Quiz; high scores push it out. "
                                        "After the first time, every score you give or change is sent at once.")
        self.back_button = QPushButton("Back to start")
        titles = QVBoxLayout()  # stacked, so a narrow window clips neither
        titles.setSpacing(2)
        titles.addWidget(self.review_title)
        titles.addWidget(self.overall_label)
        head.addLayout(titles, 1)
        head.addWidget(self.schedule_button, 0, Qt.AlignmentFlag.AlignVCenter)
        head.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignVCenter)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        self.review_list = QListWidget()
        self.review_list.setObjectName("reviewList")
        self.review_list.setItemDelegate(two_line.TwoLineDelegate(self.review_list))
        self.list_panel = SidePanel("Answers", self.review_list, "the list of answers", fold_below=FOLD_BELOW,
                                    settings=self.ctx.settings,
                                    key="interview/answers_folded", margins=(0, 0, 0, 0))
        body = QWidget()
        bv = QVBoxLayout(body)
        bv.setContentsMargins(0, 0, 0, 0)
        self.review_meta = muted()
        self.review_meta.setContentsMargins(12, 0, 0, 2)  # in line with the section labels beside it
        self.follow_prompt = TypesetLabel("", 1.1, bold=True)
        self.follow_prompt.setObjectName("followUpPrompt")
        self.follow_prompt.setContentsMargins(12, 2, 12, 4)  # in line with the meta line above it
        self.answers = answers = QSplitter(Qt.Orientation.Horizontal)  # one above the other when narrow
        answers.setChildrenCollapsible(False)
        self._answers_watcher = OnResize(self._fit_answers)
        body.installEventFilter(self._answers_watcher)
        mine = QWidget()
        mv = QVBoxLayout(mine)
        mv.setContentsMargins(0, 0, 0, 0)
        self.your_answer_label = QLabel("Your answer")
        self.your_answer_label.setObjectName("sectionLabel")
        self.your_answer = QPlainTextEdit()
        self.your_answer.setReadOnly(True)
        self.your_answer.setObjectName("yourAnswer")
        self.your_answer.setStyleSheet(theme.reading_style())
        self.your_answer.document().setDocumentMargin(10)  # as it was typed, in the runner's box
        self.code_review: CodeReview | None = None  # a coding round's answer instead of the text box, when needed
        self._mine = mv
        mv.addWidget(self.your_answer_label)
        mv.addWidget(self.your_answer)
        self.model_view = QuestionView()
        answers.addWidget(mine)
        answers.addWidget(self.model_view)
        answers.setSizes([420, 620])
        card = QFrame()
        card.setObjectName("card")
        cv = QVBoxLayout(card)
        cv.setContentsMargins(12, 8, 12, 8)
        self.tick_list = TickList()
        cv.addWidget(self.tick_list)
        cv.addStretch(1)  # a short list sits at the top of its card
        score_row, self.score_group, self.score_buttons = score_buttons(self)
        self.score_hint = muted()  # under the buttons: a narrow page never cuts it
        self.notes = NoteEditor(self.ctx.store, max_height=150)
        self.notes.saved.connect(lambda qid, text: self.ctx.index.set_note(qid, text))
        self.notes.save_failed.connect(self.ctx.status)
        bv.addWidget(self.review_meta)
        bv.addWidget(self.follow_prompt)
        bv.addWidget(answers, 1)
        # A design case's rubric runs to 8 items: the list scrolls in its own area, leaving the answers the height.
        self.checklist_area = scrolling(card, asks_for_page=True)
        self._fit_checklist()
        bv.addWidget(self.checklist_area)
        bv.addLayout(score_row)
        bv.addWidget(self.score_hint)
        bv.addWidget(self.notes)
        answers.setMinimumHeight(180)  # below this the review page scrolls instead of squeezing the answers
        split.addWidget(self.list_panel)
        split.addWidget(scrolling(body))
        split.setSizes([260, 1000])
        split.setStretchFactor(1, 1)
        v.addLayout(head)
        v.addWidget(split, 1)

        self.review_list.currentRowChanged.connect(self.show_item)
        self.score_group.idClicked.connect(self.set_score)
        self.tick_list.toggled.connect(self._save_item)
        self.schedule_button.clicked.connect(self.schedule_scores)
        self.back_button.clicked.connect(lambda _checked=False: self.back_requested.emit())

    def _fit_checklist(self) -> None:
        """As tall as its items, within heights in rows of text (a larger text size shows as many items)."""
        scale, need = max(1.0, theme.text_scale()), page_height(self.checklist_area)
        self.checklist_area.setMaximumHeight(min(need, round(CHECKLIST_MAX_HEIGHT * scale)))
        self.checklist_area.setMinimumHeight(min(need, round(CHECKLIST_MIN_HEIGHT * scale)))

    def _fit_answers(self, width: int) -> None:
        """Your answer beside the model answer when each gets a readable column, else one above the other."""
        across = Qt.Orientation.Horizontal if width >= SIDE_BY_SIDE_FROM else Qt.Orientation.Vertical
        if self.answers.orientation() != across:
            self.answers.setOrientation(across)
        self._fit_checklist()  # its items wrap to the new width

    @property
    def interview_id(self) -> int | None:
        return self.interview.id if self.interview else None

    # ------------------------------------------------------------------ showing

    def open(self, interview_id: int, fresh: bool = False) -> bool:
        """Fill the page with a stored interview (False if there is none). A fresh one gets the key points of
        each answer asked suggested from what was typed."""
        log = self.ctx.store.interview_store
        interview = log.get(interview_id)
        if interview is None:
            return False
        self.interview = interview
        self._rows = log.answers(interview_id)
        self._suggested = set()
        for i, row in enumerate(self._rows):
            for part in Part:
                points = self._points(row, part)
                if fresh and points and row.asked(part) and not row.ticks(part):
                    q = self._question(row)
                    starter = q.starter if q is not None and part is Part.MAIN else ""  # a coding answer's own lines
                    self._set_row(i, part, ticked=tuple(suggest(row.text(part), points, starter)))
                    self._suggested.add((i, part))
        self._items = [(i, part) for i, row in enumerate(self._rows) for part in Part
                       if part is Part.MAIN or row.record.follow_up_asked]
        self.review_title.setText(f"{interview.preset} · {interview.started_at.astimezone():%d %b %Y, %H:%M}")
        self.review_list.blockSignals(True)
        self.review_list.clear()
        for i, part in self._items:
            self.review_list.addItem(two_line.item(*self._item_text(i, part)))
        self.review_list.blockSignals(False)
        self._update_head()
        return True

    def show_first(self) -> None:
        self.review_list.setCurrentRow(0)
        self.show_item(0)

    def _question(self, row: InterviewAnswer) -> Question | None:
        return self.ctx.bank.get(row.question_id)

    def _planned(self, index: int) -> PlannedQuestion | None:
        questions = self.interview.plan.questions if self.interview else ()
        return questions[index] if index < len(questions) else None

    @property
    def _plan(self) -> Plan:
        return self.interview.plan if self.interview else Plan("", ())

    def _points(self, row: InterviewAnswer, part: Part) -> tuple[str, ...]:
        q = self._question(row)
        if part is Part.MAIN:
            return review_points(q) if q else ()
        planned = self._planned(row.position)
        return follow_up_points(q, planned.follow_up) if planned else ()

    def _item_text(self, index: int, part: Part) -> tuple[str, str]:
        row = self._rows[index]
        q = self._question(row)
        if part is Part.FOLLOW_UP:
            title = f"    ↳ {phase_name(self._plan, Phase.FOLLOW_UP)}"
            skipped = row.record.follow_up_skipped
        else:
            title = q.title if q else row.question_id
            skipped = row.record.skipped
        if not row.asked(part):
            return title, "Not asked"
        score = row.score_of(part)
        facts = ["Skipped"] if skipped else []
        facts.append(f"Score {score}/5" if score is not None else "Not scored yet")
        due = self._in_quiz(row) if part is Part.MAIN else ""
        return title, " · ".join(facts + ([due] if due else []))

    def _in_quiz(self, row: InterviewAnswer) -> str:
        """When Quiz brings the question back, once its score was sent there: "back in 2d"."""
        if row.sent_score is None:
            return ""
        card = self.ctx.scheduler.card(row.question_id)
        if card is None:
            return ""
        left = card.due - self.ctx.scheduler.clock()
        return f"back in {describe_interval(left)}" if left.total_seconds() > 0 else "due in Quiz now"

    def show_item(self, item: int) -> None:
        if not 0 <= item < len(self._items):
            return
        self.notes.flush()
        self._item = item
        index, part = self._items[item]
        row = self._rows[index]
        q = self._question(row)
        planned = self._planned(index)
        asked = row.asked(part)
        follow = part is Part.FOLLOW_UP
        self.follow_prompt.setText(f"{phase_name(self._plan, Phase.FOLLOW_UP)}: {planned.follow_up}"
                                   if follow and planned else "")
        self.follow_prompt.setVisible(follow)
        self.your_answer_label.setText("Your answer to the follow-up" if follow else "Your answer")
        self.your_answer.setPlainText(row.text(part) or ("(nothing typed)" if asked else "(not asked)"))
        cat = self.ctx.bank.category(q.category) if q else None
        coding = self._plan.kind == "coding" and q is not None and q.is_exercise and not follow
        self.model_view.show_question(q, cat.title if cat else "", True, key_points=False, starter=not coding)
        self._show_code(row, coding)
        meta = (follow_up_facts if follow else question_facts)(row, planned, self._plan)
        if not follow:
            previous = self.ctx.store.interview_store.past_scores(row.question_id, before_interview=self.interview_id)
            if previous:
                meta += " · earlier scores: " + ", ".join(
                    f"{p.score}/5 ({p.started_at.astimezone():%d %b})" for p in previous[-4:])
            due = self._in_quiz(row)
            meta += f" · in Quiz: {due}" if due else ""
        self.review_meta.setText(meta)
        points = self._points(row, part)
        self._fill_checklist(points, row.ticks(part), (index, part) in self._suggested,
                             rubric=bool(q and q.rubric) and not follow)
        self.checklist_area.setVisible(asked and bool(points))
        for b in self.score_buttons.values():
            b.setEnabled(asked)
        self.score_hint.setText("1 missed it · 3 partly · 5 interview-ready (keys 1–5)" if asked
                                else "Not asked: nothing to score")
        self._show_score(row.score_of(part))
        self.notes.set_question(q.id if q else None)

    def _show_code(self, row: InterviewAnswer, coding: bool) -> None:
        """A coding round's exercise: the final code and its runs, with the model page at the solution."""
        self.your_answer_label.setVisible(not coding)
        self.your_answer.setVisible(not coding)
        if coding and self.code_review is None:
            from desktop.ui.modes.interview.code_review import CodeReview  # the editor loads only for coding rounds

            self.code_review = CodeReview(self.ctx.store, self.final_runs())
            self._mine.addWidget(self.code_review)
        if self.code_review is not None:
            self.code_review.setVisible(coding)
        if coding and self.interview is not None and self.code_review is not None:
            q = self._question(row)
            self.code_review.show_answer(self.interview, row, q.starter if q else "")
            self.model_view.scroll_to_section("Solution")

    def refresh_code(self) -> None:
        """A run of a coding round's final code ended after the review opened: show what it came to."""
        if self.code_review is not None:
            self.code_review.refresh()

    def _show_score(self, score: int | None) -> None:
        self.score_group.setExclusive(False)
        for n, b in self.score_buttons.items():
            b.setChecked(score == n)
        self.score_group.setExclusive(True)

    def _fill_checklist(self, points: tuple[str, ...], ticked: tuple[bool, ...], suggested: bool,
                        rubric: bool = False) -> None:
        keys = tick_range(len(points))
        what = "Rubric: what an interviewer scores" if rubric else "Key points you covered"
        self.tick_list.fill(what + (f"  (suggested from your answer: confirm or change, {keys})"
                                    if suggested else f"  ({keys} to tick)"), points, ticked)
        QTimer.singleShot(0, self._fit_checklist)  # once the new rows are laid out and know their height

    def _update_head(self) -> None:
        t = tally(self._rows)
        if t.to_score == 0:
            self.overall_label.setText("Nothing was asked")
        elif t.mean is None:
            self.overall_label.setText(f"Score each answer 1–5 ({t.to_score} asked)")
        else:
            self.overall_label.setText(f"Overall {t.mean:.1f}/5 ({t.scored} of {t.to_score} scored)")
        following = bool(self.interview and self.interview.follows_quiz)
        unsent = any(r.record.asked and r.score is not None and r.score != r.sent_score for r in self._rows)
        self.schedule_button.setText(SEND_AGAIN if following and unsent else FOLLOWING if following else SCHEDULE)
        self.schedule_button.setEnabled(not following or unsent)

    def restyle(self) -> None:
        if self.code_review is not None:
            self.code_review.restyle()
        self._fit_checklist()
        self.your_answer.setStyleSheet(theme.reading_style())
        self.model_view.restyle()
        self.notes.restyle()
        self.show_item(self._item)

    # ----------------------------------------------------------------- commands

    def ticked(self) -> list[bool]:
        """The boxes of the answer on screen, as ticked now."""
        return self.tick_list.ticked()

    def checklist(self) -> list[str]:
        """What the boxes on screen tick off: key points, a design case's rubric, or a follow-up's hint."""
        return self.tick_list.points()

    def toggle_point(self, index: int) -> None:
        if self._items and self._rows[self._items[self._item][0]].asked(self._items[self._item][1]):
            self.tick_list.toggle(index)

    def set_score(self, score: int) -> None:
        if not self._items:
            return
        index, part = self._items[self._item]
        if not self._rows[index].asked(part):
            self._show_score(None)
            self.ctx.status("That question was not asked: there is nothing to score")
            return
        self._set_row(index, part, score=score)
        self._show_score(score)
        self._save_item()
        if self.interview and self.interview.follows_quiz and part is Part.MAIN:
            self.schedule_scores()  # Quiz follows: the new score goes there at once
        self._update_head()

    def step(self, delta: int) -> None:
        if self._items:
            self.review_list.setCurrentRow(max(0, min(len(self._items) - 1, self._item + delta)))

    def _set_row(self, index: int, part: Part, score: int | None = None,
                 ticked: tuple[bool, ...] | None = None) -> None:
        row = self._rows[index]
        score = row.score_of(part) if score is None else score
        ticked = row.ticks(part) if ticked is None else ticked
        self._rows[index] = (replace(row, score=score, ticked=ticked) if part is Part.MAIN
                             else replace(row, follow_up_score=score, follow_up_ticked=ticked))

    def _save_item(self) -> None:
        if not self._items or self.interview is None:
            return
        index, part = self._items[self._item]
        self._set_row(index, part, ticked=tuple(self.tick_list.ticked()))
        self._suggested.discard((index, part))
        row = self._rows[index]
        try:
            self.ctx.store.interview_store.save_review(self.interview.id, row.position, part, row.score_of(part),
                                                       row.ticks(part))
        except StoreWriteError as exc:
            self.ctx.status(f"The review could not be saved ({exc}).")
        self.review_list.item(self._item).setData(two_line.SUBTITLE_ROLE, self._item_text(index, part)[1])

    def schedule_scores(self) -> None:
        """Send the scores to spaced repetition (a low score brings the question back sooner); after the
        first time, every score given or changed here follows at once."""
        if self.interview is None:
            return
        if not any(r.record.asked and r.score is not None for r in self._rows):
            self.ctx.status("Score at least one answer first")
            return
        try:
            sent = send_scores(self.ctx.store, self.ctx.scheduler, self.interview.id)
        except StoreWriteError as exc:
            self.ctx.status(f"Could not schedule ({exc}); nothing was changed.")
            self._update_head()
            return
        log = self.ctx.store.interview_store
        self.interview = replace(self.interview, follows_quiz=True)
        self._rows = [replace(self._rows[i], sent_score=new.sent_score, sent_review_id=new.sent_review_id)
                      for i, new in enumerate(log.answers(self.interview.id))]
        for item, (index, part) in enumerate(self._items):
            self.review_list.item(item).setData(two_line.SUBTITLE_ROLE, self._item_text(index, part)[1])
        self._update_head()
        self.show_item(self._item)
        now = self.ctx.scheduler.clock()
        if len(sent) == 1:
            q = self.ctx.bank.get(sent[0].question_id)
            self.ctx.status(f"Sent to Quiz, back in {describe_interval(sent[0].due - now)}: "
                            f"{q.title if q else sent[0].question_id}")
        elif sent:
            when = sorted({describe_interval(s.due - now) for s in sent}, key=lambda w: min(
                s.due for s in sent if describe_interval(s.due - now) == w))
            self.ctx.status(f"{count(len(sent), 'question')} sent to Quiz: back in {', '.join(when)}")
