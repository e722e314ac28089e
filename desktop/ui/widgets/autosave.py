"""When typed text goes to disk: soon after typing pauses, and never later than a deadline while it goes on.

A plain quiet-period timer restarts on every keystroke, so someone who types without a pause
never saves at all (issue 13: 25 of 25 kills during steady typing lost everything). This one
saves QUIET_MS after the last keystroke *or* MAX_WAIT_MS after the first unsaved one,
whichever comes first: a keystroke is on disk within a second, however steady the typing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QElapsedTimer, QObject, QTimer

QUIET_MS = 400
MAX_WAIT_MS = 750  # plus one write: inside the 1 s budget from keystroke to disk (DESIGN.md)


class SaveSoon(QObject):
    """Call `poke()` on every change; `save` runs when it is time. `stop()` forgets a pending save."""

    def __init__(self, save: Callable[[], object], parent: QObject | None = None,
                 quiet_ms: int = QUIET_MS, max_wait_ms: int = MAX_WAIT_MS) -> None:
        super().__init__(parent)
        self._save = save
        self._quiet_ms = quiet_ms
        self._max_wait_ms = max_wait_ms
        self._since_first = QElapsedTimer()  # invalid while nothing is waiting
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self._fire)

    def poke(self) -> None:
        if not self._since_first.isValid():
            self._since_first.start()
        left = self._max_wait_ms - self._since_first.elapsed()
        self._timer.start(max(0, min(self._quiet_ms, left)))

    def pending(self) -> bool:
        return self._timer.isActive()

    def stop(self) -> None:
        self._timer.stop()
        self._since_first.invalidate()

    def _fire(self) -> None:
        self._since_first.invalidate()
        self._save()
