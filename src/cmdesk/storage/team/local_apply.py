"""Making an operation from the team's log true in this laptop's SQLite copy, by the conversation's natural key
(its account's uid and its remote id). A conversation this laptop does not hold (its account's messages have not
reached it) is skipped: the team database keeps the state, and a later copy brings it."""

from __future__ import annotations

from typing import Any

from cmdesk.domain.team import OpKind
from cmdesk.storage.rawsql import Reader, driver, scalar
from cmdesk.storage.triage import LABEL_COLOURS, MANAGEMENT_NOTE_LONGEST


def conversation_id(connection: Reader, account_uid: str, remote_id: str) -> int | None:
    found = scalar(
        connection,
        "SELECT c.id FROM conversations AS c JOIN accounts AS a ON a.id = c.account_id "
        "WHERE a.uid = ? AND c.remote_id = ?",
        (account_uid, remote_id),
    )
    return int(found) if found is not None else None


def _label_id(connection: Reader, client: str, name: str, colour: str) -> int | None:
    client_id = None
    if client:
        client_id = scalar(connection, "SELECT id FROM clients WHERE name = ?", (client,))
        if client_id is None:
            return None
    found = scalar(connection, "SELECT id FROM labels WHERE name = ? AND client_id IS ?", (name, client_id))
    if found is not None:
        return int(found)
    cursor = driver(connection).execute(
        "INSERT INTO labels (client_id, name, color) VALUES (?, ?, ?)", (client_id, name, colour or LABEL_COLOURS[0])
    )
    return int(cursor.lastrowid or 0)


def apply(connection: Reader, kind: OpKind, account_uid: str, remote_id: str, payload: dict[str, Any]) -> int | None:
    """Apply one operation (or the value a verdict says holds); the local conversation's id, None when absent."""
    found = conversation_id(connection, account_uid, remote_id)
    if found is None:
        return None
    sql = driver(connection)
    if kind is OpKind.STATUS:
        status = str(payload.get("status") or "open")
        until = payload.get("until") if status == "snoozed" else None
        done = ", unread = 0" if status == "done" else ""
        sql.execute(
            f"UPDATE conversations SET status = ?, snoozed_until = ?{done} WHERE id = ?", (status, until, found)
        )
    elif kind is OpKind.FLAG:
        note = payload.get("note")
        kept = " ".join(str(note).split())[:MANAGEMENT_NOTE_LONGEST] if note is not None else None
        sql.execute("UPDATE conversations SET management_note = ? WHERE id = ?", (kept, found))
    elif kind is OpKind.ASSIGN:
        sql.execute("UPDATE conversations SET assignee = ? WHERE id = ?", (str(payload.get("person") or ""), found))
    elif kind is OpKind.LABEL:
        label_id = _label_id(
            connection, str(payload.get("client") or ""), str(payload.get("label") or ""), str(payload.get("colour"))
        )
        if label_id is None:
            return found
        if payload.get("on"):
            sql.execute(
                "INSERT OR IGNORE INTO conversation_labels (conversation_id, label_id) VALUES (?, ?)", (found, label_id)
            )
        else:
            sql.execute("DELETE FROM conversation_labels WHERE conversation_id = ? AND label_id = ?", (found, label_id))
    elif kind is OpKind.NOTE:
        sql.execute(
            "INSERT OR IGNORE INTO conversation_notes (key, conversation_id, author, body, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (payload.get("key"), found, payload.get("author", ""), payload.get("body", ""), payload.get("created_at")),
        )
    return found
