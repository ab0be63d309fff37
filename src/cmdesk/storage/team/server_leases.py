"""Which laptop leads each account (`team_leases`): only the leader pulls an account and sends for it, so two laptops
never fetch or post the same thing twice. A lease lasts `lease_seconds` from its last renewal; any laptop with the
account's sign-in takes it over once it has run out — a laptop killed, asleep or gone from the network stops
renewing. Taking or renewing is one `INSERT … ON CONFLICT DO UPDATE … WHERE` statement: atomic on its row."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, text

from cmdesk.storage.team.server_schema import LEASE_SECONDS


def lease_seconds(pg: Connection) -> int:
    found = pg.execute(text("SELECT value FROM team_info WHERE key = 'lease_seconds'")).scalar()
    try:
        return max(1, int(found)) if found is not None else LEASE_SECONDS
    except ValueError:
        return LEASE_SECONDS


def take(pg: Connection, account_uid: str, laptop: str, seconds: int) -> tuple[str, datetime]:
    """Take or renew the lease when it is free, run out or already this laptop's; (who holds it, until when)."""
    taken = pg.execute(
        text(
            "INSERT INTO team_leases (account_uid, laptop, until) VALUES (:uid, :laptop, now() + make_interval("
            "secs => :seconds)) ON CONFLICT (account_uid) DO UPDATE SET laptop = excluded.laptop, until = "
            "excluded.until WHERE team_leases.laptop = excluded.laptop OR team_leases.until < now() "
            "RETURNING laptop, until"
        ),
        {"uid": account_uid, "laptop": laptop, "seconds": seconds},
    ).first()
    if taken is not None:
        return str(taken.laptop), taken.until
    return holder(pg, account_uid) or ("", datetime.min)


def holder(pg: Connection, account_uid: str) -> tuple[str, datetime] | None:
    """Who leads the account now (None: nobody, or the lease ran out)."""
    found = pg.execute(
        text("SELECT laptop, until FROM team_leases WHERE account_uid = :uid AND until >= now()"), {"uid": account_uid}
    ).first()
    return (str(found.laptop), found.until) if found is not None else None


def led_by(pg: Connection, laptop: str) -> list[str]:
    """The accounts (uids) this laptop leads now."""
    found = pg.execute(
        text("SELECT account_uid FROM team_leases WHERE laptop = :laptop AND until >= now() ORDER BY account_uid"),
        {"laptop": laptop},
    )
    return [str(row[0]) for row in found]


def give_up(pg: Connection, laptop: str) -> None:
    """The laptop leaves: its leases end now."""
    pg.execute(text("DELETE FROM team_leases WHERE laptop = :laptop"), {"laptop": laptop})
