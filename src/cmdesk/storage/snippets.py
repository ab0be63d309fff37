"""Canned snippets: texts a client's community manager writes again and again (opening hours, how to order, a
thank-you), kept per client and inserted in a post or a reply.

Plain SQL without SQLAlchemy (storage/rawsql.py): the reply box's Snippets button is on the window's first screen.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from cmdesk.domain.reads import Snippet as Snippet
from cmdesk.storage.rawsql import Reader, driver, marks, rows
from cmdesk.storage.timeutil import to_sqlite_text, utcnow
from cmdesk.storage.workspace_reads import WorkspaceError


def add(connection: Reader, client_id: int, title: str, text: str, language: str = "") -> Snippet:
    """A snippet, or another language's version of one (same title, another `language`)."""
    title, text, language = title.strip(), text.strip(), language.strip().lower()
    if not title or not text:
        raise WorkspaceError("a snippet needs a title and a text")
    try:
        cursor = driver(connection).execute(
            "INSERT INTO snippets (client_id, title, text, language, created_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (client_id, title, language) DO NOTHING",
            (client_id, title, text, language, to_sqlite_text(utcnow())),
        )
    except sqlite3.IntegrityError:
        raise WorkspaceError(f"no client with id {client_id}") from None
    if cursor.rowcount == 0:
        version = f" in {language}" if language else ""
        raise WorkspaceError(f"this client already has a snippet titled {title!r}{version}")
    assert cursor.lastrowid is not None
    return Snippet(int(cursor.lastrowid), client_id, title, text, language)


def listing(connection: Reader, client_ids: Sequence[int] | None = None) -> list[Snippet]:
    """The snippets of these clients (all when None), by client, title and language (each version is one)."""
    where = f" WHERE client_id IN ({marks(client_ids)})" if client_ids is not None else ""
    query = f"SELECT id, client_id, title, text, language FROM snippets{where} ORDER BY client_id, title, language"
    return [Snippet(*row) for row in rows(connection, query, client_ids or ())]


def remove(connection: Reader, snippet_id: int) -> None:
    if not driver(connection).execute("DELETE FROM snippets WHERE id = ?", (snippet_id,)).rowcount:
        raise WorkspaceError(f"no snippet {snippet_id}")
