"""The mock interview's running page: the question against the clock, and the answer boxes.

The clock is the core session's deadline; the Qt timer only repaints. The follow-up has a box of its
own, so each answer is reviewed on its own. Every keystroke is saved (debounced) with where the
interview stands, so a quit or a crash resumes where it stopped (recorder.py does the disk).

In a coding round the code editor replaces the answer box: the code is the answer (saved the same
way), Ctrl+Enter runs it against the exercise's tests, Esc cancels a run, Alt+Enter moves on, and each
run is recorded as made during this interview, for the review's "tests passed over time". When a
question closes mid-run (its time ran out, or the candidate moved on), the run goes on without the
editor (final_run_relay.py): core/final_runs.py says whether it counts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QHBoxLayout, QPlainTextEdit, QStackedWidget, QVBoxLayout, QWidget

from desktop.core.interview import InterviewSession, Phase, Plan, phase_name
from desktop.core.interview_status import Status
from desktop.core.interview_store import Interview, InterviewAnswer, Part
from desktop.core.wording import clock_text
from desktop.ui import theme
from desktop.ui.context import AppContext
from desktop.ui.modes.interview.final_run_relay import FinalRunRelay
from desktop.ui.modes.interview.recorder import Recorder
from desktop.ui.modes.interview.runner_buttons import RunnerButtons
from desktop.ui.widgets.autosave import SaveSoon
from desktop.ui.widgets.countdown import Countdown
from desktop.ui.widgets.exercise_slot import ExerciseSlot
from desktop.ui.widgets.labels import heading, muted
from desktop.ui.widgets.on_resize import OnResize
from desktop.ui.widgets.typeset_label import TypesetLabel

if TYPE_CHECKING:
    from desktop.ui.widgets.exercise_panel import ExercisePanel

HEARTBEAT_MS = 5000  # while the clock runs, where the interview stands is saved this often
SLEEP_GAP_S = 60.0  # the clock is repainted every 0.1 s: a leap this long between two looks was the computer asleep
ANSWER_DURING_FOLLOW_UP = 96  # px: the question's answer stays in view, read-only, above the follow-up's box
NO_LIMIT = 16777215  # QWIDGETSIZE_MAX
BIG_CLOCK, SMALL_CLOCK = 6.0, 3.2  # the countdown's size, as a multiple of the interface's text
CODING_CLOCK = 2.2  # a coding round gives the height to the code
COMPACT_BELOW = 430  # px of page height at 100 % text: shorter, the clock shrinks and the key hints go
HINTS = "Ctrl+Enter  done, next     Ctrl+P  pause     Ctrl+Shift+Enter  skip     Esc twice  end"
CODING_HINTS = "Ctrl+Enter  run     Alt+Enter  done, next     Ctrl+P  pause     Esc  cancel a run, twice: end"


class RunnerPage(QWidget):
    repainted = Signal()  # the clock, phase or pause state on screen changed
    finished = Signal(object)  # the interview is over: its id, or None if it could never be recorded

    def __init__(self, ctx: AppContext, monotonic: Callable[[], float], beep: Callable[[], bool]) -> None:
        super().__init__()
        self.ctx = ctx
        self.monotonic = monotonic  # the session's clock; tests inject a fake one
        self._beep = beep
        self.final_run_relay = FinalRunRelay(ctx, self)  # a run going as its question closes
        self.session: InterviewSession | None = None
        self.recorder = Recorder(ctx, self)
        self._shown_index = -1
        self._phase_seen: tuple[int, Phase] | None = None
        self._beeped_for: tuple[int, Phase] | None = None
        self._esc_at = -1e9
        self.ended_by_clock = False  # the last interview ended as its time ran out, not on a key
        self._answer_autosave = SaveSoon(self.save_answer, self)
        self._heartbeat = QTimer(self, interval=HEARTBEAT_MS)
        self._heartbeat.timeout.connect(lambda: None if self.paused else self._save_progress())
        self._repaint_timer = QTimer(self, interval=100)  # repaints only; time comes from the deadline
        self._repaint_timer.timeout.connect(self._tick)
        self._build()

    def _build(self) -> None:
        v = QVBoxLayout(self)
        v.setContentsMargins(32, 16, 32, 16)
        v.setSpacing(8)
        self._top = top = QHBoxLayout()
        self.phase_label = heading("Thinking", 1.2)
        self.phase_label.setObjectName("phaseLabel")
        self.position_label = muted()
        self.total_clock = Countdown(1.45)
        self.total_clock.setToolTip("Time left in the whole interview")
        top.addWidget(self.phase_label)
        top.addSpacing(12)
        top.addWidget(self.position_label, 1)
        # A coding round in a short page: the question's clock moves up here, so the code gets its row.
        self.lap_clock = Countdown(1.45)
        self.lap_clock.setToolTip("Time left on this question")
        self.lap_clock.hide()
        top.addWidget(self.lap_clock)
        top.addSpacing(16)
        top.addWidget(muted("Total"))
        top.addWidget(self.total_clock)
        self.clock = Countdown(BIG_CLOCK)
        self.clock.setObjectName("bigCountdown")
        self.question_label = TypesetLabel("", 1.45, bold=True)
        self.question_label.setObjectName("interviewQuestion")
        self.follow_label = TypesetLabel("", 1.15, bold=True)
        self.follow_label.setObjectName("followUpLabel")
        self.answer = self._answer_box("interviewAnswer", "Jot your thoughts while thinking, and key points while "
                                       "answering. Everything you type is saved as you go.")
        self.follow_answer = self._answer_box("followUpAnswer", "Your answer to the follow-up: it is reviewed and "
                                              "scored on its own.")
        self.pause_banner = heading("Paused: Ctrl+P to resume", 1.5)
        self.pause_banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # The banner takes the big clock's place while paused, so nothing below it moves.
        self.clock_slot = QStackedWidget()
        self.clock_slot.addWidget(self.clock)
        self.clock_slot.addWidget(self.pause_banner)
        # A coding round's answer box, built for its first exercise; its code is the answer, saved by the recorder.
        self.code_slot = ExerciseSlot(self.ctx.store, self, keeps_code=False, offers_solution=False)
        self.code_slot.built.connect(self._place_code)
        self.buttons = RunnerButtons(self.next_phase, self.skip, self.toggle_pause, self.end_early)
        self.hints = hints = muted(HINTS)
        hints.setAlignment(Qt.AlignmentFlag.AlignCenter)
        v.addLayout(top)
        v.addWidget(self.clock_slot)
        v.addWidget(self.question_label)
        v.addWidget(self.answer, 1)
        v.addWidget(self.follow_label)
        v.addWidget(self.follow_answer, 1)
        v.addWidget(self.buttons)
        v.addWidget(hints)
        self.follow_label.setVisible(False)
        self.follow_answer.setVisible(False)
        self._compact: tuple[bool, bool] | None = None
        self._fit_watcher = OnResize(lambda _w: self._fit_height())
        self.installEventFilter(self._fit_watcher)

    def _fit_height(self) -> None:
        """A short window (or large text) gets a smaller clock and no key hints (they are in the menu and
        on F1), so the question and the answer box keep their room."""
        compact = self.height() < COMPACT_BELOW * max(1.0, theme.text_scale())
        if (compact, self.coding) == self._compact:
            return
        self._compact = compact, self.coding
        self.clock.set_size(CODING_CLOCK if self.coding else SMALL_CLOCK if compact else BIG_CLOCK)
        self.lap_clock.setVisible(self._clock_up_top())
        self.clock_slot.setVisible(not self._clock_up_top() or self.paused)
        hints = CODING_HINTS if self.coding else HINTS
        self.hints.setText(hints)
        self.hints.setVisible(not compact)
        self._place_buttons(compact)
        for box in (self.answer, self.follow_answer):
            box.setToolTip(hints if compact else "")

    def _place_buttons(self, compact: bool) -> None:
        """Below the answer, or in a short page on the top row (short words), so the answer keeps its rows."""
        page = self.layout()
        assert isinstance(page, QVBoxLayout)
        for layout in (page, self._top):
            layout.removeWidget(self.buttons)
        if compact:
            self._top.insertWidget(self._top.indexOf(self.position_label) + 1, self.buttons)
        else:
            page.insertWidget(page.indexOf(self.hints), self.buttons)
        self.buttons.set_compact(compact)

    def _clock_up_top(self) -> bool:
        return self._compact == (True, True)  # compact, coding

    def _answer_box(self, name: str, placeholder: str) -> QPlainTextEdit:
        box = QPlainTextEdit()
        box.setObjectName(name)
        box.setPlaceholderText(placeholder)
        box.setStyleSheet(theme.reading_style())
        box.document().setDocumentMargin(10)  # as the notes': the words clear of the box's edge
        box.setTabChangesFocus(True)  # prose has no use for a tab: Tab moves on to the buttons below
        box.textChanged.connect(self._answer_autosave.poke)
        return box

    # ------------------------------------------------------------------ state

    @property
    def running(self) -> bool:
        return self.session is not None and not self.session.done

    @property
    def paused(self) -> bool:
        return self.session is not None and self.session.paused

    @property
    def interview_id(self) -> int | None:
        return self.recorder.interview_id

    @property
    def code(self) -> ExercisePanel:
        """A coding round's code editor panel (built on first use)."""
        return self.code_slot.get()

    def _place_code(self, panel: ExercisePanel) -> None:
        panel.edited.connect(self._answer_autosave.poke)  # not on loading a question: that is no answer
        panel.save_failed.connect(self.ctx.status)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.indexOf(self.answer) + 1, panel, 1)

    @property
    def coding(self) -> bool:
        """The question on screen is a coding round's exercise: the code editor is its answer box."""
        return self.code_slot.question is not None

    def box(self, phase: Phase | None = None) -> QPlainTextEdit:
        """The box the current (or given) phase types into: the follow-up has its own, an exercise the editor."""
        phase = phase or (self.session.phase if self.session else Phase.ANSWER)
        if phase is Phase.FOLLOW_UP:
            return self.follow_answer
        return self.code_slot.get().editor if self.coding else self.answer

    # --------------------------------------------------------------- commands

    def start(self, plan: Plan) -> None:
        """Run `plan` (it has questions) from its first question; the page is already showing."""
        if not self.recorder.begin(plan):
            self.ctx.status("This interview can't be saved yet (the data folder can't be written); you can "
                            "still practise, and what you type is kept and saved as soon as it can be.")
        self.session = InterviewSession(plan, self.monotonic, SLEEP_GAP_S)
        self.session.start()
        self._run()

    def resume(self, interview: Interview, rows: list[InterviewAnswer]) -> None:
        """Show a stored interview where it stopped, paused, its answers back in their boxes.

        Raises ValueError if it cannot be resumed (no checkpoint, or one that does not fit its plan).
        """
        if interview.checkpoint is None:
            raise ValueError("this interview has nothing to resume")
        self.session = InterviewSession.resume_from(interview.plan, [r.record for r in rows], interview.checkpoint,
                                                    self.monotonic, SLEEP_GAP_S)
        self.recorder.adopt(interview.id, rows)
        self._run(rows[interview.checkpoint.index])
        self._save_progress()  # held by this app again: RUNNING, so a crash now is found at the next launch

    def _run(self, stored: InterviewAnswer | None = None) -> None:
        self._shown_index = -1
        self._phase_seen = None
        self._beeped_for = None
        self._show_question(stored)
        self._repaint_timer.start()
        self._heartbeat.start()
        self._tick()

    def stop(self) -> None:
        """Leave without finishing: nothing more is shown or timed (answers waiting for the disk still go)."""
        self._repaint_timer.stop()
        self._heartbeat.stop()
        self._answer_autosave.stop()
        self.session = None
        self._shown_index = -1  # the boxes no longer belong to a live interview: no later save reads them
        self.code_slot.set_question(None)

    def run_or_next(self) -> None:
        """Ctrl+Enter: in a coding round it runs the code (many times); elsewhere it moves on."""
        if self.coding:
            if self.session is not None and not self.session.done and not self.session.paused:
                self.code_slot.run()
        else:
            self.next_phase()

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
        self._save_progress()
        self.paint()
        if not s.paused:  # pausing disabled the box, which took the keyboard with it: give it back
            self.box(s.phase).setFocus(Qt.FocusReason.OtherFocusReason)

    def pause_for_leaving(self) -> None:
        """Leaving the mode mid-interview pauses the clock."""
        if self.session is not None and not self.session.done and not self.session.paused:
            self.session.pause()
            self._save_progress()
            self.paint()

    def pause_and_quit(self) -> None:
        """The app is quitting: pause, and leave the interview on disk to resume at the next launch."""
        s = self.session
        if s is None or s.done:
            return
        s.pause()
        self.save_answer()
        self.recorder.save_progress(s, Status.PAUSED)
        self.stop()

    def escape(self) -> None:
        """Esc once warns; Esc again within three seconds ends the interview early."""
        if self.session is None:
            return
        if self.code_slot.running:
            self.code_slot.cancel()  # Esc stops a run first; it takes two more to end the interview
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

    def restyle(self) -> None:
        self.code_slot.restyle()
        self._compact = None
        self._fit_height()  # the text size may have changed
        for box in (self.answer, self.follow_answer):
            box.setStyleSheet(theme.reading_style())
        for label in (self.question_label, self.follow_label):
            label.setText(label.text())  # formulas re-typeset in the theme's colour
        self.paint()

    # ------------------------------------------------------------- showing it

    def _tick(self) -> None:
        s = self.session
        if s is None:
            return
        was_paused, was_done = s.paused, s.done
        s.update()
        if s.paused and not was_paused:  # only a leap of the clock pauses here
            self._save_progress()
            # Short: a 760 px window's status bar shows about 80 characters; the banner says how to resume.
            self.ctx.status(f"Asleep {clock_text(s.slept_s)}: the interview paused where it stood; that time "
                            "does not count.")
        if s.done:
            self.ended_by_clock = not was_done  # done by update(): a deadline, mid-word perhaps
            self._finish()
            return
        if s.index != self._shown_index:
            self.save_answer()
            self._close_code()
            self._show_question()
        key = (s.index, s.phase)
        if self._phase_seen != key:
            self._phase_seen = key
            self.save_answer()
            self._save_progress()
            self._lay_out_phase(s.phase)
        self.paint()

    def _show_question(self, stored: InterviewAnswer | None = None) -> None:
        s = self.session
        assert s is not None and s.current is not None
        self._shown_index = s.index
        q = self.ctx.bank.get(s.current.question_id)
        self.question_label.setText(q.title if q else s.current.question_id)
        follow = s.current.follow_up
        self.follow_label.setText(f"{phase_name(s.plan, Phase.FOLLOW_UP)}: {follow}" if follow else "")
        for box, text in ((self.answer, stored.answer if stored else ""),
                          (self.follow_answer, stored.follow_up_answer if stored else "")):
            box.blockSignals(True)
            box.setPlainText(text)
            box.moveCursor(box.textCursor().MoveOperation.End)
            box.blockSignals(False)
        exercise = q if q is not None and q.is_exercise and s.plan.kind == "coding" else None
        if exercise is not None:
            self.code.interview_id = self.recorder.interview_id  # its runs are this interview's
        self.code_slot.set_question(exercise, code=(stored.answer if stored else "") or None)  # none typed: starter
        if self.code_slot.panel is not None:
            self.code_slot.panel.setVisible(exercise is not None)
        self.answer.setVisible(exercise is None)
        self._fit_height()  # a coding round's clock is smaller and its key hints differ

    def _lay_out_phase(self, phase: Phase) -> None:
        """The follow-up gets its own box; the question's answer stays in view above it, read-only."""
        follow = phase is Phase.FOLLOW_UP
        self.follow_label.setVisible(follow)
        self.follow_answer.setVisible(follow)
        self.answer.setReadOnly(follow)
        self.answer.setMaximumHeight(ANSWER_DURING_FOLLOW_UP if follow else NO_LIMIT)
        self.box(phase).setFocus(Qt.FocusReason.OtherFocusReason)

    def paint(self) -> None:
        s = self.session
        if s is None or s.done or s.current is None:
            return
        remaining = s.remaining()
        self.clock.show_seconds(remaining)
        self.lap_clock.show_seconds(remaining)
        self.total_clock.show_seconds(s.total_remaining(), warn=False)
        self.phase_label.setText(phase_name(s.plan, s.phase))
        self.position_label.setText(f"Question {s.index + 1} of {len(s.plan.questions)}")
        self.pause_banner.setText(f"Paused at {clock_text(remaining)}: Ctrl+P to resume")
        self.clock_slot.setCurrentWidget(self.pause_banner if s.paused else self.clock)
        self.clock_slot.setVisible(s.paused or not self._clock_up_top())  # the banner always shows
        for widget in (self.answer, self.follow_answer, self.code_slot.panel):
            if widget is not None:
                widget.setEnabled(not s.paused)
        self.buttons.sync(s.paused, self.coding)
        key = (s.index, s.phase)
        if remaining <= 0 and self._beeped_for != key:
            self._beeped_for = key
            if self._beep():
                QApplication.beep()
        self.repainted.emit()

    # ------------------------------------------------------------------ saving

    def save_answer(self) -> None:
        """Write both boxes of the question on screen, if they changed, and where the interview stands."""
        self._answer_autosave.stop()
        if self._shown_index >= 0:
            self.recorder.keep(self._shown_index, Part.MAIN, self.box(Phase.ANSWER).toPlainText())
            self.recorder.keep(self._shown_index, Part.FOLLOW_UP, self.follow_answer.toPlainText())
        if self.recorder.flush():
            self._save_progress()

    def _save_progress(self) -> None:
        if self.session is not None and not self.session.done:
            self.recorder.save_progress(self.session)

    def _finish(self) -> None:
        s = self.session
        assert s is not None
        self._repaint_timer.stop()
        self._heartbeat.stop()
        self.save_answer()
        self._close_code()
        self.recorder.finish(s)
        self.session = None
        self._shown_index = -1  # the last answer is saved: no later save may read the boxes again
        self.code_slot.set_question(None)
        self.finished.emit(self.recorder.interview_id)

    def _close_code(self) -> None:
        if self.code_slot.panel is not None:  # the exercise on screen closes: its code (just saved) is the answer
            self.final_run_relay.close(self.code_slot.panel, self.recorder.interview_id)
