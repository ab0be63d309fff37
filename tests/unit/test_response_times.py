"""Issue 18, part 1: since when a conversation waits and when it is overdue — worked out as messages arrive (an
answer from the network's own app counts), again when a client's hours change, and the Overdue view."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from cmdesk.domain import Direction, Kind, Page
from cmdesk.domain.business_hours import BusinessHours, parse_week
from cmdesk.domain.reads import ConversationFilter
from cmdesk.services import clients
from cmdesk.services.commands import run
from cmdesk.storage import ingest, queries, workspace
from cmdesk.storage.database import Database
from tests.support.factories import item, make_account

NOW = datetime.now(UTC).replace(microsecond=0)


def message(  # type: ignore[no-untyped-def]
    n: int, minutes_ago: int, *, thread: str = "t", direction: Direction = Direction.INBOUND, kind=Kind.MENTION
):
    return item(n, thread=thread, kind=kind, at=NOW - timedelta(minutes=minutes_ago), direction=direction)


def conversation(database: Database, remote_id: str = "t") -> queries.Conversation:
    with database.read() as connection:
        page = queries.conversation_page(connection, ConversationFilter(), limit=100)
    return next(c for c in page if c.remote_id == remote_id)


def overdue(database: Database) -> list[str]:
    with database.read() as connection:
        view = ConversationFilter(statuses=("open",), overdue=True)
        assert queries.count(connection, view) == len(found := queries.conversation_page(connection, view))
    return sorted(c.remote_id for c in found)


def set_hours(database: Database, hours: BusinessHours, client: str = "Le Fournil") -> int:
    with database.read() as connection:
        found = workspace.find_client(connection, client)
    assert found is not None
    return run(database, clients.set_hours(found.id, hours))


def test_a_question_waits_from_its_first_unanswered_message_and_an_answer_ends_the_wait(database: Database) -> None:
    account = make_account(database)
    set_hours(database, BusinessHours(target_minutes=60))  # around the clock, one hour
    ingest.commit_page(database, account.id, Page((message(1, 300), message(2, 200)), {}))
    first = conversation(database)
    assert first.due_at == NOW - timedelta(minutes=240), "due an hour after the first unanswered message"
    assert first.late_by(NOW) == timedelta(minutes=240) and overdue(database) == ["t"]

    answer = message(3, 100, direction=Direction.OUTBOUND)  # sent from the network's own app: synced back
    ingest.commit_page(database, account.id, Page((answer,), {}))
    assert conversation(database).due_at is None and overdue(database) == []

    ingest.commit_page(database, account.id, Page((message(4, 10),), {}))
    assert conversation(database).due_at == NOW + timedelta(minutes=50), "the new wait starts at the new message"
    assert overdue(database) == []


def test_changing_the_hours_or_the_target_moves_every_waiting_conversation(database: Database) -> None:
    account = make_account(database)
    ingest.commit_page(database, account.id, Page((message(1, 600, thread="a"), message(2, 30, thread="b")), {}))
    assert conversation(database, "a").due_at is None and overdue(database) == [], "no target: nothing is overdue"
    assert set_hours(database, BusinessHours(target_minutes=120)) == 2
    assert overdue(database) == ["a"]
    closed_today = BusinessHours(parse_week("mon-sun 0:00-0:01"), "UTC", target_minutes=120)
    set_hours(database, closed_today)
    assert overdue(database) == [], "two business hours take days when the shop opens a minute a day"


def test_posts_found_while_listening_wait_for_no_answer(database: Database) -> None:
    account = make_account(database)
    set_hours(database, BusinessHours(target_minutes=1))
    news = replace(message(1, 600, thread="news", kind=Kind.FEED), thread_key="item-1")
    ingest.commit_page(database, account.id, Page((news,), {}))
    assert conversation(database, "item-1").due_at is None and overdue(database) == []


def test_done_or_snoozed_conversations_are_not_overdue(database: Database) -> None:
    account = make_account(database)
    set_hours(database, BusinessHours(target_minutes=1))
    ingest.commit_page(database, account.id, Page((message(1, 600, thread="a"), message(2, 600, thread="b")), {}))
    from cmdesk.domain import Status
    from cmdesk.storage import triage

    with database.write() as connection:
        triage.set_status(connection, [conversation(database, "a").id], Status.DONE)
    assert overdue(database) == ["b"]


def test_the_post_people_comment_on_is_not_a_question(database: Database) -> None:
    account = make_account(database)
    set_hours(database, BusinessHours(target_minutes=60))
    post = replace(message(1, 3000, thread="item-1", kind=Kind.COMMENT), thread_key="item-1")
    ingest.commit_page(database, account.id, Page((post,), {}))
    assert conversation(database, "item-1").due_at is None, "a blog article alone waits for nobody"
    comment = message(2, 30, thread="item-1", kind=Kind.COMMENT)
    ingest.commit_page(database, account.id, Page((comment,), {}))
    assert conversation(database, "item-1").due_at == NOW + timedelta(minutes=30), "the wait starts at the comment"
