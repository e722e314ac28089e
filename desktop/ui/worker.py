"""Long work off the UI thread (an import, an export, a backup): the result or the exception comes back
on the UI thread, and Cancel really stops it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop.core.threads import quick_handover

Cancelled = Callable[[], bool]  # polled during long work; True stops it


class Worker(QObject):
    """`run(cancelled)` does the work on its own thread; `done` or `failed` reports back (queued)."""

    done = Signal(object)  # whatever run returned
    failed = Signal(object)  # the exception: a plain-words one the caller expects, or anything unexpected

    def __init__(self, run: Callable[[Cancelled], Any], name: str = "worker") -> None:
        super().__init__()
        self._work = run
        self._name = name
        self._cancel = threading.Event()
        self.worker_thread: threading.Thread | None = None  # not `thread`: QObject.thread() has that name
        # Before any owner hears of the result, the thread is joined (it has only to return by then). Its
        # Thread object holds `_run`, so the worker's last reference was otherwise often dropped on the worker
        # thread: the QObject destroyed there, holding Qt's signal mutex while waiting for the GIL that the UI
        # thread held while waiting for that mutex (a deadlock seen in CI: a key pressed as an import ended).
        self.done.connect(self._thread_ended)
        self.failed.connect(self._thread_ended)

    def start(self) -> None:
        self.worker_thread = threading.Thread(target=self._run, name=self._name, daemon=True)
        self.worker_thread.start()

    def cancel(self) -> None:
        self._cancel.set()

    def wait(self, timeout_s: float | None = None) -> None:
        if self.worker_thread is not None:
            self.worker_thread.join(timeout_s)

    def _thread_ended(self, _value: object) -> None:
        self.wait()

    def _run(self) -> None:
        try:
            with quick_handover():  # the UI thread gets the GIL back within a millisecond (core.threads)
                result = self._work(self._cancel.is_set)
        except Exception as exc:  # handed to the UI thread, which tells the user
            self.failed.emit(exc)
            return
        self.done.emit(result)


def busy_dialog(label: str, parent: QWidget, title: str, cancel: bool = True, at_once: bool = False) -> QProgressDialog:
    """A busy dialog over `parent`, window-modal: while it shows, nothing in the window takes input. It shows if
    the work takes more than a moment, or `at_once` (when the window must not take input from the start)."""
    dialog = QProgressDialog(label, "Cancel", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setMinimumWidth(420)  # room for the label (a file name) without eliding it
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    if not cancel:
        dialog.setCancelButton(None)  # no button: this work cannot stop half-way
    if at_once:
        dialog.setAutoReset(False)  # the caller closes it (close_busy_dialog), not the work's end
        dialog.show()
    else:
        dialog.setMinimumDuration(400)  # quick work finishes before it would flash up
        dialog.setValue(0)  # starts that clock: a busy dialog (range 0-0) that is never given a value never shows
    return dialog


def close_busy_dialog(dialog: QProgressDialog) -> None:
    dialog.reset()
    dialog.close()
    dialog.deleteLater()


def run_with_progress(run: Callable[[Cancelled], Any], label: str, parent: QWidget, title: str,
                      cancel: bool = True, dialog: QProgressDialog | None = None) -> Any:
    """Run `run` on a worker thread and wait for it here, in a local event loop, so the window keeps painting;
    a busy dialog with Cancel shows if it takes more than a moment. Returns what `run` returned, or raises
    what it raised. `dialog`: the caller's own busy dialog (busy_dialog), left open for the caller to close."""
    worker = Worker(run, title.lower())
    outcome: list[tuple[bool, Any]] = []
    loop = QEventLoop()

    def finish(ok: bool, value: Any) -> None:
        outcome.append((ok, value))
        loop.quit()

    worker.done.connect(lambda result: finish(True, result))
    worker.failed.connect(lambda exc: finish(False, exc))
    shown = dialog if dialog is not None else busy_dialog(label, parent, title, cancel)
    if cancel:
        shown.canceled.connect(worker.cancel)
    worker.start()
    if not outcome:
        loop.exec()
    if dialog is None:
        close_busy_dialog(shown)
    ok, value = outcome[0]
    if not ok:
        raise value
    return value
