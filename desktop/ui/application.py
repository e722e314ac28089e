"""The running QApplication, typed (`QApplication.instance()` may be None or a QCoreApplication), and
a way to run something once the event loop has nothing left to do."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractEventDispatcher, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication


def qt_app() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication), "a QApplication must exist before any window is built"
    return app


def when_idle(callback: Callable[[], None]) -> None:
    """Call `callback` the next time the event loop is about to wait for events: everything posted so far,
    paints included, has then been handled. (A zero timer is not enough: Qt posts paint requests at low
    priority, after it.) At once if there is no event loop."""
    dispatcher = QAbstractEventDispatcher.instance()
    if dispatcher is None:
        callback()
        return

    def idle() -> None:
        dispatcher.aboutToBlock.disconnect(idle)
        callback()

    dispatcher.aboutToBlock.connect(idle)


def next_turn(context: QObject, callback: Callable[[], None], turns: int = 1) -> None:
    """Call `callback` in an event-loop turn of its own (`turns` from now), unless `context` (the widget it
    works on) is gone by then: after the paints posted so far (when_idle) and after the timers and input
    already due (a 1 ms timer: when_idle alone runs before those, zero timers may run two to a pass). For work
    split in steps so that no one turn holds the UI thread long."""
    from shiboken6 import isValid

    later = callback if turns <= 1 else lambda: next_turn(context, callback, turns - 1)
    when_idle(lambda: QTimer.singleShot(1, context, later) if isValid(context) else None)


def lay_out_now() -> None:
    """Lay out what was just built or changed, now. Posted events are handled in order, and repaint requests
    posted before the layout requests would paint the old layout first (a frame that is at once replaced)."""
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
