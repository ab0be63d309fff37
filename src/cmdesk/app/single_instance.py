"""One cmdesk per data dir: a second launch asks the first to show its window and exits, instead of opening a
second writer on the same database.

The first window listens on a Unix socket of its own (QLocalServer, on the socket's full path); a later launch
checks for it with a plain socket before it imports anything of Qt's network module. The check runs before the
first screen and the listening starts right after it: QtNetwork and hashlib (OpenSSL) cost ~10 ms of imports that
the first screen does not need (issue 23).
"""

from __future__ import annotations

import os
import socket
import tempfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalSocket

ACTIVATE = b"activate\n"


def server_path(data_dir: Path) -> Path:
    """Where the window serving `data_dir` listens: the user's runtime folder (private to them) when the session
    has one, else the temporary folder; one name per data dir."""
    digest = zlib.crc32(str(data_dir.resolve()).encode()) & 0xFFFFFFFF
    folder = os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir()
    return Path(folder) / f"cmdesk-{digest:08x}.sock"


def notify_running(data_dir: Path, timeout_ms: int = 500) -> bool:
    """True when another cmdesk already serves this data dir (and was asked to come forward)."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
        client.settimeout(timeout_ms / 1000)
        try:
            client.connect(str(server_path(data_dir)))
            client.sendall(ACTIVATE)
        except OSError:  # nobody listens (no file, or one left by a window that crashed), or it did not answer
            return False
    return True


class InstanceServer:
    """Listens for later launches and calls `on_activate` when one arrives."""

    def __init__(self, data_dir: Path, on_activate: Callable[[], None]) -> None:
        from PySide6.QtNetwork import QLocalServer

        self._on_activate = on_activate
        self._server = QLocalServer()
        path = str(server_path(data_dir))
        if not self._server.listen(path):
            QLocalServer.removeServer(path)  # a file left by a window that crashed
            self._server.listen(path)
        self._server.newConnection.connect(self._accept)

    @property
    def listening(self) -> bool:
        return self._server.isListening()

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
