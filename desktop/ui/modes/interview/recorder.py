"""Puts a running interview on disk: its start, every answer as it is typed, and where it stands.

Where it stands (the question, the phase and the time spent in it) is saved with every answer save,
at every phase change and pause, and every few seconds while the clock runs, so a crash resumes
within seconds of where it stopped. What cannot be written (a full disk) is kept and tried again,
never dropped.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from desktop.core.interview import InterviewSession, Plan, QuestionRecord
from desktop.core.interview_status import Status
from desktop.core.interview_store import InterviewAnswer, InterviewStore, Part
from desktop.core.store import StoreWriteError
from desktop.ui.context import AppContext

RETRY_MS = 3000  # how soon an answer that could not be written is tried again


class Recorder(QObject):
    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.interview_id: int | None = None
        self._pending: Plan | None = None  # an interview not yet on disk
        self._unsaved: dict[tuple[int, Part], str] = {}  # (question index, part) -> text not yet on disk
        self._written: dict[tuple[int, Part], str] = {}  # what is on disk, so unchanged text is not rewritten
        self._records: dict[int, QuestionRecord] = {}  # the records on disk, likewise
        self._retry = QTimer(self, singleShot=True, interval=RETRY_MS)
        self._retry.timeout.connect(self.flush)

    @property
    def log(self) -> InterviewStore:
        return self.ctx.store.interview_store

    def begin(self, plan: Plan) -> bool:
        """A new interview: record it now if the disk allows (False: it is kept and recorded later)."""
        self.interview_id, self._pending = None, plan
        self._unsaved, self._written, self._records = {}, {}, {}
        return self._record_start()

    def adopt(self, interview_id: int, rows: list[InterviewAnswer]) -> None:
        """A stored interview being resumed: what is on disk already is not written again."""
        self.interview_id, self._pending = interview_id, None
        self._unsaved = {}
        self._written = {(r.position, part): r.text(part) for r in rows for part in Part}
        self._records = {r.position: r.record.copy() for r in rows}

    def _record_start(self) -> bool:
        if self.interview_id is None and self._pending is not None:
            try:
                self.interview_id = self.log.start(self._pending)
            except StoreWriteError:
                return False
            self._pending = None
        return self.interview_id is not None

    def keep(self, index: int, part: Part, text: str) -> None:
        if self._written.get((index, part), "") != text or (index, part) in self._unsaved:
            self._unsaved[(index, part)] = text

    def flush(self) -> bool:
        """Write every answer typed and not yet on disk; keep them, and retry, while writes fail."""
        if not self._unsaved or (self.interview_id is None and self._pending is None):
            return True
        try:
            if not self._record_start():
                raise StoreWriteError("the interview itself could not be recorded yet")
            assert self.interview_id is not None
            for (index, part), text in list(self._unsaved.items()):
                self.log.save_answer(self.interview_id, index, part, text)
                self._written[(index, part)] = text
                del self._unsaved[(index, part)]
        except StoreWriteError as exc:
            self.ctx.status(f"Your answer could not be saved ({exc}); it is kept and retried.")
            self._retry.start()
            return False
        return True

    def save_progress(self, session: InterviewSession, status: Status = Status.RUNNING) -> None:
        """What happened so far and where the interview stands, in one write (only records that changed)."""
        if self.interview_id is None:
            return
        changed = {i: r.copy() for i, r in enumerate(session.records) if self._records.get(i) != r}
        try:
            self.log.save_progress(self.interview_id, changed, session.checkpoint(), status)
        except StoreWriteError as exc:
            self.ctx.status(f"Where the interview stands could not be saved ({exc}).")
            return
        self._records.update(changed)

    def finish(self, session: InterviewSession) -> None:
        """The interview is over: its answers, every record and its status."""
        self.flush()
        if self.interview_id is None:
            return
        try:
            self.log.finish(self.interview_id, dict(enumerate(session.records)), Status(session.phase.value))
        except StoreWriteError as exc:
            self.ctx.status(f"The interview could not be marked finished ({exc}).")
