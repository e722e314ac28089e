"""One window per data folder: a second launch brings the running window forward.

Who is first is decided by an OS file lock on `<data>/instance.lock`: taking it costs
nothing at start-up (no QtNetwork before the first frame), and the OS drops it when the
process ends, however it ends, so a crash never leaves a stale claim. The first instance
then listens on a local socket named after its data folder; a later launch that finds the
lock taken connects, asks it to show itself, and exits. If the lock or the socket cannot
be used, both instances run: SQLite's locking keeps the database consistent, so nothing
is corrupted, only the newest save of a note wins.
"""

from __future__ import annotations

import errno
import os
import sys
import time
import zlib
from enum import Enum
from pathlib import Path
from typing import IO, TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalSocket

LOCK_NAME = "instance.lock"
_ACTIVATE = b"activate\n"
_SHOWN = b"shown\n"  # the owner's answer once its window is forward: a stopped process never sends it
ANSWER_WAIT_MS = 2000


class Owner(Enum):
    """What a launch found when it asked the folder's owner to come forward."""

    FORWARDED = "forwarded"  # it answered: its window is forward, this launch can exit
    NONE = "none"  # nobody is there
    NOT_RESPONDING = "not responding"  # someone holds the folder but does not answer (stopped, hung)


def server_name(data_dir: Path) -> str:
    # A short, stable name per folder (crc32 is plenty here and, unlike hashlib, costs nothing to import).
    return f"ml-interview-coach-{zlib.crc32(str(data_dir.resolve()).encode()):08x}"


# What a lock held by someone else looks like (Windows reports EACCES or EDEADLOCK); any other
# error means this file system cannot lock at all (some network shares), which is not a rival.
_TAKEN = {errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES, errno.EDEADLK}


def _try_lock(handle: IO[bytes]) -> bool | None:
    """True: locked. False: another process holds it. None: locking does not work here."""
    handle.seek(0)  # Windows locks a byte range from the current position: every process must lock byte 0
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        return False if exc.errno in _TAKEN else None
    return True


class InstanceLock:
    """Held for the life of the process by the instance that owns the data folder."""

    def __init__(self, data_dir: Path) -> None:
        self._handle: IO[bytes] | None = None
        try:
            data_dir.mkdir(parents=True, exist_ok=True)
            handle = open(data_dir / LOCK_NAME, "a+b")  # noqa: SIM115 - kept open on purpose: the lock lives with it
        except OSError:
            self.usable = False  # an unwritable folder: we cannot tell, so behave as the first
            self.held = True
            return
        locked = _try_lock(handle)
        self.usable = locked is not None
        self.held = locked is not False  # when locking cannot work, behave as the first, as before locks
        if locked:
            try:
                handle.seek(0)
                handle.truncate()
                handle.write(str(os.getpid()).encode())  # for a curious user; the lock is what counts
                handle.flush()
            except OSError:
                pass  # a full disk: the pid is a courtesy, and the lock is held all the same
            self._handle = handle
        else:
            handle.close()

    def close(self) -> None:
        """Let the folder go (the OS does this anyway when the process ends)."""
        if self._handle is not None:
            self._handle.close()
            self._handle = None


def ask_running_instance(data_dir: Path, wait_s: float = 3.0, answer_ms: int = ANSWER_WAIT_MS) -> Owner:
    """Ask whoever owns `data_dir` to bring its window forward, and say what happened.

    The owner may have taken the lock a moment ago and not be listening yet, so keep trying
    for `wait_s`. Connecting is not enough: the kernel accepts a connection for a process that is
    stopped or hung, so only the owner's own answer counts as its window having come forward.
    """
    from PySide6.QtNetwork import QLocalSocket  # only a second launch pays for QtNetwork

    deadline = time.monotonic() + wait_s
    while True:
        socket = QLocalSocket()
        socket.connectToServer(server_name(data_dir))
        if socket.waitForConnected(200):
            socket.write(_ACTIVATE)
            socket.waitForBytesWritten(500)
            answered = socket.waitForReadyRead(answer_ms) and bytes(socket.readAll().data()).startswith(
                _SHOWN.strip())
            socket.disconnectFromServer()
            return Owner.FORWARDED if answered else Owner.NOT_RESPONDING
        if time.monotonic() >= deadline:
            return Owner.NONE
        time.sleep(0.05)


class InstanceServer(QObject):
    activate_requested = Signal()

    def __init__(self, data_dir: Path) -> None:
        from PySide6.QtNetwork import QLocalServer

        super().__init__()
        self._server = QLocalServer(self)
        name = server_name(data_dir)
        QLocalServer.removeServer(name)  # a socket file left by a crashed owner; we hold the lock, so it is stale
        self.listening = self._server.listen(name)
        self._server.newConnection.connect(self._on_connection)

    def _on_connection(self) -> None:
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(_ACTIVATE.strip()):
            self.activate_requested.emit()  # connected directly: the window is forward when this returns
            socket.write(_SHOWN)
            socket.flush()


def when_owner_hangs(data_dir: Path) -> str:
    """Ask what to do when the folder's owner does not answer: "wait", "read-only" or "quit".

    Data is at stake (two writers, or none), so this is one of the few modal questions at start-up.
    """
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Warning, "ML Interview Coach is not responding",
                      f"ML Interview Coach is already running on {data_dir}, but it is not responding "
                      "(it may be stopped or busy).")
    box.setInformativeText("Wait for it to answer, open your data read-only in this window (nothing is "
                           "saved), or quit.")
    wait = box.addButton("Wait", QMessageBox.ButtonRole.AcceptRole)
    read_only = box.addButton("Open read-only", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(read_only)
    box.exec()
    clicked = box.clickedButton()
    return "wait" if clicked is wait else "read-only" if clicked is read_only else "quit"
