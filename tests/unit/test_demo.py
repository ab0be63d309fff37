"""The demo workspace: realistic, loaded through ingest, marked as demo, never synced, removed in one call."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import httpx
from sqlalchemy import text

from cmdesk.demo import demo_loaded, load_demo, remove_demo
from cmdesk.domain import DEMO_SENT_PREFIX
from cmdesk.storage import fts, outbox, queries, schedule, snippets, workspace
from cmdesk.storage.database import Database
from cmdesk.storage.outbox import OutboxState
from cmdesk.storage.queries import ConversationFilter
from cmdesk.storage.timeutil import utcnow
from cmdesk.sync import SyncEngine
from tests.support.factories import make_account


def test_demo_covers_every_kind_in_two_languages_and_removes_cleanly(database: Database) -> None:
    own = make_account(database, client="Mon entreprise")
    loaded = load_demo(database)
    assert loaded > 20 and demo_loaded(database)
    assert load_demo(database) == 0, "loading twice adds nothing"
    with database.read() as connection:
        clients = workspace.list_clients(connection)
        kinds = {kind for (_status, kind) in queries.counts_by_status_and_kind(connection, ConversationFilter())}
        french = fts.search(connection, "intoxication")
        english = fts.search(connection, "warranty")
        outgoing = connection.execute(text("SELECT count(*) FROM messages WHERE direction='out'")).scalar()
        to_moderate = queries.conversation_page(connection, ConversationFilter(held=True))
        answered = {
            row.last_author for row in queries.conversation_page(connection, ConversationFilter()) if row.answered
        }
    assert {c.name for c in clients if c.is_demo} == {"Boulangerie Le Fournil", "Northwind Bikes"}
    assert kinds == {"email", "mention", "message", "comment", "feed"}
    assert french and english and outgoing == 6, "three answers; the video, the Page's post, the Instagram photo"
    assert [row.network for row in to_moderate] == ["youtube"], "a comment YouTube holds for review"
    assert answered == {"Sophie", "Priya"}, "two thanks were answered (listed under who wrote them), the rest waits"

    async def sync_all() -> list[int]:
        async with httpx.AsyncClient() as client:
            engine = SyncEngine(database, client, {})
            results = await engine.sync_once()
            await engine.aclose()
        return [r.account_id for r in results]

    assert asyncio.run(sync_all()) == [own.id], "demo accounts are never synced"

    assert remove_demo(database) == 2 and not demo_loaded(database)
    with database.read() as connection:
        assert [c.name for c in workspace.list_clients(connection)] == ["Mon entreprise"]
        assert connection.execute(text("SELECT count(*) FROM messages")).scalar() == 0
        assert fts.search(connection, "intoxication") == []


def test_demo_posts_slots_and_snippets_fill_the_calendar_and_are_played_out_in_cmdesk(database: Database) -> None:
    load_demo(database)
    now = utcnow()
    with database.read() as connection:
        entries = outbox.listing(connection)
        planned = schedule.posts_between(connection, now - timedelta(days=7), now + timedelta(days=14))
        fournil = workspace.find_client(connection, "Boulangerie Le Fournil")
        assert fournil is not None and fournil.slots == ("tue 08:30", "fri 17:00")
        found = [(s.title, s.language) for s in snippets.listing(connection, [fournil.id])]
        assert found == [("Commandes", "fr"), ("Horaires", "fr"), ("Merci", "en"), ("Merci", "fr")]
    assert {e.state for e in entries} == {OutboxState.SENT, OutboxState.SCHEDULED}
    assert len(planned) == len(entries) == 6 and any(e.post.repeat == "weekly" for e in entries)

    async def send_everything_due_in_a_week() -> list[tuple[OutboxState, str]]:
        later = now + timedelta(days=8)
        async with httpx.AsyncClient() as client:
            engine = SyncEngine(database, client, {}, clock=lambda: later)
            with database.write() as connection:  # posts whose time passed: sent (here, refused), not held
                for client_row in workspace.list_clients(connection):
                    workspace.set_client_publishing(connection, client_row.id, missed_policy="send")
            results = await engine.outbox.send_due()
            await engine.aclose()
        return [(r.state, r.remote_id) for r in results]

    results = asyncio.run(send_everything_due_in_a_week())
    assert results and {state for state, _ in results} == {OutboxState.SENT}, "played out (no connector given)"
    assert all(remote_id.startswith(DEMO_SENT_PREFIX) for _, remote_id in results)

    remove_demo(database)
    with database.read() as connection:
        assert outbox.listing(connection) == [] and snippets.listing(connection) == []


def test_demo_beside_a_real_client_of_the_same_name(database: Database) -> None:
    """A real bakery called like the demo's keeps its name, its sources and its data; the demo comes and goes."""
    real = make_account(database, client="Boulangerie Le Fournil")
    assert load_demo(database) > 0
    with database.read() as connection:
        clients = {client.name: client.is_demo for client in workspace.list_clients(connection)}
    assert clients == {"Boulangerie Le Fournil": False, "Boulangerie Le Fournil (2)": True, "Northwind Bikes": True}
    assert remove_demo(database) == 2
    with database.read() as connection:
        assert [a.id for a in workspace.list_accounts(connection)] == [real.id]
