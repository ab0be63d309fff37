"""The sync engine with a scripted fake connector: backoff, rate limits, auth, cancellation, concurrency, paging."""

from __future__ import annotations

import asyncio
import concurrent.futures
import random
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar

import httpx
import pytest

from cmdesk.connectors.base import AuthExpired, BadPayload, RateLimited, Transient
from cmdesk.domain import Account, Action, Capabilities, Cursor, Direction, Health, Network, Page, RemoteRef
from cmdesk.domain.acts import text_of
from cmdesk.storage import ingest, syncstate
from cmdesk.storage.database import Database
from cmdesk.storage.outbox import OutboxState
from cmdesk.storage.timeutil import utcnow
from cmdesk.sync import AccountFinished, ClockJumped, HealthChanged, SyncEngine, SyncEvent
from cmdesk.sync.backoff import backoff_delay
from tests.support.factories import item, make_account

Step = Callable[[Account, Cursor], Page] | BaseException


class ScriptedConnector:
    """Plays a script of pages and errors per account; records concurrency."""

    network: ClassVar[Network] = Network.FEED
    capabilities: ClassVar[Capabilities] = Capabilities()

    def __init__(self, scripts: dict[int, list[Any]], hold: asyncio.Event | None = None) -> None:
        self.scripts = scripts
        self.calls: list[tuple[int, dict[str, Any]]] = []
        self.active = 0
        self.peak = 0
        self.hold = hold

    async def pull(self, client: httpx.AsyncClient, account: Account, cursor: Cursor) -> Page:
        self.calls.append((account.id, dict(cursor)))
        self.active += 1
        self.peak = max(self.peak, self.active)
        try:
            if self.hold is not None:
                await self.hold.wait()
            else:
                await asyncio.sleep(0.01)
            step = self.scripts[account.id].pop(0) if self.scripts.get(account.id) else Page((), cursor)
            if isinstance(step, BaseException):
                raise step
            return step
        finally:
            self.active -= 1

    async def perform(self, client: httpx.AsyncClient, account: Account, action: Action) -> RemoteRef:
        raise NotImplementedError


class FakeClock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
        self.slept: list[float] = []

    def __call__(self) -> datetime:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += timedelta(seconds=seconds)


def engine_for(
    database: Database, connector: ScriptedConnector, clock: FakeClock | None = None, **options: Any
) -> tuple[SyncEngine, list[SyncEvent]]:
    clock = clock or FakeClock()
    engine = SyncEngine(
        database,
        httpx.AsyncClient(),
        {Network.FEED: connector},
        clock=clock,
        sleep=clock.sleep,
        rng=random.Random(7),
        **options,
    )
    events: list[SyncEvent] = []
    engine.subscribe(events.append)
    return engine, events


def test_backoff_grows_exponentially_with_jitter_and_a_cap() -> None:
    rng = random.Random(1)
    delays = [backoff_delay(n, base=10, cap=300, rng=rng) for n in range(1, 9)]
    for n, delay in enumerate(delays, 1):
        ceiling = min(300, 10 * 2 ** (n - 1))
        assert ceiling / 2 <= delay <= ceiling
    assert delays[-1] <= 300
    assert len({round(d, 6) for d in delays}) == len(delays)


@pytest.mark.asyncio
async def test_transient_errors_are_retried_with_backoff(database: Database) -> None:
    account = make_account(database)
    connector = ScriptedConnector(
        {account.id: [Transient("down"), Transient("still down"), Page((item(1),), {"n": 1})]}
    )
    clock = FakeClock()
    engine, _ = engine_for(database, connector, clock, backoff_base=10, backoff_cap=100)
    [result] = await engine.sync_once(attempts=3)
    assert result.ok and result.ingested.inserted == 1
    assert len(clock.slept) == 2
    assert 5 <= clock.slept[0] <= 10 and 10 <= clock.slept[1] <= 20
    with database.read() as connection:
        state = syncstate.load(connection, account.id)
    assert state.health is Health.OK and state.consecutive_failures == 0 and state.cursor == {"n": 1}
    await engine.aclose()


