"""Which cmdesk processes run on a data folder: the window and the background agent each hold a lock on a file of
their own (`<data dir>/window.lock`, `agent.lock`) for as long as they live, with their process id inside. The
operating system releases a lock when its process ends, even when it is killed, so a lock that can be taken means
nobody holds that role. The agent syncs only while no window holds its lock (the window takes over)."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import IO

from cmdesk.storage.claims import try_lock

WINDOW = "window"
AGENT = "agent"


class AlreadyRunning(Exception):
    """Another process holds this role on this data folder."""

    def __init__(self, role: str, pid: int | None) -> None:
        super().__init__(f"a cmdesk {role} already runs on this data folder" + (f" (process {pid})" if pid else ""))
        self.pid = pid


def _path(data_dir: Path, role: str) -> Path:
    return data_dir / f"{role}.lock"


class Presence:
    """This process holds `role` on `data_dir` until `release` (or its end). AlreadyRunning when another does."""

    def __init__(self, data_dir: Path, role: str) -> None:
        data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        self._path = _path(data_dir, role)
        handle = self._path.open("a+b")
        if not try_lock(handle):
            handle.close()
            raise AlreadyRunning(role, holder(data_dir, role))
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()).encode())
        handle.flush()
        self._handle: IO[bytes] | None = handle

    def release(self) -> None:
        if self._handle is not None:
            with contextlib.suppress(OSError):
                self._handle.truncate(0)
            self._handle.close()
            self._handle = None


def holder(data_dir: Path, role: str) -> int | None:
    """The process id of whoever holds `role` on `data_dir`, or None when nobody does."""
    path = _path(data_dir, role)
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        return None
    with handle:
        if try_lock(handle):
            return None
        text = handle.read().decode("ascii", "replace").strip()
    return int(text) if text.isdigit() else 0
