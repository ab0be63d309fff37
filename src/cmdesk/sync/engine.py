"""The sync engine: pulls every account's pages through its connector into storage, one account at a time per
account and at most `concurrency` accounts at once.

Decisions on errors live here, never in connectors:
- Transient → retry after exponential backoff with jitter (health "retrying");
- RateLimited → wait until the server's `retry_at` (health "rate_limited");
- AuthExpired, Permanent, BadPayload → stop pulling that account and mark it "needs attention" with the reason,
  until the user acts (`sync_now`);
- whatever was committed before an error stays committed: each page is written with its cursor in one transaction.

All database work runs on one writer thread (the engine owns the only writer connection), and feed parsing runs in
a process pool, so the event loop (Qt's, in the GUI) never waits on either.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import replace
from datetime import datetime, timedelta
from functools import partial
from typing import Any, TypeVar

import httpx

from cmdesk.connectors.base import AuthExpired, BadPayload, Connector, ConnectorError, Permanent, RateLimited, Transient
from cmdesk.credentials.base import CredentialStore, NoKeyringAvailable
from cmdesk.domain import Account, Download, Health, ItemProblem, NetworkId, Page, Usage
from cmdesk.domain.dates import plausible_dates
from cmdesk.domain.limits import bounded_texts
from cmdesk.domain.monitors import CLIENT_MONITORS
from cmdesk.storage import alerts, ingest, syncstate, usage, workspace
from cmdesk.storage import outbox as outbox_store
from cmdesk.storage.database import Database
from cmdesk.storage.errors import StorageError
from cmdesk.storage.ingest import IngestResult
from cmdesk.storage.sync_due import interval_of
from cmdesk.storage.timeutil import utcnow
from cmdesk.sync.attachments import fetch_attachment
from cmdesk.sync.backoff import backoff_delay
from cmdesk.sync.credentials import with_fresh_secret
from cmdesk.sync.events import (
    AccountFinished,
    AccountProgress,
    AccountStarted,
    AlertsRaised,
    ClockJumped,
    HealthChanged,
    SyncEvent,
)
from cmdesk.sync.judges import BACKLOG_BATCHES, Judges
from cmdesk.sync.leadership import Leadership, LedElsewhere
from cmdesk.sync.outbox import OutboxSender
from cmdesk.sync.results import AccountResult, SendResult
from cmdesk.sync.watchers import Watchers

log = logging.getLogger(__name__)
T = TypeVar("T")

MAX_PAGES_PER_PASS = 100
PULL_DEADLINE = 120.0
"""Seconds one page may take, whatever the server does: httpx's timeouts bound each wait for a byte, not a server
that sends one byte every few seconds forever (it kept `cmdesk sync` running, and a sync slot taken, for good)."""
CLOCK_JUMP = 60.0
"""Seconds by which the wall clock may drift from the monotonic one between two looks before it counts as a jump."""
Listener = Callable[[SyncEvent], None]


class SyncEngine:
    def __init__(
        self,
        database: Database,
        client: httpx.AsyncClient,
        connectors: Mapping[NetworkId, Connector],
        credentials: CredentialStore | None = None,
        *,
        concurrency: int = 4,
        backoff_base: float = 30.0,
        backoff_cap: float = 3600.0,
        clock: Callable[[], datetime] = utcnow,
        sleep: Callable[[float], Any] = asyncio.sleep,
        monotonic: Callable[[], float] = time.monotonic,
        rng: random.Random | None = None,
        writer: ThreadPoolExecutor | None = None,
        pull_deadline: float = PULL_DEADLINE,
        judging: Executor | None = None,
        leadership: Leadership | None = None,
        small_pages_judged_here: bool = False,
    ) -> None:
        """`judging`: where messages are judged (sync/judging.py's child process, for the window: its event loop then
        never waits on the rules); None judges them on the writer thread, small pages as they are written.
        `small_pages_judged_here`: with `judging`, small pages (a Mastodon or mail page) are still judged as they
        are written (`cmdesk sync`, which has no event loop of a window to spare: a sync of a few new toots then
        never starts the judging processes). `writer`: the one thread that writes to the database, shared with the
        app's own small writes (the engine shuts it down only when it made it)."""
        self._database = database
        self._leadership = leadership
        self._client = client
        self._connectors = dict(connectors)
        self._credentials = credentials
        self._limit = asyncio.Semaphore(concurrency)
        self._pull_deadline = pull_deadline
        self._backoff_base = backoff_base
        self._backoff_cap = backoff_cap
        self._clock = clock
        self._sleep = sleep
        self._monotonic = monotonic
        self._rng = rng or random.Random()
        self._owns_writer = writer is None
        self._writer = writer or ThreadPoolExecutor(max_workers=1, thread_name_prefix="cmdesk-db-writer")
        self._judges = Judges(database, self._db, judging, small_pages_here=small_pages_judged_here)
        self._listeners: list[Listener] = []
        self._failures: dict[int, int] = {}
        self._next_due: dict[int, datetime] = {}
        self._parked: set[int] = set()
        self._running: dict[int, asyncio.Task[AccountResult]] = {}
        self._wake = asyncio.Event()
        self.outbox = OutboxSender(
            database,
            client,
            self._connectors,
            credentials,
            self.run_write,
            clock=clock,
            backoff_base=backoff_base,
            backoff_cap=backoff_cap,
            rng=self._rng,
            emit=self._emit,
            leadership=leadership,
        )
        self._sending: asyncio.Task[list[SendResult]] | None = None
        self._changed_while_running: set[int] = set()
        self.watchers = Watchers(
            self._connectors,
            credentials,
            self._server_changed,
            sleep=sleep,
            backoff_base=backoff_base,
            backoff_cap=backoff_cap,
            rng=self._rng,
        )

    # events ------------------------------------------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def _emit(self, event: SyncEvent) -> None:
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:  # noqa: BLE001 - a faulty listener must not stop syncing
                log.exception("sync event listener failed")

    # database on the writer thread ---------------------------------------------------------------------------------

    async def _db(self, function: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._writer, function, *args)

    async def run_write(self, function: Callable[[], T]) -> T:
        """Run a database change on the engine's writer thread, in turn with sync commits (for the UI's small
        writes, which would otherwise wait on the write lock in the event loop's thread)."""
        return await self._db(function)

    def _load_accounts(self, account_ids: Iterable[int] | None) -> list[Account]:
        with self._database.read() as connection:
            accounts = [
                account
                for account in workspace.list_accounts(connection, enabled_only=account_ids is None)
                if not account.is_demo or account_ids is not None
            ]
            states = syncstate.load_all(connection)
            listening_for = {client.id: client.monitors for client in workspace.list_clients(connection)}
        # What the account's client listens for goes to every network that can search (the connector decides).
        accounts = [
            replace(account, settings={**account.settings, CLIENT_MONITORS: list(listening_for[account.client_id])})
            if listening_for.get(account.client_id)
            else account
            for account in accounts
        ]
        for account in accounts:
            state = states.get(account.id)
            if state is not None:
                self._failures.setdefault(account.id, state.consecutive_failures)
        if account_ids is not None:
            wanted = set(account_ids)
            missing = wanted - {a.id for a in accounts}
            if missing:
                raise workspace.WorkspaceError(f"no account with id {', '.join(map(str, sorted(missing)))}")
            accounts = [a for a in accounts if a.id in wanted]
        return accounts

    def _load_usage(self) -> dict[tuple[str, str], int]:
        with self._database.read() as connection:
            return usage.recent(connection)

    def _load_cursor(self, account_id: int) -> dict[str, Any]:
        with self._database.read() as connection:
            return syncstate.load(connection, account_id).cursor

    def _has_secret(self, account: Account) -> bool:
        try:
            return self._credentials is not None and self._credentials.get(account.uid) is not None
        except NoKeyringAvailable:
            return False

    def _record(self, account_id: int, health: Health, **values: Any) -> None:
        with self._database.write() as connection:
            syncstate.record_health(connection, account_id, health, **values)

    # one account ---------------------------------------------------------------------------------------------------

    async def pull_account(self, account: Account) -> AccountResult:
        """Pull every waiting page of one account and record its health; never raises connector errors."""
        started = time.monotonic()
        now = self._clock()
        self._emit(AccountStarted(account.id, account.name))
        self._emit(HealthChanged(account.id, Health.SYNCING))
        total, pages, not_modified = IngestResult(), 0, False
        problems: list[ItemProblem] = []
        health, reason, retry_at = Health.OK, "", None
        try:
            connector = self._connectors.get(account.network)
            if account.is_demo:
                raise Permanent("a demo account has nothing to sync")
            if connector is None:
                raise Permanent(f"cmdesk cannot sync {account.network} accounts yet")
            if self._leadership is not None:
                can_lead = not connector.capabilities.needs_credentials or self._has_secret(account)
                holder = await self._leadership.holder(account.uid, can_lead=can_lead)
                if holder:
                    raise LedElsewhere(holder)
            prepared = await with_fresh_secret(self._client, account, connector, self._credentials, now)
            cursor = await self._db(self._load_cursor, account.id)
            prepared = replace(prepared, usage=await self._db(self._load_usage))
            while True:
                page = bounded_texts(plausible_dates(await self._pull_page(connector, prepared, cursor), self._clock()))
                prepared = replace(prepared, usage=Usage.added(prepared.usage, page.usage))
                judged = await self._judges.before_writing(page)
                write = partial(ingest.commit_page, judge_inline=self._judges.inline, judged=judged)
                total = total + await self._db(write, self._database, account.id, page)
                pages += 1
                problems.extend(page.problems)
                not_modified = page.not_modified
                self._emit(AccountProgress(account.id, pages, total.inserted, total.updated))
                cursor = dict(page.cursor)
                if not page.has_more or pages >= MAX_PAGES_PER_PASS:
                    break
        except LedElsewhere as error:
            reason = str(error)
        except RateLimited as error:
            health, reason, retry_at = Health.RATE_LIMITED, str(error), error.retry_at
        except Transient as error:
            failures = self._failures.get(account.id, 0) + 1
            self._failures[account.id] = failures
            delay = backoff_delay(failures, base=self._backoff_base, cap=self._backoff_cap, rng=self._rng)
            health, reason, retry_at = Health.RETRYING, str(error), now + timedelta(seconds=delay)
        except AuthExpired as error:
            health, reason = Health.NEEDS_ATTENTION, f"sign-in needed: {error}"
        except (Permanent, BadPayload) as error:
            health, reason = Health.NEEDS_ATTENTION, str(error)
        except ConnectorError as error:
            health, reason = Health.NEEDS_ATTENTION, str(error)
        except (StorageError, workspace.WorkspaceError) as error:
            health, reason = Health.NEEDS_ATTENTION, str(error)
        except Exception as error:  # noqa: BLE001 - an unexpected bug in one account must not stop the others
            log.exception("unexpected error while syncing account %s", account.id)
            health, reason = Health.NEEDS_ATTENTION, f"internal error: {type(error).__name__}: {error}"
        if health is not Health.RETRYING:
            self._failures[account.id] = 0
        try:
            await self._db(
                lambda: self._record(
                    account.id,
                    health,
                    reason=reason,
                    retry_at=retry_at,
                    attempted_at=now,
                    succeeded_at=now if health is Health.OK else None,
                    failures=self._failures.get(account.id, 0),
                )
            )
        except StorageError as error:
            health, reason = Health.NEEDS_ATTENTION, str(error)
        expedited = 0
        if health is Health.OK:
            try:
                expedited = await self._db(self._expedite, account.id)
            except StorageError as error:
                log.warning("could not reschedule the outbox of account %s: %s", account.id, error)
        self._emit(HealthChanged(account.id, health, reason, retry_at))
        result = AccountResult(
            account.id,
            account.name,
            health,
            total,
            pages,
            tuple(problems),
            reason,
            retry_at,
            time.monotonic() - started,
            not_modified,
            expedited,
        )
        self._emit(AccountFinished(result))
        return result

    async def _pull_page(self, connector: Connector, account: Account, cursor: dict[str, Any]) -> Page:
        """One page, within the pull deadline (a Transient error past it: the next sync tries again)."""
        try:
            async with asyncio.timeout(self._pull_deadline):
                return await connector.pull(self._client, account, cursor)
        except TimeoutError:
            raise Transient(
                f"{account.name} took more than {self._pull_deadline:.0f} s to send a page; cmdesk stopped waiting"
            ) from None

    # one pass (CLI) --------------------------------------------------------------------------------------------------

    async def sync_and_send(
        self, account_ids: Iterable[int] | None = None, *, attempts: int = 3
    ) -> tuple[list[AccountResult], list[SendResult]]:
        """One pass over the accounts while what is due in the outbox goes out (sending never waits for a pull),
        then what came due meanwhile or was waiting for a server that answered again."""
        sending = asyncio.create_task(self.outbox.send_due(), name="send-outbox")
        try:
            results = await self.sync_once(account_ids, attempts=attempts)
        finally:
            first = await sending
        return results, first + await self.outbox.send_due()

    async def sync_once(
        self, account_ids: Iterable[int] | None = None, *, attempts: int = 3, max_wait: float = 30.0
    ) -> list[AccountResult]:
        """One pass over the accounts (all enabled ones by default), concurrently within the limit.

        A transient failure is retried up to `attempts` times with backoff; a rate limit is waited out when it
        ends within `max_wait` seconds. Results come back in account order.
        """
        accounts = await self._db(self._load_accounts, account_ids)

        async def one(account: Account) -> AccountResult:
            async with self._limit:
                for attempt in range(1, attempts + 1):
                    result = await self.pull_account(account)
                    if attempt == attempts or result.retry_at is None:
                        return result
                    wait = (result.retry_at - self._clock()).total_seconds()
                    if result.health is Health.RATE_LIMITED and wait > max_wait:
                        return result
                    await self._sleep(max(0.0, wait))
                return result

        pulled = asyncio.Event()
        judging = asyncio.create_task(self.judge_backlog(while_pulling=pulled), name="judge-backlog")
        try:
            results = list(await asyncio.gather(*(one(account) for account in accounts)))
        finally:
            pulled.set()
            await judging
        await self.look_for_buzz()
        return results

    async def look_for_buzz(self) -> tuple[int, ...]:
        """Bad-buzz alerts for the clients whose last two hours spike (storage/alerts.py); says so when any."""
        raised = tuple(await self._db(self._detect_alerts))
        if raised:
            self._emit(AlertsRaised(raised))
        return raised

    def _detect_alerts(self) -> list[int]:
        with self._database.write() as connection:
            return alerts.detect(connection, self._clock())

    async def judge_backlog(self, batches: int = BACKLOG_BATCHES, *, while_pulling: asyncio.Event | None = None) -> int:
        """Judge messages written unjudged (sync/judges.py), at most `batches` batches; `while_pulling`: until set."""
        return await self._judges.backlog(batches, while_pulling=while_pulling)

    # continuous (GUI) ------------------------------------------------------------------------------------------------

    def sync_now(self, account_id: int | None = None) -> None:
        """Make one account (or all) due now, also those parked as needing attention."""
        now = self._clock()
        targets = [account_id] if account_id is not None else list(self._next_due) + list(self._parked)
        for target in targets:
            self._parked.discard(target)
            self._next_due[target] = now
        if account_id is None:
            self._next_due.clear()
        self.watchers.try_again(account_id)
        self._wake.set()

    def _interval(self, account: Account) -> timedelta:
        return interval_of(account.settings)

    async def _scheduled(self, account: Account) -> AccountResult:
        async with self._limit:
            result = await self.pull_account(account)
        now = self._clock()
        if result.health is Health.OK and result.expedited:
            self._wake.set()  # its server answers again: what waited for it goes now
        if result.health is Health.OK:
            self._next_due[account.id] = now + self._interval(account)
        elif result.retry_at is not None:
            self._next_due[account.id] = result.retry_at
        else:
            self._parked.add(account.id)
        await self.judge_backlog(batches=4)
        if result.ingested.inserted:
            await self.look_for_buzz()
        return result

    def _expedite(self, account_id: int) -> int:
        with self._database.write() as connection:
            return outbox_store.expedite(connection, account_id, self._clock())

    def _server_changed(self, account_id: int) -> None:
        """A watched server reported a change: sync that account now (or again right after the running pass)."""
        if account_id in self._running:
            self._changed_while_running.add(account_id)
        elif account_id not in self._parked:
            self._next_due[account_id] = self._clock()
            self._wake.set()

    def wake(self) -> None:
        """Look again now (something was queued in the outbox)."""
        self._wake.set()

    def _outbox_next_due(self) -> datetime | None:
        return self.outbox.next_work()

    async def run(self, *, idle_check: float = 60.0) -> None:
        """Keep every enabled account synced on its own schedule, and the outbox sent, until cancelled."""
        last = (self._clock(), self._monotonic())
        try:
            while True:
                self._wake.clear()
                last = self._notice_clock_jump(*last)
                accounts = await self._db(self._load_accounts, None)
                now = self._clock()
                if self._sending is None:
                    await self.outbox.recover()
                outbox_due = await self._db(self._outbox_next_due)
                if outbox_due is not None and outbox_due <= self._clock() and self._sending is None:
                    self._sending = asyncio.create_task(self.outbox.send_due(), name="send-outbox")
                    self._sending.add_done_callback(self._sent)
                known = {account.id for account in accounts}
                self.watchers.update(accounts, self._parked)
                for stale in set(self._next_due) - known:
                    self._next_due.pop(stale, None)
                for account in accounts:
                    if account.id in self._running or account.id in self._parked:
                        continue
                    if self._next_due.get(account.id, now) <= now:
                        task = asyncio.create_task(self._scheduled(account), name=f"sync-account-{account.id}")
                        self._running[account.id] = task
                        task.add_done_callback(partial(self._finished, account.id))
                upcoming = [due for key, due in self._next_due.items() if key not in self._running]
                if outbox_due is not None and self._sending is None:
                    upcoming.append(outbox_due)
                delay = idle_check
                if upcoming:
                    delay = max(0.0, min(idle_check, (min(upcoming) - self._clock()).total_seconds()))
                try:
                    # asyncio.timeout, not wait_for: on 3.11 wait_for can swallow a cancellation that arrives as
                    # the wake event fires, and run() would then never stop.
                    async with asyncio.timeout(delay):
                        await self._wake.wait()
                except TimeoutError:
                    pass
        finally:
            await self.watchers.aclose()
            pending: list[asyncio.Task[Any]] = [*self._running.values()]
            if self._sending is not None:
                pending.append(self._sending)
            for task in pending:
                task.cancel()
            if pending:
                await asyncio.gather(*pending, return_exceptions=True)

    def _notice_clock_jump(self, wall_before: datetime, monotonic_before: float) -> tuple[datetime, float]:
        """After a sleep (or a change of the computer's time) the wall clock has moved apart from the monotonic
        one: make every account due now, so the inbox catches up at once. Returns the new reference point."""
        wall, monotonic = self._clock(), self._monotonic()
        jump = (wall - wall_before).total_seconds() - (monotonic - monotonic_before)
        if abs(jump) > CLOCK_JUMP:
            log.info("the clock jumped by %.0f s (sleep or time change): syncing everything now", jump)
            for account_id in list(self._next_due):
                self._next_due[account_id] = wall
            self._emit(ClockJumped(jump))
        return wall, monotonic

    def _sent(self, task: asyncio.Task[list[SendResult]]) -> None:
        self._sending = None
        if not task.cancelled() and task.exception() is not None:
            log.error("sending the outbox failed", exc_info=task.exception())
        self._wake.set()

    def _finished(self, account_id: int, task: asyncio.Task[AccountResult] | None = None) -> None:
        """A pass is over (judging and the bad-buzz look included): a change its server reported meanwhile, even
        after the pull itself, makes the account due again at once if the pass went well (a failed one keeps its
        retry time)."""
        self._running.pop(account_id, None)
        if account_id in self._changed_while_running:
            self._changed_while_running.discard(account_id)
            done = task is not None and not task.cancelled() and task.exception() is None
            if done and task is not None and task.result().health is Health.OK:
                self._next_due[account_id] = self._clock()
        self._wake.set()

    async def fetch_attachment(self, message_id: int, part: int) -> Download:
        """An attachment's contents, from its server (ConnectorError with the reason otherwise)."""
        return await fetch_attachment(self._database, self._connectors, self._credentials, message_id, part)

    async def aclose(self) -> None:
        self.outbox.close()
        if self._owns_writer:
            self._writer.shutdown(wait=True)
