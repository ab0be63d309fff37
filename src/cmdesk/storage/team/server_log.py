"""The team's log on the team database: operations pushed by laptops, decided by their kind's rule
(domain/team.py), appended in one order, and read back by every laptop.

Appends are serialised by a transaction-level advisory lock: a `seq` is taken and committed before the next
append starts, so a laptop reading "after seq N" never misses an operation committed later with a smaller number.
Each decision also updates the records (the conversation's status, assignee, labels, notes) when the team
database holds that conversation, so a laptop joining later copies the state as it is."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, text

from cmdesk.domain.team import REGISTERS, Operation, OpKind, Verdict
from cmdesk.storage.team import server_pages, server_sends

APPEND_LOCK = 0x636D_6465_736B_0002


_IDS = "team_conversation_ids"
"""Where `push` keeps the batch's conversation ids (looked up in one query) in the connection's info."""
_BATCH = "team_batch"
"""Where `push` keeps the batch's operations, to look their conversations up again after a page."""


def _prefetch_ids(pg: Connection, operations: Sequence[Operation]) -> dict[tuple[str, str], int]:
    subjects = sorted({op.subject for op in operations if op.conversation})
    if not subjects:
        return {}
    found = pg.execute(
        text(
            "SELECT a.uid, c.remote_id, c.id FROM conversations AS c JOIN accounts AS a ON a.id = c.account_id "
            "JOIN unnest(CAST(:uids AS TEXT[]), CAST(:remote_ids AS TEXT[])) AS s(uid, remote_id) "
            "ON s.uid = a.uid AND s.remote_id = c.remote_id"
        ),
        {"uids": [s[0] for s in subjects], "remote_ids": [s[1] for s in subjects]},
    )
    return {(row[0], row[1]): int(row[2]) for row in found}


def _conversation_id(pg: Connection, op: Operation) -> int | None:
    """The team database's id of the operation's conversation, from what `push` looked up for its batch (looked up
    again after a page of the batch was written)."""
    known: dict[tuple[str, str], int] = pg.info[_IDS]
    return known.get(op.subject)


def _mirror(pg: Connection, op: Operation, payload: dict[str, Any]) -> None:
    """The records follow an applied operation (when the team database holds the conversation)."""
    found = _conversation_id(pg, op)
    if found is None:
        return
    if op.kind is OpKind.STATUS:
        status = str(payload.get("status") or "open")
        until = payload.get("until") if status == "snoozed" else None
        pg.execute(
            text(
                "UPDATE conversations SET status = :status, snoozed_until = CAST(:until AS TIMESTAMP), "
                "unread = CASE WHEN :done THEN false ELSE unread END WHERE id = :id"
            ),
            {"status": status, "until": until, "done": status == "done", "id": found},
        )
    elif op.kind is OpKind.FLAG:
        pg.execute(
            text("UPDATE conversations SET management_note = :note WHERE id = :id"),
            {"note": payload.get("note"), "id": found},
        )
    elif op.kind is OpKind.ASSIGN:
        pg.execute(
            text("UPDATE conversations SET assignee = :person WHERE id = :id"),
            {"person": payload.get("person") or "", "id": found},
        )
    elif op.kind is OpKind.NOTE:
        pg.execute(
            text(
                "INSERT INTO conversation_notes (key, conversation_id, author, body, created_at) "
                "VALUES (:key, :id, :author, :body, CAST(:created_at AS TIMESTAMP)) ON CONFLICT (key) DO NOTHING"
            ),
            {**{k: payload.get(k) for k in ("key", "author", "body", "created_at")}, "id": found},
        )
    elif op.kind is OpKind.LABEL:
        _mirror_label(pg, found, payload)


def _mirror_label(pg: Connection, conversation_id: int, payload: dict[str, Any]) -> None:
    client = payload.get("client") or ""
    client_id = None
    if client:
        client_id = pg.execute(text("SELECT id FROM clients WHERE name = :n"), {"n": client}).scalar()
        if client_id is None:
            return
    where = "name = :name AND client_id IS NOT DISTINCT FROM :client"
    values = {"name": payload.get("label"), "client": client_id}
    label_id = pg.execute(text(f"SELECT id FROM labels WHERE {where}"), values).scalar()
    if label_id is None:
        if not payload.get("on"):
            return
        label_id = pg.execute(
            text("INSERT INTO labels (client_id, name, color) VALUES (:client, :name, :colour) RETURNING id"),
            {**values, "colour": payload.get("colour") or "#607d8b"},
        ).scalar()
    if payload.get("on"):
        pg.execute(
            text("INSERT INTO conversation_labels (conversation_id, label_id) VALUES (:c, :l) ON CONFLICT DO NOTHING"),
            {"c": conversation_id, "l": label_id},
        )
    else:
        pg.execute(
            text("DELETE FROM conversation_labels WHERE conversation_id = :c AND label_id = :l"),
            {"c": conversation_id, "l": label_id},
        )


def _subject(op: Operation) -> dict[str, Any]:
    return {"account": op.account_uid, "conversation": op.conversation}


