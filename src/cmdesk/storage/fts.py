"""Full-text search: an FTS5 index over message title, text and author (name, handle).

Kept in step this way: ingest indexes the rows it inserted in one bulk statement (`index_inserted`); triggers
handle edits and deletions. An AFTER INSERT trigger would be simpler but costs 4× more here (measured: 100,000
rows indexed in 2.5 s through a per-row trigger, 0.66 s in one INSERT … SELECT), and ingest is the only writer
of new messages.

It is an external-content table over `messages` (no second copy of the text), so its columns carry the names of
the `messages` columns they index.

This is the one SQLite-specific module besides the engine set-up; a PostgreSQL store would use tsvector instead.
The tokenizer folds accents (`remove_diacritics 2`) so "cafe" finds "café", which French users expect.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, text

from cmdesk.storage.timeutil import from_db

CREATE_STATEMENTS = (
    """CREATE VIRTUAL TABLE IF NOT EXISTS message_fts USING fts5(
        title, text, author_name, author_handle, content='messages', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER IF NOT EXISTS messages_fts_delete AFTER DELETE ON messages BEGIN
        INSERT INTO message_fts(message_fts, rowid, title, text, author_name, author_handle)
        VALUES ('delete', old.id, old.title, old.text, old.author_name, old.author_handle);
    END""",
    """CREATE TRIGGER IF NOT EXISTS messages_fts_update
        AFTER UPDATE OF title, text, author_name, author_handle ON messages BEGIN
        INSERT INTO message_fts(message_fts, rowid, title, text, author_name, author_handle)
        VALUES ('delete', old.id, old.title, old.text, old.author_name, old.author_handle);
        INSERT INTO message_fts(rowid, title, text, author_name, author_handle)
        VALUES (new.id, new.title, new.text, new.author_name, new.author_handle);
    END""",
)


def create(connection: Connection) -> None:
    for statement in CREATE_STATEMENTS:
        connection.exec_driver_sql(statement)


def last_message_id(connection: Connection) -> int:
    """The highest message id now; rows inserted after this call (in the same write transaction) are above it."""
    return int(connection.exec_driver_sql("SELECT coalesce(max(id), 0) FROM messages").scalar() or 0)


def index_inserted(connection: Connection, after_id: int) -> None:
    """Index every message inserted since `last_message_id` returned `after_id`, in one statement."""
    connection.execute(
        text(
            """INSERT INTO message_fts(rowid, title, text, author_name, author_handle)
               SELECT id, title, text, author_name, author_handle FROM messages WHERE id > :after"""
        ),
        {"after": after_id},
    )


_TOKEN = re.compile(r'"[^"]*"|\S+')


def to_match_query(user_query: str) -> str:
    """A user's search words as a safe FTS5 expression: every word must match, the last one as a prefix.

    Quoted phrases stay phrases; FTS5 operators and punctuation typed by the user cannot cause a syntax error.
    """
    terms: list[str] = []
    tokens = _TOKEN.findall(user_query)
    for index, token in enumerate(tokens):
        is_phrase = token.startswith('"') and token.endswith('"') and len(token) >= 2
        words = token[1:-1] if is_phrase else token
        cleaned = re.sub(r"[^\w\s'-]", " ", words, flags=re.UNICODE).replace('"', " ").strip()
        if not cleaned:
            continue
        quoted = '"' + cleaned + '"'
        if not is_phrase and index == len(tokens) - 1 and len(cleaned) >= 2:
            quoted += "*"
        terms.append(quoted)
    return " AND ".join(terms)


@dataclass(frozen=True, slots=True)
class SearchHit:
    message_id: int
    conversation_id: int
    account_id: int
    author: str
    title: str
    snippet: str
    created_at: datetime
    url: str
    rank: float


RANK_WINDOW = 1000
"""How many of the most recent matches are ranked. Ranking every match of a common word in a million messages
costs ~0.5 s (bench/query.py); ranking the newest 1,000 costs ~10–50 ms, and recent talk is what a community
manager searches first. `window=None` ranks everything."""


def search(
    connection: Connection,
    user_query: str,
    *,
    limit: int = 50,
    offset: int = 0,
    mark: tuple[str, str] = ("[", "]"),
    window: int | None = RANK_WINDOW,
) -> list[SearchHit]:
    """Ranked matches (title weighs most, then author, then text) with a highlighted snippet of the text.

    Two steps keep it fast on large databases: rank (bm25) the newest `window` matches and keep one page of ids,
    then build snippets for that page only.
    """
    match = to_match_query(user_query)
    if not match:
        return []
    bounded = "ORDER BY rowid DESC LIMIT :window" if window is not None else ""
    ranked = connection.execute(
        text(
            f"""SELECT id, score FROM (
                    SELECT rowid AS id, bm25(message_fts, 5.0, 1.0, 2.0, 2.0) AS score
                    FROM message_fts WHERE message_fts MATCH :match {bounded})
                ORDER BY score, id DESC LIMIT :limit OFFSET :offset"""
        ),
        {"match": match, "window": window, "limit": limit, "offset": offset},
    ).all()
    if not ranked:
        return []
    scores = {row[0]: row[1] for row in ranked}
    ids = ",".join(str(int(key)) for key in scores)
    rows = connection.execute(
        text(
            f"""SELECT m.id, m.conversation_id, m.account_id, m.author_name, m.title,
                       snippet(message_fts, -1, :open, :close, '…', 16), m.created_at, m.url
                FROM message_fts JOIN messages m ON m.id = message_fts.rowid
                WHERE message_fts MATCH :match AND message_fts.rowid IN ({ids})"""
        ),
        {"match": match, "open": mark[0], "close": mark[1]},
    ).all()
    hits = [
        SearchHit(
            message_id=row[0],
            conversation_id=row[1],
            account_id=row[2],
            author=row[3],
            title=row[4],
            snippet=row[5],
            created_at=from_db(row[6]) or datetime.min,
            url=row[7],
            rank=scores[row[0]],
        )
        for row in rows
    ]
    return sorted(hits, key=lambda hit: (hit.rank, -hit.message_id))


def rebuild(connection: Connection) -> None:
    """Re-index every message (used after a restore or when the index is suspected stale)."""
    connection.exec_driver_sql("INSERT INTO message_fts(message_fts) VALUES ('rebuild')")
