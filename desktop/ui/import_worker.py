"""Run an import off the UI thread, with a busy progress dialog whose Cancel really stops it."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from desktop.core.importer import Cancelled, ImportResult


class ImportWorker(QObject):
    """`run(cancelled)` does the import; the result or the exception comes back on the UI thread."""

    done = Signal(object)  # ImportResult
    failed = Signal(object)  # the exception: ImportFailed (plain words) or anything unexpected

    def __init__(self, run: Callable[[Cancelled], ImportResult]) -> None:
        super().__init__()
        self._run_import = run
        self._cancel = threading.Event()
        self.worker_thread: threading.Thread | None = None  # not `thread`: QObject.thread() has that name

    def start(self) -> None:
        self.worker_thread = threading.Thread(target=self._run, name="import", daemon=True)
        self.worker_thread.start()

    def cancel(self) -> None:
        self._cancel.set()

    def _run(self) -> None:
        try:
            result = self._run_import(self._cancel.is_set)
        except Exception as exc:  # handed to the UI thread, which tells the user
            self.failed.emit(exc)
            return
        self.done.emit(result)
