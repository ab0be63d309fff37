"""How often and how soon the window refreshes, wakes, and writes what it asked while starting."""

from typing import TypeVar

T = TypeVar("T")
UNREAD_BADGE_CAP = 100
"""The tray badge says 99+ beyond: counting further would cost ~0.2 s on a million conversations."""
WAKE_CHECK_MS = 30_000
SYNC_REFRESH_MS = 700
"""While accounts finish syncing one after another, the list and counts refresh once things go quiet for this
long, not after every account (which stalled the window on large databases)…"""
SYNC_REFRESH_MAX_S = 3.0
"""…but at least this often during a long sync, so new conversations keep appearing."""
SYNC_REFRESH_SPREAD_MS = 15
"""The list, the sidebar and the notifications refresh in separate turns of the event loop, this far apart."""
START_WRITES_AFTER_PAINT_MS = 250
"""What the window asked to write while it was being built runs this long after its first paint, once the app's
event loop runs (the write then goes to the writer thread, which imports SQLAlchemy there)…"""
START_WRITES_LATEST_MS = 2000
"""…or this long after it was built, if it is never painted (started hidden)."""
