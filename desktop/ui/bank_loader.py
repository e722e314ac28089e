"""Load and index the question bank off the UI thread, so the window appears at once."""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from desktop.core.bank import Bank
from desktop.core.search import SearchIndex


class BankLoader(QObject):
    loaded = Signal(object, object)  # Bank, SearchIndex: delivered on the UI thread (queued)
    failed = Signal(str)

    def __init__(self, load: Callable[[], Bank], notes: dict[str, str]) -> None:
        super().__init__()
        self._load = load
        self._notes = notes  # read on the UI thread: the store's connection belongs to it

    def start(self) -> None:
        threading.Thread(target=self._run, name="bank-loader", daemon=True).start()

    def _run(self) -> None:
        try:
            bank = self._load()
            index = SearchIndex()
            index.add(bank.questions, self._notes)
        except Exception:
            self.failed.emit(traceback.format_exc(limit=3))
            return
        self.loaded.emit(bank, index)
