"""The mock interview mode: the page stack, the keyboard actions, and which page shows.

Running: the answer box has the focus from the moment a question appears; Ctrl+Enter
moves on, Ctrl+P pauses, Ctrl+Shift+Enter skips, Esc twice ends early. In a coding round Ctrl+Enter
runs the code instead, Alt+Enter moves on, and Esc cancels a run before it counts towards ending. Reviewing: keys
1-5 score, a-h tick key points, Ctrl+Up/Down move between questions and follow-ups, Esc goes back.
Quitting mid-interview asks first; an interview a quit or a crash stopped is offered on the
start page (Enter resumes it, paused where it stopped).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.core.interview import InterviewSession, Plan
from desktop.core.note_store import UserData
from desktop.ui.actions import TICK_KEYS, action, press_focused_button
from desktop.ui.context import AppContext
from desktop.ui.modes import QuitAnswer
from desktop.ui.modes.interview.picker import PickerPage
from desktop.ui.modes.interview.review import ReviewPage
from desktop.ui.modes.interview.runner import RunnerPage
from desktop.ui.widgets.page_stack import PageStack

TYPING_GRACE_S = 1.0  # keys closer together than this, from an answer the clock cut off, are still that typing


class Page(Enum):
    PICKER = "picker"  # presets, custom builder, history
    RUNNER = "runner"  # a question against the clock
    REVIEW = "review"  # answers against the model answers


class InterviewMode:
    def __init__(self, ctx: AppContext, monotonic: Callable[[], float] = time.monotonic) -> None:
        self.ctx = ctx
        self.pages = PageStack()
        self.pages.setObjectName("interviewMode")
        # The review gives the stack the keyboard focus, so digits and letters reach the shortcuts; it is no stop
        # of the Tab chain (a stack's own NoFocus): Tab there marked nothing and did nothing.
        self.pages.setAccessibleName("Mock interview")
        self.picker = PickerPage(ctx)
        self.runner = RunnerPage(ctx, monotonic, beep=self.picker.beep.isChecked)
        self.review = ReviewPage(ctx, final_runs=lambda: self.runner.final_run_relay.final_runs)
        self._page_widgets: dict[Page, QWidget] = {
            Page.PICKER: self.picker, Page.RUNNER: self.runner, Page.REVIEW: self.review}
        for widget in self._page_widgets.values():
            self.pages.addWidget(widget)
        self.picker.start_requested.connect(self.start_selected)
        self.picker.review_requested.connect(self.open_from_history)
        self.picker.resume_requested.connect(self.resume)
        self.picker.end_requested.connect(self.end_stopped)
        self.runner.repainted.connect(self._sync_actions)
        self.runner.finished.connect(self._finished)
        self.runner.final_run_relay.ended.connect(self.review.refresh_code)
        self.review.back_requested.connect(self.show_start)
        # The pages' widgets that tests and scripts/screenshots.py reach through the mode; built once, never replaced.
        p, r, v = self.picker, self.runner, self.review
        self.presets, self.lean_weak, self.beep, self.start_button, self.history = (
            p.presets, p.lean_weak, p.beep, p.start_button, p.history)
        self.custom_think, self.custom_answer = p.custom_think, p.custom_answer
        self.answer, self.question_label, self.follow_label, self.clock, self.pause_banner = (
            r.answer, r.question_label, r.follow_label, r.clock, r.pause_banner)
        self.follow_answer, self.resume_panel = r.follow_answer, p.resume_panel
        self.review_list, self.review_meta, self.your_answer, self.model_view = (
            v.review_list, v.review_meta, v.your_answer, v.model_view)
        self.overall_label, self.schedule_button, self.notes = v.overall_label, v.schedule_button, v.notes
        self.quit_box: QMessageBox | None = None  # the question asked on quitting mid-interview, while open
        self._typing_until = -1e9  # until then, review keys are the rest of an answer the clock cut off
        self._build_actions()
        self.show_start()

    def _build_actions(self) -> None:
        parent = self.pages

        self.start_action = action(parent, "Start interview (or resume the one offered)", ["Return", "Enter"],
                                   self.start_or_resume)
        self.next_action = action(parent, "Done, next (in a coding round: run the code)", ["Ctrl+Return", "Ctrl+Enter"],
                                  self.runner.run_or_next)
        self.done_action = action(parent, "Done with this exercise, next", ["Alt+Return", "Alt+Enter"],
                                  self.runner.next_phase)
        self.pause_action = action(parent, "Pause or resume", ["Ctrl+P"], self.runner.toggle_pause)
        self.skip_action = action(parent, "Skip question", ["Ctrl+Shift+Return", "Ctrl+Shift+Enter"],
                                  self.runner.skip)
        self.end_action = action(parent, "End interview (press twice)", ["Escape"], self.escape)
        self.score_actions = [action(parent, f"Score {n}", [str(n)], lambda n=n: self.set_score(n))
                              for n in range(1, 6)]
        self.tick_actions = [action(parent, f"Tick key point {k}", [k.upper()], lambda i=i: self.toggle_point(i))
                             for i, k in enumerate(TICK_KEYS)]
        self.review_next = action(parent, "Next question in review", ["Ctrl+Down"], lambda: self._step_review(1))
        self.review_prev = action(parent, "Previous question in review", ["Ctrl+Up"], lambda: self._step_review(-1))
        self.note_action = action(parent, "Edit my note", ["Ctrl+E"], self.review.notes.focus_editor)

    # ------------------------------------------------------------------- pages

    @property
    def page(self) -> Page:
        """The page on screen."""
        current = self.pages.currentWidget()
        return next(page for page, widget in self._page_widgets.items() if widget is current)

    def _show(self, page: Page) -> None:
        if self.pages.currentWidget() is not self._page_widgets[page]:
            self.ctx.status("")  # "Press Esc again…" belongs to the interview, not to its review
        self.pages.setCurrentWidget(self._page_widgets[page])

    @property
    def session(self) -> InterviewSession | None:
        """The interview being run, if any."""
        return self.runner.session

    @property
    def interview_id(self) -> int | None:
        """The stored interview on screen: the one under review, else the one run last."""
        return self.review.interview_id if self.page is Page.REVIEW else self.runner.interview_id

    @property
    def monotonic(self) -> Callable[[], float]:
        return self.runner.monotonic

    @monotonic.setter
    def monotonic(self, clock: Callable[[], float]) -> None:  # tests run the session on a fake clock
        self.runner.monotonic = clock

    # --------------------------------------------------------------- interface

    def widget(self) -> QWidget:
        return self.pages

    def actions(self) -> list[QAction]:
        return [self.start_action, self.next_action, self.done_action, self.pause_action, self.skip_action,
                self.end_action,
                *self.score_actions, *self.tick_actions, self.review_next, self.review_prev, self.note_action]

    def activate(self) -> None:
        self._sync_actions()
        if self.page is Page.RUNNER:
            self.runner.box().setFocus()
        elif self.page is Page.PICKER:
            self._focus_picker()

    def deactivate(self) -> None:
        """Saves what is typed; also called with the interview still on screen (a backup, an export)."""
        self.runner.save_answer()
        self.review.notes.flush()

    def left(self) -> None:
        self.runner.pause_for_leaving()

    def unsaved(self) -> dict[str, str]:
        return self.review.notes.unsaved()

    def restyle(self) -> None:
        self.picker.restyle()
        self.review.restyle()
        self.runner.restyle()

    def reload_user_data(self, _restored: UserData | None) -> None:
        self.review.notes.reload()
        if self.page is Page.PICKER:
            self.show_start()

    # ------------------------------------------------------------------ picker

    def selected_key(self) -> str:
        return self.picker.selected_key()

    def show_start(self) -> None:
        self.review.notes.flush()
        self.runner.stop()
        self.picker.refresh_history()
        self.picker.offer_resume(held=None)
        self._show(Page.PICKER)
        self._sync_actions()
        self._focus_picker()

    def _focus_picker(self) -> None:
        """An interview waiting to be resumed has the focus, so Enter resumes it; otherwise the presets do."""
        (self.picker.resume_button if self.picker.resume_id is not None else self.picker.presets).setFocus()

    def start_selected(self) -> None:
        self.start(self.picker.build_plan())

    def start_or_resume(self) -> None:
        """Enter: press the button the focus is on (Resume, End and review, Start), else start the selected one."""
        if not press_focused_button(self.picker):
            self.start_selected()

    # ------------------------------------------------------------------ runner

    def start(self, plan: Plan) -> None:
        if not plan.questions:
            self.ctx.status("No questions match that interview. Try other categories or difficulties.")
            return
        self._show(Page.RUNNER)  # first, so the answer box can take the focus
        self.runner.start(plan)

    def next_phase(self) -> None:
        self.runner.next_phase()

    def end_early(self) -> None:
        self.runner.end_early()

    def escape(self) -> None:
        if self.page is Page.REVIEW:
            self.show_start()
        elif self.page is Page.RUNNER:
            self.runner.escape()

    # ------------------------------------------------------------------ resume

    def resume(self, interview_id: int) -> bool:
        """Show a stopped interview where it stopped, paused (False, with a message, if it cannot be)."""
        log = self.ctx.store.interview_store
        interview = log.get(interview_id)
        if interview is None or interview.checkpoint is None:
            return False
        self._show(Page.RUNNER)
        try:
            self.runner.resume(interview, log.answers(interview_id))
        except ValueError as exc:
            self.ctx.status(f"This interview cannot be resumed ({exc}).")
            self.show_start()
            return False
        self.ctx.status("Resumed where it stopped, paused: Ctrl+P starts the clock")
        return True

    def end_stopped(self, interview_id: int) -> None:
        """End a stopped interview where it stopped, and review it."""
        if self.resume(interview_id):
            self.runner.end_early()

    def open_from_history(self, interview_id: int) -> None:
        interview = self.ctx.store.interview_store.get(interview_id)
        if interview is not None and interview.checkpoint is not None and interview_id != self.runner.interview_id:
            self.resume(interview_id)
        else:
            self.open_review(interview_id)

    def ask_before_quit(self, parent: QWidget, answered: Callable[[QuitAnswer], None]) -> bool:
        """Quitting mid-interview: pause and quit, end and review, or stay. False if nothing is running."""
        if not self.runner.running:
            return False
        if self.quit_box is not None:  # already asking (Ctrl+Q pressed again): the open question answers
            self.quit_box.raise_()
            return True
        was_paused = self.runner.paused
        self.runner.pause_for_leaving()  # the question takes no time off the clock
        box = QMessageBox(QMessageBox.Icon.Question, "Quit during an interview?",
                          "An interview is in progress.", parent=parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText("Pause it and quit: the next launch offers to resume it where it stopped, "
                               "with the clock paused. Or end it now and review your answers.")
        pause = box.addButton("&Pause and quit", QMessageBox.ButtonRole.AcceptRole)
        end = box.addButton("&End and review", QMessageBox.ButtonRole.ActionRole)
        stay = box.addButton("&Stay", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(stay)
        box.setEscapeButton(stay)

        def chosen() -> None:
            clicked = box.clickedButton()
            if clicked is pause:
                self.runner.pause_and_quit()
                answered("quit")
            elif clicked is end:
                self.runner.end_early()
                answered("show")
            else:
                if not was_paused:
                    self.runner.toggle_pause()
                answered("stay")

        box.finished.connect(lambda _r: chosen())
        box.finished.connect(lambda _r: setattr(self, "quit_box", None))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.quit_box = box
        return True

    def _finished(self, interview_id: int | None) -> None:
        if interview_id is not None:
            self.open_review(interview_id, fresh=True)
            if self.runner.ended_by_clock:
                self._typing_until = self.monotonic() + TYPING_GRACE_S
                self.ctx.status("Time is up. Keys typed on as it ran out are not taken as scores or ticks.")
        else:
            self.show_start()

    def _still_typing(self) -> bool:
        """A key that follows the last within TYPING_GRACE_S of an answer the clock cut off belongs to that
        answer, not to the review: "… 3 layers" must not score 3/5, nor "bagging" tick a, b and g."""
        now = self.monotonic()
        if now < self._typing_until:
            self._typing_until = now + TYPING_GRACE_S
            return True
        return False

    # ------------------------------------------------------------------ review

    def open_review(self, interview_id: int, fresh: bool = False) -> None:
        if not self.review.open(interview_id, fresh):
            return
        self._show(Page.REVIEW)
        self.review.show_first()
        self._sync_actions()
        self.pages.setFocus()

    def toggle_point(self, index: int) -> None:
        if self.page is Page.REVIEW and not self._still_typing():
            self.review.toggle_point(index)

    def set_score(self, score: int) -> None:
        if self.page is Page.REVIEW and not self._still_typing():
            self.review.set_score(score)

    def _step_review(self, delta: int) -> None:
        if self.page is Page.REVIEW:
            self.review.step(delta)

    # ----------------------------------------------------------------- actions

    def _sync_actions(self) -> None:
        page = self.page
        running = page is Page.RUNNER and self.runner.running
        self.start_action.setEnabled(page is Page.PICKER)
        for a in (self.next_action, self.skip_action):
            a.setEnabled(running and not self.runner.paused)
        self.done_action.setEnabled(running and not self.runner.paused and self.runner.coding)
        self.pause_action.setEnabled(running)
        self.end_action.setEnabled(page is not Page.PICKER)
        for a in (*self.score_actions, *self.tick_actions, self.review_next, self.review_prev, self.note_action):
            a.setEnabled(page is Page.REVIEW)
