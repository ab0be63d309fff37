"""Presence in a team: this laptop says which conversation its window shows and whether the user is writing in it,
and hears the teammates' (storage/team/server_presence.py: a row per laptop and PostgreSQL's LISTEN/NOTIFY). The
listener runs on a thread of its own with its own connection, waiting on the server's notifications with a
timeout (so it stops within a second), and comes back after a lost connection."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from cmdesk.credentials.base import CredentialStore
from cmdesk.domain.team import Presence, PresenceState, TeamLink
from cmdesk.services.team import talking, team_engine
from cmdesk.storage.team import server_presence
from cmdesk.storage.team.server_schema import TeamDatabaseError

log = logging.getLogger(__name__)

RETRY_SECONDS = 10.0


class TeamPresence:
    def __init__(self, link: TeamLink, credentials: CredentialStore) -> None:
        self._link = link
        self._engine = team_engine(link, credentials)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def say(self, account_uid: str, conversation: str, state: PresenceState) -> None:
        """Tell the team (blocking: call it off the window's thread); a team out of reach is not an error here."""
        presence = Presence(self._link.laptop, self._link.person, account_uid, conversation, state)
        try:
            with talking(self._link.address), self._engine.begin() as pg:
                server_presence.say(pg, presence)
        except TeamDatabaseError as error:
            log.info("presence not said: %s", error)

    def now_present(self) -> list[Presence]:
        """Who is where now (for a window that just opened), this laptop left out."""
        try:
            with talking(self._link.address), self._engine.connect() as pg:
                found = server_presence.now_present(pg)
        except TeamDatabaseError:
            return []
        return [p for p in found if p.laptop != self._link.laptop]

    def listen(self, heard: Callable[[Presence], None]) -> None:
        """Call `heard` (on the listener's thread) for each teammate's presence, until `stop`."""
        self._thread = threading.Thread(target=self._listen, args=(heard,), name="team-presence", daemon=True)
        self._thread.start()

    def _listen(self, heard: Callable[[Presence], None]) -> None:
        while not self._stop.is_set():
            try:
                with talking(self._link.address):
                    self._listen_once(heard)
            except TeamDatabaseError as error:
                log.info("presence: %s; listening again in %.0f s", error, RETRY_SECONDS)
                self._stop.wait(RETRY_SECONDS)
            except Exception:  # noqa: BLE001 - a listener that dies silently would show stale presence forever
                log.exception("presence listener failed; listening again")
                self._stop.wait(RETRY_SECONDS)

    def _listen_once(self, heard: Callable[[Presence], None]) -> None:
        raw = self._engine.raw_connection()
        try:
            connection = raw.driver_connection
            assert connection is not None
            connection.autocommit = True
            connection.execute(f"LISTEN {server_presence.CHANNEL}")
            while not self._stop.is_set():
                for notification in connection.notifies(timeout=1.0):
                    presence = server_presence.decode(notification.payload)
                    if presence is not None and presence.laptop != self._link.laptop:
                        heard(presence)
        finally:
            raw.invalidate()  # a connection left listening must not go back to the pool

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._engine.dispose()
