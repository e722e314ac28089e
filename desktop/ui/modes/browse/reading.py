"""Browse's reading panel: a bar (previous, next, bookmark, hide answers) over the question with its
answer and the user's note on it, and for a coding exercise the code editor with its results beside
(or, in a narrow window, below) them. It draws what it is told and forwards the clicks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QSplitter, QVBoxLayout, QWidget

from desktop.core.bank import Question
from desktop.ui import theme
from desktop.ui.context import AppContext
from desktop.ui.widgets.adaptive_split import AdaptiveSplit
from desktop.ui.widgets.buttons import tool_button
from desktop.ui.widgets.exercise_slot import ExerciseSlot
from desktop.ui.widgets.note_editor import NoteEditor
from desktop.ui.widgets.on_resize import OnResize
from desktop.ui.widgets.question_view import QuestionView

if TYPE_CHECKING:
    from desktop.ui.widgets.exercise_panel import ExercisePanel

CODE_BESIDE_FROM = 960  # px of answer pane: wider, and an exercise's editor sits beside the statement
CODE_TABS_BELOW = 520  # px of height: lower (and not side by side), and statement and code are two tabs
NOTES_MIN = 140  # px: an open note shows a few lines, however short the window
BAR_CHROME = 150  # px the bar needs besides its words: the eye icon, the buttons' padding, the gaps


class ReadingPanel(QWidget):
    step_requested = Signal(int)  # -1 previous, +1 next
    bookmark_requested = Signal()
    hide_toggled = Signal(bool)  # the Hide answers button
    reveal_requested = Signal()  # the view's "Show answer" link

    def __init__(self, ctx: AppContext, questions: dict[str, Question], category_titles: dict[str, str],
                 bookmarks: set[str], hide_answers: bool) -> None:
        super().__init__()
        self._questions = questions
        self._category_titles = category_titles
        self._bookmarks = bookmarks  # shared with BrowseMode, which keeps them current
        self.qid: str | None = None  # the question on show
        self._compact = False

        rv = QVBoxLayout(self)
        rv.setContentsMargins(0, 8, 8, 8)
        rv.setSpacing(6)
        bar = QHBoxLayout()
        bar.setSpacing(4)
        self.prev_button = tool_button("‹ Previous")
        self.next_button = tool_button("Next ›")
        self.hide_button = tool_button("Hide answers")
        self.hide_button.setCheckable(True)
        self.hide_button.setChecked(hide_answers)
        self.hide_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.hide_button.setIcon(theme.icon("eye"))
        for b in (self.prev_button, self.next_button, self.hide_button):
            b.setAutoRaise(True)
        bar.addWidget(self.prev_button)
        bar.addWidget(self.next_button)
        bar.addStretch(1)
        bar.addWidget(self.hide_button)
        self.bookmark_button = tool_button("☆ Bookmark")
        self.bookmark_button.setObjectName("bookmarkButton")
        self.bookmark_button.setAutoRaise(True)
        self.bookmark_button.setToolTip("Bookmark this question (Ctrl+D)")
        bar.insertWidget(bar.count() - 1, self.bookmark_button)
        self.prev_button.setToolTip("Previous question (Ctrl+Up)")
        self.next_button.setToolTip("Next question (Ctrl+Down)")
        # In a narrow pane their text is only ‹ › ★ ☆: a screen reader is told the words instead.
        self.prev_button.setAccessibleName("Previous question")
        self.next_button.setAccessibleName("Next question")
        self.hide_button.setToolTip("Hide answers while browsing; Space reveals one (Ctrl+Shift+H)")
        self._bar_watcher = OnResize(self._fit_bar)
        self.installEventFilter(self._bar_watcher)
        self.view = QuestionView()
        self.notes = NoteEditor(ctx.store)
        self.right_split = QSplitter(Qt.Orientation.Vertical)
        self.right_split.setChildrenCollapsible(False)
        self.right_split.addWidget(self.view)
        self.right_split.addWidget(self.notes)
        self.right_split.setStretchFactor(0, 3)
        self.right_split.setStretchFactor(1, 1)
        self.right_split.setSizes([520, 200])
        self.exercise = ExerciseSlot(ctx.store, self)  # the code editor, built for the first coding exercise
        self.exercise.built.connect(self._place_exercise)
        self.body = AdaptiveSplit(self.right_split, ("Question", "Your code"), CODE_BESIDE_FROM, CODE_TABS_BELOW,
                                  first_share=0.45)
        self.notes.folded_changed.connect(self._fit_notes)
        rv.addLayout(bar)
        rv.addWidget(self.body, 1)
        self._page: tuple[Question | None, str, bool, tuple[str, ...]] = (None, "", False, ())

        self.bookmark_button.clicked.connect(self.bookmark_requested)
        self.notes.save_failed.connect(ctx.status)
        self.prev_button.clicked.connect(lambda: self.step_requested.emit(-1))
        self.next_button.clicked.connect(lambda: self.step_requested.emit(1))
        self.hide_button.toggled.connect(self.hide_toggled)
        self.view.reveal_requested.connect(self.reveal_requested)
        self._status = ctx.status

    def show_question(self, qid: str | None, revealed: bool, terms: tuple[str, ...],
                      has_prev: bool, has_next: bool) -> None:
        """Draw this question (None: none), its answer or the prompt to reveal it, with `terms` marked."""
        q = self._questions.get(qid) if qid else None
        title = self._category_titles.get(q.category, "") if q else ""
        exercise_reset = False
        if q is None or q is not self.exercise.question:
            self.exercise.set_question(q)  # saves the code of the exercise shown before
            self.body.show_pane(0)  # in a small window's tabs, a new question starts on its statement
            exercise_reset = q is not None and q.is_exercise  # (its solution hidden again)
        self.body.set_second_shown(self.exercise.question is not None)
        # The page as drawn stays when nothing on it changed: after an import the same question (a new, equal
        # object) is shown again, and drawing it takes ~6 ms of the turn that fills the list.
        page = (q, title, revealed, terms)
        redraw = page != self._page or exercise_reset
        self._page = page
        if redraw:
            self._draw_page()
        self.notes.setVisible(revealed)  # your note gives the answer away as surely as the answer does
        self.show_bookmark(qid)
        self.prev_button.setEnabled(has_prev)
        self.next_button.setEnabled(has_next)

    def show_bookmark(self, qid: str | None) -> None:
        self.qid = qid
        on = qid in self._bookmarks if qid else False
        self.bookmark_button.setText(("★" if on else "☆") if self._compact else
                                     ("★ Bookmarked" if on else "☆ Bookmark"))
        self.bookmark_button.setAccessibleName("Bookmarked" if on else "Bookmark")
        self.bookmark_button.setEnabled(qid is not None)

    def restyle(self) -> None:
        self._fit_bar(self.width())  # the words may have grown with the text size
        self.hide_button.setIcon(theme.icon("eye"))
        self.view.restyle()
        self.notes.restyle()
        self.exercise.restyle()

    def _draw_page(self) -> None:
        """The question as it stands; an exercise's starter is in the editor, its solution shown on request."""
        q, title, revealed, terms = self._page
        shown = self.exercise.panel is not None and self.exercise.panel.solution_shown()
        self.view.show_question(q, title, revealed, terms, starter=False, solution=shown)

    def _place_exercise(self, panel: ExercisePanel) -> None:
        panel.save_failed.connect(self._status)
        panel.solution_toggled.connect(self._on_solution_toggled)
        panel.running_changed.connect(lambda running: self.body.show_pane(1) if running else None)
        self.body.set_second(panel, heading=panel.title)

    def _on_solution_toggled(self, on: bool) -> None:
        self._draw_page()
        if on:
            self.body.show_pane(0)
            self.view.scroll_to_section("Solution")

    def _fit_notes(self, folded: bool) -> None:
        """A folded note is one line; an open one gets a third of the height, the answer the rest."""
        total = sum(self.right_split.sizes())
        notes = self.notes.maximumHeight() if folded else max(NOTES_MIN, total // 3)
        self.right_split.setSizes([max(0, total - notes), notes])

    def _fit_bar(self, width: int) -> None:
        """In a narrow answer pane the bar's buttons drop their words (tooltips keep them) instead of
        being cut to 'Boo…ked'."""
        fm = self.fontMetrics()
        words = sum(fm.horizontalAdvance(t) for t in ("‹ Previous", "Next ›", "★ Bookmarked", "Hide answers"))
        compact = width < words + BAR_CHROME
        if compact == self._compact:
            return
        self._compact = compact
        self.prev_button.setText("‹" if compact else "‹ Previous")
        self.next_button.setText("›" if compact else "Next ›")
        self.hide_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly if compact
                                            else Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.show_bookmark(self.qid)
