"""IMAP sessions kept open between the pages of one sync pass.

A new TLS handshake and login per page was most of a page's cost (bench/email.py). The connector leases a session
for a page and gives it back when more pages follow at once; a session left idle longer than `max_idle` seconds is
logged out the next time the pool is used, and one that no longer answers NOOP is replaced.
"""

from __future__ import annotations

import imaplib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from cmdesk.connectors.email import imap
from cmdesk.connectors.email.settings import EmailSettings

MAX_IDLE = 60.0


@dataclass
class Lease:
    client: imaplib.IMAP4
    keep: bool = False
    """Set by the borrower when the session should stay open for the next page."""
    selected: str = ""
    uidvalidity: int = 0
    """The folder this session has open (read-only) and its UIDVALIDITY, kept with the session: a new SELECT per
    page made the server look the folder over again each time (measured 0.2 s per page on 10,000 messages)."""

    def select(self, folder: str) -> int:
        """Open `folder` read-only unless this session already has it open; its UIDVALIDITY."""
        if self.selected != folder:
            self.uidvalidity = imap.select(self.client, folder)
            self.selected = folder
        return self.uidvalidity


@dataclass
class _Idle:
    lease: Lease
    password: str
    since: float


class SessionPool:
    def __init__(self, max_idle: float = MAX_IDLE) -> None:
        self._max_idle = max_idle
        self._idle: dict[EmailSettings, _Idle] = {}
        self._lock = threading.Lock()

    @contextmanager
    def lease(self, settings: EmailSettings, password: str) -> Iterator[Lease]:
        lease = self._take(settings, password) or Lease(imap.connect(settings, password))
        lease.keep = False
        try:
            with imap.broken_connection_is_transient(settings):
                yield lease
        except BaseException:
            imap.logout(lease.client)
            raise
        if lease.keep:
            with self._lock:
                replaced = self._idle.pop(settings, None)
                self._idle[settings] = _Idle(lease, password, time.monotonic())
            if replaced is not None:
                imap.logout(replaced.lease.client)
        else:
            imap.logout(lease.client)

    def _take(self, settings: EmailSettings, password: str) -> Lease | None:
        now = time.monotonic()
        with self._lock:
            stale = [key for key, idle in self._idle.items() if now - idle.since > self._max_idle]
            expired = [self._idle.pop(key).lease.client for key in stale]
            kept = self._idle.pop(settings, None)
        for client in expired:
            imap.logout(client)
        if kept is None:
            return None
        if kept.password != password:
            imap.logout(kept.lease.client)
            return None
        try:
            status, _ = kept.lease.client.noop()
        except (imaplib.IMAP4.error, OSError):
            status = "NO"
        if status != "OK":
            imap.logout(kept.lease.client)
            return None
        return kept.lease

    def close(self) -> None:
        with self._lock:
            idle = list(self._idle.values())
            self._idle.clear()
        for kept in idle:
            imap.logout(kept.lease.client)

    def __len__(self) -> int:
        return len(self._idle)
