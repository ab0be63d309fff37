"""Internal notes on conversations (`conversation_notes`): written by the user, never sent anywhere; in a team they
reach the teammates through the team's log (storage/team/pending.py), each named by its `key` on every laptop."""

from __future__ import annotations

import os
from datetime import datetime

from cmdesk.domain.reads import Note
from cmdesk.storage.rawsql import Reader, driver, rows
from cmdesk.storage.team import pending as team_pending
from cmdesk.storage.timeutil import from_db, to_sqlite_text

LONGEST = 4000
"""Characters kept of a note: a few paragraphs, not a file."""


class NoteError(ValueError):
    """A note that cannot be kept (empty)."""


def add(connection: Reader, conversation_id: int, author: str, body: str, now: datetime) -> int:
    """Keep a note (and queue it for the team); its row id."""
    kept = body.strip()[:LONGEST]
    if not kept:
        raise NoteError("an empty note")
    key = os.urandom(16).hex()
    created = to_sqlite_text(now)
    cursor = driver(connection).execute(
        "INSERT INTO conversation_notes (key, conversation_id, author, body, created_at) VALUES (?, ?, ?, ?, ?)",
        (key, conversation_id, author, kept, created),
    )
    team_pending.note(connection, conversation_id, key, author, kept, created)
    return int(cursor.lastrowid or 0)


def for_conversation(connection: Reader, conversation_id: int) -> list[Note]:
    found = rows(
        connection,
        "SELECT author, body, created_at FROM conversation_notes WHERE conversation_id = ? ORDER BY created_at, id",
        (conversation_id,),
    )
    return [Note(row[0], row[1], from_db(row[2]) or datetime.min) for row in found]
