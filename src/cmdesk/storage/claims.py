"""Which living process is sending an outbox entry.

Each process that sends holds an exclusive lock on a file of its own (`<data dir>/senders/<token>.lock`) for as
long as it lives, and claims entries with that token. The operating system releases the lock when the process
dies, even by SIGKILL or a power cut: a "sending" entry whose token's lock can be taken was left by a dead process
and is taken back at once, to be checked and settled, instead of waiting out `outbox.STALE_SENDING`. An entry
whose sender still lives (the app beside a `cmdesk sync`) is left alone.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import IO

if sys.platform == "win32":  # pragma: no cover - exercised on Windows builds only
    import msvcrt

    def try_lock(handle: IO[bytes]) -> bool:
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

else:
    import fcntl

    def try_lock(handle: IO[bytes]) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True


FOLDER = "senders"


class SenderLock:
    """This process's token, locked until `release` (or the process's end)."""

    def __init__(self, data_dir: Path) -> None:
        self.token = os.urandom(16).hex()
        self._folder = data_dir / FOLDER
        self._folder.mkdir(parents=True, exist_ok=True)
        self._path = self._folder / f"{self.token}.lock"
        self._handle: IO[bytes] | None = self._path.open("wb")
        if not try_lock(self._handle):
            raise RuntimeError(f"cannot lock {self._path}")

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None
            with contextlib.suppress(OSError):
                self._path.unlink()


def holder_alive(data_dir: Path, token: str) -> bool:
    """Whether the process that claimed with `token` still lives. A token whose file is gone belonged to a process
    that ended (it removes its file, or a recovery did after it died)."""
    path = data_dir / FOLDER / f"{token}.lock"
    try:
        handle = path.open("ab")
    except FileNotFoundError:
        return False
    with handle:
        if not try_lock(handle):
            return True
    with contextlib.suppress(OSError):
        path.unlink()
    return False
