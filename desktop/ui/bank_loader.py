"""Load and index the question bank off the UI thread, so the window appears at once."""

from __future__ import annotations

import gc
import threading
import traceback
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from desktop.core.bank import Bank
from desktop.core.search import SearchIndex
from desktop.core.threads import breather


class BankLoader(QObject):
    """`load` takes a breathe() function to call often (core.threads.breather), so the UI stays smooth."""

    loaded = Signal(object, object)  # Bank, SearchIndex: delivered on the UI thread (queued)
    failed = Signal(str)

    def __init__(self, load: Callable[[Callable[[], None]], Bank], notes: dict[str, str]) -> None:
        super().__init__()
        self._load = load
        self._notes = notes  # read on the UI thread: the store's connection belongs to it

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="bank-loader", daemon=True)
        self._thread.start()

    def wait(self, timeout_s: float) -> None:
        """Let a load still running finish before the interpreter shuts down around it."""
        self._thread.join(timeout_s)

    def _run(self) -> None:
        breathe = breather()
        # A full garbage collection over thousands of new objects runs in one piece holding the GIL,
        # so collection pauses for the load; gc.freeze() then parks these long-lived objects where
        # later collections (on the UI thread too) never rescan them.
        gc.disable()
        try:
            bank = self._load(breathe)
            index = SearchIndex()
            index.add(bank.questions, self._notes, breathe)
        except Exception:
            self.failed.emit(traceback.format_exc(limit=3))  # reported to the user, never a silent dead thread
            return
        finally:
            gc.freeze()
            gc.enable()
        self.loaded.emit(bank, index)
        from desktop.core import keypoints  # imported here, off the UI thread

        keypoints.warm(bank.questions, breathe)  # so the first review's key-point suggestions never wait
