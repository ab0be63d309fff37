"""Storage: idempotent ingest, page + cursor atomicity, edits, reopening, migrations, damaged files."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import Connection, text

from cmdesk.domain import Direction, Kind, Page, Status
from cmdesk.storage import fts, ingest, migrations, queries, syncstate, triage, workspace
from cmdesk.storage.database import DB_FILENAME, Database
from cmdesk.storage.errors import StorageError
from cmdesk.storage.timeutil import to_sqlite_text
from tests.support.factories import T0, item, make_account
from tests.support.old_schema import undo_sentiment_and_languages


def counts(database: Database) -> tuple[int, int, int]:
    with database.read() as connection:
        return (
            connection.execute(text("SELECT count(*) FROM messages")).scalar_one(),
            connection.execute(text("SELECT count(*) FROM conversations")).scalar_one(),
            connection.execute(text("SELECT count(*) FROM message_fts")).scalar_one(),
        )


def test_database_uses_wal_foreign_keys_and_busy_timeout(database: Database) -> None:
    with database.read() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000


def test_ingesting_the_same_page_twice_changes_nothing(database: Database) -> None:
    account = make_account(database)
    page = Page(tuple(item(n) for n in range(50)), {"etag": "a"})
    first = ingest.commit_page(database, account.id, page)
    second = ingest.commit_page(database, account.id, page)
    assert (first.inserted, first.updated) == (50, 0)
    assert (second.inserted, second.updated, second.unchanged) == (0, 0, 50)
    assert counts(database) == (50, 50, 50)


def test_duplicate_ids_inside_one_page_are_written_once(database: Database) -> None:
    account = make_account(database)
    result = ingest.commit_page(database, account.id, Page((item(1), item(1, text="later copy")), {}))
    assert result.inserted == 1
    with database.read() as connection:
        assert connection.execute(text("SELECT text FROM messages")).scalar_one() == "later copy"


def test_same_remote_id_on_two_accounts_is_two_messages(database: Database) -> None:
    one = make_account(database, address="http://127.0.0.1:1/a")
    two = make_account(database, address="http://127.0.0.1:1/b")
    ingest.commit_page(database, one.id, Page((item(1),), {}))
    ingest.commit_page(database, two.id, Page((item(1),), {}))
    assert counts(database)[0] == 2


def test_a_failure_between_items_and_cursor_keeps_neither(database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    account = make_account(database)
    ingest.commit_page(database, account.id, Page((item(0),), {"position": 0}))

    def crash(connection: Connection, account_id: int, cursor: object) -> None:
        raise RuntimeError("power cut between the two writes")

    page = Page(tuple(item(n) for n in range(1, 20)), {"position": 19})
    monkeypatch.setattr(syncstate, "save_cursor", crash)
    with pytest.raises(RuntimeError):
        ingest.commit_page(database, account.id, page)
    assert counts(database) == (1, 1, 1)
    with database.read() as connection:
        assert syncstate.load(connection, account.id).cursor == {"position": 0}

    monkeypatch.undo()
    ingest.commit_page(database, account.id, page)
    ingest.commit_page(database, account.id, page)
    assert counts(database) == (20, 20, 20)
    with database.read() as connection:
        assert syncstate.load(connection, account.id).cursor == {"position": 19}


def test_an_edit_updates_text_search_and_updated_at(database: Database) -> None:
    account = make_account(database)
    ingest.commit_page(database, account.id, Page((item(1, text="horaires d'hiver"),), {}))
    result = ingest.commit_page(database, account.id, Page((item(1, text="horaires de Noël"),), {}))
    assert (result.inserted, result.updated) == (0, 1)
    with database.read() as connection:
        assert [hit.message_id for hit in fts.search(connection, "noel")] == [1]
        assert fts.search(connection, "hiver") == []
        assert connection.execute(text("SELECT updated_at FROM messages")).scalar_one() is not None


def test_each_edit_is_dated_by_its_own_page(database: Database) -> None:
    """An edit the network does not date takes the time of the page that brought it: the messages upsert is built
    and compiled once (bulk_upsert keeps its form), the page's time goes with each page."""
    account = make_account(database)
    ingest.commit_page(database, account.id, Page((item(1, text="v1"),), {}), now=T0)
    for days, version in ((1, "v2"), (5, "v3")):
        ingest.commit_page(database, account.id, Page((item(1, text=version),), {}), now=T0 + timedelta(days=days))
        with database.read() as connection:
            edited = connection.execute(text("SELECT updated_at FROM messages")).scalar_one()
        assert edited == to_sqlite_text(T0 + timedelta(days=days)), version


