"""Web feeds (RSS 0.9x/1.0/2.0, Atom, JSON Feed): blogs, forums, YouTube, Dailymotion, Reddit, Google Alerts.

The package imports nothing itself: the parser processes import `feeds.parse` alone (feedparser, nh3 and the domain
types), not the connector with httpx, asyncio and the registry that only the syncing process needs — each worker
started ~300 ms and ~10 MB lighter."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cmdesk.connectors.feeds.connector import FeedConnector, NotAFeed, discover
    from cmdesk.connectors.feeds.fetch import MAX_BODY_BYTES

__all__ = ["MAX_BODY_BYTES", "FeedConnector", "NotAFeed", "discover"]


def __getattr__(name: str) -> Any:
    if name == "MAX_BODY_BYTES":
        from cmdesk.connectors.feeds import fetch

        return fetch.MAX_BODY_BYTES
    if name in ("FeedConnector", "NotAFeed", "discover"):
        from cmdesk.connectors.feeds import connector

        return getattr(connector, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
