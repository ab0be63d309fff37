"""The ledger of metered quotas (`usage`): units a network's meter counted for cmdesk per period — a Google
project's YouTube units per Pacific day, shared by every channel signed in with that project's OAuth client. Pulls add
what they spent with their page (ingest), sent acts with their outbox entry; the engine hands the recent rows to a
connector before it pulls, so that several accounts on one meter plan within one budget; the Sources pane shows them.
Periods are the network's own ("2026-12-02"); rows older than KEPT_PERIODS days are dropped as new ones come."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from cmdesk.domain import Usage
from cmdesk.storage.rawsql import Reader, driver, rows

if TYPE_CHECKING:
    from sqlalchemy import Connection

KEPT = timedelta(days=40)


def add(connection: Connection, spent: Iterable[Usage], now: datetime) -> None:
    """Count what was spent (in the caller's transaction)."""
    entries = [(u.meter, u.period, u.units) for u in spent if u.units]
    if not entries:
        return
    cursor = driver(connection)
    cursor.executemany(
        "INSERT INTO usage (meter, period, units) VALUES (?, ?, ?) "
        "ON CONFLICT (meter, period) DO UPDATE SET units = units + excluded.units",
        entries,
    )
    cursor.execute("DELETE FROM usage WHERE period < ?", ((now - KEPT).date().isoformat(),))


def recent(connection: Reader) -> dict[tuple[str, str], int]:
    """Every kept (meter, period) and its units."""
    found = rows(connection, "SELECT meter, period, units FROM usage")
    return {(str(meter), str(period)): int(units) for meter, period, units in found}
