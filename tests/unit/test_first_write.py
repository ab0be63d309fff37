"""Issue 23: a page's new conversations are inserted with their sentiment, counts, report times and wait
(storage/first_write.py) instead of being read back from their messages after the write. Both roads must store the
same rows: any page, any mix of new and known conversations and messages, directions, kinds, times (ties too),
held messages, judgements and client hours."""

from __future__ import annotations

import os
import tempfile
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cmdesk.domain import Direction, Item, Kind, Page
from cmdesk.domain.business_hours import BusinessHours, parse_week
from cmdesk.services import clients
from cmdesk.services.commands import run
from cmdesk.storage import ingest, workspace
from cmdesk.storage.database import Database
from tests.support.factories import item, make_account

T0 = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
HOURS = {
    "none": None,
    "around the clock, one hour": BusinessHours(target_minutes=60),
    "office hours, four hours": BusinessHours(week=parse_week("mon-fri 09:00-17:00"), target_minutes=240),
    "hours without a target": BusinessHours(week=parse_week("mon-fri 09:00-17:00")),
}


@st.composite
def messages(draw: st.DrawFn) -> tuple[Item, tuple[str, float, str]]:
    """A message of a few threads (its own, or one of three shared), as any network sends one, with its verdict."""
    n = draw(st.integers(0, 11))
    thread = draw(st.sampled_from([None, "t0", "t1", "item-0"]))
    kind = draw(st.sampled_from(list(Kind)))
    direction = draw(st.sampled_from(list(Direction)))
    minutes = draw(st.integers(0, 2))  # few minutes: equal times, ordered by the page's order
    found = item(n, thread=thread, kind=kind, at=T0 + timedelta(minutes=minutes), direction=direction)
    found = replace(found, held=draw(st.booleans()), seen=draw(st.booleans()), text=draw(st.sampled_from("ab")))
    verdict = (draw(st.sampled_from(["positive", "negative", "neutral", ""])), 0.5, "fr")
    return found, verdict


pages = st.lists(st.lists(messages(), min_size=1, max_size=7), min_size=1, max_size=3)


def stored(database: Database) -> list[tuple[Any, ...]]:
    with database.read() as connection:
        conversations = connection.exec_driver_sql("SELECT * FROM conversations ORDER BY id").all()
        counts = connection.exec_driver_sql("SELECT * FROM conversation_counts ORDER BY 1, 2, 3, 4").all()
    return [tuple(row) for row in (*conversations, *counts)]


def written(page_list: list[list[tuple[Item, tuple[str, float, str]]]], hours: BusinessHours | None) -> list[Any]:
    with tempfile.TemporaryDirectory() as directory:
        database = Database.open(Path(directory))
        try:
            account = make_account(database)
            if hours is not None:
                with database.read() as connection:
                    client = workspace.find_client(connection, "Le Fournil")
                assert client is not None
                run(database, clients.set_hours(client.id, hours))
            for page in page_list:
                items = tuple(found for found, _verdict in page)
                judged = [verdict for _found, verdict in page]
                ingest.commit_page(database, account.id, Page(items, {}), now=T0 + timedelta(hours=1), judged=judged)
            return stored(database)
        finally:
            database.close()


@settings(
    max_examples=int(os.environ.get("CMDESK_FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(pages, st.sampled_from(sorted(HOURS)))
@example(  # the same minute: the page's order (the ids') decides that the answer came last, so nobody waits
    [
        [
            (item(5, thread="t0", kind=Kind.MENTION, at=T0), ("negative", 0.9, "fr")),
            (item(3, thread="t0", kind=Kind.MENTION, at=T0, direction=Direction.OUTBOUND), ("", 0.5, "fr")),
        ]
    ],
    "around the clock, one hour",
)
def test_new_conversations_are_stored_as_the_read_back_stores_them(
    page_list: list[list[tuple[Item, tuple[str, float, str]]]], hours: str
) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ingest, "FIRST_WRITE", False)
        read_back = written(page_list, HOURS[hours])
    first = written(page_list, HOURS[hours])
    assert first == read_back


def test_a_first_page_of_new_conversations_is_not_read_back(database: Database) -> None:
    """The point of it: a first sync's page of new posts writes no UPDATE of its conversations afterwards."""
    account = make_account(database)
    items = tuple(item(n) for n in range(20))
    statements: list[str] = []
    with database.write() as connection:
        connection.connection.driver_connection.set_trace_callback(statements.append)  # type: ignore[union-attr]
        ingest.write_page(connection, account.id, Page(items, {}), T0, judged=[("positive", 0.9, "fr")] * len(items))
        connection.connection.driver_connection.set_trace_callback(None)  # type: ignore[union-attr]
    assert not [statement for statement in statements if statement.startswith("UPDATE conversations")]
    with database.read() as connection:
        rows = connection.exec_driver_sql(
            "SELECT sentiment, live_count, started_at IS NOT NULL, waiting_since IS NOT NULL FROM conversations"
        ).all()
    assert [tuple(row) for row in rows] == [("positive", 1, 1, 1)] * 20
