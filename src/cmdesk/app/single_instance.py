"""One cmdesk per data dir: a second launch asks the first to show its window and exits, instead of opening a
second writer on the same database."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtNetwork import QLocalServer, QLocalSocket

ACTIVATE = b"activate\n"


def server_name(data_dir: Path) -> str:
    digest = hashlib.sha1(str(data_dir.resolve()).encode()).hexdigest()[:16]
    return f"cmdesk-{digest}"


def notify_running(data_dir: Path, timeout_ms: int = 500) -> bool:
    """True when another cmdesk already serves this data dir (and was asked to come forward)."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(data_dir))
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(ACTIVATE)
    socket.waitForBytesWritten(timeout_ms)
    socket.disconnectFromServer()
    return True


class InstanceServer:
    """Listens for later launches and calls `on_activate` when one arrives."""

    def __init__(self, data_dir: Path, on_activate: Callable[[], None]) -> None:
        self._on_activate = on_activate
        self._server = QLocalServer()
        name = server_name(data_dir)
        if not self._server.listen(name):
            QLocalServer.removeServer(name)
            self._server.listen(name)
        self._server.newConnection.connect(self._accept)

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            connection = self._server.nextPendingConnection()
            connection.readyRead.connect(lambda c=connection: self._read(c))

    def _read(self, connection: QLocalSocket) -> None:
        if bytes(connection.readAll().data()).startswith(ACTIVATE.strip()):
            self._on_activate()
        connection.disconnectFromServer()

    def close(self) -> None:
        self._server.close()