@pytest.mark.asyncio
async def test_giving_up_after_attempts_records_retrying_with_reason(database: Database) -> None:
    account = make_account(database)
    connector = ScriptedConnector({account.id: [Transient("dns failed")] * 5})
    engine, _ = engine_for(database, connector, backoff_base=10)
    [result] = await engine.sync_once(attempts=2)
    assert result.health is Health.RETRYING and result.reason == "dns failed" and result.retry_at is not None
    with database.read() as connection:
        state = syncstate.load(connection, account.id)
    assert state.health is Health.RETRYING and state.consecutive_failures == 2 and state.reason == "dns failed"
    await engine.aclose()


@pytest.mark.asyncio
async def test_rate_limit_waits_until_retry_at(database: Database) -> None:
    account = make_account(database)
    clock = FakeClock()
    retry_at = clock.now + timedelta(seconds=17)
    connector = ScriptedConnector({account.id: [RateLimited(retry_at), Page((item(1),), {})]})
    engine, events = engine_for(database, connector, clock)
    [result] = await engine.sync_once(attempts=3, max_wait=30)
    assert result.ok
    assert clock.slept == [17.0]
    assert any(
        isinstance(e, HealthChanged) and e.health is Health.RATE_LIMITED and e.retry_at == retry_at for e in events
    )
    await engine.aclose()


@pytest.mark.asyncio
async def test_a_long_rate_limit_is_reported_not_waited(database: Database) -> None:
    account = make_account(database)
    clock = FakeClock()
    connector = ScriptedConnector({account.id: [RateLimited(clock.now + timedelta(hours=1))]})
    engine, _ = engine_for(database, connector, clock)
    [result] = await engine.sync_once(max_wait=30)
    assert result.health is Health.RATE_LIMITED and clock.slept == []
    with database.read() as connection:
        assert syncstate.load(connection, account.id).retry_at == clock.now + timedelta(hours=1)
    await engine.aclose()


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("error", "expected"),
    [(AuthExpired("token revoked"), "sign-in needed: token revoked"), (BadPayload("not a feed"), "not a feed")],
)
async def test_auth_and_permanent_errors_need_attention_without_retry(
    database: Database, error: Exception, expected: str
) -> None:
    account = make_account(database)
    connector = ScriptedConnector({account.id: [error, Page((item(1),), {})]})
    clock = FakeClock()
    engine, _ = engine_for(database, connector, clock)
    [result] = await engine.sync_once(attempts=3)
    assert result.health is Health.NEEDS_ATTENTION and result.reason == expected
    assert len(connector.calls) == 1 and clock.slept == []
    with database.read() as connection:
        state = syncstate.load(connection, account.id)
    assert (state.health, state.reason) == (Health.NEEDS_ATTENTION, expected)
    await engine.aclose()


@pytest.mark.asyncio
async def test_pages_before_an_error_stay_committed_and_paging_follows_the_cursor(database: Database) -> None:
    account = make_account(database)
    script = [
        Page((item(1),), {"page": 1}, has_more=True),
        Page((item(2),), {"page": 2}, has_more=True),
        Transient("connection reset"),
    ]
    connector = ScriptedConnector({account.id: script})
    engine, _ = engine_for(database, connector)
    [result] = await engine.sync_once(attempts=1)
    assert result.health is Health.RETRYING and result.pages == 2
    assert [cursor for _, cursor in connector.calls] == [{}, {"page": 1}, {"page": 2}]
    with database.read() as connection:
        assert syncstate.load(connection, account.id).cursor == {"page": 2}
        assert connection.exec_driver_sql("SELECT count(*) FROM messages").scalar() == 2
    await engine.aclose()


@pytest.mark.asyncio
async def test_concurrency_limit_is_respected(database: Database) -> None:
    accounts = [make_account(database, address=f"http://127.0.0.1:1/{n}") for n in range(7)]
    hold = asyncio.Event()
    connector = ScriptedConnector({a.id: [Page((item(a.id),), {})] for a in accounts}, hold=hold)
    engine, events = engine_for(database, connector, concurrency=3)
    task = asyncio.create_task(engine.sync_once())
    for _ in range(50):
        await asyncio.sleep(0.01)
    assert connector.active == 3
    hold.set()
    results = await task
    assert connector.peak == 3
    assert all(r.ok for r in results) and [r.account_id for r in results] == [a.id for a in accounts]
    assert sum(isinstance(e, AccountFinished) for e in events) == 7
    await engine.aclose()


