"""What every mode is handed: the bank, the search index, settings and a way to talk to the user."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import InitVar, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings

from desktop.core.bank import Bank
from desktop.core.changes import Change, Changed
from desktop.core.search import SearchIndex
from desktop.core.settings import RETENTION, Settings
from desktop.core.store import Store, StoreWriteError

if TYPE_CHECKING:
    from desktop.core.scheduler import SpacedRepetition
    from desktop.core.study_record import StudyRecord
    from desktop.ui.day_watch import DayWatch


@dataclass
class AppContext:
    bank: Bank
    index: SearchIndex
    settings: QSettings
    store: Store
    data_dir: Path
    status: Callable[[str], None]  # a quiet status-bar message
    sr: SpacedRepetition | None = None  # built from the store when not given
    # Set by the main window so a mode can send the user elsewhere without importing another mode.
    open_question: Callable[[str], None] | None = None  # show a question in Browse
    drill: Callable[[list[str], str], None] | None = None  # start a Quiz on these questions, under this label
    # Re-reads the bundled bank plus imported decks; pass a breathe() (core.threads) on a worker thread.
    load_bank: Callable[[Callable[[], None] | None], Bank] | None = None
    typed_settings: InitVar[Settings | None] = None  # app.py's, which has read the theme already
    prefs: Settings = field(init=False)  # typed, validated access to `settings`
    _study_record: StudyRecord | None = field(default=None, init=False, repr=False)
    _day_watch: DayWatch | None = field(default=None, init=False, repr=False)

    def __post_init__(self, typed_settings: Settings | None) -> None:
        self.prefs = typed_settings or Settings(self.settings)
        self.store.changes.subscribe(self._keep_index_current)

    def _keep_index_current(self, changed: Changed) -> None:
        """Notes are searchable wherever they were written (Browse, Quiz, Mock review)."""
        if changed.touches(Change.NOTES):
            if not changed.question_ids:  # everything (a restore): only the notes that differ are indexed again
                restored = changed.restored  # read on the restore's worker, which indexed them too
                self.index.sync_notes(restored.notes if restored is not None else self.store.note_store.notes())
            for qid in changed.question_ids:
                self.index.set_note(qid, self.store.note_store.note(qid))

    def toggle_bookmark(self, question_id: str) -> bool | None:
        """Ctrl+D in any mode: the bookmark's new state, or None when it could not be saved (the user is told)."""
        try:
            return self.store.note_store.toggle_bookmark(question_id)
        except StoreWriteError as exc:
            self.status(f"Could not save the bookmark ({exc}).")
            return None

    @property
    def scheduler(self) -> SpacedRepetition:
        """Built on first use, so start-up does not import fsrs before the window shows."""
        if self.sr is None:
            from desktop.core.scheduler import SpacedRepetition as Scheduler

            self.sr = Scheduler(self.store, self.prefs.get(RETENTION), self.store.clock)
        return self.sr

    @property
    def study_record(self) -> StudyRecord:
        """The cards, review counts and interviews Progress and the status bar count from, read once and kept
        current through the store's change feed (desktop/core/study_record.py). It outlives the modes (rebuilt
        after an import), so what it read is not read again."""
        if self._study_record is None:
            from desktop.core.study_record import StudyRecord as Record

            self._study_record = Record(self.store)
        return self._study_record

    @property
    def day_watch(self) -> DayWatch:
        """Redraws what counts 'today' at each local midnight on the store's clock (desktop/ui/day_watch.py)."""
        from shiboken6 import isValid

        if self._day_watch is None or not isValid(self._day_watch):  # deleted once nothing followed it
            from desktop.ui.day_watch import DayWatch as Watch

            self._day_watch = Watch(self.store.clock, self.store.changes)
        return self._day_watch