def test_an_item_without_date_keeps_its_first_seen_time(database: Database) -> None:
    account = make_account(database)
    undated = replace(item(1), created_at=None)
    ingest.commit_page(database, account.id, Page((undated,), {}), now=T0)
    ingest.commit_page(database, account.id, Page((undated,), {}), now=T0 + timedelta(days=3))
    with database.read() as connection:
        row = queries.thread(connection, 1)[0]
    assert row.created_at == T0


def test_comments_join_their_post_and_make_it_a_comment_thread(database: Database) -> None:
    account = make_account(database)
    post = item(1)
    comment = item(2, thread=post.remote_id, kind=Kind.COMMENT, at=T0 + timedelta(days=1), author="Jean")
    ingest.commit_page(database, account.id, Page((post, comment), {}))
    with database.read() as connection:
        [conversation] = queries.conversation_page(connection, queries.ConversationFilter())
        thread = queries.thread(connection, conversation.id)
    assert conversation.kind == "comment"
    assert conversation.message_count == 2
    assert conversation.last_author == "Jean"
    assert conversation.title == "Title 1"
    assert [m.remote_id for m in thread] == ["item-1", "item-2"]


def test_new_inbound_message_reopens_a_done_conversation(database: Database) -> None:
    account = make_account(database)
    ingest.commit_page(database, account.id, Page((item(1),), {}))
    with database.write() as connection:
        connection.execute(text("UPDATE conversations SET status='done', unread=0"))
    ingest.commit_page(database, account.id, Page((item(1),), {}))
    with database.read() as connection:
        assert connection.execute(text("SELECT status, unread FROM conversations")).one() == ("done", 0)
    reply = item(2, thread="item-1", kind=Kind.COMMENT)
    ingest.commit_page(database, account.id, Page((reply,), {}))
    with database.read() as connection:
        assert connection.execute(text("SELECT status, unread FROM conversations")).one() == ("open", 1)


def test_own_outgoing_message_does_not_mark_unread(database: Database) -> None:
    account = make_account(database)
    ingest.commit_page(database, account.id, Page((item(1, direction=Direction.OUTBOUND),), {}))
    with database.read() as connection:
        assert connection.execute(text("SELECT unread FROM conversations")).scalar_one() == 0


def test_removing_an_account_removes_its_data_and_index(database: Database) -> None:
    keep = make_account(database, address="http://127.0.0.1:1/keep")
    gone = make_account(database, address="http://127.0.0.1:1/gone")
    ingest.commit_page(database, keep.id, Page((item(1, text="croissant"),), {}))
    ingest.commit_page(database, gone.id, Page((item(2, text="croissant"),), {"x": 1}))
    with database.write() as connection:
        workspace.remove_account(connection, gone.id)
    assert counts(database) == (1, 1, 1)
    with database.read() as connection:
        assert [hit.account_id for hit in fts.search(connection, "croissant")] == [keep.id]
        connection.exec_driver_sql("INSERT INTO message_fts(message_fts) VALUES ('integrity-check')")
        assert syncstate.load_all(connection).keys() == {keep.id}


def test_migrating_an_empty_database_then_again_is_a_no_op(data_dir: Path) -> None:
    first = Database.open(data_dir)
    with first.read() as connection:
        assert migrations.current_version(connection) == migrations.latest_version()
        workspace_id = connection.exec_driver_sql("SELECT value FROM meta WHERE key='workspace_id'").scalar()
    first.close()
    second = Database.open(data_dir)
    with second.read() as connection:
        assert migrations.current_version(connection) == migrations.latest_version()
        assert connection.exec_driver_sql("SELECT value FROM meta WHERE key='workspace_id'").scalar() == workspace_id
    second.close()
    assert not list(data_dir.glob("*.bak"))


