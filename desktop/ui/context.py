"""What every mode is handed: the bank, the search index, settings and a way to talk to the user."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings

from desktop.core.bank import Bank
from desktop.core.scheduler import SpacedRepetition
from desktop.core.search import SearchIndex
from desktop.core.store import Store


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
    drill: Callable[[list[str]], None] | None = None  # start a Quiz on these questions
    load_bank: Callable[[], Bank] | None = None  # re-reads the bundled bank plus imported decks

    def __post_init__(self) -> None:
        if self.sr is None:
            retention = float(self.settings.value("quiz/retention", 0.9))
            self.sr = SpacedRepetition(self.store, retention, self.store.clock)

    @property
    def scheduler(self) -> SpacedRepetition:
        assert self.sr is not None
        return self.sr