@pytest.mark.asyncio
async def test_run_can_be_cancelled_while_a_pull_is_in_flight(database: Database) -> None:
    account = make_account(database)
    hold = asyncio.Event()
    connector = ScriptedConnector({account.id: [Page((item(1),), {})]}, hold=hold)
    engine = SyncEngine(database, httpx.AsyncClient(), {Network.FEED: connector})
    runner = asyncio.create_task(engine.run())
    for _ in range(100):
        await asyncio.sleep(0.01)
        if connector.active:
            break
    assert connector.active == 1
    runner.cancel()
    with pytest.raises(asyncio.CancelledError):
        await runner
    assert connector.active == 0
    with database.read() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM messages").scalar() == 0
    await engine.aclose()


@pytest.mark.asyncio
async def test_run_keeps_each_account_on_its_own_schedule(database: Database) -> None:
    fast = make_account(database, address="http://127.0.0.1:1/fast", interval_seconds=0.05)
    slow = make_account(database, address="http://127.0.0.1:1/slow", interval_seconds=60)
    broken = make_account(database, address="http://127.0.0.1:1/broken", interval_seconds=0.05)
    connector = ScriptedConnector({broken.id: [AuthExpired("revoked")] * 100})
    engine = SyncEngine(database, httpx.AsyncClient(), {Network.FEED: connector}, backoff_base=0.01)
    runner = asyncio.create_task(engine.run(idle_check=0.02))
    await asyncio.sleep(0.5)
    runner.cancel()
    with pytest.raises(asyncio.CancelledError):
        await runner
    calls = [account_id for account_id, _ in connector.calls]
    assert calls.count(fast.id) >= 4
    assert calls.count(slow.id) == 1
    assert calls.count(broken.id) == 1, "an account needing attention is parked until the user acts"
    engine.sync_now(broken.id)
    runner = asyncio.create_task(engine.run(idle_check=0.02))
    await asyncio.sleep(0.1)
    runner.cancel()
    with pytest.raises(asyncio.CancelledError):
        await runner
    assert [account_id for account_id, _ in connector.calls].count(broken.id) == 2
    await engine.aclose()


@pytest.mark.asyncio
async def test_a_failing_listener_does_not_stop_sync(database: Database) -> None:
    account = make_account(database)
    connector = ScriptedConnector({account.id: [Page((item(1),), {})]})
    engine, _ = engine_for(database, connector)

    def broken(event: SyncEvent) -> None:
        raise ValueError("listener bug")

    engine.subscribe(broken)
    [result] = await engine.sync_once()
    assert result.ok
    await engine.aclose()


class WatchingConnector(ScriptedConnector):
    """A server that can say when something changed: each put on `changes` ends one wait with that answer."""

    capabilities: ClassVar[Capabilities] = Capabilities(can_watch=True)

    def __init__(self, scripts: dict[int, list[Any]]) -> None:
        super().__init__(scripts)
        self.changes: asyncio.Queue[bool | BaseException] = asyncio.Queue()
        self.waits = 0

    async def wait_for_change(self, account: Account) -> bool:
        self.waits += 1
        answer = await self.changes.get()
        if isinstance(answer, BaseException):
            raise answer
        return answer


async def until(condition: Callable[[], bool], seconds: float = 10.0) -> None:
    for _ in range(int(seconds / 0.01)):
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("condition not met in time")


