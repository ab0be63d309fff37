"""Sending the outbox: each due entry is claimed ("sending", committed) before the network is touched, then sent
through its account's connector, then marked sent together with the message it created (one transaction), so
the thread shows the reply exactly once.

Failures never drop anything: a network outage or a rate limit puts the entry back in the queue with a time to try
again; a refusal (revoked sign-in, post rejected) marks it failed with the reason, for the user to retry or edit.
An entry that may already have reached the network (an earlier attempt got no answer, or the app died while
sending) is first looked for on the network (`Connector.find_sent`), and only sent again if it is not there —
with the same idempotency key, which servers that keep it (Mastodon) use to refuse a double.

A post whose time passed while cmdesk was not running follows its missed-post policy first (storage/schedule.py);
a weekly post queues its next time once sent.

Where the network schedules posts itself (`SchedulingConnector`), a post planned later is handed over as soon as
it is written (or when the network is next reachable) and goes out with cmdesk closed; at its time the sender
only checks that the network published it, and records the status. Editing, moving or cancelling it first
withdraws the network's copy (storage/outbox.take_back).
"""

from __future__ import annotations

import logging
import random
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime, timedelta
from typing import Any, TypeVar

import httpx

from cmdesk.connectors.base import (
    AuthExpired,
    BadPayload,
    Connector,
    ConnectorError,
    Permanent,
    RateLimited,
    SchedulingConnector,
    Transient,
    Uncertain,
)
from cmdesk.credentials.base import CredentialStore
from cmdesk.domain import Account, Action, NetworkId, Page, RemoteRef
from cmdesk.domain.acts import Approve, Delete, Hide, Trash
from cmdesk.storage import claims, ingest, outbox, remote_marks, schedule, usage, workspace
from cmdesk.storage.database import Database
from cmdesk.storage.outbox import OutboxEntry, OutboxState
from cmdesk.storage.outbox_reads import HAND_OVER_LEAD, HAND_OVER_RETRY
from cmdesk.storage.team import pending as team_pending
from cmdesk.storage.timeutil import utcnow
from cmdesk.sync.backoff import backoff_delay
from cmdesk.sync.credentials import with_fresh_secret
from cmdesk.sync.demo_sending import played_out
from cmdesk.sync.events import OutboxChanged, SyncEvent
from cmdesk.sync.leadership import Leadership
from cmdesk.sync.results import SendResult

log = logging.getLogger(__name__)
T = TypeVar("T")
PUBLISHED_CHECK = timedelta(minutes=1)
TEAM_RECHECK = timedelta(minutes=1)
"""How soon an entry another laptop of the team leads (or is sending) is looked at again."""
"""How soon to look again when the network has not yet published a post at its time."""
RunDb = Callable[[Callable[[], T]], Awaitable[T]]


class Unreadable(Exception):
    """An entry whose stored act cannot be read (an older or newer cmdesk, a damaged row): held for the user."""


