"""Issue 15, finding 13: a post planned later is handed to Mastodon's own scheduler as soon as it is written (or
when the server is next reachable) and goes out with cmdesk closed; at its time cmdesk only records what the
server published, once. Editing, moving or cancelling it withdraws the server's copy first. Against the loopback
server speaking the documented API (tests/support/mastodon_fake.py: POST /api/v1/statuses with scheduled_at,
/api/v1/scheduled_statuses, and what the server's scheduler does at the time)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest
import pytest_asyncio

from cmdesk.connectors.http import make_client
from cmdesk.connectors.mastodon import MastodonConnector
from cmdesk.credentials import MemoryCredentialStore
from cmdesk.domain import Account, Action, Network, Secret
from cmdesk.storage import outbox, schedule, workspace
from cmdesk.storage.database import Database
from cmdesk.storage.outbox import OutboxEntry, OutboxState
from cmdesk.sync import SyncEngine
from cmdesk.sync.credentials import with_secret
from tests.support.mastodon_fake import TOKEN, MastodonFake

pytestmark = pytest.mark.asyncio
TEXT = "Bûche de Noël : commandes ouvertes jusqu'au 20 décembre"


@pytest_asyncio.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with make_client() as shared:
        yield shared


@pytest.fixture
def account(database: Database, credentials: MemoryCredentialStore, fake: MastodonFake) -> Account:
    with database.write() as connection:
        owner = workspace.add_client(connection, "Le Fournil")
        added = workspace.add_account(
            connection, owner.id, Network.MASTODON, f"{fake.base}/@fournil", name="@fournil", settings={"me": "109"}
        )
    credentials.set(added.uid, Secret(TOKEN))
    return added


def engine(
    database: Database, client: httpx.AsyncClient, credentials: MemoryCredentialStore, **clock: datetime
) -> SyncEngine:
    built = SyncEngine(database, client, {Network.MASTODON: MastodonConnector()}, credentials)
    if "at" in clock:
        built.outbox._clock = lambda: clock["at"]  # type: ignore[method-assign]
    return built


def plan(database: Database, account: Account, at: datetime, text: str = TEXT) -> OutboxEntry:
    with database.write() as connection:
        (entry,) = outbox.enqueue_post(connection, [account.id], text, at=at)
    return entry


def current(database: Database, entry_id: int) -> OutboxEntry:
    with database.read() as connection:
        return outbox.get(connection, entry_id)


def posts_to_the_server(fake: MastodonFake) -> int:
    return sum(1 for r in fake.requests if r.method == "POST" and r.path == "/api/v1/statuses")


async def test_a_planned_post_goes_out_from_the_servers_scheduler_with_cmdesk_closed_and_is_recorded_once(
    database: Database,
    client: httpx.AsyncClient,
    credentials: MemoryCredentialStore,
    fake: MastodonFake,
    account: Account,
) -> None:
    at = (datetime.now(UTC) + timedelta(hours=3)).replace(microsecond=0)
    entry = plan(database, account, at)
    running = engine(database, client, credentials)
    (handed,) = await running.outbox.send_due()
    await running.aclose()
    (copy,) = fake.scheduled.values()
    assert copy["params"]["text"] == TEXT and copy["scheduled_at"] == at.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    waiting = current(database, entry.id)
    assert waiting.state is OutboxState.SCHEDULED and waiting.on_network_scheduler
    assert waiting.network_schedule == copy["id"] == handed.remote_id and waiting.scheduled_at == at
    assert fake.statuses == {}, "nothing published before its time"

    fake.publish_scheduled(at)  # cmdesk is not running: the server publishes it by itself
    (status,) = fake.statuses.values()

    later = engine(database, client, credentials, at=at + timedelta(hours=2))  # the laptop opens two hours later
    (recorded,) = await later.outbox.send_due()
    assert recorded.state is OutboxState.SENT and recorded.remote_id == status["id"], recorded
    assert await later.outbox.send_due() == []
    await later.aclose()
    assert len(fake.statuses) == 1 and posts_to_the_server(fake) == 1, "published once, by the server"
    sent = current(database, entry.id)
    assert sent.state is OutboxState.SENT and sent.last_error == "", "not held as a missed post"


async def test_an_answer_lost_during_the_hand_over_is_found_on_the_scheduler_not_doubled(
    database: Database,
    client: httpx.AsyncClient,
    credentials: MemoryCredentialStore,
    fake: MastodonFake,
    account: Account,
) -> None:
    at = datetime.now(UTC) + timedelta(days=2)
    entry = plan(database, account, at)
    fake.honour_idempotency = False  # only cmdesk's own look at the scheduler can prevent a second copy
    running = engine(database, client, credentials)
    with database.write() as connection:  # it was being handed over when the process died…
        assert outbox.claim(connection, entry.id, datetime.now(UTC), "dead-process")
    assert entry.act is not None
    signed_in = with_secret(account, MastodonConnector(), credentials)
    await MastodonConnector().hand_over(client, signed_in, Action(entry.act, entry.idempotency_key), at)
    assert len(fake.scheduled) == 1  # …after the server took it, before cmdesk wrote it down
    with database.write() as connection:
        outbox.recover_interrupted(connection, datetime.now(UTC), holder_alive=lambda _token: False)
    recovered = current(database, entry.id)
    assert recovered.unsure and recovered.scheduled_at == entry.scheduled_at, "its time kept: it must not go out now"
    posted = posts_to_the_server(fake)
    await running.outbox.send_due()
    await running.aclose()
    assert len(fake.scheduled) == 1 and posts_to_the_server(fake) == posted, "found there, not posted again"
    assert current(database, entry.id).network_schedule == next(iter(fake.scheduled))


async def test_editing_moving_and_cancelling_act_on_the_servers_copy(
    database: Database,
    client: httpx.AsyncClient,
    credentials: MemoryCredentialStore,
    fake: MastodonFake,
    account: Account,
) -> None:
    at = datetime.now(UTC) + timedelta(days=1)
    entry = plan(database, account, at)
    running = engine(database, client, credentials)
    await running.outbox.send_due()
    (first_copy,) = fake.scheduled

    with database.write() as connection:
        schedule.edit_text(connection, entry.id, "Bûche de Noël : dernières commandes le 21 décembre")
    await running.outbox.send_due()
    (edited_copy,) = fake.scheduled.values()
    assert edited_copy["id"] != first_copy, "the old copy was withdrawn before the new one was handed over"
    assert edited_copy["params"]["text"] == "Bûche de Noël : dernières commandes le 21 décembre"

    moved_to = at + timedelta(hours=5)
    with database.write() as connection:
        assert schedule.reschedule(connection, [entry.id], moved_to) == 1
    await running.outbox.send_due()
    (moved_copy,) = fake.scheduled.values()
    assert moved_copy["scheduled_at"] == moved_to.strftime("%Y-%m-%dT%H:%M:%S.000Z")

    with database.write() as connection:
        outbox.cancel(connection, entry.id)
    await running.outbox.send_due()
    await running.aclose()
    assert fake.scheduled == {} and fake.statuses == {}, "cancelled on the server too: nothing goes out"
    assert current(database, entry.id).state is OutboxState.CANCELLED
    deletes = [r for r in fake.requests if r.method == "DELETE" and r.path.startswith("/api/v1/scheduled_statuses/")]
    assert len(deletes) == 3, "each change withdrew exactly one copy"


async def test_a_server_out_of_reach_keeps_the_post_in_cmdesk_and_takes_it_later(
    database: Database,
    client: httpx.AsyncClient,
    credentials: MemoryCredentialStore,
    fake: MastodonFake,
    account: Account,
) -> None:
    at = datetime.now(UTC) + timedelta(days=1)
    entry = plan(database, account, at)
    soon = plan(database, account, datetime.now(UTC) + timedelta(minutes=4), "Fournée de 11 h")
    fake.revoked = True  # the server refuses for now (a 401 is "sign in again", not a refusal of the post)
    running = engine(database, client, credentials)
    (result,) = await running.outbox.send_due()
    assert result.state is OutboxState.SCHEDULED and not result.remote_id
    kept = current(database, entry.id)
    assert not kept.on_network_scheduler and "cmdesk sends it at its time" in kept.last_error
    fake.revoked = False
    assert await running.outbox.send_due() == [], "not retried at once"
    running.outbox._clock = lambda: datetime.now(UTC) + timedelta(minutes=6)  # type: ignore[method-assign]
    results = {r.entry_id: r for r in await running.outbox.send_due()}
    await running.aclose()
    assert results[entry.id].state is OutboxState.SCHEDULED and current(database, entry.id).on_network_scheduler
    assert results[soon.id].state is OutboxState.SENT, "a post due within minutes stayed with cmdesk, sent by it"
    assert not current(database, soon.id).on_network_scheduler


async def test_a_copy_removed_on_the_servers_site_is_said_not_counted_as_sent(
    database: Database,
    client: httpx.AsyncClient,
    credentials: MemoryCredentialStore,
    fake: MastodonFake,
    account: Account,
) -> None:
    at = datetime.now(UTC) + timedelta(hours=1)
    plan(database, account, at)
    running = engine(database, client, credentials)
    await running.outbox.send_due()
    fake.scheduled.clear()  # deleted in the server's own web interface
    running.outbox._clock = lambda: at + timedelta(minutes=2)  # type: ignore[method-assign]
    (result,) = await running.outbox.send_due()
    await running.aclose()
    assert result.state is OutboxState.FAILED and "without being published" in result.reason
    assert fake.statuses == {}


async def test_the_running_engine_hands_a_new_post_over_at_once_not_at_its_time(
    database: Database,
    client: httpx.AsyncClient,
    credentials: MemoryCredentialStore,
    fake: MastodonFake,
    account: Account,
) -> None:
    import asyncio

    running = engine(database, client, credentials)
    task = asyncio.create_task(running.run(idle_check=0.2))
    try:
        entry = plan(database, account, datetime.now(UTC) + timedelta(days=6))
        running.wake()
        for _ in range(100):
            if current(database, entry.id).on_network_scheduler:
                break
            await asyncio.sleep(0.1)
        assert current(database, entry.id).on_network_scheduler, "handed over within seconds of being written"
        assert len(fake.scheduled) == 1 and fake.statuses == {}
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await running.aclose()
