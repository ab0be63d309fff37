"""Operations made on this laptop and not yet taken by the team database (`team_pending`), recorded in the same
transaction as the local change they describe, so a change is never made without its operation or the other way
round. Outside a team nothing is recorded."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from typing import Any

from cmdesk.domain.team import Operation, OpKind
from cmdesk.domain.types import Page
from cmdesk.storage.rawsql import Reader, driver, marks, rows, scalar
from cmdesk.storage.team import link, page_codec


def _subjects(connection: Reader, ids: Sequence[int]) -> list[tuple[str, str]]:
    if not ids:
        return []
    found = rows(
        connection,
        "SELECT a.uid, c.remote_id FROM conversations AS c JOIN accounts AS a ON a.id = c.account_id "
        f"WHERE c.id IN ({marks(ids)}) ORDER BY c.id",
        ids,
    )
    return [(row[0], row[1]) for row in found]


def _clean(value: Any) -> Any:
    """PostgreSQL's JSON holds no NUL character (a stranger's text may): it is dropped."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, dict):
        return {key: _clean(inner) for key, inner in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(inner) for inner in value]
    return value


def _record(
    connection: Reader, kind: OpKind, subjects: Iterable[tuple[str, str]], payload: dict[str, Any]
) -> list[str]:
    """Queue one operation per conversation; their ids."""
    made: list[str] = []
    for account_uid, conversation in subjects:
        op_id = os.urandom(16).hex()
        driver(connection).execute(
            "INSERT INTO team_pending (op_id, kind, account_uid, conversation, payload, made_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (op_id, kind.value, account_uid, conversation, json.dumps(_clean(payload)), link.tick(connection)),
        )
        made.append(op_id)
    return made


def in_team(connection: Reader) -> bool:
    return bool(scalar(connection, "SELECT 1 FROM meta WHERE key = 'team.url' AND value != ''"))


def status(connection: Reader, ids: Sequence[int], value: str, until: str | None) -> list[str]:
    if not in_team(connection):
        return []
    return _record(connection, OpKind.STATUS, _subjects(connection, ids), {"status": value, "until": until})


def flag(connection: Reader, ids: Sequence[int], note: str | None) -> list[str]:
    if not in_team(connection):
        return []
    return _record(connection, OpKind.FLAG, _subjects(connection, ids), {"note": note})


def label(connection: Reader, ids: Sequence[int], label_id: int, on: bool) -> list[str]:
    """A label put on (or taken off) conversations; a removal names how far this laptop had read the team's log:
    it takes away only the additions made before that (add wins over a concurrent removal)."""
    current = link.read(connection)
    if current is None:
        return []
    found = rows(
        connection,
        "SELECT l.name, l.color, coalesce(c.name, '') FROM labels AS l LEFT JOIN clients AS c ON c.id = l.client_id "
        "WHERE l.id = ?",
        (label_id,),
    )
    if not found:
        return []
    name, colour, client = found[0]
    payload = {"label": name, "colour": colour, "client": client, "on": on, "seen": current.seq}
    return _record(connection, OpKind.LABEL, _subjects(connection, ids), payload)


def assign(connection: Reader, conversation_id: int, person: str) -> list[str]:
    """Assign a conversation locally and queue the compare-and-set: it names whom this laptop saw assigned."""
    if not in_team(connection):
        return []
    expected = scalar(connection, "SELECT assignee FROM conversations WHERE id = ?", (conversation_id,))
    if expected is None:
        return []
    subjects = _subjects(connection, [conversation_id])
    driver(connection).execute("UPDATE conversations SET assignee = ? WHERE id = ?", (person, conversation_id))
    return _record(connection, OpKind.ASSIGN, subjects, {"person": person, "expected": expected})


def note(connection: Reader, conversation_id: int, key: str, author: str, body: str, created_at: str) -> list[str]:
    if not in_team(connection):
        return []
    payload = {"key": key, "author": author, "body": body, "created_at": created_at}
    return _record(connection, OpKind.NOTE, _subjects(connection, [conversation_id]), payload)


