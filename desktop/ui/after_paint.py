"""Work to do once a window has painted: its first complete screen comes before anything the user cannot see."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from desktop.ui.application import when_idle

AT_MOST_MS = 1000  # the longest a callback waits for a paint (a minimized window gets none)


class AfterPaint(QObject):
    """Callbacks run when the event loop is next idle after the window's next paint.

    Idle alone comes too early at start-up: Qt paints a shown window from a timer (about a frame
    later), so the loop goes idle just before the paint that matters most, and work queued for
    "idle" (an application-wide event filter, QtNetwork) delayed it. The window's own paint event
    comes first in a paint; its children are drawn and the frame flushed before the loop is idle again.
    It watches the window only while something waits.
    """

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._pending: list[Callable[[], None]] = []
        self._at_most = QTimer(self, singleShot=True, interval=AT_MOST_MS)
        self._at_most.timeout.connect(self._painted)

    def add(self, callback: Callable[[], None]) -> None:
        self._pending.append(callback)
        if not self._window.isVisible():
            self._painted()  # nothing will be painted: as soon as the loop is idle
        elif not self._at_most.isActive():
            self._window.installEventFilter(self)
            self._at_most.start()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self._painted()
        return False

    def _painted(self) -> None:
        self._at_most.stop()
        self._window.removeEventFilter(self)
        pending, self._pending = self._pending, []
        for callback in pending:
            when_idle(callback)