def _register(pg: Connection, op: Operation, *, lock: bool) -> Any:
    return pg.execute(
        text(
            "SELECT value, made_at, op_id FROM team_registers WHERE account_uid = :account "
            "AND conversation = :conversation AND field = :field" + (" FOR UPDATE" if lock else "")
        ),
        {**_subject(op), "field": op.kind.value},
    ).first()


_WRITE_REGISTER = text(
    "INSERT INTO team_registers (account_uid, conversation, field, value, made_at, op_id) "
    "VALUES (:account, :conversation, :field, CAST(:value AS JSONB), :made_at, :op_id) "
    "ON CONFLICT (account_uid, conversation, field) DO UPDATE SET value = excluded.value, "
    "made_at = excluded.made_at, op_id = excluded.op_id "
    "WHERE (team_registers.made_at, team_registers.op_id) < (excluded.made_at, excluded.op_id) RETURNING 1"
)


def _decide_register(pg: Connection, op: Operation) -> Verdict:
    """One statement: written when newer than what the register holds (last writer wins), else the value held."""
    written = pg.execute(
        _WRITE_REGISTER,
        {
            **_subject(op),
            "field": op.kind.value,
            "value": json.dumps(op.payload),
            "made_at": op.made_at,
            "op_id": op.op_id,
        },
    ).first()
    if written is None:
        held = _register(pg, op, lock=False)
        return Verdict(op.op_id, False, "a later change from another laptop holds", dict(held.value) if held else {})
    _mirror(pg, op, op.payload)
    return Verdict(op.op_id, True, "", dict(op.payload))


def _assignee(pg: Connection, op: Operation, *, lock: bool) -> str:
    found = pg.execute(
        text(
            "SELECT person FROM team_assignments WHERE account_uid = :account AND conversation = :conversation"
            + (" FOR UPDATE" if lock else "")
        ),
        _subject(op),
    ).scalar()
    return str(found or "")


_ASSIGN_FIRST = text(
    "INSERT INTO team_assignments (account_uid, conversation, person, op_id) VALUES (:account, :conversation, "
    ":person, :op_id) ON CONFLICT (account_uid, conversation) DO UPDATE SET person = excluded.person, "
    "op_id = excluded.op_id WHERE team_assignments.person IN (:expected, :person) RETURNING 1"
)
_ASSIGN_AGAIN = text(
    "UPDATE team_assignments SET person = :person, op_id = :op_id WHERE account_uid = :account "
    "AND conversation = :conversation AND person IN (:expected, :person) RETURNING 1"
)


def _decide_assignment(pg: Connection, op: Operation) -> Verdict:
    """Compare-and-set in one statement: taken when the holder is still whom the laptop saw (or already the one
    wanted); a conversation never assigned counts as held by nobody. The row lock makes two laptops queue."""
    wanted = str(op.payload.get("person") or "")
    expected = str(op.payload.get("expected") or "")
    values = {**_subject(op), "person": wanted, "expected": expected, "op_id": op.op_id}
    taken = pg.execute(_ASSIGN_FIRST if expected == "" else _ASSIGN_AGAIN, values).first()
    if taken is None:
        current = _assignee(pg, op, lock=False)
        detail = f"already taken by {current}" if current else "no longer assigned to anyone"
        return Verdict(op.op_id, False, detail, {"person": current})
    _mirror(pg, op, op.payload)
    return Verdict(op.op_id, True, "", {"person": wanted})


_LABEL_OPS = (
    "FROM team_ops AS {a} WHERE {a}.kind = 'label' AND {a}.account_uid = :account AND {a}.conversation = :conversation "
    "AND {a}.payload->>'client' = :client AND {a}.payload->>'label' = :label AND {a}.applied"
)
_COVERED = (
    "EXISTS (SELECT 1 "
    + _LABEL_OPS.format(a="r")
    + " AND NOT (r.payload->>'on')::boolean AND (a.seq <= (r.payload->>'seen')::bigint "
    "OR (a.laptop = r.laptop AND a.seq < r.seq)))"
)


def _label_present(pg: Connection, op: Operation, *, also_covered_by: tuple[int, str] | None = None) -> bool:
    """Whether some addition of the label is covered by no removal (add wins); `also_covered_by` = (seen,
    laptop) of a removal being decided, counted as if applied."""
    extra = ""
    params: dict[str, Any] = {
        **_subject(op),
        "client": str(op.payload.get("client") or ""),
        "label": str(op.payload.get("label") or ""),
    }
    if also_covered_by is not None:
        extra = " AND NOT (a.seq <= :seen OR a.laptop = :laptop)"
        params.update(seen=also_covered_by[0], laptop=also_covered_by[1])
    sql = "SELECT EXISTS (SELECT 1 " + _LABEL_OPS.format(a="a")
    sql += f" AND (a.payload->>'on')::boolean AND NOT {_COVERED}{extra})"
    return bool(pg.execute(text(sql), params).scalar())


def _decide_label(pg: Connection, op: Operation, laptop: str) -> Verdict:
    if op.payload.get("on"):
        _mirror(pg, op, op.payload)
        return Verdict(op.op_id, True, "", {"on": True})
    if _label_present(pg, op, also_covered_by=(int(op.payload.get("seen") or 0), laptop)):
        return Verdict(op.op_id, False, "another laptop put the label on meanwhile", {"on": True})
    _mirror(pg, op, op.payload)
    return Verdict(op.op_id, True, "", {"on": False})


