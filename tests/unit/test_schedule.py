"""The scheduler's rules: a post whose time passed while cmdesk was not running follows its policy (send, ask, skip
— the post's own, else its client's), weekly posts queue their next time, and a client's posting slots give the
next free one."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar

import httpx
import pytest

from cmdesk.domain import Account, Action, Capabilities, Network, RemoteRef
from cmdesk.domain.acts import text_of
from cmdesk.storage import outbox, schedule, workspace
from cmdesk.storage.database import Database
from cmdesk.storage.outbox import OutboxError, OutboxState
from cmdesk.sync import SyncEngine
from tests.support.factories import make_account

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


class Publisher:
    network: ClassVar[Network] = Network.FEED
    capabilities: ClassVar[Capabilities] = Capabilities(can_publish=True)

    def __init__(self) -> None:
        self.published: list[str] = []

    async def pull(self, *_args: Any) -> Any:
        raise NotImplementedError

    async def perform(self, client: httpx.AsyncClient, account: Account, action: Action) -> RemoteRef:
        self.published.append(text_of(action.act))
        return RemoteRef(f"post-{len(self.published)}")

    async def find_sent(self, *_args: Any) -> None:
        return None


def send_due(database: Database, publisher: Publisher, now: datetime = NOW) -> list[Any]:
    async def run() -> list[Any]:
        engine = SyncEngine(database, httpx.AsyncClient(), {Network.FEED: publisher}, clock=lambda: now)
        try:
            return await engine.outbox.send_due()
        finally:
            await engine.aclose()

    return asyncio.run(run())


def queue(database: Database, account_id: int, text: str, at: datetime, **options: Any) -> outbox.OutboxEntry:
    with database.write() as connection:
        return outbox.enqueue_post(connection, [account_id], text, at=at, now=at - timedelta(days=1), **options)[0]


def states(database: Database) -> dict[str, tuple[OutboxState, str]]:
    with database.read() as connection:
        return {str(e.text): (e.state, e.last_error) for e in outbox.listing(connection)}


def test_a_post_due_a_moment_ago_is_simply_sent(database: Database) -> None:
    account = make_account(database)
    queue(database, account.id, "À l'heure", NOW - timedelta(minutes=2))
    publisher = Publisher()
    send_due(database, publisher)
    assert publisher.published == ["À l'heure"]


def test_each_missed_post_follows_its_policy_else_its_clients(database: Database) -> None:
    account = make_account(database)
    late = NOW - timedelta(hours=3)
    queue(database, account.id, "envoyer", late, missed="send")
    queue(database, account.id, "sauter", late, missed="skip")
    queue(database, account.id, "demander", late, missed="ask")
    queue(database, account.id, "défaut du client", late)
    publisher = Publisher()
    results = send_due(database, publisher)
    assert publisher.published == ["envoyer"]
    found = states(database)
    assert found["sauter"][0] is OutboxState.CANCELLED and "skipped" in found["sauter"][1]
    assert found["demander"][0] is OutboxState.NEEDS_CHECK and "send it now, or cancel" in found["demander"][1]
    assert found["défaut du client"][0] is OutboxState.NEEDS_CHECK, "a client asks by default"
    assert {r.state for r in results} == {OutboxState.SENT, OutboxState.CANCELLED, OutboxState.NEEDS_CHECK}

    with database.write() as connection:
        workspace.set_client_publishing(connection, account.client_id, missed_policy="send")
    queue(database, account.id, "le client envoie", late)
    send_due(database, publisher)
    assert publisher.published == ["envoyer", "le client envoie"]

    with database.write() as connection:
        held = next(e for e in outbox.listing(connection) if e.text == "demander")
        outbox.retry(connection, held.id, now=NOW)  # the user: send it now
    send_due(database, publisher, NOW + timedelta(seconds=1))
    assert publisher.published[-1] == "demander", "once the user says so, it is not held again"


def test_a_weekly_post_queues_its_next_time_when_sent_or_skipped(database: Database) -> None:
    account = make_account(database)
    first = NOW - timedelta(minutes=1)
    queue(database, account.id, "Le menu de la semaine", first, repeat="weekly")
    publisher = Publisher()
    send_due(database, publisher)
    with database.read() as connection:
        waiting = [e for e in outbox.listing(connection) if e.state is OutboxState.SCHEDULED]
    assert [e.scheduled_at for e in waiting] == [first + timedelta(days=7)]
    assert waiting[0].post.repeat == "weekly"

    later = first + timedelta(days=7 * 3, hours=2)  # closed for three weeks, with the policy "skip"
    with database.write() as connection:
        workspace.set_client_publishing(connection, account.client_id, missed_policy="skip")
    send_due(database, publisher, later)
    with database.read() as connection:
        waiting = [e for e in outbox.listing(connection) if e.state is OutboxState.SCHEDULED]
    assert [e.scheduled_at for e in waiting] == [first + timedelta(days=7 * 4)], "the next one still to come"
    assert publisher.published == ["Le menu de la semaine"]
    with pytest.raises(OutboxError, match="weekly"):
        with database.write() as connection:
            outbox.enqueue_post(connection, [account.id], "sans heure", repeat="weekly")


def test_the_next_free_slot_skips_slots_already_taken(database: Database) -> None:
    account = make_account(database)
    with database.write() as connection:
        workspace.set_client_publishing(connection, account.client_id, slots=["mon 09:00", "Thursday 18h30"])
        monday = datetime(2026, 11, 30, 9, 0).astimezone()
        thursday = datetime(2026, 11, 26, 18, 30).astimezone()
        wednesday = datetime(2026, 11, 25, 10, 0).astimezone()
        assert schedule.next_free_slot(connection, account.client_id, wednesday) == thursday
        outbox.enqueue_post(connection, [account.id], "jeudi", at=thursday)
        assert schedule.next_free_slot(connection, account.client_id, wednesday) == monday
        outbox.enqueue_post(connection, [account.id], "lundi", at=monday)
        assert schedule.next_free_slot(connection, account.client_id, wednesday) == thursday + timedelta(days=7)
    assert str(schedule.parse_slot("Thursday 18h30")) == "thu 18:30"
    assert str(schedule.parse_slot("lundi 9h05")) == str(schedule.parse_slot("Mon 09:05")) == "mon 09:05"
    with pytest.raises(OutboxError, match="not a posting slot"):
        schedule.parse_slot("bientôt")