def page(connection: Reader, account_id: int, pulled: Page, *, with_cursor: bool = True) -> list[str]:
    """A page this laptop pulled, for the teammates (a page with nothing in it but a new cursor is not shared)."""
    if not (pulled.items or pulled.activities or pulled.deleted or pulled.seen or pulled.measures):
        return []
    if not in_team(connection):
        return []
    uid = scalar(connection, "SELECT uid FROM accounts WHERE id = ?", (account_id,))
    if uid is None:
        return []
    return _record(connection, OpKind.PAGE, [(str(uid), "")], page_codec.encode(pulled, with_cursor=with_cursor))


OUTBOX_COLUMNS = ("action", "idempotency_key", "payload", "state", "scheduled_at", "created_at", "updated_at")


def outbox(connection: Reader, entry_id: int) -> list[str]:
    """An outbox entry as the user left it (queued, edited, retried, cancelled), for the teammates' copies."""
    if not in_team(connection):
        return []
    found = rows(
        connection,
        f"SELECT a.uid, coalesce(c.remote_id, ''), {', '.join('o.' + c for c in OUTBOX_COLUMNS)} FROM outbox AS o "
        "JOIN accounts AS a ON a.id = o.account_id LEFT JOIN conversations AS c ON c.id = o.conversation_id "
        "WHERE o.id = ?",
        (entry_id,),
    )
    if not found:
        return []
    row = found[0]
    return _record(connection, OpKind.OUTBOX, [(row[0], row[1])], dict(zip(OUTBOX_COLUMNS, row[2:], strict=True)))


def sent(connection: Reader, key: str, remote_id: str) -> list[str]:
    """An outbox entry went out from this laptop, as `remote_id`."""
    if not in_team(connection):
        return []
    found = rows(
        connection,
        "SELECT a.uid FROM outbox AS o JOIN accounts AS a ON a.id = o.account_id WHERE o.idempotency_key = ?",
        (key,),
    )
    if not found:
        return []
    return _record(connection, OpKind.SENT, [(found[0][0], "")], {"key": key, "remote_id": remote_id})


PUSH_BYTES = 4 * 1024 * 1024
"""Payload pushed in one go at most (pages are large): memory stays bounded however long the laptop was away."""


def waiting(connection: Reader, limit: int = 1000, max_bytes: int = PUSH_BYTES) -> list[Operation]:
    """The oldest operations still to push, in the order they were made (at least one, however large)."""
    found: list[Operation] = []
    size = 0
    cursor = driver(connection).execute(
        "SELECT op_id, kind, account_uid, conversation, payload, made_at FROM team_pending ORDER BY id LIMIT ?",
        (limit,),
    )
    for row in cursor:
        size += len(row[4])
        if found and size > max_bytes:
            break
        found.append(Operation(row[0], OpKind(row[1]), row[2], row[3], json.loads(row[4]), row[5]))
    cursor.close()
    return found


def count(connection: Reader) -> int:
    return int(scalar(connection, "SELECT count(*) FROM team_pending") or 0)


def remove(connection: Reader, op_ids: Sequence[str]) -> None:
    driver(connection).executemany("DELETE FROM team_pending WHERE op_id = ?", [(op_id,) for op_id in op_ids])


def fields_waiting(connection: Reader) -> set[tuple[str, str, str]]:
    """(account uid, conversation, field) of every operation still to push: a change from the team on one of
    these waits for the server's verdict on this laptop's own (applying it now would undo a change not yet
    decided)."""
    found = rows(connection, "SELECT kind, account_uid, conversation, payload FROM team_pending WHERE kind != 'page'")
    return {
        (row[1], row[2], Operation("", OpKind(row[0]), row[1], row[2], json.loads(row[3]), 0).field) for row in found
    }
