"""Canned snippets: texts a client's community manager writes again and again (opening hours, how to order, a
thank-you), kept per client and inserted in a post or a reply."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, select
from sqlalchemy.exc import IntegrityError

from cmdesk.storage.records import SnippetRecord
from cmdesk.storage.timeutil import to_db, utcnow
from cmdesk.storage.workspace import WorkspaceError

snippets = SnippetRecord.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class Snippet:
    id: int
    client_id: int
    title: str
    text: str


def add(connection: Connection, client_id: int, title: str, text: str) -> Snippet:
    title, text = title.strip(), text.strip()
    if not title or not text:
        raise WorkspaceError("a snippet needs a title and a text")
    try:
        with connection.begin_nested():
            result = connection.execute(
                snippets.insert().values(client_id=client_id, title=title, text=text, created_at=to_db(utcnow()))
            )
    except IntegrityError:
        raise WorkspaceError(f"this client already has a snippet titled {title!r}") from None
    key = result.inserted_primary_key
    assert key is not None
    return Snippet(int(key[0]), client_id, title, text)


def listing(connection: Connection, client_ids: Sequence[int] | None = None) -> list[Snippet]:
    """The snippets of these clients (all when None), by client then title."""
    query = select(snippets).order_by(snippets.c.client_id, snippets.c.title)
    if client_ids is not None:
        query = query.where(snippets.c.client_id.in_(list(client_ids)))
    return [Snippet(r.id, r.client_id, r.title, r.text) for r in connection.execute(query)]


def remove(connection: Connection, snippet_id: int) -> None:
    if not connection.execute(snippets.delete().where(snippets.c.id == snippet_id)).rowcount:
        raise WorkspaceError(f"no snippet {snippet_id}")
