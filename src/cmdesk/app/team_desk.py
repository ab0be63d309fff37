"""The window's side of team mode (services/team.py): the leases the sync engine asks before it pulls or sends, the
team's log replayed every REPLAY_SECONDS and soon after each change made here, assignments checked against the
team at once, and presence — which conversation each teammate's window shows and whether they are writing in it
(services/team_presence.py). Everything that reaches the team database runs on a worker thread; the window hears
of what changed through the bridge, as after any command."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from cmdesk.domain.team import Presence, PresenceState
from cmdesk.services.commands import Changes

if TYPE_CHECKING:
    from cmdesk.app.bridge import SyncBridge
    from cmdesk.credentials.base import CredentialStore
    from cmdesk.services.team import Assigned, TeamLeadership
    from cmdesk.services.team_presence import TeamPresence
    from cmdesk.storage.database import Database

log = logging.getLogger(__name__)

REPLAY_SECONDS = 20.0


class TeamDesk:
    def __init__(self, database: Database, credentials: CredentialStore, bridge: SyncBridge) -> None:
        from cmdesk.services import team

        self._database = database
        self._credentials = credentials
        self._bridge = bridge
        self.leadership: TeamLeadership = team.TeamLeadership(database, credentials)
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._presence: TeamPresence | None = None
        self._where: dict[str, Presence] = {}
        """Each teammate's laptop → where its window is."""
        self._said: tuple[str, str, PresenceState] | None = None
        self.problem = ""
        """Why the last replay failed ("" when it worked): the status bar says it."""

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.get_event_loop().create_task(self._run(), name="team-replay")
            self.start_presence()

    def start_presence(self) -> None:
        """Hear the teammates' presence from now on (and who is where already)."""
        if self._presence is not None:
            return
        from cmdesk.services import team
        from cmdesk.services.team_presence import TeamPresence

        link = team.current_link(self._database)
        if link is None:
            return
        self._presence = presence = TeamPresence(link, self._credentials)
        loop = asyncio.get_event_loop()
        presence.listen(lambda heard: loop.call_soon_threadsafe(self._heard, heard))

        async def already() -> None:
            for found in await asyncio.to_thread(presence.now_present):
                self._heard(found)

        loop.create_task(already(), name="team-presence-now")

    def _heard(self, presence: Presence) -> None:
        if presence.state is PresenceState.AWAY:
            self._where.pop(presence.laptop, None)
        else:
            self._where[presence.laptop] = presence
        self._bridge.presenceChanged.emit()

    def who(self, account_uid: str, conversation: str) -> list[tuple[str, PresenceState]]:
        """The teammates whose window shows this conversation, and whether they are writing in it."""
        return sorted(
            (p.person, p.state)
            for p in self._where.values()
            if p.account_uid == account_uid and p.conversation == conversation
        )

    def show(self, account_uid: str, conversation: str, state: PresenceState) -> None:
        """Tell the team where this window is (said once per change, off the window's thread)."""
        presence = self._presence
        if presence is None or self._said == (account_uid, conversation, state):
            return
        self._said = (account_uid, conversation, state)
        asyncio.get_event_loop().create_task(
            asyncio.to_thread(presence.say, account_uid, conversation, state), name="team-presence-say"
        )

    def soon(self) -> None:
        """A change was made here: replay now rather than at the next round."""
        self._wake.set()

    async def _run(self) -> None:
        while True:
            await self.replay()
            self._wake.clear()
            try:
                async with asyncio.timeout(REPLAY_SECONDS):
                    await self._wake.wait()
            except TimeoutError:
                pass

    async def replay(self) -> None:
        from cmdesk.services import team
        from cmdesk.storage.team.server_schema import TeamDatabaseError

        try:
            outcome = await asyncio.to_thread(team.replay, self._database, self._credentials)
        except TeamDatabaseError as error:
            self._say_problem(str(error))
            log.info("team replay: %s", error)
            return
        except Exception:  # noqa: BLE001 - the loop must go on; the log says what broke
            log.exception("team replay failed")
            return
        self._say_problem("")
        if outcome.conversations:
            # Rows are refreshed where they stand (a view's membership follows at its next reload: the list does
            # not jump under the user's hand because a teammate acted).
            self._bridge.changed.emit(Changes.of_conversations(outcome.conversations, views=False))
        if outcome.pages:
            # Messages the leader of an account pulled: shown as a sync's are (the list reloads, the selection
            # stays, new direct messages and mentions are notified).
            self._bridge.teamArrived.emit(outcome.pages)

    def _say_problem(self, problem: str) -> None:
        """The status bar says when the team database is out of reach, and when it is back."""
        if problem != self.problem:
            self.problem = problem
            self._bridge.changed.emit(Changes(views=False))

    def assign(self, conversation_id: int, person: str, then: Callable[[Assigned], None]) -> None:
        """Assign (person "" for nobody) and check it with the team; `then` hears whether the team refused it."""
        from cmdesk.services import team

        async def run() -> None:
            try:
                done = await asyncio.to_thread(team.assign, self._database, self._credentials, conversation_id, person)
            except Exception as error:  # noqa: BLE001 - said in the window's error bar
                self._bridge.writeFailed.emit(str(error))
                return
            self._bridge.changed.emit(Changes.of_conversations([conversation_id], views=False))
            then(done)

        asyncio.get_event_loop().create_task(run(), name="team-assign")

    async def aclose(self) -> None:
        presence = self._presence
        if presence is not None:
            if self._said is not None:
                await asyncio.to_thread(presence.say, self._said[0], self._said[1], PresenceState.AWAY)
            await asyncio.to_thread(presence.close)
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
        await asyncio.to_thread(self.leadership.close)
