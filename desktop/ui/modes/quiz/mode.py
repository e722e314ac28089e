"""The quiz mode: the stack of pages, the keyboard actions, and the session they drive."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QWidget

from desktop.core.quiz import Grading, Phase, QuizSession, custom_deck, new_only
from desktop.core.scheduler import Grade, day_horizon, describe_interval
from desktop.core.settings import PASS_FAIL as PASS_FAIL_GRADING
from desktop.core.store import StoreWriteError
from desktop.core.study_plan import StudyPlan
from desktop.core.today import todays_study, tomorrow
from desktop.ui.actions import TICK_KEYS, action, press_focused_button
from desktop.ui.context import AppContext
from desktop.ui.modes.quiz.card import CardPage
from desktop.ui.modes.quiz.start import StartPage
from desktop.ui.modes.quiz.summary import SummaryPage
from desktop.ui.widgets.page_stack import PageStack

if TYPE_CHECKING:
    from desktop.core.note_store import UserData
    from desktop.ui.widgets.exercise_panel import ExercisePanel


class Page(Enum):
    START = "start"  # what is due, the deck choices, the settings
    CARD = "card"  # one question, then its answer and the grades
    SUMMARY = "summary"  # the session's results


class QuizMode:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self.sr = ctx.scheduler
        self.session: QuizSession | None = None
        self._label = ""
        self._build()
        self._build_actions()
        self.show_start()

    # ------------------------------------------------------------------ settings

    @property
    def pass_fail(self) -> bool:
        return self.ctx.prefs.get(PASS_FAIL_GRADING)

    @property
    def plan(self) -> StudyPlan:
        return StudyPlan.load(self.ctx.prefs)

    # ------------------------------------------------------------------ building

    def _build(self) -> None:
        self.pages = PageStack()
        self.pages.setObjectName("quizMode")
        self.pages.setAccessibleName("Quiz")
        # On a card the stack holds the keyboard focus (_show_card gives it), so letters and digits reach the
        # shortcuts instead of a text view (the note editor still takes them when focused). It is no stop of the
        # Tab chain (a stack's own NoFocus): Tab there marked nothing and did nothing.
        self.start_page = StartPage(self.ctx)
        self.card_page = CardPage(self.ctx)
        self.summary_page = SummaryPage()
        self.summary_page.setObjectName("quizSummary")
        self._page_widgets: dict[Page, QWidget] = {
            Page.START: self.start_page, Page.CARD: self.card_page, Page.SUMMARY: self.summary_page}
        for widget in self._page_widgets.values():
            self.pages.addWidget(widget)

        self.start_page.today_requested.connect(self.start_today)
        self.start_page.new_only_requested.connect(self.start_new_only)
        self.start_page.custom_requested.connect(self.start_custom)
        self.start_page.new_limit_changed.connect(self._on_new_limit)
        self.card_page.reveal_requested.connect(self.reveal)
        self.card_page.grade_requested.connect(self.grade)
        self.summary_page.drill_requested.connect(self.drill_again)
        self.summary_page.back_requested.connect(self.show_start)

        # The widgets tests and scripts reach, by the names they had before the pages were split out.
        sp, cp = self.start_page, self.card_page
        self.start_counts, self.new_limit, self.retention, self.pass_fail_box = (
            sp.start_counts, sp.new_limit, sp.retention, sp.pass_fail_box)
        self.custom_button, self.custom_categories, self.custom_count, self.custom_shuffle, self.custom_start = (
            sp.custom_button, sp.custom_categories, sp.custom_count, sp.custom_shuffle, sp.custom_start)
        self.view, self.notes, self.checklist_title, self.grade_buttons, self.grade_row = (
            cp.view, cp.notes, cp.ticks.title, cp.grade_buttons, cp.grade_row)
        self.exercise_slot = cp.exercise
        self.summary_values, self.drill_button = self.summary_page.summary_values, self.summary_page.drill_button

    def _build_actions(self) -> None:
        parent = self.pages
        self.start_action = action(parent, "Start today's study, then accept the suggested grade",
                                   ["Return", "Enter"], self._on_enter)
        self.reveal_action = action(parent, "Reveal answer", "Space", self.reveal)
        self.grade_actions = [action(parent, f"Grade {g.label}", str(int(g)), lambda g=g: self._grade_key(int(g)))
                              for g in Grade]
        self.tick_actions = [action(parent, f"Tick key point {k}", k.upper(), lambda i=i: self.toggle_point(i))
                             for i, k in enumerate(TICK_KEYS)]
        self.undo_action = action(parent, "Undo last grade", "Ctrl+Z", self.undo)
        self.end_action = action(parent, "End session (or cancel a run, or leave the note)", "Escape",
                                 self.end_session)
        self.note_action = action(parent, "Edit my note", "Ctrl+E", self.notes.focus_editor)
        self.bookmark_action = action(parent, "Bookmark question", "Ctrl+D", self.toggle_bookmark)

    # --------------------------------------------------------------- interface

    def widget(self) -> QWidget:
        return self.pages

    def actions(self) -> list[QAction]:
        self._label_grades()  # F1 reads these: Pass / Fail may have been switched since the last card
        return [self.start_action, self.reveal_action, *self.grade_actions, *self.tick_actions,
                self.undo_action, self.end_action, self.note_action, self.bookmark_action,
                self.exercise_slot.run_action, self.exercise_slot.reset_action, self.exercise_slot.solution_action]

    def activate(self) -> None:
        if self.session is None:
            self.show_start()
        if self.page is Page.START:  # not the first stop the stack's switch found (the side panel's fold button)
            self.start_page.start_button.setFocus()  # ringed: Enter and Space start today's study, as it shows
        self._sync_actions()

    def deactivate(self) -> None:
        self.notes.flush()
        self.exercise_slot.flush()

    def unsaved(self) -> dict[str, str]:
        return {**self.notes.unsaved(), **self.exercise_slot.unsaved()}

    def restyle(self) -> None:
        self.start_page.restyle()
        self.card_page.restyle()
        if self.page is Page.START:
            self.start_page.refresh()  # the plan or the daily limit may have changed

    def reload_user_data(self, _restored: UserData | None) -> None:
        self.notes.reload()
        self.exercise_slot.reload()
        if self.session is None:
            self.show_start()

    @property
    def exercise(self) -> ExercisePanel:
        """The card's code editor panel (built on first use: normally when a coding exercise is first shown)."""
        return self.exercise_slot.get()

    @property
    def page(self) -> Page:
        """The page on show."""
        current = self.pages.currentWidget()
        return next(page for page, widget in self._page_widgets.items() if widget is current)

    def _show_page(self, page: Page) -> None:
        if self.pages.currentWidget() is not self._page_widgets[page]:
            self.ctx.status("")  # a message belongs to the page it was said on
        self.pages.setCurrentWidget(self._page_widgets[page])

    # ------------------------------------------------------------------ flow

    def show_start(self) -> None:
        self.notes.flush()
        self.session = None
        self.card_page.stop()
        self.start_page.refresh()
        self._show_page(Page.START)
        focus = QApplication.focusWidget()
        if self.pages.isVisible() and (focus is None or not self.start_page.isAncestorOf(focus)):  # back (Esc)
            self.start_page.start_button.setFocus()
        self._sync_actions()

    def start_today(self) -> None:
        self._start(todays_study(self.ctx.bank, self.sr, self.plan).deck, "Today's study")

    def start_new_only(self) -> None:
        self._start(new_only(self.ctx.bank, self.sr, self.plan, self.start_page.new_only_count()), "New questions")

    def start_custom(self) -> None:
        deck = self.start_page.custom_deck()
        notes = self.ctx.store.note_store
        ids = custom_deck(self.ctx.bank, deck, notes.bookmarks(), set(notes.notes()))
        if not ids:
            self.ctx.status("No question matches those choices")
            return
        self.start_page.remember_custom()
        self._start(ids, "Custom quiz")

    def start_drill(self, question_ids: list[str], label: str = "Drill") -> None:
        """A session on exactly these questions (Progress's weakest or a category to study, a summary's misses)."""
        self._start(list(question_ids), label)

    def drill_again(self) -> None:
        if self.session is not None:
            missed = self.session.summary(self.ctx.bank).to_drill
            if missed:
                self.start_drill(missed)

    def _start(self, ids: list[str], label: str) -> None:
        if not ids:
            self.ctx.status("Nothing to study right now")
            return
        self.session = QuizSession(ids, self.sr)
        self._label = label
        self._show_page(Page.CARD)
        self.card_page.start_stopwatch()
        self._show_card()

    def reveal(self) -> None:
        if self.session is None or self.session.phase is not Phase.QUESTION:
            return
        self.session.reveal()
        self._show_card()

    def toggle_point(self, index: int) -> None:
        if self.session is None or self.session.phase is not Phase.REVEALED:
            return
        self.card_page.toggle_point(index)

    def grade(self, grade: Grade) -> None:
        if self.session is None or self.session.phase is not Phase.REVEALED:
            return
        self.notes.flush()
        name, interval = self.card_page.grade_words(grade)  # the words on the button pressed
        try:
            self.session.grade(grade)
        except StoreWriteError as exc:
            self.ctx.status(f"Could not save the grade ({exc}); nothing was recorded. Try again.")
            return
        due = self._last_due()
        interval = interval or describe_interval(due - self.sr.clock())
        self.ctx.status(f"{name}: back in this session ({interval})" if due < day_horizon(self.sr.clock())
                        else f"{name}: back in {interval}")
        if self.session.finished:  # grading may have ended the session
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
        self._show_page(Page.CARD)
        self.card_page.start_stopwatch()
        self._show_card()
        self.ctx.status("Last grade undone")

    def toggle_bookmark(self) -> None:
        """Ctrl+D: bookmark the card's question (or take the bookmark off), as in Browse, without leaving the quiz."""
        qid = self.session.current if self.session is not None and self.page is Page.CARD else None
        if qid is None:
            return
        on = self.ctx.toggle_bookmark(qid)
        if on is not None:
            self.ctx.status("Bookmarked: Browse's Bookmarked filter finds it" if on else "Bookmark removed")

    def end_session(self) -> None:
        """Esc: cancels a run of the exercise on the card first; leaves the note being written next (a user
        pressing Esc there means to leave the text, so the keys grade again, not to lose the session); else
        ends the session."""
        if self.exercise_slot.running:
            self.exercise_slot.cancel()
            return
        if self.session is None:
            return
        if self.notes.edit.hasFocus():
            self.notes.flush()
            self.pages.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.ctx.status("Out of your note: the keys grade and tick again; Esc again ends the session")
            return
        if self.session.results:
            self._show_summary()
        else:
            self.show_start()

    # --------------------------------------------------------------- keys

    def _grade_key(self, digit: int) -> None:
        """1–4 grade; in Pass/Fail mode 1 is Fail and 2 is Pass."""
        grade = Grading(pass_fail=self.pass_fail).for_key(digit)
        if grade is not None:
            self.grade(grade)

    def _on_enter(self) -> None:
        page = self.page
        # A button Tab reached: Drill, New questions only; on a card only a grade (Ctrl+Tab leaves an exercise's
        # code for its Run button, and Enter there reveals the answer, as before)
        if press_focused_button(self.card_page.grade_row if page is Page.CARD else self.pages):
            return
        if page is Page.START and self.start_page.in_custom_builder(QApplication.focusWidget()):
            self.start_custom()  # Enter in the custom builder starts what it describes
        elif page is Page.START:
            self.start_today()
        elif page is Page.CARD and self.session is not None:
            if self.session.phase is Phase.QUESTION:
                self.reveal()
            else:
                self.grade(self.card_page.suggested)
        elif page is Page.SUMMARY:
            self.show_start()

    # --------------------------------------------------------------- display

    def _show_card(self) -> None:
        assert self.session is not None
        self.card_page.show_card(self.session, self._label)
        self._sync_actions()
        panel = self.exercise_slot.panel
        coding = panel is not None and panel.editor.hasFocus() and self.session.phase is Phase.QUESTION
        if not (self.notes.edit.hasFocus() or coding):  # typing goes on; otherwise the keys grade
            self.pages.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_summary(self) -> None:
        s = self.session
        assert s is not None
        self.notes.flush()
        self.card_page.stop()
        bank, plan = self.ctx.bank, self.plan
        self.summary_page.show_summary(s.summary(bank), bank, todays_study(bank, self.sr, plan),
                                       tomorrow(bank, self.sr, plan))
        self._show_page(Page.SUMMARY)
        self._sync_actions()

    def _last_due(self) -> datetime:
        s = self.session
        assert s is not None and s.results
        card = self.sr.card(s.results[-1].question_id)
        assert card is not None
        return card.due

    def _sync_actions(self) -> None:
        on_card = self.page is Page.CARD
        phase = self.session.phase if self.session else None
        revealed = on_card and phase is Phase.REVEALED
        self.reveal_action.setEnabled(on_card and phase is Phase.QUESTION)
        for a in (*self.grade_actions, *self.tick_actions):
            a.setEnabled(revealed)
        self.undo_action.setEnabled(self.session is not None and bool(self.session.results))
        self.end_action.setEnabled(on_card)
        self.note_action.setEnabled(revealed)
        self.bookmark_action.setEnabled(on_card and self.session is not None)
        self._label_grades()

    def _label_grades(self) -> None:
        """Under Pass / Fail, 1 is Fail and 2 Pass, and 3 and 4 do nothing: the menu and F1 say so."""
        grading = Grading(pass_fail=self.pass_fail)
        for digit, a in enumerate(self.grade_actions, start=1):
            grade = grading.for_key(digit)
            a.setText(f"Grade {grading.name(grade)}" if grade is not None else a.text())
            a.setVisible(grade is not None)

    def _on_new_limit(self) -> None:
        if self.session is None:
            self.show_start()