def _add_column(connection: Connection) -> None:
    connection.exec_driver_sql("ALTER TABLE contacts ADD COLUMN avatar_url TEXT NOT NULL DEFAULT ''")


def _broken_step(connection: Connection) -> None:
    connection.exec_driver_sql("ALTER TABLE contacts ADD COLUMN note TEXT")
    raise RuntimeError("step failed half-way")


def test_migration_steps_back_up_first_and_are_atomic(data_dir: Path) -> None:
    database = Database.open(data_dir)
    account = make_account(database)
    ingest.commit_page(database, account.id, Page((item(1),), {}))
    path = data_dir / DB_FILENAME

    current = migrations.latest_version()
    assert migrations.migrate(database.engine, path, steps=(*migrations.STEPS, _add_column)) == current + 1
    backup = data_dir / f"{DB_FILENAME}.v{current}.bak"
    assert backup.exists()
    with sqlite3.connect(backup) as copy:
        assert copy.execute("SELECT count(*) FROM messages").fetchone() == (1,)

    with pytest.raises(RuntimeError):
        migrations.migrate(database.engine, path, steps=(*migrations.STEPS, _add_column, _broken_step))
    with database.read() as connection:
        assert migrations.current_version(connection) == current + 1
        columns = [row[1] for row in connection.exec_driver_sql("PRAGMA table_info(contacts)")]
    assert "avatar_url" in columns and "note" not in columns
    assert counts(database)[0] == 1
    database.close()


def _schema(connection: Connection) -> dict[str, list[tuple[object, ...]]]:
    """Tables' columns and indexes' columns, as SQLite reports them (not the DDL text, which differs in spacing)."""
    shape: dict[str, list[tuple[object, ...]]] = {}
    names = connection.exec_driver_sql("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").all()
    for kind, name in names:
        if kind == "table":
            shape[name] = [tuple(row)[1:] for row in connection.exec_driver_sql(f"PRAGMA table_xinfo('{name}')")]
        elif kind == "index":
            shape[name] = [tuple(row) for row in connection.exec_driver_sql(f"PRAGMA index_xinfo('{name}')")]
    return shape


def test_a_version_1_database_migrates_to_exactly_the_fresh_schema(data_dir: Path, tmp_path: Path) -> None:
    fresh = Database.open(tmp_path / "fresh")
    with fresh.read() as connection:
        expected = _schema(connection)
    fresh.close()
    database = Database.open(data_dir)
    account = make_account(database)
    answer = item(3, thread="item-2", direction=Direction.OUTBOUND, author="Le Fournil")
    ingest.commit_page(database, account.id, Page((item(1), item(2), answer), {}))
    with database.write() as connection:  # back to version 1: undo what steps 2 to 14 do
        connection.exec_driver_sql("CREATE INDEX ix_conversations_status_activity ON conversations (status)")
        connection.exec_driver_sql("DROP INDEX ix_conversations_status_kind")
        connection.exec_driver_sql("DROP TABLE activities")
        connection.exec_driver_sql("ALTER TABLE messages DROP COLUMN content_warning")
        undo_sentiment_and_languages(connection)
        connection.exec_driver_sql("ALTER TABLE messages DROP COLUMN deleted_at")
        connection.exec_driver_sql("ALTER TABLE clients DROP COLUMN signature")
        connection.exec_driver_sql("ALTER TABLE outbox DROP COLUMN claimed_by")
        connection.exec_driver_sql("ALTER TABLE outbox DROP COLUMN network_schedule")
        connection.exec_driver_sql("DROP TABLE person_notes")
        connection.exec_driver_sql("ALTER TABLE clients DROP COLUMN missed_policy")
        connection.exec_driver_sql("ALTER TABLE clients DROP COLUMN slots")
        connection.exec_driver_sql("DROP TABLE snippets")
        connection.exec_driver_sql("ALTER TABLE conversations DROP COLUMN last_direction")
        connection.exec_driver_sql(
            "UPDATE conversations SET last_author = 'Le Fournil', unread = 1 WHERE remote_id = 'item-2'"
        )
        connection.exec_driver_sql("UPDATE meta SET value='1' WHERE key='schema_version'")
    database.close()
    reopened = Database.open(data_dir)
    with reopened.read() as connection:
        assert migrations.current_version(connection) == migrations.latest_version() == 25
        assert _schema(connection) == expected
        assert connection.exec_driver_sql("SELECT count(*), max(content_warning) FROM messages").one() == (3, "")
        answered = connection.exec_driver_sql("SELECT remote_id, last_direction FROM conversations ORDER BY id").all()
        assert [tuple(row) for row in answered] == [("item-1", "in"), ("item-2", "out")], "the answered one is"
        authors = connection.exec_driver_sql("SELECT last_author, unread FROM conversations ORDER BY id").all()
        assert [tuple(row) for row in authors] == [("Zoé", 1), ("Zoé", 0)], "under who it is with, and read"
        waits = connection.exec_driver_sql("SELECT waiting_since, due_at FROM conversations ORDER BY id").all()
        assert [tuple(row) for row in waits] == [(to_sqlite_text(item(1).created_at), None), (None, None)], (  # type: ignore[arg-type]
            "who waits since when is worked out; nothing is due before a client has a target"
        )
    reopened.close()
    assert (data_dir / f"{DB_FILENAME}.v1.bak").exists()


