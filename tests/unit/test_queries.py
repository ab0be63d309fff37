"""Queries: keyset paging visits every conversation exactly once, newest activity first; filters and counts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta

from sqlalchemy import Connection, text

from cmdesk.domain import Kind, Network, Page
from cmdesk.storage import ingest, queries, workspace
from cmdesk.storage.database import Database
from cmdesk.storage.queries import ConversationFilter
from tests.support.factories import T0, item, make_account


def test_keyset_pages_cover_everything_once_even_with_equal_times(database: Database) -> None:
    account = make_account(database)
    same_time = T0 + timedelta(hours=5)
    items = [item(n, at=same_time if n % 3 == 0 else None) for n in range(250)]
    ingest.commit_page(database, account.id, Page(tuple(items), {}))
    seen: list[int] = []
    after = None
    with database.read() as connection:
        while True:
            page = queries.conversation_page(connection, ConversationFilter(), after=after, limit=40)
            if not page:
                break
            seen.extend(row.id for row in page)
            after = page[-1].key
        ordered = (
            connection.execute(text("SELECT id FROM conversations ORDER BY last_activity_at DESC, id DESC"))
            .scalars()
            .all()
        )
    assert len(seen) == len(set(seen)) == 250
    assert seen == list(ordered)


def test_filters_by_client_account_kind_status_and_label(database: Database) -> None:
    bakery = make_account(database, client="Boulangerie", address="http://127.0.0.1:1/a")
    florist = make_account(database, client="Fleuriste", address="http://127.0.0.1:1/b")
    ingest.commit_page(database, bakery.id, Page((item(1), item(2, thread="item-1", kind=Kind.COMMENT), item(3)), {}))
    ingest.commit_page(database, florist.id, Page((item(10), item(11)), {}))
    with database.write() as connection:
        connection.execute(text("UPDATE conversations SET status='done' WHERE remote_id='item-3'"))
        connection.execute(text("INSERT INTO labels (client_id, name, color) VALUES (NULL, 'urgent', '#f00')"))
        connection.execute(
            text("INSERT INTO conversation_labels SELECT id, 1 FROM conversations WHERE remote_id='item-10'")
        )
        bakery_client = workspace.find_client(connection, "boulangerie")
    assert bakery_client is not None

    def ids(view: ConversationFilter) -> set[str]:
        with database.read() as connection:
            rows = queries.conversation_page(connection, view)
            assert queries.count(connection, view) == len(rows)
            return {row.title for row in rows}

    assert ids(ConversationFilter()) == {"Title 1", "Title 3", "Title 10", "Title 11"}
    assert ids(ConversationFilter(client_ids=(bakery_client.id,))) == {"Title 1", "Title 3"}
    assert ids(ConversationFilter(account_ids=(florist.id,))) == {"Title 10", "Title 11"}
    assert ids(ConversationFilter(kinds=("comment",))) == {"Title 1"}
    assert ids(ConversationFilter(statuses=("done",))) == {"Title 3"}
    assert ids(ConversationFilter(label_ids=(1,))) == {"Title 10"}
    with database.read() as connection:
        labelled = queries.conversation_page(connection, ConversationFilter(label_ids=(1,)))
        by_status_kind = queries.counts_by_status_and_kind(connection, ConversationFilter())
    assert labelled[0].labels == ("urgent",)
    assert by_status_kind == {("open", "comment"): 1, ("open", "feed"): 2, ("done", "feed"): 1}


def test_export_rows_stream_every_message_in_order(database: Database) -> None:
    account = make_account(database)
    ingest.commit_page(database, account.id, Page(tuple(item(n) for n in range(45)), {}))
    with database.read() as connection:
        rows = list(queries.export_rows(connection, batch=10))
    assert [row.remote_id for row in rows] == [f"item-{n}" for n in range(45)]
    assert rows[0].account == account.name and rows[0].network == "feed" and rows[0].direction == "in"
    assert rows[0].created_at.tzinfo is not None


def test_a_capped_count_stops_at_its_cap(database: Database) -> None:
    account = make_account(database)
    ingest.commit_page(database, account.id, Page(tuple(item(n) for n in range(30)), {}))
    with database.read() as connection:
        view = ConversationFilter(unread_only=True)
        assert queries.count(connection, view) == 30
        assert queries.count_up_to(connection, view, 100) == 30
        assert queries.count_up_to(connection, view, 10) == 10


def test_views_by_network_client_and_assignee_read_what_a_plain_filter_reads(database: Database) -> None:
    """Pages read per account (a network's or a client's) or along one assignee: the same rows in the same order
    as one filtered, sorted read; a network or a client without any account gives an empty page at once."""
    feed = make_account(database, client="Boulangerie", address="http://127.0.0.1:1/a")
    with database.write() as connection:
        client = workspace.find_client(connection, "boulangerie")
        assert client is not None
        toots = workspace.add_account(connection, client.id, Network.MASTODON, "https://social.example", name="toots")
        empty = workspace.add_client(connection, "Sans comptes")
    kinds = (Kind.FEED, Kind.COMMENT, Kind.MENTION)
    ingest.commit_page(database, feed.id, Page(tuple(item(n, at=T0 + timedelta(minutes=n)) for n in range(40)), {}))
    ingest.commit_page(
        database,
        toots.id,
        Page(tuple(item(100 + n, kind=kinds[n % 3], at=T0 + timedelta(minutes=2 * n)) for n in range(40)), {}),
    )
    with database.write() as connection:
        connection.execute(text("UPDATE conversations SET assignee = 'Camille' WHERE id % 4 = 0"))
        connection.execute(text("UPDATE conversations SET status = 'done' WHERE id % 5 = 0"))

    def plain(where: str) -> list[int]:
        with database.read() as connection:
            sql = f"SELECT c.id FROM conversations AS c JOIN accounts AS a ON a.id = c.account_id WHERE {where} "
            return list(connection.execute(text(sql + "ORDER BY c.last_activity_at DESC, c.id DESC")).scalars())

    def page(view: ConversationFilter) -> list[int]:
        with database.read() as connection:
            found = [row.id for row in queries.conversation_page(connection, view, limit=500)]
            assert queries.count(connection, view) == len(found)
            return found

    active = ConversationFilter(statuses=("open",))
    open_ = "c.status = 'open'"
    assert page(replace(active, networks=("mastodon",))) == plain(f"{open_} AND a.network = 'mastodon'")
    assert page(replace(active, networks=("mastodon", "feed"), kinds=("comment", "mention"))) == plain(
        f"{open_} AND c.kind IN ('comment', 'mention')"
    )
    assert page(replace(active, networks=("x",))) == []
    assert page(replace(active, client_ids=(empty.id,))) == []
    assert page(replace(active, assignees=("",))) == plain(f"{open_} AND c.assignee = ''")
    assert page(replace(active, assignees=("Camille",))) == plain(f"{open_} AND c.assignee = 'Camille'")
    assert page(replace(active, assignees=("",), kinds=("mention",))) == plain(
        f"{open_} AND c.assignee = '' AND c.kind = 'mention'"
    )
    assert plain(f"{open_} AND c.assignee = ''") and plain(f"{open_} AND a.network = 'mastodon'")


MISLEADING_STATISTICS = {
    "ix_conversations_activity": "428431 2 1",
    "ix_conversations_assignee": "428431 428431 2 1",
    "ix_conversations_sentiment_activity": "428431 428431 214216 2 1",
    "ix_conversations_status_kind": "428431 214216 107108 1 1 1",
    "ix_conversations_account_activity": "428431 4285 2 1",
}
"""sqlite_stat1 of bench/query.py's database (430,000 conversations, none assigned, judged or held): SQLite reads
from it that an assignee, a sentiment has every conversation."""


def test_views_of_few_rows_read_their_own_index_whatever_the_statistics_say(database: Database) -> None:
    """Negative, To moderate and Mine: the same rows as one filtered, sorted read, and each read through the index
    that holds exactly its rows, also when SQLite's statistics say otherwise (most conversations assigned to
    nobody and of no sentiment, none held: on 1,000,000 messages SQLite then read every conversation, 150–350 ms)."""
    account = make_account(database)
    ingest.commit_page(database, account.id, Page(tuple(item(n, at=T0 + timedelta(minutes=n)) for n in range(300)), {}))
    with database.write() as connection:
        connection.execute(text("UPDATE conversations SET sentiment = 'negative' WHERE id % 37 = 0"))
        connection.execute(text("UPDATE conversations SET status = 'pending' WHERE id % 74 = 0"))
        connection.execute(text("UPDATE conversations SET assignee = 'Camille' WHERE id % 41 = 0"))
        connection.exec_driver_sql("ANALYZE")
        for index, stat in MISLEADING_STATISTICS.items():  # bench/query.py's 1,000,000 messages' own
            connection.exec_driver_sql("UPDATE sqlite_stat1 SET stat = ? WHERE idx = ?", (stat, index))
        connection.exec_driver_sql("DELETE FROM sqlite_stat1 WHERE idx = 'ix_conversations_held'")
        connection.exec_driver_sql("ANALYZE sqlite_schema")  # the statistics read again
    negative = ConversationFilter(statuses=("open", "pending"), sentiments=("negative",))
    mine = ConversationFilter(statuses=("open", "pending"), assignees=("Camille",))
    held = ConversationFilter(statuses=("open", "pending"), held=True)

    def plans(read: Callable[[Connection], object]) -> list[str]:
        """How SQLite reads each table in what `read` runs ("SEARCH c USING INDEX …")."""
        with database.read() as connection:
            raw = connection.connection.driver_connection
            statements: list[str] = []
            raw.set_trace_callback(statements.append)
            try:
                read(connection)
            finally:
                raw.set_trace_callback(None)
            selects = [sql for sql in statements if sql.lstrip().upper().startswith("SELECT")]
            return [str(row[3]) for sql in selects for row in raw.execute(f"EXPLAIN QUERY PLAN {sql}")]

    def read(view: ConversationFilter, index: str) -> list[int]:
        """The view's rows, having checked that its page and its count read `index` and never every conversation."""
        with database.read() as connection:
            found = [row.id for row in queries.conversation_page(connection, view, limit=500)]
            assert queries.count(connection, view) == len(found)
        for how in (
            plans(lambda connection: queries.conversation_page(connection, view, limit=500)),
            plans(lambda connection: queries.count(connection, view)),
        ):
            by_id = "USING INTEGER PRIMARY KEY"  # the page's chosen rows, read by their ids
            conversations = [plan for plan in how if plan.startswith(("SCAN c", "SEARCH c ")) and by_id not in plan]
            assert conversations and all(index in plan for plan in conversations), (index, how)
        return found

    def plain(where: str) -> list[int]:
        with database.read() as connection:
            sql = f"SELECT id FROM conversations WHERE status IN ('open', 'pending') AND {where} "
            return list(connection.execute(text(sql + "ORDER BY last_activity_at DESC, id DESC")).scalars())

    assert read(negative, "ix_conversations_sentiment_activity") == plain("sentiment = 'negative'") != []
    assert read(mine, "ix_conversations_assignee") == plain("assignee = 'Camille'") != []
    assert read(held, "ix_conversations_held") == [] == plain("held_count > 0")