@pytest.mark.asyncio
async def test_a_watched_server_reporting_a_change_is_synced_at_once_not_on_the_timer(database: Database) -> None:
    account = make_account(database, interval_seconds=3600)
    connector = WatchingConnector({})
    engine = SyncEngine(database, httpx.AsyncClient(), {Network.FEED: connector}, backoff_base=0.01)
    runner = asyncio.create_task(engine.run(idle_check=5))
    await until(lambda: len(connector.calls) == 1 and connector.waits == 1)
    connector.changes.put_nowait(False)
    await until(lambda: connector.waits == 2)
    assert len(connector.calls) == 1, "a quiet renewal is not a change"
    connector.changes.put_nowait(True)
    await until(lambda: len(connector.calls) == 2)
    connector.changes.put_nowait(Transient("connection dropped"))
    await until(lambda: connector.waits == 4)
    assert engine.watchers.watched() == {account.id}, "a transient failure is retried"
    connector.changes.put_nowait(AuthExpired("refused"))
    await until(lambda: not engine.watchers.watched())
    await asyncio.sleep(0.05)
    assert len(connector.calls) == 2 and connector.waits == 4, "watching stopped; syncing goes on on the timer"
    engine.sync_now(account.id)
    await until(lambda: len(connector.calls) == 3 and connector.waits == 5)
    assert engine.watchers.watched() == {account.id}, "syncing by hand watches again"
    runner.cancel()
    with pytest.raises(asyncio.CancelledError):
        await runner
    await engine.aclose()


@pytest.mark.asyncio
async def test_a_change_reported_during_a_pass_brings_another_pass_right_after(database: Database) -> None:
    make_account(database, interval_seconds=3600)
    hold = asyncio.Event()
    connector = WatchingConnector({})
    connector.hold = hold
    engine = SyncEngine(database, httpx.AsyncClient(), {Network.FEED: connector})
    runner = asyncio.create_task(engine.run(idle_check=5))
    await until(lambda: connector.active == 1 and connector.waits == 1)
    connector.changes.put_nowait(True)
    await until(lambda: connector.waits == 2)
    hold.set()
    await until(lambda: len(connector.calls) == 2)
    runner.cancel()
    with pytest.raises(asyncio.CancelledError):
        await runner
    await engine.aclose()


class JumpingClock:
    """A wall clock that can jump while the monotonic one does not (the computer slept)."""

    def __init__(self) -> None:
        self.wall = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
        self.mono = 1000.0

    def __call__(self) -> datetime:
        return self.wall

    def monotonic(self) -> float:
        return self.mono


@pytest.mark.asyncio
async def test_a_wall_clock_jump_after_sleep_syncs_every_account_at_once(database: Database) -> None:
    account = make_account(database, interval_seconds=3600)
    clock = JumpingClock()
    connector = ScriptedConnector({})
    engine = SyncEngine(
        database, httpx.AsyncClient(), {Network.FEED: connector}, clock=clock, monotonic=clock.monotonic
    )
    events: list[SyncEvent] = []
    engine.subscribe(events.append)
    runner = asyncio.create_task(engine.run(idle_check=0.01))
    await until(lambda: len(connector.calls) == 1)
    await asyncio.sleep(0.1)
    assert len(connector.calls) == 1, "not due for an hour"
    clock.wall += timedelta(minutes=30)  # 30 minutes asleep: the monotonic clock did not move
    await until(lambda: len(connector.calls) == 2)
    assert [e.seconds for e in events if isinstance(e, ClockJumped)] == [1800.0]
    assert connector.calls[-1][0] == account.id
    runner.cancel()
    with pytest.raises(asyncio.CancelledError):
        await runner
    await engine.aclose()


class FlakyPublisher(ScriptedConnector):
    """Publishes, except while its server is down."""

    capabilities: ClassVar[Capabilities] = Capabilities(can_publish=True)

    def __init__(self) -> None:
        super().__init__({})
        self.down = True
        self.published: list[str] = []

    async def perform(self, client: httpx.AsyncClient, account: Account, action: Action) -> RemoteRef:
        if self.down:
            raise Transient("the server does not answer")
        self.published.append(text_of(action.act))
        return RemoteRef(str(len(self.published)))

    async def find_sent(self, *_args: Any) -> None:
        return None