def test_a_newer_schema_is_refused(data_dir: Path) -> None:
    database = Database.open(data_dir)
    with database.write() as connection:
        connection.exec_driver_sql("UPDATE meta SET value='99' WHERE key='schema_version'")
    database.close()
    with pytest.raises(StorageError, match="newer cmdesk"):
        Database.open(data_dir)


def test_a_damaged_file_gives_a_clear_error_and_is_left_alone(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    path = data_dir / DB_FILENAME
    garbage = b"this is not a database at all" * 100
    path.write_bytes(garbage)
    with pytest.raises(StorageError, match="damaged"):
        Database.open(data_dir)
    assert path.read_bytes() == garbage


def test_an_unusable_data_folder_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(StorageError, match="cannot create the data folder"):
        Database.open(blocker / "data")


def test_a_full_disk_is_reported_and_keeps_what_was_stored(database: Database) -> None:
    """SQLite's max_page_count makes the database "full" exactly like a full disk (SQLITE_FULL)."""
    account = make_account(database)
    ingest.commit_page(database, account.id, Page((item(1),), {"n": 1}))
    big = Page(tuple(item(n, text="x" * 4000) for n in range(2, 400)), {"n": 2})
    with pytest.raises(StorageError, match="full"):
        with database.write() as connection:
            pages = connection.exec_driver_sql("PRAGMA page_count").scalar()
            connection.exec_driver_sql(f"PRAGMA max_page_count = {pages + 2}")
            ingest.ingest_items(connection, account.id, big.items)
            syncstate.save_cursor(connection, account.id, big.cursor)
    assert counts(database) == (1, 1, 1)
    with database.read() as connection:
        assert syncstate.load(connection, account.id).cursor == {"n": 1}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  Bonjour,\n\n  le   pain  ", "Bonjour, le pain"),
        (" " * 500 + "mot " * 100, ("mot " * 50)[: ingest.SNIPPET_LENGTH]),
        ("a" * 1000, "a" * ingest.SNIPPET_LENGTH),
    ],
)
def test_snippets_collapse_whitespace_even_when_it_fills_the_head(text: str, expected: str) -> None:
    assert ingest.snippet_of(text) == expected


def test_times_are_stored_as_utc_whatever_their_zone(database: Database) -> None:
    paris = timezone(timedelta(hours=1))
    account = make_account(database)
    ingest.commit_page(database, account.id, Page((item(1, at=T0.astimezone(paris)),), {}))
    with database.read() as connection:
        stored = connection.exec_driver_sql("SELECT created_at FROM messages").scalar()
        read_back = queries.thread(connection, 1)[0].created_at
    assert stored == T0.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    assert read_back == T0


