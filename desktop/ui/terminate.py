"""SIGTERM (a logout, a shutdown, `kill PID`) closes the window the way Ctrl+Q does, without asking.

Python's default answer to SIGTERM is to end at once, which lost what was typed inside the autosave delay
(a note, code), the window's place and the backup made on quit. A Python signal handler alone would not do
either: it runs only when the interpreter next runs, which Qt's event loop may not let happen for a while.
So the signal wakes the event loop through a socket (signal.set_wakeup_fd) that a QSocketNotifier watches.
"""

from __future__ import annotations

import signal
import socket
from collections.abc import Callable

from PySide6.QtCore import QSocketNotifier
from PySide6.QtWidgets import QWidget


def close_on_terminate(window: QWidget, close: Callable[[], None]) -> Callable[[], None]:
    """On SIGTERM, call `close` (on the UI thread). Returns what undoes it (tests); a no-op where there is
    no SIGTERM to catch (Windows ends a process without one)."""
    if not hasattr(signal, "SIGTERM") or not hasattr(socket, "socketpair"):
        return lambda: None
    sockets = receive, send = socket.socketpair()
    receive.setblocking(False)
    send.setblocking(False)
    try:
        previous_fd = signal.set_wakeup_fd(send.fileno())
    except ValueError:  # not the main thread
        receive.close()
        send.close()
        return lambda: None
    previous = signal.signal(signal.SIGTERM, lambda _number, _frame: None)  # the socket says it: see woke()
    notifier = QSocketNotifier(receive.fileno(), QSocketNotifier.Type.Read, window)

    def woke() -> None:  # it holds both sockets, for as long as the window lives (a closed one: no wake-up)
        try:
            numbers = sockets[0].recv(64)
        except OSError:
            return
        if signal.SIGTERM in numbers:  # (any signal with a Python handler wakes it: SIGINT too)
            close()

    notifier.activated.connect(woke)

    def undo() -> None:
        notifier.setEnabled(False)
        signal.signal(signal.SIGTERM, previous)
        signal.set_wakeup_fd(previous_fd)
        receive.close()
        send.close()

    return undo
