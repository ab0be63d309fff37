"""The demo workspace: realistic, loaded through ingest, marked as demo, never synced, removed in one call."""

from __future__ import annotations

import asyncio

import httpx
from sqlalchemy import text

from cmdesk.demo import demo_loaded, load_demo, remove_demo
from cmdesk.storage import fts, queries, workspace
from cmdesk.storage.database import Database
from cmdesk.storage.queries import ConversationFilter
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
    assert {c.name for c in clients if c.is_demo} == {"Boulangerie Le Fournil", "Northwind Bikes"}
    assert kinds == {"email", "mention", "message", "comment", "feed"}
    assert french and english and outgoing == 1

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
