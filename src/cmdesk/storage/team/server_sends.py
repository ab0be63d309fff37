"""Outbox entries claimed in the whole team (`team_sends`), by idempotency key: a key is sent by one laptop only,
whichever laptops hold a copy of the entry. A claim left "sending" by a laptop that stopped answering is taken over
once stale — as unsure, so the new sender first looks for it on the network (sync/outbox.py)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, text

STALE_SECONDS = 120
"""A claim "sending" for longer than this was left by a laptop that died or lost the network (sync/outbox.py's
STALE_SENDING: every request times out well before)."""


@dataclass(frozen=True, slots=True)
class Claimed:
    ok: bool
    unsure: bool = False
    holder: str = ""
    remote_id: str = ""
    """Set when the key was sent already (by `holder`)."""


def claim(pg: Connection, key: str, laptop: str, stale_seconds: int = STALE_SECONDS) -> Claimed:
    fresh = pg.execute(
        text(
            "INSERT INTO team_sends (idempotency_key, laptop, state, claimed_at) VALUES (:key, :laptop, 'sending', "
            "now()) ON CONFLICT (idempotency_key) DO NOTHING RETURNING laptop"
        ),
        {"key": key, "laptop": laptop},
    ).first()
    if fresh is not None:
        return Claimed(True)
    held = pg.execute(
        text(
            "SELECT laptop, state, remote_id, claimed_at < now() - make_interval(secs => :stale) AS stale "
            "FROM team_sends WHERE idempotency_key = :key FOR UPDATE"
        ),
        {"key": key, "stale": stale_seconds},
    ).first()
    assert held is not None
    if held.state == "sent":
        return Claimed(False, holder=held.laptop, remote_id=held.remote_id or "")
    if held.laptop != laptop and not held.stale:
        return Claimed(False, holder=held.laptop)
    pg.execute(
        text("UPDATE team_sends SET laptop = :laptop, claimed_at = now() WHERE idempotency_key = :key"),
        {"key": key, "laptop": laptop},
    )
    return Claimed(True, unsure=held.laptop != laptop)


def settle(pg: Connection, key: str, laptop: str, remote_id: str | None) -> None:
    if remote_id is None:
        pg.execute(
            text("DELETE FROM team_sends WHERE idempotency_key = :key AND laptop = :laptop AND state = 'sending'"),
            {"key": key, "laptop": laptop},
        )
        return
    pg.execute(
        text("UPDATE team_sends SET state = 'sent', remote_id = :remote_id WHERE idempotency_key = :key"),
        {"key": key, "remote_id": remote_id},
    )