def test_a_conversation_is_answered_while_its_newest_message_is_the_user_s(data_dir: Path) -> None:
    database = Database.open(data_dir)
    account = make_account(database)

    def answered() -> bool:
        with database.read() as connection:
            (row,) = queries.conversation_page(connection, queries.ConversationFilter(), limit=5)
            (tally,) = queries.tallies_by_status_and_kind(connection, queries.ConversationFilter()).values()
            waiting = queries.count(connection, queries.ConversationFilter(unanswered=True))
        assert row.last_author == "Zoé", "listed under who the conversation is with, never our own reply"
        assert row.unread is not row.answered, "answered means read: the user read it to answer it"
        assert (tally.conversations, tally.unanswered, waiting) == (1, int(not row.answered), int(not row.answered))
        return row.answered

    ingest.commit_page(database, account.id, Page((item(1),), {}))
    assert not answered()
    reply = item(2, thread="item-1", direction=Direction.OUTBOUND, author="Le Fournil")
    ingest.commit_page(database, account.id, Page((reply,), {}))
    assert answered()
    ingest.commit_page(database, account.id, Page((item(0, thread="item-1"),), {}))
    assert answered(), "an older message synced late does not undo the answer"
    ingest.commit_page(database, account.id, Page((item(3, thread="item-1"),), {}))
    assert not answered(), "a newer question is waiting again"
    with database.write() as connection:
        (conversation_id,) = connection.exec_driver_sql("SELECT id FROM conversations").one()
        triage.set_status(connection, [conversation_id], Status.DONE)
    ingest.commit_page(
        database, account.id, Page((replace(reply, remote_id="r2", created_at=T0 + timedelta(hours=1)),), {})
    )
    with database.read() as connection:
        status = connection.exec_driver_sql("SELECT status FROM conversations").scalar()
    assert status == "done" and answered(), "answering from elsewhere does not reopen a done conversation"
    database.close()


def test_the_data_folder_and_the_database_are_private(tmp_path: Path) -> None:
    """Issue 15, finding 12: what people wrote to a business is nobody else's on a shared computer."""
    folder = tmp_path / "fresh" / "data"
    database = Database.open(folder)
    make_account(database)
    database.close()
    assert folder.stat().st_mode & 0o777 == 0o700
    files = [p for p in folder.iterdir() if p.name.startswith(DB_FILENAME)]
    assert files and all(p.stat().st_mode & 0o777 == 0o600 for p in files), [oct(p.stat().st_mode) for p in files]

    older = tmp_path / "older"
    older.mkdir()
    (older / DB_FILENAME).write_bytes((folder / DB_FILENAME).read_bytes())
    (older / DB_FILENAME).chmod(0o644)
    Database.open(older).close()
    assert (older / DB_FILENAME).stat().st_mode & 0o777 == 0o600, "an older database is made private"


def test_a_database_cut_to_nothing_is_not_taken_for_a_new_workspace(data_dir: Path) -> None:
    """Issue 15, finding 11: an empty file where a workspace lived silently became a new, empty workspace."""
    database = Database.open(data_dir)
    make_account(database)
    database.close()
    (data_dir / DB_FILENAME).write_bytes(b"")
    (data_dir / "settings.ini").write_text("[General]\n")
    with pytest.raises(StorageError, match="does not start a new, empty workspace over it"):
        Database.open(data_dir)
    assert (data_dir / DB_FILENAME).stat().st_size == 0, "left as it was"


def test_a_damaged_database_names_the_copy_to_restore_only_when_there_is_one(data_dir: Path) -> None:
    from cmdesk.storage.errors import explain

    path = data_dir / DB_FILENAME
    data_dir.mkdir(parents=True, exist_ok=True)
    damaged = sqlite3.DatabaseError("file is not a database")
    assert "there is no copy of it to restore" in str(explain(damaged, path))
    (data_dir / f"{DB_FILENAME}.v9.bak").write_bytes(b"copy")
    assert f"restore the newest copy, {data_dir / (DB_FILENAME + '.v9.bak')}" in str(explain(damaged, path))
