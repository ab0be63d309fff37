"""This laptop's link to a team database, kept in the SQLite `meta` table (no secret: the password is in the
keyring under the address's `secret_key`): the address, the laptop's and the person's names, the last log position
applied here and the hybrid clock."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from cmdesk.domain.reader import TeamSummary
from cmdesk.domain.team import TeamLink, next_clock, parse_team_url
from cmdesk.storage.rawsql import Reader, driver, rows

if TYPE_CHECKING:
    from cmdesk.storage.database import Database

KEYS = ("team.url", "team.laptop", "team.person", "team.seq", "team.clock", "team.people")


def _put(connection: Reader, key: str, value: str) -> None:
    driver(connection).execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def current(database: Database) -> TeamLink | None:
    """`read` in a read transaction of its own: what a command asks before it imports anything of the team's (the
    team's service imports its server's modules)."""
    with database.read() as connection:
        return read(connection)


def read(connection: Reader) -> TeamLink | None:
    """The team this laptop belongs to, or None for a workspace of its own."""
    values = {row[0]: row[1] for row in rows(connection, "SELECT key, value FROM meta WHERE key LIKE 'team.%'")}
    if not values.get("team.url"):
        return None
    return TeamLink(
        parse_team_url(values["team.url"]),
        values.get("team.laptop", ""),
        values.get("team.person", ""),
        int(values.get("team.seq") or 0),
        int(values.get("team.clock") or 0),
    )


def save(connection: Reader, link: TeamLink) -> None:
    _put(connection, "team.url", link.address.url)
    _put(connection, "team.laptop", link.laptop)
    _put(connection, "team.person", link.person)
    _put(connection, "team.seq", str(link.seq))
    _put(connection, "team.clock", str(link.clock))


def forget(connection: Reader) -> None:
    """Back to a workspace of its own (the data stays)."""
    driver(connection).execute(f"DELETE FROM meta WHERE key IN ({', '.join('?' * len(KEYS))})", KEYS)


def read_up_to(connection: Reader, seq: int) -> None:
    """The team's log was applied here up to `seq`."""
    _put(connection, "team.seq", str(seq))


def tick(connection: Reader, seen: int = 0) -> int:
    """The clock's next value, kept: after every operation made here and every one seen from the team."""
    row = driver(connection).execute("SELECT value FROM meta WHERE key = 'team.clock'").fetchone()
    value = next_clock(int(row[0]) if row and row[0] else 0, seen)
    _put(connection, "team.clock", str(value))
    return value


def observe(connection: Reader, made_at: int) -> None:
    """An operation from another laptop was seen: the clock moves past it (without making a new tick)."""
    row = driver(connection).execute("SELECT value FROM meta WHERE key = 'team.clock'").fetchone()
    if made_at > (int(row[0]) if row and row[0] else 0):
        _put(connection, "team.clock", str(made_at))


def people(connection: Reader) -> dict[str, Any]:
    """This laptop's person, the team's people (as the last replay heard them) and the team's summary, for the
    window's `Workspace`."""
    keys = ("team.person", "team.people", "team.url", "team.laptop")
    found = rows(connection, f"SELECT key, value FROM meta WHERE key IN ({', '.join('?' * len(keys))})", keys)
    values: dict[str, str] = {row[0]: row[1] for row in found}
    person = values.get("team.person") or ""
    if not person:
        return {}
    from cmdesk.storage.team import pending

    summary = TeamSummary(values.get("team.url") or "", values.get("team.laptop") or "", pending.count(connection))
    try:
        known = [str(name) for name in json.loads(values.get("team.people") or "[]")]
    except (json.JSONDecodeError, TypeError):
        known = []
    teammates = tuple(sorted(set(known) | {person}, key=str.casefold))
    return {"person": person, "teammates": teammates, "team": summary}


def remember_people(connection: Reader, names: list[str]) -> None:
    _put(connection, "team.people", json.dumps(sorted(set(names))))
