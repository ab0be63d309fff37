"""Triage in bulk: statuses, snooze and wake-up, read state, labels."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import text

from cmdesk.domain import Page, Status
from cmdesk.storage import ingest, queries, triage
from cmdesk.storage.database import Database
from cmdesk.storage.queries import ConversationFilter
from tests.support.factories import T0, item, make_account


@pytest.fixture
def three(database: Database) -> list[int]:
    account = make_account(database)
    ingest.commit_page(database, account.id, Page((item(1), item(2), item(3)), {}))
    with database.read() as connection:
        return [row.id for row in queries.conversation_page(connection, ConversationFilter())]


def statuses(database: Database) -> dict[int, tuple[str, int]]:
    with database.read() as connection:
        return {
            row[0]: (row[1], row[2]) for row in connection.execute(text("SELECT id, status, unread FROM conversations"))
        }


def test_bulk_status_and_read_state(database: Database, three: list[int]) -> None:
    with database.write() as connection:
        assert triage.set_status(connection, three[:2], Status.DONE) == 2
        triage.set_status(connection, three[2:], Status.PENDING)
    assert statuses(database) == {three[0]: ("done", 0), three[1]: ("done", 0), three[2]: ("pending", 1)}
    with database.write() as connection:
        triage.mark_read(connection, three[2:])
        triage.mark_read(connection, three[:1], read=False)
    assert statuses(database)[three[2]] == ("pending", 0)
    assert statuses(database)[three[0]] == ("done", 1)


def test_snooze_needs_a_time_and_wakes_when_due(database: Database, three: list[int]) -> None:
    with database.write() as connection:
        with pytest.raises(triage.TriageError):
            triage.set_status(connection, three[:1], Status.SNOOZED)
        triage.mark_read(connection, three)
        triage.snooze(connection, three[:1], T0 + timedelta(hours=1))
        triage.snooze(connection, three[1:2], T0 + timedelta(days=1))
        assert triage.next_wake(connection) == T0 + timedelta(hours=1)
        assert triage.wake_due(connection, T0) == []
        assert triage.wake_due(connection, T0 + timedelta(hours=2)) == [three[0]]
        assert triage.next_wake(connection) == T0 + timedelta(days=1)
    assert statuses(database)[three[0]] == ("open", 1)
    assert statuses(database)[three[1]] == ("snoozed", 0)


def test_labels_create_assign_filter_remove(database: Database, three: list[int]) -> None:
    with database.write() as connection:
        urgent = triage.create_label(connection, "Urgent")
        praise = triage.create_label(connection, "Compliment", "#388e3c")
        with pytest.raises(triage.TriageError):
            triage.create_label(connection, "urgent")
        assert triage.assign_label(connection, three[:2], urgent.id) == 2
        assert triage.assign_label(connection, three, urgent.id) == 1
        triage.assign_label(connection, three[:1], praise.id)
        assert triage.remove_label(connection, three[1:2], urgent.id) == 1
    with database.read() as connection:
        labelled = queries.conversation_page(connection, ConversationFilter(label_ids=(urgent.id,)))
        assert sorted(row.id for row in labelled) == sorted([three[0], three[2]])
        first = next(row for row in labelled if row.id == three[0])
        assert first.labels == ("Compliment", "Urgent")
        assert [label.name for label in triage.list_labels(connection)] == ["Compliment", "Urgent"]
        assert urgent.color.startswith("#")
    with database.write() as connection:
        triage.delete_label(connection, urgent.id)
    with database.read() as connection:
        assert queries.conversation_page(connection, ConversationFilter(label_ids=(urgent.id,))) == []


def test_reading_an_email_conversation_queues_seen_for_the_server_but_not_for_demo_or_feeds(
    database: Database,
) -> None:
    from cmdesk.demo import load_demo
    from cmdesk.storage import outbox

    load_demo(database)
    with database.read() as connection:
        rows = queries.conversation_page(connection, queries.ConversationFilter(), limit=100)
    with database.write() as connection:
        triage.mark_read(connection, [row.id for row in rows])
        reads = [e for e in outbox.listing(connection) if e.action == "mark_read"]
        assert reads == [], "demo accounts have no server to tell"
