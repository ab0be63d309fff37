"""Who is viewing or replying to which conversation right now: each laptop's window says it (`team_presence`, one
row per laptop, so a newcomer sees the present state) and announces it with PostgreSQL's `NOTIFY` on one channel,
which every other window `LISTEN`s to — no Redis, no polling. A presence not renewed within FRESH_SECONDS is
old news (a window that closed without saying so)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, text

from cmdesk.domain.team import Presence, PresenceState

CHANNEL = "cmdesk_presence"
FRESH_SECONDS = 90


def say(pg: Connection, presence: Presence) -> None:
    pg.execute(
        text(
            "INSERT INTO team_presence (laptop, person, account_uid, conversation, state, said_at) VALUES (:laptop, "
            ":person, :account_uid, :conversation, :state, now()) ON CONFLICT (laptop) DO UPDATE SET person = "
            "excluded.person, account_uid = excluded.account_uid, conversation = excluded.conversation, "
            "state = excluded.state, said_at = excluded.said_at"
        ),
        {
            "laptop": presence.laptop,
            "person": presence.person,
            "account_uid": presence.account_uid,
            "conversation": presence.conversation,
            "state": presence.state.value,
        },
    )
    pg.execute(text("SELECT pg_notify(:channel, :payload)"), {"channel": CHANNEL, "payload": encode(presence)})


def now_present(pg: Connection) -> list[Presence]:
    found = pg.execute(
        text(
            "SELECT laptop, person, account_uid, conversation, state FROM team_presence "
            "WHERE said_at > now() - make_interval(secs => :fresh) AND state != 'away'"
        ),
        {"fresh": FRESH_SECONDS},
    )
    return [Presence(row[0], row[1], row[2], row[3], PresenceState(row[4])) for row in found]


def encode(presence: Presence) -> str:
    return json.dumps(
        {
            "laptop": presence.laptop,
            "person": presence.person,
            "account_uid": presence.account_uid,
            "conversation": presence.conversation,
            "state": presence.state.value,
        }
    )


def decode(payload: str) -> Presence | None:
    """A notification's payload, or None when it is not one cmdesk wrote (the channel is open to the database's
    users)."""
    try:
        data: Any = json.loads(payload)
        return Presence(
            str(data["laptop"]),
            str(data["person"]),
            str(data["account_uid"]),
            str(data["conversation"]),
            PresenceState(data["state"]),
        )
    except (ValueError, KeyError, TypeError):
        return None