@pytest.mark.asyncio
async def test_what_waited_for_a_server_goes_as_soon_as_a_sync_reaches_it_again(database: Database) -> None:
    from cmdesk.storage import outbox

    account = make_account(database)
    clock = FakeClock()
    connector = FlakyPublisher()
    engine = SyncEngine(
        database, httpx.AsyncClient(), {Network.FEED: connector}, clock=clock, backoff_base=3600, backoff_cap=3600
    )
    with database.write() as connection:
        outbox.enqueue_post(connection, [account.id], "Fermé le 25 décembre", now=clock.now)
    (first,) = await engine.outbox.send_due()
    assert first.state is OutboxState.SCHEDULED and first.retry_at is not None
    assert (first.retry_at - clock.now).total_seconds() >= 1800, "backing off"
    connector.down = False
    clock.now += timedelta(minutes=2)
    result = await engine.pull_account(account)
    assert result.ok and result.expedited == 1
    (second,) = await engine.outbox.send_due()
    assert second.state is OutboxState.SENT and connector.published == ["Fermé le 25 décembre"]
    await engine.aclose()


@pytest.mark.asyncio
async def test_a_change_reported_while_the_pass_still_judges_its_messages_is_not_lost(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by CI: the pass had already set its next time (an hour) when a change came in during its judging
    and bad-buzz look (slow on a cold start); the change was dropped and nothing synced for the hour."""
    make_account(database, interval_seconds=3600)
    connector = WatchingConnector({})
    engine = SyncEngine(database, httpx.AsyncClient(), {Network.FEED: connector}, backoff_base=0.01)
    judging, started = asyncio.Event(), asyncio.Event()
    original = engine.judge_backlog

    async def slow_judging(*args: object, **kwargs: object) -> object:
        if len(connector.calls) == 1:
            started.set()
            await judging.wait()  # the first pass is still judging when the server reports a change
        return await original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "judge_backlog", slow_judging)
    runner = asyncio.create_task(engine.run(idle_check=5))
    await until(lambda: started.is_set() and connector.waits == 1)
    connector.changes.put_nowait(True)
    await asyncio.sleep(0.05)
    judging.set()
    await until(lambda: len(connector.calls) == 2)
    runner.cancel()
    with pytest.raises(asyncio.CancelledError):
        await runner
    await engine.aclose()


class RefusingExecutor(concurrent.futures.Executor):
    """A judging pool that records what it was given (and judges nothing)."""

    def __init__(self) -> None:
        self.submitted = 0

    def submit(self, *args: Any, **kwargs: Any) -> concurrent.futures.Future[Any]:
        self.submitted += 1
        raise concurrent.futures.BrokenExecutor("not started")


@pytest.mark.asyncio
@pytest.mark.parametrize("here", [True, False])
async def test_cmdesk_sync_judges_small_pages_as_written_and_never_starts_the_judges_for_them(
    database: Database, here: bool
) -> None:
    """Issue 23: `cmdesk sync` judges in the parser processes, but a page of a few toots is judged as it is written,
    as before — a sync of a few new messages must not start processes to judge them. The window (here False)
    leaves every page to its judging process."""
    account = make_account(database)
    connector = ScriptedConnector({account.id: [Page((item(1), item(2)), {"page": 1})]})
    judges = RefusingExecutor()
    engine, _ = engine_for(database, connector, judging=judges, small_pages_judged_here=here)
    [result] = await engine.sync_once(attempts=1)
    assert result.health is Health.OK
    with database.read() as connection:
        unjudged = connection.exec_driver_sql("SELECT count(*) FROM messages WHERE sentiment IS NULL").scalar()
    assert (judges.submitted, unjudged) == ((0, 0) if here else (1, 0))
    await engine.aclose()


@pytest.mark.asyncio
async def test_looks_for_messages_to_judge_while_pulling_do_not_use_up_the_pass(database: Database) -> None:
    """The pass's share of judging is counted in messages: looks that find nothing while the pulls go on (each
    0.5 s apart) must not end the judging before the pages that come later are judged."""
    account = make_account(database)
    engine, _ = engine_for(database, ScriptedConnector({}))
    pulled = asyncio.Event()
    judging = asyncio.create_task(engine.judge_backlog(batches=1, while_pulling=pulled))
    await asyncio.sleep(1.2)  # three looks at an empty backlog
    ingest.commit_page(database, account.id, Page((item(1), item(2)), {}), judge_inline=False)
    pulled.set()
    assert await judging == 2
    await engine.aclose()


def _sentiments(database: Database) -> dict[str, str | None]:
    with database.read() as connection:
        rows = connection.exec_driver_sql("SELECT remote_id, sentiment FROM messages").all()
    return dict(rows)  # type: ignore[arg-type]


@pytest.mark.asyncio
async def test_a_large_page_is_judged_before_it_is_written_so_each_message_is_written_once_judged(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 23: a feed's page of 1,000 entries was written unjudged, read back, judged and written again (~9 % of
    `cmdesk sync`'s writer thread). Now its messages are judged in the judging processes first and the page is
    written once, with every verdict and its conversations summed up — before any backlog judging."""
    monkeypatch.setattr(ingest, "JUDGED_INLINE", 2)
    account = make_account(database)
    angry, glad = "Très déçue, c'est nul, inadmissible", "Merci beaucoup, c'est parfait, bravo !"
    page = Page(
        (
            item(1, thread="t", text=angry),
            item(2, thread="t", text=angry),
            item(3, text=glad),
            item(4, text=angry),
            item(4, text=glad),  # the same entry twice in one page: its last copy is stored, with its verdict
        ),
        {"page": 1},
    )
    connector = ScriptedConnector({account.id: [page]})
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as judges:
        engine, _ = engine_for(database, connector, judging=judges, small_pages_judged_here=True)
        result = await engine.pull_account(account)
        await engine.aclose()
    assert result.health is Health.OK
    assert _sentiments(database) == {
        "item-1": "negative",
        "item-2": "negative",
        "item-3": "positive",
        "item-4": "positive",
    }
    with database.read() as connection:
        threads = dict(connection.exec_driver_sql("SELECT remote_id, sentiment FROM conversations").all())
    assert threads["t"] == "negative" and threads["item-3"] == "positive"


