"""Internal notes on a conversation, outside a team: kept, shown above the thread, never queued for anyone, never
empty; in a team the same note is queued for the teammates in the same transaction."""

from __future__ import annotations

import pytest

from cmdesk.domain import Kind
from cmdesk.services import notes as notes_service
from cmdesk.services.commands import Refused, run
from cmdesk.storage import ingest, notes
from cmdesk.storage.database import Database
from cmdesk.storage.team import pending
from tests.support.factories import item, make_account


def _conversation(database: Database) -> int:
    account = make_account(database)
    with database.write() as connection:
        ingest.ingest_items(connection, account.id, [item(1, kind=Kind.COMMENT)])
        return int(connection.exec_driver_sql("SELECT id FROM conversations").scalar())


def test_a_note_is_kept_and_listed_but_goes_nowhere_outside_a_team() -> None:
    database = Database.in_memory()
    conversation = _conversation(database)
    run(database, notes_service.add_note(conversation, "  Rappeler Karim avant midi  "))
    with database.read() as connection:
        kept = notes.for_conversation(connection, conversation)
        assert pending.count(connection) == 0
    assert [note.body for note in kept] == ["Rappeler Karim avant midi"]
    with pytest.raises(Refused, match="empty"):
        run(database, notes_service.add_note(conversation, "   "))
    with pytest.raises(Refused, match="no conversation"):
        run(database, notes_service.add_note(conversation + 99, "x"))


def test_in_a_team_the_note_is_queued_with_its_author() -> None:
    database = Database.in_memory()
    conversation = _conversation(database)
    with database.write() as connection:
        connection.exec_driver_sql(
            "INSERT INTO meta (key, value) VALUES ('team.url', 'postgresql://desk@127.0.0.1:5432/team'), "
            "('team.person', 'Anna'), ('team.laptop', 'anna-laptop')"
        )
    run(database, notes_service.add_note(conversation, "Client fidèle"))
    with database.read() as connection:
        queued = pending.waiting(connection)
        kept = notes.for_conversation(connection, conversation)
    assert [(op.kind.value, op.payload["author"], op.payload["body"]) for op in queued] == [
        ("note", "Anna", "Client fidèle")
    ]
    assert kept[0].author == "Anna"
