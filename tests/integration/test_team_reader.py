"""Reading the team database directly (storage/team/server_reader.py) against a real PostgreSQL: the same answers
as the laptop's own copy for every list, count and thread; search with PostgreSQL's tools (accents folded, French
and English stems); counts kept by the triggers; a version-1 team database upgraded."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from cmdesk.demo.loader import load_demo
from cmdesk.domain import Kind, Page, Secret
from cmdesk.domain.reads import ConversationFilter, OutboxState
from cmdesk.domain.team import parse_team_url
from cmdesk.storage import ingest
from cmdesk.storage.records import MessageRecord
from cmdesk.storage.schema import VERSION
from cmdesk.storage.sqlite_reader import SqliteReader
from cmdesk.storage.team import server_counts, server_search
from cmdesk.storage.team.server_reader import PostgresReader
from cmdesk.storage.team.server_schema import TeamDatabaseError, engine_for, prepare
from tests.support.factories import item
from tests.support.postgres_server import PostgresServer, TeamDatabase, running_postgres
from tests.support.team_laptops import Laptop, anna_and_bruno


@pytest.fixture(scope="module")
def postgres() -> Iterator[PostgresServer]:
    with running_postgres() as server:
        yield server


@pytest.fixture(scope="module")
def demo_team(tmp_path_factory: pytest.TempPathFactory, postgres: PostgresServer) -> Iterator[tuple[Laptop, object]]:
    """The demo workspace on a laptop that joined first: the team database holds the same records."""
    shared = postgres.database()
    anna = Laptop(tmp_path_factory.mktemp("reader") / "anna", "anna-laptop", "Anna")
    load_demo(anna.database)
    anna.join(shared)
    engine = engine_for(parse_team_url(shared.url), Secret(shared.password))
    yield anna, engine
    engine.dispose()


def _views(reader: SqliteReader) -> list[ConversationFilter]:
    clients = [client.id for client in reader.clients()]
    accounts = [account.id for account in reader.accounts()]
    labels = [label.id for label in reader.labels()]
    return [
        ConversationFilter(),
        ConversationFilter(statuses=("open",)),
        ConversationFilter(statuses=("open",), unanswered=True, kinds=("mention", "message", "comment", "email")),
        ConversationFilter(client_ids=(clients[0],)),
        ConversationFilter(account_ids=(accounts[0], accounts[-1])),
        ConversationFilter(unread_only=True),
        ConversationFilter(negative_first=True, statuses=("open",)),
        ConversationFilter(sentiments=("negative",)),
        ConversationFilter(monitored=True),
        ConversationFilter(label_ids=tuple(labels[:1])),
        ConversationFilter(assignees=("",)),
    ]


def test_the_team_database_answers_every_list_count_and_thread_as_the_laptop_does(demo_team) -> None:  # type: ignore[no-untyped-def]
    anna, engine = demo_team
    laptop, team = SqliteReader(anna.database), PostgresReader(engine)
    assert team.workspace().accounts == laptop.workspace().accounts
    assert PostgresReader(engine, "Bruno").workspace().teammates == ("Anna", "Bruno")
    assert team.labels() == laptop.labels()
    assert team.clients() == laptop.clients()
    assert team.account_counts() == laptop.account_counts()
    checked = 0
    for view in _views(laptop):
        expected = laptop.conversation_page(view, limit=500)
        assert team.conversation_page(view, limit=500) == expected, view
        assert team.count(view) == laptop.count(view) == len(expected)
        assert team.tallies(view) == laptop.tallies(view)
        assert team.count_up_to(view, 3) == laptop.count_up_to(view, 3)
        if len(expected) > 4:
            key = expected[3].key
            assert team.conversation_page(view, after=key, limit=2) == expected[4:6]
            assert team.conversation_page(view, before=expected[5].key, limit=2) == expected[3:5]
            assert team.conversation_page(view, offset=1, from_end=True, limit=2) == expected[-3:-1]
            assert team.position(view, key) == laptop.position(view, key) == 3
            assert team.position(view, key, up_to=2) == 2
        checked += len(expected)
    assert checked > 100
    for conversation in laptop.conversation_page(ConversationFilter(), limit=40):
        assert team.thread(conversation.id, conversation.account_id) == laptop.thread(
            conversation.id, conversation.account_id
        )
    settled = (OutboxState.SENT, OutboxState.CANCELLED)  # entries still to send stay on the laptop that wrote them
    with team.consistent():
        assert team.outbox(states=settled) == laptop.outbox(states=settled)
        assert team.outbox_count(settled) == laptop.outbox_count(settled) > 0


def test_a_laptop_filled_from_the_team_database_reads_as_the_first_one(demo_team, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    anna, engine = demo_team
    shared = TeamDatabase("127.0.0.1", engine.url.port, engine.url.database, engine.url.username, engine.url.password)
    bruno = Laptop(tmp_path / "bruno", "bruno-laptop", "Bruno")
    bruno.join(shared)
    first, filled = SqliteReader(anna.database), SqliteReader(bruno.database)
    assert filled.accounts() == first.accounts() and filled.labels() == first.labels()
    for view in _views(first):
        assert filled.conversation_page(view, limit=500) == first.conversation_page(view, limit=500), view
        assert filled.tallies(view) == first.tallies(view)
    for conversation in first.conversation_page(ConversationFilter(), limit=60):
        assert filled.thread(conversation.id, conversation.account_id) == first.thread(
            conversation.id, conversation.account_id
        )
    searched = [hit.message_id for hit in first.search("commande")]
    assert searched and [hit.message_id for hit in filled.search("commande")] == searched


def test_search_folds_accents_and_stems_french_and_english(demo_team) -> None:  # type: ignore[no-untyped-def]
    anna, engine = demo_team
    team = PostgresReader(engine)
    replaced = {
        "remote_id": "'search-' || n",
        "text": "body",
        "language": "lang",
        "author_name": "'Zoé Quévillon'",
        "author_handle": "'@zoe'",
        "title": "''",
    }
    columns = [column.name for column in MessageRecord.__table__.c if column.name != "id"]  # type: ignore[attr-defined]
    with engine.begin() as pg:
        pg.execute(
            text(
                f"INSERT INTO messages ({', '.join(columns)}) "
                f"SELECT {', '.join(replaced.get(name, 'm.' + name) for name in columns)} "
                "FROM (SELECT * FROM messages ORDER BY id LIMIT 1) AS m, "
                "(VALUES (1, 'Le café était froid et les croissants brûlés', 'fr'), "
                "(2, 'Delivered the cakes late, twice', 'en'), (3, 'Nos boulangeries ouvrent à 7h', '')) "
                "AS v(n, body, lang)"
            )
        )
    try:
        assert [hit.snippet for hit in team.search("cafe", mark=("<", ">"))] == [
            "Le <café> était froid et les croissants brûlés"
        ]
        assert "croissants" in team.search("croissant brule")[0].snippet  # French stems, accents folded
        assert "cakes" in team.search("deliver cake")[0].snippet  # English stems
        assert team.search("boulangerie")  # a message of no known language: both ways
        assert team.search("boul*")
        assert team.search('"croissants brûlés"') and not team.search('"brûlés croissants"')
        assert [hit.author for hit in team.search("quevillon")] == ["Zoé Quévillon"] * 3  # the author is searched too
        assert team.search("le les et") == []  # nothing but stop words: no match, no error
        assert team.search("') OR 1=1; --") == []  # what is typed is never SQL
    finally:
        with engine.begin() as pg:
            pg.execute(text("DELETE FROM messages WHERE remote_id LIKE 'search-%'"))


def test_the_counts_follow_every_write_on_the_team_database(demo_team) -> None:  # type: ignore[no-untyped-def]
    _anna, engine = demo_team
    team = PostgresReader(engine)
    before = team.tallies(ConversationFilter())
    with engine.begin() as pg:
        pg.execute(text("UPDATE conversations SET status = 'done' WHERE id IN (SELECT id FROM conversations LIMIT 3)"))
        pg.execute(text("UPDATE conversations SET last_direction = 'out' WHERE kind = 'comment'"))
        assert server_counts.differences(pg) == []
        pg.rollback()
    with engine.begin() as pg:
        assert server_counts.differences(pg) == []
    assert team.tallies(ConversationFilter()) == before


def test_a_team_database_of_the_first_version_gets_its_read_side(tmp_path: Path, postgres: PostgresServer) -> None:
    shared: TeamDatabase = postgres.database()
    engine = engine_for(parse_team_url(shared.url), Secret(shared.password))
    try:
        with engine.begin() as pg:
            prepare(pg)
            pg.execute(text("DROP TRIGGER conversations_counts_insert_delete ON conversations"))
            pg.execute(text("DROP TABLE conversation_counts"))
            pg.execute(text("ALTER TABLE messages DROP COLUMN search"))
            pg.execute(text("UPDATE team_info SET value = '1' WHERE key = 'team_schema'"))
            # As made by a cmdesk one records version behind, before a column and its index were added.
            pg.execute(text("ALTER TABLE conversations DROP COLUMN assignee"))
            # ... and with schema 24's index by (sentiment, status), which 25 replaces.
            pg.execute(text("DROP INDEX ix_conversations_sentiment_activity"))
            pg.execute(text("CREATE INDEX ix_conversations_sentiment_status ON conversations (sentiment, status)"))
            pg.execute(text("UPDATE team_info SET value = :v WHERE key = 'records_schema'"), {"v": VERSION - 1})
        with engine.begin() as pg:
            info = prepare(pg)
            assert info["team_schema"] == "2" and info["search_folds_accents"] == "yes"
            assert info["records_schema"] == str(VERSION)
            columns = pg.execute(
                text("SELECT column_name FROM information_schema.columns WHERE table_name = 'conversations'")
            )
            assert "assignee" in {row[0] for row in columns}
            assert pg.execute(text("SELECT to_regclass('ix_conversations_assignee')")).scalar() is not None
            replaced = "SELECT to_regclass('ix_conversations_sentiment_status'), to_regclass(:new)"
            old_index, new_index = pg.execute(text(replaced), {"new": "ix_conversations_sentiment_activity"}).one()
            assert old_index is None and new_index is not None
            assert pg.execute(text("SELECT count(*) FROM conversation_counts")).scalar() == 0
            assert server_search.tsquery("pain") is not None
            assert pg.execute(text("SELECT to_regclass('ix_messages_search')")).scalar() is not None
    finally:
        engine.dispose()


def test_a_laptop_older_than_the_team_database_is_told_to_update(postgres: PostgresServer) -> None:
    shared = postgres.database()
    engine = engine_for(parse_team_url(shared.url), Secret(shared.password))
    try:
        with engine.begin() as pg:
            prepare(pg)
            pg.execute(text("UPDATE team_info SET value = :v WHERE key = 'records_schema'"), {"v": VERSION + 1})
        with pytest.raises(TeamDatabaseError, match="update cmdesk on this laptop"), engine.begin() as pg:
            prepare(pg)
    finally:
        engine.dispose()


def test_the_keyset_of_a_page_reads_the_same_rows_around_equal_times(demo_team) -> None:  # type: ignore[no-untyped-def]
    anna, engine = demo_team
    laptop, team = SqliteReader(anna.database), PostgresReader(engine)
    rows = laptop.conversation_page(ConversationFilter(), limit=10)
    same_time = replace(rows[4].key, last_activity_at=rows[4].last_activity_at + timedelta(microseconds=0))
    assert team.conversation_page(ConversationFilter(), after=same_time, limit=3) == rows[5:8]


def test_pages_a_leader_pulls_reach_the_team_database_s_records(tmp_path: Path, postgres: PostgresServer) -> None:
    shared = postgres.database()
    anna, bruno = anna_and_bruno(tmp_path, shared)
    account_id = anna.conversation("item-1").account_id
    fresh = [
        item(20, kind=Kind.COMMENT, text="Vous livrez à Lyon ?"),
        item(21, thread="item-20", kind=Kind.COMMENT, text="Et le dimanche ?"),
        item(1, kind=Kind.COMMENT, text="message number 1, edited"),  # an edit of a message the team has
    ]
    ingest.commit_page(anna.database, account_id, Page(tuple(fresh), {"n": 1}))
    anna.replay()
    engine = engine_for(parse_team_url(shared.url), Secret(shared.password))
    try:
        team, laptop = PostgresReader(engine), SqliteReader(anna.database)
        rows = team.conversation_page(ConversationFilter(), limit=50)
        on_laptop = laptop.conversation_page(ConversationFilter())
        assert [row.remote_id for row in rows] == [row.remote_id for row in on_laptop]
        new = next(row for row in rows if row.remote_id == "item-20")
        assert (new.message_count, new.unread, new.snippet) == (2, True, "Et le dimanche ?")
        thread = team.thread(new.id, new.account_id)
        assert [m.text for m in thread.messages] == ["Vous livrez à Lyon ?", "Et le dimanche ?"]
        assert [hit.conversation_id for hit in team.search("livrer lyon")] == [new.id]
        assert [hit.snippet for hit in team.search("edited")] == ["message number 1, [edited]"]
        with engine.begin() as pg:
            assert server_counts.differences(pg) == []
            assert pg.execute(text("SELECT count(*) FROM messages")).scalar() == 7
        # A laptop joining now gets them with the copy, and the log's page applied again changes nothing.
        carla = Laptop(tmp_path / "carla", "carla-laptop", "Carla")
        carla.join(shared)
        assert SqliteReader(carla.database).count(ConversationFilter()) == 6
        with carla.database.read() as connection:
            assert connection.exec_driver_sql("SELECT count(*) FROM messages").scalar() == 7
        bruno.replay()
        assert bruno.conversation("item-20").message_count == 2
    finally:
        engine.dispose()
