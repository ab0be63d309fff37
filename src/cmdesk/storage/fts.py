"""Full-text search: an FTS5 index over message title, text and author (name, handle).

Kept in step this way: ingest indexes the rows it inserted in one bulk statement (`index_inserted`); triggers
handle edits and deletions. An AFTER INSERT trigger would be simpler but costs 4× more here (measured: 100,000
rows indexed in 2.5 s through a per-row trigger, 0.66 s in one INSERT … SELECT), and ingest is the only writer
of new messages.

It is an external-content table over `messages` (no second copy of the text), so its columns carry the names of
the `messages` columns they index.

This is the one SQLite-specific module besides the engine set-up; a PostgreSQL store would use tsvector instead.
Plain SQL without SQLAlchemy (storage/rawsql.py): the window's search runs before SQLAlchemy is imported.
The tokenizer folds accents (`remove_diacritics 2`) so "cafe" finds "café", which French users expect.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cmdesk.domain.reads import SearchHit as SearchHit
from cmdesk.storage.rawsql import Reader, driver, marks, rows
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


def create(connection: Reader) -> None:
    for statement in CREATE_STATEMENTS:
        driver(connection).execute(statement)


def last_message_id(connection: Reader) -> int:
    """The highest message id now; rows inserted after this call (in the same write transaction) are above it."""
    return int(driver(connection).execute("SELECT coalesce(max(id), 0) FROM messages").fetchone()[0])


def index_inserted(connection: Reader, after_id: int) -> None:
    """Index every message inserted since `last_message_id` returned `after_id`, in one statement."""
    driver(connection).execute(
        """INSERT INTO message_fts(rowid, title, text, author_name, author_handle)
           SELECT id, title, text, author_name, author_handle FROM messages WHERE id > ?""",
        (after_id,),
    )


_TOKEN = re.compile(r'"[^"]*"|\S+')
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Term:
    words: tuple[str, ...]
    prefix: bool = False

    def to_fts(self) -> str:
        return '"' + " ".join(self.words) + '"' + ("*" if self.prefix else "")


def parse_terms(user_query: str) -> list[Term]:
    """The words a user typed: bare words, "quoted phrases", and `word*` for a prefix. Punctuation and FTS5
    operators are dropped, so nothing typed can make a syntax error."""
    terms: list[Term] = []
    for token in _TOKEN.findall(user_query):
        is_phrase = token.startswith('"') and token.endswith('"') and len(token) >= 2
        is_prefix = not is_phrase and token.endswith("*")
        words = tuple(_WORD.findall(token[1:-1] if is_phrase else token.rstrip("*")))
        if words:
            terms.append(Term(words, is_prefix and len(words) == 1 and len(words[0]) >= 2))
    return terms


def to_match_query(user_query: str) -> str:
    """A user's search words as a safe FTS5 expression: every word must match; `word*` matches as a prefix.

    Whole words are the default because a prefix of a common word makes FTS5 merge the doclists of every matching
    term up front: on a million messages, "pain*" takes ~65 ms and "le*" ~95 ms against ~20 ms for "pain" (measured
    with bench/query.py's database). Quoted phrases stay phrases.
    """
    return " AND ".join(term.to_fts() for term in parse_terms(user_query))


def fold(word: str) -> str:
    """Lower case without accents, as the index's tokenizer sees a word ("Déçue" → "decue")."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


SNIPPET_WORDS = 16


def snippet(text: str, terms: list[Term], mark: tuple[str, str], size: int = SNIPPET_WORDS) -> str:
    """About `size` words of `text` around the first match, every matching word wrapped in `mark`.

    Built here rather than with FTS5's snippet(): that one re-runs the query per row, which costs ~0.7 s for a
    page of prefix matches on a large index; this costs microseconds.
    """
    exact = {fold(word) for term in terms if not term.prefix for word in term.words}
    prefixes = tuple(fold(word) for term in terms if term.prefix for word in term.words)
    words = list(_WORD.finditer(text))
    if not words:
        return text[:200]

    def matches(word: str) -> bool:
        folded = fold(word)
        return folded in exact or (bool(prefixes) and folded.startswith(prefixes))

    hits = [index for index, found in enumerate(words) if matches(found.group())]
    first = hits[0] if hits else 0
    start = max(0, first - size // 3)
    end = min(len(words), start + size)
    start = max(0, end - size)
    pieces: list[str] = []
    cursor = words[start].start()
    for found in words[start:end]:
        pieces.append(text[cursor : found.start()])
        pieces.append(f"{mark[0]}{found.group()}{mark[1]}" if matches(found.group()) else found.group())
        cursor = found.end()
    body = " ".join("".join(pieces).split())
    return ("…" if start > 0 else "") + body + ("…" if end < len(words) else "")


RANK_WINDOW = 1000
"""How many of the most recent matches are ranked. Ranking every match of a common word in a million messages
costs ~0.5 s (bench/query.py); ranking the newest 1,000 costs ~10–50 ms, and recent talk is what a community
manager searches first. `window=None` ranks everything."""


def search(
    connection: Reader,
    user_query: str,
    *,
    limit: int = 50,
    offset: int = 0,
    mark: tuple[str, str] = ("[", "]"),
    window: int | None = RANK_WINDOW,
) -> list[SearchHit]:
    """Ranked matches (title weighs most, then author, then text) with a highlighted snippet of the text.

    Two steps keep it fast on large databases: rank (bm25) the newest `window` matches and keep one page of ids,
    then read that page's messages and build their snippets.
    """
    match = to_match_query(user_query)
    if not match:
        return []
    bounded = "ORDER BY rowid DESC LIMIT ?" if window is not None else ""
    ranked = rows(
        connection,
        f"""SELECT id, score FROM (
                SELECT rowid AS id, bm25(message_fts, 5.0, 1.0, 2.0, 2.0) AS score
                FROM message_fts WHERE message_fts MATCH ? {bounded})
            ORDER BY score, id DESC LIMIT ? OFFSET ?""",
        (match, *((window,) if window is not None else ()), limit, offset),
    )
    if not ranked:
        return []
    scores = {row[0]: row[1] for row in ranked}
    terms = parse_terms(user_query)
    found = rows(
        connection,
        "SELECT id, conversation_id, account_id, author_name, title, text, created_at, url FROM messages "
        f"WHERE id IN ({marks(list(scores))})",
        list(scores),
    )
    return ranked_hits(found, scores, lambda row: snippet(row[5] or row[4], terms, mark))


def ranked_hits(found: Sequence[Any], scores: Mapping[int, float], snippet_of: Callable[[Any], str]) -> list[SearchHit]:
    """Hits from rows (id, conversation id, account id, author, title, what the snippet is made of, time, address),
    best first (the lowest rank), the newest first among equals; shared with the team database's search."""
    hits = [
        SearchHit(
            message_id=row[0],
            conversation_id=row[1],
            account_id=row[2],
            author=row[3],
            title=row[4],
            snippet=snippet_of(row),
            created_at=from_db(row[6]) or datetime.min,
            url=row[7],
            rank=scores[row[0]],
        )
        for row in found
    ]
    return sorted(hits, key=lambda hit: (hit.rank, -hit.message_id))