class NeverDoneExecutor(concurrent.futures.Executor):
    """A judging process that is stuck: what it is given never comes back."""

    def submit(self, *args: Any, **kwargs: Any) -> concurrent.futures.Future[Any]:
        return concurrent.futures.Future()


@pytest.mark.asyncio
async def test_a_stuck_judging_process_does_not_hold_a_page_back(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past the judging deadline the page is written unjudged (the backlog judge takes its messages up later)."""
    from cmdesk.sync import judges

    monkeypatch.setattr(judges, "JUDGING_DEADLINE", 0.05)
    account = make_account(database)
    connector = ScriptedConnector({account.id: [Page(tuple(item(n) for n in range(300)), {"page": 1})]})
    engine, _ = engine_for(database, connector, judging=NeverDoneExecutor(), small_pages_judged_here=True)
    result = await engine.pull_account(account)
    await engine.aclose()
    assert result.health is Health.OK and result.ingested.inserted == 300
    assert set(_sentiments(database).values()) == {None}


class ReturningPublisher(FlakyPublisher):
    """Publishes at once and returns the message it made, as Mastodon's API does."""

    async def perform(self, client: httpx.AsyncClient, account: Account, action: Action) -> RemoteRef:
        ref = await super().perform(client, account, action)
        made = item(900 + int(ref.remote_id), text=text_of(action.act), direction=Direction.OUTBOUND)
        return replace(ref, item=made)


@pytest.mark.asyncio
async def test_a_sent_message_joins_its_thread_at_once_and_is_judged_by_the_engines_judge(database: Database) -> None:
    """Judged as it was stored, the window's own process loaded the language model and lexicons (+9.6 MB) and
    relearnt the user's corrections on its writer thread, for its own message."""
    from cmdesk.storage import outbox

    account = make_account(database)
    connector = ReturningPublisher()
    connector.down = False
    engine = SyncEngine(database, httpx.AsyncClient(), {Network.FEED: connector})
    with database.write() as connection:
        outbox.enqueue_post(connection, [account.id], "Merci à tous, c'était parfait !", now=utcnow())
    (sent,) = await engine.outbox.send_due()
    assert sent.state is OutboxState.SENT
    assert _sentiments(database) == {"item-901": None}, "stored at once, not judged in the sending process"
    assert await engine.judge_backlog() == 1
    assert _sentiments(database) == {"item-901": "positive"}
    await engine.aclose()
