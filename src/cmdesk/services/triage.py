"""Triage commands on conversations — read marks for now; status, snooze and labels join them as the window's
writes move here (issue 14)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection

from cmdesk.services.networks import read_marks_networks
from cmdesk.storage import triage


def mark_read(connection: Connection, ids: Sequence[int], read: bool = True) -> int:
    """Read (or unread) in cmdesk; on networks that keep read marks the server follows through the outbox."""
    return triage.mark_read(connection, ids, read, carry_to=read_marks_networks())