def _decide(pg: Connection, op: Operation, laptop: str) -> Verdict:
    if op.kind is OpKind.PAGE:
        if server_pages.write(pg, op.account_uid, op.payload):
            # The page may have made conversations the batch's later operations name.
            pg.info[_IDS] = _prefetch_ids(pg, pg.info[_BATCH])
        return Verdict(op.op_id, True)
    if op.kind is OpKind.OUTBOX:
        return Verdict(op.op_id, True)
    if op.kind is OpKind.SENT:
        server_sends.settle(pg, str(op.payload.get("key")), laptop, str(op.payload.get("remote_id") or ""))
        return Verdict(op.op_id, True)
    if op.kind in REGISTERS:
        return _decide_register(pg, op)
    if op.kind is OpKind.ASSIGN:
        return _decide_assignment(pg, op)
    if op.kind is OpKind.LABEL:
        return _decide_label(pg, op, laptop)
    _mirror(pg, op, op.payload)
    return Verdict(op.op_id, True, "", {})


def _holds_now(pg: Connection, op: Operation) -> dict[str, Any]:
    """The value that holds now for an operation's field (for an operation pushed twice)."""
    if op.kind in REGISTERS:
        held = _register(pg, op, lock=False)
        return dict(held.value) if held is not None else {}
    if op.kind is OpKind.ASSIGN:
        return {"person": _assignee(pg, op, lock=False)}
    if op.kind is OpKind.LABEL:
        return {"on": _label_present(pg, op)}
    return {}


def push(pg: Connection, laptop: str, person: str, operations: Sequence[Operation]) -> list[Verdict]:
    """Decide and append operations (in the caller's transaction); an operation already in the log (pushed before
    a crash ate the answer) is not appended again: its verdict is given again."""
    pg.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": APPEND_LOCK})
    pushed_before = {
        row.op_id: row
        for row in pg.execute(
            text("SELECT op_id, applied, detail FROM team_ops WHERE op_id = ANY(CAST(:ids AS TEXT[]))"),
            {"ids": [op.op_id for op in operations]},
        )
    }
    pg.info[_IDS] = _prefetch_ids(pg, operations)
    pg.info[_BATCH] = operations
    try:
        return [_append(pg, laptop, person, op, pushed_before.get(op.op_id)) for op in operations]
    finally:
        pg.info.pop(_IDS, None)
        pg.info.pop(_BATCH, None)


_APPEND = text(
    "INSERT INTO team_ops (op_id, laptop, person, kind, account_uid, conversation, payload, made_at, applied, detail) "
    "VALUES (:op_id, :laptop, :person, :kind, :account, :conversation, CAST(:payload AS JSONB), :made_at, "
    ":applied, :detail)"
)


def _append(pg: Connection, laptop: str, person: str, op: Operation, known: Any) -> Verdict:
    if known is not None:
        return Verdict(op.op_id, bool(known.applied), known.detail, _holds_now(pg, op))
    verdict = _decide(pg, op, laptop)
    pg.execute(
        _APPEND,
        {
            **_subject(op),
            "op_id": op.op_id,
            "laptop": laptop,
            "person": person,
            "kind": op.kind.value,
            "payload": json.dumps(op.payload),
            "made_at": op.made_at,
            "applied": verdict.applied,
            "detail": verdict.detail,
        },
    )
    return verdict


def after(pg: Connection, seq: int, limit: int = 1000) -> list[Operation]:
    """The log's operations after `seq`, in order."""
    found = pg.execute(
        text(
            "SELECT seq, op_id, laptop, person, kind, account_uid, conversation, payload, made_at, applied "
            "FROM team_ops WHERE seq > :seq ORDER BY seq LIMIT :limit"
        ),
        {"seq": seq, "limit": limit},
    )
    return [
        Operation(
            row.op_id,
            OpKind(row.kind),
            row.account_uid,
            row.conversation,
            dict(row.payload),
            int(row.made_at),
            row.laptop,
            row.person,
            int(row.seq),
            bool(row.applied),
        )
        for row in found
    ]


def last_seq(pg: Connection) -> int:
    return int(pg.execute(text("SELECT coalesce(max(seq), 0) FROM team_ops")).scalar() or 0)


def people(pg: Connection) -> list[str]:
    """The persons of the team's laptops."""
    return [str(row[0]) for row in pg.execute(text("SELECT DISTINCT person FROM team_laptops"))]


def seen(pg: Connection, laptop: str, person: str, seq: int) -> None:
    """The laptop was here and has read the log up to `seq`."""
    pg.execute(
        text(
            "INSERT INTO team_laptops (laptop, person, seq) VALUES (:laptop, :person, :seq) ON CONFLICT (laptop) "
            "DO UPDATE SET person = excluded.person, seen_at = now(), seq = excluded.seq"
        ),
        {"laptop": laptop, "person": person, "seq": seq},
    )
