"""What the running app owns for its whole life: the database, the HTTP client, the sync engine and its bridge.

Created once at start, closed once at quit (the HTTP client and the writer thread shut down cleanly).
The HTTP client and the engine are built on first use — after the first paint — because importing them (httpx,
the connectors, keyring) cost ~0.35 s of start-up (bench/ui.py). For the same reason nothing here imports
SQLAlchemy (the window's small writes run on the writer thread, which imports it there, away from the window), nor
asyncio before it is used: the app starts its asyncio loop once the first screen is painted.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from cmdesk.app.bridge import SyncBridge
from cmdesk.services.commands import Changes, Done, Refused, run_done, run_job
from cmdesk.storage.database import Database
from cmdesk.storage.sqlite_reader import SqliteReader
from cmdesk.ui.background_reads import BackgroundReads

if TYPE_CHECKING:
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    import httpx

    from cmdesk.app.team_desk import TeamDesk
    from cmdesk.credentials.base import CredentialStore
    from cmdesk.domain.team import JoinRequest
    from cmdesk.services.commands import Command, Job
    from cmdesk.services.sources import FeedChoice
    from cmdesk.services.team import Joined
    from cmdesk.storage.health import Health
    from cmdesk.sync.engine import SyncEngine

log = logging.getLogger(__name__)
T = TypeVar("T")


class AppContext:
    def __init__(self, data_dir: Path, database: Database, credentials: CredentialStore | None = None) -> None:
        self.data_dir = data_dir
        self.database = database
        self.bridge = SyncBridge()
        self.reader = SqliteReader(database)
        """Everything the window reads (domain/reader.py), in plain SQL: no SQLAlchemy before the first paint."""
        self.reads = BackgroundReads(self.reader)
        """The reading thread, for reads the window should not wait for (the sidebar's counts)."""
        self._credentials = credentials
        self._client: httpx.AsyncClient | None = None
        self._engine: SyncEngine | None = None
        self._runner: asyncio.Task[None] | None = None
        self._writer: ThreadPoolExecutor | None = None
        self._closing = False
        self._team: TeamDesk | None = None
        self._team_checked = False
        self._checking = False
        self.repair_on_quit: str | None = None
        """A restore or a salvage the user chose while the window ran: done once the database is closed."""
        self.restart_on_quit = False
        """The window asked to start again once closed (after joining a team: app/main.py restarts it)."""

    @property
    def writer(self) -> ThreadPoolExecutor:
        """The one thread that writes to the database: the engine's sync commits and the window's small writes."""
        if self._writer is None:
            from concurrent.futures import ThreadPoolExecutor

            self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cmdesk-db-writer")
        return self._writer

    @property
    def client(self) -> httpx.AsyncClient:
        if self._client is None:
            from cmdesk.connectors.http import make_client

            self._client = make_client()
        return self._client

    @property
    def credentials(self) -> CredentialStore:
        """The OS keyring (tests pass an in-memory store)."""
        if self._credentials is None:
            from cmdesk.credentials import KeyringCredentialStore

            self._credentials = KeyringCredentialStore()
        return self._credentials

    @property
    def engine(self) -> SyncEngine:
        if self._engine is None:
            from cmdesk.connectors.registry import build_connectors
            from cmdesk.sync.engine import SyncEngine

            connectors = build_connectors()
            from cmdesk.sync.judging import judging_pool

            team = self.team
            self._engine = SyncEngine(
                self.database,
                self.client,
                connectors,
                self.credentials,
                writer=self.writer,
                judging=judging_pool(),
                leadership=team.leadership if team is not None else None,
            )
            self.bridge.attach(self._engine)
        return self._engine

    def submit(
        self,
        command: Command[T],
        then: Callable[[T], None] | None = None,
        failed: Callable[[str], None] | None = None,
    ) -> None:
        """Run a service command on the writer thread (services/desk.py): its changes are announced once on
        `bridge.changed`, then `then` gets its value; a refusal goes to `failed` (else the error bar), any other
        error to the error bar. Without a running loop (tests, scripts) it runs now."""
        self._run_soon(lambda: run_done(self.database, command), then, failed)

    def _run_soon(
        self,
        work: Callable[[], Done[T]],
        then: Callable[[T], None] | None,
        failed: Callable[[str], None] | None,
    ) -> None:

        def finish(done: Done[T] | None, error: BaseException | None) -> None:
            if error is not None:
                if isinstance(error, Refused) and failed is not None:
                    failed(str(error))
                    return
                if not isinstance(error, Refused):
                    log.error("a change was not saved: %s", error)
                self.bridge.writeFailed.emit(str(error))
                return
            assert done is not None
            self._announce(done)
            if then is not None:
                then(done.value)

        self._off_thread(work, finish, self.writer)

    def submit_job(self, job: Job[T], then: Callable[[T], None] | None = None) -> None:
        """Run a whole-database job (services/demo_workspace.py) like a command: on the writer thread, its changes
        announced, then `then`."""
        self._run_soon(lambda: run_job(self.database, job), then, None)

    async def execute(self, command: Command[T]) -> T:
        """Run a service command on the writer thread and wait for it (from a coroutine: a dialog that awaits its
        check, then its save); its changes are announced as `submit`'s are; a refusal raises Refused."""
        import asyncio

        done = await asyncio.get_running_loop().run_in_executor(self.writer, run_done, self.database, command)
        self._announce(done)
        return done.value

    def _announce(self, done: Done[T]) -> None:
        """What a command changed, told once to whoever shows it (MainWindow._on_changed)."""
        if done.changes != Changes():
            self.bridge.changed.emit(done.changes)
            if self._team is not None and (done.changes.conversations or done.changes.outbox):
                self._team.soon()  # the teammates hear of it now, not at the next round

    async def fetch_images(self, urls: list[str]) -> dict[str, bytes]:
        from cmdesk.connectors.media import fetch_images

        return await fetch_images(self.client, urls)

    async def save_attachment(self, message_id: int, part: int, destination: Path) -> Path:
        from cmdesk.services.attachments import save_attachment

        return await save_attachment(self.engine, message_id, part, destination)

    async def check_feed(self, url: str, *, api_base: str | None = None) -> FeedChoice:
        from cmdesk.services.sources import check_feed

        return await check_feed(self.client, url, api_base=api_base)

    @property
    def team(self) -> TeamDesk | None:
        """Team mode's side of the window when this workspace belongs to a team (app/team_desk.py), else None."""
        if not self._team_checked:
            self._team_checked = True
            from cmdesk.storage.team import link

            with self.database.snapshot() as connection:  # plain SQL: no SQLAlchemy for a workspace of its own
                linked = link.read(connection) is not None
            if linked:
                from cmdesk.app.team_desk import TeamDesk

                self._team = TeamDesk(self.database, self.credentials, self.bridge)
        return self._team

    @property
    def team_problem(self) -> str:
        """Why the team database could not be reached at the last replay ("" when it was, or outside a team)."""
        return self._team.problem if self._team is not None else ""

    def start_sync(self) -> None:
        """Start the background schedule (each account on its own interval), and the team's replay in a team."""
        import asyncio

        if self._runner is None:
            self._runner = asyncio.get_event_loop().create_task(self.engine.run(), name="sync-engine")
            if self.team is not None:
                self.team.start()

    def sync_now(self, account_id: int | None = None) -> None:
        self.start_sync()
        self.engine.sync_now(account_id)

    def send_soon(self) -> None:
        """Something was queued in the outbox: the engine sends it now if the network allows, else later."""
        self.start_sync()
        self.engine.wake()

    def check_health(self) -> None:
        """storage/health.py's check on a worker thread (seconds on a large database); damage goes to the window
        as `bridge.damageFound`. One check at a time."""
        from cmdesk.storage import health

        if self.database.path == Path(":memory:") or self._checking:
            return
        self._checking = True
        self._off_thread(lambda: health.check(self.database.path), self._checked, None)

    def _checked(self, found: Health | None, error: BaseException | None) -> None:
        from cmdesk.app import repair

        self._checking = False
        if error is not None:
            log.error("could not check the database: %s", error)
        elif found is not None and not found.ok:
            log.warning("database check: %s", found.summary())
            self.bridge.damageFound.emit(repair.damage(self.database.path, found.summary(), found))

    def repair(self, kind: str) -> None:
        """The search index is rebuilt now, on the writing thread; a restore or a salvage replaces the file, so
        the app quits, does it and starts again (app/main.py)."""
        from cmdesk.app import repair
        from cmdesk.ui.repair_widgets import REBUILD_SEARCH

        if kind == REBUILD_SEARCH:
            self._off_thread(lambda: repair.repair(self.database.path, kind), self._rebuilt, self.writer)
            return
        self.repair_on_quit = kind
        from PySide6.QtWidgets import QApplication

        QApplication.quit()

    def _rebuilt(self, done: str | None, error: BaseException | None) -> None:
        if error is not None or done is None:
            self.bridge.writeFailed.emit(str(error))
            return
        self.bridge.repaired.emit(done)
        self.bridge.changed.emit(Changes(views=True))

    def _off_thread(
        self,
        work: Callable[[], T],
        then: Callable[[T | None, BaseException | None], None],
        executor: ThreadPoolExecutor | None,
    ) -> None:
        """`work` on `executor` (the default pool when None), `then(result, error)` back on the window's thread;
        without a running loop (tests, scripts) both now. Once the window closes, work asked for late (a timer
        that fired during the close) is dropped: the writer is gone."""
        import asyncio

        if self._closing:
            log.debug("work asked for while closing, dropped")
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            try:
                result = work()
            except Exception as error:  # noqa: BLE001 - reported like the threaded path
                then(None, error)
            else:
                then(result, None)
            return

        def finished(future: asyncio.Future[T]) -> None:
            if not future.cancelled():
                error = future.exception()
                then(None if error is not None else future.result(), error)

        loop.run_in_executor(executor, work).add_done_callback(finished)

    def join_team(self, request: JoinRequest, then: Callable[[Joined | None, BaseException | None], None]) -> None:
        """Join a team from the window: the sync stopped first (joining may replace the database), the join on the
        writer thread, `then(joined, error)` back on the window's thread (which then restarts cmdesk)."""
        import asyncio

        from cmdesk.services import team

        def join() -> Joined:
            return team.join(
                self.database,
                self.data_dir,
                request.address,
                request.password,
                self.credentials,
                laptop=request.laptop,
                person=request.person,
                replace_local=request.replace_local,
                from_window=True,
            )

        async def stopped_then_join() -> None:
            if self._runner is not None:
                self._runner.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await self._runner
                self._runner = None
            self._off_thread(join, then, self.writer)

        try:
            asyncio.get_running_loop().create_task(stopped_then_join(), name="team-join")
        except RuntimeError:  # no running loop (tests, scripts): now
            self._off_thread(join, then, self.writer)

    def leave_team(self, then: Callable[[int | None, BaseException | None], None]) -> None:
        """Leave the team (services/team.leave) on the writer thread; `then(dropped, error)` on the window's."""
        from cmdesk.services import team

        self._off_thread(lambda: team.leave(self.database, self.credentials), then, self.writer)

    def forget_secret(self, account_uid: str) -> None:
        """After an account is removed: its token leaves the keyring too (nothing to do when there is none)."""
        from cmdesk.credentials import NoKeyringAvailable

        try:
            self.credentials.delete(account_uid)
        except NoKeyringAvailable:
            pass

    async def aclose(self) -> None:
        import asyncio

        self._closing = True
        if self._runner is not None:
            self._runner.cancel()
            try:
                async with asyncio.timeout(10):
                    await self._runner
            except (asyncio.CancelledError, TimeoutError):
                pass
            except Exception:  # noqa: BLE001 - closing must go on
                log.exception("sync engine stopped with an error")
        if self._team is not None:
            await self._team.aclose()
        if self._client is not None:
            await self._client.aclose()
        if self._engine is not None:
            await self._engine.aclose()
            from cmdesk.sync.judging import shutdown

            shutdown()
        if "cmdesk.services.chart_drawing" in sys.modules:
            sys.modules["cmdesk.services.chart_drawing"].shutdown()
        if self._writer is not None:
            await asyncio.get_running_loop().run_in_executor(None, self._writer.shutdown)
        self.reads.close()
        self.database.close()
