"""What happens when our code raises where nothing catches it (usually inside a Qt slot).

PySide6 prints such an exception and carries on, so without this the user sees nothing
while a button silently stops working, and a smoke test can hang forever waiting for a
slot that died. Instead: save what is being typed, append the traceback to a log in the
data folder, tell the user in plain words, and under --smoke-test fail at once.
"""

from __future__ import annotations

import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from desktop import APP_NAME, __version__

LOG_NAME = "errors.log"
LOG_LIMIT = 512 * 1024  # bytes; past this the oldest half goes, so a recurring error cannot fill the disk


def write_log(data_dir: Path, exc: BaseException) -> Path | None:
    """Append the traceback, with time and version, to <data>/errors.log; None when that fails too."""
    path = data_dir / LOG_NAME
    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    try:
        if path.exists() and path.stat().st_size > LOG_LIMIT:
            kept = path.read_bytes()[-LOG_LIMIT // 2:]
            start = kept.find(b"\n--- ")  # begin at a whole entry
            path.write_bytes(kept[start + 1:] if start >= 0 else kept)
        with path.open("a", encoding="utf-8") as log:
            log.write(f"--- {time.strftime('%Y-%m-%d %H:%M:%S')} {APP_NAME} {__version__}\n{text}\n")
    except OSError:
        return None
    return path


class ErrorReporter:
    """Installed as sys.excepthook while the GUI runs."""

    def __init__(self, data_dir: Path, save_pending: Callable[[], None], smoke_test: bool) -> None:
        self.data_dir = data_dir
        self.save_pending = save_pending
        self.smoke_test = smoke_test
        self.count = 0
        self._box: object | None = None  # held here: a box with no parent window is otherwise collected

    def install(self) -> None:
        sys.excepthook = self.hook

    def hook(self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        self.count += 1
        traceback.print_exception(kind, exc, tb, file=sys.stderr)
        try:
            self.save_pending()  # whatever else broke, the note being typed goes to disk
            saved = True
        except Exception:
            traceback.print_exc(file=sys.stderr)
            saved = False
        log = write_log(self.data_dir, exc)
        from PySide6.QtWidgets import QApplication, QMessageBox

        app = QApplication.instance()
        if self.smoke_test:
            if app is not None:
                app.exit(1)
            return
        if self._box is not None:  # one message at a time: a failing repaint must not stack up dialogs
            return
        summary = f"{type(exc).__name__}: {exc}"
        where = f"The details are in {log}." if log else "The details were printed to the terminal."
        headline = ("Something went wrong, but your notes are saved." if saved else
                    "Something went wrong, and the note you are writing could not be saved: copy it somewhere "
                    "safe before you restart.")
        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, headline,
                          parent=QApplication.activeWindow())
        box.setInformativeText(f"You can keep working; if something looks wrong, restarting the app is safe.\n\n"
                               f"{summary}\n{where}")
        box.finished.connect(self._closed)
        self._box = box
        box.open()

    def _closed(self) -> None:
        self._box = None
