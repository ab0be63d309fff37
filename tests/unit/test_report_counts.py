"""Issue 18, the reports' speed: the counts per hour (storage/message_hours.py) and each conversation's summary
(response_times.summarise) that a report reads instead of the messages stay equal to a full count through every
kind of change: new pages, a feed post becoming a comment thread, sentiment judged and corrected, a message deleted
on the network, the same story from another account, an account deleted."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

from sqlalchemy import Connection

from cmdesk.domain import Direction, Kind, Page
from cmdesk.storage import ingest, listening, message_hours, response_times, workspace
from cmdesk.storage.database import Database
from tests.support.factories import T0, item, make_account

SUMMARY = "SELECT id, started_at, asked_at, answered_at, live_count FROM conversations ORDER BY id"


def summaries(connection: Connection) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in connection.exec_driver_sql(SUMMARY).all()]


def assert_in_step(database: Database) -> None:
    with database.write() as connection:
        assert message_hours.differences(connection) == []
        kept = summaries(connection)
        response_times.summarise(connection, [row[0] for row in kept])
        assert summaries(connection) == kept, "each conversation's summary is what its messages say"
        connection.rollback()


def hours_of(database: Database) -> dict[tuple[str, str, str], int]:
    with database.read() as connection:
        found = connection.exec_driver_sql(
            "SELECT kind, direction, sentiment, sum(messages) FROM message_hours GROUP BY 1, 2, 3 HAVING sum(messages)"
        ).all()
    return {(row[0], row[1], row[2]): row[3] for row in found}


def test_counts_and_summaries_follow_every_change_of_the_messages(database: Database) -> None:
    account = make_account(database)
    post = item(1, kind=Kind.FEED)  # a thread is keyed by its first post
    ingest.commit_page(database, account.id, Page((post,), {}), judge_inline=False)
    assert hours_of(database) == {("feed", "in", ""): 1}
    assert_in_step(database)

    comments = [item(n, thread="item-1", kind=Kind.COMMENT, text="c'est délicieux, merci") for n in (2, 3)]
    answer = item(4, thread="item-1", kind=Kind.COMMENT, direction=Direction.OUTBOUND, author="Le Fournil")
    ingest.commit_page(database, account.id, Page((*comments, answer), {}), judge_inline=False)
    assert hours_of(database) == {("comment", "in", ""): 3, ("comment", "out", ""): 1}, "the post's count follows"
    assert_in_step(database)
    with database.read() as connection:
        started, asked, answered, live = connection.exec_driver_sql(
            "SELECT started_at, asked_at, answered_at, live_count FROM conversations"
        ).one()
    assert (started, asked, answered, live) == (
        "2026-11-01 09:01:00.000000",
        "2026-11-01 09:02:00.000000",
        "2026-11-01 09:04:00.000000",
        4,
    ), "the commented post asks nothing: the first comment does, and the answer after it answers"

    with database.write() as connection:
        assert listening.backfill(connection) == 4
    assert sum(count for (_k, _d, sentiment), count in hours_of(database).items() if sentiment) == 4
    assert_in_step(database)
    with database.write() as connection:
        listening.correct(connection, [2], "negative")
    assert hours_of(database)[("comment", "in", "negative")] == 1
    assert_in_step(database)

    page = Page((), {}, deleted=("item-2",))
    ingest.commit_page(database, account.id, page)
    assert sum(hours_of(database).values()) == 3, "a message deleted on the network is not counted"
    assert_in_step(database)

    other = make_account(database, address="http://127.0.0.1:2/feed")
    late = replace(item(9, thread="elsewhere", kind=Kind.FEED), url="https://blog.example/article", title="A")
    first = replace(item(8, thread="first", kind=Kind.FEED), url="https://blog.example/article", title="A")
    ingest.commit_page(database, account.id, Page((first,), {}), judge_inline=False)
    ingest.commit_page(database, other.id, Page((replace(late, created_at=T0 + timedelta(hours=1)),), {}))
    assert_in_step(database)

    with database.write() as connection:
        workspace.remove_account(connection, account.id)
    with database.read() as connection:
        left = connection.exec_driver_sql("SELECT account_id, sum(messages) FROM message_hours GROUP BY 1").all()
    assert [tuple(row) for row in left] == [(other.id, 1)], "an account's counts leave with it"
    assert_in_step(database)


def test_a_report_from_the_summaries_is_the_report_from_the_messages(database: Database) -> None:
    from datetime import UTC, date, datetime

    from cmdesk.domain.reporting import Period
    from cmdesk.storage import report_reads

    account = make_account(database)
    threads = [
        item(1, kind=Kind.FEED),  # a post people comment on
        item(2, thread="item-1", kind=Kind.COMMENT, text="Vous livrez le dimanche ?"),
        item(3, thread="item-1", kind=Kind.COMMENT, direction=Direction.OUTBOUND, author="Le Fournil"),
        item(4, thread="q", kind=Kind.MENTION, text="Ouvert demain ?"),
        item(5, thread="q", kind=Kind.MENTION, text="Alors ?", at=T0 + timedelta(days=3)),  # after the period
        replace(item(6, thread="dm", kind=Kind.MESSAGE), created_at=T0 - timedelta(days=2)),  # before it
        item(7, thread="dm", kind=Kind.MESSAGE, direction=Direction.OUTBOUND, author="Le Fournil"),
    ]
    ingest.commit_page(database, account.id, Page(tuple(threads), {}))
    period = Period(date(2026, 11, 1), date(2026, 11, 2), "Europe/Paris")
    now = datetime(2026, 12, 1, tzinfo=UTC)
    with database.write() as connection:
        summed = report_reads.report(connection, None, period, now)
        connection.exec_driver_sql("UPDATE conversations SET started_at = NULL")  # every one from its messages
        counted = report_reads.report(connection, None, period, now)
        connection.rollback()
    assert summed.lines == counted.lines and len(summed.lines) == 3
    assert {line.kind: line.messages for line in summed.lines} == {"comment": 3, "mention": 1, "message": 1}
    assert (summed.received, summed.sent) == (counted.received, counted.sent) == (3, 2), (
        "the post, a comment, a mention"
    )
