"""The running QApplication, typed (`QApplication.instance()` may be None or a QCoreApplication), and
a way to run something once the event loop has nothing left to do."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractEventDispatcher, QEvent
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


def lay_out_now() -> None:
    """Lay out what was just built or changed, now. Posted events are handled in order, and repaint requests
    posted before the layout requests would paint the old layout first (a frame that is at once replaced)."""
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
