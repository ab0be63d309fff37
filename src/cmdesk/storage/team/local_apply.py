"""Making an operation from the team's log true in this laptop's SQLite copy, by the conversation's natural key
(its account's uid and its remote id); a page through this laptop's own ingest. A conversation this laptop does
not hold is skipped (the page that brings it comes earlier in the log, so this is one whose account it lacks)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection

from cmdesk.domain.team import OpKind
from cmdesk.storage import ingest
from cmdesk.storage.rawsql import Reader, driver, scalar
from cmdesk.storage.team import page_codec
from cmdesk.storage.timeutil import to_sqlite_text, utcnow
from cmdesk.storage.triage import LABEL_COLOURS, MANAGEMENT_NOTE_LONGEST

log = logging.getLogger(__name__)


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


def _page(connection: Connection, account_uid: str, payload: dict[str, Any]) -> None:
    account_id = scalar(connection, "SELECT id FROM accounts WHERE uid = ?", (account_uid,))
    if account_id is None:
        log.warning("a page from the team for an account this laptop does not have (%s): skipped", account_uid)
        return
    try:
        page = page_codec.decode(payload)
    except page_codec.BadPage as error:
        log.warning("a page from the team could not be read (%s): skipped", error)
        return
    # Judged by the engine's judge with its next batch, in its process, as the outbox's sent messages are: judged
    # here, a small page loaded the language model and lexicons into the window's own process (+9.6 MB).
    ingest.write_page(
        connection, int(account_id), page, utcnow(), judge_inline=False, save_cursor=payload.get("cursor") is not None
    )


def _outbox(connection: Connection, account_uid: str, remote_id: str, payload: dict[str, Any]) -> None:
    """A teammate's outbox entry, copied under its idempotency key; a copy being sent or sent here is left alone."""
    account_id = scalar(connection, "SELECT id FROM accounts WHERE uid = ?", (account_uid,))
    if account_id is None:
        return
    conversation = conversation_id(connection, account_uid, remote_id) if remote_id else None
    key = str(payload.get("idempotency_key") or "")
    sql = driver(connection)
    held = scalar(connection, "SELECT state FROM outbox WHERE idempotency_key = ?", (key,))
    values = [payload.get(column) for column in ("action", "payload", "state", "scheduled_at", "created_at")]
    if held is None:
        sql.execute(
            "INSERT INTO outbox (account_id, conversation_id, action, idempotency_key, payload, state, scheduled_at, "
            "attempts, last_error, remote_id, created_at, updated_at, claimed_by, network_schedule) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, 0, '', '', ?, ?, '', '')",
            (account_id, conversation, values[0], key, *values[1:], payload.get("updated_at")),
        )
    elif held not in ("sending", "sent"):
        sql.execute(
            "UPDATE outbox SET payload = ?, state = ?, scheduled_at = ?, updated_at = ? WHERE idempotency_key = ?",
            (payload.get("payload"), payload.get("state"), payload.get("scheduled_at"), payload.get("updated_at"), key),
        )


def _sent(connection: Connection, payload: dict[str, Any]) -> None:
    driver(connection).execute(
        "UPDATE outbox SET state = 'sent', remote_id = ?, last_error = '' "
        "WHERE idempotency_key = ? AND state != 'sent'",
        (str(payload.get("remote_id") or ""), str(payload.get("key") or "")),
    )


def _answered_since(connection: Reader, conversation: int, made_at: int) -> bool:
    """Whether a message reached this copy after the operation was made: closing or snoozing made before it does
    not hide it (every laptop then ends open, whichever order it saw the two in)."""
    since = to_sqlite_text(datetime.fromtimestamp(made_at / 1_000_000, UTC))
    return bool(
        scalar(
            connection,
            "SELECT 1 FROM messages WHERE conversation_id = ? AND direction = 'in' AND first_seen_at > ? LIMIT 1",
            (conversation, since),
        )
    )


def apply(
    connection: Connection,
    kind: OpKind,
    account_uid: str,
    remote_id: str,
    payload: dict[str, Any],
    made_at: int | None = None,
) -> int | None:
    """Apply one operation (or, `made_at` None, the value a verdict says holds); the local conversation's id, None
    when absent."""
    if kind is OpKind.PAGE:
        _page(connection, account_uid, payload)
        return None
    if kind is OpKind.OUTBOX:
        _outbox(connection, account_uid, remote_id, payload)
        return conversation_id(connection, account_uid, remote_id) if remote_id else None
    if kind is OpKind.SENT:
        _sent(connection, payload)
        return None
    found = conversation_id(connection, account_uid, remote_id)
    if found is None:
        return None
    sql = driver(connection)
    if kind is OpKind.STATUS:
        status = str(payload.get("status") or "open")
        if status != "open" and made_at is not None and _answered_since(connection, found, made_at):
            return found
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