class OutboxSender:
    def __init__(
        self,
        database: Database,
        client: httpx.AsyncClient,
        connectors: Mapping[NetworkId, Connector],
        credentials: CredentialStore | None,
        run_db: Callable[[Callable[[], Any]], Awaitable[Any]],
        *,
        clock: Callable[[], datetime] = utcnow,
        backoff_base: float = 30.0,
        backoff_cap: float = 3600.0,
        rng: random.Random | None = None,
        emit: Callable[[SyncEvent], None] | None = None,
        hand_over_lead: timedelta = HAND_OVER_LEAD,
        leadership: Leadership | None = None,
    ) -> None:
        self._emit = emit or (lambda _event: None)
        self._leadership = leadership
        self._hand_over_lead = hand_over_lead
        self._database = database
        self._client = client
        self._connectors = connectors
        self._credentials = credentials
        self._run_db = run_db
        self._clock = clock
        self._backoff_base = backoff_base
        self._backoff_cap = backoff_cap
        self._rng = rng or random.Random()
        self._lock: claims.SenderLock | None = None

    def _read(self, function: Callable[[Any], T]) -> T:
        with self._database.read() as connection:
            return function(connection)

    def _write(self, function: Callable[[Any], T]) -> T:
        with self._database.write() as connection:
            return function(connection)

    def _token(self) -> str:
        """This process's sender token, locked while it lives (none for a database without a folder)."""
        if self._lock is None and self._database.path.name != ":memory:":
            self._lock = claims.SenderLock(self._database.path.parent)
        return self._lock.token if self._lock is not None else ""

    def _alive(self, token: str) -> bool:
        if self._database.path.name == ":memory:":
            return True
        return claims.holder_alive(self._database.path.parent, token)

    def close(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    async def recover(self) -> int:
        """Entries a dead process left "sending" become due again, to be checked before any resend: at once when
        their sender is known dead, else once stale."""
        return int(
            await self._run_db(
                lambda: self._write(lambda c: outbox.recover_interrupted(c, self._clock(), holder_alive=self._alive))
            )
        )

    async def send_due(self) -> list[SendResult]:
        """Send everything due, after reclaiming what a dead process left "sending"; then hand the posts planned
        later to the networks that schedule them themselves (after the withdrawals just sent)."""
        await self.recover()
        now = self._clock()
        entries: list[OutboxEntry] = await self._run_db(lambda: self._read(lambda c: outbox.due(c, now)))
        results = []
        for entry in entries:
            held = await self._hold_if_missed(entry, now)
            result = held or await self.send(entry)
            self._emit(OutboxChanged(result))
            results.append(result)
        for entry in await self.to_hand_over():
            result = await self.hand_over(entry)
            self._emit(OutboxChanged(result))
            results.append(result)
        return results

    async def to_hand_over(self) -> list[OutboxEntry]:
        """The posts a network could now take on its own scheduler (storage/outbox_reads.to_hand_over)."""
        return list(await self._run_db(lambda: self._read(self._handable)))

    def _scheduling_networks(self) -> list[str]:
        return [n for n, c in self._connectors.items() if c.capabilities.can_schedule_natively]

    def _handable(self, connection: Any) -> list[OutboxEntry]:
        now = self._clock()
        after = now + self._hand_over_lead
        return outbox.to_hand_over(connection, after, self._scheduling_networks(), retry_before=now - HAND_OVER_RETRY)

    def next_work(self) -> datetime | None:
        """When there is next something to send (storage/outbox_reads.next_send_time)."""
        with self._database.read() as connection:
            return outbox.next_send_time(
                connection, self._clock(), self._scheduling_networks(), lead=self._hand_over_lead
            )

    async def hand_over(self, entry: OutboxEntry) -> SendResult:
        """Give a post planned later to its network's own scheduler, so it goes out with cmdesk closed. A post
        handed over before without an answer is first looked for there. When the network cannot take it now, it
        stays cmdesk's to send at its time (tried again later); a post the network refuses fails now, not at its
        time."""
        token = self._token()
        claimed = await self._run_db(lambda: self._write(lambda c: outbox.claim(c, entry.id, self._clock(), token)))
        if not claimed or entry.act is None or entry.scheduled_at is None:
            current = await self._run_db(lambda: self._read(lambda c: outbox.get(c, entry.id)))
            return SendResult(entry.id, entry.account_id, entry.action, current.state, current.remote_id)
        at = entry.scheduled_at
        try:
            account = await self._run_db(lambda: self._read(lambda c: workspace.get_account(c, entry.account_id)))
            connector = self._connectors.get(account.network)
            if not isinstance(connector, SchedulingConnector):
                raise Permanent(f"{account.network} accounts cannot schedule posts themselves")
            prepared = await with_fresh_secret(self._client, account, connector, self._credentials, self._clock())
            action = Action(entry.act, entry.idempotency_key)
            copy = await connector.find_handed_over(self._client, prepared, action, at) if entry.unsure else None
            copy = copy or await connector.hand_over(self._client, prepared, action, at)
        except (Permanent, BadPayload) as error:
            return await self._fail(entry, str(error))
        except (ConnectorError, workspace.WorkspaceError, httpx.HTTPError) as error:
            reason = f"not handed to the network's scheduler yet ({error}); cmdesk sends it at its time"
            unsure = isinstance(error, Uncertain)
            await self._run_db(
                lambda: self._write(lambda c: outbox.hand_over_failed(c, entry.id, reason, unsure=unsure))
            )
            return SendResult(entry.id, entry.account_id, entry.action, OutboxState.SCHEDULED, reason=reason)
        await self._run_db(lambda: self._write(lambda c: outbox.mark_handed_over(c, entry.id, copy, self._clock())))
        return SendResult(entry.id, entry.account_id, entry.action, OutboxState.SCHEDULED, copy)

    async def _hold_if_missed(self, entry: OutboxEntry, now: datetime) -> SendResult | None:
        """A post whose time passed while cmdesk was not running: held for the user or skipped, by its policy."""

        def settle(connection: Any) -> tuple[OutboxState, str] | None:
            state = schedule.settle_missed(connection, entry, now)
            return (state, outbox.get(connection, entry.id).last_error) if state is not None else None

        held: tuple[OutboxState, str] | None = await self._run_db(lambda: self._write(settle))
        if held is None:
            return None
        return SendResult(entry.id, entry.account_id, entry.action, held[0], reason=held[1])

    async def send(self, entry: OutboxEntry) -> SendResult:
        now = self._clock()
        token = self._token()
        claimed = await self._run_db(lambda: self._write(lambda c: outbox.claim(c, entry.id, now, token)))
        if not claimed:
            current = await self._run_db(lambda: self._read(lambda c: outbox.get(c, entry.id)))
            return SendResult(entry.id, entry.account_id, entry.action, current.state, current.remote_id)
        unsure = entry.unsure
        if self._leadership is not None:
            team = await self._team_claim(entry)
            if isinstance(team, SendResult):
                return team
            unsure = unsure or team
        try:
            if entry.act is None:
                raise Unreadable(f"cmdesk cannot read this entry ({entry.act_problem}): check it, then cancel it")
            action = Action(entry.act, entry.idempotency_key)
            account = await self._run_db(lambda: self._read(lambda c: workspace.get_account(c, entry.account_id)))
            if account.is_demo:
                demo = played_out(entry.act, entry.idempotency_key, account, self._clock())
                return await self._settle_sent(entry, demo)
            connector = self._connectors.get(account.network)
            if connector is None:
                raise Permanent(f"cmdesk cannot send through {account.network} accounts")
            prepared = await with_fresh_secret(self._client, account, connector, self._credentials, self._clock())
            found: RemoteRef | None = None
            if entry.network_schedule:
                found = await self._published(connector, prepared, action, entry)
                if found is None:
                    reason = "waiting for the network's scheduler to publish it"
                    return await self._retry_later(entry, reason, self._clock() + PUBLISHED_CHECK)
            elif unsure:
                found = await connector.find_sent(self._client, prepared, action, entry.created_at)
            ref = found or await connector.perform(self._client, prepared, action)
        except RateLimited as error:
            await self._release(entry)
            return await self._retry_later(entry, str(error), error.retry_at)
        except Transient as error:
            await self._release(entry)
            delay = backoff_delay(entry.attempts + 1, base=self._backoff_base, cap=self._backoff_cap, rng=self._rng)
            return await self._retry_later(entry, str(error), self._clock() + timedelta(seconds=delay))
        except AuthExpired as error:
            await self._release(entry)
            return await self._fail(entry, f"{outbox.SIGN_IN_NEEDED}: {error}")
        except (Uncertain, Unreadable) as error:
            reason = str(error)
            await self._run_db(lambda: self._write(lambda c: outbox.mark_needs_check(c, entry.id, reason)))
            return SendResult(entry.id, entry.account_id, entry.action, OutboxState.NEEDS_CHECK, reason=reason)
        except (Permanent, BadPayload, ConnectorError, workspace.WorkspaceError) as error:
            await self._release(entry)
            return await self._fail(entry, str(error))
        except Exception as error:  # noqa: BLE001 - a bug after the request left: the user must look
            log.exception("unexpected error while sending outbox entry %s", entry.id)
            reason = f"internal error while sending ({type(error).__name__}); check on the network before retrying"
            await self._run_db(lambda: self._write(lambda c: outbox.mark_needs_check(c, entry.id, reason)))
            return SendResult(entry.id, entry.account_id, entry.action, OutboxState.NEEDS_CHECK, reason=reason)

        return await self._settle_sent(entry, ref)

    async def _team_claim(self, entry: OutboxEntry) -> SendResult | bool:
        """In a team: the claim of the entry's key (True: go, but look for it first; False: go), or the result of
        not sending it now (another laptop leads the account or is sending it; it was sent already)."""
        assert self._leadership is not None
        uid = await self._run_db(lambda: self._read(lambda c: workspace.get_account(c, entry.account_id).uid))
        answer = await self._leadership.claim_send(uid, entry.idempotency_key)
        if answer.go:
            return answer.unsure
        if answer.sent_as:
            return await self._settle_sent(entry, RemoteRef(answer.sent_as), shared=False)
        return await self._retry_later(entry, answer.reason, self._clock() + TEAM_RECHECK)

    async def _release(self, entry: OutboxEntry) -> None:
        """It surely did not go out: another laptop of the team may send it."""
        if self._leadership is not None:
            await self._leadership.settle_send(entry.idempotency_key, None)

    async def _settle_sent(self, entry: OutboxEntry, ref: RemoteRef, *, shared: bool = True) -> SendResult:
        """Sent: the message it made joins its thread, in the same transaction as the entry's new state. In a team
        the key is settled at once, and the sent message and state go to the teammates through the log."""

        def settle(connection: Any) -> None:
            if ref.item is not None:
                # Judged by the engine's judge with the next batch, in its process: judged here, the window's own
                # process loaded the language model and lexicons (+9.6 MB) and relearnt the corrections for it.
                ingest.ingest_items(connection, entry.account_id, [ref.item], self._clock(), judge_inline=False)
                if shared:
                    team_pending.page(connection, entry.account_id, Page((ref.item,), {}), with_cursor=False)
            if shared:
                team_pending.sent(connection, entry.idempotency_key, ref.remote_id)
            if isinstance(entry.act, Delete | Trash):
                remote_marks.mark_deleted(connection, entry.account_id, [ref.remote_id], self._clock())
            if isinstance(entry.act, Approve | Hide):
                remote_marks.mark_moderated(connection, entry.account_id, [entry.act.target])
            outbox.mark_sent(connection, entry.id, ref.remote_id, self._clock())
            usage.add(connection, ref.usage, self._clock())
            schedule.queue_next_occurrence(connection, entry, self._clock())

        await self._run_db(lambda: self._write(settle))
        if shared and self._leadership is not None:
            await self._leadership.settle_send(entry.idempotency_key, ref.remote_id)
        return SendResult(entry.id, entry.account_id, entry.action, OutboxState.SENT, ref.remote_id)

    async def _published(
        self, connector: Connector, account: Account, action: Action, entry: OutboxEntry
    ) -> RemoteRef | None:
        """A post on the network's scheduler, at its time: what the network published (None: not yet)."""
        if not isinstance(connector, SchedulingConnector):
            raise Permanent(f"cmdesk no longer knows how to ask {account.network} about its scheduled posts")
        at = schedule.planned_time(entry) or entry.scheduled_at or entry.created_at
        return await connector.published(self._client, account, action, entry.network_schedule, at)

    async def _retry_later(self, entry: OutboxEntry, reason: str, at: datetime) -> SendResult:
        await self._run_db(lambda: self._write(lambda c: outbox.mark_retry(c, entry.id, reason, at, self._clock())))
        return SendResult(entry.id, entry.account_id, entry.action, OutboxState.SCHEDULED, reason=reason, retry_at=at)

    async def _fail(self, entry: OutboxEntry, reason: str) -> SendResult:
        await self._run_db(lambda: self._write(lambda c: outbox.mark_failed(c, entry.id, reason, self._clock())))
        return SendResult(entry.id, entry.account_id, entry.action, OutboxState.FAILED, reason=reason)
