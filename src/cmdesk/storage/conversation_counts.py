"""Conversations counted per account, status, kind and whether someone waits for an answer (`conversation_counts`):
the sidebar's counts (every view, scoped to a client or a source, To answer on the networks cmdesk answers) read a
few hundred of these rows instead of scanning an index of a million conversations on each refresh.

Kept in step inside the writer's transaction by triggers on `conversations`, so every path that writes a
conversation — ingest, triage, a migration, a repair — keeps them right without knowing of them: a conversation
added or deleted (an account's deletion cascades), its status, kind, last direction or account changed. Deleting an
account deletes its counts through the foreign key. `differences` compares the table with a full count (a test, and
`cmdesk check`); `rebuild` counts everything again.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from cmdesk.domain.reads import ConversationFilter, Tally
from cmdesk.storage.rawsql import Reader, driver, marks, rows

TABLE = """CREATE TABLE IF NOT EXISTS conversation_counts (
    account_id INTEGER NOT NULL,
    status VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    waiting INTEGER NOT NULL,
    conversations INTEGER NOT NULL,
    PRIMARY KEY (account_id, status, kind, waiting),
    FOREIGN KEY(account_id) REFERENCES accounts (id) ON DELETE CASCADE
) WITHOUT ROWID"""
_ADD = (
    "INSERT INTO conversation_counts (account_id, status, kind, waiting, conversations) "
    "VALUES (new.account_id, new.status, new.kind, new.last_direction IS 'in', 1) "
    "ON CONFLICT DO UPDATE SET conversations = conversations + 1;"
)
_REMOVE = (
    "UPDATE conversation_counts SET conversations = conversations - 1 WHERE account_id = old.account_id "
    "AND status = old.status AND kind = old.kind AND waiting = (old.last_direction IS 'in');"
)
_COUNTED = ("account_id", "status", "kind", "last_direction")
CREATE_STATEMENTS = (
    TABLE,
    f"CREATE TRIGGER IF NOT EXISTS conversations_counts_insert AFTER INSERT ON conversations BEGIN {_ADD} END",
    f"CREATE TRIGGER IF NOT EXISTS conversations_counts_delete AFTER DELETE ON conversations BEGIN {_REMOVE} END",
    f"""CREATE TRIGGER IF NOT EXISTS conversations_counts_update AFTER UPDATE OF {", ".join(_COUNTED)}
        ON conversations WHEN {" OR ".join(f"old.{column} IS NOT new.{column}" for column in _COUNTED)}
        BEGIN {_REMOVE} {_ADD} END""",
)
_COUNT = (
    "SELECT account_id, status, kind, CASE WHEN last_direction = 'in' THEN 1 ELSE 0 END, count(*) FROM conversations "
    "GROUP BY 1, 2, 3, 4"
)


def create(connection: Reader) -> None:
    for statement in CREATE_STATEMENTS:
        driver(connection).execute(statement)


def rebuild(connection: Reader) -> None:
    """Count every conversation again (a migration; a repair after `differences` found any)."""
    driver(connection).execute("DELETE FROM conversation_counts")
    driver(connection).execute(
        f"INSERT INTO conversation_counts (account_id, status, kind, waiting, conversations) {_COUNT}"
    )


def differences(connection: Reader) -> list[tuple[Any, ...]]:
    """Each key whose kept count differs from a full count of the conversations: (key…, kept, counted)."""
    counted = {tuple(row[:4]): row[4] for row in rows(connection, _COUNT)}
    kept_rows = rows(connection, "SELECT account_id, status, kind, waiting, conversations FROM conversation_counts")
    kept = {tuple(row[:4]): row[4] for row in kept_rows}
    return [
        (*key, kept.get(key, 0), counted.get(key, 0))
        for key in sorted(set(counted) | set(kept))
        if kept.get(key, 0) != counted.get(key, 0)
    ]


def answers(view: ConversationFilter) -> bool:
    """Whether the kept counts alone answer this view: it filters on nothing but clients, accounts, networks,
    statuses, kinds and waiting for an answer."""
    rest = replace(view, client_ids=(), account_ids=(), networks=(), statuses=(), kinds=(), unanswered=False)
    return rest == ConversationFilter()


def tallies(connection: Reader, view: ConversationFilter) -> dict[tuple[str, str], Tally]:
    """(status, kind) → conversations and those waiting, for a view `answers` accepts."""
    clauses: list[str] = ["conversations > 0"]
    params: list[object] = []
    for column, values in (("status", view.statuses), ("kind", view.kinds), ("account_id", view.account_ids)):
        if values:
            clauses.append(f"{column} IN ({marks(values)})")
            params.extend(values)
    for column, values in (("client_id", view.client_ids), ("network", view.networks)):
        if values:
            clauses.append(f"account_id IN (SELECT id FROM accounts WHERE {column} IN ({marks(values)}))")
            params.extend(values)
    if view.unanswered:
        clauses.append("waiting = 1")
    sql = (
        "SELECT status, kind, sum(conversations), sum(CASE WHEN waiting = 1 THEN conversations ELSE 0 END) "
        f"FROM conversation_counts WHERE {' AND '.join(clauses)} GROUP BY status, kind"
    )
    return {(row[0], row[1]): Tally(int(row[2]), int(row[3])) for row in rows(connection, sql, params)}


__all__ = ["answers", "create", "differences", "rebuild", "tallies"]
