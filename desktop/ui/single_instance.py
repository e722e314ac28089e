"""One window per data folder: a second launch brings the running window forward.

The first instance listens on a local socket named after its data folder. A
second launch on the same folder connects, asks it to show itself, and exits.
If the socket cannot be used, both instances run: SQLite's locking keeps the
database consistent, so nothing is corrupted, only the newest save of a note wins.
"""

from __future__ import annotations

import zlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

_ACTIVATE = b"activate\n"


def server_name(data_dir: Path) -> str:
    # A short, stable name per folder (crc32 is plenty here and, unlike hashlib, costs nothing to import).
    return f"ml-interview-coach-{zlib.crc32(str(data_dir.resolve()).encode()):08x}"


def ask_running_instance(data_dir: Path, timeout_ms: int = 500) -> bool:
    """True if another instance owns `data_dir` and was asked to come forward."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(data_dir))
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(_ACTIVATE)
    socket.waitForBytesWritten(timeout_ms)
    socket.disconnectFromServer()
    return True


class InstanceServer(QObject):
    activate_requested = Signal()

    def __init__(self, data_dir: Path) -> None:
        super().__init__()
        self._server = QLocalServer(self)
        name = server_name(data_dir)
        QLocalServer.removeServer(name)  # a socket file left by a crashed instance
        self.listening = self._server.listen(name)
        self._server.newConnection.connect(self._on_connection)

    def _on_connection(self) -> None:
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(_ACTIVATE.strip()):
            self.activate_requested.emit()
