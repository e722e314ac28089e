"""The mock interview's running page: the question against the clock, and the answer box.

The clock is the core session's deadline; the Qt timer only repaints. Every keystroke of an
answer is saved (debounced), so a crash loses nothing; an answer that cannot be written (a full
disk) is kept and tried again until it can.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QHBoxLayout, QPlainTextEdit, QVBoxLayout, QWidget

from desktop.core.interview import InterviewSession, Phase, Plan, phase_name, plan_to_json, used_to_json
from desktop.core.store import StoreWriteError
from desktop.ui import theme
from desktop.ui.context import AppContext
from desktop.ui.widgets.autosave import SaveSoon
from desktop.ui.widgets.countdown import Countdown
from desktop.ui.widgets.labels import heading, muted

RETRY_MS = 3000  # how soon an answer that could not be written is tried again


class RunnerPage(QWidget):
    repainted = Signal()  # the clock, phase or pause state on screen changed
    finished = Signal(object)  # the interview is over: its id, or None if it could never be recorded

    def __init__(self, ctx: AppContext, monotonic: Callable[[], float], beep: Callable[[], bool]) -> None:
        super().__init__()
        self.ctx = ctx
        self.monotonic = monotonic  # the session's clock; tests inject a fake one
        self._beep = beep
        self.session: InterviewSession | None = None
        self.interview_id: int | None = None
        self._pending_start: tuple[str, str, list[tuple[str, float]]] | None = None  # not yet on disk
        self._unsaved_answers: dict[int, str] = {}  # question index -> text not yet on disk
        self._shown_index = -1
        self._phase_seen: tuple[int, Phase] | None = None
        self._beeped_for: tuple[int, Phase] | None = None
        self._esc_at = 0.0
        self._answer_autosave = SaveSoon(self.save_answer, self)
        self._answer_retry = QTimer(self, singleShot=True, interval=RETRY_MS)
        self._answer_retry.timeout.connect(self.save_answer)
        self._repaint_timer = QTimer(self, interval=100)  # repaints only; time comes from the deadline
        self._repaint_timer.timeout.connect(self._tick)
        self._build()

    def _build(self) -> None:
        v = QVBoxLayout(self)
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

    # ------------------------------------------------------------------ state

    @property
    def running(self) -> bool:
        return self.session is not None and not self.session.done

    @property
    def paused(self) -> bool:
        return self.session is not None and self.session.paused

    # --------------------------------------------------------------- commands

    def start(self, plan: Plan) -> None:
        """Run `plan` (it has questions) from its first question; the page is already showing."""
        self.interview_id = None
        self._unsaved_answers = {}
        self._pending_start = (plan.name, plan_to_json(plan),
                               [(q.question_id, q.think_s + q.answer_s + q.follow_up_s) for q in plan.questions])
        if not self._record_start():
            self.ctx.status("This interview can't be saved yet (the data folder can't be written); you can "
                            "still practise, and what you type is kept and saved as soon as it can be.")
        self.session = InterviewSession(plan, self.monotonic)
        self.session.start()
        self._shown_index = -1
        self._beeped_for = None
        self._repaint_timer.start()
        self._tick()

    def stop(self) -> None:
        """Leave without finishing: nothing more is shown or timed (answers waiting for the disk still go)."""
        self._repaint_timer.stop()
        self.session = None

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
        self.paint()

    def pause_for_leaving(self) -> None:
        """Leaving the mode mid-interview pauses the clock."""
        if self.session is not None and not self.session.done and not self.session.paused:
            self.session.pause()
            self.paint()

    def escape(self) -> None:
        """Esc once warns; Esc again within three seconds ends the interview early."""
        if self.session is None:
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
        self.answer.setStyleSheet(theme.reading_style())
        self.paint()

    # ------------------------------------------------------------- showing it

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
        self.paint()

    def _show_question(self) -> None:
        s = self.session
        assert s is not None and s.current is not None
        self.save_answer()
        self._shown_index = s.index
        q = self.ctx.bank.get(s.current.question_id)
        self.question_label.setText(q.title if q else s.current.question_id)
        self.answer.blockSignals(True)
        self.answer.clear()
        self.answer.blockSignals(False)
        self.answer.setFocus(Qt.FocusReason.OtherFocusReason)

    def paint(self) -> None:
        s = self.session
        if s is None or s.done or s.current is None:
            return
        remaining = s.remaining()
        self.clock.show_seconds(remaining)
        self.total_clock.show_seconds(s.total_remaining(), warn=False)
        self.phase_label.setText(phase_name(s.plan, s.phase))
        self.position_label.setText(f"Question {s.index + 1} of {len(s.plan.questions)}")
        follow = s.phase is Phase.FOLLOW_UP and bool(s.current.follow_up)
        self.follow_label.setText(f"Follow-up: {s.current.follow_up}" if follow else "")
        self.follow_label.setVisible(follow)
        self.pause_banner.setVisible(s.paused)
        self.answer.setEnabled(not s.paused)
        key = (s.index, s.phase)
        if remaining <= 0 and self._beeped_for != key:
            self._beeped_for = key
            if self._beep():
                QApplication.beep()
        self.repainted.emit()

    # ------------------------------------------------------------------ saving

    def _record_start(self) -> bool:
        """Write the interview's row, if not yet written (the disk may have been full when it began)."""
        if self.interview_id is None and self._pending_start is not None:
            try:
                self.interview_id = self.ctx.store.start_interview(*self._pending_start)
            except StoreWriteError:
                return False
            self._pending_start = None
        return self.interview_id is not None

    def save_answer(self) -> None:
        """Write every answer typed and not yet on disk; keep them, and retry, while writes fail."""
        self._answer_autosave.stop()
        if self._shown_index >= 0:
            self._unsaved_answers[self._shown_index] = self.answer.toPlainText()
        if not self._unsaved_answers or (self.interview_id is None and self._pending_start is None):
            return
        try:
            if not self._record_start():
                raise StoreWriteError("the interview itself could not be recorded yet")
            assert self.interview_id is not None
            for index, text in list(self._unsaved_answers.items()):
                self.ctx.store.save_interview_answer(self.interview_id, index, text)
                del self._unsaved_answers[index]
        except StoreWriteError as exc:
            self.ctx.status(f"Your answer could not be saved ({exc}); it is kept and retried.")
            self._answer_retry.start()

    def _save_timing(self, index: int) -> None:
        s = self.session
        if s is None or self.interview_id is None or index < 0:
            return
        record = s.records[index]
        try:
            self.ctx.store.save_interview_timing(self.interview_id, index, used_to_json(record),
                                                 round(record.overtime_s, 1), record.skipped)
        except StoreWriteError as exc:
            self.ctx.status(f"Timing could not be saved ({exc}).")

    def _finish(self) -> None:
        s = self.session
        assert s is not None
        self._repaint_timer.stop()
        self.save_answer()
        for i in range(len(s.records)):
            self._save_timing(i)
        if self.interview_id is not None:
            try:
                self.ctx.store.finish_interview(self.interview_id, s.phase.value)
            except StoreWriteError as exc:
                self.ctx.status(f"The interview could not be marked finished ({exc}).")
        self.session = None
        self._shown_index = -1  # the last answer is saved: no later save may read the box again
        self.finished.emit(self.interview_id)
