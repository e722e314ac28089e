"""The quiz's card page: the question alone, then its answer with the key points as a checklist,
the grade buttons (the ticks suggest one), the user's note and a stopwatch. A coding exercise shows
the code editor instead of the checklist, from the start, and its tests suggest the grade."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.core.bank import Question
from desktop.core.quiz import Grading, Phase, QuizSession
from desktop.core.scheduler import Grade, describe_interval, is_learning
from desktop.core.settings import PASS_FAIL as PASS_FAIL_GRADING
from desktop.ui import theme
from desktop.ui.actions import tick_range
from desktop.ui.context import AppContext
from desktop.ui.widgets.adaptive_split import AdaptiveSplit
from desktop.ui.widgets.exercise_slot import ExerciseSlot
from desktop.ui.widgets.labels import muted
from desktop.ui.widgets.note_editor import NoteEditor
from desktop.ui.widgets.on_resize import OnResize
from desktop.ui.widgets.question_view import QuestionView
from desktop.ui.widgets.rich_view import TITLE
from desktop.ui.widgets.scrolling import page_height, scrolling
from desktop.ui.widgets.tick_list import TickList

if TYPE_CHECKING:
    from desktop.ui.widgets.exercise_panel import ExercisePanel

CODE_BESIDE_FROM = 900  # px of card: wider, and an exercise's editor sits beside its question
CODE_TABS_BELOW = 440  # px of height: lower (and not side by side), and question and code are two tabs
CHECKLIST_MIN = 90  # px: the question and two points in view, however short the window; the rest scrolls
SHORT_BELOW = 380  # px of page at 100 % text: shorter, the key points get a quarter and the grades one line
NOTES_MAX = 160  # px: an open note, under the answer


class CardPage(QWidget):
    """Draws the session's current question; forwards reveal and grade clicks."""

    reveal_requested = Signal()
    grade_requested = Signal(object)  # a Grade, from a grade button

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.sr = ctx.scheduler
        self.session: QuizSession | None = None  # the session on show, None when there is none
        self._suggested = Grade.GOOD
        self._drawn: tuple[str, Phase] | None = None  # the question and phase last drawn
        self._intervals: dict[Grade, str] = {}  # what each grade button says, "<10m" or "4d"

        v = QVBoxLayout(self)
        v.setContentsMargins(16, 10, 16, 10)
        v.setSpacing(8)
        top = QHBoxLayout()
        self.progress = muted()
        self.stopwatch = muted()
        self.stopwatch.setObjectName("stopwatch")
        top.addWidget(self.progress, 1)
        top.addWidget(self.stopwatch)
        self.view = QuestionView()
        self.view.reveal_requested.connect(self.reveal_requested)

        card = QFrame()
        card.setObjectName("card")
        checklist_layout = QVBoxLayout(card)
        checklist_layout.setContentsMargins(12, 8, 12, 8)
        self.ticks = TickList()  # the key points, formulas typeset, ticked with a–h
        self.ticks.toggled.connect(self._update_grades)
        checklist_layout.addWidget(self.ticks)
        self.test_hint = muted()  # an exercise: what its tests suggest, where the checklist would be
        self.test_hint.setObjectName("testHint")
        self.exercise = ExerciseSlot(ctx.store, self)  # the code editor, built for the first coding exercise
        self.exercise.built.connect(self._place_exercise)
        checklist_layout.addStretch(1)
        self._checklist_card = card
        self.checklist = scrolling(card)  # a long list scrolls in its own area: the answer keeps the height

        self.reveal_button = QPushButton("Show answer   Space")
        self.reveal_button.setObjectName("primaryButton")
        self.reveal_button.clicked.connect(self.reveal_requested)
        self.grade_buttons: dict[Grade, QPushButton] = {}
        grades = QHBoxLayout()
        grades.setSpacing(8)
        for grade in Grade:
            button = QPushButton()
            button.setObjectName("gradeButton")
            button.setMinimumHeight(36)
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)  # never squeezed
            button.clicked.connect(lambda _=False, g=grade: self.grade_requested.emit(g))
            grades.addWidget(button, 1)
            self.grade_buttons[grade] = button
        self.grade_row = QWidget()
        self.grade_row.setLayout(grades)
        grades.setContentsMargins(0, 0, 0, 0)

        self.notes = NoteEditor(self.ctx.store, max_height=NOTES_MAX)  # one line until used
        self.notes.saved.connect(lambda qid, text: self.ctx.index.set_note(qid, text))
        self.notes.save_failed.connect(self.ctx.status)

        upper = QWidget()  # the question, its checklist (or an exercise's hint) and the note, over the buttons
        uv = QVBoxLayout(upper)
        uv.setContentsMargins(0, 0, 0, 0)
        uv.addWidget(self.view, 1)  # the answer takes whatever the rest leaves
        uv.addWidget(self.checklist)
        uv.addWidget(self.test_hint)
        uv.addWidget(self.notes)
        self.body = AdaptiveSplit(upper, ("Question", "Your code"), CODE_BESIDE_FROM, CODE_TABS_BELOW,
                                  first_share=0.42)  # an exercise's editor beside, below, or a tab of its own

        v.addLayout(top)
        v.addWidget(self.body, 1)
        v.addWidget(self.reveal_button)
        v.addWidget(self.grade_row)
        self._fit_watcher = OnResize(lambda _w: self._fit_checklist())
        self.installEventFilter(self._fit_watcher)

        self._tick = QTimer(self, interval=1000)  # repaints the stopwatch; the time is the session's
        self._tick.timeout.connect(self._update_stopwatch)

    # ------------------------------------------------------------------ reading

    @property
    def grading(self) -> Grading:
        return Grading(pass_fail=self.ctx.prefs.get(PASS_FAIL_GRADING))

    def ticked(self) -> list[bool]:
        """Which key points of the revealed answer are ticked, in tick-key order."""
        return self.ticks.ticked()

    def grade_words(self, grade: Grade) -> tuple[str, str]:
        """The grade's name and interval as its button says them ("Pass", "<10m"), for the status line."""
        return self.grading.name(grade), self._intervals.get(grade, "")

    @property
    def suggested(self) -> Grade:
        """The grade the ticks suggest: what Enter gives."""
        return self._suggested

    # ------------------------------------------------------------------ input

    def toggle_point(self, index: int) -> None:
        self.ticks.toggle(index)

    # ------------------------------------------------------------------ drawing

    def show_card(self, session: QuizSession, label: str) -> None:
        """Draw the session's current question, revealed or not."""
        self.session = s = session
        assert s.current is not None
        q = self.ctx.bank.get(s.current)
        assert q is not None
        revealed = s.phase is Phase.REVEALED
        self.progress.setText(f"{label} · {self._where(s, q.id)}")
        fresh = s.phase is Phase.QUESTION and self._drawn != (q.id, Phase.QUESTION)
        if fresh or self.exercise.question is not (q if q.is_exercise else None):
            self.exercise.set_question(q)  # a fresh showing: the saved code, no result yet (None: not an exercise)
        coding = q.is_exercise
        self.body.set_second_shown(coding)
        just_revealed = revealed and self._drawn != (q.id, Phase.REVEALED)
        if fresh and coding:
            self.body.show_pane(1)
            self.exercise.get().editor.setFocus()  # write the code first
        elif just_revealed:
            self.body.show_pane(0)  # the answer, in a small window's tabs
        self._drawn = (q.id, s.phase)
        self._draw_view(q, revealed)
        self._fill_checklist(q.key_points if revealed and not coding else ())
        self.checklist.setVisible(revealed and not coding)  # an exercise is graded by its tests instead
        self.test_hint.setVisible(revealed and coding)
        self.notes.setVisible(revealed)
        self.notes.set_question(q.id if revealed else None)
        self.reveal_button.setVisible(not revealed)
        # An exercise's card opens in its editor, where Space types a space: the label names the way out first.
        self.reveal_button.setText(f"Show answer   {'Ctrl+Tab, Space' if coding else 'Space'}")
        self.grade_row.setVisible(revealed)
        if revealed:
            self._update_grades()
        if just_revealed:  # (after the checklist's second fit, _fill_checklist: then the view's height is final)
            self.view.show_start_of("Answer")
        self._update_stopwatch()

    def _where(self, s: QuizSession, question_id: str) -> str:
        """How far along: '12 to go · 2 in learning steps · new'."""
        card = self.sr.card(question_id)
        kind = ("new" if card is None else "learning step" if s.is_repeat() or is_learning(card) else "review")
        steps = f" · {s.learning} in learning steps" if s.learning else ""
        return f"{s.remaining} to go{steps} · {kind}"

    def _draw_view(self, q: Question, revealed: bool) -> None:
        title = self.ctx.bank.category(q.category)
        # An exercise has no checklist, so its key points are on the page; its starter is in the editor.
        self.view.show_question(q, title.title if title else "", revealed, key_points=q.is_exercise, starter=False,
                                solution=revealed and self.exercise.panel is not None
                                and self.exercise.panel.solution_shown())

    def _place_exercise(self, panel: ExercisePanel) -> None:
        panel.save_failed.connect(self.ctx.status)
        panel.ran.connect(lambda _result: self._update_grades())
        panel.solution_toggled.connect(self._on_solution_toggled)
        panel.running_changed.connect(lambda running: self.body.show_pane(1) if running else None)
        self.body.set_second(panel, heading=panel.title)

    def _on_solution_toggled(self, on: bool) -> None:
        s = self.session
        q = self.ctx.bank.get(s.current) if s is not None and s.current else None
        if q is None:
            return
        if on and s is not None and s.phase is Phase.QUESTION:
            self.reveal_requested.emit()  # the solution gives the answer away: reveal, then show it
            return
        self._draw_view(q, s is not None and s.phase is Phase.REVEALED)
        if on:
            self.view.scroll_to_section("Solution")

    def start_stopwatch(self) -> None:
        """Repaint the stopwatch every second from now on (restarting the beat)."""
        self._tick.start()

    # Time spent away is not time on the card: the page is hidden when another mode is shown and, with the
    # window, when it is minimised (Qt sends its children hide and show events then too).
    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        if self.session is not None:
            self.session.pause()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.session is not None:
            self.session.resume()
            self._update_stopwatch()

    def stop(self) -> None:
        """The session is over or left: stop the stopwatch and let go of the session."""
        self._tick.stop()
        self.session = None
        self._drawn = None
        self.exercise.set_question(None)  # saves the code; Ctrl+Enter has nothing to run off the card

    def restyle(self) -> None:
        self.view.restyle()
        self.notes.restyle()
        self.exercise.restyle()
        if self.session is not None and self.session.phase is Phase.REVEALED:
            self._update_grades()
        self._style_grades()

    def _fill_checklist(self, points: tuple[str, ...]) -> None:
        self.ticks.fill(f"Which key points did you recall?  ({tick_range(len(points))} to tick)", points, ())
        self._fit_checklist()
        QTimer.singleShot(0, self._fit_checklist)  # again once the new rows are laid out and know their height

    def _short(self) -> bool:
        return self.height() < SHORT_BELOW * max(1.0, theme.text_scale())

    def _fit_checklist(self) -> None:
        """As tall as its points, but never more than a third of the page (a quarter of a short one) and the
        grade buttons on one line in a short page: the answer gets most of the height."""
        need = page_height(self.checklist)
        short = self._short()
        share = self.height() // (4 if short else 3)
        self.checklist.setFixedHeight(max(CHECKLIST_MIN, min(need, share)))
        self.view.set_title_size(1.05 if short else TITLE)
        if self.session is not None and self.session.phase is Phase.REVEALED:
            self._label_grades()

    def _label_grades(self) -> None:
        grading, sep = self.grading, "  " if self._short() else "\n"
        for grade, button in self.grade_buttons.items():
            button.setText(f"{grading.key(grade)}  {grading.name(grade)}{sep}{self._intervals.get(grade, '')}")

    def _update_grades(self) -> None:
        s = self.session
        if s is None or s.current is None:
            return
        grading = self.grading
        if self.exercise.panel is not None and self.exercise.question is not None:
            result = self.exercise.panel.last_result
            passed, total = (result.passed, result.total) if result else (0, 0)
            suggested = grading.suggest_from_tests(passed, total)
            self.test_hint.setText(
                f"Your last run passed {passed} of {total} tests: {grading.name(suggested)} is suggested. Enter "
                "accepts it, or choose another." if result else
                f"Not run yet, so {grading.name(suggested)} is suggested: Ctrl+Enter runs your code against "
                "the tests, and the grade follows them.")
        else:
            suggested = grading.suggest(sum(self.ticks.ticked()), len(self.ticks.ticked()), s.seconds_to_reveal)
        self._suggested = suggested
        preview = self.sr.preview(s.current)
        self._intervals = {grade: describe_interval(after) for grade, after in preview.items()}
        for grade, button in self.grade_buttons.items():
            button.setVisible(grade in grading.shown)
            button.setProperty("suggested", grade is suggested)
        self._label_grades()
        self._style_grades()

    def _style_grades(self) -> None:
        c = theme.current()
        # The keyboard's ring is in the text colour: the accent border already marks the suggested grade, and a
        # button's own sheet hides the window's ring, so a Tab to Hard looked like the focus was on Again.
        ring = f"QPushButton:focus {{ border-color: {c.text}; }}"
        for button in self.grade_buttons.values():  # one border width for all: one height for all
            if button.property("suggested"):
                button.setStyleSheet(f"QPushButton {{ border: 2px solid {c.accent}; border-radius: 6px; "
                                     f"background: {c.base}; font-weight: 600; }} {ring}")
            else:
                button.setStyleSheet(f"QPushButton {{ border: 2px solid {c.border}; border-radius: 6px; }} "
                                     f"QPushButton:hover {{ border-color: {c.accent}; }} {ring}")

    def _update_stopwatch(self) -> None:
        s = self.session
        if s is None or s.phase is Phase.FINISHED:
            self.stopwatch.setText("")
            return
        elapsed = int(s.elapsed())
        self.stopwatch.setText(f"Time {elapsed // 60}:{elapsed % 60:02d}")
