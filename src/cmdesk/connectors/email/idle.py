"""IMAP IDLE (RFC 2177): wait on a connection of its own until the server reports a change in a folder.

The standard library's imaplib has no IDLE before Python 3.14, so the command is sent with imaplib's public
`send` / `readline`. The wait runs in a daemon thread (never the event loop's default executor, which would hold up
quitting); cancelling the wait shuts the socket down, which ends the thread at once. The connection is renewed
every `RENEW` seconds (servers drop an IDLE after 30 minutes; home routers forget quiet connections sooner).
"""

from __future__ import annotations

import asyncio
import contextlib
import imaplib
import re
import socket
import threading
from collections.abc import Callable
from functools import partial
from typing import TypeVar

from cmdesk.connectors.base import Permanent, Transient
from cmdesk.connectors.email import imap
from cmdesk.connectors.email.settings import EmailSettings

T = TypeVar("T")
RENEW = 9 * 60.0
_TAG = b"cmdidle"
_CHANGE = re.compile(rb"^\* \d+ (EXISTS|EXPUNGE|FETCH)\b", re.IGNORECASE)


class IdleWait:
    """One wait: connect, open the folder, IDLE until a change (True) or until `renew` passes quietly (False)."""

    def __init__(self, settings: EmailSettings, password: str, folder: str, renew: float = RENEW) -> None:
        self._settings = settings
        self._password = password
        self._folder = folder
        self._renew = renew
        self._client: imaplib.IMAP4 | None = None
        self._closed = threading.Event()

    def run(self) -> bool:
        client = imap.connect(self._settings, self._password)
        self._client = client
        try:
            if self._closed.is_set():
                return False
            with imap.broken_connection_is_transient(self._settings):
                return self._idle(client)
        finally:
            self._client = None
            imap.logout(client)

    def _idle(self, client: imaplib.IMAP4) -> bool:
        if "IDLE" not in client.capabilities:
            raise Permanent(f"{self._settings.imap_host} does not offer IMAP IDLE; new mail is checked on a timer")
        imap.select(client, self._folder)
        client.send(_TAG + b" IDLE\r\n")
        changed = False
        while True:
            line = self._line(client)
            if line.startswith(b"+"):
                break
            if line.startswith(_TAG):
                raise Permanent(f"{self._settings.imap_host} refused IDLE: {line.decode(errors='replace').strip()}")
            changed = changed or bool(_CHANGE.match(line))
        if not changed:
            client.sock.settimeout(self._renew)
            try:
                while not _CHANGE.match(self._line(client)):
                    pass
            except TimeoutError:
                return False  # the socket is spent after a timeout: logging out just closes it
            client.sock.settimeout(imap.TIMEOUT)
        client.send(b"DONE\r\n")
        while not self._line(client).startswith(_TAG):
            pass
        return True

    def _line(self, client: imaplib.IMAP4) -> bytes:
        line = client.readline()
        if not line:
            if self._closed.is_set():
                raise Transient("stopped watching")
            raise Transient(f"{self._settings.imap_host} closed the connection while idling")
        return line

    def close(self) -> None:
        """Stop the wait from another thread."""
        self._closed.set()
        client = self._client
        if client is not None:
            with contextlib.suppress(OSError):
                socket.socket.shutdown(client.sock, socket.SHUT_RDWR)


async def in_daemon_thread(work: Callable[[], T], stop: Callable[[], None]) -> T:
    """Run blocking `work` in a daemon thread; if the awaiting task is cancelled, call `stop` (from here) so the
    thread ends soon, and let the cancellation through."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def deliver(set_outcome: Callable[[], None]) -> None:
        if not future.done():
            set_outcome()

    def target() -> None:
        try:
            result = work()
        except BaseException as error:  # noqa: BLE001 - handed to the awaiting task
            outcome: Callable[[], None] = partial(future.set_exception, error)
        else:
            outcome = partial(future.set_result, result)
        with contextlib.suppress(RuntimeError):  # the loop closed meanwhile: nobody waits any more
            loop.call_soon_threadsafe(deliver, outcome)

    threading.Thread(target=target, name="cmdesk-imap-idle", daemon=True).start()
    try:
        return await future
    except asyncio.CancelledError:
        stop()
        raise
