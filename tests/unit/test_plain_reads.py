"""The plain-SQL read side (storage/rawsql.py): `Database.snapshot()` and the reads the window starts with, which
must give exactly what they give through SQLAlchemy, open a database without importing SQLAlchemy, and never
write."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import text

from cmdesk.demo import load_demo
from cmdesk.domain import Status
from cmdesk.storage import fts, outbox_reads, queries, schema, syncstate, triage, workspace_reads
from cmdesk.storage.database import Database
from cmdesk.storage.errors import StorageError
from cmdesk.storage.queries import ConversationFilter


def _views(database: Database) -> list[ConversationFilter]:
    with database.read() as connection:
        client = workspace_reads.list_clients(connection)[0]
        account = workspace_reads.list_accounts(connection)[0]
        label = triage.create_label(connection, "Bad buzz")
    with database.write() as connection:
        ids = [row[0] for row in connection.exec_driver_sql("SELECT id FROM conversations ORDER BY id LIMIT 4")]
        triage.assign_label(connection, ids, label.id)
        triage.set_status(connection, ids[:1], Status.DONE)
    return [
        ConversationFilter(),
        ConversationFilter(statuses=("open", "pending")),
        ConversationFilter(kinds=("mention", "message"), statuses=("open",)),
        ConversationFilter(client_ids=(client.id,)),
        ConversationFilter(account_ids=(account.id,), statuses=("open", "pending")),
        ConversationFilter(label_ids=(label.id,)),
        ConversationFilter(label_ids=(label.id,), client_ids=(client.id,), statuses=("open",)),
        ConversationFilter(unread_only=True, kinds=("email",)),
    ]


def test_plain_reads_give_what_sqlalchemy_connections_give(database: Database) -> None:
    load_demo(database)
    views = _views(database)
    with database.read() as through_sqlalchemy, database.snapshot() as plain:
        for view in views:
            page = queries.conversation_page(plain, view, limit=5)
            assert page == queries.conversation_page(through_sqlalchemy, view, limit=5)
            assert queries.count(plain, view) == queries.count(through_sqlalchemy, view) >= len(page)
            everything = queries.conversation_page(plain, view, limit=1000)
            assert queries.count(plain, view) == len(everything), view
            assert queries.counts_by_status_and_kind(plain, view) == queries.counts_by_status_and_kind(
                through_sqlalchemy, view
            )
            if len(everything) > 2:
                assert queries.position(plain, view, everything[2].key) == 2
                assert queries.position(plain, view, everything[2].key, up_to=5) == 2
                assert queries.position(plain, view, everything[-1].key, up_to=1) == min(1, len(everything) - 1)
                assert queries.conversation_page(plain, view, after=everything[0].key, limit=2) == everything[1:3]
                assert queries.conversation_page(plain, view, before=everything[2].key, limit=2) == everything[:2]
                assert queries.conversation_page(plain, view, offset=0, from_end=True, limit=1) == everything[-1:]
        first = queries.conversation_page(plain, ConversationFilter(), limit=1)[0]
        assert queries.thread(plain, first.id) == queries.thread(through_sqlalchemy, first.id)
        assert workspace_reads.list_clients(plain) == workspace_reads.list_clients(through_sqlalchemy)
        assert workspace_reads.list_accounts(plain) == workspace_reads.list_accounts(through_sqlalchemy)
        assert syncstate.load_all(plain) == syncstate.load_all(through_sqlalchemy)
        assert outbox_reads.listing(plain) == outbox_reads.listing(through_sqlalchemy)
        assert outbox_reads.count_pending(plain) == outbox_reads.count_pending(through_sqlalchemy) > 0
        assert fts.search(plain, "intoxication") == fts.search(through_sqlalchemy, "intoxication") != []


def test_a_label_of_every_client_is_counted_from_its_index(database: Database) -> None:
    load_demo(database)
    label_view = _views(database)[5]
    with database.snapshot() as connection:
        assert queries.count(connection, label_view) == 4, "done ones included: a label view shows every status"
        assert queries.count(connection, ConversationFilter(label_ids=(999,))) == 0


def test_a_snapshot_is_read_only_and_sees_one_state(database: Database) -> None:
    load_demo(database)
    with database.snapshot() as connection:
        before = queries.count(connection, ConversationFilter())
        with database.write() as writer:
            writer.execute(text("DELETE FROM conversations WHERE id = (SELECT min(id) FROM conversations)"))
        assert queries.count(connection, ConversationFilter()) == before, "the same state for the whole block"
        with database.snapshot() as nested:
            assert nested is connection
    with pytest.raises(StorageError, match="readonly"), database.snapshot() as connection:
        connection.execute("DELETE FROM conversations")
    with database.snapshot() as connection:
        assert queries.count(connection, ConversationFilter()) == before - 1, "a new block sees the commit"


def test_an_up_to_date_database_opens_and_reads_without_sqlalchemy(database: Database, data_dir: Path) -> None:
    load_demo(database)
    database.close()
    script = textwrap.dedent(
        """
        import sys
        from pathlib import Path
        from cmdesk.storage import queries, workspace_reads
        from cmdesk.storage.database import Database

        database = Database.open(Path(sys.argv[1]))
        with database.snapshot() as connection:
            accounts = workspace_reads.list_accounts(connection)
            print(len(accounts), queries.count(connection, queries.ConversationFilter()))
        assert not [name for name in sys.modules if name.startswith(("sqlalchemy", "sqlmodel", "pydantic"))]
        """
    )
    done = subprocess.run([sys.executable, "-c", script, str(data_dir)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    accounts, conversations = map(int, done.stdout.split())
    assert accounts >= 4 and conversations >= 12


def test_a_new_database_still_gets_its_schema_through_the_migrations(tmp_path: Path) -> None:
    database = Database.open(tmp_path / "fresh")
    try:
        assert database.stored_version() == schema.VERSION == 25
        with database.snapshot() as connection:
            assert workspace_reads.list_clients(connection) == []
    finally:
        database.close()
