"""People across conversations and networks, for the author card: everything a person (matched by the name they go
by, case folded) wrote, where, since when, and the note kept about them. Reading is plain SQL (storage/rawsql.py);
`set_note` writes."""

from __future__ import annotations

from datetime import datetime

from cmdesk.domain.reads import Person
from cmdesk.storage.rawsql import Reader, driver, rows, scalar
from cmdesk.storage.timeutil import from_db, to_sqlite_text, utcnow

CONVERSATIONS_SHOWN = 50


def key_of(name: str) -> str:
    return " ".join(name.split()).casefold()


def person(connection: Reader, name: str) -> Person:
    """What `name` wrote, across accounts: handles, networks, first seen, how many messages, their conversations."""
    found = rows(
        connection,
        "SELECT m.author_handle, a.network, m.created_at, m.conversation_id FROM messages AS m "
        "JOIN accounts AS a ON a.id = m.account_id WHERE m.author_name = ? COLLATE NOCASE AND m.direction = 'in' "
        "ORDER BY m.created_at DESC",
        (" ".join(name.split()),),
    )
    handles = tuple(dict.fromkeys(row[0] for row in found if row[0]))
    networks = tuple(dict.fromkeys(row[1] for row in found))
    times = [from_db(row[2]) for row in found]
    conversations = tuple(dict.fromkeys(row[3] for row in found))[:CONVERSATIONS_SHOWN]
    note = scalar(connection, "SELECT note FROM person_notes WHERE person = ?", (key_of(name),))
    return Person(
        name=name,
        handles=handles,
        networks=networks,
        first_seen=min((t for t in times if t is not None), default=None),
        message_count=len(found),
        conversation_ids=conversations,
        note=str(note or ""),
    )


def set_note(connection: Reader, name: str, note: str, now: datetime | None = None) -> None:
    """Keep (or, empty, forget) the note about a person."""
    key = key_of(name)
    if not note.strip():
        driver(connection).execute("DELETE FROM person_notes WHERE person = ?", (key,))
        return
    driver(connection).execute(
        "INSERT INTO person_notes (person, note, updated_at) VALUES (?, ?, ?) "
        "ON CONFLICT (person) DO UPDATE SET note = excluded.note, updated_at = excluded.updated_at",
        (key, note.strip(), to_sqlite_text(now or utcnow())),
    )
